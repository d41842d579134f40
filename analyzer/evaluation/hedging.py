"""Evaluate hedge and booster findings against a hand-labelled JSONL set.

Each line holds ``text`` and the lists ``hedges`` and ``boosters``: the stance words of the
writer's own voice, in text order (how the set was labelled: ``tests/data/README.md``). A found
word is a true positive when the same word (case-insensitive) is labelled with the same kind in
that text; words are matched as multisets, so a repeated word must be found as often as labelled.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from analyzer.document import Article, build_document
from analyzer.evaluation.scores import prf_line
from analyzer.signals import hedging


def evaluate(data: Path, split: str = "all") -> str:
    """P/R/F1 for hedges and boosters; ``split`` is unused (the set is small, no splits)."""
    totals = {"hedge": [0, 0, 0], "booster": [0, 0, 0]}
    items = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    for n, item in enumerate(items):
        doc = build_document(Article(f"h{n}", str(data), item["text"]))
        found = hedging.find(doc)
        for kind, key in (("hedge", "hedges"), ("booster", "boosters")):
            gold = Counter(w.lower() for w in item[key])
            got = Counter(f.text.lower() for f in found if f.kind == kind)
            tp = sum((gold & got).values())
            totals[kind][0] += tp
            totals[kind][1] += sum(got.values()) - tp
            totals[kind][2] += sum(gold.values()) - tp
    lines = [f"{data.name}: {len(items)} labelled texts"]
    for kind, (tp, fp, fn) in totals.items():
        lines.append(prf_line(kind, tp, fp, fn))
    all_tp = sum(t[0] for t in totals.values())
    all_fp = sum(t[1] for t in totals.values())
    all_fn = sum(t[2] for t in totals.values())
    lines.append(prf_line("hedge + booster", all_tp, all_fp, all_fn))
    return "\n".join(lines)
