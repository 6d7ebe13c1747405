r"""One self-contained, offline HTML page that lets people explore a graph.

The page is drawn with vis-network (the build that ships inside pyvis 0.3.2),
inlined together with a small script of our own, so it opens from ``file://``
with no server, no CDN and no network. pyvis's own template is not used: it
always links Bootstrap from a CDN, puts the heading in as raw HTML and turns
tooltips into ``innerHTML`` when a title contains ``href``.

How the page keeps document text inert:

* the graph travels as JSON in a ``<script type="application/json">`` block
  with ``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\uXXXX`` escapes,
  so no string can close the block or open a comment;
* the script builds every tooltip, legend entry and detail panel with
  ``textContent`` (vis-network 9 shows an element title as given);
* the title and caption in the markup go through :func:`html.escape`;
* a Content-Security-Policy ``<meta>`` tag allows only the page's own inline
  scripts and styles, by SHA-256 hash, and no network access at all.

The bytes depend only on the graph and the arguments: nodes and edges are
sorted, the layout is seeded and nothing records the time.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DEFAULT_MAX_NODES",
    "SIZE_MEASURES",
    "Page",
    "build_page",
    "render_page",
    "write_page",
]

#: Above this many entities the page shows a reduced view (the most central
#: entities). Measured with ``benchmarks/viz_threshold.py`` in headless
#: Chromium (figures in that script's docstring): 500 entities lay out in about
#: 2 s and redraw in about 15 ms on an idle 2-core machine, and stay under 4 s
#: and 30 ms when it is busy; 1,200 is the limit on the idle machine.
DEFAULT_MAX_NODES = 500

#: The centrality measures that can size the nodes.
SIZE_MEASURES = ("degree", "betweenness", "documents")

_VIS_VERSION = "9.1.2"
_RESERVED_NODE_KEYS = frozenset({"label", "type", "types", "aliases", "documents"})
_RESERVED_EDGE_KEYS = frozenset({"predicate", "label", "quotes", "support", "documents"})
_YEAR_RE = re.compile(r"^(1[5-9]|20)\d\d$")
_MAX_LABEL = 40

# Colour and shape of each type of the graphkit ontology, fixed so that a type
# looks the same on every page (a full graph and an ego view agree). Colour
# marks the family (people, organisations, government, programme and awards,
# places, events, works, roles); shape tells the types of a family apart. Only
# shapes whose label sits below them, so that node size stays readable.
_PEOPLE, _ORGS, _GOV, _PROGRAM = "#0072B2", "#E69F00", "#D55E00", "#56B4E9"
_AWARD, _PLACE, _EVENT, _WORK = "#CC79A7", "#009E73", "#6A3D9A", "#7F7F7F"
_TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": (_PEOPLE, "dot"),
    "Hero cohort": (_PEOPLE, "hexagon"),
    "Organization": (_ORGS, "dot"),
    "NGO": (_ORGS, "square"),
    "International organization": (_ORGS, "hexagon"),
    "Organizational unit": (_ORGS, "triangleDown"),
    "Company": (_ORGS, "triangle"),
    "Government body": (_GOV, "diamond"),
    "Legislature": (_GOV, "triangle"),
    "Legislative committee": (_GOV, "triangleDown"),
    "Program": (_PROGRAM, "hexagon"),
    "Program edition": (_PROGRAM, "star"),
    "Award": (_AWARD, "star"),
    "Award conferral": (_AWARD, "diamond"),
    "Place": (_PLACE, "dot"),
    "City": (_PLACE, "diamond"),
    "State": (_PLACE, "square"),
    "Country": (_PLACE, "triangle"),
    "Event": (_EVENT, "dot"),
    "Ceremony": (_EVENT, "star"),
    "Roundtable": (_EVENT, "hexagon"),
    "Keynote": (_EVENT, "triangle"),
    "Webinar": (_EVENT, "square"),
    "Site visit": (_EVENT, "diamond"),
    "Conference": (_EVENT, "triangleDown"),
    "Resource": (_WORK, "dot"),
    "Report series": (_WORK, "hexagon"),
    "Report": (_WORK, "square"),
    "Source document": (_WORK, "triangle"),
    "Quotation": (_WORK, "star"),
    "Evidence quote": (_WORK, "triangleDown"),
    "Statement": (_WORK, "diamond"),
    "Legislation": ("#8C564B", "diamond"),
    "Service": ("#17BECF", "square"),
    "Role held": ("#B22222", "dot"),
    "Role": ("#B22222", "square"),
    "Post": ("#B22222", "diamond"),
    "Entity": ("#9AA5B1", "dot"),
}
# Other types take a free combination, chosen from a hash of the name so that
# it too stays the same from page to page.
_PALETTE = (_PEOPLE, _ORGS, _GOV, _PROGRAM, _AWARD, _PLACE, _EVENT, "#8C564B", "#17BECF")
_SHAPES = ("dot", "square", "diamond", "triangle", "star", "hexagon", "triangleDown")

# JSON may be read by the HTML parser before JSON.parse sees it: make sure no
# string can end the <script> block, open a comment or break a line in JS.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


@dataclass(frozen=True)
class Page:
    """A rendered page and what it shows.

    Attributes
    ----------
    html : str
        The whole HTML document.
    title : str
        The page title (plain text).
    caption : str
        The caption shown under the title (plain text).
    nodes_total, edges_total : int
        Entities and relations in the graph that was given.
    nodes_shown, edges_shown : int
        Entities and relations drawn on the page.
    reduced : bool
        True when the graph had more than ``max_nodes`` entities and the page
        shows only the most central ones.
    note : str or None
        The sentence the page shows about the reduction (None when not
        reduced); a command-line tool should print it too.
    """

    html: str
    title: str
    caption: str
    nodes_total: int
    edges_total: int
    nodes_shown: int
    edges_shown: int
    reduced: bool
    note: str | None

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` as UTF-8, atomically.

        The bytes go to a temporary file in the same folder, which then
        replaces ``path``: a reader never sees half a page.

        Parameters
        ----------
        path : str or path-like
            Where to write; missing folders are created.

        Returns
        -------
        Path
            The path written.
        """
        from graphkit.files import atomic_write

        return atomic_write(path, self.html.encode("utf-8"))


