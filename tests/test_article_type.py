"""Article type rules, on the features they read and on the seeds."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from analyzer.article_type import TypeFeatures, classify
from analyzer.document import Article, Metadata
from analyzer.pipeline import analyze_article
from analyzer.readers import read_inputs


def test_question_and_answer_layout_makes_an_interview():
    kind, reasons = classify(TypeFeatures(("3 question paragraphs",), 60.0, False, 9, 500, 0))
    assert (kind, reasons) == ("interview", ("question-and-answer layout: 3 question paragraphs",))


def test_a_derived_article_needs_a_lower_ai_style_to_be_a_rewrite():
    features = dict(qa_reasons=(), ai_style=30.0, prescriptive=0, words=500, direct_quotes=0)
    assert classify(TypeFeatures(derived=True, **features))[0] == "ai_rewrite"
    assert classify(TypeFeatures(derived=False, **features))[0] == "news"


def test_an_opinion_title_decides():
    assert classify(TypeFeatures((), 0.0, False, 0, 500, 3, "Opinion: Fix the roads"))[0] == (
        "opinion"
    )


def test_an_op_eds_questions_add_no_ai_style_points():
    text = "The council raised taxes again.\n\nVoters deserve better.\n\nIsn't it time?"
    result = analyze_article(Article("oped", "oped", text, Metadata(title="Opinion: Stop it")))
    assert result.type == "opinion"
    assert result.metrics["ai_style_parts"]["rhetorical_questions"] == 0.0


@pytest.fixture(scope="module")
def seed_results():
    articles = [a for a in read_inputs([str(SEEDS)]) if not isinstance(a, Exception)]
    return {a.id[:3]: analyze_article(a) for a in articles}


def test_seed_types(seed_results):
    assert {k: r.type for k, r in seed_results.items()} == {
        "000": "news",
        "001": "interview",
        "002": "ai_rewrite",
        "003": "ai_rewrite",
        "004": "opinion",
    }


def test_seed_score_ranking(seed_results):
    s = {k: r.scores for k, r in seed_results.items()}
    assert s["000"]["claim_support"] > max(s["002"]["claim_support"], s["003"]["claim_support"])
    assert min(s["002"]["ai_style"], s["003"]["ai_style"]) > s["000"]["ai_style"]


def test_seed_findings_a_user_would_check(seed_results):
    kinds = {k: [f.kind for f in r.findings] for k, r in seed_results.items()}
    assert kinds["002"].count("unsigned_note") == 1 and kinds["002"].count("ai_phrase") >= 10
    assert kinds["003"].count("unsupported_claim") >= 3
    assert kinds["004"].count("prescriptive") >= 10
    assert "prescriptive" not in kinds["000"] and "ai_phrase" not in kinds["000"]


def test_seed_004_think_tank_and_index_backed_claims_are_supported(seed_results):
    text = seed_results["004"].text
    flagged = [f.text for f in seed_results["004"].findings if f.kind == "unsupported_claim"]
    assert not any("World Justice Project" in t or "Brookings" in t for t in flagged)
    assert "World Justice Project" in text


def test_every_finding_points_at_its_text(seed_results):
    for r in seed_results.values():
        assert all(r.text[f.start : f.end] == f.text for f in r.findings)
