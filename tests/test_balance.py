"""Balance: role shares, one-sided sourcing, and the balance score on articles written here."""

from __future__ import annotations

from analyzer import analyze
from analyzer.signals.balance import balance_score, diversity

ONE_SIDED = (
    "The city will close the Elm Street shelter in June, officials said on Monday.\n"
    "“The building is no longer safe,” said Mayor Ana Ruiz.\n"
    "“We have found better places for every resident,” said Tom Hale, the city manager.\n"
    "“The budget cannot carry it,” said Council Member Dana Wu, who chairs the finance committee.\n"
)

BALANCED = (
    "The city will close the Elm Street shelter in June.\n"
    "“The building is no longer safe,” said Mayor Ana Ruiz.\n"
    "“Closing it in winter would put people on the street,” said Raj Patel, an organizer with "
    "the advocacy group Housing Now.\n"
    "“I have nowhere else to go,” said Maria Gomez, a resident of the shelter since March.\n"
    "“Cities that moved residents before closing saw fewer people sleeping outside,” said Dana "
    "Wu, an economist at the University of Michigan.\n"
)

# An 80-word brief quoting two people of two roles.
BRIEF = (
    "The city will close the Elm Street bridge for repairs from June 1 to September 30, the "
    "public works department announced on Monday.\n"
    "“The deck has cracks we cannot patch again,” said Lena Ortiz, the city engineer.\n"
    "“Half my customers cross that bridge,” said Tom Reyes, who runs a hardware store on Elm "
    "Street. “Four months is a long time.”\n"
    "Detours will run along Oak Avenue.\n"
)

LAWSUIT = (
    "Maria Gomez filed a lawsuit on Monday over the closing of the Elm Street shelter.\n"
    "“They never told us anything,” said Maria Gomez, a resident of the shelter.\n"
)


def test_diversity_is_one_for_as_many_roles_as_sources_and_zero_for_one_role():
    assert diversity(["official", "expert", "affected"]) == 1.0
    assert diversity(["official"] * 4) == 0.0
    assert diversity(["unknown"]) is None


def test_two_voices_score_as_three_of_two_roles_not_as_the_most_varied():
    result = analyze(BRIEF)
    assert result.metrics["source_roles"] == {"business": 0.5, "official": 0.5}
    assert result.scores["balance"] == 76.7
    assert diversity(["official", "business"]) == diversity(["official", "official", "business"])


def test_balance_score_adds_the_reply_share():
    assert balance_score(["official", "expert", "advocate"], accused=2, answered=1) == 85.0


def test_a_piece_quoting_only_officials_is_one_sided():
    result = analyze(ONE_SIDED)
    assert result.metrics["source_roles"] == {"official": 1.0}
    one_sided = [f for f in result.findings if f.kind == "one_sided_sourcing"]
    assert len(one_sided) == 1
    assert "officials" in one_sided[0].message
    assert result.scores["balance"] == 30.0


def test_a_piece_quoting_four_kinds_of_voice_is_balanced():
    result = analyze(BALANCED)
    assert result.metrics["source_roles"] == {
        "advocate": 0.25,
        "affected": 0.25,
        "expert": 0.25,
        "official": 0.25,
    }
    assert not [f for f in result.findings if f.kind == "one_sided_sourcing"]
    assert result.scores["balance"] == 100.0


def test_quoted_words_are_shared_out_by_the_speakers_role():
    shares = analyze(BALANCED).metrics["quoted_words_by_role"]
    assert set(shares) == {"advocate", "affected", "expert", "official"}
    assert abs(sum(shares.values()) - 1) < 0.01


def test_a_dispute_with_one_source_is_one_sided():
    result = analyze(LAWSUIT)
    found = [(f.text, f.detail) for f in result.findings if f.kind == "one_sided_sourcing"]
    assert found == [("lawsuit", {"sources": 1})]


def test_no_source_with_a_known_role_gives_no_balance_score():
    assert analyze("It rained all day on Tuesday.").scores["balance"] is None
