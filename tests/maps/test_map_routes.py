"""What a map's edges say and what a panel entry's route lights, without a browser.

A redacted map's figures are the public view's, even on a public tie beside a
private one; a finding's route holds the anti-influence paths it describes;
a plan move's route is ally ties only; a step several anti-influence paths
take is one edge, its tooltip listing them strongest first.
"""

from __future__ import annotations

import dataclasses
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import influence
from influence.analysis import Finding, Report, analyze
from influence.analysis.catalogue import FINDINGS, TEMPLATES
from influence.loading import load_file
from influence.maps import render_map
from influence.maps.edges import TIP_PATHS
from influence.maps.panel import WAY_IN_TEMPLATE
from influence.maps.style import EDGE_STYLES
from influence.model import Link
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"

#: Oleg (an opponent) reaches Boris, an economic buyer, over a public friendship (0.4) and over a
#: private family tie (FAMILY); Alice has a public friend tie and a private family tie with Boris.
_PARALLEL = """format: influence/v1
account: {id: par, name: Parallel}
people:
  - {id: boss, name: Boris Bossov, roles: [economic_buyer], stance: neutral}
  - {id: opp, name: Oleg Opponov, roles: [influencer], stance: opponent}
  - {id: alice, name: Alice Allen, roles: [coach], stance: supporter}
links:
  - {from: opp, to: boss, type: friend, strength: 0.4}
  - {from: opp, to: boss, type: family, strength: FAMILY, private: true}
  - {from: alice, to: boss, type: friend, strength: 0.6}
  - {from: alice, to: boss, type: family, strength: ALICE, private: true}
team: [{id: tom, name: Tom Sales}]
relationships:
  - {team: tom, person: alice, strength: strong}
"""


def _parallel(tmp_path, family=0.93, alice=0.91):
    path = tmp_path / f"par-{family}-{alice}.yaml"
    path.write_text(_PARALLEL.replace("FAMILY", str(family)).replace("ALICE", str(alice)), encoding="utf-8")
    return influence.load(path)


def _between(data, a, b, kind):
    return [e for e in data["edges"] if (e["from"], e["to"]) == (a, b) and e["kind"] == kind]


def test_a_public_tie_beside_a_private_one_shows_its_own_strength_in_a_redacted_map(tmp_path):
    """Alice's public friendship with Boris (0.6) said 0.91, the strength of her private family tie
    with him: the edges' strengths came from the whole account's graph, parallel ties merged."""
    data = render_map(_parallel(tmp_path), AS_OF, redact=True).data
    (friend,) = _between(data, "alice", "boss", "informal_tie")
    assert friend["strength"] == 0.6 and ["Strength", "0.60"] in friend["tip"]
    (anti,) = _between(data, "opp", "boss", "anti")  # over the public friendship only
    assert anti["strength"] == 0.4 and ["Strength", "0.40"] in anti["tip"]
    assert ["Path strength", "0.40"] in anti["tip"]
    (oleg,) = _between(data, "opp", "boss", "informal_tie")
    assert oleg["strength"] == 0.4
    text = json.dumps(data, ensure_ascii=False)
    assert "0.93" not in text and "0.91" not in text and "0,93" not in text
    # the map for the team itself keeps the account's strongest tie between the two
    whole = render_map(_parallel(tmp_path), AS_OF).data
    assert _between(whole, "opp", "boss", "anti")[0]["strength"] == 0.93


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    family=st.sampled_from([0.05, 0.3, 0.5, 0.7, 0.95]),
    alice=st.sampled_from([0.05, 0.3, 0.5, 0.7, 0.95]),
    lang=st.sampled_from(["en", "ru"]),
)
def test_a_private_tie_beside_a_public_one_changes_nothing_of_a_redacted_map(tmp_path, family, alice, lang):
    """The redaction property with the private ties parallel to public ones: whatever their
    strengths, weaker or stronger than the public tie's, the redacted map is the same."""
    assert (
        render_map(_parallel(tmp_path, family, alice), AS_OF, redact=True, lang=lang).data
        == render_map(_parallel(tmp_path), AS_OF, redact=True, lang=lang).data
    )


