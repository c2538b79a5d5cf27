"""``influence map`` and ``influence review``."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from influence.analysis import Report, analyze
from influence.atomic import AtomicFiles, is_stream, names_a_folder, recover
from influence.cli.app import (
    OutputPath,
    as_of_option,
    check_output,
    cli,
    lang_option,
    language,
    load_source,
    output_folder,
    source_argument,
    write_outputs,
)
from influence.cli.language import WordedUsage
from influence.diff import Diff, diff_reports, shared_diff
from influence.errors import Msg, NMsg, SourceError, os_reason
from influence.i18n import N_, Translator
from influence.output import is_diff_markdown, render_diff, render_gaps, render_plan
from influence.redact import Redactor
from influence.store import NEO4J_PREFIX, parse_neo4j_source
from influence.unprintable import escape_controls

if TYPE_CHECKING:  # pragma: no cover
    from influence.maps import InfluenceMap
    from influence.model import Account

__all__ = ["map_command", "review"]

redact_option = click.option(
    "--redact",
    is_flag=True,
    help=N_(
        "For sharing: drop email, phone and notes; show private people and ties anonymously; analyse the "
        "account without its private ties and say nothing about private people."
    ),
)


@cli.command("map")
@source_argument
@click.option(
    "-o",
    "--output",
    type=OutputPath(stdout=False),
    help=N_("The .html (or .htm) file to write (or a device or pipe)."),
)
@click.option(
    "--static",
    "static",
    type=OutputPath(stdout=False),
    help=N_(
        "Also (or only) write an A4-landscape image with the legend: FILE.png (needs Chromium) or FILE.svg."
    ),
)
@as_of_option
@redact_option
@lang_option
def map_command(
    source: str, output: str | None, static: str | None, as_of: dt.date, redact: bool, lang: str | None
) -> None:
    """Write the interactive influence map (one self-contained HTML file) and/or a still image of it."""
    from influence.maps import render_map

    if output is None and static is None:
        raise WordedUsage(Msg("give -o FILE.html, --static FILE.png|svg, or both"))
    _check_map_names(output, static)
    account = load_source(source)
    t = language(lang, account)
    rendered = render_map(account, as_of, redact=redact, lang=t.lang)
    kind = Path(static).suffix.lower() if static else None
    image = _image(rendered, kind) if kind else None  # everything is made before the first write
    files: list[tuple[str, str | bytes]] = []
    if output:
        files.append((output, rendered.to_bytes()))
    if static and image is not None:
        files.append((static, image))
    write_outputs(files)  # all or nothing: both checked and ready before either is replaced
    if output:
        click.echo(
            t.tr(
                "wrote {file} ({nodes}, {edges})",
                file=escape_controls(str(output)),
                nodes=t.ntr("{n} node", "{n} nodes", rendered.nodes),
                edges=t.ntr("{n} edge", "{n} edges", rendered.edges),
            )
        )
    if static:
        click.echo(t.tr("wrote {file} (A4 landscape)", file=escape_controls(str(static))))


#: what ``map -o`` may be called: the page opens in a browser by its suffix (as InfluenceMap.save)
PAGE_SUFFIXES = (".html", ".htm")
#: what ``map --static`` may be called: the image's format is picked by its suffix
IMAGE_SUFFIXES = (".png", ".svg")


def _check_map_names(output: str | None, static: str | None) -> None:
    """Refuse, before anything is read, a page not named ``.html``, an image not ``.png``/``.svg``, or one file twice.

    ``map acct.yaml -o other.yaml`` would write HTML over another account,
    and ``-o m.svg`` a page that no image viewer opens.
    """
    for option, name in (("-o", output), ("--static", static)):
        if name is not None and names_a_folder(name):
            raise WordedUsage(
                Msg("{option} {name}: names a folder, not a file to write", option=option, name=name)
            )
    if output is not None and not is_stream(output):  # a device or pipe takes the page whatever its name
        suffix = os.path.splitext(output)[1].lower()
        if suffix not in PAGE_SUFFIXES:
            if suffix:
                raise WordedUsage(
                    Msg(
                        "map -o writes an HTML page, but {output} names a {suffix} file: use .html",
                        output=output,
                        suffix=suffix,
                    )
                )
            if os.path.basename(output).lower() in PAGE_SUFFIXES:  # "-o .html": a suffix, and no name
                raise WordedUsage(
                    Msg(
                        "map -o {output}: the file needs a name before its suffix, such as map.html",
                        output=output,
                    )
                )
            if not output.strip():
                raise WordedUsage(Msg("map -o: the file name is empty; name the page, such as map.html"))
            raise WordedUsage(
                Msg("map -o writes an HTML page, but {output} has no suffix: use .html", output=output)
            )
    if static is not None and os.path.splitext(static)[1].lower() not in IMAGE_SUFFIXES:
        raise WordedUsage(Msg("--static {static}: the image must end in .png or .svg", static=static))


def _image(rendered: InfluenceMap, kind: str) -> bytes:
    """The still image of a rendered map: PNG through Chromium, SVG drawn directly."""
    from influence.maps.static import png_bytes
    from influence.maps.svg import svg_bytes

    return png_bytes(rendered) if kind == ".png" else svg_bytes(rendered)


def _version(source: str, account: Account) -> int | None:
    """The store version ``source`` is: ``neo4j:ACCOUNT@N``'s N, else the version it was read at."""
    if source.startswith(NEO4J_PREFIX):
        number = parse_neo4j_source(source)[1]
        if number is not None:
            return number
    return account.base_version


