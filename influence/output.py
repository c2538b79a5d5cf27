"""Text renderings of analysis results: table, JSON, CSV and Markdown.

Used by the command line and the review pack; pure functions from rows to
text, no I/O.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from influence.analysis import SEVERITIES, Finding, Plan, Report, rounded
from influence.analysis.catalogue import (
    REASON_NAMES,
    ROLE_NAMES,
    finding_title,
    subject_kind,
    term,
)
from influence.dates import shifted
from influence.i18n import LANGUAGES, N_, NC_, Translator, translator
from influence.model import Account
from influence.unprintable import escape_controls
from influence.wrapping import Wrapper

if TYPE_CHECKING:  # pragma: no cover
    from influence.diff import Diff, FindingRef

__all__ = [
    "COLUMN_TITLES",
    "KIND_COLUMN_TITLES",
    "MOVE_WORDS",
    "PLAN_COLUMNS",
    "ROW_COLUMNS",
    "SEVERITY_TITLES",
    "SHEET_TITLES",
    "VALUE_WORDS",
    "WORKBOOK_TITLES",
    "gaps_workbook",
    "is_diff_markdown",
    "plan_workbook",
    "render_diff",
    "render_gaps",
    "render_plan",
    "render_rows",
    "rows_workbook",
    "to_json",
    "workbook",
]

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
        "source",
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
        "error",
    ),
}
#: the column titles of table and Markdown output (CSV and JSON keep the keys)
COLUMN_TITLES = {
    # TRANSLATORS: column titles of the tables; keep them short
    "person": N_("person"),
    "name": N_("name"),
    "class": N_("class"),
    "stance": N_("stance"),
    "access": N_("access"),
    "link": N_("link"),
    "reasons": N_("reasons"),
    "source": N_("source"),
    "source_kind": N_("source_kind"),
    "target": N_("target"),
    "path": N_("path"),
    "strength": N_("strength"),
    "counter": N_("counter"),
    "counter_strength": N_("counter_strength"),
    "opposed": N_("opposed"),
    "roles": N_("roles"),
    "coverage": N_("coverage"),
    "threads": N_("threads"),
    "pressure": N_("pressure"),
    "status": N_("status"),
    "account": N_("account"),
    "people": N_("people"),
    "buying_team": N_("buying_team"),
    "decision_makers": N_("decision_makers"),
    "covered": N_("covered"),
    "sponsors": N_("sponsors"),
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "top_finding": N_("top_finding"),
    "error": N_("error"),
}
#: a column title of one row command where the column's key means something else there: a portfolio's
#: ``name`` is the account's (a company's name), not a person's
KIND_COLUMN_TITLES = {
    # TRANSLATORS: the column title of an account's (a client company's) name in the portfolio table
    ("portfolio", "name"): NC_("account", "name"),
}
#: vocabulary values of the row commands in words (table, Markdown and a workbook not in English;
#: JSON and CSV keep the codes)
VALUE_WORDS = {
    "class": {
        # TRANSLATORS: a sponsor's class in the sponsors table
        "sponsor": NC_("sponsor class", "sponsor"),
        "at_risk": NC_("sponsor class", "at risk"),
        "candidate": NC_("sponsor class", "candidate"),
    },
    "status": {
        # TRANSLATORS: a decision maker's coverage in the coverage table, under "status"
        "covered": NC_("coverage status", "covered"),
        "weak": NC_("coverage status", "weak"),
        "uncovered": NC_("coverage status", "uncovered"),
    },
    "source_kind": {
        # TRANSLATORS: who starts an anti-influence path, in the paths table
        "person": NC_("source of a path", "person"),
        "competitor": NC_("source of a path", "competitor"),
    },
}
#: severity group titles of the gap report
SEVERITY_TITLES = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}
WIDTH = 100


@functools.cache
def _md_special() -> re.Pattern[str]:
    """What Markdown would take for markup ("&amp;" would show as "&"), compiled on first use.

    Only Markdown output needs it; compiled at import, every command paid for it.
    """
    return re.compile(r"([\\`*_\[\]<>|#]|&(?=#?[A-Za-z0-9]+;))")


def _shown(text: str) -> str:
    """A table or Markdown text with the data's control characters escaped (its own line breaks kept).

    A name holding an escape sequence cannot recolour or clear the reader's terminal.
    """
    return escape_controls(text, keep="\n")


def to_json(value: Any) -> str:
    """JSON text with floats rounded to 4 places, UTF-8 kept, newline at the end."""
    return _json_text(rounded(value)) + "\n"


def _json_text(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, written without its generators.

    The standard library's C encoder does not indent, and its Python one
    yields every piece through nested generators; this writes the pieces
    straight into one list. Anything else than JSON's own types (or a value
    nested too deeply) goes to ``json.dumps``, which says what is wrong.
    """
    out: list[str] = []
    try:
        _json_write(value, "\n", out)
    except (_NotJson, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


class _NotJson(Exception):
    """A value :func:`_json_write` leaves to ``json.dumps``."""


def _json_scalar(value: Any) -> str:
    """A JSON scalar in ``json.dumps``'s order of checks (str, None, true, false, int, float)."""
    if isinstance(value, str):
        return _json_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise _NotJson


def _json_key(key: Any) -> str:
    """A mapping key as ``json.dumps`` writes it: text, or a number, true, false or null made text."""
    if isinstance(key, str):
        return _json_string(key)
    if isinstance(key, (float, int)) or key is None:  # bools are ints
        return _json_string(_json_scalar(key))
    raise _NotJson


def _json_write(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value``'s JSON text to ``out``; ``newline``: a line break and the current indent.

    A text or a number inside a list or mapping is written with its line's
    opening in one piece (no call of its own): most values of a report are
    text, and this writes a large report about an eighth faster.
    """
    if isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        opening, between = "[" + inner, "," + inner
        for item in value:
            if isinstance(item, str):
                out.append(f"{opening}{_json_string(item)}")
            elif isinstance(item, (list, tuple, dict)):
                out.append(opening)
                _json_write(item, inner, out)
            else:
                out.append(f"{opening}{_json_scalar(item)}")
            opening = between
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        opening, between = "{" + inner, "," + inner
        for key, item in value.items():
            name = _json_string(key) if isinstance(key, str) else _json_key(key)
            if isinstance(item, str):
                out.append(f"{opening}{name}: {_json_string(item)}")
            elif isinstance(item, (list, tuple, dict)):
                out.append(f"{opening}{name}: ")
                _json_write(item, inner, out)
            else:
                out.append(f"{opening}{name}: {_json_scalar(item)}")
            opening = between
        out.append(newline + "}")
    else:
        out.append(_json_scalar(value))


_json_string = json.encoder.encode_basestring  # ensure_ascii=False


def _one_line(text: str) -> str:
    """``text`` on one line, as shown: line breaks as spaces (a name from a CRM may hold one, a
    table row may not), other control characters escaped (so the columns align on what is shown).

    >>> _one_line("Ivan\\nIvanov"), _one_line("Ivan\\x07"), _one_line("Ivan Ivanov")
    ('Ivan Ivanov', 'Ivan\\\\x07', 'Ivan Ivanov')
    """
    return text if text.isprintable() else escape_controls(" ".join(text.splitlines()))


def _cell(value: Any, t: Translator, sep: str = ", ") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, float):  # Russian tables write 0,90, as their sentences do
        return f"{value:.2f}".replace(".", t.formatter.decimal)
    if isinstance(value, (list, tuple)):
        return _one_line(sep.join(str(v) for v in value))
    return _one_line(str(value))


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
    import csv  # only for this format

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c), c) for c in columns])
    return buffer.getvalue()


def _md(text: Any) -> str:
    """Data for Markdown: its markup characters escaped, on one line as a table shows it (every line
    break, U+2028 and NEL too, a space).

    >>> _md("X\\u2028Co *1*"), _md("T\\x85eam")
    ('X Co \\\\*1\\\\*', 'T eam')
    """
    return _md_special().sub(r"\\\1", " ".join(str(text).splitlines()))


def _title(column: str, t: Translator, kind: str = "") -> str:
    """A row command's column title in ``t``'s words (``kind`` the command, where a key means
    something else there).

    >>> _title("name", translator("ru")), _title("name", translator("ru"), "portfolio")
    ('имя', 'название')
    """
    if (kind, column) in KIND_COLUMN_TITLES:
        return t.pgettext(*KIND_COLUMN_TITLES[kind, column])
    return t.gettext(COLUMN_TITLES[column]) if column in COLUMN_TITLES else column


def _width(text: str) -> int:
    """The columns ``text`` takes on a terminal: a combining accent none, a Chinese or Japanese
    character two (the standard library's Unicode data; plain ASCII is counted at once).

    >>> _width("Ivan"), _width("Йосиф"), _width("И\\u0306осиф"), _width("王伟")
    (4, 5, 5, 4)
    """
    if text.isascii():
        return len(text)
    import unicodedata  # only for text beyond ASCII

    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def _pad(text: str, width: int) -> str:
    """``text`` and the spaces that make it ``width`` columns wide on a terminal."""
    return text + " " * (width - _width(text))


def _in_words(row: dict[str, Any], t: Translator) -> dict[str, Any]:
    """A row's vocabulary values and finding codes in words, as a table shows them (JSON and CSV keep
    the codes): sponsor class, coverage status, a path's source, roles, reasons, stance, top finding.

    >>> _in_words({"class": "at_risk", "reasons": ["weak-link"], "stance": 0}, translator("en"))
    {'class': 'at risk', 'reasons': ['weak link'], 'stance': 'neutral'}
    """
    out = dict(row)
    for key, words in VALUE_WORDS.items():
        if out.get(key) in words:
            out[key] = t.pgettext(*words[out[key]])
    for key, names in (("roles", ROLE_NAMES), ("reasons", REASON_NAMES)):
        if isinstance(out.get(key), (list, tuple)):
            out[key] = [term(names[v], t) if v in names else v for v in out[key]]
    stance = out.get("stance")
    if isinstance(stance, int) and not isinstance(stance, bool):
        out["stance"] = _stance_word(stance, t)
    if isinstance(out.get("top_finding"), str):
        out["top_finding"] = finding_title(out["top_finding"], t)
    return out


def _table(columns: Sequence[str], rows: list[dict[str, Any]], t: Translator, kind: str = "") -> str:
    seps = {"path": " → "}
    titles = [_title(c, t, kind).upper() for c in columns]
    cells = [[_cell(r.get(c), t, seps.get(c, ", ")) for c in columns] for r in rows]
    widths = [max([_width(c), *(_width(row[i]) for row in cells)]) for i, c in enumerate(titles)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(titles, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells)
    if not rows:
        lines.append(t.gettext("(none)"))
    return "\n".join(lines) + "\n"


def _markdown_table(columns: Sequence[str], rows: list[dict[str, Any]], t: Translator, kind: str = "") -> str:
    seps = {"path": " → "}
    titles = [_title(c, t, kind) for c in columns]
    lines = ["| " + " | ".join(titles) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(_md(_cell(r.get(c), t, seps.get(c, ", "))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def render_rows(kind: str, rows: Sequence[Any], fmt: str, lang: str | None = None) -> str:
    """Render ``sponsors``, ``paths``, ``coverage`` or ``portfolio`` rows.

    Parameters
    ----------
    kind : {"sponsors", "paths", "coverage", "portfolio"}
    rows : sequence of row dataclasses (with ``to_dict``)
    fmt : {"table", "json", "csv", "markdown"}
    lang : {"en", "ru"}, optional
        The words of ``table`` and ``markdown`` (default English): column titles,
        yes/no, vocabulary values (a sponsor's class, a coverage status, roles,
        reasons, a stance, a path's source) and a finding's title for its code.
        JSON and CSV keep their keys and codes.

    Examples
    --------
    >>> render_rows("coverage", [], "table", "ru").splitlines()[0]
    'ЛИЦО  ИМЯ  РОЛИ  ПОКРЫТИЕ  ПРЯМЫЕ СВЯЗИ  ДАВЛЕНИЕ КОНКУРЕНТОВ  СТАТУС'
    """
    t = translator(lang)
    dicts = [r.to_dict() for r in rows]
    columns = ROW_COLUMNS[kind]
    if fmt == "json":
        return to_json(dicts)
    if fmt == "csv":
        return _csv(columns, dicts)
    said = [_in_words(d, t) for d in dicts]
    if fmt == "markdown":
        return _shown(_markdown_table(columns, said, t, kind))
    return _shown(_table(columns, said, t, kind))


def _summary_line(report: Report, t: Translator) -> str:
    s = report.summary
    return t.tr(
        "buying team {buying_team} · decision makers {decision_makers} · covered {covered} · "
        "findings: {high} high, {medium} medium, {low} low",
        **s,
    )


def _group_title(severity: str, count: int, t: Translator) -> str:
    # TRANSLATORS: a severity group of the gap report, e.g. "High (3)"; {severity} is High, Medium or Low
    return t.ntr("{severity} ({n})", "{severity} ({n})", count, severity=t.gettext(SEVERITY_TITLES[severity]))


def _subject(report: Report, f: Finding, t: Translator) -> str:
    """A finding's subject for people: a person's or tender's name, or the account's, with the id
    after it; a role in words (a person's name only when the finding is about a person: the account,
    a role or a tender may share a person's id)."""
    account = report.account
    kind = subject_kind(f.code)
    if f.person is not None:
        name = _one_line(account.display_name(f.subject))
    elif kind == "role":  # TRANSLATORS: the heading of the findings about a role missing from the buying team
        return t.tr(
            "Role: {role}", role=term(ROLE_NAMES[f.subject], t) if f.subject in ROLE_NAMES else f.subject
        )
    elif kind == "account" and f.subject == account.id:
        name = _one_line(account.name)
    elif kind == "tender":
        titles = {x.id: x.title for x in account.tenders if x.title}
        name = _one_line(titles.get(f.subject, f.subject))
    else:
        name = f.subject
    return f"{name} ({f.subject})" if name != f.subject else f.subject


def _heading(f: Finding, t: Translator) -> str:
    """A finding's heading in the gap report: its title, the code after it (the key of its JSON and
    of docs/analysis.md).

    >>> _heading(Finding("no-sponsor", "high", "acme"), translator("en"))
    'No confirmed sponsor (no-sponsor)'
    """
    title = finding_title(f.code, t)
    return f"{title} ({f.code})" if title != f.code else f.code


def _resolved(code: str, subject: str, account: Account, name: Callable[[str], str], t: Translator) -> str:
    """A finding a move resolves, in words: its title, and its subject by ``name`` (the account's
    name for a finding about the account: "no confirmed sponsor (UralMet Holding)")."""
    about = (
        _one_line(account.name)
        if subject == account.id and subject_kind(code) == "account"
        else name(subject)
    )
    return f"{finding_title(code, t, in_text=True)} ({about})"


def _move_lines(chosen: Plan, account: Account, t: Translator) -> list[tuple[str, str]]:
    """Each move as (what to do, its effect), in words."""
    name = account.display_name
    out = []
    for m in chosen.moves:
        if m.kind == "strengthen":
            what = t.tr(
                "{team}: strengthen the relationship with {person} ({before:.2f} → {after:.2f})",
                team=name(m.team),
                person=name(m.person),
                before=m.strength_before,
                after=m.strength_after,
            )
        elif m.introducer is not None:
            what = t.tr(
                "{team}: meet {person}, introduced by {introducer} (new relationship {after:.2f})",
                team=name(m.team),
                person=name(m.person),
                introducer=name(m.introducer),
                after=m.strength_after,
            )
        else:
            what = t.tr(
                "{team}: meet {person} (new relationship {after:.2f})",
                team=name(m.team),
                person=name(m.person),
                after=m.strength_after,
            )
        effect = [t.tr("gain +{gain:.2f}, score {score:.2f}", gain=m.gain, score=m.score_after)]
        if m.coverage:
            changes = ", ".join(
                f"{name(c.person)} {t.number(c.before)} → {t.number(c.after)}" for c in m.coverage
            )
            effect.append(t.tr("coverage: {changes}", changes=changes))
        late = _after_submission(chosen, account, m.rank, t)
        if late:
            effect.append(late)
        if m.resolves:
            fixed = ", ".join(_resolved(code, subject, account, name, t) for code, subject in m.resolves)
            effect.append(t.tr("resolves: {findings}", findings=fixed))
        out.append((what, "; ".join(effect)))
    return out


def _after_submission(chosen: Plan, account: Account, rank: int, t: Translator) -> str:
    """A warning when the move's meeting (``plan --apply`` dates it as-of + 7·rank days) falls after
    the submission of a tender still open on the as-of date (the earliest such); "" otherwise.

    The plan ranks moves by their gain, not by the calendar: a tender due in ten days makes its
    third meeting too late, which a team must see before it books it.
    """
    meeting = shifted(chosen.as_of, 7 * rank)
    passed = [
        x for x in account.tenders if x.submission is not None and chosen.as_of <= x.submission < meeting
    ]
    if not passed:
        return ""
    tender = min(passed, key=lambda x: (x.submission, x.id))
    return t.tr(
        "meeting on {date}, after the submission of {tender} ({submission})",
        date=meeting.isoformat(),
        tender=_one_line(tender.title or tender.id),
        submission=tender.submission.isoformat() if tender.submission else "",
    )


def _plan_title(chosen: Plan, t: Translator) -> str:
    return t.tr(
        "What to do first: score {before:.2f} → {after:.2f} with {moves}",
        before=chosen.score_before,
        after=chosen.score_after,
        moves=t.ntr("{n} move", "{n} moves", len(chosen.moves)),
    )


def _plan_table(chosen: Plan, account: Account, t: Translator) -> list[str]:
    wrap = Wrapper(WIDTH, subsequent_indent="      ", break_on_hyphens=False)
    effect_wrap = Wrapper(WIDTH, "      ", "      ", break_on_hyphens=False)
    out = [_plan_title(chosen, t)]
    for m, (what, effect) in zip(chosen.moves, _move_lines(chosen, account, t), strict=True):
        wrap.initial_indent = f"  {m.rank}. "
        out.extend(wrap.wrap(_one_line(what)))  # a tab escaped, not widened by the wrapper
        out.extend(effect_wrap.wrap(_one_line(effect)))
    note = _no_move(chosen, t) if not chosen.moves else _still_uncovered(chosen, account, t)
    if note:
        out.extend(Wrapper(WIDTH, "  ", "  ", break_on_hyphens=False).wrap(_one_line(note)))
    return out


def _still_uncovered(chosen: Plan, account: Account, t: Translator) -> str:
    """The decision makers the moves leave below covered, by name (a plan that stops short of one,
    the economic buyer it cannot reach, says so); "" when none. Only a plan that stopped before
    the number of moves asked for says that no move reaches them."""
    if not chosen.uncovered:
        return ""
    names = ", ".join(account.display_name(d) for d in chosen.uncovered)
    if not chosen.stopped:
        return t.tr("Still not covered after these moves: {names}.", names=names)
    return t.ntr(
        "Still not covered after these moves: {names}. No move reaches them through someone on our "
        "side; the gap report's findings say where to find a way in.",
        "Still not covered after these moves: {names}. No move reaches them through someone on our "
        "side; the gap report's findings say where to find a way in.",
        len(chosen.uncovered),
        names=names,
    )


def _no_move(chosen: Plan, t: Translator) -> str:
    """Why a plan has no move: nothing left to gain, or no move that reaches the decision makers still uncovered."""
    if not chosen.uncovered:
        return t.gettext("No move raises the score.")
    return t.ntr(
        "No move raises the score, yet {n} decision maker is not covered: no new meeting or deeper "
        "relationship reaches them through someone on our side. Record who knows whom and each person's "
        "stance, or find someone to introduce us: the gap report's findings say where.",
        "No move raises the score, yet {n} decision makers are not covered: no new meeting or deeper "
        "relationship reaches them through someone on our side. Record who knows whom and each person's "
        "stance, or find someone to introduce us: the gap report's findings say where.",
        len(chosen.uncovered),
    )


def _plan_markdown(chosen: Plan, account: Account, t: Translator, level: str = "##") -> list[str]:
    out = [f"{level} {_md(_plan_title(chosen, t))}", ""]
    for m, (what, effect) in zip(chosen.moves, _move_lines(chosen, account, t), strict=True):
        out.append(f"{m.rank}. **{_md(what)}**  ")
        out.append(f"   {_md(effect)}")
    note = _no_move(chosen, t) if not chosen.moves else _still_uncovered(chosen, account, t)
    if note:
        out.append(_md(note))
    return out


def _by_subject(findings: list[Finding]) -> list[tuple[Finding, list[Finding]]]:
    """Findings grouped by subject (a person apart from an account or role of the same id), each group
    with its first finding, groups in the order of their first finding."""
    groups: dict[tuple[bool, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.person is None, f.subject), []).append(f)
    return [(about[0], about) for about in groups.values()]


def _gaps_table(report: Report, t: Translator) -> str:
    account = report.account
    summary = _summary_line(report, t)
    out = [
        t.tr(
            "Gap report: {name} ({id}), as of {date}",
            name=_one_line(account.name),
            id=account.id,
            date=report.as_of,
        ),
        summary[0].upper() + summary[1:],
        "",
        *_plan_table(report.plan, account, t),
    ]
    wrap = Wrapper(WIDTH, "      ", "      ")
    rec_wrap = Wrapper(WIDTH, "      → ", "        ")
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        out.append("")
        out.append(_group_title(severity, len(group), t).upper())
        for first, about in _by_subject(group):
            out.append(f"  {_subject(report, first, t)}")
            for f in about:
                message, recommendation = f.text(t.lang)
                out.append(f"    {_one_line(_heading(f, t))}")
                out.extend(wrap.wrap(_one_line(message)))  # a tab escaped, not widened by the wrapper
                out.extend(rec_wrap.wrap(_one_line(recommendation)))
    if not report.findings:
        out.extend(["", t.gettext("No gaps found.")])
    return "\n".join(out) + "\n"


def _gaps_markdown(report: Report, t: Translator) -> str:
    account = report.account
    out = [
        "# " + t.tr("Gap report: {name}", name=_md(account.name)),
        "",
        t.tr(
            "Account `{id}`, as of {date}: {summary}.",
            id=account.id,
            date=report.as_of,
            summary=_summary_line(report, t),
        ),
        "",
        *_plan_markdown(report.plan, account, t),
    ]
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        out += ["", f"## {_group_title(severity, len(group), t)}"]
        for first, about in _by_subject(group):
            out += ["", f"### {_md(_subject(report, first, t))}", ""]
            for f in about:
                message, recommendation = f.text(t.lang)
                out.append(f"- **{_md(_heading(f, t))}**: {_md(message)}  ")
                out.append("  " + t.tr("*Next step:* {recommendation}", recommendation=_md(recommendation)))
    if not report.findings:
        out += ["", t.gettext("No gaps found.")]
    return "\n".join(out) + "\n"


def render_plan(chosen: Plan, account: Account, fmt: str, lang: str | None = None) -> str:
    """Render a plan in ``table``, ``json`` or ``markdown``.

    Parameters
    ----------
    chosen : Plan
    account : Account
        The account planned (for names).
    fmt : {"table", "json", "markdown"}
    lang : {"en", "ru"}, optional
        Default: the account's ``language``, else English.
    """
    if fmt == "json":
        return to_json(chosen.to_dict())
    t = translator(lang or account.info.language)
    if fmt == "markdown":
        head = ["# " + t.tr("Plan: {name}", name=_md(account.name)), ""]
        head.append(t.tr("Account `{id}`, as of {date}.", id=account.id, date=chosen.as_of))
        return _shown("\n".join([*head, "", *_plan_markdown(chosen, account, t)]) + "\n")
    head = [
        t.tr(
            "Plan: {name} ({id}), as of {date}",
            name=_one_line(account.name),
            id=account.id,
            date=chosen.as_of,
        ),
        "",
    ]
    return _shown("\n".join([*head, *_plan_table(chosen, account, t)]) + "\n")


def render_gaps(report: Report, fmt: str, lang: str | None = None) -> str:
    """Render the gap report in ``table``, ``json``, ``csv`` or ``markdown``.

    Parameters
    ----------
    report : Report
    fmt : {"table", "json", "csv", "markdown"}
    lang : {"en", "ru"}, optional
        The language of every human text, messages and recommendations
        included (also inside JSON and CSV); default: the account's
        ``language``, else English. Keys, codes and ids never change.
    """
    t = translator(lang or report.account.info.language)
    if fmt == "json":
        return _json_text(report.gaps_dict(t.lang)) + "\n"
    if fmt == "csv":
        columns = ("severity", "code", "subject", "message", "recommendation", "evidence")
        return _csv(columns, [f.to_dict(t.lang) for f in report.findings])
    if fmt == "markdown":
        return _shown(_gaps_markdown(report, t))
    return _shown(_gaps_table(report, t))


#: the person and tie fields a diff names, in words
DIFF_FIELDS = {
    # TRANSLATORS: a field of a person or a tie, in a list of changes ("stance 0 → 1")
    "name": NC_("field", "name"),
    "title": NC_("field", "title"),
    "unit": NC_("field", "unit"),
    "roles": NC_("field", "roles"),
    "stance": NC_("field", "stance"),
    "awareness": NC_("field", "awareness"),
    "pains": NC_("field", "pains"),
    "offer": NC_("field", "offer"),
    "informal": NC_("field", "informal"),
    "private": NC_("field", "private"),
    "buying_team": NC_("field", "buying_team"),
    "reports_to": NC_("field", "reports_to"),
    "strength": NC_("field", "strength"),
    "back_strength": NC_("field", "back_strength"),
    "last_contact": NC_("field", "last_contact"),
}
#: kinds and link types of ties, in words (the diff's ``~ link family: A → B``)
TIE_WORDS = {
    # TRANSLATORS: kinds of ties between people, in a list of changes
    "link": NC_("tie", "link"),
    "relationship": NC_("tie", "relationship"),
    "competitor": NC_("tie", "competitor"),
    "reports_to": NC_("tie", "reports_to"),
    "influences": NC_("tie", "influences"),
    "family": NC_("tie", "family"),
    "friend": NC_("tie", "friend"),
    "former_colleague": NC_("tie", "former_colleague"),
    "informal": NC_("tie", "informal"),
}
#: a decision maker's coverage and status in a diff
COVERAGE_WORDS = {
    "covered": N_("{coverage:.2f} (covered)"),
    "weak": N_("{coverage:.2f} (weak)"),
    "uncovered": N_("{coverage:.2f} (uncovered)"),
}
#: a finding no longer reported that no longer applies, by why (see :meth:`Diff.dropped_as`)
DROPPED_WORDS = {
    # TRANSLATORS: a finding no longer reported because its subject left the account, its code and subject
    "left-account": N_("dropped (no longer in the account): {code} ({subject})"),
    # TRANSLATORS: a finding no longer reported because the person left the buying team
    "left-buying-team": N_("dropped (no longer in the buying team): {code} ({subject})"),
    # TRANSLATORS: a finding about decision makers no longer reported because the person no longer decides
    "no-longer-decision-maker": N_("dropped (no longer a decision maker): {code} ({subject})"),
    # TRANSLATORS: "not connected", about people who do not decide, no longer reported: the person now decides
    "now-decision-maker": N_("dropped (now a decision maker): {code} ({subject})"),
}
#: the diff's sections, in order
DIFF_SECTIONS = {
    "people": N_("People"),
    "ties": N_("Ties"),
    # TRANSLATORS: the diff's section of the account block, organizations, units, team, competitors, tenders, activities
    "records": N_("Account and records"),
    "coverage": N_("Coverage of decision makers"),
    "findings": N_("Findings"),
}
#: what a record of each section is called in the diff's ``~ tender MES (mes-2027): …``
RECORD_NOUNS = {
    # TRANSLATORS: a kind of record, before its name in a list of changes ("tender MES modernization (mes-2027)")
    "account": NC_("type of record", "account"),
    "organizations": NC_("type of record", "organization"),
    "units": NC_("type of record", "unit"),
    "team": NC_("type of record", "team member"),
    "competitors": NC_("type of record", "competitor"),
    "tenders": NC_("type of record", "tender"),
    "activities": NC_("type of record", "activity"),
}
#: the record fields a diff names, in words; ``section.field`` where a section's field reads otherwise
RECORD_FIELD_WORDS = {
    # TRANSLATORS: a field of the account or another record, in a list of changes ("budget 1500 → 2000")
    "name": NC_("record field", "name"),
    "team.name": NC_("field", "name"),
    "segment": NC_("record field", "segment"),
    "owner": NC_("record field", "owner"),
    "target_unit": NC_("record field", "target_unit"),
    "target_rationale": NC_("record field", "target_rationale"),
    "fiscal_year_start": NC_("record field", "fiscal_year_start"),
    "next_review": NC_("record field", "next_review"),
    "language": NC_("record field", "language"),
    "kind": NC_("record field", "kind"),
    "parent": NC_("record field", "parent"),
    "ownership": NC_("record field", "ownership"),
    "organization": NC_("record field", "organization"),
    "role": NC_("record field", "role"),
    "incumbent": NC_("record field", "incumbent"),
    "title": NC_("record field", "title"),
    "submission": NC_("record field", "submission"),
    "date": NC_("record field", "date"),
    "targets": NC_("record field", "targets"),
    "budget": NC_("record field", "budget"),
    "status": NC_("record field", "status"),
}

#: a record's vocabulary values in words, by ``section.field`` ("type workshop → pilot" in words)
RECORD_VALUE_WORDS = {
    "activities.kind": {
        # TRANSLATORS: a kind of activity (an event we hold for the client's people)
        "meeting": NC_("activity kind", "meeting"),
        "conference": NC_("activity kind", "conference"),
        "reference_visit": NC_("activity kind", "reference visit"),
        "pilot": NC_("activity kind", "pilot"),
        "training": NC_("activity kind", "training"),
        "workshop": NC_("activity kind", "workshop"),
        "other": NC_("activity kind", "other"),
    },
    "activities.status": {
        # TRANSLATORS: the status of an activity (neuter in Russian: «мероприятие»)
        "planned": NC_("activity status", "planned"),
        "done": NC_("activity status", "done"),
        "cancelled": NC_("activity status", "cancelled"),
    },
    "organizations.kind": {
        # TRANSLATORS: a kind of organization in the client's holding
        "holding": NC_("organization kind", "holding"),
        "company": NC_("organization kind", "company"),
        "subsidiary": NC_("organization kind", "subsidiary"),
        "branch": NC_("organization kind", "branch"),
        "other": NC_("organization kind", "other"),
    },
}


def _value(value: Any, t: Translator) -> str:
    """A diff value in text: lists joined, absent as a dash."""
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, float):  # fixed point: a budget of 1500000.0 is not 1.5e+06; 99.99999 is not 100
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text.replace(".", t.formatter.decimal)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


#: awareness levels in words (the map's tooltip says them so)
AWARENESS_WORDS = {"none": N_("none"), "low": N_("low"), "medium": N_("medium"), "high": N_("high")}


# TRANSLATORS: a field's change in the diff: "stance skeptic → neutral" (Russian puts a colon after the field)
_CHANGED = N_("{field} {before} → {after}")
#: a stance after the word "stance" in a change ("stance neutral → supporter"; Russian «позиция:
#: нейтрал → сторонник», each a word for the person, where a report says «нейтральная позиция»)
STANCE_CHANGE_WORDS = {
    "-2": NC_("stance in a change", "opponent"),
    "-1": NC_("stance in a change", "skeptic"),
    "0": NC_("stance in a change", "neutral"),
    "1": NC_("stance in a change", "supporter"),
    "2": NC_("stance in a change", "champion"),
}


def _role_words(value: Any, t: Translator) -> str:
    """Roles of a diff in words, as the gap report says them; any other value as :func:`_value` says it."""
    if isinstance(value, (list, tuple)) and all(v in ROLE_NAMES for v in value):
        return ", ".join(term(ROLE_NAMES[v], t) for v in value) if value else _value(value, t)
    return _value(value, t)


def _stance_word(value: Any, t: Translator) -> str:
    """A stance of a diff in words ("supporter"); any other value as :func:`_value` says it."""
    if isinstance(value, int) and not isinstance(value, bool) and str(value) in STANCE_CHANGE_WORDS:
        return t.pgettext(*STANCE_CHANGE_WORDS[str(value)])
    return _value(value, t)


def _strength_word(value: Any, t: Translator) -> str:
    """A tie's strength in a diff with two decimals ("0.30"); any other value as :func:`_value` says it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return t.number(value)
    return _value(value, t)


#: fields (``section.field``, or ``field`` in any section) that hold ids of people or team members
_PEOPLE_FIELDS = frozenset(("people.reports_to", "owner", "targets"))


def _named_ids(section: str, field: str, value: Any, who: Callable[[str], str]) -> Any:
    """``value`` with the people's ids a field holds given by name ("Ivan Ivanov (ivanov)")."""
    if value is None or not ({f"{section}.{field}", field} & _PEOPLE_FIELDS):
        return value
    if isinstance(value, (list, tuple)):
        return [who(x) if isinstance(x, str) else x for x in value]
    return who(value) if isinstance(value, str) else value


def _words(table: dict[str, tuple[str, str]], key: str, t: Translator) -> str:
    return t.pgettext(*table[key]) if key in table else key


# TRANSLATORS: after the people removed and added in a diff: two of them with one name, maybe one
# person whose id changed ("id": the key a person has in the file)
_SAME_NAME = N_(
    "note: {removed} and {added} share a name: if they are one person under a new id, "
    "keep the earlier id (a diff matches people by id)"
)


def _diff_lines(d: Diff, t: Translator) -> dict[str, list[str]]:
    """The diff's sections as plain lines (shared by table and Markdown), each on one line."""
    sections = _diff_sections(d, t)
    return {key: [_one_line(line) for line in lines] for key, lines in sections.items()}


def _diff_sections(d: Diff, t: Translator) -> dict[str, list[str]]:
    """The diff's sections, a line per change (a name from the data may still hold a line break)."""

    def who(pid: str) -> str:
        name = d.names.get(pid, pid)
        return f"{name} ({pid})" if name != pid else pid

    def tie(x: Any) -> str:
        kind = _words(TIE_WORDS, x.kind, t)
        kind = f"{kind} {_words(TIE_WORDS, x.type, t)}" if x.type else kind
        return f"{kind}: {who(x.source)} → {who(x.target)}"

    def change(c: Any) -> str:
        before, after = (_value(_named_ids("people", c.field, v, who), t) for v in (c.before, c.after))
        if c.field == "stance":  # in words, as every report says it (neutral → supporter)
            before, after = (_stance_word(v, t) for v in (c.before, c.after))
        elif c.field == "awareness":  # in the report's language (нет → низкая)
            before, after = (
                t.gettext(AWARENESS_WORDS[v]) if v in AWARENESS_WORDS else _value(v, t)
                for v in (c.before, c.after)
            )
        elif c.field == "roles":  # as the gap report names them (привратник → экономический покупатель)
            before, after = (_role_words(v, t) for v in (c.before, c.after))
        elif c.field in ("strength", "back_strength"):  # two decimals, as the plan writes them (0.30 → 0.90)
            before, after = (_strength_word(v, t) for v in (c.before, c.after))
        return t.tr(_CHANGED, field=_words(DIFF_FIELDS, c.field, t), before=before, after=after)

    def cov(value: float | None, status: str | None, here: bool) -> str:
        if value is None:  # None: not a decision maker in that version, or not in it at all
            return t.gettext("not a decision maker") if here else t.gettext("not in this version")
        return t.tr(COVERAGE_WORDS.get(status or "", "{coverage:.2f}"), coverage=value)

    added, removed = set(d.people_added), set(d.people_removed)
    return {
        "people": [
            *(f"+ {who(p)}" for p in d.people_added),
            *(f"- {who(p)}" for p in d.people_removed),
            *(t.tr(_SAME_NAME, removed=who(old), added=who(new)) for old, new in d.people_same_name),
            *(f"~ {who(c.person)}: {change(c)}" for c in d.people_changed),
        ],
        "ties": [
            *(f"+ {tie(x)}" for x in d.ties_added),
            *(f"- {tie(x)}" for x in d.ties_removed),
            *(f"~ {tie(c.tie)}: {change(c)}" for c in d.ties_changed),
        ],
        "records": _record_lines(d, t, who),
        "coverage": [
            f"{who(c.person)}: {cov(c.before, c.status_before, c.person not in added)}"
            f" → {cov(c.after, c.status_after, c.person not in removed)}"
            for c in d.coverage
        ],
        "findings": _finding_lines(d, t, who),
    }


def _record_lines(d: Diff, t: Translator, who: Callable[[str], str]) -> list[str]:
    """The diff's records: ``+ competitor SeverSoft (seversoft)``, ``~ tender … (mes-2027): submission a → b``."""

    def record(ref: Any) -> str:
        noun = t.pgettext(*RECORD_NOUNS[ref.section]) if ref.section in RECORD_NOUNS else ref.section
        label = d.labels.get(ref, ref.id)
        return f"{noun} {label} ({ref.id})" if label != ref.id else f"{noun} {ref.id}"

    def field(c: Any) -> str:
        marked = RECORD_FIELD_WORDS.get(f"{c.section}.{c.field}") or RECORD_FIELD_WORDS.get(c.field)
        return t.pgettext(*marked) if marked else c.field

    def value(c: Any, v: Any) -> str:
        words = RECORD_VALUE_WORDS.get(f"{c.section}.{c.field}", {})
        if isinstance(v, str) and v in words:  # a vocabulary value in words (семинар → пилот)
            return t.pgettext(*words[v])
        return _value(_named_ids(c.section, c.field, v, who), t)

    return [
        *(f"+ {record(r)}" for r in d.records_added),
        *(f"- {record(r)}" for r in d.records_removed),
        *(
            f"~ {record(c.ref)}: {t.tr(_CHANGED, field=field(c), before=value(c, c.before), after=value(c, c.after))}"
            for c in d.records_changed
        ),
    ]


def _finding_lines(d: Diff, t: Translator, who: Callable[[str], str]) -> list[str]:
    """The diff's findings: resolved, dropped (no longer applying: see :meth:`Diff.dropped_as`), new,
    persisting."""

    def named(f: FindingRef) -> str:  # a person by name, a role in words; an account or tender by id
        if f.person is not None:  # "(Elena Orlova, orlova)": no brackets inside the finding's own
            name = d.names.get(f.subject, f.subject)
            return f"{name}, {f.subject}" if name != f.subject else f.subject
        if subject_kind(f.code) == "role" and f.subject in ROLE_NAMES:
            return term(ROLE_NAMES[f.subject], t)
        return f.subject

    def title(f: FindingRef) -> str:  # a finding by its title, as the gap report heads it
        return finding_title(f.code, t, in_text=True)

    def gone(f: FindingRef) -> str:
        why = d.dropped_as(f)
        if why is None:
            return t.tr("resolved: {code} ({subject})", code=title(f), subject=named(f))
        return t.tr(DROPPED_WORDS[why], code=title(f), subject=named(f))

    return [
        *(gone(f) for f in d.findings_resolved),
        *(t.tr("new: {code} ({subject})", code=title(f), subject=named(f)) for f in d.findings_new),
        t.ntr("persisting: {n}", "persisting: {n}", d.findings_persisting),
    ]


_MD_MARKS = {
    # TRANSLATORS: the marks of a change list in Markdown: "added Anna", "removed Boris", "changed …"
    "+ ": N_("added"),
    "- ": N_("removed"),
    "~ ": N_("changed"),
}


def _md_change(line: str, t: Translator) -> str:
    """A diff line as a Markdown bullet: the +/-/~ mark in words (a bare "-" would nest the list)."""
    mark = _MD_MARKS.get(line[:2])
    return (
        f"- **{t.gettext(mark)}:** {_md(line[2:])}" if mark else f"- {_md(line)}"
    )  # a label: it agrees with any noun


def is_diff_markdown(text: str) -> bool:
    """True when ``text`` opens as :func:`render_diff` writes Markdown, in any language.

    >>> is_diff_markdown("# Changes: uralmet\\n"), is_diff_markdown("# My notes\\n")
    (True, False)
    """
    first = text.split("\n", 1)[0]
    return any(
        first.startswith("# " + translator(lang).tr("Changes: {account}", account="")) for lang in LANGUAGES
    )


def render_diff(d: Diff, fmt: str, lang: str | None = None) -> str:
    """Render a :class:`~influence.diff.Diff` as ``table``, ``json`` or ``markdown``.

    The table and Markdown list each section with ``+`` added, ``-`` removed
    and ``~`` changed, in ``lang`` (default English); JSON is
    :meth:`Diff.to_dict`, the same in every language. A finding that no
    longer applies, its subject no longer in the account, the buying team or
    the decision makers, is "dropped" there, and says why (JSON lists it
    among the resolved, its ``dropped`` the code of why: see
    :meth:`Diff.dropped_as`), and a coverage side without the person reads
    "not in this version".
    """
    if fmt == "json":
        return _json_text(d.to_dict()) + "\n"
    t = translator(lang)
    sections = _diff_lines(d, t)
    dropped = sum(map(d.dropped, d.findings_resolved))
    counts = t.tr(
        "people +{people_added} -{people_removed} ~{people_changed} · "
        "ties +{ties_added} -{ties_removed} ~{ties_changed} · "
        "records +{records_added} -{records_removed} ~{records_changed} · "
        "findings resolved {resolved}, dropped {dropped}, new {new}",
        people_added=len(d.people_added),
        people_removed=len(d.people_removed),
        people_changed=len({c.person for c in d.people_changed}),
        ties_added=len(d.ties_added),
        ties_removed=len(d.ties_removed),
        ties_changed=len({c.tie for c in d.ties_changed}),
        records_added=len(d.records_added),
        records_removed=len(d.records_removed),
        records_changed=len({c.ref for c in d.records_changed}),
        resolved=len(d.findings_resolved) - dropped,
        dropped=dropped,
        new=len(d.findings_new),
    )
    none = t.gettext("(none)")
    if fmt == "markdown":
        out = [
            "# " + t.tr("Changes: {account}", account=_md(d.account)),
            "",
            t.tr("As of {date}: {counts}.", date=d.as_of, counts=_md(counts)),
        ]
        for key, lines in sections.items():
            title = t.gettext(DIFF_SECTIONS[key])
            out += ["", f"## {title}", "", *(_md_change(line, t) for line in lines or [none])]
        return _shown("\n".join(out) + "\n")
    out = [
        t.tr("Changes: {account}, as of {date}", account=d.account, date=d.as_of),
        counts[0].upper() + counts[1:],
    ]
    for key, lines in sections.items():
        out += ["", t.gettext(DIFF_SECTIONS[key]).upper(), *(f"  {line}" for line in lines or [none])]
    return _shown("\n".join(out) + "\n")


def _xlsx_cell(value: Any, key: str) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, (list, tuple)):
        return (" → " if key == "path" else "; ").join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(rounded(value), ensure_ascii=False, sort_keys=True)
    return str(value)


def workbook(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[dict[str, Any]]]], t: Translator | None = None
) -> bytes:
    """An ``.xlsx`` workbook: one sheet per (name, columns, rows), a bold frozen header row.

    Numbers stay numbers (rounded to 4 places), lists are ``; ``-joined
    (paths with ``→``, as the table shows them), evidence is JSON text. The sheet names and column
    titles are the keys, as in JSON; with ``t`` of another language than
    English, its words (:data:`SHEET_TITLES`, :data:`WORKBOOK_TITLES`).

    Examples
    --------
    >>> workbook([("rows", ("a", "b"), [{"a": 1, "b": [2, 3]}])])[:2]
    b'PK'
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from influence.worksheets import append_row, workbook_bytes  # with openpyxl: only workbooks need it

    said = t is not None and t.lang != LANGUAGES[0]
    book = Workbook()
    book.remove(book.worksheets[0])  # the default empty sheet
    for name, columns, rows in sheets:
        ws = book.create_sheet(_sheet_title(name, t) if said and t is not None else name)
        ws.append([_column_title(c, t, name) if said and t is not None else c for c in columns])
        for row in rows:
            append_row(ws, [_xlsx_cell(row.get(c), c) for c in columns])
        for i in range(1, len(columns) + 1):
            letter = get_column_letter(i)
            ws[f"{letter}1"].font = Font(bold=True)
            width = max(len(str(c.value or "")) for c in ws[letter][:200])
            ws.column_dimensions[letter].width = min(max(width + 2, 8), 80)
        ws.freeze_panes = "A2"
    return workbook_bytes(book)


#: a workbook's sheet names in words (a workbook not in English; an English one keeps the keys)
SHEET_TITLES = {
    # TRANSLATORS: the name of a sheet of a report workbook (at most 31 characters)
    "findings": NC_("sheet", "Findings"),
    "summary": NC_("sheet", "Summary"),
    "moves": NC_("sheet", "Moves"),
    "sponsors": NC_("sheet", "Sponsors"),
    "paths": NC_("sheet", "Anti-influence paths"),
    "coverage": NC_("sheet", "Coverage"),
    "portfolio": NC_("sheet", "Portfolio"),
}
#: a workbook's column titles and summary rows in words, where they differ from :data:`COLUMN_TITLES`
WORKBOOK_TITLES = {
    # TRANSLATORS: a column title of a report workbook, or a row of its summary sheet
    "severity": NC_("workbook", "severity"),
    "code": NC_("workbook", "code"),
    "subject": NC_("workbook", "subject"),
    "title": NC_("workbook", "finding title"),
    "message": NC_("workbook", "finding"),
    "recommendation": NC_("workbook", "next step"),
    "evidence": NC_("workbook", "evidence"),
    "key": NC_("workbook", "item"),
    "value": NC_("workbook", "value"),
    "rank": NC_("workbook", "rank"),
    "kind": NC_("workbook", "move"),
    "team": NC_("workbook", "team member (id)"),
    "team_name": NC_("workbook", "team member"),
    "person": NC_("workbook", "person (id)"),
    "person_name": NC_("workbook", "person"),
    "introducer": NC_("workbook", "introducer (id)"),
    "introducer_name": NC_("workbook", "introduced by"),
    "strength_before": NC_("workbook", "strength before"),
    "strength_after": NC_("workbook", "strength after"),
    "gain": NC_("workbook", "gain"),
    "score_before": NC_("workbook", "score before"),
    "score_after": NC_("workbook", "score after"),
    "resolves": NC_("workbook", "resolves"),
    "account": NC_("workbook", "account (id)"),
    "name": NC_("workbook", "account name"),
    "as_of": NC_("workbook", "as of"),
    "high": NC_("workbook", "high findings"),
    "medium": NC_("workbook", "medium findings"),
    "low": NC_("workbook", "low findings"),
    "buying_team": NC_("workbook", "buying team"),
    "decision_makers": NC_("workbook", "decision makers"),
    "covered": NC_("workbook", "decision makers covered"),
}
#: a plan's kinds of move in words (a plan workbook)
MOVE_WORDS = {"strengthen": NC_("move", "strengthen"), "meet": NC_("move", "meet")}


def _sheet_title(name: str, t: Translator) -> str:
    return t.pgettext(*SHEET_TITLES[name])[:31] if name in SHEET_TITLES else name


def _column_title(key: str, t: Translator, sheet: str = "") -> str:
    """A column title or summary row of a workbook in ``t``'s words, its first letter capitalised: a
    row command's sheet as its table says it, another as :data:`WORKBOOK_TITLES` does."""
    marked = WORKBOOK_TITLES.get(key) if sheet not in ROW_COLUMNS else None
    title = t.pgettext(*marked) if marked else _title(key, t, sheet)
    return title[:1].upper() + title[1:]


