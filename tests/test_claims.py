"""Unsupported claims: what is a claim, what supports it, and what the message says."""

from __future__ import annotations

import pytest
from _docs import doc_of

from analyzer.results import Attribution
from analyzer.signals import claims


def kinds(text: str) -> list[tuple[str, ...]]:
    return [c.kinds for c in claims.assess(doc_of(text))]


def flagged(text: str, attributions=()) -> list[str]:
    return [f.text for f in claims.find(doc_of(text), attributions=attributions)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Homicides were 22 percent higher.", [("statistic", "comparison")]),
        ("Robberies rose sharply.", [("trend",)]),
        ("It is the largest port in Asia.", [("superlative",)]),
        ("The strike led to shortages.", [("causal",)]),
        ("Officers seized 20,000 guns.", [("statistic",)]),
        ("Thousands of troops arrived.", [("statistic",)]),
    ],
)
def test_checkable_claim_kinds(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The mayor is a careful man.",  # no checkable feature
        "Mr. Lee, 43, leads the force.",  # an age is background
        "Talks lasted 14 months.",  # a duration
        "The town lies 18 miles east of Atlanta.",  # a distance describes one place
        "Grant curled a shot into the top corner from 20 yards.",  # the length of one shot
        "Harbor City beat Northfield Rovers 2-1 on Saturday.",  # the result of one match
        "The committee voted 19-15 along party lines.",  # a vote on record
        "The court made a surprise 5-4 decision.",  # a ruling's tally
        "Attendance was 11,204.",  # the people at the event, counted at the gate
        "Attendance: 11,204.",
        # a crowd the reporter saw (PolNeAR, Breitbart 2016-02-08)
        "Trump is taking questions in an Elks Lodge in Salem, New Hampshire in front of a crowd "
        "of about 230 people.",
        "The win was Harbor City's fifth in a row, their longest streak since 2019.",  # results
        "United won 3-0, their biggest win of the season.",  # a record of results on record
        # a game's box score, as a wire game story gives it
        "LeBron James scored 31 points and grabbed 12 rebounds as the Lakers beat the Celtics.",
        "Anthony Davis added 24 points and 9 assists.",
        "Jayson Tatum led Boston with 28 points.",
        "The Lakers shot 52 percent from the field and made 14 of 30 3-pointers.",
        "A sellout crowd of 18,997 watched James pass 40,000 career points, the most in NBA history.",
        "The Celtics fell to 30-12, their worst loss at home this season.",  # a standing
        "The Jets fell 20-17 to the Bills on Sunday.",
        "The fund is nothing more than a slush fund.",  # a degree, not a measured comparison
        "He arrived on Feb. 22 in 2020.",  # dates are not statistics
        "Did crime rise 20 percent?",  # a question asserts nothing
        "Mexico must cut crime 20 percent.",  # a prescription, not a fact
        "“Crime rose 20 percent,” he said.",  # quoted speech
    ],
)
def test_not_claims_in_the_writers_voice(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Clinton leads Trump 45-40.", "45"),  # a poll's margin is told in the present
        ("Between 20-30 people came.", "20"),  # a range goes low to high
        ("He compiled a record of 216-146.", "216"),  # a record sums many results
    ],
)
def test_number_pairs_that_are_not_one_result_stay_statistics(text, number):
    (claim,) = claims.assess(doc_of(text))
    assert claim.kinds[0] == "statistic"
    assert claim.evidence[0] == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll was 40.", [("statistic",)]),  # compiled by someone, not seen
        ("The show drew an audience of 2.5 million.", [("statistic",)]),  # a rating
        ("A crowd of 1.2 million marched.", [("statistic",)]),  # no one at the scene counts it
        ("It was the biggest tax hike in a generation.", [("superlative",)]),
        ("It was the biggest tax cut in U.S. history.", [("superlative",)]),
        ("Her lead fell to 45-43 in the latest poll.", [("statistic", "trend")]),  # a poll moves
        ("Clinton trailed Sanders by more than 20 points.", [("statistic", "comparison")]),
        ("The company posted its worst loss since 2009.", [("superlative",)]),
        # a record streak of something other than results (PolNeAR, Politico 2016-02-05)
        (
            "Obama hailed the record streak of 71 months of private-sector job growth.",
            [("superlative",)],
        ),
    ],
)
def test_counts_and_records_not_seen_at_the_event_stay_claims(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a streak of weeks or months, with no contest told, is no record of results
        (
            "The wildfire is the largest in state history, burning for a third straight week.",
            [("superlative",)],
        ),
        (
            "Job growth slowed for a fifth consecutive month, the longest losing streak since 2009.",
            [("superlative",)],
        ),
        (
            "Inflation has risen for six straight months, the longest run in history.",
            [("trend", "superlative")],
        ),
        # "before" a number of people is a time, not a crowd
        ("The strike began before 300 people were arrested.", [("statistic",)]),
        ("The plant closed before 2,000 people lost their jobs.", [("statistic",)]),
        # a range counting a unit is no standing
        ("Prices rose 5-10% last year.", [("statistic", "trend")]),
        ("Temperatures rose to 30-35 degrees.", [("statistic", "trend")]),
    ],
)
def test_sports_rules_leave_general_news_claims(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "lead" of a match is no poll
        "Arsenal beat Chelsea 2-1 on Sunday after taking the lead in the first half.",
        # a poll in the paragraph before does not make a standing a poll's margin
        "The poll closed on Friday.\n\nThe Celtics fell to 30-12 on Sunday.",
        # the contest told in the sentence before
        "The Celtics won. It was their fifth straight win, their longest streak since 2019.",
        "The match was played before 40,000 fans.",
    ],
)
def test_sports_sentences_stay_off_the_record(text):
    assert kinds(text) == []


