"""The command line at its edges: output that cannot be written, odd encodings, odd values and names."""

from __future__ import annotations

import functools
import os
import subprocess

import pytest

from tests.conftest import EXAMPLES, influence_process

URALMET = str(EXAMPLES / "uralmet.yaml")


#: the process with both its outputs captured, as bytes
_process = functools.partial(influence_process, stdout=subprocess.PIPE, text=False)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["--lang", "ru", "--help"]])
def test_a_help_page_that_cannot_be_written_is_an_error_not_a_traceback(args):
    with open("/dev/full", "w") as full:
        result = _process(*args, stdout=full)
    reason = "на диске нет места" if "ru" in args else "No space left on device"
    said = "не удаётся записать в стандартный вывод" if "ru" in args else "cannot write to standard output"
    error = "ошибка" if "ru" in args else "error"
    assert (result.returncode, result.stderr.decode()) == (2, f"{error}: {said}: {reason}\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args", [["gaps", "nofile.yaml"], ["bogus"], ["gaps", "nofile.yaml", "--lang", "ru"]]
)
def test_an_error_that_cannot_be_written_still_exits_2(args):
    """Standard error full or closed: nothing can be said, but the exit code must not read as 'findings' (1)."""
    with open("/dev/full", "w") as full:
        assert _process(*args, stderr=full).returncode == 2
    closed = influence_process(*args, stderr=subprocess.DEVNULL, close=2)
    assert closed.returncode == 2


def test_a_terminal_that_cannot_show_russian_gets_escapes_not_a_traceback():
    result = _process(
        "gaps", URALMET, "--lang", "ru", "--as-of", "2026-11-27", env={"PYTHONIOENCODING": "latin-1"}
    )
    assert (result.returncode, result.stderr) == (0, b"")
    first = result.stdout.decode("latin-1").splitlines()[0]
    assert (
        first
        == "\\u041e\\u0442\\u0447\\u0451\\u0442 \\u043e \\u043f\\u0440\\u043e\\u0431\\u0435\\u043b\\u0430\\u0445: UralMet Holding (uralmet), \\u043d\\u0430 2026-11-27"
    )
    helped = _process("--lang", "ru", "--help", env={"PYTHONIOENCODING": "latin-1"})
    assert helped.returncode == 0 and helped.stdout.startswith(b"\\u0418")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Error: Invalid value for '--as-of': 'x\\x1b[31m\\ny' is not a date (expected YYYY-MM-DD)\n"),
        (
            "ru",
            "ошибка: недопустимое значение '--as-of': 'x\\x1b[31m\\ny' — не дата (нужен формат YYYY-MM-DD)\n",
        ),
    ],
)
def test_a_value_with_an_escape_sequence_or_a_line_break_is_shown_escaped(lang, expected):
    result = _process("gaps", URALMET, "--as-of", "x\x1b[31m\ny", "--lang", lang)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines(keepends=True)[-1] == expected


def test_a_file_name_with_a_line_break_is_shown_escaped(tmp_path):
    result = _process("gaps", URALMET, "-o", str(tmp_path / "a\nb" / "c.md"))
    assert (result.returncode, result.stderr.decode()) == (
        2,
        f"error: {tmp_path}/a\\nb/c.md: folder '{tmp_path}/a\\nb' does not exist; "
        f"create it first (mkdir -p '{tmp_path}/a\\nb')\n",
    )


def test_a_huge_value_is_cut_to_one_screen():
    result = _process("gaps", URALMET, "--format", "x" * 100_000)
    assert result.returncode == 2
    assert 1000 <= len(result.stderr) < 1200 and result.stderr.decode().endswith("…\n")


def test_a_file_where_the_folder_should_be_is_named_as_such(run, tmp_path):
    (tmp_path / "regular").write_text("a file\n", encoding="utf-8")
    target = tmp_path / "regular" / "out.md"
    result = run("gaps", URALMET, "-o", target)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {target}: '{tmp_path}/regular' is not a folder\n",
    )
    russian = run("gaps", URALMET, "-o", target, "--lang", "ru")
    assert russian.stderr == f"ошибка: {target}: '{tmp_path}/regular' — не папка\n"


@pytest.mark.parametrize(
    ("source", "english", "russian"),
    [
        (
            "neo4j:",
            "neo4j:: no account id after 'neo4j:' (expected neo4j:ACCOUNT or neo4j:ACCOUNT@VERSION)",
            "neo4j:: после 'neo4j:' не указан id клиента (нужно neo4j:ACCOUNT или neo4j:ACCOUNT@VERSION)",
        ),
        (
            "neo4j:Bad",
            "neo4j:Bad: 'Bad' is not an account id (lower-case Latin letters, digits, '_', '.', '-'); "
            "did you mean 'bad'?",
            "neo4j:Bad: 'Bad' — не id клиента (строчные латинские буквы, цифры, '_', '.', '-'); "
            "возможно, имелось в виду 'bad'?",
        ),
        (
            "neo4j:uralmet@0",
            "neo4j:uralmet@0: the version after '@' must be a whole number from 1, got '0' "
            "(e.g. neo4j:uralmet@1; influence db history uralmet lists them)",
            "neo4j:uralmet@0: после '@' нужен номер версии — целое число от 1, а указано '0' "
            "(например, neo4j:uralmet@1; список версий: influence db history uralmet)",
        ),
    ],
)
def test_a_malformed_neo4j_source_is_refused_in_the_output_language_without_connecting(
    run, source, english, russian
):
    assert run("gaps", source).stderr == f"error: {english}\n"
    assert run("gaps", source, "--lang", "ru").stderr == f"ошибка: {russian}\n"


