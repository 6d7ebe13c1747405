"""graphkit at scale, side by side with plain rdflib and raw pyoxigraph, in one run.

For each size the script writes a seeded synthetic checkout
(:mod:`graphkit.synth`, cached in ``benchmarks/.cache/``), builds its N-Quads,
and measures in fresh child processes (so peak memory is each side's own):

* **open**: graphkit's first open of the on-disk store (bulk load), a later
  open, and the in-memory parse; plain rdflib's ``Dataset.parse``; raw
  pyoxigraph's ``Store.load`` into memory. Peak memory (max RSS) of each side.
* **named questions**: every question of the library, labels included
  (``run_named`` + ``add_labels``), median and p95 of a few runs, on the
  on-disk store and on a store parsed into memory (``on_disk=False``); the same
  final query text in rdflib's engine and in raw pyoxigraph (rows read to
  the end). Ratios ``rdflib / graphkit`` and ``graphkit / pyoxigraph``.
* **networkx**: ``project`` (the entity graph) and the hero-counterpart
  bipartite view; PageRank; Louvain communities; a page of a reduced view.
* **CLI**: ``graphkit query heroes`` as a whole process (median of 3), with
  ``GRAPHKIT_HOME`` pointing at the synthetic checkout, against a plain rdflib
  script and a plain pyoxigraph script doing the same query.

rdflib is skipped above ``--rdflib-max`` triples (default 1,000,000) and says so.
Growth from one size to the next is flagged when a step's cost grows faster
than the data (``superlinear``: ratio of costs > 1.5 x ratio of sizes).

Run it with ``make bench`` or::

    .venv/bin/python benchmarks/scale.py --sizes 10000,100000,1000000 [--repeat 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = Path(os.environ.get("GRAPHKIT_BENCH_CACHE", HERE / ".cache"))
SEED = 42


def checkout_for(triples: int) -> Path:
    """Return a built synthetic checkout of about ``triples`` triples (cached)."""
    from graphkit.synth import build_nquads, documents_for, synthesize

    documents = documents_for(triples)
    root = CACHE / f"synth-{documents}-seed{SEED}"
    nq = root / "data" / "build" / "graphkit.nq"
    if not nq.is_file():
        synthesize(root, documents=documents, seed=SEED)
        if triples <= 20_000:
            import graphkit as gk

            gk.build(root)  # small enough to build whole, SHACL included
        else:
            build_nquads(root)
    return root


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _times(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


#: rdflib's engine may take minutes on one question: past this, its time is reported as "> cap".
RDFLIB_CAP = 60.0
#: The same for a whole-process run of the command line or a plain script.
CLI_CAP = 300.0


def _capped(fn, repeat: int, cap: float = RDFLIB_CAP) -> dict[str, float | None]:
    """Time ``fn`` like :func:`_times`, giving up after ``cap`` seconds (SIGALRM: pure Python stops)."""
    import signal

    def give_up(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, give_up)
    samples = []
    for _ in range(repeat):
        signal.setitimer(signal.ITIMER_REAL, cap)
        start = time.perf_counter()
        try:
            fn()
        except TimeoutError:
            return {"median": None, "p95": None, "over": cap}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        samples.append(time.perf_counter() - start)
        if samples[-1] > 10:  # one slow run says enough
            break
    return _summary(samples)


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95}


# ------------------------------------------------------------------ children


def measure_graphkit(root: Path, repeat: int, *, on_disk: bool = True) -> dict:
    """Open, every named question with labels, projections: graphkit's side.

    With ``on_disk=False`` the store is parsed into memory, and only the
    opening and the questions are measured (the networkx steps read the
    same quads either way).
    """
    import shutil

    from graphkit.rdf.store import open_store, store_folder
    from graphkit.sparql.engine import add_labels
    from graphkit.sparql.library import list_queries, run_named

    nq = root / "data" / "build" / "graphkit.nq"
    out: dict = {}
    if on_disk:
        shutil.rmtree(store_folder(nq), ignore_errors=True)
        start = time.perf_counter()
        open_store(nq, on_disk=True)
        out["open_first"] = time.perf_counter() - start
    start = time.perf_counter()
    ds = open_store(nq, on_disk=on_disk)
    out["open"] = time.perf_counter() - start
    queries = {}
    for query in list_queries():
        params = _example_params(query)

        def run(query=query, params=params):
            result = run_named(ds, query.name, params)
            return add_labels(result, ds)

        samples = _times(run, repeat)
        queries[query.name] = {**_summary(samples), "rows": len(run().rows)}
    out["queries"] = queries
    if not on_disk:
        out["peak_mb"] = _peak_mb()
        return out

    from graphkit.network import centrality, communities, hero_counterpart_graph, project
    from graphkit.viz import build_page

    start = time.perf_counter()
    G = project(ds)
    out["project"] = time.perf_counter() - start
    out["entities"] = G.number_of_nodes()
    start = time.perf_counter()
    # the synthetic editions name cohorts as participants, not heroes: without the cohorts the view is empty
    B = hero_counterpart_graph(G, through_cohorts=True)
    out["bipartite"] = time.perf_counter() - start
    start = time.perf_counter()
    centrality(G, measures=("pagerank",))
    out["pagerank"] = time.perf_counter() - start
    start = time.perf_counter()
    communities(G)
    out["communities"] = time.perf_counter() - start
    start = time.perf_counter()
    build_page(G, max_nodes=300)
    out["page"] = time.perf_counter() - start
    out["bipartite_nodes"] = B.number_of_nodes()
    out["peak_mb"] = _peak_mb()
    return out


def _example_params(query) -> dict[str, str]:
    """Values for a question's parameters that exist in every synthetic checkout."""
    examples = {"year": "2010", "label": "Trafficking in Persons Report Heroes Award"}
    return {p.name: examples[p.name] for p in query.params if p.name in examples and p.required}


