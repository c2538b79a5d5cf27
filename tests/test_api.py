"""The public API: __all__, load/analyze/render_map, DataFrames, and the README example."""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import re

import networkx as nx
import pandas as pd
import pytest

import influence
from influence import exchange, store
from influence.analysis import anti_influence_paths, coverage, findings, score, sponsors
from influence.analysis.facts import Facts
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


def test_every_module_passes_its_doctests(monkeypatch, capsys):
    """Every example in every module of the package runs and says what it shows (from the repository root)."""
    import doctest
    import importlib
    import pkgutil

    monkeypatch.chdir(ROOT)
    names = ["influence"] + [m.name for m in pkgutil.walk_packages(influence.__path__, "influence.")]
    failed, attempted = [], 0
    for name in names:
        result = doctest.testmod(importlib.import_module(name), verbose=False, report=False)
        attempted += result.attempted
        if result.failed:
            failed.append(f"{name}: {result.failed} of {result.attempted}")
    shown = capsys.readouterr().out  # doctest prints each failure
    assert failed == [], "\n".join(failed) + "\n" + shown
    assert len(names) >= 50 and attempted >= 200  # the walk found the package, not an empty folder


def test_every_public_function_shows_an_example():
    lacking = [
        name
        for name in influence.__all__
        if inspect.isfunction(getattr(influence, name))
        and ">>>" not in (getattr(influence, name).__doc__ or "")
    ]
    assert lacking == []


@pytest.fixture(scope="module")
def uralmet():
    account = influence.load(EXAMPLES / "uralmet.yaml")
    return account, influence.analyze(account, AS_OF)


def _q1():
    return influence.load(EXAMPLES / "uralmet-2027q1.yaml")


def _graph_with(strength: float = 0.5, stance: object = None) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_edge("x", "y", strength=strength)
    graph.nodes["x"]["stance"] = stance
    return graph


