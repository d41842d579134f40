"""loaded_language: the writer's own loaded words are findings; a speaker's are only counted."""

from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.document import Article, build_document
from analyzer.learned import bias
from analyzer.signals import loaded_language, quotes


@pytest.fixture
def assess(tiny_bias_model):
    def run(text: str):
        doc = build_document(Article("t", "t", text))
        return loaded_language.assess(doc, quotes.find(doc), model=tiny_bias_model)

    return run


def test_loaded_words_in_the_writers_voice_are_findings_on_each_word(assess):
    result = assess("The radical mob wants to destroy the council.")
    # Ranked by naming score: "mob" (before "wants") is read as in noun use, without its stem's lift.
    assert [f.text for f in result.findings] == ["radical", "destroy", "mob"]
    assert result.sentences == 1


def test_every_finding_span_is_the_text_it_names(assess):
    text = "The council met. Then the radical mob wants to destroy the plan."
    for f in assess(text).findings:
        assert text[f.start : f.end] == f.text


def test_loaded_words_inside_a_speech_quote_belong_to_the_speaker(assess):
    result = assess("“The radical mob wants to destroy the council,” the mayor said on Tuesday.")
    assert result.findings == []
    assert result.in_quotes == 1


def test_a_plain_sentence_has_no_finding(assess):
    assert assess("The council met on Tuesday to discuss the budget.").findings == []


def test_the_committed_model_flags_loaded_wording_and_names_the_words():
    result = analyze("The radical left's insane scheme to destroy the economy is a disgrace.")
    named = [f.text for f in result.findings if f.kind == "loaded_language"]
    assert "insane" in named and "radical" in named
    assert result.metrics["loaded_language_sentences"] == 1
    message = next(f.message for f in result.findings if f.kind == "loaded_language")
    assert "“insane”" in message


def test_the_committed_model_leaves_a_plain_news_sentence_alone():
    result = analyze("The city council approved the budget on Tuesday by a vote of 7 to 2.")
    assert result.metrics["loaded_language"] == 0


def test_the_committed_model_counts_a_loaded_quote_apart_from_the_outlet():
    result = analyze(
        "“The radical left's insane scheme will destroy the economy and it is a disgrace,” "
        "the senator said on Tuesday."
    )
    assert result.metrics["loaded_language"] == 0
    assert result.metrics["loaded_language_in_quotes"] == 1


def test_with_no_word_gate_a_flagged_sentence_names_its_likeliest_word(tiny_bias_model):
    # No word here is like a marked one (the word model rates each under 0.5), but the sentence
    # model is made to flag everything: the finding names the likeliest word, saying it is unsure.
    model = dict(tiny_bias_model, threshold=0.0, word_threshold=0.0)
    doc = build_document(Article("t", "t", "The bill passed the senate."))
    result = loaded_language.assess(doc, [], model=model)
    assert len(result.findings) == 1
    assert "unsure" in result.findings[0].message


def test_a_word_gate_drops_a_sentence_whose_words_the_word_model_doubts(tiny_bias_model):
    model = dict(tiny_bias_model, threshold=0.0, word_threshold=0.5)
    doc = build_document(Article("t", "t", "The bill passed the senate."))
    assert loaded_language.assess(doc, [], model=model).findings == []


@pytest.mark.parametrize(
    ("text", "word", "noun"),
    [
        ("A fire brought the vital rail link to a standstill.", "rail", True),
        ("Can Ashford's rail network be kept safe?", "rail", True),
        ("He led Mexico's most aggressive offensive against the cartels.", "offensive", True),
        ("Bannon railed against the elites.", "railed", False),
        ("King made an offensive remark about immigrants.", "offensive", False),
        ("It's hard to imagine a worse plan.", "hard", False),
    ],
)
def test_noun_use_from_the_neighbouring_words(text, word, noun):
    start = text.index(word)
    assert bias.noun_use(text, start, start + len(word)) is noun


def test_a_noun_in_a_compound_is_not_named_beside_a_loaded_word():
    text = (
        "In the heart of Ashford, a devastating fire on Wednesday brought the vital rail link to "
        "Kenton to a standstill, delaying over 60 trains."
    )
    assert [f.text for f in analyze(text).findings if f.kind == "loaded_language"] == [
        "devastating"
    ]


def test_a_loaded_noun_at_the_top_keeps_its_lift_in_noun_use():
    # BABE dev: the experts marked "demonization"; demoting the top word would drop it.
    text = (
        "They are easily riled up by the demonization of social spending programs like "
        "Obamacare or food stamps"
    )
    ranked = bias.loaded_words(bias.load(), text)
    assert (ranked[0].word, ranked[0].weight) == ("demonization", 0.9039)
    assert [f.text for f in analyze(text).findings if f.kind == "loaded_language"] == [
        "riled",
        "demonization",
    ]


def test_the_top_word_keeps_its_score_in_noun_use():
    # Demoting it would only hand the finding to a weaker word ("Graham, as a backer of ...").
    ranked = bias.loaded_words(bias.load(), "Can Ashford's rail network truly be kept safe?")
    assert (ranked[0].word, ranked[0].weight) == ("rail", 0.7107)
