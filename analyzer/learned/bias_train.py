"""Train the biased-language model: ``python -m analyzer.train bias --data BABE_FOLDER``.

Cross-validates C and the decision threshold on train.csv (5 stratified folds, fixed seed; each
held-out sentence is scored as the product scores it, in the writer's voice, speech quotations
blanked), fits on all of train.csv, writes ``bias.skops``, its sidecar of arrays ``bias.fast.npz``
(what analysis runs read, see analyzer.learned.store) and the model card ``bias.md``. When
dev.csv sits beside it, the card also gives the model's figures on dev (the model alone, sentence
by sentence; the product's figures come from ``python -m analyzer.evaluate bias``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from analyzer.document import Article, Metadata, build_document
from analyzer.learned import bias
from analyzer.learned.store import save_model
from analyzer.signals import attribution, loaded_language, quotes
from analyzer.signals.people import find_people


def prf(labels: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """Precision, recall, F1 of class 1, accuracy and macro F1, rounded to 3 places.

    Examples
    --------
    >>> prf(np.array([1, 1, 0, 0]), np.array([True, False, False, False]))["precision"]
    1.0
    """
    pred = np.asarray(pred, dtype=bool)
    out = {}
    f1s = []
    for cls in (1, 0):
        hit = pred if cls == 1 else ~pred
        tp = float(np.sum(hit & (labels == cls)))
        p = tp / hit.sum() if hit.sum() else 0.0
        r = tp / (labels == cls).sum() if (labels == cls).sum() else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        if cls == 1:
            out.update(precision=p, recall=r, f1=f)
    out["accuracy"] = float(np.mean(pred == (labels == 1)))
    out["macro_f1"] = float(np.mean(f1s))
    return {k: round(float(v), 3) for k, v in out.items()}


def writer_voice_pieces(text: str, title: str | None = None) -> list[str]:
    """The sentences of ``text`` as loaded_language scores them: in the writer's voice, speech
    quotations and interview answers blanked (none when fewer than four words remain).

    Examples
    --------
    >>> writer_voice_pieces('The mayor said on Monday that the plan was ready.')
    ['The mayor said on Monday that the plan was ready.']
    """
    doc = build_document(Article("a", "", text, Metadata(title=title)))
    people = find_people(doc)
    found = quotes.find(doc)
    attributions = attribution.find(doc, quotes=found, people=people)
    return [p for _, p in loaded_language.writer_voice(doc, found, attributions)]


def out_of_fold(
    texts: list[str],
    labels: np.ndarray,
    marked: list[list[str]],
    pieces: list[list[str]],
    C: float,
) -> list[list[tuple[float, float]]]:
    """For every training sentence, each writer-voice piece's (probability of "biased", the
    word-model probability of its top word), from models fitted without its fold. A sentence
    with no piece (the product cannot flag it) gets an empty list."""
    out: list[list[tuple[float, float]]] = [[] for _ in texts]
    folds = StratifiedKFold(n_splits=bias.FOLDS, shuffle=True, random_state=0)
    for fit_idx, test_idx in folds.split(texts, labels):
        model = bias.fit_model(
            [texts[i] for i in fit_idx],
            labels[fit_idx],
            C=C,
            marked=[marked[i] for i in fit_idx],
        )
        flat = [p for i in test_idx for p in pieces[i]]
        scores = bias.sentence_probability(model, flat)
        words = bias.loaded_words_many(model, flat)
        best = [ws[0].weight if ws else 0.0 for ws in words]  # the words come ranked
        k = 0
        for i in test_idx:
            n = len(pieces[i])
            out[i] = list(zip(scores[k : k + n], best[k : k + n], strict=True))
            k += n
    return out


def gated(oof: list[list[tuple[float, float]]], gate: float) -> np.ndarray:
    """Each sentence's score as the product decides: the highest probability among its pieces
    that have a word rated ``gate`` or more (0 when none has).

    Examples
    --------
    >>> gated([[(0.9, 0.2), (0.6, 0.7)], []], 0.5).tolist()
    [0.6, 0.0]
    """
    return np.array([max((p for p, w in s if w >= gate), default=0.0) for s in oof])


def train(data: Path, out: Path) -> None:
    """Cross-validate, fit on train.csv, write ``out/bias.skops`` (with its sidecar) and
    ``out/bias.md``.

    Chosen together, for the best out-of-fold F1 of the product's decision whose precision
    reaches the target: C, the word gate (how sure the word model must be of some word of the
    sentence) and the threshold (the lowest reaching the target precision at that gate).
    """
    rows = bias.read_babe(data / "train.csv")
    texts = [r["text"] for r in rows]
    labels = np.array([r["label"] for r in rows])
    marked = [r["biased_words"] for r in rows]
    pieces = [writer_voice_pieces(t) for t in texts]
    cv_rows, gate_rows = [], {}
    best = None
    for C in bias.C_GRID:
        oof = out_of_fold(texts, labels, marked, pieces, C)
        probs = gated(oof, 0.0)
        t_f1, _ = bias.choose_threshold(labels, probs)
        t_p = bias.precision_threshold(labels, probs, bias.TARGET_PRECISION)
        cv_rows.append((C, t_f1, prf(labels, probs >= t_f1), t_p, prf(labels, probs >= t_p)))
        gate_rows[C] = []
        # Highest gate first: on a tie the product keeps the decision a named word explains.
        for gate in sorted(bias.WORD_GATES, reverse=True):
            scores = gated(oof, gate)
            t = bias.precision_threshold(labels, scores, bias.TARGET_PRECISION)
            product = prf(labels, scores >= t)
            gate_rows[C].append((gate, t, product))
            if best is None or product["f1"] > best[0]:
                best = (product["f1"], C, gate, t, t_f1)
    _, C, gate, threshold, f1_threshold = best
    model = bias.fit_model(
        texts,
        labels,
        C=C,
        marked=marked,
        threshold=threshold,
        f1_threshold=f1_threshold,
        word_threshold=gate,
    )
    save_model(model, out / f"{bias.NAME}.skops", bias.sidecar_arrays(model))
    dev = None
    if (data / "dev.csv").is_file():
        dev_rows = bias.read_babe(data / "dev.csv")
        dev_probs = np.array(bias.sentence_probability(model, [r["text"] for r in dev_rows]))
        dev_labels = np.array([r["label"] for r in dev_rows])
        dev = (prf(dev_labels, dev_probs >= threshold), prf(dev_labels, dev_probs >= f1_threshold))
    text = card(len(rows), cv_rows, gate_rows[C], C, gate, threshold, f1_threshold, dev)
    (out / f"{bias.NAME}.md").write_text(text, "utf-8")
    print(f"wrote {out / (bias.NAME + '.skops')} (C={C}, word gate={gate}, threshold={threshold})")


def _row(name: str, m: dict[str, float]) -> str:
    return (
        f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
        f"{m['accuracy']:.3f} | {m['macro_f1']:.3f} |"
    )


def card(
    n: int,
    cv_rows: list,
    gate_rows: list,
    C: float,
    gate: float,
    threshold: float,
    f1_threshold: float,
    dev: tuple | None,
) -> str:
    """The model card text (markdown)."""
    head = (
        "| setting | P (biased) | R (biased) | F1 (biased) | accuracy | macro F1 |\n"
        "|---|---|---|---|---|---|"
    )
    cv = "\n".join(
        _row(f"C={c}, best-F1 threshold {t:.2f}", m)
        + "\n"
        + _row(f"C={c}, precision-first threshold {tp:.2f}", mp)
        for c, t, m, tp, mp in cv_rows
    )
    gates = "\n".join(
        _row(f"word gate {g:.1f}, threshold {t:.2f}" + (" (product)" if g == gate else ""), m)
        for g, t, m in gate_rows
    )
    dev_text = (
        f"{head}\n{_row(f'product threshold {threshold:.2f}', dev[0])}\n"
        f"{_row(f'best-F1 threshold {f1_threshold:.2f}', dev[1])}"
        if dev
        else "(dev.csv was not beside train.csv when this model was trained)"
    )
    return f"""# Model card: bias (biased language, sentence level)

