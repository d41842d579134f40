"""Whether the clause around a date looks ahead of the time of writing or back from it.

A date such as "on Thursday", "in November" or "March 3" can fall either side of the publication
date; the verb of its clause says which. "The suspects are expected to appear in court on
Thursday" looks ahead (the next Thursday), "Police arrested two men on Monday" looks back (the
last Monday), "Voters must throw these clowns out in November" looks ahead.

:func:`direction` reads the words of the date's clause with the word lists of
``lexicons/tense_markers.txt`` and a rule for regular past forms ("arrested", "happened"):

1. It walks back from the date, word by word, to the start of the clause (the sentence start, a
   semicolon, colon, dash, bracket or quotation mark, or a word that opens a clause: "that",
   "which", "who", "when", "while", "because", "but", "although", "if", ...), at most ten
   words, and takes the first marker it meets. A time phrase usually follows the verb it dates
   ("said on Monday", "will appear in court on Thursday"), so the nearest verb before it is the
   one that decides.
2. A date that opens its sentence, at most two words after its start ("On Thursday, the council
   will vote", "In October, Mrs. Clinton, the nominee, proposed ..."), takes the first marker
   after it, up to the next clause. A date elsewhere takes nothing from after it: "Her victories
   on Tuesday will ..." dates the victories, not "will".
3. A date right after an article or possessive describes a noun ("the Nov. 8 election", "the
   state's June 7 primary"): the clause's verb does not date it, and nothing decides.

A marker is "future", "past" or "open"; "open" ("would", "could", "was expected to") stops the
walk undecided, since the clause speaks from a moment that is itself unknown; so does a past verb
followed by an infinitive ("vowed to remain in the race until June": an intention formed in the
past). A past form right
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
from collections.abc import Iterator
from typing import Literal

from analyzer.lexicons import load_lexicon

Direction = Literal["future", "past"]
# The direction and the marker that decided it, or (None, None).
Decision = tuple[Direction | None, str | None]

# How far around the date a sentence is looked for: a clause longer than this is rare, and a
# bound keeps the cost of one date fixed whatever the length of the text.
_REACH = 400
# A mark, closing marks and white space before what opens a sentence; or a line break. Written
# as ``[.!?][\"”’')]*\s+(?=[\"“‘(`']?[A-Z0-9])|\n`` with the mark or break taken out in front:
# a pattern that opens with a class lets the engine skip to the characters of that class, an
# alternation opening with one was tried at every character (~40 % less time a date).
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|[\"”’')]*\s+(?=[\"“‘(`']?[A-Z0-9]))")
# The word a period follows ("Mr" in "Mr. Trump"): an abbreviation's period ends no sentence.
_BEFORE_PERIOD = re.compile(r"([A-Za-z.]+)\.\Z")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|''|``|[,;:()\"“”—–]| - ")
# A time phrase dates the verb it follows closely: a marker further back than this many words
# belongs to something else ("... is rushing to get it ready for a tournament in March").
_WORDS_BACK = 10
# A date with at most this many words before it in its sentence opens the sentence ("On
# Thursday, the council will vote"), and only then is the verb after it read.
_OPENING_WORDS = 2
# Passed over by the walk forward, which looks for the verb: commas, and the markers that sit in
# noun phrases ("the next debate").
_NOUN_MODIFIERS = frozenset({",", "next", "last", "upcoming"})
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
# After these, a date describes the noun that follows ("the Nov. 8 election", "their Oct. 13
# debate", "the state's June 7 primary"), not when the clause's verb happened.
_DETERMINERS = frozenset("a an the this that these those its their his her our your my".split())
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


@functools.cache
def _phrase_firsts_and_lasts() -> tuple[frozenset[str], frozenset[str]]:
    """The first words and the last words of the marker phrases: a word that is none of the
    last ones (first ones) and no marker of one word (:func:`_single`) ends (opens) no marker,
    so the walks look up no phrase there (most words of a clause)."""
    markers = _markers()
    return frozenset(words[0] for words in markers), frozenset(words[-1] for words in markers)


def _words(text: str) -> list[str]:
    """The words and clause marks of ``text``, lower-cased; a word capitalised inside the
    sentence is a name ("May", "Will", "Next") and becomes "" so it never makes a marker."""
    out = []
    for k, token in enumerate(_TOKEN.findall(text)):  # (no group: the matches' strings)
        word = token.replace("’", "'")
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


def _walk_back(words: list[str]) -> tuple[Decision | None, int | None]:
    """What the nearest marker before the date decides, and how many words of its sentence come
    before the date when it opens the sentence's first clause (None when the walk stopped at
    the start of a later clause, or after _WORDS_BACK words)."""
    walked = 0
    _, lasts = _phrase_firsts_and_lasts()
    for last in range(len(words) - 1, -1, -1):
        word = words[last]
        if word == ",":
            continue
        if _is_boundary(word) or walked == _WORDS_BACK:
            return None, None
        walked += 1
        if word in lasts or _single(word) is not None:
            for first in range(max(0, last - _longest() + 1), last + 1):  # longest phrase first
                found = _decided(words, first, last)
                if found is not None:
                    return found, walked
        if _past_intention(words, last):
            return (None, None), walked
    return None, walked


def _past_intention(words: list[str], to: int) -> bool:
    """Whether ``words[to]`` is the "to" of an infinitive after a past verb ("vowed to remain",
    "agreed to meet"): an intention formed in the past, whose date can fall either side."""
    if words[to] != "to" or to == 0 or to + 1 >= len(words):
        return False
    verb = words[to + 1]
    if not verb.isalpha() or verb in _DETERMINERS:
        return False
    # The verb may have an object before "to": "challenged Hillary Clinton to debate".
    return any(_marker(words, k, k) == "past" for k in range(max(0, to - 3), to))


def _walk_forward(words: list[str]) -> Decision | None:
    """What the first marker after a date that opens its sentence decides; commas are crossed
    ("In October, Mrs. Clinton, the nominee, proposed ...")."""
    firsts, _ = _phrase_firsts_and_lasts()
    for first in range(len(words)):
        word = words[first]
        if word in _NOUN_MODIFIERS:
            continue  # "On Monday night, in an attempt to sway the next debate, Trump told ..."
        if _is_boundary(word):
            return None
        if word not in firsts and _single(word) is None:
            continue
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
    lo, hi = max(0, start - _REACH), min(len(text), end + _REACH)
    last_end = _last_sentence_end(text, lo, start)
    head = _words(text[lo if last_end is None else last_end : start])
    if head and (head[-1] in _DETERMINERS or head[-1].endswith(("'s", "s'"))):
        return None, None  # "the Nov. 8 election": the date of a thing, not of the verb
    found, walked = _walk_back(head)
    if found is None and walked is not None and walked <= _OPENING_WORDS:
        stop = next(_sentence_ends(text, end, hi), None)
        found = _walk_forward(_words(text[end : stop.start() if stop else hi]))
    return found if found is not None else (None, None)


def _sentence_ends(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The sentence ends in ``text[lo:hi]``, less the periods of abbreviations ("Mr.", "U.S.")
    and initials ("J.")."""
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if _ends_sentence(text, lo, m):
            yield m


def _last_sentence_end(text: str, lo: int, hi: int) -> int | None:
    """The end of the last of :func:`_sentence_ends`, None when there is none; only the marks
    from the last one back are checked for abbreviations."""
    for m in reversed(list(_SENTENCE_END.finditer(text, lo, hi))):
        if _ends_sentence(text, lo, m):
            return m.end()
    return None


def _ends_sentence(text: str, lo: int, m: re.Match[str]) -> bool:
    """Whether the sentence-end mark ``m`` (found from ``lo``) ends a sentence: not the period
    of an abbreviation ("Mr.", "U.S.") or of an initial ("J.")."""
    word = _BEFORE_PERIOD.search(text, max(lo, m.start() - 12), m.start() + 1)
    if word is not None:
        w = word.group(1).lower()
        if len(w) == 1 or w in _abbreviations():
            return False
    return True


@functools.cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_lexicon("abbreviations"))
