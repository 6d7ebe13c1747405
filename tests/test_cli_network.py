"""`graphkit analyze`, `path` and `viz` on the seed graph."""

import os
import subprocess
import sys


def graphkit(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "graphkit", *args], capture_output=True, text=True, env=env)


def test_analyze_prints_every_report():
    result = graphkit("analyze", "--top", "3")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "entities            123" in out
    assert "1. 23 entities, hub IVLP 2023 for the TIP Report Heroes (Meridian)" in out
    assert "IVLP 2023 for the TIP Report Heroes (Meridian)" in out.split("centrality")[1]
    continuity = out.split("continuity:")[1]
    assert "Human Trafficking Legal Center" in continuity
    assert "Polaris Project" in continuity


def test_analyze_a_view_and_export(tmp_path):
    target = tmp_path / "poole.graphml"
    result = graphkit(
        "analyze", "-r", "summary", "--focus", "sister poole", "--radius", "1", "--export", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert "around Sister Imelda Poole (radius 1)" in result.stdout
    import networkx as nx

    assert "Sister Imelda Poole" in {d["label"] for _, d in nx.read_graphml(target).nodes(data=True)}


def test_path_prints_a_quote_for_each_hop():
    result = graphkit("path", "Zaheer Ahmed", "Freedom Network USA")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Zaheer Ahmed -> Freedom Network USA: 4 hop(s)"
    hops = [line for line in lines if line[:2] in ("1.", "2.", "3.", "4.")]
    quotes = [line for line in lines if line.startswith('    "')]
    assert len(hops) == len(quotes) == 4
    assert "met with" in hops[-1]


def test_unknown_and_ambiguous_labels_list_candidates():
    unknown = graphkit("path", "Zaid Ahmose", "Polaris")
    assert unknown.returncode == 2
    assert "did you mean:\n  Zaheer Ahmed (Person, zaheer-ahmed)" in unknown.stderr
    ambiguous = graphkit("path", "Department", "Polaris")
    assert ambiguous.returncode == 2
    assert "say which" in ambiguous.stderr
    assert "U.S. Department of State (Government body, us-department-of-state)" in ambiguous.stderr
    assert "Traceback" not in unknown.stderr + ambiguous.stderr
    # records (her award conferral, the roles he holds) do not compete with the person
    loose = graphkit("path", "Zaheer", "Polaris")
    assert loose.returncode == 0, loose.stderr
    assert loose.stdout.startswith("Zaheer Ahmed -> Polaris Project")
    assert "note: 'Zaheer' read as Zaheer Ahmed (Person, zaheer-ahmed) (words match)" in loose.stderr


def test_viz_writes_the_whole_graph_and_views(tmp_path):
    page = tmp_path / "graph.html"
    result = graphkit("viz", "--output", str(page))
    assert result.returncode == 0, result.stderr
    # Records (conferrals, roles held, quotations) are folded into relations: 123 entities draw as 87.
    assert f"wrote {page} (87 entities, 124 relations)" in result.stdout
    first = page.read_bytes()
    assert graphkit("viz", "--output", str(page)).returncode == 0
    assert page.read_bytes() == first
    view = tmp_path / "view.html"
    result = graphkit("viz", "--output", str(view), "--year", "2023", "--type", "Person", "--type", "NGO")
    assert result.returncode == 0, result.stderr
    assert "Year 2023; types NGO, Person: " in view.read_text(encoding="utf-8")


def test_viz_bad_option_is_a_clear_error(tmp_path):
    result = graphkit("viz", "--output", str(tmp_path / "x.html"), "--type", "Spaceship")
    assert result.returncode == 2
    assert "unknown type(s) 'Spaceship'" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_unwritable_output_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    for args in (
        ("viz", "--output", str(blocker / "x.html")),
        ("analyze", "-r", "summary", "--export", str(blocker / "g.gexf")),
    ):
        result = graphkit(*args)
        assert result.returncode == 2
        assert "cannot write here" in result.stderr
        assert "Traceback" not in result.stderr


def test_analyze_says_when_betweenness_is_an_estimate():
    exact = graphkit("analyze", "-r", "centrality", "--top", "3")
    assert exact.returncode == 0, exact.stderr
    assert "estimate" not in exact.stdout
    # the seed graph (123 entities) stands in for a large one: the limit is lowered to 100
    code = (
        "import sys; import graphkit.network.analysis as a; a.EXACT_BETWEENNESS_MAX = 100; "
        "from graphkit.cli import app; "
        "sys.argv = ['graphkit', 'analyze', '-r', 'centrality', '--top', '3']; app()"
    )
    env = {**os.environ, "COLUMNS": "200"}
    estimated = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert estimated.returncode == 0, estimated.stderr
    assert (
        "Note: betweenness is an estimate: shortest paths from 50 of 123 entities drawn with seed 42 "
        "(exact up to 100 entities)." in estimated.stdout
    )
