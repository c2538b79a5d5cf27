"""``influence diff``: planted changes of every kind, and the JSON shape."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import influence
from influence.diff import RecordRef, diff_accounts
from influence.errors import UsageError
from influence.generate import generate_account
from tests.analysis.helpers import make
from tests.conftest import EXAMPLES, map_data

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
    assert list(got) == ["account", "as_of", "people", "ties", "records", "coverage", "findings"]
    assert got["records"] == {"added": [], "removed": [], "changed": []}
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
        "same_name": [],
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
    assert {"code": "decision-maker-weak", "subject": "a", "dropped": None} in findings["resolved"]
    assert {"code": "stance-unknown", "subject": "gone", "dropped": "left-account"} in findings["resolved"]
    assert {"code": "pains-unknown", "subject": "n"} in findings["new"]
    before_count = len(influence.analyze(before, AS_OF).findings)
    after_count = len(influence.analyze(after, AS_OF).findings)
    assert len(findings["resolved"]) + findings["persisting"] == before_count
    assert len(findings["new"]) + findings["persisting"] == after_count
    resolved = {(f["code"], f["subject"]) for f in findings["resolved"]}
    assert not resolved & {(f["code"], f["subject"]) for f in findings["new"]}


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
        "People +1 -1 ~3 · ties +3 -3 ~3 · records +0 -0 ~0 · findings resolved "
        + lines[1].split("findings resolved ")[1],
    ]
    assert "  ~ Alla (a): title CFO → CEO" in lines
    assert "  + link influences: Nina (n) → Alla (a)" in lines
    assert "  - relationship: Tanya (t1) → Alla (a)" in lines
    assert "  Nina (n): not in this version → 0.60 (covered)" in lines  # she is new
    markdown = run("diff", old, new, "--as-of", AS_OF, "--format", "markdown")
    assert markdown.stdout.startswith("# Changes: acme\n\nAs of 2026-11-27: people +1 -1 ~3")
    assert "## Ties\n\n- **added:** competitor: Rival (rival) → Boris (b)\n" in markdown.stdout
    assert "- **removed:** relationship: Tanya (t1) → Alla (a)\n" in markdown.stdout


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
    title, _, rest = run("diff", old, new, "--as-of", AS_OF, "--format", "markdown").stdout.partition("\n")
    links = "Gap report: [gaps.md](gaps.md) · Influence map: [map.html](map.html)"
    assert diff_md == f"{title}\n\n{links}\n{rest}"  # the diff itself, with a line back to the pack
    data = map_data(pack / "map.html")
    marked = {n["label"]: n.get("change") for n in data["nodes"]}
    assert marked["Nina"] == "new" and marked["Alla"] == "changed"
    assert {(e["from"], e["to"]) for e in data["edges"] if e.get("change") == "new"} >= {
        ("n", "a")
    }  # ties too
    plain = tmp_path / "plain"
    assert run("review", new, "-o", plain, "--as-of", AS_OF).exit_code == 0
    assert not (plain / "diff.md").exists()
    data = map_data(plain / "map.html")
    assert not any(x.get("change") for x in data["nodes"] + data["edges"])


def test_redacted_review_since_leaves_private_people_out(run, write, tmp_path):
    old = write(json.dumps(before_doc()), "old.json")
    new = write(json.dumps(after_doc()), "new.json")  # Clara becomes private
    pack = tmp_path / "pack"
    result = run("review", new, "-o", pack, "--as-of", AS_OF, "--since", old, "--redact")
    assert result.exit_code == 0, result.stderr
    diff_md = (pack / "diff.md").read_text(encoding="utf-8")
    assert "Clara" not in diff_md and "(c)" not in diff_md
    assert diff_md.splitlines()[2] == "Gap report: [gaps.md](gaps.md) · Influence map: [map.html](map.html)"
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
    assert (ab.records_added, ab.records_removed) == (ba.records_removed, ba.records_added)
    assert [(c.ref, c.field, c.before, c.after) for c in ab.records_changed] == [
        (c.ref, c.field, c.after, c.before) for c in ba.records_changed
    ]
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
    with pytest.raises(UsageError, match="redact=True"):  # its findings were analysed over her ties
        full.redacted()
    shared = diff_accounts(before, after, AS_OF, redact=True)
    assert shared.people_changed == ()
    report = influence.analyze(after, AS_OF)
    assert any(f.subject == "petrova" for f in report.findings)
    assert not any(f.subject == "petrova" for f in (*shared.findings_new, *shared.findings_resolved))


@pytest.mark.parametrize(
    ("n", "said"), [(1, "остаётся: 1"), (21, "остаётся: 21"), (22, "остаются: 22"), (25, "остаются: 25")]
)
def test_the_persisting_count_agrees_with_its_number_in_russian(n, said):
    import datetime as dt

    from influence.diff import Diff
    from influence.output import render_diff

    text = render_diff(Diff("acme", dt.date(2026, 11, 27), findings_persisting=n), "table", "ru")
    assert text.splitlines()[-1] == f"  {said}"


# --- the account block and the records besides people: a quarter's real edits -------------------

#: what an account team changes in a quarter besides people and ties (edits of examples/uralmet.yaml)
Q2_EDITS = [
    ('fiscal_year_start: "01-01"', 'fiscal_year_start: "04-01"'),
    ("  target_unit: steel-it\n", "  target_unit: steel-mes\n"),
    ("  owner: olga\n", "  owner: sidorov\n"),
    (
        "  - {id: uralmet-energy, name: UralMet Energy, kind: subsidiary, parent: uralmet-steel, ownership: 51}\n",
        "",
    ),
    ("parent: uralmet, ownership: 75}", "parent: uralmet, ownership: 80}"),
    ("{id: steel-mes, name: MES Office,", "{id: steel-mes, name: MES Competence Centre,"),
    ("name: Irina Melnikova,", "name: Irina Volkova,"),
    (
        "  - {id: sidorov, name: Andrey Sidorov, role: sales_vp}\n",
        "  - {id: sidorov, name: Andrey Sidorov, role: sales_vp}\n"
        "  - {id: anton, name: Anton Belyaev, role: solution_architect}\n",
    ),
    (
        "  - id: seversoft\n    name: SeverSoft\n",
        "  - id: seversoft\n    name: SeverSoft\n    incumbent: true\n",
    ),
    ("\ntenders:\n", "  - {id: itplan, name: ITPlan}\n\ntenders:\n"),
    ("submission: 2027-06-30", "submission: 2027-12-31"),
    ("  - {id: pdm-2027, title: Predictive maintenance, submission: 2027-03-15}\n", ""),
    (
        "date: 2027-03-20, targets: [belov, fedorov], owner: irina, budget: 12000}",
        "date: 2027-05-20, targets: [belov, fedorov], owner: irina, budget: 15000}",
    ),
]


def _uralmet(edits=()) -> str:
    """examples/uralmet.yaml with each (old, new) edit made once."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _section(text: str, title: str) -> list[str]:
    """The lines of one section of a table diff, from its title to the blank line after it."""
    lines = text.splitlines()
    start = lines.index(title)
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def test_account_and_records_changes_in_json(write):
    """Every field of the account block and the records with an id, by section in file order, id, field."""
    from influence.diff import RecordChange, RecordRef

    before = influence.load(EXAMPLES / "uralmet.yaml")
    after = influence.load(write(_uralmet(Q2_EDITS), "q2.yaml"))
    change = diff_accounts(before, after, AS_OF)
    assert not change.empty
    assert (change.people_added, change.people_removed, change.people_changed) == ((), (), ())
    assert (change.ties_added, change.ties_removed, change.ties_changed) == ((), (), ())
    assert change.records_added == (RecordRef("team", "anton"), RecordRef("competitors", "itplan"))
    assert change.records_changed[0] == RecordChange(
        "account", "uralmet", "fiscal_year_start", "01-01", "04-01"
    )
    got = change.to_dict()
    assert list(got) == ["account", "as_of", "people", "ties", "records", "coverage", "findings"]
    assert got["records"] == {
        "added": [{"section": "team", "id": "anton"}, {"section": "competitors", "id": "itplan"}],
        "removed": [
            {"section": "organizations", "id": "uralmet-energy"},
            {"section": "tenders", "id": "pdm-2027"},
        ],
        "changed": [
            {
                "section": "account",
                "id": "uralmet",
                "field": "fiscal_year_start",
                "before": "01-01",
                "after": "04-01",
            },
            {"section": "account", "id": "uralmet", "field": "owner", "before": "olga", "after": "sidorov"},
            {
                "section": "account",
                "id": "uralmet",
                "field": "target_unit",
                "before": "steel-it",
                "after": "steel-mes",
            },
            {
                "section": "organizations",
                "id": "uralmet-pipe",
                "field": "ownership",
                "before": 75,
                "after": 80,
            },
            {
                "section": "units",
                "id": "steel-mes",
                "field": "name",
                "before": "MES Office",
                "after": "MES Competence Centre",
            },
            {
                "section": "team",
                "id": "irina",
                "field": "name",
                "before": "Irina Melnikova",
                "after": "Irina Volkova",
            },
            {
                "section": "competitors",
                "id": "seversoft",
                "field": "incumbent",
                "before": False,
                "after": True,
            },
            {
                "section": "tenders",
                "id": "mes-2027",
                "field": "submission",
                "before": "2027-06-30",
                "after": "2027-12-31",
            },
            {"section": "activities", "id": "ural-conf", "field": "budget", "before": 12000, "after": 15000},
            {
                "section": "activities",
                "id": "ural-conf",
                "field": "date",
                "before": "2027-03-20",
                "after": "2027-05-20",
            },
        ],
    }
    # the JSON text holds dates as ISO text, like a person's or a tie's dates
    assert '"before": "2027-06-30"' in influence.output.render_diff(change, "json")


