"""Which article in a batch is a rewrite or summary of which.

By metadata first: an article whose ``derived_from`` names one article of the batch is compared
with it; naming several, it is compared with the one it is most similar to (a comparison block has
one source; the others are still named in the record's ``derived_from``). Ids it names that are
not in the batch are ignored.

Otherwise by similarity: every article is turned into a TF-IDF vector of its content terms
(stemmed, stop words removed, sublinear term frequency; idf from the batch itself) and compared
with every other by cosine similarity. An article whose most similar *possible source* reaches
:data:`SIMILARITY_THRESHOLD` is paired with it, ``paired_by="similarity"``. A possible source is
published earlier when both dates are known, else longer (a summary is shorter than its source;
equal lengths go to the earlier id), so two articles can never be each other's source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analyzer.compare.text import content_terms
from analyzer.results import ArticleResult

# Cosine of TF-IDF document vectors at or above which two articles are taken for source and
# rewrite. Measured with `python -m analyzer.evaluate compare --data <polnear> --split dev`: the
# extractive summaries score 0.66 with their own source (median; 88% reach 0.5) while none
# reaches 0.38 with another article and no two different articles (same campaign, same weeks)
# reach 0.44. On the seeds the two different Harfuch stories 000/001 score 0.34; the seed rewrites
# are loose enough to score only 0.32 (002/000) and 0.20 (003/001), which is why they carry
# derived_from.
SIMILARITY_THRESHOLD = 0.5


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors of content terms, one row and column per text.

    Examples
    --------
    >>> m = similarity_matrix(["Rain fell in Lima.", "Rain fell in Lima today.", "Stocks rose."])
    >>> bool(m[0, 1] > 0.5), float(m[0, 2])
    (True, 0.0)
    """
    if len(texts) < 2:
        return np.ones((len(texts), len(texts)))
    vec = TfidfVectorizer(analyzer=content_terms, sublinear_tf=True)
    try:
        x = vec.fit_transform(texts)
    except ValueError:  # no content term anywhere
        return np.eye(len(texts))
    return (x @ x.T).toarray()


def _may_be_source(src: ArticleResult, der: ArticleResult, words: dict[str, int]) -> bool:
    if src.published and der.published and src.published != der.published:
        return src.published < der.published
    if words[src.id] != words[der.id]:
        return words[src.id] > words[der.id]
    return src.id < der.id


# Rows of the similarity matrix computed at a time: the whole matrix of a 10,000-article batch
# would take 800 MB; a block of rows stays near 30 MB.
_BLOCK = 256


def _tfidf(texts: Sequence[str]) -> tuple[Any, list[int]]:
    """L2-normalised TF-IDF rows as :func:`similarity_matrix` builds them (None when no text has
    a content term), and the number of content terms of each text, from one pass of stemming."""
    lengths: list[int] = []

    def terms(text: str) -> list[str]:
        found = content_terms(text)
        lengths.append(len(found))
        return found

    try:
        x = TfidfVectorizer(analyzer=terms, sublinear_tf=True).fit_transform(texts)
    except ValueError:  # no content term anywhere
        x = None
    if len(lengths) != len(texts):
        lengths = [len(content_terms(t)) for t in texts]
    return x, lengths


def pair_results(
    results: Sequence[ArticleResult], *, threshold: float = SIMILARITY_THRESHOLD
) -> dict[str, tuple[str, str, float]]:
    """Map each derived article's id to ``(source id, paired_by, similarity)``.

    Similarities are those of :func:`similarity_matrix`, computed a block of rows at a time and
    read only where they can matter, so memory and time stay reasonable for large batches.

    Examples
    --------
    >>> from analyzer import analyze
    >>> a = analyze("Rain fell in Lima on Monday, flooding roads. Schools shut.", id="a")
    >>> b = analyze("Rain fell in Lima, flooding roads.", id="b")
    >>> c = analyze("Stocks rose in Tokyo.", id="c")
    >>> {k: (s, by) for k, (s, by, _) in pair_results([a, b, c]).items()}
    {'b': ('a', 'similarity')}
    """
    if len(results) < 2:
        return {}
    ids = [r.id for r in results]
    pos = {rid: i for i, rid in enumerate(ids)}
    x, lengths = _tfidf([r.text for r in results])
    words = {r.id: n for r, n in zip(results, lengths, strict=True)}
    pairs: dict[str, tuple[str, str, float]] = {}
    for lo in range(0, len(results), _BLOCK):
        hi = min(lo + _BLOCK, len(results))
        block = (x[lo:hi] @ x.T).tocsr() if x is not None else None
        for i in range(lo, hi):
            r = results[i]
            if block is None:  # similarity_matrix gives the identity matrix here
                row: dict[int, float] = {i: 1.0}
            else:
                start, end = block.indptr[i - lo], block.indptr[i - lo + 1]
                row = dict(
                    zip(
                        block.indices[start:end].tolist(),
                        block.data[start:end].tolist(),
                        strict=True,
                    )
                )
            named = [s for s in r.derived_from if s in pos and s != r.id]
            if named:
                best = max(named, key=lambda s: (row.get(pos[s], 0.0), s))
                pairs[r.id] = (best, "metadata", float(row.get(pos[best], 0.0)))
                continue
            if r.derived_from:
                continue
            candidates = [
                (score, ids[j])
                for j, score in row.items()
                if j != i and score >= threshold and _may_be_source(results[j], r, words)
            ]
            if candidates:
                score, best = max(candidates)
                pairs[r.id] = (best, "similarity", score)
    return pairs


def _pair_results_dense(
    results: Sequence[ArticleResult], *, threshold: float = SIMILARITY_THRESHOLD
) -> dict[str, tuple[str, str, float]]:
    """The whole-matrix form of :func:`pair_results`, kept as the reference tests compare with."""
    ids = [r.id for r in results]
    pos = {rid: i for i, rid in enumerate(ids)}
    sim = similarity_matrix([r.text for r in results])
    words = {r.id: len(content_terms(r.text)) for r in results}
    pairs: dict[str, tuple[str, str, float]] = {}
    for i, r in enumerate(results):
        named = [s for s in r.derived_from if s in pos and s != r.id]
        if named:
            best = max(named, key=lambda s: (sim[i, pos[s]], s))
            pairs[r.id] = (best, "metadata", float(sim[i, pos[best]]))
    for i, r in enumerate(results):
        if r.id in pairs or r.derived_from:
            continue
        candidates = [
            (float(sim[i, j]), ids[j])
            for j, other in enumerate(results)
            if j != i and sim[i, j] >= threshold and _may_be_source(other, r, words)
        ]
        if candidates:
            score, best = max(candidates)
            pairs[r.id] = (best, "similarity", score)
    return pairs
