"""The copied Porter stemmer stems every word as NLTK's own PorterStemmer does.

analyzer.compare.porter is a copy of NLTK's class (importing NLTK's costs a third of a second
per process); these tests hold it to the original, in all three of its modes.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nltk.stem.porter import PorterStemmer as NltkPorter

from analyzer.compare.porter import PorterStemmer
from analyzer.readability import _syllable_table

MODES = (
    PorterStemmer.NLTK_EXTENSIONS,
    PorterStemmer.MARTIN_EXTENSIONS,
    PorterStemmer.ORIGINAL_ALGORITHM,
)


# A third of the words in the analyzer's mode, a sample in the others (most code is shared).
@pytest.mark.parametrize(("mode", "every"), [(MODES[0], 3), (MODES[1], 30), (MODES[2], 30)])
def test_same_stems_as_nltk_on_the_pronouncing_dictionary(mode, every):
    words = sorted(_syllable_table())[::every]
    ours, theirs = PorterStemmer(mode), NltkPorter(mode)
    assert [ours.stem(w) for w in words] == [theirs.stem(w) for w in words]


@given(st.text(alphabet="abcdeilnorsuvyzAEY'-", max_size=14), st.booleans())
def test_same_stems_as_nltk_on_generated_words(word, to_lowercase):
    ours, theirs = PorterStemmer(), NltkPorter()
    assert ours.stem(word, to_lowercase) == theirs.stem(word, to_lowercase)


def test_stemming_imports_no_nltk():
    code = (
        "import sys; from analyzer.compare.text import stem; stem('arrested'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nltk'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
