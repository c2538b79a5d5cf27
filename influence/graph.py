"""The influence graph (docs/analysis.md) and its strongest-path searches.

An edge ``u -> v`` with ``strength`` w in (0, 1] means "u can sway v".
Nodes carry ``kind`` (``person``, ``team``, ``competitor``), ``stance`` and
``name``; edges carry ``strength`` and the ``type`` that produced them
(a link type, ``relationship`` or ``competitor``) and ``private``.

Three path kinds differ only in who may stand in the middle of a path:

- ``"S"`` structural reach: any person;
- ``"A"`` ally path: people with stance >= 1;
- ``"O"`` opposition path: people with stance <= 0 or unknown.

Team members and competitors are never intermediate. A path's strength is
the product of its edge strengths; the strongest path wins, strengths within
:data:`TOLERANCE` tie, and ties go to fewer hops, then to the smaller list of
ids compared element by element (code-point order).

The search is Dijkstra on the strengths themselves (equivalent to Dijkstra
on ``-ln w``: a product of factors <= 1 never grows along a path), with
labels ``(strength, hops, path)`` compared under the tie rules.
"""

from __future__ import annotations

import copy
import functools
import heapq
import itertools
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import compress, repeat
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, overload

from influence.errors import UsageError
from influence.model import Account, stance_is_ally
from influence.peeling import Peel, Tail, peel_tree

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

_T = TypeVar("_T")

__all__ = [
    "LINK_DEFAULTS",
    "NO_PATH",
    "PATH_KINDS",
    "TOLERANCE",
    "PathFinder",
    "PathResult",
    "Paths",
    "build_graph",
    "expect_account",
    "expect_flag",
    "influence_graph",
    "strongest_path",
]

TOLERANCE = 1e-9
PATH_KINDS = ("S", "A", "O")

#: Default strengths per link type: (``from -> to``, ``to -> from``); 0 means no edge.
#: A link's ``strength`` replaces the first and its ``back_strength`` the second.
#: ``reports_to`` (from reports to to): the manager sways the report more than the reverse.
LINK_DEFAULTS: dict[str, tuple[float, float]] = {
    "reports_to": (0.5, 0.8),
    "influences": (0.6, 0.0),
    "family": (0.9, 0.9),
    "friend": (0.6, 0.6),
    "former_colleague": (0.4, 0.4),
    "informal": (0.5, 0.5),
}


@dataclass(frozen=True)
class PathResult:
    """The strongest path found between two nodes.

    Attributes
    ----------
    strength : float
        Product of the edge strengths; 1 for a node to itself, 0 for no path.
    path : tuple of str
        Node ids from start to end; empty when there is no path.
    """

    strength: float
    path: tuple[str, ...]

    @property
    def hops(self) -> int:
        """Number of edges on the path."""
        return max(len(self.path) - 1, 0)


NO_PATH = PathResult(0.0, ())

# A path during the search: a linked list (node, rest) of node numbers (see
# :class:`PathFinder`). Forward searches grow paths at the end, so the list runs
# from the last node back to the start; reverse searches grow them at the
# front, so it runs from start to target.
_Link: TypeAlias = tuple[int, "_Link | None"]  # (node, rest)
_Label: TypeAlias = tuple[float, int, _Link]  # (strength, hops, path)


def _path(link: _Link | None, forward: bool, ids: list[str]) -> tuple[str, ...]:
    nodes = []
    while link is not None:
        nodes.append(ids[link[0]])
        link = link[1]
    return tuple(reversed(nodes)) if forward else tuple(nodes)


class Paths(Mapping[str, PathResult]):
    """The result of one search: node -> :class:`PathResult`, built on access.

    ``strength(node)`` reads a strength without building the path. Nodes
    come in the order the search first reached them; after a search of a
    graph's kernel (:mod:`influence.peeling`), the peeled nodes come last,
    each after the node it hangs from, and their labels are read on demand.
    """

    def __init__(
        self, labels: dict[int, _Label], finder: PathFinder, forward: bool, tail: Tail | None = None
    ):
        self._labels = labels
        self._ids, self._index = finder._ids, finder._index
        self._forward = forward
        self._tail = tail

    def _label(self, i: int | None) -> _Label | None:
        if i is None:
            return None
        label = self._labels.get(i)
        if label is None and self._tail is not None:
            return self._tail.label(i)
        return label

    def _all(self) -> dict[int, _Label]:
        if self._tail is not None:
            self._labels, self._tail = self._tail.complete(), None
        return self._labels

    def __getitem__(self, node: str) -> PathResult:
        label = self._label(self._index[node])
        if label is None:
            raise KeyError(node)
        return PathResult(label[0], _path(label[2], self._forward, self._ids))

    @overload
    def get(self, node: str) -> PathResult | None: ...

    @overload
    def get(self, node: str, default: PathResult | _T) -> PathResult | _T: ...

    def get(self, node: str, default: object = None) -> object:
        """The :class:`PathResult` of ``node``, or ``default``: one look-up, where ``Mapping.get``
        would try ``self[node]`` and catch the ``KeyError`` (a node a search does not reach is common)."""
        label = self._label(self._index.get(node))
        if label is None:
            return default
        return PathResult(label[0], _path(label[2], self._forward, self._ids))

    def __iter__(self) -> Iterator[str]:
        ids = self._ids
        return (ids[i] for i in self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, node: object) -> bool:
        return self._label(self._index.get(node)) is not None  # type: ignore[call-overload]

    def strength(self, node: str) -> float:
        """The strength of the best path of ``node`` (0 when none)."""
        label = self._label(self._index.get(node))
        return label[0] if label is not None else 0.0

    def strengths(self) -> Iterator[tuple[str, float]]:
        """Every (node, strength)."""
        ids = self._ids
        for i, label in self._all().items():
            yield ids[i], label[0]


