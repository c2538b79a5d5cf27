"""Reading account files: bytes in, a plain document with line numbers out.

YAML is parsed with PyYAML's composer (the C one where available), which
keeps every node's position, so each validation error can name its line.
JSON is parsed with the standard library and carries no line numbers.
The document is built from the parser's events without recursion: nesting
is capped at :data:`MAX_DEPTH`, and an alias shares the anchored object
instead of copying it, so a "billion laughs" document costs no more than its
own text.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import yaml

from influence.document import Document, Path_
from influence.errors import Issue, SourceError, ValidationError
from influence.model import Account
from influence.validation import build_account

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Document",
    "load_file",
    "parse_text",
    "read_document",
]

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()


class _Stop(Exception):
    def __init__(self, reason: str, line: int | None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _doc_error(file: str, reason: str, line: int | None = None) -> ValidationError:
    return ValidationError([Issue(file, line, "(document)", reason)])


_resolver = yaml.resolver.Resolver()
_resolve: Callable[..., str] = _resolver.resolve  # PyYAML's stubs leave it untyped


def _line(event: yaml.Event) -> int:
    """The 1-based line where an event starts (the parser always marks it; 0 if not)."""
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 0


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if event.style is None:  # plain: resolve by its text (cached: values repeat a lot)
            return _plain(event.value, _line(event))
        if event.implicit[1]:  # quoted, block or folded text without a tag
            return event.value
        tag = _resolve(yaml.ScalarNode, event.value, event.implicit)
    return _construct(tag, event.value, _line(event))


def _construct(tag: str, value: str, line: int) -> Any:
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:merge":
        raise _Stop("merge keys ('<<') are not supported", line)
    construct = _constructor.yaml_constructors.get(tag)
    if construct is None:
        raise _Stop(f"the YAML tag {tag!r} is not supported", line)
    try:
        return construct(_constructor, yaml.ScalarNode(tag, value))
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return value  # e.g. 2027-02-30: left as text, validation names it


@functools.lru_cache(maxsize=65536)
def _plain_value(value: str) -> tuple[str, Any]:
    tag = _resolve(yaml.ScalarNode, value, (True, False))
    try:
        return tag, _construct(tag, value, 0)
    except _Stop:
        return tag, None


def _plain(value: str, line: int) -> Any:
    tag, result = _plain_value(value)
    if tag == "tag:yaml.org,2002:merge":
        raise _Stop("merge keys ('<<') are not supported", line)
    return result


class _Frame:
    __slots__ = ("anchor", "key", "key_line", "obj", "path")

    def __init__(self, obj: Any, path: Path_, anchor: str | None):
        self.obj = obj
        self.path = path
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_line = 0


_NO_KEY = object()


def _events_to_data(events: Any) -> tuple[Any, dict[Path_, int]]:
    """Build plain data from parser events, without recursion.

    Aliases share the anchored object instead of copying it, so nothing
    multiplies; an alias may only name an anchor that is already complete.
    """
    lines: dict[Path_, int] = {}
    anchors: dict[str, Any] = {}
    stack: list[_Frame] = []
    documents = 0
    root: Any = None

    def child_path(line: int) -> Path_:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.obj, list):
            return (*top.path, len(top.obj))
        if top.key is _NO_KEY:
            raise _Stop("a mapping key must be plain text", line)
        return (*top.path, top.key)

    def attach(value: Any, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top.obj, list):
            top.obj.append(value)
            return
        if top.key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise _Stop("a mapping key must be plain text", line)
            key = value if isinstance(value, str) else str(value)
            if key in top.obj:
                raise _Stop(f"duplicate key '{key}'", line)
            top.key = key
            top.key_line = line
            lines[(*top.path, key)] = line
            return
        top.obj[top.key] = value
        top.key = _NO_KEY

    for event in events:
        line = _line(event)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Stop("more than one YAML document in the file", line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _Stop(f"nesting deeper than {MAX_DEPTH} levels", line)
            path = child_path(line)
            lines.setdefault(path, line)
            obj: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            stack.append(_Frame(obj, path, event.anchor))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            if frame.anchor is not None:
                anchors[frame.anchor] = frame.obj
            attach(frame.obj, line)
        elif isinstance(event, yaml.ScalarEvent):
            value = _scalar(event)
            if stack and not (isinstance(stack[-1].obj, dict) and stack[-1].key is _NO_KEY):
                lines.setdefault(child_path(line), line)
            if event.anchor is not None:
                anchors[event.anchor] = value
            attach(value, line)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise _Stop(f"alias '*{event.anchor}' names no complete anchor before it", line)
            if stack and not (isinstance(stack[-1].obj, dict) and stack[-1].key is _NO_KEY):
                lines.setdefault(child_path(line), line)
            attach(anchors[event.anchor], line)
    return root, lines


class _Slow(Exception):
    """The fast reader met something only the full reader handles (or reports)."""


_RESOLVED_FIRST = frozenset(k for k in _resolver.yaml_implicit_resolvers if k is not None)
_WILDCARD = None in _resolver.yaml_implicit_resolvers
_plain_cache: dict[str, Any] = {}


def _plain_fast(value: str) -> Any:
    """A plain scalar's value, exactly as :func:`_scalar` gives it (cached: values repeat a lot)."""
    tag = _resolve(yaml.ScalarNode, value, (True, False))
    try:
        result = _construct(tag, value, 0)
    except _Stop:
        raise _Slow from None
    if len(_plain_cache) < 65536:
        _plain_cache[value] = result
    return result


