"""The biased-language model's numbers without scikit-learn's per-call overhead.

Scoring one article's sentences with ``Pipeline.predict_proba`` spends most of its time outside
the arithmetic: input validation, dataframe checks and a general-purpose analyzer. For the two
model shapes :mod:`analyzer.learned.bias` trains, this module gives the *same floats* (the
same element-wise operations, in the same order, on the same sparse matrix; tests compare them
bit for bit with ``predict_proba``):

- :class:`TfidfLogistic`: word uni- and bigram TF-IDF followed by binary logistic regression.
  It builds the count matrix of all of an article's sentences itself (one regex pass per text,
  a dict lookup per token, numpy finding the bigrams and counting) and then applies the fitted
  idf weights, L2 normalisation, the linear model and the logistic function.
- :class:`HashedLogistic`: hashed character n-grams followed by binary logistic regression (the
  word model), with scikit-learn's analyzer and hasher built once instead of on every call.
- :class:`CachedProbability`: a model applied to single words; each word is scored once per
  process and remembered (an article's words are mostly words seen before).
- :func:`hashed_dot`: ``FeatureHasher.transform(rows) @ weights`` (the attribution-cue model)
  by the same hashing and sparse routines, without building a checked sparse matrix.

Any other pipeline shape falls back to ``predict_proba``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import count, repeat
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import normalize
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

# hashed_dot calls two private modules (scikit-learn's hashing, scipy's CSR routines) directly.
# Should an upgrade rename or change them, it falls back to the public calls: same floats.
try:
    from scipy.sparse import _sparsetools
    from sklearn.feature_extraction._hashing_fast import transform as hash_features
except ImportError:  # pragma: no cover - depends on the installed versions
    _sparsetools = hash_features = None

# Token patterns whose tokens hold no white space: with them a vocabulary entry "a b" can only be
# the bigram of tokens "a" and "b" (TfidfLogistic looks bigrams up as pairs of tokens).
_SPACELESS_TOKENS = frozenset({r"(?u)\b\w\w+\b"})
# Words remembered by CachedProbability before it starts afresh: bounds memory on huge batches.
MAX_CACHED_WORDS = 200_000


def _binary_linear(pipeline: Any, vectorizer_type: type) -> tuple[Any, LogisticRegression] | None:
    """(vectorizer, model) of a two-step ``vectorizer_type`` + binary LogisticRegression
    pipeline, or None for any other shape (the fast scorers then leave it to scikit-learn)."""
    if not isinstance(pipeline, Pipeline) or len(pipeline.steps) != 2:
        return None
    vec, model = pipeline.steps[0][1], pipeline.steps[1][1]
    if type(vec) is not vectorizer_type or type(model) is not LogisticRegression:
        return None
    if len(model.classes_) != 2 or model.coef_.shape[0] != 1:
        return None
    return vec, model


class TfidfLogistic:
    """``pipeline.predict_proba(texts)[:, 1]`` for a (TfidfVectorizer, LogisticRegression) pair.

    Use :meth:`for_pipeline`, which returns None for a pipeline of any other shape.

    Examples
    --------
    >>> pipe = Pipeline([("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
    ...                  ("logreg", LogisticRegression())])
    >>> pipe = pipe.fit(["a radical plan", "the council met", "radical idea", "rain fell"],
    ...                 [1, 0, 1, 0])
    >>> fast = TfidfLogistic.for_pipeline(pipe)
    >>> texts = ["A radical council.", "Rain."]
    >>> fast.probabilities(texts) == [float(p) for p in pipe.predict_proba(texts)[:, 1]]
    True
    """

    def __init__(self, vectorizer: TfidfVectorizer, model: LogisticRegression) -> None:
        vocabulary: dict[str, int] = vectorizer.vocabulary_
        self._n_features = len(vocabulary)
        # Every token is looked up once, as a number: its unigram column, or (for a token that
        # occurs only inside bigrams) a number from n_features up. A bigram is then the pair of
        # its tokens' numbers, so no "a b" string is built for each pair of an article's words.
        self._bigrams = vectorizer.ngram_range == (1, 2)
        ids = {g: c for g, c in vocabulary.items() if not self._bigrams or " " not in g}
        pairs: dict[tuple[int, int], int] = {}
        beyond = count(self._n_features)
        for gram, column in vocabulary.items():
            if self._bigrams and " " in gram:
                a, b = gram.split(" ")
                for token in (a, b):
                    if token not in ids:
                        ids[token] = next(beyond)
                pairs[ids[a], ids[b]] = column
        self._ids = ids
        self._base = max(ids.values(), default=0) + 1  # pair (a, b) is the key a * base + b
        order = sorted((a * self._base + b, c) for (a, b), c in pairs.items())
        self._pair_keys = np.array([k for k, _ in order], dtype=np.int64)
        self._pair_columns = np.array([c for _, c in order], dtype=np.int64)
        self._token = re.compile(vectorizer.token_pattern)
        self._lowercase = bool(vectorizer.lowercase)
        self._sublinear = bool(vectorizer.sublinear_tf)
        self._idf = vectorizer.idf_ if vectorizer.use_idf else None
        self._norm = vectorizer.norm
        self._coef_t = model.coef_.T
        self._intercept = model.intercept_

    @classmethod
    def for_pipeline(cls, pipeline: Any) -> TfidfLogistic | None:
        """The fast scorer for ``pipeline``, or None when its shape is not the one handled."""
        parts = _binary_linear(pipeline, TfidfVectorizer)
        if parts is None:
            return None
        vec, model = parts
        plain_words = (
            vec.analyzer == "word"
            and vec.input == "content"
            and vec.preprocessor is None
            and vec.tokenizer is None
            and vec.stop_words is None
            and vec.strip_accents is None
            and not vec.binary
            and vec.dtype is np.float64
            and vec.ngram_range in ((1, 1), (1, 2))
            and vec.norm in ("l1", "l2", None)
            and re.compile(vec.token_pattern).groups == 0
            and (vec.ngram_range == (1, 1) or vec.token_pattern in _SPACELESS_TOKENS)
        )
        return cls(vec, model) if plain_words else None

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Probability of the positive class for each text."""
        if not texts:
            return []
        X = self._tfidf(self._counts(texts))
        scores = X @ self._coef_t + self._intercept
        probs = expit(scores.reshape(-1))
        return [float(p) for p in probs]

    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        # The n-gram count matrix of all texts at once. Tokens are found as CountVectorizer's
        # word analyzer finds them (lower-cased, one regex pass a text) and numbered with one
        # dict lookup each; a bigram (two neighbouring tokens of one text) is found by its pair
        # of numbers in a sorted array. numpy then counts the (row, column) pairs: np.unique
        # sorts them, which leaves each row's columns in ascending order, as scikit-learn's
        # sort_indices() does.
        lookup = self._ids.get
        numbers: list[int] = []
        lengths = []
        for text in texts:
            tokens = self._token.findall(text.lower() if self._lowercase else text)
            numbers += map(lookup, tokens, repeat(-1))  # -1: in no n-gram of the vocabulary
            lengths.append(len(tokens))
        n_rows, n_cols = len(texts), self._n_features
        rows = np.repeat(np.arange(n_rows, dtype=np.int64), lengths)
        tokens = np.asarray(numbers, dtype=np.int64)
        unigram = (tokens >= 0) & (tokens < n_cols)
        found_rows, found_cols = [rows[unigram]], [tokens[unigram]]
        if self._bigrams and len(self._pair_keys) and len(tokens) > 1:
            first, second = tokens[:-1], tokens[1:]
            both = (rows[:-1] == rows[1:]) & (first >= 0) & (second >= 0)
            keys = first[both] * self._base + second[both]
            at = np.searchsorted(self._pair_keys, keys)
            at[at == len(self._pair_keys)] = 0  # past the last key: compared (and missed) below
            hit = self._pair_keys[at] == keys
            found_rows.append(rows[:-1][both][hit])
            found_cols.append(self._pair_columns[at[hit]])
        cells = np.concatenate(found_rows) * n_cols + np.concatenate(found_cols)
        keys, counts = np.unique(cells, return_counts=True)
        indptr = np.zeros(n_rows + 1, dtype=np.int32)
        np.cumsum(np.bincount(keys // n_cols, minlength=n_rows), out=indptr[1:])
        return sp.csr_matrix(
            (counts.astype(np.float64), (keys % n_cols).astype(np.int32), indptr),
            shape=(n_rows, n_cols),
        )

    def _tfidf(self, X: sp.csr_matrix) -> sp.csr_matrix:
        # TfidfTransformer's steps on the counts, in its order.
        data = X.data
        if self._sublinear:
            np.log(data, data)
            data += 1.0
        if self._idf is not None:
            data *= self._idf[X.indices]
        if self._norm == "l2":
            # What normalize(X, "l2") runs, without its input checks.
            inplace_csr_row_normalize_l2(X)
        elif self._norm is not None:
            X = normalize(X, norm=self._norm, copy=False)
        return X


class HashedLogistic:
    """``pipeline.predict_proba(texts)[:, 1]`` for a (HashingVectorizer, LogisticRegression) pair.

    The word model's shape. The vectorizer's analyzer and feature hasher are built once
    (scikit-learn builds both on every call) and the input checks are skipped; the hashing,
    normalisation and linear algebra are scikit-learn's own. Use :meth:`for_pipeline`, which
    returns None for a pipeline of any other shape.

    Examples
    --------
    >>> pipe = Pipeline([("hash", HashingVectorizer(analyzer="char_wb", n_features=2**10)),
    ...                  ("logreg", LogisticRegression())]).fit(["ab", "cd", "abc"], [1, 0, 1])
    >>> words = ["ab", "cde"]
    >>> HashedLogistic.for_pipeline(pipe).probabilities(words) == list(
    ...     pipe.predict_proba(words)[:, 1])
    True
    """

    def __init__(self, vectorizer: HashingVectorizer, model: LogisticRegression) -> None:
        self._analyze = vectorizer.build_analyzer()
        self._hasher = vectorizer._get_hasher()
        self._binary = bool(vectorizer.binary)
        self._norm = vectorizer.norm
        self._coef_t = model.coef_.T
        self._intercept = model.intercept_

    @classmethod
    def for_pipeline(cls, pipeline: Any) -> HashedLogistic | None:
        """The fast scorer for ``pipeline``, or None when its shape is not the one handled."""
        parts = _binary_linear(pipeline, HashingVectorizer)
        if parts is None:
            return None
        vec, model = parts
        if vec.input != "content" or vec.norm not in ("l1", "l2", None):
            return None
        return cls(vec, model)

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Probability of the positive class for each text."""
        if not texts:
            return []
        # HashingVectorizer.transform's steps, in its order.
        X = self._hasher.transform(self._analyze(t) for t in texts)
        if self._binary:
            X.data.fill(1)
        if self._norm == "l2":
            inplace_csr_row_normalize_l2(X)
        elif self._norm is not None:
            X = normalize(X, norm=self._norm, copy=False)
        scores = X @ self._coef_t + self._intercept
        return [float(p) for p in expit(scores.reshape(-1))]


class CachedProbability:
    """``pipeline.predict_proba([word])[0, 1]`` for single words, each word scored once.

    Valid for models that score each input on its own (a row's probability does not depend on
    the other rows of the batch), which holds for a vectorizer followed by a linear model. New
    words go through :class:`HashedLogistic` when the pipeline has its shape.

    Examples
    --------
    >>> pipe = Pipeline([("tfidf", TfidfVectorizer(analyzer="char_wb")),
    ...                  ("logreg", LogisticRegression())]).fit(["ab", "cd", "abc"], [1, 0, 1])
    >>> cached = CachedProbability(pipe)
    >>> words = ["ab", "cd", "ab"]
    >>> cached.probabilities(words) == list(pipe.predict_proba(words)[:, 1])
    True
    """

    def __init__(self, pipeline: Any) -> None:
        fast = HashedLogistic.for_pipeline(pipeline)
        self._score = (
            fast.probabilities
            if fast is not None
            else lambda words: [float(p) for p in pipeline.predict_proba(words)[:, 1]]
        )
        self._known: dict[str, float] = {}

    def probabilities(self, words: Sequence[str]) -> list[float]:
        known = self._known
        new = [w for w in dict.fromkeys(words) if w not in known]  # distinct words first
        if new:
            if len(known) + len(new) > MAX_CACHED_WORDS:
                known.clear()
                new = list(dict.fromkeys(words))
            known.update(zip(new, self._score(new), strict=True))
        return list(map(known.__getitem__, words))


def hashed_dot(hasher: FeatureHasher, weights: np.ndarray, rows: Sequence[dict]) -> np.ndarray:
    """``hasher.transform(rows) @ weights`` with the same floats, for a dict-input hasher.

    ``transform`` hashes the features, builds a sparse matrix (checking its arrays, which for
    one article's few dozen rows costs more than the rest), sorts each row's columns and merges
    repeated ones; the product adds each row's terms in column order. This calls the same
    routines on the same arrays: scikit-learn's hashing function, then scipy's sort, merge and
    matrix-vector product.

    Examples
    --------
    >>> hasher = FeatureHasher(n_features=2**4, input_type="dict")
    >>> rows = [{"w": "said", "quote": True}, {"w": "show", "quote": False}]
    >>> w = np.linspace(-1, 1, 16)
    >>> bool((hashed_dot(hasher, w, rows) == hasher.transform(rows) @ w).all())
    True
    """
    fast = None
    if hasher.input_type == "dict" and hasher.dtype is np.float64 and rows:
        try:
            fast = _private_hashed_dot(hasher, weights, rows)
        except (TypeError, AttributeError, ValueError):  # the private routines changed
            fast = None
    return fast if fast is not None else hasher.transform(rows) @ weights


def _private_hashed_dot(
    hasher: FeatureHasher, weights: np.ndarray, rows: Sequence[dict]
) -> np.ndarray | None:
    """:func:`hashed_dot` by the private routines; None where they do not apply."""
    if hash_features is None or _sparsetools is None:
        return None
    columns, indptr, values = hash_features(
        (row.items() for row in rows), hasher.n_features, np.float64, hasher.alternate_sign, 0
    )
    if columns.dtype != indptr.dtype or weights.dtype != np.float64:
        return None
    n_rows, n_cols = len(indptr) - 1, hasher.n_features
    # What X.sum_duplicates() runs (a sort only when needed: an unstable sort could reorder the
    # values of one column, and so the order they are added in), then what X @ weights runs.
    if not _sparsetools.csr_has_canonical_format(n_rows, indptr, columns):
        if not _sparsetools.csr_has_sorted_indices(n_rows, indptr, columns):
            _sparsetools.csr_sort_indices(n_rows, indptr, columns, values)
        _sparsetools.csr_sum_duplicates(n_rows, n_cols, indptr, columns, values)
    out = np.zeros(n_rows)
    _sparsetools.csr_matvec(n_rows, n_cols, indptr, columns, values, weights, out)
    return out
