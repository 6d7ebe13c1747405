"""The ``graphkit`` command: a thin layer over the Python API.

Each command parses its options, calls the API and prints with rich. Errors a
user can cause (:class:`~graphkit.errors.GraphkitError`) print one line (plus
the error's hint, if any) and exit non-zero: 2 for bad input, 1 when the data
breaks the shapes. Error lines are never wrapped, never read as rich markup or
emoji codes (``file.yaml:100:`` stays as it is), and control characters in
them are shown as escapes. Set ``GRAPHKIT_DEBUG=1`` to see the traceback instead.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from graphkit.errors import GraphkitError, ValidationError

__all__ = ["app", "main"]

app = typer.Typer(
    name="graphkit",
    help="Build and explore the evidence-backed knowledge graph of the TIP Report Heroes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False, emoji=False)
errors = Console(stderr=True, highlight=False, emoji=False)

# C0/C1 controls, line and paragraph separators, and bidirectional overrides:
# in a message they could move the cursor, split a line or reorder the text.
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    r"""Return *text* with unprintable characters shown as escapes (``\x1b``).

    Examples
    --------
    >>> _printable("a\x1b[2Jb")
    'a\\x1b[2Jb'
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _print_error(exc: BaseException) -> None:
    """Print ``error: MESSAGE`` (then the message's further lines and the hint) unwrapped, as plain text."""
    first, *rest = _printable(str(exc)).split("\n")
    errors.print(Text.assemble(("error:", "red"), " ", first), soft_wrap=True)
    for line in rest:
        errors.print(Text(line), soft_wrap=True)
    hint = getattr(exc, "hint", None)
    if hint:
        errors.print(Text.assemble(("hint:", "yellow"), " ", _printable(hint)), soft_wrap=True)


def _print_note(kind: str, message: str, *, style: str = "yellow") -> None:
    """Print ``KIND: MESSAGE`` to stderr as plain text (user text is never read as markup)."""
    errors.print(Text.assemble((f"{kind}:", style), " ", _printable(message)), soft_wrap=True)


# Piped output is not wrapped at 80 columns: a table is as wide as its content.
_PIPE_WIDTH = 100_000


def _print_table(table: Table) -> None:
    if console.is_terminal:
        console.print(table)
    else:
        Console(highlight=False, width=_PIPE_WIDTH).print(table)


def _rule(title: str) -> None:
    if console.is_terminal:
        console.rule(title)
    else:
        _print_text(f"── {title} ──")


def _print_text(text: str) -> None:
    console.print(text, markup=False, soft_wrap=not console.is_terminal)


