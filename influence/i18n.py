"""English and Russian: the gettext catalogues shipped inside the package.

Every human-readable text of influence (finding messages, table headers,
summary lines, the review pack, the map's interface) is written in English
in the code, marked for extraction, and translated through the gettext
catalogue of the chosen language (``influence/locale/LANG/LC_MESSAGES/
influence.mo``). English is the source language: it needs no catalogue.
Codes, JSON keys, ids and vocabulary values are never translated.

This module sits at the bottom of the layers: it imports nothing of
influence but the error tree, so any layer may use it.

>>> t = translator("ru")
>>> t.ntr("{n} node", "{n} nodes", 5)
'5 узлов'
>>> translator("en").gettext("No gaps found.")
'No gaps found.'
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
import re
import string
from importlib import resources
from typing import Any

from influence.errors import LanguageError, Msg

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "NC_",
    "NP_",
    "N_",
    "LanguageError",
    "TextFormatter",
    "Translator",
    "check_language",
    "in_quotes",
    "quote_names",
    "quoted_fields",
    "translator",
    "unknown_language",
    "words_for",
]

#: the languages influence speaks; the first is the source language
LANGUAGES = ("en", "ru")
DEFAULT_LANGUAGE = "en"
#: the gettext domain: ``locale/LANG/LC_MESSAGES/influence.mo``
DOMAIN = "influence"


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (gettext's noop).

    >>> N_("Gap report")
    'Gap report'
    """
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction; translate later with ``ntr``.

    >>> NP_("{n} person", "{n} people")
    ('{n} person', '{n} people')
    """
    return singular, plural


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark a message that needs a context (the same English word, different translations).

    Translate later with ``Translator.pgettext(*marked)``.

    >>> NC_("tie", "informal")
    ('tie', 'informal')
    """
    return context, message


def check_language(lang: str, where: str = "language") -> str:
    """``lang`` when it is one of :data:`LANGUAGES`, else :class:`LanguageError`.

    >>> check_language("ru")
    'ru'
    """
    if lang not in LANGUAGES:
        raise LanguageError(Msg("{where}: {problem}", where=where, problem=unknown_language(lang)))
    return lang


def unknown_language(lang: str) -> Msg:
    """Why ``lang`` is refused: "unknown language 'xx' (expected en or ru)", a message of the catalogue.

    >>> str(unknown_language("de"))
    "unknown language 'de' (expected en or ru)"
    """
    *first, last = LANGUAGES
    # TRANSLATORS: the languages influence speaks, as they are typed: "en or ru"
    allowed = Msg("{languages} or {last}", languages=", ".join(first), last=last)
    return Msg("unknown language '{lang}' (expected {allowed})", lang=lang, allowed=allowed)


def words_for(lang: str | None) -> Translator | None:
    """The words a message is said in for ``lang``: None for English, the messages' own text.

    >>> words_for("en") is None, words_for("ru").lang
    (True, 'ru')
    """
    return None if lang is None or lang == DEFAULT_LANGUAGE else translator(lang)


# TRANSLATORS: the decimal separator of numbers in sentences ("0.45"); Russian writes a comma
_DECIMAL = N_(".")

#: a placeholder a translation puts in «…» quotes: «{account}», «{title:.20}»
_QUOTED_FIELD = re.compile(r"«\{([A-Za-z_]\w*)(?::[^{}]*)?\}»")


@functools.lru_cache(maxsize=1024)
def quoted_fields(text: str) -> frozenset[str]:
    """The placeholders ``text`` puts in «…» quotes (a Russian sentence quotes a company's name).

    >>> sorted(quoted_fields("У клиента «{account}» нет тендера «{title}» ({n})"))
    ['account', 'title']
    """
    return frozenset(_QUOTED_FIELD.findall(text))


#: a pair of straight quotes used as quotes: opening at the start or after a space or bracket,
#: closing at the end or before a space or punctuation (not an inch mark: ``20"``)
_STRAIGHT_QUOTES = re.compile(r'(?:^|(?<=[\s(«„]))"([^"\s][^"]*?)"(?=$|[\s.,;:!?)»“])')


def in_quotes(name: str) -> str:
    """``name`` as put inside «…»: quotes of its own become the inner „…“ of Russian typography, or
    go when they wrap the whole name (the quotes around it are then the name's own).

    >>> in_quotes("ООО «Ромашка»"), in_quotes("«Ромашка»"), in_quotes("«Завод «Серп»»"), in_quotes("Acme")
    ('ООО „Ромашка“', 'Ромашка', 'Завод „Серп“', 'Acme')
    >>> in_quotes("«А» и «Б»")
    '„А“ и „Б“'

    Straight quotes around a word or words, as CRM and 1C exports write them, count as «…»;
    inch marks and a lone quote stay as they are:

    >>> in_quotes('ООО "Ромашка"'), in_quotes('"Ромашка"'), in_quotes('Модернизация «MES» ООО "Ромашка"')
    ('ООО „Ромашка“', 'Ромашка', 'Модернизация „MES“ ООО „Ромашка“')
    >>> in_quotes('Трубы 20" и 30"'), in_quotes('ООО "Ромашка')
    ('Трубы 20" и 30"', 'ООО "Ромашка')
    """
    if '"' in name:
        name = _STRAIGHT_QUOTES.sub(r"«\1»", name)
    if "«" not in name and "»" not in name:
        return name
    if _wrapped(name):
        name = name[1:-1]
    return name.replace("«", "„").replace("»", "“")


