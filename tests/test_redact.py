"""Private people in findings and redacted outputs: never a suggested contact, nothing personal shared.

The account is UralMet with its private Anna Petrova made a decision maker
(an opponent, with a pain, one thread from our team, so single-threaded),
her name in Sergey Belov's title, and a second private decision maker,
Vera Secretova, whom nobody reaches.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import influence
from influence.analysis.catalogue import Clause
from tests.conftest import EXAMPLES, map_data

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
        ("offer-missing", "petrova"): ["offer-missing.recommendation.private"],
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


def _account(text_edits, tmp_path, name="x.yaml"):
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    for old, new in text_edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return influence.load(path)


def test_a_private_name_is_replaced_as_a_whole_word_and_never_inside_a_public_name(tmp_path):
    """Anna Petrova renamed "Olga": the public Olga Nikolaeva and Olga Morozova stay whole (they
    read "an informal influencer Morozova", which gave her first name away and turned advice
    about Morozova into advice about the private person); "Ural" stays inside "UralMet"."""
    from influence.redact import Redactor

    account = _account([("    name: Anna Petrova\n", "    name: Olga\n")], tmp_path)
    anon = Redactor(account)
    assert anon.text("ask Olga Morozova, or Olga; Olga's husband") == (
        "ask Olga Morozova, or an informal influencer; an informal influencer's husband"
    )
    ural = _account([("    name: Anna Petrova\n", "    name: Ural\n")], tmp_path, "u.yaml")
    assert Redactor(ural).text("CEO, UralMet Steel; Ural") == "CEO, UralMet Steel; an informal influencer"


def test_a_private_namesake_of_a_public_person_is_anonymous_in_her_own_findings(tmp_path):
    """Her name is the public CFO's: it stays in general text (it may mean the CFO), but a finding
    about her names her anonymously."""
    from influence.redact import Redactor

    account = _account([("    name: Anna Petrova\n", "    name: Maria Smirnova\n")], tmp_path)
    anon = Redactor(account)
    report = influence.analyze(account, AS_OF)
    assert anon.text("Maria Smirnova") == "Maria Smirnova"
    hers = [anon.finding(f) for f in report.findings if f.subject == "petrova"]
    cfo = [anon.finding(f) for f in report.findings if f.subject == "smirnova"]
    assert hers and all("Maria Smirnova" not in " ".join(f.text()) for f in hers)
    assert cfo and all("Maria Smirnova" in " ".join(f.text()) for f in cfo)


def test_an_empty_name_is_the_id(tmp_path):
    account = _account([("    name: Anna Petrova\n", '    name: ""\n')], tmp_path)
    assert account.person_by_id["petrova"].name == "petrova"


def test_no_direct_step_for_a_private_supporter(tmp_path):
    """A private decision maker on our side: keep the people close to her briefed, not her; her
    offer goes through them (Alexey Kozlov, an opponent, reaches her)."""
    account = _account(
        [
            (
                "    roles: [influencer]\n",
                "    roles: [decision_maker]\n    stance: supporter\n    pains: [time]\n",
            ),
            ("links:\n", "links:\n  - {from: kozlov, to: petrova, type: influences, strength: 0.8}\n"),
        ],
        tmp_path,
    )
    report = influence.analyze(account, AS_OF)
    keys = {k for f in report.findings if f.subject == "petrova" for k in _keys(f.said[1])}
    assert "path.ally-target" not in keys and "offer-missing.recommendation" not in keys
    assert {"path.ally-target.private", "offer-missing.recommendation.private"} <= keys


def test_the_redacted_map_shows_no_strength_or_date_of_a_private_persons_tie(run, tmp_path):
    """Our relationship to her and an anti-influence path over her tie were drawn with the tie's
    strength (and the relationship with its last contact). A redacted map now analyses the public
    view: no anti-influence path runs over her tie at all."""

    path = tmp_path / "x.yaml"
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    text = text.replace("    roles: [influencer]\n", "    roles: [influencer]\n    stance: opponent\n", 1)
    ours = "relationships:\n"
    text = text.replace(
        ours, ours + "  - {team: olga, person: petrova, strength: 0.77, last_contact: 2026-11-20}\n", 1
    )
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "m.html"
    assert run("map", path, "-o", out, "--as-of", AS_OF, "--redact").exit_code == 0
    page, data = out.read_text(encoding="utf-8"), map_data(out)
    hers = [e for e in data["edges"] if "informal-1" in (e["from"], e["to"])]
    assert {e["kind"] for e in hers} == {"private"}
    assert all("strength" not in e for e in hers) and "0.77" not in page and "2026-11-20" not in page


def test_a_private_sponsor_with_low_access_is_not_connected_to_anyone_herself(tmp_path):
    account = _account(
        [
            ("    roles: [influencer]\n", "    roles: [influencer]\n    stance: champion\n"),
            ("relationships:\n", "relationships:\n  - {team: olga, person: petrova, strength: 0.9}\n"),
            ("  - {from: petrova, to: petrov, type: family, private: true}\n", ""),
        ],
        tmp_path,
    )
    report = influence.analyze(account, AS_OF)
    (risk,) = [f for f in report.findings if f.code == "sponsor-at-risk" and f.subject == "petrova"]
    assert _keys(risk.said[1]) == ["sponsor-at-risk.step.low-access.private"]
    assert risk.text()[1].startswith("Bring the people close to Anna Petrova nearer the decision makers")


# --- shared outputs analyse the public view: nothing in them depends on what is private ---------

_OPPONENT = """format: influence/v1
account: {id: acme, name: Acme Steel, target_unit: it}
organizations: [{id: org, name: Acme Org, kind: company}]
units: [{id: it, name: IT, organization: org}, {id: fin, name: Finance, organization: org}]
people:
  - {id: boss, name: Boris Bossov, unit: fin, roles: [economic_buyer], stance: neutral, pains: [costs]}
  - {id: cio, name: Ivan Cioff, unit: it, reports_to: boss, roles: [decision_maker], stance: supporter}
  - {id: opp, name: Oleg Opponov, unit: it, reports_to: cio, roles: [influencer], stance: opponent}
  - {id: fan, name: Fedor Fanov, unit: it, reports_to: cio, roles: [sponsor], stance: champion}
  - {id: zina, name: Zinaida Tajnova, unit: fin, reports_to: boss, roles: [coach], stance: STANCE, private: true}
