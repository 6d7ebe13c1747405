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


def _parse_params(pairs: list[str]) -> dict[str, str]:
    from graphkit.errors import QueryError

    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes name=value, not {pair!r}")
        params[name.strip()] = value
    return params


def _print_query_list() -> None:
    from graphkit.sparql.library import list_queries

    table = Table(title="named questions (graphkit query NAME)")
    for column in ("name", "question", "parameters", "columns"):
        table.add_column(column, overflow="fold")
    for query in list_queries():
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in query.params)
        table.add_row(query.name, query.title, params, ", ".join(query.columns))
    console.print(table)


@app.command()
@handles_errors
def query(
    query: Annotated[
        str | None,
        typer.Argument(help="A named question, a .rq file, or SPARQL text.", show_default=False),
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Bind a parameter: name=value (repeatable).")
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, markdown, csv, tsv, json, xml (SELECT, ASK); turtle, json-ld, nt (graphs).",
        ),
    ] = "table",
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", "-e", help="Run against this SPARQL 1.1 endpoint URL.")
    ] = None,
    labels: Annotated[
        bool, typer.Option("--labels/--no-labels", help="Add a <column>_label column next to IRIs.")
    ] = True,
    max_rows: Annotated[int | None, typer.Option("--max-rows", help="Stop after this many rows.")] = None,
    list_all: Annotated[bool, typer.Option("--list", help="List the named questions and exit.")] = False,
) -> None:
    """Ask the graph a question in SPARQL: a named question, a .rq file or query text.

    ASK queries print true or false and exit 0 or 1.
    """
    from graphkit.errors import QueryError
    from graphkit.sparql.engine import Endpoint, add_labels, run_query
    from graphkit.sparql.library import get_query, list_queries
    from graphkit.sparql.results import FORMATS, GRAPH_FORMATS, fold_labels, format_result, to_rich_table

    if list_all:
        _print_query_list()
        return
    if query is None:
        raise QueryError("give a named question, a .rq file or SPARQL text (see graphkit query --list)")
    if output_format not in FORMATS:
        raise QueryError(f"unknown format {output_format!r}; use one of {', '.join(FORMATS)}")
    names = {q.name for q in list_queries()}
    params = _parse_params(param or [])
    if query in names:
        named = get_query(query)
        text, bindings = named.text, named.bindings(params)
    else:
        path = Path(query)
        if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and path.is_file()):
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise QueryError(f"cannot read query file {query}: {exc.strerror}") from None
        elif not any(ch.isspace() or ch in "{}" for ch in query.strip()):
            raise QueryError(f"no named question {query!r}; see graphkit query --list")
        else:
            text = query
        bindings = params
    if endpoint:
        source = Endpoint(endpoint)
    else:
        from graphkit.dataset import load

        source = load()
    result = run_query(source, text, bindings=bindings, max_rows=max_rows)
    if result.form == "ASK" and output_format == "table":
        console.print("true" if result.boolean else "false")
        raise typer.Exit(0 if result.boolean else 1)
    if result.form in ("CONSTRUCT", "DESCRIBE") and output_format not in GRAPH_FORMATS:
        output_format = "turtle"
    if labels and result.form == "SELECT":
        result = add_labels(result, source)
        if output_format in ("table", "markdown"):
            result = fold_labels(result)
    if output_format == "table":
        console.print(to_rich_table(result))
    else:
        sys.stdout.write(format_result(result, output_format))
        if result.truncated:
            errors.print(f"note: stopped after {max_rows} rows (--max-rows)")


