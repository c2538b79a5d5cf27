"""Reading files: sizes, encodings, syntax, YAML bombs, JSON == YAML, Unicode."""

from __future__ import annotations

import dataclasses
import json
import shlex

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from influence import loading, yamlreader
from influence.errors import SourceError, ValidationError
from influence.loading import MAX_DEPTH, load_file, read_document
from influence.validation import build_account
from tests.conftest import EXAMPLES

HEAD = "format: influence/v1\naccount: {id: acme, name: Acme}\n"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.yaml", "file is empty"),
        (b"  \n\n", "a.yaml", "file is empty"),
        (b"\x00\x01\x02garbage\xff", "a.yaml", "binary data, not a UTF-8 text file"),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
            "a.yaml",
            "an Excel workbook or a ZIP archive, not a UTF-8 text file",
        ),
        (b"format: influence/v1\n", "a.txt", "unsupported file type '.txt' (expected .yaml, .yml or .json)"),
    ],
)
def test_unreadable_files(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as err:
        read_document(path)
    assert str(err.value) == f"{path}: {message}"


def test_a_legacy_encoding_is_named_with_how_to_resave(tmp_path):
    text = "format: influence/v1\naccount: {id: uralmet, name: УралМет Холдинг}\n"
    text += "people:\n  - {id: ivanov, name: Иван Иванов, title: Директор по информационным технологиям}\n"
    path = tmp_path / "a.yaml"
    path.write_bytes(text.encode("cp1251"))
    with pytest.raises(SourceError) as err:
        read_document(path)
    assert str(err.value) == (
        f"{path}: not UTF-8 text (byte 0xd3 at offset 50); it looks like Windows-1251 (Cyrillic). "
        "Save it as UTF-8: in your editor choose Save As and the encoding 'UTF-8' "
        f"(or run: iconv -f WINDOWS-1251 -t UTF-8 {path} > fixed.yaml)"
    )
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(
        SourceError, match=r"not UTF-8 text \(byte 0x00 at offset 3\); it looks like UTF-16\."
    ):
        read_document(path)
    path.write_bytes(b"format: \xff\xfe\n")
    with pytest.raises(SourceError, match=r"^.*: not UTF-8 text \(byte 0xff at offset 8\); it looks like"):
        read_document(path)


@pytest.mark.parametrize("folder", ["my docs", "it's $HOME"])
def test_the_iconv_command_quotes_the_file_name(run, tmp_path, folder):
    """A space, '$' or quote in the name was pasted as several words, or expanded by the shell."""
    path = tmp_path / folder / "acct 1.yaml"
    path.parent.mkdir()
    path.write_bytes((EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8").encode("utf-16"))
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"(or run: iconv -f UTF-16 -t UTF-8 {shlex.quote(str(path))} > fixed.yaml)\n"
    )
    command = result.stderr.split("(or run: ")[1].removesuffix(")\n")
    assert shlex.split(command) == ["iconv", "-f", "UTF-16", "-t", "UTF-8", str(path), ">", "fixed.yaml"]


@pytest.mark.parametrize("text", ["  - {id: b, name: Пётр\x00}\n", "  - {id: b, name: Peter\x00}\n"])
def test_a_stray_nul_byte_in_utf8_text_is_named_at_its_line(tmp_path, text):
    """One NUL in a UTF-8 file was taken for a whole file in another encoding ("looks like Mac
    Cyrillic", "Windows-1250") with an iconv command that would have spoiled every Cyrillic letter."""
    path = tmp_path / "a.yaml"
    path.write_bytes((HEAD + "people:\n  - {id: a, name: Иван Иванов}\n" + text).encode())
    with pytest.raises(SourceError) as err:
        read_document(path)
    assert str(err.value) == (
        f"{path}: line 5 holds a NUL byte (0x00), a control character that is no text; the rest of the "
        "file is UTF-8 text. Delete the character (it may show as a gap or as NUL) and save the file"
    )


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_document(tmp_path / "nope.yaml")
    with pytest.raises(SourceError, match="is a directory, not an account file"):
        read_document(tmp_path)


def test_file_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text(HEAD + "# " + "x" * 2000 + "\n")
    with pytest.raises(SourceError, match=r"the limit is 0 MB|over the"):
        read_document(path)


@pytest.mark.parametrize("name", ["acme.yaml", "acme.json"])
def test_bytes_already_read_are_loaded_instead_of_the_file(tmp_path, name):
    path = tmp_path / name
    path.write_text("not an account at all", encoding="utf-8")  # what the file holds now
    text = HEAD if name.endswith(".yaml") else json.dumps(yaml.safe_load(HEAD))
    account = load_file(path, data=b"\xef\xbb\xbf" + text.replace("Acme", "Акме").encode())
    assert (account.id, account.info.name) == ("acme", "Акме")
    with pytest.raises(SourceError, match=f"{name}: file is empty"):
        load_file(path, data=b"  \n")
    with pytest.raises(SourceError, match=f"{name}: not UTF-8 text"):
        load_file(path, data=b"format: \xff\xfe\n")


def test_real_50mb_limit(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(SourceError, match=r"file is 50\.0 MB; the limit is 50 MB"):
        read_document(path)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            "format: [unclosed\n",
            1,
            "YAML syntax error at line 1, column 10: did not find expected ',' or ']'; "
            "a '[' list is not closed with ']', or its items lack a comma",
        ),
        (
            "a: 1\n- b\n",
            2,
            "YAML syntax error at line 2, column 1: did not find expected key; check the indentation: "
            "the keys of one record start in the same column, list items start with '- ' in the same "
            "column, and every key ends with a colon",
        ),
        (
            "account:\n  id a\n  name: b\n",
            2,
            "YAML syntax error at line 2, column 3: could not find expected ':'; a key is missing its colon: "
            "write 'key: value'; or, if line 2 starts a text that runs on to line 3, that text holds ': ' "
            "and needs quotes around it",
        ),
        (
            "account:\n  id: a\n   name: b\n",
            3,
            "YAML syntax error at line 3, column 8: mapping values are not allowed in this context; "
            "check the indentation of this line against the lines above it, that the key before it ends "
            "with a colon, and put quotes around a value that itself contains ': '",
        ),
        (
            "account:\n\tid: a\n",
            2,
            "YAML syntax error at line 2, column 1: found character that cannot start any token; YAML "
            "indents with spaces, never tabs: replace a tab with spaces; a value that starts with @ or ` "
            "needs quotes",
        ),
        (
            'a: "abc\nb: 1\n',
            1,
            "YAML syntax error at line 1, column 4: a quoted text that never ends; a quote is not closed: "
            "end the text with the same quote mark",
        ),
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("a: 1\n---\nb: 2\n", 2, "more than one YAML document in the file"),
        ("a: &x [1, *x]\n", 1, "alias '*x' names no complete anchor before it"),
        (
            "a: !!python/object:os.system x\n",
            1,
            "the YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported",
        ),
        (
            "a:\n  - !!python/object:os.system {id: p}\n",
            2,
            "the YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported",
        ),
        ("a: !!seq {b: 1}\n", 1, "the YAML tag 'tag:yaml.org,2002:seq' is not supported"),
        ("a: !!set\n  ? b\n", 1, "the YAML tag 'tag:yaml.org,2002:set' is not supported"),
        ("a:\n  <<: {b: 1}\n", 2, "merge keys ('<<') are not supported"),
        (
            "a: 1\nx-blob: !!binary aGVsbG8=\n",
            2,
            "binary values ('!!binary') are not supported: write the value as text",
        ),
        ("? [a]\n: 1\n", 1, "a mapping key must be plain text"),
    ],
)
def test_yaml_document_errors(write, text, line, reason):
    with pytest.raises(ValidationError) as err:
        read_document(write(text))
    (issue,) = err.value.issues
    assert (issue.line, issue.location, issue.reason) == (line, "(document)", reason)


