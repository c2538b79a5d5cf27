"""``has_comments``: a ``#`` outside every value is a comment; one inside a value is text."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import influence.yamlreader
from influence.yamlreader import has_comments
from influence.yamlwriter import dump_yaml

#: texts that put '#' everywhere a value may hold one: after a space, at the start, in quotes, in blocks
TEXTS = st.text(alphabet=st.sampled_from(list("ab #:'\"\n-|>Ж")), max_size=30)
DOCS = st.recursive(
    TEXTS | st.integers() | st.booleans(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXTS, inner, max_size=4),
    max_leaves=12,
)


def test_the_examples_hold():
    result = doctest.testmod(influence.yamlreader, verbose=False)
    assert result.attempted >= 3 and result.failed == 0


@settings(max_examples=300)
@given(st.dictionaries(TEXTS, DOCS, min_size=1, max_size=4))
def test_written_data_has_none_and_a_comment_line_is_one(doc):
    text = dump_yaml(doc)
    assert not has_comments(text)
    assert has_comments("# kept by hand\n" + text)
    assert has_comments(text.rstrip("\n") + "  # and after a value\n")


def test_invalid_yaml_is_taken_for_commented():
    assert has_comments("a: [1, # unclosed\n")
    assert not has_comments("a: [1,\n")  # no '#' at all: nothing to lose


def _copied(data):
    """Brute force: the values of ``data`` walked as a tree, every shared object counted each time."""
    if isinstance(data, dict):
        return 1 + sum(_copied(v) for v in data.values())
    if isinstance(data, list):
        return 1 + sum(_copied(v) for v in data)
    return 1


@st.composite
def shared_graphs(draw):
    """Lists and mappings whose items are scalars or lists/mappings made before (as YAML aliases share)."""
    made: list = []
    for _ in range(draw(st.integers(1, 8))):
        picks = draw(st.lists(st.integers(-1, len(made) - 1), max_size=5))
        items = [made[i] if i >= 0 else "s" for i in picks]
        made.append(items if draw(st.booleans()) else {str(k): v for k, v in enumerate(items)})
    return made[-1]


@settings(max_examples=300)
@given(shared_graphs(), st.integers(0, 200))
def test_expanded_size_counts_every_copy(data, limit):
    brute = _copied(data)
    fast = influence.yamlreader.expanded_size(data, limit)
    assert fast == brute if brute <= limit else fast > limit


def _problem(text: str) -> tuple[int | None, str]:
    try:
        influence.yamlreader.read_marked(text, 64)
    except influence.yamlreader.Problem as exc:
        return exc.line, exc.reason
    raise AssertionError("read without a problem")


ACCOUNT = "format: influence/v1\naccount:\n  id: a\n  name: A\npeople:\n  - id: p\n    stance: skeptic\n"
COLON = "could not find expected ':'; a key is missing its colon: write 'key: value'"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("format: influence/v1\naccount:\n  id: a\n  name X\n", 4, 3),  # the last line: not past the end
        (ACCOUNT.replace("stance: skeptic", "stance:skeptic"), 7, 5),
        (ACCOUNT.replace("stance: skeptic", "stance skeptic") + "    title: T\n", 7, 5),  # noticed below
        (ACCOUNT.replace("  id: a\n", "  id a\n"), 3, 3),  # one text with "name", then a colon
        (ACCOUNT.replace("  - id: p\n", "  - id p\n"), 6, 5),
    ],
)
def test_a_key_missing_its_colon_is_reported_on_its_own_line(text, line, column):
    found, reason = _problem(text)
    assert found == line and reason.startswith(f"YAML syntax error at line {line}, column {column}: {COLON}")


def test_a_line_indented_too_far_is_still_reported_on_itself():
    line, reason = _problem(ACCOUNT.replace("    stance: skeptic", "    name: P\n     stance: skeptic"))
    assert (line, reason.split(";")[0]) == (
        8,
        "YAML syntax error at line 8, column 12: mapping values are not allowed in this context",
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (ACCOUNT + "    pains: [plan, quality\n  - id: q\n", 8, 19),
        (ACCOUNT + "    pains: [plan, quality", 8, 19),  # the file ends inside the list
        (ACCOUNT + "    pains: {a: plan, b: quality\n  - id: q\n", 8, 25),
    ],
)
def test_an_unclosed_bracket_is_reported_on_its_line(text, line, column):
    got_line, reason = _problem(text)
    assert (got_line, reason[: reason.index(":", 30)]) == (
        line,
        f"YAML syntax error at line {line}, column {column}",
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "reason"),
    [
        (
            "stance: skeptic",
            "stance:\xa0skeptic",
            7,
            "column 12: the colon after the key is followed by U+00A0 (no-break space), which YAML does "
            "not read as a space: retype it as a plain space",
        ),
        (
            "    stance: skeptic",
            "\xa0\xa0\xa0\xa0stance: skeptic\n    title: T",
            7,
            "column 1: the line is indented with U+00A0 (no-break space), which YAML does not read as "
            "a space: retype the indentation with plain spaces",
        ),
        (
            "stance: skeptic",
            "stance\uff1askeptic",
            7,
            "column 11: the key ends with U+FF1A (fullwidth colon) instead of the colon ':': retype it as ':'",
        ),
    ],
)
def test_a_look_alike_space_or_colon_is_named_on_its_line(old, new, line, reason):
    assert _problem(ACCOUNT.replace(old, new)) == (line, f"YAML syntax error at line {line}, {reason}")


@pytest.mark.parametrize(
    ("char", "column", "what"),
    [
        (
            "\x0b",
            10,
            "the control character U+000B (vertical tab), which a YAML file may not hold as it is: "
            "delete it, or write it in a double-quoted text as the escape \\v",
        ),
        (
            "\x1b",
            10,
            "the control character U+001B (escape), which a YAML file may not hold as it is: "
            "delete it, or write it in a double-quoted text as the escape \\e",
        ),
        (
            "\x08",
            10,
            "the control character U+0008 (backspace), which a YAML file may not hold as it is: "
            "delete it, or write it in a double-quoted text as the escape \\b",
        ),
        (
            "\x7f",
            10,
            "the control character U+007F (delete), which a YAML file may not hold as it is: "
            "delete it, or write it in a double-quoted text as the escape \\x7F",
        ),
        (
            "\ufffe",
            10,
            "the noncharacter U+FFFE, which a YAML file may not hold as it is: "
            "delete it, or write it in a double-quoted text as the escape \\uFFFE",
        ),
    ],
)
def test_a_raw_control_character_is_named_on_its_line(char, column, what):
    for quote in ("", '"'):
        text = f"format: influence/v1\naccount:\n  id: a\n  name: {quote}X{char}Y{quote}\n"
        col = column + len(quote)
        assert _problem(text) == (4, f"YAML syntax error at line 4, column {col}: {what}")


def test_its_escape_reads_as_the_character():
    data, _ = influence.yamlreader.read_marked('a: "X\\vY\\eZ\\x7F\\uFFFE"\n', 64)
    assert data == {"a": "X\x0bY\x1bZ\x7f\ufffe"}


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_do_not_count_as_lines(separator):
    head = f'format: influence/v1\naccount: {{id: a, name: "x{separator}y"}}\npeople:\n'
    _, lines = influence.yamlreader.read_marked(head + "  - {id: b1, stance: suporter}\n", 64)
    assert lines[("people", 0, "stance")] == 4
    assert _problem(head + "  - id: b1\n  - id: b1\n    id: b2\n") == (6, "duplicate key 'id'")
    assert _problem(head + "  - id: b1\n    name X\n") == (
        5,
        f"YAML syntax error at line 5, column 5: {COLON}",
    )
    crlf = head.replace("\n", "\r\n") + "  - id: b1\r\n    id: b2\r\n"
    assert _problem(crlf) == (5, "duplicate key 'id'")


def test_a_bad_escape_is_no_quote_that_never_ends():
    assert _problem('a: "C:\\q"\n') == (
        1,
        "YAML syntax error at line 1, column 7: found unknown escape character; a backslash in a "
        "double-quoted text starts an escape: write a backslash as \\\\, or put the text in single quotes",
    )


def test_a_hidden_line_break_and_a_text_that_runs_on_are_named():
    """A U+2028 in an unquoted title was "a key is missing its colon"; a multi-line value holding
    ': ' (notes: / Call on Monday / Agenda: pricing) lost the hint about quotes."""
    import pytest

    from influence.errors import ValidationError
    from influence.loading import parse_text

    base = "format: influence/v1\naccount: {id: a, name: A}\npeople:\n  - id: p1\n"
    with pytest.raises(ValidationError) as err:
        parse_text(base + "    title: Production\u2028Director\n", "a.yaml", "yaml")
    assert "line 5, column 22: the text holds U+2028 (line separator)" in str(err.value)
    parse_text(base + '    title: "Production\u2028Director"\n', "a.yaml", "yaml")  # quoted: a character
    with pytest.raises(ValidationError) as err:
        parse_text(base + "    notes:\n      Call on Monday\n      Agenda: pricing\n", "a.yaml", "yaml")
    assert "line 6, column 7" in str(err.value) and "needs quotes around it" in str(err.value)


def test_a_hidden_line_break_on_the_line_before_is_found_in_a_crlf_file_too():
    """The line before was found by its last character, which in a CRLF file is the line feed
    of the line before it: the search missed that line."""
    from influence.yamlreader import _break_inside

    for eol in ("\n", "\r\n"):
        text = f"a:{eol}  t: x\u2028y{eol}  b: 1{eol}"
        assert _break_inside(text, text.index("b: 1"))[0] == 2, repr(eol)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("* call first", "a value that starts with * needs quotes: YAML reads *name as an alias"),
        ("&! x", "a value that starts with & needs quotes: YAML reads &name as an anchor"),
        ("|pipe", "a value that starts with | or > needs quotes: YAML reads it as the start of a block"),
        (">quote", "a value that starts with | or > needs quotes: YAML reads it as the start of a block"),
        ("!e!x y", "a value that starts with ! needs quotes: YAML reads !name as a tag"),
        ("!<tag:%zz> x", "a value that starts with ! needs quotes: YAML reads !name as a tag"),
    ],
)
def test_a_value_starting_with_a_yaml_indicator_is_told_to_take_quotes(value, hint):
    """`notes: * call first` or `notes: |pipe` got "check the indentation", and `!<tag:%zz>` the
    advice about backslashes, which the line does not hold."""
    line, reason = _problem(ACCOUNT + f"    notes: {value}\n")
    assert line == 8 and hint in reason and "indentation" not in reason and "backslash" not in reason


def test_an_anchor_on_a_text_that_no_alias_uses_is_refused():
    """`name: &Co Acme` read as the name "Acme": YAML took "&Co" for an anchor, lost without a word."""
    line, reason = _problem(ACCOUNT.replace("name: A", "name: &Co Acme"))
    assert (line, reason) == (
        4,
        "YAML syntax error at line 4: '&Co' starts an anchor, which no alias uses, so it is not part "
        "of the text; a value that starts with & needs quotes",
    )
    assert (
        influence.yamlreader.read_marked(ACCOUNT.replace("id: a", "id: &i a\n  x-id: *i"), 64)[0]["account"][
            "x-id"
        ]
        == "a"
    )  # an anchor an alias uses is as it was


def test_the_parser_problems_are_said_in_russian(run, tmp_path):
    """«did not find expected alphabetic or numeric character», «found undefined tag handle» and a
    dozen more of libyaml's problems stayed English in a Russian message."""
    for value in ["* x", "!e!x y", "|0", "|x", '"\\x"', "!<tag:%zz> x"]:
        path = tmp_path / "a.yaml"
        path.write_text(ACCOUNT + f"    notes: {value}\n", encoding="utf-8")
        result = run("validate", path, "--lang", "ru")
        assert result.exit_code == 2
        assert not any(w in result.stderr for w in ("did not", "found", "expected", "value that")), (
            result.stderr
        )
    for head in ["%YAML 2.0\n---\n", "%YAML 1.1\n%YAML 1.1\n---\n", "%TAG !a! x\n%TAG !a! y\n---\n"]:
        path.write_text(head + ACCOUNT, encoding="utf-8")
        stderr = run("validate", path, "--lang", "ru").stderr
        assert "found" not in stderr and "delete" not in stderr, stderr


def test_a_value_its_explicit_tag_cannot_read_is_refused():
    """`name: !!int x` was read as the text "x": the tag asks for a whole number, so the value is a
    mistake, not text. A value its tag reads (`!!int "12"`, `!!str 12`) is as before."""
    line, reason = _problem(ACCOUNT.replace("name: A", "name: !!int x"))
    assert (line, reason) == (4, "'x' is not a value of the tag !!int")
    data = influence.yamlreader.read_marked(
        ACCOUNT.replace("name: A", 'name: !!str 12\n  x-i: !!int "12"'), 64
    )[0]
    assert (data["account"]["name"], data["account"]["x-i"]) == ("12", 12)
