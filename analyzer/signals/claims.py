"""Unsupported claims: checkable factual statements in the writer's voice with nothing behind them.

A sentence is a *claim* when, outside any quotation, it states a statistic (a percentage, a count,
a multiple), a trend ("rose", "fell", "on the rise"), a comparison ("more than", "compared
with"), a superlative or record ("the largest", "in a decade", "unprecedented") or a cause ("led
to", "because", "as a result"). Questions, headings, quoted speech, interview answers and
prescriptive sentences ("must", "should") are not factual claims, nor is what a reporter states
on their own authority: a measure of one thing, the result of one contest or vote, the crowd at
the event, a game's box score and a side's standing, a record of one side's results.

A claim is *supported* when the sentence, or its immediate context, says where it comes from:

- an attribution found by the attribution signal (passed in as ``attributions``) touching it;
- a reporting cue of its own ("said", "according to", "data show", "a 2024 report found",
  "ranked by", "in a statement"), so the module works even without the attribution signal;
- the sentence before it in the same paragraph (or, for a one-sentence paragraph, the last
  sentence of the paragraph before) carries such support, or the next sentence starts by
  pointing back at it ("That figure comes from ...").

Support that names no one ("experts say", "studies show", "reportedly", "is widely seen as") is
*vague*: the claim stays unsupported and the message quotes the vague formula.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.claim_phrases import (
    COMPARATIVES,
    COMPARISON_PHRASES,
    DOCUMENT_PHRASES,
    VAGUE_OPENERS,
)
from analyzer.document import Document, Span, blank
from analyzer.layout import in_writer_voice, layout
from analyzer.phrases import (
    lexicon_terms,
    lower_case_words_are_ascii,
    lowered_lexicon_pattern,
    normalise_phrase,
    phrase_spans,
    regex_lexicon_pattern,
)
from analyzer.results import Attribution, Finding
from analyzer.scan import lowered, offsets

CLAIM_KINDS = ("statistic", "trend", "comparison", "superlative", "causal")
_KIND_WORDS = {
    "statistic": "a number",
    "trend": "a change over time",
    "comparison": "a comparison",
    "superlative": "a superlative or record",
    "causal": "a cause and effect",
}

_MONTH_BEFORE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$|No\.\s*$"
)
# A number starts at the first digit of a run; one glued to letters ("A1", "4G") is not a count.
# Written as "\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?" with the first digit taken out in
# front: a pattern that opens with a digit lets the engine skip to the digits of the text.
_NUMBER = re.compile(r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)")
# A percentage starts where a number does (a digit after no digit, point or comma): it is tried
# only at the starts of the numbers, found anyway, instead of in a scan of its own.
_PERCENT = re.compile(
    r"(?<![\d.,])\d[\d,.]*\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)", re.I
)
# A measure of one thing or one moment is description, not a statistic: its time of day, its
# ordinal, an age, how long it lasted ("14 months") or how far or high it is ("18 miles east of
# downtown", "from 20 yards", "towering 215 feet"). A statistic counts or rates many things.
# Units of time and of length, shared by the tests of counts and of tallies below.
_DURATIONS = r"years?|months?|weeks?|days?|hours?|minutes?"
_LENGTHS = r"miles?|(?:kilo|centi)?met(?:re|er)s?|km|feet|inch(?:es)?"
_NOT_A_COUNT = re.compile(
    r"\s*(?:a\.m\.|p\.m\.|:\d|th\b|st\b|nd\b|rd\b|-year-old|-pointers?\b|,|(?:more\s+|full\s+)?"
    rf"(?:{_DURATIONS}|decades?|{_LENGTHS}|yards?|foot)\b)",
    re.I,
)
# The result of one contest or vote, "beat Rovers 2-1", "voted 19-15", "a 5-4 decision", is an
# event on record, not a statistic. It is written winner first (a range goes low to high: "20-30
# people") and is told by a verb or noun of winning, losing or deciding: a poll's margin ("leads
# 45-40", "tops Clinton 41-40") is told in the present and stays a statistic.
_TALLY = re.compile(r"(\d+)\s?[-–]\s?(\d+)\b(?![-–]?\d)")
_RESULT_BEFORE = re.compile(
    r"\b(?:beat|won|lost|fell|drew|defeated|edged|routed|voted|ruled)\b[^.;:!?]{0,40}$", re.I
)
_RESULT_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:win|victory|defeat|loss|draw|vote|decision|ruling|verdict)\b", re.I
)
# The people at the event reported, counted by the reporter or announced at the gate: "Attendance
# was 11,204.", "in front of a crowd of about 230 people", "before 40,000 fans". The reporter saw
# them, as a score: a count of what someone else compiled (a death toll, a TV audience, cases)
# stays a statistic, and so does a crowd in millions, which no one at the scene can count. After
# "before" or "in front of" the number must count fans or spectators: "began before 300 people
# were arrested" is a time, and the people a statistic.
_CROWD_BEFORE = re.compile(
    r"\b(?:(?P<crowd>crowd|attendance)(?:\s+(?:of|was|is)|:)|in\s+front\s+of|before)\s+"
    r"(?:about|around|some|roughly|nearly|almost|more\s+than|over)?\s*$",
    re.I,
)
_CROWD_AFTER = re.compile(r"\s+(?:fans|spectators|onlookers|supporters)\b", re.I)
_MILLIONS_AFTER = re.compile(r"\s+(?:million|billion)\b", re.I)
# The plays of a game, counted in its box score, are what the reporter watched, as the score is:
# "grabbed 12 rebounds", "made 14 of 30 3-pointers", "committed 18 turnovers", "52 percent from
# the field". Units that also count other things ("points" of a poll, "runs", "goals", "hits",
# "blocks") are plays only after "scored", in "led Boston with 28 points", or beside a unit that
# counts nothing else ("24 points and 9 assists").
_PLAYS = (
    r"rebounds|assists|touchdowns|interceptions|strikeouts|RBIs?|wickets|birdies|bogeys|"
    r"(?:3|three)-pointers|free\s+throws|field\s+goals|home\s+runs|turnovers"
)
# "career points" counts plays too: no poll or market has a career.
_PLAY_AFTER = re.compile(
    r"\s+(?:of\s+\d[\d,]*\s+)?(?:(?:career\s+)?(?:" + _PLAYS + r")|career\s+points)\b", re.I
)
_SCORE_AFTER = re.compile(
    r"\s+(?:of\s+\d[\d,]*\s+)?(?:points|goals|runs|hits|saves|steals|blocks|tackles|sacks|laps)\b",
    re.I,
)
_SCORED_BEFORE = re.compile(
    r"(?:\bscor(?:ed|es|ing)\s+(?:\w+\s+)?|\bled\s+[^.;:]{1,40}\swith\s+|-high\s+)$", re.I
)
_PLAY_IN = re.compile(r"\d[\d,]*\s+(?:(?:career\s+)?(?:" + _PLAYS + r")|career\s+points)\b", re.I)
_SHOOTING_AFTER = re.compile(
    r"\s+(?:shooting\b|from\s+(?:the\s+field|the\s+floor|(?:3|three)-point\s+range|"
    r"beyond\s+the\s+arc|the\s+(?:free-throw\s+)?line)\b)",
    re.I,
)
# A record of one side's own results or plays ("their longest streak since 2019" after "The win
# was their fifth in a row", "the biggest win in club history", "the longest unbeaten run", "40,000
# career points, the most in NBA history") is counted back through results on record, as the
# result itself is. The sentence must tell of results or plays, so "a record streak of job
# growth" and "the biggest tax cut in U.S. history" still need a source.
_RESULTS_AFTER = re.compile(
    r"\s+(?:(?:(?:[a-z]+ing|unbeaten|straight|home|away|road|league|election|electoral|primary)"
    r"\s+)?(?:streaks?|runs?|wins?|victory|victories|defeats?|loss(?:es)?)|"
    r"in\s+(?:\S+\s+){0,2}history)\b",
    re.I,
)
# The contest itself must be told in the sentence or the one before: "straight", "consecutive",
# "in a row", "winning" or "losing" alone also count weeks of a wildfire or months of job losses.
_CONTEST_WORD = re.compile(
    r"\b(?:wins?|won|victory|victories|defeat(?:s|ed)?|beat(?:s|en)?|unbeaten)\b", re.I
)
# A side's standing after the result reported ("The Celtics fell to 30-12", "improved to 12-30":
# wins first, whoever leads) moves with each result on record: neither a statistic nor a trend,
# nor is "fell" in "fell 20-17 to the Bills". A poll's margin moves too ("her lead slipped to
# 45-43"): a sentence about a poll keeps it a statistic.
_STANDING_BEFORE = re.compile(
    r"\b(?:improved|fell|dropped|slipped|moved|climbed)\s+(?:to|at)\s+$", re.I
)
# Only a standing verb keeps a tally from being a trend, and only a tally that counts no unit:
# "rose 5-10%" and "fell to 30-35 degrees" are ranges.
_STANDING_VERB = re.compile(r"(?:improved|fell|dropped|slipped|moved|climbed)", re.I)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|°|(?:percent|per\s+cent|percentage|degrees?|points?|cents?|dollars?|euros?|"
    rf"pounds?|million|billion|{_DURATIONS}|{_LENGTHS})\b)",
    re.I,
)
_STANDING_AFTER = re.compile(r"\s+(?:(?:to|at)\s+)?" + _TALLY.pattern)
_POLL = re.compile(r"\b(?:polls?|polling|survey|lead|margin|voters|percent)\b", re.I)
# An age or a duration is background, not a statistic: "Mr. Lee, 43," "At 43," "14 months".
_AGE_BEFORE = re.compile(r"(?:,|\b(?:At|at|aged|age))\s*$")
# "nothing more than a slush fund", "little more than a snag", "anything less than a clear
# contrast": a degree of what to call a thing, not a measured comparison, unless a number follows
# ("little more than half an hour", "a little more than 5 incidents").
_DEGREE_BEFORE = re.compile(r"\b(?:nothing|anything|little)\s+$", re.I)
_NUMBER_AFTER = re.compile(r"\s+(?:an?\s+|the\s+)?(?:\d|(\w+))")
_PERCENT_COMPARISON = re.compile(r"%\s+(?:" + "|".join(COMPARATIVES) + r")\b", re.I)


# A credit line: "contributed reporting", "contributed to this report", "appeared first on", case
# ignored. Written to open with a class of the first letters (re.IGNORECASE matches "c" and "a"
# only to themselves and their capitals), which the engine skips ahead to: the caseless
# alternation was tried at every character of each claim.
_CREDIT = re.compile(
    r"[AaCc](?i:(?<=c)ontributed (?:reporting|to this report)|(?<=a)ppeared first on)"
)
_POINTS_BACK = re.compile(
    r"\W*(?:that|this|these|those|the)\s+(?:figures?|numbers?|data|estimates?|count|"
    r"findings?|report|study|survey|statistics?)\b",
    re.I,
)
# A sentence opening on the source of the sentence before ("The researchers followed 50,000
# adults", after "..., according to a study published on Tuesday") goes on reporting it.
_SOURCE_BACK = re.compile(
    r"\W*(?:the|its|their)\s+(?:researchers|authors|scientists|study|survey|report|poll|"
    r"pollsters|analysis|audit|review|census)\b",
    re.I,
)
# A vague formula is not vague when a word before it names whose it is ("government figures
# show", "the agency's analysts said"): a capitalised word, a possessive, a number, or one of these.
_SPECIFIC_BEFORE = re.compile(
    r"(?:\b[A-Z][\w’'.-]*|[’']s|\d|\b(?:government|official|federal|state|national|police|city|"
    r"company|agency|census|the|this|these|those|its|their|our|his|her))\s+$"
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim sentence: its span, what makes it checkable, and what supports it.

    ``support`` is the cue that supports it (a reporting word, an attribution's cue, or "context:
    ..." when the support is in the neighbouring sentence), or None. ``vague`` is the vague
    formula found when that was the only support.
    """

    start: int
    end: int
    kinds: tuple[str, ...]
    evidence: tuple[str, ...]
    support: str | None
    vague: str | None = None

    @property
    def supported(self) -> bool:
        return self.support is not None

    @property
    def credit(self) -> float:
        """1 for support by a neutral cue, 0.5 for a characterising verb only, 0 for none."""
        if self.support is None:
            return 0.0
        cue = self.support.removeprefix("context: ")
        return 0.5 if normalise_phrase(cue) in lexicon_terms("characterizing_verbs") else 1.0


