"""The learned models' numbers without scikit-learn: what prediction needs, nothing else.

Scoring one article's sentences with ``Pipeline.predict_proba`` spends most of its time outside
the arithmetic: input validation, dataframe checks and a general-purpose analyzer; and importing
scikit-learn (with skops to read the model files) costs a second or more of every run's start-up.
For the model shapes the analyzer trains, this module gives the *same floats* (the same
element-wise operations, in the same order, on the same sparse matrices; tests compare them bit
for bit with ``predict_proba``) from the fitted numbers alone, which also come from a model's
sidecar of plain arrays (:mod:`analyzer.learned.store`) without importing scikit-learn:

- :class:`TfidfLogistic`: word uni- and bigram TF-IDF followed by binary logistic regression.
  It builds the count matrix of all of an article's sentences itself (one regex pass per text,
  a dict lookup per token, numpy finding the bigrams and counting) and then applies the fitted
  idf weights, the row normalisation, the linear model and the logistic function.
- :class:`HashedLogistic`: hashed character n-grams (``analyzer="char_wb"``) followed by binary
  logistic regression (the word model): scikit-learn's n-grams and hashing, rewritten.
- :class:`CachedProbability`: a model applied to single words; each word is scored once per
  process and remembered (an article's words are mostly words seen before); :class:`WordMemo`
  does the same for any score of single words.
- :func:`hashed_dot`: ``FeatureHasher.transform(rows) @ weights`` (the attribution-cue model).
- :func:`normalize_rows`: ``sklearn.preprocessing.normalize`` of a CSR matrix, in place.

Feature hashing is MurmurHash3 (32 bits, seed 0), scikit-learn's ``murmurhash3_32``, here from
the ``mmh3`` package (the same function: tested on cue features, character n-grams and non-ASCII
text). A fitted pipeline of any other shape is left to scikit-learn (``for_pipeline`` gives None).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, count, repeat
from operator import add, mul
from typing import Any

import numpy as np
import scipy.sparse as sp

# hashed_dot calls scipy's CSR routines directly (a checked sparse matrix costs more than the
# arithmetic for one article's few dozen rows). Should an upgrade rename or change them, it falls
# back to the public calls: same floats.
try:
    from scipy.sparse import _sparsetools
except ImportError:  # pragma: no cover - depends on the installed version
    _sparsetools = None


def expit(x: np.ndarray) -> np.ndarray:
    """The logistic function 1 / (1 + exp(-x)), element by element, as ``scipy.special.expit``
    computes it (the C library's exp, then the same two operations: the same floats, tested),
    without importing scipy.special: a tenth of a second of every run's start-up.

    Examples
    --------
    >>> expit(np.array([0.0, 2.0, -800.0])).tolist()
    [0.5, 0.8807970779778823, 0.0]
    """
    values = np.asarray(x, dtype=np.float64)
    out = np.fromiter(map(_expit, values.ravel().tolist()), np.float64, values.size)
    return out.reshape(values.shape)


def expit_values(x: np.ndarray) -> list[float]:
    """:func:`expit` of each value of a 1-D array as a list of Python floats (the same floats,
    with no array in between: a caller that wants floats saves two conversions).

    Examples
    --------
    >>> expit_values(np.array([0.0, 2.0])) == expit(np.array([0.0, 2.0])).tolist()
    True
    """
    values, exp = x.tolist(), math.exp
    try:  # _expit's arithmetic written out: no Python call per value
        return [1.0 / (1.0 + exp(-v)) for v in values]
    except OverflowError:  # some exp(-v) past the largest float: value by value
        return list(map(_expit, values))


def _expit(v: float) -> float:
    try:
        return 1.0 / (1.0 + math.exp(-v))
    except OverflowError:  # exp(-v) past the largest float: 1 / inf
        return 0.0


def _murmurhash3() -> Callable[..., int]:
    """MurmurHash3, 32 bits, called as ``mmh3.hash(key, seed=0, signed=True)``.

    From mmh3 (a dependency). An environment installed before it became one (``pip install -e
    .`` adds it) gets scikit-learn's ``murmurhash3_32``, the same function, at the cost of
    importing scikit-learn.
    """
    try:
        import mmh3
    except ImportError:
        from sklearn.utils import murmurhash3_32

        return lambda key, seed=0, signed=True: murmurhash3_32(key, seed=seed, positive=not signed)
    return mmh3.hash


murmurhash3 = _murmurhash3()

# Token patterns whose tokens hold no white space: with them a vocabulary entry "a b" can only be
# the bigram of tokens "a" and "b" (TfidfLogistic looks bigrams up as pairs of tokens).
_SPACELESS_TOKENS = frozenset({r"(?u)\b\w\w+\b"})
# Token patterns and a faster one finding the same tokens. scikit-learn's default finds runs of
# two or more word characters: a \b stands exactly where a run of \w begins or ends, and the
# greedy \w+ ends a match only at one, so r"\w{2,}" finds the same runs without testing for
# boundaries, about twice as fast.
_FASTER_TOKENS = {r"(?u)\b\w\w+\b": r"\w{2,}"}
# Words remembered by a WordMemo before it starts afresh: bounds memory on huge batches.
MAX_CACHED_WORDS = 200_000
# TfidfLogistic's bigram search orders an article's pairs by numbers below this (int64).
_PAIR_ORDER_LIMIT = 2**63
# Row normalisations rewritten here (scikit-learn's names; None: none).
NORMS = ("l1", "l2", None)


def normalize_rows(X: sp.csr_matrix | sp.csr_array, norm: str | None) -> None:
    """Scale each row of ``X`` to unit ``norm`` in place, as scikit-learn's ``normalize`` does.

    Each row's sum (of squares for "l2", of absolute values for "l1") is added up one entry at a
    time in index order, as scikit-learn's compiled loop does: numpy's sums add in pairs, which
    can differ in the last bit, but ``np.bincount`` with weights adds each weight to its bin in
    input order, which is that loop for all rows at once. An empty or all-zero row is left as it
    is.

    Examples
    --------
    >>> X = sp.csr_matrix(np.array([[3.0, 4.0], [0.0, 0.0], [-6.0, 8.0]]))
    >>> normalize_rows(X, "l2")
    >>> X.toarray().tolist()
    [[0.6, 0.8], [0.0, 0.0], [-0.6, 0.8]]
    """
    _normalize(X.data, X.indptr, norm)


def _normalize(
    data: np.ndarray, indptr: np.ndarray, norm: str | None, rows: np.ndarray | None = None
) -> None:
    # normalize_rows on the CSR arrays (data scaled in place); ``rows``, the row of each entry,
    # when the caller has it.
    if norm is None:
        return
    n_rows = len(indptr) - 1
    if rows is None:
        rows = np.arange(n_rows).repeat(indptr[1:] - indptr[:-1])
    terms = data * data if norm == "l2" else np.abs(data)
    # (float64 even with no entries at all, where bincount gives integers)
    sums = np.bincount(rows, weights=terms, minlength=n_rows).astype(np.float64, copy=False)
    if norm == "l2":
        np.sqrt(sums, out=sums)  # correctly rounded, as math.sqrt
    sums[sums == 0.0] = 1.0
    data /= sums[rows]


def _hash_features(
    rows: Iterable[Iterable[tuple[Any, Any]]], n_features: int, alternate_sign: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(columns, indptr, values) of the CSR matrix ``FeatureHasher`` builds from ``rows`` of
    (feature, value) pairs: its loop written in Python, hashing with mmh3.

    A string value v of feature f stands for feature "f=v" with value 1; a value of 0 (or
    False) is left out; the column is abs(hash) % n_features and, with ``alternate_sign``, a
    negative hash flips the value's sign.
    """
    keys: list[str | bytes] = []
    values: list[float] = []
    indptr = [0]
    for row in rows:
        for feature, value in row:
            if isinstance(value, str):
                feature, value = f"{feature}={value}", 1.0
            else:
                value = float(value)
            if value == 0:
                continue
            if not isinstance(feature, str | bytes):
                raise TypeError("feature names must be strings")
            keys.append(feature)
            values.append(value)
        indptr.append(len(keys))
    return _hashed(keys, np.array(values, dtype=np.float64), indptr, n_features, alternate_sign)


def _hashed(
    keys: list[str | bytes],
    values: np.ndarray,
    indptr: list[int],
    n_features: int,
    alternate_sign: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    columns, values = hashed_columns(keys, values, n_features, alternate_sign)
    return columns, np.array(indptr, dtype=np.int32), values


def hashed_columns(
    keys: Sequence[str | bytes], values: np.ndarray, n_features: int, alternate_sign: bool
) -> tuple[np.ndarray, np.ndarray]:
    """``FeatureHasher``'s column of each key, and each key's value with the sign it gives it.

    Examples
    --------
    >>> columns, values = hashed_columns(["w=said", "quote"], np.ones(2), 16, True)
    >>> columns.tolist() == [abs(murmurhash3(k)) % 16 for k in ["w=said", "quote"]]
    True
    """
    # The hashes of all keys at once; then the column and sign of each, with numpy.
    hashes = np.fromiter(map(murmurhash3, keys), np.int64, len(keys))
    columns = (np.abs(hashes) % n_features).astype(np.int32)
    if alternate_sign:  # (np.where: a random sign mask costs x[mask] twice as much)
        values = np.where(hashes < 0, -values, values)
    return columns, values


def sorted_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_counts=True)`` of a 1-D array, sorting ``values`` in place:
    the same arrays, in two thirds of the time on an article's few hundred numbers (np.unique's
    general path costs more than the sort).

    Examples
    --------
    >>> [a.tolist() for a in sorted_counts(np.array([5, 3, 5, 5, 1]))]
    [[1, 3, 5], [1, 1, 3]]
    """
    values.sort()
    edges = np.empty(len(values) + 1, dtype=bool)  # where a run of equal values starts or ends
    edges[0] = edges[-1] = True
    np.not_equal(values[1:], values[:-1], out=edges[1:-1])
    at = edges.nonzero()[0]
    return values[at[:-1]], at[1:] - at[:-1]


def _binary_linear(pipeline: Any, vectorizer_type: type) -> tuple[Any, Any] | None:
    """(vectorizer, model) of a two-step ``vectorizer_type`` + binary LogisticRegression
    pipeline, or None for any other shape (the fast scorers then leave it to scikit-learn)."""
    # Imported here: only a fitted scikit-learn pipeline comes this way, so it is loaded already.
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    if not isinstance(pipeline, Pipeline) or len(pipeline.steps) != 2:
        return None
    vec, model = pipeline.steps[0][1], pipeline.steps[1][1]
    if type(vec) is not vectorizer_type or type(model) is not LogisticRegression:
        return None
    if len(model.classes_) != 2 or model.coef_.shape[0] != 1:
        return None
    return vec, model


def _norm_code(norm: str | None) -> str:
    return "" if norm is None else norm


def _norm_of(code: np.ndarray) -> str | None:
    return str(code) or None


class TfidfLogistic:
    """``pipeline.predict_proba(texts)[:, 1]`` for a (TfidfVectorizer, LogisticRegression) pair.

    Use :meth:`for_pipeline`, which returns None for a pipeline of any other shape, or
    :meth:`from_arrays` on what :meth:`arrays` gave.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import Pipeline
    >>> pipe = Pipeline([("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
    ...                  ("logreg", LogisticRegression())])
    >>> pipe = pipe.fit(["a radical plan", "the council met", "radical idea", "rain fell"],
    ...                 [1, 0, 1, 0])
    >>> fast = TfidfLogistic.for_pipeline(pipe)
    >>> texts = ["A radical council.", "Rain."]
    >>> fast.probabilities(texts) == [float(p) for p in pipe.predict_proba(texts)[:, 1]]
    True
    >>> TfidfLogistic.from_arrays(fast.arrays()).probabilities(texts) == fast.probabilities(texts)
    True
    """

    def __init__(
        self,
        vocabulary: dict[str, int],
        *,
        token_pattern: str,
        lowercase: bool,
        bigrams: bool,
        sublinear: bool,
        idf: np.ndarray | None,
        norm: str | None,
        coef: np.ndarray,
        intercept: np.ndarray,
    ) -> None:
        self._vocabulary = vocabulary
        self._n_features = len(vocabulary)
        # Every token is looked up once, as a number: its unigram column, or (for a token that
        # occurs only inside bigrams) a number from n_features up. A bigram is then the pair of
        # its tokens' numbers, so no "a b" string is built for each pair of an article's words.
        self._bigrams = bigrams
        ids = {g: c for g, c in vocabulary.items() if not bigrams or " " not in g}
        if len(ids) < len(vocabulary):  # the bigrams "a b", read in C calls (model loading)
            grams = [g for g in vocabulary if " " in g]
            tokens = " ".join(grams).split(" ")  # a, b of each bigram, one after another
            if len(tokens) != 2 * len(grams):
                raise ValueError("a bigram of the vocabulary is not two tokens")
            numbers = list(map(ids.get, tokens))
            if None in numbers:  # (rare: min_df keeps the tokens of a bigram it keeps)
                # Tokens found only in bigrams are numbered from n_features up, in order of
                # first appearance (a before b, bigrams in vocabulary order).
                new = [t for t in dict.fromkeys(tokens) if t not in ids]
                ids.update(zip(new, count(self._n_features)))
                numbers = list(map(ids.__getitem__, tokens))
        else:
            grams, numbers = [], []
        self._ids = ids
        self._base = max(ids.values(), default=0) + 1  # pair (a, b) is the key a * base + b
        # (Python ints: a key too large for int64 fails here, not silently in numpy.)
        keys = np.array(
            list(map(add, map(mul, numbers[0::2], repeat(self._base)), numbers[1::2])),
            dtype=np.int64,
        )
        order = keys.argsort(kind="stable")  # (keys are distinct: any sort gives this order)
        self._pair_keys = keys[order]
        self._pair_columns = np.array(list(map(vocabulary.__getitem__, grams)), np.int64)[order]
        self._token_pattern = token_pattern
        self._token = re.compile(_FASTER_TOKENS.get(token_pattern, token_pattern))
        self._lowercase = lowercase
        self._sublinear = sublinear
        self._idf = idf
        self._norm = norm
        self._coef = coef
        self._coef_vector = np.ascontiguousarray(coef[0])  # X @ coef.T is X times this vector
        self._intercept = intercept

    @classmethod
    def for_pipeline(cls, pipeline: Any) -> TfidfLogistic | None:
        """The fast scorer for ``pipeline``, or None when its shape is not the one handled."""
        from sklearn.feature_extraction.text import TfidfVectorizer

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
            and vec.norm in NORMS
            and re.compile(vec.token_pattern).groups == 0
            and (vec.ngram_range == (1, 1) or vec.token_pattern in _SPACELESS_TOKENS)
        )
        if not plain_words:
            return None
        return cls(
            vec.vocabulary_,
            token_pattern=vec.token_pattern,
            lowercase=bool(vec.lowercase),
            bigrams=vec.ngram_range == (1, 2),
            sublinear=bool(vec.sublinear_tf),
            idf=vec.idf_ if vec.use_idf else None,
            norm=vec.norm,
            coef=model.coef_,
            intercept=model.intercept_,
        )

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything this scorer needs, as plain arrays (for :meth:`from_arrays`).

        Raises ValueError for a vocabulary numpy cannot hold exactly (it drops a string's
        trailing NUL characters).
        """
        terms = np.array(list(self._vocabulary), dtype=str)
        if terms.tolist() != list(self._vocabulary):
            raise ValueError("a term of the vocabulary ends in a NUL character")
        return {
            "terms": terms,
            "columns": np.fromiter(self._vocabulary.values(), np.int64, len(self._vocabulary)),
            "token_pattern": np.array(self._token_pattern),
            "lowercase": np.array(self._lowercase),
            "bigrams": np.array(self._bigrams),
            "sublinear": np.array(self._sublinear),
            "use_idf": np.array(self._idf is not None),
            "idf": self._idf if self._idf is not None else np.zeros(0),
            "norm": np.array(_norm_code(self._norm)),
            "coef": self._coef,
            "intercept": self._intercept,
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TfidfLogistic:
        """The scorer :meth:`arrays` describes."""
        vocabulary = dict(zip(arrays["terms"].tolist(), arrays["columns"].tolist(), strict=True))
        return cls(
            vocabulary,
            token_pattern=str(arrays["token_pattern"]),
            lowercase=bool(arrays["lowercase"]),
            bigrams=bool(arrays["bigrams"]),
            sublinear=bool(arrays["sublinear"]),
            idf=arrays["idf"] if bool(arrays["use_idf"]) else None,
            norm=_norm_of(arrays["norm"]),
            coef=arrays["coef"],
            intercept=arrays["intercept"],
        )

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Probability of the positive class for each text."""
        return self.token_probabilities(self.tokens(texts))

    def tokens(self, texts: Sequence[str]) -> list[list[str]]:
        """Each text's tokens, as the vectorizer finds them (one regex pass a text)."""
        find = self._token.findall
        if self._lowercase:
            return [find(text.lower()) for text in texts]
        return list(map(find, texts))

    def reads(self, token_pattern: str, *, lowercase: bool) -> bool:
        """Whether this scorer's tokens are ``re.findall(token_pattern, text)`` of each text,
        lower-cased first when ``lowercase``: a caller that finds them so anyway can hand them
        to :meth:`token_probabilities`."""
        return (token_pattern, lowercase) == (self._token_pattern, self._lowercase)

    def token_probabilities(self, tokens: Sequence[Sequence[str]]) -> list[float]:
        """:meth:`probabilities` of texts given as their tokens (see :meth:`reads`)."""
        if not tokens:
            return []
        return self._probabilities(*self._counts(tokens))

    def number(self, token: str) -> int:
        """The number standing for ``token`` in :meth:`number_probabilities`."""
        return self._ids.get(token, -1)  # -1: in no n-gram of the vocabulary

    def number_probabilities(
        self, numbers: np.ndarray, rows: np.ndarray, n_texts: int
    ) -> list[float]:
        """:meth:`token_probabilities` of ``n_texts`` texts given as their tokens' :meth:`number`
        one after another and the text each belongs to (its row, ascending): a caller that
        remembers each word's number saves a lookup per token."""
        if not n_texts:
            return []
        # (int64: _count_numbers reads the numbers' bits as unsigned ones)
        numbers = np.asarray(numbers, dtype=np.int64)
        return self._probabilities(*self._count_numbers(numbers, rows, n_texts))

    def _probabilities(
        self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, rows: np.ndarray
    ) -> list[float]:
        # TF-IDF, the linear model and the logistic function on the count matrix's CSR arrays
        # (and the row of each entry).
        self._tfidf(data, indices, indptr, rows)
        scores = csr_dot(data, indices, indptr, self._coef_vector) + self._intercept
        return expit_values(scores)

    def _counts(
        self, texts: Sequence[Sequence[str]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        # The n-gram count matrix of texts given as their tokens (as CountVectorizer's word
        # analyzer finds them), each numbered with one dict lookup (as :meth:`number`).
        lookup = self._ids.get
        numbers: list[int] = []
        for tokens in texts:
            numbers += map(lookup, tokens, repeat(-1))
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), list(map(len, texts)))
        return self._count_numbers(np.asarray(numbers, dtype=np.int64), rows, len(texts))

    def _count_numbers(
        self, tokens: np.ndarray, rows: np.ndarray, n_rows: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        # The n-gram count matrix of all texts at once, from their tokens' numbers; a bigram
        # (two neighbouring tokens of one text) is found by its pair of numbers in a sorted
        # array. numpy then counts the (row, column) pairs (sorted_counts), which leaves each
        # row's columns in ascending order, as scikit-learn's sort_indices() does. The matrix is
        # returned as its CSR arrays (data, indices, indptr) and the row of each entry.
        # (compress: see _PieceReader.read.) Each numpy call on an article's few hundred
        # numbers costs more than its arithmetic, so the steps are written in as few as give
        # the same arrays.
        n_cols = self._n_features
        # Unigram numbers lie in [0, n_cols); read without sign, -1 (no n-gram) lies past them.
        unigram = tokens.view(np.uint64) < n_cols
        found_rows, found_cols = [rows.compress(unigram)], [tokens.compress(unigram)]
        if self._bigrams and len(self._pair_keys) and len(tokens) > 1:
            first, second, pair_rows = tokens[:-1], tokens[1:], rows[:-1]
            # Neighbours in one text, both numbered: no sign bit in either.
            both = (pair_rows == rows[1:]) & ((first | second) >= 0)
            if self._base**2 * n_rows <= _PAIR_ORDER_LIMIT:  # (any article's sentences)
                # The pairs in key order (each key a * base + b and row as one number, the row
                # in the low digits): numpy's binary search then starts each key where the last
                # ended, which takes a third less time than keys in text order; counting is the
                # same.
                pairs = (first * (self._base * n_rows) + second * n_rows + pair_rows).compress(both)
                pairs.sort()
                keys, pair_rows = np.divmod(pairs, n_rows)
            else:
                keys = first.compress(both) * self._base + second.compress(both)
                pair_rows = pair_rows.compress(both)
            # A key past the last is compared with the last key (and missed) below.
            at = np.minimum(self._pair_keys.searchsorted(keys), len(self._pair_keys) - 1)
            hit = self._pair_keys[at] == keys
            found_rows.append(pair_rows.compress(hit))
            found_cols.append(self._pair_columns[at.compress(hit)])
        cells = np.concatenate(found_rows) * n_cols + np.concatenate(found_cols)
        keys, counts = sorted_counts(cells)
        cell_rows, columns = np.divmod(keys, n_cols)
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.bincount(cell_rows, minlength=n_rows).cumsum(out=indptr[1:])
        return counts.astype(np.float64), columns, indptr, cell_rows

    def _tfidf(
        self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, rows: np.ndarray
    ) -> None:
        # TfidfTransformer's steps on the counts' CSR arrays, in its order, in place.
        if self._sublinear:
            np.log(data, data)
            data += 1.0
        if self._idf is not None:
            data *= self._idf[indices]
        _normalize(data, indptr, self._norm, rows)


class HashedLogistic:
    """``pipeline.predict_proba(texts)[:, 1]`` for a (HashingVectorizer, LogisticRegression) pair
    whose vectorizer reads character n-grams within words (``analyzer="char_wb"``).

    The word model's shape. scikit-learn's n-grams, hashing and normalisation are rewritten
    (:func:`char_wb_ngrams`, MurmurHash3 via mmh3, :func:`normalize_rows`) and its input checks
    skipped; the linear algebra is the same scipy product. Use :meth:`for_pipeline`, which
    returns None for a pipeline of any other shape, or :meth:`from_arrays`.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import HashingVectorizer
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import Pipeline
    >>> pipe = Pipeline([("hash", HashingVectorizer(analyzer="char_wb", n_features=2**10)),
    ...                  ("logreg", LogisticRegression())]).fit(["ab", "cd", "abc"], [1, 0, 1])
    >>> words = ["ab", "cde"]
    >>> HashedLogistic.for_pipeline(pipe).probabilities(words) == list(
    ...     pipe.predict_proba(words)[:, 1])
    True
    """

    def __init__(
        self,
        *,
        n_features: int,
        ngram_range: tuple[int, int],
        lowercase: bool,
        alternate_sign: bool,
        binary: bool,
        norm: str | None,
        coef: np.ndarray,
        intercept: np.ndarray,
    ) -> None:
        self._n_features = n_features
        self._ngram_range = ngram_range
        self._lowercase = lowercase
        self._alternate_sign = alternate_sign
        self._binary = binary
        self._norm = norm
        self._coef = coef
        self._coef_t = coef.T
        self._coef_vector = np.ascontiguousarray(coef[0])
        self._intercept = intercept

    @classmethod
    def for_pipeline(cls, pipeline: Any) -> HashedLogistic | None:
        """The fast scorer for ``pipeline``, or None when its shape is not the one handled."""
        from sklearn.feature_extraction.text import HashingVectorizer

        parts = _binary_linear(pipeline, HashingVectorizer)
        if parts is None:
            return None
        vec, model = parts
        if not (
            vec.analyzer == "char_wb"
            and vec.input == "content"
            and vec.preprocessor is None
            and vec.strip_accents is None
            and vec.dtype is np.float64
            and vec.norm in NORMS
        ):
            return None
        return cls(
            n_features=int(vec.n_features),
            ngram_range=tuple(vec.ngram_range),
            lowercase=bool(vec.lowercase),
            alternate_sign=bool(vec.alternate_sign),
            binary=bool(vec.binary),
            norm=vec.norm,
            coef=model.coef_,
            intercept=model.intercept_,
        )

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything this scorer needs, as plain arrays (for :meth:`from_arrays`)."""
        return {
            "n_features": np.array(self._n_features),
            "ngram_range": np.array(self._ngram_range),
            "lowercase": np.array(self._lowercase),
            "alternate_sign": np.array(self._alternate_sign),
            "binary": np.array(self._binary),
            "norm": np.array(_norm_code(self._norm)),
            "coef": self._coef,
            "intercept": self._intercept,
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> HashedLogistic:
        """The scorer :meth:`arrays` describes."""
        low, high = arrays["ngram_range"].tolist()
        return cls(
            n_features=int(arrays["n_features"]),
            ngram_range=(low, high),
            lowercase=bool(arrays["lowercase"]),
            alternate_sign=bool(arrays["alternate_sign"]),
            binary=bool(arrays["binary"]),
            norm=_norm_of(arrays["norm"]),
            coef=arrays["coef"],
            intercept=arrays["intercept"],
        )

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Probability of the positive class for each text."""
        if not texts:
            return []
        # HashingVectorizer.transform's steps, in its order: each n-gram a feature of value 1.
        low, high = self._ngram_range
        grams: list[str | bytes] = []
        indptr = [0]
        for text in texts:
            grams += char_wb_ngrams(text.lower() if self._lowercase else text, low, high)
            indptr.append(len(grams))
        columns, indptr, values = _hashed(
            grams, np.ones(len(grams)), indptr, self._n_features, self._alternate_sign
        )
        try:
            scores = self._private_scores(columns, indptr, values)
        except (TypeError, AttributeError, ValueError):  # scipy's private routines changed
            scores = None
        if scores is None:
            X = sp.csr_matrix((values, columns, indptr), shape=(len(texts), self._n_features))
            X.sum_duplicates()
            if self._binary:
                X.data.fill(1)
            normalize_rows(X, self._norm)
            scores = (X @ self._coef_t).reshape(-1)
        return expit_values(scores + self._intercept)

    def _private_scores(
        self, columns: np.ndarray, indptr: np.ndarray, values: np.ndarray
    ) -> np.ndarray | None:
        # The public path's steps on the arrays, by scipy's private routines (building the
        # matrix checks its arrays, which costs more than one article's new words): the same
        # routines, so the same floats; X @ coef.T is X times coef's one row. Everything that
        # can refuse is asked before the values are changed in place: the public path after a
        # refusal starts from the same values.
        matvec = _sparsetools.csr_matvec
        if self._coef_vector.dtype != np.float64:
            return None
        summed = _private_sum_duplicates(columns, indptr, values, self._n_features)
        if summed is None:
            return None
        columns, indptr, values = summed
        if self._binary:
            values.fill(1)
        _normalize(values, indptr, self._norm)
        out = np.zeros(len(indptr) - 1)
        n_features = self._n_features
        matvec(len(out), n_features, indptr, columns, values, self._coef_vector, out)
        return out


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """The character n-grams of ``text``'s words (``low`` to ``high`` long), each word padded
    with a space at both ends: scikit-learn's ``char_wb`` analyzer, after its lower-casing.

    A word shorter than an n-gram length gives itself (padded) once. (scikit-learn first turns
    runs of white space into one space; ``str.split`` splits at the same characters, ``\\s``
    being ``str.isspace``, so the words are the same without it.)

    Examples
    --------
    >>> char_wb_ngrams("an ox", 2, 3)
    [' a', 'an', 'n ', ' an', 'an ', ' o', 'ox', 'x ', ' ox', 'ox ']
    """
    grams: list[str] = []
    for word in text.split():
        word = f" {word} "
        grams += map(word.__getitem__, _gram_slices(len(word), low, high))
    return grams


@functools.cache
def _gram_slices(length: int, low: int, high: int) -> tuple[slice, ...]:
    # Where char_wb_ngrams cuts a padded word of this length: each n-gram length in turn, the
    # word once, whole, from the first length it is no longer than.
    cuts: list[slice] = []
    for n in range(low, high + 1):
        if n >= length:
            cuts.append(slice(0, length))
            break
        cuts += [slice(i, i + n) for i in range(length - n + 1)]
    return tuple(cuts)


class WordMemo:
    """``score(words)`` for single words, each word scored once and remembered (an article's
    words are mostly words seen before).

    Valid for scores of each word on its own (a word's score does not depend on the other words
    of the batch): a vectorizer followed by a linear model, or element-wise arithmetic on such
    scores. Starts afresh past :data:`MAX_CACHED_WORDS` words.

    Examples
    --------
    >>> memo = WordMemo(lambda words: [float(len(w)) for w in words])
    >>> memo.probabilities(["ab", "c", "ab"])
    [2.0, 1.0, 2.0]
    """

    def __init__(self, score: Callable[[list[str]], list[float]]) -> None:
        self._score = score
        self._known: dict[str, float] = {}

    def probabilities(self, words: Sequence[str]) -> list[float]:
        known = self._known
        try:  # most calls: every word seen before
            return list(map(known.__getitem__, words))
        except KeyError:
            pass
        new = [w for w in dict.fromkeys(words) if w not in known]  # distinct words first
        if new:
            if len(known) + len(new) > MAX_CACHED_WORDS:
                known.clear()
                new = list(dict.fromkeys(words))
            known.update(zip(new, self._score(new), strict=True))
        return list(map(known.__getitem__, words))


class CachedProbability(WordMemo):
    """``pipeline.predict_proba([word])[0, 1]`` for single words, each word scored once.

    Valid for models that score each input on its own (a row's probability does not depend on
    the other rows of the batch), which holds for a vectorizer followed by a linear model. New
    words go through :class:`HashedLogistic` when the pipeline has its shape (or is one).

    Examples
    --------
    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import Pipeline
    >>> pipe = Pipeline([("tfidf", TfidfVectorizer(analyzer="char_wb")),
    ...                  ("logreg", LogisticRegression())]).fit(["ab", "cd", "abc"], [1, 0, 1])
    >>> cached = CachedProbability(pipe)
    >>> words = ["ab", "cd", "ab"]
    >>> cached.probabilities(words) == list(pipe.predict_proba(words)[:, 1])
    True
    """

    def __init__(self, pipeline: Any) -> None:
        fast = (
            pipeline
            if isinstance(pipeline, HashedLogistic)
            else HashedLogistic.for_pipeline(pipeline)
        )
        super().__init__(
            fast.probabilities
            if fast is not None
            else lambda words: [float(p) for p in pipeline.predict_proba(words)[:, 1]]
        )


def csr_dot(
    data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, vector: np.ndarray
) -> np.ndarray:
    """``csr_matrix((data, indices, indptr)) @ vector`` (a float64 vector) with the same floats.

    The product runs scipy's ``csr_matvec`` on the matrix's arrays; this calls it directly,
    without building the matrix (whose checks cost more than one article's product), and falls
    back to the public calls should an upgrade rename or change it.

    Examples
    --------
    >>> csr_dot(np.array([2.0, 3.0]), np.array([0, 1], np.int32), np.array([0, 1, 2], np.int32),
    ...         np.array([10.0, 100.0])).tolist()
    [20.0, 300.0]
    """
    n_rows = len(indptr) - 1
    if _sparsetools is not None and vector.dtype == np.float64 and data.dtype == np.float64:
        out = np.zeros(n_rows)
        try:
            _sparsetools.csr_matvec(n_rows, len(vector), indptr, indices, data, vector, out)
        except (TypeError, AttributeError, ValueError):  # scipy's private routine changed
            pass
        else:
            return out
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, len(vector))) @ vector


def hashed_dot(
    rows: Sequence[dict], weights: np.ndarray, n_features: int, alternate_sign: bool = True
) -> np.ndarray:
    """``FeatureHasher(n_features, input_type="dict", alternate_sign=...).transform(rows) @
    weights`` with the same floats.

    ``transform`` hashes the features, builds a sparse matrix (checking its arrays, which for
    one article's few dozen rows costs more than the rest), sorts each row's columns and merges
    repeated ones; the product adds each row's terms in column order. This hashes as
    :func:`_hash_features` does, then calls scipy's own sort, merge and matrix-vector routines
    on the arrays.

    Examples
    --------
    >>> from sklearn.feature_extraction import FeatureHasher
    >>> hasher = FeatureHasher(n_features=2**4, input_type="dict")
    >>> rows = [{"w": "said", "quote": True}, {"w": "show", "quote": False}]
    >>> w = np.linspace(-1, 1, 16)
    >>> bool((hashed_dot(rows, w, 2**4) == hasher.transform(rows) @ w).all())
    True
    """
    columns, indptr, values = _hash_features((r.items() for r in rows), n_features, alternate_sign)
    return _csr_dot(columns, indptr, values, weights, n_features)


def hashed_keys_dot(
    rows: Sequence[Sequence[str]], weights: np.ndarray, n_features: int, alternate_sign: bool = True
) -> np.ndarray:
    """:func:`hashed_dot` of rows whose features all have the value 1, given as the keys
    ``FeatureHasher`` hashes ("name=value" for a string value, the name for True): the same
    arrays, without a dict per row or a look at each value's type.

    Examples
    --------
    >>> w = np.linspace(-1, 1, 16)
    >>> rows = [{"w": "said", "quote": True}, {"w": "show", "quote": False}]
    >>> keys = [["w=said", "quote"], ["w=show"]]
    >>> bool((hashed_keys_dot(keys, w, 16) == hashed_dot(rows, w, 16)).all())
    True
    """
    keys: list[str | bytes] = list(chain.from_iterable(rows))
    indptr = [0, *accumulate(map(len, rows))]
    columns, indptr_array, values = _hashed(
        keys, np.ones(len(keys)), indptr, n_features, alternate_sign
    )
    return _csr_dot(columns, indptr_array, values, weights, n_features)


def _csr_dot(
    columns: np.ndarray,
    indptr: np.ndarray,
    values: np.ndarray,
    weights: np.ndarray,
    n_features: int,
) -> np.ndarray:
    """``X @ weights`` for the CSR matrix X of these arrays, after ``X.sum_duplicates()``: by
    scipy's private routines where they apply, else by the public calls (the same floats)."""
    try:
        fast = _private_csr_dot(columns, indptr, values, weights, n_features)
    except (TypeError, AttributeError, ValueError):  # scipy's private routines changed
        fast = None
    if fast is not None:
        return fast
    X = sp.csr_matrix((values, columns, indptr), shape=(len(indptr) - 1, n_features))
    X.sum_duplicates()
    return X @ weights


def _private_csr_dot(
    columns: np.ndarray,
    indptr: np.ndarray,
    values: np.ndarray,
    weights: np.ndarray,
    n_features: int,
) -> np.ndarray | None:
    """:func:`_csr_dot` by scipy's private routines; None where they do not apply."""
    n_rows = len(indptr) - 1
    if weights.dtype != np.float64:
        return None
    summed = _private_sum_duplicates(columns, indptr, values, n_features)
    if summed is None:
        return None
    columns, indptr, values = summed
    out = np.zeros(n_rows)
    _sparsetools.csr_matvec(n_rows, n_features, indptr, columns, values, weights, out)
    return out


def _private_sum_duplicates(
    columns: np.ndarray, indptr: np.ndarray, values: np.ndarray, n_features: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The arrays (columns, indptr, values) of the CSR matrix X of these arrays after
    ``X.sum_duplicates()``, by scipy's private routines; None where they do not apply."""
    n_rows = len(indptr) - 1
    if _sparsetools is None or not n_rows:
        return None
    # What X.sum_duplicates() runs (a sort only when needed: an unstable sort could reorder the
    # values of one column, and so the order they are added in), then its prune.
    if not _sparsetools.csr_has_canonical_format(n_rows, indptr, columns):
        # (on copies: should a later routine fail, the public calls get the arrays as they were)
        indptr, columns, values = indptr.copy(), columns.copy(), values.copy()
        if not _sparsetools.csr_has_sorted_indices(n_rows, indptr, columns):
            _sparsetools.csr_sort_indices(n_rows, indptr, columns, values)
        _sparsetools.csr_sum_duplicates(n_rows, n_features, indptr, columns, values)
        nnz = int(indptr[-1])
        columns, values = columns[:nnz], values[:nnz]
    return columns, indptr, values
