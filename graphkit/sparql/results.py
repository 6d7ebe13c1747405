r"""Query results and the formats they are written in.

A :class:`QueryResult` holds the answer to any of the four query forms: rows
under named columns (``SELECT``), a boolean (``ASK``) or a graph (``CONSTRUCT``,
``DESCRIBE``). :func:`format_result` writes it as text:

========== ==================================== ==========================
format     for                                   standard
========== ==================================== ==========================
table      SELECT, ASK: a readable rich table    (for people)
markdown   SELECT, ASK                           GitHub-flavoured table
csv        SELECT, ASK                           SPARQL 1.1 CSV results
tsv        SELECT, ASK                           SPARQL 1.1 TSV results
json       SELECT, ASK                           SPARQL 1.1 JSON results
xml        SELECT, ASK                           SPARQL XML results
turtle     CONSTRUCT, DESCRIBE                   RDF 1.1 Turtle
json-ld    CONSTRUCT, DESCRIBE                   JSON-LD 1.1
nt         CONSTRUCT, DESCRIBE                   N-Triples
========== ==================================== ==========================

Output is deterministic: rows keep the query's order (add ``ORDER BY`` to fix
it), blank nodes are relabelled ``b0``, ``b1``... in order of appearance,
triples and JSON-LD nodes are sorted. The people formats (table, markdown)
abbreviate IRIs with graphkit's prefixes and show control characters as
escapes (``\x1b``, ``\u202e``), so that a literal from a remote endpoint
cannot move the cursor, recolour or retitle the terminal, or reorder the text
around it; the machine formats never abbreviate and keep every value exact
(XML 1.0 cannot carry most C0 controls at all: such a result is refused as xml,
with a message naming the character, rather than written as a broken document). An
``ASK`` answer in CSV/TSV is one column named ``_askResult`` (Jena's usage;
the CSV/TSV results spec covers only SELECT).

Examples
--------
>>> from rdflib import Literal, URIRef
>>> r = QueryResult(
...     "SELECT",
...     columns=("hero", "year"),
...     rows=((URIRef("https://w3id.org/graphkit/id/imelda-poole"), Literal(2021)),),
... )
>>> format_result(r, "csv").splitlines()
['hero,year', 'https://w3id.org/graphkit/id/imelda-poole,2021']
>>> print(format_result(r, "markdown"), end="")
| hero | year |
| --- | --- |
| gkd:imelda-poole | 2021 |
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from graphkit.errors import QueryError
from graphkit.sparql.safety import QueryForm
from graphkit.vocab.namespaces import PREFIXES

if TYPE_CHECKING:
    import pandas as pd
    from rdflib import Graph
    from rdflib.term import Node
    from rich.table import Table

__all__ = [
    "FORMATS",
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "SELECT_FORMATS",
    "Format",
    "QueryResult",
    "display_term",
    "fold_labels",
    "format_result",
    "to_rich_table",
]

Format = Literal["table", "markdown", "csv", "tsv", "json", "xml", "turtle", "json-ld", "nt"]

#: Formats for SELECT and ASK results.
SELECT_FORMATS: tuple[Format, ...] = ("table", "markdown", "csv", "tsv", "json", "xml")
#: Formats for CONSTRUCT and DESCRIBE results.
GRAPH_FORMATS: tuple[Format, ...] = ("turtle", "json-ld", "nt")
FORMATS: tuple[Format, ...] = SELECT_FORMATS + GRAPH_FORMATS

#: The media type of each format (what the endpoint sends as Content-Type).
MEDIA_TYPES: dict[Format, str] = {
    "table": "text/plain; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle; charset=utf-8",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_TSV_BARE = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-/.]*(?<![.])")
# What can drive a terminal or reorder text: the C0 controls but tab and LF, DEL, the C1
# controls (CSI U+009B among them), the bidirectional marks, embeddings, overrides and
# isolates, and the Unicode line and paragraph separators.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


@dataclass(frozen=True, eq=False)
class QueryResult:
    """The answer to a SPARQL query.

    Parameters
    ----------
    form : {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
        The form of the query that produced it.
    columns : tuple of str
        SELECT: the projected variables, in order, without ``?``.
    rows : tuple of tuple
        SELECT: one tuple per solution, aligned with ``columns``; an unbound
        variable is ``None``.
    boolean : bool, optional
        ASK: the answer.
    graph : rdflib.Graph, optional
        CONSTRUCT / DESCRIBE: the triples.
    truncated : bool
        True when a row cap cut the answer short: more rows (or triples)
        exist than are here.
    """

    form: QueryForm
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    def __len__(self) -> int:
        """Return the number of rows (SELECT), triples (graphs) or 1 (ASK)."""
        if self.graph is not None:
            return len(self.graph)
        if self.boolean is not None:
            return 1
        return len(self.rows)

    def records(self) -> list[dict[str, Node | None]]:
        """Return the SELECT rows as dicts from column name to RDF term.

        Raises
        ------
        QueryError
            If the result is not a SELECT result.
        """
        self._require_rows("records()")
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_dataframe(self) -> pd.DataFrame:
        """Return the result as a pandas DataFrame of plain Python values.

        SELECT gives one column per variable; CONSTRUCT / DESCRIBE give
        ``subject``, ``predicate``, ``object`` (sorted). IRIs and blank nodes
        become strings; literals become ``int``, ``float``, ``bool``,
        ``datetime.date`` where their datatype says so (``xsd:gYear`` becomes
        an ``int``), else their lexical form; unbound values become ``None``.

        Returns
        -------
        pandas.DataFrame

        Raises
        ------
        QueryError
            For an ASK result, which is a boolean: read :attr:`boolean`.
        """
        import pandas as pd

        if self.graph is not None:
            triples = sorted(self.graph, key=lambda t: tuple(_sort_key(x) for x in t))
            data = [tuple(_to_python(x) for x in t) for t in triples]
            return pd.DataFrame(data, columns=["subject", "predicate", "object"], dtype=object)
        self._require_rows("to_dataframe()")
        data = [tuple(_to_python(x) for x in row) for row in self.rows]
        return pd.DataFrame(data, columns=list(self.columns), dtype=object)

    def _require_rows(self, what: str) -> None:
        if self.form != "SELECT":
            raise QueryError(f"{what} needs a SELECT result, not {self.form}")


def _to_python(term: Node | None) -> Any:
    """Turn an RDF term into the plain Python value a DataFrame should hold."""
    from decimal import Decimal

    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if not isinstance(term, Literal):
        return str(term)
    if term.datatype is not None and str(term.datatype) == _XSD + "gYear":
        text = str(term)
        return int(text) if re.fullmatch(r"-?[0-9]{4,}", text) else text
    value = term.toPython()
    if isinstance(value, Literal):  # unknown datatype or ill-typed lexical form
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _sort_key(term: Node | None) -> tuple[int, str]:
    from rdflib import BNode, Literal

    if term is None:
        return (0, "")
    if isinstance(term, BNode):
        return (1, str(term))
    if isinstance(term, Literal):
        return (3, f"{term}\x00{term.language or ''}\x00{term.datatype or ''}")
    return (2, str(term))


class _BlankLabels:
    """Relabel blank nodes b0, b1... in order of first appearance."""

    def __init__(self) -> None:
        self._labels: dict[str, str] = {}

    def __call__(self, node: Node) -> str:
        return self._labels.setdefault(str(node), f"b{len(self._labels)}")


def display_term(term: Node | None) -> str:
    r"""Render an RDF term for people: prefixed names for IRIs, lexical forms for literals.

    Parameters
    ----------
    term : rdflib term or None

    Returns
    -------
    str
        ``gkd:imelda-poole`` for a graphkit IRI, ``<...>`` for an IRI no
        prefix covers, the lexical form of a literal, ``""`` when unbound.
        Control characters (but tab and newline), bidirectional controls and
        line separators are written as escapes, ``\x1b`` or ``\u202e``.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> display_term(URIRef("https://schema.org/Person"))
    'schema:Person'
    >>> display_term(URIRef("http://example.org/x"))
    '<http://example.org/x>'
    >>> display_term(Literal("Zaheer", lang="en"))
    'Zaheer'
    >>> print(display_term(Literal("\x1b]0;owned\x07red")))
    \x1b]0;owned\x07red
    """
    return _visible(_display_text(term))


def _visible(text: str) -> str:
    """Write the characters that drive a terminal or reorder text as visible escapes."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _INVISIBLE.sub(escape, text)


