"""``influence import salesforce``: realistic exports written here, every mapping rule and error path."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from influence import load
from influence.exchange.salesforce import import_salesforce
from tests.conftest import EXAMPLES

HOLDING, STEEL, SERVICE, PIPES, OTHER = (
    "001A0000000HOLDAA",
    "001A0000000STLAA",
    "001A0000000SRVAA",
    "001A0000000PIPAA",
    "001A0000000OTHAA",
)
OLGA, DMITRY, BELOV = "005A0000000OLGAA", "005A0000000DMIAA", "005A0000000BELAA"


def c(n: int) -> str:
    return f"003A0000000C{n:02d}AA"


def o(n: int) -> str:
    return f"006A0000000O{n:02d}AA"


ACCOUNTS = [
    ["Name", "Id", "BillingCity", "ParentId", "OwnerId", "Industry", "IsDeleted"],  # shuffled, extra columns
    ["УралМет Холдинг", HOLDING, "Екатеринбург", "", OLGA, "Metals & Mining", "false"],
    ["УралМет Сталь", STEEL, "Нижний Тагил", HOLDING, OLGA, "Metals & Mining", "false"],
    ["УралМет Трубы", PIPES, "Челябинск", HOLDING, BELOV, "Metals & Mining", "false"],
    ["УралМет Сталь Сервис", SERVICE, "Нижний Тагил", STEEL, OLGA, "Industrial Services", "false"],
    ["Северный Прокат", OTHER, "Череповец", "", BELOV, "Metals & Mining", "false"],
]
CONTACT_HEADER = [
    "LastName",
    "Id",
    "FirstName",
    "MailingCity",
    "AccountId",
    "Title",
    "Department",
    "ReportsToId",
]
CONTACT_HEADER += ["Phone", "Email", "MobilePhone"]
CONTACTS = [
    CONTACT_HEADER,
    [
        "Соколов",
        c(1),
        "Сергей",
        "Тагил",
        STEEL,
        "Генеральный директор",
        "Дирекция",
        "",
        "+7 1",
        "s@u.example",
        "",
    ],
    ["Иванов", c(2), "Иван", "", STEEL, "ИТ-директор", "ИТ", c(1), "", "i@u.example", "+7 912"],
    [
        "Орлова",
        c(3),
        "Елена",
        "",
        STEEL,
        "Директор по производству, МЕС и качеству",
        "Производство",
        c(1),
        "",
        "",
        "",
    ],
    ["Козлов", c(4), "Андрей", "", STEEL, "Начальник\nотдела АСУ ТП", "ИТ", c(2), "", "", ""],
    ["Кузнецова", c(5), "Ольга", "", STEEL, "Советник", "", c(1), "", "", ""],
    ["Лебедев", c(6), "Дмитрий", "", HOLDING, "Финансовый директор", "Финансы", "", "", "", ""],
    ["Иванов", c(7), "Иван", "", SERVICE, "Мастер", "ИТ", c(1), "", "", ""],
    ["Григорьев", c(8), "Олег", "", PIPES, "Директор по ИТ", "ИТ", "", "", "", ""],
    ["Фёдоров", c(9), "Николай", "", OTHER, "Технический директор", "", "", "", "", ""],
    ["Частный", c(10), "Контакт", "", "", "", "", "", "", "", ""],
]
OPPORTUNITIES = [
    ["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate", "IsClosed", "OwnerId"],
    [o(1), STEEL, "Модернизация MES, 2027", "Qualification", "250000000.00", "2027-06-30", "false", DMITRY],
    [o(2), STEEL, "Пилот", "Closed Won", "1200.00", "2025-12-01", "true", OLGA],
    [o(3), SERVICE, "Сервис", "Needs Analysis", "", "2027-02-15", "FALSE", OLGA],
    [o(4), PIPES, "ERP", "Prospecting", "", "2027-09-01", "false", BELOV],
]
CONTACT_ROLES = [
    ["Role", "OpportunityId", "ContactId", "IsPrimary"],
    ["Economic Decision Maker", o(1), c(1), "false"],
    ["Technical Buyer", o(1), c(2), "true"],
    ["Decision Maker", o(2), c(2), "false"],  # closed opportunities count too
    ["Decision Maker", o(1), c(3), "false"],
    ["Other", o(2), c(4), "false"],
    ["Decision Maker", o(4), c(8), "false"],  # a sibling's opportunity: not imported
]
RELATIONS = [
    ["ContactId", "AccountId", "Roles", "IsDirect"],
    [c(3), STEEL, "Influencer;Evaluator", "true"],
    [c(5), STEEL, "Executive Sponsor", "true"],
    [c(6), STEEL, "Economic Buyer;Финансовый контроль", "false"],
    [c(7), SERVICE, "Business User", "true"],
    [c(9), OTHER, "Decision Maker", "true"],
]
USERS = [["Id", "Name", "Email"], [OLGA, "Ольга Морозова", "o@v.example"], [DMITRY, "Dmitry Pavlov", ""]]
USERS.append([BELOV, "Сергей Белов", ""])
EXPORT = {
    "Account.csv": ACCOUNTS,
    "Contact.csv": CONTACTS,
    "Opportunity.csv": OPPORTUNITIES,
    "OpportunityContactRole.csv": CONTACT_ROLES,
    "AccountContactRelation.csv": RELATIONS,
    "User.csv": USERS,
}


def csv_text(rows: list[list[str]], newline: str = "\r\n") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    return buffer.getvalue()


def write_export(folder: Path, files: dict, *, bom: bool = True, newline: str = "\r\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        text = rows if isinstance(rows, str) else csv_text(rows, newline)
        (folder / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return folder


@pytest.fixture
def export(tmp_path):
    return write_export(tmp_path / "export", EXPORT)


def people_by_sf(doc):
    return {p["x-salesforce-id"]: p for p in doc["people"]}


def test_full_import_document(export):
    doc = import_salesforce(export, "УралМет Сталь")
    assert doc["account"] == {
        "id": "uralmet-stal",
        "name": "УралМет Сталь",
        "segment": "Metals & Mining",
        "owner": "olga-morozova",
        "x-salesforce-id": STEEL,
    }
    assert doc["organizations"] == [
        {"id": "uralmet-kholding", "name": "УралМет Холдинг", "kind": "holding", "x-salesforce-id": HOLDING},
        {
            "id": "uralmet-stal",
            "name": "УралМет Сталь",
            "kind": "subsidiary",
            "parent": "uralmet-kholding",
            "x-salesforce-id": STEEL,
        },
        {
            "id": "uralmet-stal-servis",
            "name": "УралМет Сталь Сервис",
            "kind": "subsidiary",
            "parent": "uralmet-stal",
            "x-salesforce-id": SERVICE,
        },
    ]
    assert doc["units"] == [
        {"id": "direktsiya", "name": "Дирекция", "organization": "uralmet-stal"},
        {"id": "it", "name": "ИТ", "organization": "uralmet-stal"},
        {"id": "proizvodstvo", "name": "Производство", "organization": "uralmet-stal"},
        {"id": "finansy", "name": "Финансы", "organization": "uralmet-kholding"},
        {"id": "it-2", "name": "ИТ", "organization": "uralmet-stal-servis"},
    ]
    people = people_by_sf(doc)
    assert set(people) == {
        c(n) for n in range(1, 8)
    }  # not the sibling's, the other client's or the private one
    assert people[c(1)] == {
        "id": "sergey-sokolov",
        "name": "Сергей Соколов",
        "title": "Генеральный директор",
        "unit": "direktsiya",
        "email": "s@u.example",
        "phone": "+7 1",
        "roles": ["economic_buyer"],
        "x-salesforce-id": c(1),
    }
    assert people[c(2)]["phone"] == "+7 912"  # MobilePhone when Phone is empty
    assert people[c(2)]["roles"] == ["decision_maker", "technical_buyer"]
    assert people[c(3)]["roles"] == ["decision_maker", "influencer"]
    assert people[c(3)]["title"] == "Директор по производству, МЕС и качеству"
    assert people[c(4)]["title"] == "Начальник\nотдела АСУ ТП"
    assert people[c(4)]["notes"] == "Salesforce contact roles: Other"
    assert "roles" not in people[c(4)]
    assert people[c(4)]["reports_to"] == "ivan-ivanov"
    assert "unit" not in people[c(5)]  # empty Department: no unit, never a placeholder
    assert people[c(5)]["roles"] == ["sponsor"]
    assert people[c(6)]["roles"] == ["economic_buyer"]
    assert people[c(6)]["notes"] == "Salesforce contact roles: Финансовый контроль"
    assert (people[c(7)]["id"], people[c(7)]["unit"], people[c(7)]["roles"]) == (
        "ivan-ivanov-2",
        "it-2",
        ["user"],
    )
    assert doc["team"] == [
        {"id": "olga-morozova", "name": "Ольга Морозова", "x-salesforce-id": OLGA},
        {"id": "dmitry-pavlov", "name": "Dmitry Pavlov", "x-salesforce-id": DMITRY},
    ]
    assert [t["x-salesforce-id"] for t in doc["tenders"]] == [o(1), o(3)]  # open ones of imported accounts
    assert doc["tenders"][0]["title"] == "Модернизация MES, 2027"
    assert doc["tenders"][0]["id"] == "modernizatsiya-mes-2027"
    assert doc["tenders"][0]["x-salesforce-amount"] == 250000000.0
    assert str(doc["tenders"][1]["submission"]) == "2027-02-15"


def test_same_import_by_id_and_lf_without_bom(export, tmp_path):
    plain = write_export(tmp_path / "plain", EXPORT, bom=False, newline="\n")
    assert import_salesforce(plain, STEEL) == import_salesforce(export, "уралмет сталь")
    assert import_salesforce(export, STEEL[:15]) == import_salesforce(export, STEEL)


def test_naming_the_holding_takes_every_descendant_and_no_other_client(export):
    doc = import_salesforce(export, "УралМет Холдинг")
    assert [o["name"] for o in doc["organizations"]] == [
        "УралМет Холдинг",
        "УралМет Сталь",
        "УралМет Трубы",
        "УралМет Сталь Сервис",
    ]
    names = {p["name"] for p in doc["people"]}
    assert "Олег Григорьев" in names and "Николай Фёдоров" not in names
    assert {t["x-salesforce-id"] for t in doc["tenders"]} == {o(1), o(3), o(4)}
    assert [t["name"] for t in doc["team"]] == ["Ольга Морозова", "Сергей Белов", "Dmitry Pavlov"]


def test_cli_writes_a_valid_account(run, export, tmp_path):
    out = tmp_path / "uralmet.yaml"
    result = run("import", "salesforce", export, "--account", "УралМет Сталь", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} (3 organizations, 5 units, 7 people, 2 team members, 2 tenders)\n"
    account = load(out)
    assert account.person_by_id["ivan-ivanov-2"].extras == {"x-salesforce-id": c(7)}
    assert {p.id for p in account.decision_makers} == {
        "sergey-sokolov",
        "ivan-ivanov",
        "elena-orlova",
        "dmitriy-lebedev",
    }
    assert run("gaps", out, "--as-of", "2026-11-27").exit_code == 0


def test_an_import_too_large_to_read_back_is_not_written(run, export, tmp_path, monkeypatch):
    monkeypatch.setattr("influence.document.MAX_FILE_BYTES", 1024)  # the written file would be larger
    out = tmp_path / "uralmet.yaml"
    result = run("import", "salesforce", export, "--account", STEEL, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {out}: the account would be 0.0")
    assert result.stderr.endswith(" MB, over the 0 MB every command reads\n")
    assert not out.exists()


def test_cli_json_output(run, export, tmp_path):
    out = tmp_path / "uralmet.json"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", out).exit_code == 0
    assert load(out).info.extras == {"x-salesforce-id": STEEL}


# --- merge -----------------------------------------------------------------

HAND = {
    "stance": "supporter",
    "awareness": "high",
    "pains": ["downtime"],
    "offer": "pilot",
}


def hand_edit(path: Path) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["account"]["target_unit"] = "it"
    doc["account"]["target_rationale"] = "owns the MES budget"
    people = {p["id"]: p for p in doc["people"]}
    people["ivan-ivanov"].update(HAND, roles=["decision_maker", "technical_buyer", "coach"])
    people["sergey-sokolov"]["notes"] = "prefers mornings"
    people["elena-orlova"]["stance"] = -1
    doc["people"].append({"id": "anna-petrova", "name": "Анна Петрова", "informal": True, "private": True})
    doc["links"] = [{"from": "anna-petrova", "to": "sergey-sokolov", "type": "family", "private": True}]
    doc["relationships"] = [{"team": "olga-morozova", "person": "ivan-ivanov", "strength": "strong"}]
    doc["activities"] = [
        {"id": "visit", "kind": "reference_visit", "date": "2027-02-01", "targets": ["ivan-ivanov"]}
    ]
    doc["units"].append(
        {"id": "mes-office", "name": "MES Office", "organization": "uralmet-stal", "parent": "it"}
    )
    doc["tenders"][1]["title"] = "hand title"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def newer_export(tmp_path: Path) -> Path:
    contacts = [list(r) for r in CONTACTS]
    contacts[2][5] = "CIO"  # Ivanov's title changed
    contacts[1][9] = ""  # Sokolov's email removed in the CRM: the file keeps it
    contacts.append(
        [
            "Новиков",
            "003A0000000C11AA",
            "Игорь",
            "",
            STEEL,
            "Главный инженер",
            "Производство",
            c(3),
            "",
            "",
            "",
        ]
    )
    contacts.append(["Соколов", "003A0000000C12AA", "Сергей", "", STEEL, "Аналитик", "ИТ", "", "", "", ""])
    roles = [r for r in CONTACT_ROLES if r[2] != c(2)] + [["Decision Maker", o(1), c(2), "false"]]
    opportunities = [list(r) for r in OPPORTUNITIES]
    opportunities[1 + 2][6] = "true"  # the service deal closed
    opportunities.append(["006A0000000O05AA", STEEL, "Обучение", "", "", "2027-04-01", "false", OLGA])
    accounts = [list(r) for r in ACCOUNTS]
    accounts[2][0] = "УралМет Сталь АО"
    files = EXPORT | {"Contact.csv": contacts, "OpportunityContactRole.csv": roles}
    files |= {"Opportunity.csv": opportunities, "Account.csv": accounts}
    return write_export(tmp_path / "newer", files)


def test_merge_refreshes_crm_fields_and_keeps_hand_edits(run, export, tmp_path):
    first = tmp_path / "uralmet.yaml"
    assert run("import", "salesforce", export, "--account", "УралМет Сталь", "-o", first).exit_code == 0
    hand_edit(first)
    before = first.read_text(encoding="utf-8")
    merged = tmp_path / "merged.yaml"
    newer = newer_export(tmp_path)
    result = run("import", "salesforce", newer, "--account", STEEL, "-o", merged, "--merge", first)
    assert result.exit_code == 0, result.output
    assert first.read_text(encoding="utf-8") == before  # the merged-from file is untouched
    doc = yaml.safe_load(merged.read_text(encoding="utf-8"))
    people = {p["id"]: p for p in doc["people"]}
    ivanov = people["ivan-ivanov"]
    assert ivanov["title"] == "CIO"
    assert {k: ivanov[k] for k in HAND} == HAND
    assert ivanov["roles"] == ["decision_maker", "coach"]  # CRM roles refreshed, the team's coach kept
    assert people["sergey-sokolov"]["notes"] == "prefers mornings"
    assert people["sergey-sokolov"]["email"] == "s@u.example"
    assert people["elena-orlova"]["stance"] == -1
    assert people["anna-petrova"] == {
        "id": "anna-petrova",
        "name": "Анна Петрова",
        "informal": True,
        "private": True,
    }
    assert people["igor-novikov"]["reports_to"] == "elena-orlova"
    assert people["sergey-sokolov-2"]["x-salesforce-id"] == "003A0000000C12AA"  # a new namesake gets -2
    assert doc["links"] == [
        {"from": "anna-petrova", "to": "sergey-sokolov", "type": "family", "private": True}
    ]
    assert doc["relationships"] == [{"team": "olga-morozova", "person": "ivan-ivanov", "strength": "strong"}]
    assert doc["activities"][0]["id"] == "visit"
    assert doc["account"]["id"] == "uralmet-stal"
    assert doc["account"]["name"] == "УралМет Сталь АО"
    assert doc["account"]["target_unit"] == "it"
    assert doc["organizations"][1]["name"] == "УралМет Сталь АО"
    assert [u["id"] for u in doc["units"]] == [
        "direktsiya",
        "it",
        "proizvodstvo",
        "finansy",
        "it-2",
        "mes-office",
    ]
    assert [t["x-salesforce-id"] for t in doc["tenders"]] == [o(1), "006A0000000O05AA"]  # o(3) closed
    assert len(doc["people"]) == len({p["id"] for p in doc["people"]}) == 10
    load(merged)


def test_merge_twice_with_the_same_export_changes_nothing(run, export, tmp_path):
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", first).exit_code == 0
    hand_edit(first)
    assert (
        run("import", "salesforce", export, "--account", STEEL, "-o", second, "--merge", first).exit_code == 0
    )
    third = tmp_path / "c.yaml"
    assert (
        run("import", "salesforce", export, "--account", STEEL, "-o", third, "--merge", second).exit_code == 0
    )
    assert third.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_merge_into_the_same_file_keeps_its_comments_or_refuses(run, export, tmp_path):
    path = tmp_path / "a.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", path).exit_code == 0
    again = run("import", "salesforce", export, "--account", STEEL, "-o", path, "--merge", path)
    assert again.exit_code == 0  # no comments: the documented refresh in place
    commented = "# met the CIO on 12.11, ask about the MES budget\n" + path.read_text(encoding="utf-8")
    path.write_text(commented, encoding="utf-8")
    refused = run("import", "salesforce", export, "--account", STEEL, "-o", path, "--merge", path)
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"error: -o {path} holds YAML comments, which writing it anew would drop; nothing written: "
        "write to another file and carry the comments over, or give --force to drop them\n"
    )
    assert path.read_text(encoding="utf-8") == commented


def test_merge_into_an_invalid_file_writes_nothing(run, export, tmp_path, write):
    bad = write("format: influence/v1\naccount: {id: a}\n", "bad.yaml")
    out = tmp_path / "out.yaml"
    result = run("import", "salesforce", export, "--account", STEEL, "-o", out, "--merge", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:2: account.name: missing required field\n")
    assert not out.exists()


def _wrong_client(path: Path) -> str:
    return (
        f"error: {path}: account: the file is about 'УралМет Сталь' (x-salesforce-id {STEEL}), not "
        f"'УралМет Трубы' ({PIPES}) that --account chose; merging would mix two clients "
        f"(to refresh this file, pass --account {STEEL})\n"
    )


@pytest.mark.parametrize("chosen", ["УралМет Трубы", PIPES])
def test_merge_into_another_accounts_file_is_refused(run, export, tmp_path, chosen):
    """The file imported for Сталь, the export's Трубы: two clients would be mixed in one file."""
    first = tmp_path / "uralmet.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", first).exit_code == 0
    hand_edit(first)
    out = tmp_path / "out.yaml"
    result = run("import", "salesforce", export, "--account", chosen, "-o", out, "--merge", first)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", _wrong_client(first))
    assert not out.exists()