links:
  - {from: zina, to: boss, type: family, strength: ZINA}
  - {from: opp, to: boss, type: friend, strength: OLEG, private: true}
  - {from: opp, to: cio, type: influences, strength: 0.5}
team: [{id: olga, name: Olga Sales}]
relationships:
  - {team: olga, person: cio, strength: strong}
  - {team: olga, person: zina, strength: OURS}
competitors:
  - {id: rival, name: Rival Systems, relationships: [{person: zina, strength: RIVAL}, {person: opp}]}
"""


def _opponent(tmp_path, stance="opponent", zina=0.83, oleg=0.77, ours=0.61, rival=0.87):
    text = _OPPONENT.replace("STANCE", stance).replace("ZINA", str(zina)).replace("OLEG", str(oleg))
    path = tmp_path / f"acme-{stance}-{zina}-{oleg}-{ours}-{rival}.yaml"
    path.write_text(text.replace("OURS", str(ours)).replace("RIVAL", str(rival)), encoding="utf-8")
    return influence.load(path)


def _shared(account, lang="en"):
    """What a redacted pack shows: the map's data, the redacted gap report's JSON, the graph files."""
    from influence.exchange.graphfiles import export_graph
    from influence.maps import render_map
    from influence.redact import Redactor

    report = influence.analyze(account.public_view(), AS_OF)
    data = render_map(account, AS_OF, redact=True, lang=lang).data
    shared = Redactor(account, True, lang).report(report)
    exports = [export_graph(account, fmt, redact=True) for fmt in ("graphml", "gexf")]
    return data, shared.gaps_dict(lang), exports


def test_a_redacted_map_and_report_say_no_stance_or_strength_of_anything_private(tmp_path):
    """A redacted map said "an informal influencer (opponent) reaches Boris Bossov with strength 0.83",
    drew Oleg's private friendship with Boris as a red path of strength 0.77 and gave Oleg access 0.77."""
    import json

    data, gaps, exports = _shared(_opponent(tmp_path))
    text = json.dumps([data, gaps, [e.decode("utf-8") for e in exports]], ensure_ascii=False)
    for secret in ("0.83", "0.77", "0.61", "0.87", "informal influencer (", "Zinaida", "zina"):
        assert secret not in text, secret
    (oleg,) = [n for n in data["nodes"] if n["id"] == "opp"]
    assert ["Access", "0.50"] in oleg["tip"]  # over his public tie only
    assert not any(e["kind"] == "anti" and "boss" in (e["from"], e["to"]) for e in data["edges"])
    assert not any(f["subject"] == "informal-1" for f in gaps["findings"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stance=st.sampled_from(["champion", "supporter", "neutral", "skeptic", "opponent"]),
    strengths=st.lists(st.sampled_from([0.05, 0.3, 0.5, 0.7, 0.95]), min_size=4, max_size=4),
    lang=st.sampled_from(["en", "ru"]),
)
def test_nothing_private_changes_a_redacted_output(tmp_path, stance, strengths, lang):
    """The property behind redaction: a redacted map and report are the same whatever the private
    person's stance and the strengths of her ties and of a private link between public people."""
    zina, oleg, ours, rival = strengths
    assert _shared(_opponent(tmp_path, stance, zina, oleg, ours, rival), lang) == _shared(
        _opponent(tmp_path), lang
    )


def test_the_public_view_drops_every_private_tie_and_keeps_the_people(tmp_path):
    account = _opponent(tmp_path)
    view = account.public_view()
    assert view is account.public_view() and view.public_view() is view
    assert [p.id for p in view.people] == [p.id for p in account.people]
    assert [(x.source, x.target) for x in view.links] == [("opp", "cio")]
    assert [r.person for r in view.relationships] == ["cio"]
    assert [r.person for r in view.competitors[0].relationships] == ["opp"]
    assert view.person_by_id["zina"].reports_to is None and view.person_by_id["cio"].reports_to == "boss"
    public = influence.load(EXAMPLES / "new-account.yaml")
    assert public.public_view() is public


def test_a_redacted_map_refuses_the_report_of_the_whole_account(tmp_path):
    from influence.errors import UsageError
    from influence.maps import render_map

    account = _opponent(tmp_path)
    with pytest.raises(UsageError, match="public view"):
        render_map(account, AS_OF, redact=True, report=influence.analyze(account, AS_OF))
    render_map(account, AS_OF, redact=True, report=influence.analyze(account.public_view(), AS_OF))


def test_a_private_person_sharing_the_accounts_id_hides_no_account_finding(tmp_path):
    """A private person `acme` in the account `acme` (or `user`, a role) removed no-sponsor, plan-missing
    and the other account-level findings from redacted outputs: they were dropped as "about her"."""
    from influence.redact import Redactor

    text = _OPPONENT.replace("STANCE", "opponent").replace("{id: zina,", "{id: acme,").replace("zina", "acme")
    text = text.replace("ZINA", "0.8").replace("OLEG", "0.7").replace("OURS", "0.6").replace("RIVAL", "0.5")
    path = tmp_path / "acme.yaml"
    path.write_text(text.replace("  - {team: olga, person: cio, strength: strong}\n", ""), encoding="utf-8")
    account = influence.load(path)
    report = influence.analyze(account.public_view(), AS_OF)
    shared = Redactor(account, True).report(report)
    about_account = [(f.code, f.subject) for f in report.findings if f.person is None]
    assert ("no-sponsor", "acme") in about_account and ("role-missing", "user") in about_account
    assert [(f.code, f.subject) for f in shared.findings if f.person is None] == about_account
    assert not any(f.person == "acme" or f.subject == "informal-1" for f in shared.findings)


def _pack(run, tmp_path, before_text, after_text, name):
    before, after = tmp_path / f"{name}-before.yaml", tmp_path / f"{name}-after.yaml"
    before.write_text(before_text, encoding="utf-8")
    after.write_text(after_text, encoding="utf-8")
    result = run("review", after, "--since", before, "--redact", "-o", tmp_path / name, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    return (tmp_path / name / "diff.md").read_text(encoding="utf-8")


def _text(**values) -> str:
    fill = {"STANCE": "opponent", "ZINA": "0.83", "OLEG": "0.77", "OURS": "0.61", "RIVAL": "0.87", **values}
    text = _OPPONENT
    for key, value in fill.items():
        text = text.replace(key, value)
    return text


def test_a_redacted_review_since_says_nothing_of_a_tie_that_became_private(run, tmp_path):
    """Oleg's friendship with Boris, public before and private now, showed as a removed tie, and the
    competitor-ahead finding it carried as resolved."""
    before = _text().replace("type: friend, strength: 0.77, private: true}", "type: friend, strength: 0.77}")
    diff = _pack(run, tmp_path, before, _text(), "tie")
    assert "ties +0 -0 ~0" in diff and "resolved 0" in diff and "friend" not in diff, diff


def test_a_redacted_review_since_hides_a_reporting_line_that_left_a_private_person(run, tmp_path):
    """Someone who reported to a private person, and now to a public one, showed `reports_to — → cio`."""
    extra = "  - {id: sam, name: Sam Under, unit: it, reports_to: REPORTS}\n"
    people_end = "links:\n"
    before = _text().replace(people_end, extra.replace("REPORTS", "zina") + people_end)
    after = _text().replace(people_end, extra.replace("REPORTS", "cio") + people_end)
    diff = _pack(run, tmp_path, before, after, "line")
    assert "people +0 -0 ~0" in diff and "reports" not in diff, diff


def test_a_redacted_map_refuses_the_whole_accounts_plan_and_an_unredacted_one_the_public_report(tmp_path):
    """render_map(redact=True, plan=influence.plan(account)) showed a gain that ran over a private tie."""
    from influence.errors import UsageError
    from influence.maps import render_map

    account = _opponent(tmp_path)
    whole = influence.plan(account, AS_OF)
    public = influence.plan(account.public_view(), AS_OF)
    assert whole.moves != public.moves
    with pytest.raises(UsageError, match="plan of the account's public view"):
        render_map(account, AS_OF, redact=True, plan=whole)
    render_map(account, AS_OF, redact=True, plan=public)
    with pytest.raises(UsageError, match="another version of the account"):
        render_map(account, AS_OF, report=influence.analyze(account.public_view(), AS_OF))


def test_a_shared_diff_from_the_api_tells_nothing_of_a_private_tie(tmp_path):
    """diff_accounts(v1, v2).redacted() showed coverage 0.72 (0.9 x a new private tie of 0.8) and the
    findings it resolved; redacted() now refuses such a diff, and redact=True compares public views."""
    from influence.diff import diff_accounts
    from influence.errors import UsageError

    before = _opponent(tmp_path)
    text = _text().replace(
        "links:\n", "links:\n  - {from: fan, to: boss, type: friend, strength: 0.8, private: true}\n"
    )
    path = tmp_path / "after.yaml"
    path.write_text(text, encoding="utf-8")
    after = influence.load(path)
    whole = diff_accounts(before, after, AS_OF)
    assert whole.coverage  # the whole versions' coverage changes over the new private tie
    with pytest.raises(UsageError, match="redact=True"):
        whole.redacted()
    shared = diff_accounts(before, after, AS_OF, redact=True)
    assert shared.to_dict()["coverage"] == [] and shared.findings_resolved == () and shared.ties_added == ()


def test_redaction_keeps_roles_account_names_and_ids_that_only_look_private(tmp_path):
    """A private person `user` turned role-missing's evidence into {'role': 'informal-2'}; a private
    "Ulla" made "Ulla Holdings" "an informal influencer Holdings"; a public `informal-1` merged
    with the anonymous node."""
    from influence.maps import render_map
    from influence.redact import Redactor

    text = (
        _text()
        .replace("name: Acme Steel", "name: Ulla Holdings")
        .replace(
            "  - {id: fan,",
            "  - {id: user, name: Ulla, private: true}\n  - {id: informal-1, name: Ina, unit: it}\n  - {id: fan,",
        )
    )
    path = tmp_path / "names.yaml"
    path.write_text(text, encoding="utf-8")
    account = influence.load(path)
    anon = Redactor(account)
    assert set(anon.ids.values()) == {"informal-2", "informal-3"}
    shared = anon.report(influence.analyze(account.public_view(), AS_OF))
    (missing,) = [f for f in shared.findings if f.code == "role-missing" and f.subject == "user"]
    assert missing.evidence == {"role": "user"}
    said = " ".join(" ".join(f.text()) for f in shared.findings)
    assert "Ulla Holdings" in said and "informal influencer Holdings" not in said
    ids = [n["id"] for n in render_map(account, AS_OF, redact=True).data["nodes"]]
    assert len(ids) == len(set(ids)) and "informal-1" in ids


def test_a_map_refuses_a_plan_of_another_account_or_date(tmp_path):
    from influence.errors import UsageError
    from influence.maps import render_map

    account = influence.load(EXAMPLES / "uralmet.yaml")
    with pytest.raises(UsageError, match="the plan is of account 'acme'"):
        render_map(account, AS_OF, plan=influence.plan(_opponent(tmp_path), AS_OF))
    with pytest.raises(UsageError, match="as of 2027-01-01"):
        render_map(account, AS_OF, plan=influence.plan(account, "2027-01-01"))
    render_map(account, AS_OF, plan=influence.plan(account, AS_OF))


def test_a_meeting_with_a_private_person_and_others_counts_and_shows_in_a_shared_pack(run, tmp_path):
    """An activity targeting [boss, zina] was left out of the shared analysis whole: the shared
    pack then said no activity was planned (plan-missing, a false tender-prep-late) although the
    team meets Boris. She leaves its targets; the meeting with Boris counts, and the shared diff
    shows it, as what closes the findings it closes."""
    meeting = "activities:\n  - {id: yacht-day, kind: meeting, date: 2026-12-20, targets: [boss, zina]}\n"
    diff = _pack(run, tmp_path, _text(), _text() + meeting, "meeting")
    assert "records +1 -0 ~0" in diff and "- **added:** activity yacht-day" in diff, diff
    assert (
        "- resolved: decision maker left out of the plan (Boris Bossov, boss)\n- resolved: no activity planned (acme)\n"
        in diff
    ), diff
    assert "zina" not in diff.lower() and "Zinaida" not in diff, diff
    shared = (tmp_path / "meeting" / "gaps.md").read_text(encoding="utf-8")
    assert "plan-missing" not in shared and "zina" not in shared.lower(), shared


def test_a_meeting_with_a_private_person_alone_closes_no_finding_in_a_shared_pack(run, tmp_path):
    """A meeting with only her is a tie of hers: not shown, and it closes nothing there."""
    meeting = "activities:\n  - {id: yacht-day, kind: meeting, date: 2026-12-20, targets: [zina]}\n"
    diff = _pack(run, tmp_path, _text(), _text() + meeting, "alone")
    assert "records +0 -0 ~0" in diff and "resolved 0" in diff and "yacht" not in diff, diff
    joined = _text() + meeting.replace("[zina]", "[boss]")
    diff = _pack(run, tmp_path, joined, joined.replace("[boss]", "[boss, zina]"), "joined")
    assert "records +0 -0 ~0" in diff and "resolved 0" in diff and "new 0" in diff, diff


def test_a_tie_made_public_is_new_in_a_shared_pack(run, tmp_path):
    """Oleg's friendship with Boris, private last quarter and public now, was never announced: the
    shared map suddenly labelled a tie the earlier shared pack drew unlabeled."""
    public = _text().replace("type: friend, strength: 0.77, private: true}", "type: friend, strength: 0.77}")
    diff = _pack(run, tmp_path, _text(), public, "public")
    assert "ties +1 -0 ~0" in diff and "link friend: Oleg Opponov (opp) → Boris Bossov (boss)" in diff, diff


_SPOUSE = """format: influence/v1
account: {id: acme, name: Acme}
people:
  - {id: boss, name: Boris Boss, title: TITLE, roles: [economic_buyer], stance: neutral, pains: PAINS}
  - {id: wife, name: Wendy Secretwife, informal: true, private: true, roles: [influencer], stance: champion}
links:
  - {from: wife, to: boss, type: family, private: true}
team:
  - {id: ann, name: Ann Seller, role: ROLE}
relationships:
  - {team: ann, person: boss, strength: weak}
"""


def _spouse(tmp_path, name, title="CFO", pains="[cost]", role="account manager"):
    text = _SPOUSE.replace("TITLE", title).replace("PAINS", pains).replace("ROLE", role)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_part_of_a_private_name_is_replaced_unless_a_public_name_holds_it(tmp_path):
    """A first name or surname alone names her too ("Wendy wants him home"), as the shared diff
    already judged; a part that is also a word of a public name may mean that person and stays."""
    from influence.redact import Redactor

    anon = Redactor(influence.load(_spouse(tmp_path, "a.yaml")))
    assert anon.text("Wendy wants him home by six; Secretwife's husband; Wendys") == (
        "an informal influencer wants him home by six; an informal influencer's husband; Wendys"
    )
    account = _account([("    name: Anna Petrova\n", "    name: Olga Petrova\n")], tmp_path)
    assert Redactor(account).text("Olga Petrova; Petrova; Olga; Olga Morozova") == (
        "an informal influencer; an informal influencer; Olga; Olga Morozova"
    )


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_shared_pack_names_a_private_person_by_no_part_of_her_name(run, tmp_path, lang):
    """A team member's role and a public person's title and pains that name the private spouse by
    her full name, her first name or her surname: none of it reaches a redacted pack (map, gaps,
    plan, diff), a redacted map or a redacted graph file."""
    before = _spouse(tmp_path, "before.yaml")
    after = _spouse(
        tmp_path,
        "after.yaml",
        title="Secretwife's husband",
        pains="[cost, Wendy wants him home by six]",
        role="keeps in touch with Wendy Secretwife",
    )
    pack = tmp_path / "pack"
    args = ("--as-of", AS_OF, "--redact", "--lang", lang)
    assert run("review", after, "-o", pack, "--since", before, *args).exit_code == 0
    assert (
        run("map", after, "-o", tmp_path / "map.html", "--static", tmp_path / "map.svg", *args).exit_code == 0
    )
    for fmt in ("graphml", "gexf"):
        assert run("export", fmt, after, "-o", tmp_path / f"g.{fmt}", "--redact").exit_code == 0
    shared = [
        *pack.iterdir(),
        tmp_path / "map.html",
        tmp_path / "map.svg",
        tmp_path / "g.graphml",
        tmp_path / "g.gexf",
    ]
    assert len(shared) == 9
    for path in shared:
        text = path.read_text(encoding="utf-8")
        for secret in ("Wendy", "Secretwife"):
            assert secret not in text, (path.name, secret)
    tip = map_data(tmp_path / "map.html")
    team = next(n for n in tip["nodes"] if n["id"] == "ann")
    assert any("keeps in touch with" in str(row) for row in team["tip"]), team["tip"]


def test_a_private_name_is_replaced_in_any_case_and_a_word_of_it_capitalised(run, tmp_path):
    """Text wrote her in capitals ("WENDY's health") or her whole name in lower case ("handles wendy
    secretwife"), a tender "Project for Wendy", an activity id "wendy-bday": the match was
    case-sensitive. A single word of her name in lower case stays ("will", "вера" are words too)."""
    from influence.redact import Redactor

    path = _spouse(
        tmp_path,
        "a.yaml",
        title='"CEO, Wendy\'s husband"',
        pains="[WENDY's health, SECRETWIFE family]",
        role="handles wendy secretwife",
    )
    anon = Redactor(influence.load(path))
    assert anon.text(
        "Wendy; WENDY SECRETWIFE; wendy secretwife; Secretwife's; wendy; Wendys; ann seller"
    ) == (
        "an informal influencer; an informal influencer; an informal influencer; an informal influencer's; "
        "wendy; Wendys; ann seller"
    )
    before = path.read_text(encoding="utf-8")
    after = tmp_path / "b.yaml"
    after.write_text(
        before
        + "tenders:\n  - {id: tn, title: Project for Wendy, submission: 2027-03-01}\n"
        + "activities:\n  - {id: wendy-bday, kind: meeting, date: 2026-12-01, targets: [boss]}\n",
        encoding="utf-8",
    )
    pack = tmp_path / "pack"
    assert run("review", after, "-o", pack, "--since", path, "--as-of", AS_OF, "--redact").exit_code == 0
    for shared in pack.iterdir():
        text = shared.read_text(encoding="utf-8").casefold()
        assert "wendy" not in text and "secretwife" not in text, shared.name


def test_a_common_word_that_is_a_private_first_name_stays_in_the_reports_own_sentences(tmp_path):
    """A private "Will Smith" or "Вера Петрова": the report's own words ("will", "вера") and
    lower-case text keep them; "Will" and "Веру" as names are hidden."""
    from influence.redact import Redactor

    account = _account([("    name: Anna Petrova\n", "    name: Will Smith\n")], tmp_path)
    anon = Redactor(account)
    assert anon.text("we will meet; ask Will; WILL SMITH") == (
        "we will meet; ask an informal influencer; an informal influencer"
    )
    ru = _account([("    name: Anna Petrova\n", "    name: Вера Сидорова\n")], tmp_path, "ru.yaml")
    assert Redactor(ru).text("вера в успех; позвонить Вере; ВЕРА") == (
        "вера в успех; позвонить an informal influencer; an informal influencer"
    )


_RU = """format: influence/v1
account: {id: rupriv, name: Рус Приват, language: ru}
people:
  - {id: petrov, name: Пётр Петров, title: "Главный инженер, муж Анны Петровой", roles: [economic_buyer],
     stance: neutral, pains: ["здоровье Анны", "АННА ПЕТРОВА недовольна", "Петровой не нравится шум"]}
  - {id: petrova, name: Анна Петрова, informal: true, private: true, roles: [influencer], stance: supporter}
links:
  - {from: petrova, to: petrov, type: family, private: true}
team: [{id: t, name: Том, role: "поздравить Анну"}]
relationships: [{team: t, person: petrov, strength: strong}]
"""


def test_a_russian_private_name_is_hidden_in_its_case_forms_too(run, tmp_path):
    """ "муж Анны Петровой", "здоровье Анны", "поздравить Анну" named her in shared outputs: only the
    nominative was looked for. A form that is also a public name's ("Петрову", of Пётр Петров) may
    mean that person and stays; "Анны Петровой" reads as one anonymous name."""
    from influence.redact import Redactor

    path = tmp_path / "ru.yaml"
    path.write_text(_RU, encoding="utf-8")
    anon = Redactor(influence.load(path), lang="ru")
    name = anon.anonymous
    assert anon.text("муж Анны Петровой; здоровье Анны; с Анной; Петрову позвонить; Пётр Петров") == (
        f"муж {name}; здоровье {name}; с {name}; Петрову позвонить; Пётр Петров"
    )
    pack = tmp_path / "pack"
    assert run("review", path, "-o", pack, "--as-of", AS_OF, "--redact").exit_code == 0
    assert run("map", path, "-o", tmp_path / "map.html", "--as-of", AS_OF, "--redact").exit_code == 0
    for shared in [*pack.iterdir(), tmp_path / "map.html"]:
        text = shared.read_text(encoding="utf-8").casefold()
        for form in ("анны", "анну", "анна", "петровой", "петрова"):  # as words ("запланированная" holds one)
            assert re.search(f"(?<!\\w){form}(?!\\w)", text) is None, (shared.name, form)


def test_a_russian_private_name_is_hidden_when_its_vowel_drops_or_its_yo_is_written_e(tmp_path):
    """ "поздравить Павла", "с Петром" and "у Кравца" named a private Павел, Пётр or Кравец: only
    the regular endings of the written word were looked for."""
    from influence.redact import Redactor

    text = _RU.replace("name: Анна Петрова,", "name: Павел Кравец,")
    path = tmp_path / "ru.yaml"
    path.write_text(text.replace("name: Пётр Петров,", "name: Иван Петров,"), encoding="utf-8")
    anon = Redactor(influence.load(path), lang="ru")
    name = anon.anonymous
    assert anon.text("поздравить Павла; у Кравца; с Павлом Кравцом; Павел") == (
        f"поздравить {name}; у {name}; с {name}; {name}"
    )
    secret = path.read_text(encoding="utf-8").replace(
        "name: Иван Петров,", "name: Пётр Петров, private: true,"
    )
    path.write_text(secret, encoding="utf-8")
    anon = Redactor(influence.load(path), lang="ru")
    assert anon.text("с Петром; у Петра; Петр") == f"с {anon.anonymous}; у {anon.anonymous}; {anon.anonymous}"


def test_a_private_decision_maker_is_not_counted_in_shared_outputs(run, tmp_path):
    """A redacted pack said "decision makers: 2, covered: 0" and "2 decision makers are not
    covered" of an account whose only decision makers are private: their roles, and a coverage
    that only the private ties give, were told by the counts."""
    path = tmp_path / "a.yaml"
    path.write_text(
        "format: influence/v1\naccount: {id: ap, name: All Private}\npeople:\n"
        "  - {id: a, name: Anna Petrova, private: true, roles: [economic_buyer], stance: champion}\n"
        "  - {id: b, name: Boris Petrov, private: true, reports_to: a, roles: [decision_maker]}\n"
        "  - {id: c, name: Carl Public, roles: [user]}\n"
        "team: [{id: t, name: Tim}]\nrelationships: [{team: t, person: a, strength: strong}]\n",
        encoding="utf-8",
    )
    pack = tmp_path / "pack"
    assert run("review", path, "-o", pack, "--as-of", AS_OF, "--redact").exit_code == 0
    summary = json.loads((pack / "gaps.json").read_text(encoding="utf-8"))["summary"]
    assert (summary["buying_team"], summary["decision_makers"], summary["covered"]) == (3, 0, 0)
    assert "not covered" not in (pack / "gaps.md").read_text(encoding="utf-8")
    assert '"decision_makers":0' in (pack / "map.html").read_text(encoding="utf-8")
    team = json.loads(run("gaps", path, "--format", "json", "--as-of", AS_OF).output)["summary"]
    assert (team["decision_makers"], team["covered"]) == (2, 2)  # the team's own report keeps them


def test_a_private_name_is_hidden_whichever_apostrophe_it_is_typed_with(tmp_path):
    """ "Zoë O’Brien" (a typographic apostrophe) in a public title kept "O’Brien" in the redacted map:
    only the apostrophe of her record was looked for. Punctuation around a name word
    ("</script>") is no word of the name: the text around it stays."""
    from influence.redact import Redactor

    path = tmp_path / "a.yaml"
    path.write_text(
        "format: influence/v1\naccount: {id: ap, name: Acme}\npeople:\n"
        '  - {id: p, name: "Zoë O\'Brien </script>", private: true}\n  - {id: q, name: Carl Public}\n',
        encoding="utf-8",
    )
    anon = Redactor(influence.load(path))
    name = anon.anonymous
    assert anon.text("knows Zoë O’Brien, O’Brien and OʼBRIEN; </script> stays") == (
        f"knows {name}, {name} and {name}; </script> stays"
    )


def _redactor(tmp_path, name, pid="p"):
    from influence.redact import Redactor

    path = tmp_path / "a.yaml"
    path.write_text(
        "format: influence/v1\naccount: {id: acme, name: Acme}\npeople:\n"
        f'  - {{id: {pid}, name: "{name}", private: true}}\n  - {{id: q, name: Carl Public}}\n'
        "tenders:\n  - {id: t1, submission: 2027-06-30}\n",
        encoding="utf-8",
    )
    return Redactor(influence.load(path))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Anna Marsh-Smith", "Smith family holiday; Flowers for Mrs Smith; Marsh says so"),
        ("Анна Петрова-Водкина", "Петровой-Водкиной; Водкиной; Петрова"),
        ("Алена Федорова", "Алёна; Фёдоровой; с Алёной Фёдоровой; АЛЁНА"),
        ("Алёна Орлова", "видел Але\u0308ну; Алена"),
        ("Яна Ким", "Яны; Яне; Яну; Яной; Кима"),
        ("Лев Цой", "Льва; Льву; Цоя; Цою"),
        ("Zoë Marsh", "Zoe; Zoë; ZOË"),
        ("Jo Li", "Jo  Li; Jo\u00a0Li; Jo\nLi"),
    ],
)
def test_a_private_name_is_hidden_however_its_parts_are_written(tmp_path, name, text):
    """Each reached a redacted output: a piece of a hyphenated name, ё typed where her record has е
    (or the other way, or decomposed), the case forms of a three-letter Russian name, an accent left
    out, a whole name with two spaces or a line break between its words."""
    anon = _redactor(tmp_path, name)
    said = anon.text(text)
    left = {w for w in re.split(r"[;\s]+", said) if w} - set(anon.anonymous.split())
    assert left <= {"с", "видел", "says", "so", "family", "holiday", "Flowers", "for", "Mrs"}, said


