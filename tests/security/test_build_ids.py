"""Ids match in full and every minted IRI is valid, or the build stops before writing anything.

An id ending in a line break used to pass ``re.match(r"...$")``: the build
exited 0 and wrote IRIs with a line break in them, and ``graphkit stats``
then failed to read the committed N-Quads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bounded import run_cli

from graphkit.errors import InputError
from graphkit.facts.load import parse_literal
from graphkit.vocab.namespaces import XSD, document_iri, entity_iri, evidence_iri, graph_iri, statement_iri

OUTPUTS = ("graphkit.trig", "graphkit.nq", "inputs.sha256")


def build(checkout: Path, *args: str):
    return run_cli(*args, cwd=checkout, env={"GRAPHKIT_HOME": str(checkout)}, memory=1024**3, seconds=120)


def outputs(checkout: Path) -> list[bytes]:
    return [(checkout / "data" / "build" / name).read_bytes() for name in OUTPUTS]


def rename_everywhere(checkout: Path, old: str, new: str) -> None:
    """Give an id a new spelling in every facts and manifest file (as a quoted YAML string)."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")
    for path in [
        checkout / "data" / "corpus" / "manifest.yaml",
        *(checkout / "data" / "facts").rglob("*.yaml"),
    ]:
        text = path.read_text(encoding="utf-8")
        path.write_text(pattern.sub(lambda _: new, text), encoding="utf-8")


def test_an_entity_id_with_a_final_line_break_is_refused(checkout: Path):
    before = outputs(checkout)
    rename_everywhere(checkout, "nate-king", '"nate-king\\n"')
    outcome = build(checkout, "build")
    assert outcome.returncode == 2, outcome.stdout + outcome.stderr
    assert outcome.stderr == (
        "error: data/facts/entities.yaml:28: bad entity id 'nate-king\\n' (use a-z, 0-9, '-')\n"
    )
    assert outputs(checkout) == before
    assert build(checkout, "stats").returncode == 2  # the inputs are still broken: no silent rebuild


def test_a_document_id_with_a_trailing_newline_stops_the_build_at_its_manifest_line(checkout: Path):
    before = outputs(checkout)
    rename_everywhere(checkout, "state-2021-tip-report", '"state-2021-tip-report\\n"')
    outcome = build(checkout, "build")
    assert outcome.returncode == 2, outcome.stdout + outcome.stderr
    assert outcome.stderr.count("\n") == 1
    assert outcome.stderr.startswith("error: data/corpus/manifest.yaml:")
    assert "bad document id 'state-2021-tip-report\\n' (use a-z, 0-9, '-')" in outcome.stderr
    assert outputs(checkout) == before
    assert not list((checkout / "data" / "build").glob(".*.tmp"))


@pytest.mark.parametrize(
    "mint",
    [
        lambda bad: entity_iri(bad),
        lambda bad: document_iri(bad),
        lambda bad: graph_iri(bad),
        lambda bad: statement_iri(bad),
        lambda bad: evidence_iri(bad, 1, 2),
    ],
    ids=["entity", "document", "graph", "statement", "evidence"],
)
@pytest.mark.parametrize("bad", ["x\n", "x y", "x>", "x\x00", 'x"', "x{y}", "x\\y", "x|y"])
def test_every_minting_function_refuses_text_that_is_no_iri(mint, bad: str):
    with pytest.raises(InputError, match="does not make a valid IRI"):
        mint(bad)


@pytest.mark.parametrize(
    ("value", "datatype"), [("2023\n", XSD.gYear), ("2023-06-15\n", XSD.date), ("8\n", XSD.integer)]
)
def test_literals_match_their_form_in_full(value: str, datatype):
    with pytest.raises(ValueError, match="is not"):
        parse_literal(value, datatype)