Trained by `python -m analyzer.train bias --data /path/to/babe` (this file is written by that
command). Used by `analyzer/signals/loaded_language.py` for the `loaded_language` finding.

## What it does
Gives the probability that a sentence uses loaded, one-sided wording (bias by word choice), and
the words that pushed that probability up. The product scores each sentence in the writer's own
voice (speech quotations blanked out) and flags it when the probability reaches the threshold.

## Data and licence
BABE, "Bias Annotations By Experts" (Spinde, Plank, Krieger, Ruas, Gipp and Aizawa, Findings of
EMNLP 2021), expert group SG2: sentences from US news outlets across the political spectrum on
contested topics, each labelled biased / non-biased by majority vote of five trained annotators.
Training used the train split ({n} sentences) of the project's shared copy; no BABE text is in
this repository. BABE is distributed under the GNU Affero General Public License v3 (AGPL-3.0).
This model file holds a vocabulary of words and word pairs drawn from those sentences with one
weight per entry, and word stems with the share of their sentences in which the experts marked
them: it is a derived work of AGPL-3.0 data, so `models/bias.skops` and its sidecar
`models/bias.fast.npz` (the same numbers as plain arrays, read by analysis runs) are distributed
under AGPL-3.0, separately from the project's MIT-licensed code (see README, "Licence").
An install that must be MIT only has to drop these files and the loaded_language signal:
without the model file, scoring stops with a ModelError naming it.

## Features and estimator
Three parts, all fitted on train only, no language model, no downloads, CPU only:
1. Text model, a scikit-learn Pipeline: `TfidfVectorizer(ngram_range=(1, 2), min_df=2,
   sublinear_tf=True)` over lower-cased words of two or more characters (words and pairs seen in
   one sentence only are dropped), then `LogisticRegression(class_weight="balanced")` fitted on
   NB-weighted features (each TF-IDF value times its naive-Bayes log-count ratio between biased and
   non-biased sentences, NB-SVM after Wang and Manning 2012; the ratios are folded into the saved
   coefficients). C chosen from {list(bias.C_GRID)} by {bias.FOLDS}-fold stratified
   cross-validation (seed 0) on train, for F1 at the product threshold: C = {C}.
