"""Text normalisation shared by the comparison checks.

Two texts are compared after folding: lower case, accents removed, curly quotes and apostrophes
made straight, every run of punctuation or white space turned into one space. :func:`fold_with_map`
keeps, for every character of the folded text, the offset of the character it came from, so a
match found in folded text can be reported at its place in the original.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from analyzer.compare import fast_porter
from analyzer.lexicons import load_lexicon

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Opens with the comma, which the engine skips ahead to, and looks back past it.
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}\b)")


@functools.lru_cache(maxsize=100_000)
def fold_char(c: str) -> str:
    """One character folded: lower case, no accent; punctuation becomes a space.

    Examples
    --------
    >>> [fold_char(c) for c in "Á’,x"]
    ['a', "'", ' ', 'x']
    """
    if c in "’‘'`´":
        return "'"
    if c.isalnum():
        base = unicodedata.normalize("NFKD", c)
        return "".join(ch for ch in base if not unicodedata.combining(ch)).lower() or c.lower()
    return " "


class _FoldTable(dict):
    """``str.translate`` table of :func:`fold_char`, filled on first sight of each character
    (one table per process instead of one per call)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD = _FoldTable()
# The same table for ASCII characters, as bytes (each folds to one ASCII character), and every
# other byte kept: bytes.translate maps a whole text in C, where str.translate with a dict looks
# each character up in Python's mapping protocol (~100 ns a character).
_ASCII_FOLD = bytes(ord(_FOLD[i]) for i in range(128)) + bytes(range(128, 256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# The bytes of ASCII characters: deleting them from UTF-8 leaves every other character whole
# (each of its bytes is >= 0x80).
_ASCII_BYTES = bytes(range(128))


def _fold_chars(text: str) -> str:
    """``text.translate(_FOLD)``: ASCII characters through :data:`_ASCII_FOLD` (the UTF-8 bytes of
    other characters are all >= 0x80 and pass through), then the few others through ``_FOLD``.

    Examples
    --------
    >>> _fold_chars("Ángel’s CAFÉ!")
    "angel's cafe "
    """
    return _fold_chars_and_others(text)[0]


def _fold_chars_and_others(text: str) -> tuple[str, set[str]]:
    """:func:`_fold_chars` of ``text``, and the set of its characters that are not ASCII.

    Those few characters (a news text has some four: curly quotes, a dash, an accented letter)
    are found in the UTF-8 bytes with ASCII deleted, and each is replaced throughout the text;
    a scan of the whole text for runs of them, calling back into Python for each run, cost
    several times more. Replacing one character after another is ``str.translate`` only while no
    replacement brings in a character that is replaced later: when some character folds to
    another that is not ASCII ("½" to "1⁄2"), the runs are translated one by one instead.

    Examples
    --------
    >>> folded, others = _fold_chars_and_others("Ángel’s CAFÉ!")
    >>> folded, sorted(others)
    ("angel's cafe ", ['Á', 'É', '’'])
    """
    raw = text.encode("utf-8", "surrogatepass").translate(_ASCII_FOLD)
    folded = raw.decode("utf-8", "surrogatepass")
    if raw.isascii():
        return folded, set()
    others = set(raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    changes = [(c, f) for c in others if (f := _FOLD[ord(c)]) != c]
    if not all(f.isascii() for _, f in changes):
        return _NON_ASCII.sub(lambda m: m.group().translate(_FOLD), folded), others
    for c, f in changes:
        folded = folded.replace(c, f)
    return folded, others


# An apostrophe-like mark not between two letters or digits, which folding turns into a space.
# Written to open with the mark (the engine skips ahead to one) and to look back past it.
_LOOSE_APOSTROPHE = re.compile(r"['’‘`´](?:(?![^\W_])|(?<![^\W_]['’‘`´]))")
_SPACES = re.compile(" {2,}")


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, its offset in ``text``.

    Apostrophes between letters are kept (``don't``); other punctuation and white space collapse
    into one space, and the result has no leading or trailing space.

    Examples
    --------
    >>> folded, where = fold_with_map("“Oh, we’ve  won.”")
    >>> folded, where[0], where[-1]
    ("oh we've won", 1, 14)
    """
    folded = _fold_chars(_LOOSE_APOSTROPHE.sub(" ", text))
    if len(folded) != len(text):
        return _fold_with_map_by_character(text)
    # Every character folded to one ("ﬁ" and "½" fold to more, and take the loop above): the
    # folded text keeps a character where it is not a space or follows one that is not.
    codes = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
    space = codes == 32
    keep = ~space
    keep[1:] |= space[1:] & ~space[:-1]
    where = np.flatnonzero(keep)
    if len(where) and space[where[-1]]:
        where = where[:-1]
    return codes[where].tobytes().decode("utf-32-le"), where.tolist()


def _fold_with_map_by_character(text: str) -> tuple[str, list[int]]:
    """:func:`fold_with_map` one character at a time (any character folds to any string)."""
    out: list[str] = []
    where: list[int] = []
    n = len(text)
    for i, c in enumerate(text):
        f = fold_char(c)
        if f == "'":
            inner = 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
            f = "'" if inner else " "
        for ch in f:
            if ch == " " and (not out or out[-1] == " "):
                continue
            out.append(ch)
            where.append(i)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def fold(text: str) -> str:
    """Folded text without the offset map: ``fold_with_map(text)[0]``, computed with
    ``str.translate`` instead of a loop over characters (pairing folds every text of a batch).

    Examples
    --------
    >>> fold("García-Harfuch’s U.S. trip!")
    "garcia harfuch's u s trip"
    """
    return _SPACES.sub(" ", _fold_chars(_LOOSE_APOSTROPHE.sub(" ", text))).strip(" ")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stem of a folded word: NLTK's stemmer's stem (:mod:`analyzer.compare.fast_porter`).

    Examples
    --------
    >>> stem("arrests"), stem("arrested")
    ('arrest', 'arrest')
    """
    return fast_porter.stem(word)


@functools.cache
def _reporting_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in load_lexicon("neutral_reporting_verbs"))


def content_terms(text: str) -> list[str]:
    """Stemmed content words of ``text`` (cached: a sentence is read once per process).

    Examples
    --------
    >>> content_terms("Prices rose 5%, she said.")
    ['price', 'rose', '5']
    """
    return list(_content_terms(text))


# Sentences are looked up again within a comparison (alignment, quotation checks), hardly ever
# across articles: a few thousand entries keep every hit while memory stays small and flat
# (20,000 sentence entries took some 16 MB, filled over the first ~2,000 articles of a batch).
@functools.lru_cache(maxsize=4096)
def _content_terms(text: str) -> tuple[str, ...]:
    """Stemmed content words of ``text``: folded; stop words, reporting verbs ("said",
    "emphasized") and possessive 's removed.

    Digits are kept as terms, so numbers take part in alignment.

    Examples
    --------
    >>> content_terms("The 37,000 homicides have fallen 22 percent, he noted.")
    ['37000', 'homicid', 'fallen', '22', 'percent']
    """
    found = map(_terms().__getitem__, _content_words(text))
    return tuple([t for t in found if t is not None])


def content_term_counts(text: str, tokens: Sequence[str] | None = None) -> Counter[str]:
    """Each of the :func:`content_terms` of ``text`` with its count, in order of first
    appearance (uncached: for whole texts, each read once).

    ``tokens``, when given, are the text's tokens as its Document has them
    (:attr:`analyzer.document.Document.token_keys`: in lower case, straight apostrophes): the
    terms are then those of each token in turn, each token's looked up once per process, instead
    of the text being folded and split again (~0.08 ms of ~0.22 an article). They are the same
    terms (words never straddle two tokens, and a token folds as it does in the text) unless
    the text holds one of the few characters for which they are not (:func:`_tokens_may_differ`):
    such a text is read itself.

    Examples
    --------
    >>> content_term_counts("Prices rose 5%. Prices fell.")
    Counter({'price': 2, 'rose': 1, '5': 1, 'fell': 1})
    >>> content_term_counts("U.S. prices rose", ("u.s", "prices", "rose"))
    Counter({'u': 1, 's': 1, 'price': 1, 'rose': 1})
    """
    if tokens is not None and not _tokens_may_differ(text):
        return Counter(itertools.chain.from_iterable(map(_token_terms().__getitem__, tokens)))
    # The words left out are counted under None, taken out after: cheaper than testing each.
    counted = Counter(map(_terms().__getitem__, _content_words(text)))
    counted.pop(None, None)
    return counted


# A mark that pairing takes for an apostrophe between two letters or digits ("don‘t" is one word)
# but that no token holds (analyzer.document's tokens join words by ’ and ' only).
_LONE_MARK = re.compile(r"[‘`´](?<=[^\W_].)(?=[^\W_])")


def _tokens_may_differ(text: str) -> bool:
    """Whether the terms of ``text``'s tokens may not be the terms of the text itself: it holds
    one of the marks of :data:`_LONE_MARK` between two word characters, or a capital whose
    lower case folds otherwise than it does ("İ" to "i" and a combining dot, "Ϲ"; every code
    point is checked in tests/test_pairing_scale.py), or "Σ" (its lower case depends on the
    letters after it). Each character is looked for on its own: a search for any of them,
    calling back into the pattern at each character, cost ~5x more."""
    if "İ" in text or "Ϲ" in text or "Σ" in text:
        return True
    return ("‘" in text or "`" in text or "´" in text) and _LONE_MARK.search(text) is not None


def _content_words(text: str) -> list[str]:
    # "37,000" is one term, not "37" and "000".
    return folded_words(_THOUSANDS.sub("", text))


def folded_words(text: str) -> list[str]:
    """The words of ``fold(text)``: ``_WORD.findall(fold(text))``.

    When every character of ``text`` folds to word characters (no space at either end) or to
    one space, the folded text is words, spaces and apostrophes kept only between two word
    characters, so its words are what splitting at spaces gives (several times cheaper than the
    pattern). Other texts take the pattern: "½" folds to "1⁄2", two words.

    Examples
    --------
    >>> folded_words("Don’t — 1,000 cafés!")
    ["don't", '1', '000', 'cafes']
    """
    # ``others``: the characters of ``text`` that are not ASCII, but for the apostrophe-like
    # marks _LOOSE_APOSTROPHE made spaces (they split cleanly anyway).
    folded, others = _fold_chars_and_others(_LOOSE_APOSTROPHE.sub(" ", text))
    if all(map(_splits_cleanly, others)):
        return folded.split()
    return _WORD.findall(_SPACES.sub(" ", folded).strip(" "))


@functools.lru_cache(maxsize=4096)
def _splits_cleanly(chars: str) -> bool:
    """True when each of ``chars`` is an apostrophe-like mark, or not a word character (it
    folds to a space), or a word character folding to word characters and inner spaces only (an
    apostrophe kept beside it stays between word characters; see :func:`folded_words`)."""
    for c in chars:
        if c in "’‘´" or not c.isalnum():
            continue
        folded = fold_char(c)
        if folded[0] == " " or folded[-1] == " ":
            return False  # "ͺ" folds to a space alone
        if not all(ch.isalnum() or ch == " " for ch in folded):
            return False
    return True


@functools.cache
def stop_words() -> frozenset[str]:
    """English stop words ("the", "of", "which"; lexicon stop_words: scikit-learn's list).

    Examples
    --------
    >>> sorted({"the", "which", "council"} & stop_words())
    ['the', 'which']
    """
    return frozenset(load_lexicon("stop_words"))


# Words whose terms a process remembers before it starts afresh: bounds memory on huge batches.
MAX_CACHED_TERMS = 200_000


class _Memo(dict):
    """``compute(key)`` for each key, filled on first sight (a batch repeats most of its words
    and tokens) and started afresh past :data:`MAX_CACHED_TERMS` keys. A plain dict lookup per
    key: an lru_cache's bookkeeping on every hit cost more than the counting it served."""

    def __init__(self, compute: Callable[[str], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: str) -> Any:
        if len(self) >= MAX_CACHED_TERMS:
            self.clear()
        value = self[key] = self._compute(key)
        return value


@functools.cache
def _terms() -> _Memo:
    """Folded word -> :func:`_term`."""
    return _Memo(_term)


def _terms_of_token(token: str) -> tuple[str, ...]:
    words = _terms()
    return tuple(t for t in map(words.__getitem__, _content_words(token)) if t is not None)


@functools.cache
def _token_terms() -> _Memo:
    """Token (:attr:`analyzer.document.Document.token_keys`) -> its content terms."""
    return _Memo(_terms_of_token)


def _term(word: str) -> str | None:
    """The term one folded word contributes to :func:`content_terms`, None when it is left out."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if not word or word in stop_words():
        return None
    term = stem(word)
    return None if term in _reporting_stems() else term
