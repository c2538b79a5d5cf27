"""The command line's own words follow ``--lang ru``: help pages and usage errors; English stays click's own."""

from __future__ import annotations

import inspect
import re

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from influence.cli import cli
from influence.cli.language import confirm, shortened, yes_or_no
from influence.i18n import translator
from tests.conftest import EXAMPLES
from tests.test_i18n import extracted

URALMET = str(EXAMPLES / "uralmet.yaml")
USAGE_RU = "Использование: influence gaps [ПАРАМЕТРЫ] SOURCE\nСправка: influence gaps --help --lang ru\n\n"
USAGE_EN = "Usage: influence gaps [OPTIONS] SOURCE\nTry 'influence gaps --help' for help.\n\n"


def _run(*args: str):
    """The command line as ``influence`` (the name its usage lines show), in-process."""
    return CliRunner().invoke(cli, list(args), prog_name="influence", catch_exceptions=False)


#: (arguments without --lang, English stderr as click prints it, Russian stderr with --lang ru)
ERRORS = [
    (
        ["gaps", "--frob", "x"],
        f"{USAGE_EN}Error: No such option '--frob'.\n",
        f"{USAGE_RU}ошибка: неизвестный параметр '--frob'\n",
    ),
    (
        ["gaps"],
        f"{USAGE_EN}Error: Missing argument 'SOURCE'.\n",
        f"{USAGE_RU}ошибка: не указан аргумент 'SOURCE'\n",
    ),
    (
        ["gaps", URALMET, "--format", "x"],
        f"{USAGE_EN}Error: Invalid value for '--format': 'x' is not one of 'table', 'json', 'csv', 'markdown', 'xlsx'.\n",
        f"{USAGE_RU}ошибка: недопустимое значение '--format': 'x'; допустимо: 'table', 'json', 'csv', 'markdown', 'xlsx'\n",
    ),
    (
        ["gaps", URALMET, "--as-of", "2026-13-01"],
        f"{USAGE_EN}Error: Invalid value for '--as-of': '2026-13-01' is not a date: that day does not exist "
        "(there is no month 13)\n",
        f"{USAGE_RU}ошибка: недопустимое значение '--as-of': '2026-13-01' — не дата: такого дня нет "
        "(месяца 13 не существует)\n",
    ),
    (
        ["gaps", "--fail-o"],
        f"{USAGE_EN}Error: No such option '--fail-o'. (Did you mean one of: '--as-of', '--fail-on'?)\n",
        f"{USAGE_RU}ошибка: неизвестный параметр '--fail-o' (возможно, имелось в виду одно из: '--as-of', '--fail-on'?)\n",
    ),
    (
        ["gaps", "a", "b"],
        f"{USAGE_EN}Error: Got unexpected extra argument (b)\n",
        f"{USAGE_RU}ошибка: лишний аргумент (b)\n",
    ),
    (
        ["nosuch"],
        "Usage: influence [OPTIONS] COMMAND [ARGS]...\nTry 'influence --help' for help.\n\n"
        "Error: No such command 'nosuch'.\n",
        "Использование: influence [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]...\nСправка: influence --help --lang ru\n\n"
        "ошибка: неизвестная команда 'nosuch'\n",
    ),
    (
        ["generate", "--people", "0", "-o", "out"],
        "Usage: influence generate [OPTIONS]\nTry 'influence generate --help' for help.\n\n"
        "Error: Invalid value for '--people': 0 is not in the range 1<=x<=200000.\n",
        "Использование: influence generate [ПАРАМЕТРЫ]\nСправка: influence generate --help --lang ru\n\n"
        "ошибка: недопустимое значение '--people': 0 — вне диапазона 1<=x<=200000\n",
    ),
]


