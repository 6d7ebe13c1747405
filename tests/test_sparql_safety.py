"""The query safety check: updates, SERVICE and foreign FROM are refused before execution."""

from __future__ import annotations

import contextlib
import threading

import pytest
from sparql_fixtures import Listener, fixture_listener, fixture_seed  # noqa: F401 - fixtures

from graphkit.errors import QueryError, UnsafeQueryError
from graphkit.sparql.engine import run_query
from graphkit.sparql.safety import check_query

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "LOAD SILENT <http://127.0.0.1:9/x.ttl> INTO GRAPH <urn:g>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "ADD <urn:a> TO <urn:b>",
    "MOVE <urn:a> TO <urn:b>",
    "COPY DEFAULT TO <urn:b>",
    "PREFIX ex: <urn:> INSERT DATA { ex:a ex:b ex:c } ; DROP ALL",
]


@pytest.mark.parametrize("text", UPDATES)
def test_updates_are_refused_as_updates(text: str) -> None:
    with pytest.raises(UnsafeQueryError, match="updates are not allowed"):
        check_query(text)


def service_queries(url: str) -> list[str]:
    s = f"SERVICE <{url}> {{ ?s ?p ?o }}"
    return [
        f"SELECT * WHERE {{ {s} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { SERVICE SILENT ?e { ?s ?p ?o } }",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ {s} }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ ?a ?b ?d OPTIONAL {{ {s} }} }} }}",
        f"SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ {s} }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c MINUS {{ {s} }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ {s} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ {s} }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ {s} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ {s} }} }}",
        f"SELECT (EXISTS {{ {s} }} AS ?x) WHERE {{ ?s ?p ?o }}",
        f"SELECT * WHERE {{ ?s ?p ?o }} ORDER BY EXISTS {{ {s} }}",
        f"SELECT ?s WHERE {{ ?s ?p ?o }} GROUP BY ?s HAVING (EXISTS {{ {s} }})",
        f"ASK {{ {s} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {s} }}",
        f"DESCRIBE ?s WHERE {{ {s} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    ]


@pytest.mark.parametrize("index", range(len(service_queries("http://x/"))))
def test_service_is_refused_and_nothing_connects(seed, listener: Listener, index: int) -> None:
    text = service_queries(listener.url)[index]
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        run_query(seed, text)
    assert not listener.connected(), "a connection was made to the SERVICE address"


