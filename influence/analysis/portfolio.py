"""One summary row per account, for a whole named-account list."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from influence.analysis.report import Report

__all__ = ["PortfolioRow", "portfolio_row"]


@dataclass(frozen=True)
class PortfolioRow:
    """The gap report of one account, summed up.

    Attributes
    ----------
    account, name : str
    people, buying_team, decision_makers, covered : int
    high, medium, low : int
        Findings by severity.
    sponsors : int
        Confirmed sponsors.
    top_finding : str or None
        Code of the first finding in report order.
    """

    account: str
    name: str
    people: int
    buying_team: int
    decision_makers: int
    covered: int
    sponsors: int
    high: int
    medium: int
    low: int
    top_finding: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return asdict(self)


def portfolio_row(report: Report) -> PortfolioRow:
    """Sum up one report."""
    s = report.summary
    return PortfolioRow(
        account=report.account.id,
        name=report.account.name,
        people=len(report.account.people),
        buying_team=s["buying_team"],
        decision_makers=s["decision_makers"],
        covered=s["covered"],
        sponsors=sum(1 for r in report.sponsors if r.sponsor_class == "sponsor"),
        high=s["high"],
        medium=s["medium"],
        low=s["low"],
        top_finding=report.findings[0].code if report.findings else None,
    )
