"""What a graph view shows: a graph prepared as plain JSON-ready data.

The page from ``graphkit viz``, the explorer's graph view and
:func:`graphkit.viz.to_pyvis` all draw the dict :func:`graph_data` returns, so
that they look alike: nodes with their family's colour and shape, sized by a
centrality measure; relations with their quotes and documents.

By default records (award conferrals, roles held, quotations) are folded into
the relations they describe (:func:`fold_records`): *Zaheer Ahmed — received
(2023) → TIP Report Heroes Award* instead of a conferral node between them. A
folded relation keeps the quotes of every statement it stands for and the
record's IRI, so its evidence is still one click away.

Nothing here depends on the time or on hash order: nodes and edges are sorted,
and the same graph gives the same data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from graphkit.viz.families import FAMILIES, RECORD_FAMILY, family_of
from graphkit.vocab.namespaces import GK, ORG

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SIZE_MEASURES", "VIS_VERSION", "centrality", "fold_records", "graph_data", "node_label"]

#: The centrality measures that can size the nodes.
SIZE_MEASURES = ("degree", "betweenness", "documents")

#: The vis-network build (shipped inside pyvis 0.3.2) every view draws with.
VIS_VERSION = "9.1.2"

_RESERVED_NODE_KEYS = frozenset({"label", "type", "types", "aliases", "documents", "quotes"})
_RESERVED_EDGE_KEYS = frozenset({"predicate", "label", "quotes", "support", "documents", "record"})
_YEAR_RE = re.compile(r"^(1[5-9]|20)\d\d$")
_MAX_LABEL = 40

# The property that points from a record to what it is about (its anchor).
_ANCHORS = frozenset({str(GK.recipient), str(ORG.member), str(GK.speaker)})
# How a folded relation reads, by the property from the record to the other end.
_FOLDED_VERBS = {
    str(GK.award): "received",
    str(GK.presenter): "award presented by",
    str(GK.ceremony): "award ceremony",
    str(ORG.role): "holds role",
}
_ROLE, _ORGANIZATION = str(ORG.role), str(ORG.organization)
_RECORD_YEARS = ("award_year", "year", "edition_year")


def node_label(G: nx.MultiDiGraph, n: Any) -> str:
    """Return the label of node ``n``, or the last part of its IRI.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://w3id.org/graphkit/id/albania")
    >>> node_label(G, "https://w3id.org/graphkit/id/albania")
    'albania'
    """
    label = G.nodes[n].get("label")
    if label:
        return str(label)
    text = str(n).rstrip("/#")
    return re.split(r"[/#]", text)[-1] or text


def centrality(G: nx.MultiDiGraph, size_by: str, *, seed: int = 7) -> dict[Any, float]:
    """Score every node for sizing and for choosing a reduced view.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph.
    size_by : {"degree", "betweenness", "documents"}
        Degree or betweenness centrality on the undirected simple graph, or
        the number of documents that mention the entity.
    seed : int
        Seed for estimated betweenness (graphs over
        :data:`graphkit.network.analysis.EXACT_BETWEENNESS_MAX` nodes).

    Returns
    -------
    dict
        Node to score.
    """
    if size_by == "documents":
        return {n: float(len(_unique(G.nodes[n].get("documents") or []))) for n in G}
    import networkx as nx

    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    H.add_edges_from(sorted(((u, v) for u, v in G.edges() if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    if size_by == "degree":
        return nx.degree_centrality(H)
    from graphkit.network.analysis import betweenness_sources

    return nx.betweenness_centrality(H, k=betweenness_sources(H.number_of_nodes()), seed=seed)


def _merge_quotes(*lists: Iterable[Any]) -> list[dict[str, str]]:
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for q in (q for lst in lists for q in _quotes(lst)):
        seen.setdefault((q["text"], q["document"]), q)
    return sorted(seen.values(), key=lambda q: (q["document"], q["text"]))


def _record_suffix(attrs: Mapping[str, Any]) -> str:
    for key in _RECORD_YEARS:
        if attrs.get(key) is not None and not isinstance(attrs[key], list | tuple):
            return f" ({attrs[key]})"
    return ""


def fold_records(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Fold records (conferrals, roles held, quotations) into the relations they describe.

    A record is a node of the records family with an anchor: the recipient of
    a conferral, the member of a role held, the speaker of a quotation. Each
    other relation of the record becomes a relation of its anchor, labelled
    with what the record means (``received (2023)``, the role's title towards
    the organization), carrying the quotes of both statements and the
    record's IRI as ``record``. A quotation with no other relation becomes a
    quote of its speaker (node attribute ``quotes``). Records without an
    anchor stay, and so do entities the fold would leave with no relation only
    when they had none before.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph (``nary="keep"``).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph; ``G`` is not changed.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", label="Award 2023 to Ada", type="Award conferral", award_year=2023)
    >>> G.add_node("ada", label="Ada", type="Person")
    >>> G.add_node("award", label="Hero Award", type="Award")
    >>> q = [{"text": "Ada won.", "document": "News"}]
    >>> from graphkit.vocab.namespaces import GK
    >>> _ = G.add_edge("c", "ada", predicate=str(GK.recipient), label="recipient", quotes=q)
    >>> _ = G.add_edge("c", "award", predicate=str(GK.award), label="award", quotes=q)
    >>> F = fold_records(G)
    >>> sorted(F), [(u, v, d["label"], d["record"]) for u, v, d in F.edges(data=True)]
    (['ada', 'award'], [('ada', 'award', 'received (2023)', 'c')])
    """
    F = G.copy()
    records = sorted(n for n in G if family_of(str(G.nodes[n].get("type") or "")).key == RECORD_FAMILY)
    had_edges = {n for n in G if G.degree(n)}
    for r in records:
        out = sorted(G.out_edges(r, keys=True, data=True), key=lambda e: (str(e[1]), str(e[2])))
        anchors = [(v, d) for _, v, _, d in out if d.get("predicate") in _ANCHORS and v != r]
        if not anchors:
            continue
        rattrs = G.nodes[r]
        others = [(v, d, True) for _, v, _, d in out if d.get("predicate") not in _ANCHORS]
        others += [(u, d, False) for u, _, _, d in G.in_edges(r, keys=True, data=True)]
        extra = {k: rattrs[k] for k in ("award_year", "date", "year") if k in rattrs}
        has_org = any(d.get("predicate") == _ORGANIZATION for _, d, _ in others)
        role = next((v for v, d, _ in others if d.get("predicate") == _ROLE), None)
        for anchor, adata in anchors:
            if not others:
                quotes = _merge_quotes(F.nodes[anchor].get("quotes") or [], adata.get("quotes"))
                text = rattrs.get("text")
                if text:
                    documents = _unique(rattrs.get("documents") or [])
                    quotes = _merge_quotes(quotes, [{"text": text, "document": d} for d in documents[:1]])
                F.nodes[anchor]["quotes"] = quotes
                continue
            for other, data, outgoing in others:
                if other in (r, anchor):
                    continue
                predicate = str(data.get("predicate") or "")
                if predicate == _ROLE and has_org:
                    continue  # the role's title labels the member -> organization relation
                if predicate == _ORGANIZATION:
                    label = node_label(G, role) if role is not None else "member of"
                elif predicate in _FOLDED_VERBS:
                    label = _FOLDED_VERBS[predicate] + _record_suffix(rattrs)
                else:
                    label = f"{data.get('label') or 'related to'} ({node_label(G, r)})"
                documents = _unique([*(adata.get("documents") or []), *(data.get("documents") or [])])
                attrs = {
                    **extra,
                    "predicate": predicate,
                    "label": label,
                    "quotes": _merge_quotes(adata.get("quotes"), data.get("quotes")),
                    "documents": documents,
                    "support": len(documents),
                    "record": str(r),
                }
                u, v = (anchor, other) if outgoing else (other, anchor)
                F.add_edge(u, v, key=f"{label} [{r}]", **attrs)
        F.remove_node(r)
    orphans = [n for n in F if n in had_edges and not F.degree(n)]
    F.remove_nodes_from(orphans)
    return F


