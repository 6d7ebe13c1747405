"""Analyses on the seed graph: summary, centrality, communities, brokers, paths, continuity."""

from __future__ import annotations

import networkx as nx
import pytest

import graphkit.network as gn
from graphkit.errors import InputError
from graphkit.vocab.namespaces import entity_iri


def iri(entity_id: str) -> str:
    return str(entity_iri(entity_id))


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return gn.project(dataset)


def test_summary(G):
    s = gn.summary(G)
    assert (s.nodes, s.edges, s.pairs) == (123, 160, 159)
    assert (s.components, s.largest_component, s.isolates) == (8, 108, 4)
    assert 0 < s.density < 0.05
    by_type = dict(zip(s.nodes_by_type["type"], s.nodes_by_type["count"], strict=True))
    assert by_type["Person"] == 17
    assert by_type["NGO"] == 4
    assert s.edges_by_relation.iloc[0].tolist() == ["speaker", 15]
    text = str(s)
    assert "entities            123" in text
    assert "met with" in text


def test_centrality_rankings(G):
    table = gn.centrality(G, top=5)
    assert list(table.columns) == ["label", "type", "degree", "betweenness", "pagerank", "node"]
    assert list(table.index) == [1, 2, 3, 4, 5]
    assert table.loc[1, "label"] == "IVLP 2023 for the TIP Report Heroes (Meridian)"
    assert table.loc[2, "label"] == "International Justice Mission"
    assert table.loc[3, "label"] == "IVLP 2021 for the TIP Report Heroes (virtual)"
    between = gn.centrality(G, measures=["betweenness"], top=3)
    assert list(between["label"]) == [
        "2021 Trafficking in Persons Report",
        "IVLP 2023 for the TIP Report Heroes (Meridian)",
        "U.S. Department of State",
    ]
    weighted = gn.centrality(G, measures=["degree", "eigenvector"], weight="support")
    assert len(weighted) == 123
    with pytest.raises(InputError, match="unknown centrality"):
        gn.centrality(G, measures=["closeness-ish"])


def test_pagerank_ranks_every_entity(G):
    table = gn.centrality(G, measures=["pagerank"])
    assert len(table) == 123
    assert abs(table["pagerank"].sum() - 1) < 1e-3
    assert table["label"].iloc[0] == "IVLP 2023 for the TIP Report Heroes (Meridian)"


def test_communities_are_reproducible_and_described(G):
    first = gn.communities(G, seed=7)
    assert first.equals(gn.communities(G, seed=7))
    table = gn.communities(G)
    assert int(table["size"].sum()) == 119  # every entity but the 4 isolated ones
    assert table.loc[1, "hub"] == "IVLP 2023 for the TIP Report Heroes (Meridian)"
    members = {label: row for row in table.itertuples() for label in row.members}
    # the 2023 heroes share a community; the 2021 counterparts share another
    assert members["Zaheer Ahmed"].Index == members["Dara Mech"].Index
    assert members["Freedom Network USA"].Index == members["U.S. Department of Labor"].Index
    assert "Person" in table.loc[members["Zaheer Ahmed"].Index, "types"]


def test_brokers(G):
    b = gn.brokers(G)
    points = b.articulation_points
    assert points.loc[1, "label"] == "International Justice Mission"
    assert {"IVLP 2023 for the TIP Report Heroes (Meridian)", "Antony Blinken"} <= set(points["label"])
    assert (b.bridges["cut_off"] >= 2).all()
    assert len(gn.brokers(G, include_leaves=True).bridges) > len(b.bridges)
    row = b.bridges.iloc[0]
    assert (row["source"], row["target"], row["cut_off"]) == (
        "Amy Vigil",
        "IVLP 2023 for the TIP Report Heroes (Meridian)",
        4,
    )
    assert "articulation points" in str(b)