_Edge: TypeAlias = tuple[float, str, bool]  # (strength, type, private)
_Lists: TypeAlias = list[list[tuple[int, float]]]  # per node: (neighbour, strength)
_Pair: TypeAlias = tuple[_Lists, _Lists]  # succ, pred


def _stands(old: _Edge | None, w: float, kind: str) -> bool:
    """Whether an edge of strength ``w`` and type ``kind`` takes the place of ``old`` on its pair.

    The strongest edge of a pair stands; of two equally strong, the type
    first in alphabetical order; an edge of no strength never.
    """
    return w > 0 and (old is None or not (old[0] > w or (old[0] == w and old[1] <= kind)))


def _add_edge(
    edges: dict[tuple[str, str], _Edge], u: str, v: str, w: float, kind: str, private: bool = False
) -> None:
    if _stands(edges.get((u, v)), w, kind):
        edges[(u, v)] = (w, kind, private)


def _nodes(account: Account) -> list[tuple[str, dict[str, Any]]]:
    nodes = [(p.id, {"kind": "person", "stance": p.stance, "name": p.name}) for p in account.people]
    nodes += [(t.id, {"kind": "team", "stance": None, "name": t.name}) for t in account.team]
    nodes += [(c.id, {"kind": "competitor", "stance": None, "name": c.name}) for c in account.competitors]
    return nodes


def _edges(account: Account) -> dict[tuple[str, str], _Edge]:
    """Every edge (u, v) -> (strength, type, private), the strongest standing where several give one pair.

    Settled once per account and kept with it (read-only): the full and the
    public path finders and the networkx graph all start from it.
    """
    edges: dict[tuple[str, str], _Edge] | None = account.memo.get("influence_edges")
    if edges is None:
        edges = account.memo["influence_edges"] = _settle_edges(account)
    return edges


def _settle_edges(account: Account) -> dict[tuple[str, str], _Edge]:
    edges: dict[tuple[str, str], _Edge] = {}
    for u, v, w, kind, private in itertools.chain(_reporting_edges(account), _other_edges(account)):
        _add_edge(edges, u, v, w, kind, private)
    return edges


def _reporting_edges(account: Account) -> Iterator[tuple[str, str, float, str, bool]]:
    """Each reporting line both ways at its default strengths, private with the person who reports."""
    fwd_default, back_default = LINK_DEFAULTS["reports_to"]
    for p in account.people:
        if p.reports_to is not None:
            yield p.id, p.reports_to, fwd_default, "reports_to", p.private
            yield p.reports_to, p.id, back_default, "reports_to", p.private


def _other_edges(account: Account) -> Iterator[tuple[str, str, float, str, bool]]:
    """Every edge but the reporting lines, as (u, v, strength, type, private), before settling.

    Each link both ways (its defaults where it gives no strength), then our
    team's relationships, then the competitors' ties.
    """
    for link in account.links:
        fwd_default, back_default = LINK_DEFAULTS[link.type]
        fwd = link.strength if link.strength is not None else fwd_default
        back = link.back_strength if link.back_strength is not None else back_default
        yield link.source, link.target, fwd, link.type, link.private
        yield link.target, link.source, back, link.type, link.private
    for r in account.relationships:
        yield r.team, r.person, r.strength, "relationship", False
    for c in account.competitors:
        for tie in c.relationships:
            yield c.id, tie.person, tie.strength, "competitor", False


def build_graph(account: Account) -> nx.DiGraph[str]:
    """Build the influence graph of an account.

    Parameters
    ----------
    account : Account

    Returns
    -------
    networkx.DiGraph
        Nodes for every person, team member and competitor; edges as in
        :data:`LINK_DEFAULTS`, the strongest standing where several give one pair.

    Notes
    -----
    O(people + links + relationships). The edges are settled in a plain
    dict first, then handed to networkx in one call each for nodes and edges.
    The analyses do not need this graph (see :meth:`PathFinder.for_account`),
    so networkx is imported only here.

    Examples
    --------
    >>> from influence.loading import load_file
    >>> g = build_graph(load_file("examples/uralmet.yaml"))
    >>> g.nodes["sokolov"]["kind"]
    'person'
    """
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph(account=account.id)
    g.add_nodes_from(_nodes(account))
    g.add_edges_from(
        (u, v, {"strength": w, "type": kind, "private": private})
        for (u, v), (w, kind, private) in _edges(account).items()
    )
    return g


