"""Lexical alignment of derived sentences with source passages.

Each derived sentence is compared with every source passage: each source sentence and each pair
of adjacent sentences (a rewrite often merges two). Both sides are reduced to sets of content
terms (folded, stop words and reporting verbs removed, Porter-stemmed, numbers kept:
:func:`content_terms`), and all passages are scored at once with one product of two small 0/1
matrices (texts by terms, terms by passages): counts of shared terms. A derived term the source
never uses is matched to a source term that shares its first letters (at least five, and four
fifths of the shorter term): a stronger stemmer, so "Mexican" meets "Mexico" and "intervention"
meets "intervene", which Porter's rules keep apart.

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

import copy
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

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
        words = _WORD.findall(text, s, e)
        lower.update(w for w in words if w[0].islower())
        inner.update(w for w in words[1:] if not w[0].islower())
    # Each distinct word stemmed once.
    return frozenset(set(map(_name_term, inner)) - set(map(_name_term, lower)))


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

    def fitted(self, fit_texts: Sequence[str]) -> SourceIndex:
        """This index with other fitted texts: what depends on the source alone (its sentences'
        terms, its passages and distinctive terms) is shared, not made again (a source with
        several rewrites is indexed once).

        Examples
        --------
        >>> idx = SourceIndex("Prices rose. Wages fell.", [(0, 12), (13, 24)])
        >>> [a.start for a in idx.fitted(["Wages fell sharply."]).align(["Wages fell sharply."])]
        [13]
        """
        if self.n_single:
            _ = self._passages  # made here, so that every fitted copy shares it
        other = copy.copy(self)
        other.fit_texts = list(fit_texts)
        other.__dict__.pop("_fit_terms", None)
        return other

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
    def _fit_terms(self) -> dict[str, frozenset[str]]:
        """The distinct :meth:`terms` of each fitted text, computed once."""
        return {t: frozenset(self.terms(t)) for t in self.fit_texts}

    def _counted(self, text: str) -> frozenset[str]:
        """The distinct terms of ``text`` the alignment counts: those of the source and of the
        fitted texts (all of a fitted text's own)."""
        fitted = self._fit_terms.get(text)
        if fitted is not None:
            return fitted
        return frozenset(self.terms(text)).intersection(
            self.source_terms.union(*self._fit_terms.values())
        )

    @functools.cached_property
    def _passages(self) -> tuple[dict[str, int], sp.csc_array, frozenset[str]]:
        """(column of each source term, term-by-passage presence, distinctive terms)."""
        column = {t: j for j, t in enumerate(sorted(self.source_terms))}
        singles = [frozenset(terms) for terms in self.sentence_terms]
        # A pair holds the terms of either sentence: no pair text is read again.
        passages = singles + [a | b for a, b in zip(singles, singles[1:], strict=False)]
        presence = _presence([[column[t] for t in terms] for terms in passages], len(column)).T
        df: dict[str, int] = {}
        for terms in singles:
            for t in terms:
                df[t] = df.get(t, 0) + 1
        names = name_terms(self.text, self.passages[: self.n_single])
        limit = self._limit()
        distinctive = frozenset(
            t for t, n in df.items() if n <= limit and not (t.isdigit() or t in names)
        )
        return column, presence.tocsc(), distinctive

    def align(self, texts: Sequence[str]) -> list[Alignment | None]:
        """The best passage for each text; None for a text with no content term.

        A passage's coverage is the number of the text's distinct counted terms it holds over
        their number; the anchors, the most of those distinctive in the source that one passage
        holds. Both counts for all texts and passages come from sparse products of 0/1 matrices:
        sums of ones, exact in any order.
        """
        wanted = [self._counted(t) for t in texts]
        n_terms = [len(set(content_terms(t))) for t in texts]
        if not self.n_single:
            return [
                Alignment(0.0, 0, 0, n) if w else None for w, n in zip(wanted, n_terms, strict=True)
            ]
        column, presence, distinctive = self._passages
        rows = [[column[t] for t in w if t in column] for w in wanted]
        shared = (_presence(rows, len(column)) @ presence).toarray()
        rows = [[column[t] for t in w if t in distinctive] for w in wanted]
        anchored = (_presence(rows, len(column)) @ presence).toarray()
        return [
            self._best(shared[i] / float(len(w)), n_terms[i], int(anchored[i].max())) if w else None
            for i, w in enumerate(wanted)
        ]

    def _best(self, cov: np.ndarray, n_terms: int, anchors: int) -> Alignment:
        best_single = int(np.argmax(cov[: self.n_single]))
        best = int(np.argmax(cov))
        # Prefer the single sentence unless the pair adds real support.
        if cov[best] <= cov[best_single] + 0.05:
            best = best_single
        s, e = self.passages[best]
        return Alignment(float(cov[best]), s, e, n_terms, anchors)


def _presence(rows: list[list[int]], n_columns: int) -> sp.csr_array:
    """A 0/1 matrix with a one in each row at the given columns."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((j for r in rows for j in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices))
    return sp.csr_array((data, indices, indptr), shape=(len(rows), n_columns))
