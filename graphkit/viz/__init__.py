"""Interactive, self-contained HTML pages of the graph.

:func:`build_page` renders a graph to one offline HTML file's worth of text
(vis-network inlined, no CDN), :func:`render_page` returns just the HTML and
:func:`write_page` writes it atomically as UTF-8. :func:`to_pyvis` gives the
same drawing as a ``pyvis.network.Network`` for notebooks. Entity types are
drawn in a few :data:`FAMILIES` (:func:`family_of`), and records are folded
into the relations they describe (:func:`fold_records`). The explorer of
``graphkit serve`` draws with the same graph view.
"""

from graphkit.viz.data import SIZE_MEASURES, fold_records, graph_data
from graphkit.viz.families import FAMILIES, Family, family_of
from graphkit.viz.page import DEFAULT_MAX_NODES, Page, build_page, render_page, write_page

__all__ = [
    "DEFAULT_MAX_NODES",
    "FAMILIES",
    "SIZE_MEASURES",
    "Family",
    "GraphkitNetwork",
    "Page",
    "build_page",
    "family_of",
    "fold_records",
    "graph_data",
    "render_page",
    "to_pyvis",
    "write_page",
]


def __getattr__(name: str) -> object:
    # pyvis (and jinja2 under it) load only when the pyvis bridge is used.
    if name in ("GraphkitNetwork", "to_pyvis"):
        from graphkit.viz import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'graphkit.viz' has no attribute {name!r}")