@pytest.mark.parametrize(
    ("args", "english", "russian"),
    ERRORS,
    ids=[
        "no-such-option",
        "missing-argument",
        "bad-choice",
        "bad-date",
        "did-you-mean",
        "extra",
        "no-command",
        "range",
    ],
)
def test_a_usage_error_is_russian_with_lang_ru_wherever_it_stands_and_clicks_own_without(
    args, english, russian
):
    before_lang = _run(*args, "--lang", "ru")  # the bad option comes before --lang: it is read first
    assert (before_lang.exit_code, before_lang.stdout, before_lang.stderr) == (2, "", russian)
    if args != ["nosuch"]:  # the group's own --lang comes before the command
        assert _run("--lang=ru", *args).stderr == russian
    without = _run(*args)
    assert (without.exit_code, without.stdout, without.stderr) == (2, "", english)
    assert _run(*args, "--lang", "en").stderr == english


def test_an_option_without_its_value_is_said_without_a_usage_line_as_click_does():
    english = _run("gaps", URALMET, "--as-of")
    assert (english.exit_code, english.stderr) == (2, "Error: Option '--as-of' requires an argument.\n")
    russian = _run("gaps", URALMET, "--lang=ru", "--as-of")
    assert (russian.exit_code, russian.stderr) == (2, "ошибка: параметру '--as-of' нужно значение\n")


GAPS_HELP_EN = """\
Usage: influence gaps [OPTIONS] SOURCE

  The gap report: what is missing from the account plan, and what to do.

Options:
  --format [table|json|csv|markdown|xlsx]
                                  Output format (xlsx: an Excel workbook,
                                  written with -o).  [default: table]
  -o, --output FILE               Write to FILE instead of stdout (- is stdout;
                                  required for --format xlsx); without --format,
                                  a name ending in .xlsx, .json, .csv or .md
                                  picks that format.
  --as-of DATE                    Analysis date, YYYY-MM-DD [default: today].
  --fail-on [high|medium|low]     Exit 1 when a finding at or above this
                                  severity exists (default: exit 0 whatever is
                                  found).
  --lang en|ru                    Language of the output [default: the account's
                                  language, else en].
  -h, --help                      Show this message and exit.
"""

GAPS_HELP_RU = """\
Использование: influence gaps [ПАРАМЕТРЫ] SOURCE

  Отчёт о пробелах в плане по клиенту и о том, что делать.

Параметры:
  --format [table|json|csv|markdown|xlsx]
                                  Формат вывода (xlsx — книга Excel, нужен -o).
                                  [по умолчанию: table]
  -o, --output FILE               Записать в FILE, а не в stdout (обязателен для
                                  --format xlsx; '-' означает stdout). Без
                                  --format формат определяется по расширению:
                                  .xlsx, .json, .csv или .md.
  --as-of DATE                    Дата анализа, YYYY-MM-DD [по умолчанию:
                                  сегодня].
  --fail-on [high|medium|low]     Завершиться с кодом 1, если есть находка такой
                                  или более высокой важности (по умолчанию код 0
                                  при любых находках).
  --lang en|ru                    Язык вывода [по умолчанию: язык клиента, иначе
                                  en].
  -h, --help                      Показать эту справку и выйти.
"""


@pytest.mark.parametrize(
    "args", [["gaps", "--help", "--lang", "ru"], ["gaps", "--lang=ru", "-h"], ["--lang", "ru", "gaps", "-h"]]
)
def test_a_commands_help_is_russian_with_lang_ru(args):
    result = _run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, GAPS_HELP_RU, "")


def test_a_commands_help_is_clicks_own_without_lang_ru():
    assert (_run("gaps", "--help").stdout, _run("gaps", "--help", "--lang", "en").stdout) == (
        GAPS_HELP_EN,
    ) * 2


