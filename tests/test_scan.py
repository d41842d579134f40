"""Scanner: the same matches as the plain pattern's finditer, found faster."""

from __future__ import annotations

import re
import string
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.lexicons import load_lexicon
from analyzer.scan import Scanner, alternation

# Characters where case folding, word classes or apostrophes make matching tricky.
_ALPHABET = "aAbBdeEiIİıkKKlnNosSſuUwz’'- .,\n\t_0Σσς"


def test_lower_casing_keeps_word_space_and_digit_classes_and_ignorecase_equality():
    # For every character whose lower case is one character: \w, \s and \d hold it exactly
    # when they hold its lower case, and re.IGNORECASE takes the two for the same.
    classes = [re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")]
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if len(low) == 1 and low != c:
            assert [bool(p.match(c)) for p in classes] == [bool(p.match(low)) for p in classes]
            assert re.fullmatch(re.escape(low), c, re.IGNORECASE), c


def test_ignorecase_takes_a_character_for_an_ascii_letter_only_when_it_lower_cases_to_it():
    # ... or when lower-casing changes its length (the scanner then uses the plain pattern), or
    # for the two characters the scanner checks for.
    letter = re.compile("[a-z]", re.IGNORECASE)
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if letter.fullmatch(c) and len(c.lower()) == 1 and c not in "ıſ":
            taken_for = [a for a in string.ascii_lowercase if re.fullmatch(a, c, re.IGNORECASE)]
            assert taken_for == [c.lower()], c


def _same(scanner: Scanner, text: str) -> None:
    assert scanner.spans(text) == [m.span() for m in scanner.pattern.finditer(text)]
    first = scanner.pattern.search(text)
    assert scanner.search(text) == (first.span() if first else None)
    if not scanner.caseless:  # matches of the body: the same spans and groups
        expected = [(m.span(), m.groups()) for m in scanner.pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in scanner.matches(text)] == expected


_CASELESS = [
    Scanner.compile(r"\b", r"(?:sued|accused|a\s+suit|in)\b", ignore_case=True),
    Scanner.compile(r"(?<!\w)", r"(?:is|ss|k|w’s|i’d)(?!\w)", ignore_case=True),
    Scanner.compile(r"(?<![\w’'-])", r"(?:[a-z]+-[a-z]+|no)", ignore_case=True),
]
_CASED = [
    Scanner.compile(r"\b", r"(?:Sued|in|In)\b"),
    Scanner.compile(r"(?<![\d.])", r"\d+(?:\.\d+)?"),
    Scanner.compile(r"(?<![\d.])\b", r"(?P<whole>\d+)(?:\.(?P<part>\d+))?"),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_scanner_finds_what_the_plain_pattern_finds(text):
    for scanner in _CASELESS + _CASED:
        _same(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "Acme was ACCUSED; it pursued and sued.",
        "İn SUED ıs ſued",  # plain-pattern fall-backs: length change, dotless i, long s
        "KS sued",  # Kelvin sign lower-cases to k
        "in-in in’s is",
    ],
)
def test_scanner_examples(text):
    for scanner in _CASELESS + _CASED:
        _same(scanner, text)


def test_scanner_on_a_lexicon():
    terms = sorted(load_lexicon("accusation_cues"), key=len, reverse=True)
    body = "|".join(re.escape(t.lower()).replace(r"\ ", r"\s+") for t in terms)
    scanner = Scanner.compile(r"(?<!\w)", rf"(?:{body})(?!\w)", ignore_case=True)
    text = " ".join(t.upper() + "x " + t.title() for t in terms)
    _same(scanner, text)
    assert scanner.spans(text)


def test_a_caseless_pattern_must_be_written_in_lower_case():
    with pytest.raises(ValueError, match="lower-case ASCII"):
        Scanner.compile(r"\b", "Sued", ignore_case=True)
    with pytest.raises(ValueError, match="lower-case ASCII"):
        Scanner.compile(r"\b", "(?-i:sued)", ignore_case=True)
    with pytest.raises(ValueError, match="lower-case ASCII"):
        Scanner.compile(r"\b", "é", ignore_case=True)


PHRASES = st.lists(
    st.lists(st.sampled_from(["a", "b", "ab", "a’", "b-a", "ba"]), min_size=1, max_size=3).map(
        " ".join
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(PHRASES, st.text(alphabet="abB’- \n", max_size=40))
def test_a_trie_alternation_matches_what_the_flat_alternation_longest_first_matches(terms, text):
    terms = sorted(set(terms), key=len, reverse=True)
    alternatives = [re.escape(t).replace(r"\ ", r"\s+") for t in terms]
    flat = "(?:" + "|".join(alternatives) + ")"
    for guard, tail in [("(?<!\\w)", "(?!\\w)"), ("\\b", "\\b"), ("", "")]:
        plain = re.compile(guard + flat + tail)
        trie = re.compile(guard + alternation(alternatives) + tail)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_trie_alternation_refuses_what_it_cannot_match_like_the_flat_one():
    with pytest.raises(ValueError, match="extending it"):
        alternation(["sue", "sued"])  # the flat alternation would stop at "sue"
    with pytest.raises(ValueError, match="literal phrase"):
        alternation(["a.c"])
    with pytest.raises(ValueError, match="both"):
        alternation([r"a\s+b", r"a\ c"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab", min_size=1, max_size=4), max_size=12))
def test_an_alternation_refuses_the_first_phrase_that_comes_before_one_extending_it(phrases):
    # The rule as comparing every pair of phrases states it.
    refused = next(
        (
            phrase
            for i, phrase in enumerate(phrases)
            if any(len(later) > len(phrase) and later.startswith(phrase) for later in phrases[i:])
        ),
        None,
    )
    if refused is None:
        alternation(phrases)
    else:
        with pytest.raises(ValueError) as raised:
            alternation(phrases)
        assert str(raised.value) == f"{refused!r} comes before a phrase extending it"


def test_a_guard_may_not_hold_a_group():
    with pytest.raises(ValueError, match="a guard holds no groups"):
        Scanner.compile(r"(?<=(a))", "b")


def test_a_caseless_scanner_gives_spans_but_not_match_objects():
    scanner = Scanner.compile(r"\b", "rain", ignore_case=True)
    assert scanner.spans("Rain, RAIN.") == [(0, 4), (6, 10)]
    with pytest.raises(ValueError, match="lower-cased text"):
        scanner.matches("Rain")
