"""The explorer's HTTP API: plain functions over a dataset, and one dispatcher.

``graphkit serve`` answers ``GET /api/<name>`` by calling :func:`handle` in
its query worker (the same process, time limit and row cap as ``/sparql``):

``/api/questions``
    the named questions: name, title, description, parameters, columns and
    the view the explorer opens them in (:func:`questions`);
``/api/run?name=heroes[&param=value...][&format=csv|json]``
    a named question's answer with a label next to every IRI, and for
    places their coordinates or country code (:func:`run`); ``format``
    downloads it as CSV or SPARQL JSON (with ``<column>_label`` columns);
``/api/query?query=...``
    a free query under the endpoint's safety rules; a refused or malformed
    query gives its message with line and column (:func:`free_query`);
``/api/resolve?q=...``
    entity suggestions for a parameter field (:func:`suggest`);
``/api/graph?name=...`` or ``?query=...`` (``&focus=IRI``)
    the answer's entities and the relations among them, plus the focus's
    neighbours, as graph view data (:func:`result_graph`);
``/api/evidence?iri=...`` or ``?s=&p=&o=``
    the statements about an entity, a record or one relation, each with its
    quote, the document's title and the stored document's passage with the
    quote's offsets (:func:`evidence`);
``/api/document?id=...&start=...&end=...``
    the passage of a stored document around a span (:func:`passage`).

Answers are JSON (``application/json``); errors are ``{"error": message}``
with status 400 or 404.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.load()
>>> [q["name"] for q in questions()][:3]
['advocacy', 'awards', 'country-heroes']
>>> suggest(ds, "zaheer")[0]["label"]
'Zaheer Ahmed'
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError, QueryError, UnsafeQueryError

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from graphkit.sparql.results import QueryResult

__all__ = [
    "PATHS",
    "evidence",
    "free_query",
    "handle",
    "passage",
    "questions",
    "result_graph",
    "run",
    "suggest",
]

#: The request paths :func:`handle` answers.
PATHS = (
    "/api/questions",
    "/api/run",
    "/api/query",
    "/api/resolve",
    "/api/graph",
    "/api/evidence",
    "/api/document",
)

_MAX_SUGGESTIONS = 10
_PASSAGE_CONTEXT = 420  # characters of context either side of a quote, at most
_POSITION = re.compile(r"line (\d+), column (\d+)")
_ENTITY_PREFIX = "https://w3id.org/graphkit/id/"


class ApiError(GraphkitError):
    """A request the API cannot answer (bad or missing argument, unknown name)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


# ----------------------------------------------------------------- data the API reads


@cache
def _query_text(name: str) -> str:
    from importlib.resources import files

    return files("graphkit.explorer").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


@cache
def _places() -> dict[str, dict[str, Any]]:
    from importlib.resources import files

    text = files("graphkit.explorer").joinpath("static", "places.json").read_text(encoding="utf-8")
    return json.loads(text)["places"]


_PROJECTIONS: dict[int, Any] = {}


def _graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Return the dataset's projection (records kept), computed once per dataset."""
    from graphkit.network import project

    key = id(dataset)
    if key not in _PROJECTIONS:
        _PROJECTIONS.clear()
        _PROJECTIONS[key] = (dataset, project(dataset))
    return _PROJECTIONS[key][1]


def _term(term: Any, label: Any = None) -> dict[str, Any] | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        out: dict[str, Any] = {"type": "uri", "value": str(term)}
        if label is not None:
            out["label"] = str(label)
        place = (
            _places().get(str(term).removeprefix(_ENTITY_PREFIX))
            if str(term).startswith(_ENTITY_PREFIX)
            else None
        )
        if place:
            out["place"] = place
        return out
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.datatype is not None:
        out["datatype"] = str(term.datatype)
    if term.language:
        out["lang"] = term.language
    return out


def _table(result: QueryResult) -> dict[str, Any]:
    """Return a labelled SELECT result as ``{"columns", "rows", "truncated"}``."""
    if result.form == "ASK":
        return {"form": "ASK", "boolean": result.boolean, "columns": [], "rows": []}
    if result.form != "SELECT":
        return {
            "form": result.form,
            "columns": [],
            "rows": [],
            "turtle": result.graph.serialize(format="turtle"),
        }
    labelled = set(result.columns)
    columns = [
        c for c in result.columns if not (c.endswith("_label") and c.removesuffix("_label") in labelled)
    ]
    index = {c: i for i, c in enumerate(result.columns)}
    rows = []
    for row in result.rows:
        cells = []
        for c in columns:
            label_at = index.get(f"{c}_label")
            cells.append(_term(row[index[c]], row[label_at] if label_at is not None else None))
        rows.append(cells)
    return {"form": "SELECT", "columns": columns, "rows": rows, "truncated": result.truncated}