def _changes_since(
    since: str | None, before: Account | None, source: str, account: Account, report: Report, redact: bool
) -> Diff | None:
    """What changed from the version ``before`` (read from ``since``) to ``account`` (read from
    ``source``), whose analysis is ``report`` (of its public view when redacting; the diff is then
    redacted)."""
    if since is None or before is None:
        return None
    if before.id != report.account.id:
        raise SourceError(
            Msg(
                "--since {since}: is account '{account}', not '{reviewed}' "
                "(it must be an earlier version of the same account)",
                since=since,
                account=before.id,
                reviewed=report.account.id,
            )
        )
    earlier, later = _version(since, before), _version(source, account)
    if earlier is not None and later is not None and earlier > later:
        raise SourceError(
            Msg(
                "--since {since}: is version {version}, later than the version reviewed ({reviewed}); "
                "--since names the earlier version",
                since=since,
                version=earlier,
                reviewed=later,
            )
        )
    if not redact:
        return diff_reports(analyze(before, report.as_of), report)
    return shared_diff(before, account, report)


@cli.command()
@source_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=OutputPath(stdout=False, file_okay=False, dir_okay=True),
    help=N_("Folder for the pack."),
)
@as_of_option
@redact_option
@lang_option
@click.option(
    "--since",
    metavar="BEFORE",
    help=N_(
        "An earlier version (file, neo4j:ACCOUNT@N; a later one is refused): add diff.md and mark what is "
        "new or changed in the map."
    ),
)
@click.option(
    "--force",
    is_flag=True,
    help=N_("Replace files of the pack's names in the folder that influence did not write (else refused)."),
)
def review(
    source: str,
    output: str,
    as_of: dt.date,
    redact: bool,
    lang: str | None,
    since: str | None,
    force: bool,
) -> None:
    """Write the account-review pack: map.html, gaps.md, gaps.json and plan.json (and diff.md with --since)."""
    from influence.maps import render_map

    recover(output)  # an earlier pack's replacement killed midway: completed first, whatever happens next
    account = load_source(source)
    t = language(lang, account)
    report = analyze(account.public_view() if redact else account, as_of)  # shared: none over a private tie
    earlier = load_source(since) if since is not None else None
    change = _changes_since(since, earlier, source, account, report, redact)
    marks: dict[Any, str] | None = {**change.node_changes(), **change.edge_changes()} if change else None
    rendered = render_map(
        account, as_of, redact=redact, report=report, changes=marks, lang=t.lang, earlier=earlier
    )
    shared = Redactor(account, redact, t.lang, earlier=earlier).report(report)
    pack = {
        "map.html": rendered.html,
        "gaps.md": render_gaps(shared, "markdown", t.lang),
        "gaps.json": render_gaps(shared, "json", t.lang),
        "plan.json": render_plan(shared.plan, shared.account, "json", t.lang),  # the moves, for scripts too
    }
    if change is not None:
        pack["diff.md"] = render_diff(change, "markdown", t.lang)
    pack["map.html"] = rendered.with_links([name for name in pack if name != "map.html"]).html
    _link_pack(pack, t)
    if not force:
        _keep_own_files(Path(output), pack)
    with output_folder(output, parents=True) as folder, AtomicFiles() as out:
        for name, text in pack.items():  # each file checked and ready before the first is replaced
            check_output(folder / name)
            out.write(folder / name, text, force=force)
    # once the pack is in place: an interrupted or failed write leaves the earlier pack whole
    stale = None if change is not None else _remove_earlier_diff(folder / "diff.md")
    files = ", ".join([str(folder / "map.html"), *list(pack)[1:]])
    click.echo(t.tr("wrote {files}", files=escape_controls(files)))
    if stale is not None:
        click.echo(t.tr("removed {file}: an earlier pack's diff (this one has no --since)", file=stale))


