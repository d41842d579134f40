"""Evaluate unsupported-claim detection against PolNeAR attribution annotations.

PolNeAR (Newell, Margolin and Ruths, 2018) marks every attribution in 1,008 political news
articles. A sentence touched by an annotated cue or content span is *attributed*; any other
sentence is not. Among the sentences :func:`analyzer.signals.claims.assess` takes as factual claims
in the writer's voice, a flagged ``unsupported_claim`` is a true positive when PolNeAR marks the
sentence as unattributed. Recall is over claim sentences PolNeAR leaves unattributed, so it does
not measure how well claims themselves are found (PolNeAR does not label claims).

The data is read from ``--data`` (the folder holding ``train/`` and ``dev/``); nothing is copied.
For an article annotated by several people the first annotation file in name order is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from analyzer.document import Article, Document, build_document
from analyzer.evaluation.scores import prf_line
from analyzer.signals import attribution, claims, quotes
from analyzer.signals.people import find_people

_SPAN_LINE = re.compile(r"^T\d+\t(Content|Cue)\s+([\d ;]+)\t", re.M)


def read_polnear(data: Path, split: str) -> Iterator[tuple[str, str, list[tuple[int, int]]]]:
    """(article name, text, attributed spans) for each article of a split, in name order."""
    text_dir = data / split / "text"
    ann_dir = data / split / "attributions"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"{text_dir}: no PolNeAR text folder for split {split!r}")
    for path in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{path.stem}_*.ann"))
        spans: list[tuple[int, int]] = []
        if anns:
            for m in _SPAN_LINE.finditer(anns[0].read_text(encoding="utf-8")):
                for part in m.group(2).split(";"):
                    s, e = part.split()
                    spans.append((int(s), int(e)))
        yield path.stem, path.read_text(encoding="utf-8"), spans


def attributed(doc: Document, spans: list[tuple[int, int]]) -> list[bool]:
    """For each sentence, whether any annotated span overlaps it."""
    return [any(s < sent.end and sent.start < e for s, e in spans) for sent in doc.sentences]


def _pipeline_attributions(doc: Document):
    """The attributions the pipeline passes to claims (same calls as analyze_document)."""
    people = find_people(doc)
    return attribution.find(doc, quotes=quotes.find(doc), people=people)


def evaluate(data: Path, split: str) -> str:
    """P/R/F1 of unsupported_claim findings against PolNeAR's unattributed sentences.

    Reported twice: with the attribution signal's output passed in (as the pipeline runs), and
    with the claims module's own support cues only.
    """
    counts = {"with attributions": [0, 0, 0, 0], "own cues only": [0, 0, 0, 0]}
    articles = sentences = 0
    for name, text, spans in read_polnear(data, split):
        doc = build_document(Article(name, name, text))
        gold = attributed(doc, spans)
        starts = {s.start: i for i, s in enumerate(doc.sentences)}
        articles += 1
        sentences += len(doc.sentences)
        runs = {
            "with attributions": claims.assess(doc, _pipeline_attributions(doc)),
            "own cues only": claims.assess(doc),
        }
        for label, assessed in runs.items():
            c = counts[label]
            for claim in assessed:
                unattributed = not gold[starts[claim.start]]
                flagged = not claim.supported
                c[0] += flagged and unattributed
                c[1] += flagged and not unattributed
                c[2] += unattributed and not flagged
                c[3] += not flagged and not unattributed
    lines = [f"PolNeAR {split}: {articles} articles, {sentences} sentences"]
    for label, (tp, fp, fn, tn) in counts.items():
        total = tp + fp + fn + tn
        lines += [
            f"{label}: {total} claim sentences in the writer's voice, "
            f"accuracy {(tp + tn) / total:.3f}"
            if total
            else f"{label}: no claims",
            "  " + prf_line("unsupported_claim (unattributed)", tp, fp, fn),
            "  " + prf_line("supported (attributed)", tn, fn, fp),
        ]
    return "\n".join(lines)
