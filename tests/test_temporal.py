"""Date mentions: found, classified, resolved against the publication date, never guessed."""

from __future__ import annotations

import itertools
import re

import pytest

from analyzer import temporal
from analyzer.temporal import find_dates

PUB = "2025-03-07"  # a Friday


def resolved(text, published=PUB):
    return [(d.text, d.kind, d.resolved) for d in find_dates(text, published)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Speaking in September 2023, he said so.", [("September 2023", "absolute", "2023-09")]),
        ("It began on Feb. 22, 2024.", [("Feb. 22, 2024", "absolute", "2024-02-22")]),
        ("It began on 22 February 2024.", [("22 February 2024", "absolute", "2024-02-22")]),
        ("Filed 2024-02-22 in court.", [("2024-02-22", "absolute", "2024-02-22")]),
        ("He was shot in 2020.", [("2020", "absolute", "2020")]),
    ],
)
def test_absolute_dates_need_no_publication_date(text, expected):
    assert resolved(text, None) == expected
    assert resolved(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He took office last year.", [("last year", "relative", "2024")]),
        ("Homicides fell so far this year.", [("this year", "relative", "2025")]),
        ("They met yesterday.", [("yesterday", "relative", "2025-03-06")]),
        ("They met on Tuesday.", [("Tuesday", "relative", "2025-03-04")]),
        ("They meet next Tuesday.", [("next Tuesday", "relative", "2025-03-11")]),
        ("They met last Friday.", [("last Friday", "relative", "2025-02-28")]),
        ("Violence erupted on Feb. 22.", [("Feb. 22", "relative", "2025-02-22")]),
        ("The vote was in September.", [("September", "relative", "2024-09")]),
        ("Three years ago it was worse.", [("Three years ago", "relative", "2022")]),
        ("Prices rose last month.", [("last month", "relative", "2025-02")]),
        ("The law passes next week.", [("next week", "relative", "2025-W11")]),
    ],
)
def test_relative_dates_resolve_against_publication(text, expected):
    assert resolved(text) == expected


def test_relative_dates_stay_unresolved_without_publication_date():
    assert resolved("On Tuesday, a year after last year's vote in May.", None) == [
        ("Tuesday", "relative", None),
        ("last year", "relative", None),
        ("May", "relative", None),
    ]


def test_the_modal_may_and_plain_numbers_are_not_dates():
    assert resolved("You may go. May they win. It cost $2020 for 1,600 labs in the 1990s.") == []


def test_impossible_dates_carry_a_problem():
    (feb,) = find_dates("It happened on Feb. 30, 2024.", PUB)
    assert (feb.resolved, feb.problem) == (None, "February has no day 30")
    (leap,) = find_dates("Filed 2019-02-29.", None)
    assert leap.problem == "February has no day 29 in 2019"


def test_offsets_slice_to_the_text():
    text = "In 2020 he was shot; on Tuesday he spoke, and last year he won."
    for d in find_dates(text, PUB):
        assert text[d.start : d.end] == d.text


def _widths(parsed) -> set[int]:
    """Every length a match of a parsed pattern can have (repeats of at most three)."""
    p = re._parser
    out = {0}
    for op, av in parsed:
        if op in (p.LITERAL, p.NOT_LITERAL, p.IN, p.ANY):
            step = {1}
        elif op in (p.AT, p.ASSERT, p.ASSERT_NOT):
            step = {0}
        elif op is p.SUBPATTERN:
            step = _widths(av[-1])
        elif op is p.BRANCH:
            step = set().union(*map(_widths, av[1]))
        elif op in (p.MAX_REPEAT, p.MIN_REPEAT):
            fewest, most, sub = av
            assert most <= 3, "a long repeat: its widths are not listed"
            one = _widths(sub)
            step = {
                sum(c) for k in range(fewest, most + 1) for c in itertools.product(one, repeat=k)
            }
        else:
            raise AssertionError(f"no width for {op}")
        out = {a + b for a in out for b in step}
    return out


