"""Interactive, self-contained HTML pages of the graph.

:func:`build_page` renders a graph to one offline HTML file's worth of text
(vis-network inlined, no CDN), :func:`render_page` returns just the HTML and
:func:`write_page` writes it atomically as UTF-8.
"""

from graphkit.viz.page import (
    DEFAULT_MAX_NODES,
    SIZE_MEASURES,
    Page,
    build_page,
    render_page,
    write_page,
)

__all__ = [
    "DEFAULT_MAX_NODES",
    "SIZE_MEASURES",
    "Page",
    "build_page",
    "render_page",
    "write_page",
]
