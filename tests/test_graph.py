"""The influence graph and its strongest-path searches."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence.graph import LINK_DEFAULTS, TOLERANCE, PathFinder, influence_graph, strongest_path
from influence.loading import load_file
from tests.conftest import EXAMPLES

HEAD = "format: influence/v1\naccount: {id: acme, name: Acme}\n"
PEOPLE = "people:\n  - {id: a}\n  - {id: b}\n  - {id: c}\n"


def by_id(finder: PathFinder) -> tuple[dict, dict, dict]:
    """A finder's nodes, neighbour lists (in order) and path kinds' intermediates, by node id."""
    ids = finder._ids
    succ = {n: [(ids[m], w) for m, w in finder._succ[i]] for n, i in finder._index.items()}
    pred = {n: [(ids[m], w) for m, w in finder._pred[i]] for n, i in finder._index.items()}
    allowed = {k: {n for n, i in finder._index.items() if flags[i]} for k, flags in finder._allowed.items()}
    return succ, pred, allowed


def public_view(expected: tuple[dict, dict, dict], account) -> tuple[dict, dict, dict]:
    """What :func:`by_id` gives for a public finder, from a plain one's: structural routes pass no
    one against us (stance below 0), who may not introduce us."""
    succ, pred, allowed = expected
    against = {p.id for p in account.people if p.stance is not None and p.stance < 0}
    return succ, pred, {**allowed, "S": allowed["S"] - against}


def public_graph(account):
    """The influence graph as a public finder must see it, built the slow way: private people gone;
    a private edge replaced by the strongest public edge the account gives on its pair (a family tie
    does not hide that two people are former colleagues), or gone when there is none."""
    from influence.graph import LINK_DEFAULTS, build_graph

    graph = build_graph(account)
    hidden = {p.id for p in account.people if p.private}
    public: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for link in account.links:
        if not link.private:
            fwd, back = LINK_DEFAULTS[link.type]
            public.setdefault((link.source, link.target), []).append((link.strength or fwd, link.type))
            public.setdefault((link.target, link.source), []).append(
                (back if link.back_strength is None else link.back_strength, link.type)
            )
    fwd, back = LINK_DEFAULTS["reports_to"]
    for p in account.people:
        if p.reports_to and not p.private:
            public.setdefault((p.id, p.reports_to), []).append((fwd, "reports_to"))
            public.setdefault((p.reports_to, p.id), []).append((back, "reports_to"))
    for r in account.relationships:
        public.setdefault((r.team, r.person), []).append((r.strength, "relationship"))
    for u, v, d in list(graph.edges(data=True)):
        if d["private"]:
            options = sorted((-w, kind) for w, kind in public.get((u, v), []) if w > 0)
            if options and u not in hidden and v not in hidden:
                d.update(strength=-options[0][0], type=options[0][1], private=False)
            else:
                graph.remove_edge(u, v)
    graph.remove_nodes_from(hidden)
    return graph


def edges_of(write, body: str) -> dict[tuple[str, str], float]:
    account = load_file(write(HEAD + body))
    return {(u, v): d["strength"] for u, v, d in influence_graph(account).edges(data=True)}


@pytest.mark.parametrize(
    ("link_type", "forward", "back"),
    [
        ("reports_to", 0.5, 0.8),
        ("influences", 0.6, None),
        ("family", 0.9, 0.9),
        ("friend", 0.6, 0.6),
        ("former_colleague", 0.4, 0.4),
        ("informal", 0.5, 0.5),
    ],
)
def test_default_strengths_by_link_type(write, link_type, forward, back):
    edges = edges_of(write, PEOPLE + f"links:\n  - {{from: a, to: b, type: {link_type}}}\n")
    expected = {("a", "b"): forward} | ({("b", "a"): back} if back is not None else {})
    assert edges == expected


@pytest.mark.parametrize(
    "link_type", ["reports_to", "influences", "family", "friend", "former_colleague", "informal"]
)
def test_back_strength_zero_removes_the_reverse_edge(write, link_type):
    body = PEOPLE + f"links:\n  - {{from: a, to: b, type: {link_type}, strength: weak, back_strength: 0}}\n"
    assert edges_of(write, body) == {("a", "b"): 0.3}


def test_back_strength_creates_a_reverse_edge_on_influences(write):
    body = PEOPLE + "links:\n  - {from: a, to: b, type: influences, strength: 0.7, back_strength: strong}\n"
    assert edges_of(write, body) == {("a", "b"): 0.7, ("b", "a"): 0.9}


def test_reports_to_shorthand_equals_a_link(write):
    short = edges_of(write, "people:\n  - {id: a, reports_to: b}\n  - {id: b}\n")
    long = edges_of(
        write, "people:\n  - {id: a}\n  - {id: b}\nlinks:\n  - {from: a, to: b, type: reports_to}\n"
    )
    assert short == long == {("a", "b"): 0.5, ("b", "a"): 0.8}


def test_strongest_edge_per_pair_stands(write):
    body = PEOPLE + (
        "links:\n"
        "  - {from: a, to: b, type: former_colleague}\n"  # a->b 0.4, b->a 0.4
        "  - {from: a, to: b, type: influences, strength: 0.7}\n"  # a->b 0.7
        "  - {from: b, to: a, type: friend, strength: 0.2, back_strength: 0.3}\n"  # b->a 0.2, a->b 0.3
    )
    assert edges_of(write, body) == {("a", "b"): 0.7, ("b", "a"): 0.4}


def test_relationships_and_competitors(write):
    body = PEOPLE + (
        "team:\n  - {id: olga}\n"
        "relationships:\n  - {team: olga, person: a}\n  - {team: olga, person: b, strength: strong}\n"
        "competitors:\n  - id: rival\n    relationships:\n      - {person: c, strength: 0.35}\n"
    )
    assert edges_of(write, body) == {("olga", "a"): 0.6, ("olga", "b"): 0.9, ("rival", "c"): 0.35}


def test_node_kinds_and_stance(write):
    account = load_file(
        write(
            HEAD + "people:\n  - {id: a, stance: champion}\nteam:\n  - {id: t}\ncompetitors:\n  - {id: r}\n"
        )
    )
    g = influence_graph(account)
    assert dict(g.nodes(data="kind")) == {"a": "person", "t": "team", "r": "competitor"}
    assert g.nodes["a"]["stance"] == 2


def _line_graph(kinds_stances, strengths):
    g = nx.DiGraph()
    for node, (kind, stance) in kinds_stances.items():
        g.add_node(node, kind=kind, stance=stance)
    for (u, v), w in strengths.items():
        g.add_edge(u, v, strength=w, type="influences")
    return g


def test_team_and_competitors_are_never_intermediate():
    g = _line_graph(
        {"a": ("person", 1), "t": ("team", None), "b": ("person", 1)},
        {("a", "t"): 1.0, ("t", "b"): 1.0},
    )
    assert strongest_path(g, "a", "b").strength == 0
    assert strongest_path(g, "t", "b").path == ("t", "b")


@pytest.mark.parametrize(
    ("kind", "mid_stance", "reachable"),
    [
        ("S", -2, True),
        ("A", 1, True),
        ("A", 0, False),
        ("A", None, False),
        ("O", 0, True),
        ("O", None, True),
        ("O", 1, False),
    ],
)
def test_who_may_stand_in_the_middle(kind, mid_stance, reachable):
    g = _line_graph(
        {"s": ("competitor", None), "m": ("person", mid_stance), "d": ("person", -2)},
        {("s", "m"): 0.9, ("m", "d"): 0.9},
    )
    result = strongest_path(g, "s", "d", kind)
    assert (result.strength > 0) is reachable
    assert result.path == (("s", "m", "d") if reachable else ())


def test_self_path_and_tie_rules():
    g = _line_graph(
        dict.fromkeys("abcdx", ("person", 1)),
        {
            ("a", "d"): 0.25,
            ("a", "b"): 0.5,
            ("b", "d"): 0.5,
            ("a", "c"): 0.5,
            ("c", "d"): 0.5,
            ("a", "x"): 1.0,
        },
    )
    assert strongest_path(g, "a", "a").path == ("a",)
    assert strongest_path(g, "a", "a").strength == 1
    # a->d direct (0.25) ties a->b->d and a->c->d (0.25): fewer hops wins
    assert strongest_path(g, "a", "d").path == ("a", "d")
    g.remove_edge("a", "d")
    # equal strength and hops: smaller id list wins
    assert strongest_path(g, "a", "d").path == ("a", "b", "d")
    assert strongest_path(g, "d", "a").strength == 0


def test_strengths_within_tolerance_tie():
    g = _line_graph(
        dict.fromkeys("abcd", ("person", 1)),
        {("a", "b"): 0.5, ("b", "d"): 0.5, ("a", "d"): 0.25 - TOLERANCE / 2},
    )
    assert strongest_path(g, "a", "d").path == ("a", "d")


def test_reverse_search_gives_forward_paths():
    g = _line_graph(dict.fromkeys("abc", ("person", 0)), {("a", "b"): 0.5, ("b", "c"): 0.5})
    result = PathFinder(g).to_target("c", "O")
    assert result["a"].path == ("a", "b", "c")
    assert result["a"].strength == 0.25


# --- property: Dijkstra with tie rules == brute force over simple paths ---

STRENGTHS = st.one_of(st.sampled_from([0.3, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0]), st.floats(0.05, 1.0))


def _drawn_nodes(draw, n, people, stances):
    """A graph of ``n`` nodes ``n0``...: each a person (``people`` times as likely as a team member
    or a competitor) with a stance drawn from ``stances``; and the node ids."""
    nodes = [f"n{i}" for i in range(n)]
    g = nx.DiGraph()
    for node in nodes:
        kind = draw(st.sampled_from(["person"] * people + ["team", "competitor"]))
        g.add_node(node, kind=kind, stance=draw(st.sampled_from(stances)))
    return g, nodes


@st.composite
def graphs(draw):
    n = draw(st.integers(2, 7))
    g, nodes = _drawn_nodes(draw, n, people=4, stances=[None, -2, -1, 0, 1, 2])
    pairs = [(u, v) for u in nodes for v in nodes if u != v]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    for u, v in chosen:
        g.add_edge(u, v, strength=draw(STRENGTHS))
    return g


def _allowed(g, kind, node):
    d = g.nodes[node]
    if d["kind"] != "person":
        return False
    s = d["stance"]
    return {"S": True, "A": s is not None and s >= 1, "O": s is None or s <= 0}[kind]


def brute_force(g, a, b, kind):
    if a == b:
        return 1.0, (a,)
    found = []

    def dfs(u, path, strength):
        for v in g.successors(u):
            if v in path:
                continue
            s = strength * g[u][v]["strength"]
            if v == b:
                found.append((s, (*path, v)))
            elif _allowed(g, kind, v):
                dfs(v, (*path, v), s)

    dfs(a, (a,), 1.0)
    if not found:
        return 0.0, ()
    top = max(s for s, _ in found)
    return min(((s, p) for s, p in found if s >= top - TOLERANCE), key=lambda sp: (len(sp[1]), sp[1]))


@settings(max_examples=300, deadline=None)
@given(graphs(), st.sampled_from(["S", "A", "O"]), st.data())
def test_strongest_path_equals_brute_force(g, kind, data):
    nodes = sorted(g.nodes)
    a = data.draw(st.sampled_from(nodes))
    b = data.draw(st.sampled_from(nodes))
    expected_strength, expected_path = brute_force(g, a, b, kind)
    result = strongest_path(g, a, b, kind)
    assert result.strength == pytest.approx(expected_strength, abs=TOLERANCE)
    assert result.path == expected_path
    # the reverse search agrees with the forward one
    reverse = PathFinder(g).to_target(b, kind).get(a)
    if a != b:
        assert (reverse.path if reverse else ()) == expected_path


@settings(max_examples=200, deadline=None)
@given(graphs(), st.sampled_from(["S", "A", "O"]), st.booleans(), st.data())
def test_multi_start_search_is_the_best_single_search(g, kind, forward, data):
    nodes = sorted(g.nodes)
    starts = data.draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=3, unique=True))
    finder = PathFinder(g)
    together = finder.search(starts, kind, forward=forward)
    for node in nodes:
        labels = []
        for s in starts:
            single = finder.search([s], kind, forward=forward)
            if node in single:
                r = single[node]
                labels.append((r.strength, r.hops, r.path))
        if not labels:
            assert node not in together
            continue
        top = max(x[0] for x in labels)
        expected = min((x for x in labels if x[0] >= top - TOLERANCE), key=lambda x: (x[1], x[2]))
        got = together[node]
        assert got.strength == pytest.approx(expected[0], abs=TOLERANCE)
        assert got.path == expected[2]


@settings(max_examples=200, deadline=None)
@given(graphs(), st.sampled_from(["S", "A", "O"]), st.sampled_from([0.25, 0.5, 0.3]), st.data())
def test_cutoff_keeps_every_path_at_least_that_strong(g, kind, cutoff, data):
    start = data.draw(st.sampled_from(sorted(g.nodes)))
    finder = PathFinder(g)
    full = finder.search([start], kind, forward=False)
    cut = finder.search([start], kind, forward=False, cutoff=cutoff)
    strong = {n for n in full if full.strength(n) >= cutoff - TOLERANCE}
    assert strong <= set(cut)
    for n in strong:
        assert cut[n] == full[n]


def test_finder_for_account_equals_finder_over_the_networkx_graph():
    from influence.generate import generate_account
    from influence.graph import build_graph
    from influence.loading import Document
    from influence.validation import build_account

    account = build_account(Document("g", generate_account(800, seed=5), {}))
    fast, slow = PathFinder.for_account(account), PathFinder(build_graph(account))
    assert by_id(fast) == by_id(slow)
    assert {pair: fast.edge_type(*pair) for pair in slow._types} == slow._types
    assert fast.edge_type("nobody", "p0") is None
    starts = sorted(t.id for t in account.team)
    for kind in ("S", "A", "O"):
        a, b = fast.search(starts, kind), slow.search(starts, kind)
        assert {n: a[n] for n in a} == {n: b[n] for n in b}


def test_every_link_type_has_default_strengths():
    from influence.model import LINK_TYPES

    assert tuple(LINK_DEFAULTS) == LINK_TYPES
    assert all(0 < fwd <= 1 and 0 <= back <= 1 for fwd, back in LINK_DEFAULTS.values())


def test_public_finder_equals_finder_over_the_graph_without_private_people_and_ties():
    from influence.generate import generate_account
    from influence.graph import build_graph
    from influence.loading import Document
    from influence.validation import build_account

    account = build_account(Document("g", generate_account(800, seed=5), {}))
    graph = build_graph(account)
    hidden = [n for n in graph if any(p.id == n and p.private for p in account.people)]
    private = [(u, v) for u, v, d in graph.edges(data=True) if d["private"]]
    assert hidden and private  # the generated account has both
    graph = public_graph(account)
    private = [pair for pair in private if pair not in graph.edges]
    fast, slow = PathFinder.for_account(account, public=True), PathFinder(graph)
    assert by_id(fast) == public_view(by_id(slow), account)
    assert not set(fast._index) & set(hidden)
    assert {pair: fast.edge_type(*pair) for pair in slow._types} == slow._types
    assert fast.edge_type(*private[0]) is None
    assert PathFinder.for_account(account, public=True) is fast  # built once per account


def test_an_account_with_nothing_private_shares_one_finder():
    account = load_file(EXAMPLES / "new-account.yaml")
    assert not any(p.private for p in account.people) and not any(link.private for link in account.links)
    assert not any(p.stance is not None and p.stance < 0 for p in account.people)
    assert PathFinder.for_account(account, public=True) is PathFinder.for_account(account)


# --- property: the numbered search with parked dead ends == the plain search ---


def plain_search(g, starts, kind, forward, cutoff=0.0):
    """The search as first written: ids as keys, every expanded node through the heap.

    Returns node -> (strength, hops, path) in the order nodes were first reached.
    """
    import heapq
    import itertools

    def spell(link):
        nodes = []
        while link is not None:
            nodes.append(link[0])
            link = link[1]
        return tuple(reversed(nodes)) if forward else tuple(nodes)

    adj = g.succ if forward else g.pred
    limit = cutoff - TOLERANCE if cutoff > 0 else 0.0
    order = itertools.count()
    best, heap = {}, []
    for start in starts:
        if start in g and start not in best:
            best[start] = (1.0, 0, (start, None))
            heap.append((-1.0, 0, next(order), start, best[start][2]))
    heapq.heapify(heap)
    while heap:
        neg, hops, _, u, link = heapq.heappop(heap)
        if best[u][2] is not link:
            continue
        strength, hops = -neg, hops + 1
        for v, d in adj[u].items():
            value = strength * d["strength"]
            if value < limit:
                continue
            old = best.get(v)
            if old is not None:
                if value < old[0] - TOLERANCE:
                    continue
                if value <= old[0] + TOLERANCE:
                    if hops > old[1]:
                        continue
                    if hops == old[1] and spell((v, link)) >= spell(old[2]):
                        continue
            best[v] = (value, hops, (v, link))
            if _allowed(g, kind, v):
                heapq.heappush(heap, (-value, hops, next(order), v, best[v][2]))
    return {n: (s, h, spell(link)) for n, (s, h, link) in best.items()}


# strengths that tie exactly (0.5 * 0.5 == 0.25) and within the tolerance (1 - 4e-10)
TIE_STRENGTHS = st.sampled_from([1.0, 1.0, 1.0 - 4e-10, 1.0 - 7e-10, 0.5, 0.5 + 3e-10, 0.25, 0.8])


@st.composite
def trees(draw):
    """Mostly a reporting tree (both directions, so most nodes are dead ends), plus a few extra edges."""
    n = draw(st.integers(2, 14))
    g, nodes = _drawn_nodes(draw, n, people=5, stances=[None, -1, 0, 1, 2])
    for i in range(1, n):
        parent = nodes[draw(st.integers(0, i - 1))]
        g.add_edge(nodes[i], parent, strength=draw(TIE_STRENGTHS))
        if draw(st.integers(0, 5)):
            g.add_edge(parent, nodes[i], strength=draw(TIE_STRENGTHS))
    pairs = [(u, v) for u in nodes for v in nodes if u != v]
    for u, v in draw(st.lists(st.sampled_from(pairs), max_size=n // 2)):
        g.add_edge(u, v, strength=draw(TIE_STRENGTHS))
    return g


@st.composite
def ladders(draw):
    """A chain of 1.0 edges with shortcuts a little weaker (a tie, fewer hops) and leaves on it.

    The chain's nodes are expanded first, then lose their labels to the
    shortcuts (expanded later, being weaker), after their leaves (dead ends)
    were parked with them.
    """
    n = draw(st.integers(3, 7))
    chain = [f"c{i}" for i in range(n)]
    g = nx.DiGraph(ends=(chain[0], chain[-1]))
    for node in chain:
        g.add_node(node, kind="person", stance=draw(st.sampled_from([None, 0])))
    for u, v in itertools.pairwise(chain):
        g.add_edge(u, v, strength=1.0)
    near_one = st.sampled_from([1.0 - 3e-10, 1.0 - 6e-10, 1.0 - 9e-10])
    for k in range(draw(st.integers(1, 3))):  # c_i -> y -> c_j: fewer hops than the chain, a little weaker
        i = draw(st.integers(0, n - 3))
        g.add_node(f"y{k}", kind="person", stance=draw(st.sampled_from([None, 0])))
        g.add_edge(chain[i], f"y{k}", strength=draw(near_one))
        g.add_edge(
            f"y{k}",
            chain[draw(st.integers(i + 2, n - 1))],
            strength=draw(st.sampled_from([1.0, 1.0 - 3e-10])),
        )
    for k in range(draw(st.integers(1, 5))):
        at = draw(st.sampled_from(chain))
        g.add_node(f"leaf{k}", kind="person", stance=0)
        g.add_edge(at, f"leaf{k}", strength=draw(TIE_STRENGTHS))
        g.add_edge(f"leaf{k}", at, strength=draw(TIE_STRENGTHS))
    return g


def labels_of(paths) -> dict:
    return {n: (paths.strength(n), paths[n].hops, paths[n].path) for n in paths}


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(trees(), graphs()),
    st.sampled_from(["S", "A", "O"]),
    st.booleans(),
    st.sampled_from([0.0, 0.0, 0.3]),
    st.data(),
)
def test_search_equals_the_plain_search(g, kind, forward, cutoff, data):
    starts = data.draw(st.lists(st.sampled_from(sorted(g.nodes)), min_size=1, max_size=3))
    got = PathFinder(g).search(starts, kind, forward=forward, cutoff=cutoff)
    expected = plain_search(g, starts, kind, forward, cutoff)
    assert list(labels_of(got).items()) == list(
        expected.items()
    )  # the same labels, reached in the same order


@settings(max_examples=150, deadline=None)
@given(ladders(), st.sampled_from(["S", "O"]), st.booleans())
def test_search_equals_the_plain_search_when_expanded_nodes_lose_their_labels(g, kind, forward):
    starts = [g.graph["ends"][0 if forward else 1]]  # from the ladder's first node, or to its last
    got = PathFinder(g).search(starts, kind, forward=forward)
    assert list(labels_of(got).items()) == list(plain_search(g, starts, kind, forward).items())


def test_a_parked_dead_end_that_changes_a_label():
    # b is expanded first (1.0, 3 hops via a1, a2) and c, whose only edge leads back to b, is parked
    # with it. y, then x (each a little weaker) give b ties with fewer hops, then a smaller path, and
    # b's label drifts down by 1.8 tolerances. c's entry, back in the heap after y, then offers b a
    # path stronger beyond the tolerance: b's path goes round through c, as in the plain search.
    t = TOLERANCE
    g = nx.DiGraph()
    for node in ("s", "a1", "a2", "b", "c", "x", "y"):
        g.add_node(node, kind="person", stance=0)
    for u, v, w in [
        ("s", "a1", 1.0),
        ("a1", "a2", 1.0),
        ("a2", "b", 1.0),
        ("s", "y", 1 - 0.1 * t),
        ("y", "b", (1 - 0.9 * t) / (1 - 0.1 * t)),
        ("s", "x", 1 - 0.2 * t),
        ("x", "b", (1 - 1.8 * t) / (1 - 0.2 * t)),
        ("b", "c", 1 - 0.25 * t),
        ("c", "b", 1 - 0.25 * t),
    ]:
        g.add_edge(u, v, strength=w)
    expected = plain_search(g, ["s"], "S", True)
    assert expected["b"][1:] == (5, ("s", "a1", "a2", "b", "c", "b"))
    assert list(labels_of(PathFinder(g).search(["s"], "S")).items()) == list(expected.items())


# --- property: the finders built from an account == the finders over its networkx graph ---


@st.composite
def accounts(draw):
    """Small accounts as the model holds them: reporting lines (sometimes going round), links on
    the same pairs (stronger, weaker, as strong), private people and ties, relationships, rivals."""
    from influence.model import (
        Link,
        Person,
    )

    n = draw(st.integers(1, 8))
    ids = [f"p{i}" for i in range(n)]
    if draw(st.integers(0, 9)) == 0:
        ids.append(ids[0])  # a repeated id: not a valid account, still the same graph
    people = tuple(
        Person(
            pid,
            pid,
            reports_to=draw(st.one_of(st.none(), st.sampled_from(ids))),
            stance=draw(st.sampled_from([None, -1, 0, 1, 2])),
            private=draw(st.integers(0, 5)) == 0,
        )
        for pid in ids
    )
    strength = st.one_of(st.none(), st.sampled_from([0.5, 0.8, 0.4, 0.9, 1.0, 0.0]))
    links = tuple(
        Link(
            draw(st.sampled_from(ids)),
            draw(st.sampled_from(ids)),
            draw(st.sampled_from(list(LINK_DEFAULTS))),
            draw(strength.filter(lambda w: w != 0.0)),
            draw(strength),
            private=draw(st.integers(0, 4)) == 0,
        )
        for _ in range(draw(st.integers(0, 6)))
    )
    return with_outsiders(draw, people, links, st.sampled_from([0.3, 0.6, 0.9]), st.just(0.6), rivals=2)


def with_outsiders(draw, people, links, ours, theirs, rivals):
    """An account of ``people`` and ``links``, with up to two team members (relationships of strength
    drawn from ``ours``) and up to ``rivals`` competitors (one tie each, drawn from ``theirs``)."""
    from influence.model import Account, AccountInfo, Competitor, CompetitorTie, Relationship, TeamMember

    ids = [p.id for p in people]
    team = tuple(TeamMember(f"t{i}", "T") for i in range(draw(st.integers(0, 2))))
    relationships = tuple(
        Relationship(t.id, draw(st.sampled_from(ids)), draw(ours))
        for t in team
        for _ in range(draw(st.integers(0, 2)))
    )
    competitors = tuple(
        Competitor(f"c{i}", "C", relationships=(CompetitorTie(draw(st.sampled_from(ids)), draw(theirs)),))
        for i in range(draw(st.integers(0, rivals)))
    )
    return Account(
        AccountInfo("a", "A"),
        people=people,
        links=links,
        team=team,
        relationships=relationships,
        competitors=competitors,
    )


@settings(max_examples=300, deadline=None)
@given(accounts())
def test_finders_of_an_account_equal_finders_over_its_graph(account):
    from influence.graph import build_graph

    graph = build_graph(account)
    fast, slow = PathFinder.for_account(account), PathFinder(graph)
    assert by_id(fast) == by_id(slow)
    pairs = [(u, v) for u in graph for v in graph]
    assert [fast.edge_type(u, v) for u, v in pairs] == [slow.edge_type(u, v) for u, v in pairs]
    public, slow = PathFinder.for_account(account, public=True), PathFinder(public_graph(account))
    assert by_id(public) == public_view(by_id(slow), account)
    assert [public.edge_type(u, v) for u, v in pairs] == [slow.edge_type(u, v) for u, v in pairs]


def test_a_bad_path_kind_or_graph_is_a_usage_error():
    """kind="o" was a bare ValueError (and ignored when a == b); an Account for the graph an AttributeError."""
    from influence.errors import UsageError

    account = load_file(EXAMPLES / "uralmet.yaml")
    graph = influence_graph(account)
    with pytest.raises(
        UsageError, match=r"^unknown path kind 'o' \(did you mean 'O'\?\); expected one of S, A, O$"
    ):
        strongest_path(graph, "kuznetsov", "sokolov", kind="o")
    with pytest.raises(UsageError, match=r"^unknown path kind 'X'; expected one of S, A, O$"):
        strongest_path(graph, "sokolov", "sokolov", kind="X")
    with pytest.raises(
        UsageError, match=r"^strongest_path: expected a networkx.DiGraph, got Account; pass influence"
    ):
        strongest_path(account, "kuznetsov", "sokolov")
    assert strongest_path(graph, "kuznetsov", "sokolov", kind="O").path == ("kuznetsov", "sokolov")


def test_a_private_tie_does_not_hide_a_public_one_between_the_same_people(tmp_path):
    """Ivan Ivanov and Andrey Lebedev are former colleagues (public) and, privately, relatives:
    the public finder dropped their pair whole, so the gap report knew no way in to Lebedev;
    now the public tie stands, and the way in names it, never the private one."""
    import influence

    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "links:\n",
        "links:\n  - {from: ivanov, to: lebedev, type: family, strength: 0.95, private: true}\n",
        1,
    )
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    account = influence.load(path)
    public = PathFinder.for_account(account, public=True)
    assert PathFinder.for_account(account).edge_type("ivanov", "lebedev") == "family"
    assert public.edge_type("ivanov", "lebedev") == "former_colleague"
    assert public.strongest("ivanov", "lebedev").strength == pytest.approx(0.4)  # its default back strength
    report = influence.analyze(account, "2026-11-27")
    (way_in,) = [f for f in report.findings if f.code == "not-connected" and f.subject == "lebedev"]
    assert way_in.recommendation == (
        "Arrange an introduction to Andrey Lebedev through Ivan Ivanov, a former colleague of Andrey Lebedev "
        "(route: Olga Nikolaeva → Ivan Ivanov → Andrey Lebedev)."
    )
