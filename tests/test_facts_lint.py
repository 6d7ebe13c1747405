"""`graphkit lint`: the facts a person should check, on the real facts and on a broken copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from graphkit.corpus import load_corpus
from graphkit.errors import InputError
from graphkit.facts import load_facts
from graphkit.facts.lint import LintFinding, lint_facts, sentence_span
from graphkit.paths import project_paths
from graphkit.vocab.ontology import load_vocabulary

MERIDIAN = "data/facts/statements/meridian-2023-ivlp-tip-heroes.yaml"


def lint(root: Path) -> list[LintFinding]:
    paths = project_paths(root)
    vocab = load_vocabulary(paths.ontology)
    corpus = load_corpus(paths)
    return lint_facts(load_facts(corpus, vocab, paths), corpus, vocab)


def run(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GRAPHKIT_HOME": str(checkout), "COLUMNS": "250"}
    env.pop("GRAPHKIT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "graphkit", "lint", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def edit(path: Path, old: str, new: str) -> int:
    """Replace *old* by *new* in *path* once; return the 1-based line where *new* starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_every_finding_on_the_real_facts_is_reviewed(root: Path) -> None:
    findings = lint(root)
    assert [f for f in findings if f.is_open] == []
    assert len(findings) == 39
    assert {f.kind for f in findings} == {"unnamed"}
    by_file = Counter(f.source.split("/")[-1].split(":")[0] for f in findings)
    assert by_file == {
        "eca-2021-honoring-tip-heroes.yaml": 8,
        "eca-2021-virtual-ivlp-blog.yaml": 9,
        "ijm-2021-tip-report-release.yaml": 2,
        "meridian-2023-ivlp-tip-heroes.yaml": 17,
        "state-2021-tip-report.yaml": 3,
    }
    # each reviewed finding points at the line of its fact and says why it stands
    facts = {f.fact: f for f in findings}
    paola = facts[("ivlp-2023-tip-heroes", "gk:participant", "paola-hittscher")]
    assert (
        paola.reason
        == "the subject 'IVLP 2023 for the TIP Report Heroes (Meridian)' is not named in the quote's sentence"
    )
    assert "Boston and Miami" in paola.reviewed
    line = int(paola.source.rsplit(":", 1)[1])
    assert (
        "[ivlp-2023-tip-heroes, gk:participant, paola-hittscher]"
        in (root / MERIDIAN).read_text().splitlines()[line - 1]
    )
    # the facts the audit found wrong are gone, so nothing flags them
    assert ("ivlp-2023-tip-heroes", "gk:participant", "tip-heroes-2023") not in facts
    assert ("ivlp-2023-tip-heroes", "gk:counterpart", "coalition-of-immokalee-workers") not in facts
    assert ("roundtable-2021-ngo", "schema:superEvent", "ivlp-2021-tip-heroes") not in facts


def test_a_broken_copy_shows_the_planted_problems(checkout: Path) -> None:
    statements = checkout / MERIDIAN
    # a group fact copied to a member: "Blinken presented eight ... activists" says nothing of Basim
    blinken = "      - [membership-blinken-secretary-of-state, org:role, role-secretary-of-state]\n"
    group_line = edit(
        statements,
        blinken + "      # The sentence",
        blinken + '      - [conferral-2023-basim-abdul-razzak, dcterms:date, "2023-06-15"]\n'
        "      # The sentence",
    )
    # her visit made the counterpart of the whole edition
    visit_line = edit(
        statements,
        "      - [site-visit-2023-immokalee, schema:location, miami]\n",
        "      - [site-visit-2023-immokalee, schema:location, miami]\n"
        "      - [ivlp-2023-tip-heroes, gk:counterpart, coalition-of-immokalee-workers]\n",
    )
    # a note left on a fact nothing flags
    stale_line = edit(
        statements,
        "      - [dara-mech, gk:country, cambodia]\n",
        "      - fact: [dara-mech, gk:country, cambodia]\n        reviewed: no longer needed\n",
    )
    found = [f for f in lint(checkout) if f.is_open]
    assert [(f.source, f.fact, f.kind) for f in found] == [
        (
            f"{MERIDIAN}:{group_line + 1}",
            ("conferral-2023-basim-abdul-razzak", "dcterms:date", "2023-06-15"),
            "group-to-member",
        ),
        (f"{MERIDIAN}:{stale_line}", ("dara-mech", "gk:country", "cambodia"), "stale-review"),
        (
            f"{MERIDIAN}:{visit_line + 2}",
            ("ivlp-2023-tip-heroes", "gk:counterpart", "coalition-of-immokalee-workers"),
            "unnamed",
        ),
    ]
    assert found[0].reason == (
        "the sentence speaks of the group '2023 TIP Report Heroes', not of its member 'Basim Abdul-Razzak'"
    )

    table = run(checkout)
    assert table.returncode == 1
    assert f"meridian-2023-ivlp-tip-heroes.yaml:{group_line + 1}" in table.stdout
    assert "group-to-member" in table.stdout
    assert (
        table.stderr.strip()
        == "3 fact(s) to check; 39 reviewed (accepted with a 'reviewed:' note; --all lists them)"
    )
    answer = run(checkout, "--format", "json")
    assert answer.returncode == 1
    assert [row["kind"] for row in json.loads(answer.stdout)] == [
        "group-to-member",
        "stale-review",
        "unnamed",
    ]


def test_the_command_passes_on_the_real_facts(root: Path) -> None:
    clean = run(root)
    assert clean.returncode == 0, clean.stdout
    assert clean.stdout == ""
    assert (
        clean.stderr.strip()
        == "0 fact(s) to check; 39 reviewed (accepted with a 'reviewed:' note; --all lists them)"
    )
    every = json.loads(run(root, "--all", "--format", "json").stdout)
    assert len(every) == 39
    assert all(row["reviewed"] for row in every)
    assert set(every[0]) == {"source", "subject", "predicate", "object", "kind", "reason", "reviewed"}
    bad = run(root, "--format", "xml")
    assert bad.returncode == 2
    assert "--format is 'table' or 'json'" in bad.stderr


def test_a_reviewed_note_needs_its_fact_and_a_reason(checkout: Path) -> None:
    statements = checkout / MERIDIAN
    line = edit(
        statements,
        "      - [dara-mech, gk:country, cambodia]\n",
        "      - fact: [dara-mech, gk:country, cambodia]\n        note: a typo for reviewed\n",
    )
    paths = project_paths(checkout)
    vocab = load_vocabulary(paths.ontology)
    with pytest.raises(InputError, match="a reviewed fact is a mapping") as info:
        load_facts(load_corpus(paths), vocab, paths)
    assert info.value.line == line


def test_a_sentence_spans_initials_and_abbreviations() -> None:
    text = (
        "Through the Report, the Department of State assess countries. "
        "Each year, the U.S. Department of State honors them."
    )
    start = text.index("Each")
    assert text[slice(*sentence_span(text, start + 3, start + 10))] == (
        "Each year, the U.S. Department of State honors them."
    )
    assert sentence_span(text, 0, len(text)) == (0, len(text))
