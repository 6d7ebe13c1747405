"""The committed notebooks match their sources, ran cleanly, and read well on the web.

nbmake executes every notebook in the suite (a failing cell fails ``make test``);
``make notebooks`` re-runs them and saves the outputs committed here.
"""

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("0*.ipynb"))


def test_the_three_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == [
        "01-explore.ipynb",
        "02-network-analysis.ipynb",
        "03-sparql-cookbook.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_matches_its_paired_source(path):
    import jupytext

    source = jupytext.read(path.with_suffix(".py"))
    committed = nbformat.read(path, as_version=4)
    code = [c.source for c in source.cells if c.cell_type == "code"]
    assert code == [c.source for c in committed.cells if c.cell_type == "code"], "run `make notebooks`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_was_run_with_outputs_and_no_errors(path, root):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), "run `make notebooks`"
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert str(root.parent) not in nbformat.writes(nb), "a machine path leaked into the outputs"


def test_network_notebook_embeds_the_offline_page():
    nb = nbformat.read(NOTEBOOKS[1], as_version=4)
    html = [
        o.data["text/html"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "text/html" in o.get("data", {}) and "srcdoc" in o.data["text/html"]
    ]
    assert len(html) == 1
    assert "vis-network" in html[0] or "vis.Network" in html[0]
    assert "https://cdn" not in html[0]
    assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
