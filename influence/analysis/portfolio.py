"""One summary row per account, for a whole named-account list."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from influence.analysis.report import Report

__all__ = ["PortfolioRow", "error_row", "portfolio_row"]


@dataclass(frozen=True)
class PortfolioRow:
    """The gap report of one account, summed up; or why it could not be read.

    Attributes
    ----------
    source : str
        Where the account came from: its file, or ``neo4j:ACCOUNT``.
    account, name : str or None
        None on an error row.
    people, buying_team, decision_makers, covered : int or None
    sponsors : int or None
        Confirmed sponsors.
    high, medium, low : int or None
        Findings by severity.
    top_finding : str or None
        Code of the first finding in report order.
    error : str or None
        Why the account could not be read or analysed (the first line of
        the message); None on a good row, whose other fields are all set.
    """

    source: str
    account: str | None
    name: str | None
    people: int | None
    buying_team: int | None
    decision_makers: int | None
    covered: int | None
    sponsors: int | None
    high: int | None
    medium: int | None
    low: int | None
    top_finding: str | None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON row."""
        return asdict(self)

    @property
    def severities(self) -> dict[str, int]:
        """Findings per severity (all 0 on an error row)."""
        return {"high": self.high or 0, "medium": self.medium or 0, "low": self.low or 0}


def portfolio_row(report: Report, source: str) -> PortfolioRow:
    """Sum up one report.

    Examples
    --------
    >>> import influence
    >>> report = influence.analyze(influence.load("examples/uralmet.yaml"), "2026-11-27")
    >>> row = portfolio_row(report, "examples/uralmet.yaml")
    >>> row.source, row.account, row.decision_makers
    ('examples/uralmet.yaml', 'uralmet', 4)
    """
    s = report.summary
    return PortfolioRow(
        source=source,
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


def error_row(source: str, error: str) -> PortfolioRow:
    """The row of an account that could not be read or analysed.

    Examples
    --------
    >>> error_row("a.yaml", "a.yaml: no such file").to_dict()["error"]
    'a.yaml: no such file'
    """
    return PortfolioRow(source, None, None, None, None, None, None, None, None, None, None, None, error)
