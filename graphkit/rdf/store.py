"""The one door to the triple store.

Everything that reads the built graph goes through :func:`open_store`: the
SPARQL engine, the networkx projection, the notebooks. It returns an
:class:`rdflib.Dataset` backed by Oxigraph (through oxrdflib): the rdflib API
people know, with Oxigraph's SPARQL engine underneath. Swapping the engine is a
change to this module only.

Two ways to hold the triples, chosen by size (or by ``on_disk``):

* **in memory**: the file is parsed into an in-memory Oxigraph store. For the
  seed graph this is the quickest (a few milliseconds) and what tests use.
* **on disk**: the first open of a large file bulk-loads it into an Oxigraph
  (RocksDB) store in a folder beside it (``graphkit.nq`` → ``graphkit.oxigraph/``);
  later opens find it and open it read-only in milliseconds instead of
  re-parsing. Several processes may read it at once. It is rebuilt when the
  file changes (its size, modification time and SHA-256 are recorded in the
  folder), into a temporary folder that then replaces the old one, so a
  reader never sees a half-loaded store. Where the folder beside the file
  cannot be written (an installed package), the store goes to the user's
  cache folder (``$XDG_CACHE_HOME/graphkit`` or ``~/.cache/graphkit``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rdflib import Dataset

from graphkit.errors import SERVICE_REFUSED, InputError, UnsafeQueryError
from graphkit.files import file_sha256
from graphkit.paths import user_cache
from graphkit.vocab.namespaces import graph_iri

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib.term import Node

__all__ = [
    "ON_DISK_THRESHOLD",
    "PROVENANCE_GRAPH",
    "Engine",
    "facts_in_default_graph",
    "guard_rdflib_engine",
    "iter_quads",
    "open_oxigraph",
    "open_store",
    "oxigraph_store",
    "store_folder",
    "term_converter",
    "to_oxigraph",
]

Engine = Literal["oxigraph", "memory"]

#: Files at least this large (bytes of N-Quads, about 50,000 quads) are kept on disk by default.
ON_DISK_THRESHOLD = 8 * 1024 * 1024

_FORMATS = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _oxigraph_format(name: str) -> Callable[[], Any]:
    def get() -> Any:
        import pyoxigraph

        return getattr(pyoxigraph.RdfFormat, name)

    return get


_OXIGRAPH_FORMATS = {
    "nquads": _oxigraph_format("N_QUADS"),
    "trig": _oxigraph_format("TRIG"),
    "turtle": _oxigraph_format("TURTLE"),
    "nt": _oxigraph_format("N_TRIPLES"),
}
_STAMP = "graphkit-source.json"
# What the on-disk store's default graph holds (see facts_in_default_graph); recorded in its stamp.
_FACTS_DEFAULT = "facts: every named graph but the provenance graph"
PROVENANCE_GRAPH = str(graph_iri("provenance"))
# The facts copied into the default graph (see facts_in_default_graph).
_COPY_FACTS = f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{PROVENANCE_GRAPH}>) }}"


@cache
def guard_rdflib_engine() -> None:
    """Make rdflib's SPARQL engine unable to reach the network, for the whole process.

    rdflib fetches the graphs a query names in ``FROM`` / ``FROM NAMED`` and
    runs ``SERVICE`` calls. This sets ``rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS``
    to False and registers a custom evaluation (``CUSTOM_EVALS``) that refuses
    any ``SERVICE`` pattern. Every :func:`open_store` does it, and so does
    :func:`graphkit.sparql.engine.run_query` before rdflib's engine runs.
    """
    import rdflib.plugins.sparql

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    rdflib.plugins.sparql.CUSTOM_EVALS["graphkit-refuse-service"] = _refuse_service


def _refuse_service(ctx: object, part: Any) -> Any:
    """Refuse SERVICE in rdflib's engine; leave every other part to rdflib."""
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise UnsafeQueryError(SERVICE_REFUSED)
    raise NotImplementedError


