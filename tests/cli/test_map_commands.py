"""``influence map`` and ``influence review``: exit codes, outputs, atomic writes."""

from __future__ import annotations

import json

import pytest

from influence.i18n import translator
from tests.conftest import EXAMPLES, ROOT, map_data

AS_OF = "2026-11-27"


def test_map_writes_one_self_contained_file(run, tmp_path):
    out = tmp_path / "map.html"
    result = run("map", EXAMPLES / "uralmet.yaml", "-o", out, "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out} (35 nodes, 75 edges)\n"  # 74 drawn + the plan's new meeting
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for external in ("http://", "https://", "//cdn", 'src="http'):
        assert external not in page.replace("http://www.w3.org/2000/svg", "").split("<script>", 1)[0]
    assert "<link" not in page and "<script src" not in page
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temp file left


def test_map_is_deterministic(run, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    run("map", EXAMPLES / "uralmet-ru.yaml", "-o", a, "--as-of", AS_OF)
    run("map", EXAMPLES / "uralmet-ru.yaml", "-o", b, "--as-of", AS_OF)
    assert a.read_bytes() == b.read_bytes()


def test_map_needs_output(run):
    result = run("map", EXAMPLES / "uralmet.yaml")
    assert result.exit_code == 2
    assert "Error: give -o FILE.html, --static FILE.png|svg, or both" in result.stderr


def test_map_static_svg_is_an_a4_page_with_legend(run, tmp_path):
    import xml.etree.ElementTree as ET

    out = tmp_path / "map.svg"
    result = run("map", EXAMPLES / "uralmet.yaml", "--static", out, "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out} (A4 landscape)\n"
    root = ET.fromstring(out.read_bytes())
    assert (root.get("width"), root.get("height")) == ("297mm", "210mm")
    texts = [" ".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Elena Orlova" in texts and "Legend".upper() in texts and "confirmed sponsor" in texts
    assert not [t for t in texts if t and "hover" in t]  # a printed page has nothing to hover
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_a_long_legend_entry_of_the_printed_page_wraps_inside_its_column(run, tmp_path):
    """The Russian entry for the structure ties ran off the A4 page: it wraps onto a second line."""
    import xml.etree.ElementTree as ET

    out = tmp_path / "map.svg"
    assert run("map", EXAMPLES / "uralmet-ru.yaml", "--static", out, "--as-of", AS_OF).exit_code == 0
    svg = "{http://www.w3.org/2000/svg}"
    entry = next(
        t
        for t in ET.fromstring(out.read_bytes()).iter(f"{svg}text")
        if "подразделение в организации" in "".join(t.itertext())
    )
    lines = [span.text for span in entry.iter(f"{svg}tspan")]
    assert lines == ["человек в подразделении,", "подразделение в организации"]
    assert all(len(line) * 11.5 * 0.6 <= 280 - 12 - 24 - 4 for line in lines)  # the column, less its margins


def test_map_static_refuses_other_formats(run, tmp_path):
    result = run("map", EXAMPLES / "uralmet.yaml", "--static", tmp_path / "m.pdf")
    assert result.exit_code == 2
    assert "the image must end in .png or .svg" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_map_static_png_without_chromium_is_a_clear_error(run, tmp_path, monkeypatch):
    html, png = tmp_path / "m.html", tmp_path / "m.png"
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no chromium on the PATH, INFLUENCE_CHROMIUM unset
    monkeypatch.delenv("INFLUENCE_CHROMIUM", raising=False)
    result = run("map", EXAMPLES / "uralmet.yaml", "-o", html, "--static", png)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: cannot make a PNG: no Chromium found; the PNG image is taken with a headless"
    )
    assert "--static FILE.svg" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing half-done: not even the HTML
    result = run("--lang", "ru", "map", EXAMPLES / "uralmet.yaml", "-o", html, "--static", png)
    assert result.stderr.startswith("ошибка: не удаётся сделать PNG: Chromium не найден; изображение PNG")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("chosen", "reason", "russian"),
    [
        ("none", "no such file", "такого файла нет"),
        (".", "a folder, not a program", "это папка, а не программа"),
        ("plain.txt", "not an executable program", "это не исполняемая программа"),
        ("not-chromium", "did not run as Chromium (", "не запустился как Chromium ("),
    ],
)
def test_a_png_with_an_unusable_influence_chromium_names_it(run, tmp_path, chosen, reason, russian):
    """INFLUENCE_CHROMIUM set to what cannot be run said "no Chromium found" and advised setting it,
    in English even for a Russian account or --lang ru: now the message names the value, in the
    language of the account or of --lang."""
    folder = tmp_path / "out"
    folder.mkdir()
    (tmp_path / "plain.txt").write_text("not a program\n", encoding="utf-8")
    fake = tmp_path / "not-chromium"
    fake.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    env = {"INFLUENCE_CHROMIUM": str(tmp_path / chosen)}
    png = folder / "m.png"
    result = run("map", EXAMPLES / "uralmet.yaml", "-o", folder / "m.html", "--static", png, env=env)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot make a PNG: INFLUENCE_CHROMIUM={tmp_path / chosen}")
    assert reason in result.stderr and "no Chromium found" not in result.stderr
    assert "point INFLUENCE_CHROMIUM at a Chromium browser, or unset it" in result.stderr
    for args in (["map", EXAMPLES / "uralmet-ru.yaml"], ["--lang", "ru", "map", EXAMPLES / "uralmet.yaml"]):
        result = run(*args, "-o", folder / "m.html", "--static", png, env=env)
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"ошибка: не удаётся сделать PNG: INFLUENCE_CHROMIUM={tmp_path / chosen}"
        )
        assert russian in result.stderr and "укажите в INFLUENCE_CHROMIUM путь к браузеру" in result.stderr
    assert list(folder.iterdir()) == []


def test_map_into_missing_folder_leaves_nothing(run, tmp_path):
    out = tmp_path / "nope" / "map.html"
    result = run("map", EXAMPLES / "uralmet.yaml", "-o", out)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {out}: folder '{out.parent}' does not exist; create it first (mkdir -p {out.parent})\n"
    )
    assert not out.parent.exists()


