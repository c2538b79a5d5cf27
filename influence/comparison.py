"""Two analyses side by side: two accounts, or two versions of one account.

A consumer of the analysis layer: it compares the pandas tables of
:mod:`influence.frames`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from influence.analysis.report import Report
from influence.errors import UsageError
from influence.frames import frame
from influence.model import Account

__all__ = ["Comparison", "compare"]


@dataclass
class Comparison:
    """What changed between report ``before`` and report ``after``.

    Attributes
    ----------
    summary : DataFrame
        index: the summary counts; columns ``before``, ``after``, ``change`` (int64).
    coverage : DataFrame
        One row per decision maker in either report: ``person``, ``name``,
        ``coverage_before``, ``coverage_after``, ``change`` (float64, NaN
        where absent), ``status_before``, ``status_after`` (string).
    findings_new, findings_resolved : DataFrame
        Findings only in ``after`` / only in ``before`` (matched on code,
        subject and evidence source), with the findings table's columns.
    sponsors : DataFrame
        ``person``, ``name``, ``class_before``, ``class_after`` (string).
    """

    summary: pd.DataFrame
    coverage: pd.DataFrame
    findings_new: pd.DataFrame
    findings_resolved: pd.DataFrame
    sponsors: pd.DataFrame


def _key(row: pd.Series) -> tuple[str, str, str]:
    evidence = row["evidence"] if isinstance(row["evidence"], dict) else {}
    return (str(row["code"]), str(row["subject"]), str(evidence.get("source", "")))


def compare(before: Report, after: Report) -> Comparison:
    """Compare two reports.

    Parameters
    ----------
    before, after : Report
        From :func:`influence.analyze`, usually the same account at two dates
        or two versions of its file.

    Returns
    -------
    Comparison

    Raises
    ------
    UsageError
        When ``before`` or ``after`` is not a Report (an Account: analyse it first).

    Examples
    --------
    >>> import influence
    >>> before = influence.analyze(influence.load("examples/uralmet.yaml"), "2026-11-27")
    >>> after = influence.analyze(influence.load("examples/uralmet-2027q1.yaml"), "2027-02-01")
    >>> change = compare(before, after)
    >>> change.summary.loc["covered"].tolist()
    [2, 4, 2]
    """
    for name, value in (("before", before), ("after", after)):
        if not isinstance(value, Report):
            hint = "; analyse it first with influence.analyze" if isinstance(value, Account) else ""
            raise UsageError(
                f"compare: {name} must be a Report (from influence.analyze), not {type(value).__name__}{hint}"
            )
    s_before, s_after = before.summary, after.summary
    summary = pd.DataFrame(
        {"before": pd.Series(s_before), "after": pd.Series(s_after)}, index=list(s_after)
    ).astype("int64")
    summary["change"] = summary["after"] - summary["before"]

    cov = pd.merge(
        frame(before, "coverage")[["person", "name", "coverage", "status"]],
        frame(after, "coverage")[["person", "name", "coverage", "status"]],
        on="person",
        how="outer",
        suffixes=("_before", "_after"),
    )
    cov["name"] = cov["name_after"].fillna(cov["name_before"])
    cov["change"] = cov["coverage_after"] - cov["coverage_before"]
    for col in ("status_before", "status_after"):
        cov[col] = cov[col].astype("string")
    coverage = cov[
        ["person", "name", "coverage_before", "coverage_after", "change", "status_before", "status_after"]
    ].sort_values("person", ignore_index=True)

    fb, fa = frame(before, "findings"), frame(after, "findings")
    keys_b = {_key(r) for _, r in fb.iterrows()}
    keys_a = {_key(r) for _, r in fa.iterrows()}
    new = fa[[_key(r) not in keys_b for _, r in fa.iterrows()]].reset_index(drop=True)
    resolved = fb[[_key(r) not in keys_a for _, r in fb.iterrows()]].reset_index(drop=True)

    sp = pd.merge(
        frame(before, "sponsors")[["person", "name", "class"]],
        frame(after, "sponsors")[["person", "name", "class"]],
        on="person",
        how="outer",
        suffixes=("_before", "_after"),
    )
    sp["name"] = sp["name_after"].fillna(sp["name_before"])
    sponsors = pd.DataFrame(
        {
            "person": sp["person"],
            "name": sp["name"],
            "class_before": sp["class_before"].astype("string"),
            "class_after": sp["class_after"].astype("string"),
        }
    ).sort_values("person", ignore_index=True)
    return Comparison(summary, coverage, new, resolved, sponsors)
