"""The page as bytes: self-contained, escaped, deterministic (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from viz_graphs import (
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

import graphkit.viz
from graphkit.errors import InputError
from graphkit.viz import DEFAULT_MAX_NODES, Page, build_page, render_page, write_page


class _Markup(HTMLParser):
    """Collect tags, attributes and the text of raw-text elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self._buf = []

    def handle_data(self, data):
        if self._open:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.raw.append((self._open[0], self._open[1], "".join(self._buf)))
            self._open = None


def _parse(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def _payload(html: str) -> dict:
    (text,) = [t for tag, attrs, t in _parse(html).raw if attrs.get("id") == "gk-data"]
    return json.loads(text)


@pytest.fixture(scope="module")
def sample_html() -> str:
    return render_page(sample_graph(), title="TIP Report Heroes", fold=False)


@pytest.fixture(scope="module")
def hostile_html() -> str:
    G = hostile_graph()
    return render_page(G, title=G.graph["title"], caption=HOSTILE_IMG)


def test_public_names_are_exported():
    assert set(graphkit.viz.page.__all__) <= set(graphkit.viz.__all__)
    for name in graphkit.viz.__all__:
        assert hasattr(graphkit.viz, name)


def test_page_is_self_contained(sample_html):
    markup = _parse(sample_html)
    assert sample_html.startswith("<!DOCTYPE html>")
    # No element loads anything: no src, no href, no <link>, no <iframe>, no <img>.
    for tag, attrs in markup.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed", "base"), tag
        assert "src" not in attrs, (tag, attrs)
        assert "href" not in attrs, (tag, attrs)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", sample_html, re.I)
    assert "@import" not in sample_html
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", sample_html, re.I)
    # vis-network is inlined, not fetched.
    scripts = [t for tag, attrs, t in markup.raw if tag == "script" and "type" not in attrs]
    assert len(scripts) == 3  # vis-network, the graph view, the page's boot
    assert "vis-network" in scripts[0]
    assert "GraphkitView" in scripts[1]
    assert "@version 9.1.2" in scripts[0]


def test_csp_allows_exactly_the_inline_scripts_and_styles(sample_html):
    markup = _parse(sample_html)
    metas = [a for t, a in markup.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1
    policy = dict((d.split()[0], d.split()[1:]) for d in (p.strip() for p in metas[0]["content"].split(";")))
    assert policy["default-src"] == ["'none'"]
    assert policy["connect-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]
    assert "'unsafe-inline'" not in metas[0]["content"]
    assert "'unsafe-eval'" not in metas[0]["content"]

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    scripts = [t for tag, a, t in markup.raw if tag == "script" and "type" not in a]
    styles = [t for tag, a, t in markup.raw if tag == "style"]
    assert sorted(policy["script-src"]) == sorted(map(digest, scripts))
    assert sorted(policy["style-src"]) == sorted(map(digest, styles))
    # The CSP must come before anything it governs.
    assert sample_html.index("Content-Security-Policy") < sample_html.index("<style")


def test_page_data_matches_graph(sample_html):
    G = sample_graph()
    data = _payload(sample_html)
    assert len(data["nodes"]) == G.number_of_nodes()
    assert len(data["edges"]) == G.number_of_edges()
    assert {n["id"] for n in data["nodes"]} == set(G.nodes)
    imelda = next(n for n in data["nodes"] if n["label"] == "Sister Imelda Poole")
    assert imelda["type"] == "Person"
    assert ["country", "Albania"] in imelda["attrs"]
    assert ["award year", "2023"] in imelda["attrs"]
    assert imelda["years"] == [2023]
    assert "Sr. Imelda Poole" in imelda["aliases"]
    founder = next(e for e in data["edges"] if e["label"] == "founder and president")
    assert founder["from"] == EX + "imelda-poole"
    assert founder["quotes"][0]["text"].startswith("Sister Imelda Poole founded")
    assert founder["quotes"][0]["document"] == "2023 Trafficking in Persons Report: Heroes"
    # Every family has one legend entry with its own colour and shape; types take their family's.
    styles = {(f["color"], f["shape"]) for f in data["families"]}
    assert len(styles) == len(data["families"])
    by_family = {f["key"]: (f["color"], f["shape"]) for f in data["families"]}
    assert all((t["color"], t["shape"]) == by_family[t["family"]] for t in data["types"])
    assert data["options"]["layout"]["randomSeed"] == 7


def test_family_styles_are_the_same_on_every_view():
    G = sample_graph()
    full = {f["key"]: f for f in _payload(render_page(G, title="All", fold=False))["families"]}
    ego = nx.ego_graph(G.to_undirected(as_view=True), EX + "imelda-poole", radius=1)
    part = {f["key"]: f for f in _payload(render_page(G.subgraph(ego), title="Ego", fold=False))["families"]}
    assert set(part) <= set(full)
    for key, style in part.items():
        assert (style["color"], style["shape"]) == (full[key]["color"], full[key]["shape"])
    assert (full["people"]["color"], full["people"]["shape"]) == ("#0072B2", "dot")
    # Types outside the ontology fall in the one "Other" family.
    H = nx.MultiDiGraph()
    for i in range(30):
        H.add_node(f"urn:ex:{i}", type=f"Kind {i % 15}")
    families = _payload(render_page(H, title="Kinds"))["families"]
    assert [(f["key"], f["count"], len(f["types"])) for f in families] == [("other", 30, 15)]


def test_records_fold_into_the_relations_they_describe():
    import graphkit as gk
    from graphkit.network import project

    G = project(gk.load())
    page = build_page(G)
    data = _payload(page.html)
    assert (page.nodes_total, page.nodes_shown) == (123, 87)
    kept = {n["type"] for n in data["nodes"]}
    assert not kept & {"Award conferral", "Role held", "Quotation"}
    gkd = "https://w3id.org/graphkit/id/"
    award = next(
        e for e in data["edges"] if e["from"] == gkd + "zaheer-ahmed" and e["label"] == "received (2023)"
    )
    assert award["to"] == gkd + "tip-report-heroes-award"
    assert award["record"] == gkd + "conferral-2023-zaheer-ahmed"
    assert award["years"] == [2023]
    assert any(q["text"].startswith("2023 TIP Report Hero Zaheer Ahmed") for q in award["quotes"])
    vandenberg = next(
        e
        for e in data["edges"]
        if e["from"] == gkd + "martina-vandenberg" and e["to"].endswith("legal-center")
    )
    assert vandenberg["label"] == "founder and president"
    # A quotation with only its speaker becomes a quote of the speaker.
    zaheer = next(n for n in data["nodes"] if n["id"] == gkd + "zaheer-ahmed")
    assert any("not a localized crime" in q["text"] for q in zaheer["quotes"])
    assert len(build_page(G, fold=False).html) != len(page.html)


def test_caption_states_counts_and_filters():
    page = build_page(sample_graph(), title="Heroes", caption="Ego graph of Sister Imelda Poole")
    assert page.caption == (
        "Ego graph of Sister Imelda Poole: 32 entities and 38 relations from 4 documents."
    )
    assert '<p id="gk-caption">Ego graph of Sister Imelda Poole: 32 entities' in page.html
    assert build_page(nx.MultiDiGraph(), title="Empty").caption == "0 entities and 0 relations."


def test_title_defaults_to_graph_title():
    assert build_page(sample_graph()).title == "TIP Report Heroes"
    assert build_page(nx.MultiDiGraph()).title == "Knowledge graph"


def test_hostile_text_is_escaped_in_markup(hostile_html):
    markup = _parse(hostile_html)
    assert "<title>Heroes &lt;script&gt;alert(1)&lt;/script&gt;</title>" in hostile_html
    assert '<p id="gk-caption">&lt;img src=x onerror=alert(1)&gt;: ' in hostile_html
    # Only the page's scripts exist (data, vis-network, the view, the boot), whatever the data says.
    assert [tag for tag, _ in markup.tags].count("script") == 4
    assert not any(tag in ("img", "svg", "a", "b") for tag, _ in markup.tags)
    assert "alert(1)</script>" not in hostile_html
    assert HOSTILE_IMG not in hostile_html


def test_json_payload_cannot_break_out_and_round_trips(hostile_html):
    (text,) = [t for tag, a, t in _parse(hostile_html).raw if a.get("id") == "gk-data"]
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    data = json.loads(text)
    labels = {n["label"] for n in data["nodes"]}
    assert {HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_HREF} <= labels
    quotes = [q for e in data["edges"] for q in e["quotes"]]
    assert {"text": HOSTILE_QUOTE, "document": HOSTILE_DOC} in quotes
    assert data["title"] == hostile_graph().graph["title"]


def test_output_is_deterministic():
    first = render_page(hostile_graph(), title="T")
    second = render_page(hostile_graph(), title="T")
    assert first == second
    # Insertion order of nodes and edges does not matter either.
    G = hostile_graph()
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert render_page(H, title="T") == first
    # Nothing random or time-dependent leaks in: a second process gives the same bytes.
    assert hashlib.sha256(first.encode()).hexdigest() == hashlib.sha256(second.encode()).hexdigest()


def test_output_is_identical_across_processes_and_hash_seeds():
    script = (
        "import hashlib, sys; sys.path[:0] = sys.argv[1:];"
        "from viz_graphs import hostile_graph; from graphkit.viz import render_page;"
        "html = render_page(hostile_graph(), title='T', size_by='betweenness');"
        "print(hashlib.sha256(html.encode()).hexdigest())"
    )
    paths = [str(Path(__file__).parent), str(Path(graphkit.viz.__file__).parents[2])]
    digests = {
        subprocess.run(
            [sys.executable, "-c", script, *paths],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_seed_changes_only_the_layout_seed():
    a = _payload(render_page(sample_graph(), title="T", seed=1))
    b = _payload(render_page(sample_graph(), title="T", seed=2))
    assert a["options"]["layout"]["randomSeed"] == 1
    assert b["options"]["layout"]["randomSeed"] == 2
    a["options"]["layout"], b["options"]["layout"] = {}, {}
    assert a == b


@pytest.mark.parametrize("size_by", ["degree", "betweenness", "documents"])
def test_size_measures(size_by):
    data = _payload(render_page(sample_graph(), title="T", size_by=size_by))
    values = {n["label"]: n["value"] for n in data["nodes"]}
    assert data["size_by"] == size_by
    assert len(set(values.values())) > 1
    if size_by != "documents":
        assert max(values, key=values.get) in ("TIP Report Hero Award", "Sister Imelda Poole")


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="size_by"):
        build_page(sample_graph(), size_by="pagerank")
    with pytest.raises(ValueError, match="max_nodes"):
        build_page(sample_graph(), max_nodes=0)


def test_large_graph_is_reduced_and_says_so():
    G = random_graph(120, seed=3)
    page = build_page(G, title="Big", max_nodes=40)
    assert page.reduced
    assert (page.nodes_total, page.nodes_shown) == (120, 40)
    assert page.edges_total == G.number_of_edges()
    data = _payload(page.html)
    kept = {n["id"] for n in data["nodes"]}
    assert len(kept) == 40
    assert page.edges_shown == len(data["edges"]) == G.subgraph(kept).number_of_edges()
    # The most connected entities are the ones kept.
    degree = dict(nx.Graph(G).degree())
    assert min(degree[n] for n in kept) >= max(degree[n] for n in set(G) - kept)
    assert page.note
    assert "120 entities" in page.note
    assert "40 most central" in page.note
    assert f'<p id="gk-note" class="gk-note" role="status">{page.note}</p>' in page.html
    assert data["note"] == page.note

    small = build_page(G, title="Big")
    assert not small.reduced
    assert small.note is None
    assert 'id="gk-note"' not in small.html
    assert DEFAULT_MAX_NODES >= 120


def test_write_page_is_utf8_and_atomic(tmp_path):
    G = sample_graph()
    G.add_node(EX + "cafe", label="Café Zürich \u2013 “quoted” ✓", type="City")
    out = write_page(G, tmp_path / "page.html", title="Ünïcode")
    assert out == tmp_path / "page.html"
    assert out.read_bytes() == render_page(G, title="Ünïcode").encode("utf-8")
    assert "Café Zürich \u2013 “quoted” ✓" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    assert out.stat().st_mode & 0o777 == 0o644


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    page = build_page(sample_graph(), title="T")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match=r"page\.html: cannot write here: disk full"):
        page.write(target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_years_come_from_year_and_date_attributes():
    G = nx.MultiDiGraph()
    G.add_node("urn:a", award_year=[2021, "2023"], edition_year="n/a")
    G.add_node("urn:b", date="2019-06-24", start_date="2020", note_year=True)
    G.add_node("urn:c", year=12345, date="June 2019")
    G.add_edge("urn:a", "urn:b", year=2022)
    data = _payload(render_page(G, title="Years"))
    assert [n["years"] for n in data["nodes"]] == [[2021, 2023], [2019, 2020], []]
    assert data["edges"][0]["years"] == [2022]


def test_page_object_and_missing_attributes():
    G = nx.MultiDiGraph()
    G.add_node("https://example.org/id/bare")
    G.add_edge("https://example.org/id/bare", "https://example.org/id/other#x")
    page = build_page(G, title="Bare")
    assert isinstance(page, Page)
    data = _payload(page.html)
    assert [n["label"] for n in data["nodes"]] == ["bare", "x"]
    assert [n["type"] for n in data["nodes"]] == ["Entity", "Entity"]
    assert data["edges"][0]["label"] == "related to"
    assert data["edges"][0]["quotes"] == []
    assert Path(graphkit.viz.page.__file__).parent.joinpath("assets", "page.js").is_file()
