"""Decide whether a SPARQL query may run, before anything runs it.

Both engines graphkit drives execute ``SERVICE`` (a federated query opens an
outbound connection from our process), and rdflib's own engine fetches the
graphs named by ``FROM`` / ``FROM NAMED`` unless told not to. So every query,
from the library, the CLI or the endpoint, goes through :func:`check_query`
first. It parses the text with rdflib's SPARQL parser and walks the parse tree
and the algebra generically, so a ``SERVICE`` hidden in an ``OPTIONAL``, a
``UNION``, a subquery or a ``FILTER EXISTS`` is found, while the word in a
comment or a string literal is not mistaken for one.

The policy:

* only the four query forms run: ``SELECT``, ``ASK``, ``CONSTRUCT``,
  ``DESCRIBE``. Updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``,
  ``CREATE``, ``ADD``, ``MOVE``, ``COPY``) are refused as updates;
* ``SERVICE`` is refused wherever it appears, ``SILENT`` or not, with an IRI or
  a variable;
* ``FROM`` and ``FROM NAMED`` may name only graphkit's own graphs, IRIs under
  ``https://w3id.org/graphkit/id/`` (the document and ``graph/...`` graphs).
  They select graphs of the dataset and are never dereferenced; any other IRI
  is refused, so no engine is ever asked to fetch it.

Malformed text raises :class:`~graphkit.errors.QueryError` with the parser's
line and column; a refused query raises :class:`~graphkit.errors.UnsafeQueryError`.

Examples
--------
>>> check_query("SELECT ?s WHERE { ?s a schema:Person }").form
'SELECT'
>>> check_query("DROP ALL")
Traceback (most recent call last):
...
graphkit.errors.UnsafeQueryError: updates are not allowed: this interface is read-only (found DROP)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from graphkit.errors import QueryError, UnsafeQueryError
from graphkit.vocab.namespaces import DATA, PREFIXES

__all__ = ["ALLOWED_GRAPH_PREFIX", "CheckedQuery", "QueryForm", "check_query"]

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

#: ``FROM`` / ``FROM NAMED`` may only name graphs whose IRI starts with this.
ALLOWED_GRAPH_PREFIX = str(DATA)

_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

_UPDATE_NAMES = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "INSERT/DELETE",
}


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed :func:`check_query`.

    Attributes
    ----------
    text : str
        The query text, unchanged.
    form : {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
        The query form.
    variables : frozenset of str
        Every variable named anywhere in the query, without ``?``.
    graphs : tuple of str
        The IRIs of its ``FROM`` and ``FROM NAMED`` clauses, sorted.
    short_construct : bool
        True for the ``CONSTRUCT WHERE { ... }`` short form (no template).
    """

    text: str
    form: QueryForm
    variables: frozenset[str]
    graphs: tuple[str, ...]
    short_construct: bool = False