def test_merge_checks_the_accounts_organization_when_the_account_lost_its_id(run, export, tmp_path):
    first = tmp_path / "uralmet.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", first).exit_code == 0
    doc = yaml.safe_load(first.read_text(encoding="utf-8"))
    del doc["account"]["x-salesforce-id"]  # removed by hand: the organization still says Сталь
    first.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run("import", "salesforce", export, "--account", PIPES, "-o", out, "--merge", first)
    assert (result.exit_code, result.stderr) == (2, _wrong_client(first))
    assert not out.exists()
    again = run("import", "salesforce", export, "--account", STEEL, "-o", out, "--merge", first)
    assert again.exit_code == 0, again.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["account"]["x-salesforce-id"] == STEEL


def test_merge_matches_the_15_character_form_of_the_id(run, export, tmp_path):
    first = tmp_path / "uralmet.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", first).exit_code == 0
    text = first.read_text(encoding="utf-8").replace(
        f"x-salesforce-id: {STEEL}", f"x-salesforce-id: {STEEL[:15]}"
    )
    first.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run("import", "salesforce", export, "--account", STEEL, "-o", out, "--merge", first)
    assert result.exit_code == 0, result.output


def test_merge_into_a_file_without_a_salesforce_id_is_refused(run, export, tmp_path, write):
    """A hand-made file: nothing shows which client it is, and every CRM record would come in twice."""
    hand = write(
        """
        format: influence/v1
        account: {id: uralmet-stal, name: УралМет Сталь}
        organizations:
          - {id: uralmet-stal, name: УралМет Сталь, kind: holding}
        people:
          - {id: ivan-ivanov, name: Иван Иванов}
        """,
        "hand.yaml",
    )
    out = tmp_path / "out.yaml"
    result = run("import", "salesforce", export, "--account", STEEL, "-o", out, "--merge", hand)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {hand}: account: the file's account 'УралМет Сталь' has no x-salesforce-id, so nothing "
        f"shows it is 'УралМет Сталь' ({STEEL}) that --account chose; if it is, add "
        f"'x-salesforce-id: {STEEL}' to its account (and each organization's and person's Salesforce Id, "
        "or they are added again), else leave out --merge\n"
    )
    assert not out.exists()
    hand.write_text(
        hand.read_text(encoding="utf-8").replace(
            "name: УралМет Сталь}", f"name: УралМет Сталь, x-salesforce-id: {STEEL}}}", 1
        ),
        encoding="utf-8",
    )
    linked = run("import", "salesforce", export, "--account", STEEL, "-o", out, "--merge", hand)
    assert linked.exit_code == 0, linked.output


