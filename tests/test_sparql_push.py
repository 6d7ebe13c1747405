"""Push the dataset into a real Oxigraph server and get the same answers there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sparql_fixtures import SEED, OxigraphServer, fixture_listener, fixture_seed_ox  # noqa: F401 - fixtures

from graphkit.errors import InputError
from graphkit.sparql.engine import run_query
from graphkit.sparql.library import list_queries, run_named
from graphkit.sparql.push import PushError, push

SAMPLE_PARAMS = {"evidence": {"label": "Zaheer Ahmed"}}


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pushed(oxigraph: OxigraphServer):
    return push(SEED, oxigraph.store_url)


def test_push_sends_every_named_graph(pushed, oxigraph: OxigraphServer) -> None:
    assert sorted(pushed.graphs) == [
        "https://w3id.org/graphkit/id/document/meridian-2023",
        "https://w3id.org/graphkit/id/document/state-2021",
        "https://w3id.org/graphkit/id/graph/corpus",
        "https://w3id.org/graphkit/id/graph/entities",
    ]
    assert pushed.triples == 72
    result = run_query(
        oxigraph.query_url,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    )
    assert {str(g): int(n) for g, n in result.rows} == pushed.graphs


def test_push_twice_replaces_graphs(pushed, oxigraph: OxigraphServer) -> None:
    again = push(SEED, oxigraph.store_url)
    assert again.graphs == pushed.graphs
    total = run_query(oxigraph.query_url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(total.rows[0][0]) == 72


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_named_queries_answer_the_same_remotely(pushed, oxigraph, seed_ox, name: str) -> None:
    params = SAMPLE_PARAMS.get(name, {})
    local = run_named(seed_ox, name, params)
    remote = run_named(oxigraph.query_url, name, params)
    assert remote.columns == local.columns
    assert remote.rows == local.rows


def test_remote_forms(pushed, oxigraph, seed_ox) -> None:
    assert run_query(oxigraph.query_url, "ASK { gkd:imelda-poole a schema:Person }").boolean
    remote = run_query(
        oxigraph.query_url, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH gkd:graph\\/corpus { ?s ?p ?o } }"
    )
    local = run_query(
        seed_ox,
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/graphkit/id/graph/corpus> { ?s ?p ?o } }",
    )
    assert set(remote.graph) == set(local.graph)


def test_push_errors(listener, tmp_path: Path) -> None:
    with pytest.raises(PushError):
        push(SEED, "file:///tmp/x")
    with pytest.raises(InputError):
        push(tmp_path / "missing.nq", listener.url)
    listener.close()
    with pytest.raises(PushError, match="cannot reach"):
        push(SEED, listener.url, timeout=2)


def test_push_limits_must_be_positive(listener) -> None:
    with pytest.raises(PushError, match="timeout and deadline must be positive"):
        push(SEED, listener.url, timeout=0)
    assert not listener.connected()


def test_the_report_hides_credentials(oxigraph: OxigraphServer) -> None:
    url = oxigraph.store_url.replace("http://", "http://someone:secret@")
    report = push(SEED, url)
    assert report.url == oxigraph.store_url.replace("http://", "http://***@")
    assert report.triples == 72
