"""NLTK's Punkt sentence splitter, rewritten for speed with the same answers.

The project runs Punkt untrained: its only parameters are the abbreviation list, with no learned
collocations, sentence starters or orthographic statistics. For every candidate break (".", "?"
or "!" followed by a token) Punkt builds a ``PunktToken`` object for each word around it and runs
two annotation passes, and every regular expression runs through NLTK's time-limit wrapper; this
made sentence splitting the slowest step of the pipeline. With empty statistics the two passes
reduce to the few rules in :meth:`FastPunkt._breaks_after`. The rest (finding candidates, cutting
slices, realigning closing quotes) follows NLTK 3.9's ``PunktSentenceTokenizer`` line by line,
with NLTK's own patterns compiled once by the same ``regex`` engine, minus the time limit: the
patterns are NLTK's fixed ones, not caller-supplied. ``tests/test_sentences.py`` checks that both
give the same spans.

Derived from NLTK 3.9's ``nltk/tokenize/punkt.py``: Natural Language Toolkit, Copyright (C)
2001-2026 NLTK Project, https://www.nltk.org/. Licensed under the Apache License, Version 2.0
(http://www.apache.org/licenses/LICENSE-2.0); distributed on an "AS IS" BASIS, WITHOUT
WARRANTIES OR CONDITIONS OF ANY KIND.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from typing import Any

import regex

# NLTK 3.9's patterns (nltk/tokenize/punkt.py, PunktLanguageVars and PunktToken), written out so
# that splitting sentences does not import nltk (over a second per process), and compiled with
# the same engine and flags NLTK uses (``regex``, version 0, Unicode).
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb!\?])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_WORDS = regex.compile(
    rf"""(
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
    )""",
    regex.V0 | regex.U | regex.X,
)
_PERIOD_CONTEXT = regex.compile(
    rf"""
        [\.\?!]             # a potential sentence ending
        (?=(?P<after_tok>
            {_NON_WORD}              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))""",
    regex.V0 | regex.U | regex.X,
)
_REALIGNMENT = regex.compile(
    r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', regex.V0 | regex.U | regex.M
)
_NUMERIC = regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$", regex.V0 | regex.U)
_INITIAL = regex.compile(r"[^\W\d]\.$", regex.V0 | regex.U)
_ELLIPSIS = regex.compile(r"\.\.+$", regex.V0 | regex.U)
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

    def text_contains_sentbreak(self, text: str) -> bool:
        """Punkt's answer for one candidate context: does a break follow any but the last word?"""
        tokens: list[str] = []
        for line in text.split("\n"):
            if line.strip():
                tokens.extend(_WORDS.findall(line))
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
        initial = _INITIAL.match(tok) is not None
        if initial or _NUMERIC.sub("##number##", tok.lower()) == "##number##":
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
        slices = self._slices_from_text(text)
        if realign_boundaries:
            slices = self._realign_boundaries(text, slices)
        for sentence in slices:
            yield (sentence.start, sentence.stop)

    def _match_potential_end_contexts(self, text: str) -> Iterator[tuple[Any, str]]:
        previous_slice = slice(0, 0)
        previous_match = None
        for match in _PERIOD_CONTEXT.finditer(text):
            before_text = text[previous_slice.stop : match.start()]
            index_after_last_space = _last_whitespace(before_text)
            if index_after_last_space:
                index_after_last_space += previous_slice.stop + 1
            else:
                index_after_last_space = previous_slice.start
            prev_word_slice = slice(index_after_last_space, match.start())
            if previous_match and previous_slice.stop <= prev_word_slice.start:
                yield (
                    previous_match,
                    text[previous_slice]
                    + previous_match.group()
                    + previous_match.group("after_tok"),
                )
            previous_match = match
            previous_slice = prev_word_slice
        if previous_match:
            yield (
                previous_match,
                text[previous_slice] + previous_match.group() + previous_match.group("after_tok"),
            )

    def _slices_from_text(self, text: str) -> Iterator[slice]:
        last_break = 0
        for match, context in self._match_potential_end_contexts(text):
            if self.text_contains_sentbreak(context):
                yield slice(last_break, match.end())
                if match.group("next_tok"):
                    last_break = match.start("next_tok")
                else:
                    last_break = match.end()
        yield slice(last_break, len(text.rstrip()))

    def _realign_boundaries(self, text: str, slices: Iterator[slice]) -> Iterator[slice]:
        realign = 0
        pending = list(slices)
        for i, sentence1 in enumerate(pending):
            sentence2 = pending[i + 1] if i + 1 < len(pending) else None
            sentence1 = slice(sentence1.start + realign, sentence1.stop)
            if not sentence2:
                if text[sentence1]:
                    yield sentence1
                continue
            m = _REALIGNMENT.match(text[sentence2])
            if m:
                yield slice(sentence1.start, sentence2.start + len(m.group(0).rstrip()))
                realign = m.end()
            else:
                realign = 0
                if text[sentence1]:
                    yield sentence1


def _last_whitespace(text: str) -> int:
    """Index of the last ASCII white-space character, or 0 when there is none (Punkt's quirk:
    a space at index 0 also gives 0)."""
    m = _UP_TO_LAST_SPACE.match(text)
    return m.end() - 1 if m else 0


def reference_punkt(abbreviations: Iterable[str]) -> Any:
    """NLTK's own untrained Punkt with the same abbreviations (what FastPunkt must match)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktToken

    params = PunktParameters()
    params.abbrev_types = {a.lower() for a in abbreviations}
    return PunktSentenceTokenizer(params, token_cls=PunktToken)