# --- errors ----------------------------------------------------------------


def broken(files: dict, name: str, row: int, column: str, value: str) -> dict:
    rows = [list(r) for r in files[name]]
    rows[row - 1][rows[0].index(column)] = value
    return files | {name: rows}


def with_column(rows: list[list[str]], name: str, copy_of: str) -> list[list[str]]:
    """The rows with one more column ``name`` at the end, holding the values of ``copy_of``."""
    i = rows[0].index(copy_of)
    return [[*rows[0], name], *([*r, r[i]] for r in rows[1:])]


def without_column(rows: list[list[str]], name: str) -> list[list[str]]:
    i = rows[0].index(name)
    return [r[:i] + r[i + 1 :] for r in rows]


def upper_header(rows: list[list[str]]) -> list[list[str]]:
    """The header in capitals, as Data Loader writes it (older versions, or allCapsHeaders)."""
    return [[h.upper() for h in rows[0]], *rows[1:]]


ERRORS = [
    (
        broken(EXPORT, "Opportunity.csv", 3, "CloseDate", "12/01/2025"),
        "Opportunity.csv:3: CloseDate: bad date '12/01/2025' (expected YYYY-MM-DD or DD.MM.YYYY)",
    ),
    (
        broken(EXPORT, "Opportunity.csv", 2, "CloseDate", "2027-02-30"),
        "Opportunity.csv:2: CloseDate: '2027-02-30' is not a date: that day does not exist (February 2027 has 28 days)",
    ),
    (
        broken(EXPORT, "Opportunity.csv", 2, "CloseDate", "30.02.2027"),
        "Opportunity.csv:2: CloseDate: '30.02.2027' is not a date: that day does not exist (February 2027 has 28 days)",
    ),
    (
        broken(EXPORT, "Opportunity.csv", 2, "IsClosed", "maybe"),
        "Opportunity.csv:2: IsClosed: expected true or false, got 'maybe'",
    ),
    (
        broken(EXPORT, "Contact.csv", 4, "ReportsToId", "003A0000000C99AA"),
        "Contact.csv:4: ReportsToId: unknown contact '003A0000000C99AA' (not in Contact.csv)",
    ),
    (
        broken(EXPORT, "Contact.csv", 3, "AccountId", "001A0000000ZZZAA"),
        "Contact.csv:3: AccountId: unknown account '001A0000000ZZZAA' (not in Account.csv)",
    ),
    (
        broken(EXPORT, "AccountContactRelation.csv", 2, "AccountId", "001X"),
        "AccountContactRelation.csv:2: AccountId: unknown account '001X' (not in Account.csv)",
    ),
    (
        broken(EXPORT, "OpportunityContactRole.csv", 2, "OpportunityId", "006X"),
        "OpportunityContactRole.csv:2: OpportunityId: unknown opportunity '006X' (not in Opportunity.csv)",
    ),
    (
        broken(EXPORT, "Account.csv", 2, "ParentId", "001X"),
        "Account.csv:2: ParentId: unknown account '001X' (not in Account.csv)",
    ),
    (
        broken(EXPORT, "Account.csv", 3, "OwnerId", "005X"),
        "Account.csv:3: OwnerId: unknown user '005X' (not in User.csv)",
    ),
    (
        broken(EXPORT, "Contact.csv", 2, "ReportsToId", c(1)),
        "Contact.csv:2: ReportsToId: a contact cannot report to itself",
    ),
    (
        EXPORT | {"Contact.csv": [*CONTACTS, CONTACTS[1]]},
        "Contact.csv:12: Id: duplicate Id '003A0000000C01AA'",
    ),
    (
        EXPORT
        | {
            "Contact.csv": [
                [h for h in CONTACT_HEADER if h != "Department"],
                *(
                    [v for h, v in zip(CONTACT_HEADER, r, strict=True) if h != "Department"]
                    for r in CONTACTS[1:]
                ),
            ]
        },
        "Contact.csv: Department: missing column (expected Id, AccountId, FirstName, LastName, Title, Department, ReportsToId, Email, Phone)",
    ),
    (
        {k: v for k, v in EXPORT.items() if k != "Contact.csv"},
        "Contact.csv: (file): missing file (a Salesforce export needs Account.csv and Contact.csv)",
    ),
    (
        EXPORT | {"Account.csv": 'Id,Name,ParentId\r\n001,"unterminated\r\n'},
        "Account.csv:2: (row): malformed CSV: the file ends inside a quoted value (a quote is not closed)",
    ),
    (
        EXPORT | {"Account.csv": '"Id";"Name";"ParentId\r\n'},
        "Account.csv:1: (row): malformed CSV: the file ends inside a quoted value (a quote is not closed)",
    ),
    (
        EXPORT | {"Account.csv": with_column(ACCOUNTS, "Id", "Id")},
        "Account.csv: Id: column given twice ('Id' and 'Id', case ignored)",
    ),
    (
        EXPORT | {"Account.csv": with_column(ACCOUNTS, "ID", "Id")},
        "Account.csv: Id: column given twice ('Id' and 'ID', case ignored)",
    ),
    (  # capitals as Data Loader writes them; the message names the API name
        EXPORT | {"Contact.csv": upper_header(without_column(CONTACTS, "Department"))},
        "Contact.csv: Department: missing column (expected Id, AccountId, FirstName, LastName, Title, Department, ReportsToId, Email, Phone)",
    ),
    (
        EXPORT
        | {
            "Opportunity.csv": upper_header(
                broken(EXPORT, "Opportunity.csv", 3, "CloseDate", "1/12/25")["Opportunity.csv"]
            )
        },
        "Opportunity.csv:3: CloseDate: bad date '1/12/25' (expected YYYY-MM-DD or DD.MM.YYYY)",
    ),
]


