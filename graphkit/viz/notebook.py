"""pyvis for those who know it: our styling in a :class:`pyvis.network.Network`, drawn safely.

:func:`to_pyvis` returns a :class:`GraphkitNetwork`, a pyvis ``Network`` with
the graph's entities and relations styled by family (as ``graphkit viz``
pages are) and plain-text, HTML-escaped titles. Tweak it the way pyvis
documents (``net.force_atlas_2based(...)``, ``net.toggle_physics(False)``,
``net.set_options(...)``, ``net.add_node(...)``); it renders with graphkit's
page template, never pyvis's own (which inserts headings, menu labels and
tooltips as raw HTML and loads Bootstrap from a CDN):

* ``net.write_html(path)`` / ``net.save_graph(path)`` write one self-contained
  UTF-8 page (vis-network inlined, strict Content-Security-Policy);
* in JupyterLab, VS Code and Colab, leaving ``net`` as the last expression of
  a cell (or ``net.show()``) draws it inline in a sandboxed ``<iframe srcdoc>``
  that needs no file, server or network.

Examples
--------
>>> import graphkit as gk
>>> from graphkit.network import project
>>> net = to_pyvis(project(gk.load()))
>>> len(net.nodes), net.directed
(87, True)
>>> zaheer = net.get_node("https://w3id.org/graphkit/id/zaheer-ahmed")
>>> zaheer["shape"], zaheer["color"], zaheer["family"]
('dot', '#0072B2', 'people')
>>> net.toggle_physics(False)
>>> page = net.generate_html()
>>> "Content-Security-Policy" in page and "bootstrap" not in page
True
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyvis.network import Network

from graphkit.viz.data import centrality, fold_records, graph_data, node_label
from graphkit.viz.families import family_of
from graphkit.viz.template import page_html

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GraphkitNetwork", "to_pyvis"]

_TITLE_QUOTES = 3


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = (
            _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        )
    return out


class GraphkitNetwork(Network):
    """A pyvis ``Network`` that renders with graphkit's safe, offline page template.

    Build one with :func:`to_pyvis`. Everything pyvis offers for nodes, edges
    and options works; only the HTML differs.
    """

    def __init__(self, G: nx.MultiDiGraph, *, title: str, size_by: str, seed: int, **kwargs: Any) -> None:
        super().__init__(directed=True, cdn_resources="in_line", heading="", **kwargs)
        self.graph = G
        self.title = title
        self.size_by = size_by
        self.seed = seed

    def _current_graph(self) -> nx.MultiDiGraph:
        """Return the graph as the network now holds it (nodes and edges added with pyvis too)."""
        H = self.graph.copy()
        ids = {str(n["id"]) for n in self.nodes}
        H.remove_nodes_from([n for n in list(H) if str(n) not in ids])
        for n in self.nodes:
            if str(n["id"]) not in H:
                H.add_node(
                    str(n["id"]), label=str(n.get("label") or n["id"]), type=str(n.get("type") or "Entity")
                )
        known = {(str(u), str(v)) for u, v in H.edges()}
        for e in self.edges:
            pair = (str(e["from"]), str(e["to"]))
            if pair not in known:
                H.add_edge(*pair, label=str(e.get("label") or "related to"))
        return H

    def _options(self) -> dict[str, Any]:
        theirs = self.options if isinstance(self.options, dict) else json.loads(self.options.to_json())
        return theirs

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        """Return the page for the network as it now is (graphkit's template; arguments kept for pyvis)."""
        data = graph_data(self._current_graph(), size_by=self.size_by, seed=self.seed)
        data["options"] = _merge(data["options"], self._options())
        data["title"] = self.title
        caption = f"{len(data['nodes'])} entities and {len(data['edges'])} relations."
        self.html = page_html(title=self.title, caption=caption, note=None, data=data)
        return self.html

    def write_html(
        self,
        name: str | os.PathLike[str],
        local: bool = True,
        notebook: bool = False,
        open_browser: bool = False,
    ) -> Path:
        """Write the page to ``name`` as UTF-8, atomically, with nothing beside it (no ``lib/`` folder)."""
        from graphkit.files import atomic_write

        return atomic_write(name, self.generate_html().encode("utf-8"))

    def save_graph(self, name: str | os.PathLike[str]) -> Path:
        """Write the page to ``name`` (as :meth:`write_html`)."""
        return self.write_html(name)

    def _repr_html_(self) -> str:
        page = html.escape(self.generate_html(), quote=True)
        height = html.escape(str(self.height or "700px"))
        return (
            f'<iframe srcdoc="{page}" sandbox="allow-scripts" title="{html.escape(self.title)}" '
            f'style="width: 100%; height: {height}; border: 1px solid #e4e7eb;"></iframe>'
        )

    def show(self, name: str = "graphkit.html", local: bool = True, notebook: bool = True) -> Any:
        """Draw inline in a notebook (``notebook=True``), or write the page to ``name``."""
        if not notebook:
            return self.write_html(name)
        from IPython.display import HTML

        return HTML(self._repr_html_())


def _title(label: str, type_name: str, quotes: list[dict[str, str]]) -> str:
    lines = [f"{label} ({type_name})"]
    lines += [f"\u201c{q['text']}\u201d \u2014 {q['document']}" for q in quotes[:_TITLE_QUOTES]]
    return html.escape("\n".join(lines))


def to_pyvis(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    size_by: str = "degree",
    seed: int = 7,
    fold: bool = True,
    height: str = "700px",
) -> GraphkitNetwork:
    """Return a pyvis network of ``G`` with graphkit's families, sizes and escaped titles.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected graph (:func:`graphkit.network.project`).
    title : str, optional
        The page title; ``G.graph["title"]`` by default.
    size_by : {"degree", "betweenness", "documents"}
        What sets node size (``value``).
    seed : int
        The layout seed.
    fold : bool
        Fold records into the relations they describe, as pages do.
    height : str
        The drawing's height in a notebook.

    Returns
    -------
    GraphkitNetwork
        A ``pyvis.network.Network``; node ``title`` and edge ``title`` are
        plain text with ``<``, ``>``, ``&`` and quotes escaped, safe even
        under pyvis's own template.
    """
    H = fold_records(G) if fold else G
    score = centrality(H, size_by, seed=seed)
    net = GraphkitNetwork(
        H,
        title=title or str(G.graph.get("title") or "Knowledge graph"),
        size_by=size_by,
        seed=seed,
        height=height,
    )
    net.force_atlas_2based(
        gravity=-80, central_gravity=0.012, spring_length=120, spring_strength=0.08, overlap=0.4
    )
    for n in sorted(H.nodes, key=str):
        attrs = H.nodes[n]
        type_name = str(attrs.get("type") or "Entity")
        family = family_of(type_name)
        label = node_label(H, n)
        net.add_node(
            str(n),
            label=label,
            shape=family.shape,
            color=family.color,
            family=family.key,
            value=round(float(score.get(n, 0.0)), 6),
            title=_title(label, type_name, list(attrs.get("quotes") or [])),
            type=type_name,
        )
    for u, v, attrs in sorted(
        H.edges(data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2].get("label")))
    ):
        label = str(attrs.get("label") or "related to")
        quotes = [q for q in attrs.get("quotes") or [] if isinstance(q, dict)]
        net.add_edge(str(u), str(v), label=label, title=_title(label, "relation", quotes))
    return net
