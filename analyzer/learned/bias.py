"""The biased-language model: which sentences use loaded, one-sided wording, and which words.

Two scikit-learn pipelines trained on BABE (sentences labelled biased / non-biased by trained
experts, with the words that make them biased marked; see models/bias.md):

- the sentence model (word uni- and bigram TF-IDF, logistic regression) decides whether a
  sentence is loaded;
- the word model (hashed character n-grams of one word, logistic regression), trained on the
  experts' marked words, names which words of a flagged sentence are the loaded ones.

The saved object is a dict ``{"pipeline", "words", "threshold", "f1_threshold", "C"}``. Both
thresholds come from cross-validation on the training split: ``threshold`` (what the product
uses) is the lowest one reaching the target precision (:func:`precision_threshold`),
``f1_threshold`` the one best for F1 on BABE (:func:`choose_threshold`), kept for comparison.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    HashingVectorizer,
    TfidfVectorizer,
)
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from analyzer.learned.fastpath import CachedProbability, TfidfLogistic
from analyzer.learned.store import cached_model

NAME = "bias"
# The exact types models/bias.skops may hold; anything else is refused at load time.
TRUSTED_TYPES: tuple[str, ...] = (
    "numpy.dtype",
    "numpy.float64",
    "numpy.ndarray",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
)
# Words of two or more letters or digits, as the vectorizer sees them (its token pattern); the
# same pattern places each word back in the text when a decision is explained.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
TOKEN = re.compile(TOKEN_PATTERN)
C_GRID: tuple[float, ...] = (1.0, 3.0, 10.0)
FOLDS = 5
# Out-of-fold precision the product's threshold must reach on train (see precision_threshold).
TARGET_PRECISION = 0.75


def build_pipeline(*, C: float = 10.0) -> Pipeline:
    """A fresh, unfitted biased-language pipeline.

    Examples
    --------
    >>> [name for name, _ in build_pipeline().steps]
    ['tfidf', 'logreg']
    """
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    min_df=2,
                    sublinear_tf=True,
                    token_pattern=TOKEN_PATTERN,
                ),
            ),
            (
                "logreg",
                LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=0),
            ),
        ]
    )


def build_word_pipeline(*, C: float = 3.0) -> Pipeline:
    """A fresh, unfitted word model: is this word one experts mark as loaded?

    Features are the character 2- to 5-grams of the lower-cased word, hashed (no vocabulary to
    store), so unseen words with a loaded stem or affix ("-ist", "radical-") still score.

    Examples
    --------
    >>> [name for name, _ in build_word_pipeline().steps]
    ['hash', 'logreg']
    """
    return Pipeline(
        [
            (
                "hash",
                HashingVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    n_features=2**16,
                    alternate_sign=False,
                ),
            ),
            (
                "logreg",
                LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=0),
            ),
        ]
    )


@dataclass(frozen=True, slots=True)
class Driver:
    """A word of a sentence with the word model's probability that it is loaded."""

    start: int
    end: int
    word: str
    weight: float


def candidate_words(text: str) -> list[tuple[int, int, str]]:
    """Words that may be named as loaded: no stop words ("the", "of"), no bare numbers, no
    capitalised word after the first (a name is who the sentence is about, not its wording).

    Examples
    --------
    >>> [w for _, _, w in candidate_words("The 12 radical bills of Senator Lee")]
    ['radical', 'bills']
    """
    out = []
    for i, m in enumerate(TOKEN.finditer(text)):
        w = m.group()
        if w.lower() in ENGLISH_STOP_WORDS or w.isdigit() or (i and w[:1].isupper()):
            continue
        out.append((m.start(), m.end(), w))
    return out


def sentence_probability(model: dict[str, Any], texts: Sequence[str]) -> list[float]:
    """Probability that each text uses loaded, one-sided wording (the sentence model)."""
    if not texts:
        return []
    fast = _fast_sentences(model["pipeline"])
    if fast is not None:
        return fast.probabilities(texts)  # the same floats, without scikit-learn's overhead
    return [float(p) for p in model["pipeline"].predict_proba(list(texts))[:, 1]]


# One fast scorer per fitted pipeline (estimators hash by identity), built on first use.
@functools.cache
def _fast_sentences(pipeline: Pipeline) -> TfidfLogistic | None:
    return TfidfLogistic.for_pipeline(pipeline)


@functools.cache
def _word_scores(pipeline: Pipeline) -> CachedProbability:
    return CachedProbability(pipeline)


