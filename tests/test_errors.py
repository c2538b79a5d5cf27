"""Messages of errors: worded where they are found, rendered in a language at the edge."""

from __future__ import annotations

import pickle

import pytest

from influence.errors import Issue, Msg, NMsg, SourceError, ValidationError
from influence.i18n import translator


class Catalogue:
    """A stand-in language: every text upper-cased, plural forms picked like Russian's (three)."""

    def gettext(self, message: str) -> str:
        return message.upper().replace("{VALUE}", "{value}").replace("{WHAT}", "{what}").replace("{N}", "{n}")

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = (singular, plural, plural + "!")
        index = (
            0 if n % 10 == 1 and n % 100 != 11 else 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
        )
        return forms[index].replace("{n}", "#{n}")


def test_a_message_is_english_by_str_and_translated_with_its_parts_by_render():
    msg = Msg("expected {what}, got {value}", what=Msg("a list"), value="{x}")
    assert str(msg) == "expected a list, got {x}"  # a value's braces are text, not placeholders
    assert msg.render(Catalogue()) == "EXPECTED A LIST, GOT {x}"


@pytest.mark.parametrize(
    ("n", "english", "other"),
    [
        (1, "1 error", "#1 error"),
        (3, "3 errors", "#3 errors"),
        (5, "5 errors", "#5 errors!"),
        (21, "21 errors", "#21 error"),
    ],
)
def test_a_plural_message_takes_the_form_of_its_number_in_each_language(n, english, other):
    msg = NMsg("{n} error", "{n} errors", n)
    assert (str(msg), msg.render(Catalogue())) == (english, other)


def test_values_are_text_as_typed_a_number_keeps_its_decimal_point_in_russian():
    msg = Msg("{file} is not a valid influence/v1 account", file=0.7)
    assert msg.render(translator("ru")) == "0.7 не соответствует формату influence/v1"


def test_an_issue_keeps_its_english_reason_and_renders_its_message_in_another_language():
    issue = Issue.of(
        "a.yaml", 3, "people[0]", Msg("expected {what}, got {value}", what="a list", value="'x'")
    )
    assert issue.reason == "expected a list, got 'x'"
    assert str(issue) == "a.yaml:3: people[0]: expected a list, got 'x'"
    assert (
        issue.render(Catalogue()) == "a.yaml:3: people[0]: EXPECTED a list, GOT 'x'"
    )  # a value stays as it is
    assert issue == Issue(
        "a.yaml", 3, "people[0]", "expected a list, got 'x'"
    )  # the message is no part of equality
    assert Issue.of("a.yaml", None, "people", "plain").render(Catalogue()) == "a.yaml: people: plain"


def test_an_error_raised_with_a_message_is_its_english_text_and_renders_translated():
    exc = SourceError(Msg("no file {value}", value="a.yaml"))
    assert (str(exc), exc.render(), exc.render(Catalogue())) == (
        "no file a.yaml",
        "no file a.yaml",
        "NO FILE a.yaml",
    )
    assert SourceError("plain text").render(Catalogue()) == "plain text"


def test_messages_and_errors_survive_pickling_for_the_portfolio_workers():
    issue = Issue.of("a.yaml", 3, "x", NMsg("{n} error", "{n} errors", 2))
    again = pickle.loads(pickle.dumps(ValidationError([issue], language="ru")))
    assert (again.issues[0].render(Catalogue()), again.language) == ("a.yaml:3: x: #2 errors", "ru")


def test_the_location_of_an_issue_of_the_whole_document_is_translated_a_path_is_not():
    assert Issue.of("a.yaml", 8, "(document)", Msg("bad")).render(Catalogue()) == "a.yaml:8: (DOCUMENT): BAD"
    assert Issue.of("a.yaml", 8, "people[0].name", "x").render(Catalogue()) == "a.yaml:8: people[0].name: x"
    assert str(Issue.of("a.yaml", 8, "(document)", Msg("bad"))) == "a.yaml:8: (document): bad"