def test_deep_nesting_is_refused_not_crashed(write):
    # Far beyond any parser's own limit: refused as a document error on line 1,
    # never a RecursionError or a crash (whichever parser notices it first).
    for text, name in (("[" * 100_000 + "]" * 100_000 + "\n", "deep.yaml"), ("[" * 100_000, "deep.json")):
        with pytest.raises(ValidationError) as err:
            read_document(write(text, name=name))
        (issue,) = err.value.issues
        assert issue.location == "(document)"
        assert issue.line in (1, None)


@pytest.mark.parametrize("name", ["nested.yaml", "nested.json"])
def test_nesting_beyond_our_limit_is_refused(write, name):
    # Below every parser's own limit, our limit of 64 levels applies.
    with pytest.raises(ValidationError, match="nesting deeper than 64 levels"):
        read_document(write("[" * 65 + "]" * 65 + "\n", name=name))
    read_document(write('{"x-deep": ' + "[" * 60 + "]" * 60 + "}\n", name=name))


def _bomb(levels: int) -> str:
    """An ``x-bomb`` of 9 strings, then ``levels`` lists of 9 aliases of the list before."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghijklmnop"[:levels]:
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    return HEAD + "x-bomb:\n" + "\n".join("  " + r for r in rows) + "\n"


def test_yaml_aliases_are_read_shared(write):
    doc = read_document(write(_bomb(3)))  # 9**4 = 6,561 strings once copied
    assert doc.data["x-bomb"]["d"][0] is doc.data["x-bomb"]["c"]  # shared, not copied
    assert load_file(write(_bomb(3), "b.yaml")).extras["x-bomb"]["d"][8][8][8][8] == "lol"


def test_a_yaml_bomb_is_refused_before_anything_copies_it(write):
    first_alias = HEAD.count("\n") + 3  # the line of "b: &b [*a, …]"
    for levels in (7, 15):  # 9**8 = 43 million strings once copied; 9**16
        with pytest.raises(ValidationError) as err:
            read_document(write(_bomb(levels)))
        (issue,) = err.value.issues
        assert (issue.location, issue.line) == ("(document)", first_alias)
        assert issue.reason == (
            "aliases (the first on this line) copy values to more than 26,214,400 in all, "
            "more than a 50 MB file can hold; use fewer aliases"
        )


def test_aliases_share_values(write):
    account = load_file(write(HEAD + "people:\n  - {id: a, pains: &p [cost]}\n  - {id: b, pains: *p}\n"))
    assert account.people[1].pains == ("cost",)


def test_json_duplicate_key(write):
    with pytest.raises(ValidationError, match="duplicate key 'id'"):
        read_document(write('{"account": {"id": "a", "id": "b"}}', "d.json"))


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            '{\n"format": "influence/v1",\n}',
            2,  # the comma, not the bracket after it
            "a comma before '}' (column 25); JSON allows no comma after the last item: remove it",
        ),
        (
            '{"people": [{"id": "a"},\r\n  {"id": "b"},\r\n]}',
            2,
            "a comma before ']' (column 14); JSON allows no comma after the last item: remove it",
        ),
        (
            '{\n  // our account\n  "format": "influence/v1"\n}',
            2,
            "Expecting property name enclosed in double quotes (column 3); "
            "JSON has no comments: remove it (a YAML account file may have comments)",
        ),
        (
            "{'format': 'influence/v1'}",
            1,
            "Expecting property name enclosed in double quotes (column 2); "
            'JSON quotes keys and texts with double quotes ("), never single ones',
        ),
        (
            '{"format": "influence/v1"\n "account": {}}',
            2,
            "Expecting ',' delimiter (column 2); a comma is missing between two items "
            "(often at the end of the line before)",
        ),
        (
            '{"account": {"id": "a"',
            1,
            "Expecting ',' delimiter (column 23); the file ends too early: a closing '}' or ']' is missing",
        ),
        (
            '{"a": "x\ty"}',
            1,
            "Invalid control character at (column 9); a line break or tab inside a text: "
            "write it as \\n or \\t",
        ),
        (
            '{"a": 1}\n{"b": 2}',
            2,
            "Extra data (column 1); the file holds more than one JSON value: one object {…} only",
        ),
        (
            '{"a" 1}',
            1,
            "Expecting ':' delimiter (column 6); a key is missing its colon: write \"key\": value",
        ),
        (
            '{"a": "\\q"}',
            1,
            "Invalid \\escape (column 8); a backslash starts no known escape: write a backslash as \\\\",
        ),
        (
            '{"a": 1} x',
            1,
            "Extra data (column 10); the file holds more than one JSON value: one object {…} only",
        ),
        ('{"a": }', 1, "Expecting value (column 7)"),
    ],
)
def test_json_syntax_errors_say_what_to_check(write, text, line, reason):
    with pytest.raises(ValidationError) as err:
        read_document(write(text, "s.json"))
    (issue,) = err.value.issues
    assert (issue.line, issue.location, issue.reason) == (line, "(document)", "JSON syntax error: " + reason)


def _plain(value):
    """YAML-loaded data as JSON would give it (dates as ISO text)."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