def _bare_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_edge("x", "y")
    return graph


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda a, r: influence.frame(r, "Coverage"),
            r"^frame: unknown table 'Coverage' \(did you mean 'coverage'\?\); expected one of people, ",
        ),
        (lambda a, r: influence.frame(a, "coverage"), r"^frame: expected a Report .*, got Account$"),
        (lambda a, r: influence.to_frames(a), r"^to_frames: expected a Report .*, got Account$"),
        (
            lambda a, r: influence.analyze("examples/uralmet.yaml"),
            r"^analyze: expected an Account, got the str 'examples/uralmet.yaml'; "
            r"call influence.load\('examples/uralmet.yaml'\) first$",
        ),
        (lambda a, r: influence.analyze(EXAMPLES / "uralmet.yaml"), r"^analyze: .*call influence.load\("),
        (
            lambda a, r: influence.compare(a, a),
            r"^compare: before must be a Report .*, not Account; analyse it",
        ),
        (lambda a, r: influence.compare(r, None), r"^compare: after must be a Report .*, not NoneType$"),
        (
            lambda a, r: influence.apply_plan(a, list(r.plan.moves)),
            r"^apply_plan: expected a Plan .*, got list$",
        ),
        (lambda a, r: influence.plan(a, AS_OF, moves=0), r"^moves must be at least 1, not 0$"),
        (lambda a, r: influence.plan(a, AS_OF, moves="3"), r"^moves must be a whole number of at least 1"),
        (lambda a, r: influence.plan(a, "2026-13-01"), r"^as_of: '2026-13-01' is not a date"),
        (lambda a, r: influence.render_map(a, report=a), r"^render_map: report must be a Report"),
        (
            lambda a, r: influence.generate_account(0, seed=1),
            r"^people: an account needs at least 1 person, not 0$",
        ),
        (
            lambda a, r: influence.generate_account(-1, seed=1),
            r"^people: an account needs at least 1 person, not -1$",
        ),
        (lambda a, r: influence.generate_account("5", seed=1), r"^people: expected a whole number"),
        # a bare ValueError / TypeError from a format code, or an id like acct-001
        (
            lambda a, r: influence.generate_account(10, 0, "ru"),
            r"^index: expected a whole number of at least 0, not 'ru' \(str\)$",
        ),
        (lambda a, r: influence.generate_account(10, None), r"^seed: expected a whole number, not None"),
        (lambda a, r: influence.generate_account(10, 1.5), r"^seed: expected a whole number, not 1.5"),
        (
            lambda a, r: influence.generate_account(10, 1, -1),
            r"^index: an account number is at least 0, not -1$",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF, plan="abc"),
            r"^render_map: plan must be a Plan or a sequence",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF, plan=5),
            r"^render_map: plan must be a Plan or a sequence",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF, plan=[1, 2]),
            r"^render_map: plan must be a Plan or a sequence",
        ),
        (lambda a, r: influence.render_map(a, AS_OF, changes=["ivanov"]), r"^changes must map a node id"),
        (
            lambda a, r: influence.render_map(a, AS_OF, strings={"title": 5}),
            r"^strings: the value of 'title' must be",
        ),
        (
            lambda a, r: influence.load(None),
            r"^load: expected a file path \(str or os\.PathLike\), 'neo4j:ACCOUNT' or an influence/v1 "
            r"document dict, got the NoneType None$",
        ),
        (
            lambda a, r: influence.load(5),
            r"^load: expected a file path \(str or os\.PathLike\), 'neo4j:ACCOUNT' or an influence/v1 "
            r"document dict, got the int 5$",
        ),
        (
            lambda a, r: influence.influence_graph("x"),
            r"^influence_graph: expected an Account, got the str 'x'; call influence.load\('x'\) first$",
        ),
        (
            lambda a, r: influence.diff_accounts("a.yaml", a),
            r"^diff_accounts: expected an Account, got the str",
        ),
        # another account's searches gave that account's figures under this one's name
        (
            lambda a, r: influence.plan(a, AS_OF, facts=Facts(influence.load(EXAMPLES / "new-account.yaml"))),
            r"^plan: facts were made for account 'nordchem', not 'uralmet'$",
        ),
        (
            lambda a, r: coverage(a, Facts(influence.load(EXAMPLES / "new-account.yaml"))),
            r"^coverage: facts were made for account 'nordchem', not 'uralmet'$",
        ),
        (lambda a, r: sponsors(a, facts=r), r"^sponsors: facts must be Facts of the account, not Report$"),
        (
            lambda a, r: influence.strongest_path(_bare_graph(), "x", "y"),
            r"^strongest_path: the edge 'x' -> 'y' has no strength between 0 and 1 \(None\)",
        ),
        (
            lambda a, r: influence.strongest_path(influence.influence_graph(a), "nobody", "sokolov"),
            r"^strongest_path: no node 'nobody' in the graph$",
        ),
        # found by probing the API: each gave a wrong answer, a bare error or wrote the wrong thing
        (
            lambda a, r: influence.plan(a, AS_OF, facts=influence.analyze(_q1(), AS_OF).facts),
            r"^plan: facts were made for another version of account 'uralmet' \(its people or ties differ\)",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF, plan=influence.plan(_q1(), AS_OF)),
            r"^render_map: move 1 \(strengthen dmitry -> orlova\) starts from a relationship of 0.6, and the "
            "account has none: make the plan on this version of the account$",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF).save("map.png"),
            r"^InfluenceMap.save: the map is an HTML page",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF).save(5),
            r"^InfluenceMap.save: path must be a file path, not int$",
        ),
        (  # it wrote the page over the account it was drawn from
            lambda a, r: influence.render_map(a, AS_OF).save("uralmet.yaml"),
            r"^InfluenceMap.save: the map is an HTML page, and 'uralmet.yaml' names a .yaml file: save it as .html$",
        ),
        (  # a raw KeyError, or the object's attributes said in the page's title
            lambda a, r: influence.render_map(a, AS_OF, strings={"title": "{account.__class__.__mro__}"}),
            r"^strings: 'title' may hold only the placeholders \{account\} \(each as \{name\}\), not ",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF, strings={"summary": "{nope} {"}),
            r"^strings: 'summary' may hold only the placeholders \{buying_team\}, ",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF).with_links("gaps.md"),
            r"^with_links: files must be a list",
        ),
        (lambda a, r: influence.render_map(a, AS_OF).with_links(None), r"^with_links: files must be a list"),
        (
            lambda a, r: influence.strongest_path(_graph_with(strength=0), "x", "y"),
            r"^strongest_path: the edge 'x' -> 'y' has no strength between 0 and 1 \(0\)",
        ),
        (
            lambda a, r: influence.strongest_path(_graph_with(stance="supporter"), "x", "y", kind="A"),
            r"^strongest_path: node 'x' has stance 'supporter', not a whole number from -2 to 2",
        ),
        (
            lambda a, r: influence.strongest_path(nx.MultiDiGraph(_graph_with()), "x", "y"),
            r"^strongest_path: expected a networkx.DiGraph, got MultiDiGraph$",
        ),
        # a report (or nothing) where an account belongs: a bare AttributeError ('memo') from the graph
        (
            lambda a, r: coverage(r),
            r"^coverage: expected an Account \(from influence.load\), got Report; pass report.account$",
        ),
        (
            lambda a, r: sponsors(None),
            r"^sponsors: expected an Account \(from influence.load\), got NoneType$",
        ),
        (
            lambda a, r: anti_influence_paths(r),
            r"^anti_influence_paths: expected an Account .*; pass report.account$",
        ),
        (lambda a, r: score(r), r"^score: expected an Account .*, got Report; pass report.account$"),
        (  # was the report's repr, cut at 60 characters
            lambda a, r: influence.influence_graph(r),
            r"^influence_graph: expected an Account \(from influence.load\), got Report; pass report.account$",
        ),
        (
            lambda a, r: findings(r, r.as_of),
            r"^findings: expected an Account .*, got Report; pass report.account$",
        ),
        (lambda a, r: Facts(r), r"^Facts: expected an Account .*, got Report; pass report.account$"),
        (
            lambda a, r: coverage(r.facts),
            r"^coverage: expected an Account .*, got Facts; pass facts.account$",
        ),
        (
            lambda a, r: findings(a, r.as_of, coverage_rows="x"),
            r"^findings: coverage_rows must be a list of CoverageRow \(as coverage\(account\) returns\), not str$",
        ),
        (
            lambda a, r: findings(a, r.as_of, sponsor_rows=[None]),
            r"^findings: sponsor_rows must be a list of SponsorRow .*, not a list holding NoneType$",
        ),
        (
            lambda a, r: findings(a, r.as_of, path_rows=r.coverage),
            r"^findings: path_rows must be a list of AntiPathRow .*, not a list holding CoverageRow$",
        ),
        (
            lambda a, r: exchange.export_graph("file.yaml", "gexf"),
            r"^export_graph: expected an Account, got the str 'file.yaml'; call influence.load\('file.yaml'\) first$",
        ),
        (
            lambda a, r: exchange.graph_for_tools(r),
            r"^graph_for_tools: expected an Account .*, got Report; pass report.account$",
        ),
        # no source, or a URI where the connection settings belong: a bare AttributeError
        (
            lambda a, r: store.parse_neo4j_source(None),
            r"^parse_neo4j_source: expected 'neo4j:ACCOUNT' or 'neo4j:ACCOUNT@VERSION', got the NoneType None$",
        ),
        (
            lambda a, r: store.open_source(None),
            r"^open_source: expected a file path or 'neo4j:ACCOUNT', got the NoneType None$",
        ),
        (
            lambda a, r: influence.load("neo4j:uralmet", neo4j="bolt://x"),
            r"^load: neo4j must be a Neo4jConfig, not a str; write neo4j=Neo4jConfig\(uri='bolt://x'\)$",
        ),
        (
            lambda a, r: influence.load(
                EXAMPLES / "uralmet.yaml", neo4j={"uri": "bolt://x", "password": "s3cret"}
            ),
            r"^load: neo4j must be a Neo4jConfig, not a dict$",
        ),
        (
            lambda a, r: store.open_source("neo4j:uralmet", "bolt://x"),
            r"^open_source: neo4j must be a Neo4jConfig, not a str; write neo4j=Neo4jConfig\(uri='bolt://x'\)$",
        ),
        # strings neither a table nor a function of text: a bare TypeError, or each letter an unknown key
        (
            lambda a, r: influence.render_map(a, AS_OF, strings=5),
            r"^strings: expected a mapping of map string keys to text, or a callable returning text, "
            r"not the int 5$",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF, strings="abc"),
            r"^strings: expected a mapping .*, not the str 'abc'$",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF, strings=lambda text: None),
            r"^strings: the callable must return text, and gave NoneType for 'html_lang' \('en'\)$",
        ),
        (
            lambda a, r: influence.render_map(a, AS_OF, strings=lambda text: 5 if "{" in text else text),
            r"^strings: the callable must return text, and gave int for 'title' \('Influence map: \{account\}'\)$",
        ),
        # an earlier version given as its file name, or a model method's argument: AttributeError, TypeError
        (
            lambda a, r: influence.render_map(a, AS_OF, redact=True, earlier=str(EXAMPLES / "uralmet.yaml")),
            r"^render_map: earlier must be an Account \(from influence.load\), not str$",
        ),
        (
            lambda a, r: a.public_view(like="x"),
            r"^public_view: like must be an Account \(from influence.load\), not str$",
        ),
        (
            lambda a, r: influence.load("neo4j:acme", neo4j=influence.Neo4jConfig(uri=7687)),
            r"^Neo4jConfig: uri must be text \(a str\) or None, not int$",
        ),
        # the privacy switch as text: "no" is truthy, and redacted
        (
            lambda a, r: influence.render_map(a, AS_OF, redact="no"),
            r"^render_map: redact must be True or False, not the str 'no'$",
        ),
        (
            lambda a, r: influence.diff_accounts(a, a, AS_OF, redact="false"),
            r"^diff_accounts: redact must be True or False, not the str 'false'$",
        ),
        (
            lambda a, r: exchange.graph_for_tools(a, redact=0),
            r"^graph_for_tools: redact must be True or False, not the int 0$",
        ),
        (
            lambda a, r: exchange.export_graph(a, "gexf", redact=None),
            r"^export_graph: redact must be True or False, not the NoneType None$",
        ),
        (
            lambda a, r: influence.generate_account(10**12, 1),
            r"^people: at most 200,000 \(the largest account a file can hold and be read again\), not",
        ),
    ],
)
def test_wrong_input_is_a_usage_error(uralmet, call, message):
    """Each of these raised a bare ValueError, KeyError, TypeError, IndexError or AttributeError."""
    account, report = uralmet
    with pytest.raises(influence.UsageError, match=message) as err:
        call(account, report)
    assert isinstance(err.value, ValueError)  # code that caught ValueError keeps working


