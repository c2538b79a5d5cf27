"""Characters that must not reach a terminal, an XML file or a workbook as they are.

An account's texts may hold control characters: a JSON file may escape any
(``"\\u001b"``), a YAML file may write them in double quotes (``"\\e"``), and
CRM exports carry stray ones (a vertical tab from a spreadsheet cell). The
tool keeps them in the data; its outputs make them harmless where they land:

- text for a terminal (tables, Markdown, error messages) shows each as its
  Python escape (``\\x1b``), so an escape sequence in a name cannot recolour,
  move or clear the screen, and an issue stays on its one line;
- XML (GraphML, GEXF) and ``.xlsx`` workbooks, whose format cannot hold the
  C0 controls other than tab and line breaks at all, get U+FFFD in their place.
"""

from __future__ import annotations

import functools
import os
import re

__all__ = ["SHOWN_PATH", "escape_controls", "short_path", "xml_text"]

#: C0 and C1 controls, DEL, the Unicode line and paragraph separators and the
#: bidirectional overrides and isolates (they reorder what a terminal shows).
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_BY_KEEP: dict[str, re.Pattern[str]] = {}
#: the longest path a message shows whole; a longer one is cut in the middle (:func:`short_path`)
SHOWN_PATH = 160


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with each control character but those in ``keep`` written as its escape.

    Examples
    --------
    >>> escape_controls("Evil\\x1b[2J name\\nline")
    'Evil\\\\x1b[2J name\\\\nline'
    >>> escape_controls("two\\nlines\\x07", keep="\\n")
    'two\\nlines\\\\x07'
    >>> escape_controls("Иван Петров")
    'Иван Петров'
    """
    probe = text
    for c in keep:
        probe = probe.replace(c, "")
    if probe.isprintable():  # in C, and true of most texts: nothing to escape
        return text
    pattern = _BY_KEEP.get(keep)
    if pattern is None:
        kept = "".join(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in keep)
        pattern = re.compile(f"(?![{kept}])[{_CONTROLS}]" if keep else f"[{_CONTROLS}]")
        _BY_KEEP[keep] = pattern
    return pattern.sub(_escape, text)


def short_path(path: str | os.PathLike[str], limit: int = SHOWN_PATH) -> str:
    """``path`` for a message: whole up to ``limit`` characters, else its start and end around "…".

    A name of thousands of characters would otherwise fill the screen.

    >>> short_path("a" * 10 + "/b.yaml", limit=9)
    'aaaa…yaml'
    >>> short_path("out/b.yaml")
    'out/b.yaml'
    """
    text = escape_controls(os.fsdecode(path))  # a line break or an escape sequence in a name stays visible
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return f"{text[:head]}…{text[len(text) - (limit - 1 - head) :]}"


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD.

    Examples
    --------
    >>> xml_text("Bell\\x07 and tab\\t")
    'Bell\\ufffd and tab\\t'
    """
    return _not_xml().sub("\ufffd", text)


@functools.cache
def _not_xml() -> re.Pattern[str]:
    """What XML 1.0 cannot hold (so neither can an ``.xlsx`` sheet): C0 controls other than tab,
    line feed and carriage return; U+FFFE, U+FFFF; lone surrogates.

    Compiled on first use: only workbooks need it, and it took half a
    millisecond of every command's start when compiled at import.
    """
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