def _choice(value: str, choices: tuple[str, ...] | list[str], option: str) -> str:
    """Read an option's value case-insensitively; an unknown one is an error listing the choices."""
    import difflib

    from graphkit.errors import InputError

    wanted = value.strip().lower()
    if wanted in choices:
        return wanted
    close = difflib.get_close_matches(wanted, list(choices), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise InputError(f"{option} is one of {', '.join(choices)}, not {value!r}{hint}")


def _note(match) -> None:
    if match.note:
        _print_note("note", match.note, style="cyan")


def _print_violations(violations: list) -> None:
    table = Table(title=f"{len(violations)} SHACL violation(s)", show_lines=False)
    for column in ("focus node", "path", "message", "value"):
        table.add_column(column, overflow="fold")
    for v in violations:
        cells = (f"{v.focus_label}\n<{v.focus}>", v.path, v.message, v.value)
        table.add_row(*(Text(_printable(str(cell))) for cell in cells))
    errors.print(table)


def handles_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn graphkit errors into one clear message and an exit code.

    rdflib logs warnings about its input (an IRI it doubts, a literal it cannot
    convert) on stderr before any error is raised; the command's own error
    line says what is wrong, so only rdflib's errors are shown.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        logging.getLogger("rdflib").setLevel(logging.ERROR)
        try:
            return command(*args, **kwargs)
        except ValidationError as exc:
            if os.environ.get("GRAPHKIT_DEBUG"):
                raise
            _print_violations(exc.violations)
            _print_error(exc)
            raise typer.Exit(1) from None
        except GraphkitError as exc:
            if os.environ.get("GRAPHKIT_DEBUG"):
                raise
            _print_error(exc)
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
    _print_table(totals)
    by_type = Table(title="entities by type")
    by_type.add_column("type")
    by_type.add_column("entities", justify="right")
    for name, count in summary.entities_by_type.items():
        by_type.add_row(name, str(count))
    _print_table(by_type)


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
    console.print(f"data: {paths.describe()}", markup=False, soft_wrap=True)
    previous = _previous_build(paths) if not check else None
    result = build_dataset(paths.root, write=not check)
    if check:
        current = paths.nquads.read_bytes() if paths.nquads.is_file() else b""
        if serialize_nquads(result.dataset) != current:
            _print_note("error", "data/build/ is stale: run `graphkit build`", style="red")
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
    _print_build_changes(previous, result.dataset)


def _previous_build(paths):
    """Return the dataset of the previous build, if there is one that still reads."""
    from graphkit.errors import GraphkitError
    from graphkit.rdf.store import open_store

    if not paths.nquads.is_file():
        return None
    try:
        return open_store(paths.nquads, engine="memory")
    except (GraphkitError, ValueError, SyntaxError):
        return None


def _print_build_changes(previous, dataset) -> None:
    from graphkit.rdf.diff import diff_builds, format_changes

    for line in format_changes(diff_builds(previous, dataset), previous, dataset):
        console.print(line, markup=False)


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
def lint(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    show_all: Annotated[
        bool, typer.Option("--all", help="Also list the findings a 'reviewed:' note accepts.")
    ] = False,
) -> None:
    """List the facts a person should check: what their quote does not name, group facts given to members.

    Exit 1 while a finding is open (not accepted by a 'reviewed:' note in the facts file).
    """
    import json

    from graphkit.corpus import load_corpus
    from graphkit.errors import InputError
    from graphkit.facts import load_facts
    from graphkit.facts.lint import lint_facts
    from graphkit.paths import project_paths
    from graphkit.vocab.ontology import load_vocabulary

    if output_format not in ("table", "json"):
        raise InputError(f"--format is 'table' or 'json', not {output_format!r}")
    paths = project_paths()
    vocab = load_vocabulary(paths.ontology)
    corpus = load_corpus(paths)
    findings = lint_facts(load_facts(corpus, vocab, paths), corpus, vocab)
    still_open = [f for f in findings if f.is_open]
    shown = findings if show_all else still_open
    if output_format == "json":
        sys.stdout.write(json.dumps([f.to_dict() for f in shown], ensure_ascii=False, indent=2) + "\n")
    elif shown:
        table = Table(show_lines=True, expand=True)
        table.add_column("where", no_wrap=True)
        for column in ("fact", "reason", *(("reviewed",) if show_all else ())):
            table.add_column(column, overflow="fold", ratio=1)
        for f in shown:
            cells = [f.source, f"[{', '.join(f.fact)}]", f"{f.kind}: {f.reason}"]
            table.add_row(*cells, *((f.reviewed or "",) if show_all else ()))
        console.print(table, markup=False)
    reviewed = len(findings) - len(still_open)
    errors.print(
        f"{len(still_open)} fact(s) to check; {reviewed} reviewed (accepted with a 'reviewed:' note"
        + ("" if show_all else "; --all lists them")
        + ")",
        soft_wrap=True,
    )
    if still_open:
        raise typer.Exit(1)


@app.command()
@handles_errors
def stats() -> None:
    """Print which data is used and what it holds: triples, documents, entities by type."""
    from graphkit.dataset import load, summarize
    from graphkit.paths import project_paths

    paths = project_paths()
    console.print(f"data: {paths.describe()}", markup=False, soft_wrap=True)
    _print_summary(summarize(load(paths.root)))


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
    _print_table(table)


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
    from graphkit.sparql.engine import run_query
    from graphkit.sparql.library import get_query, query_names, suggest_query
    from graphkit.sparql.results import FORMATS, GRAPH_FORMATS

    if list_all:
        _print_query_list()
        return
    if query is None:
        raise QueryError("give a named question, a .rq file or SPARQL text (see graphkit query --list)")
    output_format = _choice(output_format, FORMATS, "--format")
    params = _parse_params(param or [])
    source = _source(endpoint)
    if query in query_names():
        named = get_query(query)
        values, matches = named.resolve_entities(params, source)
        for match in matches.values():
            _note(match)
        text, bindings = named.text, named.bindings(values)
    else:
        path = Path(query)
        if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and path.is_file()):
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise QueryError(f"cannot read query file {query}: {exc.strerror}") from None
        elif not any(ch.isspace() or ch in "{}" for ch in query.strip()):
            close = suggest_query(query)
            hint = f"did you mean {close}? " if close else ""
            raise QueryError(f"no named question {query!r}; {hint}see graphkit query --list")
        else:
            text = query
        bindings = params
    result = run_query(source, text, bindings=bindings, max_rows=max_rows)
    if result.form == "ASK" and output_format == "table":
        console.print("true" if result.boolean else "false")
        raise typer.Exit(0 if result.boolean else 1)
    if result.form in ("CONSTRUCT", "DESCRIBE") and output_format not in GRAPH_FORMATS:
        output_format = "turtle"
    _print_result(result, source, output_format, labels=labels, max_rows=max_rows)