@pytest.mark.parametrize(
    ("files", "message"), ERRORS, ids=[m.split(": ")[1] + "-" + m.split(":")[1] for _, m in ERRORS]
)
def test_error_paths_name_file_row_column(run, tmp_path, files, message):
    folder = write_export(tmp_path / "export", files)
    out = tmp_path / "out.yaml"
    result = run("import", "salesforce", folder, "--account", "УралМет Сталь", "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{folder}/{message}\nerror: the Salesforce export in {folder} cannot be imported (1 error)\n"
    )
    assert not out.exists()


def test_every_problem_is_listed(run, tmp_path):
    files = broken(
        broken(EXPORT, "Opportunity.csv", 3, "CloseDate", "x"), "Contact.csv", 4, "ReportsToId", "003Z"
    )
    folder = write_export(tmp_path / "export", files)
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1]
        == f"error: the Salesforce export in {folder} cannot be imported (2 errors)"
    )


def test_reporting_cycles_are_errors(run, tmp_path):
    files = broken(EXPORT, "Contact.csv", 2, "ReportsToId", c(2))
    folder = write_export(tmp_path / "export", files)
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert f"ReportsToId: cycle in ReportsToId: {c(1)} -> {c(2)} -> {c(1)}" in result.stderr
    files = broken(EXPORT, "Account.csv", 2, "ParentId", SERVICE)
    folder = write_export(tmp_path / "export2", files)
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert "ParentId: cycle in ParentId" in result.stderr


@pytest.mark.parametrize(
    ("account", "message"),
    [
        ("УралМет Стал", "no account with Id or Name 'УралМет Стал' (did you mean 'УралМет Сталь'?)"),
        ("Nobody", "no account with Id or Name 'Nobody'"),
    ],
)
def test_unknown_account(run, export, tmp_path, account, message):
    result = run("import", "salesforce", export, "--account", account, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"error: {export}/Account.csv: {message}\n"


def test_ambiguous_account_name(run, tmp_path):
    accounts = [*ACCOUNTS, ["УралМет Сталь", "001A0000000DUPAA", "", "", OLGA, "", "false"]]
    folder = write_export(tmp_path / "export", EXPORT | {"Account.csv": accounts})
    result = run("import", "salesforce", folder, "--account", "УралМет Сталь", "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {folder}/Account.csv: --account 'УралМет Сталь' names 2 accounts ({STEEL}, 001A0000000DUPAA); pass the Id\n"
    )


def test_a_zipped_export_and_a_workbook_named_csv_say_what_they_are(run, tmp_path):
    """Salesforce's Data Export comes as ZIP files: one given as the export was "a file, not a
    folder"; a workbook saved under Contact.csv was "binary data"."""
    import zipfile

    archive = tmp_path / "WE_00D_1.ZIP"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Account.csv", "Id,Name,ParentId\r\n")
    result = run("import", "salesforce", archive, "--account", "x", "-o", tmp_path / "o.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {archive}: a ZIP archive, not a folder: unzip it and give the folder it makes "
        "(the one with Account.csv)\n",
    )
    folder = write_export(tmp_path / "export", EXPORT)
    (folder / "Contact.csv").write_bytes(archive.read_bytes())  # a workbook is a ZIP archive too
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{folder / 'Contact.csv'}: (file): an Excel workbook or a ZIP archive, not a UTF-8 text file\n"
    )


