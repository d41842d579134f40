"""Prescriptive statements in the writer's voice."""

from __future__ import annotations

import pytest
from _docs import doc_of

from analyzer.signals import prescriptive


def found(text: str) -> list[str]:
    return [f.text for f in prescriptive.find(doc_of(text))]


def test_must_should_and_needs_to_in_the_writers_voice():
    assert found("Congress must act. The city should wait. Mexico needs to reform.") == [
        "must",
        "should",
        "needs to",
    ]


def test_necessity_frames_count():
    assert found("It is important to recognize the risk. This will require money.") == [
        "It is important to",
        "will require",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“We must act,” the mayor said.",
        "The mayor said the city should wait.",
        "He must have known.",
        "Should the talks fail, prices will rise.",
        "Should we wait?",
    ],
)
def test_quoted_reported_epistemic_and_conditional_uses_are_not_prescriptive(text):
    assert found(text) == []
