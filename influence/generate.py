"""Synthetic accounts: realistic, valid ``influence/v1`` documents, deterministic by seed.

Distribution (for N people):

- a holding with ``2 + N // 2000`` companies (up to 12), some of them
  subsidiaries of others; about ``N / 12`` units in a tree per company;
- every person sits in a unit and reports to the unit's head; heads report
  to the head of the parent unit, so ``reports_to`` is a forest;
- the buying team is ``12 + 2%`` of the people (capped at N), with
  ``3 + N // 500`` decision makers, a sponsor or two, a coach, a few
  anti-influencers and ~5% informal people (spouses, retired colleagues)
  who are tied to a buying-team person by family or friendship;
- stance over the buying team: opponent 5%, skeptic 15%, neutral 30%,
  supporter 30%, champion 10%, unknown 10%;
- ``N / 20`` informal ties (friend, former colleague, informal, influences);
- 3-6 team members who each know 3-8 buying-team people; 2-3 competitors
  who each know 2-6; 1-2 tenders 60-400 days after 2026-01-01; 3-10
  activities.
"""

from __future__ import annotations

import datetime as dt
import numbers
import random
from typing import Any, NamedTuple

from influence.errors import UsageError

__all__ = ["MAX_PEOPLE", "generate_account"]

#: the most people an account may have here: 200,000 make about 43 MB of JSON (28 MB of YAML),
#: under the 50 MB every command reads
MAX_PEOPLE = 200_000

_FIRST = [
    "Anna",
    "Boris",
    "Clara",
    "Dmitry",
    "Elena",
    "Fedor",
    "Galina",
    "Igor",
    "Irina",
    "Kirill",
    "Lena",
    "Maxim",
    "Nadia",
    "Oleg",
    "Polina",
    "Roman",
    "Sofia",
    "Timur",
    "Vera",
    "Yuri",
    "Zoya",
    "Pavel",
]
_LAST = [
    "Ivanov",
    "Petrov",
    "Sidorov",
    "Orlov",
    "Belov",
    "Kozlov",
    "Volkov",
    "Lebedev",
    "Sokolov",
    "Morozov",
    "Novikov",
    "Fedorov",
    "Popov",
    "Smirnov",
    "Kuznetsov",
    "Vasiliev",
    "Zaitsev",
    "Pavlov",
    "Egorov",
]
_UNITS = [
    "IT",
    "Production",
    "Maintenance",
    "Finance",
    "Procurement",
    "Quality",
    "Logistics",
    "Energy",
    "Engineering",
    "Safety",
    "HR",
    "Strategy",
    "Sales",
    "R&D",
    "Legal",
]
_PAINS = [
    "unplanned downtime",
    "rising costs",
    "legacy systems",
    "compliance audits",
    "slow reporting",
    "staff turnover",
    "scrap rate",
    "energy prices",
    "supplier delays",
    "cyber security",
]
# The Russian words, one for one with the English lists (the same draws pick the same entry, so
# an account in either language has the same structure for a seed). A first name's ending says
# whether she is a woman, and then her surname takes the feminine form: Galina Belova.
_FIRST_RU = [
    "Анна",
    "Борис",
    "Клара",
    "Дмитрий",
    "Елена",
    "Фёдор",
    "Галина",
    "Игорь",
    "Ирина",
    "Кирилл",
    "Людмила",
    "Максим",
    "Надежда",
    "Олег",
    "Полина",
    "Роман",
    "Софья",
    "Тимур",
    "Вера",
    "Юрий",
    "Зоя",
    "Павел",
]
_LAST_RU = [
    "Иванов",
    "Петров",
    "Сидоров",
    "Орлов",
    "Белов",
    "Козлов",
    "Волков",
    "Лебедев",
    "Соколов",
    "Морозов",
    "Новиков",
    "Фёдоров",
    "Попов",
    "Смирнов",
    "Кузнецов",
    "Васильев",
    "Зайцев",
    "Павлов",
    "Егоров",
]
_UNITS_RU = [
    "ИТ",
    "Производство",
    "Техническое обслуживание",
    "Финансы",
    "Закупки",
    "Качество",
    "Логистика",
    "Энергетика",
    "Инжиниринг",
    "Охрана труда",
    "Персонал",
    "Стратегия",
    "Продажи",
    "НИОКР",
    "Юридический отдел",
]
_PAINS_RU = [
    "внеплановые простои",
    "рост затрат",
    "устаревшие системы",
    "проверки регуляторов",
    "медленная отчётность",
    "текучесть кадров",
    "доля брака",
    "цены на энергию",
    "задержки поставщиков",
    "кибербезопасность",
]


