import pytest
from rdflib import URIRef

from graphkit.files import read_turtle
from graphkit.paths import project_paths
from graphkit.vocab.namespaces import GK, OWL, RDF, RDFS
from graphkit.vocab.ontology import load_vocabulary


@pytest.fixture(scope="module")
def ontology(root):
    return read_turtle(project_paths(root).ontology)


def test_every_class_and_property_has_label_and_comment(ontology):
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        terms |= set(ontology.subjects(RDF.type, kind))
    assert len(terms) > 100
    missing = [
        t for t in terms if ontology.value(t, RDFS.label) is None or ontology.value(t, RDFS.comment) is None
    ]
    assert missing == []


def test_closed_namespace_matches_the_ontology(ontology):
    declared = {str(s) for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(GK))}
    listed = {str(GK) + name for name in GK.__annotations__}
    assert declared == listed
    with pytest.raises(AttributeError):
        GK.recipientt  # noqa: B018 - a misspelt term must raise


def test_required_modelling_terms(ontology):
    labels = {str(ontology.value(s, RDFS.label)) for s in ontology.subjects(RDF.type, OWL.Class)}
    for needed in (
        "Person",
        "Government body",
        "NGO",
        "Legislature",
        "Legislative committee",
        "International organization",
        "Company",
        "Program",
        "Program edition",
        "Award",
        "Award conferral",
        "Report series",
        "Report",
        "Legislation",
        "Ceremony",
        "Roundtable",
        "Keynote",
        "Webinar",
        "City",
        "State",
        "Country",
        "Role held",
        "Role",
        "Quotation",
    ):
        assert needed in labels


def test_vocabulary_reads_ranges(root):
    vocab = load_vocabulary(project_paths(root).ontology)
    assert vocab.datatype(vocab.expand("gk:participantCount")).endswith("#integer")
    assert vocab.datatype(vocab.expand("dcterms:date")).endswith("#date")
    assert vocab.datatype(vocab.expand("gk:recipient")) is None
    with pytest.raises(KeyError):
        vocab.expand("nope:thing")
