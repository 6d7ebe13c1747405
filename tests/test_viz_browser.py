"""The page in a real browser: headless Chromium driven by Playwright for Python.

These tests skip with a reason when Playwright or /usr/bin/chromium is missing,
except when ``CI=true``: there they fail, so CI cannot pass without them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from viz_graphs import CHROMIUM as CHROMIUM_PATH
from viz_graphs import (
    CHROMIUM_ARGS,
    EX,
    HOSTILE_DOC,
    HOSTILE_HREF,
    HOSTILE_IMG,
    HOSTILE_QUOTE,
    HOSTILE_SCRIPT,
    hostile_graph,
    random_graph,
    sample_graph,
)

from graphkit.viz import build_page

CHROMIUM = Path(CHROMIUM_PATH)
IMELDA = EX + "imelda-poole"
READY = "html[data-gk-ready='true']"

# Records CSP violations before any page script runs (init scripts are not subject to the CSP).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""

POSITION_JS = """(id) => {
  const net = window.graphkit.network;
  const p = net.getPositions([id])[id];
  const d = net.canvasToDOM(p);
  const r = document.getElementById('gk-network').getBoundingClientRect();
  return {x: r.left + d.x, y: r.top + d.y, node: net.getNodeAt(d)};
}"""

EDGE_POINT_JS = """([id, t]) => {
  const g = window.graphkit, net = g.network;
  const e = g.edges.get(id);
  const pos = net.getPositions([e.from, e.to]);
  const a = pos[e.from], b = pos[e.to];
  const c = {x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t};
  const d = net.canvasToDOM(c);
  const r = document.getElementById('gk-network').getBoundingClientRect();
  return {x: r.left + d.x, y: r.top + d.y, edge: net.getEdgeAt(d), node: net.getNodeAt(d)};
}"""


def _missing(problems: list[str]) -> None:
    """Skip with the reason, or fail when CI=true (where the browser tests must run)."""
    if not problems:
        return
    reason = "browser tests cannot run: " + "; ".join(problems)
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (they must run when CI=true)", pytrace=False)
    pytest.skip(reason)


def _require_browser() -> None:
    problems = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("Playwright for Python is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} is missing (apt-get install chromium)")
    _missing(problems)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    page: Any
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def wait_until(self, expression: str, arg: Any = None, timeout: float = 10.0) -> Any:
        # page.wait_for_function evaluates a string, which the page's CSP forbids: poll instead.
        deadline = time.monotonic() + timeout
        while True:
            value = self.js(expression, arg)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            self.page.wait_for_timeout(50)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert [m for m in self.console if m[0] in ("error", "warning")] == []
        assert self.dialogs == []
        assert self.requests
        assert all(url.startswith("file://") for url in self.requests), self.requests
        assert self.js("window.__cspViolations") == []


def _open(browser: Any, path: Path) -> Iterator[Opened]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    opened = Opened(page)
    page.on("console", lambda m: opened.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # Belt and braces: anything that is not a local file is refused (and still recorded).
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort(),
    )
    page.add_init_script(WATCH_CSP)
    page.goto(path.as_uri())
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("viz")
    hostile = hostile_graph()
    return {
        "sample": build_page(sample_graph(), caption="All entities", fold=False).write(out / "sample.html"),
        "hostile": build_page(hostile, caption=HOSTILE_IMG, fold=False).write(out / "hostile.html"),
        "reduced": build_page(random_graph(120, seed=5), max_nodes=40).write(out / "reduced.html"),
    }


@pytest.fixture
def sample(browser: Any, pages: dict[str, Path]) -> Iterator[Opened]:
    yield from _open(browser, pages["sample"])


@pytest.fixture
def hostile(browser: Any, pages: dict[str, Path]) -> Iterator[Opened]:
    yield from _open(browser, pages["hostile"])


def _hover(opened: Opened, point: dict[str, float]) -> str:
    box = opened.page.locator("#gk-network").bounding_box()
    opened.page.mouse.move(box["x"] + 2, box["y"] + 2)
    opened.page.wait_for_selector("div.vis-tooltip", state="hidden", timeout=5_000)
    opened.page.mouse.move(point["x"], point["y"], steps=4)
    tip = opened.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    return tip.text_content()


def _edge_point(opened: Opened, edge_id: str) -> dict[str, Any]:
    for t in (0.5, 0.4, 0.6, 0.3, 0.7):
        point = opened.js(EDGE_POINT_JS, [edge_id, t])
        if point["edge"] == edge_id and point["node"] is None:
            return point
    raise AssertionError(f"no free point on edge {edge_id}")


# --------------------------------------------------------------------------- tests


def test_page_loads_offline_with_all_nodes_and_edges(sample: Opened):
    G = sample_graph()
    counts = sample.js(
        """() => {
        const g = window.graphkit;
        return {data: [g.data.nodes.length, g.data.edges.length],
                drawn: [g.nodes.length, g.edges.length,
                        Object.keys(g.network.getPositions()).length],
                shown: g.shown};
    }"""
    )
    n, m = G.number_of_nodes(), G.number_of_edges()
    assert counts["data"] == [n, m]
    assert counts["drawn"] == [n, m, n]
    assert counts["shown"] == {"nodes": n, "edges": m}
    assert sample.page.text_content("#gk-title") == "TIP Report Heroes"
    assert sample.page.text_content("#gk-caption") == (
        "All entities: 32 entities and 38 relations from 4 documents."
    )
    legend = sample.page.locator("#gk-families li").all_text_contents()
    assert len(legend) == len(sample.js("() => window.graphkit.data.families"))
    assert any("People" in t and "Person" in t for t in legend)
    # The legend fits without scrolling.
    assert sample.js(
        "() => { const l = document.getElementById('gk-legend');"
        " return l.scrollHeight <= l.clientHeight + 1; }"
    )
    sample.assert_clean()
    assert sample.requests == [sample.page.url]


def test_csp_blocks_scripts_the_page_did_not_ship(sample: Opened):
    blocked = sample.js(
        """() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true;';
        document.body.appendChild(s);
        return window.__injected === undefined;
    }"""
    )
    assert blocked
    violations = sample.wait_until("() => window.__cspViolations.length && window.__cspViolations")
    assert violations[0].startswith("script-src")


def test_search_focuses_the_node_and_shows_its_evidence(sample: Opened):
    page = sample.page
    # The exact name, as picked from the list: leaving the box must not search again.
    page.fill("#gk-search", "Sister Imelda Poole")
    page.press("#gk-search", "Enter")
    assert sample.js("() => window.graphkit.network.getSelectedNodes()") == [IMELDA]
    assert page.text_content("#gk-status") == "Found Sister Imelda Poole (Person)"
    page.wait_for_timeout(700)  # the focus animation
    point = sample.js(POSITION_JS, IMELDA)
    box = page.locator("#gk-network").bounding_box()
    # Clicking zooms to the entity and its neighbours: it is in view.
    assert box["x"] < point["x"] < box["x"] + box["width"]
    assert box["y"] < point["y"] < box["y"] + box["height"]
    details = page.text_content("#gk-details")
    assert "Sister Imelda Poole" in details
    assert "Albania" in details
    assert "award year2023" in details
    assert "2023 Trafficking in Persons Report: Heroes" in details
    assert "founder and president" in details
    # Her links can be followed from the details panel.
    page.get_by_role("button", name="Mary Ward Loreto Foundation").click()
    assert sample.js("() => window.graphkit.network.getSelectedNodes()") == [EX + "mary-ward-loreto"]
    assert page.text_content("#gk-status") == "Selected Mary Ward Loreto Foundation (NGO)"
    page.locator("#gk-details").get_by_role("button", name="founder and president").first.click()
    details = page.text_content("#gk-details")
    assert "Sister Imelda Poole founded the Mary Ward Loreto Foundation in Albania" in details
    sample.assert_clean()


def test_search_by_alias_and_no_match(sample: Opened):
    assert sample.js("(q) => window.graphkit.search(q)", "MWL") == EX + "mary-ward-loreto"
    # A word of the name finds the person before the award conferral named after her.
    assert sample.js("(q) => window.graphkit.search(q)", "imelda") == IMELDA
    assert sample.js("(q) => window.graphkit.search(q)", "  POOLE ") == IMELDA
    assert sample.js("(q) => window.graphkit.search(q)", "lucia") is None
    assert sample.js("(q) => window.graphkit.search(q)", "Lucía") == EX + "lucia-fernandez"
    assert sample.js("(q) => window.graphkit.search(q)", "Sr. Imelda Poole") == IMELDA
    assert sample.js("(q) => window.graphkit.search(q)", "nobody at all") is None
    assert sample.page.text_content("#gk-status") == "No entity matches “nobody at all”"


def test_hovering_a_node_shows_type_attributes_and_documents(sample: Opened):
    text = _hover(sample, sample.js(POSITION_JS, IMELDA))
    assert text.startswith("Sister Imelda PoolePerson")
    assert "countryAlbania" in text
    assert "award year2023" in text
    assert "Mentioned in 2 documents" in text
    assert "Press release: Secretary honours 2023 TIP Report Heroes" in text
    sample.assert_clean()


def test_hovering_an_edge_shows_the_quote_and_document(sample: Opened):
    edge_id = sample.js(
        """(iri) => window.graphkit.data.edges.find(
            e => e.from === iri && e.label === 'president').id""",
        IMELDA,
    )
    text = _hover(sample, _edge_point(sample, edge_id))
    assert text.startswith("president")
    assert "Sister Imelda Poole → RENATE" in text
    assert "“She is the president of RENATE, a Europe-wide network of religious.”" in text
    assert "2023 Trafficking in Persons Report: Heroes" in text
    sample.assert_clean()


def test_clicking_a_node_highlights_its_neighbourhood(sample: Opened):
    page = sample.page
    point = sample.js(POSITION_JS, IMELDA)
    page.mouse.click(point["x"], point["y"])
    state = sample.js(
        """(iri) => {
        const g = window.graphkit;
        const near = new Set(g.network.getConnectedNodes(iri).concat([iri]));
        const bright = g.nodes.get().filter(n => n.color.background !== '#e4e7eb').map(n => n.id);
        return {near: Array.from(near).sort(), bright: bright.sort(),
                selected: g.selected};
    }""",
        IMELDA,
    )
    assert state["selected"] == {"id": IMELDA, "kind": "node"}
    assert state["bright"] == state["near"]
    assert len(state["near"]) == 5  # herself, two NGOs, Albania, her award
    # Clicking the empty background restores every node.
    free = sample.js(
        """() => {
        const net = window.graphkit.network;
        const r = document.getElementById('gk-network').getBoundingClientRect();
        for (let y = 10; y < r.height; y += 23) for (let x = 10; x < r.width; x += 23) {
          const empty = net.getNodeAt({x, y}) === undefined && net.getEdgeAt({x, y}) === undefined;
          if (empty) return {x: r.left + x, y: r.top + y};
        }
        return null;
    }"""
    )
    page.mouse.click(free["x"], free["y"])
    assert sample.js("() => window.graphkit.nodes.get().every(n => n.color.background !== '#e4e7eb')")
    assert sample.js("() => window.graphkit.selected") is None
    sample.assert_clean()


def test_type_and_year_filters(sample: Opened):
    page = sample.page
    G = sample_graph()
    cities = {n for n in G if G.nodes[n]["type"] in ("City", "Country", "State", "Place")}
    page.locator("input.gk-family-filter[value='places']").uncheck()
    hidden = sample.js("() => window.graphkit.nodes.get().filter(n => n.hidden).map(n => n.id)")
    assert set(hidden) == cities
    assert sample.js("() => window.graphkit.shown.nodes") == len(G) - len(cities)
    page.locator("input.gk-family-filter[value='places']").check()

    page.select_option("#gk-year", "2021")
    visible = set(
        sample.js(
            """() => window.graphkit.nodes.get().filter(n => !n.hidden)
                 .map(n => window.graphkit.data.nodes.find(d => d.id === n.id).label)"""
        )
    )
    assert {"Amara Okafor", "Olena Kovalenko", "TIP Report 2021"} <= visible
    assert "Sister Imelda Poole" not in visible
    assert "Lucía Fernández" not in visible
    assert "(year 2021)" in page.text_content("#gk-status")
    # The view re-fits to what is left: the visible entities span most of the drawing.
    page.wait_for_timeout(600)
    spread = sample.js(
        """() => {
        const g = window.graphkit, net = g.network;
        const ids = g.nodes.get().filter(n => !n.hidden).map(n => n.id);
        const pts = Object.values(net.getPositions(ids)).map(p => net.canvasToDOM(p));
        const box = document.getElementById('gk-network').getBoundingClientRect();
        const w = Math.max(...pts.map(p => p.x)) - Math.min(...pts.map(p => p.x));
        const h = Math.max(...pts.map(p => p.y)) - Math.min(...pts.map(p => p.y));
        return Math.max(w / box.width, h / box.height);
    }"""
    )
    assert spread > 0.6
    # Searching for a hidden entity clears the filters so it can be shown.
    page.fill("#gk-search", "Imelda")
    page.press("#gk-search", "Enter")
    assert page.input_value("#gk-year") == ""
    assert sample.js("(iri) => !window.graphkit.nodes.get(iri).hidden", IMELDA)
    # A filter that hides the selection clears the stale details.
    assert sample.js("() => window.graphkit.selected.id") == IMELDA
    page.locator("input.gk-family-filter[value='people']").uncheck()
    assert sample.js("() => window.graphkit.selected") is None
    assert "Imelda" not in page.text_content("#gk-details")
    sample.assert_clean()


def test_layout_stabilizes_then_freezes_and_can_be_toggled(sample: Opened):
    page = sample.page
    physics = "() => window.graphkit.network.physics.options.enabled"
    assert sample.js("() => window.graphkit.frozen") is True
    assert sample.js(physics) is False
    assert page.get_attribute("#gk-freeze", "aria-pressed") == "true"
    page.click("#gk-freeze")
    assert sample.js(physics) is True
    assert page.text_content("#gk-freeze") == "Freeze layout"
    page.click("#gk-freeze")
    assert sample.js(physics) is False
    assert page.text_content("#gk-freeze") == "Unfreeze layout"
    sample.assert_clean()


def test_screenshot_is_not_blank(sample: Opened, tmp_path: Path):
    try:
        from PIL import Image
    except ImportError:
        _missing(["Pillow is not installed (pip install pillow)"])

    shot = tmp_path / "network.png"
    sample.page.locator("#gk-network").screenshot(path=str(shot))
    sample.page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    assert (tmp_path / "page.png").stat().st_size > 10_000
    with Image.open(shot) as img:
        rgb = img.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24)
        total = rgb.width * rgb.height
    assert colours is not None
    assert len(colours) > 50
    background = max(colours)[0]
    assert background / total < 0.98  # more than 2% of the drawing is not background


def test_hostile_labels_stay_text_and_never_run(hostile: Opened):
    page = hostile.page
    G = hostile_graph()
    assert page.text_content("#gk-title") == G.graph["title"]
    assert page.text_content("#gk-caption").startswith(HOSTILE_IMG + ": ")
    for label in (HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_HREF):
        node = hostile.js("(l) => window.graphkit.data.nodes.find(n => n.label === l).id", label)
        point = hostile.js(POSITION_JS, node)
        assert point["node"] == node
        text = _hover(hostile, point)
        assert text.startswith(label)
        assert HOSTILE_DOC in text
    for label in (HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_HREF):
        node = hostile.js("(l) => window.graphkit.data.nodes.find(n => n.label === l).id", label)
        assert hostile.js("(q) => window.graphkit.search(q)", label) == node
        assert label in page.text_content("#gk-details")
    edge = hostile.js(
        "(q) => window.graphkit.data.edges.find(e => e.quotes.some(x => x.text === q)).id",
        HOSTILE_QUOTE,
    )
    hostile.js("(id) => window.graphkit.select(id, 'edge')", edge)
    details = page.text_content("#gk-details")
    assert HOSTILE_QUOTE in details
    assert HOSTILE_SCRIPT in details
    options = hostile.js("() => Array.from(document.querySelectorAll('#gk-names option'), o => o.value)")
    assert {HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_HREF} <= set(options)
    # Nothing in the data became markup: no images, links, frames or extra scripts.
    assert hostile.js("() => document.querySelectorAll('img, svg, a, iframe, object, embed').length") == 0
    assert hostile.js("() => document.scripts.length") == 4
    page.wait_for_timeout(300)
    assert hostile.dialogs == []
    hostile.assert_clean()


def test_reduced_view_says_so(browser: Any, pages: dict[str, Path]):
    for opened in _open(browser, pages["reduced"]):
        note = opened.page.text_content("#gk-note")
        assert "120 entities" in note
        assert "40 most central" in note
        assert opened.js("() => window.graphkit.data.nodes.length") == 40
        assert opened.js("() => Object.keys(window.graphkit.network.getPositions()).length") == 40
        opened.assert_clean()


def test_demo_page_finds_sister_imelda_poole(browser: Any, dataset: Any, tmp_path: Path):
    """The issue's acceptance check, on the real curated graph."""
    from graphkit.network import project

    path = build_page(project(dataset), caption="The whole graph").write(tmp_path / "demo.html")
    for opened in _open(browser, path):
        page = opened.page
        page.fill("#gk-search", "Sister Imelda Poole")
        page.press("#gk-search", "Enter")
        assert page.text_content("#gk-status") == "Found Sister Imelda Poole (Person)"
        details = page.locator("#gk-details")
        rows = details.locator("dl.gk-rows").first.text_content()
        assert "countryAlbania" in rows
        assert "award year2021" in rows
        quotes = details.locator("blockquote.gk-quote").all_text_contents()
        assert any("Imelda Poole" in q and "Albania" in q for q in quotes)
        # Follow a link to her award conferral and back.
        details.get_by_role("button", name="received (2021) \u2192").click()
        assert opened.js("() => window.graphkit.selected.kind") == "edge"
        page.locator("#gk-details").get_by_role("button", name="Sister Imelda Poole").first.click()
        assert opened.js("() => window.graphkit.selected.id").endswith("/imelda-poole")
        opened.assert_clean()


def test_the_whole_graph_reads_well_at_1400x900(browser: Any, dataset: Any, tmp_path: Path):
    """Labels at the default zoom never overlap, keep a readable size, and the legend fits."""
    import importlib.util

    from graphkit.network import project

    spec = importlib.util.spec_from_file_location(
        "viz_readability", Path(__file__).resolve().parent.parent / "benchmarks" / "viz_readability.py"
    )
    readability = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(readability)
    path = build_page(project(dataset)).write(tmp_path / "whole.html")
    figures = readability.measure(path, browser)
    assert figures["overlaps"] == 0
    assert figures["node_labels"] >= 30  # the most central entities are named
    assert figures["px"] >= 12
    assert figures["legend_fits"] is True
    before = readability.measure(
        build_page(project(dataset), fold=False).write(tmp_path / "keep.html"), browser
    )
    assert before["overlaps"] == 0  # records drawn as nodes read as cleanly