_BIG_NUMBER_WORDS = frozenset(
    {"hundreds", "thousands", "millions", "billions", "trillions", "dozens", "multiple", "numerous"}
)
_PERCENT_AFTER = re.compile(r"\s+(?:percent|per\s+cent)\b", re.I)

Spans = list[tuple[int, int]]


def _percent_spans(text: str, numbers: Sequence[re.Match[str]]) -> Spans:
    """The spans ``_PERCENT.finditer(text)`` gives, ``numbers`` being ``_NUMBER.finditer(text)``.

    A number match holds only digits, points and commas, so the first digit after anything else
    always starts one: every place a percentage can start is the start of a number. After its
    number a percentage holds no digit, so it overlaps no percentage starting further on.
    """
    return [m.span() for number in numbers if (m := _PERCENT.match(text, number.start()))]


_ASCII_DIGITS = "0123456789"


def _numbers(text: str, original: str) -> list[re.Match[str]]:
    r"""``_NUMBER.finditer(text)``, ``text`` being ``original`` or ``original`` with spans blanked.

    The engine tests the ``\d`` opening the pattern at every character of the text (some 30 µs
    an article) for a dozen numbers. A decimal digit is a word character and its own lower case,
    so a text whose words in lower case are all ASCII (801 of the 840 PolNeAR texts) holds no
    digit but 0-9: those are found by ``str.find`` (:func:`analyzer.scan.offsets`), and the
    pattern is matched where finditer would try it, at the first digit after the last number.
    """
    if not lower_case_words_are_ascii(original):
        return list(_NUMBER.finditer(text))
    found = []
    resume = 0  # where finditer would go on from
    for at in offsets(text, _ASCII_DIGITS):
        if at >= resume and (m := _NUMBER.match(text, at)) is not None:
            found.append(m)
            resume = m.end()
    return found


