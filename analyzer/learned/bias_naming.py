"""Choose how loaded_language names words, by cross-validation on BABE's train split only.

``python -m analyzer.learned.bias_naming --data BABE_FOLDER`` fits the biased-language model on
four fifths of train.csv (the same 5 stratified folds, seed 0, as ``analyzer.train bias``),
scores the held-out fifth as the product does (writer's voice, product threshold 0.48 taken from
the committed model), and for every naming setting compares the words named in the flagged
held-out sentences with the experts' marked words (token level, as ``analyzer.evaluate
bias-words``). A setting is (lexicon weight, NAME_MORE, MAX_NAMED) of
:mod:`analyzer.learned.bias`; the top word of a flagged sentence is always named, so no setting
changes which sentences are flagged. Chosen: of the settings whose word F1 is within 0.01 of the
best, the one with the highest word precision (a wrong word costs a reader's trust more than a
missed one). The settings are compared without the noun-use rule (:func:`bias.noun_use`); the
last line gives the product's setting with it. Dev is never read.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from analyzer.learned import bias
from analyzer.learned.bias_train import writer_voice_pieces
from analyzer.learned.bias_words_eval import WordFigures, gold_tokens, word_figures

WEIGHTS = (0.0, 1.0, 2.0, 3.0, 4.0)
CUTS = (0.5, 0.6, 0.7, 0.8, 0.9)
MAX_NAMED = (3, 4, 5)


@dataclass(frozen=True, slots=True)
class Candidates:
    """One flagged held-out piece: its candidate words, word-model probabilities, lexicon
    ratios (rate / prior) and positions (for ties, as the product breaks them)."""

    words: list[str]
    probs: np.ndarray
    ratios: np.ndarray
    starts: list[int]
    nouns: np.ndarray | None = None  # which words are in noun use (bias.noun_use)


def name(c: Candidates, weight: float, cut: float, most: int, *, nouns: bool = False) -> set[str]:
    """The words one setting names in a flagged piece: the top scorer, then up to ``most`` in
    all of those scoring ``cut`` or more (as :func:`analyzer.learned.bias.named_words`).

    Examples
    --------
    >>> c = Candidates(["tax", "slammed", "plan"], np.array([0.8, 0.7, 0.6]),
    ...                np.array([0.3, 3.0, 1.0]), [0, 4, 12])
    >>> sorted(name(c, 0.0, 0.65, 3)), sorted(name(c, 2.0, 0.65, 3))
    (['slammed', 'tax'], ['slammed'])
    """
    scores = bias.combine(c.probs, c.ratios, weight)
    if nouns and c.nouns is not None and len(c.words):
        # As the product: no lexicon lift for a word in noun use, the top word apart.
        capped = bias.combine(c.probs, np.minimum(c.ratios, 1.0), weight)
        demote = c.nouns & (scores > bias.NOUN_CHECK)
        demote[int(np.argmax(scores))] = False
        scores = np.where(demote, capped, scores)
    order = sorted(range(len(c.words)), key=lambda k: (-scores[k], c.starts[k]))
    # Unrounded scores: findings round weights to 4 decimals first, so a score within 0.00005
    # under the cut is named there and not here (it changes which setting wins, not the output).
    return {c.words[order[i]] for i in bias.top_named([scores[k] for k in order], most, cut)}


def choose(results: Sequence[tuple[tuple[float, float, int], WordFigures]]) -> int:
    """Index of the chosen setting: the highest precision among F1 within 0.01 of the best.

    Examples
    --------
    >>> choose([((0, .5, 3), WordFigures(10, 10, 5)), ((2, .8, 5), WordFigures(8, 10, 5))])
    1
    """
    best = max(f.f1 for _, f in results)
    ok = [i for i, (_, f) in enumerate(results) if f.f1 >= best - 0.01]
    return max(ok, key=lambda i: (results[i][1].precision, -i))


def held_out(data: Path) -> tuple[list[list[Candidates]], list[set[str]]]:
    """Per train sentence, its flagged writer-voice pieces' candidates (from models fitted
    without its fold), and its marked words as tokens."""
    rows = bias.read_babe(data / "train.csv")
    texts = [r["text"] for r in rows]
    labels = np.array([r["label"] for r in rows])
    marked = [r["biased_words"] for r in rows]
    threshold = bias.load()["threshold"]
    out: list[list[Candidates]] = [[] for _ in rows]
    folds = StratifiedKFold(n_splits=bias.FOLDS, shuffle=True, random_state=0)
    for fit_idx, test_idx in folds.split(texts, labels):
        model = bias.fit_model(
            [texts[i] for i in fit_idx],
            labels[fit_idx],
            C=bias.load()["C"],
            marked=[marked[i] for i in fit_idx],
        )
        for i in test_idx:
            pieces = writer_voice_pieces(texts[i])
            for piece, p in zip(pieces, bias.sentence_probability(model, pieces), strict=True):
                found = bias.candidate_words(piece)
                if p < threshold or not found:
                    continue
                words = [w.lower() for _, _, w in found]
                probs, ratios = bias.word_evidence(model, words)
                nouns = np.array([bias.noun_use(piece, s, e) for s, e, _ in found], dtype=bool)
                out[i].append(Candidates(words, probs, ratios, [s for s, _, _ in found], nouns))
    return out, [gold_tokens(m) for m in marked]


def report(data: Path) -> str:
    """The printed table of settings, best word F1 first, and the chosen one."""
    flagged, gold = held_out(data)
    results = []
    for weight, cut, most in itertools.product(WEIGHTS, CUTS, MAX_NAMED):
        named = [set().union(*(name(c, weight, cut, most) for c in s)) for s in flagged]
        results.append(((weight, cut, most), word_figures(named, gold, [bool(n) for n in named])))
    chosen = choose(results)
    setting = (bias.LEXICON_WEIGHT, bias.NAME_MORE, bias.MAX_NAMED)
    by_noun = [set().union(*(name(c, *setting, nouns=True) for c in s)) for s in flagged]
    product = word_figures(by_noun, gold, [bool(n) for n in by_noun])
    lines = [
        "BABE train, 5-fold cross-validation: words named in flagged held-out sentences",
        "lexicon weight, NAME_MORE, MAX_NAMED: word precision / recall / F1 (named)",
    ]
    for i in sorted(range(len(results)), key=lambda i: -results[i][1].f1):
        (weight, cut, most), f = results[i]
        tag = " (chosen)" if i == chosen else ""
        tag += " (previous rule)" if (weight, cut, most) == (0.0, 0.5, 3) else ""
        lines.append(
            f"  {weight:.1f}, {cut:.1f}, {most}: {f.precision:.3f} / {f.recall:.3f} / "
            f"{f.f1:.3f} ({f.named}){tag}"
        )
    lines.append(
        f"product setting {setting[0]:.1f}, {setting[1]:.1f}, {setting[2]} with the noun-use rule: "
        f"{product.precision:.3f} / {product.recall:.3f} / {product.f1:.3f} ({product.named})"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analyzer.learned.bias_naming")
    parser.add_argument("--data", type=Path, required=True, help="BABE folder with train.csv")
    print(report(parser.parse_args(argv).data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
