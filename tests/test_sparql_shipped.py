"""The shipped queries' checks, done once: the index, its use, and the quick command line."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from graphkit.errors import QueryError, UnsafeQueryError
from graphkit.sparql.binding import bind_values
from graphkit.sparql.safety import check_composed, check_query
from graphkit.sparql.shipped import SHIPPED_CHECKS, index_of_checks, shipped_check, shipped_query_files
from graphkit.vocab.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parents[1]


def test_the_index_is_what_the_shipped_queries_give() -> None:
    written = json.loads(SHIPPED_CHECKS.read_text(encoding="utf-8"))
    assert written == index_of_checks(), "stale: run `python -m graphkit.sparql.shipped` and commit the index"
    assert len(written["queries"]) == len(shipped_query_files()) >= 20


@pytest.mark.parametrize("path", shipped_query_files(), ids=lambda p: p.name)
def test_a_shipped_query_is_looked_up_not_parsed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = shipped_check(text)
    assert found is not None
    assert found.shipped
    full = check_query(text, prefixes=PREFIXES)  # prefixes given: the full check
    assert not full.shipped
    assert replace(found, shipped=False) == full
    assert check_query(text) == found


def test_a_changed_text_is_checked_in_full() -> None:
    text = (ROOT / "graphkit" / "sparql" / "queries" / "heroes.rq").read_text(encoding="utf-8")
    changed = text.replace("SELECT DISTINCT", "SELECT  DISTINCT")
    assert shipped_check(changed) is None
    assert not check_query(changed).shipped
    hostile = text.replace("WHERE {", "WHERE { SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } ", 1)
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        check_query(hostile)


def test_a_composed_text_is_read_by_oxigraph() -> None:
    base = check_query("SELECT ?s WHERE { ?s ?p ?o }")
    assert (
        check_composed("PREFIX ex: <http://example.org/>\nSELECT ?s WHERE { ?s ?p ?o }", base).form
        == "SELECT"
    )
    with pytest.raises(UnsafeQueryError, match="Oxigraph reads a SERVICE"):
        check_composed("SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", base)
    with pytest.raises(QueryError, match="normalised"):
        check_composed("SELECT ?s WHERE {\r\n ?s ?p ?o }", base)
    with pytest.raises(UnsafeQueryError, match="only graphkit graphs"):
        check_composed(
            "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }", base, graphs=("http://example.org/g",)
        )


def test_one_variable_takes_a_list_of_values() -> None:
    text = "SELECT ?e ?n WHERE { ?e rdfs:label ?n }"
    bound = bind_values(text, {"e": ["urn:x:a", "urn:x:b"], "n": "A"})
    assert 'VALUES (?e ?n) { (<urn:x:a> "A") (<urn:x:b> "A") }' in bound
    with pytest.raises(QueryError, match="only one variable"):
        bind_values(text, {"e": ["urn:x:a", "urn:x:b"], "n": ["A", "B"]})
    with pytest.raises(QueryError, match="no values"):
        bind_values(text, {"e": []})


def test_a_bound_string_stays_a_string_in_a_shipped_query(seed_store) -> None:
    from rdflib import URIRef

    from graphkit.sparql.engine import run_query

    text = (ROOT / "graphkit" / "queries" / "labels.rq").read_text(encoding="utf-8")
    dara = URIRef("https://w3id.org/graphkit/id/dara-mech")
    assert {str(row[2]) for row in run_query(seed_store, text, bindings={"iri": [dara]}).rows} == {
        "Dara Mech"
    }
    # Quotes, braces and a SERVICE clause in a value make one literal, which labels nothing.
    hostile = '"} SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } { "'
    assert run_query(seed_store, text, bindings={"iri": hostile}).rows == ()


@pytest.fixture(scope="module")
def seed_store():
    from graphkit.dataset import load_store

    return load_store(ROOT)


_QUICK_PATH = """
import sys
from graphkit.cli import main
sys.argv = ["graphkit", "query", "heroes", "--format", "csv"]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = ("pyparsing", "oxrdflib", "pyshacl", "networkx", "pandas", "pyvis", "pydantic")
loaded = [m for m in heavy if m in sys.modules]
print("loaded:", ",".join(loaded), file=sys.stderr)
"""


def test_the_command_line_answers_a_named_question_without_the_heavy_modules() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _QUICK_PATH],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "loaded:"
    header, *rows = done.stdout.splitlines()
    assert header == "hero,hero_label,country,country_label,award_year,documents"
    assert len(rows) == 7
    assert rows[0].startswith("https://w3id.org/graphkit/id/imelda-poole,Sister Imelda Poole,")


def test_a_shipped_query_that_fails_its_check_is_named(tmp_path: Path, monkeypatch) -> None:
    import graphkit.sparql.shipped as shipped

    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }\n", encoding="utf-8")
    monkeypatch.setattr(shipped, "shipped_query_files", lambda: [broken])
    with pytest.raises(UnsafeQueryError, match=r"broken\.rq: SERVICE"):
        shipped.index_of_checks()