def build_page(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    caption: str | None = None,
    size_by: str = "degree",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 7,
) -> Page:
    """Render an explorable HTML page of a graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Entities keyed by IRI with ``label``, ``type``, ``aliases``,
        ``documents`` and literal attributes; relations with ``predicate``,
        ``label``, ``quotes``, ``support`` and ``documents``.
    title : str, optional
        The page title; defaults to ``G.graph["title"]``, then
        ``"Knowledge graph"``.
    caption : str, optional
        What the view shows (for example the filters that made it); the page
        adds the counts after it.
    size_by : {"degree", "betweenness", "documents"}
        What sets node size: degree or betweenness centrality on the
        undirected graph, or the number of documents that mention the entity.
    max_nodes : int
        Above this many entities only the ``max_nodes`` most central are
        drawn, and the page says so.
    seed : int
        Seed of the layout (vis-network ``layout.randomSeed``).

    Returns
    -------
    Page
        The HTML and counts of what it shows.

    Raises
    ------
    ValueError
        If ``size_by`` is unknown or ``max_nodes`` is less than 1.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:ex:ada", label="Ada", type="Person", documents=["Report 2023"])
    >>> G.add_node("urn:ex:ngo", label="Safe Haven", type="NGO")
    >>> _ = G.add_edge("urn:ex:ada", "urn:ex:ngo", label="founded",
    ...                quotes=[{"text": "Ada founded Safe Haven.", "document": "Report 2023"}])
    >>> page = build_page(G, title="Example", max_nodes=1)
    >>> page.reduced, page.nodes_shown, page.edges_shown
    (True, 1, 0)
    >>> build_page(G, title="Example").reduced
    False
    """
    if size_by not in SIZE_MEASURES:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_MEASURES)}; got {size_by!r}")
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1; got {max_nodes}")
    if title is None:
        title = str(G.graph.get("title") or "Knowledge graph")

    score = _centrality(G, size_by, seed=seed)
    nodes_total, edges_total = G.number_of_nodes(), G.number_of_edges()
    note = None
    view = G
    if nodes_total > max_nodes:
        ranked = sorted(G.nodes, key=lambda n: (-score[n], _label(G, n).casefold(), str(n)))
        view = G.subgraph(ranked[:max_nodes])
        measure = "documents mentioning them" if size_by == "documents" else f"{size_by} centrality"
        note = (
            f"Reduced view: the graph has {nodes_total} entities, more than this page can "
            f"lay out smoothly ({max_nodes}); it shows the {max_nodes} most central "
            f"(by {measure}) and the {view.number_of_edges()} of {edges_total} relations "
            "among them. Narrow the view to see the rest."
        )

    data = _page_data(view, score=score, size_by=size_by, seed=seed)
    documents = {d for n in data["nodes"] for d in n["documents"]}
    documents.update(d for e in data["edges"] for d in e["documents"])
    counts = f"{len(data['nodes'])} entities and {len(data['edges'])} relations"
    if documents:
        counts += f" from {len(documents)} document{'s' if len(documents) != 1 else ''}"
    full_caption = (
        f"{caption.strip().rstrip('.')}: {counts}." if caption else f"{counts[0].upper()}{counts[1:]}."
    )
    data["title"] = title
    data["caption"] = full_caption
    data["note"] = note

    markup = _html(title=title, caption=full_caption, note=note, data=data)
    return Page(
        html=markup,
        title=title,
        caption=full_caption,
        nodes_total=nodes_total,
        edges_total=edges_total,
        nodes_shown=len(data["nodes"]),
        edges_shown=len(data["edges"]),
        reduced=note is not None,
        note=note,
    )


