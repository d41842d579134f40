"""Dates in news text: find each mention and, where the publication date allows, resolve it.

Absolute mentions carry their own year ("Feb. 22, 2024", "September 2023", "in 2020",
"2024-02-22"). Relative ones need the publication date: "yesterday", "last year", "this month",
"Tuesday", "three years ago", "in September", and a month and day without a year ("Feb. 22").
Without a publication date a relative mention stays unresolved (``resolved is None``); it is
never guessed from the current date.

Resolution follows news-writing conventions (AP style) and the tense of the date's clause
(:func:`analyzer.tense.direction`). A weekday, or a month with or without a day and no year, can
fall either side of the publication date:

- "next" or "last" right before it decides ("next Tuesday", "last March"), "since" too ("since
  March": the last March);
- otherwise the clause's verb: a clause that looks ahead ("will", "must", "is expected to", "is
  scheduled for") gives the first such day or month on or after publication ("are expected to
  appear in court on Thursday": the next Thursday), one that looks back ("said", "was", "arrested")
  the last on or before it;
- where nothing decides, a weekday is the most recent such day on or before publication, and a
  month the occurrence nearest to publication (news reports mostly what just happened or is
  about to).

``tense`` and ``cue`` record what decided ("future", "must"), None when the default did.
``resolved`` is an ISO 8601 string as precise as the mention: "2025-03-04", "2025-03", "2025" or,
for weeks, "2025-W10".

Impossible calendar dates ("Feb. 30, 2024", "April 31") are reported with ``problem`` set and
``resolved`` None.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from analyzer.scan import lowered, offsets
from analyzer.tense import direction

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression, its parts and its resolution.

    ``kind`` is "absolute" when the text itself fixes the date, "relative" when it needs the
    publication date. ``year``/``month``/``day`` are the parts the text gives or resolution
    supplies; ``resolved`` is the ISO string, or None when unresolved or impossible.
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    resolved: str | None = None
    problem: str | None = None
    # Which pattern found it ("weekday", "month_day", ...: the names of _SPECS).
    form: str = ""
    # "future" or "past" when the tense of the clause placed it, with the words that did.
    tense: str | None = None
    cue: str | None = None


_MONTH_RE = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_NUM = r"(?P<n>(?i:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"

# Ordered: longer, more specific patterns first; a later match overlapping an earlier one is
# dropped, so "Feb. 22, 2024" is one mention, not a day mention plus a year mention.
# Each pattern is written as a guard, zero-width assertions on where a mention may start, then
# the body. Python's re scans fast for a pattern that starts with literal text (it looks for
# the first character only) but tries a leading \b at every character; see _Scan.
_WORD_START = r"\b"
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_RE = "|".join(_DAY_NAMES)
_SPECS: tuple[tuple[str, str, str], ...] = (
    # (name, guard, body)
    ("iso", _WORD_START, r"(?P<year>1[89]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("month_day_year", _WORD_START, rf"{_MONTH_RE} {_DAY},? {_YEAR}\b"),
    ("day_month_year", _WORD_START, rf"{_DAY} {_MONTH_RE},? {_YEAR}\b"),
    ("month_year", _WORD_START, rf"{_MONTH_RE},? (?:of )?{_YEAR}\b"),
    ("month_day", _WORD_START, rf"{_MONTH_RE} {_DAY}\b(?!,? \d)(?! (?:percent|per cent|%))"),
    ("day_month", _WORD_START, rf"{_DAY} {_MONTH_RE}(?!,? \d)"),
    ("ago", _WORD_START, rf"{_NUM} (?P<unit>years?|months?|weeks?|days?|decades?) ago\b"),
    (
        "relative_unit",
        _WORD_START,
        r"(?P<which>(?i:last|this|next|past|coming|previous))"
        r" (?P<unit>year|month|week|decade)\b",
    ),
    ("relative_day", _WORD_START, r"(?P<word>(?i:yesterday|today|tomorrow))\b"),
    (
        "relative_month",
        _WORD_START,
        r"(?P<which>(?i:last|this|next|early|late|in|since|until|by|during|from|on|of) |mid-)"
        rf"{_MONTH_RE}(?!,? ?\d)",
    ),
    (
        "weekday",
        _WORD_START,
        r"(?:(?P<which>last|next|this|on|Last|Next|This|On) )?"
        rf"(?P<weekday>{_DAY_RE})\b",
    ),
    ("year", r"(?<![\d$€£#.,])\b", _YEAR + r"\b(?![\d,.]\d)(?! (?:percent|per cent|%))"),
)

_MONTH_ONLY = re.compile(_MONTH_RE)
# The patterns (but relative_day, below) each hold a word that is fast to find (case-sensitive,
# literal first character) at a short known distance from where a match starts: (anchor, each
# number of characters there may be between the start of a match and the start of its anchor).
# Seven patterns hold a month name, two open with a year: the text is searched for each anchor
# once. (Only the distances a match can have are tried: "on Monday" and "last Monday" start 3
# and 5 characters before the weekday, never 1, 2 or 4.)
_YEAR_ANCHOR = re.compile(r"(?:1[89]|20)\d\d")
_ANCHORS: dict[str, tuple[re.Pattern[str], tuple[int, ...]]] = {
    # The year opens the match (the year scan's anchor: its places are found once for both).
    "iso": (_YEAR_ANCHOR, (0,)),
    # The month opens the match.
    "month_day_year": (_MONTH_ONLY, (0,)),
    "month_year": (_MONTH_ONLY, (0,)),
    "month_day": (_MONTH_ONLY, (0,)),
    # day (1-2 characters), suffix (0 or 2), a space, then the month: 2 to 5.
    "day_month_year": (_MONTH_ONLY, (2, 3, 4, 5)),
    "day_month": (_MONTH_ONLY, (2, 3, 4, 5)),
    # "n" (1-6 characters: "8", "twelve") and a space before the unit: 2 to 7.
    "ago": (re.compile(r"(?:years?|months?|weeks?|days?|decades?) ago\b"), (2, 3, 4, 5, 6, 7)),
    # "which" ("last", "past", "coming", "previous") and a space before the unit: 5, 7 or 9.
    "relative_unit": (re.compile(r"(?:year|month|week|decade)\b"), (5, 7, 9)),
    # "which" and its space ("in ": 3, "during ": 7), or "mid-" (4), before the month: 3 to 7.
    "relative_month": (_MONTH_ONLY, (3, 4, 5, 6, 7)),
    # The year opens the match.
    "year": (_YEAR_ANCHOR, (0,)),
    # The weekday itself (0), or "on " (3), "last ", "next ", "this " (5) before it.
    "weekday": (re.compile(rf"(?:{_DAY_RE})\b"), (0, 3, 5)),
}
# The strings every match of an anchor opens with, for the anchors that open with lower-case
# letters or digits: their places are found with str.find (some 3 µs a string in a news text),
# faster than a search with the anchor, tried at every "y", "m", "w" and "d", or at every "1" and
# "2" for a year (which searching for the year's body did: 34 -> 21 µs an article). (Month names
# open with capitals, rarer: there a search is as fast as a dozen str.find.)
_ANCHOR_OPENINGS: dict[re.Pattern[str], tuple[str, ...]] = {
    _ANCHORS["relative_unit"][0]: ("year", "month", "week", "decade"),
    _ANCHORS["year"][0]: ("18", "19", "20"),
}
# Anchors found from a string every match holds further in: the string, and how many
# characters before it a match may start. A weekday ends in "day", 3 (Monday, Friday, Sunday),
# 4 (Tuesday), 5 (Thursday, Saturday) or 6 (Wednesday) characters after its start: the places
# of "day" (str.find) and four tries at each, not a search tried at every capital. The unit
# before " ago" is 3 ("day") to 7 ("decades") characters long: one scan for " ago", not five
# for the units' openings.
_ANCHOR_INNER: dict[re.Pattern[str], tuple[str, tuple[int, ...]]] = {
    _ANCHORS["weekday"][0]: ("day", (3, 4, 5, 6)),
    _ANCHORS["ago"][0]: (" ago", (3, 4, 5, 6, 7)),
}
# Patterns that ignore case and open with one of these words: tried only where one of them
# starts in the lower-cased text (see analyzer.scan.lowered for when that lower-cased text can
# be trusted). Tried at every character, a \b opening the pattern cost some 0.1 ms in an article
# that holds one.
_CASELESS_OPENINGS = {"relative_day": ("yesterday", "today", "tomorrow")}


@dataclass(frozen=True)
class _Scan:
    """One date pattern and a faster way to find exactly the same matches.

    ``pattern`` (guard + body) is the definition, and ``finditer`` gives what
    ``pattern.finditer`` gives, by one of these shortcuts:

    - ``anchor``: every match starts one of ``backs`` characters before a place where the
      anchor matches, so the pattern is tried only at those starts, in order, skipping those
      inside the last match: finditer tries every position, but finds matches only there.

    - ``openings`` (a pattern that ignores case): every match opens with one of these words, so
      the pattern is tried only where one of them starts in the lower-cased text.

    (No scan first tests the text for a string its matches must hold: finding the anchor's
    places, or the openings, costs a scan of the text for each string, as such a test does, and
    finds nothing in a text without them.)
    """

    name: str
    pattern: re.Pattern[str]
    anchor: re.Pattern[str] | None = None
    backs: tuple[int, ...] = (0,)
    openings: tuple[str, ...] = ()

    def finditer(
        self, text: str, places: dict[re.Pattern[str], list[int]] | None = None
    ) -> list[re.Match[str]]:
        """What ``pattern.finditer(text)`` gives. ``places`` keeps where each anchor matches in
        ``text``, for the other scans of the same text (seven scans share the month names as
        anchor)."""
        if places is None:
            places = {}
        if self.anchor in places:
            return self._anchored(text, places[self.anchor])
        if self.openings and (folded := lowered(text)) is not None:
            return self._anchored(text, offsets(folded, self.openings))
        if self.anchor is not None:
            places[self.anchor] = _places(self.anchor, text)
            return self._anchored(text, places[self.anchor])
        return list(self.pattern.finditer(text))

    def _anchored(self, text: str, places: list[int]) -> list[re.Match[str]]:
        backs = self.backs
        starts = {at - back for at in places for back in backs if at >= back}
        found = []
        resume = 0
        for start in sorted(starts):
            if start < resume:
                continue
            m = self.pattern.match(text, start)
            if m is not None:
                found.append(m)
                resume = m.end()
        return found


def _places(anchor: re.Pattern[str], text: str) -> list[int]:
    """Every offset where ``anchor`` matches, overlapping matches included (where an anchor has
    :data:`_ANCHOR_OPENINGS`, of the places where one of them occurs, those where it matches;
    likewise for :data:`_ANCHOR_INNER`)."""
    if anchor in _ANCHOR_INNER:
        inner, backs = _ANCHOR_INNER[anchor]
        starts = {at - back for at in offsets(text, (inner,)) for back in backs if at >= back}
        return [at for at in sorted(starts) if anchor.match(text, at)]
    openings = _ANCHOR_OPENINGS.get(anchor)
    if openings is None:
        out = []
        a = anchor.search(text)
        while a is not None:
            out.append(a.start())
            a = anchor.search(text, a.start() + 1)
        return out
    return [at for at in offsets(text, openings) if anchor.match(text, at)]


def _scan(name: str, guard: str, body: str) -> _Scan:
    anchor, backs = _ANCHORS.get(name, (None, (0,)))
    return _Scan(name, re.compile(guard + body), anchor, backs, _CASELESS_OPENINGS.get(name, ()))


_SCANS: tuple[_Scan, ...] = tuple(_scan(*spec) for spec in _SPECS)


def _parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _count(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _nearest_year(month: int, day: int | None, pub: dt.date) -> int:
    """The year that puts month (and day) nearest to the publication date."""
    best, best_gap = pub.year, None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        last = calendar.monthrange(year, month)[1]
        candidate = dt.date(year, month, min(day or 15, last))
        gap = abs((candidate - pub).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _year_towards(month: int, day: int | None, pub: dt.date, tense: str | None) -> int:
    """The year of the first (month, day) on or after publication when ``tense`` is "future",
    of the last on or before it when "past", else of the nearest one."""
    here, then = (pub.month, pub.day if day is not None else 0), (month, day or 0)
    if tense == "future":
        return pub.year if then >= here else pub.year + 1
    if tense == "past":
        return pub.year if then <= here else pub.year - 1
    return _nearest_year(month, day, pub)


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _impossible(year: int | None, month: int, day: int) -> str | None:
    last = calendar.monthrange(year if year is not None else 2000, month)[1]  # 2000: leap year
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} has no day {day}" + (
            f" in {year}" if year is not None and month == 2 and day == 29 else ""
        )
    return None


def _mention(name: str, m: re.Match[str], pub: dt.date | None) -> DateMention | None:
    g = m.groupdict()
    mention = functools.partial(DateMention, form=name)
    text, start, end = m.group(), m.start(), m.end()
    if name in ("iso", "month_day_year", "day_month_year", "month_day", "day_month"):
        month = int(g["m"]) if name == "iso" else _month(g["month"])
        day = int(g["day"])
        if name == "iso" and not 1 <= month <= 12:
            return None
        year = int(g["year"]) if g.get("year") else None
        kind = "absolute" if year is not None else "relative"
        problem = _impossible(year, month, day)
        if problem:
            return mention(start, end, text, kind, year, month, day, None, problem)
        tense = cue = None
        if year is None and pub is not None:
            tense, cue = direction(m.string, start, end)
            year = _year_towards(month, day, pub, tense)
        resolved = _iso(year, month, day) if year else None
        return mention(start, end, text, kind, year, month, day, resolved, tense=tense, cue=cue)
    if name == "month_year":
        year, month = int(g["year"]), _month(g["month"])
        return mention(start, end, text, "absolute", year, month, None, _iso(year, month))
    if name == "year":
        year = int(g["year"])
        return mention(start, end, text, "absolute", year, None, None, _iso(year))
    if name == "relative_month":
        month = _month(g["month"])
        # Skip the word before the month ("in", "since") so the mention is the month phrase.
        which = g["which"].strip(" -").lower()
        if which in ("last", "this", "next"):
            span_start = start
        else:
            span_start = m.start("month")
        mention_text = m.string[span_start:end]
        if g["month"] == "May" and which in ("on", "of", "by", "from"):
            return None  # "depend on May" is rare; "of May" too ambiguous with the modal
        year = tense = cue = None
        if pub is not None:
            if which == "last":
                year = pub.year if month < pub.month else pub.year - 1
            elif which == "next":
                year = pub.year if month > pub.month else pub.year + 1
            elif which == "this":
                year = pub.year
            elif which == "since":
                year = _year_towards(month, None, pub, "past")
            else:
                tense, cue = direction(m.string, span_start, end)
                year = _year_towards(month, None, pub, tense)
        resolved = _iso(year, month)
        return mention(span_start, end, mention_text, "relative", year, month, None, resolved,
                       tense=tense, cue=cue)  # fmt: skip
    if pub is None:
        if name == "weekday" and (g["which"] or "").lower() not in ("last", "next", "this"):
            start, text = m.start("weekday"), g["weekday"]
        return mention(start, end, text, "relative")
    if name == "relative_day":
        delta = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].lower()]
        d = pub + dt.timedelta(days=delta)
        return mention(start, end, text, "relative", d.year, d.month, d.day, d.isoformat())
    if name == "relative_unit":
        which, unit = g["which"].lower(), g["unit"]
        delta = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
        if unit == "year":
            return mention(
                start, end, text, "relative", pub.year + delta, None, None, _iso(pub.year + delta)
            )
        if unit == "decade":
            return mention(start, end, text, "relative")  # a span of years, not a date
        if unit == "month":
            y, mo = _shift_months(pub.year, pub.month, delta)
            return mention(start, end, text, "relative", y, mo, None, _iso(y, mo))
        week = (pub + dt.timedelta(weeks=delta)).isocalendar()
        return mention(
            start, end, text, "relative", week.year, None, None, f"{week.year:04d}-W{week.week:02d}"
        )
    if name == "ago":
        n, unit = _count(g["n"]), g["unit"].rstrip("s")
        if unit == "year":
            return mention(
                start, end, text, "relative", pub.year - n, None, None, _iso(pub.year - n)
            )
        if unit == "decade":
            return mention(
                start, end, text, "relative", pub.year - 10 * n, None, None, _iso(pub.year - 10 * n)
            )
        if unit == "month":
            y, mo = _shift_months(pub.year, pub.month, -n)
            return mention(start, end, text, "relative", y, mo, None, _iso(y, mo))
        d = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
        return mention(start, end, text, "relative", d.year, d.month, d.day, d.isoformat())
    if name == "weekday":
        which = (g["which"] or "").lower()
        if which not in ("last", "next", "this"):
            start, text = m.start("weekday"), g["weekday"]  # "on Tuesday": the day is the mention
        target = WEEKDAYS[g["weekday"].lower()]
        back = (pub.weekday() - target) % 7
        ahead = (target - pub.weekday()) % 7
        tense = cue = None
        if which == "next":
            d = pub + dt.timedelta(days=ahead or 7)
        elif which == "last":
            d = pub - dt.timedelta(days=back or 7)
        else:
            tense, cue = direction(m.string, start, end)
            d = pub + dt.timedelta(days=ahead if tense == "future" else -back)
        resolved = d.isoformat()
        return mention(start, end, text, "relative", d.year, d.month, d.day, resolved,
                       tense=tense, cue=cue)  # fmt: skip
    raise AssertionError(f"unhandled date pattern {name}")


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every date mention in ``text``, resolved against ``published`` (ISO) where possible.

    Examples
    --------
    >>> found = find_dates("On Tuesday, a year after Feb. 22, 2024.", "2025-03-07")
    >>> [(d.text, d.resolved) for d in found]
    [('Tuesday', '2025-03-04'), ('Feb. 22, 2024', '2024-02-22')]
    >>> [(d.text, d.resolved) for d in find_dates("He was elected last year.", None)]
    [('last year', None)]
    """
    # The same article's dates are asked for by the dates signal and again when its headline is
    # checked against the body: answered once (the mentions are immutable).
    return list(_find_dates(text, published))


