"""influence.output: the JSON text of the reports."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence.output import _json_text

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
_KEYS = st.one_of(
    st.text(max_size=6), st.integers(-3, 3), st.floats(allow_nan=False), st.booleans(), st.none()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(_KEYS, inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_json_text_is_json_dumps_with_an_indent_of_two(value):
    assert _json_text(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{1, 2}, {"a": object()}, [b"x"], {(1, 2): 3}])
def test_what_is_not_json_fails_as_json_dumps_fails(value):
    with pytest.raises(TypeError) as expected:
        json.dumps(value, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError) as got:
        _json_text(value)
    assert str(got.value) == str(expected.value)


def test_markdown_keeps_an_entity_like_name_literal():
    """A name "R&amp;D &lt;b&gt;" showed in a Markdown viewer as "R&D <b>": entities are escaped too."""
    import dataclasses

    from influence.analysis import analyze
    from influence.loading import load_file
    from influence.output import render_gaps
    from tests.conftest import EXAMPLES

    account = load_file(EXAMPLES / "uralmet.yaml")
    people = tuple(
        dataclasses.replace(p, name="R&amp;D &lt;b&gt; & Co") if p.id == "orlova" else p
        for p in account.people
    )
    md = render_gaps(analyze(dataclasses.replace(account, people=people), "2026-11-27"), "markdown")
    assert "R\\&amp;D \\&lt;b\\&gt; & Co" in md
    assert "R&amp;D" not in md.replace("\\&amp;", "")


def test_table_columns_line_up_on_screen_with_accents_and_wide_characters(run, write):
    """A name in decomposed Unicode (as macOS writes it: И and a combining breve) shifted the next
    columns two to the left, and a Chinese name two to the right: widths were counted in
    characters, not in the columns a terminal gives them."""
    path = write(
        '{"format": "influence/v1", "account": {"id": "u", "name": "U"}, "people": ['
        '{"id": "a", "name": "И\\u0306осиф Ёлкин", "roles": ["economic_buyer"]},'
        '{"id": "b", "name": "王伟", "roles": ["decision_maker"]},'
        '{"id": "c", "name": "Plain Name", "roles": ["decision_maker"]}]}',
        "u.json",
    )
    result = run("coverage", path)
    assert result.exit_code == 0
    import unicodedata

    def columns(line):  # where each column starts on screen
        shown = "".join(
            "" if unicodedata.combining(ch) else ch * (1 + (unicodedata.east_asian_width(ch) == "W"))
            for ch in line
        )
        return [i for i in range(len(shown)) if shown[i] != " " and (i == 0 or shown[i - 1] == " ")]

    lines = [line for line in result.stdout.splitlines() if line[:1] in ("a", "b", "c", "P")]
    assert len(lines) == 4 and len({tuple(columns(line)[-4:]) for line in lines}) == 1, result.stdout


def test_markdown_shows_a_name_with_a_line_separator_as_the_table_does(run, write):
    """ "X\\u2028Co" was written as the raw separator in a Markdown title and "T\\x85eam" as an
    escape in a move, while the table and the same report's other lines showed "X Co" and "T eam"."""
    path = write(
        '{"format": "influence/v1", "account": {"id": "x", "name": "X\\u2028Co"},'
        ' "people": [{"id": "p", "name": "Pat", "roles": ["decision_maker"], "stance": 1}],'
        ' "team": [{"id": "t", "name": "T\\u0085eam"}], "relationships": [{"team": "t", "person": "p", "strength": 0.3}]}',
        "x.json",
    )
    md = run("gaps", path, "--format", "markdown", "--as-of", "2026-01-01").stdout
    assert md.startswith("# Gap report: X Co\n")
    assert "T eam" in md and "\\x85" not in md and "\u2028" not in md and "\x85" not in md
