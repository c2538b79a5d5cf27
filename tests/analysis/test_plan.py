"""The plan: a hand-worked example, the tie and introduction rules, privacy, and a brute-force check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import doctest
import importlib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from influence.analysis import analyze, coverage, sponsors
from influence.analysis.plan import INTRO, MEET, STRONG, CoverageGain, Plan, apply_plan, plan, score
from influence.errors import UsageError
from influence.graph import influence_graph
from influence.model import Relationship
from tests.analysis.helpers import AS_OF, make, person

# People (stance): eb economic buyer (0), dm decision maker (1), tb technical buyer (0),
# far decision maker (0), al influencer (1, our ally). al influences eb 0.8, dm 0.5, tb 0.5, far 0.4.
# Our team: t1 -> al 0.6 (medium), t2 -> dm 0.3 (weak). Rival -> eb 0.7.
#
# Before: coverage eb = t1->al->eb = 0.6*0.8 = 0.48, pressure 0.7: term 2*(0.48/0.6 - (0.7-0.48)) = 1.16
#         dm = max(t2->dm 0.3, t1->al->dm 0.3) = 0.3: 0.5;  tb = 0.6*0.5 = 0.3: 0.5;  far = 0.6*0.4 = 0.24: 0.4
#         no sponsor. Score before = 1.16 + 0.5 + 0.5 + 0.4 = 2.56.
# Round 1: strengthen t1-al to 0.9: eb 0.72 (2*(1 - 0)), dm 0.45, tb 0.45, far 0.36:
#          gain 0.84 + 0.25 + 0.25 + 0.2 = 1.54 -> 4.10. (Meeting far would gain 0.6, but far's coverage
#          0.24 < INTRO: a decision maker is met only through an introduction.)
# Round 2: far is now 0.36 >= INTRO: meet t1-far at 0.6 gains 1 - 0.6 = 0.4 -> 4.50 (introducer al).
# Round 3: strengthen t2-dm (0.9), meet t1-dm, meet t1-tb and meet t2-tb all gain 0.25:
#          strengthen goes first -> 4.75.
# Round 4: meet t1-tb and meet t2-tb gain 0.25: the smaller team id -> 5.00 (introducer al).
# Round 5: every decision maker is at its maximum: no move gains; the plan stops at 4 moves.
HAND = {
    "format": "influence/v1",
    "account": {"id": "hand", "name": "Hand"},
    "people": [
        person("eb", roles=["economic_buyer"], stance=0),
        person("dm", roles=["decision_maker"], stance=1),
        person("tb", roles=["technical_buyer"], stance=0),
        person("far", roles=["decision_maker"], stance=0),
        person("al", roles=["influencer"], stance=1),
    ],
    "links": [
        {"from": "al", "to": "eb", "type": "influences", "strength": 0.8},
        {"from": "al", "to": "dm", "type": "influences", "strength": 0.5},
        {"from": "al", "to": "tb", "type": "influences", "strength": 0.5},
        {"from": "al", "to": "far", "type": "influences", "strength": 0.4},
    ],
    "team": [{"id": "t1", "name": "Tanya"}, {"id": "t2", "name": "Tom"}],
    "relationships": [{"team": "t1", "person": "al"}, {"team": "t2", "person": "dm", "strength": "weak"}],
    "competitors": [{"id": "rv", "name": "Rival", "relationships": [{"person": "eb", "strength": 0.7}]}],
}


def test_plan_by_hand():
    result = plan(make(HAND), AS_OF)
    assert isinstance(result, Plan) and result.account == "hand" and result.as_of == AS_OF
    assert result.score_before == pytest.approx(2.56)
    assert result.score_after == pytest.approx(5.0)
    assert [(m.rank, m.kind, m.team, m.person, m.introducer) for m in result.moves] == [
        (1, "strengthen", "t1", "al", None),
        (2, "meet", "t1", "far", "al"),
        (3, "strengthen", "t2", "dm", None),
        (4, "meet", "t1", "tb", "al"),
    ]
    assert [m.gain for m in result.moves] == pytest.approx([1.54, 0.4, 0.25, 0.25])
    assert [m.score_after for m in result.moves] == pytest.approx([4.1, 4.5, 4.75, 5.0])
    assert [(m.strength_before, m.strength_after) for m in result.moves] == [
        (0.6, STRONG),
        (0.0, MEET),
        (0.3, STRONG),
        (0.0, MEET),
    ]
    first = result.moves[0]
    assert [(c.person, round(c.before, 4), round(c.after, 4)) for c in first.coverage] == [
        ("dm", 0.3, 0.45),
        ("eb", 0.48, 0.72),
        ("far", 0.24, 0.36),
        ("tb", 0.3, 0.45),
    ]
    assert first.resolves == (
        ("competitor-ahead", "eb"),
        ("decision-maker-weak", "eb"),
        ("plan-gap", "eb"),
        ("plan-missing", "hand"),
    )
    assert first.route == ("t1", "al", "eb")  # the decision maker whose coverage rises the most
    assert result.moves[1].route == ("t1", "al", "far")  # team, introducer, person
    assert result.moves[2].route == ("t2", "dm")
    assert result.moves[1].coverage == (CoverageGain("far", pytest.approx(0.36), 0.6),)


def test_score_matches_the_plan():
    account = make(HAND)
    assert score(account) == pytest.approx(plan(account, AS_OF).score_before)
    assert score(apply_plan(account, plan(account, AS_OF))) == pytest.approx(5.0)


def test_fewer_moves_and_bad_count():
    assert [m.rank for m in plan(make(HAND), AS_OF, moves=2).moves] == [1, 2]
    with pytest.raises(UsageError, match=r"^moves must be at least 1, not 0$"):
        plan(make(HAND), AS_OF, moves=0)
    for bad in ("3", 2.0, True, None):  # "3" compared with 1 was a TypeError
        with pytest.raises(UsageError, match=r"^moves must be a whole number of at least 1, not "):
            plan(make(HAND), AS_OF, moves=bad)


def test_plan_reads_as_of_as_analyze_does():
    """plan parsed as_of itself: a bare ValueError, a TypeError for None or a datetime, '20261127' taken."""
    account = make(HAND)
    for text in ("2026-13-01", "20261127", "garbage"):
        with pytest.raises(UsageError) as by_analyze:
            analyze(account, text)
        with pytest.raises(UsageError) as by_plan:
            plan(account, text)
        assert str(by_plan.value) == str(by_analyze.value)
        assert str(by_plan.value).startswith(f"as_of: '{text}' is not a date")
    assert plan(account, None).as_of == dt.date.today() == plan(account).as_of
    assert plan(account, dt.datetime(2026, 11, 27, 18, 30)) == plan(account, dt.date(2026, 11, 27))


def test_apply_plan_refuses_another_accounts_plan():
    """A plan of another account was applied, and the account it made crashed every analysis (KeyError)."""
    account = make(HAND)
    other = make({"format": "influence/v1", "account": {"id": "other", "name": "Other"}})
    chosen = plan(account, AS_OF)
    with pytest.raises(UsageError, match=r"^apply_plan: the plan was made for account 'hand', not 'other'$"):
        apply_plan(other, chosen)
    without_al = {
        **HAND,
        "people": [p for p in HAND["people"] if p["id"] != "al"],
        "links": [],
        "relationships": [{"team": "t2", "person": "dm", "strength": "weak"}],
    }
    same_id = make(without_al)  # another version of the account: the plan's ally has left
    with pytest.raises(UsageError, match=r"^apply_plan: account 'hand' has no 'al'"):
        apply_plan(same_id, chosen)
    with pytest.raises(UsageError, match=r"^apply_plan: expected a Plan .*, got list$"):
        apply_plan(account, list(chosen.moves))
    with pytest.raises(UsageError, match=r"^apply_plan: expected an Account, got the str 'hand.yaml'"):
        apply_plan("hand.yaml", chosen)


def test_analyze_and_plan_refuse_a_file_name():
    """analyze("acct.yaml") failed deep inside with an AttributeError."""
    for function, call in (("analyze", analyze), ("plan", plan)):
        with pytest.raises(UsageError, match=rf"^{function}: .*call influence.load\('acct.yaml'\) first$"):
            call("acct.yaml", AS_OF)
        with pytest.raises(
            UsageError, match=rf"^{function}: expected an Account \(from influence.load\), got dict$"
        ):
            call(HAND, AS_OF)


def test_tie_goes_to_the_smaller_person_id():
    doc = {
        "format": "influence/v1",
        "account": {"id": "tie", "name": "Tie"},
        "people": [
            person("b", roles=["user"], stance=1),
            person("a", roles=["user"], stance=1),
            person("d", roles=["decision_maker"], stance=0),
        ],
        "links": [
            {"from": "a", "to": "d", "type": "influences", "strength": 0.5},
            {"from": "b", "to": "d", "type": "influences", "strength": 0.5},
        ],
        "team": [{"id": "t1"}],
    }
    # meeting a or b gives d 0.6 * 0.5 = 0.3: the same gain; a goes first, and then b adds nothing
    result = plan(make(doc), AS_OF)
    assert [(m.kind, m.person) for m in result.moves][:1] == [("meet", "a")]


def test_introduction_rule_just_below_and_at_intro():
    def doc(strength):
        return {
            "format": "influence/v1",
            "account": {"id": "intro", "name": "Intro"},
            "people": [
                person("d", roles=["decision_maker"], stance=0),
                person("al", roles=["user"], stance=1),
            ],
            "links": [{"from": "al", "to": "d", "type": "influences", "strength": strength}],
            "team": [{"id": "t1"}],
            "relationships": [{"team": "t1", "person": "al", "strength": 1.0}],
        }

    below = plan(make(doc(INTRO - 0.001)), AS_OF)
    assert all(m.person != "d" for m in below.moves)  # d's coverage 0.299 < INTRO: no meeting
    at = plan(make(doc(INTRO)), AS_OF)
    assert [(m.kind, m.team, m.person, m.introducer) for m in at.moves] == [("meet", "t1", "d", "al")]


def test_private_and_informal_people_are_never_moves_or_introducers():
    doc = {
        "format": "influence/v1",
        "account": {"id": "priv", "name": "Priv"},
        "people": [
            person("d", roles=["decision_maker"], stance=0),
            person("pv", roles=["influencer"], stance=1, private=True),
            person("inf", roles=["influencer"], stance=1, informal=True),
        ],
        "links": [
            {"from": "pv", "to": "d", "type": "influences", "strength": 0.9},
            {"from": "inf", "to": "d", "type": "influences", "strength": 0.9},
        ],
        "team": [{"id": "t1"}],
        "relationships": [{"team": "t1", "person": "pv", "strength": 0.5}],
    }
    result = plan(make(doc), AS_OF)
    # d is covered 0.45, but only through pv (private), who is never asked to introduce us: a
    # meeting with d was proposed with no introducer, while the gap report said we know no route
    assert result.moves == () and result.uncovered == ("d",) and result.stopped
    doc["links"].append({"from": "pub", "to": "d", "type": "influences", "strength": 0.4})
    doc["people"].append(person("pub", roles=["influencer"], stance=1))
    doc["relationships"].append({"team": "t1", "person": "pub", "strength": 0.9})
    result = plan(make(doc), AS_OF)  # a public ally's route (0.36): d is met, introduced by pub
    assert [(m.kind, m.person, m.introducer) for m in result.moves] == [("meet", "d", "pub")]
    assert all(m.person not in ("pv", "inf") for m in result.moves)


def _with_relationship(account, team, person_id, strength):
    rels = [r for r in account.relationships if (r.team, r.person) != (team, person_id)]
    return dataclasses.replace(account, relationships=(*rels, Relationship(team, person_id, strength)))


def _brute_score(account):
    """The score from a full re-analysis: coverage, pressure and sponsors rows."""
    total = 0.0
    for row in coverage(account):
        w = 2.0 if "economic_buyer" in row.roles else 1.0
        total += w * min(1.0, row.coverage / 0.6)
        if row.pressure >= 0.25 - 1e-9:
            total -= w * max(0.0, row.pressure - row.coverage)
    return total + (1.0 if any(r.sponsor_class == "sponsor" for r in sponsors(account)) else 0.0)


def _brute_candidates(account):
    """Every candidate move by the rules, with its gain from a full re-analysis.

    A decision maker is met only through an introduction: her coverage over the ties a
    recommendation may name (the public view's: no private person or tie) is at least INTRO.
    """
    rows = {r.person: r.coverage for r in coverage(account.public_view())}
    existing: dict[tuple[str, str], float] = {}
    for r in account.relationships:
        existing[(r.team, r.person)] = max(existing.get((r.team, r.person), 0.0), r.strength)
    base = _brute_score(account)
    out = []
    for t in sorted(x.id for x in account.team):
        for p in account.buying_team:
            if p.private or p.informal:
                continue
            current = existing.get((t, p.id))
            if current is not None and current >= STRONG - 1e-9:
                continue
            if current is None and p.id in rows and rows[p.id] < INTRO - 1e-9:
                continue
            strength = STRONG if current is not None else MEET
            kind = "strengthen" if current is not None else "meet"
            gain = _brute_score(_with_relationship(account, t, p.id, strength)) - base
            out.append((gain, kind, t, p.id))
    return out


ROLE_SETS = [[], ["economic_buyer"], ["decision_maker"], ["technical_buyer"], ["sponsor"], ["influencer"]]


@st.composite
def small_accounts(draw):
    n = draw(st.integers(2, 6))
    people = []
    for i in range(n):
        roles = ["decision_maker"] if i == 0 else draw(st.sampled_from(ROLE_SETS)) or ["user"]
        fields: dict = {"roles": roles}
        stance = draw(st.sampled_from([None, -2, -1, 0, 1, 1, 1, 2]))
        if stance is not None:
            fields["stance"] = stance
        if draw(st.integers(0, 7)) == 0:
            fields["informal"] = True
        if draw(st.integers(0, 7)) == 0:
            fields["private"] = True
        people.append(person(f"p{i}", **fields))
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    links = [
        {
            "from": f"p{i}",
            "to": f"p{j}",
            "type": draw(st.sampled_from(["influences", "friend", "family", "former_colleague", "informal"])),
            "strength": draw(st.sampled_from([0.3, 0.5, 0.6, 0.8, 1.0])),
        }
        for i, j in draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=10, unique=True))
    ]
    teams = [f"t{k}" for k in range(draw(st.integers(1, 3)))]
    ties = draw(st.lists(st.tuples(st.sampled_from(teams), st.integers(0, n - 1)), max_size=5, unique=True))
    relationships = [
        {"team": t, "person": f"p{i}", "strength": draw(st.sampled_from([0.3, 0.5, 0.6, 0.9]))}
        for t, i in ties
    ]
    rivals = draw(st.lists(st.integers(0, n - 1), max_size=2, unique=True))
    competitors = [
        {
            "id": "rv",
            "relationships": [
                {"person": f"p{i}", "strength": draw(st.sampled_from([0.3, 0.7, 0.9]))} for i in rivals
            ],
        }
    ]
    return make(
        {
            "format": "influence/v1",
            "account": {"id": "rand", "name": "Rand"},
            "people": people,
            "links": links,
            "team": [{"id": t} for t in teams],
            "relationships": relationships,
            "competitors": competitors,
        }
    )


#: found by the property below in CI: t1 knows p0, who influences p4; meeting p4 goes to t1
_INTRODUCED = {
    "format": "influence/v1",
    "account": {"id": "rand", "name": "Rand"},
    "people": [
        {"id": "p0", "name": "p0", "roles": ["decision_maker"], "stance": 1},
        {"id": "p1", "name": "p1", "roles": ["user"], "informal": True, "private": True},
        {"id": "p4", "name": "p4", "roles": ["economic_buyer"]},
    ],
    "links": [
        {"from": "p0", "to": "p4", "type": "influences", "strength": 0.5},
        {"from": "p0", "to": "p1", "type": "influences", "strength": 0.3},
    ],
    "team": [{"id": "t0", "name": "t0"}, {"id": "t1", "name": "t1"}],
    "relationships": [{"team": "t1", "person": "p0", "strength": 0.3}],
    "competitors": [{"id": "rv", "name": "rv"}],
}

#: a decision maker whose coverage reaches INTRO, once p2 is met, only through a private ally
#: (p1): she is not met, no one being there to introduce us (found by this test on a clean clone)
_ONLY_PRIVATE_INTRODUCES = {
    "format": "influence/v1",
    "account": {"id": "rand", "name": "Rand"},
    "people": [
        {"id": "p0", "name": "P0", "roles": ["decision_maker"]},
        {"id": "p1", "name": "P1", "roles": ["user"], "stance": 1, "informal": True, "private": True},
        {"id": "p2", "name": "P2", "roles": ["user"], "stance": 1},
        {"id": "p3", "name": "P3", "roles": ["user"], "informal": True, "private": True},
    ],
    "links": [
        {"from": "p0", "to": "p1", "type": "friend", "strength": 0.3},
        {"from": "p0", "to": "p2", "type": "influences", "strength": 0.3},
        {"from": "p2", "to": "p1", "type": "influences", "strength": 0.6},
    ],
    "team": [{"id": "t0", "name": "T0"}],
}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_accounts())
@example(make(_INTRODUCED))
@example(make(_ONLY_PRIVATE_INTRODUCES))
def test_each_move_is_the_best_by_brute_force(account):
    result = plan(account, AS_OF, moves=3)
    assert result.score_before == pytest.approx(_brute_score(account), abs=1e-9)
    state = account
    for k, move in enumerate(result.moves):
        candidates = _brute_candidates(state)
        best = max(g for g, *_ in candidates)
        assert move.gain == pytest.approx(best, abs=1e-7)
        # the chosen move is the first of the best in (strengthen before meet, team, person) order;
        # a meet with an introducer goes to the team member whose route it is, when tied as well
        tied = sorted(
            (("strengthen", "meet").index(kind), t, p) for g, kind, t, p in candidates if g >= best - 1e-7
        )
        chosen = (("strengthen", "meet").index(move.kind), move.team, move.person)
        if move.kind == "meet" and move.introducer is not None and move.team != tied[0][1]:
            assert chosen in tied and (tied[0][0], tied[0][2]) == (1, move.person)
            assert move.route[:2] == (move.team, move.introducer)
            assert influence_graph(state).has_edge(move.team, move.introducer)
        else:
            assert chosen == tied[0]
        previous = state
        state = apply_plan(account, dataclasses.replace(result, moves=result.moves[: k + 1]))
        assert _brute_score(state) == pytest.approx(move.score_after, abs=1e-9)
        assert set(move.resolves) == _finding_keys(previous) - _finding_keys(state)
    if len(result.moves) < 3:
        assert all(g <= 1e-7 for g, *_ in _brute_candidates(state))


def _finding_keys(account):
    return {(f.code, f.subject) for f in analyze(account, AS_OF).findings}


@pytest.mark.parametrize("source", ["uralmet.yaml", "uralmet-ru.yaml", "new-account.yaml"])
def test_applied_plan_shows_what_it_promised(source):
    from influence.loading import load_file
    from tests.conftest import EXAMPLES

    account = load_file(EXAMPLES / source)
    result = plan(account, AS_OF)
    before = account
    for k, move in enumerate(result.moves):
        after = apply_plan(account, dataclasses.replace(result, moves=result.moves[: k + 1]))
        cov_before = {r.person: r.coverage for r in coverage(before)}
        cov_after = {r.person: r.coverage for r in coverage(after)}
        changed = [
            (d, cov_before[d], cov_after[d])
            for d in sorted(cov_after)
            if abs(cov_after[d] - cov_before[d]) > 1e-9
        ]
        assert [c.person for c in move.coverage] == [d for d, _, _ in changed]
        assert [(c.before, c.after) for c in move.coverage] == [pytest.approx((b, a)) for _, b, a in changed]
        assert set(move.resolves) == _finding_keys(before) - _finding_keys(after)
        before = after


def test_planned_meetings_get_free_ids():
    doc = dict(HAND, activities=[{"id": "plan-1", "kind": "meeting"}])
    account = make(doc)
    applied = apply_plan(account, plan(account, AS_OF, moves=2))
    added = applied.activities[1:]
    assert [(a.id, a.date, a.targets, a.owner, a.status) for a in added] == [
        ("plan-1-2", AS_OF + dt.timedelta(days=7), ("al",), "t1", "planned"),
        ("plan-2", AS_OF + dt.timedelta(days=14), ("far",), "t1", "planned"),
    ]
    strengths = {(r.team, r.person): r.strength for r in applied.relationships}
    assert strengths[("t1", "al")] == STRONG and strengths[("t1", "far")] == MEET


def test_doctests():
    assert doctest.testmod(importlib.import_module("influence.analysis.plan")).failed == 0


def test_report_plan_and_frame():
    import influence

    report = influence.analyze(make(HAND), AS_OF)
    assert report.plan == plan(make(HAND), AS_OF) and report.plan is report.plan
    df = influence.frame(report, "plan")
    assert df["person"].tolist() == ["al", "far", "dm", "tb"]
    assert str(df["kind"].dtype) == "category" and df["introducer"].isna().tolist() == [
        True,
        False,
        True,
        False,
    ]
    assert df["route"].tolist()[1] == ["t1", "al", "far"]
    assert list(influence.to_frames(report)) == [
        "people",
        "coverage",
        "sponsors",
        "paths",
        "findings",
        "plan",
    ]
    assert {"plan", "Plan", "Move", "CoverageGain", "apply_plan"} <= set(influence.__all__)


def test_candidates_cost_no_search(monkeypatch):
    """Moves are evaluated from the analyses' ally reaches: searches grow with moves, not candidates."""
    from influence.analysis import Facts
    from influence.graph import PathFinder
    from influence.loading import load_file
    from tests.conftest import EXAMPLES

    account = load_file(EXAMPLES / "uralmet.yaml")
    facts = Facts(account)
    facts.decision_makers, facts.access, facts.threads  # noqa: B018  the analyses' own searches, run first
    calls = []
    search = PathFinder.search
    monkeypatch.setattr(PathFinder, "search", lambda self, *a, **k: calls.append(a) or search(self, *a, **k))
    result = plan(account, AS_OF, facts=facts)
    candidates = len(account.team) * len(account.buying_team)
    # uralmet's labelled sponsors are confirmed already (no sponsor search): one search for the
    # introducers' routes, and at most two per chosen move for its route, whatever the candidates
    assert len(calls) <= 1 + 2 * len(result.moves) < candidates


def test_a_meeting_goes_to_the_team_member_who_knows_the_introducer():
    """Any team member meeting Dana gains the same; Alice (the smaller id) got the move while only
    Bob knows Xavier, the introducer, and the move's route named a tie Alice does not have."""
    from influence.graph import influence_graph

    account = make(
        {
            "format": "influence/v1",
            "account": {"id": "intro", "name": "Intro"},
            "people": [
                {"id": "dm", "name": "Dana DM", "roles": ["decision_maker"], "stance": 0},
                {"id": "x", "name": "Xavier Ally", "roles": ["coach"], "stance": 2},
            ],
            "links": [{"from": "x", "to": "dm", "type": "friend", "strength": 0.6}],
            "team": [{"id": "a1", "name": "Alice"}, {"id": "b2", "name": "Bob"}],
            "relationships": [{"team": "b2", "person": "x", "strength": 0.9}],
        }
    )
    (move,) = plan(account, "2026-03-01").moves
    assert (move.kind, move.team, move.person, move.introducer) == ("meet", "b2", "dm", "x")
    assert move.route == ("b2", "x", "dm")
    graph = influence_graph(account)
    assert all(graph.has_edge(a, b) for a, b in zip(move.route, move.route[1:-1], strict=False))


def test_a_plan_for_another_version_of_the_relationships_is_refused():
    """apply_plan of a plan to strengthen sidorov -> sokolov, on a version without that
    relationship, added the planned meeting and silently skipped the strengthening."""
    from influence.loading import load_file

    account = load_file("examples/uralmet.yaml")
    chosen = plan(account, "2026-11-27", moves=1)
    assert (chosen.moves[0].kind, chosen.moves[0].team, chosen.moves[0].person) == (
        "strengthen",
        "sidorov",
        "sokolov",
    )
    other = dataclasses.replace(
        account,
        relationships=tuple(r for r in account.relationships if (r.team, r.person) != ("sidorov", "sokolov")),
    )
    with pytest.raises(
        UsageError,
        match=r"^apply_plan: move 1 \(strengthen sidorov -> sokolov\) starts from a relationship of 0\.3, "
        r"and the account has none: make the plan on this version of the account$",
    ):
        apply_plan(other, chosen)
    assert apply_plan(account, plan(account, "2026-11-27")).relationships  # its own version applies
