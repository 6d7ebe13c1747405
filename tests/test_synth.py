"""The synthetic corpus: reproducible, the real graph's shapes, and built like the seed graph."""

from __future__ import annotations

from pathlib import Path

import pytest

import graphkit as gk
from graphkit.sparql.engine import run_query
from graphkit.sparql.library import run_named
from graphkit.synth import build_nquads, documents_for, synthesize


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 10,000 triples, built whole with the SHACL check."""
    root = synthesize(tmp_path_factory.mktemp("synth"), documents=documents_for(10_000), seed=42)
    gk.build(root)
    return root


def test_ten_thousand_triples_pass_the_shapes(synthetic: Path):
    lines = (synthetic / "data" / "build" / "graphkit.nq").read_bytes().count(b"\n")
    assert 9_000 <= lines <= 12_000


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(synthetic: Path, tmp_path: Path):
    again = synthesize(tmp_path / "again", documents=documents_for(10_000), seed=42)
    build_nquads(again, chunk=4)
    built = (synthetic / "data" / "build" / "graphkit.nq").read_bytes()
    assert (again / "data" / "build" / "graphkit.nq").read_bytes() == built
    other = synthesize(tmp_path / "other", documents=documents_for(10_000), seed=43)
    build_nquads(other)
    assert (other / "data" / "build" / "graphkit.nq").read_bytes() != built


def test_named_questions_answer_on_the_synthetic_graph(synthetic: Path):
    dataset = gk.load(synthetic, rebuild=False)
    heroes = run_named(dataset, "heroes")
    documents = documents_for(10_000)
    # Four to eight heroes per announcement, each with a country and an award year.
    assert 4 * documents <= len(heroes) <= 8 * documents
    assert all(row[1] is not None and row[2] is not None for row in heroes.rows)
    editions = run_named(dataset, "program-editions")
    assert len(editions) >= 2


def test_quotes_are_verbatim_slices_of_their_documents(synthetic: Path):
    from graphkit.corpus import load_corpus
    from graphkit.paths import project_paths

    corpus = load_corpus(project_paths(synthetic))
    dataset = gk.load(synthetic, rebuild=False)
    rows = run_query(
        dataset,
        "SELECT ?doc ?exact ?start ?end WHERE { GRAPH <https://w3id.org/graphkit/id/graph/provenance> "
        "{ ?q oa:exact ?exact ; oa:start ?start ; oa:end ?end ; prov:wasQuotedFrom ?doc } }",
    ).rows
    for doc, exact, start, end in rows:
        text = corpus[str(doc).rsplit("/", 1)[-1]].text
        assert text[int(start) : int(end)] == str(exact)
    assert len(rows) > 100