def test_account_and_records_changes_in_the_table_and_markdown(run, write):
    old, new = EXAMPLES / "uralmet.yaml", write(_uralmet(Q2_EDITS), "q2.yaml")
    table = run("diff", old, new, "--as-of", AS_OF).stdout
    assert table.splitlines()[1] == (
        "People +0 -0 ~0 · ties +0 -0 ~0 · records +2 -2 ~7 · findings resolved 0, dropped 0, new 0"
    )
    assert _section(table, "ACCOUNT AND RECORDS") == [
        "ACCOUNT AND RECORDS",
        "  + team member Anton Belyaev (anton)",
        "  + competitor ITPlan (itplan)",
        "  - organization UralMet Energy (uralmet-energy)",
        "  - tender Predictive maintenance (pdm-2027)",
        "  ~ account UralMet Holding (uralmet): fiscal_year_start 01-01 → 04-01",
        "  ~ account UralMet Holding (uralmet): owner Olga Nikolaeva (olga) → Andrey Sidorov (sidorov)",
        "  ~ account UralMet Holding (uralmet): target_unit steel-it → steel-mes",
        "  ~ organization UralMet Pipe Works (uralmet-pipe): ownership 75 → 80",
        "  ~ unit MES Competence Centre (steel-mes): name MES Office → MES Competence Centre",
        "  ~ team member Irina Volkova (irina): name Irina Melnikova → Irina Volkova",
        "  ~ competitor SeverSoft (seversoft): incumbent no → yes",
        "  ~ tender MES modernization (mes-2027): submission 2027-06-30 → 2027-12-31",
        "  ~ activity ural-conf: budget 12000 → 15000",
        "  ~ activity ural-conf: date 2027-03-20 → 2027-05-20",
    ]
    sections = [line for line in table.splitlines() if line and line == line.upper() and line[0].isalpha()]
    assert sections == ["PEOPLE", "TIES", "ACCOUNT AND RECORDS", "COVERAGE OF DECISION MAKERS", "FINDINGS"]
    markdown = run("diff", old, new, "--as-of", AS_OF, "--format", "markdown").stdout
    assert "records +2 -2 ~7" in markdown.splitlines()[2]
    assert (
        "## Ties\n\n- (none)\n\n## Account and records\n\n"
        "- **added:** team member Anton Belyaev (anton)\n"
        "- **added:** competitor ITPlan (itplan)\n"
        "- **removed:** organization UralMet Energy (uralmet-energy)\n"
        "- **removed:** tender Predictive maintenance (pdm-2027)\n"
        "- **changed:** account UralMet Holding (uralmet): fiscal\\_year\\_start 01-01 → 04-01\n"
    ) in markdown
    assert (
        "- **changed:** tender MES modernization (mes-2027): submission 2027-06-30 → 2027-12-31\n" in markdown
    )
    assert "\n\n## Coverage of decision makers\n" in markdown


