"""A draft as a graph, in memory: for ``graphkit extract --format json`` and for scoring.

The draft becomes the same objects the curated facts load into
(:mod:`graphkit.facts.model`), then an in-memory dataset and its collapsed
projection (``project(nary="collapse")``). Nothing is written: extraction
never writes RDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.corpus import Corpus, Document
from graphkit.extract.draft import Draft
from graphkit.facts.model import Claim, Entity, Fact, FactBase
from graphkit.vocab.namespaces import PREFIXES

if TYPE_CHECKING:
    import networkx as nx

    from graphkit.vocab.ontology import Vocabulary

__all__ = ["curie", "draft_factbase", "draft_json", "project_facts"]

_DRAFT_PATH = Path("data/drafts/draft.yaml")


def curie(iri: str) -> str:
    """Return *iri* as a CURIE with the project prefixes (or the IRI when none fits).

    Examples
    --------
    >>> curie("https://schema.org/Person")
    'schema:Person'
    """
    for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def draft_factbase(
    draft: Draft, vocab: Vocabulary, *, statuses: tuple[str, ...] = ("proposed", "accepted")
) -> FactBase:
    """Return the draft's entities and claims (those with one of *statuses*) as a :class:`FactBase`."""
    from graphkit.facts.load import parse_literal

    entities = {}
    for e in draft.entities.values():
        if e.type:
            entities[e.id] = Entity(
                e.id, vocab.expand(e.type), e.label, tuple(e.aliases), None, _DRAFT_PATH, 0
            )
    claims = []
    for c in draft.claims:
        if c.status not in statuses:
            continue
        facts = []
        for s, p, o in c.facts:
            predicate = vocab.expand(p)
            datatype = vocab.datatype(predicate)
            if s not in entities or (datatype is None and o not in entities):
                continue
            try:
                value = parse_literal(o, datatype) if datatype is not None else o
            except ValueError:
                continue
            facts.append(Fact(s, predicate, value, _DRAFT_PATH, 0))
        mentions = tuple(m for m in c.mentions if m in entities)
        claims.append(
            Claim(draft.document, c.quote, c.start, c.end, "article", tuple(facts), mentions, _DRAFT_PATH, 0)
        )
    return FactBase(entities, tuple(claims))


def project_facts(document: Document, facts: FactBase, vocab: Vocabulary) -> nx.MultiDiGraph:
    """Return the collapsed projection of *facts* about one document, built in memory."""
    from graphkit.network.project import project
    from graphkit.rdf.build import build_dataset

    corpus = Corpus({document.id: document}, Path("manifest.yaml"))
    return project(build_dataset(corpus, facts, vocab.graph), nary="collapse")


def _distinct_facts(facts: FactBase) -> FactBase:
    """Keep each fact and mention once: the edges do not need every quote that repeats them."""
    seen: set = set()
    claims = []
    for claim in facts.claims:
        keys = {(f.subject, f.predicate, f.object) for f in claim.facts} | set(claim.mentions)
        if keys - seen:
            claims.append(claim)
            seen |= keys
    return FactBase(facts.entities, tuple(claims))


def _text_document(draft: Draft, text: str) -> Document:
    return Document(id=draft.document, path=_DRAFT_PATH, text=text, sha256="", title=draft.document)


def draft_json(draft: Draft, text: str, vocab: Vocabulary) -> dict[str, Any]:
    """Return the draft for other tools: document, entities, facts and the collapsed edges."""
    entities = [
        {
            "id": e.id,
            "label": e.label,
            "type": e.type,
            "aliases": list(e.aliases),
            "known": e.known,
            "mentions": [list(m) for m in e.mentions],
            "confidence": round(e.confidence, 2),
            **({"merge": e.merge} if e.merge else {}),
        }
        for e in draft.entities.values()
    ]
    facts = []
    for c in draft.claims:
        for s, p, o in c.facts:
            row: dict[str, Any] = {"claim": c.id, "subject": s, "property": p}
            datatype = vocab.datatype(vocab.expand(p))
            if datatype is None:
                row["object"] = o
            else:
                row["value"], row["datatype"] = o, curie(str(datatype))
            row.update(quote=c.quote, start=c.start, end=c.end, confidence=round(c.confidence, 2))
            facts.append(row)
    G = project_facts(_text_document(draft, text), _distinct_facts(draft_factbase(draft, vocab)), vocab)
    edges = []
    for u, v, data in G.edges(data=True):
        extra = {
            k: val
            for k, val in data.items()
            if k not in {"predicate", "label", "quotes", "documents", "support", "record"}
        }
        edges.append(
            {
                "source": G.nodes[u]["label"],
                "predicate": curie(data["predicate"]),
                "label": data["label"],
                "target": G.nodes[v]["label"],
                **extra,
            }
        )
    return {
        "document": {"id": draft.document, "characters": draft.characters},
        "entities": entities,
        "facts": facts,
        "edges": edges,
    }
