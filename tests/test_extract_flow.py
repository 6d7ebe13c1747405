"""add -> extract -> review -> accept -> build in a throw-away checkout, as a user runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

DOC = "meridian-2023-ivlp-tip-heroes"
TITLE = "From Pakistan to Peru: How IVLP TIP Heroes Are Shaping the Fight Against Human Trafficking"


def run(checkout: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "GRAPHKIT_HOME": str(checkout), "COLUMNS": "200"}
    env.pop("GRAPHKIT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "graphkit", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
    )


def fact_row(row) -> list[str]:
    """A fact row of a statements file: ``[s, p, o]``, or ``{fact: [s, p, o], reviewed: why}``."""
    return row["fact"] if isinstance(row, dict) else row


def remove_document(root: Path, doc_id: str) -> Path:
    """Take a document out of the checkout (manifest, file, statements, entities only it names)."""
    manifest = root / "data/corpus/manifest.yaml"
    text = manifest.read_text("utf-8")
    entries = yaml.safe_load(text)
    entry = next(e for e in entries if e["id"] == doc_id)
    blocks = re.split(r"\n(?=- id: )", text)
    manifest.write_text("\n".join(b for b in blocks if not b.startswith(f"- id: {doc_id}\n")).rstrip() + "\n")
    kept = root / entry["file"]
    (root / "data/corpus/documents" / entry["file"]).rename(kept)
    (root / "data/facts/statements" / f"{doc_id}.yaml").unlink()
    used = {e.get(k) for e in entries if e["id"] != doc_id for k in ("publisher", "author")}
    for path in (root / "data/facts/statements").glob("*.yaml"):
        for claim in yaml.safe_load(path.read_text("utf-8"))["claims"]:
            used |= set(claim.get("mentions") or [])
            used |= {x for s, _, o in map(fact_row, claim.get("facts") or []) for x in (s, o)}
    entities = root / "data/facts/entities.yaml"
    blocks = re.split(r"\n(?=- id: )", entities.read_text("utf-8"))
    entities.write_text(
        "\n".join(b for b in blocks if not b.startswith("- id: ") or b.split("\n")[0][6:] in used).rstrip()
        + "\n"
    )
    return kept


def test_a_removed_document_comes_back_through_the_whole_flow(checkout):
    curated = yaml.safe_load((checkout / "data/facts/statements" / f"{DOC}.yaml").read_text("utf-8"))
    source = remove_document(checkout, DOC)
    assert run(checkout, "build").returncode == 0

    added = run(checkout, "add", str(source), "--title", TITLE, "--date", "2023", "--id", DOC)
    assert added.returncode == 0, added.stderr
    assert f"added {DOC}: data/corpus/documents/004_35df68e291b78bfb.txt" in added.stdout
    assert "boilerplate: related-content" in added.stdout
    stored = checkout / "data/corpus/documents/004_35df68e291b78bfb.txt"
    assert stored.read_bytes() == source.read_bytes()  # copied unchanged
    assert run(checkout, "build").returncode == 0
    before = (checkout / "data/build/graphkit.nq").read_bytes()

    extracted = run(checkout, "extract", DOC)
    assert extracted.returncode == 0, extracted.stderr
    draft_file = checkout / "data/drafts" / f"{DOC}.yaml"
    draft = yaml.safe_load(draft_file.read_text("utf-8"))
    assert draft["draft"] is True
    assert draft["document"] == DOC

    # build ignores the draft
    assert "no statements changed since the previous build" in run(checkout, "build").stdout
    assert (checkout / "data/build/graphkit.nq").read_bytes() == before

    ids = [c["id"] for c in draft["claims"]]
    reviewed = run(checkout, "review", DOC, "--accept-all", "--reject", ids[-1])
    assert reviewed.returncode == 0, reviewed.stderr
    assert f"{len(ids) - 1} accepted, 1 rejected, 0 proposed" in reviewed.stdout

    accepted = run(checkout, "accept", DOC)
    assert accepted.returncode == 0, accepted.stderr
    assert re.search(rf"accepted {len(ids) - 1} claims and \d+ new entities", accepted.stdout)

    built = run(checkout, "build")
    assert built.returncode == 0, built.stderr
    added_count = int(re.search(rf"{DOC}: \+(\d+) statements, -0 statements", built.stdout)[1])
    assert added_count > 100
    assert "+ Dara Mech country Cambodia" in built.stdout or "... and" in built.stdout

    # the accepted facts agree with the curated ones on the heroes' countries
    accepted_file = yaml.safe_load((checkout / "data/facts/statements" / f"{DOC}.yaml").read_text("utf-8"))
    countries = {
        tuple(f) for c in accepted_file["claims"] for f in c.get("facts", []) if f[1] == "gk:country"
    }
    expected = {
        tuple(fact_row(f))
        for c in curated["claims"]
        for f in c.get("facts", [])
        if fact_row(f)[1] == "gk:country"
    }
    assert countries == expected
    # the rejected claim stays in the draft, the accepted ones left it
    remaining = yaml.safe_load(draft_file.read_text("utf-8"))["claims"]
    assert [c["id"] for c in remaining] == [ids[-1]]

    answer = run(checkout, "query", "heroes", "--format", "json")
    assert answer.returncode == 0, answer.stderr
    assert "Dara Mech" in answer.stdout


def test_accepted_merges_are_recorded_and_undone(checkout, tmp_path):
    text = "Awardee Martina R. Vandenberg of Albania said the work matters.\n"
    doc = tmp_path / "note.txt"
    doc.write_text(text, encoding="utf-8")
    assert run(checkout, "add", str(doc), "--title", "A note", "--date", "2024").returncode == 0
    extracted = run(checkout, "extract", "a-note")
    assert "merge proposed: martina-r-vandenberg -> martina-vandenberg" in extracted.stdout
    draft = yaml.safe_load((checkout / "data/drafts/a-note.yaml").read_text("utf-8"))
    drafted = next(e for e in draft["entities"] if e["id"] == "martina-r-vandenberg")
    assert drafted["merge"]["status"] == "proposed"
    assert drafted["merge"]["evidence"] == "Martina R. Vandenberg"
    assert (
        run(checkout, "review", "a-note", "--accept-all", "--merge", "martina-r-vandenberg").returncode == 0
    )
    accepted = run(checkout, "accept", "a-note")
    assert "1 merges (data/facts/merges.yaml)" in accepted.stdout, accepted.stderr
    statements = (checkout / "data/facts/statements/a-note.yaml").read_text("utf-8")
    assert "- [martina-vandenberg, gk:country, albania]" in statements
    assert not re.search(r"[\[ ]martina-r-vandenberg[,\]]", statements)
    merges = yaml.safe_load((checkout / "data/facts/merges.yaml").read_text("utf-8"))
    assert merges[0]["into"] == "martina-vandenberg"
    assert "middle initial" in merges[0]["reason"]

    undone = run(checkout, "accept", "--undo-merge", "martina-r-vandenberg")
    assert undone.returncode == 0, undone.stderr
    statements = (checkout / "data/facts/statements/a-note.yaml").read_text("utf-8")
    assert "- [martina-r-vandenberg, gk:country, albania]" in statements
    assert yaml.safe_load((checkout / "data/facts/merges.yaml").read_text("utf-8")) is None
    assert run(checkout, "build").returncode == 0


def test_add_html_keeps_the_original_and_stores_the_main_text(checkout, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Heroes</title></head><body><nav>Home | News | Contact</nav>"
        "<article><h1>Honoring the Heroes</h1><p>Awardee Dara Mech of Cambodia reflected on the network he "
        "developed as part of the IVLP program and stated that it allowed him to share successful cases.</p>"
        "<p>Awardee Eumelis Moya from Venezuela told Meridian that her interaction with federal, state, and "
        "local government representatives during the program helped her.</p></article>"
        "<footer>Copyright 2023. All rights reserved. Privacy policy.</footer></body></html>",
        encoding="utf-8",
    )
    added = run(checkout, "add", str(page), "--title", "Honoring the Heroes", "--date", "2023")
    assert added.returncode == 0, added.stderr
    assert "original kept as" in added.stdout
    stored = next((checkout / "data/corpus/documents").glob("005_*.txt"))
    text = stored.read_text("utf-8")
    assert "Awardee Dara Mech of Cambodia" in text
    assert "<p>" not in text
    assert "Privacy policy" not in text
    assert stored.with_suffix(".html").read_bytes() == page.read_bytes()
    data = json.loads(run(checkout, "extract", "honoring-the-heroes", "--format", "json").stdout)
    start, end = next(e["mentions"][0] for e in data["entities"] if e["label"] == "Dara Mech")
    assert text[start:end] == "Dara Mech"


def test_add_without_a_terminal_asks_for_the_title(checkout, tmp_path):
    doc = tmp_path / "x.txt"
    doc.write_text("Some text.\n", encoding="utf-8")
    result = run(checkout, "add", str(doc), stdin="")
    assert result.returncode == 2
    assert "error: --title is required when graphkit add is not run on a terminal" in result.stderr
    again = run(checkout, "add", str(doc), "--title", "x", "--date", "May 2023")
    assert again.returncode == 2
    assert "must be YYYY-MM-DD or YYYY" in again.stderr
    first = run(checkout, "add", str(doc), "--title", "x")
    assert first.returncode == 0, first.stderr
    duplicate = run(checkout, "add", str(doc), "--title", "y")
    assert duplicate.returncode == 2
    assert "is already in the corpus as 'x'" in duplicate.stderr


def test_review_lists_claims_with_their_sentence_off_a_terminal(checkout):
    assert run(checkout, "extract", "state-2021-tip-report").returncode == 0
    shown = run(checkout, "review", "state-2021-tip-report", stdin="")
    assert shown.returncode == 0, shown.stderr
    assert "kari-johnstone" in shown.stdout
    assert "schema:contributor" in shown.stdout
    assert "not a terminal: pass --accept ID, --reject ID, --accept-all or --merge ID" in shown.stdout
    bad = run(checkout, "review", "state-2021-tip-report", "--accept", "c999")
    assert bad.returncode == 2
    assert "has no claim 'c999'" in bad.stderr
    nothing = run(checkout, "accept", "state-2021-tip-report")
    assert nothing.returncode == 2
    assert "no accepted claims" in nothing.stderr


def test_review_on_a_terminal_asks_claim_by_claim(checkout):
    """The interactive review, driven through a pseudo-terminal as a person would type."""
    import pty
    import select

    assert run(checkout, "extract", "state-2021-tip-report").returncode == 0
    draft_file = checkout / "data/drafts/state-2021-tip-report.yaml"
    claims = yaml.safe_load(draft_file.read_text("utf-8"))["claims"]
    env = {**os.environ, "GRAPHKIT_HOME": str(checkout), "COLUMNS": "120"}
    env.pop("GRAPHKIT_DEBUG", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: graphkit on the terminal
        os.chdir(checkout)
        os.execve(sys.executable, [sys.executable, "-m", "graphkit", "review", "state-2021-tip-report"], env)
    answers = ["a", "r", "q"]
    output = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if output.rstrip().endswith(b":") and b"[q]uit" in output.splitlines()[-1] and answers:
            os.write(fd, (answers.pop(0) + "\n").encode())
    _, status = os.waitpid(pid, 0)
    text = output.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert claims[0]["quote"].splitlines()[0][:30] in text.replace("\r\n", "\n")
    assert "[a]ccept, [r]eject, [e]dit, [s]kip, [q]uit" in text
    statuses = [c["status"] for c in yaml.safe_load(draft_file.read_text("utf-8"))["claims"]]
    assert statuses[:2] == ["accepted", "rejected"]
    assert set(statuses[2:]) == {"proposed"}


def test_extracting_again_keeps_the_review_decisions(checkout):
    assert run(checkout, "extract", "state-2021-tip-report").returncode == 0
    reviewed = run(checkout, "review", "state-2021-tip-report", "--accept", "c001", "--reject", "c002")
    assert reviewed.returncode == 0
    again = run(checkout, "extract", "state-2021-tip-report")
    assert again.returncode == 0, again.stderr
    draft = yaml.safe_load((checkout / "data/drafts/state-2021-tip-report.yaml").read_text("utf-8"))
    assert [c["status"] for c in draft["claims"]][:3] == ["accepted", "rejected", "proposed"]
