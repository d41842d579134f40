"""Time the HTML writer alone: every page of a set of analysed articles, written N times.

    python benchmarks/html_pages.py [PATH ...] [--rounds 20]

PATH defaults to seeds/. Analysis is done once, outside the timing; the figure is milliseconds
per article for ``write_site`` (article pages, compare pages and the index).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from analyzer.batch import analyze_paths
from analyzer.writers.html import write_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["seeds"])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    results = analyze_paths(args.paths).results
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        for _ in range(args.rounds):
            write_site(Path(tmp), results)
        seconds = time.perf_counter() - began
    pages = args.rounds * len(results)
    print(
        f"{len(results)} articles x {args.rounds} rounds: {1000 * seconds / pages:.1f} ms/article"
    )


if __name__ == "__main__":
    main()
