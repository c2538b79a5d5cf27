"""YAML text of plain documents, fast and byte-identical to PyYAML's ``safe_dump`` without aliases.

:func:`dump_yaml` writes exactly what ``yaml.safe_dump(doc, allow_unicode=True,
sort_keys=False, width=100)`` writes with aliases off (:func:`reference_dump`),
about 25 times faster on an account. It
lays out the block mappings and sequences itself and writes a string directly
when it is certain PyYAML would write it plain on one line: a conservative
character class, no ``": "`` or ``" #"``, no indicator first, read back as a
string by PyYAML's resolver, and short enough not to be folded at the line
width. Every other scalar (numbers, dates, booleans, quoted or folded strings,
keys) is written by ``yaml.SafeDumper`` itself, at the column and indentation
it would have there, and cached per (value, column, indent).

Nothing is ever written as an anchor and aliases (``&id001`` / ``*id001``),
as ``safe_dump`` writes an object met twice: the loader shares equal date
objects, and a file written with an alias would change two dates when someone
edits one. The reference is therefore ``safe_dump``'s dumper with aliases off.
A whole document goes to the reference dumper when it holds something this
writer does not lay out: a dict or list referenced twice (anchored), a key
that is not a plain ``str``, a key PyYAML would write in the ``? key`` form
(empty, multi-line, or 123 characters and longer), or a value of a type other
than dict, list, str, int, float, bool, None and ``datetime.date`` (exact
types; subclasses go to PyYAML too).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import yaml
from yaml.events import ScalarEvent
from yaml.nodes import ScalarNode

__all__ = ["WIDTH", "dump_yaml", "reference_dump"]

#: The line width PyYAML folds long scalars at.
WIDTH = 100

_SCALAR_TYPES = frozenset({str, int, float, bool, type(None), dt.date})

# Characters PyYAML writes as they are in a plain scalar (allow_unicode=True): printable
# ASCII and the printable Unicode ranges of Emitter.analyze_scalar, less the line
# separators U+2028/U+2029 and the byte-order mark U+FEFF.
_PRINTABLE = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe"
# A first character that is no indicator and no space; '-', '.', '?' and ':' start an
# indicator only before a space or as '---'/'...', and are left to PyYAML.
_FIRST_EXCLUDED = " #,\\[\\]{}&*!|>'\"%@`?:\\-."
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN = re.compile(f"(?![{_FIRST_EXCLUDED}])[{_PRINTABLE}]+")


class _Unsupported(Exception):
    """A document shape :func:`dump_yaml` leaves to :func:`reference_dump`."""


def reference_dump(doc: Any) -> str:
    """The text PyYAML's pure-Python emitter writes (``safe_dump``, no aliases); :func:`dump_yaml` matches it.

    >>> reference_dump({"a": ["yes", 1]})
    "a:\\n- 'yes'\\n- 1\\n"
    """
    return yaml.dump(doc, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=WIDTH)


class _NoAliasDumper(yaml.SafeDumper):
    """``safe_dump``'s dumper writing an object met twice in full each time (no anchor, no alias)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _ScalarEmitter(yaml.SafeDumper):
    """``safe_dump``'s own dumper, driven one scalar at a time at a given position.

    Its representer, resolver and emitter are PyYAML's (including anything
    registered on ``yaml.SafeDumper``).

    >>> _ScalarEmitter().render("a: b", 4, 2, simple_key=False)
    " 'a: b'"
    """

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        super().__init__(
            self._buffer, default_flow_style=False, allow_unicode=True, width=WIDTH, sort_keys=False
        )
        self.tag_prefixes = dict(self.DEFAULT_TAG_PREFIXES)

    def implicit_tag(self, text: str, implicit: tuple[bool, bool]) -> str:
        """The tag the resolver gives a scalar's text, asked as the serializer asks it.

        >>> e = _ScalarEmitter()
        >>> e.implicit_tag("yes", (True, False)), e.implicit_tag("yes", (False, True))
        ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:str')
        """
        tag: str = self.resolve(ScalarNode, text, implicit)  # type: ignore[no-untyped-call]
        return tag

    def _event(self, value: Any) -> ScalarEvent:
        """The scalar event PyYAML's representer and serializer make of ``value``."""
        node = self.represent_data(value)
        self.represented_objects, self.object_keeper = {}, []
        if not isinstance(node, ScalarNode):
            raise _Unsupported(type(value).__name__)
        text = node.value
        implicit = (
            node.tag == self.implicit_tag(text, (True, False)),
            node.tag == self.implicit_tag(text, (False, True)),
        )
        return ScalarEvent(None, node.tag, implicit, text, style=node.style)

    def render(self, value: Any, column: int, indent: int, simple_key: bool) -> str:
        """The text PyYAML writes for ``value`` right after ``key:`` or ``-`` at ``column``.

        ``indent`` is the indentation of the enclosing collection. A simple key
        is written without a leading space; a value with one. Raises
        :class:`_Unsupported` for a key PyYAML would not write as a simple key.
        """
        self._buffer.seek(0)
        self._buffer.truncate()
        self.event = self._event(value)
        self.analysis = self.style = self.prepared_tag = self.prepared_anchor = None
        self.flow_level = 0
        self.column, self.indent, self.indents, self.states = column, indent, [], [self.expect_nothing]
        self.whitespace = self.indention = simple_key
        self.root_context, self.simple_key_context = False, simple_key
        self.sequence_context = self.mapping_context = False
        if simple_key and not self.check_simple_key():
            raise _Unsupported("complex key")
        self.process_anchor("&")
        self.process_tag()
        self.expect_scalar()
        return self._buffer.getvalue()


