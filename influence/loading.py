"""Reading account files: bytes in, a plain document with line numbers out.

YAML is parsed from PyYAML's events (the C parser where available) by
:mod:`influence.yamlreader`, which keeps every node's position, so each
validation error can name its line; it is imported only for a YAML file.
JSON is parsed with the standard library and carries no line numbers.
Nesting is capped at :data:`MAX_DEPTH`, and a YAML alias shares the anchored
object instead of copying it, so a "billion laughs" document costs no more
than its own text to read; one whose aliases would copy more values than a
50 MB file holds (every writer copies them) is refused.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from influence.document import MAX_FILE_BYTES, Document, Path_, read_bounded, walk
from influence.errors import Issue, Msg, NMsg, SourceError, UsageError, ValidationError, grouped
from influence.model import Account
from influence.unprintable import escape_controls
from influence.validation import build_account, build_account_noting_extras, format_location

__all__ = [
    "BINARY_CONTROLS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Document",
    "account_kind",
    "load_file",
    "not_utf8_message",
    "not_utf8_reason",
    "parse_text",
    "read_document",
    "written_language",
]

MAX_DEPTH = 64


def _doc_error(file: str, reason: str | Msg, line: int | None = None) -> ValidationError:
    return ValidationError([Issue.of(file, line, "(document)", reason)])


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a duplicate key shows as a shorter dict (checked in C, no Python loop)."""
    result = dict(items)
    if len(result) != len(items):
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return result


class _Duplicate(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _parse_json(text: str, file: str, depth: bool = True) -> Any:
    """JSON text to data; duplicate keys, syntax errors and (unless ``depth`` is False) deep nesting refused.

    The duplicate check runs in C on the happy path; when it fires, the text
    is read again collecting every duplicate, so that a syntax error further
    on still wins, as it would in a single pass.
    """
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_not_json)
    except _Duplicate:
        data = _parse_json_again(text, file)
    except json.JSONDecodeError as exc:
        raise _doc_error(file, *_json_syntax(exc)) from None
    except RecursionError:
        raise _too_deep(file, text) from None
    except _NotJson as exc:
        line = _json_line(text, _NOT_JSON_NUMBER)
        reason = Msg("{value} is not a JSON number: JSON has no NaN or Infinity", value=exc.token)
        raise _doc_error(file, reason, line) from None
    except ValueError:  # Python's limit on the digits of an integer
        digits = sys.get_int_max_str_digits()
        line = _json_line(text, _long_integer(digits))
        reason = Msg("a number of more than {count} digits", count=grouped(digits))
        raise _doc_error(file, reason, line) from None
    if depth:
        _check_depth(data, file, text)
    # a text with no backslash at all (the common case) is told by a plain find, a tenth of the search
    if "\\" in text and _SURROGATE_ESCAPE.search(text) and _holds_surrogate(data):
        raise _surrogate_error(text, data, file)
    return data


#: a JSON text (to pass over: what it holds is no structure), or a bracket
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_JSON_BRACKETS = re.compile(f"{_JSON_STRING}|[\\[{{}}\\]:]")
#: NaN or Infinity outside a text
_NOT_JSON_NUMBER = re.compile(f"{_JSON_STRING}|(?P<hit>NaN|-?Infinity)")


def _long_integer(digits: int) -> re.Pattern[str]:
    """A whole number of more than ``digits`` digits outside a text (a fraction or an exponent is no integer)."""
    return re.compile(f"{_JSON_STRING}|(?P<hit>(?<![\\d.eE+-])-?\\d{{{digits + 1},}}(?![\\d.eE]))")


def _json_line_of(text: str, index: int) -> int:
    """The line of ``text[index]``, counted as :mod:`json` counts lines in its errors (by line feeds)."""
    return text.count("\n", 0, index) + 1


def _json_line(text: str, pattern: re.Pattern[str]) -> int | None:
    """The line of the first ``hit`` of ``pattern`` in JSON text, outside its texts (only on an error path)."""
    for match in pattern.finditer(text):
        if match.lastgroup == "hit":
            return _json_line_of(text, match.start())
    return None


def _too_deep(file: str, text: str) -> ValidationError:
    """The error for JSON text nesting deeper than :data:`MAX_DEPTH`, at the line where it does."""
    return _doc_error(file, Msg("nesting deeper than {depth} levels", depth=MAX_DEPTH), _too_deep_line(text))


