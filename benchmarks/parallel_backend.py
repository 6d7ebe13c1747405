"""networkx's backend dispatch on this machine: betweenness with nx-parallel against plain networkx.

nx-parallel (joblib underneath) runs some networkx algorithms on several cores,
chosen per call with ``backend="parallel"``. Its release for Python 3.11 (0.3)
needs networkx 3.4 (3.5 changed a private helper it calls), so
``make bench-parallel`` runs this script in its own virtual environment
(``benchmarks/.venv-parallel``: networkx 3.4.2, nx-parallel 0.3) on a graph
exported by graphkit's projection (node-link JSON).

Usage::

    .venv/bin/python benchmarks/parallel_backend.py --export GRAPH.json [--triples 100000]
    benchmarks/.venv-parallel/bin/python benchmarks/parallel_backend.py --measure GRAPH.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def export(path: Path, triples: int) -> None:
    """Project a synthetic checkout and write its entity graph (simple, undirected) as node-link JSON."""
    sys.path.insert(0, str(Path(__file__).parent))
    import networkx as nx
    from scale import checkout_for

    from graphkit.network import project, simple_graph
    from graphkit.rdf.store import open_store

    root = checkout_for(triples)
    G = simple_graph(project(open_store(root / "data" / "build" / "graphkit.nq")))
    H = nx.Graph()
    H.add_edges_from(G.edges())
    path.write_text(json.dumps(nx.node_link_data(H, edges="links")))
    print(f"wrote {path}: {H.number_of_nodes():,} entities, {H.number_of_edges():,} relations")


def measure(path: Path, k: int | None) -> None:
    """Time betweenness with plain networkx and with ``backend="parallel"``."""
    import networkx as nx

    G = nx.node_link_graph(json.loads(path.read_text()), edges="links")
    cores = os.cpu_count()
    print(f"{G.number_of_nodes():,} entities, {G.number_of_edges():,} relations, {cores} cores, k={k}")
    start = time.perf_counter()
    plain = nx.betweenness_centrality(G, k=k, seed=1)
    t_plain = time.perf_counter() - start
    start = time.perf_counter()
    parallel = nx.betweenness_centrality(G, k=k, seed=1, backend="parallel")
    t_parallel = time.perf_counter() - start
    worst = max(abs(plain[n] - parallel[n]) for n in G)
    print(f"| networkx | {t_plain:.1f} s |")
    print(f"| nx-parallel | {t_parallel:.1f} s | speed-up {t_plain / t_parallel:.2f}x |")
    print(f"largest difference between the two results: {worst:.2e}")


def main() -> None:
    """Export (with graphkit's venv) or measure (with the nx-parallel venv)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--export", type=Path)
    parser.add_argument("--measure", type=Path)
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=None, help="Sampled sources (default: exact).")
    args = parser.parse_args()
    if args.export:
        export(args.export, args.triples)
    if args.measure:
        measure(args.measure, args.k)


if __name__ == "__main__":
    main()