def _source(endpoint: str | None):
    """Return what to ask: the endpoint when one is given, else the built graph's bare Oxigraph store."""
    from graphkit.sparql.engine import Endpoint

    if endpoint:
        return Endpoint(endpoint)
    from graphkit.dataset import load_store

    return load_store()


def _print_result(result, source, output_format: str, *, labels: bool, max_rows: int | None) -> None:
    """Print a result as ``graphkit query`` does: labels added, tables for people, formats for tools."""
    from graphkit.sparql.engine import add_labels
    from graphkit.sparql.results import fold_labels, format_result, to_rich_table

    if labels and result.form == "SELECT":
        result = add_labels(result, source)
        if output_format in ("table", "markdown"):
            result = fold_labels(result)
    if output_format == "table":
        _print_table(to_rich_table(result))
    else:
        sys.stdout.write(format_result(result, output_format))
        if result.truncated:
            errors.print(f"note: stopped after {max_rows} rows (--max-rows)")


def _evidence_table(found) -> Table:
    """One row per statement: the statement in words, the full quote, and where it stands."""
    from rich.text import Text

    from graphkit.sparql.results import display_term, fold_labels

    result = fold_labels(found.result)
    table = Table(show_lines=True, highlight=False, expand=console.is_terminal)
    table.add_column("statement", overflow="fold", ratio=2)
    table.add_column("quote", overflow="fold", ratio=4)
    table.add_column("facts file:line, document and offsets", overflow="fold", ratio=3)
    for row in result.records():
        statement = " · ".join(display_term(row[c]) for c in ("subject", "predicate", "object"))
        where = (
            f"{display_term(row['source'])}\n{row['document_id']}, characters "
            f"{display_term(row['start'])}-{display_term(row['end'])}\n{display_term(row['document'])}"
        )
        table.add_row(Text(statement), Text(str(row["quote"])), Text(where))
    n = len(result)
    table.caption = f"{n} statement{'s' if n != 1 else ''}"
    return table


@app.command()
@handles_errors
def evidence(
    name: Annotated[str, typer.Argument(help="The entity: a name, an alias, part of one, an id or an IRI.")],
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="table, markdown, csv, tsv, json, xml."),
    ] = "table",
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", "-e", help="Run against this SPARQL 1.1 endpoint URL.")
    ] = None,
) -> None:
    """List every statement about an entity with its full quote, document, offsets and facts file:line.

    Statements about the records that name the entity (the date and presenter
    of an award it received, a role it holds) are included: their subject is
    the record. The machine formats add the IRIs, ``via`` (the record) and a
    ``<column>_label`` column next to each IRI column.
    """
    from graphkit.entity_evidence import find_evidence
    from graphkit.sparql.results import SELECT_FORMATS, fold_labels

    output_format = _choice(output_format, SELECT_FORMATS, "--format")
    source = _source(endpoint)
    found = find_evidence(source, name)
    _note(found.match)
    entity = found.match.entity
    if output_format == "table":
        errors.print(Text(f"evidence about {_printable(entity.describe())}"), soft_wrap=True)
        _print_table(_evidence_table(found))
    else:  # the labels are there already; markdown shows them in place of the IRIs
        result = fold_labels(found.result) if output_format == "markdown" else found.result
        _print_result(result, source, output_format, labels=False, max_rows=None)