def _display_text(term: Node | None) -> str:
    from rdflib import BNode, Literal

    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    iri = str(term)
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            local = iri[len(namespace) :]
            if local == "" or _LOCAL_NAME.fullmatch(local):
                best, best_prefix = namespace, prefix
    if best:
        return f"{best_prefix}:{iri[len(best) :]}"
    return f"<{iri}>"


def format_result(result: QueryResult, fmt: Format, *, width: int | None = None) -> str:
    """Write a query result as text in one of :data:`FORMATS`.

    Parameters
    ----------
    result : QueryResult
        What the query returned.
    fmt : str
        One of :data:`SELECT_FORMATS` for SELECT and ASK results, one of
        :data:`GRAPH_FORMATS` for CONSTRUCT and DESCRIBE results.
    width : int, optional
        Line width of the ``table`` format (default 120).

    Returns
    -------
    str
        The text, ending with a newline.

    Raises
    ------
    QueryError
        If the format does not exist or does not fit the result's form.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    is_graph = result.graph is not None
    if is_graph and fmt not in GRAPH_FORMATS:
        raise QueryError(f"{result.form} gives a graph: write it as {', '.join(GRAPH_FORMATS)}, not {fmt}")
    if not is_graph and fmt in GRAPH_FORMATS:
        raise QueryError(f"{result.form} gives a table: write it as {', '.join(SELECT_FORMATS)}, not {fmt}")
    writer = _WRITERS[fmt]
    if fmt == "table":
        return _write_table(result, width=width or 120)
    return writer(result)


# ----------------------------------------------------------------- tables


def _columns_rows(result: QueryResult) -> tuple[tuple[str, ...], Sequence[tuple[Any, ...]]]:
    if result.boolean is not None:
        return ("_askResult",), ()
    return result.columns, result.rows


def fold_labels(result: QueryResult) -> QueryResult:
    """Show labels in place of IRIs: the people's view of a result with ``<col>_label`` columns.

    Each column that has a ``<col>_label`` partner (see
    :func:`~graphkit.sparql.engine.add_labels`) shows the label where there
    is one and the IRI otherwise; the ``_label`` columns are dropped.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> r = QueryResult("SELECT", ("hero", "hero_label"), ((URIRef("urn:x"), Literal("Dara Mech")),))
    >>> fold_labels(r).columns, str(fold_labels(r).rows[0][0])
    (('hero',), 'Dara Mech')
    """
    if result.form != "SELECT":
        return result
    partner = {c: f"{c}_label" for c in result.columns if f"{c}_label" in result.columns}
    keep = [i for i, c in enumerate(result.columns) if c not in partner.values()]
    index = {c: i for i, c in enumerate(result.columns)}
    rows = tuple(
        tuple(
            row[index[partner[result.columns[i]]]] or row[i] if result.columns[i] in partner else row[i]
            for i in keep
        )
        for row in result.rows
    )
    columns = tuple(result.columns[i] for i in keep)
    return QueryResult("SELECT", columns, rows, truncated=result.truncated)


def to_rich_table(result: QueryResult) -> Table:
    """Return a rich :class:`~rich.table.Table` of a SELECT or ASK result.

    Cells are :class:`rich.text.Text`, so brackets in the data are never read
    as rich markup. A truncated result says so in the caption.

    Parameters
    ----------
    result : QueryResult

    Returns
    -------
    rich.table.Table
    """
    from rich.table import Table
    from rich.text import Text

    if result.graph is not None:
        raise QueryError(f"{result.form} gives a graph, not a table")
    table = Table(show_lines=False, highlight=False)
    if result.boolean is not None:
        table.add_column("ASK")
        table.add_row(Text("true" if result.boolean else "false"))
        return table
    for column in result.columns:
        table.add_column(Text(column), overflow="fold")
    blanks = _BlankLabels()
    for row in result.rows:
        table.add_row(*(Text(_display(term, blanks)) for term in row))
    n = len(result.rows)
    caption = f"{n} row{'s' if n != 1 else ''}"
    if result.truncated:
        caption += " (truncated: more rows exist; raise the row cap to see them)"
    table.caption = caption
    return table


def _display(term: Node | None, blanks: _BlankLabels) -> str:
    from rdflib import BNode

    if isinstance(term, BNode):
        return f"_:{blanks(term)}"
    return display_term(term)


def _write_table(result: QueryResult, *, width: int) -> str:
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(to_rich_table(result))
    return buffer.getvalue()


def _write_markdown(result: QueryResult) -> str:
    columns, rows = _columns_rows(result)
    if result.boolean is not None:
        rows = ((("true" if result.boolean else "false"),),)
        cells = [[str(v) for v in rows[0]]]
    else:
        blanks = _BlankLabels()
        cells = [[_display(term, blanks) for term in row] for row in rows]

    def esc(text: str) -> str:
        return re.sub(r"\s*[\r\n]+\s*", " ", text).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(esc(c) for c in columns) + " |"]
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in cells]
    if result.truncated:
        lines.append("")
        lines.append("*Truncated: more rows exist than are shown.*")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------- CSV / TSV


def _write_csv(result: QueryResult) -> str:
    import csv
    from io import StringIO

    from rdflib import BNode

    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns, rows = _columns_rows(result)
    writer.writerow(columns)
    if result.boolean is not None:
        writer.writerow(["true" if result.boolean else "false"])
    blanks = _BlankLabels()
    for row in rows:
        writer.writerow(
            ["" if t is None else f"_:{blanks(t)}" if isinstance(t, BNode) else str(t) for t in row]
        )
    return buffer.getvalue()


def _tsv_term(term: Node | None, blanks: _BlankLabels) -> str:
    from rdflib import BNode, Literal

    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{blanks(term)}"
    if not isinstance(term, Literal):
        return f"<{term}>"
    lexical = str(term)
    datatype = str(term.datatype) if term.datatype is not None else None
    bare = _TSV_BARE.get(datatype or "")
    if bare is not None and bare.fullmatch(lexical):
        return lexical
    quoted = '"' + _escape_string(lexical) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    if datatype and datatype != _XSD + "string":
        return f"{quoted}^^<{datatype}>"
    return quoted


def _escape_string(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _write_tsv(result: QueryResult) -> str:
    columns, rows = _columns_rows(result)
    lines = ["\t".join(f"?{c}" for c in columns)]
    if result.boolean is not None:
        lines.append("true" if result.boolean else "false")
    blanks = _BlankLabels()
    lines += ["\t".join(_tsv_term(t, blanks) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------- JSON / XML


def _json_term(term: Node, blanks: _BlankLabels) -> dict[str, str]:
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        return {"type": "bnode", "value": blanks(term)}
    if not isinstance(term, Literal):
        return {"type": "uri", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != _XSD + "string":
        out["datatype"] = str(term.datatype)
    return out


def _write_json(result: QueryResult) -> str:
    import json

    if result.boolean is not None:
        doc: dict[str, Any] = {"head": {}, "boolean": result.boolean}
    else:
        blanks = _BlankLabels()
        bindings = [
            {c: _json_term(t, blanks) for c, t in zip(result.columns, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# Characters XML 1.0 cannot carry at all, not even as a character reference.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    """Escape text for XML so that a parser reads it back exactly (CR included), or refuse it."""
    from xml.sax.saxutils import escape

    bad = _NOT_XML.search(text)
    if bad:
        raise QueryError(
            f"the result holds U+{ord(bad[0]):04X}, which XML 1.0 cannot carry; "
            "write it as json, csv or tsv instead"
        )
    return escape(text, {"\r": "&#13;"})


def _write_xml(result: QueryResult) -> str:
    from xml.sax.saxutils import quoteattr

    from rdflib import BNode, Literal

    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "  <head>",
    ]
    if result.boolean is not None:
        out += ["  </head>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>"]
        return "\n".join([*out, "</sparql>"]) + "\n"
    out += [f"    <variable name={quoteattr(c)}/>" for c in result.columns]
    out += ["  </head>", "  <results>"]
    blanks = _BlankLabels()
    for row in result.rows:
        out.append("    <result>")
        for column, term in zip(result.columns, row, strict=True):
            if term is None:
                continue
            if isinstance(term, BNode):
                value = f"<bnode>{_xml_text(blanks(term))}</bnode>"
            elif isinstance(term, Literal):
                attrs = ""
                if term.language:
                    attrs = f" xml:lang={quoteattr(term.language)}"
                elif term.datatype is not None and str(term.datatype) != _XSD + "string":
                    attrs = f" datatype={quoteattr(str(term.datatype))}"
                value = f"<literal{attrs}>{_xml_text(str(term))}</literal>"
            else:
                value = f"<uri>{_xml_text(str(term))}</uri>"
            out.append(f"      <binding name={quoteattr(column)}>{value}</binding>")
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------- graphs


def _canonical(graph: Graph) -> Graph:
    """Return the graph with deterministic blank-node labels (itself if it has none)."""
    from rdflib import BNode
    from rdflib.compare import to_canonical_graph

    if any(isinstance(x, BNode) for t in graph for x in t):
        return to_canonical_graph(graph)
    return graph


def _bound(graph: Graph) -> Graph:
    from rdflib import Graph

    out = Graph()
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace, override=True, replace=True)
    for triple in _canonical(graph):
        out.add(triple)
    return out


def _write_turtle(result: QueryResult) -> str:
    assert result.graph is not None
    return _bound(result.graph).serialize(format="turtle")


def _write_nt(result: QueryResult) -> str:
    assert result.graph is not None
    text = _canonical(result.graph).serialize(format="nt")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return "".join(line + "\n" for line in lines)


def _sorted_jsonld(node: Any, *, in_list: bool = False) -> Any:
    import json

    if isinstance(node, dict):
        return {k: _sorted_jsonld(v, in_list=k == "@list") for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        if in_list:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


def _write_jsonld(result: QueryResult) -> str:
    import json

    assert result.graph is not None
    used = {p: ns for p, ns in PREFIXES.items()}
    text = _bound(result.graph).serialize(format="json-ld", context=used, auto_compact=True)
    doc = _sorted_jsonld(json.loads(text))
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


_WRITERS = {
    "table": None,
    "markdown": _write_markdown,
    "csv": _write_csv,
    "tsv": _write_tsv,
    "json": _write_json,
    "xml": _write_xml,
    "turtle": _write_turtle,
    "json-ld": _write_jsonld,
    "nt": _write_nt,
}


def _iter_terms(result: QueryResult) -> Iterator[Node]:
    """Yield every term of a SELECT result (used by label lookups)."""
    for row in result.rows:
        for term in row:
            if term is not None:
                yield term
