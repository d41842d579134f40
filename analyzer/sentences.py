"""NLTK's Punkt sentence splitter, rewritten for speed with the same answers.

The project runs Punkt untrained: its only parameters are the abbreviation list, with no learned
collocations, sentence starters or orthographic statistics. For every candidate break (".", "?"
or "!" followed by a token) Punkt builds a ``PunktToken`` object for each word around it and runs
two annotation passes, and every regular expression runs through NLTK's time-limit wrapper; this
made sentence splitting the slowest step of the pipeline. With empty statistics the two passes
reduce to the few rules in :meth:`FastPunkt._breaks_after`. The rest (finding candidates, cutting
slices, realigning closing quotes) follows NLTK 3.9's ``PunktSentenceTokenizer`` step by step (in
lists, where NLTK chains generators), with NLTK's own patterns minus the time limit (they are
NLTK's fixed ones, not caller-supplied), compiled by ``re`` where it matches as NLTK's ``regex``
engine does, else by ``regex``.
``tests/test_sentences.py`` checks that both give the same spans.

Derived from NLTK 3.9's ``nltk/tokenize/punkt.py``: Natural Language Toolkit, Copyright (C)
2001-2026 NLTK Project, https://www.nltk.org/. Licensed under the Apache License, Version 2.0
(http://www.apache.org/licenses/LICENSE-2.0); distributed on an "AS IS" BASIS, WITHOUT
WARRANTIES OR CONDITIONS OF ANY KIND.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

# NLTK 3.9's patterns (nltk/tokenize/punkt.py, PunktLanguageVars and PunktToken), written out so
# that splitting sentences does not import nltk (over a second per process). NLTK compiles them
# with ``regex`` (version 0, Unicode); so does :func:`_by_regex`, for the few texts where ``re``
# would match otherwise (see _ENGINES_DISAGREE and _breaks_after).
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb!\?])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_WORDS = rf"""(
        {_MULTI_CHAR}
        |
        (?={_WORD_START})\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            {_NON_WORD}|{_MULTI_CHAR}|          # Punctuation
            ,(?=$|\s|{_NON_WORD}|{_MULTI_CHAR}) # Comma if at end of word
        )
        |
        \S
    )"""
_AFTER_END = rf"""
        (?=(?P<after_tok>
            {_NON_WORD}              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))"""
_PERIOD_CONTEXT = (
    r"""
        [\.\?!]             # a potential sentence ending"""
    + _AFTER_END
)
_REALIGNMENT = r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)'


@functools.cache
def _by_regex(source: str, flags: str = "") -> Any:
    """``source`` compiled as NLTK compiles it: by ``regex``, version 0, Unicode, and ``flags``
    ("x": verbose, "m": multi-line). Imported on first use: importing ``regex`` and compiling
    NLTK's patterns with it took ~15 ms of every batch's start-up, for texts that hardly occur."""
    import regex

    extra = (regex.X if "x" in flags else 0) | (regex.M if "m" in flags else 0)
    return regex.compile(source, regex.V0 | regex.U | extra)


# ``re`` runs the candidate and word patterns in about half the time ``regex`` takes, with the
# same matches but on one point: its \s also matches the ASCII separators \x1c-\x1f (which
# str.isspace calls white space and Unicode's White_Space does not). A text holding none of them
# is split with the ``re`` compilations (tests/test_sentences.py holds the two engines to this).
_ENGINES_DISAGREE = "\x1c\x1d\x1e\x1f"
_FAST = (re.compile(_PERIOD_CONTEXT, re.X), re.compile(_WORDS, re.X))
# For a text holding no "?" and no "!" (most paragraphs): the candidate pattern opening with
# the period alone, a literal the engine skips ahead to; it tries the class of the three marks
# at every character (31 against 15 µs an article).
_FAST_PERIODS = (re.compile(r"\." + _AFTER_END, re.X), _FAST[1])


def _engines_disagree_on(text: str) -> bool:
    """Whether ``text`` holds one of _ENGINES_DISAGREE."""
    # Four substring tests (each a fast search for one character): a search with the class of
    # the four was tried at every character, ~1 µs a paragraph, 23 µs an article.
    return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text


@functools.cache
def _nltk() -> tuple[Any, Any]:
    """The candidate and word patterns as NLTK compiles them (for a text re would misread)."""
    return _by_regex(_PERIOD_CONTEXT, "x"), _by_regex(_WORDS, "x")


def _patterns(text: str) -> tuple[Any, Any]:
    """The candidate and word patterns to split ``text`` (or a piece of it) with."""
    if _engines_disagree_on(text):
        return _nltk()
    if "?" in text or "!" in text:
        return _FAST
    return _FAST_PERIODS