2. Marked-word lexicon (`StemLexicon`): for each Porter word stem of train, the share of the
   sentences holding it in which the experts marked it as a biased word, smoothed towards 0.1 with
   the weight of 5 sentences. A sentence's features: its three highest shares (as logs) and how
   many of its stems reach 0.3 and 0.5. This is where the experts' marked words teach the sentence
   decision: a word marked almost wherever it appears ("slammed") counts more than one that merely
   co-occurs with biased sentences (a topic word).
3. Stack: a logistic regression over the text model's log-odds and the five lexicon features,
   fitted on out-of-fold values ({bias.FOLDS} folds) so it weighs the two parts as they do on
   unseen sentences.
Cross-validation scores each held-out sentence as the product does (writer's voice only, speech
quotations blanked) and refits all three parts without the held-out fold. The design
(NB weighting, lexicon smoothing 0.1 / 5, the five features) was chosen by the same 5-fold
cross-validation on train; README ("Loaded language") lists the variants tried and their figures.
A fourth part, the word model (hashed character 2-5-grams of one word + logistic regression,
trained on the experts' marked words in biased sentences), helps name the words of a flagged
sentence: a word's naming score is expit(logit(word model) + {bias.LEXICON_WEIGHT:g} log(rate /
0.1)), `rate` its stem's marked share in the lexicon (0.1 for an unseen stem), so a stem experts
saw often and rarely marked (a topic word such as "robberies") falls and one they marked
wherever it appeared rises. The top-scoring word is named, then up to {bias.MAX_NAMED - 1} more
scoring {bias.NAME_MORE:g} or more; stop words, numbers, names and courtesy titles are never
named. Those settings (`LEXICON_WEIGHT`, `NAME_MORE`, `MAX_NAMED` in
`analyzer/learned/bias.py`) were chosen by 5-fold cross-validation on train against the experts'
marked words (`python -m analyzer.learned.bias_naming --data /path/to/babe`); the word-level
figures on dev are in README ("Which words are named").

## Threshold and word gate (from cross-validation on train)
- Product threshold {threshold:.2f} with word gate {gate:.1f}: a sentence is flagged when its
  probability reaches the threshold and one of the words the finding would name has a naming
  score (word model and marked-word lexicon, above) of at least the gate (gate 0: no such
  condition; the sentence's top-scoring word is always named). Chosen together with C: the
  (C, gate) pair whose
  product decision has the best out-of-fold F1, each gate at the lowest threshold whose
  out-of-fold precision reaches {bias.TARGET_PRECISION:.2f}. This is what `loaded_language` uses.
- Best-F1 threshold {f1_threshold:.2f}: the highest threshold whose out-of-fold F1 (no gate) is
  within 0.01 of the best (kept for comparison with published BABE figures).
Why precision first: BABE's sentences were picked from contested topics and half are biased; in
ordinary news far fewer are. With the lexicon in the stack the two thresholds lie close
together; a model without it (the text model alone) needed a much higher precision-first
threshold and, at its best-F1 threshold, reached over half of the sentences of plain election
newswire (README gives the operating points on dev and the share of newswire sentences each
reaches).

## Cross-validated figures (train split, {bias.FOLDS} folds, out-of-fold predictions)
Sentences of one article can fall in different folds, which flatters these figures slightly.
Each held-out sentence is scored as the product scores it (writer's voice only).

Sentence decision alone (no word gate), per C:

{head}
{cv}

Product decision at C = {C}, per word gate (each at its precision-first threshold):

{head}
{gates}

## Dev split (model alone, sentence by sentence, whole sentence including quotations)
{dev_text}

The product's own figures (writer's voice only, through the full pipeline) are printed by
`python -m analyzer.evaluate bias --data /path/to/babe --split dev`; see README.

## Limits
- Target was biased-class F1 0.78 on dev. BERT-class models fine-tuned on BABE report ~0.80;
  they need a downloaded language model this project does not use. What words and word stems
  cannot see: context ("slammed" in a quote), sarcasm, framing by what is left out.
- The lexicon knows the words the experts marked in 2016-2020 US political news; a loaded word
  they never saw gets only the text model's and the word model's (character-piece) judgement.
- Expert agreement on the label is modest (Krippendorff's alpha 0.40): the label itself is noisy.
- Learned from 2016-2020 US political news on 20 contested topics: topic words (e.g. names of
  groups) carry weight, so a sentence about an unfamiliar topic, or a neutral sentence that
  merely names a contested group, can be misjudged. It was not trained on non-US or non-political
  writing.
- BABE sentences were selected from contested topics, about half biased; ordinary news has far
  fewer biased sentences, so precision on real articles is lower than on dev (README gives the
  share of sentences it flags in plain newswire).
"""