def test_the_groups_help_is_russian_with_lang_ru_and_keeps_its_english_without():
    lines = _run("--lang", "ru", "--help").stdout.splitlines()
    assert lines[0] == "Использование: influence [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]..."
    assert "Параметры:" in lines and "Команды:" in lines
    assert "  --version        Показать версию и выйти." in lines
    assert "  gaps       Отчёт о пробелах в плане по клиенту и о том, что делать." in lines
    english = _run("--help").stdout
    assert english.startswith(
        "Usage: influence [OPTIONS] COMMAND [ARGS]...\n\n  Stakeholder influence analysis"
    )
    assert "  --version        Show the version and exit.\n" in english
    # a reader of the English help finds the Russian one (the option was hidden there)
    assert "  --lang en|ru     Language of the help, and of the command that follows (as its\n" in english
    assert "  --lang en|ru     Язык справки и команды, которая идёт дальше (как её" in lines
    assert "\nCommands:\n  coverage   How well our team reaches each decision maker.\n" in english


def test_click_words_around_an_options_help_are_russian_too():
    lines = _run("generate", "--help", "--lang", "ru").stdout.splitlines()
    # the placeholder of the value stays English, as FILE, N and SOURCE do (the help texts name them)
    assert "  --accounts INTEGER RANGE  Число клиентов.  [по умолчанию: 1; 1<=x<=100000]" in lines
    assert "  -o, --output PATH         Файл .yaml/.json или, при --accounts > 1, папка" in lines
    assert "                            существовать).  [обязательно]" in lines
    english = _run("generate", "--help").stdout.splitlines()
    assert "  --accounts INTEGER RANGE  How many accounts.  [default: 1; 1<=x<=100000]" in english


def test_a_nested_groups_help_follows_lang_ru():
    result = _run("db", "--lang", "ru", "--help")
    assert result.stdout.startswith("Использование: influence db [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]...\n")
    assert "  init     Создать ограничения и индексы (можно запускать повторно).\n" in result.stdout


def test_the_groups_lang_is_the_language_of_the_command_after_it():
    russian = _run("--lang", "ru", "gaps", URALMET, "--as-of", "2026-11-27")
    assert russian.exit_code == 0 and "ЛПР" in russian.stdout
    assert _run("gaps", URALMET, "--as-of", "2026-11-27").stdout != russian.stdout


def _commands(command: click.Command, path: tuple[str, ...] = ()):
    """(path, command) for ``command`` and every command under it (lazy ones loaded), ``command`` first."""
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            yield from _commands(sub, (*path, name))


def test_every_help_text_of_every_command_and_option_is_in_the_extracted_template():
    """A new option or command cannot stay English: its help is extracted for the catalogue."""
    template = {message for _, message in extracted()}
    texts = set()
    for _, command in _commands(cli):
        texts.add(inspect.cleandoc(command.help or "").partition("\f")[0])
        ctx = click.Context(command)
        texts.update(
            p.help for p in command.get_params(ctx) if isinstance(p, click.Option) and p.help and not p.hidden
        )
    assert len(texts) > 60 and "Show this message and exit." in texts
    assert texts - {""} - template == set()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet="абвгдеёжabc.,:", min_size=1, max_size=12).filter(lambda w: w.strip() == w),
        min_size=0,
        max_size=14,
    ),
    st.integers(min_value=5, max_value=60),
)
def test_the_russian_command_list_shortens_descriptions_as_click_does(words, limit):
    """``shortened`` (used for the Russian list) against click's own shortening of the English one."""
    from click.utils import make_default_short_help

    text = " ".join(words)
    assert shortened(text, limit) == make_default_short_help(text, limit)


def test_no_russian_help_page_splits_an_option_name_at_its_hyphen():
    """click wraps help text at hyphens too: '--as-' at a line's end and 'of' on the next would mislead."""
    split = []
    for path, _ in _commands(cli):
        page = _run(*path, "--help", "--lang", "ru").stdout
        split += [
            f"{' '.join(path)}: {line}"
            for line in page.splitlines()
            if re.search(r"(?<!\S)--?[\w-]*-$", line)
        ]
    assert split == []


def _asking(lang: str | None) -> click.Command:
    """A command that asks :func:`confirm` one question and prints the answer."""
    from influence.i18n import words_for

    @click.command()
    def ask() -> None:
        click.echo(confirm("Delete?", words_for(lang)))

    return ask


