"""date_issue findings: relative dates resolved or left unresolved, impossible dates."""

from __future__ import annotations

from _docs import doc_of

from analyzer.signals import dates
from analyzer.temporal import find_dates


def test_relative_dates_are_resolved_against_published():
    doc = doc_of("He was elected last year and spoke on Monday.", published="2025-12-03")
    assert [(f.text, f.detail["resolved"]) for f in dates.find(doc)] == [
        ("last year", "2024"),
        ("Monday", "2025-12-01"),
    ]


def test_without_published_relative_dates_stay_unresolved():
    (finding,) = dates.find(doc_of("He was elected last year."))
    assert finding.detail == {"relative": True, "resolved": None}
    assert "left unresolved rather than guessed" in finding.message


def test_absolute_dates_are_not_issues():
    assert dates.find(doc_of("He was elected on Feb. 22, 2024.")) == []


def test_impossible_dates_are_flagged():
    (finding,) = dates.find(doc_of("It happened on Feb. 30, 2024."))
    assert finding.message == "“Feb. 30, 2024” is not a real date: February has no day 30."


def test_a_weekday_that_contradicts_its_date_is_flagged():
    (finding,) = dates.find(doc_of("On Tuesday, March 5, 2025, they met."))
    assert finding.text == "Tuesday, March 5, 2025"
    assert "was a Wednesday, not a Tuesday" in finding.message


def test_detail_relative_tells_relative_dates_from_faulty_ones():
    doc = doc_of(
        "Last week, on Tuesday, March 5, 2025, a Feb. 30 date and last year were cited.",
        published="2025-04-30",
    )
    assert [(f.text, f.detail["relative"]) for f in dates.find(doc)] == [
        ("Last week", True),
        ("Tuesday, March 5, 2025", False),
        ("Feb. 30", False),
        ("last year", True),
    ]


def test_capitalised_relative_dates_at_a_sentence_start_are_found():
    # temporal.py matched only lower-case "last", "in", "today"; fixed in the claims branch.
    found = find_dates("Last month it rained. In May it snowed. Today it is dry.", "2025-06-10")
    assert [(d.text, d.resolved) for d in found] == [
        ("Last month", "2025-05"),
        ("May", "2025-05"),
        ("Today", "2025-06-10"),
    ]


def test_a_date_placed_by_the_tense_says_which_words_placed_it():
    doc = doc_of(
        "The suspects are expected to appear in court on Thursday.", published="2026-07-08"
    )
    (finding,) = dates.find(doc)
    assert finding.detail == {"relative": True, "resolved": "2026-07-09"}
    assert finding.message == (
        "“Thursday” is a relative date: counted from the publication date (2026-07-08) it means "
        "2026-07-09, the first on or after that date, as the sentence looks ahead "
        "(“are expected”). A copy read later, or a rewrite, may place it wrongly."
    )


def test_a_month_and_day_without_a_year_is_not_called_a_relative_date():
    (finding,) = dates.find(doc_of("Violence erupted on Feb. 22.", published="2025-03-07"))
    assert finding.message == (
        "“Feb. 22” gives no year: read against the publication date (2025-03-07) it means "
        "2025-02-22, the last on or before that date, as the sentence looks back (“erupted”). "
        "A copy read later, or a rewrite, may place it wrongly."
    )


def test_a_dateline_date_is_named_as_the_dateline():
    doc = doc_of(
        "ASHFORD, March 10 (Example Wire) - A fire closed the rail line on Tuesday.",
        published="2026-03-10",
    )
    dateline, tuesday = dates.find(doc)
    assert dateline.message == (
        "“March 10”, the date of the dateline, gives no year: it is the publication date, "
        "2026-03-10. A copy read later, or a rewrite, may place it wrongly."
    )
    assert tuesday.detail["resolved"] == "2026-03-10"


def test_a_month_and_day_without_a_year_or_publication_date_stays_unresolved():
    (finding,) = dates.find(doc_of("SPRINGFIELD, Ill., March 10 (Wire) — The vote passed."))
    assert finding.message == (
        "“March 10”, the date of the dateline, gives no year, and the article has no publication "
        "date, so it cannot be placed in time; it is left unresolved rather than guessed."
    )
