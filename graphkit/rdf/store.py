"""The one door to the triple store.

Everything that reads the built graph goes through :func:`open_store`: the
SPARQL engine, the networkx projection, the notebooks. Today it returns an
:class:`rdflib.Dataset` backed by Oxigraph (through oxrdflib): the rdflib API
people know, with Oxigraph's SPARQL engine underneath. Swapping the engine is a
change to this module only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from rdflib import Dataset

from graphkit.errors import InputError

__all__ = ["Engine", "open_store"]

Engine = Literal["oxigraph", "memory"]

_FORMATS = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt"}


def open_store(path: str | Path, *, engine: Engine = "oxigraph") -> Dataset:
    """Load a dataset file into a store and return it ready to query.

    Parameters
    ----------
    path : str or Path
        An N-Quads (``.nq``), TriG, Turtle or N-Triples file.
    engine : {"oxigraph", "memory"}
        ``"oxigraph"`` (default) keeps the triples in pyoxigraph and answers
        SPARQL with its engine; ``"memory"`` uses rdflib's pure-Python store,
        slower but what some rdflib-only tools expect.

    Returns
    -------
    rdflib.Dataset
        A dataset whose default graph is the union of its named graphs.

    Raises
    ------
    InputError
        If the file is missing, of an unknown kind, or does not parse.
    """
    path = Path(path)
    fmt = _FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(f"unknown RDF file type {path.suffix!r}", path=path)
    if not path.is_file():
        raise InputError("no such dataset file", path=path)
    if engine == "oxigraph":
        dataset = Dataset(store="Oxigraph", default_union=True)
        fmt = f"ox-{fmt}"
    elif engine == "memory":
        dataset = Dataset(default_union=True)
    else:
        raise InputError(f"unknown engine {engine!r} (use 'oxigraph' or 'memory')")
    try:
        # Open the file ourselves: given a path, rdflib leaves the handle for the GC to close.
        with path.open("rb") as source:
            dataset.parse(source=source, format=fmt)
    except Exception as exc:  # parsers raise many unrelated types; report them as bad input
        raise InputError(f"cannot parse dataset: {exc}", path=path) from exc
    return dataset