def test_map_of_invalid_file_writes_nothing(run, tmp_path, write):
    bad = write("format: influence/v1\naccount: {id: a}\n")
    out = tmp_path / "map.html"
    result = run("map", bad, "-o", out)
    assert result.exit_code == 2
    assert not out.exists()


def test_review_pack(run, tmp_path):
    folder = tmp_path / "pack"
    result = run("review", EXAMPLES / "uralmet-ru.yaml", "-o", folder, "--as-of", AS_OF)
    assert result.exit_code == 0
    assert (
        result.stdout == f"записаны {folder}/map.html, gaps.md, gaps.json, plan.json\n"
    )  # account.language: ru
    assert sorted(p.name for p in folder.iterdir()) == ["gaps.json", "gaps.md", "map.html", "plan.json"]
    gaps = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF, "--format", "json").stdout
    assert (folder / "gaps.json").read_text(encoding="utf-8") == gaps
    md = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF, "--format", "markdown").stdout
    title, _, rest = md.partition("\n")
    t = translator("ru")  # the pack's language; the line's words come from the catalogue
    links = " · ".join(
        [
            t.tr("Influence map: {file}", file="[map.html](map.html)"),
            t.tr("machine-readable copies: {files}", files="[gaps.json](gaps.json), [plan.json](plan.json)"),
        ]
    )
    assert (folder / "gaps.md").read_text(encoding="utf-8") == f"{title}\n\n{links}\n{rest}"
    # the plan the pack leads with, for scripts too (gaps.json holds no moves)
    moves = run("plan", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF, "--format", "json").stdout
    assert (folder / "plan.json").read_text(encoding="utf-8") == moves and json.loads(moves)["moves"]


