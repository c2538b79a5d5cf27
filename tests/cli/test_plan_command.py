"""``influence plan``: exact output, the JSON shape, --apply and bad input."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.analysis.test_plan import HAND
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"


@pytest.fixture
def hand(tmp_path):
    path = tmp_path / "hand.yaml"
    path.write_text(yaml.safe_dump(HAND, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_plan_table(run, hand):
    result = run("plan", hand, "--as-of", AS_OF, "--moves", "2")
    assert result.exit_code == 0
    assert result.stdout == (
        "Plan: Hand (hand), as of 2026-11-27\n"
        "\n"
        "What to do first: score 2.56 → 4.50 with 2 moves\n"
        "  1. Tanya: strengthen the relationship with AL (0.60 → 0.90)\n"
        "      gain +1.54, score 4.10; coverage: DM 0.30 → 0.45, EB 0.48 → 0.72, FAR 0.24 → 0.36, TB 0.30 →\n"
        "      0.45; resolves: competitor ahead (EB), decision maker weakly covered (EB), decision maker left\n"
        "      out of the plan (EB), no activity planned (Hand)\n"
        "  2. Tanya: meet FAR, introduced by AL (new relationship 0.60)\n"
        "      gain +0.40, score 4.50; coverage: FAR 0.36 → 0.60; resolves: decision maker weakly covered\n"
        "      (FAR), decision maker left out of the plan (FAR)\n"
        "  Still not covered after these moves: DM, TB.\n"  # two moves asked for: more may reach them
    )
    result = run("plan", hand, "--as-of", AS_OF, "--moves", "3")
    assert result.stdout.endswith("(DM)\n  Still not covered after these moves: TB.\n")
    result = run("plan", hand, "--as-of", AS_OF, "--moves", "20")  # four moves cover everyone
    assert result.stdout.endswith(
        "resolves: decision maker weakly covered\n      (TB), decision maker left out of the plan (TB)\n"
    )


def test_plan_json_shape(run, hand):
    result = run("plan", hand, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["account", "as_of", "score_before", "score_after", "moves"]
    assert (data["account"], data["as_of"], data["score_before"], data["score_after"]) == (
        "hand",
        AS_OF,
        2.56,
        5.0,
    )
    assert data["moves"][1] == {
        "rank": 2,
        "kind": "meet",
        "team": "t1",
        "person": "far",
        "introducer": "al",
        "strength_before": 0.0,
        "strength_after": 0.6,
        "gain": 0.4,
        "score_after": 4.5,
        "coverage": [{"person": "far", "before": 0.36, "after": 0.6}],
        "resolves": [
            {"code": "decision-maker-weak", "subject": "far"},
            {"code": "plan-gap", "subject": "far"},
        ],
    }
    assert [m["rank"] for m in data["moves"]] == [1, 2, 3, 4]


def test_plan_markdown(run, hand):
    lines = run("plan", hand, "--as-of", AS_OF, "--format", "markdown", "--moves", "1").stdout.splitlines()
    assert lines[:6] == [
        "# Plan: Hand",
        "",
        "Account `hand`, as of 2026-11-27.",
        "",
        "## What to do first: score 2.56 → 4.10 with 1 move",
        "",
    ]
    assert lines[6] == "1. **Tanya: strengthen the relationship with AL (0.60 → 0.90)**  "


@pytest.mark.parametrize("source", ["uralmet.yaml", "uralmet-ru.yaml"])
def test_apply_shows_exactly_the_promised_coverage(run, tmp_path, source):
    out = tmp_path / "planned.yaml"
    result = run("plan", EXAMPLES / source, "--as-of", AS_OF, "--format", "json", "--apply", "-o", out)
    assert result.exit_code == 0, result.stderr
    promised = json.loads(result.stdout)
    wrote = {
        "uralmet.yaml": f"wrote {out} (3 moves applied)",
        "uralmet-ru.yaml": f"записан {out} (3 шага применены)",
    }
    assert (len(promised["moves"]), result.stderr) == (3, wrote[source] + "\n")
    assert run("validate", out).exit_code == 0
    before = {
        r["person"]: r["coverage"]
        for r in json.loads(run("coverage", EXAMPLES / source, "--format", "json").stdout)
    }
    for move in promised["moves"]:
        for change in move["coverage"]:
            before[change["person"]] = change["after"]
    after = json.loads(run("coverage", out, "--format", "json").stdout)
    assert {r["person"]: r["coverage"] for r in after} == before
    resolved = {(r["code"], r["subject"]) for m in promised["moves"] for r in m["resolves"]}
    gaps = json.loads(run("gaps", out, "--format", "json", "--as-of", AS_OF).stdout)["findings"]
    assert resolved and not resolved & {(f["code"], f["subject"]) for f in gaps}
    # the applied account has nothing left to plan
    again = json.loads(run("plan", out, "--as-of", AS_OF, "--format", "json").stdout)
    assert again["score_before"] == promised["score_after"] and again["moves"] == []


def test_apply_writes_no_file_too_large_to_read_back(run, tmp_path, monkeypatch):
    source = EXAMPLES / "uralmet.yaml"
    limit = source.stat().st_size + 100  # the source is read; the JSON with the moves (50% larger) is not
    monkeypatch.setattr("influence.document.MAX_FILE_BYTES", limit)
    out = tmp_path / "planned.json"
    result = run("plan", source, "--as-of", AS_OF, "--apply", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {out}: the account would be 0.0")
    assert not out.exists()


def test_apply_writes_json_by_suffix(run, hand, tmp_path):
    out = tmp_path / "planned.json"
    assert run("plan", hand, "--as-of", AS_OF, "--apply", "-o", out, "--moves", "1").exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["activities"] == [
        {
            "id": "plan-1",
            "kind": "meeting",
            "date": "2026-12-04",
            "targets": ["al"],
            "owner": "t1",
            "status": "planned",
        }
    ]
    assert {"team": "t1", "person": "al", "strength": 0.9} in doc["relationships"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--moves", "0"], "Invalid value for '--moves': 0 is not a number of moves (expected 1 or more)"),
        (["--moves", "-3"], "Invalid value for '--moves': -3 is not a number of moves (expected 1 or more)"),
        (["-o", "{out}"], "Error: -o writes the account with the moves applied: add --apply"),
        (["--apply"], "Error: --apply writes the account with the moves applied: add -o FILE.yaml"),
        (
            ["--apply", "-o", "{tmp}/x.txt"],
            "error: {tmp}/x.txt: unsupported file type '.txt' (expected .yaml, .yml or .json)",
        ),
        (
            ["--apply", "-o", "{tmp}/no/such/x.yaml"],
            "error: {tmp}/no/such/x.yaml: folder '{tmp}/no/such' does not exist; create it first "
            "(mkdir -p {tmp}/no/such)",
        ),
        (
            ["--format", "csv"],
            "Invalid value for '--format': 'csv' is not one of 'table', 'json', 'markdown'",
        ),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(run, hand, tmp_path, args, message):
    out = tmp_path / "out.yaml"
    args = [a.format(out=out, tmp=tmp_path) for a in args]
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("plan", hand, *args)
    assert result.exit_code == 2
    assert message.format(tmp=tmp_path) in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, no temp file left


def test_unwritable_output_writes_nothing(run, hand, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("plan", hand, "--apply", "-o", blocker / "x.yaml")
    assert result.exit_code == 2
    assert (
        result.stderr == f"error: {blocker / 'x.yaml'}: '{blocker}' is not a folder\n"
    )  # a file stands there
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "hand.yaml"]


def test_invalid_source_exits_2(run, write):
    result = run("plan", write("format: influence/v1\naccount: {id: a}\n"))
    assert result.exit_code == 2
    assert "account.name: missing required field" in result.stderr


def test_redacted_review_plan_names_no_private_person(run, tmp_path):
    doc = {**HAND, "people": [dict(p, private=True) if p["id"] == "far" else p for p in HAND["people"]]}
    source = tmp_path / "private.yaml"
    source.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    plain = run("gaps", source, "--as-of", AS_OF, "--format", "markdown").stdout
    assert "FAR 0.24 → 0.36" in plain  # the team's own analysis names the private decision maker
    assert "meet FAR" not in plain  # but never proposes meeting a private person
    folder = tmp_path / "pack"
    assert run("review", source, "-o", folder, "--as-of", AS_OF, "--redact").exit_code == 0
    md = (folder / "gaps.md").read_text(encoding="utf-8")
    assert "0.24 → 0.36" not in md and "an informal influencer" not in md  # her coverage is not shared
    assert "FAR" not in md and "(far)" not in md


def test_readme_shows_real_plan_output(run):
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ influence plan examples/uralmet.yaml --as-of 2026-11-27\n"
    shown = readme[readme.index(command) + len(command) :].split("```", 1)[0]
    assert shown == run("plan", EXAMPLES / "uralmet.yaml", "--as-of", AS_OF).stdout


def test_apply_onto_the_source_itself_refuses_to_drop_its_comments(run, tmp_path):
    source = tmp_path / "uralmet.yaml"
    original = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    assert original.startswith("#")
    source.write_text(original, encoding="utf-8")
    result = run("plan", source, "--as-of", AS_OF, "--apply", "-o", source)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "holds YAML comments, which writing it anew would drop" in result.stderr
    assert source.read_text(encoding="utf-8") == original
    other = tmp_path / "applied.yaml"
    assert run("plan", source, "--as-of", AS_OF, "--apply", "-o", other).exit_code == 0
    plain = tmp_path / "plain.yaml"  # the written file has no comments: applying onto it in place is fine
    plain.write_bytes(other.read_bytes())
    assert run("plan", plain, "--as-of", AS_OF, "--apply", "-o", plain).exit_code == 0


def test_apply_onto_its_source_keeps_a_change_saved_meanwhile(run, hand, monkeypatch):
    import influence.cli.plan

    original = influence.cli.plan.plan
    theirs = hand.read_text(encoding="utf-8").replace("name:", "name:  ", 1)

    def plan_while_a_teammate_saves(*args, **kwargs):
        hand.write_text(theirs, encoding="utf-8")
        return original(*args, **kwargs)

    monkeypatch.setattr(influence.cli.plan, "plan", plan_while_a_teammate_saves)
    result = run("plan", hand, "--as-of", AS_OF, "--apply", "-o", hand)
    assert result.exit_code == 2
    assert result.stderr == f"error: {hand}: changed while this command ran; nothing written (run it again)\n"
    assert hand.read_text(encoding="utf-8") == theirs


NOBODY_ON_OUR_SIDE = (
    "format: influence/v1\naccount: {id: n, name: New}\nteam:\n  - {id: me, name: Me}\npeople:\n"
    "  - {id: a, name: A, roles: [economic_buyer]}\n  - {id: b, name: B, roles: [decision_maker]}\n"
    "  - {id: c, name: C, roles: [user]}\n"
)


def test_an_empty_plan_says_why_when_decision_makers_are_not_covered(run, write):
    """A new account from the CRM: 'No move raises the score.' read as if all were well."""
    source = write(NOBODY_ON_OUR_SIDE, "new.yaml")
    english = run("plan", source, "--as-of", "2026-11-27")
    assert (english.exit_code, english.stdout.splitlines()[3:]) == (
        0,
        [
            "  No move raises the score, yet 2 decision makers are not covered: no new meeting or deeper",
            "  relationship reaches them through someone on our side. Record who knows whom and each person's",
            "  stance, or find someone to introduce us: the gap report's findings say where.",
        ],
    )
    russian = run("plan", source, "--as-of", "2026-11-27", "--lang", "ru", "--format", "markdown").stdout
    assert russian.splitlines()[-1] == (
        "Ни один шаг не повышает оценку, хотя у 2 ЛПР покрытие недостаточное: ни новая встреча, ни более тесные "
        "отношения не выводят на таких ЛПР через кого-то на нашей стороне. Запишите, кто кого знает и какова позиция каждого, "
        "или найдите, кто может нас представить: где искать, подскажут находки отчёта о пробелах."
    )
    as_json = json.loads(run("plan", source, "--as-of", "2026-11-27", "--format", "json").stdout)
    assert as_json["moves"] == [] and "uncovered" not in as_json  # the JSON is as before


def test_a_plan_that_stops_short_names_the_decision_makers_no_move_reaches(run, tmp_path):
    """A plan with moves said nothing of the economic buyer it could not reach (the note came only
    with no move at all); the gap report had a HIGH finding for her."""
    account = tmp_path / "eb.yaml"
    account.write_text(
        "format: influence/v1\naccount: {id: eb, name: EB}\npeople:\n"
        "  - {id: cfo, name: Irina Belova, roles: [economic_buyer], stance: skeptic}\n"
        "  - {id: cio, name: Oleg Gusev, roles: [decision_maker], stance: neutral}\n"
        "team: [{id: marina, name: Marina}]\n"
        "relationships: [{team: marina, person: cio, strength: weak}]\n",
        encoding="utf-8",
    )
    result = run("plan", account, "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "  Still not covered after these moves: Irina Belova. No move reaches them through someone on our\n"
        "  side; the gap report's findings say where to find a way in.\n"
    ), result.stdout
    markdown = run("plan", account, "--as-of", AS_OF, "--format", "markdown", "--lang", "ru").stdout
    assert markdown.endswith(
        "После этих шагов покрытие всё ещё недостаточное: Irina Belova. Ни один шаг не выводит на этих ЛПР через "
        "кого-то на нашей стороне; где искать подход, подскажут находки отчёта о пробелах.\n"
    ), markdown


def test_a_move_whose_meeting_falls_after_a_tender_submission_says_so(run, tmp_path):
    """plan --apply dates the meetings 7, 14, 21 days after the as-of date whatever the tenders: with
    one due in nine days, moves 2 and 3 were booked after its submission without a word."""
    account = tmp_path / "t.yaml"
    account.write_text(
        "format: influence/v1\naccount: {id: rt, name: RT}\npeople:\n"
        "  - {id: ceo, name: Igor Ceo, roles: [decision_maker], stance: neutral}\n"
        "  - {id: cfo, name: Linda Moss, roles: [economic_buyer], stance: neutral}\n"
        "  - {id: al, name: Al Ally, roles: [influencer], stance: supporter}\n"
        "links:\n  - {from: al, to: ceo, type: influences, strength: 0.6}\n"
        "  - {from: al, to: cfo, type: influences, strength: 0.6}\n"
        "team: [{id: kate, name: Kate}]\nrelationships: [{team: kate, person: al, strength: weak}]\n"
        "tenders: [{id: t1, title: MES, submission: 2026-12-10}]\n",
        encoding="utf-8",
    )
    lines = run("plan", account, "--as-of", "2026-12-01").stdout
    assert " ".join(lines.split()).count("after the submission of MES (2026-12-10)") == 2, lines
    assert "  1. Kate: strengthen" in lines and "meeting on 2026-12-08" not in lines  # move 1 is in time
    assert (
        "coverage: Linda Moss 0.54 → 0.60; meeting on 2026-12-15, after the\n      submission of MES" in lines
    )
    russian = run("plan", account, "--as-of", "2026-12-01", "--lang", "ru", "--format", "markdown").stdout
    assert "встреча 2026-12-15 — уже после срока подачи по тендеру «MES» (2026-12-10)" in russian
    assert "after the submission" not in run("plan", account, "--as-of", "2026-11-01").stdout