# ----------------------------------------------------------------- the functions


def questions() -> list[dict[str, Any]]:
    """Return the named questions as the explorer's gallery shows them.

    Returns
    -------
    list of dict
        ``name``, ``title``, ``description``, ``params`` (name, kind,
        required, description), ``columns``, ``view`` and ``text``.
    """
    from graphkit.sparql.library import list_queries

    return [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "params": [
                {"name": p.name, "kind": p.kind, "required": p.required, "description": p.description}
                for p in q.params
            ],
            "columns": list(q.columns),
            "view": q.view,
            "text": q.text,
        }
        for q in list_queries()
    ]


def _named_result(
    dataset: Dataset, name: str, params: Mapping[str, str], max_rows: int | None
) -> QueryResult:
    from graphkit.sparql.engine import add_labels
    from graphkit.sparql.library import run_named

    values = {k: v for k, v in params.items() if v != ""}
    try:
        result = run_named(dataset, name, values, max_rows=max_rows)
    except QueryError as exc:
        raise ApiError(str(exc), 404 if str(exc).startswith("no named query") else 400) from None
    return add_labels(result, dataset)


def run(
    dataset: Dataset, name: str, params: Mapping[str, str] | None = None, *, max_rows: int | None = None
) -> dict[str, Any]:
    """Answer a named question, with labels and places next to IRIs.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The dataset.
    name : str
        The question's name.
    params : mapping of str to str, optional
        Its parameters as typed; empty values are left out.
    max_rows : int, optional
        Row cap.

    Returns
    -------
    dict
        ``columns``, ``rows`` (cells ``{"type", "value", "label"?, "place"?}``
        or None), ``truncated``, ``name`` and ``view``.

    Raises
    ------
    ApiError
        For an unknown question, an unknown or missing parameter or a bad value.

    Examples
    --------
    >>> import graphkit as gk
    >>> answer = run(gk.load(), "heroes")
    >>> answer["rows"][-1][0]["label"], answer["rows"][-1][1]["place"]["iso_numeric"]
    ('Zaheer Ahmed', '586')
    """
    from graphkit.sparql.library import get_query

    out = _table(_named_result(dataset, name, params or {}, max_rows))
    out.update(name=name, view=get_query(name).view)
    return out


def _position(message: str) -> dict[str, int]:
    m = _POSITION.search(message)
    return {"line": int(m.group(1)), "column": int(m.group(2))} if m else {}


def free_query(dataset: Dataset, text: str, *, max_rows: int | None = None) -> dict[str, Any]:
    r"""Run a query someone typed, under the endpoint's safety rules.

    Returns
    -------
    dict
        As :func:`run`; or ``{"error", "refused", "line"?, "column"?}`` when the
        query is refused or malformed (line and column count from 1).

    Examples
    --------
    >>> import graphkit as gk
    >>> free_query(gk.load(), "SELECT ?x WHERE {\n  ?x ?y\n}")["line"]
    2
    >>> free_query(gk.load(), "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")["refused"]
    True
    """
    from graphkit.sparql.engine import add_labels, run_query

    try:
        result = run_query(dataset, text, max_rows=max_rows)
    except UnsafeQueryError as exc:
        return {"error": f"Refused: {exc}", "refused": True, **_position(str(exc))}
    except QueryError as exc:
        return {"error": str(exc), "refused": False, **_position(str(exc))}
    return _table(add_labels(result, dataset))