def _final_texts(root: Path) -> dict[str, str]:
    """Return each named question's text as a plain script would run it.

    Entity names resolved, parameters bound, prefixes declared: the text
    graphkit checks. A plain script runs it on the union of the named graphs
    (provenance included); graphkit runs it on the facts.
    """
    from graphkit.dataset import load_store
    from graphkit.sparql.engine import prepare_query
    from graphkit.sparql.library import list_queries

    store = load_store(root)
    texts = {}
    for query in list_queries():
        values, _ = query.resolve_entities(_example_params(query), store)
        texts[query.name] = prepare_query(query.text, bindings=query.bindings(values))[1]
    return texts


def measure_rdflib(root: Path, repeat: int) -> dict:
    """Plain rdflib: parse the N-Quads into memory, run the same texts."""
    from rdflib import Dataset

    nq = root / "data" / "build" / "graphkit.nq"
    texts = _final_texts(root)
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(nq, format="nquads")
    out: dict = {"open": time.perf_counter() - start, "queries": {}}
    for name, text in texts.items():
        out["queries"][name] = _capped(lambda text=text: list(ds.query(text)), repeat)
    out["peak_mb"] = _peak_mb()
    return out


def measure_pyoxigraph(root: Path, repeat: int) -> dict:
    """Raw pyoxigraph: load into memory, run the same texts, read every row."""
    import pyoxigraph

    nq = root / "data" / "build" / "graphkit.nq"
    texts = _final_texts(root)
    start = time.perf_counter()
    store = pyoxigraph.Store()
    store.bulk_load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
    out: dict = {"open": time.perf_counter() - start, "queries": {}}

    def run(text: str) -> None:
        answer = store.query(text, use_default_graph_as_union=True)
        if not isinstance(answer, bool):
            for _ in answer:
                pass

    for name, text in texts.items():
        out["queries"][name] = _summary(_times(lambda text=text: run(text), repeat))
    out["peak_mb"] = _peak_mb()
    return out


_RDFLIB_SCRIPT = """
import sys
from rdflib import Dataset
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
for row in ds.query(open(sys.argv[2]).read()):
    print(*row, sep="\\t")
"""

