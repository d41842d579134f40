"""CPU time of the batch's comparison step: pairing rewrites with sources, then the comparisons.

    python benchmarks/comparisons.py --data FOLDER [--copies 12] [--chunk 16] [--repeat 3]

Pairing (:func:`analyzer.compare.pairing.pair_ranks`) reads every text of ``FOLDER`` as a batch
run does (reader ids, ``derived_from``, dates, each text's term counts) and is timed first, in a
fresh process; the pairs it finds are then analysed and packed as the store keeps them (untimed)
and compared as a batch compares them: in chunks of up to ``--chunk`` pairs, pairs that share an
article together (``analyzer.batch._together``), each chunk by
:func:`analyzer.engines.compare_chunk`, which prepares each article of a chunk once.

``--copies N`` takes the folder's texts N times over, in turn (as ``throughput.py`` replicates
them): the copies of a text pair up in chains, each the rewrite of the one before, as in the
throughput benchmark at 10,000 articles. Comparison caches of words and sentences are emptied
before each round, so they start cold, as in a worker that only scored articles before; later
comparisons profit from the words of earlier ones, as in a batch. ``--repeat`` times the
comparisons that many times and prints each round.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import gc
import importlib
import time
from pathlib import Path

from analyzer.document import Article


def _clear_caches() -> None:
    for name in ("align", "names", "text"):
        module = importlib.import_module(f"analyzer.compare.{name}")
        for value in vars(module).values():
            # Only the module's own caches: the syllable table names imports is loaded by every
            # analysis anyway.
            own = getattr(value, "__module__", None) == module.__name__
            if own and isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


def _copy(article: Article, k: int) -> Article:
    """Copy ``k`` of an article: its id and the ids its source names get the copy's number."""
    meta = dataclasses.replace(
        article.meta, derived_from=tuple(f"{s}-{k}" for s in article.meta.derived_from)
    )
    return dataclasses.replace(article, id=f"{article.id}-{k}", meta=meta)


def main() -> None:
    from analyzer.batch import COMPARE_CHUNK

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of articles")
    parser.add_argument("--copies", type=int, default=1, help="take the texts this many times")
    parser.add_argument("--chunk", type=int, default=COMPARE_CHUNK, help="pairs per chunk")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of comparisons")
    args = parser.parse_args()

    from analyzer.batch import _together
    from analyzer.compare.pairing import count_terms, pair_ranks
    from analyzer.engines import compare_chunk
    from analyzer.pipeline import analyze_article
    from analyzer.readers import read_inputs
    from analyzer.state import pack

    read = [a for a in read_inputs([str(args.data)]) if hasattr(a, "text")]
    articles = read if args.copies == 1 else [_copy(a, k) for k in range(args.copies) for a in read]
    rank = {a.id: k for k, a in enumerate(articles)}
    began = time.process_time()
    docs = [
        (count_terms(a.text), [rank.get(s) for s in a.meta.derived_from], a.meta.published)
        for a in articles
    ]
    order = sorted(range(len(articles)), key=lambda k: articles[k].id)
    pairs = list(pair_ranks(docs, id_order=order))
    spent = time.process_time() - began
    print(f"pairing: {len(articles)} texts, {len(pairs)} pairs, {spent:.3f} s")

    packed = {k: pack(analyze_article(articles[k])) for d, s, _, _ in pairs for k in (d, s)}
    pair_of = {d: (s, paired_by, similarity) for d, s, paired_by, similarity in pairs}
    chunks = [
        [
            (articles[s].id, packed[s], articles[d].id, packed[d], by, similarity)
            for d in ranks
            for s, by, similarity in [pair_of[d]]
        ]
        for ranks in _together(((d, s) for d, s, _, _ in pairs), args.chunk)
    ]
    for round_ in range(args.repeat):
        _clear_caches()
        gc.collect()
        began = time.process_time()
        failed = sum(error is not None for c in chunks for _, error in compare_chunk(c))
        spent = time.process_time() - began
        print(
            f"comparisons, round {round_ + 1}: {len(pairs)} in {len(chunks)} chunks of up to "
            f"{args.chunk}, {spent:.3f} s, {1000 * spent / max(len(pairs), 1):.1f} ms each"
            + (f", {failed} FAILED" if failed else "")
        )


if __name__ == "__main__":
    main()
