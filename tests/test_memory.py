"""Memory of a batch run does not grow with the number of articles.

A real ``score_paths`` run (state store, pairing and comparison, results.jsonl, HTML site) over
N and then 4N articles, each in a fresh process after a warm-up, measured with tracemalloc: the
peak of Python allocations may differ by a few bytes per article (ids, a few numbers for
pairing), not by the kilobytes per article of a batch that keeps what it has seen. Before the store kept the run's order and comparisons, results.jsonl
was streamed from the store and the index paged, a run grew by some 16 KB per article.

The three knobs that bound the transient peaks, the pairing block, the index page and the
chunk of comparisons (whose articles are prepared together), are set small here, so both batch
sizes run with the same (bounded) blocks, pages and chunks; both sizes are above the batch's
commit group (32), so every buffer is full in both runs. (With the batch's chunk of up to 16
pairs, the 2 rewrites of the small run and the 8 of the large one made chunks of different
sizes, and that bounded difference, ~0.4 MB, read as ~3 KB "per article".)
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = r"""
import json, sys, tracemalloc
from pathlib import Path
from analyzer import batch
from analyzer.batch import score_paths
from analyzer.compare import pairing
from analyzer.writers import html

pairing._BLOCK = 32
html.INDEX_PAGE = 25
batch.COMPARE_CHUNK = 2
warm, batch, out = (Path(a) for a in sys.argv[1:4])
score_paths([str(warm)], out / "warm")  # models, lexicons, lazy imports, word caches
tracemalloc.start()
result = score_paths([str(batch)], out / "run")
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"peak": peak, "scored": result.counts.scored}))
"""

WORDS = (
    "council voted build bridge river years debate cost traffic town streets budget mayor "
    "residents plan tax school police report market prices rose fell percent week officials "
    "court ruling judge appeal families housing rents workers union strike hospital nurses"
).split()
NAMES = ["Ana Ruiz", "Omar Lee", "Dana Park", "a spokesman"]


def sentence_pool(rng: random.Random, size: int) -> list[str]:
    pool = []
    for _ in range(size):
        body = " the ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9)))
        if rng.random() < 0.3:
            pool.append(f"“{body.capitalize()},” {rng.choice(NAMES)} said.")
        else:
            pool.append(f"{body.capitalize()} by {rng.randint(2, 60)} percent.")
    return pool


def write_batch(path: Path, n: int, pool: list[str], seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            # Titles and texts come from fixed pools: new words would fill the word caches
            # (bounded, see README "Guarantees"), which is not growth per article.
            title = rng.choice(pool).split(",")[0].strip("“”.")
            record = {"id": f"s{seed}-{i:05d}", "title": title, "outlet": "Wire"}
            record["text"] = " ".join(rng.sample(pool, 6))
            if i % 25 == 24:  # a rewrite naming its source: comparisons take part
                record["derived_from"] = f"s{seed}-{i - 1:05d}"
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def peak_for(tmp_path: Path, n: int) -> int:
    pool = sentence_pool(random.Random(0), 150)
    warm, batch = tmp_path / "warm.jsonl", tmp_path / f"batch-{n}.jsonl"
    write_batch(warm, 30, pool, seed=1)
    write_batch(batch, n, pool, seed=2)
    out = tmp_path / f"out-{n}"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(warm), str(batch), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["scored"] == n
    assert len((out / "run" / "results.jsonl").read_text(encoding="utf-8").splitlines()) == n
    return report["peak"]


@pytest.mark.slow
def test_peak_memory_of_a_batch_does_not_grow_per_article(tmp_path):
    small, large = 50, 200
    grown = peak_for(tmp_path, large) - peak_for(tmp_path, small)
    # 16 KB per article would be 2.4 MB here. The allowance, 4 KB per extra article, leaves
    # room for what is really per article (the readers' id set, ~50 bytes for pairing) and for
    # the peak itself: it is taken while the heaviest article so far is analysed or compared,
    # and a larger batch is likelier to hold a heavier one (measured: about 1.1 KB per article).
    assert grown < (large - small) * 4096, f"{grown / (large - small):.0f} bytes per article"
