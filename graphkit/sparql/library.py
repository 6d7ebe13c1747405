"""The named questions: parameterized SPARQL queries shipped in the package.

Each question is a file ``graphkit/sparql/queries/<name>.rq`` that opens with
a header of ``# key: value`` comment lines, then the query::

    # title: Whom one hero met
    # description: the counterparts one hero met on a program edition
    # params: label (entity): the hero: a name, an alias, part of one or an id
    # columns: hero, counterpart, counterpart_type, via, program_edition, city
    PREFIX ...
    SELECT ...

``title``, ``description``, ``params`` and ``columns`` are required;
``view`` (optional) names how the explorer shows the answer first: one of
``table`` (the default), ``graph``, ``timeline``, ``bar`` or ``map`` (as the
Wikidata Query Service's ``#defaultView:``). A
header value may continue on following comment lines indented by at least two
spaces. ``params`` is ``(none)`` or a ``;``-separated list of
``name (kind[, required]): description``, where ``name`` is a variable of the
query and ``kind`` one of ``entity``, ``term``, ``iri``, ``string``,
``integer``, ``decimal``, ``date``, ``year``, ``boolean`` (see
:func:`graphkit.sparql.binding.to_term`). An ``entity`` parameter takes a
name, an alias, part of one, an id or an IRI, and graphkit's resolver
(:mod:`graphkit.entities`) binds the variable to the entity's IRI; a name
that fits no entity or several is an error listing candidates, never an empty
answer. An optional parameter left out
leaves its variable free; a given one is bound as an RDF term by a ``VALUES``
block, never spliced into the text. ``columns`` lists the SELECT variables in
order (``(graph)`` for CONSTRUCT / DESCRIBE); the loader checks them against
the query.

The files declare their own prefixes, so they can be copied into any SPARQL
client and run there unchanged.

Examples
--------
>>> q = get_query("documents")
>>> q.columns[:2]
('document', 'title')
>>> [q.name for q in list_queries()] == sorted(q.name for q in list_queries())
True
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graphkit.errors import QueryError
from graphkit.sparql.binding import ParamKind, to_term
from graphkit.sparql.safety import check_query

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from rdflib import Dataset

    from graphkit.entities import Match
    from graphkit.sparql.engine import Endpoint
    from graphkit.sparql.results import QueryResult

__all__ = [
    "VIEWS",
    "NamedQuery",
    "Param",
    "get_query",
    "list_queries",
    "parse_named_query",
    "query_names",
    "run_named",
    "suggest_query",
]

#: The ways the explorer can show an answer; a question's ``# view:`` header picks the first.
VIEWS = ("table", "graph", "timeline", "bar", "map")
_FIELDS = ("title", "description", "params", "columns", "view")
_KINDS = ("entity", "term", "iri", "string", "integer", "decimal", "date", "year", "boolean")
_HEADER = re.compile(r"#\s*([a-z][a-z_-]*)\s*:\s*(.*)")
_PARAM = re.compile(
    r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([a-z]+)\s*(,\s*required\s*)?\)\s*(?::\s*(.*))?", re.S
)
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_SELECT_VARS = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Param:
    """A parameter of a named question.

    Attributes
    ----------
    name : str
        The query variable it binds, without ``?``.
    kind : str
        How a string value is read (:func:`graphkit.sparql.binding.to_term`).
    required : bool
        Whether the question refuses to run without it.
    description : str
        What to pass.
    """

    name: str
    kind: ParamKind
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A named question: a SPARQL query with a title, parameters and columns.

    Attributes
    ----------
    name : str
        The file name without ``.rq``; what ``graphkit query NAME`` takes.
    title, description : str
        The question, short and long.
    params : tuple of Param
        Its parameters.
    columns : tuple of str
        The SELECT variables, in order; empty for a CONSTRUCT / DESCRIBE.
    text : str
        The whole file, header included (comments are valid SPARQL).
    view : str
        How the explorer shows the answer first (one of :data:`VIEWS`).
    """

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    view: str = "table"

    def resolve_entities(
        self, values: Mapping[str, object], source: Dataset | Endpoint | str
    ) -> tuple[dict[str, object], dict[str, Match]]:
        """Resolve the names given to ``entity`` parameters into entity IRIs.

        Parameters
        ----------
        values : mapping of str to value
            Parameter name to value, as for :meth:`bindings`.
        source : rdflib.Dataset, Endpoint or str
            Where the entities are looked up (the source the query will run on).

        Returns
        -------
        tuple of (dict, dict)
            The values with every ``entity`` parameter's string replaced by
            the entity's IRI, and each resolved parameter's
            :class:`~graphkit.entities.Match` (its ``note`` says how a loose
            name was read).

        Raises
        ------
        InputError
            If a name fits no entity or several (the message lists candidates).

        Examples
        --------
        >>> import graphkit as gk
        >>> values, matches = get_query("evidence").resolve_entities({"label": "Mech"}, gk.load())
        >>> str(values["label"]), matches["label"].how
        ('https://w3id.org/graphkit/id/dara-mech', 'words')
        """
        from rdflib import URIRef

        from graphkit.entities import list_entities, match_name

        wanted = {p.name for p in self.params if p.kind == "entity"}
        # a name is a plain str; an rdflib term (an IRI already) is bound as it is
        names = {k: v for k, v in values.items() if k in wanted and type(v) is str}
        if not names:
            return dict(values), {}
        entities = list_entities(source)
        matches = {k: match_name(entities, v) for k, v in names.items()}
        resolved = {**values, **{k: URIRef(m.iri) for k, m in matches.items()}}
        return resolved, matches

    def bindings(self, values: Mapping[str, object]) -> dict[str, object]:
        """Turn parameter values into RDF terms, checking names, kinds and required ones.

        Parameters
        ----------
        values : mapping of str to value
            Parameter name to value (a string from the command line, or a
            Python / rdflib value).

        Returns
        -------
        dict
            Variable name to RDF term, for :func:`~graphkit.sparql.engine.run_query`.

        Raises
        ------
        QueryError
            For an unknown parameter, a missing required one or a bad value.
        """
        known = {p.name: p for p in self.params}
        for name in values:
            if name not in known:
                hint = ", ".join(known) or "none"
                raise QueryError(f"{self.name} has no parameter {name!r} (parameters: {hint})")
        out: dict[str, object] = {}
        for param in self.params:
            if param.name in values and values[param.name] is not None:
                try:
                    out[param.name] = to_term(values[param.name], param.kind)
                except QueryError as exc:
                    raise QueryError(f"{self.name}: parameter {param.name}: {exc}") from None
            elif param.required:
                raise QueryError(f"{self.name} needs the parameter {param.name}: {param.description}")
        return out


