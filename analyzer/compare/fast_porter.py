"""The Porter stemmer's NLTK mode, written for speed: the stems of NLTK's ``PorterStemmer``.

``nltk.stem.porter.PorterStemmer`` builds each step's rule list on
every call and tries the rules one by one; stemming a word the process has not seen costs some
20 microseconds, and a batch stems a few dozen new words per article. :func:`stem` gives the same
stem as ``PorterStemmer().stem(word)`` (the default mode, ``NLTK_EXTENSIONS``) with each step's
suffixes in a table looked up once per suffix length, and a word's consonant/vowel pattern read
with one ``str.translate``. tests/test_fast_porter.py holds it to NLTK's class on the
pronouncing dictionary, on news words and on generated words. It is not imported from NLTK
because NLTK's package ``__init__`` imports most of NLTK (a third of a second per process).

Derived from NLTK 3.10.4's ``nltk/stem/porter.py``: Natural Language Toolkit, Copyright (C)
2001-2026 NLTK Project, https://www.nltk.org/. Licensed under the Apache License, Version 2.0
(http://www.apache.org/licenses/LICENSE-2.0); distributed on an "AS IS" BASIS, WITHOUT
WARRANTIES OR CONDITIONS OF ANY KIND.

Porter, M. "An algorithm for suffix stripping." Program 14.3 (1980): 130-137.
"""

from __future__ import annotations

from collections.abc import Callable

# NLTK's table of irregular forms (its NLTK_EXTENSIONS mode): the form and its stem.
_POOL = {
    "sky": "sky",
    "skies": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "news": "news",
    "innings": "inning",
    "inning": "inning",
    "outings": "outing",
    "outing": "outing",
    "cannings": "canning",
    "canning": "canning",
    "howe": "howe",
    "proceed": "proceed",
    "exceed": "exceed",
    "succeed": "succeed",
}


class _VowelTable(dict):
    """``str.translate`` table: a vowel (a e i o u) stays "v", any other character is "c"."""

    def __missing__(self, code: int) -> str:
        letter = self[code] = "v" if chr(code) in "aeiou" else "c"
        return letter


_VOWELS = _VowelTable()


def _cv(word: str) -> str:
    """One letter per character: "c" for a consonant, "v" for a vowel. A "y" is a consonant at
    the start of the word or after a vowel, else a vowel (NLTK's ``_consonant_flags``)."""
    pattern = word.translate(_VOWELS)
    if "y" not in word:
        return pattern
    out = []
    for i, ch in enumerate(word):
        if ch == "y":
            out.append("c" if i == 0 or out[-1] == "v" else "v")
        else:
            out.append(pattern[i])
    return "".join(out)


def _measure(stem: str) -> int:
    """Porter's m: how many vowel-consonant sequences the stem holds."""
    return _cv(stem).count("vc")


def _ends_cvc(word: str) -> bool:
    """Porter's *o, with NLTK's extension for two-letter stems."""
    if len(word) >= 3:
        return _cv(word).endswith("cvc") and word[-1] not in "wxy"
    return len(word) == 2 and _cv(word) == "vc"


# A step's rules: suffix -> (its place in NLTK's list, replacement, condition on the stem and the
# word), and for each last letter the lengths of the suffixes ending with it (most words end
# with no suffix's letter and are left at one lookup). The first rule in NLTK's list whose suffix
# ends the word decides, even when its condition fails.
Rule = tuple[int, str, Callable[[str, str], bool]]
Rules = tuple[dict[str, Rule], dict[str, list[int]]]


def _m_above(least: int) -> Callable[[str, str], bool]:
    return lambda stem, word: _measure(stem) > least


def _rules(*rules: tuple[str, str, Callable[[str, str], bool]]) -> Rules:
    table: dict[str, Rule] = {}
    for place, (suffix, replacement, condition) in enumerate(rules):
        table.setdefault(suffix, (place, replacement, condition))
    lengths: dict[str, list[int]] = {}
    for suffix in table:
        lengths.setdefault(suffix[-1], []).append(len(suffix))
    return table, {last: sorted(set(ns)) for last, ns in lengths.items()}


_M0, _M1 = _m_above(0), _m_above(1)
_STEP2 = _rules(
    ("ational", "ate", _M0),
    ("tional", "tion", _M0),
    ("enci", "ence", _M0),
    ("anci", "ance", _M0),
    ("izer", "ize", _M0),
    ("bli", "ble", _M0),
    ("alli", "al", _M0),
    ("entli", "ent", _M0),
    ("eli", "e", _M0),
    ("ousli", "ous", _M0),
    ("ization", "ize", _M0),
    ("ation", "ate", _M0),
    ("ator", "ate", _M0),
    ("alism", "al", _M0),
    ("iveness", "ive", _M0),
    ("fulness", "ful", _M0),
    ("ousness", "ous", _M0),
    ("aliti", "al", _M0),
    ("iviti", "ive", _M0),
    ("biliti", "ble", _M0),
    ("fulli", "ful", _M0),
    ("logi", "log", lambda stem, word: _measure(word[:-3]) > 0),
)
_STEP3 = _rules(
    ("icate", "ic", _M0),
    ("ative", "", _M0),
    ("alize", "al", _M0),
    ("iciti", "ic", _M0),
    ("ical", "ic", _M0),
    ("ful", "", _M0),
    ("ness", "", _M0),
)
_STEP4 = _rules(
    ("al", "", _M1),
    ("ance", "", _M1),
    ("ence", "", _M1),
    ("er", "", _M1),
    ("ic", "", _M1),
    ("able", "", _M1),
    ("ible", "", _M1),
    ("ant", "", _M1),
    ("ement", "", _M1),
    ("ment", "", _M1),
    ("ent", "", _M1),
    ("ion", "", lambda stem, word: _measure(stem) > 1 and stem[-1] in ("s", "t")),
    ("ou", "", _M1),
    ("ism", "", _M1),
    ("ate", "", _M1),
    ("iti", "", _M1),
    ("ous", "", _M1),
    ("ive", "", _M1),
    ("ize", "", _M1),
)


