"""Every validation error kind, with its exact message and line."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from influence.errors import ValidationError
from influence.loading import load_file

HEAD = "format: influence/v1\naccount: {id: acme, name: Acme}\n"


def issues_of(write, body: str, head: str = HEAD) -> list[str]:
    path = write(head + body)
    with pytest.raises(ValidationError) as err:
        load_file(path)
    return [f"{i.line}: {i.location}: {i.reason}" for i in err.value.issues]


CASES = [
    pytest.param(
        "",
        "format: influence/v2\naccount: {id: acme, name: Acme}\n",
        ["1: format: unknown format 'influence/v2' (expected 'influence/v1')"],
        id="unknown-format",
    ),
    pytest.param(
        "",
        'format: influence/v1\naccount:\n  id: acme\n  name: ""\n',
        ["4: account.name: empty: the client's name is required"],
        id="empty-account-name",
    ),
    pytest.param(
        "",
        'format: influence/v1\naccount: {id: acme, name: "   "}\n',
        ["2: account.name: empty: the client's name is required"],
        id="blank-account-name",
    ),
    pytest.param(
        "",
        'format: influence/v1\naccount: {id: acme, name: "\\u200b "}\n',
        ["2: account.name: empty: the client's name is required"],
        id="invisible-account-name",
    ),
    pytest.param(
        "",
        "format: influence/v1\naccount: {id: acme, name: }\n",
        ["2: account.name: missing required field"],
        id="account-name-null",
    ),
    pytest.param(
        "",
        "account: {id: acme, name: Acme}\n",
        ["1: format: missing required field (expected 'influence/v1')"],
        id="missing-format",
    ),
    pytest.param(
        "",
        "format: influence/v1\naccount:\n  id: acme\n",
        ["2: account.name: missing required field"],
        id="missing-name",
    ),
    pytest.param("", "format: influence/v1\n", ["1: account: missing required field"], id="missing-account"),
    pytest.param(
        "people:\n  - {id: Ivan Ivanov}\n",
        HEAD,
        [
            "4: people[0].id: malformed id 'Ivan Ivanov' "
            "(ids match ^[a-z0-9][a-z0-9_.-]*$: lower-case letters, digits, '_', '.', '-')"
        ],
        id="malformed-id",
    ),
    pytest.param(
        "units:\n  - {id: it}\npeople:\n  - {id: ivan}\n  - {id: it}\n",
        HEAD,
        ["7: people[1].id: duplicate id 'it' (first defined at units[0])"],
        id="duplicate-id-across-lists",
    ),
    pytest.param(
        "units:\n  - {id: steel-it}\npeople:\n  - id: ivan\n    unit: stel-it\n",
        HEAD,
        ["7: people[0].unit: unknown unit 'stel-it' (did you mean 'steel-it'?)"],
        id="dangling-unit",
    ),
    pytest.param(
        "units:\n  - {id: u, organization: nope}\n",
        HEAD,
        ["4: units[0].organization: unknown organization 'nope'"],
        id="dangling-organization",
    ),
    pytest.param(
        "organizations:\n  - {id: o, parent: p}\n",
        HEAD,
        ["4: organizations[0].parent: unknown organization 'p'"],
        id="dangling-parent",
    ),
    pytest.param(
        "people:\n  - {id: ivan, reports_to: petr}\n",
        HEAD,
        ["4: people[0].reports_to: unknown person 'petr'"],
        id="dangling-reports-to",
    ),
    pytest.param(
        "people:\n  - {id: ivan}\nlinks:\n  - {from: ivan, to: ivam, type: friend}\n",
        HEAD,
        ["6: links[0].to: unknown person 'ivam' (did you mean 'ivan'?)"],
        id="dangling-link-end",
    ),
    pytest.param(
        "people:\n  - {id: ivan}\nrelationships:\n  - {team: olga, person: ivan}\n",
        HEAD,
        ["6: relationships[0].team: unknown team member 'olga'"],
        id="dangling-team",
    ),
    pytest.param(
        "competitors:\n  - id: rival\n    relationships:\n      - {person: ghost}\n",
        HEAD,
        ["6: competitors[0].relationships[0].person: unknown person 'ghost'"],
        id="dangling-competitor-person",
    ),
    pytest.param(
        "people:\n  - {id: ivan}\nactivities:\n  - {id: a, targets: [ivan, ghost], owner: olga}\n",
        HEAD,
        [
            "6: activities[0].targets[1]: unknown person 'ghost'",
            "6: activities[0].owner: unknown team member 'olga'",
        ],
        id="dangling-targets-owner",
    ),
    pytest.param(
        "",
        "format: influence/v1\naccount:\n  id: acme\n  name: Acme\n  target_unit: it\n  owner: olga\n",
        ["5: account.target_unit: unknown unit 'it'", "6: account.owner: unknown team member 'olga'"],
        id="dangling-account-refs",
    ),
    pytest.param(
        "people:\n  - {id: ivan, stance: happy}\n",
        HEAD,
        [
            "4: people[0].stance: invalid stance 'happy'; "
            "allowed: -2..2, opponent, skeptic, neutral, supporter, champion"
        ],
        id="stance-word",
    ),
    pytest.param(
        "people:\n  - {id: ivan, stance: 3}\n",
        HEAD,
        [
            "4: people[0].stance: invalid stance number 3; "
            "allowed: -2..2, opponent, skeptic, neutral, supporter, champion"
        ],
        id="stance-range",
    ),
    pytest.param(
        "people:\n  - {id: ivan, roles: [sponser]}\n",
        HEAD,
        [
            "4: people[0].roles[0]: invalid role 'sponser' (did you mean 'sponsor'?); allowed: "
            "economic_buyer, decision_maker, technical_buyer, user, problem_owner, internal_customer, "
            "sponsor, coach, influencer, anti_influencer, gatekeeper, procurement"
        ],
        id="role-vocabulary",
    ),
    pytest.param(
        "people:\n  - {id: ivan, awareness: total}\n",
        HEAD,
        ["4: people[0].awareness: invalid awareness 'total'; allowed: none, low, medium, high"],
        id="awareness-vocabulary",
    ),
    pytest.param(
        "people:\n  - {id: a}\n  - {id: b}\nlinks:\n  - {from: a, to: b, type: friend, strength: 1.5}\n",
        HEAD,
        [
            "7: links[0].strength: strength number 1.5 out of range; allowed: a number in (0, 1], weak, medium, strong"
        ],
        id="strength-range",
    ),
    pytest.param(
        "people:\n  - {id: a}\n  - {id: b}\nlinks:\n  - {from: a, to: b, type: friend, back_strength: strng}\n",
        HEAD,
        [
            "7: links[0].back_strength: invalid back_strength 'strng' (did you mean 'strong'?); "
            "allowed: a number in [0, 1], weak, medium, strong"
        ],
        id="back-strength-word",
    ),
    pytest.param(
        "people:\n  - {id: a}\n  - {id: b}\nlinks:\n  - {from: a, to: b, type: friends}\n",
        HEAD,
        [
            "7: links[0].type: invalid link type 'friends' (did you mean 'friend'?); "
            "allowed: reports_to, influences, family, friend, former_colleague, informal"
        ],
        id="link-type",
    ),
    pytest.param(
        "organizations:\n  - {id: o, kind: corp}\n",
        HEAD,
        [
            "4: organizations[0].kind: invalid organization kind 'corp'; "
            "allowed: holding, company, subsidiary, branch, other"
        ],
        id="org-kind",
    ),
    pytest.param(
        "organizations:\n  - {id: o, ownership: 120}\n",
        HEAD,
        ["4: organizations[0].ownership: ownership number 120 out of range; allowed: 0 to 100"],
        id="ownership-range",
    ),
    pytest.param(
        "activities:\n  - {id: a, kind: party, status: maybe, budget: -5}\n",
        HEAD,
        [
            "4: activities[0].kind: invalid activity kind 'party'; allowed: meeting, conference, "
            "reference_visit, pilot, training, workshop, other",
            "4: activities[0].status: invalid activity status 'maybe'; allowed: planned, done, cancelled",
            "4: activities[0].budget: budget number -5 out of range; allowed: a number ≥ 0",
        ],
        id="activity-vocab-and-budget",
    ),
    pytest.param(
        "tenders:\n  - {id: t, submission: 2027-02-30}\n  - {id: u, submission: '27.06.2027'}\n",
        HEAD,
        [
            "4: tenders[0].submission: '2027-02-30' is not a date: that day does not exist "
            "(February 2027 has 28 days)",
            "5: tenders[1].submission: bad date '27.06.2027': write it as 2027-06-27 (YYYY-MM-DD)",
        ],
        id="bad-date",
    ),
    pytest.param(
        "",
        'format: influence/v1\naccount: {id: acme, name: Acme, fiscal_year_start: "13-01"}\n',
        ["2: account.fiscal_year_start: bad month-day '13-01': there is no month 13"],
        id="bad-fiscal-year",
    ),
    pytest.param(
        "people:\n  - {id: a}\nlinks:\n  - {from: a, to: a, type: friend}\n",
        HEAD,
        ["6: links[0]: link from 'a' to themself"],
        id="self-link",
    ),
    pytest.param(
        "organizations:\n  - {id: a, parent: b}\n  - {id: b, parent: a}\n",
        HEAD,
        ["4: organizations[0].parent: cycle in parent: a -> b -> a"],
        id="org-cycle",
    ),
    pytest.param(
        "units:\n  - {id: x, parent: z}\n  - {id: y, parent: x}\n  - {id: z, parent: y}\n",
        HEAD,
        ["4: units[0].parent: cycle in parent: x -> z -> y -> x"],
        id="unit-cycle",
    ),
    pytest.param(
        "people:\n  - {id: a, reports_to: b}\n  - {id: b, reports_to: a}\n  - {id: c, reports_to: c}\n",
        HEAD,
        [
            "4: people[0].reports_to: cycle in reports_to: a -> b -> a",
            "6: people[2].reports_to: cycle in reports_to: c -> c",
        ],
        id="reports-to-cycles",
    ),
    pytest.param(
        "people:\n  - id: a\n    titel: CIO\n    x-crm-id: 42\n",
        HEAD,
        ["5: people[0].titel: unknown key 'titel' (did you mean 'title'?)"],
        id="unknown-key-x-kept",
    ),
    pytest.param(
        "peple: []\n",
        HEAD,
        ["3: peple: unknown key 'peple' (did you mean 'people'?)"],
        id="unknown-top-key",
    ),
    pytest.param(
        "people: {id: a}\nlinks:\n  - 42\n",
        HEAD,
        ["3: people: expected a list, got a mapping", "5: links[0]: expected a mapping, got number 42"],
        id="wrong-shapes",
    ),
    pytest.param(
        "people:\n  - {id: a, informal: yes please, pains: headache}\n",
        HEAD,
        [
            "4: people[0].informal: expected true or false, got text 'yes please'",
            "4: people[0].pains: expected a list, got text 'headache'",
        ],
        id="wrong-types",
    ),
]


@pytest.mark.parametrize(("body", "head", "expected"), CASES)
def test_each_error_kind(write, body, head, expected):
    assert issues_of(write, body, head) == expected


def test_all_errors_reported_in_document_order(write):
    found = issues_of(
        write,
        "people:\n  - {id: a, stance: 9}\n  - {id: B}\nlinks:\n  - {from: a, to: zz, type: boss}\n",
    )
    assert [line.split(":")[0] for line in found] == ["4", "5", "7", "7"]


def test_message_form_is_file_line_location_reason(write):
    path = write(HEAD + "people:\n  - {id: a, unit: nope}\n", name="acme.yaml")
    with pytest.raises(ValidationError) as err:
        load_file(path)
    assert str(err.value.issues[0]) == f"{path}:4: people[0].unit: unknown unit 'nope'"


def test_an_id_with_a_line_break_inside_is_malformed(write):
    """In either format (each is checked in C first, and a line break must not split an id in two)."""
    assert issues_of(write, 'people:\n  - {id: "a\\nb", name: X}\n') == [
        "4: people[0].id: malformed id 'a\nb' (ids match ^[a-z0-9][a-z0-9_.-]*$: "
        "lower-case letters, digits, '_', '.', '-')"
    ]
    doc = '{"format": "influence/v1", "account": {"id": "acme", "name": "Acme"}, "people": [%s]}'
    path = write(doc % '{"id": "a", "name": "A"}, {"id": "b", "name": "B", "reports_to": "a\\nb"}', "a.json")
    with pytest.raises(ValidationError) as err:
        load_file(path)
    assert [f"{i.location}: {i.reason}" for i in err.value.issues] == [
        "people[1].reports_to: malformed id 'a\nb' (ids match ^[a-z0-9][a-z0-9_.-]*$: "
        "lower-case letters, digits, '_', '.', '-')"
    ]


def test_json_errors_have_no_line(write):
    path = write('{"format": "influence/v1", "account": {"id": "a", "name": "A", "owner": "x"}}', "a.json")
    with pytest.raises(ValidationError) as err:
        load_file(path)
    (issue,) = err.value.issues
    assert issue.line is None
    assert str(issue) == f"{path}: account.owner: unknown team member 'x'"


def test_minimal_account_is_valid(write):
    account = load_file(write(HEAD))
    assert account.id == "acme" and account.name == "Acme"
    assert account.people == () and account.decision_makers == ()


def test_empty_values_count_as_absent(write):
    account = load_file(write(HEAD + "people:\n  - id: a\n    title:\n    stance:\n"))
    assert account.people[0].title is None and account.people[0].stance is None


def test_x_keys_are_kept_at_top_level(write):
    account = load_file(write(HEAD + "x-crm: {id: 7}\n"))
    assert account.extras == {"x-crm": {"id": 7}}


def test_records_built_directly_equal_those_built_by_their_constructor():
    """``_Builder.make`` fills ``__dict__``; the objects equal ``model(**kwargs)`` field by field."""
    import yaml

    from influence.generate import generate_account
    from influence.loading import Document
    from influence.schema import RECORDS
    from influence.validation import _BUILDERS, build_record, validate_document
    from tests.conftest import EXAMPLES

    for doc in (
        generate_account(300, seed=3),
        yaml.safe_load((EXAMPLES / "uralmet.yaml").read_text("utf-8")),
    ):
        issues, typed = validate_document(Document("x", doc, {}))
        assert not issues
        rows = [("account", typed["account"])]
        rows += [
            (kind, rec) for kind in RECORDS if kind in typed and kind != "account" for rec in typed[kind]
        ]
        rows += [
            ("competitor_relationships", r) for c in typed["competitors"] for r in c.get("relationships", [])
        ]
        assert len({kind for kind, _ in rows}) >= 8
        for kind, rec in rows:
            b = _BUILDERS[kind]
            kwargs = b.arguments(rec)
            direct, constructed = b.make(dict(kwargs)), b.model(**kwargs)
            assert direct == constructed and vars(direct) == vars(constructed), (kind, rec)
    fresh = [build_record("people", {"id": "a", "name": "A"}) for _ in range(2)]
    assert fresh[0].extras == {} and fresh[0].extras is not fresh[1].extras  # a factory default, never shared


def test_records_built_in_one_loop_equal_those_built_one_by_one():
    """``_Builder.make_all``: the same objects as ``build_record``, their ``__dict__`` in the same order,
    and whether one kept x- keys."""
    import yaml

    from influence.generate import generate_account
    from influence.loading import Document
    from influence.schema import LIST_SECTIONS
    from influence.validation import _BUILDERS, build_record, validate_document
    from tests.conftest import EXAMPLES

    odd = {  # x- keys, a name left to default to the id, roles out of order
        "format": "influence/v1",
        "account": {"id": "acme", "name": "Acme"},
        "units": [{"id": "u", "x-cost": 3}],
        "people": [
            {"id": "a", "roles": ["coach", "sponsor"], "x-crm": {"id": 7}},
            {"id": "b", "name": "B", "stance": "champion", "reports_to": "a"},
        ],
        "links": [{"from": "a", "to": "b", "type": "friend", "x-why": "school"}],
    }
    for doc in (
        generate_account(300, seed=3),
        yaml.safe_load((EXAMPLES / "uralmet.yaml").read_text("utf-8")),
        odd,
    ):
        issues, typed = validate_document(Document("x", doc, {}))
        assert not issues
        for kind in LIST_SECTIONS:
            together, kept = _BUILDERS[kind].make_all(typed[kind])
            alone = tuple(build_record(kind, rec) for rec in typed[kind])
            assert together == alone
            assert kept is any(o.extras for o in alone)
            assert [(type(o), list(vars(o).items())) for o in together] == [
                (type(o), list(vars(o).items())) for o in alone
            ]
            assert all(a.extras is not b.extras for a, b in itertools.pairwise(together))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),  # a record that was not a mapping
            st.fixed_dictionaries(
                {}, optional={"id": st.sampled_from("abcdefg"), "up": st.sampled_from("abcdefgh")}
            ),
        ),
        max_size=9,
    )
)
def test_cycles_checked_in_c_report_what_the_walk_reports(records):
    from influence.document import Document
    from influence.validation import _check_cycles, _Checker, _parents_first, _Rows, _walk_cycles

    rows = _Rows(records, "people")
    fast, slow = _Checker(Document("f", {}, {})), _Checker(Document("f", {}, {}))
    _check_cycles(fast, rows, "up")
    _walk_cycles(slow, rows, "up")
    assert fast.sorted_issues() == slow.sorted_issues()
    if _parents_first(rows, "up"):
        assert not slow.issues


class _Text(str):
    """Text of a subclass of str: taken as text, as it is."""


# values of every shape a record's field may meet: right, convertible, wrong, null
_ANY_VALUE = st.one_of(
    st.sampled_from(
        ["a", "p1", "x.y-z_9", "", "A", "a\n", "a b", "champion", "strong", "2026-01-31", "01-31"]
    ),
    st.sampled_from(["friend", "planned", "meeting", "high", "coach"]),  # words of a vocabulary
    st.sampled_from([None, True, False, 0, 1, 2, -3, 0.5, 7.0]),
    st.sampled_from([0.0, -0.0, 1.0, 1.5, -1, 75, 10**400, float("nan"), float("inf")]),
    st.lists(st.sampled_from(["sponsor", "coach", "x", "sponsor"]), max_size=3),
    st.lists(st.sampled_from(["p1", "a\n", "", 1, None, _Text("coach"), ["a"]]), max_size=2),
    st.just({"x": 1}),
)


@st.composite
def _section_items(draw):
    from influence.schema import RECORDS

    kind = draw(st.sampled_from(["people", "units", "links", "relationships", "team", "activities"]))
    keys = [*RECORDS[kind].keys, "x-note", "unknown"]
    valid_id = st.sampled_from(["a", "p1", "x.y-z_9", "u0"])
    items = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 9)) == 0:
            items.append(draw(st.sampled_from([None, "text", ["a"]])))  # not a mapping
            continue
        # mostly plain records of valid ids and texts, some with anything anywhere
        item = {k: draw(valid_id) for k in keys if k in ("id", "from", "to", "team", "person")}
        for k in draw(st.lists(st.sampled_from(keys), max_size=4, unique=True)):
            item[k] = draw(st.one_of(valid_id, _ANY_VALUE))
        items.append(item)
    return kind, items


@settings(max_examples=400, deadline=None)
@given(_section_items())
@example(("relationships", [{"team": "", "person": "a"}]))  # an empty id, alone in its section
@example(("team", [{"id": ""}]))
@example(("team", [{"id": "a"}, {"id": ""}]))
@example(("team", [{"id": "a\n"}]))
@example(("team", [{"id": "a\nb"}]))  # a line break inside an id: not two ids
@example(("people", [{"id": "a", "name": "A", "reports_to": "a\nb"}]))
@example(("team", [{"id": "a", "name": _Text("A")}, {"id": "b", "name": 7}]))  # a text subclass, a number
def test_a_section_checked_in_c_gives_the_records_and_issues_record_by_record(case):
    from influence.document import Document
    from influence.schema import RECORDS
    from influence.validation import _Checker, _record, _Rows, _section

    kind, items = case
    fast, slow = _Checker(Document("f", {}, {})), _Checker(Document("f", {}, {}))
    section = _section(fast, {kind: items}, kind)
    rows = list(section)
    expected = [((kind, i), _record(slow, (kind, i), item, kind)) for i, item in enumerate(items)]
    assert rows == expected
    for key in RECORDS[kind].keys:  # the columns read while checking are those of the typed records
        assert section.column(key) == _Rows(section.records).column(key), key
    assert [list(rec) if rec else rec for _, rec in rows] == [
        list(rec) if rec else rec for _, rec in expected
    ]
    assert fast.sorted_issues() == slow.sorted_issues()


_REFS = {"unit": st.sampled_from("abcdx"), "targets": st.lists(st.sampled_from("abx"), max_size=2).map(tuple)}
_WITH_ID = st.fixed_dictionaries({"id": st.sampled_from("abcdefgh")}, optional=_REFS)
_ID_RECORDS = st.lists(  # mostly records with an id; some not a mapping, empty or without one
    st.one_of(
        _WITH_ID, _WITH_ID, _WITH_ID, st.none(), st.just({}), st.fixed_dictionaries({}, optional=_REFS)
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries(dict.fromkeys(("organizations", "units", "people"), _ID_RECORDS)))
def test_ids_read_in_c_are_those_of_the_walk(records):
    from influence.document import Document
    from influence.schema import ID_SECTIONS, Field
    from influence.validation import _all_known, _Checker, _Rows, _unique_ids, _walk_ids

    sections = {name: _Rows(records.get(name, []), name) for name in ID_SECTIONS}
    walk = _Checker(Document("f", {}, {}))
    expected = _walk_ids(walk, sections)
    unique = _unique_ids(sections)
    if unique is not None:
        assert unique == expected and not walk.issues
    for name, rows in sections.items():
        recs = [rec for _, rec in rows]
        for field in (Field("unit", "id", ref="units"), Field("targets", "list", ref="units")):
            known = expected["units"]
            values = [
                v
                for rec in recs
                if rec and field.key in rec
                for v in (rec[field.key] if field.type == "list" else (rec[field.key],))
            ]
            assert _all_known(rows, field, known) == (set(values) <= known), (name, field.key)


def _issues_of(doc: dict) -> list[str]:
    from influence.document import Document
    from influence.validation import validate_document

    issues, _ = validate_document(Document("a.json", doc, {}))
    return [f"{i.location}: {i.reason}" for i in issues]


@pytest.mark.parametrize(
    ("ownership", "shown"),
    [
        (10**400, "number " + "1" + "0" * 71 + "… (401 characters)"),
        (-(10**400), "number -" + "1" + "0" * 70 + "… (402 characters)"),
        (float("inf"), "number inf"),
        (float("nan"), "number nan"),
    ],
)
def test_a_number_no_float_holds_is_out_of_range_not_a_crash(ownership, shown):
    doc = {
        "format": "influence/v1",
        "account": {"id": "a", "name": "A"},
        "organizations": [{"id": "o", "name": "O", "ownership": ownership}],
    }
    assert _issues_of(doc) == [
        f"organizations[0].ownership: ownership {shown} out of range; allowed: 0 to 100"
    ]


@pytest.mark.parametrize(
    ("value", "shown"), [(20270320, "number 20270320"), (True, "boolean true"), ([1], "a list")]
)
def test_a_date_that_is_no_text_is_described_outside_the_quotes_of_a_value(value, shown):
    doc = {"format": "influence/v1", "account": {"id": "a", "name": "A", "next_review": value}}
    assert _issues_of(doc) == [f"account.next_review: bad date: {shown} (expected YYYY-MM-DD)"]


@pytest.mark.parametrize("value", ["２０２６-01-01", "٢٠٢٦-٠١-٠١"])
def test_a_date_is_written_in_ascii_digits(value):
    doc = {"format": "influence/v1", "account": {"id": "a", "name": "A", "next_review": value}}
    assert _issues_of(doc) == [f"account.next_review: bad date '{value}' (expected YYYY-MM-DD)"]


def test_a_long_bad_value_is_cut_in_its_message():
    key, unit = "k" * 100_000, "u" * 100_000
    doc = {
        "format": "influence/v1",
        "account": {"id": "a", "name": "A", key: 1},
        "people": [{"id": "p", "name": "P", "unit": unit}],
    }
    issues = _issues_of(doc)
    cut_key = "k" * 72 + "… (100,000 characters)"
    assert issues == [
        f"account.{cut_key}: unknown key '{cut_key}'",
        f"people[0].unit: unknown unit '{'u' * 72}… (100,000 characters)'",
    ]


@pytest.mark.parametrize(
    ("where", "value", "issue"),
    [
        (
            ("account", "fiscal_year_start"),
            "02-30",
            "bad month-day '02-30': that day does not exist (month 2 has no day 30)",
        ),
        (("account", "fiscal_year_start"), "13-01", "bad month-day '13-01': there is no month 13"),
        (("account", "fiscal_year_start"), "02-29", None),
        (
            ("account", "fiscal_year_start"),
            dt.date(2027, 4, 1),
            "bad month-day: date 2027-04-01; write the month and day only: '04-01'",
        ),
        (("account", "fiscal_year_start"), 401, "bad month-day: number 401 (expected MM-DD, e.g. '01-01')"),
        (
            ("people", "stance"),
            1.0,
            "invalid stance number 1.0: write it as a whole number: 1; allowed: -2..2, opponent, skeptic, "
            "neutral, supporter, champion",
        ),
        (
            ("organizations", "ownership"),
            "50",
            "ownership text '50' is not a number: write it without quotes; allowed: 0 to 100",
        ),
        (("organizations", "ownership"), True, "ownership boolean true is not a number; allowed: 0 to 100"),
        (("format",), [1, 2], "expected the text 'influence/v1', got a list"),
    ],
)
def test_a_wrong_kind_of_value_is_named_as_such(where, value, issue):
    doc: dict = {"format": "influence/v1", "account": {"id": "a", "name": "A"}}
    if where[0] == "organizations":
        doc["organizations"] = [{"id": "o", "name": "O", where[1]: value}]
        location = f"organizations[0].{where[1]}"
    elif where[0] == "format":
        doc["format"] = value
        location = "format"
    elif where[0] == "people":
        doc["people"] = [{"id": "q", "name": "Q", where[1]: value}]
        location = f"people[0].{where[1]}"
    else:
        doc["account"][where[1]] = value
        location = f"account.{where[1]}"
    assert _issues_of(doc) == ([f"{location}: {issue}"] if issue else [])


@pytest.mark.parametrize(
    ("where", "value"),
    [("id", "uralmet\n"), ("next_review", "2026-01-01\n"), ("fiscal_year_start", "01-01\n")],
)
def test_a_value_ending_in_a_line_break_does_not_match_its_pattern(where, value):
    """``$`` matches before a final newline: 'uralmet\\n' passed as an id and was pushed beside 'uralmet'."""
    doc = {"format": "influence/v1", "account": {"id": "a", "name": "A"}}
    doc["account"][where] = value
    (issue,) = _issues_of(doc)
    assert issue.startswith(f"account.{where}: ")


def test_a_team_id_ending_in_a_line_break_is_refused():
    doc = {
        "format": "influence/v1",
        "account": {"id": "a", "name": "A"},
        "team": [{"id": "t1\n"}, {"id": "t1"}],
    }
    assert _issues_of(doc)[0].startswith("team[0].id: malformed id 't1\n'")


def test_only_the_first_unknown_references_get_a_suggestion():
    """Each suggestion compares with every id: 500 of them on a 20,000-person account took 28 s."""
    from influence.validation import HINTED_REFERENCES

    people = [{"id": f"p{i}", "name": "P"} for i in range(HINTED_REFERENCES + 5)]
    links = [{"from": p["id"], "to": p["id"] + "x", "type": "reports_to"} for p in people]
    doc = {"format": "influence/v1", "account": {"id": "a", "name": "A"}, "people": people, "links": links}
    issues = [i for i in _issues_of(doc) if "unknown person" in i]
    assert len(issues) == HINTED_REFERENCES + 5
    assert all("did you mean" in i for i in issues[:HINTED_REFERENCES])
    assert not any("did you mean" in i for i in issues[HINTED_REFERENCES:])


# --- hand-edited files: cycles, lookalike ids, numbers as text, decimal commas, ids of another kind ---

PEOPLE = "people:\n  - id: boss\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            PEOPLE + "  - id: boss\n    reports_to: boss\n",
            [
                "5: people[1].id: duplicate id 'boss' (first defined at people[0])",
                "6: people[1].reports_to: cycle in reports_to: boss -> boss",
            ],
            id="repeated-id-self-cycle-at-its-record",
        ),
        pytest.param(
            PEOPLE + "  - id: ann\n    reports_to: boss\n  - id: boss\n    reports_to: ann\n",
            [
                "6: people[1].reports_to: cycle in reports_to: ann -> boss -> ann",
                "7: people[2].id: duplicate id 'boss' (first defined at people[0])",
            ],
            id="repeated-id-cycle-not-blamed-on-the-first-record",
        ),
        pytest.param(
            PEOPLE + "  - id: boss\n    reports_to: ann\n  - id: ann\n",
            ["5: people[1].id: duplicate id 'boss' (first defined at people[0])"],
            id="repeated-id-no-cycle",
        ),
        pytest.param(
            PEOPLE + "  - id: boss\n    reports_to: ann\n  - id: ann\n    reports_to: boss\n  - id: boss\n",
            [
                "5: people[1].id: duplicate id 'boss' (first defined at people[0])",
                "6: people[1].reports_to: cycle in reports_to: boss -> ann -> boss",
                "9: people[3].id: duplicate id 'boss' (first defined at people[0])",
            ],
            id="repeated-id-cycle-through-the-second-record",
        ),
    ],
)
def test_a_repeated_id_gets_its_own_error_and_a_cycle_only_where_one_is(write, body, expected):
    assert issues_of(write, body) == expected


LINKS = "people:\n  - id: a1\n  - id: b1\n  - id: c1\n    reports_to: a1\nlinks:\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            LINKS + "  - {from: a1, to: b1, type: reports_to}\n  - {from: b1, to: a1, type: reports_to}\n",
            ["9: links[0]: cycle in reports_to: a1 -> b1 -> a1"],
            id="two-links",
        ),
        pytest.param(
            LINKS + "  - {from: a1, to: c1, type: reports_to}\n",
            ["7: people[2].reports_to: cycle in reports_to: c1 -> a1 -> c1"],
            id="a-link-and-a-field",
        ),
        pytest.param(
            LINKS
            + "  - {from: a1, to: b1, type: reports_to}\n  - {from: a1, to: c1, type: reports_to}\n"
            + "  - {from: b1, to: c1, type: reports_to}\n",
            ["7: people[2].reports_to: cycle in reports_to: c1 -> a1 -> c1"],
            id="two-parents-one-report-per-cycle-group",
        ),
        pytest.param(
            LINKS + "  - {from: a1, to: a1, type: reports_to}\n",
            ["9: links[0]: link from 'a1' to themself"],
            id="a-link-to-themself-is-not-also-a-cycle",
        ),
    ],
)
def test_reports_to_cycles_count_reports_to_links(write, body, expected):
    """docs/format.md: the reports_to field is a shorthand for a reports_to link; the chain may not cycle."""
    assert issues_of(write, body) == expected


def _ring_of(n: int, links: str = "") -> str:
    """n people p0 … p(n-1), each reporting to the next, the last to p0 (then ``links``)."""
    people = "".join(f"  - {{id: p{i}, reports_to: p{(i + 1) % n}}}\n" for i in range(n))
    return f"people:\n{people}{links}"


@pytest.mark.parametrize(
    ("n", "shown"),
    [
        (12, " -> ".join(f"p{i}" for i in [*range(12), 0])),
        (13, "p0 -> p1 -> p2 -> p3 -> p4 -> … 3 more … -> p8 -> p9 -> p10 -> p11 -> p12 -> p0"),
        (
            5000,
            "p0 -> p1 -> p2 -> p3 -> p4 -> … 4,990 more … -> p4995 -> p4996 -> p4997 -> p4998 -> p4999 -> p0",
        ),
    ],
)
def test_a_long_cycle_names_its_first_and_last_ids(write, n, shown):
    """A generated 5,000-person reports_to cycle printed all 5,000 ids in one message."""
    assert issues_of(write, _ring_of(n)) == [f"4: people[0].reports_to: cycle in reports_to: {shown}"]


def test_a_long_cycle_through_links_is_shortened_too(write):
    """The two other ways cycles are found: with reports_to links, and with two parents for an id."""
    closing = "links:\n  - {from: p19, to: p0, type: reports_to}\n"
    chain = "people:\n" + "".join(f"  - {{id: p{i}, reports_to: p{i + 1}}}\n" for i in range(19))
    chain += "  - {id: p19}\n"
    expected = "p0 -> p1 -> p2 -> p3 -> p4 -> … 10 more … -> p15 -> p16 -> p17 -> p18 -> p19 -> p0"
    assert issues_of(write, chain + closing) == [f"4: people[0].reports_to: cycle in reports_to: {expected}"]
    twice = _ring_of(20, "links:\n  - {from: p0, to: p5, type: reports_to}\n")  # p0 reports to p1 and p5
    (issue,) = issues_of(write, twice)
    assert issue == f"4: people[0].reports_to: cycle in reports_to: {expected}"


def test_reports_to_links_without_a_cycle_are_valid(write):
    text = (
        HEAD + LINKS + "  - {from: a1, to: b1, type: reports_to}\n  - {from: c1, to: a1, type: reports_to}\n"
    )
    assert len(load_file(write(text)).people) == 3


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries({"id": st.sampled_from("abcde")}, optional={"up": st.sampled_from("abcdef")}),
        max_size=7,
    ),
    st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef")), max_size=6),
)
def test_cycles_with_links_are_each_group_of_cycles_once(records, links):
    """One report per strongly connected group holding a cycle, each a real cycle of the ties, at a tie of it."""
    import networkx as nx

    from influence.document import Document
    from influence.validation import _Checker, _Rows, _walk_cycles

    rows = _Rows(records, "people")
    ties = [(rec["id"], rec["up"], ("people", i, "up")) for i, rec in enumerate(records) if "up" in rec]
    ties += [(a, b, ("links", i)) for i, (a, b) in enumerate(links) if a != b]
    c = _Checker(Document("f", {}, {}))
    _walk_cycles(c, rows, "up", ties[len(ties) - sum(a != b for a, b in links) :])
    graph = nx.DiGraph([(a, b) for a, b, _ in ties])
    groups = [g for g in nx.strongly_connected_components(graph) if len(g) > 1 or graph.has_edge(*[*g] * 2)]
    issues = c.sorted_issues()
    assert len(issues) == len(groups)
    for issue in issues:
        ring = issue.reason.removeprefix("cycle in up: ").split(" -> ")
        assert ring[0] == ring[-1] and all(graph.has_edge(a, b) for a, b in itertools.pairwise(ring))
        written = [where for a, b, where in ties if (a, b) == (ring[0], ring[1])]
        assert issue.location == format_location(min(written, key=lambda w: (w[0] != "people", w[1])))


def format_location(path):
    from influence.validation import format_location as shown

    return shown(path)


ZWSP = "\u200b"


@pytest.mark.parametrize(
    ("written", "fault"),
    [
        (f"kozlov{ZWSP}", ": it holds U+200B ZERO WIDTH SPACE, which does not show"),
        ("kozlov\u00a0", ": it holds U+00A0 NO-BREAK SPACE, which does not show"),
        ("k\u043ezlov", ": it holds a Cyrillic 'о' (U+043E), not the Latin 'o'"),
        ("козлов", ": it is written in Cyrillic; ids use Latin letters, as in 'kozlov'"),
        ("kozl\u00f6v", ": it holds 'ö' (U+00F6 LATIN SMALL LETTER O WITH DIAERESIS)"),
        ("Kozlov", ""),  # upper case shows as it is
    ],
)
def test_a_malformed_id_names_what_does_not_show_and_references_to_it_say_so(write, written, fault):
    body = f'people:\n  - id: "{written}"\n  - id: petrov\n    reports_to: kozlov\n'
    pattern = "(ids match ^[a-z0-9][a-z0-9_.-]*$: lower-case letters, digits, '_', '.', '-')"
    assert issues_of(write, body) == [
        f"4: people[0].id: malformed id '{written}'{fault} {pattern}",
        f"6: people[1].reports_to: unknown person 'kozlov' "
        f"(the id of people[0] is '{written}', malformed: correct it there)",
    ]


def test_a_lookalike_letter_in_a_reference_is_named(write):
    body = "team:\n  - {id: olga}\nrelationships:\n  - {team: olg\u0430, person: p}\npeople:\n  - {id: p}\n"
    (issue,) = issues_of(write, body)
    assert issue.startswith(
        "6: relationships[0].team: malformed id 'olgа': it holds a Cyrillic 'а' (U+0430), not the Latin 'a' ("
    )


def test_an_unknown_reference_far_from_a_malformed_id_still_gets_a_suggestion(write):
    body = f"people:\n  - id: petrov{ZWSP}\n  - id: sokolov\n  - id: ivanov\n    reports_to: sokolv\n"
    assert (
        issues_of(write, body)[1]
        == "7: people[2].reports_to: unknown person 'sokolv' (did you mean 'sokolov'?)"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "people:\n  - {id: p, stance: '1'}\n",
            "4: people[0].stance: stance '1' is text, not a number: write it without quotes; "
            "allowed: -2..2, opponent, skeptic, neutral, supporter, champion",
            id="stance",
        ),
        pytest.param(
            "people:\n  - {id: p}\n  - {id: q}\nlinks:\n  - {from: p, to: q, type: friend, strength: '0.7'}\n",
            "7: links[0].strength: strength '0.7' is text, not a number: write it without quotes; "
            "allowed: a number in (0, 1], weak, medium, strong",
            id="strength",
        ),
        pytest.param(
            "activities:\n  - {id: x, budget: '1500'}\n",
            "4: activities[0].budget: budget text '1500' is not a number: write it without quotes; "
            "allowed: a number ≥ 0",
            id="budget",
        ),
        pytest.param(
            "people:\n  - {id: p}\n  - {id: q}\nlinks:\n  - from: p\n    to: q\n    type: friend\n"
            "    back_strength: 0,7\n",
            "10: links[0].back_strength: invalid back_strength '0,7': use a decimal point: 0.7; "
            "allowed: a number in [0, 1], weak, medium, strong",
            id="decimal-comma",
        ),
        pytest.param(
            "organizations:\n  - id: o\n    ownership: 51,5\n",
            "5: organizations[0].ownership: ownership text '51,5' is not a number: use a decimal point: 51.5; "
            "allowed: 0 to 100",
            id="decimal-comma-range",
        ),
    ],
)
def test_a_number_written_as_text_says_how_to_write_it(write, body, expected):
    assert issues_of(write, body) == [expected]


PQ = "people:\n  - {id: p}\n  - {id: q}\nlinks:\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            PQ + "  - {from: p, to: q, type: friend, strength: '1.5'}\n",
            "7: links[0].strength: strength '1.5' is out of range, and written as text: write it without quotes; "
            "allowed: a number in (0, 1], weak, medium, strong",
            id="strength",
        ),
        pytest.param(
            PQ + "  - {from: p, to: q, type: friend, back_strength: '-0.5'}\n",
            "7: links[0].back_strength: back_strength '-0.5' is out of range, and written as text: "
            "write it without quotes; allowed: a number in [0, 1], weak, medium, strong",
            id="back_strength",
        ),
        pytest.param(
            PQ + "  - from: p\n    to: q\n    type: friend\n    strength: 1,5\n",
            "10: links[0].strength: strength '1,5' is out of range, and written as text: use a decimal point: 1.5; "
            "allowed: a number in (0, 1], weak, medium, strong",
            id="decimal-comma",
        ),
        pytest.param(
            "people:\n  - {id: p, stance: '3'}\n",
            "4: people[0].stance: stance '3' is out of range, and written as text: write it without quotes; "
            "allowed: -2..2, opponent, skeptic, neutral, supporter, champion",
            id="stance",
        ),
        pytest.param(
            "people:\n  - {id: p, stance: '1.5'}\n",
            "4: people[0].stance: stance '1.5' is not a whole number, and written as text: write it without "
            "quotes; allowed: -2..2, opponent, skeptic, neutral, supporter, champion",
            id="stance-fraction",
        ),
        pytest.param(
            "organizations:\n  - {id: o, ownership: '150'}\n",
            "4: organizations[0].ownership: ownership '150' is out of range, and written as text: "
            "write it without quotes; allowed: 0 to 100",
            id="ownership",
        ),
        pytest.param(
            "activities:\n  - {id: x, budget: -1e3}\n",
            "4: activities[0].budget: budget '-1e3' is out of range, and written as text: "
            "write it as a plain decimal number: -1000.0; allowed: a number ≥ 0",
            id="budget-exponent",
        ),
    ],
)
def test_a_number_written_as_text_and_out_of_range_is_one_error_saying_both(write, body, expected):
    """strength: "1.5" was told to drop the quotes, and only then that 1.5 is out of range."""
    assert issues_of(write, body) == [expected]
    unquoted = re.sub(r"'(-?[0-9.]+)'", r"\1", body)
    if unquoted != body:  # without the quotes: the range alone, as before
        (issue,) = issues_of(write, unquoted)
        assert "text" not in issue and issue.endswith(expected.rpartition(";")[2]), issue


def test_a_number_too_long_or_too_large_is_not_told_to_drop_quotes_it_has_not(write):
    """An unquoted 5,000-digit stance was "text, not a number: write it without quotes", and
    `budget: 1e400` was told to be written as "a plain decimal number: inf"."""
    long = "9" * 5000
    (stance,) = issues_of(write, f"people:\n  - {{id: p, stance: {long}}}\n")
    assert "a whole number of more than 4,300 digits is too long to read" in stance
    assert "quotes" not in stance
    (budget,) = issues_of(write, "activities:\n  - {id: x, budget: 1e400}\n")
    assert budget == (
        "4: activities[0].budget: budget text '1e400' is not a number: it is too large to be a number; "
        "allowed: a number ≥ 0"
    )


def test_an_id_written_as_a_date_is_its_text(write):
    """`id: 2026-01-01` was "malformed id: expected text, got date", though `id: 42` is the id "42"
    and docs/format.md says a date written where text is expected is taken as its text."""
    account = load_file(write(HEAD + "people:\n  - {id: 2026-02-01}\n  - {id: q, reports_to: 2026-02-01}\n"))
    assert [(p.id, p.reports_to) for p in account.people] == [("2026-02-01", None), ("q", "2026-02-01")]


def test_a_text_with_two_readings_is_not_called_out_of_range(write):
    """12,000 is twelve thousand or twelve: the advice gives both, and no range is claimed."""
    (issue,) = issues_of(write, "organizations:\n  - id: o\n    ownership: 1,500\n")
    assert issue == (
        "5: organizations[0].ownership: ownership text '1,500' is not a number: write 1500 (no thousands "
        "separator), or use a decimal point: 1.500; allowed: 0 to 100"
    )


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            "{from: p, to: q, type: friend, strength: 0,7}",
            "links[0].strength: did you write 0,7? use a decimal point: 0.7",
        ),
        (
            "{from: p, to: q, type: friend, back_strength: 0,05, private: true}",
            "links[0].back_strength: did you write 0,05? use a decimal point: 0.05",
        ),
    ],
)
def test_a_decimal_comma_in_a_one_line_record_is_one_error(write, record, expected):
    """YAML reads ``{strength: 0,7}`` as ``strength: 0`` and a key ``7``: not two unrelated errors."""
    body = f"people:\n  - {{id: p}}\n  - {{id: q}}\nlinks:\n  - {record}\n"
    assert issues_of(write, body) == [f"7: {expected}"]
    activity = "activities:\n  - {id: x, budget: 1500,50}\n"
    assert issues_of(write, activity) == [
        "4: activities[0].budget: did you write 1500,50? use a decimal point: 1500.50"
    ]
    assert issues_of(write, "activities:\n  - {id: x, kind: meeting, 7: 1}\n") == [
        "4: activities[0].7: unknown key '7'"
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  owner: ivan\npeople:\n  - {id: ivan}\n",
            ["5: account.owner: unknown team member 'ivan' (ivan is a person, not a team member)"],
        ),
        (
            "people:\n  - {id: ivan}\nteam:\n  - {id: olga}\nrelationships:\n  - {team: ivan, person: olga}\n",
            [
                "10: relationships[0].team: unknown team member 'ivan' (ivan is a person, not a team member)",
                "10: relationships[0].person: unknown person 'olga' (olga is a team member, not a person)",
            ],
        ),
        (
            "units:\n  - {id: it}\npeople:\n  - {id: ivan, reports_to: it}\n",
            ["8: people[0].reports_to: unknown person 'it' (it is a unit, not a person)"],
        ),
    ],
)
def test_a_reference_to_an_id_of_another_kind_says_so(write, body, expected):
    head = "format: influence/v1\naccount:\n  id: acme\n  name: Acme\n"
    assert issues_of(write, body, head) == expected


def test_thousands_and_many_decimal_commas():
    """{budget: 12,000} was told "use a decimal point: 12.000" (twelve); each of many one-line
    records with a decimal comma gets its one issue at the number."""
    from influence.errors import ValidationError
    from influence.loading import parse_text
    from influence.validation import build_account

    head = "format: influence/v1\naccount: {id: a, name: A}\n"
    doc = head + "activities:\n  - {id: x, date: 2026-01-01, budget: 12,000}\n"
    with pytest.raises(ValidationError) as err:
        build_account(parse_text(doc, "a.yaml", "yaml"))
    assert "write 12000 (no thousands separator), or use a decimal point: 12.000" in str(err.value)
    people = "".join(f"  - {{id: p{i}}}\n" for i in range(4001))
    links = "".join(
        f"  - {{from: p{i}, to: p{i + 1}, type: influences, strength: 0,7}}\n" for i in range(4000)
    )
    with pytest.raises(ValidationError) as err:
        build_account(parse_text(head + "people:\n" + people + "links:\n" + links, "b.yaml", "yaml"))
    assert len(err.value.issues) == 4000
    assert {i.reason for i in err.value.issues} == {"did you write 0,7? use a decimal point: 0.7"}
