"""The message catalogue: every template renders in both languages, Russian has no English words."""

from __future__ import annotations

import json
import re
import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from influence import analyze, load
from influence.analysis.catalogue import (
    FINDING_TITLES,
    FINDINGS,
    REASON_NAMES,
    ROLE_NAMES,
    STANCE_NAMES,
    TEMPLATES,
    Chain,
    Clause,
    Listing,
    Renderer,
    Term,
    finding_title,
    render,
    term,
)
from influence.analysis.findings import SEVERITIES
from influence.i18n import translator
from influence.output import render_gaps
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"
RU = translator("ru")
EN = translator("en")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
#: Latin words a Russian sentence may carry: field names and finding codes it points to
ALLOWED = {"account.target_unit", "account.target_rationale", *FINDINGS}


def _latin(text: str, allowed: set[str]) -> list[str]:
    return [w.rstrip(".") for w in LATIN_WORD.findall(text) if w.rstrip(".") not in allowed]


def _placeholders(template: str) -> set[str]:
    return {f.split(":")[0] for _, f, _, _ in string.Formatter().parse(template) if f}


def _english(key: str) -> str:
    template = TEMPLATES[key]
    return template[1] if isinstance(template, tuple) else template


def _sample(key: str) -> Clause:
    """The clause with a Russian-looking value for each placeholder of its English template."""
    values: dict[str, object] = {}
    for name in _placeholders(_english(key)):
        if name == "n":
            values[name] = 5
        elif name in ("strength", "pressure", "coverage", "access", "link", "counter_strength"):
            values[name] = 0.456
        elif name in ("route",):
            values[name] = Chain(("Ольга", "Пётр", "Елена"))
        elif name in ("sources", "coaches"):
            values[name] = Listing(("Ольга", "Пётр", "Елена"))
        elif name == "approach":
            values[name] = Clause("approach.direct", {"name": "Елена", "member": "Ольга", "strength": 0.9})
        elif name == "relation":
            values[name] = Clause("relation.family", {"name": "Елена"})
        elif name in ("role", "roles"):
            values[name] = Term("role", "economic_buyer")
        elif name == "stance":
            values[name] = Term("stance", "-1")
        elif name == "status":
            values[name] = Term("level", "uncovered")
        elif name == "reasons":
            values[name] = Listing(tuple(Term("reason", r) for r in REASON_NAMES), "comma")
        else:
            values[name] = "Имя Фамилия"
    return Clause(key, values)


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_renders_in_russian_without_english_words(key):
    clause = _sample(key)
    english, russian = render((clause,), EN), render((clause,), RU)
    assert english != russian
    assert _latin(russian, ALLOWED) == [], russian
    assert not set(_placeholders(RU.gettext(_english(key)))) - _placeholders(_english(key))


@pytest.mark.parametrize("n", [1, 2, 5, 21])
def test_plural_templates_agree_with_the_number(n):
    clause = Clause("path.others", {"n": n, "target": "Елена", "sources": Listing(("Ольга",))})
    text = render((clause,), RU)
    word = {1: "влияет ещё 1 источник", 2: "влияют ещё 2 источника", 5: "влияют ещё 5 источников"}.get(n)
    word = word or "влияет ещё 21 источник"
    assert text.startswith(f"На этого ЛПР (цель: Елена) {word}: ")


@pytest.mark.parametrize("t", [EN, RU], ids=["en", "ru"])
def test_one_renderer_for_many_sentences_says_what_each_says_alone(t):
    """A renderer keeps each template it has read: plural forms, whose words change with n, are read anew."""
    sentences = [(_sample(key),) for key in sorted(TEMPLATES)]
    sentences += [
        (Clause("path.others", {"n": n, "target": "Елена", "sources": Listing(("Ольга",))}),)
        for n in (1, 2, 5, 1)
    ]
    sentences.append(tuple(_sample(key) for key in ("path.reach", "path.others", "path.counter")))
    say = Renderer(t)
    assert [say(s) for s in sentences] == [Renderer(t)(s) for s in sentences]


