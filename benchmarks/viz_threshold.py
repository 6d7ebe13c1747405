"""Measure where a graphkit page becomes sluggish in Chromium.

For graphs of growing size (scale-free, two relations per entity, shaped like
the projection's output) the script renders a page with no reduction, opens it
from ``file://`` in headless Chromium and records:

* ``render``: seconds Python takes to build the HTML;
* ``ready``: seconds from navigation until the layout has stabilized and
  frozen (the page is usable), which includes parsing ~0.5 MB of vis-network;
* ``stab``: milliseconds vis-network spent in that stabilization;
* ``frame``: milliseconds one redraw takes once the layout is frozen (what
  every pan, zoom and hover costs); 50 ms is 20 frames per second.

The page counts as sluggish when ``ready`` exceeds 5 s or ``frame`` exceeds
50 ms. Run it with::

    .venv/bin/python benchmarks/viz_threshold.py [--sizes 100,200,400] [--repeat 2]

Figures measured on the development machine (2 cores shared with other jobs,
Chromium 156 headless with ``--disable-gpu``, so software rendering; pyvis
0.3.2 / vis-network 9.1.2; 400 stabilization iterations up to 150 nodes, 200
above), median of 3 runs, ``ready`` in s, ``stab`` and ``frame`` in ms.

Quiet machine (load average < 1):

=====  =====  ====  =====  ====  =====
nodes  edges  MB    ready  stab  frame
=====  =====  ====  =====  ====  =====
50     96     0.76  0.63   191   3.6
100    196    0.80  1.11   470   7.0
200    396    0.89  1.02   619   6.4
400    796    1.06  1.47   922   10.5
600    1196   1.24  2.32   1567  15.2
800    1596   1.41  3.09   2194  22.0
1000   1996   1.59  3.81   2865  26.8
1200   2396   1.77  4.37   3423  29.5
1600   3196   2.12  6.13   4956  38.4
2400   4796   2.83  9.32   7853  54.2
=====  =====  ====  =====  ====  =====

Busy machine (load average 2-3, other test suites running), same settings:

=====  =====  ====  =====  ====  =====
nodes  edges  MB    ready  stab  frame
=====  =====  ====  =====  ====  =====
200    396    0.89  2.43   1257  14.9
400    796    1.06  3.73   2243  24.4
500    996    1.15  3.15   2147  27.5
600    1196   1.24  6.09   4300  49.1
800    1596   1.41  4.45   3112  34.3
1200   2396   1.77  5.39   3976  38.9
1600   3196   2.12  7.92   5795  50.6
=====  =====  ====  =====  ====  =====

With 400 iterations at every size the busy machine needed 5.6 s at 500
nodes and 9.7 s at 800; the layouts after 200 iterations look the same.

Stabilization time grows about linearly with size and frame time with the
number of edges. The quiet machine stays responsive up to about 1,200
entities, the busy one up to about 500: ``DEFAULT_MAX_NODES`` is 500, which
leaves a 2-3x margin for slower machines than this one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

READY_LIMIT_S = 5.0
FRAME_LIMIT_MS = 50.0

FRAME_JS = """() => {
  const net = window.graphkit.network;
  net.redraw();
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) { net.moveTo({scale: 1 + (i % 2) * 0.01}); net.redraw(); }
  return (performance.now() - t0) / 10;
}"""


def measure(n: int, browser, workdir: Path) -> dict[str, float]:
    """Render and load one page of ``n`` entities; return its timings."""
    from viz_graphs import random_graph

    from graphkit.viz import build_page

    G = random_graph(n, seed=n)
    t0 = time.perf_counter()
    page = build_page(G, title=f"{n} entities", max_nodes=n + 1)
    render = time.perf_counter() - t0
    path = page.write(workdir / f"page-{n}.html")

    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    t0 = time.perf_counter()
    tab.goto(path.as_uri())
    tab.wait_for_selector("html[data-gk-ready='true']", state="attached", timeout=600_000)
    ready = time.perf_counter() - t0
    stab = tab.evaluate("() => window.graphkit.stabilizationMs")
    frame = tab.evaluate(FRAME_JS)
    tab.close()
    if errors:
        raise RuntimeError(errors)
    return {
        "nodes": n,
        "edges": G.number_of_edges(),
        "mb": len(page.html.encode()) / 1e6,
        "render": render,
        "ready": ready,
        "stab": stab,
        "frame": frame,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print a table and the suggested threshold."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,100,200,300,400,600,800,1200,1600")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    from playwright.sync_api import sync_playwright
    from viz_graphs import CHROMIUM, CHROMIUM_ARGS

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in sizes:
            runs = [measure(n, browser, Path(tmp)) for _ in range(args.repeat)]
            row = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            rows.append(row)
            print(
                f"{row['nodes']:6.0f} nodes {row['edges']:6.0f} edges {row['mb']:5.2f} MB  "
                f"render {row['render']:5.2f} s  ready {row['ready']:6.2f} s  "
                f"stab {row['stab']:8.0f} ms  frame {row['frame']:6.1f} ms",
                flush=True,
            )
        browser.close()
    fine = [r["nodes"] for r in rows if r["ready"] <= READY_LIMIT_S and r["frame"] <= FRAME_LIMIT_MS]
    largest = max(fine, default=0)
    print(
        f"largest responsive size: {largest:.0f} nodes "
        f"(ready <= {READY_LIMIT_S} s and frame <= {FRAME_LIMIT_MS} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
