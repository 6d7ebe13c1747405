r"""Decide whether a SPARQL query may run, before anything runs it.

Both engines graphkit drives execute ``SERVICE`` (a federated query opens an
outbound connection from our process), and rdflib's own engine fetches the
graphs named by ``FROM`` / ``FROM NAMED`` unless told not to. So every query,
from the library, the CLI or the endpoint, goes through :func:`check_query`
first, and what runs is the text the check returns (:attr:`CheckedQuery.text`),
never the text it was given.

The text that is checked is the text that runs
----------------------------------------------
The check reads a query with rdflib's SPARQL parser; the default engine runs
it with Oxigraph's. Two parsers can read one text two ways: rdflib ends a
``#`` comment only at LF, Oxigraph also at CR, so ``# c<CR>SERVICE <...>`` is a
comment to one and a federated call to the other. So the check first
*normalises* the text, and refuses what the two grammars read differently:

* a byte-order mark at the start is removed; CR LF and a lone CR become LF
  (in a string, write ``\r`` for a carriage return);
* codepoint escapes ``\uXXXX`` / ``\UXXXXXXXX`` are refused anywhere, even in
  strings and comments: rdflib expands them in the whole text before parsing
  (SPARQL 1.1 section 19.2), Oxigraph only inside strings and IRIs, so
  ``"a\u0022 # " SERVICE ...`` is a string and a comment to one and a call to
  the other. Write the character itself;
* control characters other than tab and LF are refused anywhere: the C0 and
  C1 controls (NUL, VT, FF, ESC, NEL U+0085, ...), DEL, the line and
  paragraph separators U+2028 and U+2029, a byte-order mark past the start,
  and lone surrogates. Some tools end lines at them, none is needed in a
  query; in a string write ``\t``, ``\n`` or ``\r``.

Then both parsers must accept the normalised text and agree on what matters:

* rdflib parses it, and the parse tree and the algebra are walked
  generically, so a ``SERVICE`` hidden in an ``OPTIONAL``, a ``UNION``, a
  subquery or a ``FILTER EXISTS`` is found, while the word in a comment or a
  string literal is not mistaken for one;
* Oxigraph's parser must accept it too (without running it), and must not
  read a ``SERVICE`` clause rdflib did not see: the text with every
  ``service`` (any ASCII case) changed to ``sqrvice`` must still parse, which
  it cannot where Oxigraph reads the keyword. (Oxigraph never dereferences
  ``FROM``, so it cannot fetch a graph either way.)

The policy:

* only the four query forms run: ``SELECT``, ``ASK``, ``CONSTRUCT``,
  ``DESCRIBE``. Updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``,
  ``CREATE``, ``ADD``, ``MOVE``, ``COPY``) are refused as updates;
* ``SERVICE`` is refused wherever it appears, ``SILENT`` or not, with an IRI or
  a variable;
* ``FROM`` and ``FROM NAMED`` may name only graphkit's own graphs, IRIs under
  ``https://w3id.org/graphkit/id/`` (the document and ``graph/...`` graphs).
  They select graphs of the dataset and are never dereferenced; any other IRI
  is refused, so no engine is ever asked to fetch it;
* a zero-or-more path over a negated property set (``?s !ex:p* ?o``) in a
  query with ``ORDER BY`` is refused: Oxigraph 0.5 aborts the whole process
  on it (a Rust panic in its sort, over a union default graph).

Malformed text raises :class:`~graphkit.errors.QueryError` with the parser's
line and column; a refused query raises :class:`~graphkit.errors.UnsafeQueryError`.
A text is checked once: the answer is remembered, so checking the same text
again costs nothing. graphkit's own queries (every ``.rq`` file of the
package) were checked when they were shipped: their answers are looked up by
the text's SHA-256 (:mod:`graphkit.sparql.shipped`), so they cost no parse at
all. Texts built from a checked one by graphkit itself (a ``VALUES`` block of
bound terms, prefix declarations, a dataset clause) are checked by
:func:`check_composed`: normalised, and read by Oxigraph, the engine that runs
them.

Examples
--------
>>> check_query("SELECT ?s WHERE { ?s a schema:Person }").form
'SELECT'
>>> check_query("ASK {\r\n ?s ?p ?o }").text
'ASK {\n ?s ?p ?o }'
>>> check_query("DROP ALL")
Traceback (most recent call last):
...
graphkit.errors.UnsafeQueryError: updates are not allowed: this interface is read-only (found DROP)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from graphkit.errors import SERVICE_REFUSED, QueryError, UnsafeQueryError
from graphkit.sparql.shipped import shipped_check
from graphkit.vocab.namespaces import DATA, PREFIXES

__all__ = [
    "ALLOWED_GRAPH_PREFIX",
    "CheckedQuery",
    "QueryForm",
    "check_composed",
    "check_query",
    "normalise_query",
]

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


# rdflib expands \u or \U followed by 4 (or 8) hex digits; Oxigraph reads \u + 4 and \U + 8.
_CODEPOINT_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
# Everything but tab and LF below U+0020, DEL and the C1 controls, the Unicode line and
# paragraph separators, a byte-order mark (past the start) and lone surrogates.
_REFUSED_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_SERVICE_WORD = re.compile("service", re.IGNORECASE | re.ASCII)
# Checks of texts up to this long are remembered (1,024 of them at most).
_REMEMBERED_CHARS = 20_000


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed :func:`check_query`.

    Attributes
    ----------
    text : str
        The text to run: the query as given after :func:`normalise_query`
        (line ends made LF, a leading byte-order mark removed). It is exactly
        the text both parsers read.
    form : {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
        The query form.
    variables : frozenset of str
        Every variable named anywhere in the query, without ``?``.
    graphs : tuple of str
        The IRIs of its ``FROM`` and ``FROM NAMED`` clauses, sorted.
    short_construct : bool
        True for the ``CONSTRUCT WHERE { ... }`` short form (no template).
    projection : tuple of str, optional
        The variables a SELECT query projects, in order; None for ``SELECT *``
        and the other forms.
    shipped : bool
        True when the text is one of graphkit's own queries, checked when it
        was shipped (:mod:`graphkit.sparql.shipped`), or was composed from one.
    """

    text: str
    form: QueryForm
    variables: frozenset[str]
    graphs: tuple[str, ...]
    short_construct: bool = False
    projection: tuple[str, ...] | None = None
    shipped: bool = False


