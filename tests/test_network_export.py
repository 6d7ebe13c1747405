"""Exports are read back by networkx (and pandas) and are byte-identical across runs."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest

import graphkit.network as gn
from graphkit.errors import InputError
from graphkit.vocab.namespaces import entity_iri

ZAHEER = str(entity_iri("zaheer-ahmed"))


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return gn.project(dataset)


def test_graphml_round_trip(G, tmp_path):
    (path,) = gn.export_graph(G, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    assert back.nodes[ZAHEER]["label"] == "Zaheer Ahmed"
    assert back.nodes[ZAHEER]["award_year"] == 2023
    edge = back.edges[
        str(entity_iri("ivlp-2021-tip-heroes")), str(entity_iri("freedom-network-usa")), "met with"
    ]
    assert edge["support"] == 1
    assert "Freedom Network USA" in edge["quotes"]
    assert edge["quotes"].endswith("Miami]")
    assert back.graph["title"] == G.graph["title"]


def test_gexf_round_trip(G, tmp_path):
    (path,) = gn.export_graph(G, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    assert back.nodes[ZAHEER]["label"] == "Zaheer Ahmed"
    assert back.nodes[ZAHEER]["aliases"] == "Ahmed"
    assert "lastmodifieddate" not in path.read_text("utf-8")


def test_csv_round_trip(G, tmp_path):
    nodes_csv, edges_csv = gn.export_graph(G, tmp_path / "csv", format="csv")
    nodes = pd.read_csv(nodes_csv)
    edges = pd.read_csv(edges_csv)
    assert list(nodes.columns[:6]) == ["id", "label", "type", "types", "aliases", "documents"]
    back = nx.from_pandas_edgelist(
        edges, "source", "target", edge_attr=True, create_using=nx.MultiDiGraph, edge_key="key"
    )
    assert back.number_of_edges() == G.number_of_edges()
    assert len(nodes) == G.number_of_nodes()
    row = nodes.set_index("id").loc[ZAHEER]
    assert row["country"] == "Pakistan"


def test_node_link_json_round_trip(G, tmp_path):
    (path,) = gn.export_graph(G, tmp_path / "g.json")
    data = json.loads(path.read_text("utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert back.is_multigraph()
    assert back.is_directed()
    assert back.number_of_edges() == G.number_of_edges()
    assert back.nodes[ZAHEER]["aliases"] == ["Ahmed"]  # lists kept as lists in JSON
    edge = next(iter(back.edges(data=True)))[2]
    assert isinstance(edge["quotes"][0], dict)


@pytest.mark.parametrize("name", ["g.graphml", "g.gexf", "g.json", "csv"])
def test_exports_are_byte_identical(dataset, tmp_path, name):
    first = gn.export_graph(gn.project(dataset), tmp_path / "a" / name)
    second = gn.export_graph(gn.project(dataset), tmp_path / "b" / name)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_views_export_too(G, tmp_path):
    B = gn.hero_counterpart_graph(G)
    (path,) = gn.export_graph(gn.hero_projection(B), tmp_path / "heroes.graphml")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == 5
    collapsed = gn.ego_view(G, "Zaheer Ahmed", radius=2)
    gn.export_graph(collapsed, tmp_path / "ego.gexf")
    assert nx.read_gexf(tmp_path / "ego.gexf").number_of_nodes() == collapsed.number_of_nodes()


def test_sanitize_makes_mixed_attributes_strings():
    M = nx.MultiDiGraph()
    M.add_node("a", year=2021)
    M.add_node("b", year=[2021, 2023])
    S = gn.sanitize(M)
    assert S.nodes["a"]["year"] == "2021"
    assert S.nodes["b"]["year"] == "2021 | 2023"


def test_unknown_format(G, tmp_path):
    with pytest.raises(InputError, match="unknown export format"):
        gn.export_graph(G, tmp_path / "g.xlsx", format="xlsx")
