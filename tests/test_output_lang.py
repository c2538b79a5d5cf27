"""Plan moves (and every other rendered text) in Russian: no English words beyond names, ids and codes."""

from __future__ import annotations

import datetime as dt

import pytest

from influence import load
from influence.analysis.plan import MOVE_KINDS, CoverageGain, Move, Plan
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
        coverage=(CoverageGain("orlova", 0.45, 0.9),),
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


def test_every_diff_section_reads_as_russian():
    from influence.diff import (
        PERSON_FIELDS,
        TIE_FIELDS,
        CoverageChange,
        Diff,
        FindingRef,
        PersonChange,
        Tie,
        TieChange,
    )
    from influence.model import LINK_TYPES
    from influence.output import DIFF_FIELDS, TIE_WORDS, render_diff

    ties = [Tie("link", "a", "b", kind) for kind in LINK_TYPES] + [
        Tie("relationship", "olga", "b"),
        Tie("competitor", "rival", "b"),
    ]
    fields = sorted({*PERSON_FIELDS, *(f for fs in TIE_FIELDS.values() for f in fs)})
    assert set(fields) <= set(DIFF_FIELDS) and {t.kind for t in ties} | set(LINK_TYPES) <= set(TIE_WORDS)
    d = Diff(
        account="acme",
        as_of=dt.date(2027, 2, 1),
        people_added=("a",),
        people_removed=("b",),
        people_changed=tuple(PersonChange("a", f, 0.5, True) for f in fields),
        ties_added=tuple(ties),
        ties_removed=tuple(ties),
        ties_changed=tuple(TieChange(t, "strength", None, 0.9) for t in ties),
        coverage=(
            CoverageChange("a", None, 0.45, None, "weak"),
            CoverageChange("b", 0.0, 0.9, "uncovered", "covered"),
        ),
        findings_resolved=(FindingRef("plan-gap", "a"),),
        findings_new=(FindingRef("no-sponsor", "acme"),),
        findings_persisting=3,
        names={"a": "Анна", "b": "Борис", "olga": "Ольга", "rival": "«Соперник»"},
    )
    allowed = ALLOWED | {"acme", "a", "b", "olga", "rival"}
    for fmt in ("table", "markdown"):
        ru, en = render_diff(d, fmt, "ru"), render_diff(d, fmt, "en")
        assert _latin(ru, allowed) == [], fmt
        assert "ЛЮДИ" in ru or "## Люди" in ru
        assert "0,45 (слабое покрытие)" in ru and "0.45 (weak)" in en
    empty = render_diff(Diff(account="acme", as_of=dt.date(2027, 2, 1)), "table", "ru")
    assert _latin(empty, allowed) == [] and "(нет)" in empty


@pytest.mark.parametrize("n", [1, 21, 101])
def test_the_stalled_plan_note_needs_no_pronoun_for_one_decision_maker(n):
    """For 21 uncovered decision makers it said «21 ЛПР не покрыт: … не выводят на него»: Russian takes
    21's form from 1's, and "him" spoke of twenty-one people."""
    from types import SimpleNamespace

    from influence.i18n import translator
    from influence.output import _no_move

    said = _no_move(SimpleNamespace(uncovered=["x"] * n), translator("ru"))
    assert f"у {n} ЛПР покрытие недостаточное" in said and "на него" not in said
