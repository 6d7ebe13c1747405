"""One resolver for every command: the same names find the same entities everywhere.

The matrix runs each command that takes an entity's name (``evidence``, the
``evidence`` and ``who-met`` named questions, ``path``, ``analyze --focus``,
``viz --focus``) with an exact name, another case, a prefix, a name that fits
several entities and a name that fits none, in process, on the committed graph.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.entities import Entity, list_entities, match_name, resolve
from graphkit.errors import InputError
from graphkit.vocab.namespaces import entity_iri

DARA = str(entity_iri("dara-mech"))


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def found_by_evidence(result, _: Path) -> bool:
    return DARA in result.stdout


def found_by_path(result, _: Path) -> bool:
    return result.stdout.startswith("Dara Mech -> Polaris Project")


def found_by_focus(result, _: Path) -> bool:
    return "around Dara Mech (radius 1)" in result.stdout


def found_by_page(_, tmp_path: Path) -> bool:
    return "Around Dara Mech (radius 1)" in (tmp_path / "v.html").read_text(encoding="utf-8")


#: command -> (its arguments for a name, whether its output shows Dara Mech was found)
COMMANDS: dict[str, tuple[Callable[[str, Path], list[str]], Callable[..., bool]]] = {
    "evidence": (lambda name, _: ["evidence", name, "-f", "csv"], found_by_evidence),
    "query evidence": (
        lambda name, _: ["query", "evidence", "-p", f"label={name}", "-f", "csv"],
        found_by_evidence,
    ),
    "query who-met": (
        lambda name, _: ["query", "who-met", "-p", f"label={name}", "-f", "CSV"],
        found_by_evidence,
    ),
    "path": (lambda name, _: ["path", name, "Polaris"], found_by_path),
    "analyze --focus": (lambda name, _: ["analyze", "-r", "summary", "--focus", name], found_by_focus),
    "viz --focus": (lambda name, tmp: ["viz", "--focus", name, "-o", str(tmp / "v.html")], found_by_page),
}

FOUND = {"exact": "Dara Mech", "case": "dara MECH", "prefix": "Dara M", "words": "Mech"}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(FOUND))
def test_every_command_finds_the_same_entity(command: str, kind: str, tmp_path: Path) -> None:
    args, found = COMMANDS[command]
    result = run(*args(FOUND[kind], tmp_path))
    assert result.exit_code == 0, result.output
    assert found(result, tmp_path)
    loose = kind in ("prefix", "words")
    assert ("read as Dara Mech (Person, dara-mech)" in result.stderr) is loose


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_an_ambiguous_or_unknown_name(command: str, tmp_path: Path) -> None:
    args, _ = COMMANDS[command]
    ambiguous = run(*args("Department", tmp_path))
    assert ambiguous.exit_code == 2
    assert "'Department' fits 2 entities (words match); say which:" in ambiguous.stderr
    assert "  U.S. Department of State (Government body, us-department-of-state)" in ambiguous.stderr
    unknown = run(*args("Nobody", tmp_path))
    assert unknown.exit_code == 2
    assert "no entity is called 'Nobody'" in unknown.stderr
    assert unknown.stdout == ""
    assert not (tmp_path / "v.html").exists()


@pytest.fixture(scope="module")
def entities(dataset) -> list[Entity]:
    return list_entities(dataset)


@pytest.mark.parametrize(
    ("name", "entity", "how"),
    [
        ("zaheer-ahmed", "zaheer-ahmed", "identifier"),
        ("gkd:zaheer-ahmed", "zaheer-ahmed", "identifier"),
        (str(entity_iri("zaheer-ahmed")), "zaheer-ahmed", "identifier"),
        ("Zaheer Ahmed", "zaheer-ahmed", "exact"),
        ("IJM", "international-justice-mission", "exact"),
        ("  zaheer   AHMED ", "zaheer-ahmed", "normalized"),
        ("the polaris project", "polaris-project", "normalized"),
        ("Imelda", "imelda-poole", "words"),
        ("Zah Ah", "zaheer-ahmed", "prefix"),
        ("Zaheer Ahmad", "zaheer-ahmed", "close"),
        # the conferral "TIP Report Heroes Award 2023 to Zaheer Ahmed" is a record: it gives way
        ("Zaheer", "zaheer-ahmed", "words"),
        # "NGO roundtable where Sister Imelda Poole spoke" is named after her: it gives way too
        ("Imel", "imelda-poole", "prefix"),
        ("roundtable", "roundtable-2021-ngo", "words"),
        # a record is still found by its id, or by a name only it has
        ("conferral-2023-zaheer-ahmed", "conferral-2023-zaheer-ahmed", "identifier"),
        ("TIP Report Heroes Award 2023 to Zaheer", "conferral-2023-zaheer-ahmed", "words"),
    ],
)
def test_order_of_matching(entities, name: str, entity: str, how: str) -> None:
    match = match_name(entities, name)
    assert (match.iri, match.how) == (str(entity_iri(entity)), how)


def test_types_of_the_entities(entities) -> None:
    by_id = {e.iri.rsplit("/", 1)[-1]: e for e in entities}
    assert (by_id["dara-mech"].type, by_id["dara-mech"].record) == ("Person", False)
    assert (by_id["conferral-2023-dara-mech"].type, by_id["conferral-2023-dara-mech"].record) == (
        "Award conferral",
        True,
    )
    assert by_id["polaris-project"].type == "NGO"
    assert by_id["ivlp-2023-tip-heroes"].record is False  # a program edition is what people name


def test_unknown_names_suggest_close_spellings_with_types(entities) -> None:
    with pytest.raises(InputError, match=r"did you mean:\n  Polaris Project \(NGO, polaris-project\)"):
        match_name(entities, "Polaris Group")
    with pytest.raises(InputError, match="no name is close"):
        match_name(entities, "xyzzy qwerty")
    with pytest.raises(InputError, match="empty"):
        match_name(entities, " ... ")


def test_resolve_works_from_the_dataset_and_from_a_graph(dataset) -> None:
    from graphkit.network import project
    from graphkit.network.labels import resolve as resolve_node

    G = project(dataset)
    for name in ("Mech", "sister poole", "IJM", "Zaheer"):
        assert resolve(dataset, name).iri == resolve_node(G, name)


def test_a_misspelt_named_question_is_suggested() -> None:
    result = run("query", "heros")
    assert result.exit_code == 2
    assert "no named question 'heros'; did you mean heroes?" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["query", "heroes", "-f", "CSV"],
        ["query", "heroes", "--format", "Json"],
        ["path", "Zaheer Ahmed", "Polaris", "-f", "CSV", "--nary", "KEEP"],
        ["analyze", "-r", "Summary", "--measure", "PageRank", "--nary", "Collapse"],
    ],
)
def test_option_values_ignore_case(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output


def test_an_unknown_option_value_lists_the_choices() -> None:
    result = run("query", "heroes", "-f", "cvs")
    assert result.exit_code == 2
    choices = "table, markdown, csv, tsv, json, xml, turtle, json-ld, nt"
    assert f"--format is one of {choices}, not 'cvs'" in result.stderr
    assert "did you mean 'csv'?" in result.stderr


def test_the_focus_is_found_among_the_entities_of_the_view() -> None:
    result = run("analyze", "-r", "summary", "--year", "2021", "--focus", "Zaheer")
    assert result.exit_code == 2
    assert "no entity is called 'Zaheer'" in result.stderr
    assert "(among the entities of the view: year 2021)" in result.stderr
    found = run("analyze", "-r", "summary", "--year", "2021", "--focus", "Imelda")
    assert found.exit_code == 0, found.output
    assert "year 2021; around Sister Imelda Poole (radius 1)" in found.stdout
