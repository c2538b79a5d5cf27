"""Redaction for sharing: private people become anonymous "informal influencers".

Used by ``--redact`` on ``map`` and ``review``: private people keep a place
in the graph under an anonymous id (``informal-1``, …), their names in
findings become "an informal influencer", and contact details and notes are
dropped by the renderers.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from influence.analysis import Finding, Report
from influence.i18n import N_, translator
from influence.model import Account, Person
from influence.schema import ID_SECTIONS, RECORDS

__all__ = ["ANONYMOUS", "Redactor", "case_forms", "name_words", "whole_words"]

#: a whole word: no letter or digit on either side (an underscore joins words: "volkova_walk")
_WORD = r"(?<![^\W_]){}(?![^\W_])"

# TRANSLATORS: stands in for a private person's name in shared reports, after words like "reaches"
ANONYMOUS = N_("an informal influencer")


class Redactor:
    """Anonymous ids and names for an account's private people.

    Parameters
    ----------
    account : Account
    active : bool
        When False every method returns its input unchanged.
    lang : {"en", "ru"}, optional
        The language of the anonymous name (default English).
    earlier : Account, optional
        An earlier version of the account (a review since it): the names and
        ids its private people had there are hidden in text too (she married,
        her id changed), unless they are public now.
    """

    def __init__(
        self,
        account: Account,
        active: bool = True,
        lang: str | None = None,
        *,
        earlier: Account | None = None,
    ):
        self.anonymous = translator(lang).gettext(ANONYMOUS)
        private = [p for p in account.people if p.private] if active else []
        was = _earlier_private(account, earlier) if active else []
        now = {p.id for p in private}
        gone = list(dict.fromkeys(p.id for p in was if p.id not in now))
        anonymous = _anonymous_ids(account, len(private) + len(gone))
        self.ids = dict(zip((p.id for p in private), anonymous, strict=False))
        #: what stands for a private id found in text: hers, or for an earlier id of hers
        self._said = self.ids | _renamed_ids(gone, private, earlier, self.ids, anonymous[len(private) :])
        self._names, self._pattern = _names_pattern(account, private + was)
        #: a private person's id in free text or in another record's id ("amx visits", "amx-lunch")
        self._id_pattern = _ids_pattern([p.id for p in private + was], account)
        #: both in one pass (an id first, as written, in group ``id``): the text is read once
        self._both = self._pattern
        if self._pattern is not None and self._id_pattern is not None:
            self._both = re.compile(f"(?P<id>{self._id_pattern.pattern})|{self._pattern.pattern}")
        #: the anonymous name twice in a row, as a name in two inflected words ("Анны Петровой", "Петровой-Водкиной") becomes
        self._twice = re.compile(f"{re.escape(self.anonymous)}(?:[\\s-]+{re.escape(self.anonymous)})+")
        #: a private person whose name a public one shares: named anonymously only where she is the subject
        self._shared = {p.id: p.name for p in private if p.name and _folded(p.name) not in self._names}

    def id(self, node: str) -> str:
        """The id to show for a node."""
        return self.ids.get(node, node)

    def text(self, value: str) -> str:
        """Text with every private person's name, or a part of it, replaced, as a whole word.

        A part is a word of the name of three letters or more ("Anna" and
        "Petrova" of "Anna Petrova"): text that names her by it may mean her.
        A name inside a longer word or inside a public name stays ("Anna" in
        "Anna Petrova-Smirnova", "Ural" in "UralMet"); so does a private name
        that is also a public person's, team member's, competitor's,
        organization's or unit's name, and a part that is a word of one,
        which the text may mean.

        >>> from influence import load
        >>> anon = Redactor(load("examples/uralmet.yaml"))
        >>> anon.text("Brother-in-law of Anna Petrova; Petrova's son; Annabel")
        "Brother-in-law of an informal influencer; an informal influencer's son; Annabel"
        """
        if self._both is None:
            return value
        shown = value if value.isascii() else unicodedata.normalize("NFC", value)  # (a name typed decomposed)
        said = self._both.sub(self._hidden, shown)
        if said == shown:  # nothing hidden: the text as it was written
            return value
        return self._twice.sub(self.anonymous, said) if self.anonymous in said else said

    def _hidden(self, m: re.Match[str]) -> str:
        """What stands for a match of :attr:`_both`: her anonymous id for her id, the anonymous name
        for a name of hers, else the match (a public name that holds one)."""
        found = m[0]
        if self._id_pattern is not None and m["id"] is not None:
            return self._anonymous_id(m)
        return self.anonymous if _folded(found) in self._names else found

    def _anonymous_id(self, m: re.Match[str]) -> str:
        """What stands for her id, found by :attr:`_id_pattern`: her anonymous id."""
        return self._said[m[0]]

    def about(self, subject: str | None) -> Callable[[str], str]:
        """:meth:`text` for the words of a finding about ``subject``.

        A private subject whose name a public person shares is named
        anonymously there too: the finding is about her.
        """
        shared = self._shared.get(subject) if subject is not None else None
        if shared is None:
            return self.text
        own = whole_words({shared})
        return lambda value: own.sub(self.anonymous, self.text(value))

    def value(self, value: Any) -> Any:
        """Ids and names replaced inside evidence-like data (a role's name is no one's id: kept)."""
        if isinstance(value, str):
            return self.ids.get(value, self.text(value))
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k == "role" else self.value(v) for k, v in value.items()}
        return value

    def shares(self, f: Finding) -> bool:
        """Whether a shared output shows the finding: not when it is about a private person.

        What is said about her (stance, coverage, pains) describes her, even
        under the anonymous name.
        """
        return f.person not in self.ids

    def subject(self, f: Finding) -> str:
        """The subject a shared output shows: a private person's anonymous id (an account, role or
        tender keeps its own, even when a private person has the same id, but not a private person's
        id inside it: "amx-lunch" shows as "informal-1-lunch")."""
        if f.person is not None:
            return self.id(f.subject)
        if self._id_pattern is None:
            return f.subject
        return self._id_pattern.sub(self._anonymous_id, f.subject)

    def finding(self, f: Finding) -> Finding:
        """A finding with private people anonymised: ids in subject and evidence, names in its words.

        The evidence of a finding about a private person loses her pains
        (``offer-missing``): what troubles her is as personal as her name.
        """
        if f.person in self.ids and "pains" in f.evidence:
            f = dataclasses.replace(f, evidence={k: v for k, v in f.evidence.items() if k != "pains"})
        return f.redacted(self.about(f.person), self.value, self.subject(f))

    def report(self, report: Report) -> Report:
        """A report to share: findings about private people left out, the others anonymised.

        The tables keep their ids; everything rendered by name (the plan's
        moves included) shows a private person only as the anonymous name.
        Redact the analysis of the account's public view,
        ``analyze(account.public_view(), as_of)``, whose figures run over no
        private tie.
        """
        if self._both is None:  # nothing private, now or earlier
            return report
        people = tuple(
            dataclasses.replace(p, name=self.anonymous) if p.id in self.ids else p
            for p in report.account.people
        )
        return dataclasses.replace(
            report,
            account=dataclasses.replace(report.account, people=people),
            findings=[self.finding(f) for f in report.findings if self.shares(f)],
        )


def _renamed_ids(
    gone: list[str], private: list[Person], earlier: Account | None, ids: dict[str, str], spare: list[str]
) -> dict[str, str]:
    """The anonymous id for each private id of the earlier version that is gone now: a private id
    new since then is taken as hers renamed (in order, when several), so that "informal-2 visits
    the plant" beside a single node informal-1 does not tell there was another; an id left over
    (she left the account) gets one of ``spare``.

    >>> _renamed_ids(["petrova"], [Person("volkova", "A", private=True)], None, {"volkova": "informal-1"}, ["informal-2"])
    {'petrova': 'informal-1'}
    """
    before = {p.id for p in earlier.people} if earlier is not None else set()
    new = [ids[p.id] for p in private if p.id not in before]
    return dict(zip(gone, [*new, *spare][: len(gone)], strict=True))


def _earlier_private(account: Account, earlier: Account | None) -> list[Person]:
    """The private people of ``earlier`` as they were there, where their name or id is not a
    public person's now (one who became public is named as she is now)."""
    if earlier is None:
        return []
    public = {p.id for p in account.people if not p.private}
    now = {(p.id, p.name) for p in account.people if p.private}
    return [p for p in earlier.people if p.private and p.id not in public and (p.id, p.name) not in now]


