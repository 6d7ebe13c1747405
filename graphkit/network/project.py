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

import gc
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from rdflib import Dataset, Graph
from rdflib import Literal as RDFLiteral
from rdflib.term import BNode, Node, URIRef

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

# Terms read in loops, looked up once: a namespace attribute builds a new URIRef on each access.
_TYPE, _SUBCLASS_OF, _LABEL = RDF.type, RDFS.subClassOf, RDFS.label
_PREF_LABEL, _ALT_LABEL, _DEFINITION = SKOS.prefLabel, SKOS.altLabel, SKOS.definition
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = RDF.Statement, RDF.subject, RDF.predicate, RDF.object
_DERIVED_FROM, _QUOTED_FROM = PROV.wasDerivedFrom, PROV.wasQuotedFrom
_MENTIONS, _PERSON = SCHEMA.mentions, SCHEMA.Person
_SOURCE_DOCUMENT, _EVIDENCE_QUOTE = GK.SourceDocument, GK.EvidenceQuote
_AWARD_CONFERRAL, _PROGRAM_EDITION = GK.AwardConferral, GK.ProgramEdition
_AWARD, _AWARD_YEAR, _AWARD_CLASS, _RECIPIENT = GK.award, GK.awardYear, GK.Award, GK.recipient
_PRESENTER, _CEREMONY, _COUNTRY = GK.presenter, GK.ceremony, GK.country
_EDITION_OF, _EDITION_YEAR, _COUNTERPART = GK.editionOf, GK.editionYear, GK.counterpart
_PLACE_VISITED, _IMPLEMENTER = GK.placeVisited, GK.implementer
_ORGANIZATION, _ROLE = ORG.organization, ORG.role

_NOT_RELATIONS = {_TYPE, _MENTIONS}
_LABEL_PROPERTIES = {_LABEL, _PREF_LABEL, _ALT_LABEL, _DEFINITION}
_PROVENANCE_TYPES = {_SOURCE_DOCUMENT, _EVIDENCE_QUOTE, _STATEMENT}
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
_BOOLEAN_TYPES, _DECIMAL_TYPES = {XSD.boolean}, {XSD.decimal, XSD.double, XSD.float}
_YEARS = {_AWARD_YEAR, _EDITION_YEAR}
_ENTITY_GRAPH = graph_iri("entities")
#: The terms compared in the projection's loops (see :meth:`_Source.read`).
_CONSTANTS = {
    _TYPE, _SUBCLASS_OF, _STATEMENT, _SUBJECT, _PREDICATE, _OBJECT, _DERIVED_FROM, _QUOTED_FROM,
    _MENTIONS, _PERSON, _SOURCE_DOCUMENT, _EVIDENCE_QUOTE, _AWARD, _AWARD_YEAR, _AWARD_CLASS,
    _RECIPIENT, _PRESENTER, _CEREMONY, _COUNTRY, _EDITION_OF, _EDITION_YEAR, _COUNTERPART,
    _PLACE_VISITED, _IMPLEMENTER, _ORGANIZATION, _ROLE, _ENTITY_GRAPH,
    *_LABEL_PROPERTIES, *_PROVENANCE_TYPES, *_ONTOLOGY_TYPES,
    *(URIRef(iri) for pair in (*NARY_TYPES.items(), *_HEADS.items()) for iri in pair),
}  # fmt: skip
_EDGE_KEYS = {"label", "predicate", "quotes", "documents", "support", "record"}
_NARY_ANCHORS = {URIRef(t): URIRef(p) for t, p in NARY_TYPES.items()}
_NARY_HEADS = {URIRef(t): URIRef(p) for t, p in _HEADS.items()}
_HEAD_PROPERTIES = {_AWARD, _EDITION_OF, _ROLE}
#: rdflib's order of term kinds (``Node.__lt__``), as a sort key that compares in C.
_KIND_ORDER = {BNode: 10, URIRef: 30, RDFLiteral: 40}


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
    datatype = literal.datatype
    if datatype in _INTEGER_TYPES:
        try:
            return int(str(literal))
        except ValueError:
            return str(literal)
    if datatype in _BOOLEAN_TYPES:
        return str(literal) in {"true", "1"}
    if datatype in _DECIMAL_TYPES:
        return float(str(literal))
    return str(literal)


