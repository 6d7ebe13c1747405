r"""The files a graph view is drawn with, and how they go into a page safely.

vis-network comes from the pyvis package (a dependency), our own script and
style from ``graphkit/viz/assets/``. A page inlines them; the explorer serves
the same files from ``graphkit serve``. Inline text is checked so that it
cannot end its element early, JSON is written so that no string can close a
``<script>`` block, and each inline script or style is allowed by the page's
Content-Security-Policy through its SHA-256 hash.

Examples
--------
>>> json_for_script({"label": "</script><b>"})
'{"label":"\\u003c/script\\u003e\\u003cb\\u003e"}'
>>> csp_hash("x")
"'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='"
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from typing import Any

from graphkit.viz.data import VIS_VERSION

__all__ = ["asset", "csp_hash", "inline", "json_for_script", "vis_css", "vis_js"]

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


@cache
def asset(name: str) -> str:
    """Return the text of one of graphkit's view assets (``graphview.js``, ``page.css``...)."""
    from importlib.resources import files

    return files("graphkit.viz").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def vis_js() -> str:
    """Return vis-network's script, as shipped inside pyvis."""
    from importlib.resources import files

    lib = files("pyvis").joinpath("templates", "lib", f"vis-{VIS_VERSION}")
    return lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")


@cache
def vis_css() -> str:
    """Return vis-network's style sheet, as shipped inside pyvis."""
    from importlib.resources import files

    lib = files("pyvis").joinpath("templates", "lib", f"vis-{VIS_VERSION}")
    return lib.joinpath("vis-network.css").read_text(encoding="utf-8")


def inline(text: str, tag: str) -> str:
    """Return ``text`` for a raw-text element, refusing anything that could end it early.

    Raises
    ------
    ValueError
        If ``text`` holds ``</tag`` or ``<!--``.
    """
    lowered = text.lower()
    if f"</{tag}" in lowered or "<!--" in lowered:
        raise ValueError(f"inline {tag} would end early")
    return text


def json_for_script(data: Any) -> str:
    """Serialize ``data`` as compact, sorted JSON safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def csp_hash(text: str) -> str:
    """Return the CSP source expression (``'sha256-...'``) that allows an inline ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
