"""Write the example notebooks (committed without outputs). Run: python tools/make_notebooks.py"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent.parent / "notebooks"
SETUP = """from pathlib import Path

import matplotlib.pyplot as plt

import influence

EXAMPLES = Path.cwd().parent / "examples"  # notebooks/ sits next to examples/"""


def explore() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(
            "# Explore an account\n\n"
            "Load the bundled UralMet example, look at the buying team, coverage of the decision makers, "
            "the findings and the anti-influence paths, and show the influence map. Every figure comes from "
            "the `influence` package; the cells only choose what to show."
        ),
        new_code_cell(SETUP),
        new_code_cell(
            'account = influence.load(EXAMPLES / "uralmet-ru.yaml")\n'
            'report = influence.analyze(account, as_of="2026-11-27")\n'
            "report.summary"
        ),
        new_markdown_cell(
            "## What to do first\n\n"
            "`report.plan` holds the few moves (strengthen a relationship, or meet someone) that raise the "
            'account\'s score the most; `influence.to_frames(report)["plan"]` has them as a table.'
        ),
        new_code_cell(
            'print(f"score {report.plan.score_before:.2f} -> {report.plan.score_after:.2f}")\n'
            'influence.to_frames(report)["plan"][["rank", "kind", "team", "person", "introducer", "gain", "score_after"]]'
        ),
        new_markdown_cell("## The buying team"),
        new_code_cell(
            "tables = influence.to_frames(report)  # every table as a pandas DataFrame\n"
            'people = tables["people"]\n'
            'people[people["buying_team"]][\n'
            '    ["name", "title", "roles", "stance_label", "awareness", "decision_maker", "informal", "access", "link"]\n'
            "]"
        ),
        new_markdown_cell("## Coverage of the decision makers"),
        new_code_cell('coverage = tables["coverage"]\ncoverage'),
        new_code_cell(
            "fig, ax = plt.subplots(figsize=(7, 3))\n"
            'ax.barh(coverage["name"], coverage["coverage"], color="#1e88e5", label="coverage (our best ally route)")\n'
            'ax.barh(coverage["name"], coverage["pressure"], color="#8b0000", alpha=0.35, label="competitor pressure")\n'
            'ax.axvline(0.6, color="black", linestyle="--", linewidth=1, label="covered threshold")\n'
            "ax.set_xlim(0, 1)\n"
            'ax.legend(loc="lower right", fontsize=8)\n'
            'ax.set_title("Coverage per decision maker")\n'
            "plt.show()"
        ),
        new_markdown_cell("## Findings"),
        new_code_cell('findings = tables["findings"]\nfindings[["severity", "code", "subject", "message"]]'),
        new_code_cell(
            'counts = findings["severity"].value_counts().reindex(["high", "medium", "low"])\n'
            'ax = counts.plot.bar(color=["#d50000", "#ffa726", "#9e9e9e"], figsize=(4, 3), title="Findings by severity")\n'
            "plt.show()"
        ),
        new_markdown_cell("## Anti-influence paths and sponsors"),
        new_code_cell(
            'tables["paths"][["source", "target", "path", "strength", "counter", "counter_strength", "opposed"]]'
        ),
        new_code_cell('tables["sponsors"]'),
        new_markdown_cell(
            "## The influence graph\n\nThe account's networkx graph is `influence.influence_graph(account)`."
        ),
        new_code_cell(
            "graph = influence.influence_graph(account)\n"
            'print(graph.number_of_nodes(), "nodes,", graph.number_of_edges(), "edges")\n'
            'influence.strongest_path(graph, "kuznetsov", "sokolov", kind="O")'
        ),
        new_markdown_cell("## The influence map"),
        new_code_cell('influence.render_map(account, as_of="2026-11-27", report=report)'),
    ]
    return new_notebook(cells=cells, metadata=_metadata())


def compare() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(
            "# Compare two versions of an account\n\n"
            "The UralMet account at the November review and one quarter later: what the January work "
            "changed in coverage, sponsors and findings. `influence.compare` works the same for two "
            "different accounts."
        ),
        new_code_cell(SETUP),
        new_code_cell(
            'before = influence.analyze(influence.load(EXAMPLES / "uralmet.yaml"), as_of="2026-11-27")\n'
            'after = influence.analyze(influence.load(EXAMPLES / "uralmet-2027q1.yaml"), as_of="2027-02-01")\n'
            "change = influence.compare(before, after)\n"
            "change.summary"
        ),
        new_code_cell("change.coverage"),
        new_code_cell(
            'ax = change.coverage.set_index("name")[["coverage_before", "coverage_after"]].plot.barh(\n'
            '    figsize=(7, 3), color=["#bdbdbd", "#1e88e5"], title="Coverage before and after"\n'
            ")\n"
            'ax.axvline(0.6, color="black", linestyle="--", linewidth=1)\n'
            "plt.show()"
        ),
        new_markdown_cell("## Findings resolved and new"),
        new_code_cell('change.findings_resolved[["severity", "code", "subject", "message"]]'),
        new_code_cell('change.findings_new[["severity", "code", "subject", "message"]]'),
        new_code_cell("change.sponsors"),
    ]
    return new_notebook(cells=cells, metadata=_metadata())


def _metadata() -> dict:
    return {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    for name, book in (("explore_account.ipynb", explore()), ("compare_versions.ipynb", compare())):
        nbformat.write(book, HERE / name)
        print("wrote", HERE / name)