@pytest.mark.parametrize("name", ["uralmet.yaml", "uralmet-ru.yaml", "new-account.yaml"])
def test_yaml_and_json_of_the_same_account_load_equal(tmp_path, name):
    source = EXAMPLES / name
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    json_path = tmp_path / (source.stem + ".json")
    json_path.write_text(json.dumps(_plain(data), ensure_ascii=False, indent=1), encoding="utf-8")
    assert load_file(json_path) == load_file(source)


def test_unicode_names_survive(write):
    account = load_file(
        write(
            HEAD
            + "people:\n"
            + "  - {id: ivanov, name: Иван Иванов, title: ИТ-директор, pains: [простои 🔥]}\n"
            + '  - {id: li, name: 李小龙, notes: "Zoë — \\u00e9t\\u00e9"}\n'
        )
    )
    ivanov, li = account.people
    assert (ivanov.name, ivanov.title, ivanov.pains) == ("Иван Иванов", "ИТ-директор", ("простои 🔥",))
    assert (li.name, li.notes) == ("李小龙", "Zoë — été")


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeff".encode() + HEAD.encode())
    assert load_file(path).id == "acme"


def test_examples_load_with_expected_sizes():
    ru, en = load_file(EXAMPLES / "uralmet-ru.yaml"), load_file(EXAMPLES / "uralmet.yaml")
    assert len(en.buying_team) >= 12
    assert any(p.informal and "spouse" in (p.title or "") for p in en.people)
    assert [
        dataclasses.replace(p, name="", title=None, pains=(), offer=None, notes=None) for p in ru.people
    ] == [dataclasses.replace(p, name="", title=None, pains=(), offer=None, notes=None) for p in en.people]
    assert ru.links == en.links and ru.relationships == en.relationships
    assert len({o.id for o in en.organizations if o.kind in ("company", "subsidiary")}) >= 2


