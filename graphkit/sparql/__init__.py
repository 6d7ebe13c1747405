"""SPARQL over the graph: safety checks, the query engine, result formats, the endpoint.

The modules, in the order a query meets them:

* :mod:`~graphkit.sparql.safety` refuses updates, ``SERVICE`` and foreign ``FROM``;
* :mod:`~graphkit.sparql.binding` binds parameters as RDF terms;
* :mod:`~graphkit.sparql.engine` runs the query embedded or against a remote endpoint;
* :mod:`~graphkit.sparql.remote` is the HTTP client for remote endpoints and stores;
* :mod:`~graphkit.sparql.results` holds the result and writes it in standard formats;
* :mod:`~graphkit.sparql.library` loads the named questions in ``queries/*.rq``;
* :mod:`~graphkit.sparql.endpoint` serves a read-only SPARQL 1.1 Protocol endpoint;
* :mod:`~graphkit.sparql.worker` runs its queries in isolated, capped worker processes;
* :mod:`~graphkit.sparql.push` loads the dataset into a triple store (Graph Store Protocol).

Nothing is imported here, so ``import graphkit.sparql`` stays cheap.
"""

__all__: list[str] = []