def test_missing_folder_and_bad_encoding(run, tmp_path):
    result = run("import", "salesforce", tmp_path / "nope", "--account", "x", "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'nope'}: no such folder (expected the folder of a Salesforce export, with Account.csv)\n"
    )
    result = run(
        "import", "salesforce", EXAMPLES / "uralmet.yaml", "--account", "x", "-o", tmp_path / "o.yaml"
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {EXAMPLES / 'uralmet.yaml'}: a file, not a folder (expected the folder of a Salesforce export,"
        " with Account.csv)\n",
    )
    folder = write_export(tmp_path / "export", EXPORT)
    (folder / "Contact.csv").write_bytes(csv_text(CONTACTS).encode("cp1251"))
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert "Contact.csv: (file): not UTF-8 text" in result.stderr
    assert not (tmp_path / "o.yaml").exists()


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_an_export_saved_again_by_excel_with_semicolons_or_tabs_imports_the_same(tmp_path, delimiter):
    """Excel saving "CSV" in a Russian locale separates with semicolons (values with commas quoted)."""
    folder = tmp_path / "resaved"
    folder.mkdir()
    for name, rows in EXPORT.items():
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        (folder / name).write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    expected = import_salesforce(write_export(tmp_path / "export", EXPORT), "УралМет Сталь")
    assert import_salesforce(folder, "УралМет Сталь") == expected


def write_with(folder: Path, files: dict, **dialect) -> Path:
    """Write an export with csv.writer's dialect options (a delimiter, quoting…), BOM and CRLF."""
    folder.mkdir(parents=True)
    for name, rows in files.items():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n", **dialect).writerows(rows)
        (folder / name).write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return folder


@pytest.mark.parametrize("case", [str.upper, str.lower])
@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
def test_column_names_match_ignoring_case(tmp_path, case, quoting):
    """Data Loader writes "ID","NAME","PARENTID" (older versions, allCapsHeaders) or the query's case."""
    files = {name: [[case(h) for h in rows[0]], *rows[1:]] for name, rows in EXPORT.items()}
    folder = write_with(tmp_path / "caps", files, quoting=quoting)
    expected = import_salesforce(write_export(tmp_path / "export", EXPORT), "УралМет Сталь")
    assert import_salesforce(folder, "УралМет Сталь") == expected


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_quoted_column_names_find_their_separator(tmp_path, delimiter):
    """Every value quoted, the names too: the separator is guessed from the first row as CSV reads it."""
    folder = write_with(tmp_path / "quoted", EXPORT, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    expected = import_salesforce(write_export(tmp_path / "export", EXPORT), "УралМет Сталь")
    assert import_salesforce(folder, "УралМет Сталь") == expected


MINIMAL_CONTACTS = "Id,AccountId,FirstName,LastName,Title,Department,ReportsToId,Email,Phone\r\n003A,001A,Иван,Петров,,ИТ,,,\r\n"


@pytest.mark.parametrize(
    "accounts",
    [
        '"Id";"Name";"ParentId"\r\n"001A";"Ромашка";""\r\n',
        '"Id"\t"Name"\t"ParentId"\r\n"001A"\t"Ромашка"\t""\r\n',
        '"ID","NAME","PARENTID"\r\n"001A","Ромашка",""\r\n',
        "id,name,parentid\r\n001A,Ромашка,\r\n",
    ],
    ids=["semicolon-quoted", "tab-quoted", "caps-quoted", "lower"],
)
def test_cli_imports_the_reported_minimal_exports(run, tmp_path, accounts):
    folder = write_export(tmp_path / "export", {"Account.csv": accounts, "Contact.csv": MINIMAL_CONTACTS})
    out = tmp_path / "romashka.yaml"
    result = run("import", "salesforce", folder, "--account", "Ромашка", "-o", out)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"wrote {out} (1 organization, 1 unit, 1 person, 0 team members, 0 tenders)\n"
    assert load(out).info.extras == {"x-salesforce-id": "001A"}


@pytest.mark.parametrize(
    ("delimiter", "written", "amount"),
    [
        (";", "250000000,00", 250000000.0),  # Russian Excel's General format: no spaces
        (";", "30000000,5", 30000000.5),
        (";", "250 000 000,00", 250000000.0),
        (";", "250\u00a0000\u00a0000,00", 250000000.0),
        (";", "999,5", 999.5),
        (";", "-1500,75", -1500.75),
        (",", "30000000,5", 30000000.5),  # quoted in a comma file: still no English reading
        (",", "250000000.00", 250000000.0),
        (",", "1,234", "1,234"),  # an English thousands separator, or three decimals: not guessed
        (";", "1,234", "1,234"),
        (",", "150,000", "150,000"),
        (",", "1,234.50", "1,234.50"),
        (";", "2500 000,00", "2500 000,00"),  # not grouped by threes
        (";", "about 2M", "about 2M"),
    ],
)
def test_amounts_with_a_decimal_comma_are_numbers(tmp_path, delimiter, written, amount):
    opportunities = broken(EXPORT, "Opportunity.csv", 2, "Amount", written)["Opportunity.csv"]
    folder = write_with(tmp_path / "export", EXPORT | {"Opportunity.csv": opportunities}, delimiter=delimiter)
    tender = import_salesforce(folder, "УралМет Сталь")["tenders"][0]
    assert tender["x-salesforce-amount"] == amount
    assert type(tender["x-salesforce-amount"]) is type(amount)


def _as_russian_excel_writes(rows: list[list[str]]) -> list[list[str]]:
    """Dates day first with dots, ИСТИНА/ЛОЖЬ, amounts with no-break spaces and a decimal comma."""
    out = [rows[0]]
    for row in rows[1:]:
        values = []
        for column, value in zip(rows[0], row, strict=True):
            if column == "CloseDate" and value:
                year, month, day = value.split("-")
                value = f"{day}.{month}.{year}"
            elif column == "IsClosed":
                value = {"true": "ИСТИНА", "false": "ЛОЖЬ"}.get(value.lower(), value)
            elif column == "Amount" and value:
                whole, cents = f"{float(value):,.2f}".split(".")
                value = whole.replace(",", "\u00a0") + "," + cents
            values.append(value)
        out.append(values)
    return out


def test_an_export_resaved_by_russian_excel_imports_the_same(tmp_path):
    resaved = EXPORT | {"Opportunity.csv": _as_russian_excel_writes(OPPORTUNITIES)}
    assert resaved["Opportunity.csv"][1][4:7] == ["250\u00a0000\u00a0000,00", "30.06.2027", "ЛОЖЬ"]
    folder = tmp_path / "resaved"
    folder.mkdir()
    for name, rows in resaved.items():
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
        (folder / name).write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    expected = import_salesforce(write_export(tmp_path / "export", EXPORT), "УралМет Сталь")
    assert import_salesforce(folder, "УралМет Сталь") == expected


def test_every_file_in_a_cyrillic_code_page_is_named_with_how_to_convert_it(run, tmp_path):
    folder = write_export(tmp_path / "export", EXPORT)
    for name in ("Account.csv", "Contact.csv"):
        (folder / name).write_bytes(csv_text(EXPORT[name]).encode("cp1251"))
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and lines[2].endswith("cannot be imported (2 errors)")
    for line, name in zip(lines, ("Account.csv", "Contact.csv"), strict=False):
        path = folder / name
        assert line.startswith(f"{path}: (file): not UTF-8 text")
        assert "it looks like Windows-1251 (Cyrillic)" in line
        assert line.endswith(f"iconv -f WINDOWS-1251 -t UTF-8 {path} > {path}.utf8 && mv {path}.utf8 {path})")
    if shutil.which("iconv") is not None:  # the commands, run as given, give an export that imports
        for line in lines[:2]:
            subprocess.run(line.split("(or run: ")[1][:-1], shell=True, check=True)
        assert import_salesforce(folder, STEEL) == import_salesforce(
            write_export(tmp_path / "utf8", EXPORT), STEEL
        )


def test_a_file_with_none_of_the_columns_is_one_line(run, tmp_path):
    folder = write_export(tmp_path / "export", EXPORT | {"Contact.csv": "Record ID,First,Last\r\n1,a,b\r\n"})
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{folder / 'Contact.csv'}: (file): none of the expected columns (Id, AccountId, FirstName, "
        "LastName, Title, Department, ReportsToId, Email, Phone); the first row has: Record ID, First, Last\n"
        f"error: the Salesforce export in {folder} cannot be imported (1 error)\n"
    )


def test_bad_output_suffix_writes_nothing(run, export, tmp_path):
    result = run("import", "salesforce", export, "--account", STEEL, "-o", tmp_path / "o.txt")
    assert result.exit_code == 2
    assert "unsupported file type '.txt'" in result.stderr
    assert not (tmp_path / "o.txt").exists()


def test_bundled_example_imports(run, tmp_path):

    out = tmp_path / "uralmet.yaml"
    result = run("import", "salesforce", EXAMPLES / "salesforce", "--account", "УралМет Сталь", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} (3 organizations, 6 units, 9 people, 2 team members, 2 tenders)\n"
    assert len(load(out).decision_makers) == 4


@pytest.mark.parametrize("n", [1, 2, 5, 21])
def test_cli_summary_in_russian_uses_russian_plurals(n):
    from influence.cli.exchange import IMPORTED
    from influence.i18n import translator

    t = translator("ru")
    words = [t.ntr(*forms, n) for forms in IMPORTED.values()]
    if n in (1, 21):
        assert words == [
            f"{n} организация",
            f"{n} подразделение",
            f"{n} человек",
            f"{n} участник команды",
            f"{n} тендер",
        ]
    elif n == 2:
        assert words[0] == "2 организации" and words[4] == "2 тендера"
    else:
        assert words == [
            "5 организаций",
            "5 подразделений",
            "5 человек",
            "5 участников команды",
            "5 тендеров",
        ]


def test_cli_writes_in_russian(run, export, tmp_path):
    out = tmp_path / "uralmet.yaml"
    result = run("import", "salesforce", export, "--account", "УралМет Сталь", "-o", out, "--lang", "ru")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"записан {out} (3 организации, 5 подразделений, 7 человек, 2 участника команды, 2 тендера)\n"
    )


def test_merge_onto_its_file_keeps_a_change_saved_meanwhile(run, export, tmp_path, monkeypatch):
    import influence.exchange.salesforce

    target = tmp_path / "uralmet.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", target).exit_code == 0
    theirs = target.read_text(encoding="utf-8") + "x-note: saved by a teammate\n"
    original = influence.exchange.salesforce.import_salesforce

    def import_while_a_teammate_saves(*args, **kwargs):
        target.write_text(theirs, encoding="utf-8")
        return original(*args, **kwargs)

    monkeypatch.setattr(influence.exchange.salesforce, "import_salesforce", import_while_a_teammate_saves)
    result = run("import", "salesforce", export, "--account", STEEL, "-o", target, "--merge", target)
    assert result.exit_code == 2
    assert (
        result.stderr == f"error: {target}: changed while this command ran; nothing written (run it again)\n"
    )
    assert target.read_text(encoding="utf-8") == theirs


