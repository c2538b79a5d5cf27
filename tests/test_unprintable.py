"""Control characters in an account's texts: escaped for terminals, replaced for XML and workbooks."""

from __future__ import annotations

import doctest
import re
import xml.etree.ElementTree as ET

from hypothesis import example, given
from hypothesis import strategies as st

import influence.unprintable
import influence.worksheets
from influence.unprintable import escape_controls, xml_text

#: what a terminal must never receive raw from the data
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_the_examples_hold():
    for module in (influence.unprintable, influence.worksheets):
        result = doctest.testmod(module, verbose=False)
        assert result.attempted >= 1 and result.failed == 0


def _one_by_one(text: str, keep: str) -> str:
    """The brute force: each character on its own, escaped when it is a control not kept."""
    return "".join(
        c.encode("unicode_escape").decode("ascii") if CONTROL.fullmatch(c) and c not in keep else c
        for c in text
    )


@given(st.text(), st.sampled_from(["", "\n", "\n\t"]))
@example("\x1b[2J\u202egnp.exe\x85\n", "\n")
@example("a\\nb\\x1b", "")  # backslashes already in the text stay as they are
def test_escapes_are_those_of_each_character_alone(text, keep):
    shown = escape_controls(text, keep)
    assert shown == _one_by_one(text, keep)
    assert set(CONTROL.findall(shown)) <= set(keep)


@given(st.text())
@example("tab\t, CR\r, bell\x07, \ufffe and a lone \ud800")
def test_xml_text_always_parses_and_keeps_what_xml_can_hold(text):
    safe = xml_text(text)
    assert len(safe) == len(text)
    assert all(a == b or b == "\ufffd" for a, b in zip(text, safe, strict=True))
    element = ET.Element("n", name=safe)
    element.text = safe
    back = ET.fromstring(ET.tostring(element, encoding="unicode"))
    assert back.text == (re.sub("\r\n?", "\n", safe) if safe else None)