def test_a_generated_account_loads_from_its_dict(run, tmp_path):
    """generate_account was exported, but nothing public turned the dict it returns into an Account."""
    path = tmp_path / "g.yaml"
    assert run("generate", "--people", "50", "--seed", "1", "-o", path).exit_code == 0
    doc = influence.generate_account(50, seed=1)
    account = influence.load(doc)
    assert account == influence.load(path)
    assert doc == influence.generate_account(50, seed=1)  # validation left the caller's dict alone
    with pytest.raises(influence.ValidationError) as err:
        influence.load({"format": "influence/v1", "account": {"id": "x"}})
    assert [str(i) for i in err.value.issues] == ["(dict): account.name: missing required field"]
    with pytest.raises(influence.UsageError, match=r"^load: neo4j is for a 'neo4j:ACCOUNT' source"):
        influence.load(doc, neo4j=influence.Neo4jConfig())
    from influence.validation import build_account

    assert build_account(doc) == account
    with pytest.raises(influence.UsageError, match=r"^build_account: expected a Document or an influence/v1"):
        build_account("g.yaml")


@pytest.mark.parametrize("given", [b"format: influence/v1\n", ["examples/uralmet.yaml"], 3.5])
def test_load_given_anything_else_names_every_kind_of_source_it_takes(given):
    """load takes a document dict too; its refusal named only a path and 'neo4j:ACCOUNT'."""
    with pytest.raises(influence.UsageError) as err:
        influence.load(given)
    assert str(err.value) == (
        "load: expected a file path (str or os.PathLike), 'neo4j:ACCOUNT' or an influence/v1 document "
        f"dict, got the {type(given).__name__} {given!r:.60}"
    )
    assert isinstance(err.value, ValueError)