def expect_account(value: object, function: str) -> None:
    """Refuse, with a :class:`UsageError` naming ``function``, a ``value`` that is not an :class:`Account`.

    A file name is told to be loaded first; a report (or anything else that
    holds an account, as :class:`Facts` do) is told which account to pass.

    >>> expect_account("acme.yaml", "analyze")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: analyze: expected an Account, got the str 'acme.yaml'; call influence.load('acme.yaml') first
    >>> from influence.analysis import analyze
    >>> from influence.loading import load_file
    >>> expect_account(analyze(load_file("examples/uralmet.yaml"), "2026-11-27"), "coverage")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: coverage: expected an Account (from influence.load), got Report; pass report.account
    """
    if isinstance(value, Account):
        return
    if isinstance(value, (str, os.PathLike)):
        raise UsageError(
            f"{function}: expected an Account, got the {type(value).__name__} {os.fspath(value)!r}; "
            f"call influence.load({os.fspath(value)!r}) first"
        )
    name = type(value).__name__
    held = isinstance(getattr(value, "account", None), Account)  # a Report, Facts: the account is in it
    hint = f"; pass {name.lower()}.account" if held else ""
    raise UsageError(f"{function}: expected an Account (from influence.load), got {name}{hint}")


def expect_flag(value: object, function: str, name: str) -> bool:
    """``value`` when it is True or False; else a :class:`UsageError` naming ``function`` and ``name``.

    A switch such as ``redact`` given as text (``"no"``, ``"false"``) is truthy
    and would do the opposite of what was asked, so only a bool is taken.

    >>> expect_flag(True, "render_map", "redact")
    True
    >>> expect_flag("no", "render_map", "redact")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: render_map: redact must be True or False, not the str 'no'
    """
    if isinstance(value, bool):
        return value
    raise UsageError(
        f"{function}: {name} must be True or False, not the {type(value).__name__} {value!r:.40}"
    )


def influence_graph(account: Account) -> nx.DiGraph[str]:
    """The influence graph of an account, built once and kept with the account.

    This is the public way to get the graph: the maps, the exports and a
    notebook all share one copy (treat it as read-only; use
    :func:`build_graph` for a fresh one to modify). The analyses search
    without it (:meth:`PathFinder.for_account`).

    Parameters
    ----------
    account : Account

    Returns
    -------
    networkx.DiGraph
        As :func:`build_graph`.

    Examples
    --------
    >>> import influence
    >>> from influence.graph import influence_graph
    >>> account = influence.load("examples/uralmet.yaml")
    >>> graph = influence_graph(account)
    >>> graph.number_of_nodes(), graph is influence_graph(account)
    (22, True)
    """
    expect_account(account, "influence_graph")
    graph = account.memo.get("influence_graph")
    if graph is None:
        graph = account.memo["influence_graph"] = build_graph(account)
    return graph


