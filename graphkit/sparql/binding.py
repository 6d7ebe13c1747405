"""Give a query values for its variables, as RDF terms.

Parameters reach a query only as RDF terms, never as query text. A value is
first turned into an rdflib term (:func:`to_term`), then
:func:`bind_values` adds one ``VALUES`` block holding those terms at the start
of the query's ``WHERE`` pattern, where it joins with the rest of the pattern
before any grouping, so it constrains aggregates too. The terms are written
by rdflib's own escaping, and the new text is parsed again and refused unless
the parser finds exactly the intended ``VALUES`` block in the intended place,
with exactly the given terms. (Whatever text reaches an engine is checked by
:func:`~graphkit.sparql.engine.prepare_query` as it runs.) Binding the same
values into the same text again reuses the first answer.

Why text and not ``initBindings``: a remote SPARQL 1.1 endpoint accepts only
text; pyoxigraph's ``substitutions`` require the variable in the projection;
and one mechanism means the embedded engines and a remote store give the same
answer to the same named question.

Examples
--------
>>> print(bind_values("SELECT ?n WHERE { ?p rdfs:label ?n }", {"n": "Imelda"}))
SELECT ?n WHERE { VALUES (?n) { ("Imelda") }  ?p rdfs:label ?n }
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from graphkit.errors import QueryError
from graphkit.sparql.safety import _walk, check_query, normalise_query
from graphkit.vocab.namespaces import PREFIXES

if TYPE_CHECKING:
    from rdflib.term import Identifier

__all__ = ["BindingValue", "ParamKind", "bind_values", "to_term"]

ParamKind = Literal["term", "iri", "entity", "string", "integer", "decimal", "date", "year", "boolean"]
BindingValue = "Identifier | str | int | float | bool | Decimal | datetime.date"

_IRI_CHARS = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_ABSOLUTE = re.compile(r"(https?|urn|mailto|file|ftp|tag):\S+")
_PREFIXED = re.compile(r"([A-Za-z][\w\-.]*)?:([\w\-.~%/]*)")
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_XSD = "http://www.w3.org/2001/XMLSchema#"
# The rows of a VALUES block: one tuple of terms per row, in the order of its variables.
_Table = tuple[tuple["Identifier", ...], ...]


def _iri(text: str) -> Identifier:
    from rdflib import URIRef

    if not _IRI_CHARS.fullmatch(text) or not _SCHEME.match(text):
        raise QueryError(f"not an absolute IRI: {text!r}")
    return URIRef(text)


def _parse_iri(text: str) -> Identifier:
    """Read ``<iri>``, ``prefix:local`` (graphkit prefixes) or a bare absolute IRI."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return _iri(text[1:-1])
    m = _PREFIXED.fullmatch(text)
    if m and (m.group(1) or "") in PREFIXES:
        return _iri(PREFIXES[m.group(1) or ""] + m.group(2))
    if _ABSOLUTE.fullmatch(text):
        return _iri(text)
    raise QueryError(
        f"not an IRI: {text!r} (write <http://...>, an absolute IRI, or prefix:name "
        f"with one of {', '.join(sorted(PREFIXES))})"
    )