_PYOXIGRAPH_SCRIPT = """
import sys, pyoxigraph
store = pyoxigraph.Store()
store.bulk_load(path=sys.argv[1], format=pyoxigraph.RdfFormat.N_QUADS)
for row in store.query(open(sys.argv[2]).read(), use_default_graph_as_union=True):
    print(*row, sep="\\t")
"""


def measure_cli(root: Path, *, with_rdflib: bool) -> dict:
    """Whole-process latency of ``graphkit query heroes`` and of plain scripts doing the same."""
    nq = root / "data" / "build" / "graphkit.nq"
    big = nq.stat().st_size > 100 * 1024 * 1024
    query_file = Path(tempfile.mkdtemp()) / "heroes.rq"
    query_file.write_text(_final_texts(root)["heroes"])
    # GRAPHKIT_HOME names the synthetic checkout; the commands run from a folder outside any
    # checkout, since the checkout holding the current directory would come first.
    env = {**os.environ, "GRAPHKIT_HOME": str(root)}
    outside = Path(tempfile.mkdtemp())
    graphkit = [sys.executable, "-m", "graphkit", "query", "heroes", "--format", "tsv"]
    commands = {
        "graphkit": graphkit,
        "pyoxigraph": [sys.executable, "-c", _PYOXIGRAPH_SCRIPT, nq, query_file],
    }
    if with_rdflib:
        commands["rdflib"] = [sys.executable, "-c", _RDFLIB_SCRIPT, nq, query_file]
    subprocess.run(graphkit, env=env, cwd=outside, capture_output=True, check=True)  # warm the store
    out = {}
    for name, args in commands.items():
        samples = []
        for _ in range(1 if name == "rdflib" and big else 3):  # rdflib parses a large file for minutes
            start = time.perf_counter()
            try:
                subprocess.run(
                    [str(a) for a in args],
                    env=env,
                    cwd=outside,
                    capture_output=True,
                    check=True,
                    timeout=CLI_CAP,
                )
            except subprocess.TimeoutExpired:
                out[f"{name}_over"] = CLI_CAP
                break
            samples.append(time.perf_counter() - start)
        out[name] = statistics.median(samples) if samples else None
    return out


def _child(side: str, triples: int, repeat: int) -> dict:
    """Run one side's measurement in a fresh interpreter; return its JSON."""
    args = [sys.executable, __file__, "--child", side, "--sizes", str(triples), "--repeat", str(repeat)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{side} at {triples:,} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ report


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.1f}x"


_NETWORK_STEPS = ("project", "bipartite", "pagerank", "communities", "page")


def report(results: dict[int, dict]) -> str:
    """One table: rows are steps, per size graphkit | rdflib | pyoxigraph and the ratios."""
    lines = []
    for size, r in results.items():
        gk, gm, rl, ox, cli = r["graphkit"], r["graphkit-memory"], r.get("rdflib"), r["pyoxigraph"], r["cli"]
        lines.append(f"\n### {size:,} triples (quads in the file: {r['quads']:,})\n")
        lines.append(
            "| step | graphkit (on disk) | graphkit (in memory) | rdflib | pyoxigraph "
            "| rdflib / graphkit | graphkit / pyoxigraph (in memory) |"
        )
        lines.append("|---|---|---|---|---|---|---|")
        lines.append(
            f"| open (first: bulk load {_ms(gk['open_first'])}) | {_ms(gk['open'])} | {_ms(gm['open'])} | "
            f"{_ms(rl['open']) if rl else 'skipped'} | {_ms(ox['open'])} | "
            f"{_ratio(rl['open'], gk['open']) if rl else '—'} | {_ratio(gm['open'], ox['open'])} |"
        )
        peak_rl = f"{rl['peak_mb']:,.0f} MB" if rl else "skipped"
        lines.append(
            f"| peak memory | {gk['peak_mb']:,.0f} MB | {gm['peak_mb']:,.0f} MB | {peak_rl} | "
            f"{ox['peak_mb']:,.0f} MB | | |"
        )
        for name, q in gk["queries"].items():
            m = gm["queries"][name]["median"]
            rq = rl["queries"][name]["median"] if rl else None
            over = rl["queries"][name].get("over") if rl else None
            rdflib_time = f"> {over:.0f} s" if over else _ms(rq)
            rdflib_ratio = f"> {over / q['median']:.0f}x" if over else _ratio(rq, q["median"])
            oq = ox["queries"][name]["median"]
            lines.append(
                f"| `{name}` ({q['rows']} rows; p95 {_ms(q['p95'])}) | {_ms(q['median'])} | {_ms(m)} | "
                f"{rdflib_time} | {_ms(oq)} | {rdflib_ratio} | {_ratio(m, oq)} |"
            )
        for step in _NETWORK_STEPS:
            lines.append(f"| {step} | {_ms(gk[step])} | | | | | |")
        lines.append(
            f"| CLI `graphkit query heroes` | {_ms(cli['graphkit'])} | | {_ms(cli.get('rdflib'))} | "
            f"{_ms(cli['pyoxigraph'])} | {_ratio(cli.get('rdflib'), cli['graphkit'])} | "
            f"{_ratio(cli['graphkit'], cli['pyoxigraph'])} |"
        )
    lines.append("\n" + growth(results))
    return "\n".join(lines)


