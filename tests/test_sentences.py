"""FastPunkt gives exactly the sentence spans of NLTK's own untrained Punkt."""

from __future__ import annotations

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.document import paragraph_spans
from analyzer.lexicons import load_lexicon
from analyzer.sentences import FastPunkt, reference_punkt

ABBREVIATIONS = load_lexicon("abbreviations")
FAST = FastPunkt(ABBREVIATIONS)
REFERENCE = reference_punkt(ABBREVIATIONS)


def spans(splitter, text):
    return [list(splitter.span_tokenize(text[p.start : p.end])) for p in paragraph_spans(text)]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_same_spans_as_nltk_on_every_seed(seed):
    text = seed.read_text(encoding="utf-8")
    assert spans(FAST, text) == spans(REFERENCE, text)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Lee left at 6 a.m. on Monday. He said so.",
        "The U.S. economy grew 2.5 percent. Prices rose.",
        "It was J. Smith. “Really?” she asked. (He left.) Then 3. items.",
        "Wait... what? No!! Yes. ‘Fine.’ “Done.” [Sic.] -- Over. a. b. 7. x",
        "Sen. Ted Cruz, R-Texas, spoke. Gov. John Kasich did not. Lt.-Gen. Ray.",
        "Ends with an abbreviation: Inc.",
    ],
)
def test_same_spans_as_nltk_on_tricky_sentences(text):
    assert list(FAST.span_tokenize(text)) == list(REFERENCE.span_tokenize(text))


PIECES = st.sampled_from(
    ["Mr.", "Dr.", "U.S.", "a.m.", "J.", "x.", "3.", "3.5", "-4.", "...", "..", ".", "?", "!",
     "?!", "“", "”", '"', "'", "’", "‘", "(", ")", "[", "]", ":", ";", ",", "--", "-", "word",
     "Word", "éclair", "Émile", "ß.", "said.", "Inc.", "co.", "vs.", "i.e.", "e.g.", "No.",
     "1,000.", "ＡＢＣ.", "١٢.", "Ǆ.", "e\u0301.", "\U00010d40.", "7\U00010d41."]
)  # fmt: skip
SPACES = st.sampled_from([" ", "  ", "", "\t", " \u00a0", "\u2009", "\x1f", " \x1c", "\u2028"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(PIECES, SPACES), min_size=1, max_size=25))
def test_same_spans_as_nltk_on_generated_text(parts):
    text = "".join(p + s for p, s in parts).strip()
    assert list(FAST.span_tokenize(text)) == list(REFERENCE.span_tokenize(text))
    assert FAST.spans(text) == list(REFERENCE.span_tokenize(text))


def test_every_character_a_realignment_can_open_with_is_a_closer():
    # A slice that opens with none of _CLOSERS is not matched against _REALIGNMENT at all.
    import sys

    from analyzer.sentences import _CLOSERS, _REALIGNMENT, _REALIGNMENT_FAST, _by_regex

    for realignment in (_by_regex(_REALIGNMENT, "m"), _REALIGNMENT_FAST):
        every = map(chr, range(sys.maxunicode + 1))
        assert {c for c in every if realignment.match(c + " ")} == _CLOSERS


def test_re_and_regex_disagree_on_white_space_only_where_the_splitter_falls_back_to_regex():
    import re
    import sys

    import regex

    from analyzer.sentences import _ENGINES_DISAGREE

    every = list(map(chr, range(sys.maxunicode + 1)))
    disagree = {
        c
        for c in every
        if bool(re.match(r"\s", c)) != bool(regex.match(r"\s", c, regex.V0 | regex.U))
    }
    assert disagree == set(_ENGINES_DISAGREE)


