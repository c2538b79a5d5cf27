"""The package's layers import one way only, and nothing imports in a cycle.

Layers, lowest first (a module may import its own layer and any lower one):

1. utilities: ``errors``, ``i18n``, ``dates``, ``atomic`` (atomic file writes),
   ``yamlwriter`` (YAML text of plain data), ``wrapping`` (word wrapping of report text),
   ``version``, ``unprintable`` (control characters made harmless for terminals, XML and
   workbooks), ``worksheets`` (rows into an openpyxl sheet, text kept as text);
2. model: the typed records and vocabularies (imports nothing of the project but the error
   hierarchy, ``errors``, which imports nothing of the project itself);
3. loading: the record schema, documents, validation, loading (and its YAML reader), serialization;
4. graph: the influence graph, its path searches and its kernel (``peeling``);
5. analysis: ``influence.analysis.*`` (pure functions returning typed rows);
6. store: files and Neo4j, beside the consumers (never imports them);
7. consumers: everything else -- the CLI, maps, pandas frames, comparisons,
   diff, import/export, the top-level API.

A module this file does not place is a consumer. Imports inside functions
and under ``TYPE_CHECKING`` count too: a lazy import still makes the lower
layer know the higher one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "influence"

#: (layer, module prefixes); a module belongs to the layer of its longest matching prefix.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "utilities",
        (
            "influence.errors",
            "influence.i18n",
            "influence.dates",
            "influence.atomic",
            "influence.yamlwriter",
            "influence.wrapping",
            "influence.version",
            "influence.unprintable",
            "influence.worksheets",
        ),
    ),
    ("model", ("influence.model",)),
    (
        "loading",
        (
            "influence.schema",
            "influence.document",
            "influence.validation",
            "influence.loading",
            "influence.yamlreader",
            "influence.serialize",
        ),
    ),
    ("graph", ("influence.graph", "influence.peeling")),
    ("analysis", ("influence.analysis",)),
    ("store", ("influence.store",)),
    ("consumers", ("influence",)),
]
RANK = {name: i for i, (name, _) in enumerate(LAYERS)}

#: Imports that must not exist even though the layer order allows them.
FORBIDDEN = [
    ("influence.maps", "influence.store"),  # a map gets bytes or a writer, never the store
]

#: Known violations that other engineers still own; remove an entry when it is fixed.
KNOWN: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Project modules that ``name`` imports (the most specific module of each import)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets = [module]
            targets += [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in known]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph:
    """The project's import graph: an edge ``a -> b`` when module a imports module b."""
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports(name, path, set(modules)):
            graph.add_edge(name, target)
    return graph


def layer(module: str) -> str:
    """The layer a module belongs to."""
    best, best_len = "consumers", -1
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = name, len(prefix)
    return best


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_the_import_graph_sees_the_package():
    graph = import_graph()
    assert "influence.model" in graph and "influence.cli.app" in graph
    assert graph.has_edge("influence.graph", "influence.model")
    assert layer("influence.analysis.report") == "analysis"
    assert layer("influence.cli") == "consumers" and layer("influence") == "consumers"


def test_no_import_cycles():
    graph = import_graph()
    graph.remove_edges_from(KNOWN)
    cycles = sorted(" -> ".join([*c, c[0]]) for c in nx.simple_cycles(graph))
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_no_layer_imports_a_higher_one():
    bad = []
    for a, b in import_graph().edges:
        if (a, b) in KNOWN:
            continue
        if RANK[layer(a)] < RANK[layer(b)]:
            bad.append(f"{a} ({layer(a)}) imports {b} ({layer(b)})")
        bad += [f"{a} imports {b}: forbidden" for x, y in FORBIDDEN if _within(a, x) and _within(b, y)]
    assert bad == [], "\n".join(bad)


def test_the_model_imports_nothing_of_the_project_but_its_errors():
    """A wrong argument to a public method of the model is a UsageError, as everywhere else."""
    assert list(import_graph().successors("influence.model")) in ([], ["influence.errors"])
    assert list(import_graph().successors("influence.errors")) == []


def test_known_exceptions_still_exist():
    """An entry in KNOWN that is fixed must leave the list (so the list only shrinks)."""
    graph = import_graph()
    assert [edge for edge in KNOWN if not graph.has_edge(*edge)] == []