def test_an_account_and_its_report_show_a_short_summary_in_a_notebook():
    """Ending a cell with a report or an account wrote the whole account (5.7 MB at 20,000 people),
    contacts, notes and private people included, into the notebook."""
    account = influence.load(EXAMPLES / "uralmet.yaml")
    report = influence.analyze(account, "2026-11-27")
    assert repr(account) == (
        "Account(id='uralmet', name='UralMet Holding', people=16, links=10, team=4, competitors=2, "
        "tenders=2, activities=5)"
    )
    assert repr(report) == "Report(account='uralmet', as_of=2026-11-27, high=4, medium=21, low=11)"
    big = influence.load(influence.generate_account(3000, seed=1))
    assert len(repr(big)) < 200 and len(repr(influence.analyze(big, "2026-11-27"))) < 200
    assert "@" not in repr(account) + repr(report)  # no email


def test_neo4j_settings_never_show_the_password():
    """A notebook cell displaying the settings, or passing them in the wrong type, printed the password."""
    config = influence.Neo4jConfig(uri="bolt://neo4j:s3cret@db:7687", username="neo4j", password="s3cret")
    assert repr(config) == (
        "Neo4jConfig(uri='bolt://neo4j:***@db:7687', username='neo4j', password='***', database=None)"
    )
    assert str(config) == repr(config)
    assert repr(influence.Neo4jConfig()) == (
        "Neo4jConfig(uri=None, username=None, password=None, database=None)"
    )
    with pytest.raises(influence.UsageError) as err:
        influence.load("neo4j:acme", neo4j="bolt://neo4j:s3cret@db:7687")
    assert "s3cret" not in str(err.value)
    assert str(err.value) == (
        "load: neo4j must be a Neo4jConfig, not a str; write neo4j=Neo4jConfig(uri='bolt://neo4j:***@db:7687')"
    )