def _one_or_list(values: Iterable[Any]) -> Any:
    unique = sorted(set(values), key=lambda v: (str(type(v)), v))
    return unique[0] if len(unique) == 1 else unique


def _term_key(term: Node) -> tuple[int, str]:
    """Sort key of an IRI or blank node in rdflib's order, without rdflib's Python comparisons."""
    return (_KIND_ORDER.get(type(term), 20), str(term))


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[tuple[int, str], ...]:
    return (_term_key(triple[0]), _term_key(triple[1]), _term_key(triple[2]))


@dataclass
class _Source:
    """The triples of a dataset (or one graph), indexed for the projection.

    ``props`` maps a subject to its properties, each to its distinct objects
    in the order read, each to the graphs that hold the triple (a tuple: a
    million small sets cost seconds to allocate). Equality of rdflib terms is
    a Python call, so the hot paths find terms in dicts and sets (by hash and
    identity) instead of comparing them with ``==``.
    """

    props: dict[Node, dict[Node, dict[Node, tuple[Node | None, ...]]]] = field(default_factory=dict)
    entity_types: dict[Node, set[Node]] = field(default_factory=dict)
    docs: dict[Node, dict[str, Any]] = field(default_factory=dict)
    quotes: dict[tuple[Node, Node, Node], set[tuple[str, int, str]]] = field(default_factory=dict)
    evidence: dict[Node, dict[str, Any]] = field(default_factory=dict)
    evidence_of: dict[tuple[Node, Node, Node], set[Node]] = field(default_factory=dict)
    _labels: dict[Node, str] = field(default_factory=dict)
    _superclasses: dict[Node, set[Node]] = field(default_factory=dict)

    @classmethod
    def read(cls, source: Graph) -> _Source:
        self = cls()
        entity_typed: dict[Node, set[Node]] = defaultdict(set)
        props: dict[Node, dict[Node, dict[Node, tuple[Node | None, ...]]]] = {}
        # The dataset's own objects for the properties, classes and graphs compared below are
        # swapped for the module's constants: a dict then finds them by identity, without
        # calling rdflib's Python-level __eq__ (millions of times at a million triples).
        entity_graph = _ENTITY_GRAPH
        constants = {t: t for t in _CONSTANTS}
        swapped: dict[Node | None, Node | None] = {}
        if isinstance(source, Dataset):
            quads: Iterable[tuple[Node, Node, Node, Node | None]] = iter_quads(source)
        else:
            quads = ((s, p, o, None) for s, p, o in source)
        for s, p, o, g in quads:
            q = swapped.get(p)
            if q is None:
                q = swapped[p] = constants.get(p, p)
            p = q
            if p is _TYPE:
                q = swapped.get(o)
                if q is None:
                    q = swapped[o] = constants.get(o, o)
                o = q
            q = swapped.get(g)
            if q is None and g is not None:
                q = swapped[g] = constants.get(g, g)
            g = q
            by_property = props.get(s)
            if by_property is None:
                props[s] = by_property = {}
            objects = by_property.get(p)
            if objects is None:
                by_property[p] = {o: (g,)}
            else:
                held = objects.get(o)
                if held is None:
                    objects[o] = (g,)
                elif g not in held:
                    objects[o] = (*held, g)
            if p is _TYPE and g is entity_graph:
                entity_typed[s].add(o)
        self.props = props

        if not entity_typed:  # a plain graph, e.g. a CONSTRUCT result
            for s, by_property in props.items():
                types = by_property.get(_TYPE)
                if types and isinstance(s, URIRef):
                    entity_typed[s].update(types)
            for s in list(entity_typed):
                if entity_typed[s] & (_PROVENANCE_TYPES | _ONTOLOGY_TYPES):
                    del entity_typed[s]
        self.entity_types = dict(entity_typed)

        statements = []
        for s, by_property in props.items():
            types = by_property.get(_TYPE)
            if not types:
                continue
            if _SOURCE_DOCUMENT in types:
                issued = self.value(s, DCTERMS.issued)
                title = str(self.value(s, DCTERMS.title) or self.value(s, _LABEL) or s)
                self.docs[s] = {
                    "iri": str(s),
                    "id": str(self.value(s, DCTERMS.identifier) or _local(str(s))),
                    "title": title,
                    "issued": str(issued) if issued is not None else None,
                    "year": int(str(issued)[:4]) if issued is not None else None,
                }
            elif _EVIDENCE_QUOTE in types:
                self.evidence[s] = {
                    "text": str(self.value(s, OA.exact) or ""),
                    "start": _python(self.value(s, OA.start) or RDFLiteral(0)),
                    "end": _python(self.value(s, OA.end) or RDFLiteral(0)),
                    "section": str(self.value(s, GK.section) or ""),
                    "document": self.value(s, _QUOTED_FROM),
                }
            if _STATEMENT in types:
                statements.append(by_property)
        quotes: dict[tuple[Node, Node, Node], set[tuple[str, int, str]]] = defaultdict(set)
        evidence_of: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
        for fields in statements:
            # the reified triple with the same objects as the facts it describes (the constants swapped in)
            triple = tuple(
                swapped.get(term, term)
                for term in (next(iter(fields.get(p, ())), None) for p in (_SUBJECT, _PREDICATE, _OBJECT))
            )
            for ev in fields.get(_DERIVED_FROM, ()):
                record = self.evidence.get(ev)
                if record is None:
                    continue
                quotes[triple].add((self.title(record["document"]), record["start"], record["text"]))
                evidence_of[triple].add(ev)
        self.quotes = dict(quotes)
        self.evidence_of = dict(evidence_of)
        return self

    def pairs(self, s: Node) -> list[tuple[Node, Node]]:
        """Return the (property, object) pairs of a subject."""
        return [(p, o) for p, objects in self.props.get(s, {}).items() for o in objects]

    def objects(self, s: Node, p: Node) -> set[Node]:
        return set(self.props.get(s, {}).get(p, ()))

    def value(self, s: Node, p: Node) -> Node | None:
        found = self.props.get(s, {}).get(p)
        if not found:
            return None
        return next(iter(found)) if len(found) == 1 else sorted(found)[0]

    def title(self, doc: Node | None) -> str:
        if doc in self.docs:
            return self.docs[doc]["title"]
        return str(doc)

    def label(self, term: Node) -> str:
        """Return the label of an entity or ontology term, else its local name, readable."""
        known = self._labels.get(term)
        if known is not None:
            return known
        for p in (_PREF_LABEL, _LABEL):
            value = self.value(term, p)
            if value is not None:
                known = str(value)
                break
        else:
            local = _local(str(term))
            known = re.sub(r"(?<=[a-z])([A-Z])", r" \1", local).capitalize()
        self._labels[term] = known
        return known

    def documents_stating(self, triple: tuple[Node, Node, Node]) -> set[str]:
        titles = {title for title, _, _ in self.quotes.get(triple, ())}
        s, p, o = triple
        held = self.props.get(s, {}).get(p, {}).get(o, ())
        titles |= {self.docs[g]["title"] for g in held if g in self.docs}
        return titles

    def superclasses(self, cls: Node) -> set[Node]:
        known = self._superclasses.get(cls)
        if known is not None:
            return known
        seen: set[Node] = set()
        todo = [cls]
        while todo:
            for sup in self.objects(todo.pop(), _SUBCLASS_OF):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        self._superclasses[cls] = seen
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
        "aliases": sorted({str(a) for a in source.objects(entity, _ALT_LABEL)}),
        "documents": sorted(mentions.get(entity, ())),
    }
    description = source.value(entity, _DEFINITION)
    if description is not None:
        attrs["description"] = str(description)
    literals: dict[str, list[Any]] = defaultdict(list)
    for p, o in source.pairs(entity):
        if isinstance(o, RDFLiteral) and p not in _LABEL_PROPERTIES:
            key = _attribute_name(p)
            literals[key if key not in _RESERVED else f"{key}_value"].append(_python(o))
    for key in sorted(literals):
        attrs[key] = _one_or_list(literals[key])
    return attrs


