"""Time and memory of comparing a long source with a long rewrite of it.

    python benchmarks/long_pair.py --data ../shared/data/polnear/train/text --texts 100

The first ``--texts`` texts under ``--data`` (``.txt``, in name order) joined, one per paragraph,
make the source (100 PolNeAR texts: some 380 KB); its first half with one changed number makes
the rewrite. Both are analysed (untimed), then :func:`analyzer.compare` is timed (CPU) and the
process's peak resident memory is read before and after it: the difference is what comparing
the pair added at its peak.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS, where this overstates by 1024).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--texts", type=int, default=100, help="texts joined into the source")
    args = parser.parse_args()

    from analyzer import analyze, compare

    files = sorted(p for p in args.data.rglob("*.txt") if p.is_file())[: args.texts]
    if not files:
        raise SystemExit(f"{args.data}: no .txt files found")
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    source = analyze(text)
    rewrite = analyze(text[: len(text) // 2] + "\nPrices rose 7 percent in May.")
    before = _peak_mb()
    began = time.process_time()
    comparison = compare(source, rewrite)
    spent = time.process_time() - began
    print(
        f"{len(files)} texts, source {len(text):,} characters: {len(comparison.issues)} issues, "
        f"{spent:.2f} s CPU, peak memory {before:.0f} -> {_peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
