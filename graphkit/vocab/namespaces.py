"""Every namespace, prefix and IRI pattern graphkit uses, in one place.

The graphkit vocabulary is a closed :class:`rdflib.namespace.DefinedNamespace`,
so a misspelt term raises ``AttributeError`` instead of minting a wrong IRI.
A test checks that it lists exactly the ``gk:`` terms the ontology declares.

Examples
--------
>>> from graphkit.vocab.namespaces import GK, entity_iri
>>> str(GK.ProgramEdition)
'https://w3id.org/graphkit/ontology#ProgramEdition'
>>> str(entity_iri("zaheer-ahmed"))
'https://w3id.org/graphkit/id/zaheer-ahmed'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

from graphkit.errors import InputError

__all__ = [
    "DATA",
    "DCTERMS",
    "GK",
    "OA",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
    "document_iri",
    "entity_iri",
    "evidence_iri",
    "graph_iri",
    "statement_iri",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/graphkit/ontology")
DATA = Namespace("https://w3id.org/graphkit/id/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")


class GK(DefinedNamespace):
    """The graphkit ontology (``ontology/graphkit.ttl``): only what standard vocabularies lack."""

    _NS = Namespace("https://w3id.org/graphkit/ontology#")
    _fail = True

    # classes
    Award: URIRef
    AwardConferral: URIRef
    Ceremony: URIRef
    Conference: URIRef
    EvidenceQuote: URIRef
    HeroCohort: URIRef
    InternationalOrganization: URIRef
    Keynote: URIRef
    LegislativeCommittee: URIRef
    Legislature: URIRef
    PolicyPlan: URIRef
    Program: URIRef
    ProgramEdition: URIRef
    Proposal: URIRef
    Roundtable: URIRef
    SiteVisit: URIRef
    SourceDocument: URIRef
    Webinar: URIRef
    # properties
    adaptedTo: URIRef
    advocatesFor: URIRef
    award: URIRef
    awardedBy: URIRef
    awardYear: URIRef
    callsOn: URIRef
    ceremony: URIRef
    characterCount: URIRef
    concernedAbout: URIRef
    counterpart: URIRef
    country: URIRef
    countryCount: URIRef
    dateWithoutYear: URIRef
    editionNumber: URIRef
    editionOf: URIRef
    editionYear: URIRef
    endMonth: URIRef
    fileName: URIRef
    format: URIRef
    geographicFocus: URIRef
    hasMember: URIRef
    highlighted: URIRef
    implementer: URIRef
    mandatedBy: URIRef
    memberCount: URIRef
    metadataNote: URIRef
    occasion: URIRef
    operatedBy: URIRef
    participant: URIRef
    participantCount: URIRef
    partOfProgram: URIRef
    placeVisited: URIRef
    presenter: URIRef
    producedBy: URIRef
    programOfficeCount: URIRef
    recipient: URIRef
    section: URIRef
    sha256: URIRef
    sourceFile: URIRef
    speaker: URIRef
    standardsFrom: URIRef
    subgroupOf: URIRef
    startMonth: URIRef
    welcomed: URIRef


#: Prefixes bound in every file graphkit writes and every query it runs.
PREFIXES: dict[str, str] = {
    "gk": str(GK),
    "gkd": str(DATA),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
}


def _mint(local: str) -> URIRef:
    """Return ``DATA[local]`` once pyoxigraph accepts it as an absolute IRI.

    rdflib takes any text as an IRI and writes it as it is, so an id with a
    line break or a space would produce N-Quads no parser can read back.

    Raises
    ------
    InputError
        If the result is not a valid IRI (RFC 3987).
    """
    import pyoxigraph

    iri = f"{DATA}{local}"
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:
        raise InputError(f"{local!r} does not make a valid IRI (RFC 3987)") from None
    return URIRef(iri)


def entity_iri(entity_id: str) -> URIRef:
    r"""Return the IRI of a curated entity, minted from its id.

    Raises
    ------
    InputError
        If the id does not make a valid IRI.

    Examples
    --------
    >>> entity_iri("nate-king\n")
    Traceback (most recent call last):
      ...
    graphkit.errors.InputError: 'nate-king\n' does not make a valid IRI (RFC 3987)
    """
    return _mint(entity_id)


def document_iri(document_id: str) -> URIRef:
    """Return the IRI of a source document; it also names the document's graph."""
    return _mint(f"document/{document_id}")


def graph_iri(name: str) -> URIRef:
    """Return the IRI of a named graph that is not a document's (``entities``, ``ontology``...)."""
    return _mint(f"graph/{name}")


def statement_iri(digest: str) -> URIRef:
    """Return the IRI of a reified statement, minted from a digest of its content."""
    return _mint(f"statement/{digest}")


def evidence_iri(document_id: str, start: int, end: int) -> URIRef:
    """Return the IRI of an evidence quote: its document and character offsets."""
    return _mint(f"evidence/{document_id}/{start}-{end}")
