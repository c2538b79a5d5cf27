"""``gaps``, ``sponsors``, ``paths``, ``coverage``: exit codes and exact output."""

from __future__ import annotations

import json
import random

import pytest
import yaml

from tests.analysis.test_worked_example import DOC
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"


@pytest.fixture
def worked(tmp_path):
    path = tmp_path / "worked.yaml"
    path.write_text(yaml.safe_dump(DOC, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_coverage_table(run, worked):
    result = run("coverage", worked)
    assert result.exit_code == 0
    assert result.stdout == (
        "PERSON  NAME  ROLES           COVERAGE  THREADS  PRESSURE  STATUS\n"
        "------  ----  --------------  --------  -------  --------  -------\n"
        "dm      DM    decision maker  0.72      2        0.17      covered\n"
        "eb      EB    economic buyer  0.36      0        0.22      weak\n"
    )


def test_coverage_json(run, worked):
    result = run("coverage", worked, "--format", "json")
    assert json.loads(result.stdout) == [
        {
            "person": "dm",
            "name": "DM",
            "roles": ["decision_maker"],
            "coverage": 0.72,
            "threads": 2,
            "pressure": 0.1728,
            "status": "covered",
        },
        {
            "person": "eb",
            "name": "EB",
            "roles": ["economic_buyer"],
            "coverage": 0.36,
            "threads": 0,
            "pressure": 0.216,
            "status": "weak",
        },
    ]


def test_sponsors_json(run, worked):
    result = run("sponsors", worked, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "person": "al",
            "name": "AL",
            "class": "sponsor",
            "stance": 2,
            "access": 0.8,
            "link": 0.9,
            "reasons": [],
        },
        {
            "person": "pa",
            "name": "PA",
            "class": "at_risk",
            "stance": None,
            "access": 0.0,
            "link": 0.0,
            "reasons": ["stance-unknown", "low-access", "weak-link"],
        },
        {
            "person": "dm",
            "name": "DM",
            "class": "candidate",
            "stance": 1,
            "access": 1.0,
            "link": 0.72,
            "reasons": [],
        },
    ]


def test_paths_csv(run, worked):
    result = run("paths", worked, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == (
        "source,source_kind,target,path,strength,counter,counter_strength,opposed\n"
        "op,person,eb,op>eb,0.6,dm,0.5,false\n"
        "op,person,dm,op>eb>dm,0.48,dm,1.0,true\n"
    )


def test_paths_markdown(run, worked):
    result = run("paths", worked, "--format", "markdown")
    assert result.stdout.splitlines()[:3] == [
        "| source | source_kind | target | path | strength | counter | counter_strength | opposed |",
        "|---|---|---|---|---|---|---|---|",
        "| op | person | eb | op → eb | 0.60 | dm | 0.50 | no |",
    ]


def test_gaps_json_shape(run, worked):
    result = run("gaps", worked, "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["account", "as_of", "summary", "findings"]
    assert data["account"] == "worked" and data["as_of"] == AS_OF
    assert data["summary"] == {
        "high": sum(f["severity"] == "high" for f in data["findings"]),
        "medium": sum(f["severity"] == "medium" for f in data["findings"]),
        "low": sum(f["severity"] == "low" for f in data["findings"]),
        "buying_team": 7,
        "decision_makers": 2,
        "covered": 1,
    }
    assert all(
        list(f) == ["code", "severity", "subject", "message", "recommendation", "evidence"]
        for f in data["findings"]
    )
    severities = [f["severity"] for f in data["findings"]]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)


def test_gaps_table_groups_by_severity_with_names(run):
    result = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Gap report: Холдинг «УралМет» (uralmet), as of 2026-11-27"
    assert [x for x in lines if x and not x.startswith(" ")][2:] == [
        "What to do first: score 4.80 → 6.00 with 3 moves",
        "HIGH (4)",
        "MEDIUM (21)",
        "LOW (11)",
    ]
    assert lines[4:6] == [
        "  1. Андрей Сидоров: strengthen the relationship with Сергей Соколов (0.30 → 0.90)",
        "      gain +0.50, score 5.30; coverage: Сергей Соколов 0.45 → 0.90; resolves: decision maker weakly",
    ]
    # within a severity, findings are grouped by person: each person's heading appears once
    high = lines[lines.index("HIGH (4)") + 1 : lines.index("MEDIUM (21)")]
    headings = [x.strip() for x in high if x.startswith("  ") and not x.startswith("   ")]
    assert headings == ["Елена Орлова (orlova)", "Сергей Соколов (sokolov)"]
    assert (
        "Meet Сергей Соколов one to one with Андрей Сидоров, who already knows them (tie strength 0.30)"
        in " ".join(result.stdout.split())
    )


def test_gaps_markdown_is_pasteable(run):
    result = run("gaps", EXAMPLES / "uralmet.yaml", "--as-of", AS_OF, "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == "# Gap report: UralMet Holding"
    assert "## High (4)" in lines and "## Medium (21)" in lines and "## Low (11)" in lines
    assert lines[4:7] == [
        "## What to do first: score 4.80 → 6.00 with 3 moves",
        "",
        "1. **Andrey Sidorov: strengthen the relationship with Sergey Sokolov (0.30 → 0.90)**  ",
    ]
    sokolov = lines.index("### Sergey Sokolov (sokolov)")
    assert lines[sokolov + 4].startswith(
        "- **Decision maker weakly covered (decision-maker-weak)**: Our team's best ally route to Sergey Sokolov "
        "is weak (coverage 0.45 \\< 0.6)"
    )
    data = json.loads(run("gaps", EXAMPLES / "uralmet.yaml", "--as-of", AS_OF, "--format", "json").stdout)
    severities = {f["severity"] for f in data["findings"] if f["subject"] == "sokolov"}
    assert lines.count("### Sergey Sokolov (sokolov)") == len(severities) == 2  # once per severity
    # subjects that are not people by name too: a tender, the account, a role in words
    assert "### MES modernization (mes-2027)" in lines


def test_gaps_csv(run, worked):
    result = run("gaps", worked, "--format", "csv", "--as-of", AS_OF)
    header, first = result.stdout.splitlines()[:2]
    assert header == "severity,code,subject,message,recommendation,evidence"
    assert first.startswith("high,anti-influence-path,eb,")
    assert first.endswith(
        '"{""counter"": ""dm"", ""counter_strength"": 0.5, ""opposed"": false, ""others"": 0, '
        '""path"": [""op"", ""eb""], ""source"": ""op"", ""sources"": [""op""], ""strength"": 0.6}"'
    )


@pytest.mark.parametrize(
    ("source", "fail_on", "code"),
    [
        ("new-account.yaml", None, 0),
        ("new-account.yaml", "high", 1),
        ("new-account.yaml", "medium", 1),
        ("new-account.yaml", "low", 1),
    ],
)
def test_fail_on_examples(run, source, fail_on, code):
    args = ["gaps", EXAMPLES / source, "--as-of", AS_OF]
    if fail_on:
        args += ["--fail-on", fail_on]
    assert run(*args).exit_code == code


@pytest.mark.parametrize(("fail_on", "code"), [("high", 0), ("medium", 0), ("low", 1)])
def test_fail_on_thresholds(run, tmp_path, fail_on, code):
    from tests.analysis.helpers import complete_doc

    path = tmp_path / "complete.json"
    path.write_text(json.dumps(complete_doc()))
    result = run("gaps", path, "--as-of", AS_OF, "--fail-on", fail_on, "--format", "json")
    assert result.exit_code == code
    assert json.loads(result.stdout)["summary"]["low"] == 3


def test_bad_as_of_is_usage_error(run, worked):
    result = run("gaps", worked, "--as-of", "27.11.2026")
    assert result.exit_code == 2
    assert "'27.11.2026' is not a date (expected YYYY-MM-DD)" in result.stderr


def test_bad_format_is_usage_error(run, worked):
    result = run("sponsors", worked, "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'json', 'csv', 'markdown'" in result.stderr


def test_invalid_file_gives_exit_2_for_every_command(run, write):
    path = write("format: influence/v1\naccount: {id: a}\n")
    for command in ("gaps", "sponsors", "paths", "coverage"):
        result = run(command, path)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0] == f"{path}:2: account.name: missing required field"


def _shuffled(value, rng, path=()):
    """Shuffle mapping keys everywhere and the entries of the account's lists."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng, (*path, k)) for k, v in items}
    if isinstance(value, list):
        items = [_shuffled(v, rng, (*path, "[]")) for v in value]
        if len(path) == 1 or path[0::2] == ("competitors", "relationships"):
            rng.shuffle(items)
        return items
    return value


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("fmt", ["json", "table", "markdown", "csv"])
def test_shuffling_the_file_changes_nothing(run, tmp_path, seed, fmt):
    source = EXAMPLES / "uralmet-ru.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["account"] = data.pop("account")  # key order too
    shuffled = tmp_path / "shuffled.yaml"
    shuffled.write_text(
        yaml.safe_dump(_shuffled(data, random.Random(seed)), allow_unicode=True), encoding="utf-8"
    )
    for command, dated in (("gaps", ["--as-of", AS_OF]), ("sponsors", []), ("paths", []), ("coverage", [])):
        a = run(command, source, *dated, "--format", fmt)
        b = run(command, shuffled, *dated, "--format", fmt)
        assert a.exit_code == b.exit_code == 0
        assert a.stdout == b.stdout, command


def test_same_output_twice(run):
    a = run("gaps", EXAMPLES / "uralmet.yaml", "--as-of", AS_OF, "--format", "json")
    b = run("gaps", EXAMPLES / "uralmet.yaml", "--as-of", AS_OF, "--format", "json")
    assert a.stdout == b.stdout


@pytest.mark.parametrize("command", ["sponsors", "paths", "coverage"])
def test_date_independent_commands_accept_as_of_and_ignore_it(run, command):
    """Every analysis command takes --as-of; these rows do not depend on the date."""
    plain = run(command, EXAMPLES / "uralmet.yaml")
    dated = run(command, EXAMPLES / "uralmet.yaml", "--as-of", "2031-01-01")
    assert (plain.exit_code, dated.exit_code) == (0, 0)
    assert dated.stdout == plain.stdout and plain.stdout.count("\n") > 3
    bad = run(command, EXAMPLES / "uralmet.yaml", "--as-of", "27.11.2026")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert "--as-of" in bad.stderr and "27.11.2026" in bad.stderr