@cache
def _attribute_name(prop: Node) -> str:
    """Return the snake_case local name of a property (``awardYear`` -> ``award_year``)."""
    return _snake(_local(str(prop)))


def _collapse_label(source: _Source, record: Node, rtype: Node, prop: Node) -> str:
    def year(p: Node) -> str:
        value = source.value(record, p)
        return f" ({value})" if value is not None else ""

    if rtype == _AWARD_CONFERRAL:
        award = source.value(record, _AWARD)
        base = f"received {source.label(award) if award else 'award'}{year(_AWARD_YEAR)}"
        suffix = {_AWARD: "", _PRESENTER: " from", _CEREMONY: " at"}
        if prop in suffix:
            return base + suffix[prop]
        return f"{source.label(prop)} ({base})"
    if rtype == _PROGRAM_EDITION:
        program = source.value(record, _EDITION_OF)
        name = source.label(program) if program is not None else source.label(record)
        context = f"{name}{year(_EDITION_YEAR)}"
        verbs = {
            _EDITION_OF: "took part in {}",
            _COUNTERPART: "met with during {}",
            _PLACE_VISITED: "visited during {}",
            _IMPLEMENTER: "hosted during {} by",
        }
        return verbs.get(prop, source.label(prop) + " during {}").format(context)
    # membership
    role = source.value(record, _ROLE)
    if prop == _ORGANIZATION:
        return source.label(role) if role is not None else "member of"
    if prop == _ROLE:
        return "holds role"
    return f"{source.label(prop)} ({source.label(role) if role else 'member'})"


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
    if nary not in ("keep", "collapse"):
        raise InputError(f"unknown nary mode {nary!r} (use 'keep' or 'collapse')")
    with _cyclic_gc_paused():
        return _project(
            dataset,
            include_documents=include_documents,
            include_evidence=include_evidence,
            include_ontology=include_ontology,
            nary=nary,
            title=title,
        )


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, then restore it as it was.

    Building the index creates millions of objects that all stay alive, so
    each full collection would walk them again for nothing (about 15% of the
    time at a million triples). Reference counting still frees what is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _project(
    dataset: Graph,
    *,
    include_documents: bool,
    include_evidence: bool,
    include_ontology: bool,
    nary: Nary,
    title: str,
) -> nx.MultiDiGraph:
    import networkx as nx

    source = _Source.read(dataset)
    entities = source.entity_types
    mentions: dict[Node, set[str]] = defaultdict(set)
    for doc, info in source.docs.items():
        for o in source.objects(doc, _MENTIONS):
            mentions[o].add(info["title"])

    G = nx.MultiDiGraph()
    G.graph["title"] = title
    G.graph["nary"] = nary
    G.graph["documents"] = {
        doc["title"]: {k: doc[k] for k in ("iri", "id", "issued", "year")}
        for doc in sorted(source.docs.values(), key=lambda d: d["title"])
    }

    nodes: dict[str, dict[str, Any]] = {str(e): _node_attrs(source, e, mentions) for e in entities}
    facts = sorted(
        (
            (s, p, o)
            for s, by_property in source.props.items()
            if s in entities
            for p, objects in by_property.items()
            if p not in _NOT_RELATIONS
            for o in objects
            if o in entities
        ),
        key=_triple_key,
    )
    _add_conveniences(source, nodes, facts)

    edges = _Edges()
    records: dict[Node, Node] = {}
    if nary == "collapse":
        for e, types in entities.items():
            rtype = next((t for t in sorted(types, key=_term_key) if t in _NARY_ANCHORS), None)
            if rtype is not None and source.objects(e, _NARY_ANCHORS[rtype]):
                records[e] = rtype
    for s, p, o in facts:
        if s in records or o in records:
            continue
        edges.add(s, o, source.label(p), p, [(s, p, o)])
    if records:
        outgoing: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        incoming: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in facts:
            outgoing[s].append((p, o))
            incoming[o].append((s, p))
        for record in sorted(records, key=_term_key):
            _collapse(source, edges, record, records, outgoing[record], incoming[record])

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
        attrs.update(_provenance(source, edges.parts[key]))
        attrs.update(sorted(meta.items()))
        G.add_edge(u, v, key=label, **attrs)
    return G


