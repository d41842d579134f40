"""Matching lexicons in a text: phrases through a word index, regex lexicons as one pattern.

Signals match phrases from :mod:`analyzer.lexicons` as whole words, case-insensitively, longest
phrase first (so "in fact" wins over "fact" and "no doubt" over "doubt"). Straight and curly
apostrophes are interchangeable, and a space in a phrase matches any run of white space.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from analyzer.claim_phrases import COMPARISON_PHRASES, DOCUMENT_PHRASES, VAGUE_OPENERS
from analyzer.lexicons import load_lexicon
from analyzer.scan import lowered, lowered_pattern


@functools.cache
def regex_lexicon_pattern(name: str) -> re.Pattern[str]:
    """A pattern from a lexicon whose lines are regular expressions (not literal phrases).

    Examples
    --------
    >>> bool(regex_lexicon_pattern("vague_support").search("Experts say it will rain."))
    True
    """
    body = "|".join(f"(?:{t})" for t in load_lexicon(name))
    return re.compile(rf"(?<![\w’'-])(?:{body})(?![\w’'-])", re.IGNORECASE)


@functools.cache
def lowered_lexicon_pattern(name: str) -> re.Pattern[str]:
    """:func:`regex_lexicon_pattern` to match in the lower-cased text
    (:func:`analyzer.scan.lowered`) instead of the text: the same matches, a case-sensitive
    try taking half the time of a caseless one."""
    return lowered_pattern(regex_lexicon_pattern(name).pattern)


# Word-index matching: much faster than one large alternation regex, which Python tries
# alternative by alternative at every character. Words are runs of letters/digits joined by an
# inner apostrophe or hyphen ("it's", "ever-evolving"); a phrase matches consecutive words
# separated only by white space, case-insensitively, curly and straight apostrophes alike.
# The capturing group makes re.split return the words with the text between them, as plain
# strings: [gap, word, gap, word, ..., gap]. No match object per word, as finditer would make.
# (Possessive: a word never gives back a character, so the engine keeps no place to go back to.)
_WORD_SPLIT = re.compile(r"(\w++(?:['’-]\w++)*+)")


@dataclass(frozen=True, slots=True)
class _Words:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    keys: tuple[str, ...]

    def where(self, words: Container[str]) -> list[int]:
        """Indices where any of ``words`` occurs, in order."""
        # One membership test per word, run in C. The text is looked up once for all the
        # lexicons of a pass (see TOGETHER), so no index of where each word occurs is built.
        return list(itertools.compress(range(len(self.keys)), map(words.__contains__, self.keys)))


def _normalise(word: str) -> str:
    return word.lower().replace("’", "'")


@functools.lru_cache(maxsize=4)
def _words(text: str) -> _Words:
    # Keyed by the text itself: the signals of one article share one word list. (The lower case
    # of the text as other signals ask for it, when scan.lowered gives it.)
    lower = lowered(text)
    lower = (text.lower() if lower is None else lower).replace("’", "'")
    if len(lower) == len(text):
        # Lower-casing turns a word character into a word character and any other into another
        # (tests/test_speed_equivalence.py checks every code point): the words fall in the same
        # places as in the text itself.
        parts = _WORD_SPLIT.split(lower)
        keys = parts[1::2]
    else:  # a rare character whose lower case is longer ("İ"): split the text itself
        parts = _WORD_SPLIT.split(text)
        keys = [_normalise(w) for w in parts[1::2]]
    bounds = list(itertools.accumulate(map(len, parts)))  # the end of each part
    return _Words(text, tuple(bounds[0:-1:2]), tuple(bounds[1::2]), tuple(keys))


def lower_case_words_are_ascii(text: str) -> bool:
    """Whether each word of ``text``, in lower case, is ASCII (one join of the keys of the word
    index, kept for the text's other signals).

    Examples
    --------
    >>> lower_case_words_are_ascii("“Don’t,” he said."), lower_case_words_are_ascii("Zürich")
    (True, False)
    """
    return "".join(_words(text).keys).isascii()


# A "." or "," with a word character on each side: inside a token (analyzer.document's tokens,
# "U.S", "3.5", "37,000") it joins two words of the index. One pattern for each mark, opening
# with it: the engine skips ahead to a literal, but tries a class of the two at every character
# (9.6 against 34 us an article).
_JOINTS = (re.compile(r"\.(?<=\w\.)(?=\w)"), re.compile(r",(?<=\w,)(?=\w)"))


def token_keys(text: str) -> tuple[str, ...] | None:
    """The tokens of ``text`` (:func:`analyzer.document.token_texts`) as the word index keys its
    words, in lower case with straight apostrophes; None for a text holding "Σ", whose lower
    case depends on the letters around it (there, lower-case each token on its own).

    A token is words of the index joined by single periods or commas between word characters,
    so the keys are the index's, with those words joined: no split of the text into tokens when
    the index is already built (the lexicon walks and the quotation counts use it), and no new
    string for most tokens.

    Examples
    --------
    >>> token_keys("In 2024, López-Obrador’s U.S. trip (37,000 km)...")
    ('in', '2024', "lópez-obrador's", 'u.s', 'trip', '37,000', 'km')
    """
    if "Σ" in text:
        return None
    w = _words(text)
    joints = sorted([m.start() for joint in _JOINTS for m in joint.finditer(text)])
    if not joints:
        return w.keys
    # The word ending at a joint is joined, by the joint's mark, to the next word.
    return _joined_keys(w.keys, [(bisect.bisect_left(w.ends, at), text[at]) for at in joints])


def _joined_keys(keys: Sequence[str], glue: Iterable[tuple[int, str]]) -> tuple[str, ...]:
    """``keys`` with each ``(i, mark)`` of ``glue`` (in order of ``i``) joining key ``i`` to key
    ``i + 1`` by ``mark``: one pass, each key read once and each token's string made once,
    however many joints there are and however long a run of them ("1,000,000").

    Examples
    --------
    >>> _joined_keys(["u", "s", "trip", "1", "000", "000"], [(0, "."), (3, ","), (4, ",")])
    ('u.s', 'trip', '1,000,000')
    """
    out: list[str] = []
    done = 0  # the keys before this index are in out or in the token being joined
    pieces: list[str] = []  # the token being joined
    for i, mark in glue:
        if i == done - 1:  # the joint continues the token
            pieces += (mark, keys[i + 1])
        else:
            if pieces:
                out.append("".join(pieces))
            out += keys[done:i]
            pieces = [keys[i], mark, keys[i + 1]]
        done = i + 2
    if pieces:
        out.append("".join(pieces))
    out += keys[done:]
    return tuple(out)


def word_count_within(text: str, start: int, end: int) -> int | None:
    """How many words of ``text`` (runs of word characters joined by inner apostrophes or
    hyphens, as the word index holds them) lie in ``text[start:end]``: as many as that slice
    holds on its own, when no word of the text runs across ``start`` or ``end`` (else None).

    Counted from the word index of the whole text, kept for the text's other signals, by two
    bisections: no split of the slice.

    Examples
    --------
    >>> text = "He said “We’re not done,” twice."
    >>> word_count_within(text, 8, 25), word_count_within(text, 4, 25)
    (3, None)
    """
    w = _words(text)
    first = bisect.bisect_left(w.ends, start + 1)  # the first word ending after start
    last = bisect.bisect_left(w.starts, end)  # after the last word starting before end
    if first < last and (w.starts[first] < start or w.ends[last - 1] > end):
        return None
    return max(last - first, 0)


Lexicon = str | frozenset[str]
"""A lexicon's name (a file of analyzer/lexicons), or a set of phrases built in code."""

Spans = tuple[tuple[int, int], ...]

# The key that marks the end of a phrase in a trie node (no word is empty). Its value is the
# positions, in the tuple of lexicons the trie was built for, of the lexicons holding the phrase.
_END = ""


@functools.cache
def _trie(lexicons: tuple[Lexicon, ...]) -> dict:
    """One word trie for several lexicons, so that one walk over a text serves them all."""
    root: dict = {}
    for k, lexicon in enumerate(lexicons):
        terms = load_lexicon(lexicon) if isinstance(lexicon, str) else lexicon
        for words in frozenset(tuple(_normalise(w) for w in t.split()) for t in terms):
            node = root
            for w in words:
                node = node.setdefault(w, {})
            node[_END] = node.get(_END, ()) + (k,)
    return root


@functools.lru_cache(maxsize=8)
def lexicon_spans(text: str, lexicons: tuple[Lexicon, ...]) -> tuple[Spans, ...]:
    """For each of ``lexicons``, the ``(start, end)`` of each of its phrases in ``text``.

    Each lexicon's spans are the ones it gives alone: at each word its longest phrase wins and
    its matching resumes after that phrase, as with a regular expression of its phrases sorted
    longest first. The lexicons share one pass over the words of the text, and the answer is
    kept for the next signal that asks for the same lexicons in the same text.

    Examples
    --------
    >>> text = "Of course it may rain, clearly."
    >>> [[text[s:e] for s, e in spans] for spans in lexicon_spans(text, ("boosters", "hedges"))]
    [['Of course', 'clearly'], ['may']]
    """
    w = _words(text)
    root = _trie(lexicons)
    keys, starts, ends, n = w.keys, w.starts, w.ends, len(w.keys)
    out: list[list[tuple[int, int]]] = [[] for _ in lexicons]
    free = [0] * len(lexicons)  # for each lexicon, the first word not yet inside its match
    # Only words that can open a phrase are tried.
    for i in w.where(root):
        node = root[keys[i]]
        j = i + 1
        if not (j < n and keys[j] in node and text[ends[i] : starts[j]].isspace()):
            # A phrase of one word, the common case: no walk down the trie.
            for k in node.get(_END, ()):
                if i >= free[k]:
                    out[k].append((starts[i], ends[i]))
                    free[k] = j
            continue
        last = dict.fromkeys(node.get(_END, ()), j)  # lexicon -> end of its longest phrase
        while j < n and keys[j] in node and text[ends[j - 1] : starts[j]].isspace():
            node = node[keys[j]]
            j += 1
            for k in node.get(_END, ()):
                last[k] = j
        for k, j in last.items():
            if i >= free[k]:
                out[k].append((starts[i], ends[j - 1]))
                free[k] = j
    return tuple(map(tuple, out))


# The lexicons the text signals (hedging, claims, ai_style, prescriptive) match, by name or as
# the phrase sets the claims signal builds (:mod:`analyzer.claim_phrases`): one pass over an
# article's words finds them all. A pass per lexicon, each looking the words up again, cost
# ~0.2 ms an article more; the claims' sets in a pass of their own, ~0.07 ms. A lexicon not
# listed gets a pass of its own.
TOGETHER: tuple[Lexicon, ...] = (
    "hedges",
    "boosters",
    "number_words",
    "trend_words",
    "superlatives",
    "causal_words",
    "reporting_verbs",
    "prescriptive",
    "ai_phrases",
    COMPARISON_PHRASES,
    DOCUMENT_PHRASES,
    VAGUE_OPENERS,
)
_PLACE = {lexicon: k for k, lexicon in enumerate(TOGETHER)}


def phrase_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """``(start, end)`` of each phrase of ``lexicon`` (a lexicon's name or a set of phrases, see
    :func:`lexicon_spans`).

    Examples
    --------
    >>> text = "Of course it is, indeed. It’s clear."
    >>> [text[s:e] for s, e in phrase_spans(text, "boosters")]
    ['Of course', 'indeed', 'It’s clear']
    """
    k = _PLACE.get(lexicon)
    if k is None:
        return list(lexicon_spans(text, (lexicon,))[0])
    return list(lexicon_spans(text, TOGETHER)[k])


@functools.cache
def lexicon_terms(name: str) -> frozenset[str]:
    """The normalised terms of a lexicon (lower case, straight apostrophes, single spaces)."""
    return frozenset(" ".join(_normalise(w) for w in t.split()) for t in load_lexicon(name))


def normalise_phrase(text: str) -> str:
    """A phrase as :func:`lexicon_terms` stores it."""
    return " ".join(_normalise(w) for w in text.split())
