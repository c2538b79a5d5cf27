"""The public API: __all__, load/analyze/render_map, DataFrames, and the README example."""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import re

import pandas as pd
import pytest

import influence
from influence.frames import FRAME_COLUMNS
from tests.conftest import EXAMPLES, ROOT

AS_OF = "2026-11-27"


def test_all_matches_the_public_names():
    public = {
        name
        for name in dir(influence)
        if not name.startswith("_") and not inspect.ismodule(getattr(influence, name))
    }
    assert set(influence.__all__) == public
    assert influence.__all__ == sorted(influence.__all__, key=lambda n: (n[0].islower(), n))


def test_load_analyze_and_graph():
    account = influence.load(EXAMPLES / "uralmet.yaml")
    assert isinstance(account, influence.Account)
    assert influence.influence_graph(account).number_of_nodes() == 16 + 4 + 2
    assert influence.influence_graph(account) is influence.graph.influence_graph(account)
    report = influence.analyze(account, as_of=AS_OF)
    assert report.as_of.isoformat() == AS_OF
    import datetime as dt

    assert influence.analyze(account, as_of=dt.date(2026, 11, 27)).findings == report.findings
    assert influence.analyze(account).as_of == dt.date.today()


def test_analyze_refuses_a_bad_date_with_the_projects_own_error():
    account = influence.load(EXAMPLES / "new-account.yaml")
    with pytest.raises(
        influence.UsageError, match=r"^as_of: 'garbage' is not a date \(expected YYYY-MM-DD\)$"
    ):
        influence.analyze(account, as_of="garbage")
    with pytest.raises(
        influence.InfluenceError, match=r"that day does not exist \(February 2027 has 28 days\)"
    ):
        influence.analyze(account, as_of="2027-02-30")
    with pytest.raises(ValueError):  # still a ValueError for code that catches that
        influence.analyze(account, as_of="2027-13-01")


def test_load_errors_are_library_errors(tmp_path):
    with pytest.raises(influence.SourceError):
        influence.load(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: influence/v1\naccount: {id: a}\n")
    with pytest.raises(influence.ValidationError) as err:
        influence.load(bad)
    assert err.value.issues[0].location == "account.name"


@pytest.mark.parametrize("name", list(FRAME_COLUMNS))
def test_frames_have_documented_columns_and_dtypes(name):
    report = influence.analyze(influence.load(EXAMPLES / "uralmet-ru.yaml"), as_of=AS_OF)
    frames = influence.to_frames(report)
    assert list(frames) == list(FRAME_COLUMNS)
    df = frames[name]
    assert list(df.columns) == list(FRAME_COLUMNS[name])
    for column, dtype in FRAME_COLUMNS[name].items():
        assert df[column].dtype == (pd.api.types.pandas_dtype(dtype) if isinstance(dtype, str) else dtype), (
            column
        )
    assert len(df) > 0
    pd.testing.assert_frame_equal(influence.frame(report, name), df)


def test_frames_match_the_rows():
    report = influence.analyze(influence.load(EXAMPLES / "uralmet.yaml"), as_of=AS_OF)
    tables = influence.to_frames(report)
    assert list(tables["coverage"]["person"]) == [r.person for r in report.coverage]
    assert tables["findings"]["severity"].tolist() == [f.severity for f in report.findings]
    people = tables["people"].set_index("person")
    assert bool(people.loc["petrova", "informal"]) and pd.isna(people.loc["petrova", "stance"])
    assert people.loc["ivanov", "organization"] == "uralmet-steel"
    assert people.loc["ivanov", "access"] == 1.0


def test_empty_account_gives_empty_typed_frames():
    report = influence.analyze(influence.load(EXAMPLES / "new-account.yaml"), as_of=AS_OF)
    coverage = influence.frame(report, "coverage")
    assert coverage.empty and list(coverage.columns) == list(FRAME_COLUMNS["coverage"])
    assert coverage["coverage"].dtype == "float64"


def test_render_map_and_compare():
    account = influence.load(EXAMPLES / "uralmet.yaml")
    shown = influence.render_map(account, as_of=AS_OF)
    assert isinstance(shown, influence.InfluenceMap) and shown.nodes == 35
    later = influence.load(EXAMPLES / "uralmet-2027q1.yaml")
    change = influence.compare(
        influence.analyze(account, as_of=AS_OF), influence.analyze(later, as_of="2027-02-01")
    )
    assert change.summary.loc["covered"].tolist() == [2, 4, 2]
    assert change.coverage.set_index("person").loc["sokolov", "status_after"] == "covered"
    assert "decision-maker-weak" in set(change.findings_resolved["code"])


def test_readme_api_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- api-example[^>]*-->\n```python\n(.*?)```", readme, re.S).group(1)
    assert len([line for line in block.splitlines() if line.strip()]) <= 11
    os.symlink(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    printed = out.getvalue()
    assert "'decision_makers': 4" in printed
    assert "Sergey Sokolov" in printed
    assert "0.9 ('kuznetsov', 'sokolov')" in printed
    assert (tmp_path / "map.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_module_docstring_example():
    import doctest

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        result = doctest.testmod(influence, verbose=False)
    finally:
        os.chdir(old)
    assert result.attempted >= 3 and result.failed == 0


@pytest.mark.parametrize(
    "module",
    [
        "influence.frames",
        "influence.graph",
        "influence.model",
        "influence.schema",
        "influence.serialize",
        "influence.validation",
    ],
)
def test_public_module_examples(module, monkeypatch):
    import doctest
    import importlib

    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(module), verbose=False)
    assert result.attempted >= 2 and result.failed == 0


def test_version_is_the_packages():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert influence.__version__ == project["version"]
