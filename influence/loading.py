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


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if event.style is None:  # plain: resolve by its text (cached: values repeat a lot)
            return _plain(event.value, event.start_mark.line + 1)
        if event.implicit[1]:  # quoted, block or folded text without a tag
            return event.value
        tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    return _construct(tag, event.value, event.start_mark.line + 1)


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
    tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
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
        line = event.start_mark.line + 1 if event.start_mark is not None else None
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
    tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
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
    libyaml's events. Anything unusual (anchors, aliases, tags, duplicate or
    non-text keys, several documents, deep nesting, a syntax error) raises
    :class:`_Slow`, and the full reader then builds or reports it.
    """
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    first, cache, no_key = _RESOLVED_FIRST, _plain_cache, _NO_KEY
    stack: list[tuple[Any, bool, Any]] = []
    top: Any = None
    in_map, key, root, documents = False, no_key, None, 0
    try:
        events: Any = yaml.parse(text, Loader=_Loader)
        for event in events:
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
    return root


def _parse_yaml(text: str, file: str) -> tuple[Any, dict[Path_, int]]:
    try:
        return _events_to_data(yaml.parse(text, Loader=_Loader))
    except _Stop as exc:
        raise _doc_error(file, exc.reason, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise _doc_error(file, f"YAML syntax error: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise _doc_error(file, f"YAML syntax error: {exc}") from None


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
    if b"\x00" in raw:
        raise SourceError(f"{name}: binary data, not a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text, name, kind


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
