"""The analyses people run on the graph, returning DataFrames or printable records.

Every function takes a projected graph first and works on its undirected,
single-edge form (:func:`graphkit.network.views.simple_graph`): the direction
of an RDF property (conferral -> recipient) says nothing about influence.
Results name entities by label and type, and keep the IRI in a ``node``
column; they are sorted so that the same graph always prints the same table.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphkit.errors import InputError
from graphkit.network.labels import resolve
from graphkit.network.views import simple_graph

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = [
    "BETWEENNESS_SAMPLE",
    "EXACT_BETWEENNESS_MAX",
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
    "shortest_path",
    "summary",
]

#: The centrality measures :func:`centrality` knows.
MEASURES = ("degree", "betweenness", "eigenvector", "pagerank")

#: Up to this many entities betweenness is exact: every entity is a source of shortest paths.
EXACT_BETWEENNESS_MAX = 1000

#: Above :data:`EXACT_BETWEENNESS_MAX` entities, betweenness is estimated from this many
#: sources drawn with a fixed seed (exact betweenness costs entities x relations: hours at 1M triples).
BETWEENNESS_SAMPLE = 50


def betweenness_sources(nodes: int) -> int | None:
    """Return how many sources betweenness uses on a graph of *nodes* entities (None: all, exact).

    Examples
    --------
    >>> betweenness_sources(123), betweenness_sources(23_647)
    (None, 50)
    """
    return None if nodes <= EXACT_BETWEENNESS_MAX else BETWEENNESS_SAMPLE


def _label(G: nx.Graph, n: str) -> str:
    return str(G.nodes[n].get("label", n))


def _type(G: nx.Graph, n: str) -> str:
    return str(G.nodes[n].get("type", "Entity"))


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _type_counts(G: nx.Graph, nodes: Iterable[str]) -> str:
    counts = Counter(_type(G, n) for n in nodes)
    return ", ".join(f"{t} {c}" for t, c in sorted(counts.items(), key=lambda tc: (-tc[1], tc[0])))


@dataclass(frozen=True)
class NetworkSummary:
    """The size and shape of a graph.

    Attributes
    ----------
    nodes, edges : int
        Entities and relations (edges of the multigraph).
    pairs : int
        Related pairs of entities (edges of the undirected simple graph).
    density : float
        Density of the undirected simple graph.
    components : int
        Connected components (ignoring direction), isolated entities included.
    largest_component : int
        Entities in the largest component.
    isolates : int
        Entities with no relation.
    nodes_by_type, edges_by_relation : pandas.DataFrame
        Counts, largest first.
    """

    nodes: int
    edges: int
    pairs: int
    density: float
    components: int
    largest_component: int
    isolates: int
    nodes_by_type: Any = field(repr=False)
    edges_by_relation: Any = field(repr=False)

    def __str__(self) -> str:
        lines = [
            f"entities            {self.nodes}",
            f"relations           {self.edges} ({self.pairs} related pairs)",
            f"density             {self.density:.4f}",
            f"components          {self.components} (largest {self.largest_component}, "
            f"{self.isolates} isolated entities)",
            "",
            "entities by type",
            self.nodes_by_type.to_string(index=False),
            "",
            "relations by label",
            self.edges_by_relation.to_string(index=False),
        ]
        return "\n".join(lines)


def summary(G: nx.Graph) -> NetworkSummary:
    """Count entities and relations by type, and describe connectivity.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> s = summary(project(gk.load()))
    >>> s.nodes, s.edges, s.components, s.largest_component
    (123, 160, 8, 108)
    """
    import networkx as nx

    S = simple_graph(G)
    parts = [len(c) for c in nx.connected_components(S)]
    types = Counter(_type(G, n) for n in G)
    relations = Counter(str(d.get("label", "")) for _, _, d in G.edges(data=True))

    def table(counts: Counter[str], name: str) -> pd.DataFrame:
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return _frame([{name: k, "count": v} for k, v in rows], [name, "count"])

    return NetworkSummary(
        nodes=G.number_of_nodes(),
        edges=G.number_of_edges(),
        pairs=S.number_of_edges(),
        density=nx.density(S),
        components=len(parts),
        largest_component=max(parts, default=0),
        isolates=nx.number_of_isolates(S),
        nodes_by_type=table(types, "type"),
        edges_by_relation=table(relations, "relation"),
    )


def _score(S: nx.Graph, measure: str, weight: str | None, seed: int) -> dict[str, float]:
    import networkx as nx

    if measure == "degree":
        return nx.degree_centrality(S)
    if measure == "betweenness":
        k = betweenness_sources(S.number_of_nodes())
        return nx.betweenness_centrality(S, k=k, weight=weight, seed=seed)
    if measure == "eigenvector":
        return nx.eigenvector_centrality(S, max_iter=1000, weight=weight)
    if measure == "pagerank":
        return nx.pagerank(S, weight=weight)
    raise InputError(f"unknown centrality measure {measure!r} (use {', '.join(MEASURES)})")


def centrality(
    G: nx.Graph,
    *,
    measures: Sequence[str] = ("degree", "betweenness", "pagerank"),
    top: int | None = None,
    weight: str | None = None,
    seed: int = 42,
) -> pd.DataFrame:
    """Rank entities by centrality.

    Betweenness is exact up to :data:`EXACT_BETWEENNESS_MAX` entities; on a
    larger graph it is an estimate from :data:`BETWEENNESS_SAMPLE` source
    entities drawn with *seed* (networkx's ``k`` sampling, rescaled to the
    whole graph), the same for the same graph and seed. The table then says
    so in ``table.attrs["notes"]``, which the command line prints.

    Parameters
    ----------
    G : networkx.Graph
        A projected graph (or any view of one).
    measures : sequence of str
        Among :data:`MEASURES`; the table is sorted by the first.
    top : int, optional
        Keep only the first *top* rows.
    weight : str, optional
        An edge attribute of the simple graph to weigh by, e.g. ``"support"``
        (documents stating the relation). Betweenness reads it as a distance.
    seed : int
        Seed of the sources of estimated betweenness (large graphs only).

    Returns
    -------
    pandas.DataFrame
        Columns ``label``, ``type``, one per measure, ``node``; indexed by
        rank. ``attrs["notes"]`` lists what is estimated (empty when nothing is).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> table = centrality(project(gk.load()), measures=["betweenness"], top=3)
    >>> for label in table["label"]:
    ...     print(label)
    2021 Trafficking in Persons Report
    IVLP 2023 for the TIP Report Heroes (Meridian)
    U.S. Department of State
    """
    if not measures:
        raise InputError("name at least one centrality measure")
    S = simple_graph(G)
    scores = {m: _score(S, m, weight, seed) for m in measures}
    first = measures[0]
    order = sorted(S, key=lambda n: (-round(scores[first][n], 12), _label(S, n), n))
    rows = [
        {
            "label": _label(S, n),
            "type": _type(S, n),
            **{m: round(scores[m][n], 6) for m in measures},
            "node": n,
        }
        for n in order[:top]
    ]
    table = _frame(rows, ["label", "type", *measures, "node"])
    k = betweenness_sources(S.number_of_nodes())
    table.attrs["notes"] = (
        [
            f"betweenness is an estimate: shortest paths from {k} of {S.number_of_nodes():,} "
            f"entities drawn with seed {seed} (exact up to {EXACT_BETWEENNESS_MAX:,} entities)"
        ]
        if "betweenness" in measures and k
        else []
    )
    return table


def communities(
    G: nx.Graph,
    *,
    seed: int = 42,
    resolution: float = 1.0,
    weight: str | None = None,
    min_size: int = 2,
) -> pd.DataFrame:
    """Find communities with the Louvain method and describe each one.

    Parameters
    ----------
    G : networkx.Graph
        A projected graph.
    seed : int
        Seed of the Louvain method, so a run can be repeated exactly.
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.
    weight : str, optional
        Edge attribute of the simple graph to weigh by (e.g. ``"support"``).
    min_size : int
        Leave out communities smaller than this (isolated entities).

    Returns
    -------
    pandas.DataFrame
        One row per community, largest first: ``size``, ``hub`` (the member
        with most relations inside it), ``types`` (counts by type),
        ``members`` (labels) and ``nodes`` (IRIs).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> table = communities(project(gk.load()), seed=42)
    >>> int(table["size"].sum()), table.loc[1, "hub"]
    (119, 'IVLP 2023 for the TIP Report Heroes (Meridian)')
    """
    import networkx as nx

    S = simple_graph(G)
    found = nx.community.louvain_communities(S, weight=weight, resolution=resolution, seed=seed)
    rows = []
    for members in found:
        if len(members) < min_size:
            continue
        inner = S.subgraph(members)
        hub = sorted(members, key=lambda n: (-inner.degree(n), _label(S, n), n))[0]
        ordered = sorted(members, key=lambda n: (_label(S, n).casefold(), n))
        rows.append(
            {
                "size": len(members),
                "hub": _label(S, hub),
                "types": _type_counts(S, members),
                "members": [_label(S, n) for n in ordered],
                "nodes": ordered,
            }
        )
    rows.sort(key=lambda r: (-r["size"], r["hub"]))
    return _frame(rows, ["size", "hub", "types", "members", "nodes"])


@dataclass(frozen=True)
class Brokers:
    """Entities and relations whose removal would cut the graph apart.

    Attributes
    ----------
    articulation_points : pandas.DataFrame
        ``label``, ``type``, ``cut_off`` (entities that would lose every path
        to the rest of their component: all but the largest remaining piece),
        ``pieces`` (the component falls into this many parts), ``node``.
    bridges : pandas.DataFrame
        ``source``, ``target`` (labels), ``relations``, ``cut_off`` (the
        entities on the smaller side), ``support``.
    """

    articulation_points: Any
    bridges: Any

    def __str__(self) -> str:
        def show(frame: pd.DataFrame, columns: list[str]) -> str:
            return frame[columns].to_string() if len(frame) else "  (none)"

        return "\n".join(
            [
                "articulation points (removing one cuts its component apart)",
                show(self.articulation_points, ["label", "type", "cut_off", "pieces"]),
                "",
                "bridges (removing one cuts its component apart)",
                show(self.bridges, ["source", "target", "relations", "cut_off"]),
            ]
        )


def brokers(G: nx.Graph, *, include_leaves: bool = False) -> Brokers:
    """Find the brokers: articulation points and bridges of the undirected simple graph.

    Parameters
    ----------
    G : networkx.Graph
        A projected graph.
    include_leaves : bool
        Also list bridges that only cut off a single entity (a leaf).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> b = brokers(project(gk.load()))
    >>> b.articulation_points["label"].iloc[0]
    'International Justice Mission'
    """
    import networkx as nx

    S = simple_graph(G)
    points = []
    for n in nx.articulation_points(S):
        component = nx.node_connected_component(S, n) - {n}
        pieces = sorted((len(c) for c in nx.connected_components(S.subgraph(component))), reverse=True)
        points.append(
            {
                "label": _label(S, n),
                "type": _type(S, n),
                "cut_off": sum(pieces[1:]),
                "pieces": len(pieces),
                "node": n,
            }
        )
    points.sort(key=lambda r: (-r["cut_off"], r["label"], r["node"]))
    bridges = []
    for u, v in nx.bridges(S):
        cut = S.copy()
        cut.remove_edge(u, v)
        side = min(len(nx.node_connected_component(cut, u)), len(nx.node_connected_component(cut, v)))
        if side == 1 and not include_leaves:
            continue
        a, b = sorted((u, v), key=lambda n: (_label(S, n), n))
        bridges.append(
            {
                "source": _label(S, a),
                "target": _label(S, b),
                "relations": S[u][v]["label"],
                "cut_off": side,
                "support": S[u][v]["support"],
                "source_node": a,
                "target_node": b,
            }
        )
    bridges.sort(key=lambda r: (-r["cut_off"], r["source"], r["target"]))
    return Brokers(
        articulation_points=_frame(points, ["label", "type", "cut_off", "pieces", "node"]),
        bridges=_frame(
            bridges,
            ["source", "target", "relations", "cut_off", "support", "source_node", "target_node"],
        ),
    )


@dataclass(frozen=True)
class Hop:
    """One step of a path: a relation between two entities and a quote that states it."""

    source: str
    relation: str
    target: str
    forward: bool
    quote: str | None
    document: str | None
    support: int
    predicate: str

    def __str__(self) -> str:
        arrow = f"--{self.relation}-->" if self.forward else f"<--{self.relation}--"
        lines = [f"{self.source} {arrow} {self.target}"]
        if self.quote:
            lines.append(f'    "{self.quote}"')
            lines.append(f"    ({self.document})")
        return "\n".join(lines)


@dataclass(frozen=True)
class Path:
    """A shortest path between two entities, hop by hop."""

    source: str
    target: str
    hops: list[Hop]
    nodes: list[str]

    def __len__(self) -> int:
        return len(self.hops)

    def __str__(self) -> str:
        head = f"{self.source} -> {self.target}: {len(self.hops)} hop(s)"
        body = [f"{i}. {hop}" for i, hop in enumerate(self.hops, 1)]
        return "\n".join([head, *body])

    def to_frame(self) -> pd.DataFrame:
        """Return the hops as a table (one row per hop)."""
        rows = [
            {
                "source": h.source,
                "relation": h.relation,
                "target": h.target,
                "forward": h.forward,
                "quote": h.quote,
                "document": h.document,
                "support": h.support,
            }
            for h in self.hops
        ]
        return _frame(rows, ["source", "relation", "target", "forward", "quote", "document", "support"])


def _hop(G: nx.MultiDiGraph, u: str, v: str) -> Hop:
    options = [(True, d) for d in (G.get_edge_data(u, v) or {}).values()]
    options += [(False, d) for d in (G.get_edge_data(v, u) or {}).values()]
    forward, d = sorted(
        options, key=lambda fd: (-int(fd[1].get("support", 0)), not fd[0], str(fd[1].get("label")))
    )[0]
    quotes = d.get("quotes") or []
    return Hop(
        source=_label(G, u),
        relation=str(d.get("label", "")),
        target=_label(G, v),
        forward=forward,
        quote=quotes[0]["text"] if quotes else None,
        document=quotes[0]["document"] if quotes else None,
        support=int(d.get("support", 0)),
        predicate=str(d.get("predicate", "")),
    )


def shortest_path(G: nx.MultiDiGraph, source: str, target: str) -> Path:
    """Return the shortest path between two entities named by label, with a quote per hop.

    Direction is ignored. Among equally short paths the one whose relations
    are stated by the most documents wins, then the first by labels. Each hop
    shows the best-supported relation between its two entities and the first
    quote stating it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph.
    source, target : str
        Labels, aliases, ids or IRIs (see :func:`graphkit.network.labels.resolve`).

    Raises
    ------
    InputError
        If a name matches no entity or several, or no path joins them.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> path = shortest_path(project(gk.load()), "Zaheer Ahmed", "Freedom Network USA")
    >>> for hop in path.hops:
    ...     print(hop.relation, "->" if hop.forward else "<-", hop.target)
    participant <- IVLP 2023 for the TIP Report Heroes (Meridian)
    place visited -> Miami
    place visited <- IVLP 2021 for the TIP Report Heroes (virtual)
    met with -> Freedom Network USA
    """
    import networkx as nx

    u, v = resolve(G, source), resolve(G, target)
    S = simple_graph(G)
    try:
        candidates = list(nx.all_shortest_paths(S, u, v))
    except nx.NetworkXNoPath:
        raise InputError(
            f"no path joins {_label(G, u)!r} and {_label(G, v)!r}: they are in different components"
        ) from None

    def rank(path: list[str]) -> tuple[int, list[str]]:
        support = sum(S[a][b]["support"] for a, b in itertools.pairwise(path))
        return (-support, [_label(G, n) for n in path])

    best = min(candidates, key=rank)
    hops = [_hop(G, a, b) for a, b in itertools.pairwise(best)]
    return Path(source=_label(G, u), target=_label(G, v), hops=hops, nodes=best)


def continuity(
    G: nx.MultiDiGraph,
    *,
    years: Sequence[int] = (2021, 2023),
    types: Iterable[str] | None = None,
    linked: bool = True,
) -> pd.DataFrame:
    """List the entities present in the material of every one of *years*.

    An entity is present in a year's material when a document issued that
    year mentions it; with ``linked`` it must also take part in a relation
    that such a document states (a passing mention is not enough).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph.
    years : sequence of int
        The years to compare (documents' ``dcterms:issued``).
    types : iterable of str, optional
        Keep only these types (readable labels such as ``"NGO"``).
    linked : bool
        Require a relation stated in each year, not just a mention.

    Returns
    -------
    pandas.DataFrame
        ``label``, ``type``, then for each year the relations that year's
        documents state about the entity (``links_<year>``), and ``node``.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.network import project
    >>> table = continuity(project(gk.load()), types=["NGO", "Organization", "Government body"])
    >>> list(table["label"])
    ['Human Trafficking Legal Center', 'Polaris Project']
    """
    docs = G.graph.get("documents") or {}
    by_year = {int(y): {t for t, d in docs.items() if d.get("year") == int(y)} for y in years}
    missing = [y for y, titles in by_year.items() if not titles]
    if missing:
        known = sorted({d.get("year") for d in docs.values() if d.get("year") is not None})
        raise InputError(f"no document was issued in {missing}; the years are {known}")
    wanted = set(types) if types is not None else None
    rows = []
    for n in sorted(G, key=lambda n: (_label(G, n), n)):
        if wanted is not None and _type(G, n) not in wanted:
            continue
        mentioned = set(G.nodes[n].get("documents") or [])
        links: dict[int, list[str]] = {}
        for year, titles in by_year.items():
            found = []
            for a, b, d in [*G.out_edges(n, data=True), *G.in_edges(n, data=True)]:
                if set(d.get("documents") or []) & titles:
                    other = b if a == n else a
                    arrow = "->" if a == n else "<-"
                    found.append(f"{arrow} {d.get('label')} {_label(G, other)}")
            links[year] = sorted(set(found))
        present = all((links[y] if linked else mentioned & titles) for y, titles in by_year.items())
        if present:
            row = {"label": _label(G, n), "type": _type(G, n)}
            row.update({f"links_{y}": "; ".join(links[y]) for y in by_year})
            rows.append({**row, "node": n})
    return _frame(rows, ["label", "type", *(f"links_{y}" for y in by_year), "node"])