@pytest.mark.parametrize("vocabulary", [ROLE_NAMES, STANCE_NAMES, REASON_NAMES])
def test_vocabulary_words_are_translated(vocabulary):
    for english in vocabulary.values():
        assert not LATIN_WORD.search(term(english, RU)), english


def test_every_finding_has_a_short_title_in_both_languages():
    assert set(FINDING_TITLES) == set(FINDINGS)
    for code in FINDINGS:
        en, ru = finding_title(code, EN), finding_title(code, RU)
        assert en != code and en[:1].isupper() and not en.endswith("."), code
        assert ru != en and not LATIN_WORD.search(ru) and not ru.endswith("."), (code, ru)
    assert len({finding_title(code, RU) for code in FINDINGS}) == len(FINDINGS)  # no two alike
    assert finding_title("x-mine", RU) == "x-mine"  # a code of one's own, as it is
    # in running text, lower case unless it opens an abbreviation
    assert finding_title("competitor-ahead", RU, in_text=True) == "конкурент опережает"
    assert finding_title("plan-gap", RU, in_text=True) == "ЛПР нет в плане мероприятий"


def test_the_catalogue_names_every_template_and_severity():
    used = {k for entry in FINDINGS.values() for k in (*entry.message, *entry.recommendation)}
    nested = {k for k in TEMPLATES if k.startswith("relation.")}
    assert set(TEMPLATES) - used == nested
    assert used <= set(TEMPLATES)
    assert all(e.severity in SEVERITIES or " " in e.severity for e in FINDINGS.values())


def test_numbers_use_the_language_decimal_separator():
    clause = Clause("sponsor-candidate.message", {"name": "Анна", "access": 0.5})
    assert (
        render((clause,), EN)
        == "Анна supports us and reaches the decision makers (access 0.50): a possible sponsor."
    )
    assert render((clause,), RU) == "Анна поддерживает нас и выходит на ЛПР (доступ 0,50): возможный спонсор."


@pytest.fixture(scope="module")
def uralmet_ru():
    account = load(EXAMPLES / "uralmet-ru.yaml")
    return account, analyze(account, AS_OF)


def _account_words(account) -> set[str]:
    """Latin words of the account's own data (names, titles, pains), allowed in any language."""
    texts = [account.name, *(p.name for p in account.people), *(c.name for c in account.competitors)]
    texts += [t.title or "" for t in account.tenders] + [u.name for u in account.units]
    texts += [x for p in account.people for x in p.pains]
    ids = [account.id, *(p.id for p in account.people), *(t.id for t in account.tenders)]
    return {w for text in texts for w in LATIN_WORD.findall(text)} | set(ids)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_russian_example_gap_report_reads_as_russian(uralmet_ru, fmt):
    account, report = uralmet_ru
    text = render_gaps(report, fmt)  # account.language: ru
    assert _latin(text, ALLOWED | _account_words(account)) == []
    assert "находк" in text


def test_russian_json_messages_and_unchanged_keys_codes_ids(uralmet_ru):
    account, report = uralmet_ru
    ru, en = json.loads(render_gaps(report, "json", "ru")), json.loads(render_gaps(report, "json", "en"))
    allowed = ALLOWED | _account_words(account)
    for f in ru["findings"]:
        assert _latin(f["message"] + " " + f["recommendation"], allowed) == [], f["code"]

    def without_words(doc):
        return {
            **doc,
            "findings": [
                {k: v for k, v in f.items() if k not in ("message", "recommendation")}
                for f in doc["findings"]
            ],
        }

    assert without_words(ru) == without_words(en)
    assert [list(f) for f in ru["findings"]] == [list(f) for f in en["findings"]]
    assert all(f["message"] != e["message"] for f, e in zip(ru["findings"], en["findings"], strict=True))


def test_the_findings_table_speaks_the_account_language(uralmet_ru):
    from influence.frames import frame

    _, report = uralmet_ru
    ru, en = frame(report, "findings"), frame(report, "findings", "en")
    assert list(ru.columns) == list(en.columns)
    assert (ru["code"] == en["code"]).all()
    assert ru["message"].iloc[0] == report.findings[0].text("ru")[0] != en["message"].iloc[0]


