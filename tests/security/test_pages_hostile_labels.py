"""Hostile text in the curated facts stays text in the page, opened in a real browser.

The labels, aliases and description of real entities are replaced by markup
and script in the entity file of a copy of the checkout; the page is built by
``graphkit build`` and ``graphkit viz`` in bounded children, then opened in
headless Chromium (the launch of ``tests/test_viz_browser.py``): no dialog
opens, no script error, no request leaves file://, no element is injected,
and each hostile string can still be searched for and is shown as written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bounded import ROOT, run_cli
from test_viz_browser import _open, browser  # noqa: F401  (the module-scoped Chromium fixture)

HOSTILE = {
    "nate-king": ("</script><script>alert('label')</script>", "description"),
    "peter-williams": ('"><img src=x onerror=alert(1)>', "alias"),
    "olivia-estes": ("<a href=\"javascript:alert('href')\">see href</a>", "description"),
    "james-foster": ("<!-- \u2028 --><svg onload=alert(3)>${alert(4)}{{7*7}}", "alias"),
}
DESCRIPTION = "<iframe src=\"javascript:alert('iframe')\"></iframe></script>"
ALIAS = "javascript:alert('alias')"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    checkout = tmp_path_factory.mktemp("hostile-checkout")
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, checkout / folder)
    entities = checkout / "data" / "facts" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    for entity, (label, extra) in HOSTILE.items():
        old = text[text.index(f"- id: {entity}\n") :].split("\n- id:", 1)[0]
        kept = [line for line in old.split("\n") if line.startswith(("- id:", "  type:"))]
        kept.append(f"  label: {json.dumps(label)}")
        if extra == "description":
            kept.append(f"  description: {json.dumps(DESCRIPTION)}")
        else:
            kept.append(f"  aliases: [{json.dumps(ALIAS)}]")
        text = text.replace(old, "\n".join(kept))
    entities.write_text(text, encoding="utf-8")
    env = {"GRAPHKIT_HOME": str(checkout)}
    built = run_cli("build", cwd=checkout, env=env, memory=1024**3, seconds=180)
    assert built.returncode == 0, built.stderr
    drawn = run_cli("viz", "--output", "hostile.html", cwd=checkout, env=env, memory=1024**3, seconds=180)
    assert drawn.returncode == 0, drawn.stderr
    return checkout / "hostile.html"


def test_hostile_entity_text_never_runs_and_stays_text(browser: Any, page: Path):  # noqa: F811
    for opened in _open(browser, page):
        labels = opened.js("() => window.graphkit.data.nodes.map(n => n.label)")
        for label, _ in HOSTILE.values():
            assert label in labels
            node = opened.js("(l) => window.graphkit.data.nodes.find(n => n.label === l).id", label)
            assert opened.js("(q) => window.graphkit.search(q)", label) == node
            opened.js("(id) => window.graphkit.select(id, 'node')", node)
            details = opened.page.text_content("#gk-details")
            assert label in details
        options = opened.js("() => Array.from(document.querySelectorAll('#gk-names option'), o => o.value)")
        assert {label for label, _ in HOSTILE.values()} | {ALIAS} <= set(options)
        injected = "img, svg, a[href^='javascript'], iframe, object, embed"
        assert opened.js(f"() => document.querySelectorAll({json.dumps(injected)}).length") == 0
        assert opened.dialogs == []
        opened.assert_clean()
