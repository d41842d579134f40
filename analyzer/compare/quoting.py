"""Quotations of the rewrite checked against the source's wording, with rapidfuzz.

A derived quotation is split at ellipses ("…", "...", "[...]"), since a writer may cut a long
quote; each piece of two words or more must be found in the source. Both sides are folded first
(case, accents, punctuation: :func:`fold_with_map`), then ``rapidfuzz.fuzz.partial_ratio_alignment``
finds the best-matching stretch of the source. A piece is found when that stretch scores at least
:data:`QUOTE_MATCH` out of 100 (tolerating a changed word or two in a long quote but not in a short
one), or at least :data:`QUOTE_LOOSE` when every content word of the piece is in the stretch
(dropped or changed small words: "put this off too long" for "put this off for too long").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from analyzer.compare.text import content_terms, fold, fold_with_map

QUOTE_MATCH = 90.0
QUOTE_LOOSE = 75.0
_ELLIPSIS = re.compile(r"\s*(?:…|\.\s?\.\s?\.|\[\s*(?:…|\.\.\.)\s*\])\s*")
_MARKS = "“”„«»\"‘’'"


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a derived quotation's words sit in the source (or come closest), and how well."""

    score: float  # the weakest piece's score, 0-100
    source_start: int
    source_end: int


class FoldedSource:
    """The source text folded once, with the map back to original offsets.

    Folded on first use: a comparison whose rewrite quotes nothing (a headline checked against
    its body, most often) never needs it, and folding with the map is a loop over characters.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def _folded_with_map(self) -> tuple[str, list[int]]:
        return fold_with_map(self.text)

    @property
    def folded(self) -> str:
        return self._folded_with_map[0]

    @property
    def where(self) -> list[int]:
        return self._folded_with_map[1]

    def locate(self, quote_text: str) -> QuoteMatch | None:
        """Best match of a quotation (marks included or not) in the source; None when the
        quotation holds fewer than two words.

        Examples
        --------
        >>> src = FoldedSource("He said: “We’re not done yet, not by a long way.”")
        >>> m = src.locate("“We're not done yet — not by a long way”")
        >>> m.score >= QUOTE_MATCH, src.text[m.source_start : m.source_end]
        (True, 'We’re not done yet, not by a long way')
        >>> src.locate("“We have won the war”").score < QUOTE_MATCH
        True
        """
        inner = quote_text.strip().strip(_MARKS).strip()
        pieces = [fold(p) for p in _ELLIPSIS.split(inner)]
        pieces = [p for p in pieces if len(p.split()) >= 2]
        if not pieces or not self.folded:
            return None
        worst: QuoteMatch | None = None
        span_start, span_end = None, None
        for piece in pieces:
            score, dest_start, dest_end = best_stretch(piece, self.folded)
            start, end = self._widen(
                self.where[min(dest_start, len(self.where) - 1)],
                self.where[max(dest_end - 1, 0)] + 1,
            )
            span_start = start if span_start is None else min(span_start, start)
            span_end = end if span_end is None else max(span_end, end)
            if QUOTE_LOOSE <= score < QUOTE_MATCH and set(content_terms(piece)) <= set(
                content_terms(self.text[start:end])
            ):
                score = QUOTE_MATCH
            if worst is None or score < worst.score:
                worst = QuoteMatch(score, start, end)
        assert worst is not None  # pieces is not empty
        if worst.score >= QUOTE_MATCH:
            return QuoteMatch(worst.score, span_start, span_end)
        return worst

    def occurrences(self, quote_text: str) -> list[tuple[int, int]]:
        """Every stretch of the source that holds the quotation word for word (after folding),
        as offsets into the source; empty when the quotation is cut by an ellipsis or holds
        fewer than two words.

        Examples
        --------
        >>> src = FoldedSource("“Lock her up,” Flynn said. Crowds chanted “lock her up!”")
        >>> [src.text[s:e] for s, e in src.occurrences("“Lock her up”")]
        ['Lock her up', 'lock her up']
        >>> FoldedSource("We have the rights.").occurrences("“have the right”")
        []
        """
        inner = quote_text.strip().strip(_MARKS).strip()
        pieces = _ELLIPSIS.split(inner)
        piece = fold(pieces[0]) if len(pieces) == 1 else ""
        if len(piece.split()) < 2:
            return []
        folded = self.folded
        found, at = [], folded.find(piece)
        while at >= 0:
            end = at + len(piece)
            # Whole words only: "have the right" is not in "have the rights".
            if not (at and folded[at - 1].isalnum() or end < len(folded) and folded[end].isalnum()):
                found.append(self._widen(self.where[at], self.where[end - 1] + 1))
            at = folded.find(piece, at + 1)
        return found

    def _widen(self, start: int, end: int) -> tuple[int, int]:
        """Stretch a match to whole words: the aligner may cut a word at either edge."""
        t = self.text
        while start > 0 and t[start - 1].isalnum():
            start -= 1
        while end < len(t) and t[end].isalnum():
            end += 1
        return start, end


def best_stretch(piece: str, text: str) -> tuple[float, int, int]:
    """``rapidfuzz.fuzz.partial_ratio_alignment(piece, text)``'s score and stretch of ``text``.

    A piece that occurs exactly once in the text is that occurrence, scored 100: rapidfuzz scores
    100 only a stretch equal to the piece, so it gives the same answer. It is found with
    ``str.find`` (a quotation copied word for word, the common case, needs no alignment). A piece
    that occurs more than once goes to rapidfuzz, whose choice among equal stretches is not
    always the first one.

    Examples
    --------
    >>> best_stretch("not done yet", "we re not done yet not by a long way")
    (100.0, 6, 18)
    >>> score, start, end = best_stretch("we have won", "we have not won")
    >>> score < 100
    True
    """
    at = text.find(piece)
    if at >= 0 and text.find(piece, at + 1) < 0:
        return 100.0, at, at + len(piece)
    a = fuzz.partial_ratio_alignment(piece, text)
    return a.score, a.dest_start, a.dest_end
