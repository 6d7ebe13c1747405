"""The ontology as the build sees it: which classes and properties exist, and their ranges.

The facts files name classes and properties by CURIE (``schema:Person``,
``gk:recipient``). :class:`Vocabulary` expands them with the project prefixes
and refuses any term the ontology does not declare, so a typo is an error with
a line number rather than a new, silently wrong IRI.

Examples
--------
>>> vocab = load_vocabulary()
>>> vocab.expand("gk:recipient")
rdflib.term.URIRef('https://w3id.org/graphkit/ontology#recipient')
>>> vocab.datatype(vocab.expand("gk:awardYear"))
rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYear')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from graphkit.files import read_turtle
from graphkit.paths import project_paths
from graphkit.vocab.namespaces import OWL, PREFIXES, RDF, RDFS, XSD

__all__ = ["Vocabulary", "load_vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """The classes and properties the ontology declares."""

    graph: Graph
    classes: frozenset[URIRef]
    ranges: dict[URIRef, URIRef | None]

    def expand(self, curie: str) -> URIRef:
        """Expand ``prefix:name`` with the project prefixes.

        Raises
        ------
        KeyError
            If the prefix is unknown or the text is not a CURIE.
        """
        prefix, sep, name = curie.partition(":")
        if not sep or prefix not in PREFIXES or not name:
            raise KeyError(curie)
        return URIRef(PREFIXES[prefix] + name)

    def is_class(self, term: URIRef) -> bool:
        """Return whether the ontology declares *term* as a class."""
        return term in self.classes

    def is_property(self, term: URIRef) -> bool:
        """Return whether the ontology declares *term* as a property."""
        return term in self.ranges

    def datatype(self, prop: URIRef) -> URIRef | None:
        """Return the XSD datatype a literal-valued property takes, or None for entity-valued ones."""
        rng = self.ranges.get(prop)
        if rng is not None and str(rng).startswith(str(XSD)):
            return rng
        if (prop, RDF.type, OWL.DatatypeProperty) in self.graph:
            return XSD.string
        return None

    def label(self, term: URIRef) -> str:
        """Return the term's rdfs:label, or its local name when it has none."""
        label = self.graph.value(term, RDFS.label)
        return str(label) if label is not None else term.split("#")[-1].split("/")[-1]


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """Read the ontology at *path* (default: ``ontology/graphkit.ttl``)."""
    graph = read_turtle(path or project_paths().ontology)
    classes = frozenset(s for s in graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef))
    ranges: dict[URIRef, URIRef | None] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            if isinstance(prop, URIRef):
                rng = graph.value(prop, RDFS.range)
                ranges[prop] = rng if isinstance(rng, URIRef) else None
    return Vocabulary(graph, classes, ranges)
