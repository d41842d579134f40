"""Very short texts: rate-based scores are given but flagged as low-confidence."""

from __future__ import annotations

from analyzer import analyze
from analyzer.scoring import MIN_WORDS_FOR_CONFIDENCE
from analyzer.writers.html import render_article

SHORT = "Experts say the bridge is unsafe. The mayor said it would be closed on Monday."


def test_a_two_sentence_text_flags_its_rate_based_scores():
    result = analyze(SHORT)
    assert result.metrics["words"] < MIN_WORDS_FOR_CONFIDENCE
    assert result.metrics["scores_low_confidence"] == ["ai_style", "hedging", "sourcing"]


def test_a_short_text_still_gets_numeric_scores():
    result = analyze(SHORT)
    values = [result.scores[k] for k in ("sourcing", "hedging", "ai_style")]
    assert all(isinstance(v, float) and 0.0 <= v <= 100.0 for v in values)


def test_a_short_text_keeps_its_findings_and_counted_shares():
    result = analyze(SHORT)
    assert "vague_attribution" in {f.kind for f in result.findings}
    assert result.scores["named_attribution"] == 0.0


def test_a_text_of_the_minimum_length_is_not_flagged():
    sentence = "The council met on Tuesday and the mayor said the bridge would reopen in May. "
    text = sentence * 7  # 15 words each: 105 words
    result = analyze(text)
    assert result.metrics["words"] >= MIN_WORDS_FOR_CONFIDENCE
    assert result.metrics["scores_low_confidence"] == []


def test_the_article_page_says_a_score_rests_on_too_few_words():
    page = render_article(analyze(SHORT))
    assert f"fewer than the {MIN_WORDS_FOR_CONFIDENCE} a score built on rates per word" in page
