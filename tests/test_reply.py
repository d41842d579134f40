"""Right of reply: an accused named party gets a response, or the article says one was sought."""

from __future__ import annotations

from analyzer import analyze

ACCUSATION = (
    "City Council member Ana Ruiz accused Acme Corporation of dumping waste into the Elm River. "
    "Residents say the water has turned brown since the spring."
)


def _no_reply(text: str) -> list[tuple[str, str]]:
    return [
        (f.text, f.detail["accused"])
        for f in analyze(text).findings
        if f.kind == "no_response_sought"
    ]


def test_an_accusation_without_any_response_is_flagged_on_its_cue():
    assert _no_reply(ACCUSATION) == [("accused", "Acme Corporation")]
    message = next(
        f.message for f in analyze(ACCUSATION).findings if f.kind == "no_response_sought"
    )
    assert "Acme Corporation" in message and "declined to comment" in message


def test_declined_to_comment_is_a_reply():
    assert _no_reply(ACCUSATION + " Acme Corporation declined to comment.") == []


def test_a_request_for_comment_right_after_the_accusation_is_a_reply():
    text = (
        "Ana Ruiz accused Acme Corporation of dumping waste into the Elm River. "
        "The company did not respond to a request for comment."
    )
    assert _no_reply(text) == []


def test_the_accused_speaking_for_themselves_is_a_reply():
    text = ACCUSATION + " “We follow every rule,” Acme Corporation said in a statement."
    assert _no_reply(text) == []


def test_a_passive_accusation_points_at_the_name_before_the_cue():
    text = (
        "Mayor John Smith was accused of misusing city funds in a report by the state auditor. "
        "The report was released on Monday."
    )
    assert _no_reply(text) == [("accused", "John Smith")]


def test_the_accuser_is_not_taken_for_the_accused():
    text = "Ana Ruiz, who sued the company in March, says the river has turned brown."
    assert _no_reply(text) == []


def test_counts_of_accused_parties_and_replies_are_metrics():
    metrics = analyze(ACCUSATION + " Acme Corporation declined to comment.").metrics
    assert (metrics["accused_parties"], metrics["accused_with_reply"]) == (1, 1)