def _wrapped(name: str) -> bool:
    """True when ``name`` opens with « and the » that closes it is the name's last character."""
    if not (name.startswith("«") and name.endswith("»")):
        return False
    depth = 0
    for i, c in enumerate(name):
        depth += (c == "«") - (c == "»")
        if depth == 0:
            return i == len(name) - 1
    return False


def quote_names(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with each text ``text`` puts in «…» said by :func:`in_quotes` (no nested «…»).

    >>> quote_names("клиент «{account}»: {n}", {"account": "ООО «Ромашка»", "n": "«2»"})
    {'account': 'ООО „Ромашка“', 'n': '«2»'}
    """
    if "«{" not in text:
        return values
    quoted = quoted_fields(text)
    return {k: in_quotes(v) if k in quoted and isinstance(v, str) else v for k, v in values.items()}


class TextFormatter(string.Formatter):
    """``str.format`` for one language: floats with its decimal separator, ``{name:'s}`` possessives.

    ``{name:'s}`` is the English possessive ("Anna's", "Rival Systems'"); a
    translation writes ``{name}`` and builds its sentence around the name.

    >>> TextFormatter(",").format("{x:.2f} / {who:'s} offer", x=0.5, who="Rival Systems")
    "0,50 / Rival Systems' offer"
    """

    def __init__(self, decimal: str = "."):
        self.decimal = decimal

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "'s":  # a name isolated for right-to-left text ends in U+2069: look before it
            text = str(value)
            return f"{text}'" if text.rstrip("\u2069").endswith(("s", "S")) else f"{text}'s"
        text = super().format_field(value, format_spec)
        if isinstance(value, float) and self.decimal != ".":
            text = text.replace(".", self.decimal)
        return text


class Translator:
    """The words of one language.

    Parameters
    ----------
    lang : {"en", "ru"}
    catalogue : gettext.NullTranslations
        The compiled catalogue (a ``NullTranslations`` for the source language).

    Examples
    --------
    >>> _ = translator("ru").gettext
    >>> _("No gaps found.")
    'Пробелов не найдено.'
    """

    def __init__(self, lang: str, catalogue: _gettext.NullTranslations):
        self.lang = lang
        self._catalogue = catalogue
        self.formatter = TextFormatter(catalogue.gettext(_DECIMAL))

    def gettext(self, message: str) -> str:
        """``message`` in this language."""
        return self._catalogue.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in this language, as meant in ``context``."""
        return self._catalogue.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of ``singular``/``plural`` for the number ``n`` (three forms in Russian)."""
        return self._catalogue.ngettext(singular, plural, n)

    def fill(self, text: str, /, **values: object) -> str:
        """``text`` (already in this language) filled with ``values`` by :class:`TextFormatter`; a
        name it puts in «…» quotes has no «…» of its own inside them (:func:`in_quotes`).

        >>> translator("ru").fill("У клиента «{account}»", account="ООО «Ромашка»")
        'У клиента «ООО „Ромашка“»'
        """
        return self.formatter.format(text, **quote_names(text, values))

    def tr(self, message: str, /, **values: object) -> str:
        """``message`` translated, then filled with ``values`` (``{name}`` placeholders)."""
        return self.fill(self.gettext(message), **values)

    def ntr(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """The plural form for ``n``, translated and filled; ``{n}`` is ``n``."""
        return self.fill(self.ngettext(singular, plural, n), n=n, **values)

    def number(self, value: float, digits: int = 2) -> str:
        """``value`` with ``digits`` decimals and this language's separator.

        >>> translator("ru").number(0.456), translator("en").number(0.456)
        ('0,46', '0.46')
        """
        return self.formatter.format_field(float(value), f".{digits}f")

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"


def _load(lang: str) -> _gettext.NullTranslations:
    if lang == LANGUAGES[0]:
        return _gettext.NullTranslations()
    path = resources.files("influence") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        data = path.read_bytes()
    except OSError as exc:  # a broken installation, not bad input
        raise LanguageError(f"the {lang} catalogue is missing from this installation: {exc}") from None
    return _gettext.GNUTranslations(io.BytesIO(data))


def translator(lang: str | None = None) -> Translator:
    """The :class:`Translator` of ``lang`` (default English), loaded once.

    Raises
    ------
    LanguageError
        ``lang`` is not one of :data:`LANGUAGES`.
    """
    return _translator(check_language(lang or DEFAULT_LANGUAGE))


@functools.cache
def _translator(lang: str) -> Translator:
    return Translator(lang, _load(lang))