def growth(results: dict[int, dict]) -> str:
    """Flag steps whose cost grows faster than the data between consecutive sizes."""
    sizes = sorted(results)
    flags = []
    for small, big in itertools.pairwise(sizes):
        data = results[big]["quads"] / results[small]["quads"]
        a, b = results[small]["graphkit"], results[big]["graphkit"]
        steps = {f"query {n}": (a["queries"][n]["median"], b["queries"][n]["median"]) for n in a["queries"]}
        steps |= {s: (a[s], b[s]) for s in ("open", *_NETWORK_STEPS)}
        for step, (x, y) in steps.items():
            if x > 0.005 and y / x > 1.5 * data:
                flags.append(f"- superlinear: {step} grew {y / x:.0f}x for {data:.0f}x the data")
    return "\n".join(flags) or "No step grew faster than the data."


def main(argv: list[str] | None = None) -> None:
    """Measure every size and print the table (or, with ``--child``, one side's JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rdflib-max", type=int, default=1_000_000)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--child", choices=("graphkit", "graphkit-memory", "rdflib", "pyoxigraph", "cli", "cli-rdflib")
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    if args.child:
        root = checkout_for(sizes[0])
        measure = {
            "graphkit": lambda: measure_graphkit(root, args.repeat),
            "graphkit-memory": lambda: measure_graphkit(root, args.repeat, on_disk=False),
            "rdflib": lambda: measure_rdflib(root, args.repeat),
            "pyoxigraph": lambda: measure_pyoxigraph(root, args.repeat),
            "cli": lambda: measure_cli(root, with_rdflib=False),
            "cli-rdflib": lambda: measure_cli(root, with_rdflib=True),
        }[args.child]
        print(json.dumps(measure()))
        return
    results: dict[int, dict] = {}
    for size in sizes:
        root = checkout_for(size)
        nq = root / "data" / "build" / "graphkit.nq"
        with nq.open("rb") as handle:
            quads = sum(1 for _ in handle)
        repeat = args.repeat if size <= 1_000_000 else max(2, args.repeat // 2)
        with_rdflib = size <= args.rdflib_max
        print(f"measuring {size:,} triples ({quads:,} quads) ...", file=sys.stderr, flush=True)
        results[size] = {
            "quads": quads,
            "graphkit": _child("graphkit", size, repeat),
            "graphkit-memory": _child("graphkit-memory", size, repeat),
            "pyoxigraph": _child("pyoxigraph", size, repeat),
            "rdflib": _child("rdflib", size, 1 if size >= 1_000_000 else repeat) if with_rdflib else None,
            "cli": _child("cli-rdflib" if with_rdflib else "cli", size, 1),
        }
        if not with_rdflib:
            print(f"rdflib skipped at {size:,} triples (above --rdflib-max)", file=sys.stderr)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
