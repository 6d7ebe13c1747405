"""The projection: nodes, edges, provenance, n-ary collapse, and the SPARQL round trip."""

from __future__ import annotations

import networkx as nx
import pytest

import graphkit.network as gn
from graphkit.errors import InputError
from graphkit.vocab.namespaces import GK, ORG, PREFIXES, SCHEMA, entity_iri


def iri(entity_id: str) -> str:
    return str(entity_iri(entity_id))


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return gn.project(dataset)


@pytest.fixture(scope="module")
def C(dataset) -> nx.MultiDiGraph:
    return gn.project(dataset, nary="collapse")


def test_public_api_is_sorted_and_complete():
    # isort-style, as ruff's RUF022 keeps it: constants, classes, functions
    kind = {True: 0, False: 1}
    assert gn.__all__ == sorted(gn.__all__, key=lambda n: (kind[n.isupper()], not n[0].isupper(), n))
    for name in gn.__all__:
        assert hasattr(gn, name), name


def test_round_trip_statement_count_equals_edge_count(dataset, G):
    rows = list(dataset.query(gn.entity_statements_query(), initNs=PREFIXES))
    statements = {(str(s), str(p), str(o)) for s, p, o in rows}
    edges = {(u, d["predicate"], v) for u, v, d in G.edges(data=True)}
    assert len(rows) == len(statements) == G.number_of_edges() == 160
    assert edges == statements


def test_nodes_are_the_curated_entities_with_readable_types(G):
    assert G.number_of_nodes() == 123
    assert all(n.startswith("https://w3id.org/graphkit/id/") for n in G)
    assert not any("/document/" in n or "/evidence/" in n for n in G)
    types = {G.nodes[iri(e)]["type"] for e in ("polaris-project", "tip-office", "miami")}
    assert types == {"NGO", "Government body", "City"}
    assert G.nodes[iri("ivlp-2023-tip-heroes")]["type"] == "Program edition"
    assert G.nodes[iri("conferral-2023-cohort")]["type"] == "Award conferral"


def test_node_attributes(G):
    zaheer = G.nodes[iri("zaheer-ahmed")]
    assert zaheer["label"] == "Zaheer Ahmed"
    assert zaheer["types"] == [str(SCHEMA.Person)]
    assert zaheer["aliases"] == ["Ahmed"]
    assert zaheer["country"] == "Pakistan"
    assert zaheer["award_year"] == 2023
    assert zaheer["documents"] == [
        "From Pakistan to Peru: How IVLP TIP Heroes Are Shaping the Fight Against Human Trafficking"
    ]
    edition = G.nodes[iri("ivlp-2021-tip-heroes")]
    assert edition["edition_year"] == 2021
    assert edition["participant_count"] == 8
    assert edition["format"] == "virtual"
    assert edition["start_month"] == "2021-07"
    assert G.nodes[iri("imelda-poole")]["award_year"] == 2021
    assert G.nodes[iri("polaris-project")]["aliases"] == ["Polaris", "the Polaris Project"]
    assert "description" in G.nodes[iri("president-biden")]


def test_edges_carry_predicate_label_and_quotes(G):
    edge = G.edges[iri("ivlp-2021-tip-heroes"), iri("freedom-network-usa"), "met with"]
    assert edge["predicate"] == str(GK.counterpart)
    assert edge["label"] == "met with"
    assert edge["support"] == 1 == len(edge["documents"])
    assert edge["documents"] == ["2021 TIP Report Heroes on a virtual IVLP in Minneapolis and Miami"]
    (quote,) = edge["quotes"]
    assert quote["document"] == edge["documents"][0]
    assert "Freedom Network USA" in quote["text"]
    # a fact two documents state
    edition_of = G.edges[iri("ivlp-2021-tip-heroes"), iri("ivlp"), "edition of"]
    assert edition_of["support"] == 2
    for _, _, d in G.edges(data=True):
        # by document, then in reading order
        assert [q["document"] for q in d["quotes"]] == sorted(q["document"] for q in d["quotes"])
        assert d["support"] == len(d["documents"]) >= 1
        assert {q["document"] for q in d["quotes"]} <= set(d["documents"])