#: what only a pack file influence wrote holds: the keys of gaps.json and plan.json, the map's data
_PACK_KEYS = {
    "gaps.json": {"account", "as_of", "summary", "findings"},
    "plan.json": {"account", "as_of", "moves"},
}
_MAP_MARK = b'<script id="map-data" type="application/json">'


def _keep_own_files(folder: Path, pack: dict[str, str]) -> None:
    """Refuse to replace a file of the pack's names that influence did not write (the user's own notes).

    An earlier pack's files are recognised by what they hold: gaps.md and
    diff.md by their title (in any language), the JSON files by their keys,
    the map by its data. A new folder holds none.
    """
    foreign = [
        escape_controls(str(folder / name))
        for name in pack
        if _is_file(folder / name) and not _written_by_review(folder / name, name)
    ]
    if foreign:  # every one named at once: not a second refusal after the first is moved away
        raise SourceError(
            NMsg(
                "{files}: not a file of an earlier review pack; nothing written: write the pack to "
                "another folder, or give --force to replace it",
                "{files}: not files of an earlier review pack; nothing written: write the pack to "
                "another folder, or give --force to replace them",
                len(foreign),
                files=", ".join(foreign),
            )
        )


def _is_file(path: Path) -> bool:
    """True when ``path`` is a file (a folder, a name too long…: writing it says what is wrong)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _written_by_review(path: Path, name: str) -> bool:
    """True when ``path`` holds what ``review`` writes under ``name`` (False when it cannot be read)."""
    import json

    from influence.i18n import LANGUAGES, translator

    try:
        data = path.read_bytes()
    except OSError:  # a folder of that name, a file we may not read: not ours to replace
        return False
    if name == "map.html":
        return _MAP_MARK in data
    text = data.decode("utf-8", errors="replace")
    if name == "gaps.md":
        first = text.split("\n", 1)[0]
        return any(
            first.startswith("# " + translator(lang).tr("Gap report: {name}", name="")) for lang in LANGUAGES
        )
    if name == "diff.md":
        return is_diff_markdown(text[:200])
    try:
        found = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(found, dict) and _PACK_KEYS.get(name, {""}) <= found.keys()


#: what gaps.md calls the pack's other readable files, in the line under its title
_PACK_PARTS = {
    "map.html": N_("Influence map: {file}"),
    "diff.md": N_("changes since the earlier version: {file}"),
}


def _link_pack(pack: dict[str, str], t: Translator) -> None:
    """Link the pack's Markdown files to its other files, relatively, in ``t``'s language (in place).

    Under gaps.md's title, a line links the map (and diff.md, when the pack
    has one) and names the JSON files as the machine-readable copies:
    whoever opens gaps.md in the meeting gets to the map. diff.md links back
    to gaps.md and the map. Only the pack's files have the lines:
    ``influence gaps --format md`` and ``influence diff --format markdown``
    on their own stay as they are.
    """
    links = {name: f"[{name}]({name})" for name in pack}
    parts = [t.tr(part, file=links[name]) for name, part in _PACK_PARTS.items() if name in pack]
    copies = ", ".join(links[name] for name in pack if name.endswith(".json"))
    parts.append(t.tr("machine-readable copies: {files}", files=copies))
    _under_title(pack, "gaps.md", " · ".join(parts))
    if "diff.md" in pack:
        back = t.tr("Gap report: {file}", file=links["gaps.md"])
        _under_title(pack, "diff.md", f"{back} · {t.tr(_PACK_PARTS['map.html'], file=links['map.html'])}")


def _under_title(pack: dict[str, str], name: str, line: str) -> None:
    """Put ``line`` under the title (the first line) of the pack's file ``name``."""
    title, _, rest = pack[name].partition("\n")
    pack[name] = f"{title}\n\n{line}\n{rest}"


def _remove_earlier_diff(path: Path) -> Path | None:
    """Remove an earlier pack's ``diff.md`` (it would travel with this pack); the path when removed.

    Only a diff influence wrote is removed (it opens with the diff's title):
    a file of the user's own under that name is left alone.
    """
    try:
        if not path.is_file():
            return None
        with path.open(encoding="utf-8", errors="replace") as text:
            if not is_diff_markdown(text.read(200)):
                return None
        path.unlink()
    except OSError as exc:
        raise SourceError(
            Msg(
                "{file}: an earlier pack's diff, cannot remove it: {reason}",
                file=path,
                reason=os_reason(exc),
            )
        ) from None
    return path
