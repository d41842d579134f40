"""hedging, claim_support and ai_style formulas."""

from __future__ import annotations

from analyzer.scoring import (
    AI_STYLE_WEIGHTS,
    ai_style_parts,
    ai_style_score,
    claim_support_score,
    hedging_score,
)


def test_hedging_is_the_smoothed_share_of_hedges_among_stance_words():
    assert [hedging_score(h, b) for h, b in [(0, 0), (4, 0), (0, 4), (3, 3)]] == [
        50.0,
        83.3,
        16.7,
        50.0,
    ]


def test_claim_support_is_null_without_claims():
    assert claim_support_score([]) is None
    assert claim_support_score([1.0, 0.0]) == 50.0


def test_ai_style_weights_sum_to_100_and_cap_each_part():
    assert sum(AI_STYLE_WEIGHTS.values()) == 100
    parts = ai_style_parts(
        words=100,
        ai_phrases=50,
        unsigned_notes=3,
        closing_questions=4,
        other_questions=4,
        empty_headings=9,
        direct_quotes=0,
        reporting_cues=9,
        vague_attributions=9,
    )
    assert parts == AI_STYLE_WEIGHTS
    assert ai_style_score(parts) == 100.0


def test_a_quoted_report_gets_no_ai_style_points():
    parts = ai_style_parts(
        words=800,
        ai_phrases=0,
        unsigned_notes=0,
        closing_questions=0,
        other_questions=0,
        empty_headings=0,
        direct_quotes=6,
        reporting_cues=20,
        vague_attributions=0,
    )
    assert ai_style_score(parts) == 0.0
