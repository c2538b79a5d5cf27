"""``influence diff``: planted changes of every kind, and the JSON shape."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import influence
from influence.diff import diff_accounts
from influence.generate import generate_account
from tests.analysis.helpers import make
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"


def before_doc() -> dict:
    return {
        "format": "influence/v1",
        "account": {"id": "acme", "name": "Acme"},
        "people": [
            {"id": "a", "name": "Alla", "title": "CFO", "roles": ["economic_buyer"], "stance": -1},
            {"id": "b", "name": "Boris", "roles": ["user"], "stance": 1, "pains": ["downtime"]},
            {"id": "c", "name": "Clara", "informal": True},
            {"id": "gone", "name": "Gleb", "roles": ["user"]},
        ],
        "links": [
            {"from": "b", "to": "a", "type": "influences", "strength": 0.5},
            {"from": "c", "to": "a", "type": "friend"},
            {"from": "gone", "to": "a", "type": "influences"},
        ],
        "team": [{"id": "t1", "name": "Tanya"}, {"id": "t2", "name": "Timur"}],
        "relationships": [
            {"team": "t1", "person": "b", "strength": "weak"},
            {"team": "t1", "person": "a", "strength": "weak", "last_contact": "2026-10-01"},
        ],
        "competitors": [{"id": "rival", "name": "Rival", "relationships": [{"person": "a"}]}],
    }


def after_doc() -> dict:
    doc = copy.deepcopy(before_doc())
    a, b, c, _ = doc["people"]
    a.update(title="CEO", stance=0)
    b["pains"] = ["downtime", "audits"]
    c["private"] = True
    doc["people"] = [a, b, c, {"id": "n", "name": "Nina", "roles": ["decision_maker"], "stance": 1}]
    doc["links"] = [
        {"from": "b", "to": "a", "type": "influences", "strength": 0.9},
        {"from": "n", "to": "a", "type": "influences"},
    ]
    doc["relationships"] = [
        {"team": "t1", "person": "b", "strength": "strong"},
        {"team": "t2", "person": "n"},
    ]
    doc["competitors"][0]["relationships"] = [{"person": "a", "strength": 0.9}, {"person": "b"}]
    return doc


def test_every_kind_of_change_is_reported():
    before, after = make(before_doc()), make(after_doc())
    got = diff_accounts(before, after, AS_OF).to_dict()
    assert list(got) == ["account", "as_of", "people", "ties", "coverage", "findings"]
    assert (got["account"], got["as_of"]) == ("acme", AS_OF)
    assert got["people"] == {
        "added": ["n"],
        "removed": ["gone"],
        "changed": [
            {"person": "a", "field": "stance", "before": -1, "after": 0},
            {"person": "a", "field": "title", "before": "CFO", "after": "CEO"},
            {"person": "b", "field": "pains", "before": ["downtime"], "after": ["downtime", "audits"]},
            {"person": "c", "field": "private", "before": False, "after": True},
        ],
    }
    assert got["ties"] == {
        "added": [
            {"kind": "competitor", "from": "rival", "to": "b", "type": None},
            {"kind": "link", "from": "n", "to": "a", "type": "influences"},
            {"kind": "relationship", "from": "t2", "to": "n", "type": None},
        ],
        "removed": [
            {"kind": "link", "from": "c", "to": "a", "type": "friend"},
            {"kind": "link", "from": "gone", "to": "a", "type": "influences"},
            {"kind": "relationship", "from": "t1", "to": "a", "type": None},
        ],
        "changed": [
            {
                "kind": "competitor",
                "from": "rival",
                "to": "a",
                "field": "strength",
                "before": 0.6,
                "after": 0.9,
            },
            {"kind": "link", "from": "b", "to": "a", "field": "strength", "before": 0.5, "after": 0.9},
            {
                "kind": "relationship",
                "from": "t1",
                "to": "b",
                "field": "strength",
                "before": 0.3,
                "after": 0.9,
            },
        ],
    }
    # a: t1 -> a 0.3 directly (weak); after: t1 -> b -> a = 0.9 * 0.9 (covered). n is new (t2 -> n 0.6).
    assert got["coverage"] == [
        {"person": "a", "before": 0.3, "after": 0.81, "status_before": "weak", "status_after": "covered"},
        {"person": "n", "before": None, "after": 0.6, "status_before": None, "status_after": "covered"},
    ]
    findings = got["findings"]
    assert {"code": "decision-maker-weak", "subject": "a"} in findings["resolved"]
    assert {"code": "stance-unknown", "subject": "gone"} in findings["resolved"]
    assert {"code": "pains-unknown", "subject": "n"} in findings["new"]
    before_count = len(influence.analyze(before, AS_OF).findings)
    after_count = len(influence.analyze(after, AS_OF).findings)
    assert len(findings["resolved"]) + findings["persisting"] == before_count
    assert len(findings["new"]) + findings["persisting"] == after_count
    assert not set(map(json.dumps, findings["resolved"])) & set(map(json.dumps, findings["new"]))


def test_no_change_is_an_empty_diff():
    account = make(before_doc())
    result = diff_accounts(account, make(before_doc()), AS_OF)
    assert result.empty
    assert result.findings_persisting == len(influence.analyze(account, AS_OF).findings)


def test_top_level_coverage_change_is_the_diffs():
    """``influence.CoverageChange`` was the plan's per-move effect while ``Diff.coverage`` held another class."""
    import influence.diff

    result = diff_accounts(make(before_doc()), make(after_doc()), AS_OF)
    assert result.coverage and all(isinstance(c, influence.CoverageChange) for c in result.coverage)
    assert influence.CoverageChange is influence.diff.CoverageChange
    moved = influence.analyze(influence.load(EXAMPLES / "uralmet.yaml"), AS_OF).plan.moves[0].coverage
    assert moved and all(isinstance(c, influence.CoverageGain) for c in moved)
    assert influence.CoverageGain is not influence.CoverageChange


