"""Evidence one command away, and provenance that does not answer ordinary questions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sparql_fixtures import OxigraphServer
from typer.testing import CliRunner

import graphkit as gk
from graphkit.cli import app
from graphkit.entity_evidence import COLUMNS
from graphkit.errors import InputError
from graphkit.sparql.engine import PROVENANCE_GRAPH, run_query, with_dataset_clause
from graphkit.sparql.push import push

ROOT = Path(__file__).resolve().parent.parent
STATE = "SELECT ?x ?p WHERE { ?x ?p gkd:us-department-of-state }"
MEETING = "eca-2021-virtual-ivlp-blog"


def test_evidence_includes_the_records_about_the_entity(dataset) -> None:
    """The award date and presenter are on the conferral: the cohort's evidence shows them."""
    table = gk.evidence(dataset, "2023 TIP Report Heroes")
    assert list(table.columns) == list(COLUMNS)
    award = table[table["via"] == "TIP Report Heroes Award 2023 to eight activists"]
    assert set(award["predicate"]) == {"date", "presented by", "award", "award year"}
    presenter = award[award["predicate"] == "presented by"].iloc[0]
    assert presenter["other"] == "Antony Blinken"
    assert presenter["quote"].startswith("On June 15, 2023, U.S. Secretary of State Antony Blinken presented")
    assert presenter["quote"].endswith("with the 2023 TIP Report Heroes Award.")  # in full
    assert award[award["predicate"] == "date"].iloc[0]["object"] == "2023-06-15"


def test_evidence_of_a_person(dataset) -> None:
    table = gk.evidence(dataset, "Dara Mech")
    award = table[table["via"] == "TIP Report Heroes Award 2023 to Dara Mech"]
    assert set(award["predicate"]) == {"award", "award year"}
    own = table[table["predicate"] == "country"].iloc[0]
    assert (own["subject"], own["object"], own["other"]) == ("Dara Mech", "Cambodia", "Cambodia")
    assert own["via"] == ""
    inverse = table[table["predicate"] == "participant"].iloc[0]
    assert inverse["other"] == "IVLP 2023 for the TIP Report Heroes (Meridian)"
    assert set(table["title"]) == {
        "From Pakistan to Peru: How IVLP TIP Heroes Are Shaping the Fight Against Human Trafficking"
    }
    corpus = gk.load_corpus()
    for row in table.itertuples():
        assert corpus[row.document].text[row.start : row.end] == row.quote


def test_evidence_of_an_unknown_name_is_an_error(dataset) -> None:
    with pytest.raises(InputError, match="no entity is called 'Nobody'"):
        gk.evidence(dataset, "Nobody")


def test_the_evidence_command_shows_offsets_and_file_line() -> None:
    result = CliRunner().invoke(app, ["evidence", "Dara Mech"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "evidence about Dara Mech (Person, dara-mech)"
    out = result.stdout
    assert "Dara Mech · country · Cambodia" in out
    assert "meridian-2023-ivlp-tip-heroes, characters 3560-3655" in out
    assert "data/facts/statements/meridian-2023-ivlp-tip-heroes.yaml:95" in out
    # piped output is not wrapped: the whole quote stands on one line
    quote = "Awardee Dara Mech of Cambodia reflected on the network he developed as part of the IVLP program"
    assert quote in out
    assert "7 statements" in out


@pytest.mark.parametrize("fmt", ["csv", "JSON", "markdown"])
def test_the_evidence_command_speaks_the_query_formats(fmt: str) -> None:
    result = CliRunner().invoke(app, ["evidence", "sister poole", "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "JSON":
        rows = json.loads(result.stdout)["results"]["bindings"]
        assert {r["document_id"]["value"] for r in rows} == {MEETING}
        assert all(r["source"]["value"].startswith(f"data/facts/statements/{MEETING}.yaml:") for r in rows)
    elif fmt == "csv":
        header = result.stdout.splitlines()[0].split(",")
        assert header[:4] == ["subject", "subject_label", "predicate", "predicate_label"]
        assert {"quote", "document_id", "start", "end", "source"} <= set(header)
    else:
        assert "| Sister Imelda Poole | country | Albania |" in result.stdout


@pytest.mark.parametrize("engine", ["oxigraph", "memory"])
def test_provenance_does_not_answer_ordinary_patterns(engine: str) -> None:
    dataset = gk.load(ROOT, engine=engine, rebuild=False)
    rows = run_query(dataset, STATE).rows
    assert len(rows) == 10
    assert not [x for x, _ in rows if "/statement/" in str(x)]
    # provenance is kept, in its own graph, for the queries that name it
    named = run_query(dataset, f"SELECT ?st WHERE {{ GRAPH <{PROVENANCE_GRAPH}> {{ ?st rdf:object ?o }} }}")
    assert len({st for (st,) in named.rows}) == gk.summarize(dataset).statements > 300
    # a query that gives its own dataset is run as written
    union = "SELECT ?x WHERE { GRAPH ?g { ?x ?p gkd:us-department-of-state } }"
    assert len(run_query(dataset, union)) == 19


@pytest.fixture(scope="module")
def pushed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-provenance"))
    try:
        push(ROOT / "data" / "build" / "graphkit.nq", server.store_url)
        yield server
    finally:
        server.stop()


def test_a_pushed_store_answers_the_same(pushed: OxigraphServer, dataset) -> None:
    remote = run_query(pushed.query_url, STATE)
    assert sorted(remote.rows) == sorted(run_query(dataset, STATE).rows)
    assert gk.evidence(pushed.query_url, "Dara Mech").equals(gk.evidence(dataset, "Dara Mech"))


GRAPHS = ("https://w3id.org/graphkit/id/graph/entities", PROVENANCE_GRAPH)


@pytest.mark.parametrize(
    ("query", "before"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "WHERE {"),
        ("select * where { { SELECT ?s { ?s ?p ?o } } }", "where {"),
        ("ASK { ?s ?p ?o }", "{ ?s"),
        ("ASK{?s ?p ?o}", "{?s"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "WHERE { ?s ?p ?o }"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "WHERE {"),
        ("DESCRIBE ?s WHERE { ?s a gk:Award }", "WHERE {"),
    ],
)
def test_the_dataset_clause_goes_before_the_where_pattern(query: str, before: str) -> None:
    from graphkit.sparql.safety import check_query

    text, changed = with_dataset_clause(query, GRAPHS, construct=query.startswith("CONSTRUCT"))
    assert changed
    clause = f"FROM <{GRAPHS[0]}>\nFROM NAMED <{GRAPHS[0]}>\nFROM NAMED <{PROVENANCE_GRAPH}>\n"
    assert clause + before in text
    assert check_query(text).graphs == GRAPHS


def test_no_dataset_clause_without_a_provenance_graph_or_a_pattern() -> None:
    plain = "SELECT * WHERE { ?s ?p ?o }"
    assert with_dataset_clause(plain, GRAPHS[:1]) == (plain, False)
    assert with_dataset_clause("DESCRIBE gkd:x", GRAPHS) == ("DESCRIBE gkd:x", False)
