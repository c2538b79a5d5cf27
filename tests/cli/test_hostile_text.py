"""Control characters and formulas in an account's texts reach no output raw.

A terminal gets escapes (``\\x1b``), XML and workbooks get U+FFFD where their
format cannot hold a character, and a text starting with ``=`` stays text in
a workbook. Every command still succeeds.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import openpyxl
import pytest

from influence import load
from influence.cli.db import _table
from tests.conftest import EXAMPLES, HOSTILE_TITLE

SHOWN = "Ivan\\x1b[2J Ivanov\\x07"  # how the table shows the name's start (its line break is wrapped away)
RAW = ("\x1b", "\x07")


@pytest.mark.parametrize("command", ["gaps", "sponsors", "paths", "coverage", "plan"])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_text_outputs_escape_control_characters(run, hostile_account, command, fmt):
    result = run(command, hostile_account, "--format", fmt, "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.stderr
    assert not any(c in result.stdout for c in RAW)
    if command in ("gaps", "coverage"):  # in a Markdown table cell the escape's backslash is escaped too
        assert "Ivan\\x1b" in result.stdout or (fmt == "markdown" and "Ivan\\\\x1b" in result.stdout)


def test_json_output_keeps_the_name_exactly(run, hostile_account):
    result = run("coverage", hostile_account, "--format", "json")
    assert result.exit_code == 0
    names = {row["person"]: row["name"] for row in json.loads(result.stdout)}
    assert names["ivanov"] == "Ivan\x1b[2J Ivanov\x07\nII"


def test_a_validation_issue_stays_on_its_line(run, tmp_path):
    doc = {
        "format": "influence/v1",
        "account": {"id": "acme", "name": "Acme"},
        "people": [{"id": "bad\x1b[2J\nid", "name": "X"}, {"id": "ok", "evil\u202ekey": 1}],
    }
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}: people[0].id: malformed id 'bad\\x1b[2J\\nid' "
        "(ids match ^[a-z0-9][a-z0-9_.-]*$: lower-case letters, digits, '_', '.', '-')\n"
        f"{path}: people[1].evil\\u202ekey: unknown key 'evil\\u202ekey'\n"
        f"error: {path} is not a valid influence/v1 account (2 errors)\n"
    )


def test_a_file_name_with_an_escape_is_shown_escaped(run, tmp_path):
    result = run("gaps", tmp_path / "\x1b[2Jmissing.yaml")
    assert (result.exit_code, result.stderr) == (2, f"error: {tmp_path}/\\x1b[2Jmissing.yaml: no such file\n")


@pytest.mark.parametrize("args", [("gaps",), ("coverage",), ("export", "xlsx")])
def test_workbooks_hold_the_text_as_text(run, hostile_account, tmp_path, args):
    out = tmp_path / "out.xlsx"
    fmt = () if args[0] == "export" else ("--format", "xlsx")
    result = run(*args, hostile_account, *fmt, "-o", out)
    assert result.exit_code == 0, result.stderr
    cells = [c for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert any("Ivan\ufffd[2J Ivanov\ufffd\nII" in v for v in texts)
    assert not any(c in v for v in texts for c in RAW)
    if args[0] == "export":  # the title is in the people sheet, as text, never a formula
        (title,) = (c for c in cells if c.value == HOSTILE_TITLE)
        assert title.data_type == "s"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_stay_well_formed_xml(run, hostile_account, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("export", fmt, hostile_account, "-o", out)
    assert result.exit_code == 0, result.stderr
    ET.parse(out)  # raises on a character XML cannot hold
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert g.nodes["ivanov"]["name"] == "Ivan\ufffd[2J Ivanov\ufffd\nII"
    assert g.nodes["ivanov"]["title"] == HOSTILE_TITLE


def test_db_tables_escape_every_cell():
    assert _table([("ID", "MESSAGE"), ("acme", "two\nlines\x1b[2J")]) == (
        "ID    MESSAGE\nacme  two\\nlines\\x1b[2J"
    )


def test_a_formula_like_title_survives_the_workbook_round_trip(run, hostile_account, tmp_path):
    book, back = tmp_path / "acct.xlsx", tmp_path / "back.yaml"
    assert run("export", "xlsx", hostile_account, "-o", book).exit_code == 0
    result = run("import", "xlsx", book, "-o", back)
    assert result.exit_code == 0, result.stderr
    people = {p.id: p for p in load(back).people}
    assert people["ivanov"].title == HOSTILE_TITLE  # a formula would come back empty (no cached value)
    assert people["ivanov"].name == "Ivan\ufffd[2J Ivanov\ufffd\nII"


def test_the_static_svg_map_stays_well_formed_xml(run, hostile_account, tmp_path):
    out = tmp_path / "map.svg"
    result = run("map", hostile_account, "--static", out, "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.stderr
    texts = [t.text or "" for t in ET.parse(out).iter("{http://www.w3.org/2000/svg}text")]
    assert any(t.startswith("Ivan\ufffd[2J Ivanov\ufffd") for t in texts)


def test_a_name_with_a_line_break_stays_on_its_row_and_its_columns_align(run, hostile_account):
    table = run("coverage", hostile_account).stdout.splitlines()
    (row,) = (line for line in table if line.startswith("ivanov "))
    assert row.startswith("ivanov   Ivan\\x1b[2J Ivanov\\x07 II  decision maker, technical buyer")
    assert row.index("decision maker") == table[0].index("ROLES")
    report = run("gaps", hostile_account, "--as-of", "2026-11-27").stdout.splitlines()
    assert "  Ivan\\x1b[2J Ivanov\\x07 II (ivanov)" in report


def test_a_diff_names_a_person_with_a_line_break_on_one_line(run, hostile_account, tmp_path):
    after = tmp_path / "after.json"
    doc = json.loads(hostile_account.read_text(encoding="utf-8"))
    (ivanov,) = (p for p in doc["people"] if p["id"] == "ivanov")
    ivanov["stance"] = 2
    after.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run("diff", hostile_account, after, "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.stderr
    assert (
        "  ~ Ivan\\x1b[2J Ivanov\\x07 II (ivanov): stance supporter → champion" in result.stdout.splitlines()
    )


@pytest.mark.parametrize("command", ["gaps", "plan"])
def test_a_line_break_in_the_account_name_keeps_the_title_one_line(run, write, command):
    path = write('format: influence/v1\naccount: {id: a, name: "Two\\nLines"}\n')
    out = run(command, path, "--as-of", "2026-11-27").stdout
    assert out.splitlines()[0].endswith(": Two Lines (a), as of 2026-11-27")


@pytest.mark.parametrize("command", ["gaps", "plan"])
def test_a_tab_in_a_name_shows_as_its_escape_in_wrapped_sentences(run, tmp_path, command):
    """The wrapper widened a tab to spaces ("Find a way in to Sergey    Sokolov") before escaping."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    assert text.count("name: Sergey Sokolov") == 1
    source = tmp_path / "tab.yaml"
    source.write_text(text.replace("name: Sergey Sokolov", 'name: "Sergey\\tSokolov"'), encoding="utf-8")
    shown = run(command, source, "--as-of", "2026-11-27").stdout
    assert shown.count("Sergey\\tSokolov") >= 3 and "Sergey  " not in shown and "Sergey Sokolov" not in shown
