"""Rewrite and summary comparison: what a derived article changed from its source.

:func:`compare` takes two analysed articles and returns a
:class:`~analyzer.results.Comparison`: the derived text's dates, numbers, names, quotations and
factual sentences that the source does not support, each with offsets into the derived text, the
source text it was checked against, and a plain-language message; plus how many direct quotes
each side has. :func:`pair_results` finds source/rewrite pairs in a batch and
:func:`attach_comparisons` adds the comparison block to each rewrite's result.
:func:`unsupported_in` checks one short text, such as a headline, against a source Document.

One module per job: ``numeric`` (numbers), ``names``, ``quoting``, ``align`` (sentence support),
``interview`` (Q&A answers), ``engine`` (the checks), ``pairing``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence

from analyzer.compare.engine import (
    DocumentView,
    check_text,
    derived_units,
    source_view,
    unsupported_in,
)
from analyzer.compare.interview import answer_spans, interview_answers, may_be_interview
from analyzer.compare.pairing import SIMILARITY_THRESHOLD, pair_results, similarity_matrix
from analyzer.compare.quoting import QUOTE_MATCH
from analyzer.document import (
    Article,
    Document,
    Metadata,
    Span,
    build_document,
    paragraph_spans,
)
from analyzer.results import ArticleResult, Comparison, Quote
from analyzer.signals import quotes as quote_signal

__all__ = [
    "compare",
    "Prepared",
    "compare_prepared",
    "attach_comparisons",
    "pair_results",
    "unsupported_in",
    "SIMILARITY_THRESHOLD",
]


def _document(result: ArticleResult, sentences: tuple[Span, ...] | None) -> Document:
    meta = Metadata(title=result.title, published=result.published, outlet=result.outlet)
    return build_document(Article(result.id, result.path, result.text, meta=meta), sentences)


def _quotes(result: ArticleResult, doc: Document) -> list[Quote]:
    return list(result.quotes) if result.quotes is not None else quote_signal.find(doc)


class Prepared:
    """An analysed article read for comparing: its Document (rebuilt from the result's text,
    with the ``sentences`` its analysis found when they are given: see
    :func:`analyzer.document.build_document`), its quotations, and a
    :class:`~analyzer.compare.engine.DocumentView` of them whose parts are made on first use.
    One Prepared serves every comparison the article takes part in, as the source or as the
    rewrite (:func:`compare_prepared`).

    The view is made on first use too: comparing a word-for-word copy with its source reads
    only the results, the source's paragraphs and the quotations (no Document, no sentences).
    ``sentences`` may be a function giving them, called then (a batch reads them from the
    stored result, :func:`analyzer.stored_result.sentences_of`).

    Examples
    --------
    >>> from analyzer import analyze
    >>> article = Prepared(analyze("Prices rose 5 percent in May."))
    >>> len(article.view.doc.sentences), article.view.quotes
    (1, ())
    """

    def __init__(
        self,
        result: ArticleResult,
        sentences: tuple[Span, ...] | Callable[[], tuple[Span, ...] | None] | None = None,
    ) -> None:
        self.result = result
        self._sentences = sentences

    @functools.cached_property
    def view(self) -> DocumentView:
        sentences = self._sentences() if callable(self._sentences) else self._sentences
        doc = _document(self.result, sentences)
        return source_view(doc, _quotes(self.result, doc))

    @functools.cached_property
    def quotes(self) -> tuple[Quote, ...]:
        """The view's quotations (the result's own, when it has them: no Document is made)."""
        quotes = self.result.quotes
        return tuple(quotes) if quotes is not None else self.view.quotes

    @functools.cached_property
    def answers(self) -> list[Span]:
        """:func:`~analyzer.compare.interview.interview_answers` of the Document: from its
        paragraphs alone when the view is not made (the same spans: build_document's)."""
        if "view" in self.__dict__:
            return interview_answers(self.view.doc)
        text = self.result.text
        if not may_be_interview(text):  # most texts: their paragraphs are not split
            return []
        return answer_spans(text, paragraph_spans(text))


def _count(n: int, word: str) -> str:
    if n == 0:
        return f"no {word}s"
    return f"{n} {word}" + ("" if n == 1 else "s")


def compare(
    source_result: ArticleResult,
    derived_result: ArticleResult,
    *,
    paired_by: str = "metadata",
    similarity: float | None = None,
) -> Comparison:
    """Compare a derived article (rewrite, summary) with its source.

    Parameters
    ----------
    source_result, derived_result : ArticleResult
        The two analysed articles (from :func:`analyzer.analyze` or a batch).
    paired_by : {"metadata", "similarity"}
        How the pair was found, written to the record.
    similarity : float, optional
        The pair's document similarity; computed when not given.

    Examples
    --------
    >>> from analyzer import analyze
    >>> src = analyze("Prices rose 5 percent in May. “It is a blip,” Ana Ruiz said.")
    >>> der = analyze("Prices rose 7 percent in May.")
    >>> c = compare(src, der)
    >>> [(i.kind, i.text) for i in c.issues], c.source_direct_quotes, c.derived_direct_quotes
    ([('number_mismatch', '7 percent')], 1, 0)
    """
    return compare_prepared(
        Prepared(source_result),
        Prepared(derived_result),
        paired_by=paired_by,
        similarity=similarity,
    )


def compare_prepared(
    source: Prepared,
    derived: Prepared,
    *,
    paired_by: str = "metadata",
    similarity: float | None = None,
) -> Comparison:
    """:func:`compare` of two prepared articles: what each Prepared made for one comparison
    (its Document, its dates, numbers and words, as a source its names and folded text) serves the
    next one it takes part in.

    Examples
    --------
    >>> from analyzer import analyze
    >>> a, b, c = (Prepared(analyze(f"Prices rose {n} percent.")) for n in (5, 7, 7))
    >>> [[i.text for i in compare_prepared(s, d).issues] for s, d in ((a, b), (b, c))]
    [['7 percent'], []]
    """
    source_result, derived_result = source.result, derived.result
    src_quotes, der_quotes = source.quotes, derived.quotes
    # (A Document's text and publication date are its result's: see Prepared.)
    if derived_result.text == source_result.text and (
        derived_result.published == source_result.published
    ):
        # A word-for-word copy, dated alike, says nothing its source does not (wire copy often
        # arrives so, several times in one batch): no check can find an issue in it.
        issues = []
    else:
        der_view = derived.view
        issues = check_text(source.view, der_view, derived_units(der_view.doc), der_quotes)
    if similarity is None:
        similarity = float(similarity_matrix([source_result.text, derived_result.text])[0, 1])
    answers = source.answers
    kept = _answers_quoted(source, answers, der_quotes)
    notes = [
        f"The source has {_count(len(src_quotes), 'direct quote')}; "
        f"the rewrite has {_count(len(der_quotes), 'direct quote')}."
    ]
    if answers:
        notes.append(
            f"The source is a question-and-answer interview with {len(answers)} answers in the "
            f"interviewee's own words; the rewrite quotes "
            + ("none of them." if not kept else f"{kept} of them.")
        )
    return Comparison(
        source_id=source_result.id,
        similarity=similarity,
        paired_by=paired_by,
        source_direct_quotes=len(src_quotes),
        derived_direct_quotes=len(der_quotes),
        issues=tuple(issues),
        source_interview_answers=len(answers) if answers else None,
        quoted_interview_answers=kept if answers else None,
        notes=tuple(notes),
    )


def _answers_quoted(source: Prepared, answers, der_quotes: Sequence[Quote]) -> int:
    """How many interview answers the rewrite quotes from (at least one matching quotation)."""
    if not answers:  # not an interview: no quotation to look up
        return 0
    hit = set()
    for q in der_quotes:
        m = source.view.folded.locate(q.text)
        if m is None or m.score < QUOTE_MATCH:
            continue
        for k, a in enumerate(answers):
            if a.start <= m.source_start < a.end:
                hit.add(k)
    return len(hit)


def attach_comparisons(results: Sequence[ArticleResult]) -> list[ArticleResult]:
    """The batch's results, each rewrite carrying the comparison with its source.

    Pairs come from :func:`pair_results`; every other result is returned unchanged.
    """
    by_id = {r.id: r for r in results}
    pairs = pair_results(results)
    out = []
    for r in results:
        if r.id in pairs:
            source_id, paired_by, sim = pairs[r.id]
            cmp = compare(by_id[source_id], r, paired_by=paired_by, similarity=sim)
            r = dataclasses.replace(r, comparison=cmp)
        out.append(r)
    return out
