"""Network analysis of the knowledge graph with networkx.

:func:`project` turns the RDF dataset into a MultiDiGraph of entities that
keeps their types, labels, literal facts and the quotes behind every
relation; the views, analyses and exports below take that graph first.

Examples
--------
>>> import graphkit as gk
>>> from graphkit import network as gn
>>> G = gn.project(gk.load())
>>> path = gn.shortest_path(G, "Zaheer Ahmed", "freedom network usa")
>>> print(str(path).splitlines()[0])
Zaheer Ahmed -> Freedom Network USA: 4 hop(s)
>>> path.hops[-1].quote[:46]
'The TIP Report Heroes met with the Polaris Pro'
"""

from __future__ import annotations

from graphkit.network.analysis import (
    BETWEENNESS_SAMPLE,
    EXACT_BETWEENNESS_MAX,
    MEASURES,
    Brokers,
    Hop,
    NetworkSummary,
    Path,
    betweenness_sources,
    brokers,
    centrality,
    communities,
    continuity,
    shortest_path,
    summary,
)
from graphkit.network.export import FORMATS, export_graph, sanitize
from graphkit.network.labels import resolve
from graphkit.network.project import entity_statements_query, project
from graphkit.network.views import (
    counterpart_projection,
    document_view,
    edition_view,
    ego_view,
    hero_counterpart_graph,
    hero_projection,
    heroes,
    select_view,
    simple_graph,
    type_view,
    year_view,
)

__all__ = [
    "BETWEENNESS_SAMPLE",
    "EXACT_BETWEENNESS_MAX",
    "FORMATS",
    "MEASURES",
    "Brokers",
    "Hop",
    "NetworkSummary",
    "Path",
    "betweenness_sources",
    "brokers",
    "centrality",
    "communities",
    "continuity",
    "counterpart_projection",
    "document_view",
    "edition_view",
    "ego_view",
    "entity_statements_query",
    "export_graph",
    "hero_counterpart_graph",
    "hero_projection",
    "heroes",
    "project",
    "resolve",
    "sanitize",
    "select_view",
    "shortest_path",
    "simple_graph",
    "summary",
    "type_view",
    "year_view",
]