class _Words(NamedTuple):
    """The words of a synthetic account in one language: lists drawn from, and its phrases."""

    first: list[str]
    last: list[str]
    units: list[str]
    pains: list[str]
    team_roles: list[str]
    phrases: dict[str, str]
    #: a woman's surname takes its feminine form (Белов -> Белова), a spouse's the family's stem
    gendered: bool = False


_WORDS = {
    "en": _Words(
        _FIRST,
        _LAST,
        _UNITS,
        _PAINS,
        ["account_manager", "presales", "marketer", "executive", "delivery", "partner"],
        {
            "account": "Synthetic Holding {}",
            "segment": "synthetic",
            "rationale": "largest budget",
            "holding": "Holding {}",
            "company": "Company {}.{}",
            "head": "Head, {}",
            "specialist": "Specialist, {}",
            "offer": "offer for {}",
            "spouse": "spouse",
            "spouse_f": "spouse",
            "retired": "retired colleague",
            "retired_f": "retired colleague",
            "tender": "Tender {}",
            "rival": "Rival {}",
        },
    ),
    "ru": _Words(
        _FIRST_RU,
        _LAST_RU,
        _UNITS_RU,
        _PAINS_RU,
        [
            "менеджер по работе с клиентом",
            "пресейл",
            "маркетолог",
            "руководитель направления",
            "внедрение",
            "партнёр",
        ],
        {
            "account": "Синтетический холдинг {}",
            "segment": "синтетический",
            "rationale": "самый большой бюджет",
            "holding": "Холдинг {}",
            "company": "Компания {}.{}",
            "head": "Руководитель, {}",
            "specialist": "Специалист, {}",
            "offer": "предложение по теме «{}»",
            "spouse": "супруг",
            "spouse_f": "супруга",
            "retired": "бывший коллега на пенсии",
            "retired_f": "бывшая коллега на пенсии",
            "tender": "Тендер {}",
            "rival": "Конкурент {}",
        },
        gendered=True,
    ),
}


def _female(first: str) -> bool:
    """A Russian first name ending in а/я is a woman's (the names drawn here have no exception)."""
    return first.endswith(("а", "я"))


def _full_name(words: _Words, first: str, last: str) -> str:
    """First name and surname; a Russian woman's surname in its feminine form (Белов -> Белова)."""
    if words.gendered and _female(first):
        last += "а"
    return f"{first} {last}"


def _person_name(rng: random.Random, words: _Words) -> str:
    """A random first name and surname (two draws, whatever the language)."""
    return _full_name(words, rng.choice(words.first), rng.choice(words.last))


_STANCES = [-2] * 5 + [-1] * 15 + [0] * 30 + [1] * 30 + [2] * 10 + [None] * 10
BASE_DATE = dt.date(2026, 1, 1)