def _statistics(doc: Document, text: str, original: str) -> Spans:
    numbers = _numbers(text, original)
    percents = _percent_spans(text, numbers)
    percent_starts = {start for start, _ in percents}
    found = [p for p in percents if not _SHOOTING_AFTER.match(text, p[1])]
    result_ends: set[int] = set()
    for m in numbers:
        value = m.group()
        if m.start() in percent_starts:
            continue  # already counted with its "percent"
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".,"):
            continue  # part of a word or of a larger number
        if m.end() in result_ends:
            continue  # the second side of a result
        result_end = _result_end(doc, text, m.start())
        if result_end is not None:
            result_ends.add(result_end)
            continue
        digits = value.replace(",", "").split(".")[0]
        if len(digits) == 4 and 1800 <= int(digits) <= 2100 and "," not in value:
            continue  # a year
        if _MONTH_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # a day of a month, or "No. 2"
        if _crowd(text, m.start(), m.end()) or _play(text, m.start(), m.end()):
            continue
        if _NOT_A_COUNT.match(text, m.end()) and (
            not text.startswith(",", m.end())
            or _AGE_BEFORE.search(text, max(0, m.start() - 6), m.start())
        ):
            continue
        found.append(m.span())
    for start, end in phrase_spans(original, "number_words"):
        if text[start] != original[start]:
            continue  # inside a quotation
        after = _PERCENT_AFTER.match(text, end)
        if after:
            found.append((start, after.end()))
        elif text[start:end].lower() in _BIG_NUMBER_WORDS:
            found.append((start, end))
    return sorted(found)


