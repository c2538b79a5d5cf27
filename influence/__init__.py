"""influence: stakeholder influence analysis for B2B enterprise account planning.

>>> import influence
>>> account = influence.load("examples/uralmet.yaml")
>>> report = influence.analyze(account, as_of="2026-11-27")
>>> report.summary["decision_makers"]
4

The public API: :func:`load`, :func:`analyze` (a :class:`Report`), :func:`plan`
(the moves that close most of the gap, also ``report.plan``; :func:`apply_plan`),
:func:`to_frames` / :func:`frame` (its pandas tables), :func:`render_map`,
:func:`compare`, :func:`diff_accounts` (what changed between two versions),
:func:`strongest_path` and the account's networkx graph
:func:`influence_graph`.

Every error raised on purpose is an :class:`InfluenceError`: a
:class:`UsageError` (also a ``ValueError``) for a wrong argument, naming it,
what was given and what is expected; a :class:`SourceError` for an input
that cannot be read; a :class:`ValidationError` for an account file that
breaks the rules (its ``issues``); a :class:`StoreError` from Neo4j; a
:class:`LanguageError` for a ``lang`` other than ``en`` or ``ru``
(:func:`to_frames`, :func:`frame`, :func:`render_map`).
"""

import os
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from influence.errors import (
    InfluenceError,
    LanguageError,
    SourceError,
    StoreError,
    UsageError,
    ValidationError,
)
from influence.model import Account
from influence.store import Neo4jConfig
from influence.store import checked_source as _checked_source
from influence.store import open_source as _open_source
from influence.version import __version__ as __version__

if _TYPE_CHECKING:
    from influence.analysis import CoverageGain, Finding, Move, Plan, Report, analyze, apply_plan, plan
    from influence.comparison import Comparison, compare
    from influence.diff import CoverageChange, Diff, diff_accounts
    from influence.frames import frame, to_frames
    from influence.generate import generate_account
    from influence.graph import PathResult, influence_graph, strongest_path
    from influence.maps import InfluenceMap, render_map

__all__ = [
    "Account",
    "Comparison",
    "CoverageChange",
    "CoverageGain",
    "Diff",
    "Finding",
    "InfluenceError",
    "InfluenceMap",
    "LanguageError",
    "Move",
    "Neo4jConfig",
    "PathResult",
    "Plan",
    "Report",
    "SourceError",
    "StoreError",
    "UsageError",
    "ValidationError",
    "analyze",
    "apply_plan",
    "compare",
    "diff_accounts",
    "frame",
    "generate_account",
    "influence_graph",
    "load",
    "plan",
    "render_map",
    "strongest_path",
    "to_frames",
]

# The analyses and the heavy optional parts (pyvis, pandas) load on first use,
# so a command that needs none of them (``db push``, ``--version``) starts fast.
_LAZY = {
    **dict.fromkeys(
        ("CoverageGain", "Finding", "Move", "Plan", "Report", "analyze", "apply_plan", "plan"),
        "influence.analysis",
    ),
    "generate_account": "influence.generate",
    "PathResult": "influence.graph",
    "influence_graph": "influence.graph",
    "strongest_path": "influence.graph",
    "Comparison": "influence.comparison",
    "compare": "influence.comparison",
    "frame": "influence.frames",
    "to_frames": "influence.frames",
    "CoverageChange": "influence.diff",
    "Diff": "influence.diff",
    "diff_accounts": "influence.diff",
    "InfluenceMap": "influence.maps",
    "render_map": "influence.maps",
}


def __getattr__(name: str) -> _Any:  # PEP 562
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'influence' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def load(source: str | os.PathLike[str] | dict[str, _Any], *, neo4j: Neo4jConfig | None = None) -> Account:
    """Load an account from a file, from Neo4j, or from a document dict.

    Parameters
    ----------
    source : str, path-like or dict
        An account file (``.yaml``, ``.yml``, ``.json``), ``"neo4j:ACCOUNT"``,
        or an ``influence/v1`` document as a dict (what :func:`generate_account`
        returns, or ``json.load`` of an account file), validated as a file is;
        its messages name it ``(dict)``.
    neo4j : Neo4jConfig, optional
        Connection settings; unset fields come from ``NEO4J_*`` variables.

    Returns
    -------
    Account
        Validated; its influence graph is ``influence_graph(account)`` (networkx.DiGraph).

    Raises
    ------
    SourceError, ValidationError, StoreError
        As the source says; :class:`UsageError` when ``source`` is not a path
        (text or path-like), ``"neo4j:ACCOUNT"`` or a document dict, naming
        what is accepted, or when ``neo4j`` is not a :class:`Neo4jConfig` (a
        URI goes in ``Neo4jConfig(uri=...)``).

    Examples
    --------
    >>> account = load("examples/uralmet.yaml")
    >>> account.id, account.name, len(account.people)
    ('uralmet', 'UralMet Holding', 16)
    >>> from influence.generate import generate_account
    >>> len(load(generate_account(50, seed=1)).people) >= 50
    True
    """
    if isinstance(source, dict):
        if neo4j is not None:
            raise UsageError("load: neo4j is for a 'neo4j:ACCOUNT' source, not for a document dict")
        import copy

        from influence.validation import build_account

        return build_account(copy.deepcopy(source))
    return _open_source(_checked_source(source, neo4j, "load", _LOAD_ACCEPTS), neo4j)


#: what :func:`load` takes, said when it is given something else
_LOAD_ACCEPTS = "a file path (str or os.PathLike), 'neo4j:ACCOUNT' or an influence/v1 document dict"
