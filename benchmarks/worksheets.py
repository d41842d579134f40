"""Time the worksheet generator and writer alone: a sheet and key for every article, N rounds.

    python benchmarks/worksheets.py [PATH ...] [--rounds 10] [--level advanced]

PATH defaults to seeds/. Analysis is done once, outside the timing; the figure is milliseconds
per article for ``build_worksheet`` plus rendering both pages (nothing is written to disk).
"""

from __future__ import annotations

import argparse
import time

from analyzer.batch import analyze_paths
from analyzer.exercises import LEVELS, build_worksheet
from analyzer.writers.worksheet import render_answers, render_worksheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["seeds"])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--level", choices=LEVELS, default="advanced")
    args = parser.parse_args()
    results = analyze_paths(args.paths).results
    began = time.perf_counter()
    for seed in range(args.rounds):
        for result in results:
            sheet = build_worksheet(result, level=args.level, seed=seed)
            render_worksheet(sheet)
            render_answers(sheet)
    seconds = time.perf_counter() - began
    n = args.rounds * len(results)
    print(f"{n} sheets, {seconds * 1000 / n:.1f} ms per article (build + both pages)")


if __name__ == "__main__":
    main()
