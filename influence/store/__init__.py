"""Where accounts live: files (the default) or a Neo4j database.

Every command takes a ``SOURCE``: a file path, ``neo4j:ACCOUNT`` or
``neo4j:ACCOUNT@VERSION`` (a stored earlier version).
:func:`open_source` resolves either to an :class:`~influence.model.Account`.
"""

from __future__ import annotations

import os
import re

from influence.errors import Msg, SourceError, UsageError
from influence.model import ID_PATTERN, Account
from influence.store.config import Neo4jConfig, shown_uri
from influence.unprintable import escape_controls

__all__ = ["NEO4J_PREFIX", "Neo4jConfig", "checked_source", "open_source", "parse_neo4j_source"]

NEO4J_PREFIX = "neo4j:"


# Patterns as text, compiled (and cached) by ``re`` when a ``neo4j:`` source is parsed: a file
# source does not pay for compiling them when the package is imported.
_VERSION = r"[1-9][0-9]{0,17}"
_ID = ID_PATTERN.removeprefix("^").removesuffix("$")


def checked_source(
    source: object, neo4j: object, function: str, expected: str = "a file path or 'neo4j:ACCOUNT'"
) -> str:
    """``source`` as text, when it is a path or a ``neo4j:`` source and ``neo4j`` is settings or None.

    Else a :class:`UsageError` naming ``function``, what was given and what
    is ``expected`` (not a bare ``AttributeError`` from deep in the store):
    a function that takes more than a path says so.

    >>> checked_source("examples/uralmet.yaml", None, "load")
    'examples/uralmet.yaml'
    >>> checked_source(None, None, "open_source")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: open_source: expected a file path or 'neo4j:ACCOUNT', got the NoneType None
    >>> checked_source("neo4j:uralmet", "bolt://db:7687", "load")
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: load: neo4j must be a Neo4jConfig, not a str; write neo4j=Neo4jConfig(uri='bolt://db:7687')
    """
    text = os.fspath(source) if isinstance(source, os.PathLike) else source
    if not isinstance(text, str):
        raise UsageError(f"{function}: expected {expected}, got the {type(source).__name__} {source!r:.60}")
    if neo4j is not None and not isinstance(neo4j, Neo4jConfig):  # named by its type: it may hold a password
        hint = f"; write neo4j=Neo4jConfig(uri={shown_uri(neo4j)!r:.80})" if isinstance(neo4j, str) else ""
        raise UsageError(f"{function}: neo4j must be a Neo4jConfig, not a {type(neo4j).__name__}{hint}")
    return text


def parse_neo4j_source(source: str) -> tuple[str, int | None]:
    """Split ``neo4j:ACCOUNT`` or ``neo4j:ACCOUNT@VERSION`` into the id and the version (None = current).

    Raises
    ------
    SourceError
        For an empty account id, one no account can have (``BAD ID``,
        ``UralMet``), or a version that is not a whole number from 1 (the
        source quoted with its control characters escaped: one line).
    UsageError
        When ``source`` is not text.

    Examples
    --------
    >>> parse_neo4j_source("neo4j:uralmet@3")
    ('uralmet', 3)
    >>> parse_neo4j_source("neo4j:uralmet")
    ('uralmet', None)
    """
    if not isinstance(source, str):
        raise UsageError(
            "parse_neo4j_source: expected 'neo4j:ACCOUNT' or 'neo4j:ACCOUNT@VERSION', "
            f"got the {type(source).__name__} {source!r:.60}"
        )
    prefixed = source.startswith(NEO4J_PREFIX)  # else an ACCOUNT argument of `db`: said as typed
    rest = source[len(NEO4J_PREFIX) :] if prefixed else source
    account, at, version = rest.partition("@")
    if not account:
        shown = escape_controls(source) or repr(source)
        raise SourceError(
            Msg(
                "{source}: no account id after 'neo4j:' (expected neo4j:ACCOUNT or neo4j:ACCOUNT@VERSION)",
                source=shown,
            )
            if prefixed
            else Msg("{source}: no account id (expected ACCOUNT or ACCOUNT@VERSION)", source=shown)
        )
    if not re.fullmatch(_ID, account):  # no stored account has such an id: said without connecting
        lower = account.lower()
        hint = Msg("; did you mean '{id}'?", id=escape_controls(lower)) if re.fullmatch(_ID, lower) else ""
        raise SourceError(
            Msg(
                "{source}: '{account}' is not an account id (lower-case Latin letters, digits, '_', '.', '-'){hint}",
                source=escape_controls(source),
                account=escape_controls(account),
                hint=hint,
            )
        )
    if not at:
        return account, None
    if not re.fullmatch(_VERSION, version):
        raise SourceError(_bad_version(source, account, version, prefixed))
    return account, int(version)


def _bad_version(source: str, account: str, version: str, prefixed: bool) -> Msg:
    """Why ``version`` (after '@' in ``source``) names no version: not a whole number from 1, or
    one too large for any account to have.

    >>> print(_bad_version("x@99999999999999999999", "x", "99999999999999999999", False))
    x@99999999999999999999: the version after '@' is too large: no account has that many versions (influence db history x lists them)
    """
    name = escape_controls(account)
    if re.fullmatch(r"[1-9][0-9]*", version):  # a whole number from 1, beyond any stored version
        return Msg(
            "{source}: the version after '@' is too large: no account has that many versions "
            "(influence db history {name} lists them)",
            source=escape_controls(source),
            name=name,
        )
    shown = Msg("'{version}'", version=escape_controls(version)) if version else Msg("nothing")
    return Msg(
        "{source}: the version after '@' must be a whole number from 1, got {shown} "
        "(e.g. {example}; influence db history {name} lists them)",
        source=escape_controls(source),
        shown=shown,
        example=f"{NEO4J_PREFIX if prefixed else ''}{name}@1",
        name=name,
    )


def open_source(source: str | os.PathLike[str], neo4j: Neo4jConfig | None = None) -> Account:
    """Load an account from a file path, ``neo4j:ACCOUNT`` or ``neo4j:ACCOUNT@VERSION``.

    Parameters
    ----------
    source : str or path-like
        A ``.yaml``/``.yml``/``.json`` path, ``neo4j:ACCOUNT`` (the current
        version) or ``neo4j:ACCOUNT@N`` (stored version N).
    neo4j : Neo4jConfig, optional
        Connection settings for ``neo4j:`` sources.

    Returns
    -------
    Account

    Raises
    ------
    SourceError, ValidationError, StoreError
        As the source says.
    UsageError
        When ``source`` is not a path or ``neo4j`` is not a :class:`Neo4jConfig`.

    Examples
    --------
    >>> open_source("examples/uralmet.yaml").id
    'uralmet'
    """
    source = checked_source(source, neo4j, "open_source")
    if source.startswith(NEO4J_PREFIX):
        from influence.store.neo4j import Neo4jStore

        account_id, version = parse_neo4j_source(source)
        with Neo4jStore(neo4j or Neo4jConfig()) as store:
            return store.pull(account_id, version)
    from influence.store.files import load

    return load(source)