def _rewrite(path: Path, change) -> None:
    """Edit a CSV of the bundled export in place (its BOM and CRLF kept)."""
    raw = path.read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(raw[:3] * raw.startswith(b"\xef\xbb\xbf") + out.getvalue().encode())


def test_the_documented_error_listings_are_what_the_import_prints(run, tmp_path, monkeypatch):
    """docs/salesforce.md shows the structure problem alone, then every value problem."""
    import shutil

    root = Path(__file__).resolve().parents[2]
    blocks, block = [], None
    for line in (root / "docs" / "salesforce.md").read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("```") and block is None:  # a fence opens
            block = []
        elif line.startswith("```"):  # and closes
            blocks.append("".join(block))
            block = None
        elif block is not None:
            block.append(line)
    structure, values = [b for b in blocks if "cannot be imported" in b]
    monkeypatch.chdir(tmp_path)
    shutil.copytree(root / "examples" / "salesforce", "export")

    def column(rows, name):
        return rows[0].index(name)

    def reports_to(rows):
        rows[3][column(rows, "ReportsToId")] = "003A0000000C99AA"

    def close_date(rows):
        rows[2][column(rows, "CloseDate")] = "12/01/2025"

    _rewrite(tmp_path / "export" / "Contact.csv", reports_to)
    _rewrite(tmp_path / "export" / "Opportunity.csv", close_date)
    result = run("import", "salesforce", "export", "--account", "УралМет Сталь", "-o", "x.yaml")
    assert (result.exit_code, result.stderr) == (2, values)

    def no_department(rows):
        i = column(rows, "Department")
        rows[:] = [r[:i] + r[i + 1 :] for r in rows]

    _rewrite(tmp_path / "export" / "Contact.csv", no_department)
    result = run("import", "salesforce", "export", "--account", "УралМет Сталь", "-o", "x.yaml")
    assert (result.exit_code, result.stderr) == (2, structure)
    assert not (tmp_path / "x.yaml").exists()


def test_the_documented_merge_refusal_is_what_the_import_prints(run, tmp_path, monkeypatch):
    """docs/salesforce.md shows the refusal to merge the bundled export's Трубы into Сталь's file."""
    from tests.conftest import EXAMPLES, ROOT

    text = (ROOT / "docs" / "salesforce.md").read_text(encoding="utf-8")
    shown = next(b for b in text.split("```\n") if b.startswith("error: uralmet.yaml: account:"))
    monkeypatch.chdir(tmp_path)
    export = EXAMPLES / "salesforce"
    assert (
        run("import", "salesforce", export, "--account", "УралМет Сталь", "-o", "uralmet.yaml").exit_code == 0
    )
    before = Path("uralmet.yaml").read_text(encoding="utf-8")
    args = ("import", "salesforce", export, "--account", "УралМет Трубы", "-o", "uralmet.yaml")
    result = run(*args, "--merge", "uralmet.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", shown)
    assert Path("uralmet.yaml").read_text(encoding="utf-8") == before


def test_people_of_other_accounts_in_the_buying_team_come_as_informal_people(tmp_path):
    """A contact employed elsewhere whom the account relates to, or who holds a role on one of its
    deals, is of its buying team (a consultant, a partner's engineer): they were left out without
    a word. A contact of another account with no tie to this one stays out."""
    relations = [*RELATIONS, [c(9), STEEL, "Decision Maker;Influencer", "false"]]
    roles = [*CONTACT_ROLES, ["Technical Buyer", o(1), c(10), "false"]]
    folder = write_export(
        tmp_path / "export",
        EXPORT | {"AccountContactRelation.csv": relations, "OpportunityContactRole.csv": roles},
    )
    people = people_by_sf(import_salesforce(folder, "УралМет Сталь"))
    assert people[c(9)] == {
        "id": "nikolay-fedorov",
        "name": "Николай Фёдоров",
        "title": "Технический директор",
        "informal": True,
        "roles": ["decision_maker", "influencer"],
        "notes": "Salesforce: a contact of Северный Прокат",
        "x-salesforce-id": c(9),
    }
    assert people[c(10)]["informal"] is True and people[c(10)]["roles"] == ["technical_buyer"]
    assert people[c(10)]["notes"] == "Salesforce: a contact of no account"
    assert c(8) not in people  # the sibling's director: no tie to this account
    assert list(people)[-2:] == [c(9), c(10)]  # after the account's own contacts, in file order
    without = people_by_sf(import_salesforce(write_export(tmp_path / "plain", EXPORT), "УралМет Сталь"))
    assert c(9) not in without and c(10) not in without