def test_account_and_records_changes_in_russian(run, write):
    old, new = EXAMPLES / "uralmet.yaml", write(_uralmet(Q2_EDITS), "q2.yaml")
    table = run("diff", old, new, "--as-of", AS_OF, "--lang", "ru").stdout
    assert table.splitlines()[1] == (
        "Люди +0 -0 ~0 · связи +0 -0 ~0 · записи +2 -2 ~7 · находки: закрыто 0, снято 0, новых 0"
    )
    assert _section(table, "КЛИЕНТ И ЗАПИСИ") == [
        "КЛИЕНТ И ЗАПИСИ",
        "  + участник команды Anton Belyaev (anton)",
        "  + конкурент ITPlan (itplan)",
        "  - организация UralMet Energy (uralmet-energy)",
        "  - тендер Predictive maintenance (pdm-2027)",
        "  ~ клиент UralMet Holding (uralmet): начало финансового года: 01-01 → 04-01",
        "  ~ клиент UralMet Holding (uralmet): ответственный: Olga Nikolaeva (olga) → Andrey Sidorov (sidorov)",
        "  ~ клиент UralMet Holding (uralmet): целевое подразделение: steel-it → steel-mes",
        "  ~ организация UralMet Pipe Works (uralmet-pipe): доля владения: 75 → 80",
        "  ~ подразделение MES Competence Centre (steel-mes): название: MES Office → MES Competence Centre",
        "  ~ участник команды Irina Volkova (irina): имя: Irina Melnikova → Irina Volkova",
        "  ~ конкурент SeverSoft (seversoft): действующий поставщик: нет → да",
        "  ~ тендер MES modernization (mes-2027): подача заявок: 2027-06-30 → 2027-12-31",
        "  ~ мероприятие ural-conf: бюджет: 12000 → 15000",
        "  ~ мероприятие ural-conf: дата: 2027-03-20 → 2027-05-20",
    ]
    markdown = run("diff", old, new, "--as-of", AS_OF, "--format", "markdown", "--lang", "ru").stdout
    assert "\n## Клиент и записи\n\n- **добавлено:** участник команды Anton Belyaev (anton)\n" in markdown


def test_every_record_field_and_section_has_words_in_both_languages():
    from influence.diff import RECORD_FIELDS, RECORD_SECTIONS
    from influence.i18n import translator
    from influence.output import RECORD_FIELD_WORDS, RECORD_NOUNS
    from influence.schema import RECORDS

    assert RECORD_SECTIONS == (
        "account",
        "organizations",
        "units",
        "team",
        "competitors",
        "tenders",
        "activities",
    )
    assert [f.key for f in RECORD_FIELDS["account"]] == [f.key for f in RECORDS["account"].fields][1:]
    assert [f.key for f in RECORD_FIELDS["competitors"]] == ["name", "incumbent"]
    ru = translator("ru")
    for section in RECORD_SECTIONS:
        assert ru.pgettext(*RECORD_NOUNS[section]) != RECORD_NOUNS[section][1], section
        for f in RECORD_FIELDS[section]:
            words = RECORD_FIELD_WORDS.get(f"{section}.{f.key}") or RECORD_FIELD_WORDS[f.key]
            assert ru.pgettext(*words) != f.key, (section, f.key)


def test_vocabulary_values_of_records_read_as_words_in_russian():
    """An activity's kind and status and an organization's kind were shown as their codes
    ("статус: cancelled → planned") in a Russian diff."""
    import dataclasses

    before = influence.load(EXAMPLES / "uralmet.yaml")
    after = dataclasses.replace(
        before,
        activities=tuple(
            dataclasses.replace(a, kind="pilot", status="cancelled") if a.id == "ural-conf" else a
            for a in before.activities
        ),
        organizations=tuple(
            dataclasses.replace(o, kind="branch") if o.id == "uralmet-pipe" else o
            for o in before.organizations
        ),
    )
    kinds = {a.id: (a.kind, a.status) for a in before.activities}
    org_kind = next(o.kind for o in before.organizations if o.id == "uralmet-pipe")
    from influence.output import render_diff

    ru = render_diff(diff_accounts(before, after, AS_OF), "table", "ru").splitlines()
    assert kinds["ural-conf"] == ("conference", "planned") and org_kind == "company"
    assert "  ~ мероприятие ural-conf: тип: конференция → пилот" in ru
    assert "  ~ мероприятие ural-conf: статус: запланировано → отменено" in ru
    assert "  ~ организация UralMet Pipe Works (uralmet-pipe): тип: компания → филиал" in ru
    en = render_diff(diff_accounts(before, after, AS_OF), "table", "en").splitlines()
    assert "  ~ activity ural-conf: status planned → cancelled" in en


