"""The store: in memory for small files, an on-disk Oxigraph store beside large ones."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.rdf.store import open_store, store_folder

ROOT = Path(__file__).resolve().parent.parent
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def nquads(tmp_path: Path) -> Path:
    target = tmp_path / "graphkit.nq"
    shutil.copyfile(ROOT / "data" / "build" / "graphkit.nq", target)
    return target


def count(dataset) -> int:
    return int(next(iter(dataset.query(COUNT)))[0])


def test_the_on_disk_store_answers_as_the_in_memory_one(nquads: Path):
    in_memory = open_store(nquads, on_disk=False)
    on_disk = open_store(nquads, on_disk=True)
    assert count(on_disk) == count(in_memory) == len(nquads.read_text().splitlines())
    assert store_folder(nquads) == nquads.with_suffix(".oxigraph")
    assert (nquads.with_suffix(".oxigraph") / "graphkit-source.json").is_file()


def test_a_second_open_reuses_the_store_and_a_changed_file_rebuilds_it(nquads: Path):
    open_store(nquads, on_disk=True)
    folder = store_folder(nquads)
    marker = folder / "graphkit-source.json"
    first = marker.stat().st_mtime_ns
    open_store(nquads, on_disk=True)
    assert marker.stat().st_mtime_ns == first
    # Same bytes, new modification time (a fresh checkout): the content decides, no reload.
    os.utime(nquads, ns=(first + 10**9, first + 10**9))
    open_store(nquads, on_disk=True)
    assert marker.stat().st_mtime_ns == first
    lines = nquads.read_text().splitlines(keepends=True)
    nquads.write_text("".join(lines[: len(lines) // 2]))
    assert count(open_store(nquads, on_disk=True)) == len(lines) // 2
    assert not [p for p in nquads.parent.iterdir() if p.name.startswith(".graphkit.oxigraph.")]


def test_the_on_disk_store_is_read_only(nquads: Path):
    from rdflib import URIRef

    dataset = open_store(nquads, on_disk=True)
    with pytest.raises(RuntimeError, match="read-write"):
        dataset.add((URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o")))


def test_an_unwritable_folder_puts_the_store_in_the_user_cache(nquads: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != nquads.parent)
    folder = store_folder(nquads)
    assert folder.parent == tmp_path / "cache" / "graphkit"
    assert count(open_store(nquads, on_disk=True)) > 3000
    assert folder.is_dir()


def test_a_broken_file_is_one_clear_error_and_no_store(nquads: Path):
    nquads.write_text("<urn:x:s> <urn:x:p> .\n")
    with pytest.raises(InputError, match=r"graphkit\.nq.*cannot parse dataset"):
        open_store(nquads, on_disk=True)
    assert not store_folder(nquads).exists()


def test_only_n_quads_can_be_kept_on_disk(tmp_path: Path):
    trig = tmp_path / "g.trig"
    shutil.copyfile(ROOT / "data" / "build" / "graphkit.trig", trig)
    with pytest.raises(InputError, match="only an N-Quads file"):
        open_store(trig, on_disk=True)


def test_both_stores_answer_every_named_question_alike(nquads: Path):
    from graphkit.sparql.engine import add_labels
    from graphkit.sparql.library import list_queries, run_named

    in_memory = open_store(nquads, on_disk=False)
    on_disk = open_store(nquads, on_disk=True)
    for query in list_queries():
        params = {p.name: "Dara Mech" for p in query.params if p.required}
        answers = [add_labels(run_named(ds, query.name, params), ds) for ds in (in_memory, on_disk)]
        assert answers[0].rows == answers[1].rows, query.name
        assert answers[0].rows or query.name in ("advocacy", "report-editions"), query.name
    assert sorted(in_memory.quads()) == sorted(on_disk.quads())
    assert len(list(on_disk.quads())) == len(nquads.read_text().splitlines())


def test_the_facts_are_the_default_graph_and_provenance_is_named(nquads: Path, tmp_path: Path):
    from graphkit.rdf.store import facts_in_default_graph, open_oxigraph

    for ds in (open_store(nquads, on_disk=False), open_store(nquads, on_disk=True)):
        assert facts_in_default_graph(ds.store._inner)
        # rdflib's own query API sees what graphkit's engine sees
        statement = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>"
        assert not ds.query(f"ASK {{ ?s a {statement} }}").askAnswer
        prov = f"ASK {{ GRAPH <https://w3id.org/graphkit/id/graph/provenance> {{ ?s a {statement} }} }}"
        assert ds.query(prov).askAnswer
        zaheer = "<https://w3id.org/graphkit/ontology#recipient> <https://w3id.org/graphkit/id/zaheer-ahmed>"
        assert ds.query(f"ASK {{ ?s {zaheer} }}").askAnswer
    plain = tmp_path / "plain.nq"
    plain.write_text("<urn:x:a> <urn:x:p> <urn:x:b> <urn:x:g> .\n", encoding="utf-8")
    store = open_oxigraph(plain)
    assert not facts_in_default_graph(store)  # no provenance graph: a store as its file is
    assert len(store) == 1


def test_writing_to_a_named_graph_keeps_the_default_graph_in_step(nquads: Path):
    from rdflib import RDFS, Literal, URIRef

    from graphkit.sparql.engine import run_query

    ds = open_store(nquads, on_disk=False)
    entities = ds.graph(URIRef("https://w3id.org/graphkit/id/graph/entities"))
    provenance = ds.graph(URIRef("https://w3id.org/graphkit/id/graph/provenance"))
    triple = (URIRef("https://w3id.org/graphkit/id/x"), RDFS.label, Literal("Added"))
    ask = 'ASK { gkd:x rdfs:label "Added" }'
    entities.add(triple)
    assert run_query(ds, ask).boolean
    assert len(list(ds.quads((*triple, None)))) == 1  # the copy in the default graph is not shown
    provenance.add(triple)
    entities.remove(triple)
    assert not run_query(ds, ask).boolean  # held by the provenance graph only: not a fact
    provenance.remove(triple)
    assert not list(ds.quads((*triple, None)))
