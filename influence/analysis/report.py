"""One analysis run: every table and the gap report for an account and a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from influence.analysis.catalogue import renderer
from influence.analysis.coverage import CoverageRow, coverage
from influence.analysis.facts import Facts, expect_account
from influence.analysis.findings import SEVERITIES, Finding, findings
from influence.analysis.paths import AntiPathRow, anti_influence_paths
from influence.analysis.plan import DEFAULT_MOVES, Plan
from influence.analysis.plan import plan as make_plan
from influence.analysis.sponsors import SponsorRow, sponsors
from influence.dates import parse_as_of
from influence.i18n import translator
from influence.model import Account

__all__ = ["Report", "analyze", "rounded"]


def rounded(value: Any) -> Any:
    """Round every float in a JSON-like value as ``round(x, 4)`` (docs/analysis.md)."""
    if isinstance(value, str):  # the most common value, passed first
        return value
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v) for v in value]
    return value


@dataclass
class Report:
    """Everything the analyses say about one account on one date.

    Attributes
    ----------
    account : Account
    as_of : datetime.date
    coverage : list of CoverageRow
    sponsors : list of SponsorRow
    paths : list of AntiPathRow
    findings : list of Finding
    facts : Facts
        The searches behind them, reused by the map and the tables.
    plan : Plan
        The moves that close most of the gap (computed on first use).

    The rows as pandas tables: :func:`influence.frames.to_frames`.
    """

    account: Account
    as_of: dt.date
    coverage: list[CoverageRow] = field(default_factory=list)
    sponsors: list[SponsorRow] = field(default_factory=list)
    paths: list[AntiPathRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    facts: Facts | None = field(default=None, compare=False, repr=False)
    _plan: Plan | None = field(default=None, init=False, compare=False, repr=False)

    def __repr__(self) -> str:
        """A one-line summary (the account, the date, the findings by severity), not every row: a
        notebook cell that ends with a report shows this, not the whole account.

        >>> import influence
        >>> analyze(influence.load("examples/uralmet.yaml"), "2026-11-27")
        Report(account='uralmet', as_of=2026-11-27, high=4, medium=21, low=11)
        """
        counts = ", ".join(f"{s}={sum(1 for f in self.findings if f.severity == s)}" for s in SEVERITIES)
        return f"Report(account={self.account.id!r}, as_of={self.as_of.isoformat()}, {counts})"

    def searches(self) -> Facts:
        """The shared searches of this report (run now if the report was built by hand)."""
        if self.facts is None:
            self.facts = Facts(self.account)
        return self.facts

    @property
    def plan(self) -> Plan:
        """The plan of :data:`~influence.analysis.plan.DEFAULT_MOVES` moves, computed on first use."""
        if self._plan is None:
            self._plan = make_plan(self.account, self.as_of, DEFAULT_MOVES, facts=self.searches())
        return self._plan

    @property
    def summary(self) -> dict[str, int]:
        """Counts by severity, buying-team size, decision makers and covered ones."""
        counts = {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}
        return {
            **counts,
            "buying_team": len(self.account.buying_team),
            "decision_makers": len(self.account.decision_makers),
            "covered": sum(1 for r in self.coverage if r.status == "covered"),
        }

    def gaps_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The ``gaps --format json`` object, numbers rounded, words in ``lang`` (default English)."""
        say = renderer(translator(lang))
        rows = [f.json_row(say=say) for f in self.findings]
        for row in rows:  # rounded here, not by a second copy of the whole report
            row["evidence"] = rounded(row["evidence"])
        return {
            "account": self.account.id,
            "as_of": self.as_of.isoformat(),
            "summary": self.summary,
            "findings": rows,
        }

    def worst(self) -> str | None:
        """The highest severity among the findings, or None."""
        for s in SEVERITIES:
            if any(f.severity == s for f in self.findings):
                return s
        return None


def analyze(account: Account, as_of: dt.date | str | None = None) -> Report:
    """Run every analysis of docs/analysis.md once.

    Parameters
    ----------
    account : Account
    as_of : datetime.date or str, optional
        Analysis date: a ``date`` (a ``datetime`` gives its date) or
        ``YYYY-MM-DD`` text; default today.

    Returns
    -------
    Report

    Raises
    ------
    UsageError
        When ``account`` is not an Account (a file name: load it first with
        :func:`influence.load`) or ``as_of`` is not a date.

    Examples
    --------
    >>> import influence
    >>> report = analyze(influence.load("examples/uralmet.yaml"), "2026-11-27")
    >>> report.summary["decision_makers"], report.worst()
    (4, 'high')
    >>> [(r.person, r.status) for r in report.coverage][:2]
    [('ivanov', 'covered'), ('orlova', 'weak')]

    Notes
    -----
    The searches are shared: three per decision maker (reversed) and two per
    team member (forward), so O((D + T) · (V + E) log V) in all.
    """
    expect_account(account, "analyze")
    as_of = parse_as_of(as_of)
    facts = Facts(account)
    cov = coverage(account, facts)
    spo = sponsors(account, facts)
    pth = anti_influence_paths(account, facts)
    fnd = findings(account, as_of, facts, coverage_rows=cov, sponsor_rows=spo, path_rows=pth)
    return Report(account, as_of, cov, spo, pth, fnd, facts)
