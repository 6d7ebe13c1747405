"""Forgiving label matching, and clear errors for unknown or ambiguous names."""

from __future__ import annotations

import networkx as nx
import pytest

import graphkit.network as gn
from graphkit.errors import InputError
from graphkit.vocab.namespaces import entity_iri


def iri(entity_id: str) -> str:
    return str(entity_iri(entity_id))


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return gn.project(dataset)


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Zaheer Ahmed", "zaheer-ahmed"),
        ("  zaheer   AHMED ", "zaheer-ahmed"),
        ("zaheer-ahmed", "zaheer-ahmed"),
        (iri("zaheer-ahmed"), "zaheer-ahmed"),
        ("Ahmed", "zaheer-ahmed"),  # alias
        ("IJM", "international-justice-mission"),
        ("the Polaris Project", "polaris-project"),
        ("polaris", "polaris-project"),
        ("Sister Poole", "imelda-poole"),
        ("freedom network", "freedom-network-usa"),  # whole words of one label
        ("washington dc", "washington-dc"),  # punctuation ignored
        ("Basim Abdul Razzak", "basim-abdul-razzak"),
    ],
)
def test_forgiving_matches(G, name, entity):
    assert gn.resolve(G, name) == iri(entity)


def test_ambiguous_name_lists_candidates(G):
    with pytest.raises(InputError) as caught:
        gn.resolve(G, "Department")
    message = str(caught.value)
    assert "fits 2 entities (words match)" in message
    assert "U.S. Department of Labor (Government body, us-department-of-labor)" in message
    assert "U.S. Department of State (Government body, us-department-of-state)" in message


def test_entities_named_after_another_give_way(G):
    # her role held is a record; her keynote is named after her: neither competes with her
    assert gn.resolve(G, "Vandenberg") == iri("martina-vandenberg")
    assert gn.resolve(G, "Imelda") == iri("imelda-poole")
    assert gn.resolve(G, "keynote-2023-vandenberg") == iri("keynote-2023-vandenberg")
    assert gn.resolve(G, "Keynote by Martina") == iri("keynote-2023-vandenberg")


def test_unknown_name_suggests_close_spellings(G):
    assert gn.resolve(G, "Polaris Projekt") == iri("polaris-project")  # one close spelling
    with pytest.raises(InputError, match=r"did you mean:\n  Polaris Project \(NGO, polaris-project\)"):
        gn.resolve(G, "Polaris Group")
    with pytest.raises(InputError, match="no name is close"):
        gn.resolve(G, "xyzzy qwerty")
    with pytest.raises(InputError, match="empty"):
        gn.resolve(G, " ... ")


def test_exact_match_beats_partial(G):
    # "Miami" is also part of a site visit's label; the city's own label wins
    assert gn.resolve(G, "Miami") == iri("miami")