def test_an_import_over_an_account_file_with_comments_is_refused_and_over_one_without_goes_ahead(
    run, tmp_path
):
    """A workbook holds no comments: importing it over the team's annotated file would drop them unseen."""
    book, annotated = tmp_path / "u.xlsx", tmp_path / "uralmet.yaml"
    annotated.write_text((EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run("export", "xlsx", annotated, "-o", book).exit_code == 0
    before = annotated.read_bytes()
    refused = run("import", "xlsx", book, "-o", annotated)
    assert refused.exit_code == 2 and refused.stderr == (
        f"error: -o {annotated} holds YAML comments, which writing it anew would drop; nothing written: "
        "write to another file and carry the comments over, or give --force to drop them\n"
    )
    assert annotated.read_bytes() == before
    plain = tmp_path / "plain.yaml"
    assert run("import", "xlsx", book, "-o", plain).exit_code == 0
    assert (
        run("import", "xlsx", book, "-o", plain).exit_code == 0
    )  # its own earlier import: no comments to lose


def test_an_empty_output_name_is_refused_as_such(run):
    assert run("gaps", URALMET, "-o", "").stderr == "error: an empty name names no file to write\n"
    assert (
        run("gaps", URALMET, "-o", "", "--lang", "ru").stderr
        == "ошибка: пустое имя — не имя файла для записи\n"
    )


@pytest.mark.parametrize(
    ("args", "first"),
    [
        ([], "Usage: influence [OPTIONS] COMMAND [ARGS]..."),
        (["db"], "Usage: influence db [OPTIONS] COMMAND [ARGS]..."),
        (["--lang", "ru", "db"], "Использование: influence db [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]..."),
    ],
)
def test_a_bare_group_prints_its_help_page_whole(args, first):
    """A group called with nothing prints its help page as click does: line by line, not escaped or cut."""
    result = _process(*args)
    page = (result.stdout + result.stderr).decode()
    assert page.splitlines()[0] == first
    assert len(page.splitlines()) > 8 and "\\n" not in page and len(page) > 400


def test_a_push_of_many_clashing_files_is_refused_on_one_screen():
    """A thousand accounts in two folders: one message naming ten of them, not a recursion error."""
    from influence.cli.db import SHOWN_CLASHES, _collisions
    from influence.errors import SourceError
    from influence.i18n import translator

    ids = [f"acct{i:04d}" for i in range(1000)]
    files = [f"a/{i}.yaml" for i in ids] + [f"b/{i}.yaml" for i in ids]
    with pytest.raises(SourceError) as refused:
        _collisions(files, ids * 2)
    english = str(refused.value)
    assert english.startswith(
        "several files hold the same account; nothing was pushed: account 'acct0000' is in a/acct0000.yaml, "
        "b/acct0000.yaml; account 'acct0001' is in"
    )
    assert english.endswith("; … and 990 more accounts (push one file per account)")
    assert english.count("account '") == SHOWN_CLASHES and len(english) < 2000
    assert refused.value.render(translator("ru")).endswith(
        "; … и ещё 990 клиентов (записывайте по одному файлу на клиента)"
    )


@pytest.mark.parametrize(
    ("command", "suffix"),
    [
        (["gaps", "--format", "json", "--as-of", "2026-11-27"], ".json"),
        (["map", "--as-of", "2026-11-27"], ".html"),
        (["export", "xlsx"], ".xlsx"),
    ],
)
def test_the_wrote_line_shows_a_line_break_in_a_file_name_as_its_escape(run, tmp_path, command, suffix):
    """`-o $'out\\nx.json'` printed "wrote out", a line break, then "x.json"."""
    output = tmp_path / f"out\nx{suffix}"
    result = run(*command, EXAMPLES / "uralmet.yaml", "-o", output)
    assert result.exit_code == 0, result.output
    assert output.exists()
    assert f"wrote {tmp_path}/out\\nx{suffix}" in result.output and f"\nx{suffix}" not in result.output


def test_an_unreachable_server_is_said_in_the_users_language(run):
    """The reason was the driver's English inside a Russian sentence: «не удаётся подключиться к Neo4j
    по адресу …: Failed to establish connection to ResolvedIPv4Address(…) (reason [Errno 111]
    Connection refused)»."""
    from tests.conftest import _free_port

    uri = f"bolt://127.0.0.1:{_free_port()}"
    result = run("--uri", uri, "gaps", "neo4j:x", "--lang", "ru")
    assert (result.exit_code, result.stderr) == (
        2,
        f"ошибка: не удаётся подключиться к Neo4j по адресу {uri}: по этому адресу и порту никто не "
        "отвечает (в соединении отказано): запущен ли сервер?\n",
    )