def test_an_import_in_russian_writes_a_russian_account(run, tmp_path):
    """`import salesforce --lang ru` wrote English notes ("Salesforce contact roles: Other") and no
    `language: ru`, so the next `gaps` on the file spoke English. A merge keeps its file's language."""
    out = tmp_path / "ru.yaml"
    folder = EXAMPLES / "salesforce"
    assert (
        run("import", "salesforce", folder, "--account", "УралМет Сталь", "-o", out, "--lang", "ru").exit_code
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert (
        "  language: ru\n" in text
        and "Роли контакта в Salesforce: Other" in text
        and "contact roles" not in text
    )
    assert run("gaps", out, "--as-of", "2026-03-01").stdout.startswith("Отчёт о пробелах: УралМет Сталь")
    english = tmp_path / "en.yaml"
    assert run("import", "salesforce", folder, "--account", "УралМет Сталь", "-o", english).exit_code == 0
    assert "language:" not in english.read_text(encoding="utf-8")
    merged = run("import", "salesforce", folder, "--account", "УралМет Сталь", "--merge", out, "-o", out)
    assert merged.exit_code == 0 and "  language: ru\n" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("inside", ["\r\n", "\r", "\n"])
def test_a_line_break_inside_a_quoted_value_is_imported_as_lf(tmp_path, inside):
    title = f"Начальник{inside}отдела АСУ ТП"
    contacts = [r if r[1] != c(4) else [*r[:5], title, *r[6:]] for r in CONTACTS]
    folder = write_export(tmp_path / "export", EXPORT | {"Contact.csv": contacts})
    assert people_by_sf(import_salesforce(folder, STEEL))[c(4)]["title"] == "Начальник\nотдела АСУ ТП"


def _cut(text: str, values: int) -> str:
    """``text`` ending inside its last row, after ``values`` of its values (no line break after them)."""
    lines = text.rstrip("\r\n").split("\r\n")
    return "\r\n".join([*lines[:-1], ",".join(lines[-1].split(",")[:values])])


def test_a_file_cut_short_in_its_last_row_is_refused(run, tmp_path):
    cut = _cut(csv_text(CONTACTS), 4)  # the last contact: 4 of its 11 values
    folder = write_export(tmp_path / "export", EXPORT | {"Contact.csv": cut})
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{folder}/Contact.csv:11: (row): the file seems cut short: its last row has 4 of 11 values "
        "and no line break after it (export or copy the file again)"
    )
    assert not (tmp_path / "o.yaml").exists()


def test_a_whole_file_without_a_final_line_break_imports(tmp_path, export):
    whole = write_export(tmp_path / "whole", {k: csv_text(v).rstrip("\r\n") for k, v in EXPORT.items()})
    assert import_salesforce(whole, STEEL) == import_salesforce(export, STEEL)


def test_file_names_match_ignoring_case(tmp_path, export):
    lower = write_export(tmp_path / "lower", {name.lower(): rows for name, rows in EXPORT.items()})
    assert import_salesforce(lower, STEEL) == import_salesforce(export, STEEL)


def test_two_files_differing_only_in_case_are_refused(run, tmp_path):
    folder = write_export(tmp_path / "export", EXPORT | {"contact.csv": CONTACTS})
    if len(list(folder.iterdir())) < len(EXPORT) + 1:
        pytest.skip("a file system that ignores case holds one of them")
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{folder}/Contact.csv: (file): files differing only in case (Contact.csv, contact.csv): keep one of them"
    )


def with_deleted(rows: list[list[str]], deleted: dict[str, str]) -> list[list[str]]:
    """``rows`` with an ``IsDeleted`` column: the value given by Id in ``deleted``, else false."""
    ident = rows[0].index("Id")
    return [[*rows[0], "IsDeleted"]] + [[*r, deleted.get(r[ident], "false")] for r in rows[1:]]


def test_records_marked_deleted_are_left_out_and_references_to_them_are_empty(tmp_path, export):
    files = EXPORT | {
        "Account.csv": [
            [*r[:-1], "true" if r[1] == SERVICE else r[-1]] for r in ACCOUNTS
        ],  # a deleted subsidiary
        "Contact.csv": with_deleted(CONTACTS, {c(2): "ИСТИНА"}),  # c(4) reports to c(2)
        "Opportunity.csv": with_deleted(OPPORTUNITIES, {o(1): "1"}),  # c(1)-c(3) have roles on it
    }
    doc = import_salesforce(write_export(tmp_path / "deleted", files), STEEL)
    full = import_salesforce(export, STEEL)
    assert [o["x-salesforce-id"] for o in doc["organizations"]] == [HOLDING, STEEL]
    people = people_by_sf(doc)
    assert set(people) == {c(1), c(3), c(4), c(5), c(6)}  # neither the deleted one nor the deleted account's
    assert "reports_to" not in people[c(4)]
    assert "roles" not in people[c(1)] and people[c(3)]["roles"] == ["influencer"]  # its relation's
    assert "tenders" not in doc  # o(3) was the deleted subsidiary's
    assert people_by_sf(full)[c(4)]["reports_to"] == "ivan-ivanov"


def test_a_merge_from_an_export_without_the_optional_files_keeps_tenders_and_roles(run, tmp_path):
    """A contacts-only export says nothing about opportunities or roles: the file keeps its own."""
    first = tmp_path / "acct.yaml"
    example = EXAMPLES / "salesforce"
    assert run("import", "salesforce", example, "--account", "УралМет Сталь", "-o", first).exit_code == 0
    contacts_only = tmp_path / "contacts"
    contacts_only.mkdir()
    for name in ("Account.csv", "Contact.csv", "User.csv"):
        (contacts_only / name).write_bytes((example / name).read_bytes())
    out = tmp_path / "out.yaml"
    result = run(
        "import", "salesforce", contacts_only, "--account", "УралМет Сталь", "-o", out, "--merge", first
    )
    assert result.exit_code == 0, result.output
    before, after = (yaml.safe_load(f.read_text(encoding="utf-8")) for f in (first, out))
    assert after["tenders"] == before["tenders"] != []
    assert [p.get("roles") for p in after["people"]] == [p.get("roles") for p in before["people"]]
    assert any(p.get("roles") for p in after["people"])
    assert result.stdout.splitlines()[1:] == [
        f"kept the tenders of {first}: the export has no Opportunity.csv",
        f"kept the people's Salesforce roles in {first} (and added the export's): the export has no "
        "Opportunity.csv, OpportunityContactRole.csv, AccountContactRelation.csv",
    ]


def test_a_merge_without_one_role_file_adds_the_others_roles_and_removes_none(run, export, tmp_path):
    first = tmp_path / "acct.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", first).exit_code == 0
    roles = [["Role", "OpportunityId", "ContactId"], ["Business User", o(1), c(1)]]  # c(2)'s are gone
    newer = write_export(
        tmp_path / "newer", {k: v for k, v in EXPORT.items() if k != "AccountContactRelation.csv"}
    )
    write_export(newer, {"OpportunityContactRole.csv": roles})
    out = tmp_path / "out.yaml"
    result = run("import", "salesforce", newer, "--account", STEEL, "-o", out, "--merge", first)
    assert result.exit_code == 0, result.output
    people = people_by_sf(yaml.safe_load(out.read_text(encoding="utf-8")))
    assert people[c(1)]["roles"] == ["economic_buyer", "user"]
    assert people[c(2)]["roles"] == ["decision_maker", "technical_buyer"]
    assert people[c(5)]["roles"] == ["sponsor"]  # from the relations the export lacks
    assert [t["x-salesforce-id"] for t in yaml.safe_load(out.read_text(encoding="utf-8"))["tenders"]] == [
        o(1),
        o(3),
    ]