def check_query(text: str, *, prefixes: Mapping[str, str] | None = None) -> CheckedQuery:
    """Parse a SPARQL query and refuse it unless it is a safe, read-only query.

    Parameters
    ----------
    text : str
        The SPARQL query.
    prefixes : mapping of str to str, optional
        Prefixes the query may use without declaring them; graphkit's
        :data:`~graphkit.vocab.namespaces.PREFIXES` by default.

    Returns
    -------
    CheckedQuery
        The query's form, variables and dataset clause.

    Raises
    ------
    UnsafeQueryError
        If the text is an update, uses ``SERVICE``, or names a graph outside
        graphkit's in ``FROM`` / ``FROM NAMED``.
    QueryError
        If the text is not a SPARQL query (the message gives line and column).

    Examples
    --------
    >>> check_query("ASK { ?s ?p 'SERVICE <http://example.org/> {}' }").form
    'ASK'
    >>> check_query("SELECT * { OPTIONAL { SERVICE SILENT ?x { ?s ?p ?o } } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.errors.UnsafeQueryError: SERVICE (federated query) is not allowed: ...
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    if not isinstance(text, str):
        raise QueryError(f"a SPARQL query must be text, not {type(text).__name__}")
    if not text.strip():
        raise QueryError("the query is empty")
    try:
        parsed = parseQuery(text)
    except Exception as exc:  # pyparsing and rdflib raise several types
        _raise_if_update(text)
        raise QueryError(_describe_parse_error(text, exc)) from None
    _refuse_unsafe_nodes(parsed)
    # Read what we need from the parse tree now: translateQuery rewrites it in place.
    variables = frozenset(str(v) for v in _variables(parsed))
    query_part = parsed[1]
    form = _FORMS.get(query_part.name)
    short_construct = form == "CONSTRUCT" and "template" not in query_part
    try:
        translated = translateQuery(parsed, initNs=dict(PREFIXES if prefixes is None else prefixes))
    except Exception as exc:  # unknown prefix, bad aggregate use, ...
        raise QueryError(f"invalid SPARQL query: {exc}") from None
    _refuse_unsafe_nodes(translated.algebra)

    graphs = tuple(sorted(set(_dataset_graphs(translated.algebra))))
    for iri in graphs:
        if not iri.startswith(ALLOWED_GRAPH_PREFIX):
            raise UnsafeQueryError(
                f"FROM / FROM NAMED <{iri}> is not allowed: only graphkit graphs "
                f"(IRIs under {ALLOWED_GRAPH_PREFIX}) can be named, and graphs are never fetched"
            )
    if form is None:  # pragma: no cover - the grammar has only four forms
        raise QueryError(f"unsupported query form {query_part.name}")
    return CheckedQuery(
        text=text,
        form=form,
        variables=variables,
        graphs=graphs,
        short_construct=short_construct,
    )


def _raise_if_update(text: str) -> None:
    """Raise UnsafeQueryError if ``text`` parses as a SPARQL update."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        update = parseUpdate(text)
    except Exception:  # not an update either: the caller reports the query error
        return
    found = [_UPDATE_NAMES.get(getattr(op, "name", ""), "update") for op in update.get("request", [])]
    kinds = ", ".join(dict.fromkeys(found)) or "an empty update"
    raise UnsafeQueryError(f"updates are not allowed: this interface is read-only (found {kinds})")


def _describe_parse_error(text: str, exc: Exception) -> str:
    """Say where and why the parser failed, with the offending line and a caret."""
    lineno = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    msg = getattr(exc, "msg", None) or str(exc)
    if not isinstance(lineno, int) or not isinstance(col, int):
        return f"malformed SPARQL query: {msg}"
    lines = text.splitlines() or [""]
    line = lines[min(lineno, len(lines)) - 1]
    return f"malformed SPARQL query at line {lineno}, column {col}: {msg}\n    {line}\n    {' ' * (col - 1)}^"


def _children(node: Any) -> Iterator[Any]:
    """Yield the sub-nodes of a parse or algebra node, whatever its container type."""
    from pyparsing import ParseResults
    from rdflib.term import Node

    if isinstance(node, Node | str | bytes | int | float):
        return
    if isinstance(node, ParseResults):  # registered as a Mapping, but holds a list too
        yield from list(node)
        yield from node.values()
    elif isinstance(node, Mapping):  # CompValue is an OrderedDict
        yield from node.values()
    elif isinstance(node, list | tuple | set | frozenset):
        yield from node


def _walk(root: Any) -> Iterator[Any]:
    """Yield every node under ``root`` once, depth first, without recursion."""
    seen: dict[int, Any] = {}  # holds the nodes too, so that no id is reused while walking
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        yield node
        stack.extend(_children(node))


def _node_name(node: Any) -> str | None:
    from rdflib.plugins.sparql.parserutils import CompValue

    return node.name if isinstance(node, CompValue) else None


def _refuse_unsafe_nodes(root: Any) -> None:
    """Raise UnsafeQueryError if a SERVICE pattern occurs anywhere under ``root``."""
    for node in _walk(root):
        if _node_name(node) == "ServiceGraphPattern":
            raise UnsafeQueryError(
                "SERVICE (federated query) is not allowed: it would make a network request"
            )


def _dataset_graphs(root: Any) -> Iterator[str]:
    """Yield the IRIs of every FROM / FROM NAMED clause under ``root``."""
    for node in _walk(root):
        if _node_name(node) == "DatasetClause":
            for key in ("default", "named"):
                if key in node:  # CompValue.get returns the key itself when missing
                    yield str(node[key])


def _variables(root: Any) -> Iterator[Any]:
    from rdflib.term import Variable

    for node in _walk(root):
        if isinstance(node, Variable):
            yield node