def suggest(dataset: Dataset, text: str, *, limit: int = _MAX_SUGGESTIONS) -> list[dict[str, str]]:
    """Suggest entities for what someone is typing in a parameter field.

    Matching follows graphkit's resolver (:mod:`graphkit.network.labels`):
    a label or alias equal to the text (ignoring case, accents and
    punctuation), then names that start with it, then names with a word that
    starts with it, then close spellings. Records (award conferrals, roles
    held, quotations) come after the people and organizations they are about.

    Returns
    -------
    list of dict
        ``iri``, ``label``, ``type`` and ``family``, best first.

    Examples
    --------
    >>> import graphkit as gk
    >>> [s["label"] for s in suggest(gk.load(), "imelda")][:1]
    ['Sister Imelda Poole']
    """
    from graphkit.network.labels import normalize
    from graphkit.viz.families import RECORD_FAMILY, family_of

    query = normalize(text)
    if not query:
        return []
    G = _graph(dataset)
    ranked: list[tuple[tuple[int, int, int, str], str]] = []
    names: dict[str, str] = {}
    for node, attrs in G.nodes(data=True):
        family = family_of(str(attrs.get("type") or "")).key
        labels = [str(attrs.get("label") or node), *map(str, attrs.get("aliases") or ())]
        best = None
        for i, name in enumerate(labels):
            n = normalize(name)
            names.setdefault(n, node)
            if n == query:
                step = 0
            elif n.startswith(query):
                step = 1
            elif f" {query}" in f" {n}":
                step = 2
            else:
                continue
            key = (step, 1 if family == RECORD_FAMILY else 0, int(i > 0), labels[0].casefold())
            best = key if best is None or key < best else best
        if best is not None:
            ranked.append((best, node))
    if not ranked:
        close = difflib.get_close_matches(query, sorted(names), n=limit, cutoff=0.6)
        ranked = [((3, 0, 0, c), names[c]) for c in close]
    ranked.sort()
    out = []
    for _, node in ranked[:limit]:
        attrs = G.nodes[node]
        type_name = str(attrs.get("type") or "Entity")
        out.append(
            {
                "iri": str(node),
                "label": str(attrs.get("label") or node),
                "type": type_name,
                "family": family_of(type_name).key,
            }
        )
    return out


def result_graph(
    dataset: Dataset,
    name: str | None,
    params: Mapping[str, str] | None = None,
    *,
    query: str | None = None,
    focus: str | None = None,
    max_rows: int | None = None,
) -> dict[str, Any]:
    """Return the entities of an answer and the relations among them, for the graph view.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The dataset.
    name, params, max_rows
        As for :func:`run`; ``name`` None with ``query`` for a free query.
    query : str, optional
        A free query (checked as :func:`free_query` checks it) instead of a
        named question.
    focus : str, optional
        An entity IRI whose neighbours are added (the entity opened from the
        answer).

    Returns
    -------
    dict
        :func:`graphkit.viz.data.graph_data` of the subgraph, records folded.

    Examples
    --------
    >>> import graphkit as gk
    >>> data = result_graph(gk.load(), "heroes", focus="https://w3id.org/graphkit/id/zaheer-ahmed")
    >>> any(e["label"] == "received (2023)" for e in data["edges"])
    True
    """
    from graphkit.viz.data import fold_records, graph_data
    from graphkit.viz.families import RECORD_FAMILY, family_of

    if name is not None:
        result = _named_result(dataset, name, params or {}, max_rows)
    elif query is not None:
        from graphkit.sparql.engine import run_query

        try:
            result = run_query(dataset, query, max_rows=max_rows)
        except QueryError as exc:
            raise ApiError(str(exc)) from None
    else:
        raise ApiError("give name= or query=")
    G = _graph(dataset)

    def neighbours(n: str) -> set[str]:
        return {*G.successors(n), *G.predecessors(n)}

    def is_record(n: str) -> bool:
        return family_of(str(G.nodes[n].get("type") or "")).key == RECORD_FAMILY

    keep = {str(t) for row in result.rows for t in row if t is not None and str(t) in G}
    if focus:
        if focus not in G:
            raise ApiError(f"no entity {focus!r} in the graph", 404)
        keep.add(focus)
        for n in neighbours(focus):
            keep.add(n)
            if is_record(n):  # what the focus's records are about is one relation away once folded
                keep.update(neighbours(n))
    # Records between kept entities come along, so that folding can turn them into relations.
    records = {r for n in list(keep) for r in neighbours(n) if is_record(r)}
    sub = G.subgraph(keep | records).copy()
    folded = fold_records(sub)
    folded.remove_nodes_from([n for n in list(folded) if n not in keep])
    return graph_data(folded)


def _documents(dataset: Dataset) -> dict[str, dict[str, str]]:
    from graphkit.sparql.engine import run_query

    rows = run_query(dataset, _query_text("documents")).rows
    return {
        str(i): {"title": str(t) if t is not None else str(i), "file": str(f), "sha256": str(h)}
        for i, t, f, h in rows
    }


@cache
def _document_text(file: str, sha256: str) -> str | None:
    """Return the stored document's text, if the file is there and its digest matches the dataset's."""
    from graphkit.paths import project_paths

    try:
        path = project_paths().documents / file
        data = path.read_bytes()
    except (OSError, GraphkitError):
        return None
    if hashlib.sha256(data).hexdigest() != sha256:
        return None
    return data.decode("utf-8")