class _Settled:
    """An account's edges for the path finders, by node number, settled once per account.

    Nodes are numbered people first, then the team, then the competitors.
    The reporting lines are implied by ``up`` (each person's manager, -1 for
    none): ``i -> up[i]`` and back, of type ``reports_to``, private with the
    report, as :func:`_settle_edges` makes them. ``extra`` holds every other
    edge (links, relationships, competitor ties) and any that replaced a
    reporting line's edge (the strongest edge of a pair stands).
    :meth:`lists` gives each node's neighbours (``succ`` and ``pred``) in the
    order of the settled edges, the order networkx keeps; ``kernel_lists`` the
    same less the peeled branches (:mod:`influence.peeling`; None when
    nothing is peeled), which is all most searches read. An account whose
    reporting lines go round (or whose ids repeat: not a valid account) has
    every edge in ``extra``, and nothing peeled.
    """

    __slots__ = (
        "_lists",
        "extra",
        "ids",
        "index",
        "kernel_lists",
        "managers",
        "peel",
        "private",
        "regular",
        "reports",
        "up",
    )

    def __init__(self, account: Account):
        people, by_id = account.people, account.person_by_id
        # the ids of the people as the keys of person_by_id (the analyses need that table anyway),
        # unless some repeat (an invalid account: then they are numbered as they come)
        ids = list(by_id) if len(by_id) == len(people) else list(map(_ID, people))
        ids += [*map(_ID, account.team), *map(_ID, account.competitors)]
        self.ids, self.index = ids, dict(zip(ids, range(len(ids)), strict=True))
        rest = [False] * (len(ids) - len(people))
        self.private: list[bool] = [*map(_PRIVATE, people), *rest]
        reports_to = list(map(_REPORTS_TO, people))
        up = self.up = [*map(self.index.get, reports_to, repeat(-1)), *([-1] * len(rest))]
        reports = list(compress(range(len(people)), map(operator.is_not, reports_to, repeat(None))))
        managers = list(map(up.__getitem__, reports))
        self.regular = not (  # no repeated id, no unknown manager, no one their own manager's manager
            len(self.index) != len(ids)  # (nor their own manager: up[up[i]] == i then too)
            or -1 in managers
            or any(map(operator.eq, map(up.__getitem__, managers), reports))
        )
        self.peel: Peel | None = None
        self.kernel_lists: _Pair | None = None
        if not self.regular:
            self._settle_one_by_one(account)
            return
        self.extra: dict[tuple[int, int], _Edge] = {}
        self._settle_others(account)
        self.reports, self.managers = reports, managers
        self._lists: _Pair | None = None
        self.peel = _peel(account, self)
        if self.peel is not None:
            kernel = self.peel.kernel
            inside = list(compress(reports, map(kernel.__getitem__, reports)))  # their managers are too
            self.kernel_lists = self._neighbours(inside, list(map(up.__getitem__, inside)), kernel)

    def hidden(self, account: Account) -> frozenset[int]:
        """The numbers of the private people (a public finder leaves them out)."""
        if self.regular:  # the people come first, in order, and ``private`` is theirs
            return frozenset(compress(range(len(account.people)), self.private))
        people = account.people
        return frozenset(map(self.index.__getitem__, compress(map(_ID, people), map(_PRIVATE, people))))

    def lists(self) -> _Pair:
        """``succ`` and ``pred`` of every node (built on first use: a kernel search does without)."""
        if self._lists is None:
            self._lists = self._neighbours(self.reports, self.managers)
        return self._lists

    def _settle_one_by_one(self, account: Account) -> None:
        """Every edge in ``extra``, settled pair by pair as :func:`_settle_edges` does."""
        self.ids = list(dict.fromkeys(self.ids))
        self.index = {n: i for i, n in enumerate(self.ids)}
        self.up, self.private = [-1] * len(self.ids), [False] * len(self.ids)
        index = self.index
        self.extra = {(index[u], index[v]): edge for (u, v), edge in _edges(account).items()}
        self._lists = self._neighbours([], [])

    def _settle_others(self, account: Account) -> None:
        """Links, relationships and competitor ties, on top of the reporting lines."""
        index = self.index
        for u, v, w, kind, private in _other_edges(account):
            i, j = index[u], index[v]
            if _stands(self.edge(i, j), w, kind):  # over the reporting lines and ``extra``
                self.extra[(i, j)] = (w, kind, private)

    def edge(self, u: int, v: int) -> _Edge | None:
        """The edge ``u -> v`` as settled: (strength, type, private), or None."""
        edge = self.extra.get((u, v))
        if edge is not None:
            return edge
        if self.up[u] == v:
            return (_REPORTS[0], "reports_to", self.private[u])
        if self.up[v] == u:
            return (_REPORTS[1], "reports_to", self.private[v])
        return None

    def _neighbours(self, reports: list[int], managers: list[int], kernel: list[bool] | None = None) -> _Pair:
        """``succ`` and ``pred``: these reporting lines in the people's order, then ``extra``'s new pairs.

        With ``kernel``, only the kernel's nodes get lists of their own (the
        others share one empty list that nothing may reach), and the reporting
        lines and ``extra``'s pairs must all lie in it.
        """
        n = len(self.ids)
        succ: _Lists
        pred: _Lists
        if kernel is None:
            succ, pred = [[] for _ in range(n)], [[] for _ in range(n)]
        else:
            nowhere: list[tuple[int, float]] = []
            succ, pred = [nowhere] * n, [nowhere] * n
            for i in compress(range(n), kernel):
                succ[i], pred[i] = [], []
        fwd, back = _REPORTS
        for i, m in zip(reports, managers, strict=True):  # i -> m, then m -> i
            succ[i].append((m, fwd))
            pred[m].append((i, fwd))
            succ[m].append((i, back))
            pred[i].append((m, back))
        up = self.up
        for (u, v), (w, _, _) in self.extra.items():
            if up[u] == v or up[v] == u:  # a link stronger than a reporting line: in its place
                succ[u] = [(x, w) if x == v else (x, s) for x, s in succ[u]]
                pred[v] = [(x, w) if x == u else (x, s) for x, s in pred[v]]
            else:
                succ[u].append((v, w))
                pred[v].append((u, w))
        if kernel is not None and nowhere:
            raise AssertionError("an edge outside the kernel")
        return succ, pred


_ID = operator.attrgetter("id")
_STANCE = operator.attrgetter("stance")
_PRIVATE = operator.attrgetter("private")
_REPORTS_TO = operator.attrgetter("reports_to")
_REPORTS = LINK_DEFAULTS["reports_to"]


def _known_stances(account: Account) -> list[tuple[int, int]]:
    """(position, stance) of each person whose stance is known, in the people's order.

    Kept in the account's ``memo``: both path finders read it. Most people
    of a large account have no stance, so the finders step through these few
    instead of every person.
    """
    known: list[tuple[int, int]] | None = account.memo.get("known_stances")
    if known is None:
        stances = list(map(_STANCE, account.people))
        positions = compress(range(len(stances)), map(operator.is_not, stances, repeat(None)))
        known = account.memo["known_stances"] = [(i, stances[i]) for i in positions]
    return known


class _EdgeTypes:
    """``(u, v) -> type`` of the settled edges, by id; for a public finder, less what it leaves out."""

    __slots__ = ("_alternatives", "_hidden", "_settled")

    def __init__(
        self,
        settled: _Settled,
        hidden: frozenset[int] | None = None,
        alternatives: dict[tuple[int, int], _Edge] | None = None,
    ):
        self._settled, self._hidden = settled, hidden  # ``hidden``: the private people of a public finder
        self._alternatives = alternatives or {}  # a public finder's public edge under a private one

    def get(self, pair: tuple[str, str]) -> str | None:
        index = self._settled.index
        u, v = index.get(pair[0]), index.get(pair[1])
        if u is None or v is None:
            return None
        edge = self._settled.edge(u, v)
        if edge is None or (self._hidden is not None and _gone(edge, u, v, self._hidden)):
            alternative = self._alternatives.get((u, v))
            return None if alternative is None else alternative[1]
        return edge[1]


