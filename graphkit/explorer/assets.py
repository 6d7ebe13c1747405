"""The explorer's page and files, served from the package (no CDN, no network).

The page's own files live in ``graphkit/explorer/static/``; the graph view
(``graphview.js``, ``graphview.css``) comes from :mod:`graphkit.viz.assets`,
and vis-network from pyvis, so the explorer and ``graphkit viz`` pages draw
with the same code.

Examples
--------
>>> body, media = static_file("/")
>>> media, b"explorer.js" in body
('text/html; charset=utf-8', True)
>>> static_file("/static/../api.py") is None
True
"""

from __future__ import annotations

from functools import cache

from graphkit.viz.assets import asset, vis_css, vis_js

__all__ = ["CSP", "PATHS", "static_file"]

#: The explorer's Content-Security-Policy: its own files only, requests to its own origin only.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
}
_OWN = ("explorer.js", "explorer.css", "countries-110m.json", "places.json")
_SHARED = ("graphview.js", "graphview.css", "vis-network.min.js", "vis-network.css")

#: Every path :func:`static_file` answers.
PATHS = ("/", "/index.html", *(f"/static/{name}" for name in (*_OWN, *_SHARED)))


@cache
def _own(name: str) -> bytes:
    from importlib.resources import files

    return files("graphkit.explorer").joinpath("static", name).read_bytes()


def static_file(path: str) -> tuple[bytes, str] | None:
    """Return the body and media type served at ``path``, or None if nothing is there.

    Parameters
    ----------
    path : str
        The URL path: ``/`` (the page) or ``/static/<name>``.
    """
    if path in ("/", "/index.html"):
        return _own("index.html"), _TYPES[".html"]
    if not path.startswith("/static/"):
        return None
    name = path.removeprefix("/static/")
    suffix = name[name.rfind(".") :] if "." in name else ""
    if name in _OWN:
        return _own(name), _TYPES[suffix]
    if name in ("graphview.js", "graphview.css"):
        return asset(name).encode("utf-8"), _TYPES[suffix]
    if name == "vis-network.min.js":
        return vis_js().encode("utf-8"), _TYPES[".js"]
    if name == "vis-network.css":
        return vis_css().encode("utf-8"), _TYPES[".css"]
    return None
