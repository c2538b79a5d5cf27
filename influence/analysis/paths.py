"""Anti-influence paths that reach decision makers (docs/analysis.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from influence.analysis.facts import Facts, at_least, facts_for
from influence.model import Account

__all__ = ["AntiPathRow", "anti_influence_paths"]


@dataclass(frozen=True)
class AntiPathRow:
    """The strongest opposition path from one source to one decision maker.

    Attributes
    ----------
    source : str
        A hostile buying-team person or a competitor.
    source_kind : {"person", "competitor"}
    target : str
        The decision maker reached.
    path : tuple of str
        From source to target; ``(target,)`` when the source is the target.
    strength : float
        O(source -> target).
    counter : str or None
        The ally (stance >= 1, not the source) with the strongest A path to
        the target; the target itself counts with 1 when it is an ally.
    counter_strength : float
    opposed : bool
        ``counter_strength >= strength``.
    """

    source: str
    source_kind: str
    target: str
    path: tuple[str, ...]
    strength: float
    counter: str | None
    counter_strength: float
    opposed: bool

    def to_dict(self) -> dict[str, Any]:
        """The JSON row of docs/analysis.md."""
        return {
            "source": self.source,
            "source_kind": self.source_kind,
            "target": self.target,
            "path": list(self.path),
            "strength": self.strength,
            "counter": self.counter,
            "counter_strength": self.counter_strength,
            "opposed": self.opposed,
        }


def anti_influence_paths(account: Account, facts: Facts | None = None) -> list[AntiPathRow]:
    """Every opposition path of strength >= ANTI_MIN from a source to a decision maker.

    Parameters
    ----------
    account : Account
    facts : Facts, optional
        Shared search results.

    Returns
    -------
    list of AntiPathRow
        By strength descending, then source, then target.

    Notes
    -----
    Runs two searches per decision maker on the reversed graph (opposition
    and ally), whatever the number of sources: O(D · (V + E) log V), plus
    O(D · S) to read off the S sources.
    """
    facts = facts_for(account, facts, "anti_influence_paths")
    competitors = set(facts.competitor_ids)
    rows = []
    for d, f in facts.decision_makers.items():
        for s, result in f.opposition.items():
            counter, counter_strength = facts.counter(d, s)
            rows.append(
                AntiPathRow(
                    source=s,
                    source_kind="competitor" if s in competitors else "person",
                    target=d,
                    path=result.path,
                    strength=result.strength,
                    counter=counter,
                    counter_strength=counter_strength,
                    opposed=at_least(counter_strength, result.strength),
                )
            )
    rows.sort(key=lambda r: (-round(r.strength, 9), r.source, r.target))
    return rows