def _peel(account: Account, settled: _Settled) -> Peel | None:
    """The reporting branches with no team member, competitor, buying-team person or other tie in them.

    Only for an account whose reporting lines form a forest (``settled.regular``):
    every peeled edge is then a reporting line, at its default strengths.
    """
    if not settled.regular:
        return None
    index = settled.index
    keep = list(map(index.__getitem__, map(_ID, (*account.team, *account.competitors, *account.buying_team))))
    keep += itertools.chain.from_iterable(settled.extra)  # links, relationships, ties: their ends stay
    return peel_tree(settled.up, keep)


def _less(
    lists: _Pair,
    settled: _Settled,
    hidden: frozenset[int],
    private: list[tuple[int, int]],
    alternatives: dict[tuple[int, int], _Edge],
) -> _Pair:
    """``lists`` less the ``hidden`` people and the ``private`` edges, a private edge's public
    ``alternatives`` standing in its place.

    Only the lists of the nodes that lose an edge are copied; the others are
    shared (a finder never changes its lists).
    """
    succ, pred = lists
    touched = {*hidden, *itertools.chain.from_iterable(private)}
    for h in hidden:
        touched.update(m for m, _ in succ[h])
        touched.update(m for m, _ in pred[h])
    succ, pred, edge = list(succ), list(pred), settled.edge

    def weight(u: int, v: int, w: float) -> float | None:
        """The strength of ``u -> v`` in the public lists: its own, its alternative's, or None (gone)."""
        if not _gone(edge(u, v), u, v, hidden):
            return w
        alternative = alternatives.get((u, v))
        return None if alternative is None else alternative[0]

    for n in touched:
        succ[n] = [(m, x) for m, w in succ[n] if (x := weight(n, m, w)) is not None]
        pred[n] = [(m, x) for m, w in pred[n] if (x := weight(m, n, w)) is not None]
    return succ, pred


def _public_alternatives(
    account: Account, settled: _Settled, hidden: frozenset[int], private: list[tuple[int, int]]
) -> dict[tuple[int, int], _Edge]:
    """For each private edge between two people not hidden, the edge that stands on its pair
    without it, when one does: a private family tie must not hide that the two are former colleagues.
    """
    wanted = {pair for pair in private if pair[0] not in hidden and pair[1] not in hidden}
    if not wanted:
        return {}
    index = settled.index
    best: dict[tuple[int, int], _Edge] = {}
    for u, v, w, kind, is_private in itertools.chain(_reporting_edges(account), _other_edges(account)):
        pair = (index[u], index[v])
        if pair in wanted and not is_private and _stands(best.get(pair), w, kind):
            best[pair] = (w, kind, False)
    return best


def _gone(edge: _Edge | None, u: int, v: int, hidden: frozenset[int]) -> bool:
    """Whether a public finder leaves out the edge ``u -> v``: private, at a hidden person (or none)."""
    return edge is None or edge[2] or u in hidden or v in hidden