def test_a_private_id_is_hidden_in_free_text_and_in_the_ids_of_records(tmp_path):
    """Her id `amx` was left in a public pain ("amx visits") and in a tender's id ("amx-lunch"), on the
    map and in gaps.md; an id that is also a public word (a role, the account's id) is kept."""
    from influence.analysis import Finding

    anon = _redactor(tmp_path, "Anna Marsh", pid="amx")
    assert anon.text("amx visits; xamx; amx-lunch") == "informal-1 visits; xamx; informal-1-lunch"
    tender = Finding("tender-prep-upcoming", "medium", "amx-lunch", {})
    assert anon.subject(tender) == "informal-1-lunch"
    assert _redactor(tmp_path, "Ulla", pid="user").text("a user; acme") == "a user; acme"


def test_a_shared_diff_leaves_out_the_findings_of_a_tender_named_after_her(run, tmp_path):
    """diff.md left the tender `amx-lunch` out of its records but listed "new: tender-prep-upcoming
    (amx-lunch)" among its findings."""
    before = _text()
    after = before + "tenders:\n  - {id: zina-lunch, submission: 2027-06-30}\n"
    diff = _pack(run, tmp_path, before, after, "tender")
    assert "zina" not in diff.casefold() and "tender-prep" not in diff, diff