def _too_deep_line(text: str) -> int | None:
    """The line where JSON text first nests deeper than :data:`MAX_DEPTH` (only on an error path)."""
    depth = 0
    for match in _JSON_BRACKETS.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _json_line_of(text, match.start())
        elif bracket in "]}":
            depth -= 1
    return None


def _duplicate_key(text: str) -> tuple[str, int] | None:
    """The first key in JSON text that its object already holds, and its line (only on an error path)."""
    keys: list[set[str] | None] = []
    last, at = "", 0
    for match in _JSON_BRACKETS.finditer(text):
        token = match.group()
        if token[0] == '"':
            last, at = token, match.start()
        elif token == ":":
            key = json.loads(last) if "\\" in last else last[1:-1]
            seen = keys[-1] if keys else None
            if seen is not None:
                if key in seen:
                    return key, _json_line_of(text, at)
                seen.add(key)
        elif token in "[{":
            keys.append(set() if token == "{" else None)
        elif keys:
            keys.pop()
    return None


class _NotJson(Exception):
    def __init__(self, token: str):
        super().__init__(token)
        self.token = token


def _not_json(token: str) -> Any:
    """``NaN``, ``Infinity``, ``-Infinity``: Python's json reads them, the JSON standard has none."""
    raise _NotJson(token)


