"""``has_comments``: a ``#`` outside every value is a comment; one inside a value is text."""

from __future__ import annotations

import doctest

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
