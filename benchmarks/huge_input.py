"""Memory and time on huge input: a 50 MB article, and JSONL dumps of up to 100k articles.

    python benchmarks/huge_input.py                      # 1k, 10k and 100k articles
    python benchmarks/huge_input.py --articles 1000 5000 --words 300

Each step runs in a fresh process and reports wall time and its peak resident memory
(``ru_maxrss`` from ``os.wait4``: the largest of the process and the children it waited for):

* ``refuse-50MB``: ``analyzer score big.txt --json`` on a 50 MB text file, which is refused by
  its size before any of it is read;
* ``read N``: only the readers, iterating :func:`analyzer.readers.read_inputs` over an N-line
  JSONL dump and dropping each article;
* ``score N``: ``analyzer score dump.jsonl --out DIR`` (state store, results.jsonl, HTML pages).

A bounded process shows the same peak for every N. The articles are generated (seeded), a mix of
quoted, attributed and plain sentences of ``--words`` words each; nothing is downloaded or copied
from anywhere. Each article has its own topic words (drawn from a made-up vocabulary of 20,000
words) among words every article shares, so unrelated articles are as dissimilar as real ones;
one in 20 is a rewrite of an earlier article (half its sentences, a number changed), found by
similarity, and one in 100 names its source in ``derived_from``. ``--corpus samey`` makes every
article from the same 30 words instead, so every article looks like a rewrite of every other:
the worst case for pairing and comparison (all articles paired).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READ_ONLY = """
import sys
from analyzer.readers import read_inputs
n = sum(1 for item in read_inputs([sys.argv[1]]))
print(n)
"""

NAMES = ["Ana Ruiz", "Omar Lee", "Dana Park", "the ministry", "police", "a spokesman"]
VERBS = ["said", "told reporters", "wrote", "added", "according to"]
WORDS = (
    "the council voted to build a new bridge over the river after years of debate about "
    "its cost and the traffic it would bring to the old town and its narrow streets"
).split()


SYLLABLES = "ba ko ri sen tal mu vor pe gan lis dor ne sha qui lem tob ar fi zu mel".split()


def vocabulary(size: int = 20000) -> list[str]:
    """Made-up content words (``korisen``, ``talmu``...), the same for every run."""
    rng = random.Random(0)
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentences(rng: random.Random, words: int, topic: list[str] | None) -> list[str]:
    """Sentences of about ``words`` words: shared words, and ``topic`` words when given."""
    out, count = [], 0
    while count < words:
        size = rng.randint(8, 20)
        if topic is None:
            body = " ".join(rng.choice(WORDS) for _ in range(size))
        else:
            body = " ".join(rng.choice(WORDS if rng.random() < 0.5 else topic) for _ in range(size))
        if rng.random() < 0.2:
            body += f" by {rng.randint(2, 99)} percent"
        kind = rng.random()
        if kind < 0.25:
            sentence = f"“{body.capitalize()},” {rng.choice(NAMES)} {rng.choice(VERBS[:4])}."
        elif kind < 0.4:
            sentence = f"{body.capitalize()}, {VERBS[4]} {rng.choice(NAMES)}."
        else:
            sentence = body.capitalize() + "."
        out.append(sentence)
        count += len(sentence.split())
    return out


def join(rng: random.Random, parts: list[str]) -> str:
    text = ""
    for sentence in parts:
        text += ("\n" if text and rng.random() < 0.3 else " " if text else "") + sentence
    return text


def write_dump(path: Path, n: int, words: int, corpus: str = "varied") -> None:
    rng = random.Random(n)
    lexicon = vocabulary()
    recent: list[tuple[str, list[str]]] = []  # the last articles, for rewrites to copy from
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            record = {"id": f"a{i:06d}", "title": f"Article {i}", "outlet": "Wire"}
            if corpus == "samey":
                parts = sentences(rng, words, None)
            elif recent and i % 20 == 19:
                source_id, source = rng.choice(recent)
                parts = [s for s in source if rng.random() < 0.5] or source[:1]
                parts = [s.replace(" percent", "0 percent", 1) for s in parts]
                if i % 100 == 99:
                    record["derived_from"] = source_id
            else:
                parts = sentences(rng, words, rng.sample(lexicon, 30))
                recent = [*recent[-49:], (record["id"], parts)]
            record["text"] = join(rng, parts)
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, and exit status of one fresh process."""
    began = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - began, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--words", type=int, default=150, help="words per article (150)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--corpus",
        choices=["varied", "samey"],
        default="varied",
        help="varied: realistic topics, 1 in 20 a rewrite (default); samey: all paired",
    )
    parser.add_argument("--skip-score", action="store_true", help="only time the readers")
    args = parser.parse_args()
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="analyzer-huge-"))
    print(
        f"{args.words} words per article, {args.corpus} corpus, --jobs {args.jobs},"
        f" Python {sys.version.split()[0]}"
    )
    print(f"{'step':<16}{'input':>14}{'seconds':>10}{'peak RSS MB':>14}{'exit':>6}", flush=True)
    rows = _Rows()
    try:
        big = work / "big.txt"
        with open(big, "wb") as handle:
            for _ in range(50):
                handle.write(b"The council voted on Tuesday. " * 34953)  # ~1 MB each
        seconds, peak, status = run([python, "-m", "analyzer", "score", str(big), "--json"])
        rows.append(("refuse-50MB", f"{big.stat().st_size:,} B", seconds, peak, status))
        big.unlink()
        for n in args.articles:
            dump = work / f"dump-{n}.jsonl"
            write_dump(dump, n, args.words, args.corpus)
            size = f"{dump.stat().st_size / 1e6:,.1f} MB"
            seconds, peak, status = run([python, "-c", READ_ONLY, str(dump)])
            rows.append((f"read {n:,}", size, seconds, peak, status))
            if not args.skip_score:
                out = work / f"out-{n}"
                cmd = [python, "-m", "analyzer", "score", str(dump), "--out", str(out)]
                seconds, peak, status = run([*cmd, "--jobs", str(args.jobs)])
                rows.append((f"score {n:,}", size, seconds, peak, status))
                shutil.rmtree(out, ignore_errors=True)
            dump.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


class _Rows:
    """Prints each measurement as soon as it is taken (a 100k run takes a while)."""

    def append(self, row: tuple[str, str, float, float, int]) -> None:
        step, size, seconds, peak, status = row
        print(f"{step:<16}{size:>14}{seconds:>10.1f}{peak:>14.0f}{status:>6}", flush=True)


if __name__ == "__main__":
    main()
