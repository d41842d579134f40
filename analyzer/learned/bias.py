"""The biased-language model: which sentences use loaded, one-sided wording, and which words.

Learned on BABE (sentences labelled biased / non-biased by trained experts, with the words that
make them biased marked; see models/bias.md). Three parts decide whether a sentence is loaded:

- the text model: word uni- and bigram TF-IDF and a logistic regression fitted on NB-weighted
  features (each feature scaled by its naive-Bayes log-count ratio, Wang and Manning 2012; the
  scaling is folded into the saved coefficients, so the file holds a plain TF-IDF + logistic
  regression pipeline);
- the marked-word lexicon (:class:`StemLexicon`): for each word stem, how often the experts marked
  it as loaded where it occurs; a sentence's features are its highest rates;
- the stack: a logistic regression over the text model's log-odds and the lexicon features,
  fitted on out-of-fold values (so it learns how far to trust each part on unseen sentences).

A fourth, the word model (hashed character n-grams of one word, logistic regression), trained on
the experts' marked words, names which words of a flagged sentence are the loaded ones.

The saved object is a dict ``{"pipeline", "lexicon", "stack", "words", "threshold",
"f1_threshold", "word_threshold", "C"}``. All three settings come from cross-validation on the
training split (see bias_train): ``threshold`` and ``word_threshold`` (the word gate) are what
the product uses, the threshold being the lowest one reaching the target precision
(:func:`precision_threshold`); ``f1_threshold`` is the one best for F1 on BABE
(:func:`choose_threshold`), kept for comparison.

Analysis reads the model through :func:`load`: the same dict with each fitted part replaced by
its fast scorer (:mod:`analyzer.learned.fastpath`), built from the model's sidecar of arrays when
that matches ``models/bias.skops`` (then no scikit-learn is imported). :func:`load_fitted` gives
the scikit-learn objects themselves.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import struct
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from analyzer.compare.text import stem, stop_words
from analyzer.learned import fastpath
from analyzer.learned.fastpath import (
    CachedProbability,
    HashedLogistic,
    TfidfLogistic,
    WordMemo,
    expit,
    expit_values,
)
from analyzer.learned.store import cached_model, run_time_model
from analyzer.lexicons import load_lexicon
from analyzer.scan import NOT_AT_WORD_ENDS

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

NAME = "bias"
# The exact types models/bias.skops may hold; anything else is refused at load time.
TRUSTED_TYPES: tuple[str, ...] = (
    "analyzer.learned.bias.StemLexicon",
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
# Words of two or more letters or digits, as the vectorizer sees them (its token pattern).
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
# The same words, found about twice as fast (no boundary tests): a \b stands exactly where a run
# of word characters begins or ends, and the greedy run ends only at one. It places each word
# back in the text when a decision is explained.
TOKEN = re.compile(r"\w{2,}")
C_GRID: tuple[float, ...] = (0.3, 1.0, 3.0)
FOLDS = 5
# Word gates tried by cross-validation (see bias_train): how sure the word model must be of some
# word a finding would name before a sentence is flagged; 0 means no such condition.
WORD_GATES: tuple[float, ...] = (0.0, 0.3, 0.4, 0.5, 0.6)
# A word's naming score joins the word model and the marked-word lexicon: the word model's
# log-odds plus LEXICON_WEIGHT times log(rate / prior), the stem's marked rate against the rate of
# an unseen stem. A stem experts saw often and rarely marked ("robberies", a topic word) falls;
# one they marked wherever it appeared rises; an unseen word keeps the word model's score.
LEXICON_WEIGHT = 1.0
# Words a finding names: the top word (once it reaches the gate) and, up to MAX_NAMED in all, the
# next ones scoring at least NAME_MORE. The three settings were chosen by 5-fold cross-validation
# on train, on the words named in out-of-fold flagged sentences against the experts' marked words
# (README, "Which words are named"): of the settings within 0.01 of the best word F1, the one
# with the highest word precision.
MAX_NAMED = 4
NAME_MORE = 0.7
# Below this score the top word is named with a caution (the signal's message says so).
NAME_THRESHOLD = 0.5
# Fewer sentences of a class than this (tests' tiny data) and the stack learns from in-sample
# features: folds that small leave the text model no words seen twice.
MIN_PER_CLASS_FOR_STACK = 20
# Out-of-fold precision the product's threshold must reach on train (see precision_threshold).
TARGET_PRECISION = 0.75


def build_pipeline(*, C: float = 1.0) -> Pipeline:
    """A fresh, unfitted text-model pipeline (fit it with :func:`fit_text_model`).

    Examples
    --------
    >>> [name for name, _ in build_pipeline().steps]
    ['tfidf', 'logreg']
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

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
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

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


@functools.cache
def _never_named() -> frozenset[str]:
    # Stop words and courtesy titles, lower-cased: one set, one lookup per word.
    return stop_words() | {t.lower() for t in load_lexicon("honorifics")}


def candidate_words(text: str) -> list[tuple[int, int, str]]:
    """Words that may be named as loaded: no stop words ("the", "of"), no bare numbers, no
    capitalised word after the first (a name is who the sentence is about, not its wording), no
    courtesy title or rank ("Mr", "Sen"; lexicon honorifics), even opening the sentence.

    Examples
    --------
    >>> [w for _, _, w in candidate_words("The 12 radical bills of Senator Lee")]
    ['radical', 'bills']
    >>> [w for _, _, w in candidate_words("Mr. King is not an employee")]
    ['employee']
    """
    return [(*m.span(), m.group()) for m, _ in _candidates(text)]