def open_store(path: str | Path, *, engine: Engine = "oxigraph", on_disk: bool | None = None) -> Dataset:
    """Open a dataset file as a store ready to query.

    Parameters
    ----------
    path : str or Path
        An N-Quads (``.nq``), TriG, Turtle or N-Triples file.
    engine : {"oxigraph", "memory"}
        ``"oxigraph"`` (default) keeps the triples in pyoxigraph and answers
        SPARQL with its engine; ``"memory"`` uses rdflib's pure-Python store,
        slower but what some rdflib-only tools expect.
    on_disk : bool, optional
        With ``engine="oxigraph"``, as for :func:`open_oxigraph`.

    Returns
    -------
    rdflib.Dataset
        A dataset whose default graph is the union of its named graphs. The
        on-disk store is read-only: adding triples to it raises an error.

    Raises
    ------
    InputError
        If the file is missing, of an unknown kind, or does not parse.
    """
    guard_rdflib_engine()
    if engine == "oxigraph":
        from oxrdflib import OxigraphStore

        path, fmt = _dataset_file(path)
        on_disk = _keep_on_disk(path, fmt, on_disk)
        store = open_oxigraph(path, on_disk=on_disk)
        wrapper = _facts_store_class() if facts_in_default_graph(store) else OxigraphStore
        dataset = Dataset(store=wrapper(store=store), default_union=True)
        if on_disk:  # read-only and loaded from this file as it is: iter_quads may read the file
            dataset.store.source_file = path
        return dataset
    if engine != "memory":
        raise InputError(f"unknown engine {engine!r} (use 'oxigraph' or 'memory')")
    path, fmt = _dataset_file(path)
    dataset = Dataset(default_union=True)
    try:
        # Open the file ourselves: given a path, rdflib leaves the handle for the GC to close.
        with path.open("rb") as source:
            dataset.parse(source=source, format=fmt)
    except Exception as exc:  # parsers raise many unrelated types; report them as bad input
        raise InputError(f"cannot parse dataset: {exc}", path=path) from exc
    return dataset


def open_oxigraph(path: str | Path, *, on_disk: bool | None = None) -> pyoxigraph.Store:
    """Open a dataset file as a bare Oxigraph store, without rdflib's layer.

    What :func:`open_store` wraps; the quickest way in for code that only runs
    SPARQL (:func:`graphkit.sparql.engine.run_query` takes it as a source, and
    the command line uses it).

    Parameters
    ----------
    path : str or Path
        An N-Quads (``.nq``), TriG, Turtle or N-Triples file.
    on_disk : bool, optional
        For an N-Quads file: ``True`` opens (and first creates, if missing or
        stale) the on-disk store beside the file, read-only; ``False`` parses
        into memory; ``None`` (default) chooses by size (:data:`ON_DISK_THRESHOLD`).

    Returns
    -------
    pyoxigraph.Store
        Query it with ``use_default_graph_as_union=True`` to see the union of
        the named graphs, as the datasets of :func:`open_store` do.

    Raises
    ------
    InputError
        If the file is missing, of an unknown kind, or does not parse.

    Examples
    --------
    >>> store = open_oxigraph(Path(__file__).parents[2] / "tests" / "data" / "sparql_seed.trig")
    >>> len(store) > 0
    True
    """
    import pyoxigraph

    path, fmt = _dataset_file(path)
    if _keep_on_disk(path, fmt, on_disk):
        return _open_on_disk(path)
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=_OXIGRAPH_FORMATS[fmt]())
        if store.contains_named_graph(pyoxigraph.NamedNode(PROVENANCE_GRAPH)):
            store.update(_COPY_FACTS)  # in memory, one update is the quickest way
    except SyntaxError as exc:
        raise InputError(f"cannot parse dataset: {exc}", path=path, line=exc.lineno) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot parse dataset: {exc}", path=path) from None
    return store


def _keep_on_disk(path: Path, fmt: str, on_disk: bool | None) -> bool:
    """Decide whether a file's store is the on-disk one (``None``: by size)."""
    if on_disk is None:
        return fmt == "nquads" and path.stat().st_size >= ON_DISK_THRESHOLD
    if on_disk and fmt != "nquads":
        raise InputError("only an N-Quads file can be kept as an on-disk store", path=path)
    return on_disk


