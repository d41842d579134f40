"""Findings to metrics to scores.

Metrics are counts and rates a reader can check by hand; scores (0-100) are documented formulas
over metrics (README, "Scores"). A rate with nothing to divide by is ``None``, never ``0``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from analyzer.document import Document, Span
from analyzer.readability import reading_grade
from analyzer.results import Attribution, Quote, Source
from analyzer.signals.anonymity import COMMON_KNOWLEDGE
from analyzer.signals.sources import is_named


def per(count: float, total: float, scale: float) -> float | None:
    """``count`` per ``scale`` units of ``total``, rounded to 3 places; None when total is 0.

    Examples
    --------
    >>> per(3, 1500, 1000)
    2.0
    >>> per(3, 0, 1000) is None
    True
    """
    if not total:
        return None
    return round(count * scale / total, 3)


def base_metrics(doc: Document, quotes: list[Quote]) -> dict[str, Any]:
    """Metrics every article gets: size, direct quotes, reading grade."""
    return {
        "words": doc.word_count,
        "sentences": len(doc.sentences),
        "paragraphs": len(doc.paragraphs),
        "direct_quotes": len(quotes),
        "reading_grade": reading_grade(doc),
    }


def credited(attributions: Sequence[Attribution], vague: Sequence[Span]) -> list[Attribution]:
    """The attributions that credit someone a reader could ask. Not those to an unnamed source
    that is common knowledge ("Everyone knows") or sits in a vague formula ("Experts say", "many
    economists say"; :func:`analyzer.signals.claims.vague_formulas`), as vague support of a claim
    does not count either. A named source counts even inside a formula ("Experts like Eduardo
    Guerrero emphasize").

    Examples
    --------
    >>> # "Experts say fees rose. Officials said so."
    >>> experts = Attribution(0, 22, "indirect", "experts", "anonymous", "say", 12, 21,
    ...                       source_start=0, source_end=7)
    >>> officials = Attribution(23, 41, "indirect", "officials", "anonymous", "said", 37, 39,
    ...                         source_start=23, source_end=32)
    >>> [a.source for a in credited([experts, officials], [Span(0, 11)])]
    ['officials']
    """
    return [a for a in attributions if not _vague_credit(a, vague)]


def _vague_credit(a: Attribution, vague: Sequence[Span]) -> bool:
    # The cheap tests first: most articles hold no vague formula and no "everyone".
    if a.source is not None and a.source.lower() in COMMON_KNOWLEDGE:
        return not is_named(a.source_kind, a.source)
    if not vague:
        return False
    start = a.source_start if a.source_start is not None else a.cue_start
    end = a.source_end if a.source_end is not None else a.cue_end
    if start is None or end is None:
        return False
    inside = any(v.start < end and start < v.end for v in vague)
    return inside and not is_named(a.source_kind, a.source)


def sourcing_metrics(
    doc: Document,
    attributions: Sequence[Attribution],
    sources: Sequence[Source],
    credited_ones: Sequence[Attribution],
) -> dict[str, Any]:
    """Attribution metrics (README, "Sources and attribution"); ``sourcing_density`` counts
    ``credited_ones``, the attributions :func:`credited` (computed once by the caller, who also
    needs them for :func:`sourcing_scores`).

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "Ana Ruiz said it rained. Officials said so."))
    >>> a = [Attribution(0, 9, "indirect", "Ana Ruiz", "person", "said", 14, 24),
    ...      Attribution(25, 43, "indirect", "officials", "anonymous", "said", 40, 42)]
    >>> s = [Source("Ana Ruiz", "person"), Source("officials", "anonymous")]
    >>> m = sourcing_metrics(doc, a, s, credited(a, []))
    >>> m["named_sources"], m["attributions"], m["sourcing_density"], m["named_attribution_ratio"]
    (1, 2, 25.0, 0.5)
    """
    named = sum(1 for a in attributions if is_named(a.source_kind, a.source))
    return {
        "named_sources": sum(1 for s in sources if is_named(s.kind, s.name)),
        "anonymous_sources": sum(1 for s in sources if not is_named(s.kind, s.name)),
        "attributions": len(attributions),
        "sourcing_density": per(len(credited_ones), doc.word_count, 100),
        "named_attribution_ratio": round(named / len(attributions), 3) if attributions else None,
    }


def sourcing_scores(metrics: dict[str, Any], sources: Sequence[Source]) -> dict[str, float | None]:
    """Scores ``sourcing`` and ``named_attribution`` (0-100; README explains both).

    Examples
    --------
    >>> sourcing_scores({"sourcing_density": 1.5, "named_attribution_ratio": 0.75},
    ...                 [Source("A", "person")] * 2)
    {'sourcing': 47.0, 'named_attribution': 75.0}
    """
    density = metrics.get("sourcing_density")
    ratio = metrics.get("named_attribution_ratio")
    sourcing = None
    if density is not None:
        distinct = len(sources)
        sourcing = round(70 * min(1.0, density / 3) + 30 * min(1.0, distinct / 5), 1)
    named = round(100 * ratio, 1) if ratio is not None else None
    return {"sourcing": sourcing, "named_attribution": named}


# --- hedging, claim_support, ai_style (README, "Claims, hedging and style") -------------------

# Points each part of ai_style can add; they sum to 100.
AI_STYLE_WEIGHTS: dict[str, float] = {
    "filler": 40.0,  # 8 points per stock phrase per 1,000 words, at most 40
    "unsigned_note": 15.0,  # an unsigned editor's note that comments on the story
    "rhetorical_questions": 15.0,  # 10 for a closing question, 5 for each other, at most 15
    "empty_headings": 10.0,  # 5 per body heading with no reporting under it, at most 10
    "speech_without_quotes": 10.0,  # reports what people said, never quotes them
    "vague_attributions": 10.0,  # 2.5 per vague attribution per 1,000 words, at most 10
}
# Scores built on rates over the words of the text (attributions per 100 words, hedges against
# boosters, machine habits per 1,000 words) are marked low-confidence below this many words,
# about four sentences of news: there one phrase moves a rate by 10 per 1,000 words or more, so
# the score says more than the text does (README, "Short texts"). They are still given (the
# record's scores are always 0-100 numbers where something was measured) so callers comparing
# texts keep working; the flag tells a reader how far to trust them.
MIN_WORDS_FOR_CONFIDENCE = 100
RATE_SCORES = ("ai_style", "hedging", "sourcing")


def low_confidence_scores(words: int) -> list[str]:
    """The rate-based scores that a text of ``words`` words is too short to support well.

    Shares over counted items (named_attribution, claim_support, balance) are not listed: they
    describe the items the text has, however few.

    Examples
    --------
    >>> low_confidence_scores(6)
    ['ai_style', 'hedging', 'sourcing']
    >>> low_confidence_scores(100)
    []
    """
    return list(RATE_SCORES) if words < MIN_WORDS_FOR_CONFIDENCE else []


FILLER_POINTS_PER_1K = 8.0
VAGUE_POINTS_PER_1K = 2.5
SPEECH_CUES_PER_1K = 8.0


def hedging_score(hedges: int, boosters: int) -> float:
    """Where the writer's stance leans: 100 all caution, 0 all certainty, 50 balanced or neither.

    ``100 × (hedges + 1) / (hedges + boosters + 2)``: the share of stance words that hedge, with
    one of each added so that a single word cannot swing the score to an end.

    Examples
    --------
    >>> hedging_score(10, 0), hedging_score(0, 0), hedging_score(1, 3)
    (91.7, 50.0, 33.3)
    """
    return round(100 * (hedges + 1) / (hedges + boosters + 2), 1)


def claim_support_score(credits: list[float]) -> float | None:
    """Share of factual claims with support: ``100 × sum(credit) / claims``; None without claims.

    Each claim's credit is 1 when a source, datum or document backs it, 0.5 when its only support
    is a characterising verb ("noted", "emphasized"), 0 when nothing backs it.

    Examples
    --------
    >>> claim_support_score([1.0, 0.5, 0.0, 1.0]), claim_support_score([])
    (62.5, None)
    """
    if not credits:
        return None
    return round(100 * sum(credits) / len(credits), 1)


def ai_style_parts(
    *,
    words: int,
    ai_phrases: int,
    unsigned_notes: int,
    closing_questions: int,
    other_questions: int,
    empty_headings: int,
    direct_quotes: int,
    reporting_cues: int,
    vague_attributions: int,
) -> dict[str, float]:
    """Points for each part of ai_style (see :data:`AI_STYLE_WEIGHTS`).

    Examples
    --------
    >>> parts = ai_style_parts(words=500, ai_phrases=5, unsigned_notes=1, closing_questions=1,
    ...     other_questions=0, empty_headings=0, direct_quotes=0, reporting_cues=6,
    ...     vague_attributions=1)
    >>> parts["filler"], parts["speech_without_quotes"], parts["vague_attributions"]
    (40.0, 10.0, 5.0)
    """
    w = AI_STYLE_WEIGHTS
    per_1k = 1000 / words if words else 0.0
    questions = 10.0 * min(closing_questions, 1) + 5.0 * (
        other_questions + max(closing_questions - 1, 0)
    )
    speech = (
        direct_quotes == 0 and reporting_cues >= 3 and reporting_cues * per_1k >= SPEECH_CUES_PER_1K
    )
    return {
        "filler": round(min(w["filler"], FILLER_POINTS_PER_1K * ai_phrases * per_1k), 1),
        "unsigned_note": w["unsigned_note"] if unsigned_notes else 0.0,
        "rhetorical_questions": min(w["rhetorical_questions"], questions),
        "empty_headings": min(w["empty_headings"], 5.0 * empty_headings),
        "speech_without_quotes": w["speech_without_quotes"] if speech else 0.0,
        "vague_attributions": round(
            min(w["vague_attributions"], VAGUE_POINTS_PER_1K * vague_attributions * per_1k), 1
        ),
    }


def ai_style_score(parts: dict[str, float]) -> float:
    """The sum of the parts, 0-100: 0 reads like reporting, 100 shows every machine habit."""
    return round(min(100.0, sum(parts.values())), 1)