def _candidates(text: str) -> list[tuple[re.Match[str], str]]:
    """:func:`candidate_words` as matches, each with its word lower-cased (lowered once, for the
    stop-word test and the word model both)."""
    out = []
    never = _never_named()
    for i, m in enumerate(TOKEN.finditer(text)):
        w = m.group()
        low = w.lower()
        if low in never or w.isdigit() or (i and w[0].isupper()):
            continue
        out.append((m, low))
    return out


def sentence_probability(model: dict[str, Any], texts: Sequence[str]) -> list[float]:
    """Probability that each text uses loaded, one-sided wording (text model, lexicon, stack)."""
    if not texts:
        return []
    fast = _fast_sentences(model["pipeline"])
    lexicon = model["lexicon"]
    if fast is not None and fast.reads(TOKEN_PATTERN, lowercase=True):
        # One split of each text gives the text model's token numbers and the lexicon's stem
        # ids both, each distinct piece of text read once per process.
        numbers, ids = _piece_reader(fast, lexicon).read(texts)
        text = np.asarray(fast.number_probabilities(*numbers, len(texts)))
        features = lexicon.stem_id_features(*ids, len(texts))
    else:
        if fast is not None:  # the same floats as predict_proba, without scikit-learn's overhead
            text = np.asarray(fast.probabilities(texts))
        else:
            text = model["pipeline"].predict_proba(list(texts))[:, 1]
        features = lexicon.features(texts)
    # (np.column_stack's table, by one C call: its Python wrapper costs more than the copy)
    z = np.concatenate([_logit(text)[:, None], features], axis=1)
    # The stack's logistic function written out: predict_proba's checks cost more than 6 numbers.
    stack = model["stack"]
    return expit_values(z @ stack.coef_[0] + stack.intercept_[0])


# One fast scorer per fitted pipeline (estimators hash by identity), built on first use; a model
# from load() holds its fast scorers already.
@functools.cache
def _fast_sentences(pipeline: Pipeline | TfidfLogistic) -> TfidfLogistic | None:
    if isinstance(pipeline, TfidfLogistic):
        return pipeline
    return TfidfLogistic.for_pipeline(pipeline)


@functools.cache
def _word_scores(pipeline: Pipeline | HashedLogistic) -> CachedProbability:
    return CachedProbability(pipeline)


