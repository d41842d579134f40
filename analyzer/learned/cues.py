"""The attribution-cue model: is this occurrence of "said", "show", "called", "according to" a cue?

Candidates are the words of ``attribution_cues.txt`` wherever they occur. Most of them ("said",
"told") are cues nearly always; others ("called", "show", "found", "expected", "support") only in
some contexts. A logistic regression over a few context features of each occurrence (the word,
its neighbours, nearby quotation marks and punctuation, whether a pronoun or a name precedes it)
decides, trained on the cues annotated in the PolNeAR train split.

The features read only the raw text, so training needs no Document and runtime costs one regex
pass plus one hashed dot product per article. At run time the model comes from its sidecar of
arrays when it matches (:func:`load`): scoring then needs no scikit-learn.
"""

from __future__ import annotations

import functools
import math
import re
import string
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import TYPE_CHECKING, Any

import numpy as np

from analyzer.learned.fastpath import hashed_columns, hashed_keys_dot
from analyzer.learned.store import cached_model, run_time_model
from analyzer.lexicons import load_lexicon
from analyzer.scan import alternation

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

MODEL_NAME = "attribution"
TRUSTED_TYPES: tuple[str, ...] = (
    "sklearn.feature_extraction._hash.FeatureHasher",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
    "numpy.float64",
    "numpy.dtype",
    "numpy.ndarray",
    "builtins.float",
)
THRESHOLD = 0.3
# The linear score at which the probability reaches THRESHOLD (the logistic function increases).
_THRESHOLD_SCORE = math.log(THRESHOLD / (1 - THRESHOLD))

_PRONOUNS = frozenset("he she they i we it you who".split())
_WORDS = re.compile(r"[\w’'\-]+")


_WORD = re.compile(r"[A-Za-z]+(?:[’'][a-z]+)?")
_TO = re.compile(r"\s+to\b")


@functools.cache
def cue_words() -> frozenset[str]:
    """The candidate cue words, lower case ("according" stands for "according to"): those the
    model was trained on and those it judges by context alone (:func:`context_cue_words`)."""
    trained = (w.lower() for w in load_lexicon("attribution_cues"))
    return frozenset(trained) | context_cue_words()


@functools.cache
def context_cue_words() -> frozenset[str]:
    """Cue words the model was not trained on (``context_cues.txt``): it scores them by their
    context, and training leaves them out."""
    return frozenset(w.lower() for w in load_lexicon("context_cues"))


def candidates(text: str) -> list[tuple[int, int]]:
    """Character spans of every candidate cue word in ``text``: the ``_WORD`` matches (a run of
    ASCII letters, with an apostrophe and lower-case letters after it) that are cue words, as a
    scan of every word finds them (:func:`_scanned_candidates`), found faster.

    In the text's bytes folded by ``_FOLD`` the runs of ASCII letters are the words between
    spaces, lower-cased at the same offsets; one compiled search, jumping from space to space,
    finds those that are cue words. Such a run is a ``_WORD`` match of its own unless an
    apostrophe next to it joins it to a word before or after ("don’said", "said’s"): those few
    are checked by :func:`_word_at`. A match starting inside a run follows an apostrophe and
    lower-case letters and starts with a capital ("It’sSaid"); a text holding that shape is
    scanned word by word.

    Examples
    --------
    >>> candidates("Data show that crime fell, according to police, he said.")
    [(5, 9), (27, 39), (51, 55)]
    """
    search = _cue_word_search()
    if search is None or any(p.search(text) for p in _CAPITAL_AFTER_APOSTROPHE):
        return _scanned_candidates(text)
    folded = b" " + text.encode("ascii", "replace").translate(_FOLD) + b" "
    out = []
    for hit in search.finditer(folded):
        start, end = hit.start(), hit.end() - 1  # (offsets in the text: one space was put first)
        joined = (start and text[start - 1] in "’'") or text[end : end + 1] in ("’", "'")
        if joined:
            m = _word_at(text, start)
            if m is None or m.end() != end:
                continue
        if hit.group() == b" according":
            to = _TO.match(text, end)
            if to:
                out.append((start, to.end()))
        else:
            out.append((start, end))
    return out


def _scanned_candidates(text: str) -> list[tuple[int, int]]:
    """What :func:`candidates` finds, by a scan of every word with a set lookup."""
    words = cue_words()
    out = []
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if word not in words:
            continue
        if word == "according":
            to = _TO.match(text, m.end())
            if to:
                out.append((m.start(), to.end()))
        else:
            out.append(m.span())
    return out