def _fast_yaml(text: str) -> Any:
    """Plain data from YAML text without line marks: the happy path of :func:`load_file`.

    Builds the same data as :func:`_events_to_data` in one tight loop over
    libyaml's events (read straight from the parser, without ``yaml.parse``'s
    generator). Anything unusual (anchors, aliases, tags, duplicate or
    non-text keys, several documents, deep nesting, a syntax error) raises
    :class:`_Slow`, and the full reader then builds or reports it.
    """
    scalar, mapping, sequence, end = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
        yaml.StreamEndEvent,
    )
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    first, cache, no_key = _RESOLVED_FIRST, _plain_cache, _NO_KEY
    stack: list[tuple[Any, bool, Any]] = []
    top: Any = None
    in_map, key, root, documents = False, no_key, None, 0
    loader = _Loader(text)
    try:
        get = loader.get_event
        while True:
            event = get()
            cls = event.__class__
            if cls is scalar:
                if event.tag is not None or event.anchor is not None:
                    raise _Slow
                value = event.value
                if event.implicit[0] and (_WILDCARD or value[:1] in first):
                    value = cache[value] if value in cache else _plain_fast(value)
            elif cls is mapping or cls is sequence:
                if event.tag is not None or event.anchor is not None or (in_map and key is no_key):
                    raise _Slow
                if len(stack) >= MAX_DEPTH:
                    raise _Slow
                stack.append((top, in_map, key))
                top, in_map, key = ({}, True, no_key) if cls is mapping else ([], False, no_key)
                continue
            elif cls in ends:
                value = top
                top, in_map, key = stack.pop()
            elif cls is end:
                break
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Slow
                continue
            elif cls is yaml.AliasEvent:
                raise _Slow
            else:
                continue
            if not in_map:
                if top is None:
                    root = value
                else:
                    top.append(value)
            elif key is no_key:
                key = value if value.__class__ is str else str(value)
                if key in top:
                    raise _Slow
            else:
                top[key] = value
                key = no_key
    except yaml.YAMLError:
        raise _Slow from None
    finally:
        loader.dispose()
    return root