def test_rows_of_accounts_not_imported_are_skipped_even_when_they_dangle(tmp_path, export):
    """A filtered Account export: contacts, opportunities and relations of other accounts it lacks."""
    strangers = [
        [f"Чужой{n}", f"003B{n:012d}AA", "Имя", "", "001B0000000NONEAA", "", "", "", "", "", ""]
        for n in range(50)
    ]
    files = EXPORT | {
        "Contact.csv": [
            *CONTACTS,
            *strangers,
            ["Без", "", "Id", "", "001B0000000NONEAA", "", "", "", "", "", ""],
        ],
        "Opportunity.csv": [
            *OPPORTUNITIES,
            ["006B0000000O01AA", "001B0000000NONEAA", "Чужая", "", "", "когда-то", "?", ""],
        ],
        "AccountContactRelation.csv": [
            *RELATIONS,
            [f"003B{1:012d}AA", "001B0000000NONEAA", "Decision Maker", "true"],
        ],
        "OpportunityContactRole.csv": [
            *CONTACT_ROLES,
            ["Decision Maker", "006B0000000O01AA", "003B0000000ZZZAA", "false"],
        ],
    }
    assert import_salesforce(write_export(tmp_path / "filtered", files), STEEL) == import_salesforce(
        export, STEEL
    )


def test_the_import_prints_at_most_twenty_issues_then_a_count(run, tmp_path):
    bad = [[f"Плохой{n}", f"003C{n:012d}AA", "Имя", "", STEEL, "", "", "003X", "", "", ""] for n in range(30)]
    folder = write_export(tmp_path / "export", EXPORT | {"Contact.csv": [*CONTACTS, *bad]})
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 22
    assert lines[0] == f"{folder}/Contact.csv:12: ReportsToId: unknown contact '003X' (not in Contact.csv)"
    assert lines[20:] == [
        "… and 10 more",
        f"error: the Salesforce export in {folder} cannot be imported (30 errors)",
    ]


def test_issues_are_listed_file_by_file_and_a_parent_cycle_with_the_others(run, tmp_path):
    accounts = [r if r[1] != HOLDING else [r[0], HOLDING, r[2], SERVICE, *r[4:]] for r in ACCOUNTS]  # a ring
    files = broken(EXPORT | {"Account.csv": accounts}, "Opportunity.csv", 3, "CloseDate", "x")
    files = broken(
        broken(files, "Opportunity.csv", 2, "IsClosed", "?"), "Contact.csv", 5, "ReportsToId", "003Z"
    )
    files = broken(files, "Contact.csv", 4, "ReportsToId", "003Y")
    folder = write_export(tmp_path / "export", files)
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0].removeprefix(f"{folder}/") for line in lines[:-1]] == [
        "Account.csv:3",
        "Contact.csv:4",
        "Contact.csv:5",
        "Opportunity.csv:2",
        "Opportunity.csv:3",
    ]
    assert lines[-1] == f"error: the Salesforce export in {folder} cannot be imported (5 errors)"
    assert "cycle in ParentId" in result.stderr.splitlines()[0]


def test_contact_roles_without_opportunities_are_said_once(run, tmp_path):
    folder = write_export(tmp_path / "export", {k: v for k, v in EXPORT.items() if k != "Opportunity.csv"})
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{folder}/OpportunityContactRole.csv: (file): OpportunityContactRole.csv needs Opportunity.csv: its "
        "roles are on opportunities, and only that file says whose they are (add Opportunity.csv to the "
        "export, or leave both out)",
        f"error: the Salesforce export in {folder} cannot be imported (1 error)",
    ]


def test_a_report_export_with_field_labels_is_named_once(run, tmp_path):
    labels = {
        "Id": "Contact ID",
        "AccountId": "Account ID",
        "FirstName": "First Name",
        "LastName": "Last Name",
    }
    labels |= {"ReportsToId": "Reports To: Contact ID", "MobilePhone": "Mobile"}
    report = [[labels.get(h, h) for h in CONTACT_HEADER], *CONTACTS[1:]]
    folder = write_export(tmp_path / "export", EXPORT | {"Contact.csv": report})
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{folder}/Contact.csv: (file): the first row has field labels ('Last Name', 'Contact ID', "
        "'First Name'), as a Salesforce report export writes them; the import needs a Data Export or Data "
        "Loader file, whose first row has the API names (Id, AccountId, FirstName…)"
    )
    assert len(lines) == 7 and all(": missing column (expected" in line for line in lines[1:6])


def test_a_report_export_with_none_of_the_api_names_is_one_line(run, tmp_path):
    report = "Account Name,Account ID,Parent Account ID\r\nУралМет Сталь,001,\r\n"
    folder = write_export(tmp_path / "export", EXPORT | {"Account.csv": report})
    result = run("import", "salesforce", folder, "--account", STEEL, "-o", tmp_path / "o.yaml")
    assert result.stderr.splitlines()[0] == (
        f"{folder}/Account.csv: (file): the first row has field labels ('Account ID', "
        "'Parent Account ID'), as a Salesforce report export writes them; the import needs a Data Export or "
        "Data Loader file, whose first row has the API names (Id, Name, ParentId…)"
    )
    assert len(result.stderr.splitlines()) == 2


def test_a_refresh_without_merge_keeps_the_teams_own_work(run, export, tmp_path):
    """`import salesforce -o F` over the same account's file dropped the relationships, planned
    meetings, ties and competitors the team had added (the export never carries them)."""
    path = tmp_path / "stal.yaml"
    assert run("import", "salesforce", export, "--account", STEEL, "-o", path).exit_code == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    person, member = data["people"][0]["id"], data["team"][0]["id"]
    data["relationships"] = [{"team": member, "person": person, "strength": 0.3}]
    data["activities"] = [{"id": "lunch", "kind": "meeting", "date": "2027-01-15", "targets": [person]}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = path.read_bytes()
    refused = run("import", "salesforce", export, "--account", STEEL, "-o", path)
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"error: -o {path} holds 2 records this export does not carry (relationships: 1, activities: 1); "
        f"nothing written: add --merge {path} to keep them, or give --force to replace the file\n"
    )
    assert path.read_bytes() == before
    merged = run("import", "salesforce", export, "--account", STEEL, "-o", path, "--merge", path)
    assert merged.exit_code == 0, merged.output
    kept = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert kept["relationships"] == data["relationships"] and kept["activities"][0]["id"] == "lunch"
    forced = run("import", "salesforce", export, "--account", STEEL, "-o", path, "--force")
    assert forced.exit_code == 0 and "relationships" not in yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_blank_account_name_keeps_the_file_s_name_on_merge(tmp_path):
    """An export whose account Name was blank replaced the merged file's name by the Salesforce Id
    (an empty CRM value keeps the file's value, as the docs say); a new file named its account and
    organization 'organization'."""
    first = import_salesforce(write_export(tmp_path / "first", EXPORT), STEEL)
    assert first["account"]["name"] == "УралМет Сталь"
    blank = write_export(tmp_path / "blank", broken(EXPORT, "Account.csv", 3, "Name", "   "))
    merged = import_salesforce(blank, STEEL, first)
    assert (merged["account"]["id"], merged["account"]["name"]) == (first["account"]["id"], "УралМет Сталь")
    new = import_salesforce(blank, STEEL)
    assert (new["account"]["id"], new["account"]["name"]) == ("001a0000000stlaa", STEEL)
    steel = next(org for org in new["organizations"] if org["x-salesforce-id"] == STEEL)
    assert steel["id"] == "001a0000000stlaa" and "name" not in steel
    load(new)  # a valid account
