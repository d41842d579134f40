"""Findings to metrics to scores.

Metrics are counts and rates a reader can check by hand; scores (0-100) are documented formulas
over metrics (README, "Scores"). A rate with nothing to divide by is ``None``, never ``0``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from analyzer.document import Document
from analyzer.readability import reading_grade
from analyzer.results import Attribution, Quote, Source
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


def sourcing_metrics(
    doc: Document, attributions: Sequence[Attribution], sources: Sequence[Source]
) -> dict[str, Any]:
    """Attribution metrics (README, "Sources and attribution").

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "Ana Ruiz said it rained. Officials said so."))
    >>> a = [Attribution(0, 9, "indirect", "Ana Ruiz", "person", "said", 14, 24),
    ...      Attribution(25, 43, "indirect", "officials", "anonymous", "said", 40, 42)]
    >>> s = [Source("Ana Ruiz", "person"), Source("officials", "anonymous")]
    >>> m = sourcing_metrics(doc, a, s)
    >>> m["named_sources"], m["attributions"], m["sourcing_density"], m["named_attribution_ratio"]
    (1, 2, 25.0, 0.5)
    """
    named = sum(1 for a in attributions if is_named(a.source_kind, a.source))
    return {
        "named_sources": sum(1 for s in sources if is_named(s.kind, s.name)),
        "anonymous_sources": sum(1 for s in sources if not is_named(s.kind, s.name)),
        "attributions": len(attributions),
        "sourcing_density": per(len(attributions), doc.word_count, 100),
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