def _result_end(doc: Document, text: str, start: int) -> int | None:
    """The end of a contest or vote result opening at ``start`` ("beat them 2-1"), or None.

    A tally counting a unit ("30-35 degrees", "5-10%") is a range. A standing in a sentence about
    a poll ("her lead slipped to 45-43") is a poll's margin; a plain result is not tested so, as
    "lead" and "margin" are words of games too.
    """
    tally = _TALLY.match(text, start)
    if tally is None or _UNIT_AFTER.match(text, tally.end()):
        return None
    if _STANDING_BEFORE.search(text, max(0, start - 30), start):
        return None if _about_a_poll(doc, text, start) else tally.end()
    if int(tally.group(1)) < int(tally.group(2)):
        return None
    if _RESULT_AFTER.match(text, tally.end()) or _RESULT_BEFORE.search(
        text, max(0, start - 60), start
    ):
        return tally.end()
    return None


def _about_a_poll(doc: Document, text: str, offset: int) -> bool:
    """Whether the sentence holding ``offset`` speaks of a poll ("her lead fell to 45-43")."""
    i = doc.sentence_index(offset)
    if i is None:
        return False
    sentence = doc.sentences[i]
    return _POLL.search(text, sentence.start, sentence.end) is not None


def _crowd(text: str, start: int, end: int) -> bool:
    """Whether the number at ``[start, end)`` counts the people at the event ("crowd of 230")."""
    if _MILLIONS_AFTER.match(text, end):
        return False
    # A match holds "crowd", "attendance", "front" or "before" in some case (each of whose
    # letters the pattern, ignoring case, takes only for its lower case or its capital): most
    # numbers have none of them in the 40 characters before, where the search, tried at each
    # character, took several times as long as these tests.
    window = text[max(0, start - 40) : start].lower()
    if not ("before" in window or "front" in window or "crowd" in window or "attendance" in window):
        return False
    before = _CROWD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    return before.group("crowd") is not None or bool(_CROWD_AFTER.match(text, end))


