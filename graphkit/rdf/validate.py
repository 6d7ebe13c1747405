"""Check a dataset against the SHACL shapes with pySHACL.

Violations come back as :class:`Violation` records a person can act on: the
focus node with its label, the property path, the value and the shape's message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from graphkit.errors import InputError
from graphkit.files import read_turtle
from graphkit.paths import project_paths
from graphkit.vocab.namespaces import RDF, RDFS, SH, SKOS

__all__ = ["Violation", "validate_dataset"]

_NETWORK_WORDS = re.compile(r"\b(SERVICE|FROM|LOAD)\b", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: what is wrong, where, and how to find it."""

    focus: str
    focus_label: str
    path: str
    value: str
    message: str
    severity: str

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus_label} <{self.focus}> {self.path}: {self.message}{value}"


def _union(dataset: Dataset) -> Graph:
    # pySHACL validates each named graph of a Dataset on its own; the shapes
    # speak of the whole graph (a label in one graph, a fact in another).
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _short(graph: Graph, term) -> str:
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # normalizeUri refuses some IRIs; show them whole
            return str(term)
    return "" if term is None else str(term)


def validate_dataset(dataset: Dataset, shapes: str | Path | None = None) -> list[Violation]:
    """Validate *dataset* against the shapes and return the violations (empty when it conforms).

    Parameters
    ----------
    dataset : rdflib.Dataset
        The built dataset.
    shapes : str or Path, optional
        A SHACL Turtle file (default: ``ontology/shapes.ttl``).
    """
    import pyshacl

    from graphkit.vocab.namespaces import PREFIXES

    data = _union(dataset)
    shapes_path = Path(shapes or project_paths().shapes)
    shapes_graph = read_turtle(shapes_path)
    # pySHACL runs SPARQL-based constraints through rdflib's engine, which would follow a SERVICE
    # or fetch a FROM graph: refuse any constraint whose text so much as names one.
    for prop in (SH.select, SH.ask):
        for text in shapes_graph.objects(None, prop):
            if _NETWORK_WORDS.search(str(text)):
                message = "a SPARQL-based constraint may not use SERVICE, FROM or LOAD (it would reach out)"
                raise InputError(message, path=shapes_path)
    _, report, text = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    if not isinstance(report, Graph):
        raise InputError(f"the shapes cannot be checked: {text}", path=shapes_path)
    for prefix, iri in PREFIXES.items():
        report.bind(prefix, iri, override=True)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        label = data.value(focus, SKOS.prefLabel) or data.value(focus, RDFS.label) or ""
        violations.append(
            Violation(
                focus=str(focus),
                focus_label=str(label),
                path=_short(report, report.value(result, SH.resultPath)),
                value=_short(report, report.value(result, SH.value)),
                message=str(report.value(result, SH.resultMessage) or ""),
                severity=_short(report, report.value(result, SH.resultSeverity)).removeprefix("sh:"),
            )
        )
    return sorted(violations)
