"""Headline vs body: what the headline claims that the body does not support."""

from __future__ import annotations

from analyzer import analyze

BODY = (
    "The city council raised the property tax by 4.5 percent on Tuesday.\n"
    "Mayor Ana Ruiz said she opposed the increase but would sign the budget.\n"
)


def _claims(result) -> list[str]:
    return [f.detail["claim"] for f in result.findings if f.kind == "headline_unsupported"]


def test_a_sensational_headline_is_flagged_on_its_words():
    title = "Mayor Slams Record 45% Tax Hike"
    result = analyze(title + "\n" + BODY, title=title)
    assert sorted(_claims(result)) == sorted(
        ["Mayor Slams Record 45% Tax Hike", "Slams", "Record", "45%"]
    )
    for f in result.findings:
        if f.kind == "headline_unsupported":
            assert result.text[f.start : f.end] == f.text
    number = next(f for f in result.findings if f.detail.get("claim") == "45%")
    assert "4.5 percent" in number.message


def test_a_faithful_headline_has_no_finding():
    title = "Council Raises Property Tax 4.5 Percent"
    assert _claims(analyze(title + "\n" + BODY, title=title)) == []


def test_a_headline_only_in_the_metadata_points_at_the_lede():
    result = analyze(BODY, title="Mayor Slams Tax Increase")
    (finding,) = [f for f in result.findings if f.kind == "headline_unsupported"]
    assert finding.text == "The city council raised the property tax by 4.5 percent on Tuesday."
    assert finding.message.startswith("Headline “Mayor Slams Tax Increase”:")


def test_no_title_no_check():
    assert _claims(analyze(BODY)) == []


def test_a_question_headline_claims_nothing():
    assert _claims(analyze(BODY, title="Will the Mayor Slam a Record Tax Hike?")) == []