def loaded_words(model: dict[str, Any], text: str) -> list[Driver]:
    """The words of ``text`` ranked by how likely experts would mark them as loaded.

    Examples
    --------
    >>> model = fit_model(["a radical scheme", "the council met", "a radical plan", "rain fell"],
    ...                   [1, 0, 1, 0], C=10.0, marked=[["radical"], [], ["radical"], []])
    >>> [d.word for d in loaded_words(model, "Their radical idea.")][:1]
    ['radical']
    """
    return loaded_words_many(model, [text])[0]


def loaded_words_many(model: dict[str, Any], texts: Sequence[str]) -> list[list[Driver]]:
    """:func:`loaded_words` for several texts in one call of the word model (one call per
    article instead of one per sentence: scikit-learn's per-call checks cost more than the work).
    """
    words = [candidate_words(t) for t in texts]
    flat = [w.lower() for ws in words for _, _, w in ws]
    if not flat:
        return [[] for _ in texts]
    # Each distinct word is scored once per process: the word model sees one word at a time.
    probs = _word_scores(model["words"]).probabilities(flat)
    out, i = [], 0
    for ws in words:
        p = probs[i : i + len(ws)]
        i += len(ws)
        order = sorted(range(len(ws)), key=lambda k: (-p[k], ws[k][0]))
        out.append([Driver(*ws[k], round(float(p[k]), 4)) for k in order])
    return out


def fit_model(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    C: float,
    marked: Sequence[Sequence[str]],
    threshold: float = 0.5,
    f1_threshold: float = 0.5,
) -> dict[str, Any]:
    """Fit the sentence model on ``texts`` and the word model on the ``marked`` words.

    The word model learns from the biased sentences only: each of their candidate words is a
    positive example when the experts marked it, a negative one otherwise.
    """
    pipe = build_pipeline(C=C).fit(list(texts), np.asarray(labels))
    words, is_marked = [], []
    for text, label, marks in zip(texts, labels, marked, strict=True):
        if label != 1:
            continue
        gold = {m.strip("\"“”'‘’ ").lower() for m in marks}
        for _, _, w in candidate_words(text):
            words.append(w.lower())
            is_marked.append(int(w.lower() in gold))
    word_pipe = build_word_pipeline().fit(words, np.asarray(is_marked))
    # The words dropped by min_df are kept only for introspection and would triple the file.
    vec = pipe.named_steps["tfidf"]
    if hasattr(vec, "stop_words_"):
        del vec.stop_words_
    return {
        "pipeline": pipe,
        "words": word_pipe,
        "threshold": float(threshold),
        "f1_threshold": float(f1_threshold),
        "C": float(C),
    }


def choose_threshold(labels: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    """The decision threshold from out-of-fold probabilities, and the F1 it reaches.

    The highest threshold whose biased-class F1 is within 0.01 of the best: near-equal F1 is
    traded for precision, because on real articles most sentences are not biased and a false
    alarm costs the reader's trust.

    Examples
    --------
    >>> choose_threshold(np.array([1, 1, 0, 0]), np.array([0.9, 0.6, 0.4, 0.1]))
    (0.6, 1.0)
    """
    grid = np.round(np.arange(0.30, 0.71, 0.01), 2)
    f1s = np.array([_f1(labels, probs >= t) for t in grid])
    best = f1s.max()
    ok = grid[f1s >= best - 0.01]
    t = float(ok.max())
    return t, round(float(f1s[grid == t][0]), 3)


def precision_threshold(labels: np.ndarray, probs: np.ndarray, target: float) -> float:
    """The lowest threshold whose precision on out-of-fold probabilities reaches ``target``.

    This is the product's operating point: real articles hold far fewer loaded sentences than
    BABE (half of whose sentences are biased), so a threshold tuned for F1 on BABE flags most
    sentences of ordinary news. Falls back to the highest grid value when no threshold reaches it.

    Examples
    --------
    >>> precision_threshold(np.array([1, 0, 1, 0]), np.array([0.9, 0.6, 0.55, 0.1]), 0.9)
    0.61
    """
    grid = np.round(np.arange(0.30, 0.91, 0.01), 2)
    for t in grid:
        pred = probs >= t
        if pred.any() and float(np.mean(labels[pred] == 1)) >= target:
            return float(t)
    return float(grid[-1])


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def read_babe(path: Path) -> list[dict[str, Any]]:
    """Rows of a BABE split (train.csv / dev.csv) with ``label`` as int and words as a list."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["label"] = int(row["label"])
        row["biased_words"] = json.loads(row["biased_words"])
    return rows


def load() -> dict[str, Any]:
    """The committed biased-language model, loaded once per process."""
    return cached_model(NAME, TRUSTED_TYPES)
