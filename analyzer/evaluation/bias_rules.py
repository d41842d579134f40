"""Evaluate source roles and right of reply on hand-written sets (benchmarks/bias/).

``python -m analyzer.evaluate roles --data benchmarks/bias/roles.jsonl`` and
``python -m analyzer.evaluate reply --data benchmarks/bias/reply.jsonl``. The sets were written
for the project (benchmarks/bias/README.md says how); figures go in the README with the command.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from analyzer.pipeline import analyze
from analyzer.signals.roles import ROLES, role_of


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def evaluate_roles(data: Path, split: str = "dev") -> str:
    """Per-role precision, recall and F1 of :func:`role_of`, and accuracy over all sources."""
    rows = _rows(data)
    pred = [role_of(r["name"], r["description"]) for r in rows]
    gold = [r["role"] for r in rows]
    lines = [f"roles on {data}: {len(rows)} sources"]
    for role in (*ROLES, "unknown"):
        tp = sum(p == g == role for p, g in zip(pred, gold, strict=True))
        fp = sum(p == role != g for p, g in zip(pred, gold, strict=True))
        fn = sum(g == role != p for p, g in zip(pred, gold, strict=True))
        lines.append(f"  {role:16s} {_prf(tp, fp, fn)}")
    right = sum(p == g for p, g in zip(pred, gold, strict=True))
    lines.append(f"accuracy {right / len(rows):.3f} ({right} of {len(rows)})")
    wrong = Counter((g, p) for p, g in zip(pred, gold, strict=True) if p != g).most_common()
    if wrong:
        lines.append(
            "errors (gold -> predicted): " + ", ".join(f"{g}->{p} x{n}" for (g, p), n in wrong)
        )
    return "\n".join(lines)


def evaluate_reply(data: Path, split: str = "dev") -> str:
    """Precision, recall and F1 of no_response_sought: accused parties left without a reply."""
    tp = fp = fn = 0
    for row in _rows(data):
        result = analyze(row["text"])
        found = {f.detail.get("accused") for f in result.findings if f.kind == "no_response_sought"}
        gold = set(row["unanswered"])
        # A name found with its title ("Principal David Ortiz") matches the gold "David Ortiz".
        hits = {g for g in gold if any(g in f or f in g for f in found if f)}
        tp += len(hits)
        fn += len(gold - hits)
        fp += sum(1 for f in found if f and not any(g in f or f in g for g in gold))
    return f"no_response_sought on {data}: {_prf(tp, fp, fn)}"