def _passage_of(text: str, start: int, end: int) -> dict[str, Any]:
    """Return the paragraph around ``[start, end)``: its text and where it begins."""
    lo = max(text.rfind("\n", 0, start) + 1, start - _PASSAGE_CONTEXT, 0)
    hi_nl = text.find("\n", end)
    hi = min(hi_nl if hi_nl >= 0 else len(text), end + _PASSAGE_CONTEXT, len(text))
    return {"text": text[lo:hi], "offset": lo}


def passage(dataset: Dataset, document_id: str, start: int, end: int) -> dict[str, Any]:
    """Return the passage of a stored document around a span.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The dataset (it names the file and its SHA-256 digest).
    document_id : str
        The document's id, e.g. ``"meridian-2023-ivlp-tip-heroes"``.
    start, end : int
        Character offsets of the span (a quote's ``oa:start`` / ``oa:end``).

    Returns
    -------
    dict
        ``id``, ``title``, ``start``, ``end`` and ``passage`` (``text`` and its
        ``offset`` in the document); ``passage`` is None when the stored file
        is missing or differs from the one the dataset was built from.

    Raises
    ------
    ApiError
        For an unknown document or offsets outside it.

    Examples
    --------
    >>> import graphkit as gk
    >>> p = passage(gk.load(), "meridian-2023-ivlp-tip-heroes", 0, 4)
    >>> p["passage"]["text"][:4], p["passage"]["offset"]
    ('From', 0)
    """
    docs = _documents(dataset)
    if document_id not in docs:
        raise ApiError(f"no document {document_id!r}", 404)
    doc = docs[document_id]
    text = _document_text(doc["file"], doc["sha256"])
    if text is not None and not (0 <= start <= end <= len(text)):
        raise ApiError(f"offsets {start}-{end} are outside document {document_id!r}")
    return {
        "id": document_id,
        "title": doc["title"],
        "start": start,
        "end": end,
        "passage": _passage_of(text, start, end) if text is not None else None,
    }


def evidence(
    dataset: Dataset,
    *,
    iri: str | None = None,
    subject: str | None = None,
    predicate: str | None = None,
    object: str | None = None,
) -> dict[str, Any]:
    """Return the statements about an entity (or a record), or of one relation, with their evidence.

    Give ``iri`` for every statement with it as subject or object, or
    ``subject``, ``predicate`` and ``object`` (IRIs) for one relation.

    Returns
    -------
    dict
        ``statements``: each with ``subject``, ``predicate``, ``object``
        (cells with labels), ``quote``, ``start``, ``end``, ``document_id``,
        ``document`` (title) and ``passage`` (as :func:`passage`). Mentions
        (``schema:mentions``) come last.

    Examples
    --------
    >>> import graphkit as gk
    >>> found = evidence(gk.load(), iri="https://w3id.org/graphkit/id/conferral-2023-zaheer-ahmed")
    >>> first = found["statements"][0]
    >>> text = first["passage"]["text"]
    >>> at = first["start"] - first["passage"]["offset"]
    >>> text[at:at + len(first["quote"])] == first["quote"]
    True
    """
    from graphkit.sparql.binding import to_term
    from graphkit.sparql.engine import add_labels, run_query
    from graphkit.sparql.results import QueryResult

    def term(value: str) -> Any:
        try:
            return to_term(value, "iri")
        except QueryError as exc:
            raise ApiError(str(exc)) from None

    if iri:
        result = run_query(dataset, _query_text("statements-about"), bindings={"entity": term(iri)})
    elif subject and predicate and object:
        bindings = {"subject": term(subject), "predicate": term(predicate), "object": term(object)}
        result = run_query(dataset, _query_text("statements-of"), bindings=bindings)
    else:
        raise ApiError("give iri=, or s=, p= and o=")
    cols = result.columns
    head = QueryResult("SELECT", columns=cols[:3], rows=tuple(r[:3] for r in result.rows))
    labelled = _table(add_labels(head, dataset))["rows"]
    docs = _documents(dataset)
    statements = []
    for row, cells in zip(result.rows, labelled, strict=True):
        rec = dict(zip(cols, row, strict=True))
        doc_id = str(rec["document_id"]) if rec["document_id"] is not None else ""
        start, end = int(rec["start"]), int(rec["end"])
        doc = docs.get(doc_id)
        text = _document_text(doc["file"], doc["sha256"]) if doc else None
        statements.append(
            {
                "subject": cells[0],
                "predicate": cells[1],
                "object": cells[2],
                "evidence": str(rec["evidence"]),
                "quote": str(rec["quote"]),
                "start": start,
                "end": end,
                "document_id": doc_id,
                "document": str(rec["title"]) if rec["title"] is not None else doc_id,
                "passage": _passage_of(text, start, end) if text is not None else None,
            }
        )
    mention = "https://schema.org/mentions"
    statements.sort(key=lambda s: s["predicate"]["value"] == mention)
    return {"statements": statements}


