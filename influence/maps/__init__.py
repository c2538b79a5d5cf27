"""Interactive HTML influence maps (SPEC section 8)."""

from influence.maps.render import InfluenceMap, render_map

__all__ = ["InfluenceMap", "render_map"]