def _header(text: str, source: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.fullmatch(stripped)
        if m and (m.group(1) in _FIELDS or last is None):
            last = m.group(1)
            if last in fields:
                raise QueryError(f"{source}: header field {last!r} given twice")
            fields[last] = m.group(2).strip()
        elif last is not None and re.match(r"#\s{2,}\S", stripped):
            fields[last] = f"{fields[last]} {stripped[1:].strip()}".strip()
        else:
            last = None
    return fields


def _params(value: str, source: str) -> tuple[Param, ...]:
    if value.strip().lower() in ("(none)", "none", ""):
        return ()
    params = []
    for part in value.split(";"):
        m = _PARAM.fullmatch(part)
        if not m:
            raise QueryError(
                f"{source}: cannot read parameter {part.strip()!r}; "
                "write name (kind[, required]): description"
            )
        name, kind, required, description = m.groups()
        if kind not in _KINDS:
            raise QueryError(f"{source}: parameter {name}: unknown kind {kind!r} ({', '.join(_KINDS)})")
        params.append(Param(name, kind, bool(required), (description or "").strip()))  # type: ignore[arg-type]
    return tuple(params)


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read a named question from the text of its ``.rq`` file.

    Parameters
    ----------
    name : str
        Its name (lowercase letters, digits and hyphens).
    text : str
        The file's text.

    Returns
    -------
    NamedQuery

    Raises
    ------
    QueryError
        If the header is incomplete, a parameter is not a variable of the
        query, the columns do not match the SELECT clause, or the query is
        not safe.

    Examples
    --------
    >>> q = parse_named_query("n", '''# title: Names
    ... # description: every label
    ... # params: who (iri): the entity
    ... # columns: who, name
    ... SELECT ?who ?name WHERE { ?who rdfs:label ?name }''')
    >>> q.params[0].kind, q.columns
    ('iri', ('who', 'name'))
    """
    source = f"named query {name!r}"
    if not _NAME.fullmatch(name):
        raise QueryError(f"{source}: a name is lowercase letters, digits and hyphens")
    fields = _header(text, source)
    missing = [k for k in ("title", "description", "params", "columns") if not fields.get(k)]
    if missing:
        raise QueryError(f"{source}: the header lacks {', '.join(missing)}")
    checked = check_query(text)
    params = _params(fields["params"], source)
    for param in params:
        if param.name not in checked.variables:
            raise QueryError(f"{source}: parameter {param.name} is not a variable of the query")
    columns_field = fields["columns"].strip()
    columns: tuple[str, ...] = ()
    if checked.form == "SELECT":
        columns = tuple(c.strip().removeprefix("?") for c in columns_field.split(",") if c.strip())
        projected = checked.projection
        if projected is not None and projected != columns:
            raise QueryError(
                f"{source}: the header's columns {', '.join(columns)} differ from the "
                f"query's {', '.join(projected)}"
            )
    view = fields.get("view", "table").strip()
    if view not in VIEWS:
        raise QueryError(f"{source}: unknown view {view!r} ({', '.join(VIEWS)})")
    return NamedQuery(
        name=name,
        title=fields["title"],
        description=fields["description"],
        params=params,
        columns=columns,
        text=text,
        view=view,
    )


def _queries_folder() -> Traversable:
    from importlib.resources import files

    return files("graphkit.sparql").joinpath("queries")


@cache
def _read_query(name: str) -> NamedQuery | None:
    """Read one shipped question, or None if there is no such file."""
    if not _NAME.fullmatch(name):
        return None
    entry = _queries_folder().joinpath(f"{name}.rq")
    if not entry.is_file():
        return None
    return parse_named_query(name, entry.read_text(encoding="utf-8"))


@cache
def query_names() -> tuple[str, ...]:
    """Return the names of the shipped named questions, sorted, without reading them.

    Examples
    --------
    >>> "heroes" in query_names()
    True
    """
    entries = _queries_folder().iterdir()
    return tuple(sorted(e.name.removesuffix(".rq") for e in entries if e.name.endswith(".rq")))


def list_queries() -> list[NamedQuery]:
    """Return every named question shipped with graphkit, sorted by name.

    Returns
    -------
    list of NamedQuery
    """
    return [get_query(name) for name in query_names()]


def get_query(name: str) -> NamedQuery:
    """Return the named question called ``name``.

    Parameters
    ----------
    name : str
        For example ``"heroes"``.

    Returns
    -------
    NamedQuery

    Raises
    ------
    QueryError
        If there is no such question (the message lists the names).
    """
    query = _read_query(name) if isinstance(name, str) else None
    if query is None:
        close = suggest_query(name)
        hint = f"did you mean {close}? " if close else ""
        raise QueryError(f"no named query {name!r}; {hint}there are: {', '.join(query_names())}")
    return query


def suggest_query(name: str) -> str | None:
    """Return the named question whose name is closest to a misspelt one, if any is close.

    Examples
    --------
    >>> suggest_query("heros")
    'heroes'
    >>> suggest_query("banana") is None
    True
    """
    close = difflib.get_close_matches(str(name).strip().lower(), list(query_names()), n=1, cutoff=0.6)
    return close[0] if close else None


def run_named(
    source: Dataset | Endpoint | str,
    name: str,
    params: Mapping[str, object] | None = None,
    *,
    max_rows: int | None = None,
) -> QueryResult:
    """Answer a named question.

    Parameters
    ----------
    source : rdflib.Dataset, Endpoint or str
        As for :func:`~graphkit.sparql.engine.run_query`.
    name : str
        The question's name.
    params : mapping of str to value, optional
        Its parameters; strings are read according to each parameter's kind
        (names given to ``entity`` parameters are resolved against ``source``).
    max_rows : int, optional
        Row cap, as for :func:`~graphkit.sparql.engine.run_query`.

    Returns
    -------
    QueryResult
    """
    from graphkit.sparql.engine import run_query

    query = get_query(name)
    values, _ = query.resolve_entities(params or {}, source)
    bindings = query.bindings(values)
    return run_query(source, query.text, bindings=bindings, max_rows=max_rows)
