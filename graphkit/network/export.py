"""Write a projected graph for the tools analysts use.

============  ==========================  =========================================
format        file(s)                     read back with
============  ==========================  =========================================
``graphml``   one ``.graphml`` file       ``networkx.read_graphml``, Gephi, yEd
``gexf``      one ``.gexf`` file          ``networkx.read_gexf``, Gephi
``csv``       ``nodes.csv``, ``edges.csv``  pandas, spreadsheets
              in a folder
``json``      one node-link ``.json``     ``networkx.node_link_graph``, d3
============  ==========================  =========================================

GraphML, GEXF and CSV hold only scalars, so attributes are sanitized for them:
a list becomes one string joined with :data:`SEPARATOR`, a quote becomes
``text [document]``, ``None`` is dropped, and an attribute whose values are of
mixed kinds becomes a string everywhere. Node-link JSON keeps lists and
quotes as they are (only ``None`` is dropped). Files are written in sorted
order with no timestamp, so the same graph gives the same bytes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from graphkit.errors import InputError
from graphkit.files import atomic_write

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "SEPARATOR", "ExportFormat", "export_format", "export_graph", "sanitize"]

ExportFormat = Literal["graphml", "gexf", "csv", "json"]

#: The formats :func:`export_graph` writes.
FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "json")

#: What joins the items of a list attribute in GraphML, GEXF and CSV.
SEPARATOR = " | "

_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}


def _flatten(value: Any) -> Any:
    if isinstance(value, dict):
        if "text" in value and "document" in value:
            return f"{value['text']} [{value['document']}]"
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return SEPARATOR.join(str(_flatten(v)) for v in items if v is not None)
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _uniform(rows: list[dict[str, Any]]) -> None:
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            kinds.setdefault(key, set()).add(bool if isinstance(value, bool) else type(value))
    mixed = {k for k, ts in kinds.items() if len(ts) > 1}
    for row in rows:
        for key in mixed & set(row):
            row[key] = str(row[key])


def sanitize(G: nx.Graph, *, scalars: bool = True) -> nx.Graph:
    """Return a copy of *G* whose attributes every export format accepts.

    Parameters
    ----------
    G : networkx.Graph
        Any graph.
    scalars : bool
        Flatten lists and dicts to strings (for GraphML, GEXF and CSV); when
        False, only drop ``None`` values (for JSON).

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph(title="t", documents={"D": {"year": 2021}})
    >>> M.add_node("a", label="A", aliases=["x", "y"], gone=None)
    >>> M.add_edge("a", "a", key="k", quotes=[{"text": "Hi", "document": "D"}])
    'k'
    >>> S = sanitize(M)
    >>> S.nodes["a"], S.edges["a", "a", "k"]["quotes"], S.graph["documents"]
    ({'label': 'A', 'aliases': 'x | y'}, 'Hi [D]', '{"D": {"year": 2021}}')
    """
    H = G.__class__()

    def clean(attrs: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in attrs.items():
            if value is None:
                continue
            out[str(key)] = _flatten(value) if scalars else value
        return out

    H.graph.update(clean(G.graph))
    nodes = [(n, clean(d)) for n, d in G.nodes(data=True)]
    if G.is_multigraph():
        edges = [(u, v, k, clean(d)) for u, v, k, d in G.edges(keys=True, data=True)]
    else:
        edges = [(u, v, clean(d)) for u, v, d in G.edges(data=True)]
    if scalars:
        _uniform([d for _, d in nodes])
        _uniform([e[-1] for e in edges])
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    return H


def _csv(G: nx.Graph, folder: Path) -> dict[Path, bytes]:
    import pandas as pd

    S = sanitize(G)
    first = ["label", "type", "types", "aliases", "documents"]
    node_rows = [{"id": n, **d} for n, d in S.nodes(data=True)]
    node_cols = ["id", *first, *sorted({k for r in node_rows for k in r} - {"id", *first})]
    if S.is_multigraph():
        edge_rows = [
            {"source": u, "target": v, "key": k, **d} for u, v, k, d in S.edges(keys=True, data=True)
        ]
    else:
        edge_rows = [{"source": u, "target": v, **d} for u, v, d in S.edges(data=True)]
    lead = ["source", "target", "key", "predicate", "label", "support", "documents", "quotes"]
    present = {k for r in edge_rows for k in r}
    lead = [c for c in lead if c in present or c in ("source", "target")]
    edge_cols = [*lead, *sorted(present - set(lead))]
    return {
        folder / name: pd.DataFrame(rows, columns=cols)
        .to_csv(index=False, lineterminator="\n")
        .encode("utf-8")
        for name, rows, cols in (("nodes.csv", node_rows, node_cols), ("edges.csv", edge_rows, edge_cols))
    }


def _graphml(G: nx.Graph, path: Path) -> dict[Path, bytes]:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(sanitize(G), buffer, encoding="utf-8")
    return {path: buffer.getvalue()}


def _gexf(G: nx.Graph, path: Path) -> dict[Path, bytes]:
    import networkx as nx

    S = sanitize(G)
    # GEXF keeps graph attributes only as metadata; say what the graph is there.
    S.graph = {"mode": "static", "description": str(S.graph.get("title", ""))}
    buffer = io.BytesIO()
    nx.write_gexf(S, buffer, encoding="utf-8")
    # networkx stamps the file with today's date: drop it so output is reproducible.
    text = re.sub(r' lastmodifieddate="[^"]*"', "", buffer.getvalue().decode("utf-8"), count=1)
    return {path: text.encode("utf-8")}


def _json(G: nx.Graph, path: Path) -> dict[Path, bytes]:
    import networkx as nx

    data = nx.node_link_data(sanitize(G, scalars=False), edges="edges")
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return {path: (text + "\n").encode("utf-8")}


_WRITERS: dict[str, Callable[[Any, Path], dict[Path, bytes]]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "csv": _csv,
    "json": _json,
}


def export_format(path: str | Path, format: str | None = None) -> ExportFormat:
    """Return the format an export to *path* is written in, refusing a suffix that names none.

    Examples
    --------
    >>> export_format("g.gexf"), export_format("tables"), export_format("g.txt", "json")
    ('gexf', 'csv', 'json')
    >>> export_format("g.xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.errors.InputError: unknown export suffix '.xlsx': use .graphml, .gexf, .json, or a name ...
    """
    suffix = Path(path).suffix.lower()
    if format is None and suffix and suffix not in _SUFFIXES:
        known = ", ".join(_SUFFIXES)
        raise InputError(
            f"unknown export suffix {suffix!r}: use {known}, or a name without a suffix (a folder) for csv"
        )
    chosen = format or _SUFFIXES.get(suffix, "csv")
    if chosen not in _WRITERS:
        raise InputError(f"unknown export format {chosen!r} (use {', '.join(FORMATS)})")
    return chosen  # type: ignore[return-value]


def export_graph(G: nx.Graph, path: str | Path, *, format: ExportFormat | None = None) -> list[Path]:
    """Write *G* as GraphML, GEXF, node and edge CSV, or node-link JSON.

    Parameters
    ----------
    G : networkx.Graph
        A projected graph or any view of it.
    path : str or Path
        The file to write; for ``csv``, the folder to write ``nodes.csv`` and
        ``edges.csv`` in.
    format : {"graphml", "gexf", "csv", "json"}, optional
        Default: from the file's suffix (``.graphml``, ``.gexf``, ``.json``;
        anything else is a CSV folder).

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> M = nx.MultiDiGraph(title="demo")
    >>> M.add_edge("a", "b", key="knows", label="knows", documents=["D"], support=1)
    'knows'
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in export_graph(M, out / "g.graphml")]
    ['g.graphml']
    >>> nx.read_graphml(out / "g.graphml", force_multigraph=True).edges["a", "b", "knows"]["documents"]
    'D'
    """
    path = Path(path)
    chosen = export_format(path, format)
    # Each file is written whole or not at all, and an unwritable path is one clear error.
    return [atomic_write(target, data) for target, data in _WRITERS[chosen](G, path).items()]