def render_page(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    caption: str | None = None,
    size_by: str = "degree",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 7,
) -> str:
    """Return the HTML of the page :func:`build_page` makes.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph to draw.
    title, caption, size_by, max_nodes, seed
        As for :func:`build_page`.

    Returns
    -------
    str
        A complete, self-contained HTML document.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:ex:x", label="</script><b>x</b>", type="Person")
    >>> page = render_page(G, title="<i>T</i>")
    >>> page.startswith("<!DOCTYPE html>"), "<b>x" in page, "&lt;i&gt;T&lt;/i&gt;" in page
    (True, False, True)
    """
    return build_page(G, title=title, caption=caption, size_by=size_by, max_nodes=max_nodes, seed=seed).html


def write_page(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    caption: str | None = None,
    size_by: str = "degree",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 7,
) -> Path:
    """Render the page and write it to ``path`` as UTF-8, atomically.

    Use :func:`build_page` and :meth:`Page.write` instead when you need to
    know whether the view was reduced.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph to draw.
    path : str or path-like
        The HTML file to write; its folder must exist.
    title, caption, size_by, max_nodes, seed
        As for :func:`build_page`.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:ex:x", label="Café", type="City")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_page(G, pathlib.Path(d) / "page.html", title="Cities")
    ...     "Café" in out.read_text(encoding="utf-8")
    True
    """
    page = build_page(G, title=title, caption=caption, size_by=size_by, max_nodes=max_nodes, seed=seed)
    return page.write(path)


# --------------------------------------------------------------------------- data


def _label(G: nx.MultiDiGraph, n: Any) -> str:
    label = G.nodes[n].get("label")
    if label:
        return str(label)
    text = str(n).rstrip("/#")
    return re.split(r"[/#]", text)[-1] or text