def _uralmet():
    return render_map(load_file(EXAMPLES / "uralmet.yaml"), AS_OF).data


def test_an_anti_influence_finding_routes_every_path_it_describes():
    """The finding on Elena Orlova names SeverSoft, Kuznetsov and Smirnova as sources: their paths to
    her (two of them through Sokolov) were not on its route, only the sources themselves."""
    data = _uralmet()
    (orlova,) = [
        f for f in data["findings"] if f["code"] == "anti-influence-path" and f["subject"] == "orlova"
    ]
    route = orlova["route"]
    assert sorted(map(tuple, route["anti"])) == [
        ("kuznetsov", "sokolov"),
        ("seversoft", "orlova"),
        ("smirnova", "sokolov"),
        ("sokolov", "orlova"),
    ]
    assert "sokolov" in route["nodes"]
    assert ["dmitry", "petrov"] in route["pairs"]  # our own ally route to her stays


def test_a_plan_move_routes_ally_ties_only():
    """Move 2 (Dmitry meets Orlova through Petrov) lit four anti-influence arrows Orlova -> Petrov."""
    data = _uralmet()
    move = data["moves"][1]
    assert move["route"] == {
        "nodes": ["dmitry", "petrov", "orlova"],
        "pairs": [["dmitry", "petrov"], ["petrov", "orlova"]],
        "anti": [],
    }


def test_a_step_of_several_anti_influence_paths_is_one_edge_listing_them_strongest_first():
    """SeverSoft -> Orlova was four edges, one per path, stacked: hovering it showed the weakest
    path's tooltip (0.36) on top of the strongest (0.90)."""
    data = _uralmet()
    steps = [(e["from"], e["to"]) for e in data["edges"] if e["kind"] == "anti"]
    assert len(steps) == len(set(steps))
    (step,) = _between(data, "seversoft", "orlova", "anti")
    assert step["tip"][0] == ["Strength", "0.90"] and step["strength"] == 0.9
    routes = [value for key, value in step["tip"] if key == "Anti-influence path"]
    strengths = [value for key, value in step["tip"] if key == "Path strength"]
    assert routes[0] == "\u2068SeverSoft\u2069 → \u2068Elena Orlova\u2069" and len(routes) == 4
    assert strengths == ["0.90", "0.72", "0.45", "0.36"]


def test_a_step_of_many_paths_counts_those_it_does_not_list(tmp_path):
    people = "".join(
        f"  - {{id: s{i}, name: Source {i}, roles: [user], stance: opponent}}\n" for i in range(TIP_PATHS + 2)
    )
    links = "".join(f"  - {{from: s{i}, to: mid, type: friend}}\n" for i in range(TIP_PATHS + 2))
    path = tmp_path / "many.yaml"
    path.write_text(
        "format: influence/v1\naccount: {id: many, name: Many}\npeople:\n"
        "  - {id: boss, name: Boss, roles: [economic_buyer], stance: neutral}\n"
        "  - {id: mid, name: Mid, roles: [user], stance: neutral}\n" + people + "links:\n"
        "  - {from: mid, to: boss, type: influences, strength: 0.9}\n" + links,
        encoding="utf-8",
    )
    data = render_map(influence.load(path), AS_OF).data
    (step,) = _between(data, "mid", "boss", "anti")
    assert sum(key == "Anti-influence path" for key, _ in step["tip"]) == TIP_PATHS
    assert step["tip"][-1] == ["Other anti-influence paths over this tie", "2"]


def test_the_legend_names_faded_people_and_the_structure_lines():
    legend = {entry["key"]: entry for entry in _uralmet()["legend"]}
    assert legend["legend_context"]["type"] == "swatch"
    assert legend["legend_structure_tie"]["type"] == "line" and legend["legend_structure_tie"]["dotted"]