def _parse_yaml(text: str, file: str) -> tuple[Any, dict[Path_, int]]:
    try:
        return _events_to_data(yaml.parse(text, Loader=_Loader))
    except _Stop as exc:
        raise _doc_error(file, exc.reason, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        line, reason = _yaml_syntax(exc)
        raise _doc_error(file, reason, line) from None
    except yaml.YAMLError as exc:
        raise _doc_error(file, f"YAML syntax error: {exc}") from None


#: What to check for a YAML syntax error, by the words of the parser's problem.
_YAML_HINTS = (
    (
        "cannot start any token",
        "YAML indents with spaces, never tabs: replace a tab with spaces; a value that starts "
        "with @ or ` needs quotes",
    ),
    (
        "mapping values are not allowed",
        "check the indentation of this line against the lines above it, that the key before it "
        "ends with a colon, and put quotes around a value that itself contains ': '",
    ),
    ("could not find expected ':'", "a key is missing its colon: write 'key: value'"),
    ("expected ',' or ']'", "a '[' list is not closed with ']', or its items lack a comma"),
    ("expected ',' or '}'", "a '{' mapping is not closed with '}', or its items lack a comma"),
    ("quoted scalar", "a quote is not closed: end the text with the same quote mark"),
    (
        "expected",
        "check the indentation: the keys of one record start in the same column, list items "
        "start with '- ' in the same column, and every key ends with a colon",
    ),
)


def _yaml_syntax(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The line and a newcomer's reason for a YAML syntax error (with the column and what to check)."""
    problem = exc.problem or exc.context or "malformed YAML"
    words = f"{exc.context or ''} {problem}"
    mark = exc.problem_mark or exc.context_mark
    if "quoted scalar" in words and exc.context_mark is not None:
        mark = exc.context_mark  # where the unclosed quote opens, not the end of the file
        problem = "a quoted text that never ends"
    if "nesting depth" in words:
        return (mark.line + 1 if mark else None), f"nesting deeper than {MAX_DEPTH} levels"
    hint = next((h for key, h in _YAML_HINTS if key in words), _YAML_HINTS[-1][1])
    if mark is None:
        return None, f"YAML syntax error: {problem}; {hint}"
    return (
        mark.line + 1,
        f"YAML syntax error at line {mark.line + 1}, column {mark.column + 1}: {problem}; {hint}",
    )


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


def _parse_json(text: str, file: str) -> Any:
    """JSON text to data; duplicate keys, syntax errors and deep nesting refused.

    The duplicate check runs in C on the happy path; when it fires, the text
    is read again collecting every duplicate, so that a syntax error further
    on still wins, as it would in a single pass.
    """
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except _Duplicate:
        data = _parse_json_again(text, file)
    except json.JSONDecodeError as exc:
        raise _doc_error(file, f"JSON syntax error: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise _doc_error(file, f"nesting deeper than {MAX_DEPTH} levels") from None
    if _depth(data) > MAX_DEPTH:
        raise _doc_error(file, f"nesting deeper than {MAX_DEPTH} levels")
    return data


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
        raise _doc_error(file, f"JSON syntax error: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise _doc_error(file, f"nesting deeper than {MAX_DEPTH} levels") from None
    raise _doc_error(file, f"duplicate key '{duplicates[0]}'")


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
        When the text is not a well-formed document of that kind.
    """
    if kind == "json":
        return Document(file, _parse_json(text, file), {})
    data, lines = _parse_yaml(text, file)
    return Document(file, data, lines)


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    raise SourceError(f"{path}: unsupported file type '{suffix or '(none)'}' (expected .yaml, .yml or .json)")


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read and parse an account file without validating it.

    Parameters
    ----------
    path : str or path-like
        A ``.yaml``, ``.yml`` or ``.json`` file of at most 50 MB.

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
    text, name, kind = _read_text(path)
    return parse_text(text, name, kind)


def _read_text(path: str | os.PathLike[str]) -> tuple[str, str, str]:
    """The decoded text of an account file, the name to show and its kind."""
    name = os.fspath(path)
    p = Path(name)
    if not p.exists():
        raise SourceError(f"{name}: no such file")
    if p.is_dir():
        raise SourceError(f"{name}: is a directory, not an account file")
    kind = _kind_of(p)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(
                f"{name}: file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB"
            )
        with p.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(f"{name}: file is over the {MAX_FILE_BYTES // 1024 // 1024} MB limit")
    if not raw.strip():
        raise SourceError(f"{name}: file is empty")
    try:
        if b"\x00" in raw:
            raise UnicodeDecodeError("utf-8", raw, raw.index(b"\x00"), len(raw), "NUL byte")
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(_not_utf8(name, raw, exc.start)) from None
    return text, name, kind


#: Friendly names of the encodings charset-normalizer reports.
_ENCODING_NAMES = {  # python codec -> (name people know, iconv's name)
    "cp1251": ("Windows-1251 (Cyrillic)", "WINDOWS-1251"),
    "cp1252": ("Windows-1252 (Western European)", "WINDOWS-1252"),
    "cp1250": ("Windows-1250 (Central European)", "WINDOWS-1250"),
    "koi8_r": ("KOI8-R (Cyrillic)", "KOI8-R"),
    "mac_cyrillic": ("Mac Cyrillic", "MACCYRILLIC"),
    "cp866": ("DOS 866 (Cyrillic)", "CP866"),
    "latin_1": ("Latin-1 (ISO-8859-1)", "ISO-8859-1"),
    "utf_16": ("UTF-16", "UTF-16"),
    "utf_16_le": ("UTF-16", "UTF-16LE"),
    "utf_16_be": ("UTF-16", "UTF-16BE"),
    "utf_32": ("UTF-32", "UTF-32"),
}


def _guess_encoding(raw: bytes) -> tuple[str, str] | None:
    """The encoding the bytes look like (its common name and iconv's); None when unclear or binary."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _ENCODING_NAMES["utf_16"]
    from charset_normalizer import from_bytes  # only on this error path: it takes a moment to import

    # Only the encodings account files come in: a short file fits many exotic code pages.
    best = from_bytes(raw[:200_000], cp_isolation=list(_ENCODING_NAMES)).best()
    if best is None:
        return None
    return _ENCODING_NAMES.get(best.encoding, (best.encoding, best.encoding.upper().replace("_", "-")))


def _not_utf8(name: str, raw: bytes, offset: int) -> str:
    """A message for a file that is not UTF-8: what it looks like and how to re-save it."""
    guess = _guess_encoding(raw)
    if guess is None:
        return f"{name}: binary data, not a UTF-8 text file"
    return (
        f"{name}: not UTF-8 text (byte 0x{raw[offset]:02x} at offset {offset}); it looks like {guess[0]}. "
        "Save it as UTF-8: in your editor choose Save As and the encoding 'UTF-8' "
        f"(or run: iconv -f {guess[1]} -t UTF-8 {name} > fixed{Path(name).suffix})"
    )


def load_file(path: str | os.PathLike[str]) -> Account:
    """Read, validate and build an account from a file.

    Parameters
    ----------
    path : str or path-like
        The account file.

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
    text, name, kind = _read_text(path)
    if kind == "yaml":
        try:
            data = _fast_yaml(text)
        except _Slow:
            pass
        else:
            try:
                return build_account(Document(name, data, {}))
            except ValidationError:
                pass  # read again with line marks: the messages name their lines
    return build_account(parse_text(text, name, kind))
