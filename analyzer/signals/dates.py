"""Date issues: relative dates resolved against the publication date, and impossible dates.

Mentions come from :func:`analyzer.temporal.find_dates`. Each finding is a ``date_issue``:

- a relative date ("last year", "Tuesday", "in September") with the date it stands for,
  resolved against ``published`` (``detail.resolved`` holds the ISO date). A reader of a rewrite
  or an archive copy needs it: "last year" in an article from 2025 means 2024, not the year the
  reader is in. When the tense of the sentence placed it ahead of or before publication ("are
  expected to appear in court on Thursday"), the note says which words did;
- a month and day without a year ("Feb. 22"), the year taken from the publication date; in a
  wire dateline ("ASHFORD, March 10 (Example Wire) -") the note says it is the dateline's date;
- a relative date left unresolved because the article has no publication date (never guessed
  from today's date);
- an impossible calendar date ("Feb. 30");
- a weekday that contradicts the date next to it ("Tuesday, March 5, 2025" when that day was a
  Wednesday).

``detail.relative`` tells the kinds apart: true for the relative dates (notes for the reader),
false for the impossible and self-contradictory dates (faults of the article).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from analyzer.document import Document
from analyzer.results import Finding
from analyzer.temporal import WEEKDAYS, DateMention, find_dates


def _finding(doc: Document, start: int, end: int, message: str, **detail: object) -> Finding:
    return Finding("date_issue", start, end, doc.text[start:end], message, dict(detail))


# A wire dateline: the place in capitals at the start of a line, then the date, then the agency
# in brackets or a dash ("ASHFORD, March 10 (Example Wire) -", "WASHINGTON, Feb. 3 —").
_DATELINE_PLACE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:, [A-Z][\w.'’ -]*)?, ?\Z")
_DATELINE_AFTER = re.compile(r" ?(?:\([^()\n]{1,40}\) ?)?[-—–]")


def _in_dateline(text: str, m: DateMention) -> bool:
    line_start = text.rfind("\n", 0, m.start) + 1
    return bool(
        _DATELINE_PLACE.match(text, line_start, m.start) and _DATELINE_AFTER.match(text, m.end)
    )


def _what(doc: Document, m: DateMention) -> str:
    """What kind of relative date ``m`` is, as the note opens: a month and day without a year is
    placed by the publication year only, which is not what "relative" suggests."""
    if m.form in ("month_day", "day_month"):
        if _in_dateline(doc.text, m):
            return f"“{m.text}”, the date of the dateline, gives no year"
        return f"“{m.text}” gives no year"
    return f"“{m.text}” is a relative date"


def _placed(m: DateMention, published: str | None) -> str:
    """Where the publication date puts ``m``, and what decided between before and after it."""
    if m.form in ("month_day", "day_month") and m.resolved == (published or "")[:10]:
        return f"it is the publication date, {m.resolved}"
    how = "read against" if m.form in ("month_day", "day_month") else "counted from"
    placed = f"{how} the publication date ({published}) it means {m.resolved}"
    if m.tense == "future":
        return f"{placed}, the first on or after that date, as the sentence looks ahead (“{m.cue}”)"
    if m.tense == "past":
        return f"{placed}, the last on or before that date, as the sentence looks back (“{m.cue}”)"
    return placed


def _relative(doc: Document, m: DateMention, published: str | None) -> Finding:
    if m.resolved is not None:
        return _finding(
            doc,
            m.start,
            m.end,
            f"{_what(doc, m)}: {_placed(m, published)}. A copy read later, or a rewrite, may "
            "place it wrongly.",
            relative=True,
            resolved=m.resolved,
        )
    if not published:
        return _finding(
            doc,
            m.start,
            m.end,
            f"{_what(doc, m)}, and the article has no publication date, so it cannot be placed "
            "in time; it is left unresolved rather than guessed.",
            relative=True,
            resolved=None,
        )
    return _finding(
        doc,
        m.start,
        m.end,
        f"“{m.text}” names a stretch of time, not a date; it is not resolved.",
        relative=True,
        resolved=None,
    )


def _weekday_clash(doc: Document, day: DateMention, date: DateMention) -> Finding | None:
    """A weekday right before a full date ("Tuesday, March 5, 2025") that does not match it."""
    gap = doc.text[day.end : date.start]
    if gap.strip(" ,") or len(gap) > 3:
        return None
    if date.year is None or date.month is None or date.day is None or date.problem:
        return None
    name = day.text.split()[-1]
    said = WEEKDAYS.get(name.lower())
    actual = dt.date(date.year, date.month, date.day).weekday()
    if said is None or said == actual:
        return None
    return _finding(
        doc,
        day.start,
        date.end,
        f"“{doc.text[day.start : date.end]}” contradicts itself: "
        f"{date.year}-{date.month:02d}-{date.day:02d} was a {calendar.day_name[actual]}, "
        f"not a {calendar.day_name[said]}.",
        relative=False,
        resolved=None,
    )


def find(doc: Document) -> list[Finding]:
    """``date_issue`` findings for relative, impossible and self-contradictory dates.

    Examples
    --------
    >>> from analyzer.document import Article, Metadata, build_document
    >>> meta = Metadata(published="2025-12-03")
    >>> doc = build_document(Article("a", "a", "He won last year, on Feb. 30.", meta))
    >>> [(f.text, f.detail["relative"], f.detail["resolved"]) for f in find(doc)]
    [('last year', True, '2024'), ('Feb. 30', False, None)]
    """
    published = doc.meta.published
    mentions = find_dates(doc.text, published)
    findings: list[Finding] = []
    for k, m in enumerate(mentions):
        if m.problem:
            findings.append(
                _finding(
                    doc,
                    m.start,
                    m.end,
                    f"“{m.text}” is not a real date: {m.problem}.",
                    relative=False,
                    resolved=None,
                )
            )
            continue
        if m.text.split()[-1].lower() in WEEKDAYS and k + 1 < len(mentions):
            clash = _weekday_clash(doc, m, mentions[k + 1])
            if clash is not None:
                findings.append(clash)
                continue
        if m.kind == "relative":
            findings.append(_relative(doc, m, published))
    findings.sort(key=Finding.sort_key)
    return findings