class _Writer:
    """One document's block layout; scalars outside the plain fast path go to PyYAML."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.seen: set[int] = set()
        self.keys: dict[Any, str] = {}
        self.values: dict[tuple[Any, ...], str] = {}
        self.emitter = _ScalarEmitter()
        # The first characters of plain scalars the resolver may read as other than str.
        self.implicit_first = self.emitter.yaml_implicit_resolvers

    def _shared(self, obj: Any) -> None:
        """Refuse an object met twice: PyYAML writes it with an anchor and an alias."""
        key = id(obj)
        if key in self.seen:
            raise _Unsupported("shared object")
        self.seen.add(key)

    def key(self, key: Any) -> str:
        """``key:`` as PyYAML writes a simple key."""
        if type(key) is not str:
            raise _Unsupported("non-string key")
        text = self.keys.get(key)
        if text is None:
            text = self.keys[key] = self.emitter.render(key, 0, 0, simple_key=True) + ":"
        return text

    def scalar(self, value: Any, column: int, indent: int) -> str:
        """A scalar value written after ``key:`` or ``-`` ending at ``column`` (leading space included)."""
        kind = type(value)
        if (
            kind is str
            and (" " not in value or column + len(value) < WIDTH)
            and _PLAIN.fullmatch(value)
            and ": " not in value
            and " #" not in value
            and value[-1] not in " :"
            and (
                value[0] not in self.implicit_first
                or self.emitter.implicit_tag(value, (True, False)) == _STR_TAG
            )
        ):
            return " " + str(value)
        if kind not in _SCALAR_TYPES:
            raise _Unsupported(kind.__name__)
        cache = (kind, repr(value) if kind is float else value, column, indent)
        text = self.values.get(cache)
        if text is None:
            text = self.values[cache] = self.emitter.render(value, column, indent, simple_key=False)
        return text

    def mapping(self, mapping: dict[Any, Any], indent: int, inline: bool) -> None:
        """A non-empty block mapping at ``indent``; its first key on the current line when ``inline``."""
        self._shared(mapping)
        out = self.out
        newline = "\n" + " " * indent
        for key, value in mapping.items():
            if inline:
                inline = False
            else:
                out.append(newline)
            text = self.key(key)
            out.append(text)
            kind = type(value)
            if kind is dict:
                if value:
                    self.mapping(value, indent + 2, inline=False)
                else:
                    self._shared(value)
                    out.append(" {}")
            elif kind is list:
                if value:
                    self.sequence(value, indent, inline=False)
                else:
                    self._shared(value)
                    out.append(" []")
            else:
                out.append(self.scalar(value, indent + len(text), indent))

    def sequence(self, items: list[Any], indent: int, inline: bool) -> None:
        """A non-empty block sequence with its dashes at ``indent``."""
        self._shared(items)
        out = self.out
        dash = "\n" + " " * indent + "-"
        for item in items:
            if inline:
                inline = False
                out.append("-")
            else:
                out.append(dash)
            kind = type(item)
            if kind is dict:
                out.append(" ")
                if item:
                    self.mapping(item, indent + 2, inline=True)
                else:
                    self._shared(item)
                    out.append("{}")
            elif kind is list:
                out.append(" ")
                if item:
                    self.sequence(item, indent + 2, inline=True)
                else:
                    self._shared(item)
                    out.append("[]")
            else:
                out.append(self.scalar(item, indent + 1, indent))


def dump_yaml(doc: Any) -> str:
    """``doc`` as YAML text, byte-identical to :func:`reference_dump` (PyYAML's ``safe_dump``).

    Parameters
    ----------
    doc : Any
        Plain data; a non-empty dict of dicts, lists and scalars takes the fast
        path, anything else is handed to PyYAML whole.

    Returns
    -------
    str
        Block style, keys in insertion order, Unicode kept, folded at 100 columns.

    Examples
    --------
    >>> print(dump_yaml({"id": "ann", "tags": ["yes", "Анна"], "x-note": "a: b"}), end="")
    id: ann
    tags:
    - 'yes'
    - Анна
    x-note: 'a: b'
    >>> dump_yaml({}) == reference_dump({})
    True
    """
    if type(doc) is not dict or not doc or yaml.SafeDumper.yaml_path_resolvers:
        return reference_dump(doc)
    writer = _Writer()
    try:
        writer.mapping(doc, 0, inline=True)
    except (_Unsupported, RecursionError):
        return reference_dump(doc)
    writer.out.append("\n")
    return "".join(writer.out)
