"""Find an entity of a projected graph by the name a person types.

The nodes of the graph are the candidates of graphkit's one resolver,
:func:`graphkit.entities.match_name`, whose docstring gives the order of
matching (identifier, exact, normalized, words, prefix, close). Records
(award conferrals, roles held, quotations) never compete with the people and
organizations they are about; an unknown or ambiguous name raises
:class:`~graphkit.errors.InputError` listing candidates with their types.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from graphkit.entities import RECORD_TYPES, Entity, Match, match_name, normalize

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["match_node", "normalize", "resolve", "resolve_many"]


def _candidates(G: nx.Graph) -> list[Entity]:
    out = []
    for node, attrs in G.nodes(data=True):
        out.append(
            Entity(
                iri=str(node),
                label=str(attrs.get("label") or node),
                type=str(attrs.get("type") or "entity"),
                aliases=tuple(map(str, attrs.get("aliases") or ())),
                record=bool(set(attrs.get("types") or ()) & RECORD_TYPES),
            )
        )
    return out


def match_node(G: nx.Graph, name: str) -> Match:
    """Return the :class:`~graphkit.entities.Match` of *name* among the nodes of *G*.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> match_node(project(gk.load()), "imelda").note
    "'imelda' read as Sister Imelda Poole (Person, imelda-poole) (words match)"
    """
    return match_name(_candidates(G), name)


def resolve(G: nx.Graph, name: str) -> str:
    """Return the node of *G* that *name* designates.

    Parameters
    ----------
    G : networkx.Graph
        A projected graph (nodes have ``label``, ``type``, ``types`` and ``aliases``).
    name : str
        A label, an alias, part of one, an entity id or an IRI.

    Returns
    -------
    str
        The node key (the entity IRI).

    Raises
    ------
    InputError
        If no entity or several entities match; the message lists the
        candidates (or close spellings).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> G = project(gk.load())
    >>> resolve(G, "the polaris project")
    'https://w3id.org/graphkit/id/polaris-project'
    >>> resolve(G, "IJM")
    'https://w3id.org/graphkit/id/international-justice-mission'
    >>> resolve(G, "Zaher Ahmad")
    'https://w3id.org/graphkit/id/zaheer-ahmed'
    >>> resolve(G, "Zaid Ahmose")
    Traceback (most recent call last):
    ...
    graphkit.errors.InputError: no entity is called 'Zaid Ahmose'; did you mean:
      Zaheer Ahmed (Person, zaheer-ahmed)
    """
    return match_node(G, name).iri


def resolve_many(G: nx.Graph, names: Iterable[str]) -> list[str]:
    """Resolve several names (see :func:`resolve`), keeping their order.

    Examples
    --------
    >>> import networkx as nx
    >>> H = nx.Graph()
    >>> H.add_node("a", label="Alpha", aliases=["A"])
    >>> H.add_node("b", label="Beta", aliases=[])
    >>> resolve_many(H, ["beta", "a"])
    ['b', 'a']
    """
    return [resolve(G, name) for name in names]
