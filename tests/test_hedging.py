"""Hedges and boosters: what counts, in whose voice, and the context rules."""

from __future__ import annotations

import pytest
from _docs import doc_of

from analyzer.signals import hedging


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in hedging.find(doc_of(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plan may fail.", [("hedge", "may")]),
        ("Perhaps the vote was rigged.", [("hedge", "Perhaps")]),
        ("The policy appears to work.", [("hedge", "appears")]),
        ("Clearly, the policy works.", [("booster", "Clearly")]),
        ("It is, of course, a record.", [("booster", "of course")]),
        ("There is no doubt it failed.", [("booster", "There is no doubt")]),
    ],
)
def test_hedges_and_boosters_in_the_writers_voice(text, expected):
    assert found(text) == expected


def test_may_the_month_is_not_a_hedge():
    assert found("The law passed in May. It may change in June.") == [("hedge", "may")]


def test_sentence_initial_may_before_a_date_is_the_month():
    assert found("May 3 was the deadline.") == []


def test_hedges_inside_quotations_belong_to_the_speaker():
    assert found("“We could lose,” she said. They could win.") == [("hedge", "could")]


def test_might_in_a_question_is_not_a_hedge():
    assert found("Might the cartels win? They might.") == [("hedge", "might")]


def test_approximators_hedge_only_before_a_number():
    assert found("He talked about roughly 40 percent of about a dozen cases.") == [
        ("hedge", "roughly"),
        ("hedge", "about"),
    ]


def test_a_hedge_says_whether_it_marks_a_number_as_approximate():
    findings = hedging.find(doc_of("The plan may fail, with about 40 jobs lost."))
    assert [(f.text, f.detail) for f in findings] == [
        ("may", {"approximate": False}),
        ("about", {"approximate": True}),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He could not attend.",
        "She chose speed rather than care.",
        "Likely voters backed him.",
        "He appeared in court.",
        "Coffee drinkers were less likely to develop liver disease.",  # a compared likelihood
        "Smokers were twice as likely to fall ill.",
    ],
)
def test_non_hedging_uses_are_left_alone(text):
    assert found(text) == []


def test_most_likely_stands_for_probably_and_is_a_hedge():
    assert found("The dynamic most likely does not reflect most voters.") == [("hedge", "likely")]


def test_interview_answers_are_the_interviewees_voice():
    text = (
        "Edited excerpts follow.\nWhat now?\nWe may win.\nWhy?\nIt is possible.\n"
        "When?\nPerhaps soon."
    )
    assert found(text) == []


def test_findings_point_at_their_text():
    doc = doc_of("Crime clearly fell, and it may fall again by about 5 percent.")
    assert all(doc.text[f.start : f.end] == f.text for f in hedging.find(doc))