@pytest.mark.parametrize(
    ("typed", "answer", "asked"),
    [
        ("да\n", "True", 1),
        ("Д\n", "True", 1),
        ("yes\n", "True", 1),
        ("н\n", "False", 1),
        ("\n", "False", 1),  # nothing typed: no
        ("может быть\nnet\nда\n", "True", 3),  # neither, neither (a Latin "net"), then yes
    ],
)
def test_a_yes_no_question_in_russian_reads_russian_and_english_answers(typed, answer, asked):
    result = CliRunner().invoke(_asking("ru"), input=typed)
    assert (result.exit_code, result.stdout) == (0, f"{answer}\n")
    answers = typed.splitlines()
    lines = [f"Delete? [д/Н]: {a}\nответьте «д» (да) или «н» (нет)\n" for a in answers[: asked - 1]]
    assert result.stderr == "".join(lines) + f"Delete? [д/Н]: {answers[asked - 1]}\n"


def test_a_yes_no_question_in_english_is_clicks_own():
    for lang in (None, "en"):
        result = CliRunner().invoke(_asking(lang), input="maybe\ny\n")
        assert (result.exit_code, result.stdout) == (0, "True\n")
        assert result.stderr == "Delete? [y/N]: maybe\nError: invalid input\nDelete? [y/N]: y\n"


def test_a_yes_no_question_without_an_answer_aborts_in_both_languages():
    for lang in ("ru", "en"):
        result = CliRunner().invoke(_asking(lang), input="")
        assert result.exit_code == 1  # click's Abort
        assert isinstance(result.exception, SystemExit)
        assert result.stdout == ""


def test_yes_or_no_takes_only_whole_answers():
    ru = translator("ru")
    assert [yes_or_no(a, ru) for a in ("ДА", "y", "No", "нет ", "д/н", "да|нет", "|")] == [
        True,
        True,
        False,
        False,
        None,
        None,
        None,
    ]
    en = translator("en")
    assert [yes_or_no(a, en) for a in ("да", "YES", "")] == [None, True, False]


@pytest.mark.parametrize(
    "args", [["--help"], ["generate", "--help"], ["db", "push", "--help"], ["review", "--help"]]
)
def test_russian_help_names_option_values_in_english_as_its_text_does(args):
    """``--lang ru --help`` showed ``--seed ЧИСЛО`` beside ``--moves N`` and ``-o FILE``."""
    page = _run("--lang", "ru", *args).stdout
    english = _run(*args).stdout
    assert _option_names(page, "Параметры:") == _option_names(english, "Options:")
    assert not any(word in page for word in ("ЧИСЛО", "ТЕКСТ", "ПУТЬ", "ПАПКА"))


def _option_names(page: str, heading: str) -> list[str]:
    """The options' names and placeholders of a help page (``-o, --output FILE``), in order."""
    rows = page.split(f"\n{heading}\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return [row.strip().split("  ")[0] for row in rows if row.startswith("  -")]


def test_a_usage_error_found_after_parsing_speaks_the_source_s_language():
    """`gaps uralmet-ru.yaml --format xlsx` (no -o) was refused in English although the file says
    language: ru and every other word of that command is Russian; --lang still decides, and an
    English file stays English."""
    russian = str(EXAMPLES / "uralmet-ru.yaml")
    said = _run("gaps", russian, "--format", "xlsx")
    assert (said.exit_code, said.stderr) == (
        2,
        USAGE_RU + "ошибка: --format xlsx записывает книгу Excel: добавьте -o FILE.xlsx\n",
    )
    english = _run("gaps", russian, "--format", "xlsx", "--lang", "en")
    assert english.stderr == USAGE_EN + "Error: --format xlsx writes a workbook: add -o FILE.xlsx\n"
    assert _run("gaps", URALMET, "--format", "xlsx").stderr == english.stderr
