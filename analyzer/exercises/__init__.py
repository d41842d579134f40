"""Classroom exercises generated from an analysis: a worksheet and its answer key.

:func:`build_worksheet` turns an :class:`~analyzer.results.ArticleResult` (and, for a rewrite,
its source's result and the :class:`~analyzer.results.Comparison` of the two) into a
:class:`Worksheet`: the article as numbered lines, and exercises whose answers are the
analysis' own findings at their own places. Nothing is drawn from the global random state: each
exercise has its own ``random.Random`` seeded from ``seed`` and its name, so the same article and
seed always give the same sheet, and a new kind of exercise does not reshuffle the others.
"""

from __future__ import annotations

import random

from analyzer.document import Article, Metadata, build_document
from analyzer.exercises.article import (
    claims_exercise,
    hedges_exercise,
    quotes_exercise,
    sources_exercise,
)
from analyzer.exercises.lines import Line, LineIndex, Location, wrap
from analyzer.exercises.model import Exercise, Item, Worksheet
from analyzer.exercises.rewrite import LOW_SIMILARITY, changes_exercise
from analyzer.levels import LEVELS
from analyzer.results import ArticleResult, Comparison
from analyzer.writers.explain import SCORE_INFO, score_info

__all__ = [
    "build_worksheet",
    "Worksheet",
    "Exercise",
    "Item",
    "Line",
    "Location",
    "LEVELS",
]


def _rng(seed: int, key: str) -> random.Random:
    # A string seed is hashed with SHA-512 by random.Random: stable across runs and machines.
    return random.Random(f"{seed}:{key}")


def _missing(result: ArticleResult, key: str) -> str:
    """Why an exercise is not on the sheet: the signal did not run, or it found nothing."""
    metrics = result.metrics
    if key == "quotes":
        return "No quote exercise: the article has no direct quotes."
    if key == "sources":
        if result.sources is None:
            return (
                "No sources exercise: the analysis holds no sources (the attribution signal did "
                "not run)."
            )
        return "No sources exercise: the article names too few sources to sort."
    if key == "hedges":
        if "hedges_per_1k_words" not in metrics:
            return "No hedges exercise: the hedging signal did not run."
        return "No hedges exercise: the analyzer found no hedge in the writer's own words."
    if key == "claims":
        if "unsupported_claims" not in metrics:
            return "No claims exercise: the claims signal did not run."
        return "No claims exercise: the analyzer found no unsupported factual claim."
    return (
        "No “what changed” exercise: the comparison found no changed date, number, name or quote."
    )


def _summary(result: ArticleResult, comparison: Comparison | None) -> list[tuple[str, str]]:
    rows = []
    if result.type:
        reasons = "; ".join(result.type_reasons)
        rows.append(("Article type", result.type + (f" ({reasons})" if reasons else "")))
    known = [n for n in SCORE_INFO if n in result.scores]
    for name in known + sorted(set(result.scores) - set(known)):
        # The teacher reads the key on paper: the value, which way is better, what the score
        # measures in words, then how it is computed.
        value = result.scores[name]
        info = score_info(name)
        shown = "not computed" if value is None else f"{value:g} / 100"
        text = (
            f"{shown}. {info.reads} {info.measures} Formula: {info.formula}"
            if info.measures
            else shown
        )
        rows.append((f"Score: {info.label}", text))
    if comparison is not None:
        sim = f"{comparison.similarity:.2f}"
        if comparison.similarity < LOW_SIMILARITY:
            sim += " (low: the rewrite shares little wording with the source)"
        rows.append(("Similarity to the source", sim))
        rows.append(
            (
                "Direct quotes",
                f"{comparison.source_direct_quotes} in the source, "
                f"{comparison.derived_direct_quotes} in the rewrite",
            )
        )
        rows += [("Comparison", note) for note in comparison.notes]
    return rows


def build_worksheet(
    result: ArticleResult,
    *,
    source: ArticleResult | None = None,
    comparison: Comparison | None = None,
    level: str = "basic",
    seed: int = 0,
) -> Worksheet:
    """Exercises and answers for one article, or for a rewrite and its source.

    Parameters
    ----------
    result : ArticleResult
        The article the students read (the rewrite, when ``source`` is given).
    source, comparison : ArticleResult and Comparison, optional
        The source article and the comparison of ``result`` against it; both or neither.
    level : {"basic", "advanced"}
        Basic asks for fewer items; advanced adds boosters, more sentences and more changes.
    seed : int
        Chooses and orders the items; the same seed gives the same sheet.

    Examples
    --------
    >>> from analyzer import analyze
    >>> r = analyze("“We will win,” said Ana Ruiz. “It is close,” she added.", id="a")
    >>> sheet = build_worksheet(r, seed=1)
    >>> [(e.key, len(e.items)) for e in sheet.exercises]
    [('quotes', 2)]
    >>> sheet.exercises[0].items[0].location.label
    '¶1, line 1'
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if (source is None) != (comparison is None):
        raise ValueError("give both the source result and the comparison, or neither")
    meta = Metadata(title=result.title, published=result.published)
    doc = build_document(Article(result.id, result.path, result.text, meta=meta))
    lines = wrap(result.text, result.paragraphs)
    index = LineIndex(lines)
    exercises: list[Exercise] = []
    notes: list[str] = []
    built = {
        "quotes": quotes_exercise(result, index, _rng(seed, "quotes"), level),
        "sources": sources_exercise(result, index, _rng(seed, "sources"), level),
        "hedges": hedges_exercise(result, index, _rng(seed, "hedges"), level),
        "claims": claims_exercise(result, doc, index, _rng(seed, "claims"), level),
    }
    source_lines: list[Line] = []
    if source is not None and comparison is not None:
        source_lines = wrap(source.text, source.paragraphs)
        built["changes"] = changes_exercise(
            result,
            doc,
            source,
            comparison,
            index,
            LineIndex(source_lines),
            _rng(seed, "changes"),
            level,
        )
    for key, exercise in built.items():
        if exercise is None:
            notes.append(_missing(result, key))
        else:
            exercises.append(exercise)
    return Worksheet(
        article_id=result.id,
        title=result.title,
        level=level,
        seed=seed,
        lines=tuple(lines),
        exercises=tuple(exercises),
        source_id=source.id if source is not None else None,
        source_title=source.title if source is not None else None,
        source_lines=tuple(source_lines),
        summary=tuple(_summary(result, comparison)),
        notes=tuple(notes),
    )
