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


def _atoms(term: str) -> tuple[str, ...]:
    r"""A phrase as regex pieces: one per character (lower-cased, apostrophes as a class), and
    ``\s+`` between words."""
    out: list[str] = []
    for i, word in enumerate(term.split()):
        if i:
            out.append(r"\s+")
        for ch in word:
            low = ch.lower()
            ch = low if len(low) == 1 else ch
            out.append("['’]" if ch in "'’" else re.escape(ch))
    return tuple(out)


def _trie_regex(terms: set[str]) -> str:
    r"""The phrases as one regex shaped like a trie ("in(?:\s+fact|)" for "in", "in fact").

    Python's engine tries the alternatives of a flat list one by one at every position; a trie
    shares their prefixes, which made lexicon matching several times faster. Branches at a node
    start with different characters, and a longer phrase is tried before the phrase that ends
    at the node, so the first match is still the longest phrase, as in the flat list sorted
    longest first (:func:`_alternation_regex`, which tests check it against).
    """
    root: dict[str, dict] = {}
    for term in terms:
        node = root
        for atom in _atoms(term):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|)" if "" in node else ")")

    return emit(root)


def _alternation_regex(terms: set[str]) -> str:
    """The phrases as a flat alternation, longest first: the plain form of :func:`_trie_regex`."""
    return "|".join(_phrase_regex(t) for t in sorted(terms, key=lambda t: (-len(t), t)))


@functools.cache
def lexicon_pattern(name: str) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern matching any phrase of lexicon ``name``.

    Examples
    --------
    >>> [m.group() for m in lexicon_pattern("boosters").finditer("Of course it is, indeed.")]
    ['Of course', 'indeed']
    """
    body = _trie_regex(set(load_lexicon(name)))
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