def normalise_query(text: str) -> str:
    r"""Return the text both SPARQL parsers read the same way, or refuse it.

    A leading byte-order mark is removed and every CR LF or lone CR becomes
    LF. Codepoint escapes (``\uXXXX``, ``\UXXXXXXXX``) and control characters
    other than tab and LF are refused, wherever they are (see the module
    docstring for why).

    Parameters
    ----------
    text : str
        A SPARQL query.

    Returns
    -------
    str
        The normalised text; normalising it again changes nothing.

    Raises
    ------
    QueryError
        If the text holds a codepoint escape or a refused character; the
        message names it, with its line and column.

    Examples
    --------
    >>> normalise_query("ASK {\r ?s ?p ?o }")
    'ASK {\n ?s ?p ?o }'
    >>> normalise_query("ASK { ?s ?p 'caf\\u00e9' }")
    Traceback (most recent call last):
    ...
    graphkit.errors.QueryError: the query holds the codepoint escape \u00e9 at line 1, column 17: ...
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    escape = _CODEPOINT_ESCAPE.search(text)
    if escape:
        raise QueryError(
            f"the query holds the codepoint escape {escape[0]} at {_where(text, escape.start())}: "
            "graphkit does not accept \\uXXXX or \\UXXXXXXXX escapes, which its two SPARQL "
            "parsers read differently; write the character itself"
        )
    char = _REFUSED_CHAR.search(text)
    if char:
        raise QueryError(
            f"the query holds the control character U+{ord(char[0]):04X} at {_where(text, char.start())}: "
            "graphkit accepts no control character but tab and newline in a query, since SPARQL "
            "parsers and other tools read them differently; in a string write \\t, \\n or \\r"
        )
    return text


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


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
        The text to run, and the query's form, variables and dataset clause.

    Raises
    ------
    UnsafeQueryError
        If the text is an update, uses ``SERVICE`` (as either parser reads
        it), or names a graph outside graphkit's in ``FROM`` / ``FROM NAMED``.
    QueryError
        If the text is not a SPARQL query both parsers accept (the message
        gives line and column), holds a character the parsers read
        differently, or has a shape that crashes Oxigraph.

    Examples
    --------
    >>> check_query("ASK { ?s ?p 'SERVICE <http://example.org/> {}' }").form
    'ASK'
    >>> check_query("SELECT * { OPTIONAL { SERVICE SILENT ?x { ?s ?p ?o } } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.errors.UnsafeQueryError: SERVICE (federated query) is not allowed: ...
    """
    if not isinstance(text, str):
        raise QueryError(f"a SPARQL query must be text, not {type(text).__name__}")
    if prefixes is None:
        found = shipped_check(text)
        if found is not None:
            return found
    known = tuple(sorted((PREFIXES if prefixes is None else prefixes).items()))
    if len(text) > _REMEMBERED_CHARS:  # a stream of huge texts must not grow the memory
        return _check.__wrapped__(text, known)
    return _check(text, known)


