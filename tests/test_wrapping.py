"""influence.wrapping: the same lines as textwrap.TextWrapper, for every text."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence.wrapping import Wrapper

# plain words and spaces (the fast way), and now and then what sends a text to TextWrapper
PLAIN = st.text(alphabet="aбЖz.—→ ", max_size=120)
ANY = st.text(alphabet="aЖ.  -\t\n\u00a0\x1c", max_size=120)
INDENTS = st.text(alphabet=" →1.", max_size=10)


def _textwrap(width: int, initial: str, subsequent: str, hyphens: bool, text: str) -> list[str]:
    return textwrap.TextWrapper(
        width=width, initial_indent=initial, subsequent_indent=subsequent, break_on_hyphens=hyphens
    ).wrap(text)


@settings(max_examples=600)
@given(
    text=st.one_of(PLAIN, ANY),
    room=st.integers(1, 30),
    initial=INDENTS,
    subsequent=INDENTS,
    hyphens=st.booleans(),
)
def test_same_lines_as_textwrap(text: str, room: int, initial: str, subsequent: str, hyphens: bool) -> None:
    # every line has room for at least one character after its indent (with none, TextWrapper
    # itself never returns for a text that starts with a space)
    width = max(len(initial), len(subsequent)) + room
    wrapper = Wrapper(width, initial, subsequent, break_on_hyphens=hyphens)
    assert wrapper.wrap(text) == _textwrap(width, initial, subsequent, hyphens, text)


def test_indent_changed_between_calls() -> None:
    wrapper = Wrapper(12, subsequent_indent="   ")
    wrapper.initial_indent = "  1. "
    assert wrapper.wrap("call the chief engineer") == ["  1. call", "   the chief", "   engineer"]
    wrapper.initial_indent = "  10. "
    assert wrapper.wrap("call the chief engineer") == _textwrap(
        12, "  10. ", "   ", True, "call the chief engineer"
    )


def test_plain_text_does_not_go_through_textwrap(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Wrapper, text: str) -> list[str]:
        raise AssertionError(f"went the slow way: {text!r}")

    monkeypatch.setattr(Wrapper, "_textwrap", refuse)
    text = "Иван Петров решает закупку; he has not met anyone from our team since the last tender."
    assert Wrapper(30, "      ", "      ").wrap(text) == _textwrap(30, "      ", "      ", True, text)


@pytest.mark.parametrize(
    "text",
    ["a well-known supplier", "tabs\tand\nnewlines", "no\u00a0break", "a verylongwordthatdoesnotfit here"],
)
def test_other_texts_go_through_textwrap(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    calls: list[str] = []
    monkeypatch.setattr(Wrapper, "_textwrap", lambda self, t: calls.append(t) or [])
    Wrapper(16, "  ", "  ").wrap(text)
    assert calls == [text]
