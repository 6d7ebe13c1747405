"""Load the built dataset into a triple store through the SPARQL 1.1 Graph Store Protocol.

:func:`push` sends each named graph of the dataset as one HTTP ``PUT`` to
``URL?graph=<graph IRI>`` with an N-Triples body, so the store holds the same
named graphs, each replaced whole (running it twice gives the same store).
Triples in the dataset's default graph, if any, go to ``URL?default``. Graphs
the dataset does not have are left alone.

Graph Store URLs of common stores:

* Oxigraph (``oxigraph serve --location DIR --union-default-graph``):
  ``http://HOST:7878/store``; query it at ``http://HOST:7878/query``;
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/data`` (query:
  ``.../DATASET/sparql``; set ``tdb2:unionDefaultGraph true``);
* GraphDB: ``http://HOST:7200/repositories/REPO/rdf-graphs/service``.

Named questions query the union of the named graphs, so the store must use the
union as its default graph for them to answer as the embedded engine does.

Limits. Each ``PUT`` must finish within ``timeout`` seconds, connecting to
the last byte of the answer, and the whole push within ``deadline``: a store
that accepts and never answers, or trickles its answer, cannot hang the
command (requests go through :func:`graphkit.sparql.remote.request`, which
also refuses redirects to another host and hides ``user:password@``).

A failed push is not rolled back. The Graph Store Protocol has no
transaction and no rename, so graphs cannot be staged under new names and
swapped in portably; instead :class:`PushError` says exactly which graphs were
replaced, which one failed (and whether the store may have applied it), and
which were not sent, so the store's state is known. Running the push again
replaces every graph.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from graphkit.errors import GraphkitError, InputError
from graphkit.sparql.remote import check_url, one_line, redact, request

__all__ = ["PushError", "PushReport", "push"]


class PushError(GraphkitError):
    """The store refused or failed a Graph Store Protocol request.

    Attributes
    ----------
    replaced : tuple of str
        Graphs (IRIs; ``""`` for the default graph) the store accepted before the failure.
    failed : str or None
        The graph being sent when it failed (None if nothing was sent).
    not_sent : tuple of str
        Graphs not sent: the store still holds what it had before.
    """

    def __init__(
        self,
        message: str,
        *,
        replaced: tuple[str, ...] = (),
        failed: str | None = None,
        not_sent: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.replaced, self.failed, self.not_sent = replaced, failed, not_sent


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` sent.

    Attributes
    ----------
    url : str
        The Graph Store Protocol URL (credentials hidden).
    graphs : dict of str to int
        Graph IRI (``""`` for the default graph) to the number of triples sent.
    """

    url: str
    graphs: dict[str, int] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        """Total triples sent."""
        return sum(self.graphs.values())


def _names(graphs: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"<{g}>" if g else "the default graph" for g in graphs) or "none"


def _failure(
    url: str, done: list[str], current: str, rest: list[str], reason: str, *, maybe: bool
) -> PushError:
    """Describe a push that stopped part-way, naming what the store now holds."""
    if not done and not maybe:
        message = f"push to {redact(url)} failed: {reason}; nothing was replaced"
        return PushError(message, failed=current, not_sent=tuple(rest))
    total = len(done) + 1 + len(rest)
    state = "it may or may not have been applied" if maybe else "the store kept its previous version"
    message = (
        f"push to {redact(url)} failed at graph {len(done) + 1} of {total}, {_names([current])}: {reason} "
        f"({state}). Replaced: {_names(done)}. Not sent: {_names(rest)}."
    )
    if done:
        message += " The store now mixes new and old graphs: run the push again."
    return PushError(message, replaced=tuple(done), failed=current, not_sent=tuple(rest))


def push(
    dataset_path: str | Path,
    url: str,
    *,
    timeout: float = 120.0,
    deadline: float = 600.0,
    headers: dict[str, str] | None = None,
) -> PushReport:
    """Load a dataset file into a remote store, named graphs intact.

    Parameters
    ----------
    dataset_path : str or Path
        The built dataset (``data/build/graphkit.nq`` or ``.trig``).
    url : str
        The store's Graph Store Protocol URL (``http://127.0.0.1:7878/store``
        for Oxigraph); ``user:password@`` in it is sent as Basic authentication.
    timeout : float
        Seconds each request (one graph) may take, from connecting to the
        last byte of the answer.
    deadline : float
        Seconds the whole push may take.
    headers : dict, optional
        Extra HTTP headers, e.g. ``{"Authorization": "Bearer ..."}``.

    Returns
    -------
    PushReport
        The graphs sent and their sizes.

    Raises
    ------
    InputError
        If the dataset cannot be read.
    PushError
        If the store cannot be reached, is too slow or refuses a graph; the
        error names the graphs replaced, failed and not sent.
    """
    import pyoxigraph as ox

    check_url(url, what="a Graph Store URL", error=PushError)
    if timeout <= 0 or deadline <= 0:
        raise PushError("timeout and deadline must be positive")
    end = time.monotonic() + deadline
    path = Path(dataset_path)
    formats = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
    if path.suffix not in formats:
        raise InputError("push reads an N-Quads (.nq) or TriG (.trig) dataset", path=path)
    if not path.is_file():
        raise InputError("no such dataset file", path=path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=formats[path.suffix])
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"cannot parse dataset: {exc}", path=path) from exc

    graph_names = sorted(
        (g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value
    )
    targets: list[tuple[str, object]] = [(g.value, g) for g in graph_names]
    if any(True for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph())):
        targets.append(("", ox.DefaultGraph()))
    order = [iri for iri, _ in targets]
    sent: dict[str, int] = {}
    separator = "&" if "?" in url else "?"
    for index, (iri, graph) in enumerate(targets):
        quads = store.quads_for_pattern(None, None, None, graph)
        lines = sorted(str(ox.Triple(q.subject, q.predicate, q.object)) + " .\n" for q in quads)
        target = f"{url}{separator}default" if iri == "" else f"{url}{separator}graph={quote(iri, safe='')}"
        done, rest = list(sent), order[index + 1 :]
        if time.monotonic() >= end:
            reason = f"the deadline of {deadline:g} s passed"
            raise _failure(url, done, iri, rest, reason, maybe=False)
        try:
            response = request(
                "PUT",
                target,
                body="".join(lines).encode("utf-8"),
                headers={"Content-Type": "application/n-triples", **(headers or {})},
                timeout=timeout,
                deadline=end,
                error=PushError,
                peer="the store",
            )
        except PushError as exc:
            maybe = getattr(exc, "request_sent", True)
            raise _failure(url, done, iri, rest, str(exc), maybe=maybe) from None
        if response.status >= 400:
            detail = one_line(response.body[:2000].decode("utf-8", "replace"), url=url)
            reason = f"the store answered {response.status} {response.reason}: {detail}"
            raise _failure(url, done, iri, rest, reason, maybe=False)
        sent[iri] = len(lines)
    return PushReport(url=redact(url), graphs=sent)
