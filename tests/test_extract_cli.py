"""graphkit extract --format json on any text file, graphkit evaluate, and bad input handled cleanly."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MERIDIAN = ROOT / "data/corpus/documents/004_772944999c287e65.txt"


def run(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GRAPHKIT_HOME": str(checkout), "COLUMNS": "200"}
    env.pop("GRAPHKIT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "graphkit", *args], cwd=checkout, env=env, capture_output=True, text=True
    )


def curated_digest(checkout: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((checkout / "data/facts").rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """A real document copied outside the corpus, never added."""
    path = tmp_path_factory.mktemp("outside") / "meridian article.txt"
    path.write_bytes(MERIDIAN.read_bytes())
    return path


def test_json_for_a_file_outside_the_corpus(checkout, outside):
    before = curated_digest(checkout)
    result = run(checkout, "extract", str(outside), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    text = outside.read_text("utf-8")
    assert data["document"] == {"id": "meridian-article", "characters": len(text)}
    assert set(data) == {"document", "entities", "facts", "edges"}
    people = {e["label"]: e for e in data["entities"] if e["type"] == "schema:Person"}
    assert people["Dara Mech"]["known"] is True  # the graph has him
    assert people["Dara Mech"]["id"] == "dara-mech"
    for entity in data["entities"]:
        assert set(entity) >= {"id", "label", "type", "aliases", "known", "mentions", "confidence"}
        assert entity["type"].count(":") == 1
        for start, end in entity["mentions"]:
            assert 0 <= start < end <= len(text)
    row = next(f for f in data["facts"] if f["property"] == "gk:country" and f["subject"] == "dara-mech")
    assert row["object"] == "cambodia"
    assert text[row["start"] : row["end"]] == row["quote"]
    assert row["quote"].startswith("Awardee Dara Mech of Cambodia")
    year = next(f for f in data["facts"] if f["property"] == "gk:awardYear")
    assert year["value"] == "2023"
    assert year["datatype"] == "xsd:gYear"
    assert "object" not in year
    edge = next(e for e in data["edges"] if e["source"] == "Dara Mech" and e["predicate"] == "gk:award")
    assert edge == {
        "source": "Dara Mech",
        "predicate": "gk:award",
        "label": "received TIP Report Heroes Award (2023)",
        "target": "TIP Report Heroes Award",
        "award_year": 2023,
        **{k: v for k, v in edge.items() if k in {"date"}},
    }
    assert not (checkout / "data/drafts").exists()  # nothing written for a file outside the corpus
    assert curated_digest(checkout) == before


def test_table_output_and_draft_file(checkout):
    result = run(checkout, "extract", "eca-2021-virtual-ivlp-blog")
    assert result.returncode == 0, result.stderr
    assert "wrote data/drafts/eca-2021-virtual-ivlp-blog.yaml" in result.stdout
    text = (checkout / "data/drafts/eca-2021-virtual-ivlp-blog.yaml").read_text("utf-8")
    assert text.startswith("# DRAFT facts for 'eca-2021-virtual-ivlp-blog'")
    assert "- [international-visitor-leadership-program-2021, gk:participant, tip-heroes-2021]" in text


def test_evaluate_meets_the_targets(checkout):
    result = run(checkout, "evaluate", "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["method"] == "leave-one-document-out"
    assert scores["overall"]["entities"]["f1"] >= 0.85
    assert scores["overall"]["relations"]["f1"] >= 0.60
    assert set(scores["documents"]) == {
        "eca-2021-honoring-tip-heroes",
        "eca-2021-virtual-ivlp-blog",
        "ijm-2021-tip-report-release",
        "state-2021-tip-report",
        "meridian-2023-ivlp-tip-heroes",
    }
    assert scores["entity_types"]["person"]["f1"] >= 0.9
    overall = scores["overall"]["relations"]
    assert overall["tp"] == sum(d["relations"]["tp"] for d in scores["documents"].values())
    assert (
        "Dara Mech --gk:country--> Cambodia"
        not in scores["errors"]["meridian-2023-ivlp-tip-heroes"]["missed_relations"]
    )
    table = run(checkout, "evaluate")
    assert "extraction scores (leave-one-document-out)" in table.stdout
    assert f"{scores['overall']['entities']['f1']:.3f}" in table.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a binary file, not text"),
        ("Awardee José Pérez of Peru".encode("cp1252"), "not UTF-8 text: byte 0xe9 at offset 11 (line 1)"),
        ("Awardee Dara Mech".encode("utf-16"), "the text is UTF-16, not UTF-8"),
    ],
)
def test_unreadable_files_are_one_clear_message(checkout, tmp_path, content, message):
    before = curated_digest(checkout)
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    for command in (["extract", str(path)], ["extract", str(path), "--format", "json"]):
        result = run(checkout, *command)
        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr
    added = run(checkout, "add", str(path), "--title", "x")
    assert added.returncode == 2
    assert message in added.stderr
    assert curated_digest(checkout) == before
    assert not (checkout / "data/corpus/documents" / "005_").exists()


def test_missing_file_and_folder(checkout, tmp_path):
    missing = run(checkout, "extract", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert "is neither a document id of the corpus nor a file" in missing.stderr
    folder = run(checkout, "extract", str(tmp_path))
    assert folder.returncode == 2
    assert "not a file" in folder.stderr


def test_entity_free_and_blank_documents_give_an_empty_draft(checkout, tmp_path):
    before = curated_digest(checkout)
    for content in ("   \n\n\t\n", "it was a quiet day and nothing much happened at all.\n" * 50):
        path = tmp_path / "plain.txt"
        path.write_text(content, encoding="utf-8")
        result = run(checkout, "extract", str(path), "--format", "json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["entities"] == []
        assert data["facts"] == []
        assert data["edges"] == []
        table = run(checkout, "extract", str(path))
        assert "the draft is empty" in table.stdout
    assert curated_digest(checkout) == before


def test_a_5_mb_document_gives_a_valid_draft(checkout, tmp_path):
    paragraph = (
        "the participants returned to their home organizations with innovative ideas to engage with "
        "different sectors of society and support the fight to end trafficking.\n"
    )
    text = "Awardee Dara Mech of Cambodia reflected on the network.\n" + paragraph * (
        5 * 1024 * 1024 // len(paragraph)
    )
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    result = run(checkout, "extract", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["characters"] == len(text)
    assert ["dara-mech", "gk:country", "cambodia"] in [
        [f["subject"], f["property"], f.get("object")] for f in data["facts"]
    ]


def test_too_large_a_file_is_refused(checkout, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    result = run(checkout, "extract", str(path))
    assert result.returncode == 2
    assert "is more than graphkit extracts from" in result.stderr


def test_quotes_are_shown_as_written(checkout):
    """Brackets in a quote ("This crime [of trafficking in persons]") are text, not rich markup."""
    result = run(checkout, "extract", "ijm-2021-tip-report-release")
    assert result.returncode == 0, result.stderr
    assert "[of trafficking in persons]" in result.stdout


def test_a_hostile_or_broken_draft_is_one_clear_error(checkout):
    before = curated_digest(checkout)
    drafts = checkout / "data/drafts"
    drafts.mkdir()
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\ndraft: true\ndocument: state-2021-tip-report\n'
    (drafts / "state-2021-tip-report.yaml").write_text(bomb, encoding="utf-8")
    result = run(checkout, "review", "state-2021-tip-report", "--accept-all")
    assert result.returncode == 2
    assert "anchors and aliases" in result.stderr
    assert "Traceback" not in result.stderr
    broken = "draft: true\ndocument: state-2021-tip-report\nclaims:\n"
    broken += "- {id: c1, quote: x, start: one, end: 2}\n"
    (drafts / "state-2021-tip-report.yaml").write_text(broken, encoding="utf-8")
    result = run(checkout, "accept", "state-2021-tip-report")
    assert result.returncode == 2
    assert "malformed draft" in result.stderr
    assert curated_digest(checkout) == before
