"""CPU time of the batch's comparison step: pairing rewrites with sources, then each comparison.

    python benchmarks/comparisons.py --data FOLDER [--repeat 3]

Pairing (:func:`analyzer.compare.pairing.pair_ranks`) reads every text of ``FOLDER`` as a batch
run does (reader ids, ``derived_from``, dates) and is timed first, in a fresh process; the pairs
it finds are then analysed (untimed) and compared one by one. Comparison caches of words and
sentences are emptied before the comparisons are timed, so they start cold, as in a worker that
only scored articles before; later comparisons profit from the words of earlier ones, as in a
batch. ``--repeat`` times the comparisons that many times (caches emptied each time) and prints
each round.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import time
from pathlib import Path


def _clear_caches() -> None:
    for name in ("align", "names", "text"):
        module = importlib.import_module(f"analyzer.compare.{name}")
        for value in vars(module).values():
            # Only the module's own caches: the syllable table names imports is loaded by every
            # analysis anyway.
            own = getattr(value, "__module__", None) == module.__name__
            if own and isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of articles")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of comparisons")
    args = parser.parse_args()

    from analyzer.compare import compare
    from analyzer.compare.pairing import pair_ranks
    from analyzer.pipeline import analyze_article
    from analyzer.readers import read_inputs

    articles = [a for a in read_inputs([str(args.data)]) if hasattr(a, "text")]
    rank = {a.id: k for k, a in enumerate(articles)}
    docs = [
        (a.text, [rank.get(s) for s in a.meta.derived_from], a.meta.published) for a in articles
    ]
    order = sorted(range(len(articles)), key=lambda k: articles[k].id)
    began = time.process_time()
    pairs = list(pair_ranks(docs, id_order=order))
    spent = time.process_time() - began
    print(f"pairing: {len(articles)} texts, {len(pairs)} pairs, {spent:.3f} s")

    results = {k: analyze_article(articles[k]) for d, s, _, _ in pairs for k in (d, s)}
    for round_ in range(args.repeat):
        _clear_caches()
        gc.collect()
        began = time.process_time()
        for d, s, paired_by, similarity in pairs:
            compare(results[s], results[d], paired_by=paired_by, similarity=similarity)
        spent = time.process_time() - began
        print(
            f"comparisons, round {round_ + 1}: {len(pairs)} in {spent:.3f} s, "
            f"{1000 * spent / max(len(pairs), 1):.1f} ms each"
        )


if __name__ == "__main__":
    main()
