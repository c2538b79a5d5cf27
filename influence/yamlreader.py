"""Reading YAML account text into plain data, with or without the line of each location.

PyYAML's parser (libyaml's where available) gives the events; the data is
built from them without recursion, nesting capped at the caller's depth,
and an alias shares the anchored object instead of copying it, so a
"billion laughs" document costs no more than its own text to read. Written
out (JSON, a workbook, Neo4j) every alias is a copy, so a text whose
aliases expand to more values than a file of :data:`MAX_FILE_BYTES` can
hold is refused. :func:`read_fast` is the tight loop of the happy path (no line marks);
:func:`read_marked` keeps every line, for messages. Only YAML files import
this module (and PyYAML).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import yaml

from influence.document import MAX_FILE_BYTES, Path_
from influence.errors import Msg, grouped

__all__ = ["MAX_VALUES", "Problem", "Slow", "expanded_size", "has_comments", "read_fast", "read_marked"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()


class Problem(Exception):
    """What is wrong with a YAML text, and the line where it is (None when unknown).

    ``reason`` is the English text; ``message`` the same as a message of the
    catalogue (to say it in another language), when it was raised with one.
    """

    def __init__(self, reason: str | Msg, line: int | None):
        super().__init__(str(reason))
        self.reason = str(reason)
        self.message = reason if isinstance(reason, Msg) else None
        self.line = line


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
        tag = (
            _plain_tag(event.value)
            if event.implicit[0]
            else _resolve(yaml.ScalarNode, event.value, event.implicit)
        )
        return _construct(tag, event.value, _line(event))
    return _construct(tag, event.value, _line(event), explicit=True)


def _construct(tag: str, value: str, line: int, explicit: bool = False) -> Any:
    """The value of a scalar of ``tag``. One that does not read as its resolved type (2027-02-30)
    stays text, for validation to name; one that does not read as the type its ``explicit`` tag
    asks for (``!!int x``) is refused."""
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:merge":
        raise Problem(Msg("merge keys ('<<') are not supported"), line)
    if tag == "tag:yaml.org,2002:binary":  # bytes: no store, JSON or workbook holds them
        raise Problem(Msg("binary values ('!!binary') are not supported: write the value as text"), line)
    construct = _constructor.yaml_constructors.get(tag)
    if construct is None:
        raise Problem(Msg("the YAML tag {tag} is not supported", tag=repr(tag)), line)
    try:
        return construct(_constructor, yaml.ScalarNode(tag, value))
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        if explicit:
            short = tag.rpartition(":")[2]
            shown = value if len(value) <= 72 else value[:72] + "…"
            raise Problem(
                Msg("'{value}' is not a value of the tag !!{tag}", value=shown, tag=short), line
            ) from None
        return value  # e.g. 2027-02-30: left as text, validation names it


_INT = "tag:yaml.org,2002:int"
#: an integer as written in decimal; YAML 1.1 also reads 010 (octal 8), 0x1F, 1_000 and 12:30 (750)
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _plain_tag(value: str) -> str:
    """The tag of a plain scalar; an integer not written in plain decimal stays text.

    ``id: 010`` is the id '010', not '8'; a number field given ``0x1F``
    says it is not a number instead of taking 31.

    >>> _plain_tag("42"), _plain_tag("010"), _plain_tag("12:30"), _plain_tag("-7")
    ('tag:yaml.org,2002:int', 'tag:yaml.org,2002:str', 'tag:yaml.org,2002:str', 'tag:yaml.org,2002:int')
    """
    tag = _resolve(yaml.ScalarNode, value, (True, False))
    if tag == _INT and not _DECIMAL_INT.fullmatch(value):
        return "tag:yaml.org,2002:str"
    return tag


@functools.lru_cache(maxsize=65536)
def _plain_value(value: str) -> tuple[str, Any]:
    tag = _plain_tag(value)
    try:
        return tag, _construct(tag, value, 0)
    except Problem:
        return tag, None


def _plain(value: str, line: int) -> Any:
    tag, result = _plain_value(value)
    if tag == "tag:yaml.org,2002:merge":
        raise Problem(Msg("merge keys ('<<') are not supported"), line)
    return result


class _Frame:
    __slots__ = ("anchor", "key", "obj", "path")

    def __init__(self, obj: Any, path: Path_, anchor: str | None):
        self.obj = obj
        self.path = path
        self.anchor = anchor
        self.key: Any = _NO_KEY


_NO_KEY = object()


def _collection(event: yaml.CollectionStartEvent, depth: int, max_depth: int, line: int) -> Any:
    """The empty dict or list a mapping or list start event opens, once its depth and tag are allowed.

    A mapping may carry no tag, ``!`` or ``!!map``, a list ``!!seq``; any other tag is refused,
    as :func:`yaml.safe_load` refuses it (and as a scalar's unknown tag is).
    """
    if depth >= max_depth:
        raise Problem(Msg("nesting deeper than {depth} levels", depth=max_depth), line)
    mapping = isinstance(event, yaml.MappingStartEvent)
    if event.tag not in (None, "!", "tag:yaml.org,2002:map" if mapping else "tag:yaml.org,2002:seq"):
        raise Problem(Msg("the YAML tag {tag} is not supported", tag=repr(event.tag)), line)
    return {} if mapping else []


def _events_to_data(events: Any, max_depth: int) -> tuple[Any, dict[Path_, int]]:
    """Build plain data from parser events, without recursion.

    Aliases share the anchored object instead of copying it, so nothing
    multiplies; an alias may only name an anchor that is already complete,
    and a text's anchor must be named by one (:func:`_finish`).
    """
    lines: dict[Path_, int] = {}
    anchors: dict[str, Any] = {}
    unused: dict[str, int] = {}  # a text's anchor no alias has used yet -> its line
    first_alias: int | None = None
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
            raise Problem(Msg("a mapping key must be plain text"), line)
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
                raise Problem(Msg("a mapping key must be plain text"), line)
            key = value if isinstance(value, str) else _key_text(value)
            if key in top.obj:
                raise Problem(Msg("duplicate key '{key}'", key=key), line)
            top.key = key
            lines[(*top.path, key)] = line
            return
        top.obj[top.key] = value
        top.key = _NO_KEY

    for event in events:
        line = _line(event)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise Problem(Msg("more than one YAML document in the file"), line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            obj = _collection(event, len(stack), max_depth, line)
            path = child_path(line)
            lines.setdefault(path, line)
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
                unused.setdefault(event.anchor, line)
            attach(value, line)
        elif isinstance(event, yaml.AliasEvent):
            value = _anchored(anchors, event.anchor or "", line)
            unused.pop(event.anchor or "", None)
            if stack and not (isinstance(stack[-1].obj, dict) and stack[-1].key is _NO_KEY):
                lines.setdefault(child_path(line), line)
            attach(value, line)
            first_alias = line if first_alias is None else first_alias
    _finish(root, first_alias, unused)
    return root, lines


def _anchored(anchors: dict[str, Any], anchor: str, line: int) -> Any:
    """The value an alias names: its anchor's, complete before it."""
    if anchor not in anchors:
        raise Problem(Msg("alias '*{anchor}' names no complete anchor before it", anchor=anchor), line)
    return anchors[anchor]


def _finish(root: Any, first_alias: int | None, unused: dict[str, int]) -> None:
    """Refuse data whose aliases copy too much (:func:`_check_copies`), or a text's anchor that no
    alias uses (``unused``: anchor -> line): ``name: &Co Acme`` is the name "Acme" to YAML, so
    "&Co" would be lost without a word."""
    if first_alias is not None:
        _check_copies(root, first_alias)
    if not unused:
        return
    anchor, line = next(iter(unused.items()))
    raise Problem(
        Msg(
            "YAML syntax error at line {line}: '&{anchor}' starts an anchor, which no alias uses, so it "
            "is not part of the text; a value that starts with & needs quotes",
            line=line,
            anchor=anchor,
        ),
        line,
    )


def _check_copies(root: Any, first_alias: int) -> None:
    """Refuse data whose aliases, each written out in full, make more values than a file can hold."""
    if expanded_size(root, MAX_VALUES) > MAX_VALUES:
        raise Problem(
            Msg(
                "aliases (the first on this line) copy values to more than {count} in all, more than "
                "a {limit} MB file can hold; use fewer aliases",
                count=grouped(MAX_VALUES),
                limit=MAX_FILE_BYTES // 1024 // 1024,
            ),
            first_alias,
        )


#: the most values (scalars, lists, mappings) a document may hold with every alias
#: copied: a file of MAX_FILE_BYTES holds at most one per two bytes ("0," in a list)
MAX_VALUES = MAX_FILE_BYTES // 2


def expanded_size(data: Any, limit: int) -> int:
    """How many values ``data`` holds with every shared list and mapping counted at each place.

    Linear in the distinct objects (each shared one is counted once and
    remembered); stops early past ``limit``, returning a number above it.

    >>> three = ["a", "b"]
    >>> expanded_size({"x": three, "y": three}, 100)
    7
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        obj, done = stack.pop()
        if id(obj) in sizes:
            continue
        children = list(obj.values()) if isinstance(obj, dict) else obj
        if done:
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            sizes[id(obj)] = total
            if total > limit:
                return total
            continue
        stack.append((obj, True))
        stack.extend((c, False) for c in children if isinstance(c, (dict, list)) and id(c) not in sizes)
    return sizes.get(id(data), 1)


def _key_text(value: Any) -> str:
    """A mapping key that is not text, as YAML writes it: ``null``, ``true``, ``3``, a date."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


class Slow(Exception):
    """The fast reader met something only the full reader handles (or reports)."""


_RESOLVED_FIRST = frozenset(k for k in _resolver.yaml_implicit_resolvers if k is not None)
_WILDCARD = None in _resolver.yaml_implicit_resolvers
_plain_cache: dict[str, Any] = {}


def _plain_fast(value: str) -> Any:
    """A plain scalar's value, exactly as :func:`_scalar` gives it (cached: values repeat a lot)."""
    tag = _plain_tag(value)
    try:
        result = _construct(tag, value, 0)
    except Problem:
        raise Slow from None
    if len(_plain_cache) < 65536:
        _plain_cache[value] = result
    return result


def read_fast(text: str, max_depth: int) -> Any:
    """Plain data from YAML text without line marks: the happy path of ``load_file``.

    Builds the same data as :func:`_events_to_data` in one tight loop over
    libyaml's events (read straight from the parser, without ``yaml.parse``'s
    generator). A key that is not text is written as YAML writes it
    (:func:`_key_text`), as the full reader does. Anything unusual (anchors,
    aliases, tags, duplicate keys, several documents, deep nesting, a syntax
    error) raises :class:`Slow`, and the full reader then builds or reports it.
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
    try:
        loader = _Loader(text)
    except UnicodeEncodeError:  # a lone surrogate: the full reader names it
        raise Slow from None
    try:
        get = loader.get_event
        while True:
            event = get()
            cls = event.__class__
            if cls is scalar:
                if event.tag is not None or event.anchor is not None:
                    raise Slow
                value = event.value
                if event.implicit[0] and (_WILDCARD or value[:1] in first):
                    value = cache[value] if value in cache else _plain_fast(value)
            elif cls is mapping or cls is sequence:
                if event.tag is not None or event.anchor is not None or (in_map and key is no_key):
                    raise Slow
                if len(stack) >= max_depth:
                    raise Slow
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
                    raise Slow
                continue
            elif cls is yaml.AliasEvent:
                raise Slow
            else:
                continue
            if not in_map:
                if top is None:
                    root = value
                else:
                    top.append(value)
            elif key is no_key:
                key = value if value.__class__ is str else _key_text(value)
                if key in top:
                    raise Slow
            else:
                top[key] = value
                key = no_key
    except yaml.YAMLError:
        raise Slow from None
    finally:
        loader.dispose()
    return root


def read_marked(text: str, max_depth: int) -> tuple[Any, dict[Path_, int]]:
    """Plain data from YAML text and the line of each location in it.

    A line is what an editor shows: only a line feed, a carriage return or
    both end one (YAML also ends a line at U+0085, U+2028 and U+2029).

    Raises
    ------
    Problem
        A syntax error (with what to check), or something the format does
        not allow: several documents, merge keys, unknown tags, nesting
        deeper than ``max_depth``.
    """
    table = _line_table(text)
    try:
        data, lines = _events_to_data(yaml.parse(text, Loader=_Loader), max_depth)
    except Problem as exc:
        if table is not None and exc.line:
            exc.line = _true_line(table, exc.line)
        raise
    except yaml.MarkedYAMLError as exc:
        line, reason = _yaml_syntax(exc, max_depth, text)
        raise Problem(reason, line) from None
    except yaml.reader.ReaderError as exc:
        line, reason = _unacceptable(exc, text)
        raise Problem(reason, line) from None
    except UnicodeEncodeError as exc:  # libyaml takes UTF-8: a lone surrogate (a str only, no file) has none
        line, reason = _unacceptable(exc, text)
        raise Problem(reason, line) from None
    except yaml.YAMLError as exc:
        raise Problem(Msg("YAML syntax error: {problem}", problem=str(exc).splitlines()[0]), None) from None
    if table is not None:
        lines = {path: _true_line(table, line) for path, line in lines.items()}
    return data, lines


#: a line break to YAML; the last three are none to an editor
_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_NOT_EDITOR_BREAKS = ("\x85", "\u2028", "\u2029")


def _line_table(text: str) -> list[int] | None:
    """The editor's line of each of YAML's lines (0-based), or None when they are the same."""
    if not any(c in text for c in _NOT_EDITOR_BREAKS):
        return None
    table, line = [1], 1
    for match in _YAML_BREAK.finditer(text):
        if match.group() not in _NOT_EDITOR_BREAKS:
            line += 1
        table.append(line)
    return table


def _true_line(table: list[int], line: int) -> int:
    """The editor's line of YAML's 1-based ``line``."""
    return table[min(line, len(table)) - 1]


def _position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column an editor shows for the character at ``index`` of ``text``.

    >>> _position("a: 1\\r\\nb: \\u2028c\\n", 9)
    (2, 4)
    """
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return line, index - max(before.rfind("\n"), before.rfind("\r"))


#: The parser's (libyaml's) common problems as messages of the catalogue: the same English words,
#: said in the user's language; a problem not listed stays in the parser's words.
PARSER_WORDS: dict[str, Msg] = {
    str(words): words
    for words in (
        Msg("mapping values are not allowed in this context"),
        Msg("could not find expected ':'"),
        Msg("did not find expected key"),
        Msg("did not find expected '-' indicator"),
        Msg("did not find expected ',' or ']'"),
        Msg("did not find expected ',' or '}}'"),
        Msg("did not find expected node content"),
        Msg("did not find expected <document start>"),
        Msg("found character that cannot start any token"),
        Msg("found unexpected end of stream"),
        Msg("found unknown escape character"),
        Msg("block sequence entries are not allowed in this context"),
        Msg("found a tab character that violates indentation"),
        Msg("found a tab character where an indentation space is expected"),
        Msg("did not find expected hexdecimal number"),
        Msg("did not find expected alphabetic or numeric character"),
        Msg("did not find expected comment or line break"),
        Msg("found an indentation indicator equal to 0"),
        Msg("found undefined tag handle"),
        Msg("did not find URI escaped octet"),
        Msg("did not find the expected '>'"),
        Msg("mapping keys are not allowed in this context"),
        Msg("found unexpected document indicator"),
        Msg("found incompatible YAML document"),
        Msg("found duplicate %YAML directive"),
        Msg("found duplicate %TAG directive"),
        Msg("could not find expected directive name"),
        Msg("found unknown directive name"),
        Msg("did not find expected version number"),
        Msg("found extremely long version number"),
    )
}

_TAG_HINT = Msg("a value that starts with ! needs quotes: YAML reads !name as a tag")
#: What to check for a YAML syntax error, by the words of the parser's problem.
_YAML_HINTS = (
    ("tab character", Msg("YAML indents with spaces, never tabs: replace the tab with spaces")),
    ("scanning an alias", Msg("a value that starts with * needs quotes: YAML reads *name as an alias")),
    ("scanning an anchor", Msg("a value that starts with & needs quotes: YAML reads &name as an anchor")),
    (
        "block scalar",
        Msg(
            "a value that starts with | or > needs quotes: YAML reads it as the start of a block of "
            "text on the lines below"
        ),
    ),
    ("a tag", _TAG_HINT),
    ("tag handle", _TAG_HINT),
    ("incompatible YAML", Msg("the file says it is a YAML version other than 1: delete its %YAML line")),
    (
        "directive",
        Msg("a line that starts with %… is a YAML directive: delete it, or indent it under its key"),
    ),
    (
        "document indicator",
        Msg(
            "--- or ... at the start of a line ends the document: indent that line, or close the quote above it"
        ),
    ),
    (
        "cannot start any token",
        Msg(
            "YAML indents with spaces, never tabs: replace a tab with spaces; a value that starts "
            "with @ or ` needs quotes"
        ),
    ),
    (
        "mapping values are not allowed",
        Msg(
            "check the indentation of this line against the lines above it, that the key before it "
            "ends with a colon, and put quotes around a value that itself contains ': '"
        ),
    ),
    ("could not find expected ':'", Msg("a key is missing its colon: write 'key: value'")),
    ("expected ',' or ']'", Msg("a '[' list is not closed with ']', or its items lack a comma")),
    ("expected ',' or '}'", Msg("a '{{' mapping is not closed with '}}', or its items lack a comma")),
    (
        "escape",
        Msg(
            "a backslash in a double-quoted text starts an escape: write a backslash as \\\\, or put "
            "the text in single quotes"
        ),
    ),
    ("hexdecimal", Msg("a \\x escape takes two hexadecimal digits, \\u four: write a backslash as \\\\")),
    ("quoted scalar", Msg("a quote is not closed: end the text with the same quote mark")),
    (
        "expected",
        Msg(
            "check the indentation: the keys of one record start in the same column, list items "
            "start with '- ' in the same column, and every key ends with a colon"
        ),
    ),
)


def _yaml_syntax(exc: yaml.MarkedYAMLError, max_depth: int, text: str) -> tuple[int | None, Msg]:
    """The line and a newcomer's reason for a YAML syntax error (with the column and what to check).

    The line is that of the mistake: a key without its colon is reported
    where the key starts, an unclosed ``[`` where its last item starts
    (the parser notices both only on a later line), a no-break space or a
    full-width colon where it is.
    """
    problem: str | Msg = exc.problem or exc.context or Msg("malformed YAML")
    problem = PARSER_WORDS.get(problem, problem) if isinstance(problem, str) else problem  # as the user reads
    words = f"{exc.context or ''} {problem}"
    index = _mistake_index(exc, words, text)
    if "quoted scalar" in words and "end of stream" in words:
        problem = Msg("a quoted text that never ends")
    if index is None:
        hint = next((h for key, h in _YAML_HINTS if key in words), _YAML_HINTS[-1][1])
        return None, Msg("YAML syntax error: {problem}; {hint}", problem=problem, hint=hint)
    broken = _break_inside(text, index)
    if broken is not None:
        return broken
    if "mapping values are not allowed" in words:
        key = _keyless_key(text, index)
        if key is not None:  # "id a" above "name: b": one text, and then a colon
            return _keyless(text, key, _position(text, index)[0])
    line, column = _position(text, index)
    if "escape code" in str(problem):  # "\ud800": half of a character pair, or no character at all
        return line, Msg(
            "YAML syntax error: an escape of no character; write the character itself, "
            "or a \\U escape of the whole character"
        )
    if "nesting depth" in words:
        return line, Msg("nesting deeper than {depth} levels", depth=max_depth)
    lookalike = _lookalike_near(text, index)
    if lookalike is not None:
        return lookalike
    if "could not find expected ':'" in words and _long_key(text, index):
        return line, Msg(
            "YAML syntax error at line {line}, column {column}: a key longer than {limit} characters, "
            "which YAML does not read as a key: shorten it (or write it as '? KEY' on one line and "
            "': VALUE' on the next)",
            line=line,
            column=column,
            limit=_LONGEST_KEY,
        )
    hint = next((h for key, h in _YAML_HINTS if key in words), _YAML_HINTS[-1][1])
    return line, Msg(
        "YAML syntax error at line {line}, column {column}: {problem}; {hint}",
        line=line,
        column=column,
        problem=problem,
        hint=hint,
    )


#: the longest key YAML reads without a '?' before it (a "simple key"), in characters
_LONGEST_KEY = 1024


def _long_key(text: str, start: int) -> bool:
    r"""True when the line from ``start`` has its key's colon, but more than :data:`_LONGEST_KEY`
    characters on: the parser says the colon is missing.

    >>> _long_key("x-" + "k" * 1100 + ": 1\n", 0), _long_key("name Anna\n", 0), _long_key("a: 1", 0)
    (True, False, False)
    """
    end = text.find("\n", start)
    colon = re.search(r":(\s|$)", text[start : len(text) if end < 0 else end])
    return colon is not None and colon.start() > _LONGEST_KEY


def _keyless(text: str, key: int, runs_on: int) -> tuple[int, Msg]:
    """The line and reason for a key without its colon at ``key``, or a text running on to line ``runs_on``.

    Both readings are said: the parser cannot tell which one was meant.
    """
    line, column = _position(text, key)
    return line, Msg(
        "YAML syntax error at line {line}, column {column}: could not find expected ':'; a key is "
        "missing its colon: write 'key: value'; or, if line {line} starts a text that runs on to "
        "line {runs_on}, that text holds ': ' and needs quotes around it",
        line=line,
        column=column,
        runs_on=runs_on,
    )


#: characters YAML reads as line breaks that an editor shows as nothing or as a space
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")


def _break_inside(text: str, index: int) -> tuple[int, Msg] | None:
    """The line and reason when the line at ``index``, or the one before, holds U+2028, U+2029 or NEL.

    YAML ends a line there, so an unquoted text holding one breaks in two.
    """
    start = _line_start(text, index)
    before = _line_before(text, start)
    if before is None:
        before = start
    end = text.find("\n", index)
    found = _HIDDEN_BREAKS.search(text, before, len(text) if end < 0 else end)
    if found is None or {"'", '"'} & set(text[_line_start(text, found.start()) : found.start()]):
        return None  # none, or inside quotes, where it is a character of the text
    char = found.group()
    named = f"U+{ord(char):04X} ({unicodedata.name(char, 'next line').lower()})"
    line, column = _position(text, found.start())
    return line, Msg(
        "YAML syntax error at line {line}, column {column}: the text holds {character}, which YAML reads "
        "as a line break: delete it, or put the text in double quotes",
        line=line,
        column=column,
        character=named,
    )


def _mistake_index(exc: yaml.MarkedYAMLError, words: str, text: str) -> int | None:
    """Where in ``text`` the mistake behind a syntax error is (None when the parser marked nothing)."""
    context, problem = exc.context_mark, exc.problem_mark
    never_ends = "quoted scalar" in words and "end of stream" in words
    if context is not None and ("simple key" in words or never_ends or problem is None):
        return context.index  # the key that lacks its colon, the quote that never closes
    if problem is None:
        return None
    index = problem.index
    if context is not None and "while parsing a flow" in words:
        index = _last_token_before(text, context.index, index)
    content_end = len(text.rstrip())
    return content_end - 1 if index >= content_end > 0 else index


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _line_before(text: str, start: int) -> int | None:
    """Where the line before the one starting at ``start`` starts (None on the first line).

    >>> _line_before("a\\r\\nb\\r\\nc", 6), _line_before("a\\nb", 2), _line_before("a", 0)
    (3, 0, None)
    """
    if not start:
        return None
    return _line_start(text, start - 2 if text[start - 2 : start] == "\r\n" else start - 1)


def _keyless_key(text: str, colon: int) -> int | None:
    """Where a key without its colon starts, when the text before ``colon`` began as one on a line above.

    ``id a`` above ``name: b`` (its colon forgotten) makes one text, ``id a
    name``, that the parser refuses only at the colon of the line below. Not
    so a value (``name: Foo`` above a line indented too far): None then.

    >>> _keyless_key("account:\\n  id a\\n  name: b\\n", 22), _keyless_key("a:\\n  n: F\\n   t: x\\n", 14)
    (11, None)
    """
    start = _line_start(text, colon)
    before = text[start:colon].strip()
    if ": " in before or before.startswith("-"):
        return None
    key = None
    while start > 0:
        end = start - 1 - (text[start - 2 : start] == "\r\n")
        start = _line_start(text, end)
        content = text[start:end].strip()
        if not content or content.startswith("#") or content.endswith(":"):
            break  # the text starts on the line below
        if ": " in content or " #" in content:
            return None  # a value on this line, continued below
        key = start + len(text[start:end]) - len(text[start:end].lstrip(" \t-"))
        if content.startswith("-"):
            break  # "- id a": the key of a list item
    return key


def _last_token_before(text: str, start: int, end: int) -> int:
    """Where the last token before ``end`` of the flow collection opening at ``start`` starts (else ``end``).

    An unclosed ``[`` is noticed where its last item runs into the next
    line's key; the item, on the line of the ``[``, is the mistake.
    """
    origin = _line_start(text, start)
    loader = _Loader(text[origin:])
    last = end
    try:
        while loader.check_token():
            token = loader.get_token()
            at = origin + token.start_mark.index
            if at >= end:
                break
            if not isinstance(token, (yaml.StreamStartToken, yaml.StreamEndToken, yaml.BlockEndToken)):
                last = at
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return last


#: characters that look like a space to a reader but are none to YAML
_LOOKALIKE_SPACES = "\xa0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff"
#: a line that starts (after its indentation and any "- ") with one of them, or whose key
#: ends with a full-width colon or a colon followed by one of them
_LOOKALIKE = re.compile(
    f"[ \\t]*(?:-[ \\t]+)*(?:(?P<space>[{_LOOKALIKE_SPACES}])"
    f"|[^\\s:#\\[\\]{{}},'\"\uff1a\ufe55]+(?::(?P<after>[{_LOOKALIKE_SPACES}])|(?P<colon>[\uff1a\ufe55])))"
)


def _lookalike_near(text: str, index: int) -> tuple[int, Msg] | None:
    """The line and reason when the line at ``index``, or the one before it, holds a look-alike space or colon.

    >>> line, reason = _lookalike_near("a:\\n  b:\\u00a0c\\n  d: 1\\n", 14)
    >>> line, str(reason)[:80]
    (2, 'YAML syntax error at line 2, column 5: the colon after the key is followed by U+')
    """
    start = _line_start(text, index)
    for at in (start, _line_before(text, start)):
        match = _LOOKALIKE.match(text, at) if at is not None else None
        if match is None:
            continue
        which = match.lastgroup or "space"
        char = match.group(which)
        named = f"U+{ord(char):04X} ({unicodedata.name(char, 'a space').lower()})"
        line, column = _position(text, match.start(which))
        if which == "space":
            return line, Msg(
                "YAML syntax error at line {line}, column {column}: the line is indented with {character}, "
                "which YAML does not read as a space: retype the indentation with plain spaces",
                line=line,
                column=column,
                character=named,
            )
        if which == "after":
            return line, Msg(
                "YAML syntax error at line {line}, column {column}: the colon after the key is followed "
                "by {character}, which YAML does not read as a space: retype it as a plain space",
                line=line,
                column=column,
                character=named,
            )
        return line, Msg(
            "YAML syntax error at line {line}, column {column}: the key ends with {character} instead "
            "of the colon ':': retype it as ':'",
            line=line,
            column=column,
            character=named,
        )
    return None


#: what PyYAML's reader accepts (YAML's printable characters)
_UNACCEPTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: the names and YAML escapes of the control characters files pick up
_CONTROLS: dict[int, tuple[str | Msg, str]] = {
    0x00: ("NUL", "\\0"),
    0x07: (Msg("bell"), "\\a"),
    0x08: (Msg("backspace"), "\\b"),
    0x0B: (Msg("vertical tab"), "\\v"),
    0x0C: (Msg("form feed"), "\\f"),
    0x1B: (Msg("escape"), "\\e"),
    0x7F: (Msg("delete"), "\\x7F"),
}


def _unacceptable(exc: yaml.reader.ReaderError | UnicodeEncodeError, text: str) -> tuple[int | None, Msg]:
    """The line and reason for a character YAML refuses to read (a control character, U+FFFE).

    >>> line, reason = _unacceptable(yaml.reader.ReaderError("", 0, 11, "", ""), "a: 1\\nb: x\\x0by\\n")
    >>> line, str(reason)
    (2, 'YAML syntax error at line 2, column 5: the control character U+000B (vertical tab), which a YAML file may not hold as it is: delete it, or write it in a double-quoted text as the escape \\\\v')
    """
    match = _UNACCEPTABLE.search(text)
    if match is None:
        return None, Msg("YAML syntax error: {problem}", problem=exc.reason)
    code = ord(match.group())
    line, column = _position(text, match.start())
    name, escape = _CONTROLS.get(code, ("", f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"))
    values = {"line": line, "column": column, "codepoint": f"U+{code:04X}"}
    if 0xD800 <= code <= 0xDFFF:
        return line, Msg(
            "YAML syntax error at line {line}, column {column}: the lone surrogate {codepoint} "
            "(half of a character pair); delete it",
            **values,
        )
    if code >= 0xFFFE:
        return line, Msg(
            "YAML syntax error at line {line}, column {column}: the noncharacter {codepoint}, which a YAML "
            "file may not hold as it is: delete it, or write it in a double-quoted text as the escape {escape}",
            escape=escape,
            **values,
        )
    if name:
        return line, Msg(
            "YAML syntax error at line {line}, column {column}: the control character {codepoint} ({name}), "
            "which a YAML file may not hold as it is: delete it, or write it in a double-quoted text as "
            "the escape {escape}",
            name=name,
            escape=escape,
            **values,
        )
    return line, Msg(
        "YAML syntax error at line {line}, column {column}: the control character {codepoint}, which a YAML "
        "file may not hold as it is: delete it, or write it in a double-quoted text as the escape {escape}",
        escape=escape,
        **values,
    )


#: where a comment may start: a ``#`` at a line's start or after a space or tab
_HASH = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)


def has_comments(text: str) -> bool:
    """True when the YAML text holds a comment (a ``#`` outside every value, a quoted one included).

    A file written anew from its data cannot keep them, so a command about
    to replace a file asks this first. Text that is not valid YAML counts as
    having comments (nothing is assumed about it).

    >>> has_comments("a: 1  # the first\\n"), has_comments("a: 'x # y'\\nb: c#d\\n")
    (True, False)
    >>> has_comments("# header\\na: |\\n  text # kept in the value\\n")
    True
    >>> has_comments("a: |\\n  text # kept in the value\\n")
    False
    """
    hashes = [m.start() for m in _HASH.finditer(text)]
    if not hashes:
        return False
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    spans: list[tuple[int, int]] = []
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, yaml.ScalarToken):
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return True
    finally:
        loader.dispose()
    starts = [start for start, _ in spans]
    for at in hashes:
        i = bisect.bisect_right(starts, at) - 1
        if i < 0 or not spans[i][0] <= at < spans[i][1]:
            return True
    return False
