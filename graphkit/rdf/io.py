"""Reading and writing RDF files: safely, atomically and deterministically.

- :func:`read_turtle` checks the syntax with pyoxigraph first, whose parser is
  transactional and reports the line, so a broken file gives one clear error
  instead of a half-read graph or a traceback from rdflib.
- :func:`atomic_write` writes to a temporary file in the same folder and
  replaces the target, so a failed build never leaves a half-written file.
- :func:`serialize_nquads` and :func:`serialize_trig` give the same bytes for
  the same quads: lines and graphs are sorted, and IRIs are minted from
  curated ids, never from blank nodes or counters.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from graphkit.errors import InputError
from graphkit.rdf.namespaces import PREFIXES

__all__ = ["atomic_write", "read_turtle", "serialize_nquads", "serialize_trig"]


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write *data* to *path* so readers see the old file or the new one, never a mix.

    Missing folders are created. A path that cannot be written raises
    :class:`~graphkit.errors.InputError` naming it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, b"hello").read_bytes()
    b'hello'
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; outputs are for everyone to read
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_turtle(path: str | Path) -> Graph:
    """Parse a Turtle file into an rdflib Graph.

    Raises
    ------
    InputError
        If the file is missing or is not valid Turtle; the message names the line.
    """
    import pyoxigraph

    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    try:
        for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE):
            pass
    except SyntaxError as exc:
        message = str(exc).split(": ", 1)[-1] if exc.lineno else str(exc)
        raise InputError(f"invalid Turtle: {message}", path=path, line=exc.lineno) from None
    graph = Graph()
    graph.parse(data=data, format="turtle")
    return graph


def serialize_nquads(dataset: Dataset) -> bytes:
    """Return the dataset's named-graph quads as sorted N-Quads (UTF-8)."""
    from rdflib.plugins.serializers.nquads import _nq_row

    lines = sorted(
        _nq_row((s, p, o), g)
        for s, p, o, g in dataset.quads((None, None, None, None))
        if isinstance(g, URIRef)
    )
    return "".join(lines).encode("utf-8")


def serialize_trig(dataset: Dataset, *, header: str = "") -> bytes:
    """Return the dataset as TriG, graphs in IRI order, each pretty-printed as Turtle.

    rdflib's own TriG writer visits graphs in set order, which changes between
    runs; here each graph is written by rdflib's Turtle writer (which sorts
    subjects and objects) under one shared prefix block.
    """
    by_graph: dict[URIRef, Graph] = defaultdict(Graph)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if isinstance(g, URIRef):
            by_graph[g].add((s, p, o))
    out = [header] if header else []
    out += [f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in sorted(PREFIXES.items())]
    for name in sorted(by_graph):
        graph = by_graph[name]
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri, override=True, replace=True)
        body = graph.serialize(format="turtle")
        body = "\n".join(
            f"    {line}" if line else "" for line in body.splitlines() if not line.startswith("@prefix")
        ).strip("\n")
        out.append(f"\n{name.n3()} {{\n{body}\n}}\n")
    return "".join(out).encode("utf-8")
