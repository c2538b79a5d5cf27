"""The repository holds the documented layout, and every account file in it is one.

A map page once landed at the top level under an account file's name
(``uralmet.yaml`` holding HTML); these checks keep such strays out.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

#: the top level: the package, its tests, docs, examples, notebooks, benchmarks, tools and CI
LAYOUT = {
    ".ci",
    ".gitignore",
    "CHANGELOG.md",
    "README.md",
    "benchmarks",
    "docs",
    "examples",
    "influence",
    "notebooks",
    "pyproject.toml",
    "tests",
    "tools",
}


def _tracked() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    done = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_top_level_holds_only_the_layout():
    strays = sorted({path.split("/", 1)[0] for path in _tracked()} - LAYOUT)
    assert strays == []


def test_every_tracked_account_file_is_an_account():
    accounts = [p for p in _tracked() if p.endswith((".yaml", ".yml", ".json")) and p.startswith("examples/")]
    assert accounts, "the examples hold account files"
    for path in accounts:
        data = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
        assert isinstance(data, dict) and str(data.get("format", "")).startswith("influence/"), path
        assert isinstance(data.get("account"), dict), path