#: a \uD800-\uDFFF escape: half of a pair, or a lone surrogate no UTF-8 text can hold
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _holds_surrogate(data: Any) -> bool:
    """True when a text (value or key) anywhere in ``data`` holds a lone surrogate."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _surrogate_path(data: Any) -> Path_ | None:
    """Where the first text (a value or a key, in document order) holding a lone surrogate is in ``data``.

    A key that holds one ends the path, written with its escape.

    >>> _surrogate_path({"a": 1, "people": [{"id": "p", "name": "x\\ud800"}]})
    ('people', 0, 'name')
    >>> _surrogate_path({"a": {"b": "c", "d\\udc00": 1}, "e": "\\udc00"})
    ('a', 'd\\\\udc00')
    """
    for path, item in walk(data):
        if path and isinstance(path[-1], str) and _LONE_SURROGATE.search(path[-1]):
            return (*path[:-1], path[-1].encode("utf-8", "backslashreplace").decode("ascii"))
        if isinstance(item, str) and _LONE_SURROGATE.search(item):
            return path
    return None


#: a lone surrogate: no UTF-8 text can hold it
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate_error(text: str, data: Any, file: str) -> ValidationError:
    """The error for JSON text whose data holds a lone surrogate: its line and where in the document.

    The line is that of the first text whose escapes make one (only on an error path).
    """
    line = None
    for match in re.finditer(_JSON_STRING, text):
        token = match.group()
        if _SURROGATE_ESCAPE.search(token) and _LONE_SURROGATE.search(json.loads(token)):
            line = _json_line_of(text, match.start())
            break
    path = _surrogate_path(data)
    reason = Msg("a \\uD800-\\uDFFF escape that is half of a character pair (a lone surrogate)")
    return ValidationError([Issue.of(file, line, format_location(path or ()), reason)])


def _refuse_lone_surrogate(text: str, data: Any, file: str) -> None:
    """Refuse JSON text (a str handed to :func:`parse_text`, never a file's) holding a lone surrogate as it is."""
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return
    at = found.start()
    line, column = _json_line_of(text, at), at - text.rfind("\n", 0, at)
    codepoint = f"U+{ord(found.group()):04X}"
    reason = Msg(
        "the lone surrogate {codepoint} (half of a character pair) at column {column}; delete it",
        codepoint=codepoint,
        column=column,
    )
    raise ValidationError([Issue.of(file, line, format_location(_surrogate_path(data) or ()), reason)])


def _check_depth(data: Any, file: str, text: str) -> None:
    if _depth(data) > MAX_DEPTH:
        raise _too_deep(file, text)


def _parse_json_again(text: str, file: str) -> NoReturn:
    """Read JSON text known to hold a duplicate key, and report the first one (or an earlier syntax error)."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise _doc_error(file, *_json_syntax(exc)) from None
    except RecursionError:
        raise _too_deep(file, text) from None
    key, line = _duplicate_key(text) or (duplicates[0], None)
    raise _doc_error(file, Msg("duplicate key '{key}'", key=key), line)


#: what to check for a JSON syntax error, by the start of Python's message
_JSON_HINTS = (
    (
        "Expecting ',' delimiter",
        Msg("a comma is missing between two items (often at the end of the line before)"),
    ),
    ("Expecting ':' delimiter", Msg('a key is missing its colon: write "key": value')),
    ("Unterminated string", Msg("a text never ends: add its closing double quote")),
    ("Invalid control character", Msg("a line break or tab inside a text: write it as \\n or \\t")),
    ("Invalid \\escape", Msg("a backslash starts no known escape: write a backslash as \\\\")),
    ("Extra data", Msg("the file holds more than one JSON value: one object {{…}} only")),
)


#: Python's JSON decoder's problems as messages of the catalogue: the same English words, said in
#: the user's language; a problem not listed stays in the decoder's words.
JSON_WORDS: dict[str, Msg] = {
    str(words): words
    for words in (
        Msg("Expecting value"),
        Msg("Expecting ',' delimiter"),
        Msg("Expecting ':' delimiter"),
        Msg("Expecting property name enclosed in double quotes"),
        Msg("Unterminated string starting at"),
        Msg("Invalid control character at"),
        Msg("Extra data"),
        Msg("Invalid \\escape"),
        Msg("Invalid \\uXXXX escape"),
    )
}


def _json_syntax(exc: json.JSONDecodeError) -> tuple[Msg, int]:
    """A newcomer's reason for a JSON syntax error (Python's words, the column, what to check) and its line.

    A comma before a closing bracket is reported at the comma. Python's
    words stay its own (English) in every language.

    >>> try:
    ...     json.loads('{"a": 1,\\n}')
    ... except json.JSONDecodeError as exc:
    ...     reason, line = _json_syntax(exc)
    >>> str(reason), line
    ("JSON syntax error: a comma before '}' (column 8); JSON allows no comma after the last item: remove it", 1)
    """
    doc, pos = exc.doc, exc.pos
    msg: str | Msg = JSON_WORDS.get(exc.msg, exc.msg)  # Python's words, as the user reads
    ahead, before = doc[pos : pos + 2], doc[:pos].rstrip()
    hint = next((h for start, h in _JSON_HINTS if exc.msg.startswith(start)), None)
    if not before.lstrip("\ufeff") and _looks_like_yaml(doc):  # it fails at its start
        hint = Msg("the file looks like YAML, not JSON: save it with the extension .yaml")
    elif ahead.startswith(("//", "/*", "#")):
        hint = Msg("JSON has no comments: remove it (a YAML account file may have comments)")
    elif ahead.startswith("'"):
        hint = Msg('JSON quotes keys and texts with double quotes ("), never single ones')
    elif before.endswith(",") and ahead[:1] in ("}", "]"):
        comma = len(before) - 1
        reason = Msg(
            "JSON syntax error: a comma before '{bracket}' (column {column}); "
            "JSON allows no comma after the last item: remove it",
            bracket=ahead[0],
            column=comma - doc.rfind(chr(10), 0, comma),
        )
        return reason, doc.count("\n", 0, comma) + 1
    elif exc.msg.startswith("Expecting") and not doc[pos:].strip():
        hint = Msg("the file ends too early: a closing '}}' or ']' is missing")
    if hint is None:
        return Msg(
            "JSON syntax error: {problem} (column {column})", problem=msg, column=exc.colno
        ), exc.lineno
    reason = Msg(
        "JSON syntax error: {problem} (column {column}); {hint}", problem=msg, column=exc.colno, hint=hint
    )
    return reason, exc.lineno


#: the first line of YAML text that is no comment: a plain key and its colon, or a document start
_YAML_START = re.compile(
    r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*(?:---[ \t]*\r?$|[A-Za-z_][\w-]*:(?:[ \t]|\r?$))", re.MULTILINE
)


def _looks_like_yaml(doc: str) -> bool:
    r"""True when JSON text that fails at its start reads as YAML (comments, then ``key:``).

    >>> _looks_like_yaml("# Acme\nformat: influence/v1\n"), _looks_like_yaml('{"format": 1}')
    (True, False)
    """
    return _YAML_START.match(doc.lstrip("\ufeff")) is not None


def _depth(data: Any) -> int:
    """How deeply lists and mappings nest in ``data`` (0 for a scalar), without recursion.

    Level by level; a container holding only scalars is passed over in C
    (``map(type, ...)``), so a wide, shallow account costs little.
    """
    level = [data] if isinstance(data, (dict, list)) else []
    depth = 0
    while level:
        depth += 1
        deeper: list[Any] = []
        for value in level:
            children = value.values() if isinstance(value, dict) else value
            kinds = set(map(type, children))
            if dict in kinds or list in kinds:
                deeper.extend(child for child in children if isinstance(child, (dict, list)))
        level = deeper
    return depth


def parse_text(text: str, file: str, kind: str) -> Document:
    """Parse document text.

    Parameters
    ----------
    text : str
        The whole document.
    file : str
        Name used in messages.
    kind : {"yaml", "json"}
        Syntax to parse.

    Returns
    -------
    Document
        Plain data and, for YAML, the line of each location.

    Raises
    ------
    ValidationError
        When the text is not a well-formed document of that kind, or holds
        a lone surrogate (half of a character pair, which no file can hold),
        written as it is or as a JSON escape.
    UsageError
        When ``kind`` is neither ``"yaml"`` nor ``"json"``.

    Examples
    --------
    >>> parse_text('{"format": "influence/v1"}', "acct.json", "json").data
    {'format': 'influence/v1'}
    >>> parse_text("format = 'influence/v1'", "acct.toml", "toml")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: kind: 'toml' is not a document syntax influence reads (expected yaml or json)
    """
    if kind not in ("yaml", "json"):
        raise UsageError(f"kind: {kind!r} is not a document syntax influence reads (expected yaml or json)")
    if kind == "json":
        data = _parse_json(text, file)
        if not text.isascii():
            _refuse_lone_surrogate(text, data, file)
        return Document(file, data, {})
    import influence.yamlreader as yamlreader  # only YAML pays for importing PyYAML

    try:
        data, lines = yamlreader.read_marked(text, MAX_DEPTH)
    except yamlreader.Problem as exc:
        raise _doc_error(file, exc.message or exc.reason, exc.line) from None
    return Document(file, data, lines)


def account_kind(path: str | os.PathLike[str]) -> str:
    """``yaml`` or ``json``: the kind of account file ``path`` names, by its suffix (it need not exist).

    Every command that reads or writes an account file asks this, so that
    one rule and one message say which names it takes.

    >>> account_kind("acct.YML"), account_kind("out/acct.json")
    ('yaml', 'json')

    Raises
    ------
    SourceError
        Any other suffix, or none.
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    shown = escape_controls(os.fspath(path))
    if not suffix:
        raise SourceError(
            Msg("{file}: the file name has no suffix (expected .yaml, .yml or .json)", file=shown)
        )
    raise SourceError(
        Msg(
            "{file}: unsupported file type '{suffix}' (expected .yaml, .yml or .json)",
            file=shown,
            suffix=escape_controls(suffix),
        )
    )


