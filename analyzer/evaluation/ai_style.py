"""Evaluate the AI-style findings: a hand-labelled set, and a false-alarm rate on human news.

``evaluate`` reads a JSONL set with ``text`` and yes/no labels ``ai_phrase``,
``rhetorical_question`` and ``unsigned_note`` (how it was labelled: ``tests/data/README.md``) and
scores, per kind, whether the text gets at least one finding of that kind.

``evaluate_human`` reads PolNeAR (``--data`` is its folder): 2016 news written by reporters, before
machine rewriting was common, so every ai_phrase or unsigned_note found there is a false alarm.
It prints findings per 1,000 words and the phrases that fired most.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from analyzer.document import Article, build_document
from analyzer.evaluation.claims import read_polnear
from analyzer.evaluation.scores import prf_line
from analyzer.signals import ai_style

KINDS = ("ai_phrase", "rhetorical_question", "unsigned_note")


def evaluate(data: Path, split: str = "all") -> str:
    """P/R/F1 per kind on the labelled set; ``split`` is unused."""
    counts = {k: [0, 0, 0] for k in KINDS}
    items = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    for n, item in enumerate(items):
        doc = build_document(Article(f"a{n}", str(data), item["text"]))
        found = {f.kind for f in ai_style.find(doc)}
        for k in KINDS:
            gold, got = bool(item[k]), k in found
            counts[k][0] += gold and got
            counts[k][1] += got and not gold
            counts[k][2] += gold and not got
    lines = [
        f"{data.name}: {len(items)} labelled texts (a text is positive for a kind if labelled)"
    ]
    lines += [prf_line(k, *counts[k]) for k in KINDS]
    return "\n".join(lines)


def evaluate_human(data: Path, split: str) -> str:
    """Findings per 1,000 words on human-written PolNeAR news (all are false alarms)."""
    words = 0
    kinds: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    articles = 0
    for name, text, _spans in read_polnear(data, split):
        doc = build_document(Article(name, name, text))
        articles += 1
        words += doc.word_count
        for f in ai_style.find(doc):
            kinds[f.kind] += 1
            if f.kind == "ai_phrase":
                phrases[f.text.lower()] += 1
    lines = [f"PolNeAR {split} (human-written news): {articles} articles, {words} words"]
    for k in KINDS:
        lines.append(
            f"{k:<20} {kinds[k]:>4} findings, {kinds[k] * 1000 / words:.2f} per 1,000 words"
        )
    common = ", ".join(f"{p} ({c})" for p, c in phrases.most_common(8))
    lines.append(f"most frequent ai_phrase matches: {common or 'none'}")
    return "\n".join(lines)