def _whole(name: str, value: object, bound: str = "") -> None:
    """A :class:`UsageError` unless ``value`` is a whole number (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        wanted = f"a whole number {bound}".rstrip()
        raise UsageError(f"{name}: expected {wanted}, not {value!r} ({type(value).__name__})")


def _check_arguments(people: int, seed: int, index: int) -> None:
    """A :class:`UsageError` unless ``people`` is 1 to :data:`MAX_PEOPLE`, ``seed`` whole, ``index`` at least 0."""
    _whole("people", people, "of at least 1")
    if people < 1:
        raise UsageError(f"people: an account needs at least 1 person, not {people}")
    if people > MAX_PEOPLE:
        raise UsageError(
            f"people: at most {MAX_PEOPLE:,} (the largest account a file can hold and be read again), not {people:,}"
        )
    _whole("seed", seed)
    _whole("index", index, "of at least 0")
    if index < 0:
        raise UsageError(f"index: an account number is at least 0, not {index}")


def generate_account(people: int, seed: int, index: int = 0, language: str = "en") -> dict[str, Any]:
    """One synthetic account document.

    Parameters
    ----------
    people : int
        Number of people on the org chart (>= 1); informal people (spouses,
        retired colleagues) come on top, about one per 20 of the buying team.
    seed : int
        Random seed; the same (people, seed, index) gives the same document.
    index : int
        Account number within a portfolio (ids and names get it).
    language : str
        ``"en"`` (the default) or ``"ru"``: the language of the names, titles and pains. A
        Russian account says ``language: ru`` (its reports come in Russian) and gives a woman
        the feminine form of her surname; its ids and structure are those of the English
        account of the same seed.

    Returns
    -------
    dict
        A valid ``influence/v1`` document.

    Raises
    ------
    UsageError
        When ``people`` is not a whole number from 1 to :data:`MAX_PEOPLE`,
        ``seed`` not a whole number, ``index`` not a whole number of at
        least 0, or ``language`` neither ``"en"`` nor ``"ru"``.

    Examples
    --------
    >>> doc = generate_account(30, seed=1)
    >>> doc["account"]["id"], len([p for p in doc["people"] if not p.get("informal")])
    ('acct0000', 30)
    >>> ru = generate_account(30, seed=1, language="ru")
    >>> ru["account"]["language"], ru["people"][0]["id"] == doc["people"][0]["id"]
    ('ru', True)
    >>> generate_account(0, seed=1)
    Traceback (most recent call last):
    ...
    influence.errors.UsageError: people: an account needs at least 1 person, not 0
    """
    _check_arguments(people, seed, index)
    words = _WORDS.get(language) if isinstance(language, str) else None
    if words is None:
        raise UsageError(f"language: 'en' or 'ru', not {language!r}")
    said = words.phrases
    rng = random.Random(f"{seed}:{index}:{people}")
    aid = f"acct{index:04d}"
    orgs = _organizations(rng, aid, index, min(2 + people // 2000, 12), words)
    units = _units(rng, orgs, max(1, people // 12), words)
    persons = _org_chart(rng, aid, units, people, words)
    buying = _buying_team(rng, persons, people, words)
    links = _informal_people(rng, persons, buying, words)
    links += _ties(rng, people)
    team = _team(rng, words)
    relationships = _relationships(rng, team, buying)
    competitors = _competitors(rng, buying, words)
    tenders = [
        {"id": f"tender{k}", "title": said["tender"].format(k), "submission": _day(rng, 60, 400)}
        for k in range(rng.randint(1, 2))
    ]
    activities = _activities(rng, team, buying)
    return {
        "format": "influence/v1",
        "account": _account_info(rng, aid, index, team[0]["id"], units[0]["id"], language),
        "organizations": orgs,
        "units": units,
        "people": persons,
        "links": links,
        "team": team,
        "relationships": relationships,
        "competitors": competitors,
        "tenders": tenders,
        "activities": activities,
    }


def _account_info(
    rng: random.Random, aid: str, index: int, owner: str, target: str, language: str
) -> dict[str, Any]:
    """The ``account:`` block; ``language`` is written only when it is not English."""
    said = _WORDS[language].phrases
    info = {
        "id": aid,
        "name": said["account"].format(index),
        "segment": said["segment"],
        "owner": owner,
        "target_unit": target,
        "target_rationale": said["rationale"],
        "fiscal_year_start": "01-01",
        "next_review": _day(rng, 0, 400),
    }
    if language != "en":
        info["language"] = language
    return info


def _day(rng: random.Random, low: int, high: int) -> str:
    """A date ``low`` to ``high`` days after :data:`BASE_DATE`, as ISO text."""
    return (BASE_DATE + dt.timedelta(days=rng.randint(low, high))).isoformat()


def _organizations(
    rng: random.Random, aid: str, index: int, n_companies: int, words: _Words
) -> list[dict[str, Any]]:
    """The holding and its companies, some of them subsidiaries of others."""
    holding = {"id": f"{aid}-holding", "name": words.phrases["holding"].format(index), "kind": "holding"}
    orgs: list[dict[str, Any]] = [holding]
    for c in range(n_companies):
        parent = orgs[0]["id"] if c < 2 or rng.random() < 0.6 else orgs[rng.randrange(1, len(orgs))]["id"]
        orgs.append(
            {
                "id": f"{aid}-co{c}",
                "name": words.phrases["company"].format(index, c),
                "kind": "subsidiary" if parent != orgs[0]["id"] else "company",
                "parent": parent,
                "ownership": rng.choice([51, 75, 100]),
            }
        )
    return orgs


def _units(
    rng: random.Random, orgs: list[dict[str, Any]], n_units: int, words: _Words
) -> list[dict[str, Any]]:
    """A tree of units per company (round robin over the companies)."""
    n_companies = len(orgs) - 1
    units: list[dict[str, Any]] = []
    for u in range(n_units):
        org = orgs[1 + u % n_companies]["id"]
        same = [x for x in units if x["organization"] == org]
        unit = {"id": f"u{u}", "name": f"{rng.choice(words.units)} {u}", "organization": org}
        if same:
            unit["parent"] = rng.choice(same[-20:])["id"]
        units.append(unit)
    return units


def _org_chart(
    rng: random.Random, aid: str, units: list[dict[str, Any]], people: int, words: _Words
) -> list[dict[str, Any]]:
    """Everyone in a unit; the first person of a unit heads it and reports to the parent unit's head."""
    n_units = len(units)
    persons: list[dict[str, Any]] = []
    head: dict[str, str] = {}
    unit_of_parent = {u["id"]: u.get("parent") for u in units}
    for i in range(people):
        unit = units[i % n_units]["id"] if i < n_units else rng.choice(units)["id"]
        p: dict[str, Any] = {
            "id": f"p{i}",
            "name": _person_name(rng, words),
            "title": words.phrases["specialist" if unit in head else "head"].format(unit),
            "unit": unit,
            "email": f"p{i}@{aid}.example",
        }
        if unit not in head:
            head[unit] = p["id"]
            parent_unit = unit_of_parent[unit]
            if parent_unit is not None and parent_unit in head:
                p["reports_to"] = head[parent_unit]
        else:
            p["reports_to"] = head[unit]
        persons.append(p)
    return persons