# --- the fast reader (no line marks) builds exactly what the full reader builds ---


def _slow_account(path):
    from influence.validation import build_account

    return build_account(read_document(path))


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_fast_path_output_is_byte_identical_to_the_full_reader(tmp_path, kind):
    from influence.analysis import analyze
    from influence.generate import generate_account
    from influence.output import render_gaps
    from influence.serialize import dump_document

    path = tmp_path / f"acct.{kind}"
    path.write_text(dump_document(generate_account(600, seed=1), kind), encoding="utf-8")
    if kind == "yaml":
        text = path.read_text(encoding="utf-8")
        assert yamlreader.read_fast(text, MAX_DEPTH) == loading.parse_text(text, "x", "yaml").data
    fast, slow = load_file(path), _slow_account(path)
    assert fast == slow
    assert render_gaps(analyze(fast, "2026-06-01"), "json") == render_gaps(
        analyze(slow, "2026-06-01"), "json"
    )


def test_a_key_that_is_not_text_is_read_alike_by_both_readers():
    """The fast reader wrote `null` and `yes` keys as "None" and "True", the full reader (taken when
    the file has an anchor) as "null" and "true": the same x- data came out two ways."""
    text = HEAD + "x-meta: {null: 1, yes: 2, 3: 4, 2026-01-01: 5}\n"
    expected = {"null": 1, "true": 2, "3": 4, "2026-01-01": 5}
    assert yamlreader.read_fast(text, MAX_DEPTH)["x-meta"] == expected
    assert loading.parse_text(text, "x", "yaml").data["x-meta"] == expected


@pytest.mark.parametrize(
    "name", ["uralmet.yaml", "uralmet-ru.yaml", "uralmet-2027q1.yaml", "new-account.yaml"]
)
def test_fast_path_reads_the_examples_as_the_full_reader(name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert yamlreader.read_fast(text, MAX_DEPTH) == loading.parse_text(text, name, "yaml").data
    assert load_file(EXAMPLES / name) == _slow_account(EXAMPLES / name)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: 1\na: 2\n",  # duplicate key
        "? [a]\n: 1\n",  # a key that is not text
        "a: 1\n---\nb: 2\n",  # two documents
        "<<: {a: 1}\n",  # merge key
        "a: [\n",  # syntax error
        "x: " + "[" * 65 + "]" * 65 + "\n",  # deep nesting
    ],
)
def test_fast_path_hands_the_unusual_to_the_full_reader(text):
    with pytest.raises(yamlreader.Slow):
        yamlreader.read_fast(text, MAX_DEPTH)


def test_errors_found_on_the_fast_path_still_name_their_line(write):
    path = write(HEAD + "people:\n  - id: a\n  - id: b\n    stance: maybe\n")
    with pytest.raises(ValidationError) as info:
        load_file(path)
    assert f"{path}:6: people[1].stance: invalid stance 'maybe'" in str(info.value)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.dates(),
    st.text(max_size=8),
    st.sampled_from(
        ["yes", "No", "~", "null", "0x1f", "1e3", "2027-02-30", "01-01", "-.inf", "=", "0o17", ""]
    ),
)
_trees = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(tree=_trees, flow=st.sampled_from([False, True, None]))
def test_fast_reader_agrees_with_the_full_reader(tree, flow):
    text = yaml.safe_dump({"x-tree": tree}, default_flow_style=flow, allow_unicode=True)
    for variant in (text, text.replace("'", '"')):
        try:
            slow = loading.parse_text(variant, "t.yaml", "yaml").data
        except ValidationError:
            continue
        try:
            fast = yamlreader.read_fast(variant, MAX_DEPTH)
        except yamlreader.Slow:
            continue
        assert fast == slow


