"""The command line on real inputs: output, exit codes, and bad input handled cleanly."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


def run(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GRAPHKIT_HOME": str(checkout), "COLUMNS": "200"}
    env.pop("GRAPHKIT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "graphkit", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace *old* by *new* in *path*; return the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def test_build_validate_stats(checkout):
    built = run(checkout, "build")
    assert built.returncode == 0, built.stderr
    assert re.search(r"built [\d,]+ triples from 5 documents, 57 quotes and 221 facts", built.stdout)
    assert run(checkout, "validate").stdout.strip() == "the graph conforms to the SHACL shapes: 0 violations"
    stats = run(checkout, "stats").stdout
    assert re.search(r"documents\s+│\s+5", stats)
    assert re.search(r"Person\s+│\s+17", stats)
    assert run(checkout, "build", "--check").returncode == 0


STATEMENTS = "data/facts/statements/meridian-2023-ivlp-tip-heroes.yaml"
ENTITIES = "data/facts/entities.yaml"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (ENTITIES, "- id: dara-mech\n", "- id: dara-mech\n  label: [unclosed\n", "malformed YAML"),
        (
            STATEMENTS,
            "[dara-mech, gk:country, cambodia]",
            "[dara-meck, gk:country, cambodia]",
            "unknown entity id 'dara-meck'",
        ),
        (
            STATEMENTS,
            "[dara-mech, gk:country, cambodia]",
            "[dara-mech, gk:homeland, cambodia]",
            "unknown property 'gk:homeland'",
        ),
        (
            ENTITIES,
            "  type: schema:Person\n  label: Dara Mech",
            "  type: schema:Alien\n  label: Dara Mech",
            "unknown type 'schema:Alien'",
        ),
        (
            STATEMENTS,
            "quote: Awardee Dara Mech of Cambodia",
            "quote: Awardee Dara Mech of Laos",
            "quote not found in document",
        ),
        (
            ENTITIES,
            "- id: dara-mech\n",
            "- id: zaheer-ahmed\n",
            "duplicate entity id 'zaheer-ahmed'",
        ),
        (
            STATEMENTS,
            '[tip-heroes-2023, gk:memberCount, "8"]',
            '[tip-heroes-2023, gk:memberCount, "eight"]',
            "bad value for gk:memberCount",
        ),
        (
            "ontology/graphkit.ttl",
            "gk:country a owl:ObjectProperty ;",
            "gk:country a owl:ObjectProperty ;;; <",
            "invalid Turtle",
        ),
    ],
    ids=[
        "malformed-yaml",
        "unknown-entity",
        "unknown-predicate",
        "unknown-type",
        "quote-not-found",
        "duplicate-id",
        "bad-literal",
        "broken-ontology",
    ],
)
def test_bad_input_names_file_and_line_and_keeps_outputs(checkout, file, old, new, message):
    outputs = [
        checkout / "data" / "build" / name for name in ("graphkit.trig", "graphkit.nq", "inputs.sha256")
    ]
    before = [p.read_bytes() for p in outputs]
    line = edit(checkout / file, old, new)
    result = run(checkout, "build")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    error = " ".join(result.stderr.split())
    assert error.startswith(f"error: {file}:")
    assert message in error
    reported = int(re.match(rf"error: {re.escape(file)}:(\d+):", error).group(1))
    assert line <= reported <= line + 2
    assert [p.read_bytes() for p in outputs] == before
    assert not list((checkout / "data" / "build").glob(".*.tmp"))


def test_validate_prints_actionable_violations(checkout):
    edit(
        checkout / "ontology" / "shapes.ttl",
        "sh:path gk:memberCount ; sh:maxCount 1 ;",
        "sh:path gk:memberCount ; sh:maxCount 1 ; sh:maxInclusive 5 ;",
    )
    result = run(checkout, "validate")
    assert result.returncode == 1
    assert "2023 TIP Report Heroes" in result.stderr
    assert "gk:memberCount" in result.stderr
    assert "A cohort has at most one member count" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_traceback(checkout):
    edit(checkout / STATEMENTS, "[dara-mech, gk:country, cambodia]", "[nobody, gk:country, cambodia]")
    env_result = subprocess.run(
        [sys.executable, "-m", "graphkit", "build"],
        cwd=checkout,
        capture_output=True,
        text=True,
        env={**os.environ, "GRAPHKIT_HOME": str(checkout), "GRAPHKIT_DEBUG": "1"},
    )
    assert env_result.returncode != 0
    assert "Traceback" in env_result.stderr


def test_facts_cannot_forge_provenance(checkout):
    line = edit(
        checkout / STATEMENTS,
        "[dara-mech, gk:country, cambodia]",
        "[dara-mech, oa:exact, cambodia]",
    )
    result = run(checkout, "build")
    assert result.returncode == 2
    assert f"{STATEMENTS}:{line}: oa:exact is written by the build" in " ".join(result.stderr.split())


def run_piped(cwd: Path, *args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    """Run graphkit with stderr a pipe and no COLUMNS: rich's default would wrap at 80 columns."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "GRAPHKIT_DEBUG", "FORCE_COLOR")}
    if home is not None:
        env["GRAPHKIT_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "graphkit", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_an_error_is_one_unwrapped_line_and_line_100_stays_line_100(checkout):
    line = edit(
        checkout / ENTITIES,
        "- id: uk-government\n  type: schema:GovernmentOrganization",
        "- id: uk-government\n  type: schema:GovernmentOrganisationOfTheUnitedKingdomOfGreatBritain",
    )
    assert line + 1 == 99
    result = run_piped(checkout, "build", home=checkout)
    assert result.returncode == 2
    # rich would turn ":100:" into an emoji and fold the line at 80 columns.
    assert result.stderr == (
        f"error: {ENTITIES}:99: unknown type "
        "'schema:GovernmentOrganisationOfTheUnitedKingdomOfGreatBritain': "
        "not a class of the ontology\n"
    )


def test_rich_markup_and_control_characters_in_an_error_are_shown_as_text(tmp_path):
    name = "[bold red]notes\x1b]0;pwned\x07 :100:"
    (tmp_path / name).write_text("mine\n")
    result = run_piped(tmp_path, "viz", "--output", f"{name}/page.html")
    assert result.returncode == 2
    shown = "[bold red]notes\\x1b]0;pwned\\x07 :100:"
    assert result.stderr == f"error: {shown}/page.html: cannot write here: {shown} is not a folder\n"


def test_a_hint_follows_the_error_on_its_own_line(capsys):
    import typer

    from graphkit.cli import handles_errors
    from graphkit.errors import InputError

    @handles_errors
    def failing() -> None:
        raise InputError("the built files are torn", path="data/build", hint="run `graphkit build`")

    with pytest.raises(typer.Exit) as info:
        failing()
    assert info.value.exit_code == 2
    assert (
        capsys.readouterr().err == "error: data/build: the built files are torn\nhint: run `graphkit build`\n"
    )
