"""Score quotes and attributions against PolNeAR: ``python -m analyzer.evaluate attribution``.

Implements the corpus's SCORING.md. Gold: one annotator per article (the smallest file name), one
item per ``E`` record, content segments merged into a set of characters. Predictions: the
attributions of :func:`analyzer.signals.attribution.find` on the article text.

- Content match: one-to-one, greedy by highest overlap, where overlap is
  ``|pred ∩ gold| / |gold|`` in characters and must reach 0.3 (lenient, the GenderGapTracker
  rule) or 0.8. Extraction precision = matched / predicted, recall = matched / gold.
- Direct subset: gold items whose content holds a quotation mark, against predicted items whose
  content holds one.
- Speaker correct: the predicted source span overlaps the gold Source span, or the predicted
  canonical name holds the last word of the gold source's name (coreference resolved, e.g. gold
  "Mr. Harfuch, the minister," or "Sen. Ana Ruiz (D-Mo.)" against "Omar García Harfuch" or
  "Ana Ruiz": party tags, appositives after a comma and titles are removed first); when gold
  has no source, only no source is correct. Speaker accuracy is over matched pairs; end-to-end
  F1 counts a pair only when the speaker is right too.
- Cue correct: spans overlap or the first words share a crude lemma (said/says/saying -> say).
- Sourcing density: attributions per 100 words per article, predicted against gold: Spearman's
  rho and mean absolute error across the split's articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scipy.stats import spearmanr

from analyzer.document import Article, build_document
from analyzer.learned.polnear import QUOTE_MARKS, GoldArticle, GoldAttribution, read_split
from analyzer.results import Attribution
from analyzer.signals import attribution, quotes

_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|sen|rep|gov|president|the)\.?\s+", re.IGNORECASE)
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "thought": "think", "found": "find"}


@dataclass(slots=True)
class Tally:
    """Counts for one subset (direct or all) at one overlap threshold."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_ok: int = 0
    cue_ok: int = 0

    def prf(self, hits: int | None = None) -> tuple[float, float, float]:
        hits = self.matched if hits is None else hits
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _chars(segments: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in segments:
        out.update(range(s, e))
    return out


def _lemma(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)].rstrip("e")
    return w.rstrip("e")


def _head(text: str) -> str:
    words = re.findall(r"[\w’']+", text)
    return _lemma(words[0]) if words else ""


def speaker_correct(text: str, pred: Attribution, gold: GoldAttribution) -> bool:
    """The SCORING.md speaker rule for one matched pair."""
    if not gold.source:
        return pred.source is None
    if pred.source is None:
        return False
    if pred.source_start is not None and pred.source_end is not None:
        if _chars([(pred.source_start, pred.source_end)]) & _chars(gold.source):
            return True
    gold_name = " ".join(text[s:e] for s, e in gold.source)
    # The name itself: no party tag "(D-Mo.)", no appositive after a comma, no title.
    gold_name = re.sub(r"\([^)]*\)", " ", gold_name).split(",")[0]
    gold_name = _HONORIFIC.sub("", gold_name.strip()).strip()
    last = re.findall(r"[\w’'\-]+", gold_name)
    return bool(last) and last[-1].lower() in pred.source.lower().split()


def cue_correct(text: str, pred: Attribution, gold: GoldAttribution) -> bool:
    if pred.cue_start is None or pred.cue_end is None:
        return False
    if _chars([(pred.cue_start, pred.cue_end)]) & _chars(gold.cue):
        return True
    gold_cue = " ".join(text[s:e] for s, e in gold.cue)
    return _head(text[pred.cue_start : pred.cue_end]) == _head(gold_cue)


