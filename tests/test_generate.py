"""``influence.generate``: synthetic accounts in English and Russian."""

from __future__ import annotations

import re

import pytest

from influence.errors import UsageError
from influence.generate import generate_account
from influence.loading import Document
from influence.validation import build_account

_FEMALE = re.compile(r"[ая]$")


@pytest.mark.parametrize("people,seed", [(30, 1), (600, 3)])
def test_a_russian_account_has_the_english_accounts_structure(people, seed):
    en, ru = generate_account(people, seed), generate_account(people, seed, language="ru")
    assert ru["account"].pop("language") == "ru" and "language" not in en["account"]
    for section in ("organizations", "units", "people", "links", "team", "relationships", "tenders"):
        assert [
            {k: v for k, v in r.items() if k in ("id", "unit", "reports_to", "roles", "stance", "from", "to")}
            for r in en[section]
        ] == [
            {k: v for k, v in r.items() if k in ("id", "unit", "reports_to", "roles", "stance", "from", "to")}
            for r in ru[section]
        ]
    names = [p["name"] for p in ru["people"]]
    assert all(re.fullmatch(r"[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+", name) for name in names), names[:5]
    account = build_account(Document("ru", generate_account(people, seed, language="ru"), {}))
    assert account.info.language == "ru" and len(account.people) == len(en["people"])


def test_a_russian_womans_surname_is_feminine_and_a_spouse_shares_the_family_name():
    doc = generate_account(2000, 1, language="ru")
    by_id = {p["id"]: p for p in doc["people"]}
    for person in doc["people"]:
        first, last = person["name"].split()
        assert last.endswith("а") == bool(_FEMALE.search(first)), person["name"]
    spouses = [link for link in doc["links"] if link["type"] == "family"]
    assert spouses
    for link in spouses:
        stem = by_id[link["to"]]["name"].split()[1].removesuffix("а")
        spouse = by_id[link["from"]]
        assert spouse["name"].split()[1].removesuffix("а") == stem
        assert spouse["title"] == ("супруга" if _FEMALE.search(spouse["name"].split()[0]) else "супруг")


@pytest.mark.parametrize("language", ["de", "RU", None, 1])
def test_an_unknown_language_is_a_usage_error(language):
    with pytest.raises(UsageError, match=r"^language: 'en' or 'ru', not "):
        generate_account(10, 1, language=language)  # type: ignore[arg-type]


def test_a_russian_accounts_team_roles_are_russian():
    roles = [member["role"] for member in generate_account(30, 1, language="ru")["team"]]
    assert roles[0] == "менеджер по работе с клиентом"
    assert all(re.fullmatch(r"[а-яё -]+", role) for role in roles), roles