def rows_workbook(kind: str, rows: Sequence[Any], lang: str | None = None) -> bytes:
    """The rows of ``sponsors``, ``paths``, ``coverage`` or ``portfolio`` as a one-sheet workbook.

    Its cells say vocabulary values and finding codes in words, as the table does ("at risk",
    "weak link"); in English its sheet and columns are named by the keys, as in JSON, in another
    ``lang`` in its words.
    """
    t = translator(lang)
    dicts = [_in_words(r.to_dict(), t) for r in rows]
    return workbook([(kind, ROW_COLUMNS[kind], dicts)], t)


def gaps_workbook(report: Report, lang: str | None = None) -> bytes:
    """The gap report as a workbook: ``findings`` (one row each, words in ``lang``) and ``summary``.

    A column gives each finding's title beside its code, as every other output heads it, and a
    finding's subject is named (a person's or tender's name with the id, the account's name, a
    role in words). Not in English, the sheets, columns, severities and summary rows are in
    words too; an English workbook keeps the keys as its sheet and column names.
    """
    t = translator(lang or report.account.info.language)
    said = t.lang != LANGUAGES[0]
    columns = ("severity", "code", "title", "subject", "message", "recommendation", "evidence")
    findings = []
    for f in report.findings:
        row = f.to_dict(t.lang)
        row["severity"] = t.gettext(f.severity)
        row["title"] = finding_title(f.code, t)
        row["subject"] = _subject(report, f, t)
        findings.append(row)
    summary: list[dict[str, Any]] = [
        {"key": "account", "value": report.account.id},
        {"key": "name", "value": report.account.name},
        {"key": "as_of", "value": report.as_of.isoformat()},
        *({"key": k, "value": v} for k, v in report.summary.items()),
    ]
    if said:
        summary = [{"key": _column_title(r["key"], t), "value": r["value"]} for r in summary]
    return workbook([("findings", columns, findings), ("summary", ("key", "value"), summary)], t)