def _unique(values: Iterable[Any]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v is not None and str(v) not in seen:
            seen[str(v)] = None
    return list(seen)


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(map(str, value)) if isinstance(value, set | frozenset) else map(str, value)
        return "; ".join(items) or None
    return None


def _years(attrs: Mapping[str, Any]) -> list[int]:
    """Years an item is dated by: ``year``/``*_year`` values and the year of ``date``/``*_date``."""
    years: set[int] = set()
    for key, value in attrs.items():
        key = str(key)
        is_year = key == "year" or key.endswith("_year")
        is_date = key == "date" or key.endswith("_date")
        if not (is_year or is_date):
            continue
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        for v in values:
            if isinstance(v, bool) or v is None:
                continue
            text = str(v).strip()
            if is_date:
                text = text[:4] if re.match(r"^\d{4}(-|$)", text) else ""
            if _YEAR_RE.match(text):
                years.add(int(text))
    return sorted(years)


def _attrs(attrs: Mapping[str, Any], reserved: frozenset[str]) -> list[list[str]]:
    rows = []
    for key in sorted(attrs, key=str):
        if key in reserved or str(key).startswith("_"):
            continue
        text = _scalar(attrs[key])
        if text:
            rows.append([str(key).replace("_", " "), text])
    return rows


def _quotes(value: Any) -> list[dict[str, str]]:
    quotes = []
    for q in value or []:
        if isinstance(q, Mapping):
            text, doc = q.get("text"), q.get("document")
        else:
            text, doc = q, None
        if text:
            quotes.append({"text": str(text), "document": str(doc) if doc else ""})
    return quotes


def _type_styles(type_counts: Counter[str]) -> list[dict[str, Any]]:
    ordered = sorted(type_counts, key=lambda t: (-type_counts[t], t.casefold(), t))
    return [
        {
            "name": t,
            "count": type_counts[t],
            "family": family_of(t).key,
            "color": family_of(t).color,
            "shape": family_of(t).shape,
        }
        for t in ordered
    ]


def _families(type_counts: Counter[str]) -> list[dict[str, Any]]:
    out = []
    for f in FAMILIES:
        present = sorted((t for t in type_counts if family_of(t) is f), key=lambda t: (-type_counts[t], t))
        if present:
            out.append(
                {
                    "key": f.key,
                    "name": f.name,
                    "color": f.color,
                    "shape": f.shape,
                    "types": present,
                    "count": sum(type_counts[t] for t in present),
                }
            )
    return out


def graph_data(
    G: nx.MultiDiGraph,
    *,
    score: Mapping[Any, float] | None = None,
    size_by: str = "degree",
    seed: int = 7,
) -> dict[str, Any]:
    """Prepare a graph for drawing: nodes, edges, families and vis-network options.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Entities keyed by IRI with ``label``, ``type``, ``aliases``,
        ``documents`` and literal attributes; relations with ``predicate``,
        ``label``, ``quotes``, ``support`` and ``documents``.
    score : mapping, optional
        Node size scores; :func:`centrality` by ``size_by`` when omitted.
    size_by : {"degree", "betweenness", "documents"}
        What ``score`` measures (the legend says so).
    seed : int
        Seed of the layout (vis-network ``layout.randomSeed``).

    Returns
    -------
    dict
        JSON-ready data, the same for the same graph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:ex:ada", label="Ada", type="Person")
    >>> G.add_node("urn:ex:ngo", label="Safe Haven", type="NGO")
    >>> _ = G.add_edge("urn:ex:ada", "urn:ex:ngo", label="founded")
    >>> data = graph_data(G)
    >>> [(f["name"], f["count"]) for f in data["families"]]
    [('People', 1), ('Organizations', 1)]
    >>> data["nodes"][0]["family"], data["edges"][0]["label"]
    ('people', 'founded')
    """
    if score is None:
        score = centrality(G, size_by, seed=seed)
    nodes = []
    for n in sorted(G.nodes, key=str):
        attrs = G.nodes[n]
        type_name = str(attrs.get("type") or "Entity")
        nodes.append(
            {
                "id": str(n),
                "label": node_label(G, n),
                "type": type_name,
                "family": family_of(type_name).key,
                "aliases": _unique(attrs.get("aliases") or []),
                "documents": _unique(attrs.get("documents") or []),
                "quotes": _quotes(attrs.get("quotes")),
                "attrs": _attrs(attrs, _RESERVED_NODE_KEYS),
                "years": _years(attrs),
                "value": round(float(score.get(n, 0.0)), 6),
            }
        )

    raw_edges = sorted(
        G.edges(keys=True, data=True),
        key=lambda e: (
            str(e[0]),
            str(e[1]),
            str(e[3].get("label", "")),
            str(e[3].get("predicate", "")),
            str(e[2]),
        ),
    )
    pair_sizes = Counter(frozenset((str(u), str(v))) for u, v, _, _ in raw_edges)
    pair_seen: Counter[frozenset[str]] = Counter()
    edges = []
    for i, (u, v, key, attrs) in enumerate(raw_edges):
        pair = frozenset((str(u), str(v)))
        rank = pair_seen[pair]
        pair_seen[pair] += 1
        smooth: dict[str, Any] | bool = False
        if pair_sizes[pair] > 1 and u != v:
            smooth = {"enabled": True, "type": "curvedCW", "roundness": round(0.1 + 0.18 * rank, 2)}
        documents = _unique(attrs.get("documents") or [])
        quotes = _quotes(attrs.get("quotes"))
        support = attrs.get("support")
        if not isinstance(support, int) or isinstance(support, bool):
            support = len(documents) or len({q["document"] for q in quotes if q["document"]})
        label = (
            attrs.get("label")
            or (str(key) if isinstance(key, str) else "")
            or attrs.get("predicate")
            or "related to"
        )
        edges.append(
            {
                "id": f"e{i}",
                "from": str(u),
                "to": str(v),
                "label": str(label),
                "predicate": str(attrs.get("predicate") or ""),
                "record": str(attrs.get("record") or ""),
                "quotes": quotes,
                "support": support,
                "documents": documents,
                "attrs": _attrs(attrs, _RESERVED_EDGE_KEYS),
                "years": _years(attrs),
                "smooth": smooth,
            }
        )

    type_counts = Counter(node["type"] for node in nodes)
    return {
        "vis": VIS_VERSION,
        "size_by": size_by,
        "families": _families(type_counts),
        "types": _type_styles(type_counts),
        "nodes": nodes,
        "edges": edges,
        "options": _options(len(nodes), len(edges), seed),
        "max_label": _MAX_LABEL,
    }


def _options(n: int, m: int, seed: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": n <= 150},
        "nodes": {
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {"min": 10, "max": 38, "label": {"enabled": False}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#34495e", "hover": "#34495e"},
            "font": {
                "size": 11,
                "face": "system-ui, sans-serif",
                "align": "horizontal",
                "color": "#3d4852",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "selectionWidth": 2,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.012,
                "springLength": 120,
                "springConstant": 0.08,
                "avoidOverlap": 0.4,
            },
            "minVelocity": 1,
            "stabilization": {
                "enabled": True,
                "iterations": 400 if n <= 150 else 200,
                "updateInterval": 20,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": m > 800,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
    }
