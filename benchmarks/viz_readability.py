"""Measure how readable a graphkit page is at its default zoom in Chromium.

Opens each page given (an HTML file) at 1400x900 in headless Chromium, waits
until the layout has settled, and reads from vis-network the boxes of the
labels it actually drew (entities and relations):

* ``labels``: labels drawn (entities + relations);
* ``overlaps``: pairs of drawn label boxes that overlap;
* ``overlapping``: labels that overlap at least one other;
* ``px``: the on-screen size of entity label text (font size x zoom);
* ``legend``: whether the legend fits without scrolling (its scroll height
  against its height).

Run it with::

    .venv/bin/python benchmarks/viz_readability.py out/before.html out/after.html

Figures for the seed graph (``graphkit viz``), measured before and after
issue 13 are in the README section on the page.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

MEASURE_JS = """() => {
  const net = window.graphkit.network, s = net.getScale();
  const boxes = [];
  const add = (kind, item) => {
    const lm = item.labelModule;
    if (!lm || !lm.elementOptions || !String(lm.elementOptions.label || '').trim()) return;
    if (item.options.hidden) return;
    const z = lm.size;
    if (!z || !z.width) return;
    const a = net.canvasToDOM({x: z.left, y: z.top});
    const b = net.canvasToDOM({x: z.left + z.width, y: z.top + z.height});
    boxes.push({kind, x0: a.x, y0: a.y, x1: b.x, y1: b.y, px: lm.fontOptions.size * s});
  };
  Object.values(net.body.nodes).forEach(n => add('node', n));
  Object.values(net.body.edges).forEach(e => add('edge', e));
  let overlaps = 0;
  const hit = new Set();
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const p = boxes[i], q = boxes[j];
    if (p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1) { overlaps++; hit.add(i); hit.add(j); }
  }
  const nodePx = boxes.filter(b => b.kind === 'node').map(b => b.px);
  const legend = document.getElementById('gk-legend');
  return {
    scale: +s.toFixed(3),
    labels: boxes.length,
    node_labels: nodePx.length,
    edge_labels: boxes.length - nodePx.length,
    overlaps, overlapping: hit.size,
    px: nodePx.length ? +Math.min(...nodePx).toFixed(1) : null,
    legend_fits: legend.scrollHeight <= legend.clientHeight + 1,
  };
}"""


def measure(path: Path, browser) -> dict:
    """Open one page and return its readability figures."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("html[data-gk-ready='true']", state="attached", timeout=120_000)
    time.sleep(1.0)  # let the fit animation and label placement finish
    figures = page.evaluate(MEASURE_JS)
    context.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure every page named on the command line and print one JSON line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for path in args.pages:
            print(json.dumps({"page": str(path), **measure(path, browser)}))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