def test_a_large_budget_reads_as_a_number():
    """A float shown with :g turned a budget of 1,500,000 into 1.5e+06."""
    import dataclasses

    before = influence.load(EXAMPLES / "uralmet.yaml")
    after = dataclasses.replace(
        before,
        activities=tuple(
            dataclasses.replace(a, budget=1500000.0) if a.id == "pdm-pilot" else a for a in before.activities
        ),
    )
    text = influence.output.render_diff(diff_accounts(before, after, AS_OF), "table", "ru")
    assert "  ~ мероприятие pdm-pilot: бюджет: 40000 → 1500000" in text.splitlines()


def test_a_redacted_diff_leaves_out_activities_that_target_a_private_person(run, write, tmp_path):
    """Anna Petrova is private in uralmet: an activity that targets her (added, or changed to
    target her) is left out of a shared diff whole (its id may be named after her), and so is a
    record change whose text names her; the other record changes stay."""
    edits = [
        ("submission: 2027-06-30", "submission: 2027-12-31"),
        (
            "targets: [belov, petrov], owner: dmitry, budget: 40000}",
            "targets: [belov, petrov, petrova], owner: dmitry, budget: 40000}",
        ),
        ("runs the tender.", "runs the tender; Anna Petrova backs it at home."),
        (
            "status: cancelled}\n",
            "status: cancelled}\n  - {id: petrova-tea, kind: meeting, date: 2027-02-20, targets: [petrova], owner: dmitry, budget: 100}\n",
        ),
    ]
    before = influence.load(EXAMPLES / "uralmet.yaml")
    after = influence.load(write(_uralmet(edits), "q2.yaml"))
    full = diff_accounts(before, after, AS_OF)
    assert [(r.section, r.id) for r in full.records_added] == [("activities", "petrova-tea")]
    assert [(c.id, c.field) for c in full.records_changed] == [
        ("uralmet", "target_rationale"),
        ("mes-2027", "submission"),
        ("pdm-pilot", "targets"),
    ]
    shared = diff_accounts(before, after, AS_OF, redact=True)
    assert shared.to_dict()["records"] == {
        "added": [],
        "removed": [],
        "changed": [
            {
                "section": "tenders",
                "id": "mes-2027",
                "field": "submission",
                "before": "2027-06-30",
                "after": "2027-12-31",
            }
        ],
    }
    pack = tmp_path / "pack"
    old = write(_uralmet(), "q1.yaml")
    result = run(
        "review", write(_uralmet(edits), "q2.yaml"), "-o", pack, "--as-of", AS_OF, "--since", old, "--redact"
    )
    assert result.exit_code == 0, result.stderr
    diff_md = (pack / "diff.md").read_text(encoding="utf-8")
    assert "petrova" not in diff_md.lower() and "Anna" not in diff_md
    assert (
        "- **changed:** tender MES modernization (mes-2027): submission 2027-06-30 → 2027-12-31\n" in diff_md
    )
    assert "records +0 -0 ~1" in diff_md


# --- someone who left is not "not a decision maker", and findings about her are not "resolved" ---


def _without_orlova() -> str:
    """uralmet after Elena Orlova left: her reports now report to the CEO, her activity is gone."""
    text = _uralmet(
        [
            ("    reports_to: orlova\n    phone:", "    reports_to: sokolov\n    phone:"),
            ("    reports_to: orlova\n    email: s.belov", "    reports_to: sokolov\n    email: s.belov"),
            ("      - {person: orlova, strength: strong}\n", ""),
            (
                "  - {id: orlova-training, kind: training, date: 2027-01-20, targets: [orlova], owner: dmitry, budget: 3000, status: cancelled}\n",
                "",
            ),
        ]
    )
    return text[: text.index("  - id: orlova\n")] + text[text.index("  - id: petrov\n") :]


def test_a_decision_maker_who_left_is_not_in_this_version_and_her_findings_are_dropped(run, write):
    old, new = EXAMPLES / "uralmet.yaml", write(_without_orlova(), "q2.yaml")
    change = diff_accounts(influence.load(old), influence.load(new), AS_OF)
    about_her = [f for f in change.findings_resolved if f.subject == "orlova"]
    assert about_her and change.findings_resolved == tuple(about_her)
    assert change.gone() == {"orlova", "orlova-training"}
    got = change.to_dict()  # a side without her is null, her findings are among the resolved, dropped
    assert {
        "person": "orlova",
        "before": 0.45,
        "after": None,
        "status_before": "weak",
        "status_after": None,
    } in got["coverage"]
    assert {"code": "competitor-ahead", "subject": "orlova", "dropped": "left-account"} in got["findings"][
        "resolved"
    ]
    table = run("diff", old, new, "--as-of", AS_OF).stdout
    lines = table.splitlines()
    assert lines[1] == (
        f"People +0 -1 ~2 · ties +0 -1 ~0 · records +0 -1 ~0 · findings resolved 0, dropped {len(about_her)}, new 0"
    )
    assert "  Elena Orlova (orlova): 0.45 (weak) → not in this version" in lines
    assert "  dropped (no longer in the account): competitor ahead (Elena Orlova, orlova)" in lines
    assert not any("not a decision maker" in line or "resolved:" in line for line in lines)
    assert "  - activity orlova-training" in lines
    ru = run("diff", old, new, "--as-of", AS_OF, "--lang", "ru").stdout.splitlines()
    assert "  Elena Orlova (orlova): 0,45 (слабое покрытие) → нет в этой версии" in ru
    assert "  снята (больше нет у клиента): конкурент опережает (Elena Orlova, orlova)" in ru
    assert ru[1].endswith(f"находки: закрыто 0, снято {len(about_her)}, новых 0")
    markdown = run("diff", old, new, "--as-of", AS_OF, "--format", "markdown").stdout
    assert "- dropped (no longer in the account): competitor ahead (Elena Orlova, orlova)\n" in markdown


