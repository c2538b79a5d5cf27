"""Facts.access: each node's strength towards the decision makers, read on demand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence.analysis import Facts
from influence.generate import generate_account
from influence.graph import TOLERANCE, PathFinder
from influence.loading import Document
from influence.validation import build_account


def test_access_is_the_strongest_path_to_a_decision_maker_other_than_oneself():
    account = build_account(Document("g", generate_account(300, seed=11), {}))
    facts = Facts(account)
    finder = PathFinder.for_account(account)
    dms = [d.id for d in account.decision_makers]
    nodes = (
        [p.id for p in account.people] + [t.id for t in account.team] + [c.id for c in account.competitors]
    )
    expected = {}
    for p in nodes:
        best = 1.0 if p in dms else max(finder.strongest(p, d).strength for d in dms if d != p)
        if best > 0:
            expected[p] = best
    # the strengths multiplied in the other order: equal within the tolerance
    one_by_one = {p: facts.access.get(p) for p in nodes if p in facts.access}
    assert one_by_one == pytest.approx(expected, abs=TOLERANCE)
    assert {p: facts.access[p] for p in expected} == one_by_one
    assert dict(facts.access) == one_by_one and len(facts.access) == len(expected)  # read whole
    assert facts.access.get("nobody", 0.0) == 0.0 and "nobody" not in facts.access


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=2, max_value=120), st.integers(min_value=0, max_value=10**6))
def test_an_introduction_passes_no_private_person_and_no_one_against_us(people, seed):
    """Brute force against the search: every route a recommendation names goes through people
    who are neither private nor against us (stance below 0), and a person whom such a route can
    reach gets one. Asking an opponent or a skeptic to introduce us was the advice before."""
    import networkx as nx

    from influence.graph import influence_graph

    account = build_account(Document("g", generate_account(people, seed=seed), {}))
    facts = Facts(account)
    by_id = account.person_by_id
    usable = {pid for pid, p in by_id.items() if not p.private and (p.stance is None or p.stance >= 0)} | {
        t.id for t in account.team
    }
    graph = influence_graph(account)
    public = nx.DiGraph((u, v) for u, v, d in graph.edges(data=True) if not d.get("private") and u in usable)
    teams = {t.id for t in account.team}
    for pid, p in by_id.items():
        route = facts.introduction(pid).path
        assert all(n in usable for n in route[:-1]), (pid, route)
        if p.private:
            continue
        reachable = any(t in public and pid in public and nx.has_path(public, t, pid) for t in teams)
        assert bool(route) == reachable, (pid, route)


def test_uralmet_asks_no_skeptic_to_introduce_us():
    from influence.loading import load_file

    account = load_file("examples/uralmet.yaml")
    assert Facts(account).introduction("volkov").path == ()  # only through Maria Smirnova, a skeptic
