"""Result formats: standard, parseable by other tools, deterministic."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from sparql_fixtures import (
    GKD,
    fixture_seed_ox,  # noqa: F401 - fixtures
)

from graphkit.errors import QueryError
from graphkit.sparql.engine import run_query
from graphkit.sparql.results import GRAPH_FORMATS, SELECT_FORMATS, QueryResult, format_result

TRICKY = QueryResult(
    "SELECT",
    columns=("a", "b"),
    rows=(
        (URIRef(GKD + "x"), Literal('tab\there "quoted" | pipe\nnewline', lang="en")),
        (BNode("zz9"), Literal(5)),
        (None, Literal("2021", datatype=XSD.gYear)),
        (URIRef("http://example.org/<odd>"), Literal("[bold]not markup[/bold]")),
    ),
)


@pytest.mark.parametrize("fmt", SELECT_FORMATS)
def test_select_formats_are_deterministic(fmt) -> None:
    assert format_result(TRICKY, fmt) == format_result(TRICKY, fmt)


def test_json_results_round_trip_through_rdflib() -> None:
    from rdflib.query import Result

    text = format_result(TRICKY, "json")
    parsed = Result.parse(io.StringIO(text), format="json")
    rows = list(parsed)
    assert rows[0][1] == TRICKY.rows[0][1]
    assert isinstance(rows[1][0], BNode)
    assert rows[2][0] is None
    assert rows[2][1] == TRICKY.rows[2][1]


def test_xml_results_round_trip_through_rdflib() -> None:
    from rdflib.query import Result

    parsed = Result.parse(io.BytesIO(format_result(TRICKY, "xml").encode()), format="xml")
    rows = list(parsed)
    assert rows[0][1] == TRICKY.rows[0][1]
    assert rows[3][1] == TRICKY.rows[3][1]


def test_csv_and_tsv_follow_the_spec() -> None:
    text = format_result(TRICKY, "csv")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["a", "b"]
    assert rows[1][1] == 'tab\there "quoted" | pipe\nnewline'
    assert rows[2] == ["_:b0", "5"]
    tsv = format_result(TRICKY, "tsv").splitlines()
    assert tsv[0] == "?a\t?b"
    assert tsv[1].split("\t") == [f"<{GKD}x>", '"tab\\there \\"quoted\\" | pipe\\nnewline"@en']
    assert tsv[2].split("\t") == ["_:b0", "5"]


def test_table_and_markdown_are_text_not_markup() -> None:
    table = format_result(TRICKY, "table")
    assert "[bold]not markup[/bold]" in table
    assert "gkd:x" in table
    md = format_result(TRICKY, "markdown")
    assert "\\| pipe newline" in md
    assert md.count("\n") == 6


def test_ask_formats() -> None:
    yes = QueryResult("ASK", boolean=True)
    assert json.loads(format_result(yes, "json")) == {"head": {}, "boolean": True}
    assert "<boolean>true</boolean>" in format_result(yes, "xml")
    assert format_result(yes, "csv") == "_askResult\r\ntrue\r\n"


def test_graph_formats_parse_back(seed_ox) -> None:
    result = run_query(seed_ox, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    for fmt, parser in (("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld")):
        text = format_result(result, fmt)
        assert text == format_result(result, fmt)
        graph = Graph().parse(data=text, format=parser)
        assert len(graph) == len(result.graph)


def test_graph_formats_sort_blank_nodes_stably() -> None:
    def make(order):
        g = Graph()
        for i in order:
            b = BNode()
            g.add((URIRef(GKD + "x"), URIRef(GKD + "p"), b))
            g.add((b, URIRef(GKD + "n"), Literal(i)))
        return QueryResult("CONSTRUCT", graph=g)

    for fmt in GRAPH_FORMATS:
        assert format_result(make([1, 2, 3]), fmt) == format_result(make([3, 1, 2]), fmt)


def test_format_must_fit_the_form() -> None:
    with pytest.raises(QueryError):
        format_result(TRICKY, "turtle")
    with pytest.raises(QueryError):
        format_result(QueryResult("CONSTRUCT", graph=Graph()), "csv")
    with pytest.raises(QueryError):
        format_result(TRICKY, "yaml")  # type: ignore[arg-type]


HOSTILE = "\x1b]0;owned\x07\x1b[2J\x1b[31mred\r\x08\x9b31m\u202eevil\u2028end\x00"
HOSTILE_RESULT = QueryResult(
    "SELECT",
    columns=("x", "iri"),
    rows=((Literal(HOSTILE), URIRef("http://example.org/\x1b[5m")),),
)
CONTROLS = ["\x1b", "\x07", "\r", "\x08", "\x9b", "\u202e", "\u2028", "\x00"]


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_people_formats_show_control_characters_as_escapes(fmt: str) -> None:
    text = format_result(HOSTILE_RESULT, fmt, width=400)
    assert [c for c in CONTROLS if c in text] == []
    shown = text.replace("\\\\", "\\")  # markdown escapes the backslash itself
    escapes = [
        "\\x1b]0;owned\\x07",
        "\\x1b[31mred\\x0d\\x08\\x9b31m",
        "\\u202eevil\\u2028end\\x00",
        "\\x1b[5m",
    ]
    assert [escape for escape in escapes if escape not in shown] == []


def test_the_rich_table_holds_no_control_character() -> None:
    from io import StringIO

    from rich.console import Console

    from graphkit.sparql.results import to_rich_table

    out = StringIO()
    Console(file=out, width=400, force_terminal=True, color_system=None).print(to_rich_table(HOSTILE_RESULT))
    assert [c for c in CONTROLS if c in out.getvalue()] == []


def test_xml_reads_back_exactly_or_is_refused() -> None:
    from xml.etree import ElementTree

    kept = "red\r\n\t\x7f\x85\u202e & <b>"
    result = QueryResult("SELECT", columns=("x",), rows=((Literal(kept),),))
    literal = ElementTree.fromstring(format_result(result, "xml")).find(".//{*}literal")
    assert literal is not None
    assert literal.text == kept
    with pytest.raises(QueryError, match=r"U\+001B, which XML 1.0 cannot carry"):
        format_result(HOSTILE_RESULT, "xml")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_machine_formats_keep_the_exact_value(fmt: str) -> None:
    text = format_result(HOSTILE_RESULT, fmt)
    if fmt == "json":
        assert json.loads(text)["results"]["bindings"][0]["x"]["value"] == HOSTILE
    elif fmt == "csv":
        assert next(csv.DictReader(io.StringIO(text, newline="")))["x"] == HOSTILE
    else:  # the TSV results format escapes CR itself
        assert '"' + HOSTILE.replace("\r", "\\r") + '"' in text