class _PieceReader:
    """The text model's token numbers and the lexicon's stem ids of texts, from one split of
    each lower-cased text at white space (see :func:`_piece_words_and_tokens`), each distinct
    piece read once per process: an article's pieces are mostly ones seen before.

    A piece is remembered as the bytes of one array of 64-bit numbers, its tokens' then its
    words': a token's number n (``fast.number``, -1 for none) as n + 1, a word's stem id i as
    -(i + 1); so joining an article's pieces gives both, told apart by sign. A stem id is the
    stem's place in ``lexicon.stems_``, or for a stem the lexicon never saw a number from
    ``len(lexicon.stems_)`` up (one per distinct stem, see :meth:`StemLexicon.stem_id_features`).
    Starts afresh past ``fastpath.MAX_CACHED_WORDS`` pieces or unseen stems, between calls only
    (ids must not change within one).
    """

    def __init__(self, fast: TfidfLogistic, lexicon: StemLexicon) -> None:
        self._cores = _Cores(fast, lexicon)
        self._pieces = _Pieces(self._cores)

    def read(
        self, texts: Sequence[str]
    ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """``((numbers, rows), (ids, rows))``: the token numbers of all texts one after another
        and the text each belongs to (its place in ``texts``); the same for the stem ids of
        their words."""
        pieces = self._pieces
        if (
            len(pieces) > fastpath.MAX_CACHED_WORDS
            or self._cores.unseen_stems() > fastpath.MAX_CACHED_WORDS
        ):
            pieces.clear()
            self._cores.clear()
        read = pieces.__getitem__
        # Each text's numbers as one bytes object (joining bytes copies memory, no int objects)
        texts_read = [b"".join(map(read, text.lower().split())) for text in texts]
        values = np.frombuffer(b"".join(texts_read), np.int64)
        lengths = np.fromiter(map(len, texts_read), np.int64, len(texts)) // _INT64
        rows = np.arange(len(texts), dtype=np.int64).repeat(lengths)
        tokens = values >= 0
        words = ~tokens
        # compress, not values[tokens]: it reads a mask without branching, about twice as fast
        # on a mask that alternates as this one does (likewise below and in fastpath)
        tokens_read = values.compress(tokens) - 1, rows.compress(tokens)
        return tokens_read, (-values.compress(words) - 1, rows.compress(words))


class _Pieces(dict):
    """Piece as split -> its numbers, read as the piece stripped of outer marks: "plan," and
    "(plan" are read once, as "plan"."""

    def __init__(self, cores: _Cores) -> None:
        super().__init__()
        self._cores = cores

    def __missing__(self, piece: str) -> bytes:
        value = self[piece] = self._cores[piece.strip(NOT_AT_WORD_ENDS)]
        return value


class _Cores(dict):
    """Stripped piece -> its numbers (see :class:`_PieceReader`), read on first sight."""

    def __init__(self, fast: TfidfLogistic, lexicon: StemLexicon) -> None:
        super().__init__()
        self._number = fast.number
        # (The lexicon's stems are distinct and index_ holds them in order, already hashed.)
        self._known = dict(zip(lexicon.index_, count()))
        self._unseen: dict[str, int] = {}

    def unseen_stems(self) -> int:
        return len(self._unseen)

    def clear(self) -> None:
        super().clear()
        self._unseen.clear()

    def __missing__(self, core: str) -> bytes:
        if core.isalpha():  # most pieces: one word, and a token from two letters
            word = -self._stem_id(core) - 1
            if len(core) > 1:
                value = _TWO_NUMBERS.pack(self._number(core) + 1, word)
            else:
                value = _ONE_NUMBER.pack(word)
        else:
            words, tokens = _piece_words_and_tokens(core)
            numbers = [self._number(t) + 1 for t in tokens]
            numbers += [-self._stem_id(w) - 1 for w in words]
            value = array("q", numbers).tobytes()
        self[core] = value
        return value

    def _stem_id(self, word: str) -> int:
        s = stem(word)
        known = self._known.get(s)
        if known is not None:
            return known
        return self._unseen.setdefault(s, len(self._known) + len(self._unseen))


# Native 64-bit numbers, as numpy's int64 reads them (array("q") holds the same).
_ONE_NUMBER, _TWO_NUMBERS = struct.Struct("=q"), struct.Struct("=qq")
_INT64 = np.dtype(np.int64).itemsize


@functools.cache
def _piece_reader(fast: TfidfLogistic, lexicon: StemLexicon) -> _PieceReader:
    return _PieceReader(fast, lexicon)


# Naming scores of each word model and lexicon, each word scored once per process: the score is
# element-wise arithmetic on the word's own word-model probability and lexicon rate.
@functools.cache
def _naming_scores(words: Pipeline | HashedLogistic, lexicon: StemLexicon) -> WordMemo:
    parts = {"words": words, "lexicon": lexicon}
    return WordMemo(lambda new: naming_scores(parts, new).tolist())


# A noun phrase opens with a determiner or a possessive ("the", "its", "Mexico's").
_DETERMINERS = frozenset(
    "the a an its their his her our my your this that these those each every another".split()
)
_PREPOSITIONS = frozenset(
    "of against on in to for with by from at into over under about across through".split()
)
_WORDS_BEFORE = re.compile(r"[\w'’-]+")
_NEXT_WORD = re.compile(r"[ \t]+([a-z][\w'’-]*)")
# Endings of adjectives and participles ("radical", "offensive", "devastating", "vital"): a word
# without one before another noun is most likely a noun itself ("rail", "bureau", "tax").
_ADJECTIVE_ENDING = re.compile(
    r"(?:al|ive|ous|ic|ful|less|able|ible|ant|ent|ary|ory|ish|ed|ing|y|est|er)$", re.I
)


def noun_use(text: str, start: int, end: int) -> bool:
    """Whether the word at ``[start, end)`` is used as a noun: inside a noun phrase opened by a
    determiner or possessive at most two words before it ("the vital rail link", "Ashford's rail
    network", "Mexico's most aggressive offensive"), and either the head of that phrase, followed
    by a preposition ("offensive against", "on the offensive in"), or a noun classifying the word
    after it ("rail link", "bureau chief"): a word with no adjective or participle ending
    followed by another word in lower case. The experts' marks on its stem came from other uses
    ("railed against", "offensive remarks") and do not carry over.

    Examples
    --------
    >>> t = "The vital rail link closed after Mexico's most aggressive offensive against them."
    >>> [noun_use(t, *m.span()) for m in re.finditer(r"rail|closed|offensive", t)]
    [True, False, True]
    >>> t = "He railed against the offensive remarks and the radical plan."
    >>> [noun_use(t, *m.span()) for m in re.finditer(r"railed|offensive|radical", t)]
    [False, False, False]
    """
    # Both tests must hold; the word after, one match where the text stands, is looked at first.
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    before = _WORDS_BEFORE.findall(text[max(0, start - 40) : start])[-3:]
    opened = False
    for k, w in enumerate(reversed(before)):
        low = w.lower()
        if low in _DETERMINERS or (
            low.endswith(("'s", "’s")) and low[:-2] not in _never_named()  # "it's" is no owner
        ):
            opened = True
            break
        if k == 2 or low in _never_named() and low not in ("most", "more", "very"):
            return False
    if not opened:
        return False
    after = nxt.group(1)
    if after in _PREPOSITIONS:
        return True
    return after not in _never_named() and not _ADJECTIVE_ENDING.search(text, start, end)


# Naming scores of words in noun use: the stem's marked share may lower the word model's score
# but not raise it. Only words scoring above NOUN_CHECK are tested (the others are never named
# beside a higher word, and lowering cannot lift them).
NOUN_CHECK = 0.5


@functools.cache
def _noun_scores(words: Pipeline | HashedLogistic, lexicon: StemLexicon) -> WordMemo:
    parts = {"words": words, "lexicon": lexicon}
    return WordMemo(lambda new: noun_naming_scores(parts, new).tolist())


def noun_naming_scores(model: dict[str, Any], words: Sequence[str]) -> np.ndarray:
    """The naming score of each lower-cased word in noun use: :func:`naming_scores` with the
    stem's marked rate counting only where it lowers the score."""
    probs, ratios = word_evidence(model, words)
    return combine(probs, np.minimum(ratios, 1.0), LEXICON_WEIGHT)


def named_words(model: dict[str, Any], ranked: Sequence[Driver]) -> list[Driver]:
    """The words a finding names, from a sentence's words ranked by :func:`loaded_words`: none
    when the top word is rated below the model's word gate (the sentence is then not flagged),
    else the top word and, of the next ``MAX_NAMED - 1``, those scoring ``NAME_MORE`` or more.

    Examples
    --------
    >>> ranked = [Driver(0, 3, "big", 0.4), Driver(4, 7, "sad", 0.1)]
    >>> [d.word for d in named_words({"word_threshold": 0.0}, ranked)]
    ['big']
    >>> named_words({"word_threshold": 0.5}, ranked)
    []
    >>> ranked = [Driver(0, 3, "big", 0.9), Driver(4, 7, "sad", 0.85), Driver(8, 9, "ok", 0.6)]
    >>> [d.word for d in named_words({"word_threshold": 0.0}, ranked)]
    ['big', 'sad']
    """
    if not ranked or ranked[0].weight < model.get("word_threshold", NAME_THRESHOLD):
        return []
    return [ranked[i] for i in top_named([d.weight for d in ranked], MAX_NAMED, NAME_MORE)]


def top_named(weights: Sequence[float], most: int, more: float) -> list[int]:
    """Positions named from weights ranked highest first: the first, then of the next
    ``most - 1`` those of ``more`` or more (the naming rule; the gate is the caller's).

    Examples
    --------
    >>> top_named([0.95, 0.8, 0.6, 0.75], 3, 0.7)
    [0, 1]
    >>> top_named([0.5, 0.4], 3, 0.7)
    [0]
    """
    return [i for i, w in enumerate(weights[:most]) if i == 0 or w >= more]


def loaded_words(model: dict[str, Any], text: str) -> list[Driver]:
    """The words of ``text`` ranked by how likely experts would mark them as loaded (the naming
    score: word model and marked-word lexicon, see :data:`LEXICON_WEIGHT`).

    Examples
    --------
    >>> model = fit_model(["a radical scheme", "the council met", "a radical plan", "rain fell"],
    ...                   [1, 0, 1, 0], C=10.0, marked=[["radical"], [], ["radical"], []])
    >>> [d.word for d in loaded_words(model, "Their radical idea.")][:1]
    ['radical']
    """
    return loaded_words_many(model, [text])[0]


def loaded_words_many(
    model: dict[str, Any], texts: Sequence[str], *, most: int | None = None
) -> list[list[Driver]]:
    """:func:`loaded_words` for several texts in one call of the word model (one call per
    article instead of one per sentence: scikit-learn's per-call checks cost more than the work);
    with ``most``, each text's ``most`` top words only (:func:`named_words` reads no further than
    ``MAX_NAMED``).
    """
    return [
        [Driver(*m.span(), m.group(), q) for m, q in words] for words in _ranked(model, texts, most)
    ]


def named_words_many(model: dict[str, Any], texts: Sequence[str]) -> list[list[Driver]]:
    """``named_words(model, ranked)`` for each text's words ranked by :func:`loaded_words_many`
    (``most=MAX_NAMED``): a Driver made for each named word only, not for the others ranked.

    Only what naming reads is ranked: the top word, then the words rounding to ``NAME_MORE`` or
    more, highest first (below the top, the ranks a word named beside it can hold are those of
    such words: a word rounding lower ranks after all of them). No sort of every candidate.
    """
    gate = model.get("word_threshold", NAME_THRESHOLD)
    out = []
    for words, p in zip(*_scored(model, texts), strict=True):
        # The first of the highest scores: what a stable sort, highest first, puts first.
        top = max(range(len(words)), key=p.__getitem__, default=None)
        if top is None or round(p[top], 4) < gate:
            out.append([])
            continue
        more = [
            k
            for k, q in enumerate(p)
            if q >= _NAME_MORE_FLOOR and k != top and round(q, 4) >= NAME_MORE
        ]
        more.sort(key=p.__getitem__, reverse=True)  # stable: ties keep text order
        out.append(
            [
                Driver(*words[k][0].span(), words[k][0].group(), round(p[k], 4))
                for k in [top, *more[: MAX_NAMED - 1]]
            ]
        )
    return out


# Below this no score rounds (to 4 places) to NAME_MORE: a cheap test before the rounding.
_NAME_MORE_FLOOR = NAME_MORE - 1e-4


def _ranked(
    model: dict[str, Any], texts: Sequence[str], most: int | None
) -> list[list[tuple[re.Match[str], float]]]:
    # Each text's candidate words as (match, naming score rounded to 4 places), highest first.
    out = []
    for words, p in zip(*_scored(model, texts), strict=True):
        # Highest score first; the sort is stable, so ties keep text order (words are in text
        # order). Rounded for the words returned only.
        order = sorted(range(len(words)), key=p.__getitem__, reverse=True)[:most]
        out.append([(words[k][0], round(p[k], 4)) for k in order])
    return out


def _scored(
    model: dict[str, Any], texts: Sequence[str]
) -> tuple[list[list[tuple[re.Match[str], str]]], list[list[float]]]:
    # Each text's candidate words (match, lower case) in text order, and their naming scores.
    found = [_candidates(t) for t in texts]
    flat = [low for words in found for _, low in words]
    if not flat:
        return found, [[] for _ in texts]
    # Python floats (no numpy scalar per word), each distinct word scored once per process.
    probs = _naming_scores(model["words"], model["lexicon"]).probabilities(flat)
    # A word in noun use is scored with its stem's share lowering it only: where the share
    # lies at or below the prior (most words), that is the score it has, so noun use is looked
    # for only where the share raised it.
    lexicon = model["lexicon"]
    rate, prior = lexicon.word_rate, lexicon.prior
    scores, nouns, i = [], [], 0
    for text, words in zip(texts, found, strict=True):
        p = probs[i : i + len(words)]
        i += len(words)
        scores.append(p)
        # The top word stays the top (it names the sentence's decision, flagged or not); a word
        # in noun use after it is named only on its own evidence (scored below, all at once).
        top = max(range(len(words)), key=p.__getitem__, default=None)
        nouns += [
            (p, k, low)
            for k, (m, low) in enumerate(words)
            if k != top and p[k] > NOUN_CHECK and rate(low) > prior and noun_use(text, *m.span())
        ]
    if nouns:
        as_nouns = _noun_scores(model["words"], model["lexicon"])
        for (p, k, _), q in zip(nouns, as_nouns.probabilities([w for *_, w in nouns]), strict=True):
            p[k] = q
    return found, scores


def naming_scores(model: dict[str, Any], words: Sequence[str]) -> np.ndarray:
    """The naming score of each lower-cased word: expit(logit(word model) + LEXICON_WEIGHT *
    log(rate / prior)), ``rate`` the lexicon's smoothed marked rate of the word's stem.

    Examples
    --------
    >>> model = fit_model(["a radical plan", "the tax plan", "radical idea", "tax rises"],
    ...                   [1, 0, 1, 0], C=1.0, marked=[["radical"], [], ["radical"], []])
    >>> radical, tax = naming_scores(model, ["radical", "tax"])
    >>> bool(radical > 0.5 > tax)
    True
    """
    return combine(*word_evidence(model, words), LEXICON_WEIGHT)


def word_evidence(model: dict[str, Any], words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per lower-cased word: the word model's probability and the stem's marked rate divided by
    the lexicon's prior (1 for a stem the lexicon never saw)."""
    probs = np.asarray(_word_scores(model["words"]).probabilities(words))
    lexicon = model["lexicon"]
    index, prior = lexicon.index_, lexicon.prior
    rates = np.fromiter(map(index.get, map(stem, words), repeat(prior)), np.float64, len(words))
    return probs, rates / prior


def combine(probs: np.ndarray, ratios: np.ndarray, weight: float) -> np.ndarray:
    """expit(logit(probs) + weight * log(ratios)): the naming score (see :func:`naming_scores`).

    Examples
    --------
    >>> combine(np.array([0.5, 0.5]), np.array([1.0, 4.0]), 2.0).round(3).tolist()
    [0.5, 0.941]
    """
    return expit(_logit(probs) + weight * np.log(ratios))


def fit_text_model(texts: Sequence[str], labels: Sequence[int], *, C: float) -> Pipeline:
    """Fit the text model: TF-IDF, then logistic regression on NB-weighted features.

    Each feature is scaled by its log-count ratio r = log((p / |p|) / (q / |q|)), p and q the
    smoothed counts of sentences holding it among biased and non-biased ones (NB-SVM, Wang and
    Manning 2012): words that lean to one class start with more weight, which suits a small
    training set. The fitted coefficients are multiplied by r afterwards, so the pipeline scores
    raw TF-IDF values and saves as plain scikit-learn types.

    Examples
    --------
    >>> pipe = fit_text_model(["a radical plan", "rain fell today", "radical scheme",
    ...                        "the sun rose today"], [1, 0, 1, 0], C=10.0)
    >>> [round(float(p), 2) for p in pipe.predict_proba(["radical idea", "today"])[:, 1]]
    [0.91, 0.09]
    """
    pipe = build_pipeline(C=C)
    vec, logreg = pipe.named_steps["tfidf"], pipe.named_steps["logreg"]
    y = np.asarray(labels)
    x = vec.fit_transform(list(texts))
    present = (x > 0).astype(np.float64)
    p = 1.0 + np.asarray(present[y == 1].sum(axis=0)).ravel()
    q = 1.0 + np.asarray(present[y == 0].sum(axis=0)).ravel()
    r = np.log((p / p.sum()) / (q / q.sum()))
    logreg.fit(x.multiply(r).tocsr(), y)
    logreg.coef_ = logreg.coef_ * r
    # The words dropped by min_df are kept only for introspection and would triple the file.
    if hasattr(vec, "stop_words_"):
        del vec.stop_words_
    return pipe


# A stem as the lexicon sees it: a lower-cased word, inner hyphens and apostrophes kept
# ("power-hungry" is one word, as the experts marked it). That is a letter, then the run of word
# characters, apostrophes and hyphens after it up to its last letter or digit: written as runs
# of letters and digits joined by marks, which the engine matches without backtracking
# (r"[^\W\d_](?:[\w'’-]*[^\W_])?" finds the same words, more slowly).
LEXICON_WORD = re.compile(r"[^\W\d_][^\W_]*(?:[_'’-]+[^\W_]+)*")


def _words(text: str) -> list[str]:
    return LEXICON_WORD.findall(text.lower())


def _piece_words_and_tokens(core: str) -> tuple[list[str], list[str]]:
    """``LEXICON_WORD.findall(core)`` and ``TOKEN.findall(core)`` for a piece of lower-cased text
    between white space, stripped of the marks no word starts or ends with
    (:data:`analyzer.scan.NOT_AT_WORD_ENDS`): both patterns find words of word characters (with
    inner marks), so a text's words and tokens are those of its pieces, in order. A piece of
    letters only (most of them) is one word, and one token from two letters; the others are read
    by the patterns.

    Examples
    --------
    >>> _piece_words_and_tokens("power-hungry"), _piece_words_and_tokens("2nd")
    ((['power-hungry'], ['power', 'hungry']), (['nd'], ['2nd']))
    """
    if core.isalpha():
        return [core], [core] if len(core) >= 2 else []
    return LEXICON_WORD.findall(core), TOKEN.findall(core)


def _stems(text: str) -> set[str]:
    return set(map(stem, _words(text)))


class _WordRates(dict):
    """Lower-cased word -> (its stem, the stem's rate in ``index`` or ``prior``), filled on first
    sight of each word: one stem and one lookup per word per process, not one per occurrence.
    Starts afresh past ``fastpath.MAX_CACHED_WORDS`` words (bounds memory on huge batches)."""

    def __init__(self, index: dict[str, float], prior: float) -> None:
        super().__init__()
        self._index, self._prior = index, prior

    def __missing__(self, word: str) -> tuple[str, float]:
        if len(self) >= fastpath.MAX_CACHED_WORDS:
            self.clear()
        s = stem(word)
        pair = self[word] = (s, self._index.get(s, self._prior))
        return pair


def _marked_stems(marks: Sequence[str]) -> set[str]:
    words = (m.strip("\"“”'‘’ ").lower() for m in marks)
    return {stem(w) for w in words if w}


# The lexicon features count a text's stems rated at or above each of these.
RATE_CUTS = (0.3, 0.5)
# stem_id_features' numbers stay below this (int64).
_KEY_LIMIT = 2**63 - 1

# What StemLexicon builds from its arrays when loaded (skops saves the arrays only).
_LOOKUP_TABLES = ("index_", "_word_rates", "_level_rates", "_levels_of_ids", "_level_cuts")


class StemLexicon:
    """For each word stem seen in training, the share of its sentences where experts marked it.

    The rate is smoothed towards ``prior`` with the weight of ``strength`` sentences, so a stem
    marked once in one sentence does not count as certain; an unseen stem gets ``prior``.
    :meth:`features` turns a text into its three highest rates (as logs) and how many of its
    stems reach 0.3 and 0.5.

    Examples
    --------
    >>> lex = StemLexicon().fit(["a radical plan", "the radical idea", "a plan"],
    ...                         [["radical"], ["radical"], []])
    >>> lex.rate("radical") > lex.rate("plans")
    True
    """

    def __init__(self, prior: float = 0.1, strength: float = 5.0) -> None:
        self.prior = prior
        self.strength = strength

    def fit(self, texts: Sequence[str], marked: Sequence[Sequence[str]]) -> StemLexicon:
        seen: dict[str, int] = {}
        hits: dict[str, int] = {}
        for text, marks in zip(texts, marked, strict=True):
            gold = _marked_stems(marks)
            for s in _stems(text):
                seen[s] = seen.get(s, 0) + 1
                hits[s] = hits.get(s, 0) + (s in gold)
        stems = sorted(seen)
        n = np.array([seen[s] for s in stems], dtype=np.float64)
        k = np.array([hits[s] for s in stems], dtype=np.float64)
        self.stems_ = np.array(stems, dtype=str)
        self.rates_ = (k + self.prior * self.strength) / (n + self.strength)
        self._index()
        return self

    def _index(self) -> None:
        self.index_ = dict(zip(self.stems_.tolist(), self.rates_.tolist(), strict=True))
        self._word_rates = _WordRates(self.index_, self.prior)
        # Each stem id's rate level (see stem_id_features): its rate's place among the distinct
        # rates, highest first; an unseen stem's (the prior's) last in the table.
        negated, levels = np.unique(-np.append(self.rates_, self.prior), return_inverse=True)
        self._level_rates, self._levels_of_ids = -negated, levels.astype(np.int64)
        # Levels below each cut of the features: the rates at or above it.
        self._level_cuts = [int(np.count_nonzero(self._level_rates >= c)) for c in RATE_CUTS]

    # skops saves the arrays only; the lookup tables are rebuilt when the model is loaded.
    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in _LOOKUP_TABLES}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if "stems_" in state:
            self._index()

    def rate(self, word: str) -> float:
        """The smoothed marked rate of ``word``'s stem."""
        return self.index_.get(stem(word.lower()), self.prior)

    def word_rate(self, low: str) -> float:
        """:meth:`rate` of a lower-cased word, its stem found once per process."""
        return self._word_rates[low][1]

    def features(self, texts: Sequence[str]) -> np.ndarray:
        """Per text: log of its three highest rates (+0.01), counts of rates >= 0.3 and >= 0.5."""
        return self.word_features([_words(text) for text in texts])

    def word_features(self, texts: Sequence[Sequence[str]]) -> np.ndarray:
        """:meth:`features` of texts given as their words (``_words(text)``)."""
        pair_of = self._word_rates.__getitem__
        tops, counts = [], []
        for words in texts:
            # The rates of the text's distinct stems: a dict keyed by stem keeps one of each.
            rates = sorted(dict(map(pair_of, words)).values())
            tops.append(rates[:-4:-1] + [0.0] * (3 - len(rates)))  # highest first, padded
            # Rates at or above each cut: what lies past its insertion point.
            counts.append(tuple(len(rates) - bisect_left(rates, cut) for cut in RATE_CUTS))
        out = np.zeros((len(texts), 5))
        if texts:
            out[:, :3] = np.log(np.array(tops) + 0.01)
            out[:, 3:] = counts
        return out

    def stem_id_features(self, ids: np.ndarray, rows: np.ndarray, n_texts: int) -> np.ndarray:
        """:meth:`features` of ``n_texts`` texts given as the stem ids of their words and the
        text each word belongs to (its row): a stem's place in ``stems_``, or a number from
        ``len(stems_)`` up for a stem never seen (rate ``prior``; distinct stems, distinct ids).

        The same table as :meth:`word_features`, for all texts at once: each word becomes one
        number ordering the words by text, rate level (the rate's place among the lexicon's
        distinct rates, highest first) and stem; numpy sorts them, keeps the first of each
        text's stems, and takes each text's first three rates (the same floats, so the same
        logs) and counts the levels past each cut. (One sort of int64 numbers: a lexsort on
        text, rate and stem cost three times as much.)

        Examples
        --------
        >>> lex = StemLexicon().fit(["a radical plan", "a plan"], [["radical"], []])
        >>> ids = [lex.stems_.tolist().index(stem(w)) for w in ["radical", "plan", "radical"]]
        >>> unseen = len(lex.stems_)
        >>> table = lex.stem_id_features(np.array(ids + [unseen]), np.array([0, 0, 0, 2]), 3)
        >>> bool((table == lex.features(["radical plan radical", "", "unseen"])).all())
        True
        """
        out = np.zeros((n_texts, 5))
        if not n_texts:
            return out
        ids, rows = np.asarray(ids, dtype=np.int64), np.asarray(rows, dtype=np.int64)
        n_levels = len(self._level_rates)
        levels = self._levels_of_ids[np.minimum(ids, len(self._levels_of_ids) - 1)]
        width = int(ids.max(initial=0)) + 1
        stems = ids
        if n_texts * n_levels * width > _KEY_LIMIT:
            # The numbers would overflow int64 (never with the piece reader's ids, which stay
            # near the lexicon's size): the texts are taken in two halves while too many, then
            # the stems numbered from 0 (distinct stems stay distinct).
            if n_texts > 1 and n_texts * n_levels * (len(ids) + 1) > _KEY_LIMIT:
                half = n_texts // 2
                low = rows < half
                return np.vstack(
                    [
                        self.stem_id_features(ids[low], rows[low], half),
                        self.stem_id_features(ids[~low], rows[~low] - half, n_texts - half),
                    ]
                )
            stems = np.unique(ids, return_inverse=True)[1].reshape(-1)
            width = len(ids) + 1
        words = (rows * n_levels + levels) * width + stems
        words.sort()
        # A stem's words lie side by side (same text, level and stem): the first of them stays.
        first = np.empty(len(words), dtype=bool)
        first[:1] = True
        np.not_equal(words[1:], words[:-1], out=first[1:])
        texts, levels = np.divmod(words.compress(first) // width, n_levels)
        starts = np.zeros(n_texts + 1, dtype=np.int64)
        np.bincount(texts, minlength=n_texts).cumsum(out=starts[1:])
        place = np.arange(len(texts)) - starts[texts]  # 0 for a text's highest rate
        top = place < 3
        tops = np.zeros((n_texts, 3))
        tops[texts.compress(top), place.compress(top)] = self._level_rates[levels.compress(top)]
        out[:, :3] = np.log(tops + 0.01)
        for column, cut in enumerate(self._level_cuts, start=3):
            out[:, column] = np.bincount(texts.compress(levels < cut), minlength=n_texts)
        return out


def _logit(p: np.ndarray) -> np.ndarray:
    p = _clipped(p)
    return np.log(p / (1 - p))


def _clipped(p: np.ndarray) -> np.ndarray:
    # np.clip(p, 1e-4, 1 - 1e-4) as the two ufuncs it applies: the same floats (NaN stays NaN),
    # without np.clip's two layers of Python wrappers, which cost more than one article's clip.
    return np.minimum(np.maximum(p, 1e-4), 1 - 1e-4)


def stack_features(pipe: Pipeline, lexicon: StemLexicon, texts: Sequence[str]) -> np.ndarray:
    """The stack's input: the text model's log-odds and the lexicon features, one row a text
    (:func:`sentence_probability` builds the same rows through the fast path)."""
    p = pipe.predict_proba(list(texts))[:, 1]
    return np.column_stack([_logit(p), lexicon.features(texts)])


def fit_model(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    C: float,
    marked: Sequence[Sequence[str]],
    threshold: float = 0.5,
    f1_threshold: float = 0.5,
    word_threshold: float = NAME_THRESHOLD,
    words: bool = True,
) -> dict[str, Any]:
    """Fit the text model, the lexicon, the stack and (``words``) the word model.

    The stack learns from out-of-fold features (text model and lexicon fitted without the
    sentence being scored), as it will meet unseen sentences. The word model learns from the
    biased sentences only: each of their candidate words is a positive example when the experts
    marked it, a negative one otherwise.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    texts, y = list(texts), np.asarray(labels)
    z = np.zeros((len(texts), 6))
    held_out = int(np.bincount(y, minlength=2).min()) >= MIN_PER_CLASS_FOR_STACK
    if held_out:
        folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
        for fit_idx, test_idx in folds.split(texts, y):
            part = [texts[i] for i in fit_idx]
            pipe = fit_text_model(part, y[fit_idx], C=C)
            lex = StemLexicon().fit(part, [marked[i] for i in fit_idx])
            z[test_idx] = stack_features(pipe, lex, [texts[i] for i in test_idx])
    pipe = fit_text_model(texts, y, C=C)
    lexicon = StemLexicon().fit(texts, marked)
    if not held_out:  # too few sentences to hold any out (tests): in-sample features
        z = stack_features(pipe, lexicon, texts)
    stack = LogisticRegression(class_weight="balanced", max_iter=1000).fit(z, y)
    model = {
        "pipeline": pipe,
        "lexicon": lexicon,
        "stack": stack,
        "threshold": float(threshold),
        "f1_threshold": float(f1_threshold),
        "word_threshold": float(word_threshold),
        "C": float(C),
    }
    if words:
        model["words"] = fit_word_model(texts, y, marked)
    return model


def fit_word_model(
    texts: Sequence[str], labels: Sequence[int], marked: Sequence[Sequence[str]]
) -> Pipeline:
    """Fit the word model on the candidate words of the biased sentences."""
    words, is_marked = [], []
    for text, label, marks in zip(texts, labels, marked, strict=True):
        if label != 1:
            continue
        gold = {m.strip("\"“”'‘’ ").lower() for m in marks}
        for _, _, w in candidate_words(text):
            words.append(w.lower())
            is_marked.append(int(w.lower() in gold))
    return build_word_pipeline().fit(words, np.asarray(is_marked))


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


@dataclass(frozen=True, eq=False)
class StackWeights:
    """The stack's fitted numbers, all that :func:`sentence_probability` reads of its logistic
    regression (named as scikit-learn names them)."""

    coef_: np.ndarray  # shape (1, 6)
    intercept_: np.ndarray  # shape (1,)


# The settings of the saved dict, kept as they are.
SETTINGS = ("threshold", "f1_threshold", "word_threshold", "C")


def sidecar_arrays(model: dict[str, Any]) -> dict[str, np.ndarray] | None:
    """What the model's sidecar holds: the arrays of its fast scorers, lexicon, stack and
    settings; None when a part has a shape the fast scorers do not handle.

    Examples
    --------
    >>> model = fit_model(["a radical scheme", "the council met", "a radical plan", "rain fell"],
    ...                   [1, 0, 1, 0], C=10.0, marked=[["radical"], [], ["radical"], []])
    >>> fast = from_arrays(sidecar_arrays(model))
    >>> texts = ["A radical council met.", "Rain."]
    >>> sentence_probability(fast, texts) == sentence_probability(model, texts)
    True
    """
    text = TfidfLogistic.for_pipeline(model["pipeline"])
    words = HashedLogistic.for_pipeline(model["words"]) if "words" in model else None
    if text is None or words is None:
        return None
    try:
        arrays = {f"text.{k}": v for k, v in text.arrays().items()}
    except ValueError:  # a vocabulary numpy cannot hold exactly
        return None
    lexicon, stack = model["lexicon"], model["stack"]
    arrays |= {f"words.{k}": v for k, v in words.arrays().items()}
    arrays |= {
        "lexicon.stems": lexicon.stems_,
        "lexicon.rates": lexicon.rates_,
        "lexicon.prior": np.array(lexicon.prior),
        "lexicon.strength": np.array(lexicon.strength),
        "stack.coef": stack.coef_,
        "stack.intercept": stack.intercept_,
    }
    return arrays | {k: np.array(model[k]) for k in SETTINGS}


def _part(arrays: dict[str, np.ndarray], name: str) -> dict[str, np.ndarray]:
    prefix = f"{name}."
    return {k.removeprefix(prefix): v for k, v in arrays.items() if k.startswith(prefix)}


def from_arrays(arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """The model as analysis uses it, from :func:`sidecar_arrays`: the fast scorers in place of
    the pipelines, the lexicon and the stack's weights."""
    lexicon = StemLexicon(float(arrays["lexicon.prior"]), float(arrays["lexicon.strength"]))
    lexicon.stems_, lexicon.rates_ = arrays["lexicon.stems"], arrays["lexicon.rates"]
    lexicon._index()
    return {
        "pipeline": TfidfLogistic.from_arrays(_part(arrays, "text")),
        "lexicon": lexicon,
        "stack": StackWeights(arrays["stack.coef"], arrays["stack.intercept"]),
        "words": HashedLogistic.from_arrays(_part(arrays, "words")),
    } | {k: float(arrays[k]) for k in SETTINGS}


def load() -> dict[str, Any]:
    """The committed biased-language model as analysis uses it (:func:`from_arrays`), loaded
    once per process: from its sidecar when that matches ``models/bias.skops``, else from it."""
    return run_time_model(NAME, TRUSTED_TYPES, sidecar_arrays, from_arrays)


def load_fitted() -> dict[str, Any]:
    """The committed biased-language model as trained (scikit-learn objects, from the .skops
    file), loaded once per process."""
    return cached_model(NAME, TRUSTED_TYPES)