def _anonymous_ids(account: Account, n: int) -> list[str]:
    """``n`` ids ``informal-1``, ``informal-2``, … that no record of the account has."""
    if not n:  # nothing private (or not redacting): no look at every id
        return []
    taken = {account.id, *(x.id for records in ID_SECTIONS for x in getattr(account, records))}
    out: list[str] = []
    i = 0
    while len(out) < n:
        i += 1
        if f"informal-{i}" not in taken:
            out.append(f"informal-{i}")
    return out


def _ids_pattern(ids: list[str], account: Account) -> re.Pattern[str] | None:
    """The private people's ids of three characters or more as whole words, as written (an id is
    lower case; a shorter one, "p", is too often a letter of the text), but not one that is also
    the account's or a public record's id or a piece of one, nor a word of the format (a role)."""
    if not ids:
        return None
    public = {account.id} | {p.id for p in account.people if not p.private}
    for records in (account.team, account.competitors, account.organizations, account.units):
        public |= {x.id for x in records}
    public |= {piece for i in public for piece in re.split("[-_]", i)}
    public |= {word for r in RECORDS.values() for f in r.fields for word in (*f.vocabulary, *_item_words(f))}
    found = sorted((i for i in ids if len(i) >= 3 and i not in public), key=lambda i: (-len(i), i))
    if not found:
        return None
    return re.compile("|".join(_WORD.format(re.escape(i)) for i in found))


