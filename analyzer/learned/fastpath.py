"""The biased-language model's numbers without scikit-learn's per-call overhead.

Scoring one article's sentences with ``Pipeline.predict_proba`` spends most of its time outside
the arithmetic: input validation, dataframe checks and a general-purpose analyzer. For the two
model shapes :mod:`analyzer.learned.bias` trains, this module gives the *same floats* (the
same element-wise operations, in the same order, on the same sparse matrix; tests compare them
bit for bit with ``predict_proba``):

- :class:`TfidfLogistic`: word uni- and bigram TF-IDF followed by binary logistic regression.
  It builds the count matrix itself (one regex pass per text, a dict lookup per n-gram) and then
  applies the fitted idf weights, L2 normalisation, the linear model and the logistic function.
- :class:`CachedProbability`: a model applied to single words; each word is scored once per
  process and remembered (an article's words are mostly words seen before).

Any other pipeline shape falls back to ``predict_proba``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import normalize
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

# Words remembered by CachedProbability before it starts afresh: bounds memory on huge batches.
MAX_CACHED_WORDS = 200_000


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
        self._vocabulary: dict[str, int] = vectorizer.vocabulary_
        self._n_features = len(self._vocabulary)
        self._token = re.compile(vectorizer.token_pattern)
        self._lowercase = bool(vectorizer.lowercase)
        self._bigrams = vectorizer.ngram_range == (1, 2)
        self._sublinear = bool(vectorizer.sublinear_tf)
        self._idf = vectorizer.idf_ if vectorizer.use_idf else None
        self._norm = vectorizer.norm
        self._coef_t = model.coef_.T
        self._intercept = model.intercept_

    @classmethod
    def for_pipeline(cls, pipeline: Any) -> TfidfLogistic | None:
        """The fast scorer for ``pipeline``, or None when its shape is not the one handled."""
        if not isinstance(pipeline, Pipeline) or len(pipeline.steps) != 2:
            return None
        vec, model = pipeline.steps[0][1], pipeline.steps[1][1]
        if type(vec) is not TfidfVectorizer or type(model) is not LogisticRegression:
            return None
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
        )
        if not plain_words or len(model.classes_) != 2 or model.coef_.shape[0] != 1:
            return None
        return cls(vec, model)

    def _features(self, text: str) -> list[str]:
        # CountVectorizer's word analyzer: lower-case, find tokens, add the bigrams after them.
        tokens = self._token.findall(text.lower() if self._lowercase else text)
        if self._bigrams and len(tokens) > 1:
            tokens += [f"{a} {b}" for a, b in pairwise(tokens)]
        return tokens

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Probability of the positive class for each text."""
        vocabulary = self._vocabulary
        indices: list[int] = []
        counts: list[int] = []
        indptr = [0]
        for text in texts:
            row = Counter(map(vocabulary.get, self._features(text)))
            row.pop(None, None)  # n-grams outside the vocabulary
            # Columns in ascending order: what scikit-learn's sort_indices() leaves.
            for j in sorted(row):
                indices.append(j)
                counts.append(row[j])
            indptr.append(len(indices))
        data = np.asarray(counts, dtype=np.float64)
        if self._sublinear:
            np.log(data, data)
            data += 1.0
        idx = np.asarray(indices, dtype=np.int32)
        if self._idf is not None:
            data *= self._idf[idx]
        X = sp.csr_matrix(
            (data, idx, np.asarray(indptr, dtype=np.int32)),
            shape=(len(texts), self._n_features),
        )
        if self._norm == "l2":
            # What normalize(X, "l2") runs, without its input checks.
            inplace_csr_row_normalize_l2(X)
        elif self._norm is not None:
            X = normalize(X, norm=self._norm, copy=False)
        scores = X @ self._coef_t + self._intercept
        probs = expit(scores.reshape(-1))
        return [float(p) for p in probs]


class CachedProbability:
    """``pipeline.predict_proba([word])[0, 1]`` for single words, each word scored once.

    Valid for models that score each input on its own (a row's probability does not depend on
    the other rows of the batch), which holds for a vectorizer followed by a linear model.

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
        self._pipeline = pipeline
        self._known: dict[str, float] = {}

    def probabilities(self, words: Sequence[str]) -> list[float]:
        known = self._known
        new = list(dict.fromkeys(w for w in words if w not in known))
        if new:
            if len(known) + len(new) > MAX_CACHED_WORDS:
                known.clear()
                new = list(dict.fromkeys(words))
            for word, p in zip(new, self._pipeline.predict_proba(new)[:, 1], strict=True):
                known[word] = float(p)
        return [known[w] for w in words]
