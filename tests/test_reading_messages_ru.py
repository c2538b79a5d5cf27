"""Errors about reading an account file are said in Russian with ``--lang ru``, and in unchanged English without.

The file's own text (values, keys, codepoints, the parser's words) stays as
it is inside the Russian sentence; only the words around it are translated.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import influence

#: the modules of reading a file: every message they build must reach the catalogue
MODULES = ("loading.py", "yamlreader.py", "document.py")
ROOT = Path(influence.__file__).parent


def _calls(module: str) -> list[ast.Call]:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


@pytest.mark.parametrize("module", MODULES)
def test_every_message_template_is_a_literal_the_extractor_collects(module):
    calls = [c for c in _calls(module) if _name(c) in ("Msg", "NMsg")]
    assert calls  # the module says its errors as messages of the catalogue
    for call in calls:
        literals = call.args[: 2 if _name(call) == "NMsg" else 1]
        assert all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in literals), (
            f"{module}:{call.lineno}: a template that is no string literal stays English"
        )
        values = [*call.args[len(literals) :], *(k.value for k in call.keywords)]
        assert not any(isinstance(n, ast.JoinedStr) for v in values for n in ast.walk(v)), (
            f"{module}:{call.lineno}: an f-string inside a message (the extractor skips the call)"
        )


#: what raises or reports an error to the user, and the position of its reason among its arguments
_REPORTERS = {"SourceError": 0, "Problem": 0, "_doc_error": 1, "of": 3}


@pytest.mark.parametrize("module", MODULES)
def test_no_error_a_user_sees_is_plain_english_text(module):
    for call in _calls(module):
        at = _REPORTERS.get(_name(call))
        if at is None or len(call.args) <= at:
            continue
        reason = call.args[at]
        plain = isinstance(reason, ast.JoinedStr) or (
            isinstance(reason, ast.Constant) and isinstance(reason.value, str)
        )
        assert not plain, f"{module}:{call.lineno}: an error worded as plain text cannot be translated"


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _mixed(lines: int) -> bytes:
    """A UTF-8 account file with ``lines`` lines of people written in Windows-1251."""
    head = "format: influence/v1\naccount:\n  id: a\n  name: Урал\npeople:\n".encode()
    broken = b"".join(f"  - {{id: p{i}, name: Петров}}\n".encode("cp1251") for i in range(lines))
    clean = "".join(f"  - {{id: q{i}, name: Сидоров}}\n" for i in range(lines)).encode()
    return head + broken + clean


ACCOUNT = "format: influence/v1\naccount:\n  id: a\n"

#: (file name, its content, the Russian message, the English one); {path} is the file
CASES = [
    (
        "dup.yaml",
        ACCOUNT + "  id: b\n",
        "{path}:4: (документ): повторяющийся ключ 'id'",
        "{path}:4: (document): duplicate key 'id'",
    ),
    (
        "keyless.yaml",
        "format: influence/v1\naccount:\n  id a\n  name: b\n",
        "{path}:3: (документ): синтаксическая ошибка YAML в строке 3, столбце 3: не найдено ожидаемое ':'; "
        "после ключа нет двоеточия: запишите 'key: value'; или, если в строке 3 начинается текст, который "
        "продолжается до строки 4, в этом тексте есть ': ' и его нужно взять в кавычки",
        "{path}:3: (document): YAML syntax error at line 3, column 3: could not find expected ':'; a key is "
        "missing its colon: write 'key: value'; or, if line 3 starts a text that runs on to line 4, that text "
        "holds ': ' and needs quotes around it",
    ),
    (  # the key has its colon: YAML reads no simple key longer than 1024 characters
        "longkey.yaml",
        ACCOUNT + "  name: y\n  x-" + "k" * 1100 + ": 1\n",
        "{path}:5: (документ): синтаксическая ошибка YAML в строке 5, столбце 3: ключ длиннее 1024 символов, "
        "а такой YAML не читает как ключ: сократите его (или запишите '? KEY' в одной строке и ': VALUE' в "
        "следующей)",
        "{path}:5: (document): YAML syntax error at line 5, column 3: a key longer than 1024 characters, "
        "which YAML does not read as a key: shorten it (or write it as '? KEY' on one line and ': VALUE' on "
        "the next)",
    ),
    (
        "flow.yaml",
        "format: influence/v1\naccount: [a, b\npeople: []\n",
        "{path}:2: (документ): синтаксическая ошибка YAML в строке 2, столбце 14: не найдена ожидаемая ',' "
        "или ']'; список '[' не закрыт скобкой ']' или между его элементами нет запятой",
        "{path}:2: (document): YAML syntax error at line 2, column 14: did not find expected ',' or ']'; "
        "a '[' list is not closed with ']', or its items lack a comma",
    ),
    (
        "control.yaml",
        ACCOUNT + '  name: "x\x0by"\n',
        "{path}:4: (документ): синтаксическая ошибка YAML в строке 4, столбце 11: управляющий символ U+000B "
        "(вертикальная табуляция), которого не может быть в файле YAML как есть: удалите его или запишите "
        "в тексте в двойных кавычках как escape-последовательность \\v",
        "{path}:4: (document): YAML syntax error at line 4, column 11: the control character U+000B (vertical "
        "tab), which a YAML file may not hold as it is: delete it, or write it in a double-quoted text as the "
        "escape \\v",
    ),
    (
        "colon.yaml",
        ACCOUNT + "  name\uff1a b\n",
        "{path}:4: (документ): синтаксическая ошибка YAML в строке 4, столбце 7: ключ заканчивается символом "
        "U+FF1A (fullwidth colon) вместо двоеточия ':': замените его на ':'",
        "{path}:4: (document): YAML syntax error at line 4, column 7: the key ends with U+FF1A (fullwidth "
        "colon) instead of the colon ':': retype it as ':'",
    ),
    (
        "aliases.yaml",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
        ),
        "{path}:2: (документ): псевдонимы (первый — в этой строке) размножают значения: всего копий больше "
        "26\xa0214\xa0400, а столько не вмещает файл в 50 МБ; используйте меньше псевдонимов",
        "{path}:2: (document): aliases (the first on this line) copy values to more than 26,214,400 in all, "
        "more than a 50 MB file can hold; use fewer aliases",
    ),
    (
        "comma.json",
        '{"format": "influence/v1",\n "account": {"id": "a",}\n}\n',
        "{path}:2: (документ): синтаксическая ошибка JSON: запятая перед '}' (столбец 23); в JSON после "
        "последнего элемента запятая не ставится: удалите её",
        "{path}:2: (document): JSON syntax error: a comma before '}' (column 23); JSON allows no comma after "
        "the last item: remove it",
    ),
    (
        "yamlish.json",
        "# Acme\nformat: influence/v1\n",
        "{path}:1: (документ): синтаксическая ошибка JSON: ожидается значение (столбец 1); файл похож на YAML, "
        "а не на JSON: сохраните его с расширением .yaml",
        "{path}:1: (document): JSON syntax error: Expecting value (column 1); the file looks like YAML, not "
        "JSON: save it with the extension .yaml",
    ),
    (
        "nan.json",
        '{"format": "influence/v1", "x": NaN}',
        "{path}:1: (документ): NaN — не число JSON: в JSON нет NaN и Infinity",
        "{path}:1: (document): NaN is not a JSON number: JSON has no NaN or Infinity",
    ),
    (
        "digits.json",
        '{"format": "influence/v1", "x": ' + "9" * 5000 + "}",
        "{path}:1: (документ): число длиннее 4\xa0300 цифр",
        "{path}:1: (document): a number of more than 4,300 digits",
    ),
    (
        "deep.yaml",
        "a: " + "[" * 70 + "]" * 70 + "\n",
        "{path}:1: (документ): вложенность глубже 64 уровней",
        "{path}:1: (document): nesting deeper than 64 levels",
    ),
]


@pytest.mark.parametrize(("name", "data", "russian", "english"), CASES, ids=[c[0] for c in CASES])
def test_a_document_that_cannot_be_read_is_told_in_russian_with_lang_ru(
    run, tmp_path, name, data, russian, english
):
    path = _write(tmp_path, name, data)
    result = run("validate", path, "--lang", "ru")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        russian.replace("{path}", str(path)),
        f"ошибка: {path} не соответствует формату influence/v1 (1 ошибка)",
    ]
    result = run("validate", path)
    assert (result.exit_code, result.stderr.splitlines()) == (
        2,
        [
            english.replace("{path}", str(path)),
            f"error: {path} is not a valid influence/v1 account (1 error)",
        ],
    )


#: (file name, its content or None for none, the Russian message, the English one); {path} is the file
SOURCE_CASES = [
    ("missing.yaml", None, "{path}: нет такого файла", "{path}: no such file"),
    ("empty.yaml", "  \n", "{path}: файл пуст", "{path}: file is empty"),
    (
        "notes.txt",
        "format: influence/v1\n",
        "{path}: неподдерживаемый тип файла '.txt' (ожидается .yaml, .yml или .json)",
        "{path}: unsupported file type '.txt' (expected .yaml, .yml or .json)",
    ),
    (
        "cp1251.yaml",
        "format: influence/v1\naccount:\n  id: a\n  name: Петров\n".encode("cp1251"),
        "{path}: текст не в UTF-8 (байт 0xcf по смещению 46); похоже, это кодировка Windows-1251 (кириллица). "
        "Сохраните файл в UTF-8: в редакторе выберите «Сохранить как» и кодировку 'UTF-8' (или выполните: "
        "iconv -f WINDOWS-1251 -t UTF-8 {path} > fixed.yaml)",
        "{path}: not UTF-8 text (byte 0xcf at offset 46); it looks like Windows-1251 (Cyrillic). Save it as "
        "UTF-8: in your editor choose Save As and the encoding 'UTF-8' (or run: iconv -f WINDOWS-1251 -t UTF-8 "
        "{path} > fixed.yaml)",
    ),
    (
        "binary.yaml",
        b"\x00\x01\x02binary\xff\xfe",
        "{path}: двоичные данные, а не текстовый файл в UTF-8",
        "{path}: binary data, not a UTF-8 text file",
    ),
    (
        "cut.yaml",
        "format: influence/v1\naccount:\n  id: a\n  name: Урал\n".encode() + "ж".encode()[:1],
        "{path}: файл обрывается посреди символа (строка 5): его обрезали при копировании или сохранении; "
        "скопируйте файл заново целиком или удалите испорченный конец последней строки",
        "{path}: the file ends in the middle of a character (line 5): it was cut short while being copied or "
        "saved; take the whole file again, or delete the broken end of its last line",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "russian", "english"), SOURCE_CASES, ids=[c[0] for c in SOURCE_CASES]
)
def test_a_file_that_cannot_be_read_is_told_in_russian_with_lang_ru(
    run, tmp_path, name, data, russian, english
):
    path = tmp_path / name if data is None else _write(tmp_path, name, data)
    result = run("validate", path, "--lang", "ru")
    assert (result.exit_code, result.stderr) == (2, f"ошибка: {russian.replace('{path}', str(path))}\n")
    result = run("validate", path)
    assert (result.exit_code, result.stderr) == (2, f"error: {english.replace('{path}', str(path))}\n")


def test_a_folder_is_no_account_file_in_russian(run, tmp_path):
    folder = tmp_path / "a.yaml"
    folder.mkdir()
    assert (
        run("validate", folder, "--lang", "ru").stderr == f"ошибка: {folder}: это папка, а не файл клиента\n"
    )
    assert run("validate", folder).stderr == f"error: {folder}: is a directory, not an account file\n"


RETYPE = "Наберите текст этой строки заново или вставьте его из источника в UTF-8 и сохраните файл в кодировке UTF-8"


@pytest.mark.parametrize(("lines", "others"), [(2, "ещё 1 строка"), (3, "ещё 2 строки"), (6, "ещё 5 строк")])
def test_the_other_lines_not_in_utf8_take_their_russian_plural_form(run, tmp_path, lines, others):
    path = _write(tmp_path, "mixed.yaml", _mixed(lines))
    assert run("validate", path, "--lang", "ru").stderr == (
        f"ошибка: {path}: строка 6 — не текст в UTF-8 (байт 0xcf в столбце 20), как и {others}, хотя остальной "
        f"файл в UTF-8; похоже, строка в кодировке Windows-1251 (кириллица). {RETYPE}\n"
    )
    english = "is 1 other line" if lines == 2 else f"are {lines - 1} other lines"
    assert run("validate", path).stderr == (
        f"error: {path}: line 6 is not UTF-8 text (byte 0xcf at column 20), nor {english}, though the rest of "
        "the file is; the line looks like Windows-1251 (Cyrillic). Retype the text of that line, or paste it "
        "again from a UTF-8 source, and save the file as UTF-8\n"
    )


def test_a_russian_account_file_that_cannot_be_parsed_is_told_in_russian_without_lang(run, tmp_path):
    path = _write(tmp_path, "a.yaml", "format: influence/v1\naccount:\n  language: ru\n  id: [a\n  name: b\n")
    assert run("validate", path).stderr.splitlines() == [
        f"{path}:4: (документ): синтаксическая ошибка YAML в строке 4, столбце 8: не найдена ожидаемая ',' или "
        "']'; список '[' не закрыт скобкой ']' или между его элементами нет запятой",
        f"ошибка: {path} не соответствует формату influence/v1 (1 ошибка)",
    ]


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (
            "flow.yaml",
            "format: influence/v1\naccount: {id: a, name: A, language: ru}\npeople:\n  - {id: x, name: X, name: Y}\n",
            ":4: (документ): повторяющийся ключ 'name'",
        ),
        (
            "line.json",
            '{"format": "influence/v1",\n"account": {"id": "a", "name": "A", "language": "ru"},\n"people": [1,]}\n',
            ":3: (документ): синтаксическая ошибка JSON: запятая перед ']'",
        ),
    ],
)
def test_language_ru_inside_a_one_line_mapping_says_a_broken_files_errors_in_russian(
    run, tmp_path, name, text, said
):
    """The account block written in flow style (as docs/format.md writes it) or as one JSON line."""
    path = _write(tmp_path, name, text)
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}{said}"), result.stderr
    english = run("validate", path, "--lang", "en").stderr
    assert "(document)" in english and "документ" not in english


def test_the_parsers_own_words_are_said_in_russian_and_stay_the_parsers_in_english():
    """Each listed problem of libyaml and of Python's JSON decoder renders as itself in English."""
    from influence.i18n import translator
    from influence.loading import JSON_WORDS
    from influence.yamlreader import PARSER_WORDS

    for table in (PARSER_WORDS, JSON_WORDS):
        for words, msg in table.items():
            russian = msg.render(translator("ru"))
            assert (str(msg), russian != words, re.search("[а-я]", russian) is not None) == (
                words,
                True,
                True,
            )