def test_the_packs_gaps_md_links_the_map_and_names_the_other_files(run, tmp_path):
    """gaps.md opened in the meeting had no way to the map, the diff or the JSON copies."""
    folder = tmp_path / "pack"
    later, earlier = EXAMPLES / "uralmet-2027q1.yaml", EXAMPLES / "uralmet.yaml"
    assert run("review", later, "-o", folder, "--as-of", AS_OF, "--since", earlier).exit_code == 0
    lines = (folder / "gaps.md").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == [
        "# Gap report: UralMet Holding",
        "",
        "Influence map: [map.html](map.html) · changes since the earlier version: [diff.md](diff.md) · "
        "machine-readable copies: [gaps.json](gaps.json), [plan.json](plan.json)",
    ]
    assert lines[3] == "" and lines[4].startswith("Account `uralmet`, as of 2026-11-27: ")
    for name in ("map.html", "diff.md", "gaps.json", "plan.json"):  # every link is to a file of the pack
        assert (folder / name).is_file()
    assert map_data(folder / "map.html")["links"] == ["gaps.md", "gaps.json", "plan.json", "diff.md"]
    solo = tmp_path / "solo.html"  # a map on its own names no files
    assert run("map", later, "-o", solo, "--as-of", AS_OF).exit_code == 0
    assert "links" not in map_data(solo)
    # the analysis on its own is not a pack: no links to files that are not there
    alone = run("gaps", later, "--as-of", AS_OF, "--format", "markdown").stdout
    assert "](" not in alone and lines[4:] == alone.splitlines()[2:]