def _renamed(name: str = "Petr Petrov") -> str:
    """uralmet with Petr Petrov under the id p.petrov (and the name ``name``)."""
    text = _uralmet()
    for old, new in [
        ("id: petrov\n", "id: p.petrov\n"),
        ("reports_to: petrov", "reports_to: p.petrov"),
        ("to: petrov,", "to: p.petrov,"),
        ("person: petrov,", "person: p.petrov,"),
        ("ivanov, petrov]", "ivanov, p.petrov]"),
        ("belov, petrov]", "belov, p.petrov]"),
        ("name: Petr Petrov\n", f"name: {name}\n"),
    ]:
        text = text.replace(old, new)
    return text


def test_a_renamed_id_reads_as_one_person_leaving_and_one_arriving(run, write):
    lines = run(
        "diff", EXAMPLES / "uralmet.yaml", write(_renamed(), "q2.yaml"), "--as-of", AS_OF
    ).stdout.splitlines()
    assert "  Petr Petrov (petrov): 0.90 (covered) → not in this version" in lines
    assert "  Petr Petrov (p.petrov): not in this version → 0.90 (covered)" in lines
    assert (
        "  dropped (no longer in the account): decision maker known by one of us only (Petr Petrov, petrov)"
        in lines
    )
    assert "  new: decision maker known by one of us only (Petr Petrov, p.petrov)" in lines


def test_a_person_removed_and_one_added_with_the_same_name_are_flagged_as_maybe_a_renamed_id(run, write):
    """A changed id read as one person removed and another added, with no hint, and their findings as
    dropped and new: a note now says they share a name (in any case and spacing)."""
    old, new = EXAMPLES / "uralmet.yaml", write(_renamed(" petr  PETROV"), "q2.yaml")
    people = _section(run("diff", old, new, "--as-of", AS_OF).stdout, "PEOPLE")
    assert people[1:4] == [
        "  + petr  PETROV (p.petrov)",
        "  - Petr Petrov (petrov)",
        "  note: Petr Petrov (petrov) and petr  PETROV (p.petrov) share a name: if they are one person"
        " under a new id, keep the earlier id (a diff matches people by id)",
    ]
    ru = run("diff", old, new, "--as-of", AS_OF, "--lang", "ru").stdout
    assert (
        "  примечание: одно имя у двоих, Petr Petrov (petrov) и petr  PETROV (p.petrov): если это один человек"
        " с новым id, верните ему прежний id (при сравнении версий люди сопоставляются по id)"
    ) in ru.splitlines()
    markdown = run("diff", old, new, "--as-of", AS_OF, "--format", "markdown").stdout
    assert "\n- note: Petr Petrov (petrov) and petr  PETROV (p.petrov) share a name: " in markdown
    got = json.loads(run("diff", old, new, "--as-of", AS_OF, "--format", "json").stdout)["people"]
    assert got["same_name"] == [{"removed": "petrov", "added": "p.petrov"}]
    other = write(_renamed("Pavel Petrov"), "q3.yaml")  # another person: no note
    assert "note:" not in run("diff", old, other, "--as-of", AS_OF).stdout
    assert diff_accounts(influence.load(old), influence.load(other), AS_OF).people_same_name == ()


def test_a_shared_diff_flags_no_renamed_id_of_a_private_person():
    before = influence.load(EXAMPLES / "uralmet.yaml")
    people = tuple(dataclasses.replace(p, id="a.petrova") if p.id == "petrova" else p for p in before.people)
    links = tuple(
        dataclasses.replace(x, source="a.petrova") if x.source == "petrova" else x for x in before.links
    )
    links = tuple(dataclasses.replace(x, target="a.petrova") if x.target == "petrova" else x for x in links)
    after = dataclasses.replace(before, people=people, links=links)
    assert diff_accounts(before, after, AS_OF).people_same_name == (("petrova", "a.petrova"),)
    assert diff_accounts(before, after, AS_OF, redact=True).people_same_name == ()


def test_someone_still_here_who_stops_deciding_is_not_a_decision_maker(run, write):
    text = _uralmet([("    roles: [decision_maker, problem_owner]\n", "    roles: [problem_owner]\n")])
    lines = run(
        "diff", EXAMPLES / "uralmet.yaml", write(text, "q2.yaml"), "--as-of", AS_OF
    ).stdout.splitlines()
    assert "  Elena Orlova (orlova): 0.45 (weak) → not a decision maker" in lines
    assert (
        "  dropped (no longer a decision maker): decision maker weakly covered (Elena Orlova, orlova)"
        in lines
    )


