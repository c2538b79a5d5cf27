"""The kernel of an influence graph: the reporting branches no search starts in, peeled away.

Most of a large account is a reporting tree whose branches hold nobody a
search starts from and no tie but the reporting lines. A strongest path
between two nodes outside such a branch never enters it: it would have to
come back through the manager it entered by. :func:`peel_tree` sets those
branches apart; a search then runs Dijkstra over the kernel only and reads
a peeled person's label off the one route down from the kernel, on demand
(:class:`Tail`).

Both give the labels of a search of the whole graph unless a node a branch
hangs from changes its label after it was expanded (a tie that drifts
within the tolerance, where a path round through the branch could win):
the search watches those nodes and then searches the whole graph (see
:meth:`PathFinder.search <influence.graph.PathFinder.search>`).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from itertools import compress
from typing import TypeAlias

__all__ = ["Peel", "Tail", "peel_tree"]

_Link: TypeAlias = tuple[int, "_Link | None"]  # (node, rest), as in influence.graph
_Label: TypeAlias = tuple[float, int, _Link]  # (strength, hops, path)


class Peel:
    """Which nodes were peeled, and where they hang.

    Attributes
    ----------
    kernel : list of bool
        Per node: whether it stays.
    up : list of int
        Per node: its manager (-1 for none); a peeled node hangs from its manager.
    children : dict of int to list of int
        The peeled reports of each node that has any.
    attached : list of bool
        Per node: a kernel node with peeled reports.
    """

    __slots__ = ("attached", "children", "kernel", "up")

    def __init__(self, kernel: list[bool], up: list[int], children: dict[int, list[int]]):
        self.kernel, self.up, self.children = kernel, up, children
        attached = [False] * len(kernel)
        for p in children:
            attached[p] = kernel[p]
        self.attached = attached


def peel_tree(up: list[int], keep: Iterable[int]) -> Peel | None:
    """Set apart every node of the forest ``up`` whose subtree holds no node of ``keep``.

    ``up[i]`` is node i's parent (-1 for a root). The kernel is ``keep``
    and every ancestor of a kept node. Returns None when nothing is peeled.
    O(V). Should ``up`` go round (not a valid account), a cycle with no kept
    node below it is peeled with all that hangs from it: nothing there is
    tied to the kernel, so no search from the kernel reaches it.

    Examples
    --------
    >>> p = peel_tree([-1, 0, 1, 0], keep=[1])  # 0 heads 1 and 3; 2 reports to 1
    >>> p.kernel, p.children, p.attached
    ([True, True, False, False], {1: [2], 0: [3]}, [True, True, False, False])
    """
    kernel = [False] * len(up)
    for i in keep:
        while i >= 0 and not kernel[i]:
            kernel[i] = True
            i = up[i]
    peeled = list(compress(range(len(up)), map(operator.not_, kernel)))
    children: dict[int, list[int]] = {}
    for x in peeled:
        p = up[x]
        if p >= 0:
            if p in children:
                children[p].append(x)
            else:
                children[p] = [x]
    return Peel(kernel, up, children) if peeled else None


class Tail:
    """The labels of the peeled nodes for one search of the kernel, read on demand.

    Parameters
    ----------
    labels : dict
        The kernel search's labels.
    peeled : Peel
    strength : float
        The strength of a step from a manager down to a report in the
        search's direction (every peeled edge is a reporting line).
    allowed : list of bool
        Who may stand in the middle of a path of the search's kind.
    limit : float
        The search's cutoff: weaker paths are not followed.
    hidden : frozenset of int, optional
        People a public search leaves out, with their reporting lines.
    """

    __slots__ = ("_allowed", "_hidden", "_labels", "_limit", "_memo", "_peel", "_strength")

    def __init__(
        self,
        labels: dict[int, _Label],
        peeled: Peel,
        strength: float,
        allowed: list[bool],
        limit: float,
        hidden: frozenset[int] | None = None,
    ):
        self._labels, self._peel, self._strength = labels, peeled, strength
        self._allowed, self._limit, self._hidden = allowed, limit, hidden
        self._memo: dict[int, _Label | None] = {}

    def _step(self, base: _Label | None, p: int, x: int) -> _Label | None:
        """The label of peeled ``x`` from its manager ``p``'s label ``base`` (None: no path).

        ``p`` passes a path on when it may stand in the middle, or when it
        is a start (no hops); a weaker path than the cutoff is not followed.
        """
        if base is None or not (self._allowed[p] or base[1] == 0):
            return None
        if self._hidden is not None and x in self._hidden:
            return None
        value = base[0] * self._strength
        return None if value < self._limit else (value, base[1] + 1, (x, base[2]))

    def label(self, x: int) -> _Label | None:
        """The label of node ``x`` (None when the search does not reach it)."""
        kernel, up, memo = self._peel.kernel, self._peel.up, self._memo
        if kernel[x]:
            return self._labels.get(x)
        chain = [x]
        while True:  # up to the kernel or a known label, then down the chain
            top = chain[-1]
            if top in memo:
                chain.pop()
                base = memo[top]
                break
            p = up[top]
            if p < 0 or len(chain) > len(kernel):  # a root, or round a cycle (see peel_tree)
                base = None
                break
            if kernel[p]:
                base = self._labels.get(p)
                break
            chain.append(p)
        for y in reversed(chain):
            base = memo[y] = self._step(base, up[y], y)
        return base

    def complete(self) -> dict[int, _Label]:
        """Every label: the kernel search's, then each branch's, depth first, in the kernel's order."""
        labels = dict(self._labels)
        children = self._peel.children
        for k in [k for k in self._labels if k in children]:
            stack = [k]
            while stack:
                p = stack.pop()
                base = labels[p]
                for x in reversed(children.get(p, ())):
                    label = self._step(base, p, x)
                    if label is not None:
                        labels[x] = label
                        stack.append(x)
        return labels