# An ASCII letter to its lower case, any other byte to a space (other characters are "?" in the
# ASCII form of a text, so one byte stands for each character).
_FOLD = bytes(ord(chr(b).lower()) if chr(b) in string.ascii_letters else 32 for b in range(256))
# Where a _WORD match can start inside a run of letters: after an apostrophe and lower-case
# letters that end the match before it. One pattern for each apostrophe: a pattern opening with
# a literal character lets the engine jump between its occurrences (7 times faster than "[’']").
_CAPITAL_AFTER_APOSTROPHE = (re.compile(r"’[a-z]+[A-Z]"), re.compile(r"'[a-z]+[A-Z]"))
# The characters of _WORD matches: a scan resumed after any other character finds what it would
# have found from the start.
_WORD_CHARACTERS = frozenset(string.ascii_letters + "’'")


@functools.cache
def _cue_word_search() -> re.Pattern[bytes] | None:
    """The cue words as whole words of folded bytes (a space before and after each), or None when
    a cue word is not a run of letters (then :func:`candidates` scans every word)."""
    words = sorted(cue_words(), key=lambda w: (-len(w), w))  # longest first, as a trie needs
    if not all(re.fullmatch("[a-z]+", w) for w in words):
        return None
    return re.compile(f" {alternation(words)}(?= )".encode("ascii"))


def _word_at(text: str, offset: int) -> re.Match[str] | None:
    """The match of ``_WORD.finditer(text)`` starting at ``offset``, if one does."""
    start = offset
    while start and text[start - 1] in _WORD_CHARACTERS:
        start -= 1
    for m in _WORD.finditer(text, start):
        if m.start() >= offset:
            return m if m.start() == offset else None
    return None


# The features, in the order the model was trained with them: strings (the hasher reads each as
# "name=value") and flags (true ones read as "name", false ones left out).
_STRING_FEATURES = (
    "w", "suffix", "prev", "next", "prev_shape", "next_shape", "w_next", "prev_w", "prev_char",
    "next_char",
)  # fmt: skip
_FLAG_FEATURES = ("quote_before", "quote_after", "quote_near", "sentence_start", "capitalised")
# The most keys a candidate's row can hold (:func:`hashed_keys`).
_MOST_KEYS = len(_STRING_FEATURES) + len(_FLAG_FEATURES)


def _neighbour(word: str) -> tuple[str, str]:
    """A word next to a cue in lower case, and its shape: "pron", else by its first character
    "cap", "num" or "low"."""
    low = word.lower()
    if low in _PRONOUNS:
        return low, "pron"
    first = word[0]
    return low, "cap" if first.isupper() else "num" if first.isdigit() else "low"


def hashed_keys(text: str, start: int, end: int) -> list[str]:
    """The keys ``FeatureHasher`` hashes for the context features of the candidate cue
    ``text[start:end]`` (:func:`features`), each of value 1, in its order: "name=value" for a
    string feature, the name of a true flag (a false one adds nothing).

    The keys are written here directly, as scoring needs them (no dict or tuple of values for
    each of an article's few dozen candidates); :func:`features` reads them back.

    Examples
    --------
    >>> hashed_keys("“Yes,” he said.", 10, 14)[:3], hashed_keys("“Yes,” he said.", 10, 14)[10:]
    (['w=said', 'suffix=aid', 'prev=he'], ['quote_before', 'quote_near'])
    """
    word = text[start:end].lower()
    left = text[start - 60 if start > 60 else 0 : start]
    right = text[end : end + 60]
    # The last word of the last 30 characters, found as the first of them read backwards (a
    # pattern of one character class repeated matches the same runs either way).
    before = _WORDS.search(left[:-31:-1])
    prev_low, prev_shape = _neighbour(before.group()[::-1]) if before else ("", "none")
    after = _WORDS.search(right)
    next_low, next_shape = _neighbour(after.group()) if after else ("", "none")
    left_strip = left.rstrip()
    right_strip = right.lstrip()
    prev_char = left_strip[-1:] or "^"
    next_char = right_strip[:1] or "$"
    keys = [
        "w=" + word,
        "suffix=" + word[-3:],
        "prev=" + prev_low,
        "next=" + next_low,
        "prev_shape=" + prev_shape,
        "next_shape=" + next_shape,
        f"w_next={word}|{next_low}",
        f"prev_w={prev_low}|{word}",
        "prev_char=a" if prev_char.isalnum() else "prev_char=" + prev_char,
        "next_char=a" if next_char.isalnum() else "next_char=" + next_char,
    ]
    # The marks are looked for one by one with ``in`` (a fast search of the string in C): a
    # character class searched with re, or a set's look at each character, cost two to four
    # times more.
    last = left_strip[-16:]
    if "”" in last or '"' in last or "’" in last:
        keys.append("quote_before")  # a closing mark among the last 16 characters
    opening = right_strip[:3]
    if "“" in opening or '"' in opening or "‘" in opening:
        keys.append("quote_after")
    # A quotation mark among the 40 characters on either side (each side looked at alone: a
    # mark is one character, in the two sides joined only if in one of them).
    near_left, near_right = left[-40:], right[:40]
    if (
        '"' in near_left
        or "“" in near_left
        or "”" in near_left
        or '"' in near_right
        or "“" in near_right
        or "”" in near_right
    ):
        keys.append("quote_near")
    if prev_char in "^.!?\n":
        keys.append("sentence_start")
    if text[start].isupper():
        keys.append("capitalised")
    return keys


