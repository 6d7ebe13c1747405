"""The explorer in headless Chromium against a real ``graphkit serve`` on 127.0.0.1.

Skips with a reason when Playwright or /usr/bin/chromium is missing, except
when ``CI=true`` (as tests/test_viz_browser.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat
from sparql_fixtures import start_endpoint, stop_endpoint
from test_viz_browser import browser  # noqa: F401  (the module-scoped Chromium fixture)

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "data" / "build" / "graphkit.nq"
GKD = "https://w3id.org/graphkit/id/"
HOSTILE = "<img src=x onerror=window.__pwned=1>"


def _serve(path: Path) -> Iterator[str]:
    srv = start_endpoint(path)
    try:
        yield srv.url.removesuffix("/sparql")
    finally:
        stop_endpoint(srv)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    yield from _serve(DATASET)


class Tab:
    """A page with everything it logged and requested recorded."""

    def __init__(self, browser: Any, base: str) -> None:  # noqa: F811
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        # Anything off the loopback server is refused (and still recorded).
        self.context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())

    def open(self, fragment: str) -> None:
        self.page.goto(self.base + "/" + fragment)
        self.wait("() => document.documentElement.getAttribute('data-ex-ready') === 'true'")

    def wait(self, expression: str, timeout: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.page.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            self.page.wait_for_timeout(50)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests
        assert all(u.startswith(self.base + "/") for u in self.requests), self.requests

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any, base: str) -> Iterator[Tab]:  # noqa: F811
    t = Tab(browser, base)
    yield t
    t.close()


def _not_blank(path: Path) -> None:
    image = Image.open(path).convert("L")
    assert ImageStat.Stat(image).stddev[0] > 20  # more than a flat colour
    assert len(image.getcolors(maxcolors=1 << 16) or []) > 50


def test_walkthrough_heroes_zaheer_graph_map_award_evidence_and_link(tab: Tab, tmp_path: Path):
    page = tab.page
    tab.open("")
    page.click("#ex-questions a[data-name='heroes']")
    tab.wait("() => document.documentElement.getAttribute('data-ex-view') === 'table'")
    names = page.locator(".ex-table tbody tr td:first-child").all_text_contents()
    assert names[0] == "Sister Imelda Poole"
    assert "Zaheer Ahmed" in names
    assert len(names) == 7
    # Open Zaheer Ahmed from the result: his evidence appears.
    page.click(".ex-table button:text-is('Zaheer Ahmed')")
    tab.wait("() => document.querySelector('#ex-evidence-body h3')?.textContent === 'Zaheer Ahmed'")
    # The graph: his award is an edge; clicking it shows the sentence, highlighted.
    page.click("button.ex-tab[data-view='graph']")
    tab.wait("() => document.documentElement.getAttribute('data-ex-graph') === 'ready'")
    point = page.evaluate(
        """() => {
        const g = window.explorer.graph, net = g.network;
        const e = g.data.edges.find(x => x.from.endsWith('/zaheer-ahmed') && x.label === 'received (2023)');
        const pos = net.getPositions([e.from, e.to]);
        const r = document.getElementById('gk-network').getBoundingClientRect();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
          const c = {x: pos[e.from].x + (pos[e.to].x - pos[e.from].x) * t,
                     y: pos[e.from].y + (pos[e.to].y - pos[e.from].y) * t};
          const d = net.canvasToDOM(c);
          const free = net.getEdgeAt(d) === e.id && net.getNodeAt(d) === undefined;
          if (free) return {x: r.left + d.x, y: r.top + d.y};
        }
        return null;
    }"""
    )
    assert point is not None
    page.mouse.click(point["x"], point["y"])
    heading = "Zaheer Ahmed \u2014 received (2023) \u2192 TIP Report Heroes Award"
    tab.wait(f"() => document.querySelector('#ex-evidence-body h3')?.textContent === {heading!r}")
    tab.wait("() => document.querySelector('#ex-evidence-body mark') !== null")
    marks = page.locator("#ex-evidence-body mark").all_text_contents()
    assert any(m.startswith("2023 TIP Report Hero Zaheer Ahmed from Pakistan highlighted") for m in marks)
    cites = page.locator("#ex-evidence-body cite").all_text_contents()
    assert any(c.startswith("From Pakistan to Peru") for c in cites)
    page.screenshot(path=tmp_path / "graph.png")
    _not_blank(tmp_path / "graph.png")
    # The link reopens the same view in a fresh tab.
    page.click("#ex-copy-link")
    link = tab.wait("() => window.explorer.copied")
    assert "view=graph" in link
    assert "focus=" in link
    assert "sel=edge" in link
    # The map: Pakistan is drawn, and marked as his.
    page.click("button.ex-tab[data-view='map']")
    tab.wait("() => document.documentElement.getAttribute('data-ex-view') === 'map'")
    assert page.locator(f"path.ex-hit[data-iri='{GKD}pakistan']").count() == 1
    assert page.locator(f"path.ex-focus[data-iri='{GKD}pakistan']").count() == 1
    assert page.locator("path.ex-hit").count() == 6  # Albania, Iraq, Cambodia, Venezuela, Peru, Pakistan
    page.screenshot(path=tmp_path / "map.png")
    _not_blank(tmp_path / "map.png")
    tab.assert_clean()

    again = Tab(page.context.browser, tab.base)
    try:
        again.page.goto(link)
        again.wait("() => document.documentElement.getAttribute('data-ex-graph') === 'ready'")
        again.wait("() => document.querySelector('#ex-evidence-body mark') !== null")
        state = again.page.evaluate("() => window.explorer.graph.selected")
        edge = again.page.evaluate(
            f"() => window.explorer.graph.data.edges.find(e => e.id === '{state['id']}')"
        )
        assert (edge["from"], edge["label"]) == (GKD + "zaheer-ahmed", "received (2023)")
        assert again.page.text_content("#ex-evidence-body h3") == heading
        again.assert_clean()
    finally:
        again.close()


@pytest.mark.parametrize(
    ("question", "view", "selector"),
    [
        ("heroes", "table", ".ex-table tbody tr"),
        ("who-met", "graph", "#gk-families li"),
        ("timeline", "timeline", "svg.ex-timeline g.ex-event"),
        ("documents", "bar", ".ex-bar-row"),
        ("country-heroes", "map", "svg.ex-map path.ex-hit"),
    ],
)
def test_each_view_renders_for_its_question(
    tab: Tab, tmp_path: Path, question: str, view: str, selector: str
):
    tab.open(f"#q={question}")
    tab.wait(f"() => document.documentElement.getAttribute('data-ex-view') === '{view}'")
    if view == "graph":
        tab.wait("() => document.documentElement.getAttribute('data-ex-graph') === 'ready'")
    assert tab.page.locator(selector).count() >= 2
    shot = tmp_path / f"{view}.png"
    tab.page.screenshot(path=shot)
    _not_blank(shot)
    tab.assert_clean()


def test_parameter_field_suggests_entities_and_runs(tab: Tab):
    tab.open("#q=evidence")
    assert "Fill in label" in tab.page.text_content("#ex-result")
    assert "mode=query" in tab.page.get_attribute("#ex-edit", "href")
    tab.page.fill("#ex-p-label", "zahe")
    tab.wait("() => document.querySelectorAll('#ex-p-label-list option').length > 0")
    assert tab.page.locator("#ex-p-label-list option").first.get_attribute("value") == "Zaheer Ahmed"
    tab.page.fill("#ex-p-label", "Zaheer Ahmed")
    tab.page.click("#ex-run")
    tab.wait("() => document.querySelectorAll('.ex-table tbody tr').length > 3")
    assert "p.label=Zaheer+Ahmed" in tab.page.url
    tab.assert_clean()


def test_free_query_shows_errors_inline_with_line_and_column(tab: Tab):
    tab.open("#mode=query")
    assert tab.page.locator("#ex-highlight .tk-keyword").count() > 3  # the prefilled query is highlighted
    tab.page.fill("#ex-query", "SELECT ?x WHERE {\n  ?x ?y\n}")
    tab.page.click("#ex-run-query")
    tab.wait("() => !document.getElementById('ex-query-error').hidden")
    assert "(line 2, column 3)" in tab.page.text_content("#ex-query-error")
    assert tab.page.locator("#ex-highlight .ex-line-error").count() == 1
    tab.page.fill("#ex-query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    tab.page.click("#ex-run-query")
    tab.wait("() => document.getElementById('ex-query-error').textContent.startsWith('Refused')")
    # A valid query shows labels, and its entities can be drawn as a graph too.
    tab.page.fill(
        "#ex-query", "SELECT ?hero ?country WHERE { ?c gk:recipient ?hero . ?hero gk:country ?country }"
    )
    tab.page.click("#ex-run-query")
    tab.wait("() => document.querySelectorAll('.ex-table tbody tr').length === 7")
    assert "Zaheer Ahmed" in tab.page.locator(".ex-table tbody td").all_text_contents()
    tab.page.click("button.ex-tab[data-view='graph']")
    tab.wait("() => document.documentElement.getAttribute('data-ex-graph') === 'ready'")
    assert tab.page.evaluate("() => window.explorer.graph.data.nodes.length") >= 8
    tab.assert_clean()


def test_hostile_text_in_data_is_shown_as_text(browser: Any, tmp_path: Path):  # noqa: F811
    hostile = tmp_path / "hostile.nq"
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    line = f'<{GKD}zaheer-ahmed> {label} "{HOSTILE}" <{GKD}graph/entities> .\n'
    hostile.write_text(DATASET.read_text(encoding="utf-8") + line, encoding="utf-8")
    for base in _serve(hostile):
        t = Tab(browser, base)
        try:
            t.open("#q=heroes")
            cells = t.page.locator(".ex-table tbody td:first-child").all_text_contents()
            assert HOSTILE in cells
            assert t.page.locator("#ex-result img").count() == 0
            t.page.click(f".ex-table button[title='{GKD}zaheer-ahmed']")
            t.wait("() => document.querySelector('#ex-evidence-body mark') !== null")
            t.page.click("button.ex-tab[data-view='graph']")
            t.wait("() => document.documentElement.getAttribute('data-ex-graph') === 'ready'")
            assert t.page.evaluate("() => window.__pwned") is None
            assert t.page.locator("img").count() == 0
            t.assert_clean()
        finally:
            t.close()


def test_sorting_and_clicking_a_value_cell(tab: Tab):
    tab.open("#q=heroes")
    tab.page.click(".ex-table th button:text-is('hero')")
    tab.page.click(".ex-table th button:has-text('hero')")  # twice: descending
    names = tab.page.locator(".ex-table tbody tr td:first-child").all_text_contents()
    assert names == sorted(names, reverse=True)
    assert names[0] == "Zaheer Ahmed"
    tab.page.locator(".ex-table tbody tr").first.locator("button.ex-value").first.click()
    heading = "Zaheer Ahmed \u2014 award_year: 2023"
    tab.wait(f"() => document.querySelector('#ex-evidence-body h3')?.textContent === {heading!r}")
    tab.wait("() => document.querySelectorAll('#ex-evidence-body mark').length > 0")
    tab.assert_clean()
