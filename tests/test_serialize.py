"""Serialization: ``to_document`` (an account back to plain data, ``x-`` keys included) and YAML text."""

from __future__ import annotations

import copy
import datetime as dt
import doctest
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from influence import yamlwriter
from influence.generate import generate_account
from influence.loading import load_file, parse_text, read_document
from influence.serialize import dump_document, to_document
from influence.validation import build_account

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

TEXT = """\
format: influence/v1
account: {id: a, name: A, x-salesforce-id: 001A}
organizations: [{id: o, name: O, x-salesforce-id: 001B}]
units: [{id: u, organization: o, x-origin: crm}]
people:
  - {id: p, name: P, unit: u, x-salesforce-id: 003A, x-history: {stance: [0, 1]}}
  - {id: q, name: Q}
links: [{from: p, to: q, type: friend, x-source: lunch}]
team: [{id: t, name: T, x-salesforce-id: 005A}]
relationships: [{team: t, person: p, x-note: met twice}]
competitors: [{id: c, name: C, relationships: [{person: p, x-since: 2020}], x-web: c.example}]
tenders: [{id: d, title: D, x-salesforce-id: 006A}]
activities: [{id: v, kind: meeting, targets: [p], x-room: 4}]
x-top: kept
"""


def test_x_keys_survive_on_every_record():
    doc = to_document(build_account(parse_text(TEXT, "a.yaml", "yaml")))
    assert doc["account"]["x-salesforce-id"] == "001A"
    assert doc["organizations"][0]["x-salesforce-id"] == "001B"
    assert doc["units"][0]["x-origin"] == "crm"
    assert doc["people"][0]["x-history"] == {"stance": [0, 1]}
    assert "x-salesforce-id" not in doc["people"][1]
    assert doc["links"][0]["x-source"] == "lunch"
    assert doc["team"][0]["x-salesforce-id"] == "005A"
    assert doc["relationships"][0]["x-note"] == "met twice"
    assert doc["competitors"][0]["x-web"] == "c.example"
    assert doc["competitors"][0]["relationships"][0]["x-since"] == 2020
    assert doc["tenders"][0]["x-salesforce-id"] == "006A"
    assert doc["activities"][0]["x-room"] == 4
    assert doc["x-top"] == "kept"


def test_round_trip_text_is_stable():
    once = dump_document(to_document(build_account(parse_text(TEXT, "a.yaml", "yaml"))), "yaml")
    twice = dump_document(to_document(build_account(parse_text(once, "b.yaml", "yaml"))), "yaml")
    assert once == twice


# --- the fast YAML writer: byte for byte what yaml.safe_dump writes -----------------------------

#: Strings YAML would read as something else, indicators, quotes, breaks, odd code points.
SPECIAL = [
    *("yes", "no", "on", "off", "y", "N", "True", "FALSE", "null", "Null", "~", "<<", "="),
    *("1e3", "0x1F", "0o17", "0b1", "1_000", "+1", "-1", ".5", "1.", ".inf", "-.inf", ".NaN", "12:30:00"),
    *("2026-01-01", "2026-01-01 10:00:00", "2026-1-1T1:00:00Z", "", " ", "  ", " leading space", "trailing "),
    *(
        "a: b",
        "a:b",
        "x:",
        ":x",
        ": x",
        "# x",
        "a #b",
        "a#b",
        "- x",
        "-x",
        "-",
        "--",
        "---",
        "--- x",
        "...",
        ". x",
    ),
    *("?", "? x", "?x", "@x", "`x", "%x", "!x", "&x", "*x", "|x", ">x", "[x]", "{x}", "x, y", "'q'", '"q"'),
    *("it's", "back\\slash", "tab\there", "\t", "new\nline", "two\n\nbreaks", "\n", "end\n", "cr\rx"),
    *("\x85", "\u2028", "\u2029", "\ufeff", "\ufeffx", "\x00", "\x07", "\x7f", "\x9f", "\xa0", "\xa0x"),
    *("\ud800", "x\udfffy", "\U0010ffff", "\U0010fffe", "😀", "Анна Петрова", "Ёлка: да", "x-salesforce-id"),
]
_WORDS = st.text(alphabet="ab Яё😀:#-'\"\\\t\n", min_size=1, max_size=12)
_STRINGS = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=30),  # surrogates too
    st.text(alphabet=" :#-?'\"\\\t\n.,[]{}&*!|>%@`aynNt01Яё😀\x85\u2028\ufeff\x00", max_size=20),
    st.lists(_WORDS, min_size=5, max_size=30).map(" ".join),  # long enough to fold at 100 columns
    st.lists(st.sampled_from(["Иван", "Petrov", "a", "b-c", "x1"]), min_size=8, max_size=40).map(" ".join),
)
#: Shared date objects: the loader shares them; safe_dump would write &id001 / *id001, we never do.
_DATES = [dt.date(2026, 1, 1), dt.date(1999, 12, 31), dt.date(5, 6, 7)]
_SCALARS = st.one_of(
    _STRINGS,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(_DATES),
)
# Keys PyYAML writes as simple keys (non-empty, one line, shorter than 123 characters).
_KEYS = st.one_of(
    st.sampled_from(["id", "name", "x-salesforce-id", "people", "x-history", *[s for s in SPECIAL if s]]),
    st.text(alphabet=st.characters(exclude_categories=()), min_size=1, max_size=122),
).filter(lambda k: not any(c in k for c in "\n\r\x85\u2028\u2029"))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=25,
)
_DOCUMENTS = st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=5)


