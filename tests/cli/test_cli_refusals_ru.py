"""The command line's own refusals (a bad combination of options, a file name that says another
format, a folder that is a file…) are said in the language of ``--lang``, as click's usage errors are.

Each case runs twice: with ``--lang ru`` the exact Russian, without it the English as it always
was (usage errors under click's usage line, the others as one ``error:`` line), exit code 2 both.
"""

from __future__ import annotations

import ast
import os
import socket
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, influence_process

URALMET = str(EXAMPLES / "uralmet.yaml")
AS_OF = ("--as-of", "2026-11-27")
CLI = ROOT / "influence" / "cli"


def _nowhere() -> str:
    """A Neo4j URI on a port nothing listens on: the refusals come before any connection."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"bolt://127.0.0.1:{s.getsockname()[1]}"


#: (arguments, the command whose usage line comes first or None, English reason, Russian reason);
#: ``{tmp}`` is the test's folder, ``{uralmet}`` the example account
CASES = [
    (
        ("plan", "{uralmet}", "-o", "{tmp}/x.yaml", *AS_OF),
        "plan",
        "-o writes the account with the moves applied: add --apply",
        "-o записывает клиента с применёнными шагами: добавьте --apply",
    ),
    (
        ("plan", "{uralmet}", "--apply", *AS_OF),
        "plan",
        "--apply writes the account with the moves applied: add -o FILE.yaml",
        "--apply записывает клиента с применёнными шагами: добавьте -o FILE.yaml",
    ),
    (  # -o was given: "add -o FILE.yaml" did not say what was wrong
        ("plan", "{uralmet}", "--apply", "-o", "-", *AS_OF),
        "plan",
        "'-' (stdout): --apply writes the account to a file; give its name (-o FILE.yaml)",
        "'-' (stdout): --apply записывает клиента в файл; укажите его имя (-o FILE.yaml)",
    ),
    (
        ("plan", "{uralmet}", "--moves", "0", *AS_OF),
        "plan",
        "Invalid value for '--moves': 0 is not a number of moves (expected 1 or more)",
        "недопустимое значение '--moves': 0 — неверное число шагов (нужно не меньше 1)",
    ),
    (
        ("plan", "{uralmet}", "--format", "xlsx", "--apply", "-o", "{tmp}/p.xlsx", *AS_OF),
        "plan",
        "--format xlsx writes the plan as a workbook; --apply needs a text format",
        "--format xlsx записывает план как книгу Excel; для --apply нужен текстовый формат",
    ),
    (
        ("plan", "{uralmet}", "--apply", "-o", "{tmp}/x", *AS_OF),
        None,
        "{tmp}/x: the file name has no suffix (expected .yaml, .yml or .json)",
        "{tmp}/x: у имени файла нет расширения (ожидается .yaml, .yml или .json)",
    ),
    (
        ("plan", "{tmp}/acct.yaml", "--apply", "-o", "{tmp}/acct.yaml", *AS_OF),
        None,  # about the file, not the command line: no usage line
        "-o {tmp}/acct.yaml holds YAML comments, which writing it anew would drop; nothing written: "
        "write to another file and carry the comments over, or give --force to drop them",
        "-o {tmp}/acct.yaml содержит комментарии YAML, которые пропадут при записи файла заново; ничего не "
        "записано: запишите результат в другой файл и перенесите в него комментарии или добавьте --force, "
        "чтобы их удалить",
    ),
    (
        ("gaps", "{uralmet}", "--format", "xlsx", *AS_OF),
        "gaps",
        "--format xlsx writes a workbook: add -o FILE.xlsx",
        "--format xlsx записывает книгу Excel: добавьте -o FILE.xlsx",
    ),
    (
        ("gaps", "{uralmet}", "-o", "{tmp}/r.xlsx", "--format", "json", *AS_OF),
        "gaps",
        "{tmp}/r.xlsx names a workbook, but --format json writes text: use --format xlsx",
        "{tmp}/r.xlsx — имя книги Excel, а --format json выводит текст: используйте --format xlsx",
    ),
    (
        ("gaps", "{uralmet}", "--format", "xlsx", "-o", "{tmp}/r.json", *AS_OF),
        "gaps",
        "--format xlsx writes a workbook, but {tmp}/r.json names a .json file: use .xlsx",
        "--format xlsx записывает книгу Excel, а у {tmp}/r.json расширение .json: используйте .xlsx",
    ),
    (
        ("gaps", "{tmp}/acct.yaml", "-o", "{tmp}/acct.yaml", *AS_OF),
        None,
        "-o {tmp}/acct.yaml is {tmp}/acct.yaml, the account being read: it would be overwritten; "
        "write to another file",
        "-o {tmp}/acct.yaml указывает на читаемый файл клиента ({tmp}/acct.yaml): он был бы перезаписан; "
        "укажите другой файл",
    ),
    (
        ("export", "gexf", "{uralmet}", "-o", "{tmp}/r.json"),
        "export gexf",
        "export gexf writes GEXF, but {tmp}/r.json names a .json file: use .gexf",
        "export gexf записывает GEXF, а у {tmp}/r.json расширение .json: используйте .gexf",
    ),
    (
        ("export", "xlsx", "{uralmet}", "-o", "{tmp}/r.md"),
        "export xlsx",
        "export xlsx writes a workbook, but {tmp}/r.md names a .md file: use .xlsx",
        "export xlsx записывает книгу Excel, а у {tmp}/r.md расширение .md: используйте .xlsx",
    ),
    (
        ("map", "{uralmet}", *AS_OF),
        "map",
        "give -o FILE.html, --static FILE.png|svg, or both",
        "укажите -o FILE.html, --static FILE.png|svg или оба",
    ),
    (
        ("map", "{uralmet}", "-o", "{tmp}/new/", *AS_OF),
        "map",
        "-o {tmp}/new/: names a folder, not a file to write",
        "-o {tmp}/new/: это имя папки, а не файла для записи",
    ),
    (
        ("map", "{uralmet}", "-o", "{tmp}/m.svg", *AS_OF),
        "map",
        "map -o writes an HTML page, but {tmp}/m.svg names a .svg file: use .html",
        "map -o записывает HTML-страницу, а у {tmp}/m.svg расширение .svg: используйте .html",
    ),
    (
        ("map", "{uralmet}", "-o", "{tmp}/m", *AS_OF),
        "map",
        "map -o writes an HTML page, but {tmp}/m has no suffix: use .html",
        "map -o записывает HTML-страницу, а у {tmp}/m нет расширения: используйте .html",
    ),
    (
        ("map", "{uralmet}", "--static", "{tmp}/m.jpg", *AS_OF),
        "map",
        "--static {tmp}/m.jpg: the image must end in .png or .svg",
        "--static {tmp}/m.jpg: имя изображения должно оканчиваться на .png или .svg",
    ),
    (
        ("review", "{uralmet}", "-o", os.devnull, *AS_OF),
        None,
        f"{os.devnull}: exists and is not a folder",
        f"{os.devnull}: существует, но это не папка",
    ),
    (
        ("review", "{uralmet}", "-o", "{tmp}/pack", "--since", "{examples}/new-account.yaml", *AS_OF),
        None,
        "--since {examples}/new-account.yaml: is account 'nordchem', not 'uralmet' "
        "(it must be an earlier version of the same account)",
        "--since {examples}/new-account.yaml: это клиент 'nordchem', а не 'uralmet' "
        "(нужна более ранняя версия того же клиента)",
    ),
    (
        ("review", "{tmp}/v3.yaml", "-o", "{tmp}/pack", "--since", "{tmp}/v5.yaml", *AS_OF),
        None,
        "--since {tmp}/v5.yaml: is version 5, later than the version reviewed (3); "
        "--since names the earlier version",
        "--since {tmp}/v5.yaml: это версия 5, она новее проверяемой (3); "
        "в --since указывается более ранняя версия",
    ),
    (
        ("generate", "--people", "3", "-o", "{tmp}/x.txt"),
        None,
        "{tmp}/x.txt: name a .yaml, .yml or .json file (or give --accounts N to fill a folder)",
        "{tmp}/x.txt: укажите файл .yaml, .yml или .json (или задайте --accounts N, чтобы заполнить папку)",
    ),
    (
        ("generate", "--people", "3", "--accounts", "2", "-o", "{tmp}/x.yaml"),
        None,
        "{tmp}/x.yaml: with --accounts > 1, -o names a folder, not a .yaml file",
        "{tmp}/x.yaml: при --accounts > 1 в -o указывается папка, а не файл .yaml",
    ),
    (
        ("generate", "--people", "3", "--accounts", "2", "-o", "{tmp}/plain"),
        None,
        "{tmp}/plain: not a folder (with --accounts > 1, -o names a folder)",
        "{tmp}/plain: это не папка (при --accounts > 1 в -o указывается папка)",
    ),
    (
        ("generate", "--people", "3", "--accounts", "2", "-o", "{tmp}/nofolder/sub"),
        None,
        "{tmp}/nofolder/sub: folder '{tmp}/nofolder' does not exist; create it first (mkdir -p {tmp}/nofolder)",
        "{tmp}/nofolder/sub: папка '{tmp}/nofolder' не существует; сначала создайте её (mkdir -p {tmp}/nofolder)",
    ),
    (
        ("generate", "--people", "3", "--accounts", "2", "-o", "{tmp}/taken"),
        None,
        "{tmp}/taken/acct0000.yaml: already exists; nothing written "
        "(generate into another folder, or give --force to replace the files)",
        "{tmp}/taken/acct0000.yaml: уже существует; ничего не записано "
        "(создайте файлы в другой папке или задайте --force, чтобы заменить их)",
    ),
    (
        ("--uri", "{nowhere}", "db", "pull", "uralmet", "-o", "{tmp}/x.txt"),
        None,
        "{tmp}/x.txt: unsupported file type '.txt' (expected .yaml, .yml or .json)",
        "{tmp}/x.txt: неподдерживаемый тип файла '.txt' (ожидается .yaml, .yml или .json)",
    ),
    (
        ("--uri", "{nowhere}", "db", "push", "{tmp}/acct.yaml", "{tmp}/acct2.yaml"),
        None,
        "several files hold the same account; nothing was pushed: "
        "account 'uralmet' is in {tmp}/acct.yaml, {tmp}/acct2.yaml (push one file per account)",
        "несколько файлов содержат одного и того же клиента; ничего не записано: "
        "клиент 'uralmet' — в файлах {tmp}/acct.yaml, {tmp}/acct2.yaml (записывайте по одному файлу на клиента)",
    ),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The files the cases name: two copies of the example (with its comments), versions 3 and 5, a
    plain file, a folder whose first generated name is taken."""
    text = Path(URALMET).read_text(encoding="utf-8")
    for name in ("acct.yaml", "acct2.yaml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "v3.yaml").write_text("base_version: 3\n" + text, encoding="utf-8")
    (tmp_path / "v5.yaml").write_text("base_version: 5\n" + text, encoding="utf-8")
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "acct0000.yaml").write_text("x", encoding="utf-8")
    return tmp_path


