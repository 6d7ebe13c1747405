"""graphkit.viz.to_pyvis: a pyvis Network with our styling, rendered with our safe template."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from pyvis.network import Network

import graphkit as gk
from graphkit.network import project
from graphkit.viz import FAMILIES, to_pyvis

GKD = "https://w3id.org/graphkit/id/"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def graph():
    G = project(gk.load())
    G.nodes[GKD + "zaheer-ahmed"]["label"] = HOSTILE
    return G


def _payload(page: str) -> dict:
    (text,) = re.findall(r'<script id="gk-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(text)


def test_a_pyvis_network_with_families_and_escaped_titles(graph):
    net = to_pyvis(graph)
    assert isinstance(net, Network)
    assert len(net.nodes) == 87  # records folded into relations, as on pages
    styles = {f.key: (f.color, f.shape) for f in FAMILIES}
    for node in net.nodes:
        assert (node["color"], node["shape"]) == styles[node["family"]]
        assert "<" not in node["title"]
    zaheer = net.get_node(GKD + "zaheer-ahmed")
    assert zaheer["title"].startswith("&lt;img src=x onerror=alert(1)&gt; (Person)")
    assert all("<" not in e["title"] for e in net.edges)


def test_it_renders_with_our_template_and_keeps_pyvis_tweaks(graph, tmp_path, monkeypatch):
    net = to_pyvis(graph, title="Heroes <b>")
    net.toggle_physics(False)
    net.add_node("urn:ex:new", label="Added by hand")
    page = net.generate_html()
    assert "Content-Security-Policy" in page
    assert "bootstrap" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert HOSTILE not in page
    assert "<title>Heroes &lt;b&gt;</title>" in page
    data = _payload(page)
    assert data["options"]["physics"]["enabled"] is False
    assert any(n["id"] == "urn:ex:new" and n["family"] == "other" for n in data["nodes"])
    monkeypatch.chdir(tmp_path)
    out = net.write_html("graph.html")
    assert out.read_text(encoding="utf-8") == page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]  # no lib/ folder beside it


def test_notebook_iframe_draws_offline_in_chromium(graph, tmp_path):
    pytest.importorskip("playwright.sync_api")
    from viz_graphs import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    net = to_pyvis(graph)
    frame_html = net._repr_html_()
    assert frame_html.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts"' in frame_html
    host = tmp_path / "notebook.html"
    host.write_text(f"<!doctype html><html><body>{frame_html}</body></html>", encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors, requests, dialogs = [], [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(host.as_uri())
        frame = page.frames[-1]
        deadline = time.monotonic() + 60
        while frame.evaluate("() => document.documentElement.getAttribute('data-gk-ready')") != "true":
            assert time.monotonic() < deadline, "the notebook frame never got ready"
            page.wait_for_timeout(100)
        assert frame.evaluate("() => window.graphkit.data.nodes.length") == 87
        assert frame.evaluate("() => document.querySelectorAll('img').length") == 0
        browser.close()
    assert errors == []
    assert dialogs == []
    assert all(u.startswith(("file://", "about:")) for u in requests), requests
