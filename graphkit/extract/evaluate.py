"""Score the extractor against the curated facts, leaving each document out in turn.

For document D, the extractor knows only the entities that the *other*
documents' claims name, and of their names only those another document
contains: nothing it knows comes from D's curated labels, aliases or ids.
Both the curated facts of D and the draft of D are projected with
``project(nary="collapse")``:

entities
    the nodes of each projection. A drafted node matches a curated one of the
    same kind (person, organization, place, work, event...) when a name of
    one (label or alias, normalised) equals a name of the other, or, for a
    quotation, when the quoted texts overlap.
relations
    the edges as ``(source, predicate, target)``, sources and targets mapped
    through the entity matches.

Precision, recall and F1 are given per document, per kind of entity and
overall (micro-averaged over the documents).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphkit.extract.graph import curie, draft_factbase, project_facts
from graphkit.extract.linking import KnownEntity, family, normalize
from graphkit.facts.model import FactBase

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Score", "evaluate"]


@dataclass
class Score:
    """True positives, false positives and false negatives, and the rates they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        """Add *other*'s counts to these."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        """Tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Return the counts and the rates, rounded to three places."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class Evaluation:
    """Scores per document and overall."""

    documents: dict[str, dict[str, Score]] = field(default_factory=dict)
    entity_types: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    entities: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    misses: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Everything, as plain data (for ``--json``)."""
        return {
            "method": "leave-one-document-out",
            "overall": {"entities": self.entities.as_dict(), "relations": self.relations.as_dict()},
            "entity_types": {k: v.as_dict() for k, v in sorted(self.entity_types.items())},
            "documents": {
                doc: {k: v.as_dict() for k, v in scores.items()} for doc, scores in self.documents.items()
            },
            "errors": self.misses,
        }


def _node_kind(G: nx.MultiDiGraph, node: str) -> str:
    kinds = {family(curie(t)) for t in G.nodes[node].get("types", [])} - {"other"}
    return sorted(kinds)[0] if kinds else "other"


def _names(G: nx.MultiDiGraph, node: str) -> set[str]:
    data = G.nodes[node]
    return {normalize(n) for n in [data["label"], *data.get("aliases", [])]}


def _quote_text(G: nx.MultiDiGraph, node: str) -> str:
    text = G.nodes[node].get("text", "")
    return " ".join(str(text if isinstance(text, str) else " ".join(text)).split()).casefold()


def _prefix(a: str, b: str) -> bool:
    """Whether the names are equal, or the shorter (two words or more) begins the longer."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short.split()) >= 2 and long.startswith(short + " "))


def _same(gold: nx.MultiDiGraph, g: str, pred: nx.MultiDiGraph, p: str, kind: str, *, exact: bool) -> bool:
    if kind == "quotation":
        a, b = _quote_text(pred, p), _quote_text(gold, g)
        return bool(a and b) and (a[:40] in b or b[:40] in a)
    if exact or kind == "person":
        return bool(_names(pred, p) & _names(gold, g))
    return any(_prefix(a, b) for a in _names(pred, p) for b in _names(gold, g))


def _match(gold: nx.MultiDiGraph, pred: nx.MultiDiGraph) -> dict[str, str]:
    """Map drafted nodes to curated nodes of the same kind that share a name (or quoted text).

    Equal names are matched first, then names where one begins the other
    ("NGO roundtable" and "NGO roundtable (IVLP 2021)").
    """
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for exact in (True, False):
        for p in sorted(pred.nodes):
            if p in mapping:
                continue
            kind = _node_kind(pred, p)
            for g in sorted(gold.nodes):
                if (
                    g not in taken
                    and _node_kind(gold, g) == kind
                    and _same(gold, g, pred, p, kind, exact=exact)
                ):
                    mapping[p] = g
                    taken.add(g)
                    break
    return mapping


def _edges(G: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, d["predicate"], v) for u, v, d in G.edges(data=True)}


