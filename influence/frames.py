"""pandas tables of an analysis, for notebooks.

>>> import influence
>>> report = influence.analyze(influence.load("examples/uralmet.yaml"), as_of="2026-11-27")
>>> tables = influence.to_frames(report)
>>> list(tables)
['people', 'coverage', 'sponsors', 'paths', 'findings', 'plan']
>>> influence.frame(report, "coverage")["status"].tolist()
['covered', 'weak', 'covered', 'weak']

Every table has documented columns and dtypes (``string`` is pandas'
nullable string dtype; ``Int64`` its nullable integer):

people
    person (string), name (string), title (string), unit (string),
    unit_name (string), organization (string), roles (object: list of str),
    stance (Int64, -2..2, <NA> unknown), stance_label (string),
    awareness (category: none < low < medium < high), buying_team (bool),
    decision_maker (bool), informal (bool), private (bool),
    access (float64), link (float64)
coverage
    person (string), name (string), roles (object: list of str),
    coverage (float64), threads (int64), pressure (float64),
    status (category: uncovered, weak, covered), path (object: list of str)
sponsors
    person (string), name (string), class (category: sponsor, at_risk,
    candidate), stance (Int64), access (float64), link (float64),
    reasons (object: list of str)
paths
    source (string), source_kind (category: person, competitor),
    target (string), path (object: list of str), hops (int64),
    strength (float64), counter (string, <NA> when none),
    counter_strength (float64), opposed (bool)
findings
    code (string), severity (category, ordered high, medium, low: sorting puts
    high first, and ``severity < "medium"`` selects the high ones),
    subject (string), message (string), recommendation (string),
    evidence (object: dict)
plan
    rank (int64), kind (category: strengthen, meet), team (string),
    person (string), introducer (string, <NA> when none),
    strength_before (float64), strength_after (float64), gain (float64),
    score_after (float64), coverage (object: list of dict person/before/after),
    resolves (object: list of dict code/subject), route (object: list of str)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from influence.analysis.facts import Facts
from influence.analysis.report import Report
from influence.errors import UsageError
from influence.i18n import translator
from influence.model import AWARENESS, STANCE_LABELS

__all__ = ["FRAMES", "FRAME_COLUMNS", "frame", "to_frames"]

FRAME_COLUMNS: dict[str, dict[str, Any]] = {
    "people": {
        "person": "string",
        "name": "string",
        "title": "string",
        "unit": "string",
        "unit_name": "string",
        "organization": "string",
        "roles": "object",
        "stance": "Int64",
        "stance_label": "string",
        "awareness": pd.CategoricalDtype(list(AWARENESS), ordered=True),
        "buying_team": "bool",
        "decision_maker": "bool",
        "informal": "bool",
        "private": "bool",
        "access": "float64",
        "link": "float64",
    },
    "coverage": {
        "person": "string",
        "name": "string",
        "roles": "object",
        "coverage": "float64",
        "threads": "int64",
        "pressure": "float64",
        "status": pd.CategoricalDtype(["uncovered", "weak", "covered"]),
        "path": "object",
    },
    "sponsors": {
        "person": "string",
        "name": "string",
        "class": pd.CategoricalDtype(["sponsor", "at_risk", "candidate"]),
        "stance": "Int64",
        "access": "float64",
        "link": "float64",
        "reasons": "object",
    },
    "paths": {
        "source": "string",
        "source_kind": pd.CategoricalDtype(["person", "competitor"]),
        "target": "string",
        "path": "object",
        "hops": "int64",
        "strength": "float64",
        "counter": "string",
        "counter_strength": "float64",
        "opposed": "bool",
    },
    "findings": {
        "code": "string",
        "severity": pd.CategoricalDtype(["high", "medium", "low"], ordered=True),
        "subject": "string",
        "message": "string",
        "recommendation": "string",
        "evidence": "object",
    },
    "plan": {
        "rank": "int64",
        "kind": pd.CategoricalDtype(["strengthen", "meet"]),
        "team": "string",
        "person": "string",
        "introducer": "string",
        "strength_before": "float64",
        "strength_after": "float64",
        "gain": "float64",
        "score_after": "float64",
        "coverage": "object",
        "resolves": "object",
        "route": "object",
    },
}
FRAMES = tuple(FRAME_COLUMNS)


def _typed(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = FRAME_COLUMNS[name]
    df = pd.DataFrame(rows, columns=list(columns))
    for column, dtype in columns.items():
        if dtype == "object":
            df[column] = pd.Series(list(df[column]), dtype="object", index=df.index)
        else:
            df[column] = df[column].astype(dtype)
    return df


def _people_rows(report: Report, facts: Facts) -> list[dict[str, Any]]:
    account = report.account
    rows = []
    for p in account.people:
        unit = account.unit_by_id.get(p.unit) if p.unit else None
        rows.append(
            {
                "person": p.id,
                "name": p.name,
                "title": p.title,
                "unit": p.unit,
                "unit_name": unit.name if unit else None,
                "organization": account.unit_organization(p.unit),
                "roles": list(p.roles),
                "stance": p.stance,
                "stance_label": STANCE_LABELS.get(p.stance) if p.stance is not None else None,
                "awareness": p.awareness,
                "buying_team": p.in_buying_team,
                "decision_maker": p.is_decision_maker,
                "informal": p.informal,
                "private": p.private,
                "access": facts.access.get(p.id, 0.0),
                "link": facts.link(p.id).strength,
            }
        )
    return rows


def frame(report: Report, name: str, lang: str | None = None) -> pd.DataFrame:
    """One table of a report.

    Parameters
    ----------
    report : Report
    name : {"people", "coverage", "sponsors", "paths", "findings", "plan"}
    lang : {"en", "ru"}, optional
        The language of the findings' ``message`` and ``recommendation``
        (default: the account's ``language``, else English); checked
        whichever table is asked for.

    Returns
    -------
    pandas.DataFrame
        Columns and dtypes as documented in this module.

    Raises
    ------
    UsageError
        When ``report`` is not a Report or ``name`` is not one of :data:`FRAMES`.
    LanguageError
        When ``lang`` is not one of ``en``, ``ru``.

    Examples
    --------
    >>> import influence
    >>> report = influence.analyze(influence.load("examples/uralmet.yaml"), "2026-11-27")
    >>> influence.frame(report, "plan")[["kind", "team", "person"]].head(2)
             kind     team   person
    0  strengthen  sidorov  sokolov
    1        meet   dmitry   orlova
    """
    _check_report(report, "frame")
    lang = translator(lang or report.account.info.language).lang  # a wrong one refused for every table
    if name == "people":
        return _typed(name, _people_rows(report, report.searches()))
    if name == "coverage":
        return _typed(name, [{**r.to_dict(), "path": list(r.path)} for r in report.coverage])
    if name == "sponsors":
        return _typed(name, [r.to_dict() for r in report.sponsors])
    if name == "paths":
        return _typed(name, [{**r.to_dict(), "hops": len(r.path) - 1} for r in report.paths])
    if name == "findings":
        # the evidence a copy: editing the frame must not edit the report (and every later table of it)
        return _typed(name, [f.to_dict(lang) for f in report.findings])
    if name == "plan":
        return _typed(name, [{**m.to_dict(), "route": list(m.route)} for m in report.plan.moves])
    hint = f" (did you mean {name.lower()!r}?)" if isinstance(name, str) and name.lower() in FRAMES else ""
    raise UsageError(f"frame: unknown table {name!r}{hint}; expected one of {', '.join(FRAMES)}")


def _check_report(report: object, function: str) -> None:
    """Refuse, with a :class:`UsageError`, anything but a Report (an Account most likely)."""
    if not isinstance(report, Report):
        raise UsageError(
            f"{function}: expected a Report (from influence.analyze), got {type(report).__name__}"
        )


def to_frames(report: Report, lang: str | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a report: ``people``, ``coverage``, ``sponsors``, ``paths``, ``findings``, ``plan``.

    Parameters
    ----------
    report : Report
    lang : {"en", "ru"}, optional
        The language of the findings' words (default: the account's, else English).

    Returns
    -------
    dict of str to pandas.DataFrame
        In :data:`FRAMES` order; columns and dtypes as documented in this module.

    Raises
    ------
    UsageError
        When ``report`` is not a Report.
    LanguageError
        When ``lang`` is not one of ``en``, ``ru``.

    Examples
    --------
    >>> import influence
    >>> report = influence.analyze(influence.load("examples/uralmet.yaml"), "2026-11-27")
    >>> tables = influence.to_frames(report)
    >>> list(tables), tables["people"].shape
    (['people', 'coverage', 'sponsors', 'paths', 'findings', 'plan'], (16, 16))
    """
    _check_report(report, "to_frames")
    return {name: frame(report, name, lang) for name in FRAMES}