def _expected(usage: str | None, reason: str, russian: bool) -> str:
    """The whole stderr: click's usage line and hint before a usage error, then the reason."""
    if usage is None:
        return f"{'ошибка' if russian else 'error'}: {reason}\n"
    if russian:
        return f"Использование: cli {usage} [ПАРАМЕТРЫ] SOURCE\nСправка: cli {usage} --help --lang ru\n\nошибка: {reason}\n"
    return f"Usage: cli {usage} [OPTIONS] SOURCE\nTry 'cli {usage} --help' for help.\n\nError: {reason}\n"


@pytest.mark.parametrize(("args", "usage", "english", "russian"), CASES)
def test_a_refusal_is_said_in_russian_with_lang_ru_and_as_before_without(
    run, folder, args, usage, english, russian
):
    values = {"tmp": folder, "uralmet": URALMET, "examples": EXAMPLES, "nowhere": _nowhere()}
    argv = [a.format(**values) for a in args]
    result = run(*argv, "--lang", "ru")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        _expected(usage, russian.format(**values), russian=True),
    )
    result = run(*argv)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        _expected(usage, english.format(**values), russian=False),
    )


def test_lang_given_first_says_a_later_refusal_in_russian_too(run, tmp_path):
    result = run("--lang", "ru", "plan", URALMET, "-o", tmp_path / "x.yaml", *AS_OF)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        "ошибка: -o записывает клиента с применёнными шагами: добавьте --apply",
    )


