"""The hedging and ai_style evaluations score a labelled JSONL file exactly."""

from __future__ import annotations

import json

from analyzer.evaluation import ai_style, hedging


def write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_hedging_evaluation_counts_words_per_kind(tmp_path):
    data = write(
        tmp_path / "h.jsonl",
        [
            {"text": "It may rain, clearly.", "hedges": ["may"], "boosters": ["clearly"]},
            {"text": "It will arguably rain.", "hedges": ["arguably"], "boosters": []},
        ],
    )
    report = hedging.evaluate(data).splitlines()
    assert report[1].split("  (")[1] == "tp 1, fp 0, fn 1)"
    assert report[2].split("  (")[1] == "tp 1, fp 0, fn 0)"


def test_ai_style_evaluation_scores_presence_per_kind(tmp_path):
    data = write(
        tmp_path / "a.jsonl",
        [
            {
                "text": "A testament to grit.",
                "ai_phrase": True,
                "rhetorical_question": False,
                "unsigned_note": False,
            },
            {
                "text": "Prices rose.",
                "ai_phrase": True,
                "rhetorical_question": False,
                "unsigned_note": False,
            },
        ],
    )
    report = ai_style.evaluate(data).splitlines()
    assert report[1].endswith("(tp 1, fp 0, fn 1)")