# ----------------------------------------------------------------- HTTP


def _one(params: Mapping[str, Sequence[str]], key: str, *, required: bool = True) -> str | None:
    values = params.get(key) or []
    if len(values) > 1:
        raise ApiError(f"give {key} once")
    if not values or values[0] == "":
        if required:
            raise ApiError(f"missing {key}=")
        return None
    return values[0]


def _int(params: Mapping[str, Sequence[str]], key: str) -> int:
    value = _one(params, key)
    if value is None or not value.isdigit():
        raise ApiError(f"{key} must be a whole number")
    return int(value)


_RESERVED = frozenset({"name", "format", "focus"})


def _download(
    dataset: Dataset, result: QueryResult | str, fmt: str, name: str, max_rows: int | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Return a result as a CSV or SPARQL JSON attachment, labels in ``<column>_label`` columns."""
    from graphkit.sparql.engine import add_labels, run_query
    from graphkit.sparql.results import MEDIA_TYPES, format_result

    if isinstance(result, str):
        try:
            result = add_labels(run_query(dataset, result, max_rows=max_rows), dataset)
        except QueryError as exc:
            raise ApiError(str(exc)) from None
    if result.form != "SELECT":
        raise ApiError("only SELECT answers download as CSV or JSON")
    headers = {
        "Content-Type": MEDIA_TYPES[fmt],
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
    }
    return 200, headers, format_result(result, fmt).encode("utf-8")


def handle(
    dataset: Dataset, path: str, params: Mapping[str, Sequence[str]], *, max_rows: int | None = None
) -> tuple[int, dict[str, str], bytes]:
    r"""Answer one API request: status, headers and body.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The dataset.
    path : str
        The request path, e.g. ``"/api/run"``.
    params : mapping of str to list of str
        The query string, as :func:`urllib.parse.parse_qs` gives it.
    max_rows : int, optional
        The server's row cap.

    Returns
    -------
    tuple
        ``(status, headers, body)``.

    Examples
    --------
    >>> import graphkit as gk
    >>> status, headers, body = handle(gk.load(), "/api/run", {"name": ["nope"]})
    >>> status, json.loads(body)["error"][:17]
    (404, "no named query 'n")
    """
    try:
        status, body, media = 200, None, "application/json"
        if path == "/api/questions":
            body = questions()
        elif path == "/api/run":
            name = _one(params, "name")
            fmt = _one(params, "format", required=False)
            values = {k: v[-1] for k, v in params.items() if k not in _RESERVED}
            if fmt in ("csv", "json"):
                return _download(dataset, _named_result(dataset, str(name), values, max_rows), fmt, str(name))
            if fmt is not None:
                raise ApiError("format is csv or json")
            body = run(dataset, str(name), values, max_rows=max_rows)
        elif path == "/api/query":
            text = str(_one(params, "query"))
            fmt = _one(params, "format", required=False)
            if fmt in ("csv", "json"):
                return _download(dataset, text, fmt, "query", max_rows)
            body = free_query(dataset, text, max_rows=max_rows)
        elif path == "/api/resolve":
            body = suggest(dataset, _one(params, "q", required=False) or "")
        elif path == "/api/graph":
            name = _one(params, "name", required=False)
            values = {k: v[-1] for k, v in params.items() if k not in _RESERVED | {"query"}}
            body = result_graph(
                dataset,
                name,
                values,
                query=_one(params, "query", required=False),
                focus=_one(params, "focus", required=False),
                max_rows=max_rows,
            )
        elif path == "/api/evidence":
            body = evidence(
                dataset,
                iri=_one(params, "iri", required=False),
                subject=_one(params, "s", required=False),
                predicate=_one(params, "p", required=False),
                object=_one(params, "o", required=False),
            )
        elif path == "/api/document":
            body = passage(dataset, str(_one(params, "id")), _int(params, "start"), _int(params, "end"))
        else:
            raise ApiError(f"no API at {path}", 404)
    except (ApiError, QueryError) as exc:
        status, body = getattr(exc, "status", 400), {"error": str(exc)}
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return status, {"Content-Type": f"{media}; charset=utf-8"}, data
