"""``influence map`` and ``influence review``: exit codes, outputs, atomic writes."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES

AS_OF = "2026-11-27"


def test_map_writes_one_self_contained_file(run, tmp_path):
    out = tmp_path / "map.html"
    result = run("map", EXAMPLES / "uralmet.yaml", "-o", out, "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out} (35 nodes, 97 edges)\n"
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
    assert "Missing option '-o' / '--output'" in result.stderr


def test_map_into_missing_folder_leaves_nothing(run, tmp_path):
    out = tmp_path / "nope" / "map.html"
    result = run("map", EXAMPLES / "uralmet.yaml", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"error: {out}: folder '{out.parent}' does not exist\n"
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
    assert result.stdout == f"записаны {folder}/map.html, gaps.md, gaps.json\n"  # account.language: ru
    assert sorted(p.name for p in folder.iterdir()) == ["gaps.json", "gaps.md", "map.html"]
    gaps = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF, "--format", "json").stdout
    assert (folder / "gaps.json").read_text(encoding="utf-8") == gaps
    md = run("gaps", EXAMPLES / "uralmet-ru.yaml", "--as-of", AS_OF, "--format", "markdown").stdout
    assert (folder / "gaps.md").read_text(encoding="utf-8") == md


def test_redacted_review_names_no_private_person(run, tmp_path):
    folder = tmp_path / "pack"
    result = run("review", EXAMPLES / "uralmet-ru.yaml", "-o", folder, "--as-of", AS_OF, "--redact")
    assert result.exit_code == 0
    for name in ("map.html", "gaps.md", "gaps.json"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "Анна Петрова" not in text and "petrova" not in text, name
        assert "@uralmet.example" not in text and "+7 900" not in text, name
    findings = json.loads((folder / "gaps.json").read_text(encoding="utf-8"))["findings"]
    assert any(f["subject"] == "informal-1" for f in findings)
    for name in ("gaps.md", "gaps.json"):  # the private tie (family) is never described either
        text = (folder / name).read_text(encoding="utf-8").lower()
        for word in ("family", "spouse", "relative", "супруг", "жена", "семья"):
            assert word not in text, (name, word)
        assert "through an informal influencer" not in text, name  # never an introducer
    page = (folder / "map.html").read_text(encoding="utf-8")
    assert '"family"' not in page and "Супруга" not in page  # the private tie and title are not shown


def test_review_onto_a_file_is_an_error(run, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = run("review", EXAMPLES / "uralmet.yaml", "-o", target)
    assert result.exit_code == 2