def test_marks_for_the_map():
    result = diff_accounts(make(before_doc()), make(after_doc()), AS_OF)
    assert result.node_changes() == {"n": "new", "a": "changed", "b": "changed", "c": "changed"}
    assert result.edge_changes() == {
        ("rival", "b"): "new",
        ("n", "a"): "new",
        ("t2", "n"): "new",
        ("rival", "a"): "changed",
        ("b", "a"): "changed",
        ("t1", "b"): "changed",
    }


def test_diff_command_table_and_json(run, write):
    old = write(json.dumps(before_doc()), "old.json")
    new = write(json.dumps(after_doc()), "new.json")
    result = run("diff", old, new, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == diff_accounts(make(before_doc()), make(after_doc()), AS_OF).to_dict()
    table = run("diff", old, new, "--as-of", AS_OF)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[:2] == [
        "Changes: acme, as of 2026-11-27",
        # ~3: Alla, Boris and Clara changed (in four fields); ties count ties, not fields
        "People +1 -1 ~3 · ties +3 -3 ~3 · findings resolved " + lines[1].split("findings resolved ")[1],
    ]
    assert "  ~ Alla (a): title CFO → CEO" in lines
    assert "  + link influences: Nina (n) → Alla (a)" in lines
    assert "  - relationship: Tanya (t1) → Alla (a)" in lines
    assert "  Nina (n): not a decision maker → 0.60 (covered)" in lines
    markdown = run("diff", old, new, "--as-of", AS_OF, "--format", "markdown")
    assert markdown.stdout.startswith("# Changes: acme\n\nAs of 2026-11-27: people +1 -1 ~3")
    assert "## Ties\n\n- **added** competitor: Rival (rival) → Boris (b)\n" in markdown.stdout
    assert "- **removed** relationship: Tanya (t1) → Alla (a)\n" in markdown.stdout


def test_diff_of_two_accounts_is_refused(run, write):
    old = write(json.dumps(before_doc()), "old.json")
    other = write('{"format": "influence/v1", "account": {"id": "other", "name": "O"}}', "other.json")
    result = run("diff", old, other)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: BEFORE is account 'acme' and AFTER is account 'other': a diff compares two versions of one account\n"
    )
    assert result.stdout == ""


def test_compare_api_still_works():
    old = influence.analyze(make(before_doc()), AS_OF)
    new = influence.analyze(make(after_doc()), AS_OF)
    change = influence.compare(old, new)
    assert change.coverage.set_index("person").loc["a", "status_after"] == "covered"


