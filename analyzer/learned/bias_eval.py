"""Evaluate loaded_language on BABE: ``python -m analyzer.evaluate bias --data BABE --split dev``.

BABE's scoring protocol: each sentence goes through the product as a one-sentence article, the
same path ``analyzer score FILE --json`` takes; it counts as predicted biased when its record has a
``loaded_language`` finding. Printed: precision, recall, F1 and accuracy of the biased class,
macro F1, recall of the experts' biased words (a word is covered when the text of some
loaded_language finding holds it as a whole word, case ignored), the share of findings that hold
a gold word, and the same figures per outlet leaning.

``--split newswire:PATH`` instead runs the product over plain news articles (a folder of .txt
files, e.g. PolNeAR's dev/text) and prints the share of sentences flagged: there is no bias label,
but on ordinary reporting most sentences should pass.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import numpy as np

from analyzer.learned import bias
from analyzer.learned.bias_train import prf, writer_voice_pieces
from analyzer.pipeline import analyze


def _gold_words(row: dict) -> set[str]:
    words = {w.strip("\"“”'‘’ ").lower() for w in row["biased_words"]}
    return {w for w in words if w}


def _covered(word: str, texts: list[str]) -> bool:
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return any(pattern.search(t) for t in texts)


def _figures(rows: list[dict], found: list[list[str]]) -> list[str]:
    labels = np.array([r["label"] for r in rows])
    pred = np.array([bool(f) for f in found])
    m = prf(labels, pred)
    gold = hit = 0
    holding = total = 0
    for row, texts in zip(rows, found, strict=True):
        words = _gold_words(row)
        if row["label"] == 1:
            gold += len(words)
            hit += sum(_covered(w, texts) for w in words)
        total += len(texts)
        holding += sum(any(_covered(w, [t]) for w in words) for t in texts)
    word_recall = f"{hit / gold:.3f}" if gold else "n/a"
    precision_words = f"{holding / total:.3f}" if total else "n/a"
    return [
        f"sentences {len(rows)}, biased {int(labels.sum())}, flagged {int(pred.sum())}",
        f"biased class: precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
        f"F1 {m['f1']:.3f}  accuracy {m['accuracy']:.3f}",
        f"macro F1 {m['macro_f1']:.3f}",
        f"gold biased words covered by a finding: {word_recall} ({hit} of {gold})",
        f"findings holding a gold word: {precision_words} ({holding} of {total})",
    ]


def evaluate(data: Path, split: str) -> str:
    """The printed report for one BABE split, or for a newswire folder (``newswire:PATH``)."""
    if split.startswith("newswire:"):
        return newswire(Path(split.split(":", 1)[1]))
    rows = bias.read_babe(data / f"{split}.csv")
    found = []
    for row in rows:
        record = analyze(row["text"], id=row["id"]).to_record()
        found.append([f["text"] for f in record["findings"] if f["kind"] == "loaded_language"])
    lines = [f"BABE {split}: loaded_language through the full pipeline, one sentence an article"]
    lines += _figures(rows, found)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[row["outlet_leaning"] or "(none)"].append(i)
    lines.append("")
    lines += operating_points(rows)
    for leaning in sorted(groups):
        idx = groups[leaning]
        lines.append(f"\noutlet leaning {leaning}:")
        lines += ["  " + line for line in _figures([rows[i] for i in idx], [found[i] for i in idx])]
    return "\n".join(lines)


def _max_probability(model: dict, text: str) -> list[float]:
    """Writer-voice probability of each sentence, as the signal computes it."""
    return bias.sentence_probability(model, writer_voice_pieces(text))


def operating_points(rows: list[dict]) -> list[str]:
    """Sentence-level P/R/F1 at the product threshold, the best-F1 threshold and a few others.

    Same writer-voice text as the product; a sentence counts as flagged when its highest
    probability reaches the threshold, without the product's word gate (the first lines of the
    report give the product itself).
    """
    model = bias.load()
    labels = np.array([r["label"] for r in rows])
    best = np.array([max(_max_probability(model, r["text"]), default=0.0) for r in rows])
    points = sorted({model["threshold"], model["f1_threshold"], 0.5, 0.7})
    lines = ["operating points (writer-voice sentence probability >= threshold):"]
    for t in points:
        m = prf(labels, best >= t)
        tag = {model["threshold"]: " (product)", model["f1_threshold"]: " (best F1 on train)"}
        lines.append(
            f"  threshold {t:.2f}{tag.get(t, '')}: precision {m['precision']:.3f}  "
            f"recall {m['recall']:.3f}  F1 {m['f1']:.3f}  macro F1 {m['macro_f1']:.3f}"
        )
    return lines


def newswire(folder: Path) -> str:
    """Share of sentences flagged loaded_language over plain news articles (first line = title)."""
    model = bias.load()
    articles = sentences = flagged = words = findings = with_any = 0
    probs: list[float] = []
    for path in sorted(folder.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        record = analyze(body, title=title.strip(), id=path.stem).to_record()
        metrics = record["metrics"]
        articles += 1
        sentences += metrics["sentences"]
        words += metrics["words"]
        flagged += metrics["loaded_language_sentences"]
        findings += metrics["loaded_language"]
        with_any += metrics["loaded_language_sentences"] > 0
        probs += _max_probability(model, body)
    if not sentences:
        return f"{folder}: no .txt articles"
    scores = np.array(probs)
    lines = [
        f"newswire {folder}: {articles} articles, {sentences} sentences, {words} words",
        f"sentences flagged {flagged} ({flagged / sentences:.3f}); loaded_language findings "
        f"{findings} ({findings * 1000 / words:.2f} per 1,000 words); articles with at least "
        f"one: {with_any / articles:.3f}",
        "share of writer-voice sentences at or above each threshold:",
    ]
    for t in sorted({model["threshold"], model["f1_threshold"], 0.5, 0.7}):
        lines.append(f"  {t:.2f}: {float(np.mean(scores >= t)):.3f}")
    return "\n".join(lines)
