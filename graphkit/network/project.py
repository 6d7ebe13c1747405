"""Project the RDF dataset onto a networkx graph that keeps its meaning.

rdflib's generic converter makes every literal a node and drops types and
provenance. :func:`project` instead makes one node per curated entity and one
edge per entity-to-entity fact, and carries over what an analyst needs.

Nodes (keyed by the entity IRI, a ``str``)
    ``label`` (preferred label), ``type`` (the readable label of the most
    specific class, e.g. ``"NGO"``), ``types`` (class IRIs, sorted),
    ``aliases`` (sorted), ``documents`` (titles of the documents that mention
    the entity, sorted), ``description`` where the curators wrote one, and
    every literal fact about the entity under the snake_case local name of its
    property (``edition_year``, ``participant_count``, ``award_year``,
    ``text``, ``date``...). Integers and years are ``int``, other literals
    ``str``; a property with several values gives a sorted list. Two
    conveniences are added: a person's ``country`` (the label of the country
    the documents associate them with) and a hero's ``award_year`` (the year
    of each award conferred on them).
Edges (keyed by the relation label)
    ``predicate`` (property IRI), ``label`` (its label in the ontology),
    ``quotes`` (``{"text", "document"}`` dicts, sorted), ``documents`` (titles,
    sorted) and ``support`` (how many distinct documents state the fact).
Graph
    ``title``, ``nary`` (the mode used) and ``documents``: for each document
    title, its ``iri``, ``id``, ``issued`` date and ``year``.

n-ary records (an award conferral, a program edition, a role held) are nodes
by default (``nary="keep"``). With ``nary="collapse"`` each record becomes
direct edges from its anchor (the recipient, the participant, the member) to
every other entity it names, labelled with the record's meaning::

    Zaheer Ahmed --received TIP Report Heroes Award (2023)--> TIP Report Heroes Award
    Martina Vandenberg --founder and president--> Human Trafficking Legal Center

A collapsed edge carries the quotes and documents of all the statements it
was made from, the record's literal facts (``award_year``, ``date``...) and
``record`` (the record's IRI). An edge that pointed at a record is redirected
to the record's head (its award, program or organization) with the record's
label added to its own. Entities left without any edge by the collapse (a role
whose only link was a membership) are dropped: their meaning is now in the
edge labels.

Everything is inserted in sorted order, so a dataset always gives the same
graph, and exports of it are byte-identical.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from rdflib import Dataset, Graph
from rdflib import Literal as RDFLiteral
from rdflib.term import Node, URIRef

from graphkit.errors import InputError
from graphkit.rdf.store import iter_quads
from graphkit.vocab.namespaces import (
    DCTERMS,
    GK,
    OA,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    graph_iri,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["NARY_TYPES", "Nary", "entity_statements_query", "project"]

Nary = Literal["keep", "collapse"]

#: The classes of n-ary records, with the property that points to each record's anchor.
NARY_TYPES: dict[str, str] = {
    str(GK.AwardConferral): str(GK.recipient),
    str(GK.ProgramEdition): str(GK.participant),
    str(ORG.Membership): str(ORG.member),
}

#: Properties that name the "head" of a record: what an edge pointing at it is redirected to.
_HEADS = {
    str(GK.AwardConferral): str(GK.award),
    str(GK.ProgramEdition): str(GK.editionOf),
    str(ORG.Membership): str(ORG.organization),
}

_NOT_RELATIONS = {RDF.type, SCHEMA.mentions}
_LABEL_PROPERTIES = {RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.definition}
_PROVENANCE_TYPES = {GK.SourceDocument, GK.EvidenceQuote, RDF.Statement}
_ONTOLOGY_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.Ontology,
    RDF.Property,
    RDFS.Class,
}
_RESERVED = {"label", "type", "types", "aliases", "documents", "description", "country"}
_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.gYear}


def entity_statements_query() -> str:
    """Return the SPARQL query that selects every entity-to-entity statement.

    It is the query the round-trip test runs: the projection with
    ``nary="keep"`` has exactly one edge per row.

    Examples
    --------
    >>> "SELECT DISTINCT ?s ?p ?o" in entity_statements_query()
    True
    """
    from importlib.resources import files

    return files("graphkit.network").joinpath("queries", "entity_statements.rq").read_text("utf-8")


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _python(literal: RDFLiteral) -> Any:
    if literal.datatype in _INTEGER_TYPES:
        try:
            return int(str(literal))
        except ValueError:
            return str(literal)
    if literal.datatype == XSD.boolean:
        return str(literal) in {"true", "1"}
    if literal.datatype in {XSD.decimal, XSD.double, XSD.float}:
        return float(str(literal))
    return str(literal)


def _one_or_list(values: Iterable[Any]) -> Any:
    unique = sorted(set(values), key=lambda v: (str(type(v)), v))
    return unique[0] if len(unique) == 1 else unique


@dataclass
class _Source:
    """The triples of a dataset (or one graph), indexed for the projection."""

    triples: set[tuple[Node, Node, Node]] = field(default_factory=set)
    graphs: dict[tuple[Node, Node, Node], set[Node]] = field(default_factory=dict)
    entity_types: dict[Node, set[Node]] = field(default_factory=dict)
    by_subject: dict[Node, list[tuple[Node, Node]]] = field(default_factory=dict)
    docs: dict[Node, dict[str, Any]] = field(default_factory=dict)
    quotes: dict[tuple[Node, Node, Node], set[tuple[str, int, str]]] = field(default_factory=dict)
    evidence: dict[Node, dict[str, Any]] = field(default_factory=dict)
    evidence_of: dict[tuple[Node, Node, Node], set[Node]] = field(default_factory=dict)

    @classmethod
    def read(cls, source: Graph) -> _Source:
        self = cls()
        entity_graph = graph_iri("entities")
        entity_typed: dict[Node, set[Node]] = defaultdict(set)
        graphs: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
        if isinstance(source, Dataset):
            rdf_type = RDF.type  # looked up once: a namespace attribute costs a call
            for s, p, o, g in iter_quads(source):
                graphs[(s, p, o)].add(g)
                if p == rdf_type and g == entity_graph:
                    entity_typed[s].add(o)
        else:
            for triple in source:
                graphs.setdefault(triple, set())
        self.triples = set(graphs)
        self.graphs = graphs
        by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in self.triples:
            by_subject[s].append((p, o))
        self.by_subject = dict(by_subject)

        if not entity_typed:  # a plain graph, e.g. a CONSTRUCT result
            for s, p, o in self.triples:
                if p == RDF.type and isinstance(s, URIRef):
                    entity_typed[s].add(o)
            for s in list(entity_typed):
                if entity_typed[s] & (_PROVENANCE_TYPES | _ONTOLOGY_TYPES):
                    del entity_typed[s]
        self.entity_types = dict(entity_typed)

        for s, types in ((s, self.objects(s, RDF.type)) for s in list(by_subject)):
            if GK.SourceDocument in types:
                issued = self.value(s, DCTERMS.issued)
                title = str(self.value(s, DCTERMS.title) or self.value(s, RDFS.label) or s)
                self.docs[s] = {
                    "iri": str(s),
                    "id": str(self.value(s, DCTERMS.identifier) or _local(str(s))),
                    "title": title,
                    "issued": str(issued) if issued is not None else None,
                    "year": int(str(issued)[:4]) if issued is not None else None,
                }
            elif GK.EvidenceQuote in types:
                self.evidence[s] = {
                    "text": str(self.value(s, OA.exact) or ""),
                    "start": _python(self.value(s, OA.start) or RDFLiteral(0)),
                    "end": _python(self.value(s, OA.end) or RDFLiteral(0)),
                    "section": str(self.value(s, GK.section) or ""),
                    "document": self.value(s, PROV.wasQuotedFrom),
                }
        quotes: dict[tuple[Node, Node, Node], set[tuple[str, int, str]]] = defaultdict(set)
        evidence_of: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
        for _st, pairs in by_subject.items():
            if (RDF.type, RDF.Statement) not in pairs:
                continue
            fields = dict(pairs)
            triple = (fields.get(RDF.subject), fields.get(RDF.predicate), fields.get(RDF.object))
            for p, ev in pairs:
                if p != PROV.wasDerivedFrom or ev not in self.evidence:
                    continue
                record = self.evidence[ev]
                title = self.title(record["document"])
                quotes[triple].add((title, record["start"], record["text"]))
                evidence_of[triple].add(ev)
        self.quotes = dict(quotes)
        self.evidence_of = dict(evidence_of)
        return self

    def objects(self, s: Node, p: Node) -> set[Node]:
        return {o for q, o in self.by_subject.get(s, ()) if q == p}

    def value(self, s: Node, p: Node) -> Node | None:
        found = sorted(self.objects(s, p))
        return found[0] if found else None

    def title(self, doc: Node | None) -> str:
        if doc in self.docs:
            return self.docs[doc]["title"]
        return str(doc)

    def label(self, term: Node) -> str:
        """Return the label of an entity or ontology term, else its local name, readable."""
        for p in (SKOS.prefLabel, RDFS.label):
            value = self.value(term, p)
            if value is not None:
                return str(value)
        local = _local(str(term))
        return re.sub(r"(?<=[a-z])([A-Z])", r" \1", local).capitalize()

    def documents_stating(self, triple: tuple[Node, Node, Node]) -> set[str]:
        titles = {title for title, _, _ in self.quotes.get(triple, ())}
        titles |= {self.docs[g]["title"] for g in self.graphs.get(triple, ()) if g in self.docs}
        return titles

    def superclasses(self, cls: Node) -> set[Node]:
        seen: set[Node] = set()
        todo = [cls]
        while todo:
            for sup in self.objects(todo.pop(), RDFS.subClassOf):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen


def _provenance(source: _Source, triples: Iterable[tuple[Node, Node, Node]]) -> dict[str, Any]:
    quotes: set[tuple[str, int, str]] = set()
    documents: set[str] = set()
    for triple in triples:
        quotes |= source.quotes.get(triple, set())
        documents |= source.documents_stating(triple)
    return {
        "quotes": [{"text": text, "document": doc} for doc, _, text in sorted(quotes)],
        "documents": sorted(documents),
        "support": len(documents),
    }


def _node_attrs(source: _Source, entity: Node, mentions: dict[Node, set[str]]) -> dict[str, Any]:
    types = source.entity_types[entity]
    # the most specific type: one no other type of the entity is a subclass of
    broader = set().union(*(source.superclasses(t) for t in types))
    primary = sorted(types - broader or types)[0]
    attrs: dict[str, Any] = {
        "label": source.label(entity),
        "type": source.label(primary),
        "types": sorted(str(t) for t in types),
        "aliases": sorted({str(a) for a in source.objects(entity, SKOS.altLabel)}),
        "documents": sorted(mentions.get(entity, ())),
    }
    description = source.value(entity, SKOS.definition)
    if description is not None:
        attrs["description"] = str(description)
    literals: dict[str, list[Any]] = defaultdict(list)
    for p, o in source.by_subject.get(entity, ()):
        if isinstance(o, RDFLiteral) and p not in _LABEL_PROPERTIES:
            key = _snake(_local(str(p)))
            literals[key if key not in _RESERVED else f"{key}_value"].append(_python(o))
    for key in sorted(literals):
        attrs[key] = _one_or_list(literals[key])
    return attrs


def _collapse_label(source: _Source, record: Node, rtype: str, prop: str, target: Node) -> str:
    def year(p: Node) -> str:
        value = source.value(record, p)
        return f" ({value})" if value is not None else ""

    if rtype == str(GK.AwardConferral):
        award = source.value(record, GK.award)
        base = f"received {source.label(award) if award else 'award'}{year(GK.awardYear)}"
        suffix = {str(GK.award): "", str(GK.presenter): " from", str(GK.ceremony): " at"}
        if prop in suffix:
            return base + suffix[prop]
        return f"{source.label(URIRef(prop))} ({base})"
    if rtype == str(GK.ProgramEdition):
        program = source.value(record, GK.editionOf)
        name = source.label(program) if program is not None else source.label(record)
        context = f"{name}{year(GK.editionYear)}"
        verbs = {
            str(GK.editionOf): "took part in {}",
            str(GK.counterpart): "met with during {}",
            str(GK.placeVisited): "visited during {}",
            str(GK.implementer): "hosted during {} by",
        }
        template = verbs.get(prop, source.label(URIRef(prop)) + " during {}")
        if prop == str(GK.editionOf):
            return f"took part in {name}{year(GK.editionYear)}"
        return template.format(context)
    # membership
    role = source.value(record, ORG.role)
    if prop == str(ORG.organization):
        return source.label(role) if role is not None else "member of"
    if prop == str(ORG.role):
        return "holds role"
    return f"{source.label(URIRef(prop))} ({source.label(role) if role else 'member'})"


class _Edges:
    """Edges being collected: (u, v, label) -> predicate and the triples they stand for."""

    def __init__(self) -> None:
        self.parts: dict[tuple[str, str, str], set[tuple[Node, Node, Node]]] = defaultdict(set)
        self.meta: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(
        self,
        u: Node,
        v: Node,
        label: str,
        predicate: Node,
        parts: Iterable[tuple[Node, Node, Node]],
        **extra: Any,
    ) -> None:
        key = (str(u), str(v), label)
        self.parts[key].update(parts)
        meta = self.meta.setdefault(key, {"predicate": str(predicate)})
        meta.update(extra)


def project(
    dataset: Graph,
    *,
    include_documents: bool = False,
    include_evidence: bool = False,
    include_ontology: bool = False,
    nary: Nary = "keep",
    title: str = "TIP Report Heroes knowledge graph",
) -> nx.MultiDiGraph:
    """Project the dataset onto a MultiDiGraph of entities and their relations.

    Parameters
    ----------
    dataset : rdflib.Dataset or rdflib.Graph
        The dataset from :func:`graphkit.load`, or a single graph such as the
        result of a SPARQL ``CONSTRUCT`` (then every typed IRI that is not a
        document, evidence record, statement or ontology term is an entity,
        and provenance comes from whatever reified statements it holds).
    include_documents : bool
        Add each source document as a node (type ``"Source document"``) with
        ``mentions`` edges to the entities it names and ``published by`` /
        ``author`` edges from the manifest.
    include_evidence : bool
        Add each evidence quote as a node (type ``"Evidence quote"``; ``text``,
        ``start``, ``end``, ``section``), linked from every entity whose
        statements derive from it (``derived from``) and, with
        ``include_documents``, to its document (``quoted from``).
    include_ontology : bool
        Add the classes of the entities and their superclasses, with ``type``
        and ``subclass of`` edges.
    nary : {"keep", "collapse"}
        Keep award conferrals, program editions and roles held as nodes, or
        collapse them into direct labelled edges (see the module docstring).
    title : str
        Stored as ``G.graph["title"]``.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI, edges keyed by relation label.

    Raises
    ------
    InputError
        If ``nary`` is neither ``"keep"`` nor ``"collapse"``.

    Examples
    --------
    >>> import graphkit as gk
    >>> G = project(gk.load())
    >>> hero = G.nodes["https://w3id.org/graphkit/id/zaheer-ahmed"]
    >>> hero["label"], hero["type"], hero["country"], hero["award_year"]
    ('Zaheer Ahmed', 'Person', 'Pakistan', 2023)
    >>> C = project(gk.load(), nary="collapse")
    >>> sorted(C["https://w3id.org/graphkit/id/martina-vandenberg"]
    ...        ["https://w3id.org/graphkit/id/human-trafficking-legal-center"])
    ['founder and president']
    """
    import networkx as nx

    if nary not in ("keep", "collapse"):
        raise InputError(f"unknown nary mode {nary!r} (use 'keep' or 'collapse')")
    source = _Source.read(dataset)
    entities = source.entity_types
    mentions: dict[Node, set[str]] = defaultdict(set)
    for s, p, o in source.triples:
        if p == SCHEMA.mentions and s in source.docs:
            mentions[o].add(source.docs[s]["title"])

    G = nx.MultiDiGraph()
    G.graph["title"] = title
    G.graph["nary"] = nary
    G.graph["documents"] = {
        doc["title"]: {k: doc[k] for k in ("iri", "id", "issued", "year")}
        for doc in sorted(source.docs.values(), key=lambda d: d["title"])
    }

    nodes: dict[str, dict[str, Any]] = {str(e): _node_attrs(source, e, mentions) for e in entities}
    facts = sorted(
        (s, p, o) for s, p, o in source.triples if s in entities and o in entities and p not in _NOT_RELATIONS
    )
    _add_conveniences(source, nodes, facts)

    edges = _Edges()
    records = {
        e: next(str(t) for t in sorted(entities[e]) if str(t) in NARY_TYPES)
        for e in entities
        if {str(t) for t in entities[e]} & set(NARY_TYPES)
    }
    if nary == "collapse":
        records = {r: t for r, t in records.items() if source.objects(r, URIRef(NARY_TYPES[t]))}
    else:
        records = {}
    for s, p, o in facts:
        if s in records or o in records:
            continue
        edges.add(s, o, source.label(p), p, [(s, p, o)])
    for record, rtype in sorted(records.items()):
        _collapse(source, edges, record, rtype, facts, records)

    dropped: set[str] = set()
    if records:
        before = {str(x) for s, _, o in facts for x in (s, o)}
        after = {x for u, v, _ in edges.parts for x in (u, v)}
        dropped = {str(r) for r in records} | (before - after)

    for iri in sorted(nodes):
        if iri not in dropped:
            G.add_node(iri, **nodes[iri])
    if include_ontology:
        _add_ontology(source, G, edges)
    if include_documents:
        _add_documents(source, G, edges)
    if include_evidence:
        _add_evidence(source, G, edges, facts, include_documents=include_documents)
    for key in sorted(edges.parts):
        u, v, label = key
        meta = dict(edges.meta[key])
        attrs = {"predicate": meta.pop("predicate"), "label": label}
        attrs.update(_provenance(source, sorted(edges.parts[key])))
        attrs.update(sorted(meta.items()))
        G.add_edge(u, v, key=label, **attrs)
    return G


def _add_conveniences(
    source: _Source, nodes: dict[str, dict[str, Any]], facts: list[tuple[Node, Node, Node]]
) -> None:
    countries: dict[str, set[str]] = defaultdict(set)
    award_years: dict[str, set[int]] = defaultdict(set)
    for s, p, o in facts:
        if p == GK.country and SCHEMA.Person in source.entity_types.get(s, ()):
            countries[str(s)].add(source.label(o))
        if p == GK.recipient and SCHEMA.Person in source.entity_types.get(o, ()):
            award = source.value(s, GK.award)
            if award is not None and GK.Award in source.entity_types.get(award, ()):
                year = source.value(s, GK.awardYear)
                award_years[str(o)].add(_python(year) if year is not None else None)
    for iri, names in countries.items():
        nodes[iri]["country"] = ", ".join(sorted(names))
    for iri, years in award_years.items():
        known = {y for y in years if y is not None}
        if known:
            nodes[iri]["award_year"] = _one_or_list(known)


def _collapse(
    source: _Source,
    edges: _Edges,
    record: Node,
    rtype: str,
    facts: list[tuple[Node, Node, Node]],
    records: dict[Node, str],
) -> None:
    anchor_prop = URIRef(NARY_TYPES[rtype])
    anchors = sorted(source.objects(record, anchor_prop))
    literal_parts = [
        (record, p, o) for p, o in source.by_subject.get(record, ()) if isinstance(o, RDFLiteral)
    ]
    extra: dict[str, Any] = {"record": str(record)}
    for p, o in sorted(source.by_subject.get(record, ())):
        if isinstance(o, RDFLiteral) and p not in _LABEL_PROPERTIES:
            key = _snake(_local(str(p)))
            if key not in {"label", "predicate", "quotes", "documents", "support", "record"}:
                extra[key] = _python(o)
    head_props = {URIRef(_HEADS[rtype])}
    label_parts = [
        (record, p, o)
        for p, o in source.by_subject.get(record, ())
        if p in {GK.award, GK.editionOf, ORG.role} and o in source.entity_types
    ]
    outgoing = [(p, o) for s, p, o in facts if s == record and p != anchor_prop]
    has_org = any(p == ORG.organization for p, _ in outgoing)
    for anchor in anchors:
        for p, target in outgoing:
            if p == ORG.role and has_org:
                continue  # the role is the label of the member -> organization edge
            if target in records or target == anchor:
                continue
            label = _collapse_label(source, record, rtype, str(p), target)
            parts = [(record, anchor_prop, anchor), (record, p, target), *label_parts]
            parts += [t for t in literal_parts if t[1] in {GK.awardYear, GK.editionYear}]
            edges.add(anchor, target, label, p, parts, **extra)
    heads = sorted(o for p, o in outgoing if p in head_props) or anchors
    for s, p, o in facts:
        if o == record and s not in records:
            for head in heads:
                label = f"{source.label(p)} ({source.label(record)})"
                edges.add(s, head, label, p, [(s, p, o)], record=str(record))


def _add_documents(source: _Source, G: nx.MultiDiGraph, edges: _Edges) -> None:
    for doc in sorted(source.docs, key=str):
        info = source.docs[doc]
        attrs = {
            "label": info["title"],
            "type": source.label(GK.SourceDocument),
            "types": [str(GK.SourceDocument)],
            "aliases": [info["id"]],
            "documents": [info["title"]],
        }
        attrs.update({k: info[k] for k in ("issued", "year") if info[k] is not None})
        G.add_node(str(doc), **attrs)
        for p, o in sorted(source.by_subject.get(doc, ())):
            if p == SCHEMA.mentions and str(o) in G:
                edges.add(doc, o, source.label(p), p, [(doc, p, o)])
            elif p in {DCTERMS.publisher, DCTERMS.creator} and str(o) in G:
                edges.add(doc, o, source.label(p), p, [])


def _add_evidence(
    source: _Source,
    G: nx.MultiDiGraph,
    edges: _Edges,
    facts: list[tuple[Node, Node, Node]],
    *,
    include_documents: bool,
) -> None:
    for ev in sorted(source.evidence, key=str):
        info = source.evidence[ev]
        text = info["text"]
        title = source.title(info["document"])
        G.add_node(
            str(ev),
            label=text if len(text) <= 60 else text[:59] + "…",
            type=source.label(GK.EvidenceQuote),
            types=[str(GK.EvidenceQuote)],
            aliases=[],
            documents=[title],
            text=text,
            start=info["start"],
            end=info["end"],
            section=info["section"],
        )
        if include_documents and info["document"] in source.docs:
            edges.add(ev, info["document"], source.label(PROV.wasQuotedFrom), PROV.wasQuotedFrom, [])
    for triple, evs in sorted(source.evidence_of.items(), key=lambda kv: tuple(map(str, kv[0]))):
        for term in (triple[0], triple[2]):
            if str(term) in G and term in source.entity_types:
                for ev in sorted(evs, key=str):
                    label = source.label(PROV.wasDerivedFrom)
                    edges.add(term, ev, label, PROV.wasDerivedFrom, [])


def _add_ontology(source: _Source, G: nx.MultiDiGraph, edges: _Edges) -> None:
    classes: set[Node] = set()
    for entity, types in source.entity_types.items():
        if str(entity) not in G:
            continue
        for t in types:
            classes |= {t} | source.superclasses(t)
            edges.add(entity, t, source.label(RDF.type), RDF.type, [])
    for cls in sorted(classes, key=str):
        G.add_node(
            str(cls),
            label=source.label(cls),
            type="Class",
            types=[str(OWL.Class)],
            aliases=[],
            documents=[],
        )
        for sup in sorted(source.objects(cls, RDFS.subClassOf)):
            label = source.label(RDFS.subClassOf)
            edges.add(cls, sup, label, RDFS.subClassOf, [])