def read_document(path: str | os.PathLike[str], *, data: bytes | None = None) -> Document:
    """Read and parse an account file without validating it.

    Parameters
    ----------
    path : str or path-like
        A ``.yaml``, ``.yml`` or ``.json`` file of at most 50 MB.
    data : bytes, optional
        The file's bytes, already read (it is not read again).

    Returns
    -------
    Document

    Raises
    ------
    SourceError
        Missing file, a directory, too large, empty, binary or not UTF-8.
    ValidationError
        Malformed YAML or JSON.
    """
    if data is None:
        text, name, kind = _read_text(path)
    else:
        name = os.fspath(path)
        text, kind = _decode(data, name), account_kind(name)
    return parse_text(text, name, kind)


def _read_text(path: str | os.PathLike[str]) -> tuple[str, str, str]:
    """The decoded text of an account file, the name to show and its kind."""
    name = os.fspath(path)
    p = Path(name)
    # an unsupported name is refused before the file is read; a missing file or a folder below
    kind = account_kind(p) if p.exists() and not p.is_dir() else ""
    raw = read_bounded(name, name, Msg("an account file"))
    return _decode(raw, name), name, kind


def _decode(raw: bytes, name: str) -> str:
    """The text of an account file's bytes (UTF-8, an optional BOM); ``name`` is the file shown in messages."""
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise SourceError(
            Msg("{file}: file is over the {limit} MB limit", file=escape_controls(name), limit=limit)
        )
    if not raw or raw.isspace():  # (no stripped copy of a large file)
        raise SourceError(Msg("{file}: file is empty", file=escape_controls(name)))
    try:
        if b"\x00" in raw:
            raise UnicodeDecodeError("utf-8", raw, raw.index(b"\x00"), len(raw), "NUL byte")
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # (utf-8-sig counts from after the byte-order mark)
        error = SourceError(not_utf8_message(name, raw, exc.start + len(raw) - len(exc.object)))
        error.language = written_language(raw.decode("latin-1"))  # its language: line is plain ASCII
        raise error from None
    return text


