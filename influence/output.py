"""Text renderings of analysis results: table, JSON, CSV and Markdown.

Used by the command line and the review pack; pure functions from rows to
text, no I/O.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Sequence
from typing import Any

from influence.analysis import SEVERITIES, Report, rounded

__all__ = ["ROW_COLUMNS", "render_gaps", "render_rows", "to_json"]

#: columns of the row commands, as in their JSON rows (docs/analysis.md)
ROW_COLUMNS = {
    "sponsors": ("person", "name", "class", "stance", "access", "link", "reasons"),
    "paths": (
        "source",
        "source_kind",
        "target",
        "path",
        "strength",
        "counter",
        "counter_strength",
        "opposed",
    ),
    "coverage": ("person", "name", "roles", "coverage", "threads", "pressure", "status"),
    "portfolio": (
        "account",
        "name",
        "people",
        "buying_team",
        "decision_makers",
        "covered",
        "sponsors",
        "high",
        "medium",
        "low",
        "top_finding",
    ),
}
WIDTH = 100
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def to_json(value: Any) -> str:
    """JSON text with floats rounded to 4 places, UTF-8 kept, newline at the end."""
    return json.dumps(rounded(value), ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any, sep: str = ", ") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return sep.join(str(v) for v in value)
    return str(value)


def _csv_cell(value: Any, key: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 4))
    if isinstance(value, (list, tuple)):
        return (">" if key == "path" else ";").join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(rounded(value), ensure_ascii=False, sort_keys=True)
    return value


def _csv(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c), c) for c in columns])
    return buffer.getvalue()


def _md(text: Any) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _table(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    seps = {"path": " → "}
    cells = [[_cell(r.get(c), seps.get(c, ", ")) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells)
    if not rows:
        lines.append("(none)")
    return "\n".join(lines) + "\n"


def _markdown_table(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    seps = {"path": " → "}
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(_md(_cell(r.get(c), seps.get(c, ", "))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def render_rows(kind: str, rows: Sequence[Any], fmt: str) -> str:
    """Render ``sponsors``, ``paths`` or ``coverage`` rows.

    Parameters
    ----------
    kind : {"sponsors", "paths", "coverage"}
    rows : sequence of row dataclasses (with ``to_dict``)
    fmt : {"table", "json", "csv", "markdown"}
    """
    dicts = [r.to_dict() for r in rows]
    columns = ROW_COLUMNS[kind]
    if fmt == "json":
        return to_json(dicts)
    if fmt == "csv":
        return _csv(columns, dicts)
    if fmt == "markdown":
        return _markdown_table(columns, dicts)
    return _table(columns, dicts)


def _summary_line(report: Report) -> str:
    s = report.summary
    return (
        f"buying team {s['buying_team']} · decision makers {s['decision_makers']} · covered {s['covered']} · "
        f"findings: {s['high']} high, {s['medium']} medium, {s['low']} low"
    )


def _subject(report: Report, subject: str) -> str:
    """A finding's subject for people: the name, with the id after it."""
    name = report.account.display_name(subject)
    return f"{name} ({subject})" if name != subject else subject


def _gaps_table(report: Report) -> str:
    account = report.account
    out = [
        f"Gap report: {account.name} ({account.id}), as of {report.as_of.isoformat()}",
        _summary_line(report)[0].upper() + _summary_line(report)[1:],
    ]
    wrap = textwrap.TextWrapper(width=WIDTH, initial_indent="    ", subsequent_indent="    ")
    rec_wrap = textwrap.TextWrapper(width=WIDTH, initial_indent="    → ", subsequent_indent="      ")
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        out.append("")
        out.append(f"{severity.upper()} ({len(group)})")
        for f in group:
            out.append(f"  {f.code}: {_subject(report, f.subject)}")
            out.extend(wrap.wrap(f.message))
            out.extend(rec_wrap.wrap(f.recommendation))
    if not report.findings:
        out.extend(["", "No gaps found."])
    return "\n".join(out) + "\n"


def _gaps_markdown(report: Report) -> str:
    account = report.account
    out = [
        f"# Gap report: {_md(account.name)}",
        "",
        f"Account `{account.id}`, as of {report.as_of.isoformat()}: {_summary_line(report)}.",
    ]
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        out += ["", f"## {severity.capitalize()} ({len(group)})", ""]
        for f in group:
            out.append(f"- **{f.code}** ({_md(_subject(report, f.subject))}): {_md(f.message)}  ")
            out.append(f"  *Next step:* {_md(f.recommendation)}")
    if not report.findings:
        out += ["", "No gaps found."]
    return "\n".join(out) + "\n"


def render_gaps(report: Report, fmt: str) -> str:
    """Render the gap report in ``table``, ``json``, ``csv`` or ``markdown``."""
    if fmt == "json":
        return json.dumps(report.gaps_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        columns = ("severity", "code", "subject", "message", "recommendation", "evidence")
        return _csv(columns, [f.to_dict() for f in report.findings])
    if fmt == "markdown":
        return _gaps_markdown(report)
    return _gaps_table(report)