def test_each_of_two_ties_between_the_same_people_shows_its_own_type_and_strength(tmp_path):
    """Alice's friendship with Boris (0.6) and her private family tie (0.91) both said 0.91 on the
    team's map: every tie took the strongest strength the influence graph keeps for the pair."""
    data = render_map(_parallel(tmp_path), AS_OF).data
    shown = {
        (e["from"], dict(e["tip"])["Tie"]): (e["strength"], dict(e["tip"])["Strength"])
        for e in data["edges"]
        if e["kind"] == "informal_tie"
    }
    assert shown == {
        ("alice", "friend"): (0.6, "0.60"),
        ("alice", "family"): (0.91, "0.91"),
        ("opp", "friend"): (0.4, "0.40"),
        ("opp", "family"): (0.93, "0.93"),
    }
    # the anti-influence step still tells the strongest tie, the one the path runs over
    assert _between(data, "opp", "boss", "anti")[0]["strength"] == 0.93


def test_a_reporting_line_beside_another_tie_shows_its_own_strength_on_both_maps(tmp_path):
    """A reporting line (0.5 from the report to the manager) beside a family tie (0.9) said 0.90; on
    a redacted map two public ties between the same two people said the stronger's strength too."""
    path = tmp_path / "lines.yaml"
    path.write_text(
        "format: influence/v1\naccount: {id: lines, name: Lines}\npeople:\n"
        "  - {id: boss, name: Boris Bossov, roles: [economic_buyer], stance: neutral}\n"
        "  - {id: ann, name: Ann Aide, reports_to: boss, roles: [user], stance: supporter}\n"
        "  - {id: ivy, name: Ivy Ives, roles: [user], stance: neutral}\n"
        "links:\n"
        "  - {from: ann, to: boss, type: family, strength: 0.9}\n"
        "  - {from: ivy, to: boss, type: friend, strength: 0.35}\n"
        "  - {from: ivy, to: boss, type: influences, strength: 0.8}\n",
        encoding="utf-8",
    )
    account = influence.load(path)
    for redact in (False, True):
        data = render_map(account, AS_OF, redact=redact).data
        (line,) = _between(data, "ann", "boss", "reports_to")
        assert line["strength"] == 0.5 and line["tip"][-1] == ["Strength", "0.50"]
        (family,) = _between(data, "ann", "boss", "informal_tie")
        assert family["strength"] == 0.9
        (friend,) = _between(data, "ivy", "boss", "informal_tie")
        assert friend["strength"] == 0.35 and ["Strength", "0.35"] in friend["tip"]
        (sway,) = _between(data, "ivy", "boss", "influences")
        assert sway["strength"] == 0.8 and sway["width"] == 5.0


def test_a_redacted_map_draws_a_planned_meeting_whatever_private_tie_the_member_has():
    """Move 2 of UralMet's plan (Dmitry meets Elena Orlova) lost its dashed line on the redacted map
    when Dmitry had a private tie to her: whether the meeting was held was read from the whole
    account's graph, though the map lists the public view's plan. (A file cannot hold a tie from a
    team member; an account built in code can.)"""
    account = load_file(EXAMPLES / "uralmet.yaml")
    private = dataclasses.replace(
        account, links=(*account.links, Link("dmitry", "orlova", "friend", strength=0.7, private=True))
    )

    def planned(data):
        return [(e["from"], e["to"], e["tip"]) for e in data["edges"] if e["kind"] == "planned"]

    shown = render_map(account, AS_OF, redact=True).data
    assert ("dmitry", "orlova", [["Planned", "move 2"], ["Strength", "0.60"]]) in planned(shown)
    redacted = render_map(private, AS_OF, redact=True).data
    assert planned(redacted) == planned(shown)
    assert redacted["moves"] == shown["moves"]
    assert _between(redacted, "dmitry", "orlova", "private")  # the private tie itself: a plain grey line
    # the team's own map knows the tie: no meeting to plan over it
    assert not [e for e in planned(render_map(private, AS_OF).data) if e[:2] == ("dmitry", "orlova")]


def test_a_redacted_map_names_its_private_ties_in_the_legend():
    account = load_file(EXAMPLES / "uralmet.yaml")
    redacted = render_map(account, AS_OF, redact=True).data
    legend = {entry["key"]: entry for entry in redacted["legend"]}
    entry = legend["legend_private_tie"]
    assert entry["type"] == "line" and entry["dashed"]
    assert entry["color"] == EDGE_STYLES["private"]["color"]
    assert any(e["kind"] == "private" for e in redacted["edges"])  # it names what the map draws
    assert redacted["strings"]["legend_private_tie"] == "private tie (no details shown)"
    # the team's own map draws a private tie as its type (no grey line to explain)
    whole = render_map(account, AS_OF).data
    assert "legend_private_tie" not in {entry["key"] for entry in whole["legend"]}
    assert not any(e["kind"] == "private" for e in whole["edges"])