# The characters a realignment opens with (the class that opens _REALIGNMENT): a slice that
# starts with none of them is not matched against the pattern.
_CLOSERS = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")
_REALIGNMENT_FAST = re.compile(_REALIGNMENT, re.M)
# Punkt's token tests. re and regex match the same tokens with them, but where \d meets a digit
# outside the Basic Multilingual Plane (regex's Unicode tables are newer than Python's) and where
# [^\W\d] meets a character outside ASCII (the engines define \w differently): such tokens are
# tested by regex (see _is_initial, _is_number; tests/test_sentences.py checks every character).
_NUMERIC = r"^-?[\.,]?\d[\d,\.-]*\.?$"
_NUMERIC_FAST = re.compile(_NUMERIC)
_INITIAL = r"[^\W\d]\.$"
_INITIAL_FAST = re.compile(_INITIAL)
_ELLIPSIS = re.compile(r"\.\.+$")  # no class: the same in both engines
_BMP_END = "\U00010000"  # the first character outside the Basic Multilingual Plane
# Punctuation that is no connector ("_", "‿"): no word character to either engine, so no initial
# ("’." and "”." end quotations; they made each worker import regex).
_PUNCTUATION_CATEGORIES = frozenset({"Pd", "Ps", "Pe", "Pi", "Pf", "Po"})
# Punkt's orthographic heuristic says "not a sentence start" for these tokens.
_PUNCTUATION = frozenset(";:,.!?")
# Everything up to the last of Python's ASCII white-space characters (Punkt's string.whitespace).
_UP_TO_LAST_SPACE = re.compile(f"(?s).*[{re.escape(string.whitespace)}]")


