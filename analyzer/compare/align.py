"""Lexical alignment of derived sentences with source passages.

Each derived sentence is compared with every source passage: each source sentence and each pair
of adjacent sentences (a rewrite often merges two). Both sides are reduced to sets of content
terms (folded, stop words and reporting verbs removed, Porter-stemmed, numbers kept:
:func:`content_terms`) by scikit-learn's ``CountVectorizer``, and passages are scored with one
sparse matrix product.

The score is *coverage*: the share of the derived sentence's distinct content terms found in the
passage. Unlike cosine similarity it does not fall when the source passage is longer than the
sentence, which is what a summary does to its source. Terms are not weighted by inverse document
frequency: fitted on the two texts, idf gives every word the rewrite introduces the highest
weight by construction, which punished faithful rewording (measured on the evaluation set; see
README).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from analyzer.compare.text import content_terms


@dataclass(frozen=True, slots=True)
class Alignment:
    """Best source passage for one derived text: its coverage and character span in the source."""

    coverage: float
    start: int
    end: int
    terms: int  # content terms in the derived text


class SourceIndex:
    """Source passages ready to be aligned against.

    Parameters
    ----------
    text : str
        The source text.
    sentences : sequence of (start, end)
        Its sentences, in order.
    fit_texts : sequence of str
        The texts that will be aligned (the derived sentences): they must be in the vocabulary,
        or a term of theirs the fit never saw would be silently ignored.

    Examples
    --------
    >>> claim = "Wages fell sharply."
    >>> idx = SourceIndex("Prices rose. Wages fell.", [(0, 12), (13, 24)], [claim])
    >>> a = idx.align([claim])[0]
    >>> round(a.coverage, 2), (a.start, a.end)
    (0.67, (13, 24))
    """

    def __init__(
        self, text: str, sentences: Sequence[tuple[int, int]], fit_texts: Sequence[str] = ()
    ) -> None:
        self.text = text
        singles = list(sentences)
        pairs = [(a[0], b[1]) for a, b in zip(singles, singles[1:], strict=False)]
        self.passages = singles + pairs
        self.n_single = len(singles)
        sentence_texts = [text[s:e] for s, e in singles]
        self.vectorizer = CountVectorizer(analyzer=content_terms, binary=True)
        try:
            self.vectorizer.fit(sentence_texts + list(fit_texts) or [""])
        except ValueError:
            # No content term on either side ("It is."): an empty vocabulary, so nothing aligns,
            # instead of sklearn's "empty vocabulary" error stopping the whole batch.
            self.vectorizer = CountVectorizer(
                analyzer=content_terms, binary=True, vocabulary=["\x00"]
            ).fit([""])
        self.presence = None
        if singles:
            single = (self.vectorizer.transform(sentence_texts) > 0).astype(np.float64)
            # A pair holds the terms of either sentence: the element-wise maximum of two rows,
            # so no pair text is read again.
            rows = [single]
            if len(singles) > 1:
                rows.append(single[:-1].maximum(single[1:]))
            self.presence = sp.vstack(rows).T.tocsc()

    def align(self, texts: Sequence[str]) -> list[Alignment | None]:
        """The best passage for each text; None for a text with no content term."""
        if not texts:
            return []
        weights = self.vectorizer.transform(texts)
        totals = np.asarray(weights.sum(axis=1)).ravel()
        shared = (weights @ self.presence).toarray() if self.presence is not None else None
        out: list[Alignment | None] = []
        for i, text in enumerate(texts):
            n_terms = len(set(content_terms(text)))
            if totals[i] <= 0 or shared is None:
                out.append(None if totals[i] <= 0 else Alignment(0.0, 0, 0, n_terms))
                continue
            cov = shared[i] / totals[i]
            best_single = int(np.argmax(cov[: self.n_single]))
            best = int(np.argmax(cov))
            # Prefer the single sentence unless the pair adds real support.
            if cov[best] <= cov[best_single] + 0.05:
                best = best_single
            s, e = self.passages[best]
            out.append(Alignment(float(cov[best]), s, e, n_terms))
        return out
