"""The word-level evaluation of loaded_language: named words against the experts' marked words."""

from __future__ import annotations

import csv
import json

import pytest

from analyzer import evaluate
from analyzer.learned import bias
from analyzer.learned.bias_words_eval import gold_tokens, word_figures


def test_marked_words_lose_their_quote_marks_and_case_and_split_like_the_product():
    assert gold_tokens(['"Experts"', "so-called", "‘thugs’"]) == {
        "experts",
        "so",
        "called",
        "thugs",
    }


def test_figures_count_each_word_once_per_sentence_and_sum_over_sentences():
    figures = word_figures([{"slammed", "tax"}, {"mob"}], [{"slammed"}, {"mob", "radical"}])
    assert (figures.named, figures.marked, figures.right) == (3, 3, 2)
    assert figures.precision == figures.recall == pytest.approx(2 / 3)


def test_figures_of_a_scope_leave_the_other_sentences_out():
    figures = word_figures([{"slammed"}, set()], [{"slammed"}, {"mob"}], [True, False])
    assert (figures.precision, figures.recall, figures.f1) == (1.0, 1.0, 1.0)


def _write_dev(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["id", "text", "label", "biased_words"])
        writer.writeheader()
        for i, (text, label, words) in enumerate(rows):
            writer.writerow(
                {"id": f"t-{i}", "text": text, "label": label, "biased_words": json.dumps(words)}
            )


def test_the_command_scores_the_products_named_words(
    tmp_path, monkeypatch, capsys, tiny_bias_model
):
    monkeypatch.setattr(bias, "load", lambda: tiny_bias_model)
    _write_dev(
        tmp_path / "dev.csv",
        [
            ("The corrupt council rigged the vote again.", 1, ["corrupt", '"rigged"']),
            ("The radical senator wants to destroy the budget.", 1, ["Radical"]),
            ("The council met in March to discuss the budget.", 0, []),
            ("The council met in March to discuss the so-called budget.", 1, ["so-called"]),
        ],
    )
    assert evaluate.main(["bias-words", "--data", str(tmp_path), "--split", "dev"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "sentences 4, biased 3, flagged 2 (biased and flagged 2)"
    assert lines[2].startswith("over flagged sentences: precision 0.750  recall 1.000")
    assert lines[3].startswith("over biased sentences:  precision 0.750  recall 0.600")
    assert lines[4] == (
        "named words no expert marked: 0.250 (1 of 4; 0 of them in non-biased sentences)"
    )
    assert lines[5].endswith("0.800 (4 of 5)")
