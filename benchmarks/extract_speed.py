"""Measure how fast the extractor drafts facts: documents and characters per second.

Two workloads, both from the real corpus:

* ``corpus``: each of the five documents in turn, with the graph's entities
  as the registry (what ``graphkit extract DOC`` does, without writing);
* ``long``: one long document made of the five articles' text repeated to
  ``--size`` characters (default 1,000,000), to show the cost per character
  on a long page.

The pipeline (spaCy, pycountry, the pattern files) is loaded once before the
clock starts; the load is reported on its own. Run it with::

    .venv/bin/python benchmarks/extract_speed.py [--repeat 3] [--size 1000000]

Measured on the development machine (2 cores shared with other jobs, load
average 11; Python 3.11, spaCy 3.8), median of 3 runs:

=========  =========  ==========  =======  =======  ======
workload   documents  characters  seconds  chars/s  docs/s
=========  =========  ==========  =======  =======  ======
load       -          -           10.3     -        -
corpus     5          25,764      0.4      58,120   11.3
long       1          1,000,000   10.1     99,003   0.10
=========  =========  ==========  =======  =======  ======

Loading spaCy and pycountry is the largest fixed cost (each ``graphkit
extract`` pays it once); a 5 MB page takes about a minute on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import time


def _timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the table of the docstring for this machine."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args()

    start = time.perf_counter()
    from graphkit.corpus import load_corpus
    from graphkit.extract import extract_text
    from graphkit.extract.lexicon import lexicon
    from graphkit.extract.text import nlp
    from graphkit.extract.workflow import known_entities
    from graphkit.paths import project_paths

    nlp(), lexicon()
    corpus = load_corpus()
    known = known_entities(project_paths())
    load = time.perf_counter() - start

    documents = list(corpus)
    characters = sum(len(d.text) for d in documents)
    corpus_seconds = _timed(lambda: [extract_text(d.text, d.id, known) for d in documents], args.repeat)
    article = "\n\n".join(d.article_text() for d in documents)
    long_text = (article * (args.size // len(article) + 1))[: args.size]
    long_seconds = _timed(lambda: extract_text(long_text, "long", known), args.repeat)

    print(f"{'workload':10} {'documents':>9} {'characters':>11} {'seconds':>8} {'chars/s':>10} {'docs/s':>7}")
    print(f"{'load':10} {'-':>9} {'-':>11} {load:8.1f}")
    print(
        f"{'corpus':10} {len(documents):9d} {characters:11,d} {corpus_seconds:8.1f} "
        f"{characters / corpus_seconds:10,.0f} {len(documents) / corpus_seconds:7.1f}"
    )
    print(
        f"{'long':10} {1:9d} {len(long_text):11,d} {long_seconds:8.1f} "
        f"{len(long_text) / long_seconds:10,.0f} {1 / long_seconds:7.2f}"
    )


if __name__ == "__main__":
    main()
