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
from analyzer.results import Attribution, Quote

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
# At least four and at least two _WORD matches from the start, found by one match: each word
# whole (an atomic group: a word is never cut into two) after the non-word characters before it
# (possessive: nothing is tried twice), as a scan of _WORD.finditer steps from word to word.
_FOUR_WORDS = re.compile(rf"(?:\W*+(?>{_WORD.pattern})){{4}}")
_TWO_WORDS = re.compile(rf"(?:\W*+(?>{_WORD.pattern})){{2}}")
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
    # Four words at most are read: no more is needed (a long quotation is not read to its end).
    if _FOUR_WORDS.match(inner):
        return True
    return inner.endswith(_UTTERANCE_END) and _TWO_WORDS.match(inner) is not None


def find(doc: Document) -> list[Quote]:
    """Quotations of speech in document order, speaker not yet resolved."""
    return [Quote(q.start, q.end, doc.span_text(q)) for q in doc.quotes if is_speech(doc, q)]


def assign_speakers(quotes: list[Quote], attributions: list[Attribution]) -> list[Quote]:
    """Each quotation with the source of the attribution whose content holds it.

    The narrowest such attribution wins (a quotation inside an interview answer belongs to the
    person the answer quotes, when the answer says who); a quotation no attribution holds keeps
    ``speaker=None``.

    Examples
    --------
    >>> from analyzer.results import Attribution
    >>> a = Attribution(0, 20, "direct", "Ana Ruiz", "person", "said", 0, 10)
    >>> assign_speakers([Quote(0, 10, "“We won.”")], [a])[0].speaker
    'Ana Ruiz'
    """
    # The attributions' contents read once, not once for each quotation.
    spoken = [(a.content_start, a.content_end, a) for a in attributions if a.source]
    out = []
    for q in quotes:
        best, width = None, 0
        for start, end, a in spoken:
            # (the first of the narrowest: only a narrower one replaces it)
            if start <= q.start and q.end <= end and (best is None or end - start < width):
                best, width = a, end - start
        if best is not None:
            # (a new Quote from its fields: dataclasses.replace looks the fields up each time)
            out.append(Quote(q.start, q.end, q.text, best.source, best.source_kind))
        else:
            out.append(q)
    return out