def test_the_listener_would_see_an_unchecked_service_call(listener: Listener) -> None:
    """Positive control: pyoxigraph really does connect when SERVICE is not refused."""
    import pyoxigraph as ox

    store = ox.Store()

    def attempt() -> None:
        with contextlib.suppress(Exception):  # the listener closes the connection
            list(store.query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    assert listener.connected(wait=5)
    thread.join(10)


@pytest.mark.parametrize(
    "text",
    [
        "# SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\nSELECT * WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }' }",
        'SELECT * WHERE { ?s ?p """LOAD <http://x/> ; DROP ALL""" }',
        "SELECT ?service WHERE { ?service a <https://schema.org/Service> }",
        "SELECT * WHERE { ?s <http://example.org/vocab#SERVICE> ?o }",
    ],
)
def test_the_words_in_comments_strings_and_names_are_allowed(seed, text: str) -> None:
    check_query(text)
    run_query(seed, text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "BASE <{url}> SELECT * FROM <x.ttl> WHERE {{ ?s ?p ?o }}",
        "ASK FROM <{url}> {{ ?s ?p ?o }}",
        "CONSTRUCT {{ ?s ?p ?o }} FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "DESCRIBE ?s FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_foreign_from_is_refused_and_never_fetched(seed, listener: Listener, text: str) -> None:
    with pytest.raises(UnsafeQueryError, match="FROM"):
        run_query(seed, text.format(url=listener.url))
    assert not listener.connected()


def test_from_a_graphkit_graph_selects_it(seed) -> None:
    text = "SELECT ?s FROM <https://w3id.org/graphkit/id/document/state-2021> WHERE { ?s gk:recipient ?o }"
    rows = run_query(seed, text).rows
    assert [str(r[0]) for r in rows] == ["https://w3id.org/graphkit/id/conferral-2021-imelda-poole"]


def test_rdflib_never_loads_from_graphs(seed) -> None:
    import rdflib.plugins.sparql

    # ``seed`` came from open_store, which sets the flag for the whole process
    assert rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS is False
    assert "graphkit-refuse-service" in rdflib.plugins.sparql.CUSTOM_EVALS


def test_malformed_query_names_line_and_column() -> None:
    with pytest.raises(QueryError, match=r"line 2, column \d+") as info:
        check_query("SELECT ?s\nWHERE { ?s ?p }")
    assert not isinstance(info.value, UnsafeQueryError)
    assert "^" in str(info.value)


@pytest.mark.parametrize("text", ["", "   ", "SELEKT * { ?s ?p ?o }", "SELECT * { ?s foo:bar ?o }"])
def test_other_bad_text_is_a_query_error(text: str) -> None:
    with pytest.raises(QueryError):
        check_query(text)


def test_check_reports_form_variables_and_graphs() -> None:
    checked = check_query(
        "CONSTRUCT { ?s ?p ?o } FROM <https://w3id.org/graphkit/id/graph/entities> WHERE { ?s ?p ?o }"
    )
    assert checked.form == "CONSTRUCT"
    assert checked.variables == {"s", "p", "o"}
    assert checked.graphs == ("https://w3id.org/graphkit/id/graph/entities",)
    assert not checked.short_construct
    assert check_query("CONSTRUCT WHERE { ?s ?p ?o }").short_construct


def test_deep_nesting_is_checked_or_refused_cleanly() -> None:
    nested = "SELECT * WHERE " + "{ " * 30 + "SERVICE <urn:x> { ?s ?p ?o } " + "} " * 30
    with pytest.raises(UnsafeQueryError):
        check_query(nested)
    too_deep = "SELECT * WHERE " + "{ " * 400 + "?s ?p ?o " + "} " * 400
    with pytest.raises(QueryError):  # the parser's recursion limit, reported as a QueryError
        check_query(too_deep)


# ----------------------------------------------------------------- one text for both parsers


def test_line_ends_become_lf_and_the_normalised_text_is_what_runs(seed) -> None:
    checked = check_query("SELECT ?s\r\nWHERE { ?s ?p ?o } # note\rLIMIT 1\r\n")
    assert checked.text == "SELECT ?s\nWHERE { ?s ?p ?o } # note\nLIMIT 1\n"
    from graphkit.sparql.engine import prepare_query

    assert "\r" not in prepare_query("ASK {\r ?s ?p ?o }")[1]
    assert len(run_query(seed, "SELECT ?s\r\nWHERE { ?s ?p ?o } # note\rLIMIT 1\r\n")) == 1


def test_a_leading_byte_order_mark_is_removed() -> None:
    assert check_query("\ufeffASK { ?s ?p ?o }").text == "ASK { ?s ?p ?o }"


@pytest.mark.parametrize(
    "char", ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufeff"]
)
def test_control_characters_are_refused_with_their_place(char: str) -> None:
    with pytest.raises(QueryError, match=rf"U\+{ord(char):04X} at line 2, column 11") as info:
        check_query(f"ASK {{\n  ?s ?p 'a{char}b' }}")
    assert not isinstance(info.value, UnsafeQueryError)


@pytest.mark.parametrize(
    "text",
    [
        "ASK { ?s ?p 'caf\\u00e9' }",
        "ASK { ?s <urn:\\U00000061> ?o }",
        "# \\u000a\nASK { ?s ?p ?o }",
        "A\\u0053K { ?s ?p ?o }",
    ],
)
def test_codepoint_escapes_are_refused_anywhere(text: str) -> None:
    with pytest.raises(QueryError, match=r"codepoint escape \\[uU]0*[0-9a-fA-F]+ at line \d+, column \d+"):
        check_query(text)


def test_tabs_newlines_and_any_printable_unicode_are_accepted(seed) -> None:
    text = "ASK {\n\t?s ?p 'café\u00a0naïve — 中文 \\t \\n \\r \\\\' }"
    assert check_query(text).text == text
    assert run_query(seed, text).boolean is False


def test_a_text_oxigraph_cannot_read_is_refused_even_if_rdflib_can() -> None:
    text = "SELECT * WHERE { ?s <relative> ?o }"  # no BASE: rdflib keeps it, Oxigraph refuses
    from rdflib.plugins.sparql.parser import parseQuery

    parseQuery(text)
    with pytest.raises(QueryError, match="Oxigraph"):
        check_query(text)


def test_asking_oxigraph_to_parse_never_runs_the_query(listener: Listener) -> None:
    from graphkit.sparql.safety import _oxigraph_syntax_error

    assert _oxigraph_syntax_error(f"ASK {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", {}) is None
    assert "error" in (_oxigraph_syntax_error("ASK { ?s ?p }", {}) or "")
    assert not listener.connected()


def test_a_service_only_oxigraph_reads_is_refused() -> None:
    """The second reading: the neutralised text must still parse for Oxigraph."""
    from graphkit.sparql.safety import _require_oxigraph_agreement

    with pytest.raises(UnsafeQueryError, match="Oxigraph reads a SERVICE"):
        _require_oxigraph_agreement("ASK { # c\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}", {})
    _require_oxigraph_agreement("ASK { ?service <urn:x:Service> 'SERVICE' }", {})


def test_rdflib_engine_refuses_service_by_itself(listener: Listener) -> None:
    """Defence in depth: the memory engine refuses SERVICE even when handed an unchecked text."""
    from sparql_fixtures import SEED

    import graphkit.sparql.engine  # noqa: F401 - registers the custom evaluation
    from graphkit.rdf.store import open_store

    dataset = open_store(SEED, engine="memory")
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        list(dataset.query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
    assert not listener.connected()


def test_a_text_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import rdflib.plugins.sparql.parser as parser

    from graphkit.sparql.engine import prepare_query

    text = "SELECT ?n WHERE { ?p rdfs:label ?n } # checked once"
    first = prepare_query(text, bindings={"n": "Imelda"})
    calls = []
    original = parser.parseQuery
    monkeypatch.setattr(parser, "parseQuery", lambda q: calls.append(q) or original(q))
    assert prepare_query(text, bindings={"n": "Imelda"}) == first
    assert check_query(text) is check_query(text)
    assert calls == []


def test_a_bound_value_with_a_control_character_is_refused() -> None:
    from graphkit.sparql.binding import bind_values

    with pytest.raises(QueryError, match=r"the value for \?n holds a control character"):
        bind_values("SELECT ?n WHERE { ?p rdfs:label ?n }", {"n": "a\x1b[31mb"})


def test_a_huge_text_is_checked_but_not_remembered() -> None:
    from graphkit.sparql.safety import _check

    text = "ASK { ?s ?p ?o }" + " " * 30_000
    before = _check.cache_info().currsize
    assert check_query(text).form == "ASK"
    assert _check.cache_info().currsize == before


def test_run_query_reports_the_line_of_the_text_as_given(seed) -> None:
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        run_query(seed, "SELECT ?s\nWHERE { ?s ?p }")