def _item_words(field: Any) -> tuple[str, ...]:
    """The vocabulary of a list field's items (a person's roles)."""
    return field.item.vocabulary if field.item is not None else ()


def _names_pattern(account: Account, private: list[Person]) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """The private people's names to replace (:func:`_folded`), and one pattern finding them as whole
    words: a whole name in any case ("zinaida bykova"), a word of it capitalised ("Zinaida",
    "ZINAIDA"; :func:`whole_words`).

    A nameless private person is named by her id (as every text names her).
    A part of her name (:func:`name_words`) is replaced on its own too,
    unless it is also a word of a public name ("Smirnova" of a public Maria
    Smirnova), which the text may mean. The pattern also finds each public
    name that holds a private name or part, longest first, so that the
    public name is kept whole.
    """
    names = {p.name or p.id for p in private}
    if not names:  # nothing to hide (every unredacted map makes a Redactor): no look at the public names
        return frozenset(), None
    public = {p.name for p in account.people if not p.private and p.name} | {account.name}
    for records in (account.team, account.competitors, account.organizations, account.units):
        public |= {x.name for x in records if x.name}
    public_words = {word.casefold() for name in public for word in name.split()}
    public_forms = {form.casefold() for name in public for word in name.split() for form in case_forms(word)}
    parts: set[str] = set()
    for part in {part for p in private for part in _parts(p.name or p.id)}:
        if part.casefold() not in public_words:
            parts.add(part)
        parts |= {form for form in case_forms(part) - {part} if form not in public_forms}
    private_names = whole_words(names, parts)
    kept = {n for n in public if private_names.search(n)}
    replaced = {_folded(n) for n in names | parts} - {_folded(n) for n in kept}
    return frozenset(replaced), whole_words(names | kept, parts)


def name_words(name: str) -> set[str]:
    """The words that name a person in free text: the name, each of its words of three letters or
    more, and a Russian word's case forms (:func:`case_forms`).

    >>> sorted(name_words("Anna Petrova")), sorted(name_words("Li Wu")), name_words("")
    (['Anna', 'Anna Petrova', 'Petrova'], ['Li Wu'], set())
    >>> sorted(name_words("Анна"))
    ['Анна', 'анне', 'анни', 'анной', 'анною', 'анну', 'анны']
    """
    return {name} - {""} | {form for part in _parts(name) for form in case_forms(part)}


def _parts(name: str) -> set[str]:
    """The words of a name of three letters or more (letters, digits, inner hyphens and apostrophes:
    not the punctuation around them), each piece of a hyphenated one too, and each written without
    its accents (Zoë, Zoe).

    >>> sorted(_parts("Zoë </script> O'Brien-Smith (Li)"))
    ["O'Brien", "O'Brien-Smith", 'Smith', 'Zoe', 'Zoë', 'script']
    """
    words = set(_NAME_WORD.findall(name))
    words |= {piece for word in words if "-" in word for piece in word.split("-")}
    words |= {_unaccented(word) for word in words}
    return {word for word in words if len(word) >= 3}


def _unaccented(text: str) -> str:
    """``text`` without its Latin accents (Zoë: Zoe); Cyrillic letters stay (й is no и with a mark)."""
    if text.isascii():
        return text
    plain = "".join(
        c for c in unicodedata.normalize("NFD", text) if not (unicodedata.combining(c) and c != "\u0306")
    )
    return unicodedata.normalize("NFC", plain)


_NAME_WORD = re.compile("\\w(?:[\\w'\u2019\u02bc-]*\\w)?")


#: Russian case endings of a name by the ending of its nominative (the longest first): what
#: replaces that ending in the genitive, dative, accusative, instrumental and prepositional
_ENDINGS = (
    ("ая", ("ой", "ую", "ою")),
    ("ий", ("ого", "ому", "им", "ом")),
    ("ый", ("ого", "ому", "ым", "ом")),
    ("а", ("ы", "и", "е", "у", "ой", "ою")),
    ("я", ("и", "е", "ю", "ей", "ею")),
    ("й", ("я", "ю", "ем", "е", "и")),
    ("ь", ("я", "ю", "ем", "е", "и")),
)
_CONSONANT_ENDINGS = ("а", "у", "ом", "ым", "е", "ем")
_RUSSIAN_WORD = re.compile("[а-яё]{3,}")
_VOWELS = "аеёиоуыэюя"


