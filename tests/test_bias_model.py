"""The biased-language model: training on tiny data the tests write, saving, loading, naming."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from conftest import BIAS_LOADED as LOADED
from conftest import BIAS_PLAIN as PLAIN

from analyzer import train
from analyzer.learned import bias
from analyzer.learned.store import load_model, read_sidecar, save_model


def test_a_loaded_sentence_scores_above_a_plain_one(tiny_bias_model):
    model = tiny_bias_model
    loaded, plain = bias.sentence_probability(
        model, ["Radical thugs want to destroy it.", "The council met in March."]
    )
    assert loaded > 0.5 > plain


def test_the_word_model_names_the_marked_words_first(tiny_bias_model):
    words = bias.loaded_words(tiny_bias_model, "The corrupt council met.")
    assert words[0].word == "corrupt"
    assert (words[0].start, words[0].end) == (4, 11)


def test_naming_raises_a_word_experts_marked_wherever_it_appeared(tiny_bias_model):
    (prob,), (ratio,) = bias.word_evidence(tiny_bias_model, ["corrupt"])
    assert ratio > 1
    assert bias.naming_scores(tiny_bias_model, ["corrupt"])[0] > prob


def test_naming_lowers_a_word_experts_saw_often_and_never_marked(tiny_bias_model):
    (prob,), (ratio,) = bias.word_evidence(tiny_bias_model, ["council"])
    assert ratio < 1
    assert bias.naming_scores(tiny_bias_model, ["council"])[0] < prob


def test_a_word_the_lexicon_never_saw_keeps_the_word_models_probability(tiny_bias_model):
    (prob,), (ratio,) = bias.word_evidence(tiny_bias_model, ["zeppelin"])
    assert ratio == 1
    assert bias.naming_scores(tiny_bias_model, ["zeppelin"])[0] == pytest.approx(prob)


def test_further_words_are_named_only_from_the_naming_cut():
    ranked = [bias.Driver(0, 3, "top", 0.3), bias.Driver(4, 7, "near", bias.NAME_MORE - 0.01)]
    assert [d.word for d in bias.named_words({"word_threshold": 0.0}, ranked)] == ["top"]


def test_the_lexicon_rates_a_word_marked_wherever_it_appears_above_a_topic_word():
    # "tax" sits in every biased sentence but no expert marks it; "slammed" is marked each time.
    texts = ["Critics slammed the tax plan.", "Rivals slammed the tax cut.", "The tax bill passed."]
    marked = [["slammed"], ["slammed"], []]
    lexicon = bias.StemLexicon().fit(texts, marked)
    assert lexicon.rate("slammed") > lexicon.rate("tax")
    assert lexicon.rate("slams") == lexicon.rate("slammed")  # one stem, one rate
    assert lexicon.rate("unseen") == lexicon.prior


def test_the_lexicon_features_put_a_sentences_most_marked_word_first():
    lexicon = bias.StemLexicon().fit(["They slammed it.", "They met."], [["slammed"], []])
    loaded, plain = lexicon.features(["Critics slammed it.", "Critics met."])
    assert loaded[0] > plain[0]


def test_the_text_model_keeps_plain_scikit_learn_steps():
    pipe = bias.fit_text_model(
        ["a radical plan", "rain fell today", "radical scheme", "the sun rose today"],
        [1, 0, 1, 0],
        C=10.0,
    )
    assert [type(step).__name__ for _, step in pipe.steps] == [
        "TfidfVectorizer",
        "LogisticRegression",
    ]


def test_a_courtesy_title_opening_a_sentence_is_never_named():
    assert [w for _, _, w in bias.candidate_words("Mr. King slammed it")] == ["slammed"]


def test_stop_words_and_numbers_are_never_named():
    assert [w for _, _, w in bias.candidate_words("It was 40 of them")] == []


def test_the_saved_model_loads_with_only_its_trusted_types(tmp_path, tiny_bias_model):
    path = tmp_path / "bias.skops"
    save_model(tiny_bias_model, path)
    model = load_model(path, bias.TRUSTED_TYPES)
    assert model["threshold"] == 0.5
    assert bias.loaded_words(model, "A radical plan.")[0].word == "radical"


def test_the_best_f1_threshold_prefers_the_highest_of_near_equal_ones():
    labels = np.array([1, 1, 0, 0])
    assert bias.choose_threshold(labels, np.array([0.9, 0.6, 0.4, 0.1])) == (0.6, 1.0)


def test_the_product_threshold_is_the_lowest_reaching_the_target_precision():
    labels = np.array([1, 0, 1, 0])
    probs = np.array([0.9, 0.6, 0.55, 0.1])
    assert bias.precision_threshold(labels, probs, 0.9) == 0.61
    assert bias.precision_threshold(labels, probs, 0.6) == 0.3


def _write_babe(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["id", "text", "label", "biased_words", "outlet_leaning"])
        writer.writeheader()
        for i, (text, label, words) in enumerate(rows):
            writer.writerow(
                {
                    "id": f"t-{i}",
                    "text": text,
                    "label": label,
                    "biased_words": json.dumps(words),
                    "outlet_leaning": "left" if i % 2 else "right",
                }
            )


@pytest.mark.slow
def test_train_writes_the_model_and_a_card_stating_the_data_licence(tmp_path):
    rows = [(t, 1, m) for t, m in LOADED] * 2 + [(t, 0, []) for t in PLAIN] * 2
    _write_babe(tmp_path / "train.csv", rows)
    _write_babe(tmp_path / "dev.csv", rows[:4] + rows[-4:])
    out = tmp_path / "models"
    assert train.main(["bias", "--data", str(tmp_path), "--out", str(out)]) == 0
    model = load_model(out / "bias.skops", bias.TRUSTED_TYPES)
    assert 0.3 <= model["threshold"] <= 0.9
    # Its sidecar gives analysis the same model without scikit-learn.
    fast = bias.from_arrays(read_sidecar(out / "bias.skops"))
    texts = [t for t, _ in LOADED] + PLAIN
    assert bias.sentence_probability(fast, texts) == bias.sentence_probability(model, texts)
    assert bias.loaded_words_many(fast, texts) == bias.loaded_words_many(model, texts)
    assert fast["threshold"] == model["threshold"]
    card = (out / "bias.md").read_text(encoding="utf-8")
    assert "AGPL-3.0" in card
    assert "## Dev split" in card
