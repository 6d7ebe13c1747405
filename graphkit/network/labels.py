"""Find an entity of a projected graph by the name a person types.

Matching is forgiving in steps, and stops at the first step that finds
anything:

1. the node key itself (an IRI) or the entity id (``zaheer-ahmed``);
2. the label or an alias, ignoring case, accents, punctuation, spacing and a
   leading "the";
3. the label or an alias containing the query as whole words ("Vandenberg").

One match is the answer; several raise :class:`~graphkit.errors.InputError`
listing them. When nothing matches, the error suggests close spellings
(:mod:`difflib`) but never picks one silently.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from graphkit.errors import InputError
from graphkit.vocab.namespaces import entity_iri

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["normalize", "resolve", "resolve_many"]

_MAX_SHOWN = 8


def normalize(text: str) -> str:
    """Reduce a name to the form labels are compared in.

    Examples
    --------
    >>> normalize("  The Polaris   Project ")
    'polaris project'
    >>> normalize("Basim Abdul-Razzak")
    'basim abdul razzak'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _names(G: nx.Graph, node: str) -> list[str]:
    attrs = G.nodes[node]
    return [str(attrs.get("label") or node), *map(str, attrs.get("aliases") or [])]


def _describe(G: nx.Graph, nodes: Iterable[str]) -> str:
    shown = sorted(nodes, key=lambda n: (str(G.nodes[n].get("label", n)).casefold(), n))
    lines = [f"  {G.nodes[n].get('label', n)} ({G.nodes[n].get('type', 'entity')})" for n in shown]
    if len(lines) > _MAX_SHOWN:
        lines = [*lines[:_MAX_SHOWN], f"  ... and {len(lines) - _MAX_SHOWN} more"]
    return "\n".join(lines)


def resolve(G: nx.Graph, name: str) -> str:
    """Return the node of *G* that *name* designates.

    Parameters
    ----------
    G : networkx.Graph
        A projected graph (nodes have ``label`` and ``aliases``).
    name : str
        A label, an alias, an entity id or an IRI.

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
    Traceback (most recent call last):
    ...
    graphkit.errors.InputError: no entity is called 'Zaher Ahmad'; did you mean:
      Zaheer Ahmed (Person)
    """
    name = str(name)
    if name in G:
        return name
    by_id = str(entity_iri(name)) if re.fullmatch(r"[a-z0-9-]+", name) else None
    if by_id in G:
        return by_id
    query = normalize(name)
    if not query:
        raise InputError("an empty name matches no entity")
    exact = sorted(n for n in G if any(normalize(x) == query for x in _names(G, n)))
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise InputError(f"{name!r} names {len(exact)} entities:\n{_describe(G, exact)}")
    pattern = re.compile(rf"(?:^| ){re.escape(query)}(?: |$)")
    partial = sorted(n for n in G if any(pattern.search(normalize(x)) for x in _names(G, n)))
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise InputError(f"{name!r} is part of {len(partial)} names; say which:\n{_describe(G, partial)}")
    names = {normalize(x): n for n in sorted(G, reverse=True) for x in _names(G, n)}
    close = difflib.get_close_matches(query, sorted(names), n=_MAX_SHOWN, cutoff=0.6)
    suggestions = list(dict.fromkeys(names[c] for c in close))
    if not suggestions:
        raise InputError(f"no entity is called {name!r}, and no name is close to it")
    raise InputError(f"no entity is called {name!r}; did you mean:\n{_describe(G, suggestions)}")


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
