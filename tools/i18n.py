"""Manage the gettext catalogues of influence with Babel.

    python3 tools/i18n.py extract   # influence/locale/influence.pot from the code
    python3 tools/i18n.py update    # merge the template into every LANG/LC_MESSAGES/influence.po
    python3 tools/i18n.py compile   # .po -> .mo (the .mo files are committed and ship in the wheel)
    python3 tools/i18n.py all       # extract, update, compile (the default)
    python3 tools/i18n.py check     # exit 1 when a translation is missing or fuzzy, or a .mo is stale

After changing any text in the code: run ``all``, translate the new or fuzzy
entries in ``influence/locale/ru/LC_MESSAGES/influence.po``, run ``compile``.
The tests fail while a Russian translation is missing or fuzzy, or while a
committed ``.mo`` does not match its ``.po``.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.extract import extract_python
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "influence" / "locale"
TEMPLATE = LOCALE / "influence.pot"
CONFIG = ROOT / "tools" / "babel.cfg"
DOMAIN = "influence"
#: catalogues kept in the repository (English is the source language)
TRANSLATED = ("ru",)
KEYWORDS = (
    "gettext",
    "ngettext:1,2",
    "pgettext:1c,2",
    "tr",
    "ntr:1,2",
    "N_",
    "NP_:1,2",
    "NC_:1c,2",
    "Msg",
    "NMsg:1,2",
)


#: the decorators that make a function a command of the command line: ``@cli.command()``, ``@db.group()``
COMMAND_DECORATORS = ("command", "group")


def extract_commands(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's Python extraction, and the docstring of each command: its description in ``--help``.

    click takes a command's description from its function's docstring, cleaned
    as :func:`inspect.cleandoc` does, up to a form feed; that text is the
    msgid (``influence.cli.language`` translates it when help is formatted).
    The one text stays where it is written, in the docstring.
    """
    yield from extract_python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(map(_makes_command, node.decorator_list)):
            doc = ast.get_docstring(node)
            if doc:
                yield (
                    node.body[0].lineno,
                    "",
                    doc.partition("\f")[0],
                    ["the description of a command in --help"],
                )


def _makes_command(decorator: ast.expr) -> bool:
    """True for ``@x.command(...)`` and ``@x.group(...)`` (and ``@click.group(...)``)."""
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(call, ast.Attribute) and call.attr in COMMAND_DECORATORS


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    """Write the template from the code (paths in it relative to the repository)."""
    keywords = [x for k in KEYWORDS for x in ("-k", k)]
    os.chdir(ROOT)
    if str(ROOT) not in sys.path:  # babel.cfg names tools.i18n:extract_commands
        sys.path.insert(0, str(ROOT))
    _pybabel(
        "extract",
        "--no-default-keywords",
        *keywords,
        "-F",
        str(CONFIG),
        "--add-comments=TRANSLATORS:",
        "--sort-by-file",
        "--omit-header",
        "--project=influence",
        "-o",
        str(TEMPLATE),
        ".",
    )


def update() -> None:
    """Merge the template into each language's catalogue (new ones are created)."""
    for lang in TRANSLATED:
        po = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        command = "update" if po.exists() else "init"
        extra = ["--ignore-obsolete", "--no-fuzzy-matching"] if command == "update" else []
        _pybabel(command, "-D", DOMAIN, "-i", str(TEMPLATE), "-d", str(LOCALE), "-l", lang, *extra)


def compile_() -> None:
    """Compile every catalogue to its ``.mo``."""
    for lang in TRANSLATED:
        _pybabel("compile", "-D", DOMAIN, "-d", str(LOCALE), "-l", lang, "--statistics")


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def problems() -> list[str]:
    """Missing or fuzzy translations and stale ``.mo`` files, one line each."""
    out = []
    for lang in TRANSLATED:
        po_path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            where = f"{po_path.relative_to(ROOT)}:{message.lineno}"
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                out.append(f"{where}: fuzzy translation of {message.id!r}")
            elif not all(strings):
                out.append(f"{where}: missing translation of {message.id!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            out.append(f"{mo_path.relative_to(ROOT)}: not compiled")
            continue
        with mo_path.open("rb") as f:
            compiled = {(m.context, _key(m.id)): _key(m.string) for m in read_mo(f) if m.id}
        # keyed by context too: one msgid may stand in several contexts with other translations
        wanted = {(m.context, _key(m.id)): _key(m.string) for m in catalog if m.id and not m.fuzzy}
        if compiled != wanted:
            out.append(f"{mo_path.relative_to(ROOT)}: out of date (run: python3 tools/i18n.py compile)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument(
        "step", nargs="?", default="all", choices=("extract", "update", "compile", "all", "check")
    )
    step = parser.parse_args(argv).step
    if step in ("extract", "all"):
        extract()
    if step in ("update", "all"):
        update()
    if step in ("compile", "all"):
        compile_()
    if step == "check":
        found = problems()
        print("\n".join(found) if found else "catalogues complete and compiled")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