@app.command()
@handles_errors
def serve(
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    timeout: Annotated[float, typer.Option("--timeout", help="Per-query wall-clock limit, seconds.")] = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Row cap per answer (signalled).")] = 10_000,
    workers: Annotated[int, typer.Option("--workers", help="Query worker processes.")] = 2,
    memory_limit: Annotated[
        str,
        typer.Option(
            "--memory-limit",
            help="Memory cap per worker: 512M, 2GiB, none; default a quarter of RAM, at most 2 GiB.",
        ),
    ] = "default",
    queue_size: Annotated[
        int, typer.Option("--queue-size", help="Queries that may wait for a worker; more get 503.")
    ] = 64,
    allowed_host: Annotated[
        list[str] | None, typer.Option("--allowed-host", help="Extra Host header names to accept.")
    ] = None,
    cors: Annotated[
        list[str] | None,
        typer.Option("--cors", help="Browser origin allowed to query and read results (repeatable)."),
    ] = None,
    graph_page: Annotated[
        Path | None, typer.Option("--graph-page", help="Interactive page to serve at /graph.")
    ] = None,
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql with a query page at /."""
    from graphkit.dataset import load
    from graphkit.paths import project_paths
    from graphkit.sparql.endpoint import serve as serve_endpoint
    from graphkit.sparql.worker import parse_size

    def announce(server) -> None:
        page = server.url.removesuffix("sparql")
        console.print(f"SPARQL endpoint: {server.url}   query page: {page}", soft_wrap=True)
        console.print(f"limits: {server.limits}", soft_wrap=True)
        if not server.pool.isolated:
            errors.print("warning: the query workers can reach the network (queries are still checked)")
        console.print("press Ctrl+C to stop")

    limit = "default" if memory_limit == "default" else parse_size(memory_limit)
    load(engine="memory")  # rebuild first if the inputs changed
    serve_endpoint(
        project_paths().nquads,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        memory_limit=limit,
        queue_size=queue_size,
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
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds each request (one graph) may take in all.")
    ] = 120.0,
    deadline: Annotated[float, typer.Option("--deadline", help="Seconds the whole push may take.")] = 600.0,
) -> None:
    """Load the built dataset into a triple store, one named graph at a time (Graph Store Protocol)."""
    from graphkit.dataset import load
    from graphkit.paths import project_paths
    from graphkit.sparql.push import push as push_dataset

    load(engine="memory")
    report = push_dataset(project_paths().nquads, url, timeout=timeout, deadline=deadline)
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
FocusOption = Annotated[
    str | None, typer.Option("--focus", help="Only the entities around this one (a name, alias, id).")
]
RadiusOption = Annotated[
    int, typer.Option("--radius", help="With --focus: how many hops around the entity to keep.")
]


def _project_view(nary: str, *, focus: str | None = None, radius: int = 1, **view: Any):
    """Project the graph and select the view; the focus is found among the entities of the view."""
    from graphkit.dataset import load
    from graphkit.errors import InputError
    from graphkit.network import project, select_view
    from graphkit.network.labels import match_node

    G, filters = select_view(project(load(), nary=_choice(nary, ("keep", "collapse"), "--nary")), **view)
    if focus is None:
        return G, filters
    try:
        match = match_node(G, focus)
    except InputError as exc:
        if not filters:
            raise
        raise InputError(f"{exc} (among the entities of the view: {'; '.join(filters)})") from None
    _note(match)
    G, around = select_view(G, focus=match.iri, radius=radius)
    return G, filters + around


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
    radius: RadiusOption = 1,
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
    from graphkit.network.analysis import MEASURES
    from graphkit.network.export import FORMATS as EXPORT_FORMATS
    from graphkit.network.export import export_format as export_format_for

    reports = [_choice(r, _REPORTS, "--report") for r in report or _REPORTS]
    measures = [_choice(m, MEASURES, "--measure") for m in measure or ("degree", "betweenness", "pagerank")]
    if export_format is not None:
        export_format = _choice(export_format, EXPORT_FORMATS, "--export-format")
    if export is not None:
        export_format = export_format_for(export, export_format)  # refuse a bad suffix before any work
    G, filters = _project_view(
        nary, year=year, document=document, edition=edition, focus=focus, radius=radius, types=entity_type
    )
    _rule(G.graph.get("title", "graph") + (f" ({'; '.join(filters)})" if filters else ""))
    if "summary" in reports:
        _print_text(str(summary(G)))
    if "centrality" in reports:
        _rule("centrality")
        table = centrality(G, measures=measures, top=top)
        _print_table(_frame_table(table))
        for note in table.attrs["notes"]:
            _print_text(f"Note: {note}.")
    if "communities" in reports:
        _rule(f"communities (Louvain, seed {seed})")
        _print_text(_communities_text(communities(G, seed=seed)))
    if "brokers" in reports:
        _rule("brokers")
        found = brokers(G)
        _print_table(
            _frame_table(
                found.articulation_points,
                "articulation points (removing one cuts its component apart)",
                top=top,
            )
        )
        _print_table(_frame_table(found.bridges, "bridges (removing one cuts its component apart)", top=top))
    if "continuity" in reports:
        try:
            wanted = tuple(int(y) for y in years.split(","))
        except ValueError:
            raise InputError(f"--years takes years separated by commas, not {years!r}") from None
        _rule(f"continuity: entities in the material of {' and '.join(map(str, wanted))}")
        _print_table(_frame_table(continuity(G, years=wanted)))
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
    from graphkit.network import shortest_path
    from graphkit.network.labels import match_node

    output_format = _choice(output_format, ("text", "csv"), "--format")
    G, _ = _project_view(nary)
    ends = [match_node(G, name) for name in (source, target)]
    for match in ends:
        _note(match)
    found = shortest_path(G, ends[0].iri, ends[1].iri)
    if output_format == "csv":
        sys.stdout.write(found.to_frame().to_csv(index=False))
    else:
        _print_text(str(found))


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
    radius: RadiusOption = 1,
    size_by: Annotated[str, typer.Option("--size-by", help="degree, betweenness or documents.")] = "degree",
    max_nodes: Annotated[
        int | None, typer.Option("--max-nodes", help="Above this many entities show a reduced view.")
    ] = None,
) -> None:
    """Write a self-contained interactive HTML page of the graph (works offline)."""
    from graphkit.viz import DEFAULT_MAX_NODES, SIZE_MEASURES, build_page

    size_by = _choice(size_by, SIZE_MEASURES, "--size-by")
    G, filters = _project_view(
        nary, year=year, document=document, edition=edition, focus=focus, radius=radius, types=entity_type
    )
    page = build_page(
        G,
        caption="; ".join(filters) or None,
        size_by=size_by,
        max_nodes=max_nodes if max_nodes is not None else DEFAULT_MAX_NODES,
    )
    written = page.write(output)
    if page.reduced:
        _print_note("note", page.note)
    console.print(
        f"wrote {written} ({page.nodes_shown} entities, {page.edges_shown} relations)", markup=False
    )


# --- growing the graph: add, extract, review, accept, evaluate -------------------------------------------


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(value: str | None, option: str, question: str, *, required: bool) -> str | None:
    if value is not None:
        return value or None
    if _on_terminal():
        answer = typer.prompt(question, default="" if not required else None, show_default=False)
        return answer.strip() or None
    if required:
        from graphkit.errors import InputError

        raise InputError(f"{option} is required when graphkit add is not run on a terminal")
    return None


@app.command()
@handles_errors
def add(
    path: Annotated[Path, typer.Argument(help="A UTF-8 text file, or a web page saved as HTML.")],
    title: Annotated[str | None, typer.Option("--title", help="The headline.")] = None,
    publisher: Annotated[
        str | None, typer.Option("--publisher", help="The publisher: an entity id or name.")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD or YYYY.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The page's address.")] = None,
    document_id: Annotated[
        str | None, typer.Option("--id", help="The document id (default: from the title).")
    ] = None,
) -> None:
    """Copy a document into the corpus and register it in the manifest (asks for what is missing)."""
    from graphkit.corpus import add_document
    from graphkit.paths import project_paths

    title = _ask(title, "--title", "Title", required=True)
    publisher = _ask(
        publisher, "--publisher", "Publisher (entity id or name, blank if unknown)", required=False
    )
    date = _ask(date, "--date", "Date (YYYY-MM-DD or YYYY, blank if unknown)", required=False)
    url = _ask(url, "--url", "Address (blank if unknown)", required=False)
    paths = project_paths()
    added = add_document(
        path, title=title, publisher=publisher, date=date, url=url, document_id=document_id, paths=paths
    )
    console.print(
        f"added {added.id}: {added.file.relative_to(paths.root).as_posix()} (sha256 {added.sha256[:12]}...)"
    )
    if added.original is not None:
        console.print(f"  main text extracted from the page; original kept as {added.original.name}")
    for span in added.boilerplate:
        console.print(f"  boilerplate: {span.kind} at characters {span.start}-{span.end}")
    if added.publisher_note:
        console.print(f"  note: {added.publisher_note}", markup=False)
    console.print(f"next: graphkit extract {added.id}")


@app.command()
@handles_errors
def extract(
    target: Annotated[str, typer.Argument(help="A document id of the corpus, or the path of any text file.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Draft facts for a document: entities and claims with quotes, offsets and confidence.

    For a corpus document the draft is written to data/drafts/<id>.yaml; for a
    file outside the corpus it is only printed. The graph is not changed.
    """
    import json

    from graphkit.errors import InputError
    from graphkit.extract.graph import draft_json
    from graphkit.extract.workflow import extract_document
    from graphkit.paths import project_paths
    from graphkit.vocab.ontology import load_vocabulary

    if output_format not in ("table", "json"):
        raise InputError(f"unknown format {output_format!r}; use table or json")
    paths = project_paths()
    draft, text, written = extract_document(target)
    if output_format == "json":
        data = draft_json(draft, text, load_vocabulary(paths.ontology))
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    new = draft.new_entities()
    table = Table(title=f"draft of {draft.document}: {len(new)} new entities, {len(draft.claims)} claims")
    for column in ("claim", "conf.", "facts", "quote"):
        table.add_column(column, overflow="fold")
    for claim in draft.claims:
        facts = "\n".join(" ".join(f) for f in claim.facts) or "mentions: " + ", ".join(claim.mentions)
        table.add_row(claim.id, f"{claim.confidence:.2f}", Text(facts), Text(_printable(claim.quote[:160])))
    console.print(table)
    for entity in new:
        if entity.merge:
            console.print(
                f"merge proposed: {entity.id} -> {entity.merge['into']} ({entity.merge['reason']})",
                markup=False,
            )
    if not draft.claims:
        console.print("the text names no entity the extractor recognises: the draft is empty")
    if written is not None:
        console.print(
            f"wrote {written.relative_to(paths.root).as_posix()}; next: graphkit review {draft.document}"
        )


def _show_claim(draft, claim, text: str) -> None:
    before = text[max(0, claim.start - 160) : claim.start]
    after = text[claim.end : claim.end + 160]
    console.print(Text(f"\n{claim.id} ({claim.status}, confidence {claim.confidence:.2f})", style="bold"))
    console.print(
        Text.assemble(
            ("..." + _printable(before), "dim"),
            (_printable(claim.quote), "reverse"),
            (_printable(after) + "...", "dim"),
        )
    )

    def label(x: str) -> str:
        entity = draft.entities.get(x)
        return f"{entity.label} ({x})" if entity else repr(x)

    for s, p, o in claim.facts:
        console.print(f"  {label(s)}  {p}  {label(o) if o in draft.entities else repr(o)}", markup=False)
    if claim.mentions:
        console.print("  mentions: " + ", ".join(label(m) for m in claim.mentions), markup=False)


@app.command()
@handles_errors
def review(
    document_id: Annotated[str, typer.Argument(help="The document whose draft to review.")],
    accept: Annotated[list[str] | None, typer.Option("--accept", help="Accept these claim ids.")] = None,
    reject: Annotated[list[str] | None, typer.Option("--reject", help="Reject these claim ids.")] = None,
    accept_all: Annotated[bool, typer.Option("--accept-all", help="Accept every proposed claim.")] = False,
    merge: Annotated[
        list[str] | None,
        typer.Option("--merge", help="Accept the merge proposed for this drafted entity id."),
    ] = None,
) -> None:
    """Check a draft claim by claim: each fact with its sentence highlighted; accept, reject or edit.

    On a terminal without options it asks about every proposed claim and
    merge; elsewhere use --accept/--reject/--accept-all/--merge.
    """
    import yaml

    from graphkit.corpus import load_corpus
    from graphkit.extract.workflow import draft_path, review_draft
    from graphkit.paths import project_paths

    paths = project_paths()
    text = load_corpus(paths)[document_id].text
    scripted = bool(accept or reject or accept_all or merge)
    if scripted or not _on_terminal():
        draft = review_draft(
            document_id, accept=accept or [], reject=reject or [], accept_all=accept_all, merges=merge or []
        )
        if not scripted:
            for claim in draft.claims:
                _show_claim(draft, claim, text)
            console.print("\nnot a terminal: pass --accept ID, --reject ID, --accept-all or --merge ID")
    else:
        from graphkit.extract.draft import read_draft, write_draft
        from graphkit.extract.workflow import known_entities

        known = {k.id: (k.type, k.label) for k in known_entities(paths)}
        path = draft_path(paths, document_id)
        draft = read_draft(path, known)
        for claim in draft.claims:
            if claim.status != "proposed":
                continue
            _show_claim(draft, claim, text)
            choice = typer.prompt("[a]ccept, [r]eject, [e]dit, [s]kip, [q]uit", default="s")[:1].lower()
            if choice == "q":
                break
            if choice == "a":
                claim.status = "accepted"
            elif choice == "r":
                claim.status = "rejected"
            elif choice == "e":
                edited = typer.edit(yaml.safe_dump({"facts": claim.facts, "mentions": claim.mentions}))
                if edited is not None:
                    data = yaml.safe_load(edited) or {}
                    claim.facts = [list(map(str, f)) for f in data.get("facts") or []]
                    claim.mentions = [str(m) for m in data.get("mentions") or []]
                    claim.status = "accepted"
        for entity in draft.new_entities():
            if entity.merge and entity.merge.get("status") == "proposed":
                console.print(
                    f"\nmerge {entity.label!r} ({entity.id}) into {entity.merge['into']}? "
                    f"{entity.merge['reason']}; evidence: {entity.merge.get('evidence', '')!r}",
                    markup=False,
                )
                if typer.confirm("accept the merge", default=False):
                    entity.merge["status"] = "accepted"
        write_draft(draft, path)
    counts = {s: sum(c.status == s for c in draft.claims) for s in ("accepted", "rejected", "proposed")}
    console.print(", ".join(f"{n} {s}" for s, n in counts.items()) + f"; next: graphkit accept {document_id}")


@app.command(name="accept")
@handles_errors
def accept_command(
    document_id: Annotated[
        str | None, typer.Argument(help="The document whose accepted claims to move.", show_default=False)
    ] = None,
    undo_merge: Annotated[
        str | None,
        typer.Option("--undo-merge", help="Undo the accepted merge of this drafted entity id instead."),
    ] = None,
) -> None:
    """Move a draft's accepted claims (and the entities they need) into data/facts/."""
    from graphkit.errors import InputError
    from graphkit.extract.workflow import accept_draft
    from graphkit.extract.workflow import undo_merge as undo
    from graphkit.paths import project_paths

    paths = project_paths()
    if undo_merge:
        record = undo(undo_merge)
        console.print(
            f"undid the merge of {record['drafted']} into {record['into']}: "
            f"{len(record.get('claims') or [])} claims of {record['document']} name {record['drafted']} again"
        )
        return
    if document_id is None:
        raise InputError("give the document id whose draft to accept (or --undo-merge ID)")
    result = accept_draft(document_id)
    console.print(
        f"accepted {result.claims} claims and {result.entities} new entities"
        + (f", {result.merges} merges (data/facts/merges.yaml)" if result.merges else "")
        + f" into {result.statements_file.relative_to(paths.root).as_posix()}; next: graphkit build"
    )


@app.command()
@handles_errors
def evaluate(
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the extractor against the curated facts, leaving each document out in turn."""
    import json

    from graphkit.extract.evaluate import evaluate as run_evaluation

    result = run_evaluation()
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="extraction scores (leave-one-document-out)")
    for column in ("scope", "what", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column not in ("scope", "what") else "left")

    def row(scope: str, what: str, score) -> None:
        table.add_row(
            scope,
            what,
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            str(score.tp),
            str(score.fp),
            str(score.fn),
        )

    for doc, scores in result.documents.items():
        row(doc, "entities", scores["entities"])
        row(doc, "relations", scores["relations"])
    for kind, score in sorted(result.entity_types.items()):
        row("all", f"entities: {kind}", score)
    row("all", "entities", result.entities)
    row("all", "relations", result.relations)
    console.print(table)


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
    console.print(
        f"query it from a folder outside any checkout: GRAPHKIT_HOME={root} graphkit query heroes",
        markup=False,
    )


def main() -> None:
    """Run the command line (the ``graphkit`` console script)."""
    app(prog_name="graphkit")


if __name__ == "__main__":
    sys.exit(main())
