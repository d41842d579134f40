"""Lexicon patterns built as a trie match exactly what the flat longest-first list matches."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.lexicons import load_lexicon
from analyzer.phrases import _alternation_regex, lexicon_pattern

LEXICONS = sorted(
    p.name[:-4]
    for p in (resources.files("analyzer") / "lexicons").iterdir()
    if p.name.endswith(".txt")
)
SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def flat(name: str) -> re.Pattern[str]:
    body = _alternation_regex(set(load_lexicon(name)))
    return re.compile(rf"(?<![\w’'-])(?:{body})(?![\w’'-])", re.IGNORECASE)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", LEXICONS)
def test_trie_pattern_matches_like_the_flat_list_on_the_seeds(name):
    assert spans(lexicon_pattern(name), SEED_TEXT) == spans(flat(name), SEED_TEXT)


def test_longest_phrase_wins_case_and_spacing_aside():
    text = "Maybe, MAY  be; it may. Of course, OF  COURSE, of courses."
    assert [m.group() for m in lexicon_pattern("hedges").finditer(text)] == ["Maybe", "MAY", "may"]
    assert [m.group() for m in lexicon_pattern("boosters").finditer(text)] == [
        "Of course",
        "OF  COURSE",
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LEXICONS), min_size=1, max_size=1), st.data())
def test_trie_pattern_matches_like_the_flat_list_on_phrase_soup(names, data):
    (name,) = names
    terms = sorted(set(load_lexicon(name)))
    pieces = data.draw(
        st.lists(
            st.one_of(
                st.sampled_from(terms),
                st.sampled_from(terms).map(str.upper),
                st.sampled_from(["s", "-", "’s", " ", "  ", ", ", ".", "x"]),
            ),
            max_size=12,
        )
    )
    text = " ".join(pieces)
    assert spans(lexicon_pattern(name), text) == spans(flat(name), text)