@lru_cache(maxsize=1024)
def _check(text: str, prefixes: tuple[tuple[str, str], ...]) -> CheckedQuery:
    """Check one text with one set of prefixes (remembered: checks are pure)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    if not text.strip():
        raise QueryError("the query is empty")
    text = normalise_query(text)
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
    projection = _projection(query_part) if form == "SELECT" else None
    try:
        translated = translateQuery(parsed, initNs=dict(prefixes))
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
    _refuse_crashing_shapes(translated.algebra)
    _require_oxigraph_agreement(text, dict(prefixes))
    return CheckedQuery(
        text=text,
        form=form,
        variables=variables,
        graphs=graphs,
        short_construct=short_construct,
        projection=projection,
    )


def check_composed(
    text: str, checked: CheckedQuery, *, graphs: tuple[str, ...] | None = None
) -> CheckedQuery:
    r"""Check a text graphkit composed from a checked query, as the engine reads it.

    graphkit composes the text it runs from a checked query and parts it
    writes itself: prefix declarations of :data:`~graphkit.vocab.namespaces.PREFIXES`,
    a ``VALUES`` block of bound terms (:func:`~graphkit.sparql.binding.bind_values`)
    and a dataset clause of graphkit graphs. Such a text is not parsed by
    rdflib again: it must be normalised already, and Oxigraph, which runs it,
    must parse it and read no ``SERVICE`` in it.

    Parameters
    ----------
    text : str
        The composed text.
    checked : CheckedQuery
        The check of the query it was composed from.
    graphs : tuple of str, optional
        The graphs of the dataset clause added, when one was.

    Returns
    -------
    CheckedQuery
        The check of *text*: *checked*'s form and variables, with *text* and
        the graphs of its dataset clause.

    Raises
    ------
    UnsafeQueryError, QueryError
        As :func:`check_query`.

    Examples
    --------
    >>> base = check_query("ASK { ?s ?p ?o }")
    >>> check_composed("PREFIX ex: <http://example.org/>\nASK { ?s ?p ?o }", base).form
    'ASK'
    """
    if normalise_query(text) != text:
        raise QueryError("a composed query must be normalised text (LF line ends, no byte-order mark)")
    found = tuple(sorted(graphs)) if graphs is not None else checked.graphs
    for iri in found:
        if not iri.startswith(ALLOWED_GRAPH_PREFIX):
            raise UnsafeQueryError(
                f"FROM / FROM NAMED <{iri}> is not allowed: only graphkit graphs can be named"
            )
    _require_oxigraph_agreement(text, {})
    return CheckedQuery(
        text=text,
        form=checked.form,
        variables=checked.variables,
        graphs=found,
        short_construct=checked.short_construct,
        projection=checked.projection,
        shipped=checked.shipped,
    )


def _projection(query_part: Any) -> tuple[str, ...] | None:
    """Return the projected variables of a parsed SELECT query, or None for ``SELECT *``."""
    if "projection" not in query_part:
        return None
    return tuple(str(item["evar"] if "evar" in item else item["var"]) for item in query_part["projection"])


# ----------------------------------------------------------------- Oxigraph's reading


@cache
def _empty_store() -> Any:
    import pyoxigraph

    return pyoxigraph.Store()


def _oxigraph_syntax_error(text: str, prefixes: dict[str, str]) -> str | None:
    """Return Oxigraph's syntax error for ``text``, or None if it parses. Nothing runs.

    ``Store.query`` parses the text first and only then validates its other
    arguments; two that contradict each other (a union default graph *and* an
    explicit one) make it raise ValueError after a successful parse, before
    any evaluation.
    """
    import pyoxigraph

    try:
        _empty_store().query(
            text,
            prefixes=prefixes,
            use_default_graph_as_union=True,
            default_graph=pyoxigraph.DefaultGraph(),
        )
    except SyntaxError as exc:
        return str(exc)
    except ValueError:
        return None
    raise QueryError(  # pragma: no cover - only if pyoxigraph changes what it checks first
        "this pyoxigraph evaluates a query before validating its arguments; "
        "graphkit cannot check queries with it"
    )


def _neutralise_service(text: str) -> str:
    """Change every ``service`` (any ASCII case) so that it can no longer be the keyword."""
    return _SERVICE_WORD.sub(lambda m: m[0][0] + ("Q" if m[0][1] == "E" else "q") + m[0][2:], text)


def _require_oxigraph_agreement(text: str, prefixes: dict[str, str]) -> None:
    """Refuse the text unless Oxigraph parses it and reads no SERVICE in it."""
    error = _oxigraph_syntax_error(text, prefixes)
    if error is not None:
        raise QueryError(f"malformed SPARQL query (Oxigraph, which runs it, cannot read it): {error}")
    if not _SERVICE_WORD.search(text):
        return
    neutral = {_neutralise_service(k): _neutralise_service(v) for k, v in prefixes.items()}
    if _oxigraph_syntax_error(_neutralise_service(text), neutral) is not None:
        raise UnsafeQueryError(f"{SERVICE_REFUSED} (Oxigraph reads a SERVICE clause in this text)")


# ----------------------------------------------------------------- rdflib's reading


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
    lines = text.split("\n")
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
            raise UnsafeQueryError(SERVICE_REFUSED)


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


# ----------------------------------------------------------------- shapes that crash Oxigraph


def _path_parts(path: Any) -> Iterator[Any]:
    """Yield a property path and every path inside it."""
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

    stack = [path]
    while stack:
        part = stack.pop()
        yield part
        if isinstance(part, MulPath):
            stack.append(part.path)
        elif isinstance(part, InvPath):
            stack.append(part.arg)
        elif isinstance(part, SequencePath | AlternativePath | NegatedPath):
            stack.extend(part.args)


def _refuse_crashing_shapes(algebra: Any) -> None:
    """Refuse ``?s !ex:p* ?o`` with ORDER BY: Oxigraph 0.5 aborts the process on it."""
    from rdflib.paths import MulPath, NegatedPath, Path

    nodes = list(_walk(algebra))
    if not any(_node_name(node) == "OrderBy" for node in nodes):
        return
    for node in nodes:
        if _node_name(node) != "BGP":
            continue
        for _, predicate, _ in node.triples:
            if not isinstance(predicate, Path):
                continue
            for part in _path_parts(predicate):
                if (
                    isinstance(part, MulPath)
                    and part.mod == "*"
                    and any(isinstance(p, NegatedPath) for p in _path_parts(part.path))
                ):
                    raise QueryError(
                        f"this query cannot run: a zero-or-more path over a negated property set "
                        f"({part.n3()}) in a query with ORDER BY crashes Oxigraph 0.5, the engine "
                        "that runs it; drop the ORDER BY and sort the rows afterwards, or use + or "
                        "a list of the properties wanted instead of !"
                    )
