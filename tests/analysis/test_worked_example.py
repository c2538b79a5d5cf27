"""A small account worked out on paper; the analyses must agree to the digit.

People (stance): eb economic buyer (0), dm decision maker (1), al sponsor (2),
op anti-influencer (-2), sk user (-1), cand user (1), pa sponsor (unknown).
Edges: dm reports to eb (dm->eb 0.5, eb->dm 0.8); al influences dm 0.8;
op friend eb 0.6/0.6; sk former colleague op 0.4/0.4; cand friend al 0.5/0.5.
Our team: t1->al 0.9, t1->dm 0.6, t2->dm 0.3. Competitor rv->sk 0.9.

Hand computation:
- coverage(dm) = max(t1->dm 0.6, t1->al->dm 0.9*0.8 = 0.72, t2->dm 0.3) = 0.72, threads 2;
  pressure(dm) = rv->sk->op->eb->dm = 0.9*0.4*0.6*0.8 = 0.1728; covered.
- coverage(eb) = t1->al->dm->eb = 0.9*0.8*0.5 = 0.36 (t1->dm->eb = 0.3), threads 0;
  pressure(eb) = 0.9*0.4*0.6 = 0.216; weak.
- access: al = max(S(al->dm) 0.8, S(al->eb) 0.4) = 0.8; cand = 0.5*0.8 = 0.4; dm = 1.
- link: al = 0.9 (t1 direct); dm = 0.72; pa = 0.
- sponsors: al confirmed (stance 2, access 0.8, link 0.9); pa at risk
  (stance-unknown, low-access, weak-link); dm candidate (stance 1, access 1);
  cand is not a candidate (access 0.4 < 0.5).
- anti paths: op->eb 0.6 (counter dm via dm->eb 0.5: not opposed);
  op->eb->dm 0.48 (counter dm itself, 1.0: opposed);
  sk->op->eb 0.24 and rv->...->eb 0.216 stay under 0.25.
- findings: the op->eb path is high (eb is the economic buyer, not opposed);
  op->eb->dm is low (dm is an ally, stance 1); no competitor-ahead (pressure
  0.216 and 0.1728 are under ANTI_MIN and under coverage).
"""

from __future__ import annotations

import pytest

from influence.analysis import analyze, anti_influence_paths, coverage, sponsors
from tests.analysis.helpers import AS_OF, make, person

DOC = {
    "format": "influence/v1",
    "account": {"id": "worked", "name": "Worked Example"},
    "people": [
        person("eb", roles=["economic_buyer"], stance=0),
        person("dm", roles=["decision_maker"], stance=1, reports_to="eb"),
        person("al", roles=["sponsor"], stance=2),
        person("op", roles=["anti_influencer"], stance=-2),
        person("sk", roles=["user"], stance=-1),
        person("cand", roles=["user"], stance=1),
        person("pa", roles=["sponsor"]),
    ],
    "links": [
        {"from": "al", "to": "dm", "type": "influences", "strength": 0.8},
        {"from": "op", "to": "eb", "type": "friend"},
        {"from": "sk", "to": "op", "type": "former_colleague"},
        {"from": "cand", "to": "al", "type": "friend", "strength": 0.5, "back_strength": 0.5},
    ],
    "team": [{"id": "t1"}, {"id": "t2"}],
    "relationships": [
        {"team": "t1", "person": "al", "strength": 0.9},
        {"team": "t1", "person": "dm"},
        {"team": "t2", "person": "dm", "strength": "weak"},
    ],
    "competitors": [{"id": "rv", "relationships": [{"person": "sk", "strength": 0.9}]}],
}


def test_coverage_by_hand():
    rows = coverage(make(DOC))
    assert [(r.person, r.threads, r.status, r.path) for r in rows] == [
        ("dm", 2, "covered", ("t1", "al", "dm")),
        ("eb", 0, "weak", ("t1", "al", "dm", "eb")),
    ]
    assert [r.coverage for r in rows] == pytest.approx([0.72, 0.36])
    assert [r.pressure for r in rows] == pytest.approx([0.1728, 0.216])


def test_sponsors_by_hand():
    rows = sponsors(make(DOC))
    assert [(r.person, r.sponsor_class, r.stance, r.reasons) for r in rows] == [
        ("al", "sponsor", 2, ()),
        ("pa", "at_risk", None, ("stance-unknown", "low-access", "weak-link")),
        ("dm", "candidate", 1, ()),
    ]
    assert [(r.access, r.link) for r in rows] == [
        pytest.approx((0.8, 0.9)),
        (0.0, 0.0),
        pytest.approx((1.0, 0.72)),
    ]


def test_anti_influence_paths_by_hand():
    rows = anti_influence_paths(make(DOC))
    assert [(r.source, r.source_kind, r.target, r.path, r.counter, r.opposed) for r in rows] == [
        ("op", "person", "eb", ("op", "eb"), "dm", False),
        ("op", "person", "dm", ("op", "eb", "dm"), "dm", True),
    ]
    assert [(r.strength, r.counter_strength) for r in rows] == [
        pytest.approx((0.6, 0.5)),
        pytest.approx((0.48, 1.0)),
    ]


def test_findings_by_hand():
    report = analyze(make(DOC), AS_OF)
    picked = [
        (f.code, f.severity, f.subject)
        for f in report.findings
        if f.code
        in {
            "anti-influence-path",
            "decision-maker-weak",
            "sponsor-at-risk",
            "sponsor-candidate",
            "no-sponsor",
        }
    ]
    assert picked == [
        ("anti-influence-path", "high", "eb"),
        ("decision-maker-weak", "high", "eb"),
        ("sponsor-at-risk", "medium", "pa"),
        ("anti-influence-path", "low", "dm"),  # dm is our ally (stance 1): low
        ("sponsor-candidate", "low", "dm"),
    ]
    anti = next(f for f in report.findings if f.code == "anti-influence-path" and f.subject == "eb")
    assert (
        anti.message
        == "OP (opponent) reaches EB with strength 0.60 via OP → EB; the ally with the most influence on EB "
        "is DM (ally influence 0.50)."
    )
    assert report.gaps_dict()["findings"][0]["evidence"] == {
        "source": "op",
        "path": ["op", "eb"],
        "strength": 0.6,
        "counter": "dm",
        "counter_strength": 0.5,
        "opposed": False,
        "others": 0,
        "sources": ["op"],
    }
    assert report.summary["covered"] == 1 and report.summary["decision_makers"] == 2