#: Friendly names of the encodings charset-normalizer reports.
_ENCODING_NAMES: dict[str, tuple[str | Msg, str]] = {  # python codec -> (name people know, iconv's name)
    "cp1251": (Msg("Windows-1251 (Cyrillic)"), "WINDOWS-1251"),
    "cp1252": (Msg("Windows-1252 (Western European)"), "WINDOWS-1252"),
    "cp1250": (Msg("Windows-1250 (Central European)"), "WINDOWS-1250"),
    "koi8_r": (Msg("KOI8-R (Cyrillic)"), "KOI8-R"),
    "mac_cyrillic": ("Mac Cyrillic", "MACCYRILLIC"),
    "cp866": (Msg("DOS 866 (Cyrillic)"), "CP866"),
    "latin_1": ("Latin-1 (ISO-8859-1)", "ISO-8859-1"),
    "utf_16": ("UTF-16", "UTF-16"),
    "utf_16_le": ("UTF-16", "UTF-16LE"),
    "utf_16_be": ("UTF-16", "UTF-16BE"),
    "utf_32": ("UTF-32", "UTF-32"),
}


def _guess_encoding(raw: bytes) -> tuple[str | Msg, str] | None:
    """The encoding the bytes look like (its common name and iconv's); None when unclear or binary."""
    if raw[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return _ENCODING_NAMES["utf_32"]
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _ENCODING_NAMES["utf_16"]
    cyrillic = _cyrillic_code_page(raw[:200_000])
    if cyrillic is not None:
        return _ENCODING_NAMES[cyrillic]
    from charset_normalizer import from_bytes  # only on this error path: it takes a moment to import

    # Only the encodings account files come in: a short file fits many exotic code pages.
    best = from_bytes(raw[:200_000], cp_isolation=list(_ENCODING_NAMES)).best()
    if best is None or (
        best.encoding.startswith("utf_") and not _reads_as_text(raw[:200_000], best.encoding)
    ):
        return None
    return _ENCODING_NAMES.get(best.encoding, (best.encoding, best.encoding.upper().replace("_", "-")))


#: control characters no text file holds
BINARY_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def _reads_as_text(raw: bytes, codec: str) -> bool:
    """True when the bytes (UTF-16 or UTF-32 without a byte-order mark) read as a text file in ``codec``.

    No control characters, and at least a tenth of the characters ASCII (keys, digits,
    punctuation, line breaks): binary data read as UTF-16 is Chinese characters and controls.

    >>> _reads_as_text("format: Урал\\n".encode("utf-16-le"), "utf_16_le"), _reads_as_text(b"\\x00\\x01binary", "utf_16_le")
    (True, False)
    """
    text = raw[: len(raw) - len(raw) % 4].decode(codec, errors="replace").rstrip("\ufffd")
    if not text or BINARY_CONTROLS.search(text):
        return False
    return len(text.encode("ascii", errors="ignore")) * 10 >= len(text)


#: a Russian word as written (an optional capital then small letters, or capitals only: ООО),
#: no other letter on either side
_RUSSIAN_WORD = re.compile(r"(?<![^\W\d_])(?:[А-ЯЁ]?[а-яё]+|[А-ЯЁ]{2,})(?![^\W\d_])")


def _cyrillic_code_page(raw: bytes) -> str | None:
    """``cp1251`` or ``koi8_r`` when the bytes read as Russian words in it; None otherwise.

    A short name ("Сидоров") is too little for a statistical detector, which
    may call it Central European. Here, the code page under which the most
    non-ASCII letters form Russian words (a capital only first) wins, when
    they are most of the non-ASCII text: the two code pages swap capitals
    and small letters, so the wrong one reads "сИДОРОВ". Words of one letter
    alone are no evidence: Windows-1252's "à" is Windows-1251's "а" (and
    "À" KOI8-R's "ю"), so "Rendez-vous à Paris" read as Russian; Russian
    text has a word of two letters or more.

    >>> _cyrillic_code_page("Петров Пётр".encode("cp1251")), _cyrillic_code_page("Урал".encode("koi8_r"))
    ('cp1251', 'koi8_r')
    >>> _cyrillic_code_page("Встреча в Москве".encode("cp1251")), _cyrillic_code_page("Envoyer à Marc".encode("cp1252"))
    ('cp1251', None)
    """
    best, best_score, best_longest = None, 0, 0
    high = sum(b >= 0x80 for b in raw)
    for codec in ("cp1251", "koi8_r"):
        words = _RUSSIAN_WORD.findall(raw.decode(codec, errors="replace"))
        score = sum(map(len, words))
        if score > best_score:
            best, best_score, best_longest = codec, score, max(map(len, words))
    return best if high and best_score >= 0.8 * high and best_longest > 1 else None


def _cut_short(tail: bytes) -> bool:
    """True when ``tail`` (the end of a file) is the start of a UTF-8 character, cut short.

    >>> _cut_short("ж".encode()[:1]), _cut_short(b"\\xff")
    (True, False)
    """
    try:
        return len(tail) < 4 and not codecs.getincrementaldecoder("utf-8")().decode(tail, final=False)
    except UnicodeDecodeError:
        return False


def _utf8_lines(raw: bytes) -> tuple[int, int]:
    """How many lines beyond ASCII are UTF-8 text, and how many are not.

    >>> _utf8_lines("a\\nИван\\nб\\n".encode() + "Петров\\n".encode("cp1251"))
    (2, 1)
    """
    clean = broken = 0
    for line in raw.splitlines():
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                broken += 1
            else:
                clean += 1
    return clean, broken


def _stray_nul(raw: bytes) -> bool:
    """Whether the NUL bytes of ``raw`` are a few strays in UTF-8 text (not UTF-16, not binary data).

    >>> _stray_nul("имя: Пётр\\x00\\n".encode()), _stray_nul("name: x\\n".encode("utf-16-le"))
    (True, False)
    >>> _stray_nul(b"\\x00\\x01binary")
    False
    """
    if raw.count(b"\x00") > max(3, len(raw) // 1000):
        return False
    try:
        text = raw.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return BINARY_CONTROLS.search(text) is None


def _damaged_utf8(raw: bytes, offset: int) -> Msg | None:
    """What is wrong with UTF-8 text that a few bad bytes spoil (None when it is no UTF-8 text).

    A file cut in the middle of a character, or one with no fewer lines of
    UTF-8 beyond ASCII than lines that are no UTF-8 (a line pasted in another
    encoding, a stray byte), is UTF-8 text: the message names the first bad line.
    """
    if raw[offset] == 0 and not _stray_nul(raw):  # NUL bytes: UTF-16, or binary
        return None
    head = raw[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    if raw[offset] == 0:
        return Msg(
            "line {line} holds a NUL byte (0x00), a control character that is no text; the rest of "
            "the file is UTF-8 text. Delete the character (it may show as a gap or as NUL) and save the file",
            line=line,
        )
    if _cut_short(raw[offset:]):
        return Msg(
            "the file ends in the middle of a character (line {line}): it was cut short while being "
            "copied or saved; take the whole file again, or delete the broken end of its last line",
            line=line,
        )
    clean, broken = _utf8_lines(raw)
    if clean < broken:  # more lines in another encoding than in UTF-8: the whole file is in it
        return None
    start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    if start == 0 and raw.startswith(codecs.BOM_UTF8):  # the byte-order mark is no column
        start = len(codecs.BOM_UTF8)
    column = len(head[start:].decode("utf-8", errors="replace")) + 1
    end = min((i for i in (raw.find(b"\n", offset), raw.find(b"\r", offset)) if i >= 0), default=len(raw))
    code_page = _cyrillic_code_page(raw[start:end])
    values = {"line": line, "byte": f"0x{raw[offset]:02x}", "column": column}
    return _damaged_line(broken - 1, _ENCODING_NAMES[code_page][0] if code_page else None, values)


def _damaged_line(others: int, encoding: str | Msg | None, values: dict[str, object]) -> Msg:
    """The reason for a line that is no UTF-8 text in a UTF-8 file: how many ``others`` are not either,
    and the ``encoding`` the line looks like (None when unclear); ``values``: the line, byte and column."""
    if others > 0 and encoding is not None:
        return NMsg(
            "line {line} is not UTF-8 text (byte {byte} at column {column}), nor is {n} other line, though "
            "the rest of the file is; the line looks like {encoding}. Retype the text of that line, or paste "
            "it again from a UTF-8 source, and save the file as UTF-8",
            "line {line} is not UTF-8 text (byte {byte} at column {column}), nor are {n} other lines, though "
            "the rest of the file is; the line looks like {encoding}. Retype the text of that line, or paste "
            "it again from a UTF-8 source, and save the file as UTF-8",
            others,
            encoding=encoding,
            **values,
        )
    if others > 0:
        return NMsg(
            "line {line} is not UTF-8 text (byte {byte} at column {column}), nor is {n} other line, though "
            "the rest of the file is. Retype the text of that line, or paste it again from a UTF-8 source, "
            "and save the file as UTF-8",
            "line {line} is not UTF-8 text (byte {byte} at column {column}), nor are {n} other lines, though "
            "the rest of the file is. Retype the text of that line, or paste it again from a UTF-8 source, "
            "and save the file as UTF-8",
            others,
            **values,
        )
    if encoding is not None:
        return Msg(
            "line {line} is not UTF-8 text (byte {byte} at column {column}), though the rest of the file is; "
            "the line looks like {encoding}. Retype the text of that line, or paste it again from a UTF-8 "
            "source, and save the file as UTF-8",
            encoding=encoding,
            **values,
        )
    return Msg(
        "line {line} is not UTF-8 text (byte {byte} at column {column}), though the rest of the file is. "
        "Retype the text of that line, or paste it again from a UTF-8 source, and save the file as UTF-8",
        **values,
    )


def not_utf8_message(name: str, raw: bytes, offset: int) -> Msg:
    """A message for a file that is not UTF-8: what it looks like and how to re-save it.

    ``offset`` is where decoding failed. Used for account files and CRM exports alike
    (``raise SourceError(not_utf8_message(...))`` says it in the user's language).

    >>> str(not_utf8_message("contacts.csv", "Иванов".encode("cp1251") * 20, 0))[:60]
    'contacts.csv: not UTF-8 text (byte 0xc8 at offset 0); it loo'
    """
    return Msg("{file}: {problem}", file=escape_controls(name), problem=not_utf8_reason(name, raw, offset))


def not_utf8_reason(name: str, raw: bytes, offset: int, *, in_place: bool = False) -> Msg:
    """Why the file ``name`` is not UTF-8 (:func:`not_utf8_message` without the file's name).

    The ``iconv`` command it suggests writes ``fixed`` with the file's suffix; ``in_place``: the
    file itself (through a temporary one), for a file that must keep its name, one of several.

    >>> reason = not_utf8_reason("export/Contact.csv", "Иванов".encode("cp1251") * 20, 0, in_place=True)
    >>> print(str(reason).split("run: ")[1])
    iconv -f WINDOWS-1251 -t UTF-8 export/Contact.csv > export/Contact.csv.utf8 && mv export/Contact.csv.utf8 export/Contact.csv)
    >>> print(str(not_utf8_reason("my docs/acct 1.yaml", "Иванов".encode("cp1251") * 20, 0)).split("run: ")[1])
    iconv -f WINDOWS-1251 -t UTF-8 'my docs/acct 1.yaml' > fixed.yaml)
    """
    damage = _damaged_utf8(raw, offset)
    if damage is not None:
        return damage
    guess = _guess_encoding(raw)
    if guess is None and raw.startswith(b"PK\x03\x04"):  # what a renamed .xlsx or .zip starts with
        return Msg("an Excel workbook or a ZIP archive, not a UTF-8 text file")
    if guess is None:
        return Msg("binary data, not a UTF-8 text file")
    import shlex  # only this message needs it: a name with a space, '$' or a quote pastes as one word

    source = shlex.quote(name)
    if in_place:
        temporary = shlex.quote(name + ".utf8")
        command = f"iconv -f {guess[1]} -t UTF-8 {source} > {temporary} && mv {temporary} {source}"
    else:
        command = f"iconv -f {guess[1]} -t UTF-8 {source} > {shlex.quote('fixed' + Path(name).suffix)}"
    byte = f"0x{raw[offset]:02x}"
    return Msg(
        "not UTF-8 text (byte {byte} at offset {offset}); it looks like {encoding}. "
        "Save it as UTF-8: in your editor choose Save As and the encoding 'UTF-8' (or run: {command})",
        byte=byte,
        offset=offset,
        encoding=guess[0],
        command=command,
    )


def load_file(path: str | os.PathLike[str], *, data: bytes | None = None) -> Account:
    """Read, validate and build an account from a file.

    Parameters
    ----------
    path : str or path-like
        The account file.
    data : bytes, optional
        The file's bytes, already read: they are validated instead of
        reading the file again (``db push`` stores the digest of exactly
        the bytes it pushed). ``path`` still names the file and its kind.

    Returns
    -------
    Account

    Raises
    ------
    SourceError, ValidationError

    Notes
    -----
    A YAML file is first read without line marks (one tight pass over
    libyaml's events). Only when that reader declines, or validation finds a
    problem, is it read again keeping every line, so each message names its
    line exactly as :func:`read_document` would.

    Examples
    --------
    >>> load_file("examples/uralmet.yaml").id
    'uralmet'
    """
    if data is None:
        text, name, kind = _read_text(path)
    else:
        name = os.fspath(path)
        text, kind = _decode(data, name), account_kind(name)
    try:
        return _load_text(text, name, kind)
    except ValidationError as exc:
        if exc.language is None:  # the document could not be read far enough: its text may still say
            exc.language = written_language(text)
        raise


#: ``language: ru`` written in an account file (YAML or JSON), on a line of its own or inside a
#: one-line mapping (``account: {id: a, language: ru}``), to say its errors in that language
_LANGUAGE_LINE = re.compile(
    r"""(?:^[ \t]*|[{,][ \t]*)["']?language["']?[ \t]*:[ \t]*["']?(en|ru)["']?[ \t]*(?=[,}#\r\n]|$)""", re.M
)


def written_language(text: str) -> str | None:
    r"""The language a file's text names for ``language``, read without parsing it (None: none).

    >>> written_language("account:\n  language: ru  # for the team\npeople: [\n"), written_language("{")
    ('ru', None)
    >>> written_language("account: {id: a, language: ru}\n"), written_language('{"language": "ru",')
    ('ru', 'ru')
    >>> written_language("x-language: ru\nnotes: the language: ru\n")
    """
    found = _LANGUAGE_LINE.search(text)
    return found.group(1) if found else None


def _load_text(text: str, name: str, kind: str) -> Account:
    """The account of a file's text (see :func:`load_file`)."""
    if kind == "yaml":
        import influence.yamlreader as yamlreader  # only YAML pays for importing PyYAML

        try:
            data = yamlreader.read_fast(text, MAX_DEPTH)
        except yamlreader.Slow:
            pass
        else:
            try:
                return build_account(Document(name, data, {}))
            except ValidationError:
                pass  # read again with line marks: the messages name their lines
        return build_account(parse_text(text, name, kind))
    return _load_json(text, name)


def _load_json(text: str, name: str) -> Account:
    """The account of a JSON text, its nesting measured only where it can be deep.

    A valid document nests only as deep as its declared records (every field
    holds a value, a list of values or a list of records: validation checks
    each) except inside the ``x-`` values it keeps. So the depth is measured
    after validation, and only when validation fails (a document too deep is
    reported as that, as :func:`parse_text` would) or ``x-`` values were kept.
    """
    data = _parse_json(text, name, depth=False)
    try:
        account, kept_extras = build_account_noting_extras(Document(name, data, {}))
    except (ValidationError, RecursionError):
        _check_depth(data, name, text)
        raise
    if kept_extras:
        _check_depth(data, name, text)
    return account
