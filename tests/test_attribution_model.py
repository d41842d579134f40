"""The PolNeAR reader, the cue model's training and the SCORING.md evaluation, on a tiny corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.learned import cues
from analyzer.learned.evaluate_attribution import evaluate, score
from analyzer.learned.polnear import GoldArticle, read_split
from analyzer.learned.store import load_model, read_sidecar
from analyzer.learned.train_attribution import examples, train

SENTENCES = [
    ("Ana Ruiz", "said", "the bridge will open in May"),
    ("Luis Soto", "told", "reporters the plan was dead"),
    ("The mayor", "said", "taxes would not rise"),
    ("Officials", "said", "the road was closed"),
]


def write_corpus(root: Path, split: str, copies: int = 6) -> None:
    """Articles like "Ana Ruiz said the bridge will open in May. They called it a day." with
    brat annotations for the attribution (the second sentence's "called" is not a cue)."""
    (root / split / "text").mkdir(parents=True)
    (root / split / "attributions").mkdir(parents=True)
    for n in range(copies):
        text, ann, t = f"Title {n}\n", [], 1
        for source, cue, content in SENTENCES:
            s = len(text)
            text += f"{source} {cue} {content}. They called it a day.\n"
            c0 = s + len(source) + 1
            k0 = c0 + len(cue) + 1
            ann += [
                f"T{t}\tSource {s} {s + len(source)}\t{source}",
                f"T{t + 1}\tCue {c0} {c0 + len(cue)}\t{cue}",
                f"T{t + 2}\tContent {k0} {k0 + len(content)}\t{content}",
                f"T{t + 3}\tAttribution {c0} {c0 + len(cue)}\t{cue}",
                f"E{t}\tAttribution:T{t + 3} Content:T{t + 2} Cue:T{t + 1} Source:T{t}",
            ]
            t += 4
        (root / split / "text" / f"a{n}.txt").write_text(text, encoding="utf-8")
        (root / split / "attributions" / f"a{n}_x1.ann").write_text("\n".join(ann) + "\n")


def test_reader_keeps_one_annotator_and_every_event(tmp_path):
    write_corpus(tmp_path, "dev", copies=1)
    (tmp_path / "dev" / "attributions" / "a0_z9.ann").write_text("")
    (article,) = read_split(tmp_path, "dev")
    assert len(article.attributions) == 4
    first = article.attributions[0]
    assert article.text[slice(*first.source[0])] == "Ana Ruiz"
    assert first.direct is False


@pytest.mark.slow
def test_training_leaves_out_the_cue_words_judged_by_context_alone():
    # "sees" (context_cues.txt) is a candidate at run time but no training example.
    text = "Ana Ruiz sees the bridge as a risk. Ana Ruiz said it will open in May."
    assert [text[s:e] for s, e in cues.candidates(text)] == ["sees", "said"]
    rows, labels, _ = examples([GoldArticle("a", text, ())])
    assert [r["w"] for r in rows] == ["said"] and labels == [0]


def test_training_writes_a_model_that_loads_with_trusted_types_only(tmp_path):
    write_corpus(tmp_path / "data", "train")
    train(tmp_path / "data", tmp_path / "models")
    model = load_model(tmp_path / "models" / "attribution.skops", cues.TRUSTED_TYPES)
    text = "Ana Ruiz said the bridge will open in May. They called it a day."
    spans = cues.candidates(text)
    probs = cues.cue_probabilities(model, text, spans)
    assert [text[s:e] for s, e in spans] == ["said", "called"]
    assert probs[0] > 0.5 > probs[1]
    assert "Cross-validated figures" in (tmp_path / "models" / "attribution.md").read_text()
    # Its sidecar gives analysis the same scores without scikit-learn.
    scorer = cues.CueScorer.from_arrays(read_sidecar(tmp_path / "models" / "attribution.skops"))
    assert cues.cue_probabilities(scorer, text, spans) == probs


def test_evaluation_reports_every_scoring_figure(tmp_path):
    write_corpus(tmp_path, "dev", copies=2)
    figures = score(read_split(tmp_path, "dev"))
    assert figures["all@0.3 gold"] == 8
    assert figures["all@0.3 recall"] >= 0.75
    report = evaluate(tmp_path, "dev")
    assert "direct@0.3" in report and "Spearman" in report
