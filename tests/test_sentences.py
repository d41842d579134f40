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
     "1,000.", "ＡＢＣ.", "١٢.", "Ǆ.", "e\u0301."]
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

    from analyzer.sentences import _CLOSERS, _REALIGNMENT

    opening = {c for c in map(chr, range(sys.maxunicode + 1)) if _REALIGNMENT.match(c + " ")}
    assert opening == _CLOSERS


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
    from analyzer.sentences import _ENGINES_DISAGREE, _FAST, _FAST_PERIODS, _NLTK, _patterns

    assert _patterns("No. 2 is here.\x1b\x20\x7f") is _FAST_PERIODS
    assert _patterns("No. 2 is here?\x1b\x20\x7f") is _FAST
    for c in _ENGINES_DISAGREE:
        assert _patterns(f"He left.{c}She stayed.") is _NLTK


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(PIECES, SPACES), min_size=1, max_size=25))
def test_the_re_compilations_match_what_nltk_s_regex_ones_match(parts):
    from analyzer.sentences import _NLTK, _patterns

    text = "".join(p + s for p, s in parts)
    chosen = _patterns(text)  # the compilation with "." alone in a text without "?" and "!"
    if chosen is not _NLTK:
        for fast, nltk in zip(chosen, _NLTK, strict=True):
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
