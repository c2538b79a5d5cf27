"""``influence export graphml|gexf``: read back with networkx."""

from __future__ import annotations

import networkx as nx
import pytest

from influence import load
from influence.analysis import Facts
from influence.graph import influence_graph
from tests.conftest import EXAMPLES

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_read_back_with_networkx(run, tmp_path, fmt):
    out = tmp_path / f"uralmet.{fmt}"
    result = run("export", fmt, EXAMPLES / "uralmet.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    if fmt == "gexf":  # GEXF's own edge type is the direction; ours is an attribute
        assert 'type="reports_to"' not in out.read_text(encoding="utf-8")
    g = READERS[fmt](out)
    account = load(EXAMPLES / "uralmet.yaml")
    expected_nodes = {p.id for p in account.people} | {t.id for t in account.team}
    expected_nodes |= {c.id for c in account.competitors}
    assert set(g.nodes) == expected_nodes
    assert g.number_of_edges() == influence_graph(account).number_of_edges()
    ivanov = g.nodes["ivanov"]
    assert ivanov["kind"] == "person"
    assert ivanov["name"] == "Ivan Ivanov"
    assert ivanov["stance"] == 1
    assert ivanov["roles"] == "decision_maker;technical_buyer"
    assert ivanov["decision_maker"] is True
    assert ivanov["coverage"] == pytest.approx(round(Facts(account).link("ivanov").strength, 4))
    assert g.nodes["olga"]["kind"] == "team"
    assert g.nodes["rival"]["kind"] == "competitor"
    assert "stance" not in g.nodes["olga"]  # unknown stance is absent, never null
    edge = g.edges["kozlov", "ivanov"]
    assert (edge["type"], edge["strength"]) == ("influences", 0.7)
    for u, v, data in influence_graph(account).edges(data=True):
        assert g.edges[u, v]["strength"] == pytest.approx(data["strength"])
        assert g.edges[u, v]["type"] == data["type"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_redact_hides_private_people_and_ties(run, tmp_path, fmt):
    out = tmp_path / f"uralmet.{fmt}"
    assert run("export", fmt, EXAMPLES / "uralmet.yaml", "-o", out, "--redact").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Petrova" not in text and "petrova" not in text and "spouse" not in text
    g = READERS[fmt](out)
    assert g.nodes["informal-1"]["name"] == "Informal influencer"  # as on the map
    assert g.edges["informal-1", "petrov"]["type"] == "tie"
    assert g.edges["kozlov", "ivanov"]["type"] == "influences"


def test_unredacted_export_keeps_private_people(run, tmp_path):
    out = tmp_path / "u.graphml"
    assert run("export", "graphml", EXAMPLES / "uralmet.yaml", "-o", out).exit_code == 0
    g = nx.read_graphml(out)
    assert g.nodes["petrova"]["name"] == "Anna Petrova"
    assert g.edges["petrova", "petrov"]["type"] == "family"


def test_bad_source_writes_nothing(run, tmp_path):
    out = tmp_path / "u.gexf"
    result = run("export", "gexf", tmp_path / "missing.yaml", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'missing.yaml'}: no such file\n"
    assert not out.exists()


def _petrova_in_the_open():
    """UralMet with Anna Petrova (private) tied by a link not marked private, a colleague who
    reports to her, and her name in another person's title."""
    import dataclasses

    from influence.model import Link

    account = load(EXAMPLES / "uralmet.yaml")
    people = tuple(
        dataclasses.replace(p, reports_to="petrova")
        if p.id == "fedorov"
        else dataclasses.replace(p, title="Brother-in-law of Anna Petrova")
        if p.id == "belov"
        else p
        for p in account.people
    )
    links = (*account.links, Link("petrova", "orlova", "friend"))
    return dataclasses.replace(account, people=people, links=links)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_redact_hides_every_tie_of_a_private_person_and_her_attributes(tmp_path, fmt):
    """Not only links marked private: a link to a private person, and a reporting line to her,
    are ties of type "tie" without a strength (as the redacted map draws them), and her node
    carries nothing but its kind and the anonymous name."""
    from influence.exchange import export_graph

    out = tmp_path / f"x.{fmt}"
    out.write_bytes(export_graph(_petrova_in_the_open(), fmt, redact=True))
    assert "Petrova" not in out.read_text(encoding="utf-8")
    g = READERS[fmt](out)
    for u, v in [("informal-1", "orlova"), ("orlova", "informal-1"), ("fedorov", "informal-1")]:
        assert g.edges[u, v]["type"] == "tie"
        assert "strength" not in g.edges[u, v]
        assert g.edges[u, v].get("weight", 0.3) == 0.3  # GEXF: the lightest, never the default 1.0
    node = {k: v for k, v in g.nodes["informal-1"].items() if k != "label"}
    assert node == {"kind": "person", "name": "Informal influencer", "informal": True}
    assert g.nodes["belov"]["title"] == "Brother-in-law of an informal influencer"
    assert g.edges["kozlov", "ivanov"]["strength"] == 0.7


def test_an_unknown_format_is_a_usage_error():
    from influence.errors import UsageError
    from influence.exchange import export_graph

    with pytest.raises(UsageError, match="unknown graph format 'GEXF'; expected one of graphml, gexf"):
        export_graph(load(EXAMPLES / "uralmet.yaml"), "GEXF")


_DUAL = """format: influence/v1
account: {id: dual, name: Dual}
people:
  - {id: a, name: Alice, roles: [coach], stance: supporter}
  - {id: b, name: Bob, roles: [economic_buyer], stance: neutral}
  - {id: c, name: Carl, roles: [user]}
links:
  - {from: a, to: b, type: friend}
  - {from: a, to: b, type: family, private: true}
  - {from: a, to: c, type: family, private: true}
team:
  - {id: t, name: Tom}
relationships:
  - {team: t, person: a, strength: strong}
"""


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_redact_keeps_a_public_tie_that_a_stronger_private_one_hid(write, tmp_path, fmt):
    """Alice's public friendship with Bob (0.6) was exported as an unlabeled `tie`, because the
    graph keeps the stronger private family link (0.9) of the pair, while Bob's coverage (0.54)
    ran over the friendship: no exported edge explained it. A private tie that no public edge
    covers (Alice-Carl) stays an unlabeled tie, and in GEXF weighs least, not Gephi's 1.0."""
    from influence.exchange import export_graph

    account = load(write(_DUAL))
    out = tmp_path / f"dual.{fmt}"
    out.write_bytes(export_graph(account, fmt, redact=True))
    g = READERS[fmt](out)
    for u, v in [("a", "b"), ("b", "a")]:
        assert (g.edges[u, v]["type"], g.edges[u, v]["strength"]) == ("friend", 0.6)
    assert g.nodes["b"]["coverage"] == pytest.approx(0.9 * 0.6)
    for u, v in [("a", "c"), ("c", "a")]:
        assert g.edges[u, v]["type"] == "tie" and "strength" not in g.edges[u, v]
        if fmt == "gexf":
            assert g.edges[u, v]["weight"] <= min(
                d["strength"] for _, _, d in g.edges(data=True) if "strength" in d
            )
    assert "coverage" not in g.nodes["c"] or g.nodes["c"]["coverage"] == 0
    public = influence_graph(account.public_view())
    labeled = {(u, v): (d["type"], d["strength"]) for u, v, d in g.edges(data=True) if d["type"] != "tie"}
    assert labeled == {(u, v): (d["type"], d["strength"]) for u, v, d in public.edges(data=True)}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_redacted_public_edges_are_the_public_views_on_every_example(tmp_path, fmt):
    from influence.exchange import export_graph

    for example in sorted(EXAMPLES.glob("*.yaml")):
        account = load(example)
        out = tmp_path / f"x.{fmt}"
        out.write_bytes(export_graph(account, fmt, redact=True))
        g = READERS[fmt](out)
        labeled = {(u, v): (d["type"], d["strength"]) for u, v, d in g.edges(data=True) if d["type"] != "tie"}
        public = influence_graph(account.public_view())
        assert labeled == {(u, v): (d["type"], d["strength"]) for u, v, d in public.edges(data=True)}, example


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("how", ["--lang", "account"])
def test_the_anonymous_node_is_named_in_the_output_language(run, write, tmp_path, fmt, how):
    """With --lang ru (or account.language: ru) the redacted file named the private person
    "informal influencer" in English; the Russian map says «Неформальное влияющее лицо»."""
    text = (EXAMPLES / "uralmet.yaml").read_text(encoding="utf-8")
    lang: list[str] = ["--lang", "ru"]
    if how == "account":
        text = text.replace("  name: UralMet Holding\n", "  name: UralMet Holding\n  language: ru\n", 1)
        assert "language: ru" in text
        lang = []
    out = tmp_path / f"ru.{fmt}"
    assert run("export", fmt, write(text), "-o", out, "--redact", *lang).exit_code == 0
    node = {k: v for k, v in READERS[fmt](out).nodes["informal-1"].items() if k != "label"}
    assert node == {"kind": "person", "name": "Неформальное влияющее лицо", "informal": True}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize(
    "private",
    [
        "  - {from: a, to: c, type: family, private: true}\n",
        "  - {from: a, to: c, type: influences, strength: 0.7, private: true}\n",
        "  - {from: a, to: c, type: family, back_strength: 0, private: true}\n",
    ],
)
def test_a_redacted_file_tells_nothing_of_a_private_ties_type_or_direction(write, fmt, private):
    """A private family tie was exported both ways, an `influences` one or one with `back_strength: 0`
    one way only: which edges a shared file held told the private tie's type."""
    from influence.exchange import export_graph

    text = (
        "format: influence/v1\naccount: {id: x, name: X}\npeople:\n"
        "  - {id: a, name: Alice}\n  - {id: b, name: Bob}\n  - {id: c, name: Carl}\n"
        "links:\n  - {from: a, to: b, type: friend, strength: 0.6}\n"
    )
    family = export_graph(
        load(write(text + "  - {from: a, to: c, type: family, private: true}\n")), fmt, redact=True
    )
    assert export_graph(load(write(text + private)), fmt, redact=True) == family