def _dataset_file(path: str | Path) -> tuple[Path, str]:
    """Return the path and its rdflib format name; refuse a missing file or an unknown kind."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(f"unknown RDF file type {path.suffix!r}", path=path)
    if not path.is_file():
        raise InputError("no such dataset file", path=path)
    return path, fmt


def oxigraph_store(source: object) -> pyoxigraph.Store | None:
    """Return the Oxigraph store a source holds: itself, or the one under an rdflib dataset.

    Parameters
    ----------
    source : object
        A ``pyoxigraph.Store``, an rdflib graph or dataset, or anything else.

    Returns
    -------
    pyoxigraph.Store or None
        None when *source* is not backed by Oxigraph (rdflib's own store, an
        endpoint).
    """
    import pyoxigraph

    if isinstance(source, pyoxigraph.Store):
        return source
    # oxrdflib keeps its pyoxigraph store in ``_inner``; reading it avoids importing oxrdflib.
    inner = getattr(getattr(source, "store", None), "_inner", None)
    return inner if isinstance(inner, pyoxigraph.Store) else None


def term_converter(
    cache: dict[Any, Node] | None = None, *, plain_strings: bool = True
) -> Callable[[Any], Node]:
    """Return a function that turns pyoxigraph terms into rdflib terms, each distinct one once.

    The function remembers what it converted (in *cache*, when given, so a
    scan can look known terms up itself), so use one per query or scan.

    Parameters
    ----------
    cache : dict, optional
        Where converted terms are kept, pyoxigraph term to rdflib term.
    plain_strings : bool
        Write a simple literal (``xsd:string``) without a datatype, as
        query results are written; False keeps the datatype, as rdflib's
        ``Dataset.quads`` gives it.

    Examples
    --------
    >>> import pyoxigraph
    >>> convert = term_converter()
    >>> convert(pyoxigraph.Literal("x")), convert(pyoxigraph.NamedNode("urn:x:a"))
    (rdflib.term.Literal('x'), rdflib.term.URIRef('urn:x:a'))
    """
    import pyoxigraph
    from rdflib import BNode, URIRef
    from rdflib import Literal as RDFLiteral

    cache = {} if cache is None else cache

    def convert(term: Any) -> Node:
        hit = cache.get(term)
        if hit is None:
            if isinstance(term, pyoxigraph.NamedNode):
                hit = URIRef(term.value)
            elif isinstance(term, pyoxigraph.BlankNode):
                hit = BNode(term.value)
            elif term.language:
                hit = RDFLiteral(term.value, lang=term.language)
            elif plain_strings and term.datatype.value == _XSD_STRING:
                hit = RDFLiteral(term.value)
            else:
                hit = RDFLiteral(term.value, datatype=URIRef(term.datatype.value))
            cache[term] = hit
        return hit

    return convert


def store_folder(path: str | Path) -> Path:
    """Return the folder that holds (or will hold) the on-disk store of an N-Quads file.

    Beside the file when that folder can be written, else in the user's cache.

    Examples
    --------
    >>> import tempfile
    >>> store_folder(Path(tempfile.mkdtemp()) / "graphkit.nq").name
    'graphkit.oxigraph'
    """
    path = Path(path).resolve()
    if os.access(path.parent, os.W_OK):
        return path.with_suffix(".oxigraph")
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    return user_cache() / f"{path.stem}-{digest}.oxigraph"


def _source_key(path: Path) -> dict[str, object]:
    stat = path.stat()
    return {"file": path.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _is_current(folder: Path, path: Path) -> bool:
    """Whether the store in ``folder`` was loaded from the file as it is now."""
    try:
        recorded = json.loads((folder / _STAMP).read_text())
    except (OSError, ValueError):
        return False
    if recorded.get("default_graph") != _FACTS_DEFAULT:  # a store of an older layout: load it again
        return False
    key = _source_key(path)
    if all(recorded.get(k) == v for k, v in key.items()):
        return True
    # Touched but maybe not changed (a fresh checkout): the content decides.
    return recorded.get("sha256") == file_sha256(path)


def _load_folder(path: Path, folder: Path) -> None:
    """Bulk-load ``path`` into a new store that then replaces ``folder``."""
    import pyoxigraph

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        store = pyoxigraph.Store(str(staging / "store"))
        try:
            store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)
            if store.contains_named_graph(pyoxigraph.NamedNode(PROVENANCE_GRAPH)):
                store.bulk_extend(_facts_copies(path))
        except SyntaxError as exc:
            raise InputError(f"cannot parse dataset: {exc}", path=path, line=exc.lineno) from None
        store.flush()
        store.optimize()
        del store
        stamp = {**_source_key(path), "sha256": file_sha256(path), "default_graph": _FACTS_DEFAULT}
        (staging / "store" / _STAMP).write_text(json.dumps(stamp, sort_keys=True) + "\n")
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        if folder.exists():
            folder.rename(old)
        try:
            (staging / "store").rename(folder)
        except OSError:
            # Another process put its store in place first; it was loaded from the same file.
            if not folder.exists() and old.exists():
                old.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _facts_copies(path: Path) -> Iterator[pyoxigraph.Quad]:
    """Yield each quad of a named graph but the provenance graph again, in the default graph.

    What :data:`_COPY_FACTS` does, as a stream for a bulk load (bounded
    memory); only for a file with a provenance graph: any other store stays
    as its file is.
    """
    import pyoxigraph

    provenance = pyoxigraph.NamedNode(PROVENANCE_GRAPH)
    for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS):
        graph = quad.graph_name
        if not isinstance(graph, pyoxigraph.DefaultGraph) and graph != provenance:
            yield pyoxigraph.Quad(quad.subject, quad.predicate, quad.object)


def facts_in_default_graph(store: pyoxigraph.Store) -> bool:
    """Return whether a store holds its facts in its default graph, provenance left out.

    The on-disk stores graphkit loads do: their default graph is the merge of
    every named graph but ``gkd:graph/provenance``, so a query sees the facts
    without a dataset clause (which Oxigraph evaluates in time that grows
    with the number of graphs named, squared: a clause naming the 1,277
    graphs of a million-quad dataset turns a one-second query into minutes).
    A store whose default graph is empty, or that has no provenance graph,
    does not.

    Examples
    --------
    >>> import pyoxigraph
    >>> facts_in_default_graph(pyoxigraph.Store())
    False
    """
    import pyoxigraph

    if not store.contains_named_graph(pyoxigraph.NamedNode(PROVENANCE_GRAPH)):
        return False
    default = store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
    return next(iter(default), None) is not None


@cache
def _facts_store_class() -> type:
    """Oxrdflib's store for a store with its facts in its default graph (see :func:`facts_in_default_graph`).

    The default graph is an index for queries, not data of its own: reading
    triples, quads, contexts and lengths shows the named graphs only, as the
    file holds them; writing to a named graph keeps the index in step; and
    ``Dataset.query`` runs on the default graph, so it sees the facts and
    reaches provenance through ``GRAPH``, as graphkit's engine does.
    """
    import pyoxigraph
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    default = pyoxigraph.DefaultGraph()
    provenance = pyoxigraph.NamedNode(PROVENANCE_GRAPH)

    def named(context: Any) -> bool:
        return getattr(context, "identifier", context) != DATASET_DEFAULT_GRAPH_ID

    def indexed(graph: Any) -> bool:
        return not isinstance(graph, pyoxigraph.DefaultGraph) and graph != provenance

    class FactsOxigraphStore(OxigraphStore):
        def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
            super().add(triple, context, quoted)
            self._index(triple)

        def addN(self, quads: Any) -> None:
            quads = list(quads)
            super().addN(quads)
            for s, p, o, _ in quads:
                self._index((s, p, o))

        def remove(self, triple: Any, context: Any = None) -> None:
            super().remove(triple, context)
            self._unindex(triple)

        def remove_graph(self, graph: Any) -> None:
            super().remove_graph(graph)
            self._unindex((None, None, None))

        def _index(self, triple: Any) -> None:
            s, p, o = (to_oxigraph(t) for t in triple)
            if any(indexed(q.graph_name) for q in self._inner.quads_for_pattern(s, p, o)):
                self._inner.add(pyoxigraph.Quad(s, p, o, default))

        def _unindex(self, pattern: Any) -> None:
            s, p, o = (None if t is None else to_oxigraph(t) for t in pattern)
            for quad in list(self._inner.quads_for_pattern(s, p, o, default)):
                held = self._inner.quads_for_pattern(quad.subject, quad.predicate, quad.object)
                if not any(indexed(q.graph_name) for q in held):
                    self._inner.remove(quad)

        def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
            if context is not None and not named(context):
                return iter(())
            found = super().triples(triple_pattern, context)
            return ((triple, iter(graphs)) for triple, (*graphs,) in found if all(map(named, graphs)))

        def __len__(self, context: Any = None) -> int:
            return 0 if context is not None and not named(context) else super().__len__(context)

        def contexts(self, triple: Any = None) -> Iterator[Any]:
            return (graph for graph in super().contexts(triple) if named(graph))

        def query(self, query: Any, initNs: Any, initBindings: Any, queryGraph: Any, **kwargs: Any) -> Any:
            graph = "__DEFAULT__" if queryGraph == "__UNION__" else queryGraph
            return super().query(query, initNs, initBindings, graph, **kwargs)

    return FactsOxigraphStore


def to_oxigraph(term: Node) -> Any:
    """Return the pyoxigraph term of an rdflib IRI, blank node or literal.

    Examples
    --------
    >>> from rdflib import Literal
    >>> to_oxigraph(Literal("chat", lang="fr"))
    <Literal value=chat language=fr>
    """
    import pyoxigraph
    from rdflib import BNode, URIRef
    from rdflib import Literal as RDFLiteral

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, RDFLiteral):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype or _XSD_STRING)))
    raise TypeError(f"not an RDF term pyoxigraph stores: {term!r}")


def _open_on_disk(path: Path) -> pyoxigraph.Store:
    import pyoxigraph

    folder = store_folder(path)
    try:
        if not _is_current(folder, path):
            _load_folder(path, folder)
        return pyoxigraph.Store.read_only(str(folder))
    except OSError as exc:
        raise InputError(f"cannot open the on-disk store {folder}: {exc}", path=path) from None


def iter_quads(dataset: Dataset) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    """Yield every quad of the dataset as rdflib terms, graph name last (None: default graph).

    The same quads as ``dataset.quads((None, None, None, None))``, read
    straight from Oxigraph when the dataset is backed by it, one graph after
    the other: each distinct term is converted to rdflib once, which makes a
    full scan several times quicker (the projection to networkx reads every
    quad). An on-disk store is read from the N-Quads file it was loaded from
    (unchanged since, as opening it checked): parsing the file is about seven
    times quicker than decoding the store's terms.

    Examples
    --------
    >>> ds = open_store(Path(__file__).parents[2] / "tests" / "data" / "sparql_seed.trig")
    >>> sorted(iter_quads(ds)) == sorted(ds.quads((None, None, None, None)))
    True
    """
    import pyoxigraph

    store = oxigraph_store(dataset)
    if store is None:
        yield from dataset.quads((None, None, None, None))
        return
    cache: dict[Any, Node] = {}
    convert = term_converter(cache, plain_strings=False)  # the same terms as Dataset.quads
    known = cache.get  # a hit costs a dict lookup, not a Python call: there are 3 terms a quad
    source = getattr(dataset.store, "source_file", None)
    if source is not None:
        quads = pyoxigraph.parse(path=str(source), format=pyoxigraph.RdfFormat.N_QUADS)
    else:
        # the default graph of graphkit's stores copies the facts: not data of its own
        graphs = [] if facts_in_default_graph(store) else [pyoxigraph.DefaultGraph()]
        graphs += list(store.named_graphs())
        quads = itertools.chain.from_iterable(store.quads_for_pattern(None, None, None, g) for g in graphs)
    for s, p, o, graph in quads:
        rs, rp, ro = known(s), known(p), known(o)
        yield (
            convert(s) if rs is None else rs,
            convert(p) if rp is None else rp,
            convert(o) if ro is None else ro,
            None if isinstance(graph, pyoxigraph.DefaultGraph) else known(graph) or convert(graph),
        )