@functools.lru_cache(maxsize=8)
def _find_dates(text: str, published: str | None) -> tuple[DateMention, ...]:
    pub = _parse_published(published)
    taken: list[tuple[int, int]] = []  # spans of the mentions kept, in order (see _overlaps)
    out: list[DateMention] = []
    places: dict[re.Pattern[str], list[int]] = {}
    for scan in _SCANS:
        name = scan.name
        for m in scan.finditer(text, places):
            start, end = m.span()
            if _overlaps(taken, start, end):
                continue
            mention = _mention(name, m, pub)
            if mention is None:
                continue
            bisect.insort(taken, (start, end))
            out.append(mention)
    out.sort(key=lambda d: (d.start, d.end))
    return tuple(out)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``-``end`` overlaps one of ``taken``: sorted spans no two of which overlap.

    ``any(start < e and s < end for s, e in taken)``, without reading every span (a text of
    thousands of dates took seconds): such spans' ends are in order too, so of the spans that
    start before ``end`` the last ends furthest.

    Examples
    --------
    >>> _overlaps([(0, 4), (10, 15)], 4, 10), _overlaps([(0, 4), (10, 15)], 3, 5)
    (False, True)
    """
    before = bisect.bisect_left(taken, (end,))  # the spans that start before end
    return before > 0 and taken[before - 1][1] > start
