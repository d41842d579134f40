"""Compiled patterns over lexicons: one regular expression per word list, built once.

Signals match phrases from :mod:`analyzer.lexicons` as whole words, case-insensitively, longest
phrase first (so "in fact" wins over "fact" and "no doubt" over "doubt"). Straight and curly
apostrophes are interchangeable, and a space in a phrase matches any run of white space.
"""

from __future__ import annotations

import functools
import re

from analyzer.lexicons import load_lexicon

_APOSTROPHE = re.compile("['’]")


def _phrase_regex(term: str) -> str:
    words = term.split()
    parts = [_APOSTROPHE.sub("['’]", re.escape(w)) for w in words]
    return r"\s+".join(parts)


@functools.cache
def lexicon_pattern(name: str) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern matching any phrase of lexicon ``name``.

    Examples
    --------
    >>> [m.group() for m in lexicon_pattern("boosters").finditer("Of course it is, indeed.")]
    ['Of course', 'indeed']
    """
    terms = sorted(set(load_lexicon(name)), key=lambda t: (-len(t), t))
    body = "|".join(_phrase_regex(t) for t in terms)
    return re.compile(rf"(?<![\w’'-])(?:{body})(?![\w’'-])", re.IGNORECASE)


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