def test_each_anchor_distance_is_a_width_of_what_comes_before_the_anchor_word():
    # _ANCHORS declares, by hand, how many characters a match may run before its anchor word
    # (month, unit, weekday or year). The regex parser gives the same lengths for the text of
    # each pattern before that word: the guard and the prefix ("last ", "12th ").
    # (re._parser is the standard library's own pattern parser, sre_parse before 3.11.)
    specs = {name: (guard, body) for name, guard, body in temporal._SPECS}
    anchor_words = (temporal._MONTH_RE, "(?P<unit>", "(?P<weekday>", "(?P<year>")
    for name, (_, backs) in temporal._ANCHORS.items():
        guard, body = specs[name]
        cut = min(i for i in map(body.find, anchor_words) if i >= 0)
        assert _widths(re._parser.parse(guard + body[:cut])) == set(backs), name


def test_the_widths_before_a_weekday_and_a_unit_skip_lengths_no_match_has():
    assert temporal._ANCHORS["weekday"][1] == (0, 3, 5)
    assert temporal._ANCHORS["relative_unit"][1] == (5, 7, 9)
    assert [
        d.text for d in find_dates("on Monday, last week, coming year, previous month", None)
    ] == [
        "Monday",
        "last week",
        "coming year",
        "previous month",
    ]


# Publication dates for the tense cases: a Wednesday in July, and mid-February.
WEDNESDAY = "2026-07-08"
FEBRUARY = "2026-02-14"


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("The suspects are expected to appear in court on Thursday.", WEDNESDAY,
         [("Thursday", "relative", "2026-07-09")]),
        ("The council will vote on Monday.", WEDNESDAY, [("Monday", "relative", "2026-07-13")]),
        ("The court will rule on Wednesday.", WEDNESDAY,
         [("Wednesday", "relative", "2026-07-08")]),
        ("Voters must throw these clowns out in November.", FEBRUARY,
         [("November", "relative", "2026-11")]),
        ("The plant is scheduled to close on Jan. 5.", FEBRUARY,
         [("Jan. 5", "relative", "2027-01-05")]),
        # The nearest January to 20 June 2026 is January 2026, five months back.
        ("The new law will take effect in January.", "2026-06-20",
         [("January", "relative", "2027-01")]),
    ],
)  # fmt: skip
def test_a_date_in_a_clause_that_looks_ahead_is_the_next_one(text, published, expected):
    assert resolved(text, published) == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("Police arrested two men on Monday.", WEDNESDAY, [("Monday", "relative", "2026-07-06")]),
        ("The mayor said on Friday that the plan was dead.", WEDNESDAY,
         [("Friday", "relative", "2026-07-03")]),
        ("The plant closed in December.", "2026-10-20", [("December", "relative", "2025-12")]),
        ("The strike began on Nov. 30.", "2026-10-20", [("Nov. 30", "relative", "2025-11-30")]),
        ("Prices have risen since November.", "2026-10-20",
         [("November", "relative", "2025-11")]),
    ],
)  # fmt: skip
def test_a_date_in_a_clause_that_looks_back_is_the_last_one(text, published, expected):
    assert resolved(text, published) == expected


def test_where_the_tense_decides_nothing_the_conventions_hold():
    # A weekday is the last one, a month the nearest one (here ahead of publication).
    assert resolved("The council votes on Thursday.", WEDNESDAY) == [
        ("Thursday", "relative", "2026-07-02")
    ]
    assert resolved("The festival returns in December.", "2026-10-20") == [
        ("December", "relative", "2026-12")
    ]


def test_a_resolved_date_records_the_words_that_placed_it():
    (thursday,) = find_dates("They are expected to appear in court on Thursday.", WEDNESDAY)
    assert (thursday.tense, thursday.cue, thursday.form) == ("future", "are expected", "weekday")
    (default,) = find_dates("The council votes on Thursday.", WEDNESDAY)
    assert (default.tense, default.cue) == (None, None)
