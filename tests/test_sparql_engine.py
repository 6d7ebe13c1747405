"""run_query, parameter binding, labels and DataFrames, on both embedded engines."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from sparql_fixtures import GKD, fixture_listener, fixture_seed  # noqa: F401 - fixtures

from graphkit.errors import QueryError
from graphkit.sparql.binding import bind_values, to_term
from graphkit.sparql.engine import Endpoint, add_labels, prepare_query, run_query

HEROES = """SELECT ?hero ?year WHERE {
  ?c gk:recipient ?hero ; gk:awardYear ?year .
} ORDER BY ?year"""


def test_select_rows_and_columns(seed) -> None:
    result = run_query(seed, HEROES)
    assert result.form == "SELECT"
    assert result.columns == ("hero", "year")
    assert [(str(h), str(y)) for h, y in result.rows] == [
        (GKD + "imelda-poole", "2021"),
        (GKD + "zaheer-ahmed", "2023"),
    ]
    assert not result.truncated


def test_ask_construct_describe(seed) -> None:
    assert run_query(seed, "ASK { ?s a schema:Person }").boolean is True
    assert run_query(seed, "ASK { ?s a schema:Corporation }").boolean is False
    graph = run_query(seed, "CONSTRUCT { ?h a schema:Person } WHERE { ?c gk:recipient ?h }").graph
    assert len(graph) == 2
    described = run_query(seed, "DESCRIBE gkd:imelda-poole").graph
    assert (
        URIRef(GKD + "imelda-poole"),
        URIRef(GKD.replace("id/", "ontology#") + "country"),
        URIRef(GKD + "albania"),
    ) in described


def test_unbound_values_are_none(seed) -> None:
    result = run_query(
        seed, "SELECT ?d ?p WHERE { ?d a gk:SourceDocument OPTIONAL { ?d dcterms:publisher ?p } } ORDER BY ?d"
    )
    assert [row[1] is None for row in result.rows] == [False, True]


def test_max_rows_truncates_and_says_so(seed) -> None:
    result = run_query(seed, "SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    assert len(result.rows) == 3
    assert result.truncated
    exact = run_query(seed, HEROES, max_rows=2)
    assert len(exact.rows) == 2
    assert not exact.truncated
    graph = run_query(seed, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", max_rows=5)
    assert len(graph.graph) == 5
    assert graph.truncated


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("gkd:imelda-poole", [GKD + "imelda-poole"]),
        ("<https://w3id.org/graphkit/id/zaheer-ahmed>", [GKD + "zaheer-ahmed"]),
        ("https://w3id.org/graphkit/id/zaheer-ahmed", [GKD + "zaheer-ahmed"]),
        (URIRef(GKD + "imelda-poole"), [GKD + "imelda-poole"]),
        ("gkd:nobody", []),
    ],
)
def test_bindings_are_rdf_terms(seed, value, expected) -> None:
    result = run_query(seed, HEROES, bindings={"hero": value})
    assert [str(r[0]) for r in result.rows] == expected


def test_bindings_reach_inside_aggregates(seed) -> None:
    text = "SELECT (COUNT(?c) AS ?n) WHERE { ?c gk:recipient ?hero }"
    assert int(run_query(seed, text).rows[0][0]) == 2
    assert int(run_query(seed, text, bindings={"hero": "gkd:zaheer-ahmed"}).rows[0][0]) == 1


def test_typed_literal_bindings(seed) -> None:
    year = Literal("2021", datatype=XSD.gYear)
    assert len(run_query(seed, HEROES, bindings={"year": year}).rows) == 1
    assert len(run_query(seed, HEROES, bindings={"year": "2021"}).rows) == 0  # a plain string


@pytest.mark.parametrize(
    "hostile",
    [
        '" } } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #',
        "x' } ; DROP ALL ; #",
        '"""\n} INSERT DATA { <urn:a> <urn:b> <urn:c> }',
        '\\" } #',
        "<http://127.0.0.1:9/> } SERVICE ?x {",
    ],
)
def test_hostile_values_stay_literals(seed, hostile: str) -> None:
    text = "SELECT ?name WHERE { ?e rdfs:label ?name }"
    result = run_query(seed, text, bindings={"name": hostile})
    assert result.rows == ()
    bound = bind_values(text, {"name": hostile})
    assert "VALUES (?name)" in bound


def test_binding_errors() -> None:
    with pytest.raises(QueryError, match="no variable"):
        bind_values("SELECT * { ?s ?p ?o }", {"x": "a"})
    with pytest.raises(QueryError, match="short form"):
        bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": "gkd:x"})
    with pytest.raises(QueryError, match="not a variable name"):
        bind_values("SELECT * { ?s ?p ?o }", {"s p": "a"})
    with pytest.raises(QueryError, match="blank node"):
        to_term(__import__("rdflib").BNode())
    with pytest.raises(QueryError):
        to_term("<http://x y>", "iri")
    with pytest.raises(QueryError):
        to_term("2021-13-40", "date")
    with pytest.raises(QueryError):
        to_term("twenty", "integer")


def test_to_term_kinds() -> None:
    assert to_term("5", "integer") == Literal(5)
    assert to_term("2023-06-15", "date") == Literal("2023-06-15", datatype=XSD.date)
    assert to_term("true", "boolean") == Literal(True)
    assert to_term("gkd:x", "string") == Literal("gkd:x")
    assert to_term(7) == Literal(7)


def test_prepare_declares_missing_prefixes_only() -> None:
    _, text = prepare_query("PREFIX gk: <urn:other#>\nASK { ?s gk:x ?o }")
    assert "PREFIX gk: <https://w3id.org" not in text
    assert "PREFIX schema: <https://schema.org/>" in text


def test_labels_are_added_next_to_iri_columns(seed) -> None:
    result = add_labels(run_query(seed, HEROES), seed)
    assert result.columns == ("hero", "hero_label", "year")
    assert [str(r[1]) for r in result.rows] == ["Sister Imelda Poole", "Zaheer Ahmed"]
    already = run_query(
        seed, "SELECT ?hero ?hero_label WHERE { ?c gk:recipient ?hero . ?hero rdfs:label ?hero_label }"
    )
    assert add_labels(already, seed).columns == ("hero", "hero_label")


def test_dataframe(seed) -> None:
    frame = run_query(seed, HEROES).to_dataframe()
    assert list(frame.columns) == ["hero", "year"]
    assert frame["year"].tolist() == [2021, 2023]
    assert frame["hero"].tolist()[0] == GKD + "imelda-poole"
    triples = run_query(seed, "DESCRIBE gkd:albania").to_dataframe()
    assert list(triples.columns) == ["subject", "predicate", "object"]
    with pytest.raises(QueryError):
        run_query(seed, "ASK { ?s ?p ?o }").to_dataframe()


def test_endpoint_url_must_be_http() -> None:
    with pytest.raises(QueryError):
        Endpoint("file:///etc/passwd")
    with pytest.raises(QueryError):
        run_query("ftp://example.org/sparql", "ASK { ?s ?p ?o }")


def test_unreachable_endpoint_is_a_query_error(listener) -> None:
    listener.close()  # nothing listens there any more
    with pytest.raises(QueryError, match="cannot reach"):
        run_query(Endpoint(listener.url, timeout=2), "ASK { ?s ?p ?o }")