def test_redacted_review_names_no_private_person(run, tmp_path):
    folder = tmp_path / "pack"
    result = run("review", EXAMPLES / "uralmet-ru.yaml", "-o", folder, "--as-of", AS_OF, "--redact")
    assert result.exit_code == 0
    for name in ("map.html", "gaps.md", "gaps.json", "plan.json"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "Анна Петрова" not in text and "petrova" not in text, name
        assert "@uralmet.example" not in text and "+7 900" not in text, name
    findings = json.loads((folder / "gaps.json").read_text(encoding="utf-8"))["findings"]
    assert findings and not any(f["subject"] == "informal-1" for f in findings)  # nothing is said about her
    for name in ("gaps.md", "gaps.json"):  # the private tie (family) is never described either
        text = (folder / name).read_text(encoding="utf-8").lower()
        for word in ("family", "spouse", "relative", "супруг", "жена", "семья"):
            assert word not in text, (name, word)
        assert "through an informal influencer" not in text, name  # never an introducer
    page, data = (folder / "map.html").read_text(encoding="utf-8"), map_data(folder / "map.html")
    drawn = json.dumps([data["nodes"], data["edges"], data["findings"]], ensure_ascii=False)
    # the private tie and title are not shown ("family" stays in the word table, for other people's ties)
    assert "family" not in drawn and "Супруга" not in page


def test_review_onto_a_file_is_an_error(run, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = run("review", EXAMPLES / "uralmet.yaml", "-o", target)
    assert result.exit_code == 2


def test_map_static_png_through_chromium_is_a4_landscape(tmp_path):
    """A separate process: the PNG needs its own Playwright (the suite's browser holds one in this process)."""
    import os
    import shutil
    import struct
    import subprocess
    import sys

    if not (shutil.which("chromium") or os.path.exists("/usr/bin/chromium")):  # pragma: no cover
        pytest.skip("no Chromium on this machine")
    out = ROOT / "build" / "map-static-uralmet.png"
    out.parent.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "influence",
            "map",
            str(EXAMPLES / "uralmet.yaml"),
            "--static",
            str(out),
            "--as-of",
            AS_OF,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (2246, 1588)  # A4 landscape at 2 device pixels per CSS pixel


def test_a_pack_without_since_removes_an_earlier_packs_diff(run, tmp_path):
    """A diff.md left from an earlier pack (made with --since, unredacted) would travel with a
    redacted pack written over it: it names the private people. The new pack removes it."""
    folder = tmp_path / "pack"
    earlier = EXAMPLES / "uralmet.yaml"
    later = EXAMPLES / "uralmet-2027q1.yaml"
    made = run("review", later, "-o", folder, "--as-of", AS_OF, "--since", earlier)
    assert made.exit_code == 0 and "Anna Petrova" in (folder / "diff.md").read_text(encoding="utf-8")
    result = run("review", later, "-o", folder, "--as-of", AS_OF, "--redact")
    assert result.exit_code == 0
    assert result.stdout == (
        f"wrote {folder}/map.html, gaps.md, gaps.json, plan.json\n"
        f"removed {folder}/diff.md: an earlier pack's diff (this one has no --since)\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["gaps.json", "gaps.md", "map.html", "plan.json"]


def test_a_file_of_ones_own_named_diff_md_is_kept(run, tmp_path):
    """Only a diff influence wrote is an earlier pack's: a user's own notes under that name stay."""
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "diff.md").write_text("# My notes about the account\n", encoding="utf-8")
    result = run("review", EXAMPLES / "uralmet.yaml", "-o", folder, "--as-of", AS_OF)
    assert (result.exit_code, result.stdout) == (
        0,
        f"wrote {folder}/map.html, gaps.md, gaps.json, plan.json\n",
    )
    assert (folder / "diff.md").read_text(encoding="utf-8") == "# My notes about the account\n"


def test_an_earlier_russian_diff_is_removed_too(run, tmp_path):
    folder = tmp_path / "pack"
    later, earlier = EXAMPLES / "uralmet-ru.yaml", EXAMPLES / "uralmet-ru.yaml"
    assert run("review", later, "-o", folder, "--as-of", AS_OF, "--since", earlier).exit_code == 0
    assert (folder / "diff.md").read_text(encoding="utf-8").startswith("# Изменения: ")
    assert run("review", later, "-o", folder, "--as-of", AS_OF).exit_code == 0
    assert not (folder / "diff.md").exists()


def test_review_since_a_later_version_is_refused(run, tmp_path):
    """`review neo4j:uralmet@3 --since neo4j:uralmet@5` wrote a pack whose diff ran backwards."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    older, newer = tmp_path / "v3.yaml", tmp_path / "v5.yaml"
    older.write_text("base_version: 3\n" + text, encoding="utf-8")
    newer.write_text("base_version: 5\n" + text, encoding="utf-8")
    result = run("review", older, "--since", newer, "-o", tmp_path / "pack", "--as-of", AS_OF)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --since {newer}: is version 5, later than the version reviewed (3); --since names the earlier version\n",
    )
    assert not (tmp_path / "pack").exists()
    assert run("review", newer, "--since", older, "-o", tmp_path / "pack", "--as-of", AS_OF).exit_code == 0


def test_the_packs_diff_md_links_back_to_the_report_and_the_map(run, tmp_path):
    """diff.md opened on its own in the meeting had no way back to the pack."""
    folder = tmp_path / "pack"
    later, earlier = EXAMPLES / "uralmet-2027q1.yaml", EXAMPLES / "uralmet.yaml"
    assert (
        run("review", later, "-o", folder, "--as-of", AS_OF, "--since", earlier, "--lang", "ru").exit_code
        == 0
    )
    lines = (folder / "diff.md").read_text(encoding="utf-8").splitlines()
    alone = run("diff", earlier, later, "--as-of", AS_OF, "--format", "markdown", "--lang", "ru").stdout
    assert lines[1:3] == ["", "Отчёт о пробелах: [gaps.md](gaps.md) · Карта влияния: [map.html](map.html)"]
    assert [lines[0], *lines[3:]] == alone.splitlines()  # the rest is the diff as the command prints it
    assert "](" not in alone
