"""Run SPARQL queries against the built dataset or a remote endpoint.

:func:`run_query` is the one function every caller uses: the CLI, the
endpoint's worker process, notebooks. It checks the query first
(:func:`~graphkit.sparql.safety.check_query`), binds parameters as RDF terms
(:func:`~graphkit.sparql.binding.bind_values`), declares graphkit's prefixes,
and then runs the same text on either

* an :class:`rdflib.Dataset` from :func:`graphkit.rdf.store.open_store`
  (Oxigraph's engine through oxrdflib by default, rdflib's own with
  ``engine="memory"``), whose default graph is the union of its named graphs; or
* a SPARQL 1.1 endpoint over HTTP (:class:`Endpoint`, or its URL as a string).
  For named questions to give the same answers there, the store must query
  the union of its named graphs by default (Oxigraph: ``--union-default-graph``;
  Fuseki: ``tdb2:unionDefaultGraph true``).

Provenance stays out of the default graph. The Oxigraph stores graphkit
opens hold the facts in their default graph (every named graph but
``gkd:graph/provenance``, see :func:`graphkit.rdf.store.facts_in_default_graph`),
so a query runs on that as it is. Elsewhere, when the dataset holds
``gkd:graph/provenance`` (the reified statements and evidence quotes, see
:mod:`graphkit.rdf.build`) and a query names no graphs of its own,
:func:`run_query` gives it a dataset: ``FROM`` every other graphkit graph,
``FROM NAMED`` every graphkit graph (provenance included), and checks that
text again; at a remote endpoint the same dataset goes in the protocol's
``default-graph-uri`` / ``named-graph-uri`` parameters (Oxigraph's server
ignores ``FROM`` when it runs with ``--union-default-graph``, but honours
those), or, at an endpoint that refuses them with 400 (graphkit's own), in
``FROM`` clauses. Ordinary triple patterns then see only facts, ``GRAPH``
patterns see every graph, on both engines and at a remote endpoint alike; a
query with its own ``FROM`` / ``FROM NAMED`` is run as written.

What runs is exactly the text the check read: :func:`prepare_query` checks the
query, then the final text (parameters bound, prefixes declared), and hands on
:attr:`~graphkit.sparql.safety.CheckedQuery.text`, composed by
:func:`~graphkit.sparql.safety.check_composed`. rdflib's engine is made
unable to reach the network by itself: graphkit sets
``rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False``, so no ``FROM`` IRI is
dereferenced, and registers a custom evaluation (``CUSTOM_EVALS``) that
refuses any ``SERVICE`` pattern, should one ever get past the check
(:func:`graphkit.rdf.store.guard_rdflib_engine`, done by every
:func:`~graphkit.rdf.store.open_store` and before rdflib's engine runs a query).
pyoxigraph offers no such switch (its evaluator always has its HTTP service
client, and ``Store.query`` takes no service handler), so for Oxigraph the
check, which also asks Oxigraph's own parser, is the guard. Neither engine has
a time limit of its own: to run untrusted queries, use the endpoint, which
runs them in a worker process it can kill.

Labels: :func:`add_labels` adds a ``<column>_label`` column after every column
holding IRIs, read from ``skos:prefLabel``, else ``rdfs:label`` (English
first). The IRIs stay as they are, so CSV and JSON keep working as identifiers.

Examples
--------
>>> from rdflib import RDFS, Dataset, Literal, URIRef
>>> ds = Dataset(default_union=True)
>>> g = ds.graph(URIRef("https://w3id.org/graphkit/id/graph/entities"))
>>> _ = g.add((URIRef("https://w3id.org/graphkit/id/x"), RDFS.label, Literal("X")))
>>> result = run_query(ds, "SELECT ?e ?n WHERE { ?e rdfs:label ?n }")
>>> result.columns, len(result)
(('e', 'n'), 1)
>>> add_labels(result, ds).columns
('e', 'e_label', 'n')
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from rdflib import SKOS

from graphkit.errors import QueryError
from graphkit.rdf.store import (
    PROVENANCE_GRAPH,
    facts_in_default_graph,
    guard_rdflib_engine,
    oxigraph_store,
    term_converter,
)
from graphkit.sparql.binding import _top_level_braces, bind_values
from graphkit.sparql.remote import check_url, one_line, redact, request
from graphkit.sparql.results import QueryResult
from graphkit.sparql.safety import (
    ALLOWED_GRAPH_PREFIX,
    CheckedQuery,
    QueryForm,
    check_composed,
    check_query,
    normalise_query,
)
from graphkit.vocab.namespaces import PREFIXES

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import pyoxigraph
    from rdflib import Dataset, Graph
    from rdflib.term import Node

__all__ = [
    "PROVENANCE_GRAPH",
    "Endpoint",
    "add_labels",
    "prepare_query",
    "provenance_free_dataset",
    "run_query",
    "with_dataset_clause",
]

_WHERE_BEFORE = re.compile(r"WHERE\s*$", re.IGNORECASE)


_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w\-.]*)?\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 Protocol endpoint to run queries against.

    Queries are sent by :func:`graphkit.sparql.remote.request`: the whole
    request must finish within ``timeout``, only same-host ``307``/``308``
    redirects are followed, and ``user:password@`` in the URL is sent as
    Basic authentication and never shown.

    Parameters
    ----------
    url : str
        The query URL, ``http://`` or ``https://`` (e.g.
        ``http://127.0.0.1:7878/query`` for Oxigraph,
        ``http://localhost:3030/ds/sparql`` for Fuseki).
    timeout : float
        Seconds one query may take, from connecting to the last byte.

    Examples
    --------
    >>> Endpoint("https://reader:secret@example.org/sparql")
    Endpoint(url='https://***@example.org/sparql', timeout=60.0)
    """

    url: str
    timeout: float = 60.0

    def __post_init__(self) -> None:
        check_url(self.url, what="an endpoint URL", error=QueryError)

    def __repr__(self) -> str:
        return f"Endpoint(url={redact(self.url)!r}, timeout={self.timeout!r})"