def match(
    preds: list[Attribution], golds: list[GoldAttribution], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), greedy by highest overlap >= threshold."""
    gold_sets = [_chars(g.content) for g in golds]
    scored = []
    for i, p in enumerate(preds):
        ps = set(range(p.content_start, p.content_end))
        for j, gs in enumerate(gold_sets):
            if gs:
                ov = len(ps & gs) / len(gs)
                if ov >= threshold:
                    scored.append((-ov, i, j))
    scored.sort()
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    pairs = []
    for _, i, j in scored:
        if i not in taken_p and j not in taken_g:
            taken_p.add(i)
            taken_g.add(j)
            pairs.append((i, j))
    return pairs


def predict(text: str) -> tuple[list[Attribution], int]:
    """Our attributions for one article, and its word count."""
    doc = build_document(Article("eval", "", text))
    found = attribution.find(doc, quotes=quotes.find(doc))
    return found, doc.word_count


def _is_direct(text: str, a: Attribution) -> bool:
    return any(c in QUOTE_MARKS for c in text[a.content_start : a.content_end])


def score(articles: list[GoldArticle]) -> dict[str, float]:
    """Every SCORING.md figure over ``articles``."""
    tallies = {(sub, t): Tally() for sub in ("direct", "all") for t in (0.3, 0.8)}
    pred_density, gold_density = [], []
    for art in articles:
        preds, words = predict(art.text)
        golds = list(art.attributions)
        if words:
            pred_density.append(100 * len(preds) / words)
            gold_density.append(100 * len(golds) / words)
        for sub in ("direct", "all"):
            p_sub = [p for p in preds if sub == "all" or _is_direct(art.text, p)]
            g_sub = [g for g in golds if sub == "all" or g.direct]
            for t in (0.3, 0.8):
                tally = tallies[(sub, t)]
                tally.predicted += len(p_sub)
                tally.gold += len(g_sub)
                for i, j in match(p_sub, g_sub, t):
                    tally.matched += 1
                    tally.speaker_ok += speaker_correct(art.text, p_sub[i], g_sub[j])
                    tally.cue_ok += cue_correct(art.text, p_sub[i], g_sub[j])
    out: dict[str, float] = {}
    for (sub, t), tally in tallies.items():
        p, r, f = tally.prf()
        key = f"{sub}@{t}"
        out[f"{key} precision"], out[f"{key} recall"], out[f"{key} F1"] = p, r, f
        out[f"{key} speaker accuracy"] = tally.speaker_ok / tally.matched if tally.matched else 0.0
        out[f"{key} end-to-end F1"] = tally.prf(tally.speaker_ok)[2]
        out[f"{key} cue accuracy"] = tally.cue_ok / tally.matched if tally.matched else 0.0
        out[f"{key} predicted"], out[f"{key} gold"] = tally.predicted, tally.gold
    rho = spearmanr(pred_density, gold_density).statistic if len(pred_density) > 2 else 0.0
    out["density spearman"] = float(rho)
    out["density MAE"] = sum(
        abs(a - b) for a, b in zip(pred_density, gold_density, strict=True)
    ) / max(1, len(pred_density))
    return out


def evaluate(data: Path, split: str) -> str:
    """The printed report for ``python -m analyzer.evaluate attribution``."""
    articles = read_split(data, split)
    s = score(articles)
    lines = [f"PolNeAR {split}: {len(articles)} articles (one annotator each)"]
    lines.append("subset@overlap  pred  gold  P      R      F1     speaker  end-to-end  cue")
    for sub in ("direct", "all"):
        for t in (0.3, 0.8):
            k = f"{sub}@{t}"
            lines.append(
                f"{k:<15} {int(s[k + ' predicted']):>5} {int(s[k + ' gold']):>5}  "
                f"{s[k + ' precision']:.3f}  {s[k + ' recall']:.3f}  {s[k + ' F1']:.3f}  "
                f"{s[k + ' speaker accuracy']:.3f}    {s[k + ' end-to-end F1']:.3f}       "
                f"{s[k + ' cue accuracy']:.3f}"
            )
    lines.append(
        f"sourcing density (attributions per 100 words): Spearman {s['density spearman']:.3f}, "
        f"MAE {s['density MAE']:.3f}"
    )
    return "\n".join(lines)