_TEXTS = st.one_of(
    st.sampled_from(
        [
            "{name} and {n} more",
            "{who:'s} offer {x:.2f}",
            "{{braces}} {name}",
            "{x!r} {name}",
            "{0} {name}",
            "{a.b}",
            "{}",
            "plain",
            "{x:{w}}",
            "{name:>8}|{n:03d}",
        ]
    ),
    st.text(alphabet="{}:!.'sx ab", max_size=12),
)
_VALUES = st.one_of(
    st.text(max_size=5), st.integers(-5, 5), st.floats(-2, 2), st.booleans(), st.just(Term("role", "coach"))
)


@settings(max_examples=400, deadline=None)
@example("{a}{", {}, "en")  # malformed after a missing value: the formatter's KeyError comes first
@given(
    _TEXTS,
    st.dictionaries(st.sampled_from(["name", "n", "who", "x", "w", "a"]), _VALUES),
    st.sampled_from(["en", "ru"]),
)
def test_a_template_filled_in_c_reads_as_the_formatter_fills_it(text, values, lang):
    from influence.analysis.catalogue import _fill

    t = translator(lang)
    try:
        expected: object = t.fill(text, **values)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
        expected = type(exc)
    try:
        got: object = _fill(text, values, t)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
        got = type(exc)
    assert got == expected


def test_every_template_filled_in_c_reads_as_the_formatter_fills_it():
    from influence.analysis.catalogue import _compiled, _fill

    for lang in ("en", "ru"):
        t = translator(lang)
        for key, template in TEMPLATES.items():
            for text in template if isinstance(template, tuple) else (template,):
                text = t.gettext(text)
                names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
                values = {name: f"{name.title()}s" for name in names}
                assert _compiled(text) is not None, key
                assert _fill(text, values, t) == t.fill(text, **values), key


def test_every_finding_code_says_what_its_subject_is():
    """FindingEntry.subject drives what a shared output leaves out: it must match every finding made."""
    from influence import analyze, load
    from influence.analysis.catalogue import FINDINGS
    from influence.generate import generate_account
    from influence.loading import Document
    from influence.model import ROLES
    from influence.validation import build_account
    from tests.conftest import EXAMPLES

    accounts = [load(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    accounts += [build_account(Document("g.yaml", generate_account(300, seed), {})) for seed in (1, 2, 3)]
    seen = set()
    for account in accounts:
        for f in analyze(account, "2026-11-27").findings:
            kind = FINDINGS[f.code].subject
            ids = {
                "person": set(account.person_by_id),
                "account": {account.id},
                "role": set(ROLES),
                "tender": {t.id for t in account.tenders},
            }[kind]
            assert f.subject in ids, (f.code, kind, f.subject)
            seen.add(f.code)
    assert len(seen) >= 20


@pytest.mark.parametrize("source", ["uralmet.yaml", "uralmet-2027q1.yaml", "new-account.yaml", 300])
def test_every_finding_about_a_person_is_about_someone_in_its_scope(source):
    """The scope a diff reads to tell a finding dropped from one resolved: the analyses agree with it."""
    from influence.analysis.catalogue import finding_scope
    from influence.generate import generate_account
    from tests.analysis.helpers import make

    account = make(generate_account(source, 1)) if isinstance(source, int) else load(EXAMPLES / source)
    people, seen = account.person_by_id, set()
    for f in analyze(account, AS_OF).findings:
        scope = finding_scope(f.code)
        if scope is None:
            assert f.person is None
            continue
        p = people[f.subject]
        assert p.in_buying_team, f
        assert {"decision_maker": p.is_decision_maker, "not_decision_maker": not p.is_decision_maker}.get(
            scope, True
        ), f
        seen.add(scope)
    assert seen == {"buying_team", "decision_maker", "not_decision_maker"} or source == "new-account.yaml"


def test_russian_roles_name_a_person_not_a_department():
    """«Роли: закупки» named a department; the decision_maker role is not «ЛПР», the group's name."""
    assert term(ROLE_NAMES["procurement"], RU) == "представитель закупок"
    assert term(ROLE_NAMES["decision_maker"], RU) == "принимающий решение"
    assert term(ROLE_NAMES["decision_maker"], EN) == "decision maker"
