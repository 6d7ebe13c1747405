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
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rdflib import Dataset

from graphkit.errors import InputError

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["ON_DISK_THRESHOLD", "Engine", "iter_quads", "open_store", "store_folder"]

Engine = Literal["oxigraph", "memory"]

#: Files at least this large (bytes of N-Quads, about 50,000 quads) are kept on disk by default.
ON_DISK_THRESHOLD = 8 * 1024 * 1024

_FORMATS = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt"}
_STAMP = "graphkit-source.json"


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
        With ``engine="oxigraph"`` and an N-Quads file: ``True`` opens (and
        first creates, if missing or stale) the on-disk store beside the file,
        read-only; ``False`` parses into memory; ``None`` (default) chooses
        by size (:data:`ON_DISK_THRESHOLD`).

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
    path = Path(path)
    fmt = _FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(f"unknown RDF file type {path.suffix!r}", path=path)
    if not path.is_file():
        raise InputError("no such dataset file", path=path)
    if engine == "oxigraph":
        if on_disk is None:
            on_disk = fmt == "nquads" and path.stat().st_size >= ON_DISK_THRESHOLD
        if on_disk:
            if fmt != "nquads":
                raise InputError("only an N-Quads file can be kept as an on-disk store", path=path)
            return _open_on_disk(path)
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
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "graphkit"
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    return cache / f"{path.stem}-{digest}.oxigraph"


def _source_key(path: Path) -> dict[str, object]:
    stat = path.stat()
    return {"file": path.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_current(folder: Path, path: Path) -> bool:
    """Whether the store in ``folder`` was loaded from the file as it is now."""
    try:
        recorded = json.loads((folder / _STAMP).read_text())
    except (OSError, ValueError):
        return False
    key = _source_key(path)
    if all(recorded.get(k) == v for k, v in key.items()):
        return True
    # Touched but maybe not changed (a fresh checkout): the content decides.
    return recorded.get("sha256") == _sha256(path)


def _load_folder(path: Path, folder: Path) -> None:
    """Bulk-load ``path`` into a new store that then replaces ``folder``."""
    import pyoxigraph

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        store = pyoxigraph.Store(str(staging / "store"))
        try:
            store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise InputError(f"cannot parse dataset: {exc}", path=path, line=exc.lineno) from None
        store.flush()
        store.optimize()
        del store
        stamp = {**_source_key(path), "sha256": _sha256(path)}
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


def _open_on_disk(path: Path) -> Dataset:
    import pyoxigraph
    from oxrdflib import OxigraphStore

    folder = store_folder(path)
    try:
        if not _is_current(folder, path):
            _load_folder(path, folder)
        store = pyoxigraph.Store.read_only(str(folder))
    except OSError as exc:
        raise InputError(f"cannot open the on-disk store {folder}: {exc}", path=path) from None
    return Dataset(store=OxigraphStore(store=store), default_union=True)


def iter_quads(dataset: Dataset) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    """Yield every quad of the dataset as rdflib terms, graph name last (None: default graph).

    The same quads as ``dataset.quads((None, None, None, None))``, read
    straight from Oxigraph when the dataset is backed by it: each distinct
    term is converted to rdflib once, which makes a full scan several times
    quicker (the projection to networkx reads every quad).

    Examples
    --------
    >>> ds = open_store(Path(__file__).parents[2] / "tests" / "data" / "sparql_seed.trig")
    >>> sorted(iter_quads(ds)) == sorted(ds.quads((None, None, None, None)))
    True
    """
    import pyoxigraph
    from oxrdflib import OxigraphStore

    if not isinstance(dataset.store, OxigraphStore):
        yield from dataset.quads((None, None, None, None))
        return
    from rdflib import BNode, URIRef
    from rdflib import Literal as RDFLiteral

    cache: dict[Any, Node] = {}

    def convert(term: Any) -> Node:
        hit = cache.get(term)
        if hit is None:
            if isinstance(term, pyoxigraph.NamedNode):
                hit = URIRef(term.value)
            elif isinstance(term, pyoxigraph.BlankNode):
                hit = BNode(term.value)
            elif term.language:
                hit = RDFLiteral(term.value, lang=term.language)
            else:
                hit = RDFLiteral(term.value, datatype=URIRef(term.datatype.value))
            cache[term] = hit
        return hit

    for quad in dataset.store._inner.quads_for_pattern(None, None, None, None):
        graph = quad.graph_name
        name = None if isinstance(graph, pyoxigraph.DefaultGraph) else convert(graph)
        yield convert(quad.subject), convert(quad.predicate), convert(quad.object), name
