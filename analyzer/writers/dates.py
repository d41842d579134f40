"""Resolved dates in words a reader knows: "2025-W17" is "the week of Monday 21 April 2025".

The record keeps the ISO 8601 form the dates signal writes ("2025", "2025-09", "2025-04-29",
"2025-W17"); only the pages turn it into words. Month and day names are English, as the rest of
the report is, and do not depend on the machine's locale.
"""

from __future__ import annotations

import datetime as dt
import re

# Spelled out rather than taken from _MONTHS, which follows the process's locale.
_MONTHS = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?")


def _day(d: dt.date, *, weekday: bool = False, year: bool = True) -> str:
    text = f"{d.day} {_MONTHS[d.month]}"
    if weekday:
        text = f"{_WEEKDAYS[d.weekday()]} {text}"
    return f"{text} {d.year}" if year else text


def readable_date(iso: str) -> str | None:
    """A resolved ISO date in words; None for anything that is not one of the four forms.

    Examples
    --------
    >>> readable_date("2025-W17")
    'the week of Monday 21 April 2025 (21–27 April 2025)'
    >>> readable_date("2025-W18")
    'the week of Monday 28 April 2025 (28 April – 4 May 2025)'
    >>> readable_date("2025-04-29"), readable_date("2025-09"), readable_date("2022")
    ('Tuesday 29 April 2025', 'September 2025', 'the year 2022')
    >>> readable_date("soon") is None
    True
    """
    m = _ISO.fullmatch(iso or "")
    if m is None:
        return None
    year, month, day, week = m.groups()
    try:
        if week:
            monday = dt.date.fromisocalendar(int(year), int(week), 1)
            sunday = monday + dt.timedelta(days=6)
            if monday.year != sunday.year:
                span = f"{_day(monday)} – {_day(sunday)}"
            elif monday.month != sunday.month:
                span = f"{_day(monday, year=False)} – {_day(sunday)}"
            else:
                span = f"{monday.day}–{_day(sunday)}"
            return f"the week of {_day(monday, weekday=True)} ({span})"
        if day:
            return _day(dt.date(int(year), int(month), int(day)), weekday=True)
        if month:
            return f"{_MONTHS[int(month)]} {year}"
    except ValueError:
        return None
    return f"the year {year}"
