"""Findings about unnamed sources: ``anonymous_source`` and ``vague_attribution``.

- ``anonymous_source``: a source the article deliberately leaves unnamed: "sources said", "a
  senior official said", "people familiar with the matter" and any phrase of
  ``anonymity_phrases.txt`` ("who spoke on condition of anonymity").
- ``vague_attribution``: a source so general that nobody could check it: "experts emphasize",
  "critics say", "studies show", "some residents worry" (heads in ``vague_sources.txt``) with no
  name, organisation or place to narrow it down.

Both are read off the attributions (their source words), so a vague phrase that introduces no
statement is not flagged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from analyzer.document import Document
from analyzer.lexicons import load_lexicon
from analyzer.results import Attribution, Finding
from analyzer.scan import Scanner, lexicon_scanner, lowered, offsets

# Heads that mark a deliberately unnamed insider rather than a vague crowd.
_INSIDERS = frozenset(
    "source sources insider insiders official officials spokesman spokeswoman spokesperson "
    "aide aides adviser advisers advisor advisors person people diplomat diplomats".split()
)
ANONYMOUS_MESSAGE = (
    "This source is not named. A reader cannot check who said it or what stake they have; "
    "good practice is to say why the source was granted anonymity."
)
REASONED_MESSAGE = (
    "This source is not named, and the article says why. A reader still cannot check who said "
    "it or what stake they have."
)
VAGUE_MESSAGE = (
    "This attribution does not say who exactly: which {head}? A reader cannot check a claim "
    "credited to an unnamed group."
)

# "Everyone knows": no group to ask "which ...?" of; the claim is presented as common knowledge.
COMMON_KNOWLEDGE = frozenset({"everyone", "everybody"})
_EVERYONE_MESSAGE = (
    "This attribution credits “{head}”: a claim presented as common knowledge names no one a "
    "reader could check it with."
)


@functools.cache
def _vague() -> frozenset[str]:
    return frozenset(load_lexicon("vague_sources"))


def _specific(words: list[str]) -> bool:
    """A capitalised word after the first (a name, an agency, a place) narrows the source."""
    return any(w[:1].isupper() for w in words[1:])


def find(doc: Document, attributions: Sequence[Attribution]) -> list[Finding]:
    """anonymous_source and vague_attribution findings, sorted by (start, end, kind).

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> from analyzer.signals import attribution
    >>> doc = build_document(Article("a", "a", "Experts say the plan failed. Sources said so."))
    >>> [(f.kind, f.text) for f in find(doc, attribution.find(doc))]
    [('vague_attribution', 'Experts'), ('anonymous_source', 'Sources')]
    """
    text = doc.text
    out: list[Finding] = []
    for a in attributions:
        if a.source_start is None or a.source_end is None or a.source_kind != "anonymous":
            continue
        chunk = text[a.source_start : a.source_end]
        words = chunk.split()
        head = words[-1].lower().strip(".,") if words else ""
        if head in _INSIDERS and not (head in _vague() and _quantified(words)):
            kind, message = "anonymous_source", ANONYMOUS_MESSAGE
        elif head in _vague() and not _specific(words):
            kind = "vague_attribution"
            message = (_EVERYONE_MESSAGE if head in COMMON_KNOWLEDGE else VAGUE_MESSAGE).format(
                head=head
            )
        else:
            continue
        out.append(Finding(kind, a.source_start, a.source_end, chunk, message))
    covered = [(f.start, f.end) for f in out]
    # One anonymous source is one finding: a phrase in a sentence that already has one ("Two
    # officials, who spoke on condition of anonymity because they were not authorized ...")
    # adds none.
    flagged = {doc.sentence_index(f.start) for f in out if f.kind == "anonymous_source"}
    # The order of the file does not change what matches: the only phrase that extends another
    # ("anonymous sources") goes on with a letter, where the shorter one cannot end (\b), so the
    # two never both match in one place.
    for start, end in _phrase_spans(text):
        if any(s < end and start < e for s, e in covered):
            continue
        sentence = doc.sentence_index(start)
        if sentence in flagged:
            continue
        flagged.add(sentence)
        out.append(Finding("anonymous_source", start, end, text[start:end], ANONYMOUS_MESSAGE))
    out = [_with_reason(doc, f) for f in out]
    out.sort(key=lambda f: f.sort_key())
    return out


def _with_reason(doc: Document, f: Finding) -> Finding:
    """An anonymous_source finding followed in its sentence by why the source is unnamed says
    so ("..., who asked not to be named because he was not authorized to speak, said")."""
    if f.kind != "anonymous_source":
        return f
    i = doc.sentence_index(f.start)
    if i is None:
        return f
    sentence = doc.sentences[i]
    if _reasons().search(doc.text[f.start : sentence.end]) is None:
        return f
    return Finding(f.kind, f.start, f.end, f.text, REASONED_MESSAGE)


def _reasons() -> Scanner:
    """The scanner of phrases giving a reason for anonymity, whole words only."""
    return lexicon_scanner("anonymity_reasons", r"\b", r"\b")


def _phrases() -> Scanner:
    """The scanner of anonymity phrases, whole words only (built once per process)."""
    # Without any_space: a phrase then matches exactly as many characters as it has, which the
    # windows of _phrase_spans rely on (with any_space, "close  to" would outgrow _reach).
    return lexicon_scanner("anonymity_phrases", r"\b", r"\b")


# Every phrase of anonymity_phrases.txt holds one of these in lower case (the speed
# equivalence tests check): a text whose lower case holds none (four news texts in five) is not
# scanned.
PHRASE_KEYS = (
    "anonym",
    "named",
    "identified",
    "authorized",
    "familiar with",
    "knowledge of",
    "close to",
)


def _phrase_spans(text: str) -> list[tuple[int, int]]:
    """``_phrases().spans(text)``, looked for only around the places of PHRASE_KEYS.

    A phrase holds a key and is at most ``reach`` characters long, so a match holding the key
    at k starts at k - reach or later and ends at k + reach or earlier: the pattern is run over
    the windows around the keys (overlapping windows merged), each ending one character after
    the last match it can hold, so that the test for a word's end reads the text's own next
    character. The pattern tried at every letter of a text holding a key (one in five) took
    ~0.23 ms; most texts hold none and are not scanned at all.
    """
    # (scan.lowered: None where the lower case could miss a caseless match: then scanned.)
    low = lowered(text)
    if low is None:
        return _phrases().spans(text)
    reach = _reach()
    windows: list[list[int]] = []
    for at in offsets(low, PHRASE_KEYS):
        start, end = max(0, at - reach), min(len(text), at + reach + 1)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    finditer = _phrases().pattern.finditer
    return [m.span() for start, end in windows for m in finditer(text, start, end)]


@functools.cache
def _reach() -> int:
    """The length of the longest anonymity phrase (one character of text per character)."""
    return max(map(len, load_lexicon("anonymity_phrases")))


_QUANTIFIERS = re.compile(r"^(?:some|many|several|most|other|few)$", re.IGNORECASE)


def _quantified(words: list[str]) -> bool:
    """ "some officials", "many people": a crowd, not an insider."""
    return bool(words) and bool(_QUANTIFIERS.match(words[0])) and not _specific(words)