def test_a_private_person_is_informal_in_the_public_view_whatever_her_record_says():
    """A shared pack said "no informal influencers" beside her anonymous "informal influencer" node,
    and a shared diff announced that finding when only her informal flag changed."""
    account = influence.load(EXAMPLES / "uralmet.yaml")
    (secret,) = [p for p in account.people if p.private]
    formal = dataclasses.replace(
        account,
        people=tuple(dataclasses.replace(p, informal=False) if p.private else p for p in account.people),
    )
    views = [a.public_view() for a in (account, formal)]
    assert all(p.informal for v in views for p in v.people if p.id == secret.id)
    codes = [{f.code for f in influence.analyze(v, AS_OF).findings} for v in views]
    assert codes[0] == codes[1]


def test_a_shared_diff_object_carries_nothing_private():
    """Its hidden fields kept the private people's ids and names and the private ties: pickling the
    shared diff, or vars() on it, gave them away."""
    import pickle

    before, after = (
        influence.load(EXAMPLES / "uralmet.yaml"),
        influence.load(EXAMPLES / "uralmet-2027q1.yaml"),
    )
    shared = influence.diff_accounts(before, after, "2027-02-01", redact=True)
    kept = pickle.dumps(shared)
    for secret in (b"Anna Petrova", b"Petrova", b"petrova"):
        assert secret not in kept, secret
    assert (shared.private, shared.private_ties, shared.private_words) == (
        frozenset(),
        frozenset(),
        frozenset(),
    )
    assert shared.redacted() == shared