def prepare_query(text: str, *, bindings: Mapping[str, object] | None = None) -> tuple[CheckedQuery, str]:
    """Check a query, bind its parameters and declare graphkit's prefixes.

    Parameters
    ----------
    text : str
        The SPARQL query; it may use graphkit's prefixes without declaring them.
    bindings : mapping of str to value, optional
        Variable name to value (see :func:`graphkit.sparql.binding.to_term`).

    Returns
    -------
    tuple of (CheckedQuery, str)
        The check of the final text and that text (its ``text``), which
        declares every prefix it uses: send exactly this to an engine.

    Raises
    ------
    UnsafeQueryError, QueryError
        As :func:`~graphkit.sparql.safety.check_query` and
        :func:`~graphkit.sparql.binding.bind_values`.

    Examples
    --------
    >>> checked, final = prepare_query("ASK { ?s a schema:Person }")
    >>> checked.form, final.splitlines()[0]
    ('ASK', 'PREFIX dcterms: <http://purl.org/dc/terms/>')
    """
    if not isinstance(text, str):
        raise QueryError(f"a SPARQL query must be text, not {type(text).__name__}")
    body = normalise_query(text)
    template = check_query(body)
    if bindings:
        body = bind_values(body, bindings)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(body)}
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()) if p not in declared)
    checked = check_composed(header + body, template)
    return checked, checked.text