def test_a_text_holding_a_character_the_engines_disagree_on_is_split_with_regex():
    from analyzer.sentences import (
        _ENGINES_DISAGREE,
        _FAST,
        _FAST_PERIODS,
        _REALIGNMENT_FAST,
        _nltk,
        _patterns,
        _realignment,
    )

    assert _patterns("No. 2 is here.\x1b\x20\x7f") is _FAST_PERIODS
    assert _patterns("No. 2 is here?\x1b\x20\x7f") is _FAST
    assert _realignment("No. 2 is here.\x1b\x20\x7f") is _REALIGNMENT_FAST
    for c in _ENGINES_DISAGREE:
        assert _patterns(f"He left.{c}She stayed.") is _nltk()
        assert _realignment(f"He left.{c}She stayed.") is not _REALIGNMENT_FAST


def test_re_and_regex_disagree_on_a_digit_only_outside_the_basic_multilingual_plane():
    # _is_number tests a token holding none of those characters with re.
    import re
    import sys

    import regex

    every = map(chr, range(sys.maxunicode + 1))
    disagree = [c for c in every if bool(re.match(r"\d", c)) != bool(regex.match(r"\d", c))]
    assert disagree and min(disagree) >= "\U00010000"


def test_re_and_regex_disagree_on_an_initial_s_letter_only_outside_ascii():
    # _is_initial tests a token opening with an ASCII character with re.
    import re
    import sys
    import unicodedata

    import regex

    every = map(chr, range(sys.maxunicode + 1))
    letter = r"[^\W\d]"
    disagree = [
        c for c in every if bool(re.match(letter, c)) != bool(regex.match(letter, c, regex.V0))
    ]
    assert disagree and not any(c.isascii() for c in disagree)
    # Nor on punctuation other than connectors: _is_initial answers no for it without regex.
    from analyzer.sentences import _PUNCTUATION_CATEGORIES

    assert not {unicodedata.category(c) for c in disagree} & _PUNCTUATION_CATEGORIES


@pytest.mark.parametrize(
    ("tok", "initial", "number"),
    [
        ("J.", True, False),
        ("_.", True, False),
        ("3.", False, True),
        ("-4.", False, True),
        ("1,000.", False, True),
        ("Ǆ.", True, False),  # outside ASCII: tested by regex
        ("’.", False, False),  # punctuation: no initial
        ("‿.", True, False),  # a connector: a word character to regex
        ("².", False, False),  # a word character to re, no letter to regex
        ("١٢.", False, True),
        ("\U00010d40.", False, True),  # a digit to regex only
        ("JJ.", False, False),
        ("J.\n", True, False),
    ],
)
def test_initials_and_numbers_are_told_as_nltk_s_regex_patterns_tell_them(tok, initial, number):
    from analyzer.sentences import _is_initial, _is_number

    assert (_is_initial(tok), _is_number(tok)) == (initial, number)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(PIECES, SPACES), min_size=1, max_size=25))
def test_the_re_compilations_match_what_nltk_s_regex_ones_match(parts):
    from analyzer.sentences import _nltk, _patterns

    text = "".join(p + s for p, s in parts)
    chosen = _patterns(text)  # the compilation with "." alone in a text without "?" and "!"
    if chosen is not _nltk():
        for fast, nltk in zip(chosen, _nltk(), strict=True):
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in nltk.finditer(text)
            ]
            assert [m.groups() for m in fast.finditer(text)] == [
                m.groups() for m in nltk.finditer(text)
            ]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(PIECES, SPACES), min_size=1, max_size=25))
def test_a_break_told_without_tokens_is_the_one_the_tokens_of_its_context_give(parts):
    from analyzer.sentences import _patterns

    text = "".join(p + s for p, s in parts)
    candidates, words = _patterns(text)
    for match in candidates.finditer(text):
        for word_start in range(max(0, match.start() - 8), match.start() + 1):
            context = text[word_start : match.start()] + match.group() + match.group("after_tok")
            assert FAST._breaks_at(text, match, word_start, words) == (
                FAST.text_contains_sentbreak(context, words)
            )