def _demoted() -> str:
    """uralmet with Elena Orlova no longer a decision maker (still the problem owner) and Alexey
    Kozlov out of the buying team: nothing about either was worked on."""
    return _uralmet(
        [
            ("    roles: [decision_maker, problem_owner]\n", "    roles: [problem_owner]\n"),
            (
                "    roles: [anti_influencer, user]\n",
                "    roles: [anti_influencer, user]\n    buying_team: false\n",
            ),
        ]
    )


def test_findings_of_someone_out_of_their_scope_are_dropped_not_resolved(run, write):
    """Orlova's decision-maker findings and Kozlov's buying-team findings read "resolved" though the
    competitor still pressed her at 0.9: they no longer apply, as for someone who left the account."""
    old, new = EXAMPLES / "uralmet.yaml", write(_demoted(), "q1.yaml")
    lines = run("diff", old, new, "--as-of", AS_OF).stdout.splitlines()
    assert lines[1].endswith("findings resolved 0, dropped 6, new 1")
    findings = _section("\n".join(lines), "FINDINGS")
    assert findings[1:] == [
        "  dropped (no longer a decision maker): anti-influence path to a decision maker (Elena Orlova, orlova)",
        "  dropped (no longer a decision maker): competitor ahead (Elena Orlova, orlova)",
        "  dropped (no longer a decision maker): decision maker weakly covered (Elena Orlova, orlova)",
        "  dropped (no longer in the buying team): no relationship with our team (Alexey Kozlov, kozlov)",
        "  dropped (no longer in the buying team): no offer for their pains (Alexey Kozlov, kozlov)",
        "  dropped (no longer a decision maker): decision maker left out of the plan (Elena Orlova, orlova)",
        "  new: no relationship with our team (Elena Orlova, orlova)",
        "  persisting: 30",
    ]
    got = json.loads(run("diff", old, new, "--as-of", AS_OF, "--format", "json").stdout)["findings"]
    assert {(f["code"], f["subject"], f["dropped"]) for f in got["resolved"]} == {
        ("anti-influence-path", "orlova", "no-longer-decision-maker"),
        ("competitor-ahead", "orlova", "no-longer-decision-maker"),
        ("decision-maker-weak", "orlova", "no-longer-decision-maker"),
        ("not-connected", "kozlov", "left-buying-team"),
        ("offer-missing", "kozlov", "left-buying-team"),
        ("plan-gap", "orlova", "no-longer-decision-maker"),
    }
    ru = run("diff", old, new, "--as-of", AS_OF, "--lang", "ru").stdout.splitlines()
    assert "  снята (больше не ЛПР): ЛПР нет в плане мероприятий (Elena Orlova, orlova)" in ru
    assert "  снята (больше не в закупочной группе): нет предложения под боли (Alexey Kozlov, kozlov)" in ru
    assert ru[1].endswith("находки: закрыто 0, снято 6, новых 1")
    markdown = run("diff", old, new, "--as-of", AS_OF, "--format", "markdown").stdout
    assert (
        "- dropped (no longer in the buying team): no offer for their pains (Alexey Kozlov, kozlov)\n"
        in markdown
    )


def test_a_finding_still_in_scope_is_resolved_and_one_about_the_others_is_dropped_for_a_new_decider():
    """Work done on someone who stays in scope resolves; "not-connected" (about the people who do not
    decide) is dropped for someone who now decides, where the decision-maker findings take over."""
    from influence.output import render_diff

    before = influence.load(EXAMPLES / "uralmet.yaml")
    edits = {
        "kozlov": {"offer": "keep the MES team in charge of the rollout"},
        "lebedev": {"roles": ("decision_maker", "influencer")},
    }
    people = tuple(dataclasses.replace(p, **edits.get(p.id, {})) for p in before.people)
    d = diff_accounts(before, dataclasses.replace(before, people=people), AS_OF)
    why = {(f.code, f.subject): d.dropped_as(f) for f in d.findings_resolved}
    assert why[("offer-missing", "kozlov")] is None
    assert why[("not-connected", "lebedev")] == "now-decision-maker"
    lines = render_diff(d, "table", "ru").splitlines()
    assert "  закрыта: нет предложения под боли (Alexey Kozlov, kozlov)" in lines
    assert "  снята (теперь ЛПР): нет прямых отношений с нашей командой (Andrey Lebedev, lebedev)" in lines
    assert (
        "  new: decision maker left out of the plan (Andrey Lebedev, lebedev)"
        in render_diff(d, "table").splitlines()
    )


def test_every_reason_to_drop_a_finding_has_words_in_both_languages():
    from influence.diff import DROPPED
    from influence.i18n import translator
    from influence.output import DROPPED_WORDS

    assert set(DROPPED_WORDS) == set(DROPPED)
    for template in DROPPED_WORDS.values():
        said = translator("ru").tr(template, code="c", subject="s")
        assert said != template.format(code="c", subject="s") and said.endswith(": c (s)")


def test_the_example_quarters_diff_lists_the_account_and_the_new_activities(run):
    old, new = EXAMPLES / "uralmet.yaml", EXAMPLES / "uralmet-2027q1.yaml"
    got = diff_accounts(influence.load(old), influence.load(new), "2027-02-01").to_dict()
    assert got["records"] == {
        "added": [
            {"section": "activities", "id": "ceo-lunch"},
            {"section": "activities", "id": "orlova-site-walk"},
        ],
        "removed": [],
        "changed": [
            {
                "section": "account",
                "id": "uralmet",
                "field": "next_review",
                "before": "2027-01-15",
                "after": "2027-04-15",
            }
        ],
    }
    table = run("diff", old, new, "--as-of", "2027-02-01").stdout
    assert table.splitlines()[1] == (
        "People +0 -0 ~2 · ties +2 -0 ~1 · records +2 -0 ~1 · findings resolved 9, dropped 0, new 3"
    )
    assert _section(table, "ACCOUNT AND RECORDS") == [
        "ACCOUNT AND RECORDS",
        "  + activity ceo-lunch",
        "  + activity orlova-site-walk",
        "  ~ account UralMet Holding (uralmet): next_review 2027-01-15 → 2027-04-15",
    ]


