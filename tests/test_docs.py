"""The user docs are self-contained: every relative link resolves, and the format page covers the schema."""

from __future__ import annotations

import re
import unicodedata

import pytest

from influence.schema import RECORDS
from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*|\[|\]\([^)]*\)", "", heading.strip()).lower()
    text = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    return text.replace(" ", "-")


def _anchors(path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+)$", text, re.M)}


def _links(path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [a or b for a, b in LINK.findall(text)]


def test_slugs_follow_github():
    assert _slug("Links and the graph: directions and default strengths") == (
        "links-and-the-graph-directions-and-default-strengths"
    )
    assert _slug("Paths: S, A and O") == "paths-s-a-and-o"
    assert _slug("Findings (the gap report)") == "findings-the-gap-report"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(doc):
    broken = []
    for target in _links(doc):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        path = (doc.parent / file_part).resolve() if file_part else doc
        if not path.exists():
            broken.append(f"{target}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in _anchors(path):
            broken.append(f"{target}: no heading #{anchor} in {path.name}")
    assert broken == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_docs_do_not_send_readers_elsewhere(doc):
    text = doc.read_text(encoding="utf-8")
    assert "SPEC.md" not in text and "../shared" not in text


def test_the_package_does_not_mention_a_spec_outside_the_repo():
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in sorted((ROOT / "influence").rglob("*.py"))
        if re.search(r"\bSPEC\b", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_format_page_covers_every_declared_field():
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    missing = []
    for name, record in RECORDS.items():
        heading = "competitors" if name == "competitor_relationships" else name
        section = next((s for s in sections if s.startswith(heading + "\n")), "")
        for f in record.fields:
            if f"`{f.key}`" not in section and not (
                f.key in ("email", "phone") and "`email`, `phone`" in section
            ):
                missing.append(f"{name}.{f.key}")
    assert missing == []
