"""What a build changed: the statements added and removed in each document's graph.

A statement is a fact or a mention a document's graph holds (its provenance,
the ``rdf:Statement`` with its evidence, is in ``gkd:graph/provenance``). Comparing the previous
``data/build/graphkit.nq`` with the new dataset tells, per document, which
curated statements appeared or went away — after ``graphkit accept``, what
the accepted draft added to the graph.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.load()
>>> diff_builds(ds, ds)
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset
from rdflib.term import Node

from graphkit.vocab.namespaces import DATA, RDFS, SKOS

__all__ = ["DocumentChange", "diff_builds", "format_changes"]

_DOCUMENT_GRAPH = str(DATA["document/"])


@dataclass(frozen=True)
class DocumentChange:
    """The statements one document's graph gained and lost."""

    document: str
    added: tuple[tuple[Node, Node, Node], ...]
    removed: tuple[tuple[Node, Node, Node], ...]


def _statements(dataset: Dataset | None) -> dict[str, set[tuple[Node, Node, Node]]]:
    """Return each document's statements: the facts and mentions its graph holds."""
    out: dict[str, set[tuple[Node, Node, Node]]] = {}
    if dataset is None:
        return out
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if str(g).startswith(_DOCUMENT_GRAPH):
            out.setdefault(str(g).removeprefix(_DOCUMENT_GRAPH), set()).add((s, p, o))
    return out


def diff_builds(before: Dataset | None, after: Dataset) -> list[DocumentChange]:
    """Return, per document whose statements changed, what was added and removed (sorted)."""
    old, new = _statements(before), _statements(after)
    changes = []
    for document in sorted(set(old) | set(new)):
        added = new.get(document, set()) - old.get(document, set())
        removed = old.get(document, set()) - new.get(document, set())
        if added or removed:
            changes.append(DocumentChange(document, tuple(sorted(added)), tuple(sorted(removed))))
    return changes


def _label(dataset: Dataset, term: Node) -> str:
    for p in (SKOS.prefLabel, RDFS.label):
        for value in dataset.objects(term, p):
            return str(value)
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def format_changes(
    changes: list[DocumentChange], before: Dataset | None, after: Dataset, *, limit: int = 5
) -> list[str]:
    """Return readable lines: a count per document and the first *limit* statements of each kind."""
    if not changes:
        return ["no statements changed since the previous build"]
    lines = []
    for change in changes:
        lines.append(f"{change.document}: +{len(change.added)} statements, -{len(change.removed)} statements")
        for sign, triples, source in (("+", change.added, after), ("-", change.removed, before)):
            for s, p, o in triples[:limit]:
                lines.append(f"  {sign} {_label(source, s)} {_label(source, p)} {_label(source, o)}")
            if len(triples) > limit:
                lines.append(f"  {sign} ... and {len(triples) - limit} more")
    return lines