def test_a_shared_diff_leaves_out_every_entry_whose_text_names_a_private_person():
    """Anna Petrova is private: a pain, a tender title, a rationale naming her (by her full name,
    a part of it, or her id) were printed in a redacted diff.md, and so was her earlier name."""
    import dataclasses

    before = influence.load(EXAMPLES / "uralmet.yaml")
    people = tuple(
        dataclasses.replace(p, pains=(*p.pains, "his wife Anna Petrova wants him home"))
        if p.id == "petrov"
        else dataclasses.replace(p, name="Anna Petrova-Grigorieva")
        if p.id == "petrova"
        else p
        for p in before.people
    )
    tender = dataclasses.replace(before.tenders[0], id="gift", title="Gift for Anna Petrova")
    info = dataclasses.replace(before.info, target_rationale="Petrova confirms the MES budget.")
    after = dataclasses.replace(before, people=people, tenders=(*before.tenders, tender), info=info)
    full, shared = diff_accounts(before, after, AS_OF), diff_accounts(before, after, AS_OF, redact=True)
    assert [c.person for c in full.people_changed] == ["petrov", "petrova"]
    assert [r.id for r in full.records_added] == ["gift"]
    assert [c.field for c in full.records_changed] == ["target_rationale"]
    assert shared.people_changed == () and shared.records_added == () and shared.records_changed == ()


def test_the_account_is_never_gone_though_an_organization_shares_its_id():
    """UralMet's holding organization has the account's id: removing it made a finding about the
    account read as "dropped (no longer in the account)"."""
    import dataclasses

    before = influence.load(EXAMPLES / "uralmet.yaml")
    orgs = tuple(
        dataclasses.replace(o, id="uralmet-hold") if o.id == "uralmet" else o for o in before.organizations
    )
    parent = {"uralmet": "uralmet-hold"}
    orgs = tuple(dataclasses.replace(o, parent=parent.get(o.parent, o.parent)) for o in orgs)
    units = tuple(
        dataclasses.replace(u, organization=parent.get(u.organization, u.organization)) for u in before.units
    )
    after = dataclasses.replace(before, organizations=orgs, units=units)
    d = diff_accounts(before, after, AS_OF)
    assert RecordRef("organizations", "uralmet") in d.records_removed
    assert "uralmet" not in d.gone()


def test_a_small_change_shows_and_reordered_targets_are_no_change():
    """Ownership 100 -> 99.99999 printed "100 -> 100"; an activity's targets in another order
    read as a change, while a person's roles in another order did not."""
    import dataclasses

    from influence.output import render_diff

    before = influence.load(EXAMPLES / "uralmet.yaml")
    orgs = tuple(
        dataclasses.replace(o, ownership=99.99999) if o.id == "uralmet-steel" else o
        for o in before.organizations
    )
    acts = tuple(dataclasses.replace(a, targets=tuple(reversed(a.targets))) for a in before.activities)
    d = diff_accounts(before, dataclasses.replace(before, organizations=orgs, activities=acts), AS_OF)
    assert [(c.id, c.field) for c in d.records_changed] == [("uralmet-steel", "ownership")]
    assert "ownership 100 → 99.99999" in render_diff(d, "table")


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "  ~ Viktor Kuznetsov (kuznetsov): stance skeptic → neutral"),
        ("ru", "  ~ Viktor Kuznetsov (kuznetsov): позиция: скептик → нейтрал"),
    ],
)
def test_a_stance_change_is_said_in_words(lang, line):
    """Every report says a stance in words; the diff said -1 -> 0."""
    from influence.output import render_diff

    d = diff_accounts(
        influence.load(EXAMPLES / "uralmet.yaml"),
        influence.load(EXAMPLES / "uralmet-2027q1.yaml"),
        "2027-02-01",
    )
    assert line in render_diff(d, "table", lang).splitlines()