_MARRIED = """format: influence/v1
account: {id: v, name: V Co}
people:
  - {id: boss, name: Oleg Boss, roles: [economic_buyer], stance: supporter}
  - {id: vera, name: Vera Zaytseva, informal: true, private: true, roles: [influencer]}
  - {id: kate, name: Kate Long, roles: [user], stance: supporter, title: "Head of Ops"}
tenders: [{id: vera-deal, title: "Vera's project", submission: 2027-12-31}]
"""


def test_a_redacted_review_since_hides_the_name_and_id_she_had_before(run, tmp_path):
    """She married and her id changed: the shared diff knew her earlier name, but the pack's map
    showed "Zaytseva's deputy" in a title, and gaps.md the tender id vera-deal (informal-1-deal in
    the earlier pack), which told who the anonymous person is."""
    married = _MARRIED.replace("id: vera, name: Vera Zaytseva", "id: vz, name: Vera Boss").replace(
        'title: "Head of Ops"', 'title: "Head of Ops, Zaytseva\'s deputy"'
    )
    _pack(run, tmp_path, _MARRIED, married, "married")
    pack = tmp_path / "married"
    for file in sorted(pack.iterdir()):
        text = file.read_text(encoding="utf-8")
        words = set(re.findall(r"[a-z]+", text.lower()))
        assert not {"vera", "zaytseva"} & words and '"vz"' not in text, file.name
    assert "informal-1-deal" in (pack / "gaps.md").read_text(encoding="utf-8")  # her number, renamed
    assert "Head of Ops, an informal influencer's deputy" in (pack / "map.html").read_text(encoding="utf-8")
    alone = run(
        "review", tmp_path / "married-after.yaml", "--redact", "-o", tmp_path / "alone", "--as-of", AS_OF
    )
    assert alone.exit_code == 0 and "vera-deal" in (tmp_path / "alone" / "gaps.md").read_text(
        encoding="utf-8"
    )


