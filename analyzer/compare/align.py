"""Lexical alignment of derived sentences with source passages.

Each derived sentence is compared with every source passage: each source sentence and each pair
of adjacent sentences (a rewrite often merges two). Both sides are reduced to sets of content
terms (folded, stop words and reporting verbs removed, Porter-stemmed, numbers kept:
:func:`content_terms`) by scikit-learn's ``CountVectorizer``, and passages are scored with one
sparse matrix product (one text alone, a headline, is scored with sets: the same counts,
without the cost of building matrices). A derived term the source never uses is matched to a
source term that shares its first letters (at least five, and four fifths of the shorter
term): a stronger stemmer, so "Mexican" meets "Mexico" and "intervention" meets "intervene",
which Porter's rules keep apart.

Two measures come out of it, and a sentence is only called unsupported when both fail:

*coverage*, the share of the derived sentence's distinct content terms found in the passage.
Unlike cosine similarity it does not fall when the source passage is longer than the sentence,
which is what a summary does to its source. Terms are not weighted by inverse document
frequency: fitted on the two texts, idf gives every word the rewrite introduces the highest
weight by construction, which punished faithful rewording (measured on the evaluation set; see
README).

*anchors*, the largest number of *distinctive* terms the sentence shares with one passage. A
distinctive term is a word the source uses in few sentences (at most two, or a tenth of them),
that is not a number and not a name (a word the source only ever capitalises inside sentences):
a paraphrase that keeps three such words of one passage ("kidnappings", "extortion",
"disappearances") is retelling it, however many words of its own it adds around them, while a
new sentence on the same topic meets the source only on its names and topic words, which every
passage shares. Names and numbers are left out because their own checks judge them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from analyzer.compare.text import content_terms, fold, stem

# Soft matching of terms: a shared beginning of at least this many letters ...
PREFIX_MIN = 5
# ... and at least this share of the shorter term.
PREFIX_SHARE = 0.8
# A term is distinctive when at most this many source sentences use it, or this share of them.
DISTINCTIVE_SENTENCES = 2
DISTINCTIVE_SHARE = 0.1

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Alignment:
    """Best source passage for one derived text: its coverage and character span in the source.

    ``anchors`` is the largest number of distinctive terms the text shares with one passage
    (which need not be the best-covering one).
    """

    coverage: float
    start: int
    end: int
    terms: int  # content terms in the derived text
    anchors: int = 0


def _identity(terms: list[str]) -> list[str]:
    return terms


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@functools.lru_cache(maxsize=100_000)
def _name_term(word: str) -> str:
    """The stemmed, folded form :func:`name_terms` compares (once per word and process)."""
    return stem(fold(word).removesuffix("'s").replace("'", ""))


def name_terms(text: str, sentences: Sequence[tuple[int, int]]) -> frozenset[str]:
    """Stemmed words the text capitalises inside a sentence and never writes in lower case.

    Examples
    --------
    >>> sorted(name_terms("Officials met. The mayor met Ana Ruiz.", [(0, 14), (15, 38)]))
    ['ana', 'ruiz']
    """
    lower: set[str] = set()
    inner: set[str] = set()
    for s, e in sentences:
        for k, m in enumerate(_WORD.finditer(text, s, e)):
            w = m.group()
            term = _name_term(w)
            if w[0].islower():
                lower.add(term)
            elif k > 0:
                inner.add(term)
    return frozenset(inner - lower)


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
    >>> round(a.coverage, 2), (a.start, a.end), a.anchors
    (0.67, (13, 24), 2)
    """

    def __init__(
        self, text: str, sentences: Sequence[tuple[int, int]], fit_texts: Sequence[str] = ()
    ) -> None:
        self.text = text
        singles = list(sentences)
        pairs = [(a[0], b[1]) for a, b in zip(singles, singles[1:], strict=False)]
        self.passages = singles + pairs
        self.n_single = len(singles)
        self.sentence_terms = [content_terms(text[s:e]) for s, e in singles]
        self.source_terms = frozenset(t for terms in self.sentence_terms for t in terms)
        self.by_prefix: dict[str, list[str]] = {}
        for t in sorted(self.source_terms):
            if len(t) >= PREFIX_MIN and not t.isdigit():
                self.by_prefix.setdefault(t[:PREFIX_MIN], []).append(t)
        self.fit_texts = list(fit_texts)

    def terms(self, text: str) -> list[str]:
        """Content terms of ``text``, each one the source lacks replaced by a source term with
        the same beginning, when there is one.

        Examples
        --------
        >>> SourceIndex("Mexico sent troops.", [(0, 19)]).terms("Mexican troops left.")
        ['mexico', 'troop', 'left']
        """
        out = []
        for t in content_terms(text):
            if t not in self.source_terms and len(t) >= PREFIX_MIN and not t.isdigit():
                for s in self.by_prefix.get(t[:PREFIX_MIN], ()):
                    if _shared_prefix(t, s) >= PREFIX_SHARE * min(len(t), len(s)):
                        t = s
                        break
            out.append(t)
        return out

    def _limit(self) -> float:
        """Most sentences a distinctive term may appear in."""
        return max(DISTINCTIVE_SENTENCES, DISTINCTIVE_SHARE * self.n_single)

    @functools.cached_property
    def _vocabulary(self) -> frozenset[str]:
        """The terms the alignment counts: the source's and those of the fitted texts."""
        return self.source_terms.union(*(self.terms(t) for t in self.fit_texts))

    @functools.cached_property
    def _matrices(self) -> tuple[CountVectorizer, sp.csc_matrix | None, sp.dia_matrix | None]:
        """(vectorizer, passage-by-term presence, diagonal of distinctive terms), for aligning
        many texts with one sparse matrix product."""
        singles = self.passages[: self.n_single]
        vectorizer = CountVectorizer(analyzer=_identity, binary=True)
        try:
            vectorizer.fit(self.sentence_terms + [self.terms(t) for t in self.fit_texts] or [[]])
        except ValueError:
            # No content term on either side ("It is."): an empty vocabulary, so nothing aligns,
            # instead of sklearn's "empty vocabulary" error stopping the whole batch.
            vectorizer = CountVectorizer(analyzer=_identity, binary=True, vocabulary=["\x00"])
            vectorizer.fit([[]])
        if not singles:
            return vectorizer, None, None
        single = (vectorizer.transform(self.sentence_terms) > 0).astype(np.float64)
        # A pair holds the terms of either sentence: the element-wise maximum of two rows,
        # so no pair text is read again.
        rows = [single]
        if len(singles) > 1:
            rows.append(single[:-1].maximum(single[1:]))
        presence = sp.vstack(rows).T.tocsc()
        df = np.asarray(single.sum(axis=0)).ravel()
        names = name_terms(self.text, singles)
        vocab = vectorizer.get_feature_names_out()
        ordinary = np.array([not (t.isdigit() or t in names) for t in vocab], dtype=bool)
        distinctive = sp.diags(((df > 0) & (df <= self._limit()) & ordinary).astype(np.float64))
        return vectorizer, presence, distinctive

    def align(self, texts: Sequence[str]) -> list[Alignment | None]:
        """The best passage for each text; None for a text with no content term."""
        if len(texts) == 1:
            return [self._align_one(texts[0])]
        if not texts:
            return []
        vectorizer, presence, distinctive = self._matrices
        weights = vectorizer.transform([self.terms(t) for t in texts])
        totals = np.asarray(weights.sum(axis=1)).ravel()
        shared = anchored = None
        if presence is not None:
            shared = (weights @ presence).toarray()
            anchored = (weights @ distinctive @ presence).toarray()
        out: list[Alignment | None] = []
        for i, text in enumerate(texts):
            n_terms = len(set(content_terms(text)))
            if totals[i] <= 0 or shared is None:
                out.append(None if totals[i] <= 0 else Alignment(0.0, 0, 0, n_terms))
                continue
            out.append(self._best(shared[i] / totals[i], n_terms, int(anchored[i].max())))
        return out

    def _best(self, cov: np.ndarray, n_terms: int, anchors: int) -> Alignment:
        best_single = int(np.argmax(cov[: self.n_single]))
        best = int(np.argmax(cov))
        # Prefer the single sentence unless the pair adds real support.
        if cov[best] <= cov[best_single] + 0.05:
            best = best_single
        s, e = self.passages[best]
        return Alignment(float(cov[best]), s, e, n_terms, anchors)

    def _align_one(self, text: str) -> Alignment | None:
        """:meth:`align` for one text (a headline) with sets instead of matrices.

        The same counts as the matrix product, so the same floats: a passage's coverage is the
        number of the text's distinct counted terms it holds over their number, its anchors
        the number of those that are distinctive in the source.
        """
        wanted = set(self.terms(text)) & self._vocabulary
        n_terms = len(set(content_terms(text)))
        if not wanted:
            return None
        if not self.n_single:
            return Alignment(0.0, 0, 0, n_terms)
        found = [wanted.intersection(terms) for terms in self.sentence_terms]
        found += [a | b for a, b in zip(found, found[1:], strict=False)]
        cov = np.array([len(f) for f in found], dtype=np.float64) / float(len(wanted))
        df = Counter(t for f in found[: self.n_single] for t in f)
        names = name_terms(self.text, self.passages[: self.n_single])
        limit = self._limit()
        distinctive = {t for t, n in df.items() if n <= limit and not (t.isdigit() or t in names)}
        return self._best(cov, n_terms, max(len(f & distinctive) for f in found))