class PathFinder:
    """Strongest-path searches over one influence graph.

    Parameters
    ----------
    graph : networkx.DiGraph
        From :func:`build_graph` (node attributes ``kind`` and ``stance``,
        edge attribute ``strength``).

    Notes
    -----
    One search (:meth:`search`, :meth:`from_source`, :meth:`to_target`)
    costs O((V + E) log V): paths are kept as shared linked lists and only
    spelled out on a tie or when read. With several starts it finds, for
    every node, the best path from any of them in that one search; a
    ``cutoff`` stops it at paths too weak to matter.

    Inside, nodes are numbered (``_ids[i]`` is node ``i``, ``_index`` the
    reverse) and each node's neighbours are a list of ``(number, strength)``
    in the graph's order, so the search loop indexes lists instead of hashing
    ids. A finder built for an account (:meth:`for_account`) searches the
    account's kernel when every start lies in it, and reads the peeled
    reporting branches' labels on demand (:mod:`influence.peeling`): the same
    answers, for the part of a large account the searches need.
    """

    _ids: list[str]
    _index: dict[str, int]
    _full: _Pair | None  # succ and pred of every node, once built
    _make_full: Callable[[], _Pair]
    _types: dict[tuple[str, str], str | None] | _EdgeTypes
    _allowed: dict[str, list[bool]]
    _peel: Peel | None  # the branches no search of the analyses starts in (None: search it all)
    _kernel: _Pair | None  # succ and pred less the peeled branches
    _hidden: frozenset[int] | None  # a public finder's hidden people, by number

    def __init__(self, graph: nx.DiGraph[str]):
        # networkx's own dicts (``succ``/``pred``/``nodes`` are views over them, ten times slower to walk)
        succ: dict[str, dict[str, dict[str, Any]]] = graph._succ  # type: ignore[attr-defined]
        pred: dict[str, dict[str, dict[str, Any]]] = graph._pred  # type: ignore[attr-defined]
        self._ids = list(succ)
        index = self._index = {n: i for i, n in enumerate(self._ids)}
        self._full = (
            [[(index[v], d["strength"]) for v, d in nbrs.items()] for nbrs in succ.values()],
            [[(index[u], d["strength"]) for u, d in pred[n].items()] for n in self._ids],
        )
        self._types = {(u, v): d.get("type") for u, nbrs in succ.items() for v, d in nbrs.items()}
        nodes: dict[str, dict[str, Any]] = graph._node  # type: ignore[attr-defined]
        people = {n: d.get("stance") for n, d in nodes.items() if d.get("kind") == "person"}
        self._setup(people)
        self._peel, self._kernel, self._hidden = None, None, None

    @property
    def _succ(self) -> _Lists:
        return self._lists()[0]

    @property
    def _pred(self) -> _Lists:
        return self._lists()[1]

    def _lists(self) -> _Pair:
        if self._full is None:
            self._full = self._make_full()
        return self._full

    @classmethod
    def for_account(cls, account: Account, *, public: bool = False) -> PathFinder:
        """The searches over an account's influence graph, built without networkx.

        Same nodes, edges and neighbour order as ``PathFinder(build_graph(account))``,
        at a fraction of the cost. With ``public=True`` the graph leaves out
        private people and private ties, and a structural ("S") route passes
        no one against us (stance below 0): the routes a recommendation may
        name. Built once per account and kept in its ``memo`` (a finder is
        read-only after it is built), so the analyses, the plan and the map
        share it; an account with nothing private and no one against us shares
        one finder for both.

        Examples
        --------
        >>> from influence.loading import load_file
        >>> finder = PathFinder.for_account(load_file("examples/uralmet.yaml"))
        >>> finder.strongest("sokolov", "sokolov").strength
        1.0
        """
        key = "path_finder_public" if public else "path_finder"
        cached: PathFinder | None = account.memo.get(key)
        if cached is None:
            if public:
                full = cls.for_account(account)
                settled: _Settled = account.memo["path_finder_edges"]
                cached = full._without(account, settled, settled.hidden(account))._friendly(account)
            else:
                settled = account.memo["path_finder_edges"] = _Settled(account)
                cached = cls._build(account, settled)
            account.memo[key] = cached
        return cached

    @classmethod
    def _build(cls, account: Account, settled: _Settled) -> PathFinder:
        """The finder over every node and edge of the account."""
        finder = cls.__new__(cls)
        finder._ids, finder._index = settled.ids, settled.index
        finder._full, finder._make_full = None, settled.lists
        finder._types = _EdgeTypes(settled)
        if settled.regular:  # the people come first, in order
            person = [True] * len(account.people) + [False] * (len(settled.ids) - len(account.people))
            ally = [False] * len(settled.ids)
            for i, stance in _known_stances(account):
                ally[i] = stance_is_ally(stance)
            finder._allowed = {"S": person, "A": ally, "O": list(map(operator.gt, person, ally))}
        else:
            finder._setup({p.id: p.stance for p in account.people})
        finder._peel, finder._kernel, finder._hidden = settled.peel, settled.kernel_lists, None
        return finder

    def _without(self, account: Account, settled: _Settled, hidden: frozenset[int]) -> PathFinder:
        """This finder less the ``hidden`` people and every private edge (self when nothing goes);
        where a private edge stood on a pair that also has a public one, the public one stands.

        The node numbers stay; a hidden person loses its number in ``_index``
        and every edge, so no search starts at or reaches it. The kernel's
        lists are filtered now, the full lists when first needed.
        """
        private = [pair for pair, edge in settled.extra.items() if edge[2]]
        if not private and not hidden:
            return self
        alternatives = _public_alternatives(account, settled, hidden, private)
        finder = self.__class__.__new__(self.__class__)
        finder._ids = self._ids
        finder._index = dict(self._index)
        for h in hidden:
            del finder._index[self._ids[h]]
        finder._full = None
        finder._make_full = lambda: _less(self._lists(), settled, hidden, private, alternatives)
        finder._types = _EdgeTypes(settled, hidden, alternatives)
        finder._allowed = self._allowed
        finder._peel = self._peel
        finder._kernel = (
            None if self._kernel is None else _less(self._kernel, settled, hidden, private, alternatives)
        )
        finder._hidden = hidden
        return finder

    def _friendly(self, account: Account) -> PathFinder:
        """A copy whose structural ("S") routes pass no one who is against us (stance below 0).

        A public finder names introductions: an opponent or a skeptic is no
        one to ask for one. The other kinds are unchanged (an ally is never
        against us; opposition routes run through those who are).
        """
        index, people = self._index, account.people
        ids = [people[i].id for i, stance in _known_stances(account) if stance < 0]
        against = [index[n] for n in ids if n in index]
        if not against:
            return self
        finder = copy.copy(self)
        structural = list(self._allowed["S"])
        for i in against:
            structural[i] = False
        finder._allowed = {**self._allowed, "S": structural}
        return finder

    def _setup(self, people: dict[str, int | None]) -> None:
        """Who may stand in the middle of each path kind (``people``: stance by id), by node number."""
        index = self._index
        person, ally = [False] * len(self._ids), [False] * len(self._ids)
        for n, is_ally in zip(people, map(stance_is_ally, people.values()), strict=True):
            person[index[n]], ally[index[n]] = True, is_ally
        self._allowed = {
            "S": person,
            "A": ally,
            "O": [p and not a for p, a in zip(person, ally, strict=True)],
        }

    def edge_type(self, u: str, v: str) -> str | None:
        """The ``type`` of the edge ``u -> v`` (a link type, ``relationship``, ``competitor``), or None."""
        return self._types.get((u, v))

    def search(
        self, starts: Iterable[str], kind: str = "S", *, forward: bool = True, cutoff: float = 0.0
    ) -> Paths:
        """Strongest ``kind`` paths from (or, with ``forward=False``, to) any of ``starts``.

        Parameters
        ----------
        starts : iterable of str
            Start nodes; with several, each node gets the best path from any
            of them (tie rules included), in one search.
        kind : {"S", "A", "O"}
        forward : bool
            False searches the reversed graph: the result holds the best
            paths *to* the starts, still written from their first node.
        cutoff : float
            Paths weaker than this (beyond the tolerance) are not followed:
            exact for every path at least this strong, and much cheaper.

        Returns
        -------
        Paths

        Raises
        ------
        UsageError
            When ``kind`` is not one of :data:`PATH_KINDS`.
        """
        _check_kind(kind)
        labels: dict[int, _Label] = {}
        for start in starts:
            i = self._index.get(start)
            if i is not None and i not in labels:
                labels[i] = (1.0, 0, (i, None))
        limit = cutoff - TOLERANCE if cutoff > 0 else 0.0
        allowed = self._allowed[kind]
        spell: Callable[[_Link], tuple[str, ...]] = lambda link: _path(link, forward, self._ids)  # noqa: E731
        peeled, kernel = self._peel, self._kernel
        if peeled is not None and kernel is not None and all(map(peeled.kernel.__getitem__, labels)):
            initial = dict(labels)
            if _dijkstra(labels, kernel[0 if forward else 1], allowed, limit, spell, peeled.attached):
                down = _REPORTS[1] if forward else _REPORTS[0]  # manager -> report, or report -> manager
                return Paths(labels, self, forward, Tail(labels, peeled, down, allowed, limit, self._hidden))
            labels = initial  # a label a branch hangs from drifted: search the branches too
        adjacency = self._succ if forward else self._pred
        _dijkstra(labels, adjacency, allowed, limit, spell, _unwatched(len(self._ids)))
        return Paths(labels, self, forward)

    def from_source(self, source: str, kind: str = "S", cutoff: float = 0.0) -> Paths:
        """Strongest ``kind`` paths from ``source`` to every node it reaches."""
        return self.search([source], kind, forward=True, cutoff=cutoff)

    def to_target(self, target: str, kind: str = "S", cutoff: float = 0.0) -> Paths:
        """Strongest ``kind`` paths to ``target`` from every node that reaches it.

        Runs on the reversed graph; paths are still given from start to target.
        """
        return self.search([target], kind, forward=False, cutoff=cutoff)

    def strongest(self, a: str, b: str, kind: str = "S") -> PathResult:
        """The strongest ``kind`` path from ``a`` to ``b`` (``NO_PATH`` when none)."""
        _check_kind(kind)
        if a == b and a in self._index:
            return PathResult(1.0, (a,))
        return self.from_source(a, kind).get(b, NO_PATH)