_ROLES_CYCLE = ["problem_owner", "internal_customer", "user", "influencer", "gatekeeper", "procurement"]
_ROLES_CYCLE += ["user", "influencer"]


def _buying_team(rng: random.Random, persons: list[dict[str, Any]], people: int, words: _Words) -> list[int]:
    """Pick the buying team and give it roles, stances, awareness, pains and offers."""
    team_size = min(people, 12 + people // 50)
    buying = sorted(rng.sample(range(people), team_size))
    n_dm = min(team_size, 3 + people // 500)
    for k, i in enumerate(buying):
        p = persons[i]
        if k < n_dm:
            p["roles"] = [["economic_buyer", "decision_maker", "technical_buyer"][k % 3]]
        elif k == n_dm:
            p["roles"] = ["sponsor"]
        elif k == n_dm + 1:
            p["roles"] = ["coach"]
        elif k % 17 == 5:
            p["roles"] = ["anti_influencer"]
        else:
            p["roles"] = [_ROLES_CYCLE[k % len(_ROLES_CYCLE)]]
        stance = rng.choice(_STANCES)
        if stance is not None:
            p["stance"] = stance
        if rng.random() < 0.8:
            p["awareness"] = rng.choice(["none", "low", "medium", "high"])
        if rng.random() < 0.75:
            p["pains"] = rng.sample(words.pains, rng.randint(1, 2))
            if rng.random() < 0.6:
                p["offer"] = words.phrases["offer"].format(p["pains"][0])
    return buying


def _informal_people(
    rng: random.Random, persons: list[dict[str, Any]], buying: list[int], words: _Words
) -> list[dict[str, Any]]:
    """Append spouses and retired colleagues of buying-team people; returns their ties."""
    links: list[dict[str, Any]] = []
    for j in range(max(1, len(buying) // 20)):
        partner = persons[rng.choice(buying)]
        pid = f"x{j}"
        first = rng.choice(words.first)
        surname = partner["name"].split()[-1]
        if words.gendered:
            surname = surname.removesuffix("а")  # the family's surname, then in her or his form
        title = "spouse" if j % 2 == 0 else "retired"
        if words.gendered and _female(first):
            title += "_f"
        persons.append(
            {
                "id": pid,
                "name": _full_name(words, first, surname),
                "title": words.phrases[title],
                "informal": True,
                "private": j % 2 == 0,
                "roles": ["influencer"],
                "stance": rng.choice(_STANCES[10:]) or 0,
            }
        )
        links.append(
            {
                "from": pid,
                "to": partner["id"],
                "type": "family" if j % 2 == 0 else "former_colleague",
                "private": j % 2 == 0,
            }
        )
    return links


def _ties(rng: random.Random, people: int) -> list[dict[str, Any]]:
    """About one informal tie per 20 people (no self-ties, no repeats)."""
    links: list[dict[str, Any]] = []
    seen = set()
    for _ in range(people // 20):
        a, b = rng.randrange(people), rng.randrange(people)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        kind = rng.choice(["friend", "former_colleague", "informal", "influences", "influences"])
        link: dict[str, Any] = {"from": f"p{a}", "to": f"p{b}", "type": kind}
        if kind == "influences":
            link["strength"] = round(rng.uniform(0.3, 0.9), 2)
        links.append(link)
    return links


def _team(rng: random.Random, words: _Words) -> list[dict[str, Any]]:
    """Three to six members of our account team."""
    roles = words.team_roles
    return [
        {"id": f"t{k}", "name": _person_name(rng, words), "role": role}
        for k, role in enumerate(roles[: rng.randint(3, 6)])
    ]


def _relationships(rng: random.Random, team: list[dict[str, Any]], buying: list[int]) -> list[dict[str, Any]]:
    """Each team member knows three to eight buying-team people."""
    return [
        {
            "team": t["id"],
            "person": f"p{i}",
            "strength": rng.choice(["weak", "medium", "strong"]),
            "last_contact": _day(rng, 0, 300),
        }
        for t in team
        for i in rng.sample(buying, min(len(buying), rng.randint(3, 8)))
    ]


def _competitors(rng: random.Random, buying: list[int], words: _Words) -> list[dict[str, Any]]:
    """Two or three competitors, the first one incumbent, each knowing two to six people."""
    competitors = []
    for c in range(rng.randint(2, 3)):
        ties = [
            {"person": f"p{i}", "strength": rng.choice(["weak", "medium", "strong"])}
            for i in rng.sample(buying, min(len(buying), rng.randint(2, 6)))
        ]
        competitors.append(
            {
                "id": f"rival{c}",
                "name": words.phrases["rival"].format(c),
                "incumbent": c == 0,
                "relationships": ties,
            }
        )
    return competitors


_ACTIVITY_KINDS = ["meeting", "conference", "reference_visit", "pilot", "training", "workshop"]


def _activities(rng: random.Random, team: list[dict[str, Any]], buying: list[int]) -> list[dict[str, Any]]:
    """Three to ten activities targeting one to three buying-team people."""
    return [
        {
            "id": f"act{k}",
            "kind": rng.choice(_ACTIVITY_KINDS),
            "date": _day(rng, 0, 400),
            "targets": [f"p{i}" for i in rng.sample(buying, min(len(buying), rng.randint(1, 3)))],
            "owner": rng.choice(team)["id"],
            "budget": rng.choice([0, 1000, 5000, 20000]),
            "status": rng.choice(["planned", "planned", "done", "cancelled"]),
        }
        for k in range(rng.randint(3, 10))
    ]