def test_review_since_adds_diff_md_and_marks_the_map(run, write, tmp_path):
    old = write(json.dumps(before_doc()), "old.json")
    new = write(json.dumps(after_doc()), "new.json")
    pack = tmp_path / "pack"
    result = run("review", new, "-o", pack, "--as-of", AS_OF, "--since", old)
    assert result.exit_code == 0, result.stderr
    diff_md = (pack / "diff.md").read_text(encoding="utf-8")
    assert diff_md == run("diff", old, new, "--as-of", AS_OF, "--format", "markdown").stdout
    data = _map_data(pack / "map.html")
    marked = {n["label"]: n.get("change") for n in data["nodes"]}
    assert marked["Nina"] == "new" and marked["Alla"] == "changed"
    assert {(e["from"], e["to"]) for e in data["edges"] if e.get("change") == "new"} >= {
        ("n", "a")
    }  # ties too
    plain = tmp_path / "plain"
    assert run("review", new, "-o", plain, "--as-of", AS_OF).exit_code == 0
    assert not (plain / "diff.md").exists()
    data = _map_data(plain / "map.html")
    assert not any(x.get("change") for x in data["nodes"] + data["edges"])


def _map_data(path):
    """The data a map page draws (nodes with their change marks, edges)."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<script id="map-data" type="application/json">') + len(
        '<script id="map-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_redacted_review_since_leaves_private_people_out(run, write, tmp_path):
    old = write(json.dumps(before_doc()), "old.json")
    new = write(json.dumps(after_doc()), "new.json")  # Clara becomes private
    pack = tmp_path / "pack"
    result = run("review", new, "-o", pack, "--as-of", AS_OF, "--since", old, "--redact")
    assert result.exit_code == 0, result.stderr
    diff_md = (pack / "diff.md").read_text(encoding="utf-8")
    assert "Clara" not in diff_md and "(c)" not in diff_md
    assert "Clara" not in (pack / "map.html").read_text(encoding="utf-8")
    assert "Nina (n)" in diff_md


@settings(max_examples=15, deadline=None)
@given(
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=10**6),
)
def test_diff_is_symmetric(people_a, seed_a, people_b, seed_b):
    a = make(generate_account(people_a, seed_a))
    b = make(generate_account(people_b, seed_b))
    ab, ba = diff_accounts(a, b, AS_OF), diff_accounts(b, a, AS_OF)
    assert (ab.people_added, ab.people_removed) == (ba.people_removed, ba.people_added)
    assert (ab.ties_added, ab.ties_removed) == (ba.ties_removed, ba.ties_added)
    swap = {(c.person, c.field, json.dumps(c.after), json.dumps(c.before)) for c in ba.people_changed}
    assert {(c.person, c.field, json.dumps(c.before), json.dumps(c.after)) for c in ab.people_changed} == swap
    assert {(c.tie, c.field, c.before, c.after) for c in ab.ties_changed} == {
        (c.tie, c.field, c.after, c.before) for c in ba.ties_changed
    }
    assert sorted(map(str, ab.findings_resolved)) == sorted(map(str, ba.findings_new))
    assert ab.findings_persisting == ba.findings_persisting
    assert diff_accounts(a, a, AS_OF).empty


def test_redacted_diff_hides_a_reporting_line_to_a_private_person_and_her_persisting_findings():
    """Fedor Fedorov now reports to Anna Petrova (private): the change names her by id, so a
    shared diff leaves it out; the findings about her that persist are not counted there."""
    import dataclasses

    load = influence.load

    before = load(EXAMPLES / "uralmet.yaml")
    after = dataclasses.replace(
        before,
        people=tuple(
            dataclasses.replace(p, reports_to="petrova") if p.id == "fedorov" else p for p in before.people
        ),
    )
    full = diff_accounts(before, after, AS_OF)
    assert [(c.person, c.field, c.before, c.after) for c in full.people_changed] == [
        ("fedorov", "reports_to", "petrov", "petrova")
    ]
    shared = full.redacted()
    assert shared.people_changed == ()
    report = influence.analyze(after, AS_OF)
    about_her = sum(f.subject == "petrova" for f in report.findings)
    assert about_her > 0
    assert shared.findings_persisting == full.findings_persisting - about_her


@pytest.mark.parametrize(
    ("n", "said"), [(1, "остаётся: 1"), (21, "остаётся: 21"), (22, "остаются: 22"), (25, "остаются: 25")]
)
def test_the_persisting_count_agrees_with_its_number_in_russian(n, said):
    import datetime as dt

    from influence.diff import Diff
    from influence.output import render_diff

    text = render_diff(Diff("acme", dt.date(2026, 11, 27), findings_persisting=n), "table", "ru")
    assert text.splitlines()[-1] == f"  {said}"
