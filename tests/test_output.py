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