def to_term(value: object, kind: ParamKind = "term") -> Identifier:
    """Turn a Python value or a command-line string into an RDF term.

    Parameters
    ----------
    value : rdflib term, str, int, float, bool, Decimal or datetime.date
        An rdflib term is used as it is (blank nodes are refused); other
        Python values become typed literals.
    kind : str
        How to read a string. ``"term"`` (default): ``<iri>``, a graphkit
        prefixed name (``gkd:imelda-poole``) or an absolute ``http(s):``/
        ``urn:`` IRI becomes an IRI, anything else a plain string literal.
        ``"iri"``: must be one of those IRI spellings; so must ``"entity"``,
        whose names :meth:`graphkit.sparql.library.NamedQuery.resolve_entities`
        turns into IRIs first. ``"string"``: always a
        plain literal. ``"integer"``, ``"decimal"``, ``"date"``
        (``YYYY-MM-DD``), ``"year"`` (``xsd:gYear``), ``"boolean"``: a
        literal of that XSD type, checked.

    Returns
    -------
    rdflib.term.Identifier

    Raises
    ------
    QueryError
        If the value cannot be read as asked.

    Examples
    --------
    >>> to_term("gkd:imelda-poole")
    rdflib.term.URIRef('https://w3id.org/graphkit/id/imelda-poole')
    >>> to_term("Sister Imelda Poole")
    rdflib.term.Literal('Sister Imelda Poole')
    >>> to_term("2021", "year")
    rdflib.term.Literal('2021', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYear'))
    """
    from rdflib import BNode, Literal, URIRef
    from rdflib.term import Identifier

    if isinstance(value, BNode):
        raise QueryError("a blank node cannot be bound to a query variable")
    if isinstance(value, URIRef):
        return _iri(str(value))
    if isinstance(value, Identifier):
        return value
    if isinstance(value, bool | int | float | Decimal | datetime.date):
        if kind not in ("term", "string"):
            value = str(value).lower() if isinstance(value, bool) else str(value)
        else:
            return Literal(value)
    if not isinstance(value, str):
        raise QueryError(f"cannot bind a {type(value).__name__} to a query variable")
    if kind == "string":
        return Literal(value)
    if kind in ("iri", "entity"):
        return _parse_iri(value)
    if kind == "term":
        try:
            return _parse_iri(value)
        except QueryError:
            return Literal(value)
    patterns = {
        "integer": (r"[+-]?[0-9]+", "integer"),
        "decimal": (r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", "decimal"),
        "date": (r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}", "date"),
        "year": (r"-?[0-9]{4,}", "gYear"),
        "boolean": (r"true|false", "boolean"),
    }
    if kind not in patterns:
        raise QueryError(f"unknown parameter kind {kind!r}")
    pattern, datatype = patterns[kind]
    text = value.strip()
    if not re.fullmatch(pattern, text):
        raise QueryError(f"{value!r} is not a valid {kind}")
    if kind == "date":
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            raise QueryError(f"{value!r} is not a valid date") from None
    return Literal(text, datatype=URIRef(_XSD + datatype))


def _top_level_braces(text: str) -> list[int]:
    """Return the offsets of the ``{`` that open a group at nesting depth 0.

    Comments, string literals and IRIs are skipped, so braces inside them do
    not count; braces inside parentheses (``(EXISTS {...} AS ?x)``) do not
    count either.
    """
    strings = re.compile(
        r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
        r"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
        r'|"(?:[^"\\\n\r]|\\.)*"'
        r"|'(?:[^'\\\n\r]|\\.)*'",
        re.DOTALL,
    )
    iri = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
    found: list[int] = []
    braces = parens = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'":
            m = strings.match(text, i)
            i = m.end() if m else i + 1
            continue
        if c == "<":
            m = iri.match(text, i)
            i = m.end() if m else i + 1
            continue
        if c == "{":
            if braces == 0 and parens == 0:
                found.append(i)
            braces += 1
        elif c == "}":
            braces -= 1
        elif c == "(":
            parens += 1
        elif c == ")":
            parens -= 1
        i += 1
    return found


def bind_values(text: str, bindings: Mapping[str, object]) -> str:
    """Return the query with its variables bound to RDF terms by a ``VALUES`` block.

    Parameters
    ----------
    text : str
        A SPARQL query (it is checked with :func:`~graphkit.sparql.safety.check_query`).
    bindings : mapping of str to value
        Variable name (without ``?``) to value; values go through
        :func:`to_term` with ``kind="term"``, so pass rdflib terms for typed
        literals. One variable may take a list or tuple of values: the block
        then has a row for each (the other variables repeat). Empty: the
        text is returned unchanged.

    Returns
    -------
    str
        The query with ``VALUES (?a ?b) { (term term) }`` opening its
        ``WHERE`` pattern.

    Raises
    ------
    QueryError
        If a name is not a variable of the query, a value cannot be a term, or
        the query is the ``CONSTRUCT WHERE`` short form (which has no room
        for ``VALUES``).

    Examples
    --------
    >>> print(bind_values("SELECT ?e ?n WHERE { ?e rdfs:label ?n }", {"e": ["urn:x:a", "urn:x:b"]}))
    SELECT ?e ?n WHERE { VALUES (?e) { (<urn:x:a>) (<urn:x:b>) }  ?e rdfs:label ?n }
    """
    checked = check_query(text)
    if not bindings:
        return text
    columns: dict[str, tuple[Identifier, ...]] = {}
    for name, value in bindings.items():
        name = name.removeprefix("?").removeprefix("$")
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"not a variable name: {name!r}")
        if name not in checked.variables:
            known = ", ".join(f"?{v}" for v in sorted(checked.variables)) or "none"
            raise QueryError(f"the query has no variable ?{name} (it has {known})")
        values = tuple(value) if isinstance(value, list | tuple) else (value,)
        columns[name] = tuple(to_term(v) for v in values)
        for term in columns[name]:
            try:
                normalise_query(term.n3())
            except QueryError:
                raise QueryError(
                    f"the value for ?{name} holds a control character or a \\u escape, "
                    "which a query cannot carry safely"
                ) from None
    listed = [name for name, values in columns.items() if len(values) != 1]
    if len(listed) > 1:
        raise QueryError(f"only one variable may take several values, not {', '.join(listed)}")
    if checked.short_construct:
        raise QueryError(
            "parameters cannot be bound in the CONSTRUCT WHERE short form; "
            "write CONSTRUCT { ... } WHERE { ... }"
        )
    rows = max((len(values) for values in columns.values()), default=1)
    table = tuple(
        tuple(values[i if len(values) > 1 else 0] for values in columns.values()) for i in range(rows)
    )
    if not table:
        raise QueryError(f"?{listed[0]} was given no values")
    names = tuple(columns)
    construct = checked.form == "CONSTRUCT"
    return _bind(checked.text, construct, names, table, verify_with_rdflib=not checked.shipped)