def features(text: str, start: int, end: int) -> dict[str, Any]:
    """Context features of the candidate cue ``text[start:end]``, read back from its
    :func:`hashed_keys` (a feature name holds no "=": the first one ends it).

    Examples
    --------
    >>> f = features("“Yes,” he said.", 10, 14)
    >>> f["w"], f["prev"], f["prev_shape"], f["quote_before"]
    ('said', 'he', 'pron', True)
    """
    keys = hashed_keys(text, start, end)
    n = len(_STRING_FEATURES)
    out: dict[str, Any] = dict(key.split("=", 1) for key in keys[:n])
    flags = set(keys[n:])
    out.update((name, name in flags) for name in _FLAG_FEATURES)
    return out


def make_pipeline() -> Pipeline:
    """An unfitted cue classifier: feature dicts -> hashed one-hot -> logistic regression."""
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("vectorize", FeatureHasher(n_features=2**15, input_type="dict")),
            ("classify", LogisticRegression(C=1.0, max_iter=2000, random_state=0)),
        ]
    )


@dataclass(frozen=True, eq=False)
class CueScorer:
    """What predicting cues needs of the fitted pipeline: its hasher's settings and its
    logistic regression's numbers (scored by :func:`cue_probabilities`).

    Examples
    --------
    >>> pipe = make_pipeline().fit([{"w": "said"}, {"w": "show"}], [1, 0])
    >>> scorer = CueScorer.of(pipe)
    >>> scorer.n_features, scorer.alternate_sign, scorer.coef.shape
    (32768, True, (32768,))
    >>> bool(CueScorer.from_arrays(scorer.arrays()).intercept == scorer.intercept)
    True
    """

    n_features: int
    alternate_sign: bool
    coef: np.ndarray  # one weight per hashed column
    intercept: float

    @classmethod
    def of(cls, model: Any) -> CueScorer | None:
        """The scorer of a fitted pipeline (or the scorer itself); None for another shape."""
        if isinstance(model, CueScorer):
            return model
        # Imported here: only a fitted pipeline comes this way, so scikit-learn is loaded already.
        from sklearn.feature_extraction import FeatureHasher

        steps = getattr(model, "steps", None)
        if not isinstance(steps, list) or len(steps) != 2:
            return None
        hasher, classifier = steps[0][1], steps[1][1]
        if (
            type(hasher) is not FeatureHasher
            or hasher.input_type != "dict"
            or hasher.dtype is not np.float64
            or classifier.coef_.shape[0] != 1
        ):
            return None
        return cls(
            int(hasher.n_features),
            bool(hasher.alternate_sign),
            classifier.coef_.ravel(),
            classifier.intercept_[0],
        )

    def arrays(self) -> dict[str, np.ndarray]:
        """The scorer as plain arrays (the model's sidecar, see analyzer.learned.store)."""
        return {
            "n_features": np.array(self.n_features),
            "alternate_sign": np.array(self.alternate_sign),
            "coef": self.coef,
            "intercept": np.array([self.intercept]),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> CueScorer:
        return cls(
            int(arrays["n_features"]),
            bool(arrays["alternate_sign"]),
            arrays["coef"],
            arrays["intercept"][0],
        )


def sidecar_arrays(model: Any) -> dict[str, np.ndarray] | None:
    """What the model's sidecar holds (None for a pipeline of another shape)."""
    scorer = CueScorer.of(model)
    return None if scorer is None else scorer.arrays()


def load() -> CueScorer | Pipeline:
    """The committed cue model as scoring needs it, loaded once per process: from its sidecar
    when that matches ``models/attribution.skops``, else from the file."""
    return run_time_model(MODEL_NAME, TRUSTED_TYPES, sidecar_arrays, CueScorer.from_arrays)


def load_fitted() -> Pipeline:
    """The committed cue model as trained (scikit-learn, from the .skops file): for evaluation."""
    return cached_model(MODEL_NAME, TRUSTED_TYPES)


def cue_probabilities(
    model: CueScorer | Pipeline, text: str, spans: list[tuple[int, int]]
) -> list[float]:
    """Probability that each candidate span is an attribution cue."""
    if not spans:
        return []
    # The pipeline's own predict_proba validates its input on every call, which costs more than
    # the arithmetic for one article; the same logistic function is computed directly here.
    scorer = CueScorer.of(model)
    if scorer is None:
        rows = [features(text, s, e) for s, e in spans]
        hasher, classifier = model.steps[0][1], model.steps[-1][1]
        z = hasher.transform(rows) @ classifier.coef_.ravel() + classifier.intercept_[0]
    else:
        keys = [hashed_keys(text, s, e) for s, e in spans]
        z = hashed_keys_dot(keys, scorer.coef, scorer.n_features, scorer.alternate_sign)
        z = z + scorer.intercept
    return (1.0 / (1.0 + np.exp(-z))).tolist()


def accepted(model: CueScorer | Pipeline, text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Whether the model accepts each candidate span as a cue: ``p >= THRESHOLD`` for each
    probability p of :func:`cue_probabilities`, told from the linear scores where that is sure.

    The probability reaches THRESHOLD exactly where the score reaches ``_THRESHOLD_SCORE``. Each
    row's score is summed here in the order of its keys, one numpy call for all rows, instead
    of in column order after the sparse matrix's sort and merge (which cost more than the sum
    for an article's few dozen rows). The two sums add the same terms in another order, so
    they differ by less than :func:`_rounding_margin`; a row whose score lies that
    close to the threshold (none of the PolNeAR train candidates does: the closest is 1e-5
    away) is scored as cue_probabilities scores it. A row's score depends on its own keys only.

    Examples
    --------
    >>> text = "Data show that crime fell, he said."
    >>> accepted(load(), text, candidates(text))
    [True, True]
    """
    if not spans:
        return []
    scorer = CueScorer.of(model)
    if scorer is None or scorer.coef.dtype != np.float64:
        # (the margin is worked out for sums of 64-bit floats)
        return [p >= THRESHOLD for p in cue_probabilities(model, text, spans)]
    rows = [hashed_keys(text, s, e) for s, e in spans]
    keys = list(chain.from_iterable(rows))
    columns, signs = hashed_columns(
        keys, np.ones(len(keys)), scorer.n_features, scorer.alternate_sign
    )
    weights = scorer.coef[columns] * signs  # (exact: each sign is 1.0 or -1.0)
    # (every row holds keys: the string features always give one each)
    starts = np.fromiter(accumulate(map(len, rows[:-1]), initial=0), np.intp, len(rows))
    scores = (np.add.reduceat(weights, starts) + scorer.intercept).tolist()
    out = [z >= _THRESHOLD_SCORE for z in scores]
    margin = _rounding_margin(scorer)
    unsure = [i for i, z in enumerate(scores) if abs(z - _THRESHOLD_SCORE) <= margin]
    if unsure:
        probabilities = cue_probabilities(scorer, text, [spans[i] for i in unsure])
        for i, p in zip(unsure, probabilities, strict=True):
            out[i] = p >= THRESHOLD
    return out


# One entry: the CLI's model is one CueScorer for the process (load), while each call with a
# fitted Pipeline wraps it in a new one, which an unbounded cache would keep for ever.
@functools.lru_cache(maxsize=1)
def _rounding_margin(scorer: CueScorer) -> float:
    """How far apart two sums of a row's terms plus the intercept, added in different orders,
    can lie for ``scorer``, with room to spare; plus how far from _THRESHOLD_SCORE a score can
    be and still give a probability that the logistic function's rounding puts on the other
    side of THRESHOLD.

    Summing n terms in any order is off by at most about n * 2**-53 times the sum of their
    magnitudes, here at most n times the largest weight: 2**-45 (256 units of rounding) covers
    both sums and the intercept's addition for rows of up to 60 keys (a row holds at most 15).
    The logistic function is computed to a few units of rounding of the probability, a few
    1e-16 of the score near the threshold: 1e-12 covers that.
    """
    largest = float(np.abs(scorer.coef).max()) if scorer.coef.size else 0.0
    return 2.0**-45 * (_MOST_KEYS * largest + abs(scorer.intercept)) + 1e-12
