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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from graphkit.errors import GraphkitError, InputError

__all__ = ["PushError", "PushReport", "push"]


class PushError(GraphkitError):
    """The store refused or failed a Graph Store Protocol request."""


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` sent.

    Attributes
    ----------
    url : str
        The Graph Store Protocol URL.
    graphs : dict of str to int
        Graph IRI (``""`` for the default graph) to the number of triples sent.
    """

    url: str
    graphs: dict[str, int]

    @property
    def triples(self) -> int:
        """Total triples sent."""
        return sum(self.graphs.values())


def _request(url: str, body: bytes, *, timeout: float, headers: dict[str, str] | None = None) -> None:
    from urllib.error import HTTPError, URLError
    from urllib.request import Request, urlopen

    request = Request(
        url,
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples", "User-Agent": "graphkit", **(headers or {})},
    )
    try:
        with urlopen(request, timeout=timeout) as response:
            response.read()
    except HTTPError as exc:
        detail = exc.read(2000).decode("utf-8", "replace").strip()
        raise PushError(f"{url}: the store answered {exc.code} {exc.reason}: {detail}") from None
    except (URLError, OSError) as exc:
        raise PushError(f"cannot reach the store at {url}: {getattr(exc, 'reason', exc)}") from None


def push(
    dataset_path: str | Path,
    url: str,
    *,
    timeout: float = 300.0,
    headers: dict[str, str] | None = None,
) -> PushReport:
    """Load a dataset file into a remote store, named graphs intact.

    Parameters
    ----------
    dataset_path : str or Path
        The built dataset (``data/build/graphkit.nq`` or ``.trig``).
    url : str
        The store's Graph Store Protocol URL (``http://127.0.0.1:7878/store``
        for Oxigraph).
    timeout : float
        Seconds to wait for the store on each request.
    headers : dict, optional
        Extra HTTP headers, e.g. ``{"Authorization": "Basic ..."}``.

    Returns
    -------
    PushReport
        The graphs sent and their sizes.

    Raises
    ------
    InputError
        If the dataset cannot be read.
    PushError
        If the store cannot be reached or refuses a graph.
    """
    import pyoxigraph as ox

    if not re.match(r"https?://[^/\s]+", url):
        raise PushError(f"a Graph Store URL must start with http:// or https://: {url!r}")
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
    sent: dict[str, int] = {}
    separator = "&" if "?" in url else "?"
    for iri, graph in targets:
        quads = store.quads_for_pattern(None, None, None, graph)
        lines = sorted(str(ox.Triple(q.subject, q.predicate, q.object)) + " .\n" for q in quads)
        body = "".join(lines).encode("utf-8")
        target = f"{url}{separator}default" if iri == "" else f"{url}{separator}graph={quote(iri, safe='')}"
        _request(target, body, timeout=timeout, headers=headers)
        sent[iri] = len(lines)
    return PushReport(url=url, graphs=sent)
