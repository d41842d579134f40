"""Right of reply: an article that accuses a named person or organisation should give their
response, or say that one was sought.

An accusation is a cue from ``accusation_cues.txt`` ("accused", "allegedly", "failed to",
"blamed", "criticized", "a lawsuit against") in a sentence that names a person or organisation.
The accused is the name the cue points at: the first name after an active cue ("Lee accused
Acme"), the last name before a passive one ("Acme was accused", "Acme allegedly dumped",
"the agency failed to"), which must stand within three words of a passive cue and not behind
"who", "which" or "that"; with no such name the cue is skipped. The accused has had a
reply when the article

- attributes anything to them (a quote, "Acme said", "according to Acme") outside the sentences
  that accuse them, or
- has a response phrase from ``response_cues.txt`` ("declined to comment", "did not respond to a
  request for comment", "said in a statement", "denied") in a sentence that names them or in one
  of the two sentences after an accusation of them ("He denied wrongdoing.").

Otherwise the first accusation of them gets one ``no_response_sought`` finding.

Limits: names come from capitalised runs (analyzer.signals.people), so an accused described but
not named ("the landlord") is not checked; the accuser and accused are told apart by word order,
not by parsing; a response phrase near the accusation is taken to be theirs.
"""

from __future__ import annotations

import bisect
import functools
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.document import Document, Span
from analyzer.lexicons import load_lexicon
from analyzer.results import Attribution, Finding
from analyzer.scan import Scanner, alternation, lowered
from analyzer.signals.people import People

# A response phrase this many sentences after an accusation answers it even without the name.
FOLLOWING = 2


@dataclass(frozen=True, slots=True)
class Reply:
    """Findings plus how many named parties were accused and how many had a reply."""

    findings: list[Finding]
    accused: int
    answered: int


# An ASCII letter to its lower case, any other byte to a space (other characters are "?" in the
# ASCII form of a text, so one byte stands for each character).
_FOLD = bytes(ord(chr(b).lower()) if chr(b) in string.ascii_letters else 32 for b in range(256))


@dataclass(frozen=True, slots=True)
class _Phrases:
    """A lexicon's phrases as whole words, case ignored, any white space between words: the
    scanner finding them in a sentence, and the patterns that tell which sentences of a text may
    hold one (:meth:`sentences`)."""

    scanner: Scanner
    bare: re.Pattern[str]  # the phrases alone, no whole-word tests
    folded: re.Pattern[bytes]  # a space, then a phrase folded as _FOLD folds text

    @classmethod
    def of(cls, name: str) -> _Phrases:
        # Longest first, as the trie needs (what scan.lexicon_scanner builds, any_space=True).
        terms = sorted(load_lexicon(name), key=len, reverse=True)
        if not all(re.fullmatch(r"[a-z].*[a-z]", t.lower()) for t in terms):
            raise ValueError(f"{name}: _Phrases needs phrases opening and ending with a letter")
        phrases = alternation([re.escape(t.lower()).replace(r"\ ", r"\s+") for t in terms])
        scanner = Scanner.compile(r"(?<!\w)", phrases + r"(?!\w)", ignore_case=True)
        folded = sorted({_folded(t) for t in terms}, key=lambda f: (-len(f), f))
        return cls(scanner, re.compile(phrases), re.compile(b" " + alternation(folded).encode()))

    def sentences(self, text: str, sentences: Sequence[Span]) -> list[int]:
        """Indices of the sentences whose own scan may find a phrase, in order: those touched
        by a match of ``folded`` in the folded lower-cased text, and those a phrase opens right
        after a letter.

        A phrase the scanner finds in a sentence, at offset q of the text, has the same
        characters at q in the lower-cased text (the scanner searches the lower-cased sentence),
        which fold to the folded phrase, after a character that is no word character (so a
        space once folded) unless q opens the sentence. A scan of the whole folded text finds
        that match of ``folded`` from q - 1, or an earlier one running past q - 1, whose phrase
        then reaches past q (a match ends in a letter, not in the space at q - 1). A phrase
        opening a sentence right after a letter is looked for at the sentence's start. The
        folded pattern opens with a space, which the engine jumps between (twice as fast as
        the phrases tried at every one of their first letters). Where lower-casing changes the
        text's length (scan.lowered gives None), every sentence is scanned.
        """
        low = lowered(text)
        if low is None:
            return list(range(len(sentences)))
        # Byte i + 1 of ``folded`` stands for character i of the text; byte 0 for what precedes.
        folded = b" " + low.encode("ascii", "replace").translate(_FOLD)
        opens = self.bare.match
        touched = {
            si
            for si, s in enumerate(sentences)
            if folded[s.start] != 32 and opens(low, s.start, s.end)
        }
        ends: list[int] | None = None
        for m in self.folded.finditer(folded):
            if ends is None:
                ends = [s.end for s in sentences]
            # In the text the phrase runs from m.start() to m.end() - 1. The sentences from the
            # first one ending after its start up to the last one starting before its end touch
            # it (they are in text order and do not overlap).
            i = bisect.bisect_right(ends, m.start())
            while i < len(sentences) and sentences[i].start < m.end() - 1:
                touched.add(i)
                i += 1
        return sorted(touched)