def test_an_unknown_language_after_lang_ru_is_refused_in_russian(run):
    """``influence --lang ru gaps … --lang xx``: the group's language says what is wrong with the command's."""
    result = run("--lang", "ru", "gaps", URALMET, "--lang", "xx")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        "ошибка: недопустимое значение '--lang': неизвестный язык 'xx' (ожидается en или ru)",
    )
    result = run("gaps", URALMET, "--lang", "xx")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        "Error: Invalid value for '--lang': unknown language 'xx' (expected en or ru)",
    )


# --- standard output that cannot be written: said in the command, or at the exit's flush --------


@pytest.mark.parametrize(
    "args",
    [
        ("validate", URALMET),  # one short line: it fails at the exit's flush, after the command
        ("gaps", URALMET, *AS_OF),  # fails while the command writes
    ],
)
def test_a_full_stdout_is_said_in_russian_with_lang_ru(args):
    if not os.path.exists("/dev/full"):  # pragma: no cover
        pytest.skip("no /dev/full here")
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        russian = influence_process(*args, "--lang", "ru", stdout=fd)
        english = influence_process(*args, stdout=fd)
    finally:
        os.close(fd)
    assert (russian.returncode, russian.stderr) == (
        2,
        "ошибка: не удаётся записать в стандартный вывод: на диске нет места\n",
    )
    assert (english.returncode, english.stderr) == (
        2,
        "error: cannot write to standard output: No space left on device\n",
    )


