"""Train the attribution-cue model on PolNeAR: ``python -m analyzer.train attribution --data PATH``.

Every candidate cue word of the train split is one example, labelled a cue when it lies inside an
annotated Cue span. Five-fold cross-validation grouped by article gives the card's figures; the
model is then fitted on the whole train split and written to ``<out>/attribution.skops`` beside
its card ``<out>/attribution.md`` and its sidecar of arrays ``<out>/attribution.fast.npz`` (what
analysis runs read; see analyzer.learned.store).
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from analyzer.learned import cues
from analyzer.learned.polnear import GoldArticle, read_split
from analyzer.learned.store import save_model


def examples(articles: list[GoldArticle]) -> tuple[list[dict[str, Any]], list[int], list[int]]:
    """Feature dicts, labels (1 = inside a gold cue) and article numbers of every candidate the
    model learns from (not the words of ``context_cues.txt``, which it judges by context alone)."""
    rows, labels, groups = [], [], []
    untrained = cues.context_cue_words()
    for n, article in enumerate(articles):
        segs = sorted(seg for a in article.attributions for seg in a.cue)
        starts = [s for s, _ in segs]
        for start, end in cues.candidates(article.text):
            if article.text[start:end].lower() in untrained:
                continue
            i = bisect.bisect_right(starts, start) - 1
            inside = any(s <= start < e for s, e in segs[max(0, i - 3) : i + 1])
            rows.append(cues.features(article.text, start, end))
            labels.append(int(inside))
            groups.append(n)
    return rows, labels, groups


def cross_validate(rows: list, labels: list[int], groups: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of cue detection over five article-grouped folds."""
    predicted = [0] * len(labels)
    for train_idx, test_idx in GroupKFold(n_splits=5).split(rows, labels, groups):
        model = cues.make_pipeline().fit(
            [rows[i] for i in train_idx], [labels[i] for i in train_idx]
        )
        proba = model.predict_proba([rows[i] for i in test_idx])[:, 1]
        for i, p in zip(test_idx, proba, strict=True):
            predicted[i] = int(p >= cues.THRESHOLD)
    p, r, f, _ = precision_recall_fscore_support(labels, predicted, average="binary")
    return float(p), float(r), float(f)


def train(data: Path, out: Path) -> None:
    """Cross-validate, fit on the train split, write the model and its card."""
    articles = read_split(data, "train")
    rows, labels, groups = examples(articles)
    p, r, f = cross_validate(rows, labels, groups)
    model = cues.make_pipeline().fit(rows, labels)
    save_model(model, out / f"{cues.MODEL_NAME}.skops", cues.sidecar_arrays(model))
    figures = {
        "articles": len(articles),
        "candidates": len(labels),
        "positives": sum(labels),
        "cv_precision": round(p, 3),
        "cv_recall": round(r, 3),
        "cv_f1": round(f, 3),
    }
    card = out / f"{cues.MODEL_NAME}.md"
    card.write_text(render_card(figures, _previous_evaluation(card)), encoding="utf-8")
    print(", ".join(f"{k} {v}" for k, v in figures.items()))


_EVAL_MARK = "## Evaluation on PolNeAR dev"


def _previous_evaluation(card: Path) -> str:
    """Keep the end-to-end evaluation section of an existing card when retraining."""
    if not card.is_file():
        return ""
    text = card.read_text(encoding="utf-8")
    return text[text.index(_EVAL_MARK) :] if _EVAL_MARK in text else ""


def render_card(figures: dict[str, Any], evaluation: str) -> str:
    """The model card (Markdown) for the figures of one training run."""
    return f"""# Model card: attribution cue classifier (`models/attribution.skops`)

## What it does
Decides, for each occurrence of a candidate cue word (`analyzer/lexicons/attribution_cues.txt`:
"said", "told", "show", "called", "according to", ...), whether it marks an attribution in that
context. `analyzer.signals.attribution` builds attributions (source, cue, content) only around
occurrences the model accepts (probability >= {cues.THRESHOLD}).

## Data
PolNeAR (Newell, Margolin and Ruths, LREC 2018), train split: {figures["articles"]} US
political news articles from 2016, one annotator per article (the smallest annotation file
name). A candidate is labelled a cue when it lies inside an annotated Cue span.
{figures["candidates"]} candidates, {figures["positives"]} of them cues. No licence is stated
for the corpus; the texts are copyrighted news and are not shipped with the project.

## Features and estimator
`analyzer.learned.cues.features`: the word, its last three letters, the previous and next words
and their shape (pronoun, capitalised, lower case, number), word pairs, the punctuation on each
side, quotation marks within a few characters, sentence start, capitalisation. One-hot encoded
(`FeatureHasher`, 2^15 columns, so the file stays small), then
`LogisticRegression(C=1.0, random_state=0)`.

## Cross-validated figures (5 folds grouped by article, train split, threshold {cues.THRESHOLD})
| precision | recall | F1 |
|---|---|---|
| {figures["cv_precision"]} | {figures["cv_recall"]} | {figures["cv_f1"]} |

Command: `python -m analyzer.train attribution --data ../shared/data/polnear`

## Limits
- Only words in the candidate list can be cues: cues outside it (rare verbs, nouns such as
  "criticism", multiword idioms) are never found.
- The words of `analyzer/lexicons/context_cues.txt` ("wants", "sees", "knew") are candidates at
  run time but not training examples: the model judges them by their context alone (trained on,
  their many non-cue uses weakened the context features all cue words share).
- Trained on 2016 US election coverage; other beats and other English varieties were not measured.
- The model does not find sources or content spans: rules in `analyzer.signals.attribution` do.

{evaluation}"""
