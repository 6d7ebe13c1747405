"""Writing RDF files deterministically.

- :func:`serialize_nquads` and :func:`serialize_trig` give the same bytes for
  the same quads: lines and graphs are sorted, and IRIs are minted from
  curated ids, never from blank nodes or counters.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Dataset, Graph, URIRef

from graphkit.vocab.namespaces import PREFIXES

__all__ = ["serialize_nquads", "serialize_trig"]


def serialize_nquads(dataset: Dataset) -> bytes:
    """Return the dataset's named-graph quads as sorted N-Quads (UTF-8)."""
    from rdflib.plugins.serializers.nquads import _nq_row

    lines = sorted(
        _nq_row((s, p, o), g)
        for s, p, o, g in dataset.quads((None, None, None, None))
        if isinstance(g, URIRef)
    )
    return "".join(lines).encode("utf-8")


def serialize_trig(dataset: Dataset, *, header: str = "") -> bytes:
    """Return the dataset as TriG, graphs in IRI order, each pretty-printed as Turtle.

    rdflib's own TriG writer visits graphs in set order, which changes between
    runs; here each graph is written by rdflib's Turtle writer (which sorts
    subjects and objects) under one shared prefix block.
    """
    by_graph: dict[URIRef, Graph] = defaultdict(Graph)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if isinstance(g, URIRef):
            by_graph[g].add((s, p, o))
    out = [header] if header else []
    out += [f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in sorted(PREFIXES.items())]
    for name in sorted(by_graph):
        graph = by_graph[name]
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri, override=True, replace=True)
        body = graph.serialize(format="turtle")
        body = "\n".join(
            f"    {line}" if line else "" for line in body.splitlines() if not line.startswith("@prefix")
        ).strip("\n")
        out.append(f"\n{name.n3()} {{\n{body}\n}}\n")
    return "".join(out).encode("utf-8")