PLAN_COLUMNS = (
    "rank",
    "kind",
    "team",
    "team_name",
    "person",
    "person_name",
    "introducer",
    "introducer_name",
    "strength_before",
    "strength_after",
    "gain",
    "score_after",
    "coverage",
    "resolves",
)


def _plan_row(move: Any, account: Account, t: Translator) -> dict[str, Any]:
    """One move as a workbook row, in words and by name (``Elena Orlova 0.45 → 0.63``, the findings
    it resolves by title)."""
    name = account.display_name
    row = move.to_dict()
    for key in ("team", "person", "introducer"):
        row[f"{key}_name"] = _one_line(name(row[key])) if row[key] is not None else None
    row["kind"] = t.pgettext(*MOVE_WORDS[move.kind]) if move.kind in MOVE_WORDS else move.kind
    row["coverage"] = [
        f"{_one_line(name(c.person))} {t.number(c.before)} → {t.number(c.after)}" for c in move.coverage
    ]
    row["resolves"] = [
        _resolved(code, subject, account, lambda x: _one_line(name(x)), t) for code, subject in move.resolves
    ]
    return row


def plan_workbook(chosen: Plan, account: Account, lang: str | None = None) -> bytes:
    """A plan as a workbook: ``moves`` (one row each, as in its JSON, the names of its people beside
    their ids) and ``summary``.

    ``coverage`` names the people (``Elena Orlova 0.45 → 0.63``; in Russian
    ``Елена Орлова 0,45 → 0,63``) and ``resolves`` the findings by title,
    several joined by ``; ``. In another ``lang`` than English (default: the
    account's ``language``) the sheets, columns and kinds of move are in its
    words too; an English workbook keeps the keys as sheet and column names.
    """
    t = translator(lang or account.info.language)
    rows = [_plan_row(move, account, t) for move in chosen.moves]
    summary = [{"key": k, "value": v} for k, v in chosen.to_dict().items() if k != "moves"]
    if t.lang != LANGUAGES[0]:
        summary = [{"key": _column_title(r["key"], t), "value": r["value"]} for r in summary]
    return workbook([("moves", PLAN_COLUMNS, rows), ("summary", ("key", "value"), summary)], t)