def score_document(
    gold: nx.MultiDiGraph, pred: nx.MultiDiGraph
) -> tuple[Score, Score, dict[str, Score], dict]:
    """Return the entity score, the relation score, entity scores by kind, and the errors."""
    mapping = _match(gold, pred)
    by_kind: dict[str, Score] = defaultdict(Score)
    for p in pred.nodes:
        kind = _node_kind(pred, p)
        by_kind[kind].add(Score(tp=1) if p in mapping else Score(fp=1))
    matched = set(mapping.values())
    for g in gold.nodes:
        if g not in matched:
            by_kind[_node_kind(gold, g)].add(Score(fn=1))
    entities = Score()
    for s in by_kind.values():
        entities.add(s)
    gold_edges = _edges(gold)
    pred_edges = {(mapping.get(u, "draft:" + u), p, mapping.get(v, "draft:" + v)) for u, p, v in _edges(pred)}
    relations = Score(
        tp=len(gold_edges & pred_edges), fp=len(pred_edges - gold_edges), fn=len(gold_edges - pred_edges)
    )

    def show(graph: nx.MultiDiGraph, edge: tuple[str, str, str]) -> str:
        def label(n: str) -> str:
            n = n.removeprefix("draft:")
            return pred.nodes[n]["label"] if n in pred else graph.nodes[n]["label"] if n in graph else n

        return f"{label(edge[0])} --{curie(edge[1])}--> {label(edge[2])}"

    errors = {
        "missed_entities": sorted(gold.nodes[g]["label"] for g in gold.nodes if g not in matched),
        "wrong_entities": sorted(pred.nodes[p]["label"] for p in pred.nodes if p not in mapping),
        "missed_relations": sorted(show(gold, e) for e in gold_edges - pred_edges),
        "wrong_relations": sorted(show(gold, e) for e in pred_edges - gold_edges),
    }
    return entities, relations, dict(by_kind), errors


def _known_without(facts: FactBase, vocab, corpus, document: str) -> list[KnownEntity]:
    """Return the entities the other documents name, with the names those documents contain."""
    others = [c for c in facts.claims if c.document != document]
    named = {m for c in others for m in c.mentions}
    for c in others:
        for f in c.facts:
            named.add(f.subject)
            if not f.is_literal:
                named.add(f.object)
    other_text = "\n".join(doc.text for doc in corpus if doc.id != document)
    known = []
    for entity_id in sorted(named):
        entity = facts.entities[entity_id]
        names = [n for n in (entity.label, *entity.aliases) if n in other_text]
        if not names:
            continue
        known.append(KnownEntity(entity_id, curie(str(entity.type)), names[0], tuple(names[1:])))
    return known


def _document_facts(facts: FactBase, document: str) -> FactBase:
    claims = tuple(c for c in facts.claims if c.document == document)
    return FactBase(facts.entities, claims)


def evaluate(root=None) -> Evaluation:
    """Score the extractor on every document of the corpus, leave-one-document-out.

    Examples
    --------
    >>> result = evaluate()
    >>> result.entities.f1 > 0.5 and result.relations.f1 > 0.3
    True
    """
    from graphkit.corpus import load_corpus
    from graphkit.extract import extract_text
    from graphkit.facts import load_facts
    from graphkit.paths import project_paths
    from graphkit.vocab.ontology import load_vocabulary

    paths = project_paths(root)
    vocab = load_vocabulary(paths.ontology)
    corpus = load_corpus(paths)
    facts = load_facts(corpus, vocab, paths)
    result = Evaluation()
    for doc in corpus:
        gold_facts = _document_facts(facts, doc.id)
        if not gold_facts.claims:
            continue
        known = _known_without(facts, vocab, corpus, doc.id)
        draft = extract_text(doc.text, doc.id, known, year=doc.date[:4] if doc.date else None)
        for entity_id, entity in draft.entities.items():
            if entity.known and not entity.type:
                entity.type = next(k.type for k in known if k.id == entity_id)
        gold = project_facts(doc, _restrict(gold_facts), vocab)
        pred = project_facts(doc, draft_factbase(draft, vocab), vocab)
        entities, relations, by_kind, errors = score_document(gold, pred)
        result.documents[doc.id] = {"entities": entities, "relations": relations}
        result.entities.add(entities)
        result.relations.add(relations)
        for kind, s in by_kind.items():
            result.entity_types[kind].add(s)
        result.misses[doc.id] = errors
    return result


def _restrict(facts: FactBase) -> FactBase:
    used = {m for c in facts.claims for m in c.mentions}
    for f in (f for c in facts.claims for f in c.facts):
        used.add(f.subject)
        if not f.is_literal:
            used.add(f.object)
    return FactBase({k: v for k, v in facts.entities.items() if k in used}, facts.claims)
