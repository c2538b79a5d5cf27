"""Interactive HTML influence maps."""

from influence.maps.render import InfluenceMap, render_map

__all__ = ["InfluenceMap", "render_map"]