def test_a_json_file_is_read_without_importing_pyyaml(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = tmp_path / "a.json"
    path.write_text(json.dumps({"format": "influence/v1", "account": {"id": "acme", "name": "Acme"}}))
    probe = (
        "import sys\n"
        "from influence.loading import load_file\n"
        "print(load_file(sys.argv[1]).id, 'yaml' in sys.modules, 'influence.yamlreader' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.stdout.split() == ["acme", "False", "False"]
    assert load_file(EXAMPLES / "uralmet.yaml").id == "uralmet"  # a YAML file still loads


def _nested(levels: int) -> list:
    value: list = []
    for _ in range(levels - 1):
        value = [value]
    return value


def _outcome(read):
    try:
        account = read()
    except ValidationError as exc:
        return [str(issue) for issue in exc.issues]
    return account


@pytest.mark.parametrize("total", [64, 65])
@pytest.mark.parametrize("where", ["document", "account", "person", "tie", "roles"])
def test_a_json_file_nests_no_deeper_than_the_limit_wherever_the_depth_is(tmp_path, where, total):
    # load_file measures a JSON file's depth only after validation; it must refuse (or load)
    # exactly what reading the document first (depth, then validation) does.
    doc: dict = {
        "format": "influence/v1",
        "account": {"id": "acme", "name": "Acme"},
        "people": [{"id": "a"}],
        "competitors": [{"id": "rival", "relationships": [{"person": "a"}]}],
    }
    # the levels above the deep value: the document, a section list, a record, a nested list and record
    above = {"document": 1, "account": 2, "person": 3, "roles": 3, "tie": 5}[where]
    deep = _nested(total - above)
    target = {
        "document": doc,
        "account": doc["account"],
        "person": doc["people"][0],
        "roles": doc["people"][0],
        "tie": doc["competitors"][0]["relationships"][0],
    }[where]
    target["roles" if where == "roles" else "x-deep"] = deep
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    got = _outcome(lambda: load_file(path))
    expected = _outcome(lambda: build_account(read_document(path)))
    assert got == expected
    if total > MAX_DEPTH:
        assert got == [f"{path}:1: (document): nesting deeper than 64 levels"]
    elif where != "roles":
        assert got.id == "acme"


@pytest.mark.parametrize(
    "where",
    [None, "document", "account", "people", "links", "units", "activities", "competitors", "competitor tie"],
)
def test_the_build_tells_whether_any_record_kept_x_keys(where):
    # load_file measures a valid JSON document's depth only when the build says x- values were kept
    from influence.document import Document
    from influence.validation import build_account_noting_extras

    doc: dict = {
        "format": "influence/v1",
        "account": {"id": "acme", "name": "Acme"},
        "units": [{"id": "it"}],
        "people": [{"id": "a"}, {"id": "b"}],
        "links": [{"from": "a", "to": "b", "type": "friend"}],
        "activities": [{"id": "call", "date": "2026-01-01", "targets": ["a"]}],
        "competitors": [{"id": "rival", "relationships": [{"person": "a"}]}],
    }
    if where is not None:
        target = {
            "document": doc,
            "account": doc["account"],
            "competitor tie": doc["competitors"][0]["relationships"][0],
        }.get(where) or doc[where][-1]
        target["x-note"] = {"any": ["value"]}
    account, kept = build_account_noting_extras(Document("a.json", doc, {}))
    assert kept is (where is not None)
    assert account == build_account(Document("a.json", doc, {}))


def test_declared_records_nest_far_less_than_the_limit():
    # Why load_file may skip measuring a valid JSON document without x- values: every declared
    # field holds a value, a list of values or a list of records.
    from influence.schema import LIST_SECTIONS, RECORDS

    def depth(kind: str) -> int:  # a record: its mapping, then a list of values or of records
        fields = RECORDS[kind].fields
        inner = [
            1 + depth(f.record) if f.type == "records" and f.record else int(f.type == "list") for f in fields
        ]
        return 1 + max(inner, default=0)

    deepest = 1 + max([depth("account"), *(1 + depth(name) for name in LIST_SECTIONS)])
    assert deepest == 5  # the document, competitors, a competitor, its relationships, a tie
    assert deepest < MAX_DEPTH


def test_a_collection_may_carry_its_own_kinds_tag(write):
    account = load_file(
        write("format: influence/v1\naccount: !!map {id: a, name: A}\npeople: !!seq\n  - ! {id: p}\n")
    )
    assert (account.id, [p.id for p in account.people]) == ("a", ["p"])


JSON_HEAD = '{"format": "influence/v1", "account": {"id": "a", "name": '


@pytest.mark.parametrize(
    ("tail", "location", "reason"),
    [
        (
            '"\\ud800"}}',
            "account.name",
            "a \\uD800-\\uDFFF escape that is half of a character pair (a lone surrogate)",
        ),
        ('"A", "x-n": NaN}}', "(document)", "NaN is not a JSON number: JSON has no NaN or Infinity"),
        (
            '"A", "x-n": -Infinity}}',
            "(document)",
            "-Infinity is not a JSON number: JSON has no NaN or Infinity",
        ),
        ('"A", "x-n": ' + "9" * 5000 + "}}", "(document)", "a number of more than 4,300 digits"),
    ],
    ids=["lone surrogate", "NaN", "-Infinity", "5000 digits"],
)
def test_json_that_no_writer_could_write_back_is_refused(write, tail, location, reason):
    """Each of these once passed validate, then crashed a command that wrote the account or a report."""
    with pytest.raises(ValidationError) as err:
        load_file(write(JSON_HEAD + tail, "a.json"))
    (issue,) = err.value.issues
    assert (issue.line, issue.location, issue.reason) == (1, location, reason)


SURROGATE_ESCAPE = "a \\uD800-\\uDFFF escape that is half of a character pair (a lone surrogate)"


@pytest.mark.parametrize(
    ("person", "location"),
    [
        ('"id": "b",\n     "name": "Bo \\ud800"', "people[1].name"),
        ('"id": "b", "notes": "\\ud83d\\ude00",\n     "x-k\\udfff": 1', "people[1].x-k\\udfff"),
        ('"id": "b", "pains": ["\\u00e9\\ud800\\ud800", "x\\udc00"]', "people[1].pains[0]"),
    ],
    ids=["value", "key after a pair", "list item"],
)
def test_a_lone_surrogate_escape_names_its_line_and_field(tmp_path, person, location):
    """The error named the file alone: no line, no field, in a file of thousands of lines."""
    path = tmp_path / "a.json"
    path.write_text(_json_people('"id": "a"', person), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_file(path)
    (issue,) = err.value.issues
    assert (issue.line, issue.location, issue.reason) == (6 + person.count("\n"), location, SURROGATE_ESCAPE)
    with pytest.raises(ValidationError) as err:
        read_document(path)
    assert err.value.issues == [issue]


@pytest.mark.parametrize(
    ("text", "kind", "line", "location", "reason"),
    [
        (
            "format: influence/v1\naccount: {id: a, name: a\ud800b}\n",
            "yaml",
            2,
            "(document)",
            "YAML syntax error at line 2, column 25: the lone surrogate U+D800 (half of a character pair); delete it",
        ),
        (
            'format: influence/v1\r\nnotes: "x\udfff"\r\n',
            "yaml",
            2,
            "(document)",
            "YAML syntax error at line 2, column 10: the lone surrogate U+DFFF (half of a character pair); delete it",
        ),
        (
            '{"format": "influence/v1",\n "account": {"id": "a", "name": "Zoë\udc00"}}',
            "json",
            2,
            "account.name",
            "the lone surrogate U+DC00 (half of a character pair) at column 37; delete it",
        ),
    ],
    ids=["yaml", "yaml crlf", "json"],
)
def test_parse_text_refuses_a_lone_surrogate_with_its_line(text, kind, line, location, reason):
    """No file decodes to one, but a str can hold it: PyYAML raised UnicodeEncodeError, JSON let it through."""
    with pytest.raises(ValidationError) as err:
        loading.parse_text(text, "a." + kind, kind)
    (issue,) = err.value.issues
    assert (issue.line, issue.location, issue.reason) == (line, location, reason)
    if kind == "yaml":
        with pytest.raises(yamlreader.Slow):
            yamlreader.read_fast(text, MAX_DEPTH)


def test_a_surrogate_pair_is_one_character(write):
    assert load_file(write(JSON_HEAD + '"\\ud83d\\ude00"}}', "a.json")).info.name == "\U0001f600"


def test_a_yaml_escape_of_no_character_is_named(write):
    with pytest.raises(ValidationError) as err:
        load_file(write('format: influence/v1\naccount: {id: a, name: "\\ud800"}\n'))
    (issue,) = err.value.issues
    assert issue.reason.startswith("YAML syntax error: an escape of no character")


@pytest.mark.parametrize(
    ("codec", "name", "looks"),
    [
        ("cp1251", "Сидоров", "Windows-1251 (Cyrillic)"),
        ("cp1251", "Петров Пётр Петрович", "Windows-1251 (Cyrillic)"),
        ("cp1251", "ООО Ромашка-Сервис", "Windows-1251 (Cyrillic)"),
        ("koi8_r", "Урал", "KOI8-R (Cyrillic)"),
        ("koi8_r", "Сидоров Иван", "KOI8-R (Cyrillic)"),
        ("cp1251", "Встреча в Москве", "Windows-1251 (Cyrillic)"),
        ("koi8_r", "Звонок с Ивановым, а потом в офис", "KOI8-R (Cyrillic)"),
        ("utf-32", "Урал", "UTF-32"),
    ],
)
def test_a_short_russian_file_in_a_code_page_is_named_right(write, tmp_path, codec, name, looks):
    """A statistical detector called "Сидоров" in Windows-1251 Central European (its iconv garbles it)."""
    path = tmp_path / "a.yaml"
    path.write_bytes(f'format: influence/v1\naccount: {{id: a, name: "{name}"}}\n'.encode(codec))
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert f"it looks like {looks}." in str(err.value)


FRENCH = [
    "Rendez-vous à Paris",
    "À revoir",
    "Suite à l'appel du 12",
    "Envoyer à Marc",
    "Réunion prévue à Genève",
]


@pytest.mark.parametrize("line", FRENCH)
def test_a_french_file_in_windows_1252_is_not_taken_for_russian(tmp_path, line):
    """A lone "à" is Windows-1251's "а" (and "À" KOI8-R's "ю"): a French note was called Cyrillic."""
    path = tmp_path / "a.yaml"
    path.write_bytes(f'format: influence/v1\naccount: {{id: a, name: A}}\nnotes: "{line}"\n'.encode("cp1252"))
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert "not UTF-8 text" in str(err.value)
    assert "Cyrillic" not in str(err.value)


@pytest.mark.parametrize("line", FRENCH)
def test_a_french_line_in_a_utf8_file_is_not_said_to_look_russian(tmp_path, line):
    path = tmp_path / "a.yaml"
    path.write_bytes(UTF8_ACCOUNT.encode() + f'notes: "{line}"\n'.encode("cp1252"))
    at = next(i for i, c in enumerate(line) if not c.isascii())
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert str(err.value) == (
        f"{path}: line 6 is not UTF-8 text (byte 0x{line[at].encode('cp1252')[0]:02x} at column {9 + at}), "
        "though the rest of the file is. Retype the text of that line, or paste it again from a UTF-8 source, "
        "and save the file as UTF-8"
    )


def test_latin_accents_are_not_taken_for_cyrillic(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes('format: influence/v1\naccount: {id: a, name: "Zoë Müller"}\n'.encode("latin-1"))
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert "Cyrillic" not in str(err.value)


def test_a_null_key_is_shown_as_yaml_writes_it(write):
    with pytest.raises(ValidationError) as err:
        load_file(write("format: influence/v1\naccount: {id: a, name: A, null: 1}\n"))
    assert [(i.location, i.reason) for i in err.value.issues] == [("account.null", "unknown key 'null'")]


def test_an_empty_file_name_is_not_the_current_folder():
    with pytest.raises(SourceError) as err:
        load_file("")
    assert str(err.value) == "an empty file name where an account file was expected"


def test_an_unknown_reference_after_a_repeat_is_located_where_it_is_written(write):
    path = write(
        HEAD
        + "team: [{id: t, name: T}]\npeople: [{id: a, name: A}]\n"
        + "activities:\n  - id: x\n    kind: meeting\n    date: 2026-01-01\n    owner: t\n"
        + "    targets:\n      - a\n      - a\n      - zz\n"
    )
    with pytest.raises(ValidationError) as err:
        load_file(path)
    assert [(i.line, i.location, i.reason) for i in err.value.issues] == [
        (13, "activities[0].targets[2]", "unknown person 'zz'")  # not targets[1], the kept list's index
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("010", "010"),
        ("0x1F", "0x1F"),
        ("12:30", "12:30"),
        ("1_000", "1_000"),
        ("42", 42),
        ("-7", -7),
        ("+2", 2),
    ],
)
def test_an_integer_not_in_plain_decimal_stays_as_written(written, read):
    """YAML 1.1 read ``id: 010`` as 8 (octal) and ``12:30`` as 750: an id silently renamed."""
    text = f"format: influence/v1\naccount: {{id: a, name: A, x-v: {written}}}\nx-w: {written}\n"
    fast = yamlreader.read_fast(text, MAX_DEPTH)
    marked, _ = yamlreader.read_marked(text, MAX_DEPTH)
    assert fast == marked
    assert (fast["account"]["x-v"], fast["x-w"]) == (read, read)


def test_an_id_written_with_a_leading_zero_keeps_it(write):
    account = load_file(
        write(HEAD + "people:\n  - {id: 010, name: P}\n  - {id: b, name: Q, reports_to: 010}\n")
    )
    assert [(p.id, p.reports_to) for p in account.people] == [("010", None), ("b", "010")]


def test_parse_text_refuses_a_syntax_it_does_not_read():
    """Any kind but "json" was parsed as YAML: "toml" text read as a YAML document."""
    from influence.errors import UsageError

    assert loading.parse_text("format: influence/v1\n", "a.yaml", "yaml").data == {"format": "influence/v1"}
    for kind in ("toml", "YAML", "yml", ""):
        with pytest.raises(UsageError, match=rf"^kind: '{kind}' is not a document syntax influence reads"):
            loading.parse_text("format: influence/v1\n", "a.toml", kind)


def _issue(path):
    with pytest.raises(ValidationError) as err:
        load_file(path)
    (issue,) = err.value.issues
    return issue.line, issue.reason


def _json_people(*people: str) -> str:
    rows = ",\n".join(f"    {{{p}}}" for p in people)
    return f'{{\n  "format": "influence/v1",\n  "account": {{"id": "a", "name": "A"}},\n  "people": [\n{rows}\n  ]\n}}\n'


@pytest.mark.parametrize(
    ("person", "reason"),
    [
        ('"id": "b", "stance": "neutral",\n     "stance": "champion"', "duplicate key 'stance'"),
        ('"id": "b", "x-a": {"stance": 1}, "stance": 2', None),  # the same key in two objects
        ('"id": "b", "x-score": NaN', "NaN is not a JSON number: JSON has no NaN or Infinity"),
        ('"id": "b", "x-score": -Infinity', "-Infinity is not a JSON number: JSON has no NaN or Infinity"),
        ('"id": "b", "name": "NaN", "x-n":\n     ' + "1" * 4301, "a number of more than 4,300 digits"),
        ('"id": "b", "x-deep":\n     ' + "[" * 70 + "]" * 70, "nesting deeper than 64 levels"),
    ],
)
def test_a_json_document_error_names_its_line(tmp_path, person, reason):
    path = tmp_path / "a.json"
    path.write_text(_json_people('"id": "a"', person), encoding="utf-8")
    if reason is None:
        assert load_file(path).people[1].stance == 2
        return
    assert _issue(path) == (6 + person.count("\n"), reason)


def test_a_yaml_file_named_json_is_said_to_look_like_yaml(tmp_path):
    for head in ("", "# Acme\n\n"):
        path = tmp_path / "a.json"
        path.write_text(head + HEAD, encoding="utf-8")
        assert _issue(path) == (
            1,
            "JSON syntax error: Expecting value (column 1); the file looks like YAML, not JSON: "
            "save it with the extension .yaml",
        )


UTF8_ACCOUNT = (
    HEAD + "people:\n  - {id: ivanov, name: Иван Иванов, title: Директор}\n  - {id: p, name: Пётр}\n"
)


def test_a_utf8_file_cut_in_the_middle_of_a_letter_says_so(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(UTF8_ACCOUNT.rstrip("}\n").encode()[:-1])
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert str(err.value) == (
        f"{path}: the file ends in the middle of a character (line 5): it was cut short while being "
        "copied or saved; take the whole file again, or delete the broken end of its last line"
    )


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_one_line_in_another_encoding_is_named(tmp_path, bom):
    lines = UTF8_ACCOUNT.split("\n")
    raw = "\n".join(lines[:3]).encode() + b"\n" + lines[3].encode("cp1251") + b"\n" + lines[4].encode()
    path = tmp_path / "a.yaml"
    path.write_bytes(bom + raw)
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert str(err.value) == (
        f"{path}: line 4 is not UTF-8 text (byte 0xc8 at column 24), though the rest of the file is; "
        "the line looks like Windows-1251 (Cyrillic). Retype the text of that line, or paste it again "
        "from a UTF-8 source, and save the file as UTF-8"
    )
    path.write_bytes(bom + UTF8_ACCOUNT.replace("Пётр", "Пё\udcffтр").encode("utf-8", "surrogateescape"))
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert str(err.value) == (
        f"{path}: line 5 is not UTF-8 text (byte 0xff at column 21), though the rest of the file is. "
        "Retype the text of that line, or paste it again from a UTF-8 source, and save the file as UTF-8"
    )


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_byte_order_mark_is_no_column_of_the_first_line(tmp_path, bom):
    """The mark was counted as the first line's first character: the column one too far, the guess lost."""
    path = tmp_path / "a.yaml"
    path.write_bytes(bom + "# Сидоров Иван\n".encode("cp1251") + UTF8_ACCOUNT.encode())
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert str(err.value) == (
        f"{path}: line 1 is not UTF-8 text (byte 0xd1 at column 3), though the rest of the file is; "
        "the line looks like Windows-1251 (Cyrillic). Retype the text of that line, or paste it again "
        "from a UTF-8 source, and save the file as UTF-8"
    )


def test_a_short_binary_file_is_not_taken_for_utf16(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(SourceError) as err:
        load_file(path)
    assert str(err.value) == f"{path}: binary data, not a UTF-8 text file"
    path.write_bytes(UTF8_ACCOUNT.encode("utf-16-le"))  # no byte-order mark
    with pytest.raises(SourceError, match=r"; it looks like UTF-16\. .* iconv -f UTF-16LE "):
        load_file(path)


def test_a_control_character_in_a_file_name_is_escaped(tmp_path):
    missing = tmp_path / "a\nb.yaml"
    with pytest.raises(SourceError) as err:
        load_file(missing)
    assert str(err.value) == f"{tmp_path}/a\\nb.yaml: no such file"
    empty = tmp_path / "c\x1bd.yaml"
    empty.write_bytes(b"")
    with pytest.raises(SourceError) as err:
        load_file(empty)
    assert str(err.value) == f"{tmp_path}/c\\x1bd.yaml: file is empty"