def test_little_more_than_a_number_is_still_a_comparison():
    (claim,) = claims.assess(doc_of("The attack took little more than half an hour."))
    assert claim.kinds == ("comparison",)


@pytest.mark.parametrize(
    "text",
    [
        "Homicides fell 22 percent, government data show.",
        "According to a 2024 report, homicides fell 22 percent.",
        "Trust ranked 135 out of 143 countries assessed by the World Justice Project.",
        "Crime fell 22 percent, the mayor said.",
        "In a statement, the ministry said arrests doubled.",
    ],
)
def test_claims_with_their_own_support_are_not_flagged(text):
    assert flagged(text) == []


def test_a_sentence_opening_on_the_source_before_it_is_supported_across_a_paragraph():
    text = (
        "Coffee may lower the risk of liver disease by 20 percent, according to a study "
        "published on Tuesday.\n\nThe researchers followed 50,000 adults for 10 years. They "
        "found no harm."
    )
    assert flagged(text) == []


def test_unattributed_claim_is_flagged_with_what_kind_and_what_is_missing():
    (finding,) = claims.find(doc_of("Homicides fell 22 percent last year."))
    assert finding.kind == "unsupported_claim"
    assert finding.text == "Homicides fell 22 percent last year."
    assert finding.message == (
        "States a number and a change over time (“22 percent”, “fell”) in the writer’s own "
        "voice, with no source, data or document named in this sentence or the ones next to it."
    )
    assert finding.detail == {"claim": ["statistic", "trend"]}


def test_vague_support_does_not_count_and_is_named():
    (finding,) = claims.find(doc_of("Experts say homicides fell 22 percent."))
    assert "its only support is vague (“Experts say”)" in finding.message


def test_past_tense_anonymous_attribution_is_support():
    assert flagged("Homicides fell 22 percent, analysts said.") == []


def test_a_figure_continuing_a_sourced_figure_borrows_its_support():
    text = "Police say arrests rose to 3,000. A year earlier there were 1,200."
    assert flagged(text) == []


def test_a_general_assertion_after_a_sourced_one_needs_its_own_support():
    text = "Police say arrests rose to 3,000. The policy led to fear."
    assert flagged(text) == ["The policy led to fear."]


def test_a_next_sentence_pointing_back_supports_the_claim():
    text = "Arrests rose 40 percent. Those figures come from data released by the police."
    assert flagged(text) == []


def test_an_attribution_passed_in_supports_the_sentence_it_touches():
    doc = doc_of("Arrests rose 40 percent, Lee wrote on X.")
    text = doc.text
    attribution = Attribution(
        start=0,
        end=len(text),
        kind="indirect",
        source="Lee",
        source_kind="person",
        cue="wrote",
        content_start=0,
        content_end=text.index(","),
    )
    assert claims.find(doc, attributions=[attribution]) == []


def test_an_attribution_to_a_vague_source_does_not_support():
    doc = doc_of("Critics say arrests rose 40 percent.")
    attribution = Attribution(
        start=0,
        end=len(doc.text),
        kind="indirect",
        source="Critics",
        source_kind="anonymous",
        cue="say",
        content_start=12,
        content_end=len(doc.text) - 1,
        source_start=0,
        source_end=7,
    )
    assert len(claims.find(doc, attributions=[attribution])) == 1


def test_characterising_verbs_give_half_credit():
    (claim,) = claims.assess(doc_of("He emphasized that arrests rose 40 percent."))
    assert (claim.supported, claim.credit) == (True, 0.5)


def test_vague_formulas_are_found_once_for_both_askers(monkeypatch):
    found = []
    plain = claims._vague_spans
    monkeypatch.setattr(claims, "_vague_spans", lambda doc: found.append(doc) or plain(doc))
    doc = doc_of("Experts say crime rose 40 percent.")
    assert [doc.span_text(s) for s in claims.vague_formulas(doc)] == ["Experts say"]
    assert [c.vague for c in claims.assess(doc)] == ["Experts say"]
    assert found == [doc]
