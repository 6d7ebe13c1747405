"""Turn the corpus and the curated facts into an RDF dataset.

Graphs
------
``<document IRI>``
    One per source document: the facts its quotes support and
    ``schema:mentions`` links from the document to every entity it names.
``gkd:graph/provenance``
    The provenance of each of those triples (below), apart, so that it never
    answers an ordinary triple pattern.
``gkd:graph/entities``
    Each entity's type, label and aliases (the curated registry).
``gkd:graph/corpus``
    Each document's metadata from the manifest.
``gkd:graph/ontology``
    The ontology itself, so that queries can show class and property labels.

Provenance
----------
Every fact and mention is also reified, in ``gkd:graph/provenance``, as an
``rdf:Statement`` whose IRI is a digest of the document and the triple. It points (``prov:wasDerivedFrom``) to
one ``gk:EvidenceQuote`` per supporting quote, which holds the verbatim text
(``oa:exact``), its character offsets (``oa:start``, ``oa:end``), the document
(``prov:wasQuotedFrom``), the part of the page it lies in (``gk:section``) and
the facts file and line that state it (``gk:sourceFile``).

graphkit's query engine leaves ``gkd:graph/provenance`` out of the default
graph (:func:`graphkit.sparql.engine.run_query`), so
``SELECT ?x ?p WHERE { ?x ?p gkd:us-department-of-state }`` answers with facts
only; queries that want provenance name the graph:
``GRAPH <https://w3id.org/graphkit/id/graph/provenance> { ... }``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef

from graphkit.corpus import Corpus, Document
from graphkit.errors import InputError
from graphkit.facts import Claim, FactBase
from graphkit.vocab.namespaces import (
    DCTERMS,
    GK,
    OA,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    document_iri,
    entity_iri,
    evidence_iri,
    graph_iri,
    statement_iri,
)

__all__ = ["BuildResult", "build_dataset"]


@dataclass(frozen=True)
class BuildResult:
    """A built dataset and what went into it."""

    dataset: Dataset
    corpus: Corpus
    facts: FactBase


@contextmanager
def _located(path: Path, line: int) -> Iterator[None]:
    """Give an IRI that cannot be minted the file and line it comes from."""
    try:
        yield
    except InputError as exc:
        if exc.path is not None:
            raise
        raise InputError(exc.message, path=path, line=line) from None


def _statement_id(document_id: str, triple: tuple) -> str:
    key = "\n".join([document_id, *(term.n3() for term in triple)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _add_document_metadata(graph: Graph, doc: Document) -> None:
    iri = document_iri(doc.id)
    graph.add((iri, RDF.type, GK.SourceDocument))
    graph.add((iri, DCTERMS.identifier, Literal(doc.id)))
    graph.add((iri, DCTERMS.title, Literal(doc.title)))
    graph.add((iri, RDFS.label, Literal(doc.title)))
    graph.add((iri, GK.fileName, Literal(doc.path.name)))
    graph.add((iri, GK.sha256, Literal(doc.sha256)))
    graph.add((iri, GK.characterCount, Literal(len(doc.text), datatype=XSD.integer)))
    if doc.publisher:
        graph.add((iri, DCTERMS.publisher, entity_iri(doc.publisher)))
    if doc.author:
        graph.add((iri, DCTERMS.creator, entity_iri(doc.author)))
    if doc.date:
        datatype = XSD.date if len(doc.date) == 10 else XSD.gYear
        graph.add((iri, DCTERMS.issued, Literal(doc.date, datatype=datatype)))
    if doc.source:
        graph.add((iri, SCHEMA.url, Literal(doc.source, datatype=XSD.anyURI)))
    for field, note in doc.notes.items():
        graph.add((iri, GK.metadataNote, Literal(f"{field}: {note}")))


def _add_claim(graph: Graph, provenance: Graph, claim: Claim) -> None:
    doc = document_iri(claim.document)
    evidence = evidence_iri(claim.document, claim.start, claim.end)
    provenance.add((evidence, RDF.type, GK.EvidenceQuote))
    provenance.add((evidence, OA.exact, Literal(claim.quote)))
    provenance.add((evidence, OA.start, Literal(claim.start, datatype=XSD.integer)))
    provenance.add((evidence, OA.end, Literal(claim.end, datatype=XSD.integer)))
    provenance.add((evidence, PROV.wasQuotedFrom, doc))
    provenance.add((evidence, GK.section, Literal(claim.section)))
    provenance.add((evidence, GK.sourceFile, Literal(claim.source)))

    triples = []
    for fact in claim.facts:
        obj = fact.object if fact.is_literal else entity_iri(fact.object)
        triples.append((entity_iri(fact.subject), fact.predicate, obj))
    named = {t[0] for t in triples} | {t[2] for t in triples if isinstance(t[2], URIRef)}
    named |= {entity_iri(m) for m in claim.mentions}
    triples += [(doc, SCHEMA.mentions, entity) for entity in sorted(named)]
    for triple in triples:
        graph.add(triple)
        statement = statement_iri(_statement_id(claim.document, triple))
        provenance.add((statement, RDF.type, RDF.Statement))
        provenance.add((statement, RDF.subject, triple[0]))
        provenance.add((statement, RDF.predicate, triple[1]))
        provenance.add((statement, RDF.object, triple[2]))
        provenance.add((statement, PROV.wasDerivedFrom, evidence))


def build_dataset(corpus: Corpus, facts: FactBase, ontology: Graph) -> Dataset:
    """Build the dataset (in rdflib's memory store) from checked inputs.

    Parameters
    ----------
    corpus : Corpus
        The source documents.
    facts : FactBase
        The curated entities and claims, already checked against the corpus.
    ontology : Graph
        The parsed ontology, copied into its own graph.

    Returns
    -------
    rdflib.Dataset
        Named graphs only; its default graph is their union.
    """
    dataset = Dataset(default_union=True)
    entities = dataset.graph(graph_iri("entities"))
    for entity in facts.entities.values():
        with _located(entity.path, entity.line):
            iri = entity_iri(entity.id)
        entities.add((iri, RDF.type, entity.type))
        entities.add((iri, RDFS.label, Literal(entity.label)))
        entities.add((iri, SKOS.prefLabel, Literal(entity.label)))
        for alias in entity.aliases:
            entities.add((iri, SKOS.altLabel, Literal(alias)))
        if entity.description:
            entities.add((iri, SKOS.definition, Literal(entity.description)))

    catalog = dataset.graph(graph_iri("corpus"))
    for doc in corpus:
        with _located(corpus.manifest_path, doc.manifest_line):
            _add_document_metadata(catalog, doc)

    provenance = dataset.graph(graph_iri("provenance"))
    for claim in facts.claims:
        with _located(claim.source, claim.line):
            _add_claim(dataset.graph(document_iri(claim.document)), provenance, claim)

    ontology_graph = dataset.graph(graph_iri("ontology"))
    for triple in ontology:
        ontology_graph.add(triple)
    return dataset
