"""The fast Porter stemmer gives every word the stem NLTK's PorterStemmer gives (the specification).

analyzer.compare.fast_porter writes the default (NLTK_EXTENSIONS) mode of
nltk.stem.porter.PorterStemmer with suffix tables, so that a run neither imports NLTK (its
package __init__ costs a third of a second) nor pays for its rule lists on every word.
"""

from __future__ import annotations

import re

from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.stem.porter import PorterStemmer

from analyzer.compare import fast_porter
from analyzer.readability import _syllable_table

SPEC = PorterStemmer()


def test_same_stems_as_the_class_on_the_pronouncing_dictionary():
    words = sorted(_syllable_table())[::4]  # a quarter: some 30,000 words
    assert [fast_porter.stem(w) for w in words] == [SPEC.stem(w) for w in words]


def test_same_stems_as_the_class_on_the_words_of_the_seeds():
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    words = sorted(set(re.findall(r"[\w'’-]+", text)))
    assert [fast_porter.stem(w) for w in words] == [SPEC.stem(w) for w in words]


def test_every_irregular_form_and_rule_example_stems_as_the_class_does():
    words = [*SPEC.pool, "ties", "flies", "died", "agreed", "feed", "hopping", "fizzed", "filing"]
    words += ["happy", "enjoy", "relational", "vietnamization", "callousness", "controlling"]
    words += ["a*ded", "x*ding", "yyyyying", "syzygy", "toying", "logi", "analogi", "ionion"]
    assert [fast_porter.stem(w) for w in words] == [SPEC.stem(w) for w in words]


# Letters that decide the rules (vowels, y, the doubled ones, the suffixes' letters), upper case,
# marks and letters outside ASCII.
@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abcdefgilmnorstuvyzAEIY'’-*éİ", max_size=14))
def test_same_stems_as_the_class_on_generated_words(word):
    assert fast_porter.stem(word) == SPEC.stem(word)
