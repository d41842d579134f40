"""Matching lexicons in a text: phrases through a word index, regex lexicons as one pattern.

Signals match phrases from :mod:`analyzer.lexicons` as whole words, case-insensitively, longest
phrase first (so "in fact" wins over "fact" and "no doubt" over "doubt"). Straight and curly
apostrophes are interchangeable, and a space in a phrase matches any run of white space.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass

from analyzer.lexicons import load_lexicon


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


# Word-index matching: much faster than one large alternation regex, which Python tries
# alternative by alternative at every character. Words are runs of letters/digits joined by an
# inner apostrophe or hyphen ("it's", "ever-evolving"); a phrase matches consecutive words
# separated only by white space, case-insensitively, curly and straight apostrophes alike.
# The capturing group makes re.split return the words with the text between them, as plain
# strings: [gap, word, gap, word, ..., gap]. No match object per word, as finditer would make.
_WORD_SPLIT = re.compile(r"(\w+(?:['’-]\w+)*)")


@dataclass(frozen=True, slots=True)
class _Words:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    keys: tuple[str, ...]
    # Where each word occurs, as a chain: first[word] is its first index and after[i] the next
    # index of the same word (-1 at the end). Two objects for the garbage collector to track
    # instead of one list per distinct word, which made every article trigger collections.
    first: dict[str, int]
    after: list[int]

    def where(self, words: Collection[str]) -> list[int]:
        """Indices where any of ``words`` occurs, in order."""
        first, after = self.first, self.after
        found = []
        # The set operation walks the smaller side (a lexicon or this text's distinct words).
        for word in first.keys() & words:
            i = first[word]
            while i >= 0:
                found.append(i)
                i = after[i]
        found.sort()
        return found


def _normalise(word: str) -> str:
    return word.lower().replace("’", "'")


@functools.lru_cache(maxsize=4)
def _words(text: str) -> _Words:
    # Keyed by the text itself: the signals of one article share one word list.
    lowered = text.lower().replace("’", "'")
    if len(lowered) == len(text):
        # Lower-casing turns a word character into a word character and any other into another
        # (tests/test_speed_equivalence.py checks every code point): the words fall in the same
        # places as in the text itself.
        parts = _WORD_SPLIT.split(lowered)
        keys = parts[1::2]
    else:  # a rare character whose lower case is longer ("İ"): split the text itself
        parts = _WORD_SPLIT.split(text)
        keys = [_normalise(w) for w in parts[1::2]]
    bounds = list(itertools.accumulate(map(len, parts)))  # the end of each part
    first: dict[str, int] = {}
    after = [-1] * len(keys)
    for i in range(len(keys) - 1, -1, -1):
        k = keys[i]
        after[i] = first.get(k, -1)
        first[k] = i
    return _Words(text, tuple(bounds[0:-1:2]), tuple(bounds[1::2]), tuple(keys), first, after)


_END = ""  # marks the end of a phrase in a trie node (no word is empty)


def _trie(phrases: frozenset[tuple[str, ...]]) -> dict:
    root: dict = {}
    for words in phrases:
        node = root
        for w in words:
            node = node.setdefault(w, {})
        node[_END] = True
    return root


@functools.cache
def _lexicon_trie(name: str) -> dict:
    return _trie(frozenset(tuple(_normalise(w) for w in t.split()) for t in load_lexicon(name)))


@functools.cache
def phrase_trie(phrases: frozenset[str]) -> dict:
    """A trie for phrases built in code (combinations such as "data show", "compiled by")."""
    return _trie(frozenset(tuple(_normalise(w) for w in p.split()) for p in phrases))


def phrase_spans(text: str, name: str | dict) -> list[tuple[int, int]]:
    """``(start, end)`` of each phrase of lexicon ``name`` (or of a :func:`phrase_trie`).

    At each word the longest phrase wins and matching resumes after it, as with a regular
    expression of the phrases sorted longest first.

    Examples
    --------
    >>> text = "Of course it is, indeed. It’s clear."
    >>> [text[s:e] for s, e in phrase_spans(text, "boosters")]
    ['Of course', 'indeed', 'It’s clear']
    """
    w = _words(text)
    root = _lexicon_trie(name) if isinstance(name, str) else name
    keys, starts, ends, n = w.keys, w.starts, w.ends, len(w.keys)
    out: list[tuple[int, int]] = []
    free = 0  # the first word not yet inside a match
    # Only words that can open a phrase are tried: look them up rather than walk every word.
    for i in w.where(root.keys()):
        if i < free:
            continue
        node = root[keys[i]]
        last = i + 1 if _END in node else 0
        j = i + 1
        while j < n and keys[j] in node and text[ends[j - 1] : starts[j]].isspace():
            node = node[keys[j]]
            j += 1
            if _END in node:
                last = j
        if last:
            out.append((starts[i], ends[last - 1]))
            free = last
    return out


def word_starts(text: str, words: frozenset[str]) -> list[int]:
    """Character offsets where one of ``words`` (normalised, lower case) starts, in order.

    Examples
    --------
    >>> word_starts("It is said. Some say so.", frozenset({"some", "it"}))
    [0, 12]
    """
    w = _words(text)
    starts = w.starts
    return [starts[i] for i in w.where(words)]


@functools.cache
def lexicon_terms(name: str) -> frozenset[str]:
    """The normalised terms of a lexicon (lower case, straight apostrophes, single spaces)."""
    return frozenset(" ".join(_normalise(w) for w in t.split()) for t in load_lexicon(name))


def normalise_phrase(text: str) -> str:
    """A phrase as :func:`lexicon_terms` stores it."""
    return " ".join(_normalise(w) for w in text.split())
