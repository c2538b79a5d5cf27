"""Build accounts from plain dicts for analysis tests."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from influence.loading import Document
from influence.validation import build_account

AS_OF = dt.date(2026, 11, 27)


def make(doc: dict[str, Any]):
    """A validated Account from a plain document dict (no file)."""
    return build_account(Document("test.yaml", copy.deepcopy(doc), {}))


def person(pid: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "name": pid.upper(), **fields}


def complete_doc() -> dict[str, Any]:
    """An account with no high or medium finding: the base the finding tests mutate."""
    roles = [
        ["economic_buyer", "sponsor"],
        ["technical_buyer"],
        ["problem_owner"],
        ["coach"],
        ["user"],
        ["internal_customer"],
        ["influencer"],
        ["decision_maker"],
        ["procurement"],
        ["gatekeeper"],
    ]
    stances = [2, 1, 1, 1, 1, 1, 1, 1, 0, 0]
    people = [
        person(
            f"p{i}",
            unit="u1",
            email=f"p{i}@example.com",
            roles=r,
            stance=s,
            awareness="medium",
            pains=[f"pain {i}"],
            offer=f"offer {i}",
        )
        for i, (r, s) in enumerate(zip(roles, stances, strict=True))
    ]
    people[6]["informal"] = True
    return {
        "format": "influence/v1",
        "account": {
            "id": "acme",
            "name": "Acme",
            "target_unit": "u1",
            "target_rationale": "owns the budget",
            "fiscal_year_start": "01-01",
            "next_review": (AS_OF + dt.timedelta(days=30)).isoformat(),
        },
        "organizations": [{"id": "o1", "name": "Acme Corp", "kind": "company"}],
        "units": [{"id": "u1", "name": "IT", "organization": "o1"}],
        "people": people,
        "links": [],
        "team": [{"id": "t1", "name": "Tanya"}, {"id": "t2", "name": "Tom"}],
        "relationships": [
            {"team": t, "person": f"p{i}", "strength": "strong"} for i in range(10) for t in ("t1", "t2")
        ],
        "competitors": [
            {"id": "c1", "name": "Rival", "relationships": [{"person": "p8", "strength": "weak"}]}
        ],
        "tenders": [
            {"id": "t-main", "title": "Main", "submission": (AS_OF + dt.timedelta(days=300)).isoformat()}
        ],
        "activities": [
            {
                "id": "a1",
                "kind": "meeting",
                "date": (AS_OF + dt.timedelta(days=30)).isoformat(),
                "targets": ["p0", "p1", "p7"],
            }
        ],
    }
