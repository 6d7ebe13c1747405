"""A query shape that aborts Oxigraph 0.5 gets a clear error instead of a Rust backtrace.

``?s !ex:p* ?o`` (a zero-or-more path over a negated property set) sorted by
ORDER BY panics inside Oxigraph's sort over graphkit's union default graph
and aborts the process (exit 134). The check refuses that shape, and only it:
the neighbouring shapes run.
"""

from __future__ import annotations

import pytest
from bounded import ROOT, Outcome, run_cli, run_python

BUILT = ROOT / "data" / "build" / "graphkit.trig"
PANICS = "SELECT ?s ?o WHERE { ?s !<urn:x:p>* ?o } ORDER BY ?s ?o"

API = """
from graphkit.errors import QueryError
from graphkit.rdf.store import open_store
from graphkit.sparql.engine import run_query
try:
    print(len(run_query(open_store(%r), %r).rows))
except QueryError as exc:
    print("QueryError:", exc)
"""


def test_raw_oxigraph_aborts_on_the_shape() -> None:
    """Positive control: without the check, the process dies."""
    code = (
        "import sys, pyoxigraph as ox\n"
        "s = ox.Store()\n"
        f"s.load(path={str(BUILT)!r}, format=ox.RdfFormat.TRIG)\n"
        f"list(s.query({PANICS!r}, use_default_graph_as_union=True))\n"
    )
    outcome = run_python(code)
    assert outcome.returncode in (-6, 134), outcome.stderr[-500:]
    assert "panicked" in outcome.stderr


def test_graphkit_query_gives_one_clear_error() -> None:
    outcome = run_cli("query", PANICS)
    assert outcome.returncode not in (0, 134, -6)
    assert "panicked" not in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert "crashes Oxigraph" in outcome.stderr


@pytest.mark.parametrize(
    "text",
    [
        PANICS,
        "SELECT ?s WHERE { ?s (<urn:x:p>|!<urn:x:p>)* ?o } ORDER BY ?s",
        "SELECT * WHERE { { SELECT ?s WHERE { ?s !<urn:x:p>* ?o } ORDER BY ?s LIMIT 5 } }",
    ],
)
def test_the_api_raises_a_query_error(text: str) -> None:
    outcome = run_api(text)
    assert outcome.returncode == 0, outcome.stderr[-500:]
    assert outcome.stdout.startswith("QueryError:")
    assert "crashes Oxigraph" in outcome.stdout


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s WHERE { ?s !<urn:x:p>* ?o }",
        "SELECT ?s WHERE { ?s !<urn:x:p>+ ?o } ORDER BY ?s",
        "SELECT ?s WHERE { ?s !<urn:x:p>? ?o } ORDER BY ?s",
        "SELECT ?s WHERE { ?s <urn:x:p>* ?o } ORDER BY ?s",
    ],
)
def test_neighbouring_shapes_still_run(text: str) -> None:
    outcome = run_api(text)
    assert outcome.returncode == 0, outcome.stderr[-500:]
    assert int(outcome.stdout) > 0


def run_api(text: str) -> Outcome:
    """Run ``text`` with ``run_query`` on the built dataset, in a bounded child."""
    return run_python(API % (str(BUILT), text))
