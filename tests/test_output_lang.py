"""Plan moves (and every other rendered text) in Russian: no English words beyond names, ids and codes."""

from __future__ import annotations

import datetime as dt

import pytest

from influence import load
from influence.analysis.plan import MOVE_KINDS, CoverageChange, Move, Plan
from influence.output import render_plan
from tests.analysis.test_catalogue import ALLOWED, _account_words, _latin
from tests.conftest import EXAMPLES


def _move(rank: int, kind: str, introducer: str | None) -> Move:
    return Move(
        rank=rank,
        kind=kind,
        team="olga",
        person="orlova",
        introducer=introducer,
        strength_before=0.3 if kind == "strengthen" else 0.0,
        strength_after=0.9 if kind == "strengthen" else 0.6,
        gain=0.5,
        score_after=5.3,
        coverage=(CoverageChange("orlova", 0.45, 0.9),),
        resolves=(("decision-maker-weak", "orlova"), ("no-sponsor", "uralmet")),
        route=("olga", "orlova"),
    )


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_every_plan_move_kind_reads_as_russian(fmt):
    account = load(EXAMPLES / "uralmet-ru.yaml")
    moves = (_move(1, "strengthen", None), _move(2, "meet", "petrov"), _move(3, "meet", None))
    assert {m.kind for m in moves} == set(MOVE_KINDS)
    chosen = Plan(account.id, dt.date(2026, 11, 27), 4.8, 6.0, moves)
    ru, en = render_plan(chosen, account, fmt, "ru"), render_plan(chosen, account, fmt, "en")
    assert _latin(ru, ALLOWED | _account_words(account)) == []
    assert "3 шага" in ru and "0,45 → 0,90" in ru
    assert "3 moves" in en and "0.45 → 0.90" in en
    empty = render_plan(Plan(account.id, dt.date(2026, 11, 27), 4.8, 4.8, ()), account, fmt, "ru")
    assert _latin(empty, ALLOWED | _account_words(account)) == []
