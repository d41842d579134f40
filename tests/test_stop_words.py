"""The stop-word lexicon is scikit-learn's English list, copied so that analysis needs no scikit-learn."""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analyzer.compare.text import stop_words
from analyzer.lexicons import load_lexicon


def test_the_stop_word_lexicon_is_scikit_learns_list():
    assert stop_words() == ENGLISH_STOP_WORDS
    # One word a line, sorted, none twice: a diff of the file shows what changed.
    terms = load_lexicon("stop_words")
    assert list(terms) == sorted(set(terms))
