"""Findings to metrics to scores.

Metrics are counts and rates a reader can check by hand; scores (0-100) are documented formulas
over metrics (README, "Scores"). A rate with nothing to divide by is ``None``, never ``0``.
"""

from __future__ import annotations

from typing import Any

from analyzer.document import Document
from analyzer.readability import reading_grade
from analyzer.results import Quote


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