@lru_cache(maxsize=256)
def _bind(
    text: str,
    construct: bool,
    names: tuple[str, ...],
    table: _Table,
    *,
    verify_with_rdflib: bool,
) -> str:
    """Insert the ``VALUES`` block into a checked text and verify how it is read.

    Oxigraph, which runs the text, must read the block alone as exactly these
    rows of exactly these terms. For a text that is not one of graphkit's
    own (whose places for the block are tested), rdflib must also find the
    block as the first element of the ``WHERE`` pattern.
    """
    braces = _top_level_braces(text)
    index = 1 if construct else 0
    if len(braces) <= index:  # pragma: no cover - a parsed query always has its group
        raise QueryError("cannot find the WHERE pattern of the query")
    at = braces[index] + 1
    block = (
        " VALUES ("
        + " ".join(f"?{n}" for n in names)
        + ") { "
        + " ".join("(" + " ".join(term.n3() for term in row) + ")" for row in table)
        + " } "
    )
    _require_oxigraph_rows(block, names, table)
    bound = text[:at] + block + text[at:]
    if verify_with_rdflib:
        _require_rdflib_block(bound, names, table)
    return bound


def _require_oxigraph_rows(block: str, names: tuple[str, ...], table: _Table) -> None:
    """Refuse the block unless Oxigraph reads it, on its own, as exactly *table*."""
    from graphkit.sparql.safety import _empty_store

    try:
        solutions = _empty_store().query("SELECT * WHERE {" + block + "}")
        got = [tuple(_term_key(solution[name]) for name in names) for solution in solutions]
    except (SyntaxError, ValueError, TypeError):  # pragma: no cover - defensive: rdflib wrote bad terms
        got = None
    if got != [tuple(_term_key(term) for term in row) for row in table]:
        raise QueryError("could not bind the parameters safely to this query")


_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _term_key(term: object) -> tuple[str, ...] | None:
    """Return what identifies an RDF term, for an rdflib term and a pyoxigraph one alike."""
    import pyoxigraph
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, pyoxigraph.NamedNode):
        return ("iri", term.value)
    if isinstance(term, Literal):
        lang = term.language or ""
        datatype = str(term.datatype) if term.datatype else _LANG_STRING if lang else _XSD + "string"
        return ("literal", str(term), lang.lower(), datatype)
    if isinstance(term, pyoxigraph.Literal):
        return ("literal", term.value, (term.language or "").lower(), term.datatype.value)
    return None


def _require_rdflib_block(bound: str, names: tuple[str, ...], table: _Table) -> None:
    """Refuse the text unless rdflib finds the block first in the WHERE pattern, with *table*."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    parsed = parseQuery(bound)
    where = parsed[1]["where"]
    first = where["part"][0] if where.get("part") else None
    expected = [{name: term.n3() for name, term in zip(names, row, strict=True)} for row in table]
    algebra = translateQuery(parsed, initNs=PREFIXES).algebra
    ok = (
        first is not None
        and getattr(first, "name", None) == "InlineData"
        and [str(v) for v in first["var"]] == list(names)
        and len(first["value"]) == len(table)
        and any(
            getattr(node, "name", None) == "values"
            and [{str(k): v.n3() for k, v in row.items()} for row in node["res"]] == expected
            for node in _walk(algebra)
        )
    )
    if not ok:  # pragma: no cover - defensive: the scanner and parser disagree
        raise QueryError("could not bind the parameters safely to this query")