def _folded(phrase: str) -> str:
    """``phrase`` as :func:`alternation` reads it, folded: its runs of ASCII letters in lower
    case, each run of other characters (white space, apostrophes) as a run of spaces (which
    the folded text has there, and maybe more)."""
    return r"\s+".join(_LETTERS.findall(phrase.lower()))


_LETTERS = re.compile("[a-z]+")


@functools.cache
def _patterns() -> tuple[_Phrases, frozenset[str], _Phrases]:
    passive = frozenset(load_lexicon("passive_accusation_cues"))
    return _Phrases.of("accusation_cues"), passive, _Phrases.of("response_cues")


_NEAR = re.compile(r"(?:[\s’']*(?!(?:who|which|that)\b)[\w’'\-]+){0,3}[\s’']*", re.IGNORECASE)
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+$", re.IGNORECASE)


def assess(doc: Document, *, people: People, attributions: Sequence[Attribution]) -> Reply:
    """Accused named parties, and a ``no_response_sought`` finding for each one left unanswered.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> from analyzer.signals.people import find_people
    >>> text = "Ana Ruiz accused Acme Corporation of dumping waste. The river is brown."
    >>> doc = build_document(Article("a", "a", text))
    >>> [(f.kind, f.text) for f in assess(doc, people=find_people(doc), attributions=[]).findings]
    [('no_response_sought', 'accused')]
    """
    cues, passive, responses = _patterns()
    text = doc.text
    first_accusation: dict[int, tuple[int, int, str]] = {}
    accused_in: dict[int, list[int]] = {}
    for si in cues.sentences(text, doc.sentences):
        s = doc.sentences[si]
        sentence = text[s.start : s.end]
        mentions = people.at(s.start, s.end)
        if not mentions:
            continue
        for cue_start, cue_end in cues.scanner.spans(sentence):
            start, end = s.start + cue_start, s.start + cue_end
            cue = " ".join(sentence[cue_start:cue_end].lower().split())
            before = [x for x in mentions if x.end <= start]
            after = [x for x in mentions if x.start >= end]
            target_first = cue in passive or _BE_BEFORE.search(sentence[:cue_start])
            # No fall-back to the other side: in "Lee, who sued the company" the name before an
            # active cue is the accuser.
            pick = before[-1:] if target_first else after[:1]
            # A passive cue is about a name right before it ("Mayor John Smith was accused"),
            # not one further back ("Sheinbaum negotiated exits for leaders who were accused").
            if target_first and pick and not _NEAR.fullmatch(text[pick[0].end : start]):
                pick = []
            if not pick:
                continue
            entity = pick[0].entity
            first_accusation.setdefault(entity, (start, end, cue))
            accused_in.setdefault(entity, []).append(si)
    answered: set[int] = set()
    # Response phrases matter only for the accused; most articles accuse no one.
    response_sentences = [
        si
        for si in (responses.sentences(text, doc.sentences) if accused_in else ())
        if responses.scanner.search(text[doc.sentences[si].start : doc.sentences[si].end])
        is not None
    ]
    for entity, sentences in accused_in.items():
        name = people.entities[entity].name
        # Their own words count when they come outside the accusing sentences: "Acme was
        # accused of fraud, according to Lee" must not read as Acme answering.
        if any(
            a.source == name and doc.sentence_index(a.start) not in sentences for a in attributions
        ):
            answered.add(entity)
            continue
        for si in response_sentences:
            s = doc.sentences[si]
            names_them = any(x.entity == entity for x in people.at(s.start, s.end))
            follows = any(0 <= si - a <= FOLLOWING for a in sentences)
            if names_them or follows:
                answered.add(entity)
                break
    findings = []
    for entity, (start, end, cue) in first_accusation.items():
        if entity in answered:
            continue
        name = people.entities[entity].name
        findings.append(
            Finding(
                "no_response_sought",
                start,
                end,
                text[start:end],
                f"The article accuses or criticises {name} (“{cue}”) but gives no response "
                f"from {name} and does not say one was sought, e.g. “did not respond to a "
                f"request for comment” or “declined to comment”. Fair reporting lets the "
                f"accused answer.",
                detail={"accused": name},
            )
        )
    findings.sort(key=lambda f: f.sort_key())
    return Reply(findings, len(accused_in), len(answered))