def _check_kind(kind: str) -> None:
    """Refuse a path kind other than ``S``, ``A``, ``O`` with a :class:`UsageError`."""
    if kind not in PATH_KINDS:
        hint = (
            f" (did you mean {kind.upper()!r}?)"
            if isinstance(kind, str) and kind.upper() in PATH_KINDS
            else ""
        )
        raise UsageError(f"unknown path kind {kind!r}{hint}; expected one of {', '.join(PATH_KINDS)}")


_Entry: TypeAlias = tuple[float, int, int, int, _Link]  # (-strength, hops, order, node, path)


@functools.lru_cache(maxsize=4)
def _unwatched(n: int) -> list[bool]:
    """``watch`` for a search that watches no node: one shared list per size (the search only reads it)."""
    return [False] * n


def _dijkstra(
    labels: dict[int, _Label],
    adjacency: list[list[tuple[int, float]]],
    allowed: list[bool],
    limit: float,
    spell: Callable[[_Link], tuple[str, ...]],
    watch: list[bool],
) -> bool:
    """Dijkstra with the tie rules, from the start labels in ``labels``; fills ``labels``.

    Returns False when a ``watch``-ed node lost the label it was expanded
    with (a tie that drifts within the tolerance; see :mod:`influence.peeling`),
    True otherwise.

    Entries leave the heap in increasing ``(-strength, hops, order)`` (order:
    a number given as an entry is made); a popped entry whose label was
    replaced since is passed over. A node with no edge to follow is never
    expanded (it would do nothing).

    A *dead end* is a node whose only edge (in the search's direction) leads
    back to the node it was just reached from, u: a tree's leaf, most of a
    large account. Expanding it offers u a path through the dead end, never
    stronger than u's label and two hops longer, which u refuses as long as
    its label is the one it was expanded with. So the dead end's entry is
    parked with u instead of pushed; should u's label be replaced later (a
    tie), the parked entries that would still be in the heap are pushed
    then, with their original order numbers: every label comes out exactly
    as without parking, at a fraction of the heap traffic.
    """
    heap: list[_Entry] = [(-1.0, 0, k, i, link) for k, (i, (_, _, link)) in enumerate(labels.items())]
    order = len(heap)
    heapq.heapify(heap)
    parked: dict[int, list[_Entry]] = {}
    pop, push, label, tol = heapq.heappop, heapq.heappush, labels.get, TOLERANCE
    kept = True
    while heap:  # hot loop: locals only
        entry = pop(heap)
        neg, hops, _, u, link = entry
        if labels[u][2] is not link:
            continue  # a better label replaced this one
        strength, hops = -neg, hops + 1
        waiting: list[_Entry] | None = None
        if watch[u]:  # parked with nothing, to hear should it lose this label
            waiting = parked[u] = []
        for v, w in adjacency[u]:
            value = strength * w
            if value < limit:
                continue
            old = label(v)
            if old is not None:
                if value < old[0] - tol:
                    continue
                if value <= old[0] + tol:  # a tie on strength: fewer hops, then the smaller path
                    if hops > old[1]:
                        continue
                    if hops == old[1] and spell((v, link)) >= spell(old[2]):
                        continue
                if v in parked:  # v was expanded with the label it loses now
                    kept = kept and not watch[v]
                    for later in parked.pop(v):
                        if later > entry:
                            push(heap, later)
            new: _Link = (v, link)
            labels[v] = (value, hops, new)
            out = adjacency[v]
            if allowed[v] and (out or watch[v]):  # may stand in the middle, and has an edge to follow
                item = (-value, hops, order, v, new)
                order += 1
                if watch[v] or len(out) > 1 or out[0][0] != u:
                    push(heap, item)
                elif waiting is None:
                    waiting = parked[u] = [item]
                else:
                    waiting.append(item)
    return kept


