"""``influence generate`` and ``influence portfolio``."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from influence.generate import generate_account
from influence.loading import Document, load_file
from influence.validation import build_account
from tests.conftest import EXAMPLES, _free_port

AS_OF = "2026-11-27"


@pytest.mark.parametrize("people", [1, 5, 200, 2500])
def test_generated_accounts_are_valid_and_realistic(people):
    account = build_account(Document("g", generate_account(people, seed=3), {}))
    assert len([p for p in account.people if not p.informal]) == people
    if people >= 200:
        assert len(account.organizations) >= 3 and len(account.units) >= people // 12
        assert any(p.informal for p in account.buying_team)
        assert any(link.type == "family" for link in account.links)
        stances = {p.stance for p in account.buying_team}
        assert stances >= ({-2, -1, 0, 1, 2} if people >= 2000 else {-1, 0, 1})
        assert account.decision_makers and account.team and account.competitors and account.tenders


def test_generate_is_deterministic_by_seed(run, tmp_path):
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.json"
    assert run("generate", "--people", "300", "--seed", "5", "-o", a).exit_code == 0
    run("generate", "--people", "300", "--seed", "5", "-o", b)
    run("generate", "--people", "300", "--seed", "6", "-o", c)
    assert a.read_bytes() == b.read_bytes()
    assert load_file(a) != load_file(c)
    assert run("validate", c).exit_code == 0


def test_generate_count_line_agrees_with_validate(run, tmp_path):
    target = tmp_path / "g.yaml"
    wrote = run("generate", "--people", "120", "--seed", "4", "-o", target)
    checked = run("validate", target)
    assert wrote.exit_code == 0 and checked.exit_code == 0
    assert wrote.stdout.split(" — ")[1] == checked.stdout.split(" — ")[1]
    assert wrote.stdout.startswith(f"wrote {target} — 12")


@pytest.mark.parametrize("name", ["demo", "demo.txt"])
def test_generate_refuses_a_name_without_a_file_suffix(run, tmp_path, name):
    result = run("generate", "--people", "10", "-o", tmp_path / name)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / name}: name a .yaml, .yml or .json file (or give --accounts N to fill a folder)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_generate_replaces_an_account_file_only_with_force(run, tmp_path):
    """generate -o FILE wrote over an account file (its comments too) without a word, while
    --accounts N into a folder refused to replace its files without --force."""
    account = tmp_path / "uralmet.yaml"
    account.write_bytes((EXAMPLES / "uralmet.yaml").read_bytes())
    result = run("generate", "--people", "5", "-o", account)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {account}: holds an influence/v1 account; generate to another file, or give --force to replace it\n"
    )
    assert account.read_bytes() == (EXAMPLES / "uralmet.yaml").read_bytes()
    result = run("generate", "--people", "5", "-o", account, "--force")
    assert result.exit_code == 0 and result.stdout.startswith(f"wrote {account} — 6 people")
    (tmp_path / "notes.json").write_text('{"not": "an account"}', encoding="utf-8")
    assert run("generate", "--people", "5", "-o", tmp_path / "notes.json").exit_code == 0


def test_generate_a_portfolio_folder(run, tmp_path):
    result = run("generate", "--people", "50", "--accounts", "3", "--seed", "1", "-o", tmp_path / "p")
    totals = "153 people, 42 in the buying team, 9 decision makers, 9 links"
    assert result.stdout == f"wrote 3 accounts to {tmp_path / 'p'}/ — {totals} in all\n"
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "acct0000.yaml",
        "acct0001.yaml",
        "acct0002.yaml",
    ]


def test_portfolio_rows(run, tmp_path):
    result = run(
        "portfolio",
        EXAMPLES / "uralmet.yaml",
        EXAMPLES / "new-account.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "source": str(EXAMPLES / "uralmet.yaml"),
            "account": "uralmet",
            "name": "UralMet Holding",
            "people": 16,
            "buying_team": 15,
            "decision_makers": 4,
            "covered": 2,
            "sponsors": 1,
            "high": 4,
            "medium": 21,
            "low": 11,
            "top_finding": "anti-influence-path",
            "error": None,
        },
        {
            "source": str(EXAMPLES / "new-account.yaml"),
            "account": "nordchem",
            "name": "NordChem Group",
            "people": 0,
            "buying_team": 0,
            "decision_makers": 0,
            "covered": 0,
            "sponsors": 0,
            "high": 3,
            "medium": 9,
            "low": 3,
            "top_finding": "buying-team-too-small",
            "error": None,
        },
    ]


def test_portfolio_tables_name_the_top_finding_by_its_title(run):
    """The table and Markdown head the top finding by its title, in the language asked; JSON and CSV
    keep the code."""
    args = (EXAMPLES / "uralmet.yaml", EXAMPLES / "new-account.yaml", "--as-of", AS_OF)
    ru = run("portfolio", *args, "--lang", "ru").stdout.splitlines()
    assert [line.rstrip().rsplit("  ", 1)[1].strip() for line in ru[2:]] == [
        "Путь противодействия к ЛПР",
        "Слишком маленькая закупочная группа",
    ]
    en = run("portfolio", *args, "--format", "markdown").stdout.splitlines()
    assert en[2].endswith("| Anti-influence path to a decision maker |  |")
    assert run("portfolio", *args, "--format", "csv").stdout.splitlines()[1].endswith(",anti-influence-path,")


def test_portfolio_of_a_folder_and_fail_on(run, tmp_path):
    run("generate", "--people", "40", "--accounts", "4", "--seed", "2", "-o", tmp_path / "p")
    result = run("portfolio", tmp_path / "p", "--as-of", AS_OF, "--format", "csv", "--fail-on", "high")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "source,account,name,people,buying_team,decision_makers,covered,sponsors,high,medium,low,top_finding,error"
    )
    assert len(lines) == 5


def test_a_folders_hidden_files_are_not_accounts(run, tmp_path):
    folder = tmp_path / "shared"
    run("generate", "--people", "40", "--accounts", "2", "--seed", "2", "-o", folder)
    (folder / "._acct0000.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X        ")  # a macOS twin
    (folder / ".~lock.acct0001.yaml#").write_text("lock", encoding="utf-8")
    (folder / ".draft.json").write_text("{", encoding="utf-8")
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == [
        str(folder / "acct0000.yaml"),
        str(folder / "acct0001.yaml"),
    ]


def test_a_broken_link_is_a_row_and_a_pipe_is_not_read(run, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    assert run("generate", "--people", "40", "--seed", "2", "-o", folder / "acct0000.yaml").exit_code == 0
    (folder / "moved.yaml").symlink_to(tmp_path / "elsewhere" / "moved.yaml")  # its file was moved away
    os.mkfifo(folder / "pipe.yaml")  # reading it would wait forever
    (folder / "sub.yaml").mkdir()
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 2
    error = (
        f"{folder / 'moved.yaml'}: a link to {tmp_path / 'elsewhere' / 'moved.yaml'}, which does not exist"
    )
    assert result.stderr == f"error: {error}\n"
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [(r[0], r[-1]) for r in rows[1:]] == [  # error rows first
        (str(folder / "moved.yaml"), error),
        (str(folder / "acct0000.yaml"), ""),
    ]


def test_portfolio_gives_each_invalid_account_an_error_row_and_exits_2(run, tmp_path, write):
    bad1 = write("format: influence/v1\naccount: {id: a}\n", "bad1.yaml")
    bad2 = write("format: influence/v2\naccount: {id: b, name: B}\n", "bad2.yaml")
    good = EXAMPLES / "uralmet.yaml"
    result = run("portfolio", good, bad2, bad1, tmp_path / "gone.yaml", "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[1:] == [
        f"{bad1},,,,,,,,,,,,{bad1}:2: account.name: missing required field",
        f"{bad2},,,,,,,,,,,,{bad2}:1: format: unknown format 'influence/v2' (expected 'influence/v1')",
        f"{tmp_path / 'gone.yaml'},,,,,,,,,,,,{tmp_path / 'gone.yaml'}: no such file",
        f"{good},uralmet,UralMet Holding,16,15,4,2,1,4,21,11,anti-influence-path,",
    ]
    assert result.stderr == (
        f"{bad1}:2: account.name: missing required field\n"
        f"error: {bad1} is not a valid influence/v1 account (1 error)\n"
        f"{bad2}:1: format: unknown format 'influence/v2' (expected 'influence/v1')\n"
        f"error: {bad2} is not a valid influence/v1 account (1 error)\n"
        f"error: {tmp_path / 'gone.yaml'}: no such file\n"
    )


def test_portfolio_in_worker_processes_prints_what_one_process_prints(run, tmp_path, write):
    run("generate", "--people", "30", "--accounts", "5", "--seed", "4", "-o", tmp_path / "p")
    write("format: influence/v1\naccount: {id: a}\n", "p/zz-bad.yaml")
    one = run("portfolio", tmp_path / "p", "--as-of", AS_OF, "--format", "json", "--jobs", "1")
    two = run("portfolio", tmp_path / "p", "--as-of", AS_OF, "--format", "json", "--jobs", "2")
    assert (one.exit_code, two.exit_code) == (2, 2)
    assert one.stdout == two.stdout and one.stderr == two.stderr
    rows = json.loads(one.stdout)
    assert (rows[0]["source"], len(rows)) == (str(tmp_path / "p" / "zz-bad.yaml"), 6)


def test_generate_writes_no_file_the_other_commands_cannot_read(run, tmp_path, monkeypatch):
    """Every command reads at most 50 MB; 300,000 people made a 62 MB file all of them refused."""
    too_many = run("generate", "--people", "200001", "-o", tmp_path / "a.json")
    assert too_many.exit_code == 2 and "200001 is not in the range 1<=x<=200000" in too_many.stderr
    monkeypatch.setattr("influence.document.MAX_FILE_BYTES", 1024 * 1024)  # the same check, sooner
    for args in (("-o", tmp_path / "a.json"), ("--accounts", "3", "-o", tmp_path / "folder")):
        result = run("generate", "--people", "10000", *args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert (
            result.stderr.startswith("error: ") and "MB, over the 1 MB every command reads" in result.stderr
        )
    assert list(tmp_path.iterdir()) == []  # no file, no folder


def test_many_invalid_accounts_stay_one_screen_on_stderr(run, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    for i in range(8):  # four issues each, and a summary line: 40 lines in all
        (folder / f"b{i}.yaml").write_text(
            f"format: influence/v1\naccount: {{id: a{i}, nme: x, own: y, z: 1}}\n", encoding="utf-8"
        )
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv")
    lines = result.stderr.splitlines()
    assert (result.exit_code, len(lines)) == (2, 21)
    assert lines[0] == f"{folder / 'b0.yaml'}:2: account.nme: unknown key 'nme' (did you mean 'name'?)"
    assert lines[-1] == (
        "… and 20 more lines (8 accounts failed; the ERROR column names each account's first problem "
        "and counts the others)"
    )
    assert len(result.stdout.splitlines()) == 9  # every account still has its row
    ru = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv", "--lang", "ru")
    assert ru.stderr.splitlines()[-1] == (
        "… и ещё 20 строк (не прочитано 8 клиентов; в столбце ОШИБКА — первая ошибка каждого клиента "
        "и число остальных)"
    )


def test_one_invalid_account_over_a_screen_is_counted_in_the_singular(run, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    keys = ", ".join(f"k{i}: 1" for i in range(24))  # 24 unknown keys and a summary line
    (folder / "b.yaml").write_text(
        f"format: influence/v1\naccount: {{id: a, name: A, {keys}}}\n", encoding="utf-8"
    )
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv")
    lines = result.stderr.splitlines()
    assert lines[-1] == (
        "… and 2 more lines (1 account failed; the ERROR column names each account's first problem "
        "and counts the others)"
    )
    # the count the cut-off summary line held is in the row: 24 problems, 23 after the first
    assert next(iter(csv.DictReader(io.StringIO(result.stdout))))["error"] == (
        f"{folder / 'b.yaml'}:2: account.k0: unknown key 'k0' (+23 more: influence validate "
        f"{folder / 'b.yaml'} lists every one)"
    )


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_error_cell_counts_the_problems_it_does_not_name(run, tmp_path, fmt):
    """The cell held only the first of two problems, and nothing said there was another."""
    folder = tmp_path / "my accounts"
    folder.mkdir()
    bad = folder / "two.yaml"
    bad.write_text("format: influence/v1\naccount: {id: a, name: A, k0: 1, k1: 2}\n", encoding="utf-8")
    (folder / "one.yaml").write_text(
        "format: influence/v1\naccount: {id: b, name: B, k0: 1}\n", encoding="utf-8"
    )
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", fmt)
    rows = json.loads(result.stdout) if fmt == "json" else list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["error"] for row in rows] == [
        f"{folder / 'one.yaml'}:2: account.k0: unknown key 'k0'",
        f"{bad}:2: account.k0: unknown key 'k0' (+1 more: influence validate '{bad}' lists every one)",
    ]
    ru = run("portfolio", folder, "--as-of", AS_OF, "--format", fmt, "--lang", "ru")
    rows = json.loads(ru.stdout) if fmt == "json" else list(csv.DictReader(io.StringIO(ru.stdout)))
    assert rows[1]["error"].endswith(" (и ещё 1 ошибка: все покажет influence validate '" + str(bad) + "')")


def test_a_folder_without_accounts_is_an_error_not_an_empty_portfolio(run, tmp_path):
    """An empty checkout made `portfolio DIR --fail-on high` pass in CI with "(none)"."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    result = run("portfolio", tmp_path / "empty", "--fail-on", "high")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"error: {tmp_path / 'empty'}: no account files (.yaml, .yml, .json) in this folder\n"
    )


