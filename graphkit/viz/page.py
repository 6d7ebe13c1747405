r"""One self-contained, offline HTML page that lets people explore a graph.

This module decides what a page shows (the whole graph or its most central
part, records folded or not) and what its title and caption say;
:mod:`graphkit.viz.data` prepares the graph, :mod:`graphkit.viz.template`
writes the HTML and :mod:`graphkit.viz.assets` supplies the inlined files.

The page is drawn with vis-network (the build that ships inside pyvis 0.3.2),
inlined together with the graph view script the explorer uses too, so it
opens from ``file://`` with no server, no CDN and no network. pyvis's own
template is not used: it always links Bootstrap from a CDN, puts the heading
in as raw HTML and turns tooltips into ``innerHTML`` when a title contains
``href``.

How the page keeps document text inert:

* the graph travels as JSON in a ``<script type="application/json">`` block
  with ``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\\uXXXX`` escapes,
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

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.viz.data import SIZE_MEASURES, centrality, fold_records, graph_data, node_label
from graphkit.viz.template import page_html

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
        Entities and relations drawn on the page (after records are folded
        into relations).
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
    fold: bool = True,
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
    fold : bool
        Fold records (award conferrals, roles held, quotations) into the
        relations they describe (:func:`graphkit.viz.data.fold_records`), so
        that a newcomer reads *Zaheer Ahmed — received (2023) → TIP Report
        Heroes Award*; False draws them as nodes.

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

    nodes_total, edges_total = G.number_of_nodes(), G.number_of_edges()
    if fold:
        G = fold_records(G)
    folded = nodes_total - G.number_of_nodes()
    score = centrality(G, size_by, seed=seed)
    note = None
    view = G
    if G.number_of_nodes() > max_nodes:
        ranked = sorted(G.nodes, key=lambda n: (-score[n], node_label(G, n).casefold(), str(n)))
        view = G.subgraph(ranked[:max_nodes])
        measure = "documents mentioning them" if size_by == "documents" else f"{size_by} centrality"
        note = (
            f"Reduced view: the graph has {G.number_of_nodes()} entities, more than this page can "
            f"lay out smoothly ({max_nodes}); it shows the {max_nodes} most central "
            f"(by {measure}) and the {view.number_of_edges()} of {G.number_of_edges()} relations "
            "among them. Narrow the view to see the rest."
        )

    data = graph_data(view, score=score, size_by=size_by, seed=seed)
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
    data["folded"] = folded

    markup = page_html(title=title, caption=full_caption, note=note, data=data)
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
    fold: bool = True,
) -> str:
    """Return the HTML of the page :func:`build_page` makes.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph to draw.
    title, caption, size_by, max_nodes, seed, fold
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
    page = build_page(
        G, title=title, caption=caption, size_by=size_by, max_nodes=max_nodes, seed=seed, fold=fold
    )
    return page.html


def write_page(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    caption: str | None = None,
    size_by: str = "degree",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 7,
    fold: bool = True,
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
    title, caption, size_by, max_nodes, seed, fold
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
    page = build_page(
        G, title=title, caption=caption, size_by=size_by, max_nodes=max_nodes, seed=seed, fold=fold
    )
    return page.write(path)
