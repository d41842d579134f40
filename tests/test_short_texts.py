"""Very short texts: rate-based scores are withheld, findings and counted shares are kept."""

from __future__ import annotations

from analyzer import analyze
from analyzer.scoring import MIN_WORDS_TO_SCORE
from analyzer.writers.html import render_article

SHORT = "Experts say the bridge is unsafe. The mayor said it would be closed on Monday."


def test_a_two_sentence_text_gets_no_rate_based_score():
    result = analyze(SHORT)
    assert result.metrics["words"] < MIN_WORDS_TO_SCORE
    assert {k: result.scores[k] for k in ("sourcing", "hedging", "ai_style")} == {
        "sourcing": None,
        "hedging": None,
        "ai_style": None,
    }
    assert result.metrics["scores_withheld"] == ["ai_style", "hedging", "sourcing"]


def test_a_short_text_keeps_its_findings_and_counted_shares():
    result = analyze(SHORT)
    assert "vague_attribution" in {f.kind for f in result.findings}
    assert result.scores["named_attribution"] == 0.0


def test_a_text_of_the_minimum_length_is_scored():
    sentence = "The council met on Tuesday and the mayor said the bridge would reopen in May. "
    text = sentence * 7  # 15 words each: 105 words
    result = analyze(text)
    assert result.metrics["words"] >= MIN_WORDS_TO_SCORE
    assert result.metrics["scores_withheld"] == []
    assert None not in (result.scores[k] for k in ("sourcing", "hedging", "ai_style"))


def test_the_article_page_says_why_a_score_is_empty():
    page = render_article(analyze(SHORT))
    assert f"fewer than the {MIN_WORDS_TO_SCORE} a score built on rates per word needs" in page