def run_query(
    source: Dataset | pyoxigraph.Store | Endpoint | str,
    text: str,
    *,
    bindings: Mapping[str, object] | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a read-only SPARQL query and return its result.

    Parameters
    ----------
    source : rdflib.Dataset, pyoxigraph.Store, Endpoint or str
        The dataset from :func:`graphkit.rdf.store.open_store`, the bare
        store from :func:`graphkit.rdf.store.open_oxigraph` (quicker: no rdflib
        layer), or a remote endpoint (a URL string is read as ``Endpoint(url)``).
    text : str
        A SELECT, ASK, CONSTRUCT or DESCRIBE query.
    bindings : mapping of str to value, optional
        Values for variables, bound as RDF terms by a ``VALUES`` block, never
        spliced into the text. Strings that look like IRIs (``<...>``,
        ``gkd:x``, ``https://...``) become IRIs, other strings plain literals;
        pass rdflib terms for anything else.
    max_rows : int, optional
        Keep at most this many rows (SELECT) or triples (CONSTRUCT, DESCRIBE);
        the result's ``truncated`` flag says whether more existed.

    Returns
    -------
    QueryResult
        Rows and columns for SELECT, ``boolean`` for ASK, ``graph`` for
        CONSTRUCT and DESCRIBE.

    Raises
    ------
    UnsafeQueryError
        If the query writes, uses SERVICE, or names a foreign graph.
    QueryError
        If the query is malformed, or the engine or the endpoint fails.
    """
    if max_rows is not None and max_rows < 0:
        raise QueryError("max_rows must be zero or more")
    checked, _ = prepare_query(text, bindings=bindings)
    if isinstance(source, str):
        source = Endpoint(source)
    if isinstance(source, Endpoint):
        graphs = () if checked.graphs else _remote_graphs(source)
        return _run_remote(source, checked.text, checked.form, max_rows, graphs=graphs)
    store = oxigraph_store(source)
    if not checked.graphs and not (store is not None and facts_in_default_graph(store)):
        graphs = _local_graphs(source)
        text, changed = with_dataset_clause(checked.text, graphs, construct=checked.form == "CONSTRUCT")
        if changed:
            checked = check_composed(text, checked, graphs=provenance_free_dataset(graphs)[1])
    return _run_local(source, checked, max_rows)


def provenance_free_dataset(graphs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Return the default and named graphs that keep provenance out of the default graph.

    Parameters
    ----------
    graphs : tuple of str
        The named graphs of a dataset.

    Returns
    -------
    tuple of (tuple of str, tuple of str), or None
        The graphs to merge into the default graph (every graphkit graph but
        the provenance graph) and the graphs to name (every graphkit graph),
        sorted; None when *graphs* hold no provenance graph.

    Examples
    --------
    >>> provenance_free_dataset((PROVENANCE_GRAPH, "https://w3id.org/graphkit/id/graph/entities"))[0]
    ('https://w3id.org/graphkit/id/graph/entities',)
    >>> provenance_free_dataset(("https://w3id.org/graphkit/id/graph/entities",)) is None
    True
    """
    if PROVENANCE_GRAPH not in graphs:
        return None
    ours = tuple(sorted(g for g in graphs if g.startswith(ALLOWED_GRAPH_PREFIX) and _IRI_CHARS.fullmatch(g)))
    return tuple(g for g in ours if g != PROVENANCE_GRAPH), ours


def with_dataset_clause(text: str, graphs: tuple[str, ...], *, construct: bool = False) -> tuple[str, bool]:
    """Give a query a dataset that leaves the provenance graph out of its default graph.

    Parameters
    ----------
    text : str
        A checked query that names no graphs itself.
    graphs : tuple of str
        The named graphs of the dataset it will run on.
    construct : bool
        Whether it is a CONSTRUCT query (its template comes before the pattern).

    Returns
    -------
    tuple of (str, bool)
        The text with ``FROM`` / ``FROM NAMED`` clauses before its ``WHERE``
        pattern, and True; or the text unchanged and False when *graphs*
        hold no provenance graph or the query has no ``WHERE`` pattern (a
        ``DESCRIBE <iri>``).

    Examples
    --------
    >>> g = "https://w3id.org/graphkit/id/graph/"
    >>> text, changed = with_dataset_clause("SELECT * WHERE { ?s ?p ?o }", (g + "entities", g + "provenance"))
    >>> print(text)
    SELECT * FROM <https://w3id.org/graphkit/id/graph/entities>
    FROM NAMED <https://w3id.org/graphkit/id/graph/entities>
    FROM NAMED <https://w3id.org/graphkit/id/graph/provenance>
    WHERE { ?s ?p ?o }
    """
    dataset = provenance_free_dataset(graphs)
    if dataset is None:
        return text, False
    braces = _top_level_braces(text)
    index = 1 if construct and len(braces) > 1 and not _WHERE_BEFORE.search(text[: braces[0]]) else 0
    if len(braces) <= index:
        return text, False
    at = braces[index]
    before = _WHERE_BEFORE.search(text[:at])
    if before:
        at = before.start()
    default, named = dataset
    clause = "".join(f"FROM <{g}>\n" for g in default) + "".join(f"FROM NAMED <{g}>\n" for g in named)
    gap = "" if text[:at][-1:].isspace() else "\n"  # ASK{...}: the clause must not touch the keyword
    return text[:at] + gap + clause + text[at:], True


def _local_graphs(source: Dataset | Graph | pyoxigraph.Store) -> tuple[str, ...]:
    from rdflib import Dataset

    store = oxigraph_store(source)
    if store is not None:
        return tuple(sorted(g.value for g in store.named_graphs()))
    if not isinstance(source, Dataset):
        return ()
    return tuple(sorted(str(g.identifier) for g in source.graphs()))


_REMOTE_GRAPHS: dict[str, tuple[str, ...]] = {}
#: Endpoints that refused the protocol's dataset parameters: they get FROM clauses instead.
_DATASET_IN_TEXT: set[str] = set()


def _remote_graphs(endpoint: Endpoint) -> tuple[str, ...]:
    """List the endpoint's named graphs once per process (one query)."""
    if endpoint.url not in _REMOTE_GRAPHS:
        found = _run_remote(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "SELECT", None, graphs=())
        _REMOTE_GRAPHS[endpoint.url] = tuple(sorted(str(row[0]) for row in found.rows if row[0] is not None))
    return _REMOTE_GRAPHS[endpoint.url]


# ----------------------------------------------------------------- embedded


def _execute(dataset: Dataset | Graph, checked: CheckedQuery) -> Any:
    """Run the checked text through rdflib (its own engine, or a store's).

    A query with ``FROM`` / ``FROM NAMED`` goes to the store directly without
    asking for the union default graph. (rdflib's store raises
    NotImplementedError there and the query runs through rdflib's processor.)
    """
    guard_rdflib_engine()
    if checked.graphs:
        try:
            return dataset.store.query(checked.text, {}, {}, "__QUERY_DATASET__")
        except NotImplementedError:
            pass
    return dataset.query(checked.text)


def _run_local(
    source: Dataset | Graph | pyoxigraph.Store, checked: CheckedQuery, max_rows: int | None
) -> QueryResult:
    store = oxigraph_store(source)
    if store is not None:
        return _run_oxigraph(store, checked, max_rows)
    form = checked.form
    try:
        answer = _execute(source, checked)
        if form == "ASK":
            return QueryResult(form, boolean=bool(answer.askAnswer))
        if form == "SELECT":
            columns = tuple(str(v) for v in (answer.vars or ()))
            rows, truncated = _take(
                (tuple(_plain(row[i]) for i in range(len(columns))) for row in answer), max_rows
            )
            return QueryResult(form, columns=columns, rows=rows, truncated=truncated)
        graph = answer.graph
    except QueryError:
        raise
    except Exception as exc:  # engines raise many types for runtime failures
        raise QueryError(f"the query failed: {exc}") from exc
    return _graph_result(form, graph, max_rows)


def _run_oxigraph(store: pyoxigraph.Store, checked: CheckedQuery, max_rows: int | None) -> QueryResult:
    """Run the checked text on Oxigraph itself, converting each distinct term to rdflib once.

    A query with a dataset clause sees the dataset it names. Without one, it
    sees the store's default graph when that holds the facts (an on-disk
    store: :func:`~graphkit.rdf.store.facts_in_default_graph`), else the
    union of the named graphs.
    """
    form = checked.form
    convert = term_converter()
    union = not checked.graphs and not facts_in_default_graph(store)
    try:
        answer = store.query(checked.text, use_default_graph_as_union=union)
        if form == "ASK":
            return QueryResult(form, boolean=bool(answer))
        if form == "SELECT":
            columns = tuple(v.value for v in answer.variables)
            rows, truncated = _take(
                (tuple(None if t is None else convert(t) for t in solution) for solution in answer), max_rows
            )
            return QueryResult(form, columns=columns, rows=rows, truncated=truncated)
        triples = [(convert(t.subject), convert(t.predicate), convert(t.object)) for t in answer]
    except QueryError:
        raise
    except Exception as exc:  # pyoxigraph raises OSError, RuntimeError, ... at run time
        raise QueryError(f"the query failed: {exc}") from exc
    return _graph_result(form, triples, max_rows)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _plain(term: Node | None) -> Node | None:
    """Write ``"x"^^xsd:string`` as the simple literal ``"x"``: the same RDF term.

    rdflib compares them as different; Oxigraph returns the first, SPARQL JSON
    results the second. One spelling makes embedded and remote answers equal.
    """
    from rdflib import Literal

    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def _take(rows: Any, max_rows: int | None) -> tuple[tuple[tuple[Node | None, ...], ...], bool]:
    """Read at most ``max_rows`` rows from an iterator; say whether more were left."""
    if max_rows is None:
        return tuple(rows), False
    out = []
    for row in rows:
        if len(out) == max_rows:
            return tuple(out), True
        out.append(row)
    return tuple(out), False


def _graph_result(
    form: QueryForm, graph: Iterable[tuple[Node, Node, Node]], max_rows: int | None
) -> QueryResult:
    from rdflib import Graph

    out = Graph()
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace, override=True, replace=True)
    triples = list(graph)
    truncated = max_rows is not None and len(triples) > max_rows
    if truncated:
        from graphkit.sparql.results import _sort_key

        triples = sorted(triples, key=lambda t: tuple(_sort_key(x) for x in t))[:max_rows]
    for s, p, o in triples:
        out.add((s, p, _plain(o)))
    return QueryResult(form, graph=out, truncated=truncated)


# ----------------------------------------------------------------- remote


class _EndpointAnswer(QueryError):
    """The endpoint answered with an HTTP error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _post(
    endpoint: Endpoint,
    text: str,
    accept: str,
    dataset: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
) -> tuple[str, bytes]:
    """POST a query (form-encoded, SPARQL 1.1 Protocol 2.1.2); return content type and body.

    *dataset* (default graphs, named graphs) goes in ``default-graph-uri`` and
    ``named-graph-uri`` parameters.
    """
    from urllib.parse import urlencode

    fields: dict[str, object] = {"query": text}
    if dataset is not None:
        fields["default-graph-uri"], fields["named-graph-uri"] = list(dataset[0]), list(dataset[1])
    response = request(
        "POST",
        endpoint.url,
        body=urlencode(fields, doseq=True).encode(),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        timeout=endpoint.timeout,
        error=QueryError,
        peer="the endpoint",
    )
    if response.status >= 400:
        detail = one_line(response.body[:2000].decode("utf-8", "replace"), url=endpoint.url)
        raise _EndpointAnswer(
            f"the endpoint {redact(endpoint.url)} answered {response.status} {response.reason}: {detail}",
            response.status,
        )
    return response.headers.get("Content-Type", ""), response.body


def _json_term(value: Mapping[str, str]) -> Node:
    from rdflib import BNode, Literal, URIRef

    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        datatype = value.get("datatype")
        if lang:
            return Literal(value["value"], lang=lang)
        return Literal(value["value"], datatype=URIRef(datatype) if datatype else None)
    if kind == "triple":
        raise QueryError("the endpoint returned an RDF-star triple term, which graphkit cannot read")
    raise QueryError(f"the endpoint returned a term of unknown type {kind!r}")


def _run_remote(
    endpoint: Endpoint,
    text: str,
    form: QueryForm,
    max_rows: int | None,
    *,
    graphs: tuple[str, ...],
) -> QueryResult:
    """Run the text at the endpoint, with the provenance-free dataset when *graphs* call for one."""
    dataset = provenance_free_dataset(graphs)
    if dataset is not None and endpoint.url in _DATASET_IN_TEXT:
        text, _ = with_dataset_clause(text, graphs, construct=form == "CONSTRUCT")
        text, dataset = check_query(text).text, None
    try:
        return _answer_remote(endpoint, text, form, max_rows, dataset)
    except _EndpointAnswer as exc:
        if dataset is None or exc.status != 400:
            raise
    _DATASET_IN_TEXT.add(endpoint.url)
    return _run_remote(endpoint, text, form, max_rows, graphs=graphs)


def _answer_remote(
    endpoint: Endpoint,
    text: str,
    form: QueryForm,
    max_rows: int | None,
    dataset: tuple[tuple[str, ...], tuple[str, ...]] | None,
) -> QueryResult:
    if form in ("SELECT", "ASK"):
        content_type, body = _post(endpoint, text, "application/sparql-results+json", dataset)
        try:
            doc = json.loads(body)
        except ValueError:
            raise QueryError(
                f"the endpoint did not answer with SPARQL JSON results (got {content_type or 'no type'})"
            ) from None
        if form == "ASK":
            if not isinstance(doc.get("boolean"), bool):
                raise QueryError("the endpoint's ASK answer has no boolean")
            return QueryResult(form, boolean=doc["boolean"])
        columns = tuple(doc.get("head", {}).get("vars", []))
        bindings = doc.get("results", {}).get("bindings", [])
        rows, truncated = _take(
            (tuple(_plain(_json_term(b[c])) if c in b else None for c in columns) for b in bindings),
            max_rows,
        )
        return QueryResult(form, columns=columns, rows=rows, truncated=truncated)

    from rdflib import Graph

    content_type, body = _post(endpoint, text, "application/n-triples, text/turtle;q=0.9", dataset)
    media = content_type.split(";")[0].strip().lower()
    formats = {"application/n-triples": "ox-nt", "text/plain": "ox-nt", "text/turtle": "ox-turtle"}
    if media not in formats:
        raise QueryError(f"the endpoint answered {form} with {media or 'no type'}, not N-Triples or Turtle")
    graph = Graph()
    try:
        graph.parse(data=body, format=formats[media])
    except Exception as exc:  # the parser raises several types
        raise QueryError(f"cannot read the endpoint's {form} answer: {exc}") from None
    return _graph_result(form, graph, max_rows)


# ----------------------------------------------------------------- labels


_IRI_CHARS = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')


def _label_rank(prop: Node, label: Node) -> tuple[int, int, str]:
    from rdflib import Literal

    lang = label.language if isinstance(label, Literal) else None
    return (
        0 if prop == SKOS.prefLabel else 1,
        0 if lang and lang.lower().startswith("en") else 1 if not lang else 2,
        str(label),
    )


def _label_rows(
    source: Dataset | pyoxigraph.Store | Endpoint | str, iris: list[str], batch: int
) -> Iterator[tuple]:
    """Yield ``(iri, property, label)`` for the labels of *iris*.

    A store holding its facts in its default graph is read directly, two
    triple patterns an IRI (quicker than a join by several times on an
    on-disk store); elsewhere the ``labels`` query runs in batches.
    """
    from rdflib import RDFS, URIRef

    store = oxigraph_store(source)
    if store is not None and facts_in_default_graph(store):
        import pyoxigraph

        convert = term_converter()
        default = pyoxigraph.DefaultGraph()
        for prop in (SKOS.prefLabel, RDFS.label):
            predicate = pyoxigraph.NamedNode(str(prop))
            for iri in iris:
                for quad in store.quads_for_pattern(pyoxigraph.NamedNode(iri), predicate, None, default):
                    yield URIRef(iri), prop, convert(quad.object)
        return
    query = _labels_query()
    for start in range(0, len(iris), batch):
        chunk = [URIRef(iri) for iri in iris[start : start + batch]]
        yield from run_query(source, query, bindings={"iri": chunk}).rows


@cache
def _labels_query() -> str:
    from importlib.resources import files

    return files("graphkit").joinpath("queries", "labels.rq").read_text(encoding="utf-8")


def add_labels(
    result: QueryResult, source: Dataset | pyoxigraph.Store | Endpoint | str, *, batch: int = 500
) -> QueryResult:
    """Add a ``<column>_label`` column after each column that holds IRIs.

    A label is the entity's ``skos:prefLabel``, else its ``rdfs:label``;
    English labels come first, then labels without a language. Columns that
    already have a ``<column>_label`` neighbour are left alone, so named
    questions that select labels themselves are not doubled.

    Parameters
    ----------
    result : QueryResult
        A SELECT result; other forms are returned unchanged.
    source : rdflib.Dataset, pyoxigraph.Store, Endpoint or str
        Where to look the labels up (usually where the result came from).
    batch : int
        IRIs looked up per query (when the labels are found by a query).

    Returns
    -------
    QueryResult
        A new result; an IRI with no label gets ``None``.
    """
    from rdflib import URIRef

    if result.form != "SELECT" or not result.rows:
        return result
    iri_columns = [
        i
        for i, column in enumerate(result.columns)
        if f"{column}_label" not in result.columns and any(isinstance(row[i], URIRef) for row in result.rows)
    ]
    if not iri_columns:
        return result
    iris = sorted(
        {
            str(row[i])
            for row in result.rows
            for i in iri_columns
            if isinstance(row[i], URIRef) and _IRI_CHARS.fullmatch(str(row[i]))
        }
    )
    best: dict[str, tuple[tuple[int, int, str], Node]] = {}
    for iri, prop, label in _label_rows(source, iris, batch):
        if iri is None or label is None or prop is None:
            continue
        rank = _label_rank(prop, label)
        if str(iri) not in best or rank < best[str(iri)][0]:
            best[str(iri)] = (rank, label)
    columns: list[str] = []
    for i, column in enumerate(result.columns):
        columns.append(column)
        if i in iri_columns:
            columns.append(f"{column}_label")
    rows = []
    for row in result.rows:
        new: list[Node | None] = []
        for i, term in enumerate(row):
            new.append(term)
            if i in iri_columns:
                hit = best.get(str(term)) if isinstance(term, URIRef) else None
                new.append(hit[1] if hit else None)
        rows.append(tuple(new))
    return QueryResult("SELECT", columns=tuple(columns), rows=tuple(rows), truncated=result.truncated)
