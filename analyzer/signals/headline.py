"""Headline vs body: claims of the headline that the article's own body does not support.

The headline (``doc.meta.title``) is checked against the body with the comparison engine
(:func:`analyzer.compare.engine.unsupported_in`): numbers, dates and names the body does not
give, and a headline whose content words no body sentence covers. One more check of its own:
a strong verb, superlative or alarm word (``headline_strong_words.txt``: "slams", "record",
"worst", "resigns") whose stem the body never uses. A headline that ends in a question mark
claims nothing and is not checked.

Where the finding points: when the headline is also the first paragraph of the text, at the
headline words themselves (that paragraph is then left out of the body); otherwise at the first
sentence of the body, the lede the headline should summarise, with the headline words in the
message and in ``detail``.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from analyzer.compare.engine import unsupported_in
from analyzer.document import Document, blank
from analyzer.lexicons import load_lexicon
from analyzer.results import Finding

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


@functools.cache
def _strong() -> frozenset[str]:
    return frozenset(load_lexicon("headline_strong_words"))


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude stem for matching headline words in the body: no suffix, at most five letters.

    Examples
    --------
    >>> stem("Slams"), stem("resigned"), stem("biggest")
    ('slam', 'resig', 'bigge')
    """
    w = word.lower()
    base = _SUFFIX.sub("", w) if len(w) > 4 else w
    return base[:5]


def _body(doc: Document, skip: tuple[int, int] | None) -> Document:
    """``doc`` without the headline paragraph (blanked, so offsets stay the same)."""
    if skip is None:
        return doc
    s, e = skip
    text = blank(doc.text, [skip])

    def keep(spans):
        return tuple(x for x in spans if x.end <= s or x.start >= e)

    # Tokens are not passed: built from the blanked text when asked for, they are the ones kept
    # (no token crosses a paragraph's edge), and most checks never ask.
    return dataclasses.replace(
        doc,
        text=text,
        paragraphs=keep(doc.paragraphs),
        sentences=keep(doc.sentences),
        quotes=keep(doc.quotes),
    )


def _headline_paragraph(doc: Document, title: str) -> tuple[int, int] | None:
    if not doc.paragraphs:
        return None
    first = doc.paragraphs[0]
    if " ".join(doc.span_text(first).split()) == " ".join(title.split()):
        return first.start, first.end
    return None


def _phrase(message: str) -> str:
    """The comparison engine's message, reworded for headline vs body."""
    return (
        message.replace("The rewrite", "The headline")
        .replace("the rewrite", "the headline")
        .replace("source passage", "body passage")
        .replace("the source", "the body")
        .replace("of the source", "of the body")
    )


def find(doc: Document) -> list[Finding]:
    """``headline_unsupported`` findings, sorted by position.

    Examples
    --------
    >>> from analyzer.document import Article, Metadata, build_document
    >>> body = "The council raised the tax by 4.5 percent on Tuesday."
    >>> doc = build_document(Article("a", "a", body, Metadata(title="Council Slams Tax")))
    >>> [(f.kind, f.text[:11], f.detail["claim"]) for f in find(doc)]
    [('headline_unsupported', 'The council', 'Slams')]
    """
    title = (doc.meta.title or "").strip()
    # A question ("Can This Man Finally Defeat Mexico's Cartels?") asks; it claims nothing.
    if not title or title.endswith("?") or not doc.sentences:
        return []
    placed = _headline_paragraph(doc, title)
    body = _body(doc, placed)
    if not body.sentences:
        return []
    claims: list[tuple[int, int, str, str]] = []
    for issue in unsupported_in(title, body):
        claims.append((issue.start, issue.end, issue.text, _phrase(issue.message)))
    body_stems = {stem(w) for w in _WORD.findall(body.text)}
    for m in _WORD.finditer(title):
        word = m.group()
        if word.lower() in _strong() and stem(word) not in body_stems:
            claims.append(
                (
                    m.start(),
                    m.end(),
                    word,
                    f"The headline says “{word}”, but the body never says so: a strong word "
                    f"in a headline should rest on what the article reports.",
                )
            )
    lede = body.sentences[0]
    findings = []
    for start, end, claim, message in claims:
        if placed is not None:
            s, e = placed[0] + start, placed[0] + end
        else:
            s, e = lede.start, lede.end
            message = f"Headline “{title}”: {message}"
        findings.append(
            Finding(
                "headline_unsupported",
                s,
                e,
                doc.text[s:e],
                message,
                detail={"headline": title, "claim": claim},
            )
        )
    findings.sort(key=lambda f: f.sort_key())
    return findings
