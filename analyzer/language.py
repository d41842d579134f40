"""Which language an article is written in.

Every lexicon and model of the analyzer is English, so a text in another language is scored all
the same but its scores mean nothing; reports say so (:func:`not_english_note`).

Two steps, so that an English article costs one regular-expression pass over its opening:
1. the share of the opening's words found in ``lexicons/english_function_words.txt`` ("the",
   "of", "which" ...): at :data:`ENGLISH_SHARE` or more the text is English (every PolNeAR
   article is; French, German or Spanish prose almost never is);
2. below it, py3langid (the naive-Bayes identifier of langid.py, which trafilatura uses too;
   offline, its model ships in the package) names the language of the opening, loaded only then.
A text too short to tell (fewer than :data:`MIN_WORDS` words, failing step 1) gets ``None``.
The figures behind the thresholds: README, "Language"; ``python -m analyzer.evaluate language``.
"""

from __future__ import annotations

import functools
import itertools
import math
from importlib import resources
from typing import Any

from analyzer.lexicons import load_lexicon
from analyzer.scan import lowered

ENGLISH = "en"
# Characters of the text read: enough for both steps to be sure (README, "Language"), and it
# bounds the cost of a long article.
PREFIX = 2000
# At this share of English function words among the opening's words, the text is English. No
# PolNeAR article is below it (the lowest, a headline-heavy one full of names: 0.073), so English
# news never loads the identifier; translated manual pages are almost all below it.
ENGLISH_SHARE = 0.06
# Below this many words, a text that fails step 1 is not judged: on a headline or a list of names
# the identifier's guess is often wrong (BABE: "Beto O'Rourke defends Ilhan Omar ..." reads as
# Nigerian Pidgin).
MIN_WORDS = 20


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(load_lexicon("english_function_words"))


@functools.cache
def _identifier() -> Any:
    # Imported here: loading its model takes most of a second, and English articles never need it.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def english_share(text: str) -> tuple[float, int]:
    """The share of English function words among the words of ``text``, and the word count.

    Words are what white space separates (a word with a comma after it is not matched: the
    share is a little low, the same for every text, and three times cheaper than a regular
    expression).

    Examples
    --------
    >>> english_share("The mayor said that the plan would work.")
    (0.625, 8)
    >>> english_share("Le maire a dit que le plan marcherait.")
    (0.0, 8)
    """
    words = text.lower().split()
    if not words:
        return 0.0, 0
    return sum(map(_function_words().__contains__, words)) / len(words), len(words)


def _english_enough(words: list[str]) -> bool:
    """``english_share`` of these words >= ENGLISH_SHARE, read only up to the function word
    that decides it (in news text some fifty words in, of the ~350 of the opening)."""
    n = len(words)
    if not n:
        return False
    # The fewest function words whose share, computed as english_share computes it, is enough
    # (from the product, then corrected either way for its rounding).
    need = max(math.ceil(ENGLISH_SHARE * n), 0)
    while need > 0 and (need - 1) / n >= ENGLISH_SHARE:
        need -= 1
    while need <= n and need / n < ENGLISH_SHARE:
        need += 1
    if need == 0:
        return True
    hits = itertools.compress(words, map(_function_words().__contains__, words))
    return next(itertools.islice(hits, need - 1, None), None) is not None


def detect(text: str) -> str | None:
    """The ISO 639 code of the language ``text`` is written in ("en", "fr" ...), None when the
    text is too short to tell.

    Examples
    --------
    >>> detect("The council voted on Tuesday to raise fees, the mayor said.")
    'en'
    >>> detect("Le maire de Montréal a déclaré mardi que le budget de la ville augmentera de "
    ...        "cinq pour cent l'an prochain, et que les écoles recevront la plus grande part.")
    'fr'
    >>> detect("Beto O'Rourke defends Ilhan Omar") is None
    True
    """
    opening = text[:PREFIX]
    words = _lower_opening(text, opening).split()
    if _english_enough(words):
        return ENGLISH
    if len(words) < MIN_WORDS:
        return None
    code = _identifier().classify(opening)[0]
    return None if code == "zxx" else code  # zxx: "no linguistic content"


def _lower_opening(text: str, opening: str) -> str:
    """``opening.lower()`` (``opening`` is ``text[:PREFIX]``), cut from the lower case of the
    whole text, which the signals of a run have made already (:func:`analyzer.scan.lowered`
    keeps it): lower-casing a text that holds a curly quote or dash, as most news does, reads
    some 7 ns a character. Each character of that lower case stands for the character of the
    text at its place (else ``lowered`` gives None). Only "Σ" lower-cases by what follows it,
    which the cut may change: an opening holding one is lower-cased on its own."""
    low = lowered(text)
    if low is None or "Σ" in opening:
        return opening.lower()
    return low[:PREFIX]


def is_english(language: str | None) -> bool:
    """Whether scores mean what they say: the text is English, or too short to tell."""
    return language is None or language == ENGLISH


@functools.cache
def _names() -> dict[str, str]:
    text = resources.files("analyzer").joinpath("data", "language_names.txt").read_text("utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {code: name for code, name in pairs}


def language_name(code: str) -> str:
    """The English name of a language code, the code itself when unknown.

    Examples
    --------
    >>> language_name("fr"), language_name("xx")
    ('French', 'xx')
    """
    return _names().get(code, code)


def not_english_note(language: str) -> str:
    """What reports say about an article not in English.

    Examples
    --------
    >>> not_english_note("de")[:40]
    'The text reads as German, not English: t'
    """
    return (
        f"The text reads as {language_name(language)}, not English: the analyzer's word lists and "
        "models are English only, so its scores and findings are computed but do not mean "
        "anything here."
    )
