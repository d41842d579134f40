"""Direct quotations of speech, told apart from scare quotes, titles and nicknames.

The Document marks every span between quotation marks. A span is taken as speech when its inside
reads like something said: at least four words, or a complete utterance (two words or more ending
in . , ? ! … or a dash inside the marks, as in “Sorry for stating the obvious.”). Short phrases
without such punctuation (“golden parachutes”, “Batman”, “hugs, not bullets”) are quoted words,
not speech.
"""

from __future__ import annotations

import re

from analyzer.document import Document, Span
from analyzer.results import Quote

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
_UTTERANCE_END = tuple(".,?!…—–-")


def is_speech(doc: Document, span: Span) -> bool:
    """Whether a quotation span holds speech rather than quoted words.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", 'He called it “golden parachutes” and said “No.”'))
    >>> [is_speech(doc, q) for q in doc.quotes]
    [False, False]
    """
    inner = doc.text[span.start + 1 : span.end - 1].strip()
    words = len(_WORD.findall(inner))
    if words >= 4:
        return True
    return words >= 2 and inner.endswith(_UTTERANCE_END)


def find(doc: Document) -> list[Quote]:
    """Quotations of speech in document order, speaker not yet resolved."""
    return [
        Quote(start=q.start, end=q.end, text=doc.span_text(q))
        for q in doc.quotes
        if is_speech(doc, q)
    ]
