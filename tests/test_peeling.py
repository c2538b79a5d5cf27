"""The kernel searches (influence.peeling) give the labels of a search of the whole graph."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from influence.generate import generate_account
from influence.graph import TOLERANCE, PathFinder
from influence.loading import Document
from influence.model import (
    Account,
    AccountInfo,
    Link,
    Person,
    Relationship,
    TeamMember,
)
from influence.peeling import peel_tree
from influence.validation import build_account
from tests.test_graph import with_outsiders

# exact ties (0.5 * 0.5 == 0.25) and ties within the tolerance
STRENGTHS = st.sampled_from([1.0, 1.0 - 4e-10, 1.0 - 7e-10, 0.5, 0.5 + 3e-10, 0.25, 0.8, 0.9, 0.4])


def unpeeled(finder: PathFinder) -> PathFinder:
    """The same finder searching the whole graph."""
    whole = copy.copy(finder)
    whole._peel = None
    return whole


def labels(paths, nodes) -> dict:
    return {n: (paths.strength(n), paths[n].hops, paths[n].path) for n in nodes if n in paths}


@st.composite
def forests(draw):
    """Accounts whose reporting lines form a forest (most of it peels), with a few ties across it."""
    n = draw(st.integers(2, 24))
    ids = [f"p{i:02}" for i in range(n)]
    roles = st.sampled_from([(), (), ("decision_maker",), ("influencer",), ("economic_buyer",)])
    people = tuple(
        Person(
            pid,
            pid,
            reports_to=ids[draw(st.integers(0, i - 1))] if i and draw(st.integers(0, 6)) else None,
            stance=draw(st.sampled_from([None, -1, 0, 1, 2])),
            roles=draw(roles),
            private=draw(st.integers(0, 6)) == 0,
        )
        for i, pid in enumerate(ids)
    )
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1])
    links = tuple(
        Link(
            u,
            v,
            draw(st.sampled_from(["family", "friend", "influences", "informal"])),
            draw(STRENGTHS),
            draw(st.one_of(st.none(), STRENGTHS)),
            private=draw(st.integers(0, 4)) == 0,
        )
        for u, v in draw(st.lists(pairs, max_size=3))
    )
    return with_outsiders(draw, people, links, STRENGTHS, STRENGTHS, rivals=1)


@settings(max_examples=400, deadline=None)
@given(
    forests(),
    st.booleans(),
    st.sampled_from(["S", "A", "O"]),
    st.booleans(),
    st.sampled_from([0.0, 0.0, 0.3]),
    st.data(),
)
def test_a_kernel_search_equals_the_search_of_the_whole_graph(account, public, kind, forward, cutoff, data):
    finder = PathFinder.for_account(account, public=public)
    nodes = list(finder._ids)  # a public finder's hidden people too: no search reaches or starts there
    starts = data.draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=3))
    if data.draw(st.booleans()):  # the searches of the analyses start in the kernel
        kept = [t.id for t in account.team] + [c.id for c in account.competitors]
        kept += [p.id for p in account.decision_makers if p.id in finder._index]
        starts = kept[:3] or starts
    got = finder.search(starts, kind, forward=forward, cutoff=cutoff)
    want = unpeeled(finder).search(starts, kind, forward=forward, cutoff=cutoff)
    asked = data.draw(st.permutations(nodes))  # one node at a time, before the whole is read
    assert labels(got, asked) == labels(want, asked)
    assert dict(got.strengths()) == dict(want.strengths())
    assert {n: got[n] for n in got} == {n: want[n] for n in want}
    assert len(got) == len(want)


def test_a_large_account_searches_a_small_kernel_with_the_same_results():
    account = build_account(Document("g", generate_account(2000, seed=3), {}))
    finder = PathFinder.for_account(account)
    assert finder._peel is not None
    assert sum(finder._peel.kernel) < len(finder._ids) / 3  # most of the account is peeled
    team = sorted(t.id for t in account.team)
    dms = [p.id for p in account.decision_makers]
    for public in (False, True):
        f = PathFinder.for_account(account, public=public)
        for starts, kind, forward in [
            (team, "S", True),
            (team, "A", True),
            (dms, "S", False),
            (dms, "O", False),
        ]:
            got, want = (
                f.search(starts, kind, forward=forward),
                unpeeled(f).search(starts, kind, forward=forward),
            )
            assert got._tail is not None  # searched the kernel
            assert {n: got[n] for n in got} == {n: want[n] for n in want}


def test_a_label_that_drifts_where_a_branch_hangs_searches_the_whole_graph():
    # b is reached first over a1 and a2 (1.0, 3 hops) and expanded; then over x, a little weaker
    # but within the tolerance and in fewer hops: b loses the label it was expanded with. A path
    # round through its report c could then win, so the search reads the whole graph instead.
    t = TOLERANCE
    people = (
        Person("a1", "A1"),
        Person("a2", "A2"),
        Person("b", "B", roles=("decision_maker",)),
        Person("c", "C", reports_to="b"),
        Person("x", "X"),
    )
    account = Account(
        AccountInfo("a", "A"),
        people=people,
        links=(
            Link("a1", "a2", "family", 1.0),
            Link("a2", "b", "family", 1.0),
            Link("x", "b", "family", 1.0),
        ),
        team=(TeamMember("s", "S"),),
        relationships=(Relationship("s", "a1", 1.0), Relationship("s", "x", 1 - 0.5 * t)),
    )
    finder = PathFinder.for_account(account)
    assert finder._peel is not None and finder._peel.attached[finder._index["b"]]
    got, want = finder.search(["s"], "S"), unpeeled(finder).search(["s"], "S")
    assert got._tail is None  # searched the whole graph
    assert got["b"].path == ("s", "x", "b") and got["c"].path == ("s", "x", "b", "c")
    assert {n: got[n] for n in got} == {n: want[n] for n in want}
    assert finder.search(["a1"], "S")._tail is not None  # no drift from a1: the kernel


def test_reporting_lines_that_go_round_are_peeled_where_nothing_is_kept_below():
    assert peel_tree([-1, 0], keep=[0, 1]) is None  # nothing to peel
    p = peel_tree([-1, 0, 0, 2, -1], keep=[1])
    assert p is not None
    assert p.kernel == [True, True, False, False, False]
    assert p.children == {0: [2], 2: [3]}
    # 1 -> 2 -> 3 -> 1 with 4 below: not a valid account, built by hand; nothing ties it to the kernel
    people = (
        Person("a", "A", roles=("decision_maker",)),
        Person("b", "B", reports_to="d"),
        Person("c", "C", reports_to="b"),
        Person("d", "D", reports_to="c"),
        Person("e", "E", reports_to="d"),
    )
    account = Account(AccountInfo("x", "X"), people=people, team=(TeamMember("t", "T"),))
    finder = PathFinder.for_account(account)
    assert finder._peel is not None and finder._peel.kernel[:5] == [True, False, False, False, False]
    got = finder.search(["a"], "S", forward=False)
    assert [got.strength(n) for n in "bcde"] == [0.0] * 4 and "e" not in got
    assert dict(got.strengths()) == dict(unpeeled(finder).search(["a"], "S", forward=False).strengths())
