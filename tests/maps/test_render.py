"""Renderer details that need no browser."""

from __future__ import annotations

import pytest
from pyvis.network import Network

from influence.loading import load_file
from influence.maps.render import _json_for_script, _NodeIds, render_map
from tests.conftest import EXAMPLES


def test_node_id_index_keeps_pyvis_checks():
    net = Network(directed=True)
    net.node_ids = _NodeIds()
    net.add_node("a")
    net.add_node("a")  # pyvis ignores a repeated node
    net.add_node("b")
    assert list(net.node_ids) == ["a", "b"] and "a" in net.node_ids and "z" not in net.node_ids
    net.add_edge("a", "b")
    with pytest.raises(AssertionError):
        net.add_edge("a", "z")


def test_json_in_script_cannot_close_the_script():
    text = _json_for_script({"x": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


def test_map_counts_match_the_account():
    account = load_file(EXAMPLES / "uralmet.yaml")
    rendered = render_map(account, "2026-11-27")
    assert rendered.nodes == len(account.people) + len(account.team) + len(account.competitors) + 4 + 9
    assert rendered.html.count("vis-network") >= 1