def strongest_path(graph: nx.DiGraph[str], a: str, b: str, kind: str = "S") -> PathResult:
    """``S(a -> b)``, ``A(a -> b)`` or ``O(a -> b)`` of docs/analysis.md.

    Parameters
    ----------
    graph : networkx.DiGraph
        An influence graph from :func:`build_graph`.
    a, b : str
        Start and end node ids.
    kind : {"S", "A", "O"}
        Who may stand in the middle of the path.

    Returns
    -------
    PathResult
        Strength 1 and path ``(a,)`` when ``a == b``; strength 0 and an
        empty path when no such path exists.

    Raises
    ------
    UsageError
        When ``graph`` is not a networkx DiGraph (an Account: take
        :func:`influence_graph` of it), ``a`` or ``b`` is not one of its
        nodes, an edge has no ``strength`` between 0 and 1, or ``kind`` is
        not one of :data:`PATH_KINDS`.

    Notes
    -----
    Builds a :class:`PathFinder` (O(V + E)) and runs one Dijkstra search
    from ``a``: O((V + E) log V) plus path copying. For many queries on one
    graph, build a :class:`PathFinder` once and reuse it.

    Examples
    --------
    >>> import influence
    >>> g = influence.influence_graph(influence.load("examples/uralmet.yaml"))
    >>> strongest_path(g, "kuznetsov", "sokolov")
    PathResult(strength=0.9, path=('kuznetsov', 'sokolov'))
    >>> strongest_path(g, "kuznetsov", "sokolov", kind="o")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: unknown path kind 'o' (did you mean 'O'?); expected one of S, A, O
    """
    import networkx as nx  # loaded already when ``graph`` is one

    if not isinstance(graph, nx.DiGraph) or isinstance(graph, nx.MultiDiGraph):
        hint = "; pass influence.influence_graph(account)" if isinstance(graph, Account) else ""
        raise UsageError(f"strongest_path: expected a networkx.DiGraph, got {type(graph).__name__}{hint}")
    _check_influence_graph(graph, (a, b))
    return PathFinder(graph).strongest(a, b, kind)


def _check_influence_graph(graph: nx.DiGraph[str], ends: tuple[str, ...]) -> None:
    """A :class:`UsageError` unless ``ends`` are nodes, every edge has a strength in (0, 1] (no
    strength means no edge) and every ``stance`` a node gives is a whole number from -2 to 2."""
    for node in ends:
        if node not in graph:
            raise UsageError(f"strongest_path: no node {node!r} in the graph")
    edges: Iterable[tuple[str, str, object]] = graph.edges(data="strength")
    for u, v, strength in edges:
        if isinstance(strength, bool) or not isinstance(strength, (int, float)) or not 0 < strength <= 1:
            raise UsageError(
                f"strongest_path: the edge {u!r} -> {v!r} has no strength between 0 and 1 ({strength!r}); "
                "build the graph with influence.influence_graph(account)"
            )
    stances: Iterable[tuple[str, object]] = iter(graph.nodes(data="stance"))
    for node, stance in stances:
        if stance is not None and (isinstance(stance, bool) or stance not in range(-2, 3)):
            raise UsageError(
                f"strongest_path: node {node!r} has stance {stance!r}, not a whole number from -2 to 2; "
                "build the graph with influence.influence_graph(account)"
            )
