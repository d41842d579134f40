"""Where the writer speaks: headings, question-and-answer layout, and quoted speech.

Several signals need to know whose voice a stretch of text is in. Text inside quotation marks is
the speaker's; in an interview laid out as questions and answers, the answers are the
interviewee's. Everything else is the writer's own voice. Headings (short lines without closing
punctuation) are structure, not sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.document import Document, Span

_WORD = re.compile(r"[\w’'-]+")
_CLOSING = tuple('.!?:;,”"’…)—–-')
_QA_INTRO = re.compile(
    r"\b(?:edited (?:and condensed )?excerpts|excerpts from (?:our|the|an?) (?:conversation|"
    r"interview)|(?:interview|conversation) (?:has|have) been (?:edited|condensed)|"
    r"edited for (?:length|clarity)|Q\s?&\s?A)\b",
    re.IGNORECASE,
)
# A question paragraph is an interview question when it is short: long paragraphs ending in "?"
# are the writer musing, not an interviewer asking.
_MAX_QUESTION_WORDS = 45


@dataclass(frozen=True, slots=True)
class Layout:
    """The structure of a Document as far as voice is concerned.

    ``headings`` are paragraph indices of heading lines (the first paragraph included when it is
    one, as a title). ``questions`` are paragraph indices of interview questions and
    ``answers_from`` the offset where the question-and-answer part starts (None when the article
    is not laid out as an interview).
    """

    headings: tuple[int, ...]
    questions: tuple[int, ...]
    answers_from: int | None
    qa_reasons: tuple[str, ...]

    @property
    def is_interview(self) -> bool:
        return self.answers_from is not None


def is_heading(doc: Document, span: Span) -> bool:
    """A short line (2-12 words) that opens with a capital and has no closing punctuation.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "The Road Ahead\\nIt rained all day."))
    >>> [is_heading(doc, p) for p in doc.paragraphs]
    [True, False]
    """
    # The cheap tests first, on the document's text (no copy of the paragraph): most
    # paragraphs end with closing punctuation, and counting the words of every paragraph was a
    # pass over the whole text.
    whole, start, end = doc.text, span.start, span.end
    if start >= end or not whole[start].isupper():
        return False
    if whole.endswith(_CLOSING, start, end) or whole.startswith(("By ", "“", '"'), start, end):
        return False
    text = whole[start:end]
    words = _WORD.findall(text)
    if not 1 <= len(words) <= 12:
        return False
    # A heading capitalises most of its words or is very short ("Editor’s Note").
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return len(words) <= 4 or capital * 2 >= len(words)


def _is_question_paragraph(doc: Document, span: Span) -> bool:
    whole, start, end = doc.text, span.start, span.end
    return (
        whole.endswith("?", start, end)
        and not whole.startswith(("“", '"', "‘"), start, end)
        and not doc.in_quote(Span(end - 1, end))
        and len(_WORD.findall(whole, start, end)) <= _MAX_QUESTION_WORDS
    )


def layout(doc: Document) -> Layout:
    """Headings and question-and-answer structure of ``doc`` (computed once per document and
    kept with it: half a dozen signals ask)."""
    return doc.derived(_layout)


def _layout(doc: Document) -> Layout:
    """Headings and question-and-answer structure of ``doc``.

    The article counts as an interview when at least three short question paragraphs are each
    followed by a paragraph that is not a question, and either they make up a sixth or more of
    the paragraphs from the first question on, or the text announces the format ("edited
    excerpts", "this interview has been edited", "Q&A").

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> text = "Intro.\\nWhy?\\nBecause.\\nHow?\\nSlowly.\\nWhen?\\nSoon."
    >>> _layout(build_document(Article("a", "a", text))).questions
    (1, 3, 5)
    """
    paragraphs = doc.paragraphs
    headings = tuple(i for i, p in enumerate(paragraphs) if is_heading(doc, p))
    asked = [
        i
        for i, p in enumerate(paragraphs[:-1])
        if _is_question_paragraph(doc, p) and not _is_question_paragraph(doc, paragraphs[i + 1])
    ]
    answers_from = None
    reasons: list[str] = []
    if len(asked) >= 3:
        share = len(asked) / (len(paragraphs) - asked[0])
        intro = _QA_INTRO.search(doc.text)
        if share >= 1 / 6 or intro:
            answers_from = paragraphs[asked[0]].start
            reasons.append(f"{len(asked)} question paragraphs each followed by an answer")
            if intro:
                reasons.append(f"the text announces the format (“{intro.group()}”)")
    return Layout(
        headings=headings,
        questions=tuple(asked) if answers_from is not None else (),
        answers_from=answers_from,
        qa_reasons=tuple(reasons),
    )


def in_writer_voice(doc: Document, span: Span, lay: Layout) -> bool:
    """True when ``span`` is the writer's own words: not quoted, not an interview answer.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", 'He said “it may rain.” It may.'))
    >>> lay = layout(doc)
    >>> in_writer_voice(doc, Span(13, 16), lay), in_writer_voice(doc, Span(26, 29), lay)
    (False, True)
    """
    if doc.in_quote(span):
        return False
    if lay.answers_from is not None and span.start >= lay.answers_from:
        i = doc.paragraph_index(span.start)
        return i is not None and i in lay.questions
    return True
