"""CPU time per article of each step of the analysis, over the texts of a folder.

    python benchmarks/signals.py --data ../shared/data/polnear/train/text [--limit 200]

Each step the pipeline calls (building the Document, every signal, the metrics) is wrapped with a
CPU-time counter (``time.process_time``). Models are loaded and the per-word caches warmed on
other articles of the folder (``--warm``) first, so that the measured articles are each analysed
once, as in a batch, and not helped by caches of their own sentences. Steps share lazily computed
work (the first signal to ask for the word index of a text pays for it), so a step's figure is
what it adds where the pipeline runs it. The last line is the whole analysis, packing for the
state store included.
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (module, function) pairs the pipeline calls; a name the installed analyzer lacks is skipped.
STEPS = [
    ("analyzer.pipeline", "build_document"),
    ("analyzer.pipeline", "find_people"),
    ("analyzer.signals.quotes", "find"),
    ("analyzer.signals.attribution", "find"),
    ("analyzer.signals.roles", "assign"),
    ("analyzer.signals.sources", "find"),
    ("analyzer.signals.anonymity", "find"),
    ("analyzer.signals.loaded_language", "assess"),
    ("analyzer.signals.reply", "assess"),
    ("analyzer.signals.balance", "assess"),
    ("analyzer.signals.headline", "find"),
    ("analyzer.pipeline", "base_metrics"),
    ("analyzer.signals.hedging", "find"),
    ("analyzer.signals.claims", "assess"),
    ("analyzer.signals.ai_style", "find"),
    ("analyzer.signals.prescriptive", "find"),
    ("analyzer.signals.dates", "find"),
]


def _timed(spent: collections.Counter, label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - began

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=200, help="articles to measure")
    parser.add_argument("--warm", type=int, default=50, help="other articles analysed first")
    parser.add_argument("--pattern", default="*.txt", help="file names to read (e.g. '*.md')")
    args = parser.parse_args()

    from analyzer.pipeline import analyze_article
    from analyzer.readers import read_inputs
    from analyzer.state import pack

    spent: collections.Counter = collections.Counter()
    for module_name, name in STEPS:
        module = importlib.import_module(module_name)
        if hasattr(module, name):
            label = f"{module_name.rsplit('.', 1)[-1]}.{name}"
            setattr(module, name, _timed(spent, label, getattr(module, name)))
    paths = sorted(p for p in args.data.rglob(args.pattern) if p.is_file())
    warm, paths = paths[-args.warm :] if args.warm else [], paths[: args.limit]
    if set(warm) & set(paths):
        raise SystemExit(f"{args.data}: fewer than --limit + --warm articles")
    for article in read_inputs([str(p) for p in warm]):  # models, lexicons, word caches
        if hasattr(article, "text"):
            pack(analyze_article(article))
    articles = [a for a in read_inputs([str(p) for p in paths]) if hasattr(a, "text")]
    spent.clear()
    began = time.process_time()
    for article in articles:
        pack(analyze_article(article))
    total = time.process_time() - began
    n = len(articles)
    print(f"{n} articles from {args.data}; CPU ms per article")
    for label, seconds in spent.most_common():
        print(f"  {label:<30} {1000 * seconds / n:7.2f}")
    print(f"  {'whole analysis + pack':<30} {1000 * total / n:7.2f}")


if __name__ == "__main__":
    main()
