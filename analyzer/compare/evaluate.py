"""``python -m analyzer.evaluate compare --data PATH``: P/R/F1 per issue kind, false alarms.

PATH is a JSONL file of labelled pairs (``benchmarks/compare/pairs.jsonl``, made by
``benchmarks/compare/make_pairs.py``): each line has ``source``, ``derived``, ``published``,
``faithful`` and ``labels`` (kind, start, end, text in the derived text). Or PATH is a PolNeAR
folder: pairs with planted changes are then built from its real articles
(:mod:`analyzer.compare.planted`).

A reported issue is a true positive when a label of the same kind overlaps it; a label is found
when some reported issue of its kind overlaps it. Precision is over reported issues, recall over
labels. On faithful paraphrases every reported issue is a false alarm; their rate is given per
1,000 words of derived text. The sentence-support threshold is also swept, to show the trade-off
behind :data:`analyzer.compare.engine.SUPPORT_THRESHOLD`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from statistics import median

from analyzer.compare.engine import (
    MIN_ANCHORS,
    SUPPORT_THRESHOLD,
    check_text,
    derived_units,
    source_view,
)
from analyzer.compare.pairing import SIMILARITY_THRESHOLD, similarity_matrix
from analyzer.compare.planted import polnear_pairs
from analyzer.document import Article, Metadata, build_document
from analyzer.pipeline import analyze

KINDS = (
    "date_mismatch",
    "number_mismatch",
    "name_not_in_source",
    "quote_not_in_source",
    "misattributed_quote",
    "unsupported_sentence",
)
SWEEP = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
ANCHOR_SWEEP = (2, 3, 4, 5, None)  # None: no anchor rule, coverage alone (the session 1 rule)


def _load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run(
    records: list[dict], threshold: float = SUPPORT_THRESHOLD, min_anchors: int | None = MIN_ANCHORS
) -> list[tuple[dict, list]]:
    """Check every record; return (record, issues) pairs."""
    out = []
    for r in records:
        meta = Metadata(published=r.get("published"))
        src = build_document(Article("source", "", r["source"], meta=meta))
        der = build_document(Article("derived", "", r["derived"], meta=meta))
        # Quotes with their speakers, as the full analysis finds them.
        src_quotes = analyze(r["source"], published=r.get("published")).quotes or ()
        der_quotes = analyze(r["derived"], published=r.get("published")).quotes or ()
        issues = check_text(
            source_view(src, src_quotes),
            der,
            derived_units(der),
            der_quotes,
            support_threshold=threshold,
            min_anchors=min_anchors if min_anchors is not None else 10**9,
        )
        out.append((r, issues, der.word_count))
    return out


def score(results) -> tuple[dict[str, tuple[int, int, int, int]], int, int]:
    """Per kind: (reported, true positives, labels, labels found); faithful alarms and words."""
    table: dict[str, list[int]] = {k: [0, 0, 0, 0] for k in KINDS}
    alarms = words = 0
    for r, issues, n_words in results:
        context = [lab for lab in r["labels"] if lab["kind"] == "context"]
        labels = [lab for lab in r["labels"] if lab["kind"] != "context"]
        # Other issues inside a planted span (the names and numbers of borrowed words) are
        # neither right nor wrong: only the planted kind is scored there.
        issues = [
            i
            for i in issues
            if not any(_overlap(c, i) for c in context)
            or any(lab["kind"] == i.kind and _overlap(lab, i) for lab in labels)
        ]
        if r["faithful"]:
            alarms += len(issues)
            words += n_words
        for i in issues:
            row = table.setdefault(i.kind, [0, 0, 0, 0])
            row[0] += 1
            if any(lab["kind"] == i.kind and _overlap(lab, i) for lab in labels):
                row[1] += 1
        for lab in labels:
            row = table.setdefault(lab["kind"], [0, 0, 0, 0])
            row[2] += 1
            if any(lab["kind"] == i.kind and _overlap(lab, i) for i in issues):
                row[3] += 1
    return {k: tuple(v) for k, v in table.items()}, alarms, words


def _overlap(label: dict, issue) -> bool:
    return issue.start < label["end"] and label["start"] < issue.end


def _prf(row: tuple[int, int, int, int]) -> tuple[float | None, float | None, float | None]:
    reported, tp, labels, found = row
    p = tp / reported if reported else None
    r = found / labels if labels else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return p, r, f


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def pairing_report(records: list[dict]) -> list[str]:
    """How similarity pairing would do: each derived text against its own and every other source.

    All sources and derived texts form one batch (idf from all of them, as in a real run).
    """
    sources = list(dict.fromkeys(r["source"] for r in records))
    index = {s: i for i, s in enumerate(sources)}
    derived = [r["derived"] for r in records]
    m = similarity_matrix(sources + derived)
    n = len(sources)
    own = [m[n + k, index[r["source"]]] for k, r in enumerate(records)]
    other = [
        max((m[n + k, j] for j in range(n) if j != index[r["source"]]), default=0.0)
        for k, r in enumerate(records)
    ]
    between = [max((m[i, j] for j in range(n) if j != i), default=0.0) for i in range(n)]
    lines = [
        f"pairing by similarity ({len(records)} derived texts, {n} sources; threshold "
        f"{SIMILARITY_THRESHOLD}): own source median {median(own):.3f}, min {min(own):.3f}; "
        f"best other source median {median(other):.3f}, max {max(other):.3f}; "
        f"two different sources at most {max(between):.3f}",
        f"{'threshold':>10}{'own found':>11}{'wrong pair possible':>21}",
    ]
    for t in (0.4, 0.45, 0.5, 0.55, 0.6):
        found = sum(o >= t for o in own) / len(own)
        wrong = sum(o >= t for o in other) + sum(b >= t for b in between)
        lines.append(f"{t:>10.2f}{found:>11.3f}{wrong:>21}")
    return lines


def evaluate(data: Path, split: str = "dev") -> str:
    """The printed report for ``python -m analyzer.evaluate compare --data PATH``.

    PATH is the hand-written JSONL set, or a PolNeAR folder, from whose ``split`` planted pairs
    are built on the fly (:mod:`analyzer.compare.planted`; the threshold sweep is left out there).
    """
    data = Path(data)
    if data.is_dir():
        records = polnear_pairs(data, split)
        sweep = False
    else:
        records = _load(data)
        sweep = True
    results = run(records)
    table, alarms, words = score(results)
    n_faithful = sum(r["faithful"] for r in records)
    lines = [
        f"comparison on {data}: {len(records)} derived texts "
        f"({n_faithful} faithful, {len(records) - n_faithful} with planted changes)",
        f"{'kind':24}{'labels':>7}{'reported':>9}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    total = [0, 0, 0, 0]
    for kind in KINDS:
        row = table.get(kind, (0, 0, 0, 0))
        total = [a + b for a, b in zip(total, row, strict=True)]
        p, r, f = _prf(row)
        lines.append(f"{kind:24}{row[2]:>7}{row[0]:>9}{_fmt(p):>8}{_fmt(r):>8}{_fmt(f):>8}")
    p, r, f = _prf(tuple(total))
    lines.append(f"{'all kinds':24}{total[2]:>7}{total[0]:>9}{_fmt(p):>8}{_fmt(r):>8}{_fmt(f):>8}")
    rate = 1000 * alarms / words if words else float("nan")
    lines.append(
        f"faithful paraphrases: {alarms} false alarms in {words} words = {rate:.2f} per 1,000 words"
    )
    kinds = Counter(i.kind for rec, issues, _ in results if rec["faithful"] for i in issues)
    if kinds:
        lines.append(
            "  false alarms by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        )
    if not sweep:
        return "\n".join(lines + [""] + pairing_report(records))
    lines.append("")
    lines.append(
        f"unsupported_sentence sweep (current: coverage below {SUPPORT_THRESHOLD} "
        f"and fewer than {MIN_ANCHORS} anchors)"
    )
    lines.append(f"{'threshold':>10}{'anchors':>9}{'P':>8}{'R':>8}{'F1':>8}{'alarms/1k':>11}")
    grid = [(t, MIN_ANCHORS) for t in SWEEP] + [
        (SUPPORT_THRESHOLD, a) for a in ANCHOR_SWEEP if a != MIN_ANCHORS
    ]
    for t, a in grid:
        res = run(records, threshold=t, min_anchors=a)
        tab, _, w = score(res)
        sent_alarms = sum(
            1
            for rec, issues, _ in res
            if rec["faithful"]
            for i in issues
            if i.kind == "unsupported_sentence"
        )
        p, r, f = _prf(tab["unsupported_sentence"])
        lines.append(
            f"{t:>10.2f}{'off' if a is None else a:>9}{_fmt(p):>8}{_fmt(r):>8}{_fmt(f):>8}"
            f"{1000 * sent_alarms / w if w else float('nan'):>11.2f}"
        )
    return "\n".join(lines)