def test_a_file_named_twice_has_one_row_under_its_first_spelling(run, tmp_path, monkeypatch):
    """`portfolio p1 p1/uralmet.yaml p1/` printed every file twice (uralmet three times): totals counted them twice."""
    folder = tmp_path / "p"
    run("generate", "--people", "20", "--accounts", "2", "--seed", "2", "-o", folder)
    (tmp_path / "link.yaml").symlink_to(folder / "acct0001.yaml")
    monkeypatch.chdir(tmp_path)
    result = run(
        "portfolio", "p", "p/acct0000.yaml", "p/", "./p/../p/acct0001.yaml", "link.yaml", "gone.yaml",
        "./gone.yaml", "--as-of", AS_OF, "--format", "csv", "--jobs", "1",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == "error: gone.yaml: no such file\n"  # silent about the repeats
    assert sorted(line.split(",")[0] for line in result.stdout.splitlines()[1:]) == [
        "gone.yaml",
        "p/acct0000.yaml",
        "p/acct0001.yaml",
    ]


def test_a_link_beside_its_file_leaves_the_row_to_the_file(run, tmp_path):
    """current.yaml -> uralmet.yaml sorted first, and the real file had no row of its own."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "uralmet.yaml").write_bytes((EXAMPLES / "uralmet.yaml").read_bytes())
    (folder / "current.yaml").symlink_to("uralmet.yaml")
    (folder / "alias.yaml").symlink_to("uralmet.yaml")
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.split(",")[:2] for line in result.stdout.splitlines()] == [
        ["source", "account"],
        [str(folder / "uralmet.yaml"), "uralmet"],
    ]


def test_the_summary_can_be_written_into_the_folder_it_reads(run, tmp_path):
    """`portfolio gen -o gen/portfolio.json` worked once; every later run read the summary as an
    account, refused to write over it ("the account being read"), and gave it an error row."""
    folder = tmp_path / "gen"
    assert run("generate", "--accounts", "2", "--people", "20", "--seed", "7", "-o", folder).exit_code == 0
    summary = folder / "portfolio.json"
    for _ in range(2):
        result = run("portfolio", folder, "-o", summary, "--as-of", AS_OF, "--jobs", "1")
        assert (result.exit_code, result.stdout, result.stderr) == (0, f"wrote {summary}\n", "")
        rows = json.loads(summary.read_text(encoding="utf-8"))
        assert sorted(row["account"] for row in rows) == ["acct0000", "acct0001"]
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv", "--jobs", "1")
    assert result.exit_code == 0
    assert result.stderr == (
        f"note: {summary}: skipped: an influence report or summary in JSON, not an account\n"
    )
    assert len(result.stdout.splitlines()) == 3
    ru = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv", "--jobs", "1", "--lang", "ru")
    assert (
        ru.stderr == f"примечание: {summary}: пропущен: это отчёт или сводка influence в JSON, а не клиент\n"
    )
    # named as a source, it is read: its row says what it is
    named = run("portfolio", summary, "--as-of", AS_OF, "--format", "csv")
    assert named.exit_code == 2 and "got a list" in named.stdout
    # an account in the folder named by -o is still read, and not written over
    account = folder / "other.json"
    assert run("generate", "--people", "5", "--seed", "3", "-o", account).exit_code == 0
    before = account.read_bytes()
    refused = run("portfolio", folder, "-o", account, "--as-of", AS_OF, "--jobs", "1")
    assert refused.exit_code == 2 and "the account being read" in refused.stderr
    assert account.read_bytes() == before


def test_reports_in_json_beside_the_accounts_are_skipped_not_error_rows(run, tmp_path):
    """A gap report or a review pack written into the accounts' folder made every later portfolio
    exit 2 with an error row for it (and so fail --fail-on in CI)."""
    folder = tmp_path / "accounts"
    assert run("generate", "--accounts", "2", "--people", "20", "--seed", "7", "-o", folder).exit_code == 0
    assert run(
        "gaps", folder / "acct0000.yaml", "--format", "json", "-o", folder / "gaps.json"
    ).exit_code in (0, 1)
    planned = run("plan", folder / "acct0001.yaml", "--format", "json", "--as-of", AS_OF)
    (folder / "plan.json").write_text(planned.stdout, encoding="utf-8")
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3  # the header and the two accounts
    skipped = "skipped: an influence report or summary in JSON, not an account"
    assert result.stderr == "".join(
        f"note: {folder / name}: {skipped}\n" for name in ("gaps.json", "plan.json")
    )


def test_jobs_far_above_the_cores_start_at_most_four_workers_per_core(monkeypatch):
    """--jobs 100000 started one process per file (51 processes, 1.1 GB for 50 small accounts)."""
    import datetime as dt
    import multiprocessing

    from influence import batch

    started = []
    spawn = multiprocessing.get_context("spawn")

    class Counting:
        def Pool(self, processes, *args):
            started.append(processes)
            return spawn.Pool(processes, *args)

    monkeypatch.setattr(batch, "default_jobs", lambda: 1)
    monkeypatch.setattr(batch, "_context", Counting)
    sources = [str(EXAMPLES / "uralmet.yaml")] * 6
    rows = list(batch.portfolio_rows(sources, dt.date(2026, 11, 27), jobs=100_000))
    assert started == [batch.MAX_JOBS_PER_CORE] == [4]
    assert [row.account for row, _ in rows] == ["uralmet"] * 6


def test_several_files_of_one_account_keep_their_rows_and_are_named_on_stderr(run, tmp_path):
    """Three files of account uralmet (English, Russian, next quarter) gave three rows and no word."""
    folder = tmp_path / "p"
    folder.mkdir()
    for name in ("uralmet.yaml", "uralmet-ru.yaml", "new-account.yaml"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    (folder / "uralmet-2027q1.yaml").write_bytes((EXAMPLES / "uralmet.yaml").read_bytes())
    result = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 5  # every file keeps its row
    sources = ", ".join(
        str(folder / name) for name in ("uralmet-2027q1.yaml", "uralmet-ru.yaml", "uralmet.yaml")
    )
    assert result.stderr == f"warning: several sources hold account 'uralmet', one row each: {sources}\n"
    failing = run("portfolio", folder, "--as-of", AS_OF, "--format", "csv", "--fail-on", "high")
    assert failing.exit_code == 1 and failing.stderr == result.stderr  # the exit code is the findings'


def test_many_shared_accounts_stay_one_screen_on_stderr(run, tmp_path):
    run("generate", "--people", "3", "--accounts", "22", "--seed", "1", "-o", tmp_path / "a")
    run("generate", "--people", "3", "--accounts", "22", "--seed", "1", "-o", tmp_path / "b")
    result = run("portfolio", tmp_path / "a", tmp_path / "b", "--as-of", AS_OF, "--format", "csv")
    lines = result.stderr.splitlines()
    assert (result.exit_code, len(result.stdout.splitlines()), len(lines)) == (0, 45, 21)
    assert lines[0] == (
        "warning: several sources hold account 'acct0000', one row each: "
        f"{tmp_path / 'a' / 'acct0000.yaml'}, {tmp_path / 'b' / 'acct0000.yaml'}"
    )
    assert lines[-1] == "… and 2 more lines"


def test_neo4j_star_that_cannot_be_listed_is_an_error_row_and_the_files_still_print(run):
    """An unreachable server for `neo4j:*` printed one error and no row; `neo4j:acme` gave an error row."""
    nowhere = f"bolt://127.0.0.1:{_free_port()}"
    result = run(
        "--uri", nowhere, "portfolio", EXAMPLES / "uralmet.yaml", "neo4j:*", "neo4j:*",
        "--as-of", AS_OF, "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 2
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    assert [(r[0], r[1]) for r in rows] == [("neo4j:*", ""), (str(EXAMPLES / "uralmet.yaml"), "uralmet")]
    assert rows[0][-1].startswith(f"cannot reach Neo4j at {nowhere}")
    assert result.stderr == f"error: {rows[0][-1]}\n"  # once, though named twice


def test_generate_in_russian_writes_a_russian_account(run, tmp_path):
    target = tmp_path / "ru.yaml"
    wrote = run("generate", "--people", "40", "--seed", "2", "-o", target, "--lang", "ru")
    assert wrote.exit_code == 0 and wrote.stdout.startswith(f"записан {target} — ")
    account = load_file(target)
    assert account.info.language == "ru" and account.info.name == "Синтетический холдинг 0"
    gaps = run("gaps", target, "--as-of", AS_OF)
    assert gaps.exit_code in (0, 1) and "Закупочная группа" in gaps.stdout
    english = tmp_path / "en.yaml"
    run("generate", "--people", "40", "--seed", "2", "-o", english)
    assert [p.id for p in load_file(english).people] == [p.id for p in account.people]


def test_a_portfolio_killed_midway_leaves_no_folder_and_the_next_run_writes_it(tmp_path):
    """kill -9 runs no clean-up: the accounts are written beside the folder, which appears whole or not at all."""
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    folder = tmp_path / "portfolio"
    args = [
        sys.executable,
        "-m",
        "influence",
        "generate",
        "--people",
        "2000",
        "--accounts",
        "60",
        "-o",
        folder,
    ]
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if sum(p.is_file() for p in tmp_path.rglob("*")) >= 2:  # accounts on disk: mid-way through
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert not folder.exists()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(list(folder.iterdir())) == 60
