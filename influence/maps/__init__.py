"""Interactive HTML influence maps for the account review.

:func:`render_map` returns an :class:`InfluenceMap` (the page as text; write
it with :meth:`InfluenceMap.save` or take its bytes); the interface's words
come from :data:`MAP_STRINGS`.
"""

from influence.maps.render import InfluenceMap, render_map
from influence.maps.strings import MAP_STRINGS, map_strings

__all__ = ["MAP_STRINGS", "InfluenceMap", "map_strings", "render_map"]