def case_forms(word: str) -> set[str]:
    """A name word and, for a Russian one of three letters or more, its case forms (lower case).

    A name is inflected in Russian text ("муж Анны Петровой"), so a shared
    output that hides "Анна Петрова" hides "Анны" and "Петровой" too. The
    forms are those of the regular endings (a few too many do no harm: they
    are only looked for as whole words), of the word written with е for ё
    ("Пётр", "Петра"), and of a stem whose last vowel drops ("Павел",
    "Павла"; "Кравец", "Кравца").

    >>> sorted(case_forms("Петров")), sorted(case_forms("Anna"))
    (['Петров', 'петрова', 'петрове', 'петровем', 'петровом', 'петрову', 'петровым'], ['Anna'])
    >>> {"петра", "петр", "павла", "павлом"} <= case_forms("Пётр") | case_forms("Павел")
    True
    """
    lower = word.casefold()
    if not _RUSSIAN_WORD.fullmatch(lower):
        return {word}
    forms = {word} | _declined(lower)
    if "ё" in lower:
        plain = lower.replace("ё", "е")
        forms |= {plain} | _declined(plain)
    if len(lower) > 3 and lower[-2] in "еёо" and lower[-1] not in _VOWELS + "в" and lower[-3] not in _VOWELS:
        forms |= {lower[:-2] + lower[-1] + other for other in _CONSONANT_ENDINGS}  # (not -ов)
    if lower == "лев":  # the one common name whose vowel drops to a soft sign
        forms |= {"льв" + other for other in _CONSONANT_ENDINGS}
    return forms


def _declined(lower: str) -> set[str]:
    """The regular case forms of a Russian name word in lower case (not the word itself)."""
    for ending, others in _ENDINGS:
        if lower.endswith(ending):
            return {lower[: -len(ending)] + other for other in others}
    if lower[-1] in _VOWELS:  # a name that does not decline (Шевченко)
        return set()
    return {lower + other for other in _CONSONANT_ENDINGS}


_APOSTROPHES = re.compile("['\u2019\u02bc]")


def _escaped(word: str) -> str:
    """``word`` as a pattern, an apostrophe matching any of the ways it is typed (O'Brien, O’Brien),
    е and ё either letter (Федорова, Фёдорова), and a space any run of spaces or line breaks."""
    pattern = _APOSTROPHES.sub(lambda _: "['\u2019\u02bc]", re.escape(word))
    return _YO.sub(lambda m: _YO_CLASSES[m[0]], pattern).replace("\\ ", "\\s+")


_YO = re.compile("[еёЕЁ]")
_YO_CLASSES = {"е": "[её]", "ё": "[её]", "Е": "[ЕЁ]", "Ё": "[ЕЁ]"}


def _folded(text: str) -> str:
    """``text`` case-folded, with one apostrophe for all, е for ё and one space for each run of
    spaces (a name is one name however it is typed)."""
    return " ".join(_APOSTROPHES.sub("'", text.casefold()).replace("ё", "е").split())


def whole_words(words: Iterable[str], capitalised: Iterable[str] = ()) -> re.Pattern[str]:
    """One pattern finding any of ``words`` as a whole word (not inside a longer one) in any case,
    and any of ``capitalised`` only as a name is written, with a capital first letter or in
    capitals; the longest first.

    A single word of a name ("Will", "Вера") is often a common word too ("will", "вера"): found
    only capitalised, it leaves the report's own sentences and lower-case text alone. An
    apostrophe matches a typographic one too ("O’Brien" for "O'Brien").

    >>> whole_words({"Anna Petrova"}, {"Anna", "анны"}).findall("ANNA PETROVA, anna, Anna, ANNA, Анны, анны, Annabel")
    ['ANNA PETROVA', 'Anna', 'ANNA', 'Анны']
    """
    found = [(w, f"(?i:{_escaped(w)})") for w in words]
    for w in capitalised:
        variants = sorted({w[:1].upper() + w[1:], w.upper()})
        found.append((w, "(?:" + "|".join(_escaped(v) for v in variants) + ")"))
    ordered = sorted(found, key=lambda pair: (-len(pair[0]), pair[0]))
    return re.compile("|".join(_WORD.format(alternative) for _, alternative in ordered))
