"""The named-question loader and its header format."""

from __future__ import annotations

import pytest
from sparql_fixtures import fixture_seed  # noqa: F401 - fixtures

from graphkit.errors import QueryError, UnsafeQueryError
from graphkit.sparql.library import get_query, list_queries, parse_named_query, run_named

HEADER = """# title: T
# description: D
#   continued
# params: {params}
# columns: {columns}
"""


def test_every_shipped_query_has_a_complete_header() -> None:
    queries = list_queries()
    assert queries
    for q in queries:
        assert q.title
        assert q.description
        assert q.text.startswith("#")
        assert "PREFIX" in q.text  # copy-paste ready


def test_header_parsing() -> None:
    q = parse_named_query(
        "x",
        HEADER.format(params="who (iri, required): an entity; year (year): a year", columns="who, year")
        + "SELECT ?who ?year WHERE { ?c gk:recipient ?who ; gk:awardYear ?year }",
    )
    assert q.description == "D continued"
    assert [(p.name, p.kind, p.required) for p in q.params] == [("who", "iri", True), ("year", "year", False)]
    assert q.columns == ("who", "year")


@pytest.mark.parametrize(
    ("params", "columns", "body", "error"),
    [
        ("(none)", "a, b", "SELECT ?a WHERE { ?a ?p ?o }", QueryError),
        ("zz (iri): nothing", "a", "SELECT ?a WHERE { ?a ?p ?o }", QueryError),
        ("a (colour): nothing", "a", "SELECT ?a WHERE { ?a ?p ?o }", QueryError),
        ("(none)", "a", "SELECT ?a WHERE { SERVICE <urn:x> { ?a ?p ?o } }", UnsafeQueryError),
    ],
)
def test_bad_named_queries_are_refused(params, columns, body, error) -> None:
    with pytest.raises(error):
        parse_named_query("x", HEADER.format(params=params, columns=columns) + body)


def test_missing_header_field() -> None:
    with pytest.raises(QueryError, match="lacks"):
        parse_named_query("x", "# title: T\nSELECT * { ?s ?p ?o }")


def test_unknown_query_and_params() -> None:
    with pytest.raises(QueryError, match="no named query"):
        get_query("nope")
    with pytest.raises(QueryError, match="needs the parameter label"):
        get_query("evidence").bindings({})
    with pytest.raises(QueryError, match="no parameter"):
        get_query("evidence").bindings({"label": "x", "colour": "red"})


def test_documents_on_the_seed(seed) -> None:
    result = run_named(seed, "documents")
    assert [str(r[0]).rsplit("/", 1)[1] for r in result.rows] == ["state-2021", "meridian-2023"]
    assert [int(r[4]) for r in result.rows] == [1, 2]


def test_evidence_on_the_seed(seed) -> None:
    result = run_named(seed, "evidence", {"label": "imelda poole"})  # an alias, any case
    assert len(result.rows) == 1
    assert "Sister Imelda Poole, Albania" in str(result.records()[0]["quote"])