def test_a_closed_stdout_is_said_in_russian_with_lang_ru():
    result = influence_process("validate", URALMET, "--lang", "ru", close=1)
    assert (result.returncode, result.stderr) == (
        2,
        "ошибка: не удаётся записать в стандартный вывод: он закрыт\n",
    )


# --- every refusal goes through the catalogue ------------------------------------------------------

#: the exceptions whose message a user reads: each is given a Msg (or a value holding one), never text
_REFUSALS = {"UsageError", "SourceError", "StoreError", "BadParameter", "Worded", "WordedUsage"}
#: (file, line) of a refusal allowed to be given text, with the reason; none today
_ALLOWED: dict[tuple[str, int], str] = {}


def _is_text(node: ast.expr) -> bool:
    """True when ``node`` is English text written in place: a literal, an f-string, text joined or formatted."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _is_text(node.func.value)  # "…".format(…), "; ".join(…)
    return False


def _calls(name: str | None = None):
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                yield path.name, node, called


def test_no_refusal_of_the_command_line_is_given_english_text():
    found = [
        f"{file}:{node.lineno}: {called}(…) is given text: give it a Msg"
        for file, node, called in _calls()
        if called in _REFUSALS
        and (file, node.lineno) not in _ALLOWED
        and any(
            _is_text(arg) for arg in [*node.args, *(k.value for k in node.keywords if k.arg == "message")]
        )
    ]
    assert found == []


def test_the_check_finds_text_given_to_a_refusal():
    tree = ast.parse(
        'raise click.UsageError(f"-o {x}: bad")\nraise SourceError("a" + b)\nraise Worded(Msg("ok"))'
    )
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "attr", getattr(n.func, "id", "")) in _REFUSALS
    ]
    assert [_is_text(c.args[0]) for c in calls] == [True, True, False]


def test_every_message_of_the_command_line_has_a_literal_template():
    """The catalogue's extractor collects ``Msg("…")`` and ``NMsg("…", "…", n)`` written with literals only."""
    bad = [
        f"{file}:{node.lineno}"
        for file, node, called in _calls()
        if called in ("Msg", "NMsg")
        and not all(
            isinstance(a, ast.Constant) and isinstance(a.value, str)
            for a in node.args[: 2 if called == "NMsg" else 1]
        )
    ]
    assert bad == []