class FastPunkt:
    """Untrained Punkt: NLTK's sentence spans without building a token object per word.

    Parameters
    ----------
    abbreviations : iterable of str
        Lower-case abbreviations without their final period (Punkt's ``abbrev_types``).

    Examples
    --------
    >>> splitter = FastPunkt(["mr"])
    >>> list(splitter.span_tokenize("Mr. Lee left. He said so."))
    [(0, 13), (14, 25)]
    """

    def __init__(self, abbreviations: Iterable[str]) -> None:
        self._abbrevs = frozenset(a.lower() for a in abbreviations)

    def text_contains_sentbreak(self, text: str, words: Any = None) -> bool:
        """Punkt's answer for one candidate context: does a break follow any but the last word?
        ``words``: the word pattern :func:`_patterns` gives for a text holding this one."""
        if words is None:
            words = _patterns(text)[1]
        if "\n" in text:
            tokens: list[str] = []
            for line in text.split("\n"):
                if line.strip():
                    tokens.extend(words.findall(line))
        else:  # one line, where a blank one has no words
            tokens = words.findall(text)
        for first, second in zip(tokens, tokens[1:], strict=False):
            if self._breaks_after(first, second):
                return True
        return False

    def _breaks_after(self, tok: str, following: str) -> bool:
        """Punkt's two annotation passes for ``tok``, with empty statistics."""
        if tok in ("?", "!", "."):
            return True
        if not tok.endswith(".") or tok.endswith("..") or _ELLIPSIS.match(tok):
            # No break in the first pass, and the second pass only ever removes breaks here.
            return False
        stem = tok[:-1].lower()
        if stem in self._abbrevs or stem.split("-")[-1] in self._abbrevs:
            return False
        initial = _is_initial(tok)
        if initial or _is_number(tok.lower()):
            # The orthographic heuristic: punctuation or a lower-case word does not start a
            # sentence; an initial before a capitalised word is taken for part of a name.
            if following in _PUNCTUATION or following[0].islower():
                return False
            if initial and following[0].isupper():
                return False
        return True

    def span_tokenize(
        self, text: str, realign_boundaries: bool = True
    ) -> Iterator[tuple[int, int]]:
        """(start, end) of each sentence in ``text``, as NLTK's Punkt gives them."""
        cuts = self._cuts(text)
        return iter(_realigned(text, cuts) if realign_boundaries else cuts)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``list(self.span_tokenize(text))``.

        NLTK chains four generators (candidate contexts, slices, realigned slices, spans); this
        makes the lists directly, and matches the realignment pattern only where a slice opens
        with a closing mark: some 14 % less time on news text (many short paragraphs, most of
        them one sentence).
        """
        return _realigned(text, self._cuts(text))

    def _cuts(self, text: str) -> list[tuple[int, int]]:
        """NLTK's ``_slices_from_text`` over ``_match_potential_end_contexts``, as a list of
        (start, stop)."""
        cuts: list[tuple[int, int]] = []
        last_break = 0
        # The previous candidate break and the slice of the word before it.
        previous_match = None
        previous_start = previous_stop = 0
        candidates, words = _patterns(text)
        for match in candidates.finditer(text):
            start = match.start()
            # NLTK looks for the last white space in the slice since the previous candidate
            # (its quirk: one at the slice's first character counts as none); the pattern
            # reads the text from there, no slice is made.
            space = _UP_TO_LAST_SPACE.match(text, previous_stop, start)
            if space is not None and space.end() - 1 > previous_stop:
                index_after_last_space = space.end()
            else:
                index_after_last_space = previous_start
            if previous_match and previous_stop <= index_after_last_space:
                last_break = self._cut(
                    text, cuts, last_break, previous_match, previous_start, words
                )
            previous_match = match
            previous_start, previous_stop = index_after_last_space, start
        if previous_match:
            last_break = self._cut(text, cuts, last_break, previous_match, previous_start, words)
        cuts.append((last_break, len(text.rstrip())))
        return cuts

    def _cut(
        self,
        text: str,
        cuts: list[tuple[int, int]],
        last_break: int,
        match: Any,
        word_start: int,
        words: Any,
    ) -> int:
        """Cut after the candidate ``match`` (whose word starts at ``word_start``) when Punkt
        breaks there; the start of the next sentence."""
        if not self._breaks_at(text, match, word_start, words):
            return last_break
        cuts.append((last_break, match.end()))
        return match.start("next_tok") if match.group("next_tok") else match.end()

    def _breaks_at(self, text: str, match: Any, word_start: int, words: Any) -> bool:
        """``text_contains_sentbreak`` of the candidate's context (its word, its mark and what
        follows), told without splitting the context into tokens where the answer is sure:

        - after "?" or "!": the mark is a token of its own (it is no word character, and what
          follows it is white space or a mark), and a token follows it;
        - after a word of two letters or more that is no abbreviation, then ".": the word and
          its period are one token (no initial, no number), and a token follows it (the period
          opens a run of periods only when the next token starts with one).
        """
        mark = match.group()
        if mark != ".":
            return True
        word = text[word_start : match.start()]
        following = match.group("next_tok")
        if (
            len(word) > 1
            and word.isalpha()
            and not (following and following[0] == ".")
            and word.lower() not in self._abbrevs
        ):
            return True
        return self.text_contains_sentbreak(word + mark + match.group("after_tok"), words)


def _is_initial(tok: str) -> bool:
    r"""Whether Punkt takes ``tok`` for an initial: ``[^\W\d]\.$`` matches at its start."""
    # One character, then "." at the end (or before a final line break): only then can it match.
    if tok[1:] != "." and tok[1:] != ".\n":
        return False
    if tok[0].isascii():
        return _INITIAL_FAST.match(tok) is not None
    if unicodedata.category(tok[0]) in _PUNCTUATION_CATEGORIES:
        return False
    return _by_regex(_INITIAL).match(tok) is not None


def _is_number(tok: str) -> bool:
    """Whether Punkt takes ``tok`` for a number: _NUMERIC replaces all of it."""
    pattern = _NUMERIC_FAST if tok.isascii() or max(tok) < _BMP_END else _by_regex(_NUMERIC)
    return pattern.sub("##number##", tok) == "##number##"


def _realigned(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """NLTK's ``_realign_boundaries``: closing quotes and brackets that open the next slice join
    the slice before it; empty slices are dropped. (Every stop is at most ``len(text)``, so a
    slice is empty exactly when its start is not before its stop.)"""
    out: list[tuple[int, int]] = []
    realign = 0
    last = len(cuts) - 1
    for i, (start, stop) in enumerate(cuts):
        start += realign
        if i == last:
            if start < stop:
                out.append((start, stop))
            break
        next_start, next_stop = cuts[i + 1]
        opening = text[next_start] if next_start < next_stop else ""
        if opening in _CLOSERS and (m := _realignment(text).match(text[next_start:next_stop])):
            out.append((start, next_start + len(m.group(0).rstrip())))
            realign = m.end()
        else:
            realign = 0
            if start < stop:
                out.append((start, stop))
    return out


def _realignment(text: str) -> Any:
    """NLTK's realignment pattern for the slices of ``text``: compiled by re unless the engines
    would disagree on the text's white space."""
    return _by_regex(_REALIGNMENT, "m") if _engines_disagree_on(text) else _REALIGNMENT_FAST


def reference_punkt(abbreviations: Iterable[str]) -> Any:
    """NLTK's own untrained Punkt with the same abbreviations (what FastPunkt must match)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktToken

    params = PunktParameters()
    params.abbrev_types = {a.lower() for a in abbreviations}
    return PunktSentenceTokenizer(params, token_cls=PunktToken)
