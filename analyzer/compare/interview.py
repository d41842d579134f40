"""Question-and-answer interviews: the interviewee's answers are speech even without quote marks.

A text reads as a Q&A interview when at least :data:`MIN_QUESTIONS` paragraphs end with a
question mark (outside quotation marks) and each is followed by a paragraph that does not. The
paragraphs from each such question up to the next question are that question's answer. A rewrite
that keeps none of the answers' words has dropped the interviewee's own voice, which
:func:`analyzer.compare.compare` reports.
"""

from __future__ import annotations

from collections.abc import Sequence

from analyzer.document import Document, Span

MIN_QUESTIONS = 3
_QUOTE_END = "”\"’'"


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def interview_answers(doc: Document) -> list[Span]:
    """The answer spans of a Q&A interview, or an empty list for any other text.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> text = "Intro.\\nWhy?\\nBecause.\\nHow?\\nSlowly.\\nWhen?\\nSoon. Very soon."
    >>> doc = build_document(Article("a", "a", text))
    >>> [doc.span_text(s) for s in interview_answers(doc)]
    ['Because.', 'Slowly.', 'Soon. Very soon.']
    """
    return answer_spans(doc.text, doc.paragraphs)


def may_be_interview(text: str) -> bool:
    """False when ``text`` cannot read as an interview: it holds fewer question marks than an
    interview has questions (each ends with one), so its paragraphs need not be looked at.

    Examples
    --------
    >>> may_be_interview("Why? How? When?"), may_be_interview("Why? How. When.")
    (True, False)
    """
    return text.count("?") >= MIN_QUESTIONS


def answer_spans(text: str, paras: Sequence[Span]) -> list[Span]:
    """:func:`interview_answers` of a Document with this ``text`` and these paragraphs (what it
    reads of the Document: a comparison of a word-for-word copy builds no other part of it)."""
    if not may_be_interview(text):
        return []
    questions = [
        i
        for i, p in enumerate(paras)
        if _is_question(text[p.start : p.end])
        and i + 1 < len(paras)
        and not _is_question(text[paras[i + 1].start : paras[i + 1].end])
    ]
    if len(questions) < MIN_QUESTIONS:
        return []
    answers = []
    for k, qi in enumerate(questions):
        last = questions[k + 1] - 1 if k + 1 < len(questions) else qi + 1
        # After the last question only its first answer paragraph is taken: what follows may
        # be a sign-off or credits, not the interviewee.
        last = min(last, len(paras) - 1)
        answers.append(Span(paras[qi + 1].start, paras[last].end))
    return answers