def _play(text: str, start: int, end: int) -> bool:
    """Whether the number at ``[start, end)`` counts plays of a game ("12 rebounds")."""
    if _PLAY_AFTER.match(text, end):
        return True
    if not _SCORE_AFTER.match(text, end):
        return False
    if _SCORED_BEFORE.search(text, max(0, start - 60), start):
        return True
    # Beside a unit that counts nothing else, in the same clause: "24 points and 9 assists".
    clause = re.search(r"[^.;]*$", text[max(0, start - 80) : start])
    tail = re.match(r"[^.;]*", text[end : end + 80])
    near = (clause.group() if clause else "") + (tail.group() if tail else "")
    return bool(_PLAY_IN.search(near))


def _record_of_results(doc: Document, start: int, end: int) -> bool:
    """Whether the superlative at ``[start, end)`` ranks results or plays ("longest streak").

    A contest must be told in its sentence or the one before in the same paragraph: a word of
    winning ("beat", "victory"), a play counted ("12 rebounds") or a result or standing tally.
    """
    text = doc.text
    if not _RESULTS_AFTER.match(text, end):
        return False
    i = doc.sentence_index(start)
    if i is None:
        return False
    paragraph = doc.paragraph_index(start)
    for j in (i, i - 1):
        if j < 0 or doc.paragraph_index(doc.sentences[j].start) != paragraph:
            continue
        sentence = doc.sentences[j]
        if _CONTEST_WORD.search(text, sentence.start, sentence.end) or _PLAY_IN.search(
            text, sentence.start, sentence.end
        ):
            return True
        if any(
            _result_end(doc, text, m.start()) is not None
            for m in _TALLY.finditer(text, sentence.start, sentence.end)
        ):
            return True
    return False


def _standing(text: str, start: int, end: int) -> bool:
    """Whether the trend word at ``[start, end)`` gives a side's standing ("fell to 30-12")."""
    if not _STANDING_VERB.fullmatch(text, start, end):
        return False
    after = _STANDING_AFTER.match(text, end)
    return after is not None and not _UNIT_AFTER.match(text, after.end())


def _degree(text: str, start: int, end: int) -> bool:
    """Whether the comparison at ``[start, end)`` is an idiom of degree ("nothing more than")."""
    if not _DEGREE_BEFORE.search(text, max(0, start - 12), start):
        return False
    after = _NUMBER_AFTER.match(text, end)
    if after is None:
        return True
    word = after.group(1)
    return word is not None and word.lower() not in lexicon_terms("number_words")


