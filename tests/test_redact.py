"""Private people in findings and redacted outputs: never a suggested contact, nothing personal shared.

The account is UralMet with its private Anna Petrova made a decision maker
(an opponent, with a pain, one thread from our team, so single-threaded),
her name in Sergey Belov's title, and a second private decision maker,
Vera Secretova, whom nobody reaches.
"""

from __future__ import annotations

import pytest

import influence
from influence.analysis.catalogue import Clause
from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"
PAIN = "SECRET-PAIN her husband's health"


@pytest.fixture
def private_file(tmp_path):
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    petrova = "    roles: [influencer]\n    notes: Met at the plant's family day"
    assert petrova in text
    text = text.replace(
        petrova,
        "    roles: [decision_maker]\n    stance: opponent\n"
        f'    pains: ["{PAIN}"]\n    notes: Met at the plant\'s family day',
    )
    vera = "  - id: kozlov\n"
    text = text.replace(
        vera,
        "  - {id: vsecret, name: Vera Secretova, title: Sister of the CEO, informal: true, private: true,\n"
        "     roles: [decision_maker], stance: supporter}\n" + vera,
        1,
    )
    ours = "relationships:\n  - {team: olga, person: ivanov"
    text = text.replace(
        ours, "relationships:\n  - {team: olga, person: petrova, strength: strong}\n" + ours[15:]
    )
    belov = "    title: Head of Maintenance\n"
    assert belov in text
    text = text.replace(belov, "    title: Head of Maintenance, brother of Anna Petrova\n")
    path = tmp_path / "private.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _keys(sentence) -> list[str]:
    """The catalogue keys of a sentence, nested clauses (a way in) included."""
    out = []
    for clause in sentence:
        out.append(clause.key)
        out.extend(v.key for v in clause.values.values() if isinstance(v, Clause))
    return out


def test_a_private_person_is_never_a_suggested_contact(private_file):
    """Every recommendation about a private person goes through the people close to her or the
    coach: no "introduce a team member to", "add an activity for", "learn what keeps her up"."""
    report = influence.analyze(influence.load(private_file), AS_OF)
    said = {
        (f.code, f.subject): _keys(f.said[1]) for f in report.findings if f.subject in ("petrova", "vsecret")
    }
    assert said == {
        ("anti-influence-path", "petrova"): ["path.win", "approach.private", "path.close.pains"],
        ("single-threaded", "petrova"): ["single-threaded.recommendation.private"],
        ("offer-missing", "petrova"): ["offer-missing.recommendation"],
        ("awareness-unknown", "petrova"): ["awareness-unknown.recommendation.private"],
        ("contact-missing", "petrova"): ["contact-missing.recommendation.private"],
        ("decision-maker-uncovered", "vsecret"): ["approach.private"],
        ("plan-gap", "vsecret"): ["plan-gap.recommendation.private", "approach.private"],
        ("pains-unknown", "vsecret"): ["pains-unknown.recommendation.private"],
        ("awareness-unknown", "vsecret"): ["awareness-unknown.recommendation.private"],
        ("contact-missing", "vsecret"): ["contact-missing.recommendation.private"],
        ("sponsor-candidate", "vsecret"): ["sponsor-candidate.recommendation.private"],
    }


def test_a_private_persons_pains_are_never_said(private_file):
    """Her pains stay in the file (and the unredacted evidence), never in a sentence: a redacted
    report would otherwise print them beside "an informal influencer"."""
    report = influence.analyze(influence.load(private_file), AS_OF)
    for lang in ("en", "ru"):
        for f in report.findings:
            assert "SECRET-PAIN" not in " ".join(f.text(lang)), (f.code, lang)
    offer = next(f for f in report.findings if f.code == "offer-missing" and f.subject == "petrova")
    assert offer.evidence == {"pains": [PAIN]}
    assert offer.text("ru")[0] == "Боли известны, но предложения под них нет: Anna Petrova."


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_redacted_pack_shares_nothing_of_a_private_person(run, private_file, tmp_path, lang):
    folder = tmp_path / "pack"
    result = run("review", private_file, "-o", folder, "--as-of", AS_OF, "--redact", "--lang", lang)
    assert result.exit_code == 0, result.output
    for name in ("map.html", "gaps.md", "gaps.json"):
        text = (folder / name).read_text(encoding="utf-8")
        for secret in ("SECRET-PAIN", "Petrova", "petrova", "Secretova", "vsecret", "Sister of the CEO"):
            assert secret not in text, (name, secret)