@app.command()
@handles_errors
def serve(
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    timeout: Annotated[float, typer.Option("--timeout", help="Per-query wall-clock limit, seconds.")] = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Row cap per answer (signalled).")] = 10_000,
    allowed_host: Annotated[
        list[str] | None, typer.Option("--allowed-host", help="Extra Host header names to accept.")
    ] = None,
    cors: Annotated[
        list[str] | None, typer.Option("--cors", help="Browser origin allowed to read results.")
    ] = None,
    graph_page: Annotated[
        Path | None, typer.Option("--graph-page", help="Interactive page to serve at /graph.")
    ] = None,
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql with a query page at /."""
    from graphkit.dataset import load
    from graphkit.paths import project_paths
    from graphkit.sparql.endpoint import is_loopback
    from graphkit.sparql.endpoint import serve as serve_endpoint

    def announce(url: str) -> None:
        console.print(f"SPARQL endpoint: {url}   query page: {url.removesuffix('sparql')}")
        console.print("press Ctrl+C to stop")

    load(engine="memory")  # rebuild first if the inputs changed
    if not is_loopback(host):
        errors.print(f"[yellow]warning:[/yellow] binding {host} exposes the endpoint beyond this machine")
    serve_endpoint(
        project_paths().nquads,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        allowed_hosts=allowed_host or (),
        cors_origins=cors or (),
        graph_page=graph_page,
        on_ready=announce,
    )


@app.command()
@handles_errors
def push(
    url: Annotated[
        str, typer.Argument(help="The store's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")
    ],
) -> None:
    """Load the built dataset into a triple store, one named graph at a time (Graph Store Protocol)."""
    from graphkit.dataset import load
    from graphkit.paths import project_paths
    from graphkit.sparql.push import push as push_dataset

    load(engine="memory")
    report = push_dataset(project_paths().nquads, url)
    console.print(f"pushed {report.triples:,} triples in {len(report.graphs)} named graphs to {report.url}")


_NARY_HELP = "keep n-ary records (conferrals, editions, roles) as nodes, or collapse them into labelled edges"
_REPORTS = ("summary", "centrality", "communities", "brokers", "continuity")

# The views `analyze` and `viz` share (see graphkit.network.select_view).
YearOption = Annotated[int | None, typer.Option("--year", help="Only what that year's documents state.")]
DocumentOption = Annotated[str | None, typer.Option("--document", help="Only what one document states.")]
EditionOption = Annotated[str | None, typer.Option("--edition", help="Only one program edition.")]
TypeOption = Annotated[
    list[str] | None, typer.Option("--type", help="Only entities of this type (repeatable).")
]
FocusOption = Annotated[str | None, typer.Option("--focus", help="Only the ego graph of this entity.")]


def _project_view(nary: str, **view: Any):
    from graphkit.dataset import load
    from graphkit.errors import InputError
    from graphkit.network import project, select_view

    if nary not in ("keep", "collapse"):
        raise InputError(f"--nary is 'keep' or 'collapse', not {nary!r}")
    return select_view(project(load(), nary=nary), **view)


def _frame_table(frame, title: str | None = None, *, top: int | None = None) -> Table:
    """Render a DataFrame as a rich table (IRIs left out, long text folded)."""
    from rich.text import Text

    frame = frame.drop(columns=[c for c in frame.columns if c == "node" or c.endswith("_node")])
    table = Table(title=title, title_justify="left")
    table.add_column("#", justify="right")
    for column in frame.columns:
        numeric = frame[column].dtype.kind in "if"
        table.add_column(str(column), overflow="fold", justify="right" if numeric else "left")
    for rank, row in (frame.head(top) if top else frame).iterrows():
        cells = [f"{v:.4f}" if isinstance(v, float) else str(v) for v in row]
        table.add_row(str(rank), *(Text(c) for c in cells))
    if len(frame) == 0:
        table.add_row("", Text("(none)"))
    return table


def _communities_text(frame) -> str:
    import textwrap

    blocks = []
    for rank, row in frame.iterrows():
        members = textwrap.fill(
            "; ".join(row["members"]),
            width=96,
            initial_indent="   members: ",
            subsequent_indent="            ",
        )
        blocks.append(
            f"{rank}. {row['size']} entities, hub {row['hub']}\n   types: {row['types']}\n{members}"
        )
    return "\n".join(blocks)


@app.command()
@handles_errors
def analyze(
    report: Annotated[
        list[str] | None,
        typer.Option(
            "--report", "-r", help=f"What to show (repeatable): {', '.join(_REPORTS)}; default all."
        ),
    ] = None,
    nary: Annotated[str, typer.Option("--nary", help=_NARY_HELP)] = "keep",
    year: YearOption = None,
    document: DocumentOption = None,
    edition: EditionOption = None,
    entity_type: TypeOption = None,
    focus: FocusOption = None,
    radius: Annotated[int, typer.Option("--radius", help="Radius of the ego graph.")] = 1,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure", help="Centrality measure (repeatable): degree, betweenness, eigenvector, pagerank."
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Rows of the centrality ranking.")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the Louvain community detection.")] = 42,
    years: Annotated[str, typer.Option("--years", help="Years compared for continuity.")] = "2021,2023",
    export: Annotated[
        Path | None,
        typer.Option("--export", help="Also write the graph: .graphml, .gexf, .json, or a folder for csv."),
    ] = None,
    export_format: Annotated[
        str | None,
        typer.Option("--export-format", help="graphml, gexf, json or csv (default: from the suffix)."),
    ] = None,
) -> None:
    """Analyse the network: summary, centrality, communities, brokers, continuity across years."""
    from graphkit.errors import InputError
    from graphkit.network import brokers, centrality, communities, continuity, export_graph, summary

    reports = report or list(_REPORTS)
    unknown = [r for r in reports if r not in _REPORTS]
    if unknown:
        raise InputError(f"unknown report {unknown[0]!r}; use {', '.join(_REPORTS)}")
    G, filters = _project_view(
        nary, year=year, document=document, edition=edition, focus=focus, radius=radius, types=entity_type
    )
    console.rule(G.graph.get("title", "graph") + (f" ({'; '.join(filters)})" if filters else ""))
    if "summary" in reports:
        console.print(str(summary(G)), markup=False)
    if "centrality" in reports:
        console.rule("centrality")
        table = centrality(G, measures=measure or ("degree", "betweenness", "pagerank"), top=top)
        console.print(_frame_table(table))
    if "communities" in reports:
        console.rule(f"communities (Louvain, seed {seed})")
        console.print(_communities_text(communities(G, seed=seed)), markup=False)
    if "brokers" in reports:
        console.rule("brokers")
        found = brokers(G)
        console.print(
            _frame_table(
                found.articulation_points,
                "articulation points (removing one cuts its component apart)",
                top=top,
            )
        )
        console.print(_frame_table(found.bridges, "bridges (removing one cuts its component apart)", top=top))
    if "continuity" in reports:
        try:
            wanted = tuple(int(y) for y in years.split(","))
        except ValueError:
            raise InputError(f"--years takes years separated by commas, not {years!r}") from None
        console.rule(f"continuity: entities in the material of {' and '.join(map(str, wanted))}")
        console.print(_frame_table(continuity(G, years=wanted)))
    if export is not None:
        for written in export_graph(G, export, format=export_format):
            console.print(f"wrote {written}")


@app.command()
@handles_errors
def path(
    source: Annotated[str, typer.Argument(help="An entity's name or alias.")],
    target: Annotated[str, typer.Argument(help="Another entity's name or alias.")],
    nary: Annotated[str, typer.Option("--nary", help=_NARY_HELP)] = "keep",
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or csv.")] = "text",
) -> None:
    """Print the shortest path between two entities, each hop with the quote that supports it."""
    from graphkit.errors import InputError
    from graphkit.network import shortest_path

    if output_format not in ("text", "csv"):
        raise InputError(f"--format is 'text' or 'csv', not {output_format!r}")
    G, _ = _project_view(nary)
    found = shortest_path(G, source, target)
    if output_format == "csv":
        sys.stdout.write(found.to_frame().to_csv(index=False))
    else:
        console.print(str(found), markup=False)


@app.command()
@handles_errors
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "out/graphkit.html"
    ),
    nary: Annotated[str, typer.Option("--nary", help=_NARY_HELP)] = "keep",
    year: YearOption = None,
    document: DocumentOption = None,
    edition: EditionOption = None,
    entity_type: TypeOption = None,
    focus: FocusOption = None,
    depth: Annotated[int, typer.Option("--depth", help="Radius of the ego graph.")] = 1,
    size_by: Annotated[str, typer.Option("--size-by", help="degree, betweenness or documents.")] = "degree",
    max_nodes: Annotated[
        int | None, typer.Option("--max-nodes", help="Above this many entities show a reduced view.")
    ] = None,
) -> None:
    """Write a self-contained interactive HTML page of the graph (works offline)."""
    from graphkit.errors import InputError
    from graphkit.viz import DEFAULT_MAX_NODES, SIZE_MEASURES, build_page

    if size_by not in SIZE_MEASURES:
        raise InputError(f"--size-by is one of {', '.join(SIZE_MEASURES)}, not {size_by!r}")
    G, filters = _project_view(
        nary, year=year, document=document, edition=edition, focus=focus, radius=depth, types=entity_type
    )
    page = build_page(
        G,
        caption="; ".join(filters) or None,
        size_by=size_by,
        max_nodes=max_nodes if max_nodes is not None else DEFAULT_MAX_NODES,
    )
    written = page.write(output)
    if page.reduced:
        errors.print(f"[yellow]note:[/yellow] {page.note}")
    console.print(
        f"wrote {written} ({page.nodes_shown} entities, {page.edges_shown} relations)", markup=False
    )


@app.command()
@handles_errors
def synth(
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write the checkout in.")],
    triples: Annotated[
        int, typer.Option("--triples", help="About how many triples to make.", min=1)
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", help="The random seed (same seed and size, same bytes).")
    ] = 42,
) -> None:
    """Write a synthetic checkout of invented announcements and build it (for benchmarks)."""
    from graphkit.synth import build_nquads, documents_for, synthesize

    root = synthesize(output, documents=documents_for(triples), seed=seed)
    nquads = build_nquads(root)
    with nquads.open("rb") as handle:
        quads = sum(1 for _ in handle)
    console.print(f"wrote {nquads} ({quads:,} quads from {documents_for(triples):,} documents)", markup=False)
    console.print(f"query it with GRAPHKIT_HOME={root} graphkit query heroes", markup=False)


def main() -> None:
    """Run the command line (the ``graphkit`` console script)."""
    app(prog_name="graphkit")


if __name__ == "__main__":
    sys.exit(main())