@pytest.mark.parametrize("field", ["uri", "username", "password", "database"])
def test_neo4j_settings_must_be_text(field):
    """Neo4jConfig(uri=7687) ended in a TypeError deep in the store when a source was opened."""
    with pytest.raises(influence.UsageError) as err:
        influence.Neo4jConfig(**{field: 7687})
    assert str(err.value) == f"Neo4jConfig: {field} must be text (a str) or None, not int"


def test_usage_error_is_a_value_error():
    assert issubclass(influence.UsageError, ValueError) and issubclass(
        influence.UsageError, influence.InfluenceError
    )


def test_editing_a_frame_leaves_the_report_alone():
    """The findings frame's evidence was the report's own dict: clearing a list in the frame
    cleared it in the report, and in every table and comparison made from it afterwards."""
    report = influence.analyze(influence.load(EXAMPLES / "uralmet.yaml"), "2026-11-27")
    before = report.gaps_dict()
    frame = influence.frame(report, "findings")
    for evidence in frame["evidence"]:
        for value in evidence.values():
            if isinstance(value, list):
                value.clear()
    assert report.gaps_dict() == before
    assert frame["severity"].sort_values().iloc[0] == "high"
    assert set(frame[frame["severity"] < "medium"]["severity"]) == {"high"}  # as documented


def test_a_findings_json_row_cannot_change_the_report(uralmet):
    """Finding.to_dict() handed out the finding's own evidence: appending to its path showed in every
    later gaps_dict() and findings frame."""
    _, report = uralmet
    before = report.gaps_dict()
    finding = next(f for f in report.findings if isinstance(f.evidence.get("path"), list))
    finding.to_dict()["evidence"]["path"].append("HACKED")
    assert report.gaps_dict() == before
    assert "HACKED" not in str(influence.frame(report, "findings").to_dict())


def test_the_store_opens_a_path_as_load_does():
    """open_source(Path(...)) raised a bare AttributeError (a path has no startswith)."""
    assert store.open_source(EXAMPLES / "uralmet.yaml").id == "uralmet"


@pytest.mark.parametrize("name", ["people", "coverage", "sponsors", "paths", "findings", "plan"])
@pytest.mark.parametrize("lang", ["de", 5])
def test_every_table_refuses_a_language_it_does_not_speak(uralmet, name, lang):
    """Only the findings table read lang: frame(report, "people", "de") gave a table without a word."""
    _, report = uralmet
    with pytest.raises(
        influence.LanguageError, match=rf"^language: unknown language '{lang}' \(expected en or ru\)$"
    ):
        influence.frame(report, name, lang)


def test_language_error_is_public():
    """to_frames and render_map raise it; a notebook could not catch it by its public name."""
    assert "LanguageError" in influence.__all__
    assert influence.LanguageError is influence.errors.LanguageError
    assert issubclass(influence.LanguageError, influence.InfluenceError)


def test_to_frames_refuses_a_language_before_any_table(uralmet):
    _, report = uralmet
    with pytest.raises(influence.LanguageError, match=r"^language: unknown language 'de'"):
        influence.to_frames(report, "de")