def test_shortest_path_zaheer_to_freedom_network(G):
    path = gn.shortest_path(G, "Zaheer Ahmed", "Freedom Network USA")
    assert len(path) == 4
    assert [(h.source, h.relation, h.target, h.forward) for h in path.hops] == [
        ("Zaheer Ahmed", "participant", "IVLP 2023 for the TIP Report Heroes (Meridian)", False),
        ("IVLP 2023 for the TIP Report Heroes (Meridian)", "place visited", "Miami", True),
        ("Miami", "place visited", "IVLP 2021 for the TIP Report Heroes (virtual)", False),
        ("IVLP 2021 for the TIP Report Heroes (virtual)", "met with", "Freedom Network USA", True),
    ]
    for hop in path.hops:
        assert hop.quote
        assert hop.document
    assert "Freedom Network USA" in path.hops[-1].quote
    assert path.hops[0].quote.startswith("2023 TIP Report Hero Zaheer Ahmed")
    text = str(path)
    assert text.splitlines()[0] == "Zaheer Ahmed -> Freedom Network USA: 4 hop(s)"
    assert text.count('    "') == 4
    frame = path.to_frame()
    assert list(frame["target"])[-1] == "Freedom Network USA"


def test_shortest_path_errors(G):
    with pytest.raises(InputError, match="different components"):
        gn.shortest_path(G, "Zaheer Ahmed", "Interpol")
    with pytest.raises(InputError, match="Zaheer Ahmed"):
        gn.shortest_path(G, "Zaid Ahmose", "Freedom Network USA")


def test_continuity_htlc_and_polaris_connect_2021_and_2023(G):
    organizations = ["NGO", "Organization", "Government body"]
    table = gn.continuity(G, types=organizations)
    assert list(table["label"]) == ["Human Trafficking Legal Center", "Polaris Project"]
    htlc = table.iloc[0]
    assert "met with IVLP 2021" in htlc["links_2021"]
    assert "Martina Vandenberg" in htlc["links_2023"]
    assert "Mirella Beltram" in table.iloc[1]["links_2023"]
    everything = gn.continuity(G)
    assert {"Antony Blinken", "TIP Report Heroes Award", "Miami"} <= set(everything["label"])
    # a passing mention counts only when asked
    assert len(gn.continuity(G, linked=False)) >= len(everything)
    with pytest.raises(InputError, match="2022"):
        gn.continuity(G, years=(2021, 2022))


def _large_graph(nodes: int) -> nx.MultiDiGraph:
    """A connected graph of *nodes* entities shaped like a projection (labels, types, supported edges)."""
    base = nx.barabasi_albert_graph(nodes, 2, seed=3)
    M = nx.MultiDiGraph()
    for n in base:
        M.add_node(f"urn:x:{n:05d}", label=f"Entity {n:05d}", type="Organization")
    for u, v in base.edges():
        u, v = f"urn:x:{u:05d}", f"urn:x:{v:05d}"
        M.add_edge(u, v, key="linked", label="linked", documents=["D"], quotes=[])
    return M


def test_betweenness_is_an_estimate_above_the_limit_and_says_so():
    M = _large_graph(gn.EXACT_BETWEENNESS_MAX + 200)
    first = gn.centrality(M, measures=["betweenness"])
    again = gn.centrality(M, measures=["betweenness"])
    assert first.equals(again)  # the sources are drawn with a fixed seed
    assert first.attrs["notes"] == [
        "betweenness is an estimate: shortest paths from 50 of 1,200 entities drawn with seed 42 "
        "(exact up to 1,000 entities)"
    ]
    S = gn.simple_graph(M)
    sampled = nx.betweenness_centrality(S, k=gn.BETWEENNESS_SAMPLE, seed=42)
    exact = nx.betweenness_centrality(S)
    scores = dict(zip(first["node"], first["betweenness"], strict=True))
    assert all(scores[n] == round(sampled[n], 6) for n in S)
    assert any(scores[n] != round(exact[n], 6) for n in S)
    other_seed = gn.centrality(M, measures=["betweenness"], seed=7)
    assert not first.equals(other_seed)
    assert "seed 7" in other_seed.attrs["notes"][0]


def test_betweenness_is_exact_on_the_seed_graph(G):
    table = gn.centrality(G, measures=["degree", "betweenness"])
    assert table.attrs["notes"] == []
    exact = nx.betweenness_centrality(gn.simple_graph(G))
    assert all(b == round(exact[n], 6) for n, b in zip(table["node"], table["betweenness"], strict=True))
    assert gn.centrality(_large_graph(1500), measures=["pagerank"]).attrs["notes"] == []
