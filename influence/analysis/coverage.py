"""Coverage of decision makers (docs/analysis.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from influence.analysis.facts import COVERED, Facts, at_least, facts_for, is_zero
from influence.model import Account

__all__ = ["CoverageRow", "coverage"]


@dataclass(frozen=True)
class CoverageRow:
    """How well our team reaches one decision maker.

    Attributes
    ----------
    person, name : str
        The decision maker.
    roles : tuple of str
        Their roles in the decision.
    coverage : float
        max over team members t of A(t -> d).
    threads : int
        Team members with a direct relationship to d.
    pressure : float
        max over competitors c of O(c -> d).
    status : {"uncovered", "weak", "covered"}
    path : tuple of str
        The ally path that gives the coverage (empty when uncovered).
    """

    person: str
    name: str
    roles: tuple[str, ...]
    coverage: float
    threads: int
    pressure: float
    status: str
    path: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON row of docs/analysis.md."""
        return {
            "person": self.person,
            "name": self.name,
            "roles": list(self.roles),
            "coverage": self.coverage,
            "threads": self.threads,
            "pressure": self.pressure,
            "status": self.status,
        }


def status_of(value: float) -> str:
    """``uncovered`` (0), ``weak`` (below COVERED) or ``covered``."""
    if is_zero(value):
        return "uncovered"
    return "covered" if at_least(value, COVERED) else "weak"


def coverage(account: Account, facts: Facts | None = None) -> list[CoverageRow]:
    """Coverage rows of every decision maker, ordered by person id.

    Parameters
    ----------
    account : Account
    facts : Facts, optional
        Shared search results (see :func:`influence.analysis.analyze`).

    Returns
    -------
    list of CoverageRow

    Notes
    -----
    Two searches per decision maker on the reversed graph (ally and
    opposition): O(D · (V + E) log V) for D decision makers.
    """
    facts = facts_for(account, facts, "coverage")
    rows = []
    for d, f in sorted(facts.decision_makers.items()):
        rows.append(
            CoverageRow(
                person=d,
                name=f.person.name,
                roles=f.person.roles,
                coverage=f.coverage.strength,
                threads=f.threads,
                pressure=f.pressure.strength,
                status=status_of(f.coverage.strength),
                path=f.coverage.path,
            )
        )
    return rows
