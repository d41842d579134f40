"""Whether the clause around a date looks ahead of the time of writing or back from it.

A date such as "on Thursday", "in November" or "March 3" can fall either side of the publication
date; the verb of its clause says which. "The suspects are expected to appear in court on
Thursday" looks ahead (the next Thursday), "Police arrested two men on Monday" looks back (the
last Monday), "Voters must throw these clowns out in November" looks ahead.

:func:`direction` reads the words of the date's clause with the word lists of
``lexicons/tense_markers.txt`` and a rule for regular past forms ("arrested", "happened"):

1. It walks back from the date, word by word, to the start of the clause (the sentence start, a
   semicolon, colon, dash, bracket or quotation mark, or a word that opens a clause: "that",
   "which", "who", "when", "while", "because", "but", "although", "if", ...), and takes the first
   marker it meets. A time phrase usually follows the verb it dates ("said on Monday", "will
   appear in court on Thursday"), so the nearest verb before it is the one that decides.
2. When nothing before the date decides (a date that opens its clause: "On Thursday, the council
   will vote"), it walks forward to the end of the clause the same way.

A marker is "future", "past" or "open"; "open" ("would", "could", "was expected to") stops the
walk undecided, since the clause speaks from a moment that is itself unknown. A past form right
after a form of "be" or "have", "to" or a modal is part of a longer verb ("will be released",
"to be sentenced", "will have ended") and is passed over; after an article or possessive it is an
adjective ("the armed robbery") and is passed over too. Capitalised words other than the first
of the sentence are names ("Theresa May", "Will Smith"), never markers.

Limits: the present tense decides nothing ("The council votes on Thursday" is left to the
default), nor does reported speech without "that" ("He said he will resign on Friday" is read
from "will", but "He said Friday's vote is off" from "said"); a clause is found by punctuation and
a few words, not parsed.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from analyzer.lexicons import load_lexicon

Direction = Literal["future", "past"]
# The direction and the marker that decided it, or (None, None).
Decision = tuple[Direction | None, str | None]

# How far around the date a sentence is looked for: a clause longer than this is rare, and a
# bound keeps the cost of one date fixed whatever the length of the text.
_REACH = 400
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])|\n")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[;:()\"“”—–]| - ")
# Words that open a new clause: a marker beyond one belongs to another verb.
_CLAUSE_OPENERS = frozenset(
    "that which who whom whose when whenever while because although though whereas unless if "
    "where whether but".split()
)
# Before a past form, these make it part of a longer verb or an adjective, not a past tense.
_NOT_FINITE_BEFORE = frozenset(
    "be been being is are am to will 'll shall would could may might must should get gets "
    "have has had "
    "a an the this that these those its their his her our your my".split()
)
# Words ending in "-ed" that are not past forms.
_NOT_PAST_ED = frozenset(
    "hundred sacred naked wicked kindred beloved rugged ragged jagged crooked wretched dogged "
    "shed shred sled bred".split()
)
# A future phrase right after these speaks of a past plan: the event may or may not be past.
_PAST_PLAN = frozenset({"was", "were", "had"})


@functools.cache
def _markers() -> dict[tuple[str, ...], str]:
    """Each phrase of lexicons/tense_markers.txt as its words, with its class."""
    out = {}
    for line in load_lexicon("tense_markers"):
        kind, phrase = line.split(" ", 1)
        out[tuple(phrase.split())] = kind
    return out


@functools.cache
def _longest() -> int:
    return max(len(words) for words in _markers())


def _words(text: str) -> list[str]:
    """The words and clause marks of ``text``, lower-cased; a word capitalised inside the
    sentence is a name ("May", "Will", "Next") and becomes "" so it never makes a marker."""
    out = []
    for k, m in enumerate(_TOKEN.finditer(text)):
        word = m.group().replace("’", "'")
        out.append("" if k and word[:1].isupper() and not word.isupper() else word.lower())
    return out


def _is_boundary(word: str) -> bool:
    return word in _CLAUSE_OPENERS or bool(word) and not word[0].isalpha()


def _single(word: str) -> str | None:
    """Markers written into one word: "we'll", and regular past forms ("arrested")."""
    if word.endswith("'ll"):
        return "future"
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return None if word in _NOT_PAST_ED else "past"
    return None


def _marker(words: list[str], first: int, last: int) -> str | None:
    """The class of ``words[first:last + 1]`` as a marker phrase, or None."""
    phrase = tuple(words[first : last + 1])
    kind = _markers().get(phrase)
    if kind is None and first == last:
        kind = _single(phrase[0])
    before = words[first - 1] if first > 0 else ""
    if kind == "future" and before in _PAST_PLAN:
        return "open"  # "was scheduled for": a past plan, the event either side
    if kind == "past" and first == last and before in _NOT_FINITE_BEFORE:
        return None  # "will be released", "the armed robbery": not a past tense
    return kind


def _decided(words: list[str], first: int, last: int) -> Decision | None:
    kind = _marker(words, first, last)
    if kind is None:
        return None
    if kind == "open":
        return None, None
    return kind, " ".join(words[first : last + 1])  # type: ignore[return-value]


def _walk_back(words: list[str]) -> Decision | None:
    for last in range(len(words) - 1, -1, -1):
        if _is_boundary(words[last]):
            return None
        for first in range(max(0, last - _longest() + 1), last + 1):  # longest phrase first
            found = _decided(words, first, last)
            if found is not None:
                return found
    return None


def _walk_forward(words: list[str]) -> Decision | None:
    for first in range(len(words)):
        if _is_boundary(words[first]):
            return None
        for last in range(min(len(words), first + _longest()) - 1, first - 1, -1):
            found = _decided(words, first, last)
            if found is not None:
                return found
    return None


def direction(text: str, start: int, end: int) -> Decision:
    """Whether the clause around ``text[start:end]`` (a date) looks ahead or back, and the
    words that say so; ``(None, None)`` when nothing in the clause decides.

    Examples
    --------
    >>> direction("They are expected to appear in court on Thursday.", 40, 48)
    ('future', 'are expected')
    >>> direction("Police arrested two men on Monday.", 27, 33)
    ('past', 'arrested')
    >>> direction("The council votes on Thursday.", 21, 29)
    (None, None)
    """
    lo = max(0, start - _REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    head = text[ends[-1] if ends else lo : start]
    stop = _SENTENCE_END.search(text, end, min(len(text), end + _REACH))
    tail = text[end : stop.start() if stop else min(len(text), end + _REACH)]
    found = _walk_back(_words(head))
    if found is None:
        found = _walk_forward(_words(tail))
    return found if found is not None else (None, None)
