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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from analyzer.compare.text import content_terms, fold, stem
from analyzer.scan import findall_by_pieces

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
    every: set[str] = set()
    not_first: set[str] = set()
    for s, e in sentences:
        words = _words(text[s:e])
        every.update(words)
        not_first.update(words[1:])
    # Each distinct word looked at (and stemmed) once, not each occurrence.
    lower = {w for w in every if w[0].islower()}
    inner = {w for w in not_first if not w[0].islower()}
    return frozenset(set(map(_name_term, inner)) - set(map(_name_term, lower)))


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``, from a split of the text at white space
    (:func:`analyzer.scan.findall_by_pieces`: a piece of letters only is one word).

    Examples
    --------
    >>> _words("“Ana’s” López-Obrador, 3rd x² (U.N.)")
    ['Ana’s', 'López', 'Obrador', 'rd', 'x²', 'U', 'N']
    """
    return findall_by_pieces(_WORD, text, str.isalpha)


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
    def _passages(self) -> tuple[dict[str, int], _Holders, frozenset[str]]:
        """(column of each source term, the passages holding each term, distinctive terms).

        Built from (passage, term) pairs, never a sentence-by-term table: memory grows with the
        source's length, not with its sentences times its vocabulary (a long report).
        """
        column = {t: j for j, t in enumerate(sorted(self.source_terms))}
        lengths = [len(terms) for terms in self.sentence_terms]
        sentence = np.repeat(np.arange(self.n_single), lengths)
        term = np.fromiter(
            (column[t] for terms in self.sentence_terms for t in terms), np.intp, count=sum(lengths)
        )
        # Each (sentence, term) once; then a pair of sentences i, i + 1 (passage n_single + i)
        # holds the terms of either.
        cell = np.unique(sentence * len(column) + term)
        sentence, term = np.divmod(cell, len(column))
        has_next, has_before = sentence < self.n_single - 1, sentence > 0
        in_pair = np.concatenate([sentence[has_next], sentence[has_before] - 1])
        pair_terms = np.concatenate([term[has_next], term[has_before]])
        pair_cell = np.unique((self.n_single + in_pair) * len(column) + pair_terms)
        passage, held = np.divmod(np.concatenate([cell, pair_cell]), len(column))
        order = np.argsort(held, kind="stable")
        starts = np.zeros(len(column) + 1, dtype=np.intp)
        np.cumsum(np.bincount(held, minlength=len(column)), out=starts[1:])
        holders = _Holders(starts, passage[order], len(self.passages), np.diff(starts).tolist())
        sentences_in = np.bincount(term, minlength=len(column)).tolist()
        used_in = dict(zip(column, sentences_in, strict=True))  # the sentences a term is in
        names = name_terms(self.text, self.passages[: self.n_single])
        limit = self._limit()
        distinctive = frozenset(
            t for t, n in used_in.items() if n <= limit and not (t.isdigit() or t in names)
        )
        return column, holders, distinctive

    def align(self, texts: Sequence[str]) -> list[Alignment | None]:
        """The best passage for each text; None for a text with no content term.

        A passage's coverage is the number of the text's distinct counted terms it holds over
        their number; the anchors, the most of those distinctive in the source that one passage
        holds. Both are counted for many texts and all passages at once (:meth:`_Holders.count`):
        integer counts, exact in any order. Ties go to the first passage, and a pair of sentences
        is only preferred to the best single sentence when it covers more than 0.05 more.
        """
        wanted = [self._counted(t) for t in texts]
        n_terms = [len(set(content_terms(t))) for t in texts]
        if not self.n_single:
            return [
                Alignment(0.0, 0, 0, n) if w else None for w, n in zip(wanted, n_terms, strict=True)
            ]
        column, holders, distinctive = self._passages
        shared = [[column[t] for t in w if t in column] for w in wanted]
        anchors = [[column[t] for t in w if t in distinctive] for w in wanted]
        out: list[Alignment | None] = []
        for lo, hi in _blocks(holders.listed(shared), len(self.passages)):
            out += self._aligned(wanted[lo:hi], n_terms[lo:hi], shared[lo:hi], anchors[lo:hi])
        return out

    def _aligned(
        self,
        wanted: Sequence[frozenset[str]],
        n_terms: Sequence[int],
        shared: list[list[int]],
        anchors: list[list[int]],
    ) -> list[Alignment | None]:
        """:meth:`align` of a block of texts: their counted terms, their number of terms, and
        the columns of those the source holds and of those distinctive in it."""
        holders = self._passages[1]
        cov = holders.count(shared) / np.array([float(len(w) or 1) for w in wanted])[:, None]
        rows = np.arange(len(wanted))
        best_single = cov[:, : self.n_single].argmax(axis=1)
        best = cov.argmax(axis=1)
        best = np.where(cov[rows, best] <= cov[rows, best_single] + 0.05, best_single, best)
        found = zip(
            best.tolist(),
            cov[rows, best].tolist(),
            holders.count(anchors).max(axis=1).tolist(),
            strict=True,
        )
        out: list[Alignment | None] = []
        for w, n, (b, coverage, anchored) in zip(wanted, n_terms, found, strict=True):
            s, e = self.passages[b]
            out.append(Alignment(coverage, s, e, n, anchored) if w else None)
        return out


# Texts are counted against passages a block of texts at a time, so that a long rewrite of a long
# source never holds all its counts at once (each text's answer is its own): a block holds at
# most this many (text, passage) cells, its tables of counts and coverages some 2 MB each...
_CELLS = 1 << 18
# ... and lists at most this many (text, passage holding one of its terms) entries, ~8 MB of
# arrays (a source that repeats a sentence lists every passage for each of its terms). A news
# article's sentences meet its source's passages in one block.
_LISTED = 1 << 18


def _blocks(listed: Sequence[int], n_passages: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive blocks of texts within both bounds, given the entries
    each text lists (a text alone in its block may exceed them).

    Examples
    --------
    >>> list(_blocks([5, 5, 5], 1 << 17))  # two texts' cells a block
    [(0, 2), (2, 3)]
    >>> list(_blocks([_LISTED, 1, 1], 1))  # a text listing the most entries, alone
    [(0, 1), (1, 3)]
    """
    most = max(1, _CELLS // n_passages)
    start, entries = 0, 0
    for i, n in enumerate(listed):
        if i > start and (i - start == most or entries + n > _LISTED):
            yield start, i
            start, entries = i, 0
        entries += n
    if start < len(listed):
        yield start, len(listed)


@dataclass(frozen=True, slots=True)
class _Holders:
    """The passages holding each source term: those of term ``j`` are
    ``passages[starts[j] : starts[j + 1]]``."""

    starts: np.ndarray
    passages: np.ndarray
    n_passages: int
    held: list[int]  # how many passages hold each term

    def listed(self, rows: list[list[int]]) -> list[int]:
        """For each row of term columns, how many entries :meth:`count` lists for it (the
        passages holding each of its terms)."""
        return [sum(self.held[j] for j in row) for row in rows]

    def count(self, rows: list[list[int]]) -> np.ndarray:
        """For each row of term columns, how many of those terms each passage holds (rows by
        passages): every (row, passage holding one of its terms) is listed and counted at once
        with ``np.bincount``, integer counts exact in any order."""
        lengths = np.fromiter(map(len, rows), np.intp, count=len(rows))
        columns = np.fromiter((j for r in rows for j in r), np.intp, count=int(lengths.sum()))
        first = self.starts[columns]
        many = self.starts[columns + 1] - first  # passages holding each term
        # Where each listed passage sits in self.passages: a run from each term's first one.
        at = np.arange(int(many.sum())) + np.repeat(first - (np.cumsum(many) - many), many)
        row = np.repeat(np.repeat(np.arange(len(rows)), lengths), many)
        cells = row * self.n_passages + self.passages[at]
        counts = np.bincount(cells, minlength=len(rows) * self.n_passages)
        return counts.reshape(len(rows), self.n_passages)