def test_an_id_of_hers_joined_with_an_underscore_is_hidden_and_her_renamed_id_keeps_her_number(run, tmp_path):
    """'volkova_walk' and 'asked by petrova_family' passed through every file of a shared pack (an
    underscore is a letter to a regular expression's word boundary), and her earlier id became
    informal-2 beside the single node informal-1, which told there was another private identity."""
    before = (
        "format: influence/v1\naccount: {id: m, name: M Co}\npeople:\n"
        "  - {id: petrov, name: Petr Petrov, roles: [technical_buyer], stance: supporter}\n"
        "  - {id: petrova, name: Anna Petrova, informal: true, private: true, roles: [influencer]}\n"
        "team: [{id: olga, name: Olga}]\nrelationships: [{team: olga, person: petrov, strength: medium}]\n"
    )
    after = before.replace("id: petrova, name: Anna Petrova", "id: volkova, name: Anna Volkova").replace(
        "stance: supporter}",
        'stance: supporter, pains: ["asked by volkova_family", "asked by petrova_family", "petrova visits"]}',
    ) + (
        "activities:\n"
        "  - {id: petrova_tea, kind: meeting, date: 2027-01-10, targets: [volkova, petrov], owner: olga}\n"
        "  - {id: volkova_walk, kind: meeting, date: 2027-01-12, targets: [volkova, petrov], owner: olga}\n"
    )
    _pack(run, tmp_path, before, after, "underscore")
    pack = tmp_path / "underscore"
    for file in sorted(pack.iterdir()):
        text = file.read_text(encoding="utf-8").lower()
        assert "petrova" not in text and "volkova" not in text and "informal-2" not in text, file.name
    gaps = (pack / "gaps.md").read_text(encoding="utf-8")
    assert "(asked by informal-1\\_family; asked by informal-1\\_family; informal-1 visits)" in gaps
