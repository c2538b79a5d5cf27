"""Facts.access: each node's strength towards the decision makers, read on demand."""

from __future__ import annotations

import pytest

from influence.analysis import Facts
from influence.generate import generate_account
from influence.graph import TOLERANCE, PathFinder
from influence.loading import Document
from influence.validation import build_account


def test_access_is_the_strongest_path_to_a_decision_maker_other_than_oneself():
    account = build_account(Document("g", generate_account(300, seed=11), {}))
    facts = Facts(account)
    finder = PathFinder.for_account(account)
    dms = [d.id for d in account.decision_makers]
    nodes = (
        [p.id for p in account.people] + [t.id for t in account.team] + [c.id for c in account.competitors]
    )
    expected = {}
    for p in nodes:
        best = 1.0 if p in dms else max(finder.strongest(p, d).strength for d in dms if d != p)
        if best > 0:
            expected[p] = best
    # the strengths multiplied in the other order: equal within the tolerance
    one_by_one = {p: facts.access.get(p) for p in nodes if p in facts.access}
    assert one_by_one == pytest.approx(expected, abs=TOLERANCE)
    assert {p: facts.access[p] for p in expected} == one_by_one
    assert dict(facts.access) == one_by_one and len(facts.access) == len(expected)  # read whole
    assert facts.access.get("nobody", 0.0) == 0.0 and "nobody" not in facts.access