def _centrality(G: nx.MultiDiGraph, size_by: str, *, seed: int) -> dict[Any, float]:
    """Score every node for sizing and for choosing a reduced view."""
    if size_by == "documents":
        return {n: float(len(_unique(G.nodes[n].get("documents") or []))) for n in G}
    import networkx as nx

    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    H.add_edges_from(sorted(((u, v) for u, v in G.edges() if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    if size_by == "degree":
        return nx.degree_centrality(H)
    k = None if H.number_of_nodes() <= 1000 else 500
    return nx.betweenness_centrality(H, k=k, seed=seed)


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
    used = set(_TYPE_STYLES.values())
    free = [(c, s) for s in _SHAPES for c in _PALETTE if (c, s) not in used]
    styles = []
    for name in sorted(type_counts):
        style = _TYPE_STYLES.get(name)
        if style is None:
            start = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:4], "big")
            for i in range(len(free)):
                style = free[(start + i) % len(free)]
                if style not in used:
                    break
        used.add(style)
        styles.append((name, style))
    by_name = dict(styles)
    return [
        {"name": n, "count": type_counts[n], "color": by_name[n][0], "shape": by_name[n][1]} for n in ordered
    ]


def _page_data(G: nx.MultiDiGraph, *, score: Mapping[Any, float], size_by: str, seed: int) -> dict[str, Any]:
    node_ids = sorted(G.nodes, key=str)
    nodes = []
    for n in node_ids:
        attrs = G.nodes[n]
        nodes.append(
            {
                "id": str(n),
                "label": _label(G, n),
                "type": str(attrs.get("type") or "Entity"),
                "aliases": _unique(attrs.get("aliases") or []),
                "documents": _unique(attrs.get("documents") or []),
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
                "quotes": quotes,
                "support": support,
                "documents": documents,
                "attrs": _attrs(attrs, _RESERVED_EDGE_KEYS),
                "years": _years(attrs),
                "smooth": smooth,
            }
        )

    n, m = len(nodes), len(edges)
    options = {
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
                "size": 10,
                "align": "middle",
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
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 110,
                "springConstant": 0.08,
                "avoidOverlap": 0.3,
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
    return {
        "vis": _VIS_VERSION,
        "size_by": size_by,
        "types": _type_styles(Counter(node["type"] for node in nodes)),
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "max_label": _MAX_LABEL,
    }


# --------------------------------------------------------------------------- markup


@cache
def _asset(package: str, *parts: str) -> str:
    from importlib.resources import files

    resource = files(package).joinpath(*parts)
    return resource.read_text(encoding="utf-8")


def _inline(text: str, tag: str) -> str:
    """Return ``text`` for a raw-text element, refusing anything that could end it early."""
    lowered = text.lower()
    if f"</{tag}" in lowered or "<!--" in lowered:
        raise ValueError(f"inline {tag} would end early")
    return text


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _html(*, title: str, caption: str, note: str | None, data: dict[str, Any]) -> str:
    vis_js = _inline(
        _asset("pyvis", "templates", "lib", f"vis-{_VIS_VERSION}", "vis-network.min.js"), "script"
    )
    vis_css = _inline(_asset("pyvis", "templates", "lib", f"vis-{_VIS_VERSION}", "vis-network.css"), "style")
    app_js = _inline(_asset("graphkit.viz", "assets", "page.js"), "script")
    app_css = _inline(_asset("graphkit.viz", "assets", "page.css"), "style")
    payload = _json_for_script(data)

    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(vis_js)} {_sha256(app_js)}",
            f"style-src {_sha256(vis_css)} {_sha256(app_css)}",
            "img-src data:",
            "connect-src 'none'",
            "font-src 'none'",
            "object-src 'none'",
            "media-src 'none'",
            "frame-src 'none'",
            "worker-src 'none'",
            "manifest-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    esc = html.escape
    note_html = f'<p id="gk-note" class="gk-note" role="status">{esc(note)}</p>\n' if note else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="graphkit">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{vis_css}</style>\n"
        f"<style>{app_css}</style>\n"
        "</head>\n<body>\n"
        '<header class="gk-header">\n'
        f'<h1 id="gk-title">{esc(title)}</h1>\n'
        f'<p id="gk-caption">{esc(caption)}</p>\n'
        f"{note_html}"
        "</header>\n"
        '<div class="gk-toolbar" role="search">\n'
        '<label for="gk-search">Find</label>\n'
        '<input id="gk-search" type="search" list="gk-names" autocomplete="off" '
        'placeholder="Name or alias, then Enter">\n'
        '<datalist id="gk-names"></datalist>\n'
        '<button id="gk-search-go" type="button">Find</button>\n'
        '<label for="gk-year">Year</label>\n'
        '<select id="gk-year"><option value="">All years</option></select>\n'
        '<button id="gk-freeze" type="button" aria-pressed="false">Freeze layout</button>\n'
        '<button id="gk-reset" type="button">Show all</button>\n'
        '<output id="gk-status" aria-live="polite">Laying out the graph\u2026</output>\n'
        "</div>\n"
        '<main class="gk-main">\n'
        '<div id="gk-network" aria-label="Graph drawing"></div>\n'
        '<aside class="gk-side">\n'
        '<section id="gk-legend" aria-label="Legend"><h2>Types</h2>'
        '<ul id="gk-types"></ul><p id="gk-legend-note"></p></section>\n'
        '<section id="gk-details" aria-live="polite"><h2>Details</h2>'
        '<p class="gk-hint">Hover over an entity or a relation for a summary; '
        "click it to see its evidence and links here.</p></section>\n"
        "</aside>\n"
        "</main>\n"
        f'<script id="gk-data" type="application/json">{payload}</script>\n'
        f"<script>{vis_js}</script>\n"
        f"<script>{app_js}</script>\n"
        "</body>\n</html>\n"
    )
