"""RDF that graphkit reads (the ontology, the shapes, a file given to ``validate``) cannot expand or fetch.

graphkit reads Turtle, TriG, N-Quads and N-Triples only: none of them has
entities or remote contexts, and RDF/XML or JSON-LD given to ``validate`` is
refused by its suffix before any parser sees it. Every case runs bounded
(1 GB, 120 s) and listens on 127.0.0.1 for any connection it might open.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bounded import run_cli

from graphkit.files import MAX_TURTLE_BYTES

XXE = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY a "lollollollollollollollollollol">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY leak SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "{url}">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>&g;&leak;&remote;</ex:p></rdf:Description>
</rdf:RDF>
"""

JSONLD = '{{"@context": "{url}", "@id": "http://example.org/x", "p": "v"}}'


def graphkit(checkout: Path, *args: str):
    return run_cli(*args, cwd=checkout, env={"GRAPHKIT_HOME": str(checkout)}, memory=1024**3, seconds=120)


def outputs(checkout: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (checkout / "data" / "build").iterdir()}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("evil.rdf", XXE, "error: evil.rdf: unknown RDF file type '.rdf'\n"),
        ("evil.owl", XXE, "error: evil.owl: unknown RDF file type '.owl'\n"),
        ("evil.jsonld", JSONLD, "error: evil.jsonld: unknown RDF file type '.jsonld'\n"),
        ("evil.ttl", XXE, "error: evil.ttl: cannot parse dataset: "),
        ("evil.nq", JSONLD, "error: evil.nq: cannot parse dataset"),
    ],
    ids=["rdfxml-entities", "owl-suffix", "jsonld-remote-context", "xml-as-turtle", "jsonld-as-nquads"],
)
def test_validate_reads_no_xml_or_json_ld_and_fetches_nothing(checkout, listener, name, text, message):
    (checkout / name).write_text(text.format(url=listener.url))
    outcome = graphkit(checkout, "validate", name)
    assert outcome.returncode == 2
    assert outcome.stderr.startswith(message)
    assert "root:" not in outcome.stdout + outcome.stderr
    assert not listener.connected()


def test_an_rdfxml_entity_bomb_as_the_ontology_is_invalid_turtle(checkout, listener):
    before = outputs(checkout)
    (checkout / "ontology" / "graphkit.ttl").write_text(XXE.format(url=listener.url))
    outcome = graphkit(checkout, "build")
    assert outcome.returncode == 2
    assert outcome.stderr.startswith("error: ontology/graphkit.ttl:1: invalid Turtle")
    assert outputs(checkout) == before
    assert not listener.connected()


def test_owl_imports_in_the_ontology_is_not_followed(checkout, listener):
    ontology = checkout / "ontology" / "graphkit.ttl"
    with ontology.open("a") as handle:
        handle.write(f"\n<https://w3id.org/graphkit/ontology> owl:imports <{listener.url}> .\n")
    outcome = graphkit(checkout, "validate")
    assert outcome.returncode == 0, outcome.stderr
    assert not listener.connected()


def test_a_decimal_that_expands_to_a_billion_digits_is_refused(checkout):
    """rdflib writes ``"1E999999999"^^xsd:decimal`` digit by digit: before, a MemoryError traceback."""
    before = outputs(checkout)
    ontology = checkout / "ontology" / "graphkit.ttl"
    lines = ontology.read_text().count("\n")
    with ontology.open("a") as handle:
        handle.write('\ngk:Award gk:memberCount "1E999999999"^^xsd:decimal .\n')
    outcome = graphkit(checkout, "build")
    assert outcome.returncode == 2, outcome.stderr[-2000:]
    assert outcome.stderr == (
        f"error: ontology/graphkit.ttl:{lines + 2}: "
        "'1E999999999' is not an xsd:decimal (digits and one '.')\n"
    )
    assert outputs(checkout) == before


def test_an_oversized_shapes_file_is_refused_before_it_is_parsed(checkout):
    shapes = checkout / "ontology" / "shapes.ttl"
    with shapes.open("a") as handle:
        handle.write("# " + "x" * MAX_TURTLE_BYTES + "\n")
    outcome = graphkit(checkout, "build")
    assert outcome.returncode == 2
    assert outcome.stderr == (
        f"error: ontology/shapes.ttl: larger than {MAX_TURTLE_BYTES:,} bytes, the limit for a Turtle file\n"
    )


def test_a_sparql_constraint_that_names_a_service_is_refused_and_runs_nothing(checkout, listener):
    """pySHACL would run ``sh:select`` through rdflib's engine, SERVICE included."""
    before = outputs(checkout)
    shapes = checkout / "ontology" / "shapes.ttl"
    with shapes.open("a") as handle:
        handle.write(
            "\n<urn:x:shape> a sh:NodeShape ; sh:targetClass schema:Person ;\n"
            f'  sh:sparql [ sh:select "SELECT $this WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}" ]'
            " .\n"
        )
    outcome = graphkit(checkout, "build")
    assert outcome.returncode == 2, outcome.stderr[-2000:]
    assert outcome.stderr == (
        "error: ontology/shapes.ttl: a SPARQL-based constraint may not use SERVICE, FROM or LOAD"
        " (it would reach out)\n"
    )
    assert not listener.connected()
    assert outputs(checkout) == before