def _apply(word: str, rules: Rules) -> str:
    """NLTK's ``_apply_rule_list``: the first listed rule whose suffix ends ``word`` applies when
    its condition holds; either way no later rule is tried."""
    table, lengths_by_last = rules
    lengths = lengths_by_last.get(word[-1:])
    if lengths is None:  # no suffix ends with the word's last letter
        return word
    found = None
    for n in lengths:
        rule = table.get(word[-n:]) if n <= len(word) else None
        if rule is not None and (found is None or rule[0] < found[0][0]):
            found = rule, n
    if found is None:
        return word
    (_, replacement, condition), n = found
    stem = word[:-n]
    return stem + replacement if condition(stem, word) else word


def _step1a(w: str) -> str:
    if w.endswith("ies") and len(w) == 4:
        return w[:-3] + "ie"
    if w.endswith("sses") or w.endswith("ies"):
        return w[:-2]
    if w.endswith("ss"):
        return w
    return w[:-1] if w.endswith("s") else w


def _step1b(w: str) -> str:
    if w.endswith("ied"):
        return w[:-3] + ("ie" if len(w) == 4 else "i")
    if w.endswith("eed"):
        return w[:-1] if _measure(w[:-3]) > 0 else w
    if w.endswith("ed") and "v" in _cv(w[:-2]):
        stem = w[:-2]
    elif w.endswith("ing") and "v" in _cv(w[:-3]):
        stem = w[:-3]
    else:
        return w
    if stem.endswith(("at", "bl", "iz")):
        return stem + "e"
    if len(stem) >= 2 and stem[-1] == stem[-2] and _cv(stem)[-1] == "c":  # *d
        return stem[:-1] if stem[-1] not in ("l", "s", "z") else stem
    if stem.endswith("*d"):  # NLTK's rule list also reads its "*d" marker as a plain suffix
        return stem[:-2] + "d"
    return stem + "e" if _measure(stem) == 1 and _ends_cvc(stem) else stem


# The last letters of the words each step may change: step 1b's "ied", "eed", "ed" and "ing", and
# the suffixes of steps 2 ("alli" too), 3 and 4. (No step leaves a word empty.)
_STEP1B_LAST = frozenset("dg")
_STEP2_LAST, _STEP3_LAST, _STEP4_LAST = (frozenset(rules[1]) for rules in (_STEP2, _STEP3, _STEP4))


def _step1c(w: str) -> str:
    if w.endswith("y") and len(w) > 2 and _cv(w[:-1])[-1] == "c":
        return w[:-1] + "i"
    return w


def _step2(w: str) -> str:
    if w.endswith("alli") and _measure(w[:-4]) > 0:
        return _step2(w[:-4] + "al")
    return _apply(w, _STEP2)


def _step5a(w: str) -> str:
    if w.endswith("e"):
        m = _measure(w[:-1])
        if m > 1 or (m == 1 and not _ends_cvc(w[:-1])):
            return w[:-1]
    return w


def _step5b(w: str) -> str:
    if w.endswith("ll") and _measure(w[:-1]) > 1:
        return w[:-1]
    return w


def stem(word: str) -> str:
    """``nltk.stem.porter.PorterStemmer().stem(word)`` (NLTK's default mode).

    Examples
    --------
    >>> [stem(w) for w in ["Arrested", "ponies", "relational", "dying", "controlling"]]
    ['arrest', 'poni', 'relat', 'die', 'control']
    """
    w = word.lower()
    if w in _POOL:
        return _POOL[w]
    if len(word) <= 2:
        return w
    # Each step changes only a word ending with one of its suffixes' last letters: most words
    # pass most steps on one look at their last letter, without a call.
    last = w[-1]
    if last == "s":
        w = _step1a(w)
        last = w[-1]
    if last in _STEP1B_LAST:
        w = _step1b(w)
        last = w[-1]
    if last == "y":
        w = _step1c(w)
        last = w[-1]
    if last in _STEP2_LAST:
        w = _step2(w)
        last = w[-1]
    if last in _STEP3_LAST:
        w = _apply(w, _STEP3)
        last = w[-1]
    if last in _STEP4_LAST:
        w = _apply(w, _STEP4)
        last = w[-1]
    if last == "e":
        w = _step5a(w)
        last = w[-1]
    return _step5b(w) if last == "l" else w