def test_projection_is_deterministic(dataset, G):
    again = gn.project(dataset)
    assert list(again.nodes(data=True)) == list(G.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    assert G.graph["title"]
    assert G.graph["nary"] == "keep"
    assert G.graph["documents"]["2021 Trafficking in Persons Report"]["year"] == 2021


def test_collapse_makes_direct_labelled_edges(C):
    assert C.graph["nary"] == "collapse"
    assert not any(
        set(d["types"]) & {str(GK.AwardConferral), str(GK.ProgramEdition), str(ORG.Membership)}
        for _, d in C.nodes(data=True)
    )
    award = C.edges[
        iri("zaheer-ahmed"), iri("tip-report-heroes-award"), "received TIP Report Heroes Award (2023)"
    ]
    assert award["award_year"] == 2023
    assert "date" not in award  # the day is stated of the eight, on the cohort's conferral
    assert award["record"] == iri("conferral-2023-zaheer-ahmed")
    cohort = C.edges[
        iri("tip-heroes-2023"), iri("tip-report-heroes-award"), "received TIP Report Heroes Award (2023)"
    ]
    assert cohort["date"] == "2023-06-15"
    assert award["quotes"]
    assert award["support"] == 1
    role = C.edges[iri("martina-vandenberg"), iri("human-trafficking-legal-center"), "founder and president"]
    assert role["predicate"] == str(ORG.organization)
    # the role became a label: its node is gone
    assert iri("role-founder-and-president") not in C
    # a collapsed edge carries the union of its parts' provenance
    met = C.edges[
        iri("imelda-poole"),
        iri("freedom-network-usa"),
        "met with during International Visitor Leadership Program (2021)",
    ]
    assert len(met["documents"]) == 2
    # edges that pointed at a record go to its head
    part = C.edges[
        iri("keynote-2023-vandenberg"),
        iri("ivlp-tip-heroes-program"),
        "part of (IVLP 2023 for the TIP Report Heroes (Meridian))",
    ]
    assert part["predicate"] == str(SCHEMA.superEvent)


def test_optional_layers(dataset, G):
    full = gn.project(dataset, include_documents=True, include_evidence=True, include_ontology=True)
    types = {d["type"] for _, d in full.nodes(data=True)}
    assert {"Source document", "Evidence quote", "Class"} <= types
    assert set(G) < set(full)
    docs = [n for n, d in full.nodes(data=True) if d["type"] == "Source document"]
    assert len(docs) == 5
    labels = {k for _, _, k in full.edges(keys=True)}
    assert {"mentions", "derived from", "quoted from", "Type", "published by"} <= labels


def test_construct_result_projects_too(dataset):
    result = dataset.query(
        """CONSTRUCT { ?s ?p ?o . ?s a ?t ; skos:prefLabel ?l . ?o a ?u ; skos:prefLabel ?m }
        WHERE { GRAPH ?g { ?s ?p ?o } ?s a ?t ; skos:prefLabel ?l . ?o a ?u ; skos:prefLabel ?m .
                FILTER (?p = gk:counterpart) }""",
        initNs=PREFIXES,
    )
    H = gn.project(result.graph)
    assert H.number_of_edges() == 9  # 5 + 3 edition counterparts, 1 site visit
    assert H.nodes[iri("polaris-project")]["label"] == "Polaris Project"


def test_unknown_nary_mode(dataset):
    with pytest.raises(InputError, match="nary"):
        gn.project(dataset, nary="flatten")


def test_every_store_gives_the_same_projection(tmp_path, G, C):
    # the Oxigraph scan (iter_quads, one graph at a time) and rdflib's own store reach the index differently
    from pathlib import Path

    from graphkit.rdf.store import open_store

    nquads = Path(__file__).resolve().parent.parent / "data" / "build" / "graphkit.nq"
    stores = {"oxigraph": open_store(nquads, on_disk=False), "memory": open_store(nquads, engine="memory")}
    for nary, expected in (("keep", G), ("collapse", C)):
        gn.export_graph(expected, tmp_path / f"expected-{nary}.json")
        for engine, dataset in stores.items():
            gn.export_graph(gn.project(dataset, nary=nary), tmp_path / f"{engine}-{nary}.json")
            got = (tmp_path / f"{engine}-{nary}.json").read_bytes()
            assert got == (tmp_path / f"expected-{nary}.json").read_bytes(), (engine, nary)


def test_projection_leaves_the_garbage_collector_as_it_found_it(dataset):
    import gc

    assert gc.isenabled()
    gn.project(dataset)
    assert gc.isenabled()
    gc.disable()
    try:
        gn.project(dataset)
        assert not gc.isenabled()
    finally:
        gc.enable()