#: Tom knows Boris directly (0.4) and Boris's manager Mia well: the strongest route to Boris runs through
#: Mia, while a recommendation sends the team to Boris through Tom, who knows him.
_WAY_IN = """format: influence/v1
account: {id: way, name: Way}
people:
  - {id: boss, name: Boris Bossov, roles: [economic_buyer], stance: neutral}
  - {id: mia, name: Mia Manager, roles: [user], stance: neutral}
team: [{id: tom, name: Tom Sales}]
relationships:
  - {team: tom, person: boss, strength: 0.4}
  - {team: tom, person: mia, strength: 0.95}
links:
  - {from: mia, to: boss, type: influences, strength: 0.95}
"""


def test_every_finding_the_catalogue_lets_name_a_way_in_highlights_the_member_who_knows_them(tmp_path):
    """The map lit the team member a recommendation names ("meet Boris one to one with Tom") for a
    hand-written list of finding codes; decision-maker-uncovered, whose catalogue entry holds that
    template too, lit the strongest structural route (through Mia) instead."""
    path = tmp_path / "way.yaml"
    path.write_text(_WAY_IN, encoding="utf-8")
    account = influence.load(path)
    real = analyze(account, AS_OF)
    (weak,) = [f for f in real.findings if f.code == "decision-maker-weak"]  # a real one names Tom
    assert WAY_IN_TEMPLATE in TEMPLATES and WAY_IN_TEMPLATE in [c.key for c in weak.said[1]]
    assert "with Tom Sales, who already knows them" in weak.recommendation
    codes = [code for code, entry in FINDINGS.items() if WAY_IN_TEMPLATE in entry.recommendation]
    assert {"not-connected", "plan-gap", "decision-maker-uncovered"} <= set(codes)
    assert real.searches().route("boss").path == ("tom", "mia", "boss")  # not the way in
    findings = [Finding(code, "high", "boss") for code in codes]
    report = Report(account, real.as_of, real.coverage, real.sponsors, real.paths, findings, real.facts)
    entries = render_map(account, AS_OF, report=report).data["findings"]
    assert [e["code"] for e in entries] == codes
    for entry in entries:
        assert ["tom", "boss"] in entry["route"]["pairs"], entry["code"]


def test_a_finding_lights_the_way_in_its_advice_names():
    """The anti-influence and competitor-ahead findings about Dina advise "a meeting with Dina
    through Boris, her manager (route: Tom → Boris → Dina)", but clicking them lit only the
    competitor's tie: the route the advice names was left dark."""
    from tests.analysis.helpers import make

    account = make(
        {
            "format": "influence/v1",
            "account": {"id": "hl", "name": "HL"},
            "people": [
                {"id": "boss", "name": "Boris Boss", "roles": ["economic_buyer"], "stance": "neutral"},
                {
                    "id": "dm",
                    "name": "Dina",
                    "reports_to": "boss",
                    "roles": ["decision_maker"],
                    "stance": "skeptic",
                },
            ],
            "team": [{"id": "t", "name": "Tom"}],
            "relationships": [{"team": "t", "person": "boss", "strength": "strong"}],
            "competitors": [
                {"id": "c", "name": "Rival", "relationships": [{"person": "dm", "strength": "strong"}]}
            ],
        }
    )
    entries = render_map(account, AS_OF).data["findings"]
    route = "(route: Tom → Boris Boss → Dina)"
    advised = [e for e in entries if route in e["recommendation"].replace("\u2068", "").replace("\u2069", "")]
    assert {e["code"] for e in advised} == {
        "anti-influence-path",
        "competitor-ahead",
        "decision-maker-uncovered",
    }
    for entry in advised:
        assert {("t", "boss"), ("boss", "dm")} <= {tuple(p) for p in entry["route"]["pairs"]}, entry["code"]
