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
        gn.resolve(G, "Vandenberg")
    message = str(caught.value)
    assert "part of 3 names" in message
    assert "Martina Vandenberg (Person)" in message
    assert "Keynote by Martina Vandenberg (IVLP 2023, Washington) (Keynote)" in message


def test_unknown_name_suggests_close_spellings(G):
    with pytest.raises(InputError, match=r"did you mean:\n  Polaris Project \(NGO\)"):
        gn.resolve(G, "Polaris Projekt")
    with pytest.raises(InputError, match="no name is close"):
        gn.resolve(G, "xyzzy qwerty")
    with pytest.raises(InputError, match="empty"):
        gn.resolve(G, " ... ")


def test_exact_match_beats_partial(G):
    # "Miami" is also part of a site visit's label; the city's own label wins
    assert gn.resolve(G, "Miami") == iri("miami")
