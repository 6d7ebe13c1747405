"""The HTML of a self-contained graph page, under a strict Content-Security-Policy.

The markup holds only the title, the caption, an optional note and an empty
``<div id="gk-view">``; the graph view script builds the rest with the DOM.
Everything inline (vis-network, the view script, the styles) is allowed by its
SHA-256 hash and nothing else may load: no network, no other script.
"""

from __future__ import annotations

import html
from typing import Any

from graphkit.viz.assets import asset, csp_hash, inline, json_for_script, vis_css, vis_js

__all__ = ["page_html"]


def page_html(*, title: str, caption: str, note: str | None, data: dict[str, Any]) -> str:
    """Return a complete HTML document drawing ``data`` (from :func:`graphkit.viz.data.graph_data`).

    Parameters
    ----------
    title, caption : str
        Plain text shown at the top (escaped here).
    note : str or None
        A sentence shown under the caption (for a reduced view).
    data : dict
        The graph data; it travels as escaped JSON.

    Returns
    -------
    str

    Examples
    --------
    >>> from graphkit.viz.data import graph_data
    >>> import networkx as nx
    >>> page = page_html(title="<T>", caption="c", note=None, data=graph_data(nx.MultiDiGraph()))
    >>> "<title>&lt;T&gt;</title>" in page, "Content-Security-Policy" in page
    (True, True)
    """
    scripts = [
        inline(vis_js(), "script"),
        inline(asset("graphview.js"), "script"),
        inline(asset("page.js"), "script"),
    ]
    styles = [inline(vis_css(), "style"), inline(asset("graphview.css"), "style")]
    payload = json_for_script(data)
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(s) for s in scripts),
            "style-src " + " ".join(csp_hash(s) for s in styles),
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
        + "".join(f"<style>{s}</style>\n" for s in styles)
        + "</head>\n<body>\n"
        '<header class="gk-header">\n'
        f'<h1 id="gk-title">{esc(title)}</h1>\n'
        f'<p id="gk-caption">{esc(caption)}</p>\n'
        f"{note_html}"
        "</header>\n"
        '<div id="gk-view" class="gk-view"></div>\n'
        f'<script id="gk-data" type="application/json">{payload}</script>\n'
        + "".join(f"<script>{s}</script>\n" for s in scripts)
        + "</body>\n</html>\n"
    )
