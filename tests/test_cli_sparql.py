"""`graphkit query`, `serve` and `push` as a person runs them, against real servers on 127.0.0.1."""

import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest
from sparql_fixtures import OxigraphServer, free_port


def graphkit(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "graphkit", *args], capture_output=True, text=True, env=env, **kwargs
    )


def test_query_named_question_as_csv():
    result = graphkit("query", "documents", "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("document,document_label,title")
    assert len(lines) == 6


def test_query_text_and_ask_exit_codes():
    yes = graphkit("query", "ASK { gkd:zaheer-ahmed gk:country gkd:pakistan }")
    no = graphkit("query", "ASK { gkd:zaheer-ahmed gk:country gkd:peru }")
    assert (yes.returncode, yes.stdout.strip()) == (0, "true")
    assert (no.returncode, no.stdout.strip()) == (1, "false")


def test_query_table_shows_labels():
    result = graphkit("query", "SELECT ?c WHERE { gkd:dara-mech gk:country ?c }")
    assert "Cambodia" in result.stdout
    assert "1 row" in result.stdout


def test_query_rq_file_and_construct(tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT { ?h gk:country ?c } WHERE { ?h gk:country ?c FILTER(?h = gkd:dara-mech) }")
    result = graphkit("query", str(rq), "--format", "nt")
    assert result.stdout == (
        "<https://w3id.org/graphkit/id/dara-mech> <https://w3id.org/graphkit/ontology#country> "
        "<https://w3id.org/graphkit/id/cambodia> .\n"
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE"),
        ("DROP ALL", "updates are not allowed"),
        ("SELECT ?x WHERE { ?x", "malformed SPARQL query"),
        ("nosuchquestion", "no named question 'nosuchquestion'"),
    ],
)
def test_query_errors_are_one_line(query, message):
    result = graphkit("query", query)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_query_list_names_questions():
    result = graphkit("query", "--list")
    assert "documents" in result.stdout
    assert "evidence" in result.stdout


@pytest.fixture(scope="module")
def endpoint():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "graphkit", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/", timeout=1):
                break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(10)
    process.stderr.close()


def test_serve_answers_and_query_runs_against_it(endpoint):
    request = urllib.request.Request(
        endpoint + "/sparql?query=" + urllib.parse.quote("ASK { gkd:dara-mech gk:country gkd:cambodia }"),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.load(response) == {"head": {}, "boolean": True}
    remote = graphkit("query", "documents", "--format", "csv", "--endpoint", endpoint + "/sparql")
    local = graphkit("query", "documents", "--format", "csv")
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout


def test_push_to_a_real_oxigraph_server(tmp_path):
    server = OxigraphServer(tmp_path / "store")
    try:
        result = graphkit("push", server.store_url)
        assert result.returncode == 0, result.stderr
        assert "named graphs" in result.stdout
        remote = graphkit("query", "documents", "--format", "csv", "--endpoint", server.query_url)
        assert remote.stdout == graphkit("query", "documents", "--format", "csv").stdout
    finally:
        server.stop()


def test_push_to_nothing_listening_is_a_clear_error():
    result = graphkit("push", f"http://127.0.0.1:{free_port()}/store")
    assert result.returncode == 2
    assert "cannot reach the store" in result.stderr


def test_serve_on_a_busy_port_is_a_clear_error():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = graphkit("serve", "--port", str(port), timeout=60)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