def _add_conveniences(
    source: _Source, nodes: dict[str, dict[str, Any]], facts: list[tuple[Node, Node, Node]]
) -> None:
    countries: dict[str, set[str]] = defaultdict(set)
    award_years: dict[str, set[int]] = defaultdict(set)
    for s, p, o in facts:
        if p == _COUNTRY and _PERSON in source.entity_types.get(s, ()):
            countries[str(s)].add(source.label(o))
        if p == _RECIPIENT and _PERSON in source.entity_types.get(o, ()):
            award = source.value(s, _AWARD)
            if award is not None and _AWARD_CLASS in source.entity_types.get(award, ()):
                year = source.value(s, _AWARD_YEAR)
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
    records: dict[Node, Node],
    outgoing: list[tuple[Node, Node]],
    incoming: list[tuple[Node, Node]],
) -> None:
    """Turn one record into edges; ``outgoing`` and ``incoming`` are its facts, in order."""
    rtype = records[record]
    anchor_prop = _NARY_ANCHORS[rtype]
    anchors = sorted(source.objects(record, anchor_prop), key=_term_key)
    outgoing = [(p, o) for p, o in outgoing if p != anchor_prop]
    properties = source.props.get(record, {})
    extra: dict[str, Any] = {"record": str(record)}
    # the literal facts of the record, in rdflib's order of (property, value): the last one wins
    for p in sorted(properties, key=str):
        literals = [o for o in properties[p] if isinstance(o, RDFLiteral)]
        key = _attribute_name(p)
        if literals and p not in _LABEL_PROPERTIES and key not in _EDGE_KEYS:
            extra[key] = _python(sorted(literals)[-1])
    label_parts = [
        (record, p, o) for p, o in source.pairs(record) if p in _HEAD_PROPERTIES and o in source.entity_types
    ]
    label_parts += [
        (record, p, o) for p, o in source.pairs(record) if p in _YEARS and isinstance(o, RDFLiteral)
    ]
    has_org = any(p == _ORGANIZATION for p, _ in outgoing)
    for anchor in anchors:
        for p, target in outgoing:
            if p == _ROLE and has_org:
                continue  # the role is the label of the member -> organization edge
            if target in records or target == anchor:
                continue
            label = _collapse_label(source, record, rtype, p)
            parts = [(record, anchor_prop, anchor), (record, p, target), *label_parts]
            edges.add(anchor, target, label, p, parts, **extra)
    head_prop = _NARY_HEADS[rtype]
    heads = sorted((o for p, o in outgoing if p == head_prop), key=_term_key) or anchors
    for s, p in incoming:
        if s not in records:
            for head in heads:
                label = f"{source.label(p)} ({source.label(record)})"
                edges.add(s, head, label, p, [(s, p, record)], record=str(record))


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
        for o in source.objects(doc, _MENTIONS):
            if str(o) in G:
                edges.add(doc, o, source.label(_MENTIONS), _MENTIONS, [(doc, _MENTIONS, o)])
        for p in (DCTERMS.publisher, DCTERMS.creator):
            for o in source.objects(doc, p):
                if str(o) in G:
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
    label = source.label(_TYPE)
    for entity, types in source.entity_types.items():
        if str(entity) not in G:
            continue
        for t in types:
            classes |= {t} | source.superclasses(t)
            edges.add(entity, t, label, _TYPE, [])
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