def test_an_awareness_change_is_said_in_the_report_language(run, tmp_path):
    """The Russian diff said "осведомлённость о нас none → low" while it translated stances."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    before, after = tmp_path / "a.yaml", tmp_path / "b.yaml"
    before.write_text(text, encoding="utf-8")
    assert text.count("    awareness: high\n") >= 1
    after.write_text(text.replace("    awareness: high\n", "    awareness: none\n", 1), encoding="utf-8")
    ru = run("diff", before, after, "--as-of", AS_OF, "--lang", "ru").stdout
    assert "высокая → нет" in ru and "high" not in ru, ru
    en = run("diff", before, after, "--as-of", AS_OF).stdout
    assert "high → none" in en


def test_people_in_a_change_are_named_as_everywhere_else():
    """«руководитель kostina → solovyov», «цели sergeeva, kim → sergeeva»: a change of a manager,
    an activity's targets or a record's owner showed bare ids, where every other line names people."""
    from influence.output import render_diff

    before = influence.load(EXAMPLES / "uralmet.yaml")
    people = tuple(
        dataclasses.replace(p, reports_to="belov") if p.id == "orlova" else p for p in before.people
    )
    activities = tuple(
        dataclasses.replace(a, targets=(*a.targets, "belov")) if i == 0 else a
        for i, a in enumerate(before.activities)
    )
    after = dataclasses.replace(before, people=people, activities=activities)
    first = before.activities[0]
    lines = render_diff(diff_accounts(before, after, AS_OF), "table", "ru").splitlines()
    manager = before.person_by_id["orlova"].reports_to
    assert (
        f"  ~ Elena Orlova (orlova): руководитель: {before.display_name(manager)} ({manager}) → Sergey Belov (belov)"
        in lines
    )
    targets = ", ".join(f"{before.display_name(x)} ({x})" for x in sorted(first.targets))
    assert f"  ~ мероприятие {first.id}: цели: {targets} → {targets}, Sergey Belov (belov)" in lines


@pytest.mark.parametrize(
    ("kind", "written", "changed"),
    [
        ("friend", {"strength": 0.6, "back_strength": "medium"}, []),  # the defaults, written out
        ("influences", {"back_strength": 0}, []),  # no reverse edge either way
        ("family", {"strength": "strong"}, []),  # 0.9, the family default
        ("friend", {"back_strength": 0.8}, [("back_strength", 0.6, 0.8)]),  # the default, not None
        ("influences", {"back_strength": 0.5}, [("back_strength", 0.0, 0.5)]),
        ("family", {"strength": 0.5}, [("strength", 0.9, 0.5)]),
    ],
)
def test_a_links_default_strength_written_out_is_no_change(kind, written, changed):
    """A link without a strength has its type's default; writing that default is no change."""
    doc = {
        "format": "influence/v1",
        "account": {"id": "a", "name": "A"},
        "people": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
        "links": [{"from": "p", "to": "q", "type": kind}],
    }
    after = copy.deepcopy(doc)
    after["links"][0].update(written)
    diff = diff_accounts(make(doc), make(after), "2026-12-01")
    assert [(c.field, c.before, c.after) for c in diff.ties_changed] == changed


def test_a_change_of_roles_names_them_as_the_gap_report_does(run, tmp_path):
    """«роли: gatekeeper → economic_buyer, gatekeeper» gave the codes, in a diff that says stances and
    awareness in words, and beside a gap report that says «привратник»."""
    before = EXAMPLES / "uralmet-ru.yaml"
    after = tmp_path / "after.yaml"
    text = before.read_text(encoding="utf-8")
    assert text.count("roles: [gatekeeper]") >= 1
    after.write_text(
        text.replace("roles: [gatekeeper]", "roles: [gatekeeper, economic_buyer]", 1), encoding="utf-8"
    )
    ru = run("diff", before, after, "--as-of", "2026-11-27").stdout
    assert "роли: привратник → экономический покупатель, привратник" in ru, ru
    en = run("diff", before, after, "--as-of", "2026-11-27", "--lang", "en").stdout
    assert "roles gatekeeper → economic buyer, gatekeeper" in en, en


def test_a_links_default_strength_shows_as_its_value_on_both_sides():
    """A friend link without a strength given 0.9 read "strength — → 0.9" (JSON before: null),
    while our relationships show their default 0.6: the link's is its type's default."""
    from influence.output import render_diff

    doc = {
        "format": "influence/v1",
        "account": {"id": "acme", "name": "Acme"},
        "people": [
            {"id": "a", "name": "Al A", "roles": ["user"]},
            {"id": "b", "name": "Bo B", "roles": ["user"]},
        ],
        "links": [{"from": "b", "to": "a", "type": "friend"}],
    }
    after = copy.deepcopy(doc)
    after["links"][0]["strength"] = 0.9
    d = diff_accounts(make(doc), make(after), AS_OF)
    assert (
        "  ~ link friend: Bo B (b) → Al A (a): strength 0.60 → 0.90" in render_diff(d, "table").splitlines()
    )
    assert "сила: 0,60 → 0,90" in render_diff(d, "table", "ru")
    back = diff_accounts(make(after), make(doc), AS_OF).to_dict()["ties"]["changed"]
    assert [(c["field"], c["before"], c["after"]) for c in back] == [("strength", 0.9, 0.6)]


def test_a_no_op_edit_of_a_person_is_no_change():
    """``buying_team: true`` written for someone with roles (in the team anyway) read
    "buying_team — → yes"; pains in another order, a blank pain or a blank offer say nothing new."""
    from influence.output import render_diff

    doc = {
        "format": "influence/v1",
        "account": {"id": "acme", "name": "Acme"},
        "people": [
            {"id": "a", "name": "Al A", "roles": ["user"], "pains": ["downtime", "audits"]},
            {"id": "b", "name": "Bo B", "roles": ["user"], "pains": ["scrap"]},
            {"id": "c", "name": "Cy C", "informal": True},
        ],
    }
    after = copy.deepcopy(doc)
    after["people"][0].update(buying_team=True, pains=["audits", "downtime", " "], offer=" ")
    after["people"][2]["buying_team"] = True  # informal: in the team anyway
    assert diff_accounts(make(doc), make(after), AS_OF).empty
    after["people"][1]["buying_team"] = False
    after["people"][1]["pains"] = ["scrap", "  ", "audits"]
    d = diff_accounts(make(doc), make(after), AS_OF)
    assert [c.to_dict() for c in d.people_changed] == [
        {"person": "b", "field": "buying_team", "before": True, "after": False},
        {"person": "b", "field": "pains", "before": ["scrap"], "after": ["scrap", "audits"]},
    ]
    lines = render_diff(d, "table").splitlines()
    assert "  ~ Bo B (b): buying_team yes → no" in lines
    assert "  ~ Bo B (b): pains scrap → scrap, audits" in lines
