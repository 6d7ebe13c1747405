"""Build, load and summarize the graphkit dataset: the API the CLI and notebooks use.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.load()
>>> summary = gk.summarize(ds)
>>> summary.documents
5
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import InputError, ValidationError
from graphkit.files import file_digests
from graphkit.paths import ProjectPaths, project_paths
from graphkit.rdf.store import Engine, open_oxigraph, open_store

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset

    from graphkit.rdf.build import BuildResult

__all__ = ["Summary", "build", "is_stale", "load", "load_store", "stamp_for", "summarize"]

_TRIG_HEADER = (
    "# graphkit: TIP Report Heroes knowledge graph. Built by `graphkit build`; do not edit.\n"
    "# Sources: data/corpus/ and data/facts/. Ontology: ontology/graphkit.ttl.\n\n"
)


def build(root: str | Path | None = None, *, write: bool = True, validate: bool = True) -> BuildResult:
    """Build the dataset from the corpus and the curated facts.

    Parameters
    ----------
    root : str or Path, optional
        The checkout to build (default: the one :func:`graphkit.paths.project_paths` finds).
    write : bool
        Write ``data/build/graphkit.trig``, ``graphkit.nq`` and ``inputs.sha256``
        as one unit, and only after every check passed: a failed build leaves
        the previous outputs untouched. The stamp, replaced last, records the
        inputs' digest and each output's SHA-256, so a build killed while
        replacing the files leaves a set that :func:`is_stale` reports and
        :func:`load` rebuilds (see :func:`graphkit.files.atomic_write_all`).
    validate : bool
        Check the result against the SHACL shapes before writing.

    Raises
    ------
    InputError
        If an input file is malformed or inconsistent (names file and line),
        or *write* is asked of the read-only packaged dataset.
    ValidationError
        If the result breaks the SHACL shapes.
    """
    # Building reads the ontology, the corpus and the facts, and validates: only a build imports those.
    from graphkit.corpus import load_corpus
    from graphkit.facts import load_facts
    from graphkit.files import atomic_write_all
    from graphkit.rdf.build import BuildResult, build_dataset
    from graphkit.rdf.io import serialize_nquads, serialize_trig
    from graphkit.rdf.validate import validate_dataset
    from graphkit.vocab.ontology import load_vocabulary

    paths = project_paths(root)
    if write:
        paths.require_checkout("write the build")
    vocab = load_vocabulary(paths.ontology)
    corpus = load_corpus(paths)
    facts = load_facts(corpus, vocab, paths)
    dataset = build_dataset(corpus, facts, vocab.graph)
    if validate:
        violations = validate_dataset(dataset, paths.shapes)
        if violations:
            raise ValidationError(violations)
    if write:
        outputs = {
            paths.trig: serialize_trig(dataset, header=_TRIG_HEADER),
            paths.nquads: serialize_nquads(dataset),
        }
        atomic_write_all({**outputs, paths.build_stamp: stamp_for(paths.input_digest(), outputs)})
    return BuildResult(dataset, corpus, facts)


def stamp_for(inputs: str, outputs: dict[Path, bytes]) -> bytes:
    """Return the stamp: the inputs' digest, then each output's name and SHA-256."""
    lines = [f"inputs {inputs}"]
    lines += [f"{path.name} {hashlib.sha256(data).hexdigest()}" for path, data in outputs.items()]
    return ("\n".join(lines) + "\n").encode()


def _read_stamp(paths: ProjectPaths) -> dict[str, str]:
    """Return the stamp's entries (name to digest); empty if it is missing or unreadable."""
    try:
        text = paths.build_stamp.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return {}
    return dict(line.split(" ", 1) for line in text.splitlines() if line.count(" ") == 1)


def _is_complete(paths: ProjectPaths) -> bool:
    """Return whether the outputs are the set the stamp names, byte for byte.

    A build always names both outputs; :func:`graphkit.synth.build_nquads` names
    the N-Quads alone.
    """
    entries = _read_stamp(paths)
    if "inputs" not in entries or paths.nquads.name not in entries:
        return False
    # The N-Quads always; the TriG when the stamp names it (a synthetic build writes N-Quads only).
    outputs = [path for path in (paths.trig, paths.nquads) if path.name in entries]
    try:
        digests = file_digests(outputs, memo=paths.digests_memo)
    except OSError:
        return False
    return all(entries[path.name] == digest for path, digest in zip(outputs, digests, strict=True))


