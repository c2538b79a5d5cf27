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
import random
from typing import Any

__all__ = ["generate_account"]

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
_STANCES = [-2] * 5 + [-1] * 15 + [0] * 30 + [1] * 30 + [2] * 10 + [None] * 10
BASE_DATE = dt.date(2026, 1, 1)


def generate_account(people: int, seed: int, index: int = 0) -> dict[str, Any]:
    """One synthetic account document.

    Parameters
    ----------
    people : int
        Number of people (>= 1).
    seed : int
        Random seed; the same (people, seed, index) gives the same document.
    index : int
        Account number within a portfolio (ids and names get it).

    Returns
    -------
    dict
        A valid ``influence/v1`` document.
    """
    rng = random.Random(f"{seed}:{index}:{people}")
    aid = f"acct{index:04d}"
    n_companies = min(2 + people // 2000, 12)
    orgs = [{"id": f"{aid}-holding", "name": f"Holding {index}", "kind": "holding"}]
    for c in range(n_companies):
        parent = orgs[0]["id"] if c < 2 or rng.random() < 0.6 else orgs[rng.randrange(1, len(orgs))]["id"]
        orgs.append(
            {
                "id": f"{aid}-co{c}",
                "name": f"Company {index}.{c}",
                "kind": "subsidiary" if parent != orgs[0]["id"] else "company",
                "parent": parent,
                "ownership": rng.choice([51, 75, 100]),
            }
        )
    n_units = max(1, people // 12)
    units: list[dict[str, Any]] = []
    for u in range(n_units):
        org = orgs[1 + u % n_companies]["id"]
        same = [x for x in units if x["organization"] == org]
        unit = {"id": f"u{u}", "name": f"{rng.choice(_UNITS)} {u}", "organization": org}
        if same:
            unit["parent"] = rng.choice(same[-20:])["id"]
        units.append(unit)

    persons: list[dict[str, Any]] = []
    head: dict[str, str] = {}
    unit_of_parent = {u["id"]: u.get("parent") for u in units}
    for i in range(people):
        unit = units[i % n_units]["id"] if i < n_units else rng.choice(units)["id"]
        p: dict[str, Any] = {
            "id": f"p{i}",
            "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            "title": f"{'Head' if unit not in head else 'Specialist'}, {unit}",
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

    team_size = min(people, 12 + people // 50)
    buying = sorted(rng.sample(range(people), team_size))
    n_dm = min(team_size, 3 + people // 500)
    roles_cycle = [
        "problem_owner",
        "internal_customer",
        "user",
        "influencer",
        "gatekeeper",
        "procurement",
        "user",
        "influencer",
    ]
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
            p["roles"] = [roles_cycle[k % len(roles_cycle)]]
        stance = rng.choice(_STANCES)
        if stance is not None:
            p["stance"] = stance
        if rng.random() < 0.8:
            p["awareness"] = rng.choice(["none", "low", "medium", "high"])
        if rng.random() < 0.75:
            p["pains"] = rng.sample(_PAINS, rng.randint(1, 2))
            if rng.random() < 0.6:
                p["offer"] = f"offer for {p['pains'][0]}"

    links: list[dict[str, Any]] = []
    n_informal = max(1, team_size // 20)
    for j in range(n_informal):
        partner = persons[rng.choice(buying)]
        pid = f"x{j}"
        persons.append(
            {
                "id": pid,
                "name": f"{rng.choice(_FIRST)} {partner['name'].split()[-1]}",
                "title": "spouse" if j % 2 == 0 else "retired colleague",
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
    seen = set()
    for _ in range(people // 20):
        a, b = rng.randrange(people), rng.randrange(people)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        kind = rng.choice(["friend", "former_colleague", "informal", "influences", "influences"])
        link = {"from": f"p{a}", "to": f"p{b}", "type": kind}
        if kind == "influences":
            link["strength"] = round(rng.uniform(0.3, 0.9), 2)
        links.append(link)

    team = [
        {"id": f"t{k}", "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", "role": role}
        for k, role in enumerate(
            ["account_manager", "presales", "marketer", "executive", "delivery", "partner"][
                : rng.randint(3, 6)
            ]
        )
    ]
    relationships = []
    for t in team:
        for i in rng.sample(buying, min(len(buying), rng.randint(3, 8))):
            relationships.append(
                {
                    "team": t["id"],
                    "person": f"p{i}",
                    "strength": rng.choice(["weak", "medium", "strong"]),
                    "last_contact": (BASE_DATE + dt.timedelta(days=rng.randint(0, 300))).isoformat(),
                }
            )
    competitors = []
    for c in range(rng.randint(2, 3)):
        ties = [
            {"person": f"p{i}", "strength": rng.choice(["weak", "medium", "strong"])}
            for i in rng.sample(buying, min(len(buying), rng.randint(2, 6)))
        ]
        competitors.append(
            {"id": f"rival{c}", "name": f"Rival {c}", "incumbent": c == 0, "relationships": ties}
        )
    tenders = [
        {
            "id": f"tender{k}",
            "title": f"Tender {k}",
            "submission": (BASE_DATE + dt.timedelta(days=rng.randint(60, 400))).isoformat(),
        }
        for k in range(rng.randint(1, 2))
    ]
    activities = []
    for k in range(rng.randint(3, 10)):
        activities.append(
            {
                "id": f"act{k}",
                "kind": rng.choice(
                    ["meeting", "conference", "reference_visit", "pilot", "training", "workshop"]
                ),
                "date": (BASE_DATE + dt.timedelta(days=rng.randint(0, 400))).isoformat(),
                "targets": [f"p{i}" for i in rng.sample(buying, min(len(buying), rng.randint(1, 3)))],
                "owner": rng.choice(team)["id"],
                "budget": rng.choice([0, 1000, 5000, 20000]),
                "status": rng.choice(["planned", "planned", "done", "cancelled"]),
            }
        )
    return {
        "format": "influence/v1",
        "account": {
            "id": aid,
            "name": f"Synthetic Holding {index}",
            "segment": "synthetic",
            "owner": team[0]["id"],
            "target_unit": units[0]["id"],
            "target_rationale": "largest budget",
            "fiscal_year_start": "01-01",
            "next_review": (BASE_DATE + dt.timedelta(days=rng.randint(0, 400))).isoformat(),
        },
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
