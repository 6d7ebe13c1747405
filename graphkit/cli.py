"""The ``graphkit`` command: a thin layer over the Python API.

Each command parses its options, calls the API and prints with rich. Errors a
user can cause (:class:`~graphkit.errors.GraphkitError`) print one line and exit
non-zero: 2 for bad input, 1 when the data breaks the shapes. Set
``GRAPHKIT_DEBUG=1`` to see the traceback instead.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import rich.markup
import typer
from rich.console import Console
from rich.table import Table

from graphkit.errors import GraphkitError, ValidationError

__all__ = ["app", "main"]

app = typer.Typer(
    name="graphkit",
    help="Build and explore the evidence-backed knowledge graph of the TIP Report Heroes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


def _print_violations(violations: list) -> None:
    table = Table(title=f"{len(violations)} SHACL violation(s)", show_lines=False)
    for column in ("focus node", "path", "message", "value"):
        table.add_column(column, overflow="fold")
    for v in violations:
        table.add_row(f"{v.focus_label}\n<{v.focus}>", v.path, v.message, v.value)
    errors.print(table)


def handles_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn graphkit errors into one clear message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ValidationError as exc:
            if os.environ.get("GRAPHKIT_DEBUG"):
                raise
            _print_violations(exc.violations)
            errors.print(f"[red]error:[/red] {exc}", markup=True)
            raise typer.Exit(1) from None
        except GraphkitError as exc:
            if os.environ.get("GRAPHKIT_DEBUG"):
                raise
            errors.print(f"[red]error:[/red] {rich.markup.escape(str(exc))}")
            raise typer.Exit(2) from None

    return wrapper


def _print_summary(summary) -> None:
    totals = Table(title="graphkit dataset", show_header=False)
    totals.add_column("what")
    totals.add_column("count", justify="right")
    for name, value in (
        ("triples", summary.triples),
        ("quads (triples in named graphs)", summary.quads),
        ("documents", summary.documents),
        ("entities", summary.entities),
        ("statements with provenance", summary.statements),
        ("evidence quotes", summary.evidence_quotes),
    ):
        totals.add_row(name, f"{value:,}")
    console.print(totals)
    by_type = Table(title="entities by type")
    by_type.add_column("type")
    by_type.add_column("entities", justify="right")
    for name, count in summary.entities_by_type.items():
        by_type.add_row(name, str(count))
    console.print(by_type)


@app.command()
@handles_errors
def build(
    check: Annotated[
        bool,
        typer.Option("--check", help="Build in memory and fail if data/build/ is out of date."),
    ] = False,
) -> None:
    """Build data/build/graphkit.trig and graphkit.nq from the corpus and the facts."""
    from graphkit.dataset import build as build_dataset
    from graphkit.dataset import summarize
    from graphkit.paths import project_paths
    from graphkit.rdf.io import serialize_nquads

    paths = project_paths()
    result = build_dataset(write=not check)
    if check:
        current = paths.nquads.read_bytes() if paths.nquads.is_file() else b""
        if serialize_nquads(result.dataset) != current:
            errors.print("[red]error:[/red] data/build/ is stale: run `graphkit build`")
            raise typer.Exit(1)
        console.print("data/build/ is up to date")
        return
    summary = summarize(result.dataset)
    console.print(
        f"built {summary.triples:,} triples from {summary.documents} documents, "
        f"{len(result.facts.claims)} quotes and {len(result.facts.facts)} facts; "
        "the graph conforms to the shapes"
    )
    for path in (paths.trig, paths.nquads):
        console.print(f"wrote {path.relative_to(paths.root).as_posix()}")


@app.command()
@handles_errors
def validate(
    dataset: Annotated[
        Path | None,
        typer.Argument(help="A TriG or N-Quads file to check; default: build from the inputs in memory."),
    ] = None,
) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl) and list the violations."""
    from graphkit.dataset import build as build_dataset
    from graphkit.rdf.store import open_store
    from graphkit.rdf.validate import validate_dataset

    data = (
        open_store(dataset, engine="memory")
        if dataset
        else build_dataset(write=False, validate=False).dataset
    )
    violations = validate_dataset(data)
    if violations:
        raise ValidationError(violations)
    console.print("the graph conforms to the SHACL shapes: 0 violations")


@app.command()
@handles_errors
def stats() -> None:
    """Print what the graph holds: triples, documents, entities by type."""
    from graphkit.dataset import load, summarize

    _print_summary(summarize(load()))


def main() -> None:
    """Run the command line (the ``graphkit`` console script)."""
    app(prog_name="graphkit")


if __name__ == "__main__":
    sys.exit(main())