def _bucket(doc: Document, spans: Spans) -> dict[int, Spans]:
    """Spans grouped by the index of the sentence their start falls in, in the order given;
    sentences holding none are left out (most sentences hold none of a kind: no empty list is
    made for each of them, nine times an article)."""
    out: dict[int, Spans] = {}
    for start, end in spans:
        i = doc.sentence_index(start)
        if i is None:
            continue
        if i in out:
            out[i].append((start, end))
        else:
            out[i] = [(start, end)]
    return out


def _vague_matches(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, first word in lower case)`` of each vague formula of ``text``."""
    # Tried at some twenty opening words an article, where it mostly fails: in the lower-cased
    # text, case-sensitively, when that text can be trusted (analyzer.scan.lowered), a try takes
    # half the time of a caseless one in the text.
    searched = lowered(text)
    if searched is None:
        searched, pattern = text, regex_lexicon_pattern("vague_support")
    else:
        pattern = lowered_lexicon_pattern("vague_support")
    found = []
    for start, _ in phrase_spans(text, VAGUE_OPENERS):
        m = pattern.match(searched, start)
        if m is not None:
            start, end = m.span()
            found.append((start, end, text[start:end].split()[0].lower()))
    return tuple(found)


def _vague_spans(doc: Document) -> dict[int, Spans]:
    """Vague formulas per sentence; one not preceded by a word naming whose it is. (Asked by
    :func:`vague_formulas`, then :func:`assess`: read through ``doc.derived``, found once.)"""
    text = doc.text
    found: Spans = []
    for start, end, lead in _vague_matches(text):
        i = doc.sentence_index(start)
        if i is None:
            continue
        begin = max(doc.sentences[i].start, start - 30)
        if lead in ("some", "many", "most", "several", "reportedly", "it") or not (
            _SPECIFIC_BEFORE.search(text, begin, start)
        ):
            found.append((start, end))
    return _bucket(doc, found)


@dataclass(frozen=True, slots=True)
class _Scan:
    """Everything assess needs, found in one pass over the text and grouped by the index of the
    sentence (a sentence holding nothing of a kind is not in its dict or set)."""

    features: dict[int, dict[str, Spans]]
    cues: dict[int, Spans]
    vague: dict[int, Spans]
    prescriptive: set[int]


def _scan(doc: Document, masked: str) -> _Scan:
    text = doc.text
    comparisons = phrase_spans(text, COMPARISON_PHRASES)

    def outside_quotes(spans: Sequence[tuple[int, int]]) -> Spans:
        # Same as matching the masked text, but reuses the word list of the text itself.
        return [c for c in spans if masked[c[0]] == text[c[0]]]

    kinds = {
        "statistic": _bucket(doc, _statistics(doc, masked, text)),
        "trend": _bucket(
            doc,
            [
                t
                for t in outside_quotes(phrase_spans(text, "trend_words"))
                if not _standing(text, *t) or _about_a_poll(doc, text, t[0])
            ],
        ),
        "comparison": _bucket(
            doc,
            sorted(
                [c for c in outside_quotes(comparisons) if not _degree(text, *c)]
                + [m.span() for m in _PERCENT_COMPARISON.finditer(masked)]
            ),
        ),
        "superlative": _bucket(
            doc,
            [
                c
                for c in outside_quotes(phrase_spans(text, "superlatives"))
                if not _record_of_results(doc, *c)
            ],
        ),
        "causal": _bucket(doc, outside_quotes(phrase_spans(text, "causal_words"))),
    }
    features: dict[int, dict[str, Spans]] = {}
    for k in CLAIM_KINDS:  # each sentence's kinds in the order of CLAIM_KINDS
        for i, spans in kinds[k].items():
            features.setdefault(i, {})[k] = spans
    cue_spans = phrase_spans(text, "reporting_verbs")
    cue_spans += phrase_spans(text, DOCUMENT_PHRASES)
    # A cue inside a quotation is the speaker's words, not an attribution by the writer.
    cue_spans = sorted(c for c in cue_spans if masked[c[0]] == text[c[0]])
    prescriptive = _bucket(doc, outside_quotes(phrase_spans(text, "prescriptive")))
    return _Scan(
        features=features,
        cues=_bucket(doc, cue_spans),
        vague=doc.derived(_vague_spans),
        prescriptive=set(prescriptive),
    )


def vague_formulas(doc: Document) -> list[Span]:
    """Every vague support formula ("experts say", "reportedly") in the writer's voice.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "Crime reportedly fell. Experts say so."))
    >>> [doc.span_text(s) for s in vague_formulas(doc)]
    ['reportedly', 'Experts say']
    """
    lay = layout(doc)
    # (The sentences come in text order: the formulas are found in text order.)
    spans = [
        Span(s, e) for per_sentence in doc.derived(_vague_spans).values() for s, e in per_sentence
    ]
    return [s for s in spans if in_writer_voice(doc, s, lay)]


def _own_support(
    text: str, cues: Sequence[tuple[int, int]], vague: Sequence[tuple[int, int]]
) -> tuple[str | None, str | None]:
    """The first non-vague reporting cue in the sentence, and a vague formula if one is there."""
    for start, end in cues:
        if any(vs <= start < ve for vs, ve in vague):
            continue
        return text[start:end], None
    return None, text[vague[0][0] : vague[0][1]] if vague else None


def _touching(doc: Document, attributions: Sequence[Attribution]) -> dict[int, list[Attribution]]:
    """By sentence index, in the given order, the attributions whose span or content overlaps
    the sentence (a sentence none overlaps is left out: most are).

    Sentences are in order and do not overlap, so those overlapping ``[lo, hi)`` are the ones
    from the first ending after ``lo`` to the last starting before ``hi``.
    """
    starts = [s.start for s in doc.sentences]
    ends = [s.end for s in doc.sentences]
    out: dict[int, list[Attribution]] = {}
    for a in attributions:
        hit: Sequence[int] = range(
            bisect.bisect_right(ends, a.start), bisect.bisect_left(starts, a.end)
        )
        content = range(
            bisect.bisect_right(ends, a.content_start), bisect.bisect_left(starts, a.content_end)
        )
        if content != hit:  # (most often both are the one sentence an attribution sits in)
            hit = sorted({*hit, *content})
        for i in hit:
            if i in out:
                out[i].append(a)
            else:
                out[i] = [a]
    return out


def _attribution_support(touching: Sequence[Attribution], vague_spans: list[Span]) -> str | None:
    """The cue of the first attribution touching a sentence whose source is not vague."""
    for a in touching:
        if a.source_start is not None and a.source_end is not None:
            source = Span(a.source_start, a.source_end)
            if any(v.overlaps(source) for v in vague_spans):
                continue
        return a.cue or a.source or a.kind
    return None


def assess(doc: Document, attributions: Sequence[Attribution] = ()) -> list[Claim]:
    """Every claim sentence in the writer's voice, with its support (or lack of it).

    Parameters
    ----------
    doc : Document
        The article.
    attributions : sequence of Attribution
        What the attribution signal found; an attribution touching a sentence supports it.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> text = "Crime fell 20 percent, police said. Thefts rose 5 percent. Arrests rose."
    >>> [c.support for c in assess(build_document(Article("a", "a", text)))]
    ['said', 'context: said', None]
    """
    lay = layout(doc)
    text = doc.text
    masked = blank(doc.text, ((q.start, q.end) for q in doc.quotes))
    scan = _scan(doc, masked)
    headings = {(doc.paragraphs[i].start, doc.paragraphs[i].end) for i in lay.headings}
    own = _OwnSupport(text, scan, _touching(doc, attributions))
    claims: list[Claim] = []
    for i in sorted(scan.features):
        s = doc.sentences[i]
        features = scan.features[i]
        if i in scan.prescriptive or (s.start, s.end) in headings:
            continue
        if not in_writer_voice(doc, s, lay):
            continue
        body = text[s.start : s.end]
        if body.rstrip("”\"’' )").endswith("?") or _CREDIT.search(body):
            continue
        cue, vague = own[i]
        if cue is None and vague is None:
            cue = _context_support(doc, i, own, "statistic" in features, scan)
        kinds = tuple(k for k in CLAIM_KINDS if k in features)
        evidence = tuple(masked[features[k][0][0] : features[k][0][1]] for k in kinds)
        claims.append(Claim(s.start, s.end, kinds, evidence, cue, None if cue else vague))
    return claims


class _OwnSupport(dict[int, tuple[str | None, str | None]]):
    """The support of each sentence on its own (its cue, or an attribution touching it) and
    its vague formula, by sentence index: computed once, when first asked for. Only claims and
    the sentences next to them are asked (most sentences are neither)."""

    def __init__(self, text: str, scan: _Scan, touching: dict[int, list[Attribution]]) -> None:
        super().__init__()
        self.text, self.scan, self.touching = text, scan, touching

    def __missing__(self, i: int) -> tuple[str | None, str | None]:
        vague_spans = self.scan.vague.get(i, ())
        cue, vague_text = _own_support(self.text, self.scan.cues.get(i, ()), vague_spans)
        if cue is None:
            cue = _attribution_support(self.touching.get(i, ()), [Span(*v) for v in vague_spans])
        self[i] = (cue, vague_text)
        return cue, vague_text


def _context_support(
    doc: Document,
    i: int,
    own: _OwnSupport,
    is_statistic: bool,
    scan: _Scan,
) -> str | None:
    """Support from the neighbours of sentence ``i``.

    Only figures borrow support from the sentence before: a run of numbers from one sourced
    passage ("Authorities say they arrested 39,000 people. Under the previous government they
    arrested 10,400.") is common, while a general assertion after a quoted one is usually the
    writer's own. Any claim is supported by a next sentence that points back at it with its own
    support ("That figure comes from the census bureau."), and by a sourced sentence before it
    when it opens on that source ("The researchers followed 50,000 adults", after "..., according
    to a study"), even across a paragraph break.
    """
    sentences = doc.sentences
    here = doc.paragraph_index(sentences[i].start)
    if i > 0 and own[i - 1][0] and _SOURCE_BACK.match(doc.text, sentences[i].start):
        return f"context: {own[i - 1][0]}"
    if is_statistic and i > 0 and own[i - 1][0]:
        before = doc.paragraph_index(sentences[i - 1].start)
        alone = i + 1 >= len(sentences) or doc.paragraph_index(sentences[i + 1].start) != here
        if (before == here or alone) and "statistic" in scan.features.get(i - 1, ()):
            return f"context: {own[i - 1][0]}"
    if i + 1 < len(sentences) and doc.paragraph_index(sentences[i + 1].start) == here:
        nxt = sentences[i + 1]
        if own[i + 1][0] and _POINTS_BACK.match(doc.text, nxt.start, nxt.end):
            return f"context: {own[i + 1][0]}"
    return None


def _message(claim: Claim) -> str:
    what = " and ".join(_KIND_WORDS[k] for k in claim.kinds)
    shown = ", ".join(f"“{e}”" for e in claim.evidence)
    if claim.vague:
        return (
            f"States {what} ({shown}) and its only support is vague (“{claim.vague}”): no named "
            "person, organisation or document stands behind it."
        )
    return (
        f"States {what} ({shown}) in the writer’s own voice, with no source, data or document "
        "named in this sentence or the ones next to it."
    )


def find(doc: Document, attributions: Sequence[Attribution] = ()) -> list[Finding]:
    """``unsupported_claim`` findings: claim sentences with no support, in text order.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "Experts say crime rose 40 percent."))
    >>> [(f.kind, f.text) for f in find(doc)]
    [('unsupported_claim', 'Experts say crime rose 40 percent.')]
    """
    return findings_for(doc, assess(doc, attributions))


def findings_for(doc: Document, claims: Sequence[Claim]) -> list[Finding]:
    """The findings for already assessed claims (so a pipeline assesses only once)."""
    out = [
        Finding(
            "unsupported_claim",
            c.start,
            c.end,
            doc.text[c.start : c.end],
            _message(c),
            {"claim": list(c.kinds)},
        )
        for c in claims
        if not c.supported
    ]
    out.sort(key=Finding.sort_key)
    return out