def _no_fallback(doc):
    raise AssertionError("dump_yaml handed the whole document to PyYAML")


def _fast(doc):
    """dump_yaml's own text; fails if it fell back to yaml.safe_dump."""
    with mock.patch.object(yamlwriter, "reference_dump", _no_fallback):
        return yamlwriter.dump_yaml(doc)


def _pyyaml(doc):
    """safe_dump with aliases off: every value written in full."""

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    return yaml.dump(doc, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=100)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_fast_yaml_is_pyyaml_byte_for_byte(doc):
    assert _fast(doc) == _pyyaml(doc)


@settings(max_examples=150, deadline=None)
@given(st.lists(_STRINGS, min_size=1, max_size=6), st.integers(0, 12))
def test_fast_yaml_at_every_depth(strings, depth):
    """The same strings as values, items and keys, nested so they start at other columns."""
    doc: dict = {"k": list(strings), "m": {f"k{i}": s for i, s in enumerate(strings)}}
    for i in range(depth):
        doc = (
            {"a": [doc, strings[0]], "b-" * i: list(strings)}
            if i % 2
            else {"p": [[doc]], "q": copy.deepcopy(doc)}
        )
    assert _fast(doc) == _pyyaml(doc)
    keys = {s: i for i, s in enumerate(strings) if s and len(s) < 123 and "\n" not in s}
    keys = {k: v for k, v in keys.items() if not any(c in k for c in "\r\x85\u2028\u2029")}
    if keys:
        assert _fast({"x": [keys]}) == _pyyaml({"x": [keys]})


def test_shared_dates_are_written_in_full_never_as_an_alias():
    """A file written with `&id001` / `*id001` changed two dates when someone edited one; equal dates
    are shared objects after loading (plan --apply gave every move the same date)."""
    d1, d2 = dt.date(2026, 1, 1), dt.date(2026, 2, 2)
    doc = {"a": [d1, d2, {"k": d2}], "b": d1, "c": dt.date(2026, 1, 1)}
    text = _fast(doc)
    assert text == _pyyaml(doc)
    assert text == "a:\n- 2026-01-01\n- 2026-02-02\n- k: 2026-02-02\nb: 2026-01-01\nc: 2026-01-01\n"
    shared = [1, 2]
    assert yamlwriter.dump_yaml({"a": shared, "b": shared}) == "a:\n- 1\n- 2\nb:\n- 1\n- 2\n"


def test_an_account_with_equal_dates_is_written_without_aliases(tmp_path):
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8").replace("2026-11-02", "2026-11-10")
    path = tmp_path / "u.yaml"
    path.write_text(text, encoding="utf-8")
    written = dump_document(to_document(load_file(path)), "yaml")
    assert "&id" not in written and "*id" not in written and written.count("last_contact: 2026-11-10") == 2


@pytest.mark.parametrize(
    "doc",
    [
        {"a": [SPECIAL] * 2},  # a list met twice: anchored
        {"": 1},
        {"k" * 123: 1},  # keys PyYAML writes as `? key`
        {"two\nlines": 1},
        {1: "int key"},
        {None: 1, True: 2},
        {"t": (1, 2)},
        {"dt": dt.datetime(2026, 1, 1, 10, 0)},
        [1, 2],
        "scalar",
        {},
    ],
)
def test_fast_yaml_hands_other_shapes_to_pyyaml(doc):
    assert yamlwriter.dump_yaml(doc) == _pyyaml(doc)


def test_fast_yaml_refuses_what_safe_dump_refuses():
    class Sub(dict):
        pass

    with pytest.raises(yaml.representer.RepresenterError):
        yamlwriter.dump_yaml({"x": Sub(a=1)})


def test_fast_yaml_on_the_bundled_examples():
    paths = sorted(EXAMPLES.glob("*.yaml"))
    assert len(paths) >= 4
    for path in paths:
        for doc in (read_document(path).data, to_document(load_file(path))):
            assert _fast(doc) == _pyyaml(doc), path


def test_fast_yaml_on_a_generated_2000_person_account():
    doc = generate_account(2000, 1)
    assert _fast(doc) == _pyyaml(doc)
    again = to_document(build_account(parse_text(_pyyaml(doc), "g.yaml", "yaml")))
    assert _fast(again) == _pyyaml(again)
    assert dump_document(again, "yaml") == _pyyaml(again)


def test_yamlwriter_examples():
    result = doctest.testmod(yamlwriter, verbose=False)
    assert result.attempted >= 4 and result.failed == 0