def is_stale(paths: ProjectPaths | None = None) -> bool:
    """Return whether the built files are missing, torn or older than their inputs.

    Torn means the outputs are not the set the stamp records (a build was
    killed while replacing them).
    """
    paths = paths or project_paths()
    if not _is_complete(paths):
        return True
    return _read_stamp(paths)["inputs"] != paths.input_digest()


def load(
    root: str | Path | None = None, *, engine: Engine = "oxigraph", rebuild: bool | None = None
) -> Dataset:
    """Return the dataset ready to query, building it first only when needed.

    The packaged dataset (a wheel's) is read-only: it is opened as shipped,
    never rebuilt; ``rebuild=True`` raises :class:`~graphkit.errors.InputError`.

    Parameters
    ----------
    root : str or Path, optional
        The checkout (default: the one found by :func:`graphkit.paths.project_paths`:
        the current directory's, else ``GRAPHKIT_HOME``, else the packaged dataset).
    engine : {"oxigraph", "memory"}
        The store (see :func:`graphkit.rdf.store.open_store`).
    rebuild : bool, optional
        ``None`` (default) rebuilds when the inputs changed since the last
        build, or the built files are missing or torn; ``True`` always
        rebuilds; ``False`` never does.

    Returns
    -------
    rdflib.Dataset
        Named graphs per document, plus ``entities``, ``corpus`` and
        ``ontology``; the default graph is their union.

    Raises
    ------
    InputError
        With ``rebuild=False``, if the built files are missing or torn.
    """
    return open_store(_built(root, rebuild).nquads, engine=engine)


def load_store(root: str | Path | None = None, *, rebuild: bool | None = None) -> pyoxigraph.Store:
    """Return the dataset as a bare Oxigraph store, building it first only when needed.

    The same data as :func:`load` without rdflib's layer: the quickest way
    to run SPARQL (:func:`graphkit.sparql.engine.run_query` takes it as a
    source; ``graphkit query`` uses it). Use :func:`load` for the rdflib API.

    Parameters
    ----------
    root : str or Path, optional
        As for :func:`load`.
    rebuild : bool, optional
        As for :func:`load`.

    Returns
    -------
    pyoxigraph.Store
        Query it with ``use_default_graph_as_union=True`` for the union of
        the named graphs.

    Examples
    --------
    >>> from graphkit.sparql.engine import run_query
    >>> run_query(load_store(), "ASK { ?s a gk:EvidenceQuote }").boolean  # provenance is named, not default
    False
    """
    return open_oxigraph(_built(root, rebuild).nquads)


def _built(root: str | Path | None, rebuild: bool | None) -> ProjectPaths:
    """Return the paths of a checkout whose built files are current, building them if needed."""
    paths = project_paths(root)
    if rebuild:
        paths.require_checkout("rebuild the dataset")
    if not paths.packaged and (rebuild or (rebuild is None and is_stale(paths))):
        build(paths.root)
    elif rebuild is False and not _is_complete(paths):
        raise InputError(
            "the built files are missing or do not match the stamp (an interrupted build?)",
            path=paths.build,
            hint="run `graphkit build`",
        )
    return paths


@dataclass(frozen=True)
class Summary:
    """What a dataset holds."""

    triples: int
    quads: int
    documents: int
    entities: int
    statements: int
    evidence_quotes: int
    entities_by_type: dict[str, int]


def summarize(dataset: Dataset) -> Summary:
    """Count what *dataset* holds: triples, documents, statements, entities by type."""
    from graphkit.vocab.namespaces import GK, RDF, RDFS, graph_iri

    quads = list(dataset.quads((None, None, None, None)))
    triples = {(s, p, o) for s, p, o, _ in quads}
    ontology = dataset.graph(graph_iri("ontology"))
    entities = dataset.graph(graph_iri("entities"))
    by_type: Counter[str] = Counter()
    for _, rdf_type in entities.subject_objects(RDF.type):
        by_type[str(ontology.value(rdf_type, RDFS.label) or rdf_type)] += 1
    count = Counter(o for s, p, o in triples if p == RDF.type)
    return Summary(
        triples=len(triples),
        quads=len(quads),
        documents=count[GK.SourceDocument],
        entities=sum(by_type.values()),
        statements=count[RDF.Statement],
        evidence_quotes=count[GK.EvidenceQuote],
        entities_by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
