"""Article type ("news", "interview", "opinion", "ai_rewrite") from features a reader can check.

No labelled set of article types is available to train a model on, so the type comes from
documented rules, tried in this order; the first that fires decides, and its reasons go into the
record (``type_reasons``) together with the features that ruled out the earlier types.

1. interview: the text is laid out as questions and answers (see :mod:`analyzer.layout`).
2. ai_rewrite: ai_style is at least 40, or at least 25 when the metadata says the article is
   derived from another one (``derived_from``).
3. opinion: at least 4 prescriptive statements ("must", "should", "needs to") in the writer's
   voice and at least 3 per 1,000 words, or a title that starts with "Opinion".
4. news: none of the above.
"""

from __future__ import annotations

from dataclasses import dataclass

AI_STYLE_REWRITE = 40.0
AI_STYLE_REWRITE_DERIVED = 25.0
PRESCRIPTIVE_MIN = 4
PRESCRIPTIVE_PER_1K = 3.0


@dataclass(frozen=True, slots=True)
class TypeFeatures:
    """What the type rules read; every field is in the record or derived from it."""

    qa_reasons: tuple[str, ...]
    ai_style: float
    derived: bool
    prescriptive: int
    words: int
    direct_quotes: int
    title: str | None = None


def reads_as_opinion(title: str | None, prescriptive: int, words: int) -> bool:
    """Whether rule 3 (opinion) holds: it reads nothing the ai_style score holds, so the ai_style
    signals can ask it first (an opinion piece's question to the reader is argument, not a habit
    of machine rewrites).

    Examples
    --------
    >>> reads_as_opinion("Opinion: Fix the roads", 0, 500), reads_as_opinion(None, 4, 1000)
    (True, True)
    >>> reads_as_opinion("Council votes", 3, 500)
    False
    """
    if title and title.lower().startswith("opinion"):
        return True
    return prescriptive >= PRESCRIPTIVE_MIN and _rate(prescriptive, words) >= PRESCRIPTIVE_PER_1K


def _rate(prescriptive: int, words: int) -> float:
    return round(prescriptive * 1000 / words, 1) if words else 0.0


def classify(f: TypeFeatures) -> tuple[str, tuple[str, ...]]:
    """The article type and the reasons for it.

    Examples
    --------
    >>> classify(TypeFeatures((), 10.0, False, 6, 800, 0))[0]
    'opinion'
    >>> kind, reasons = classify(TypeFeatures((), 5.0, False, 0, 800, 12))
    >>> kind, reasons[-1]
    ('news', '12 direct quotes')
    """
    if f.qa_reasons:
        return "interview", ("question-and-answer layout: " + "; ".join(f.qa_reasons),)
    reasons = ["no question-and-answer layout"]
    threshold = AI_STYLE_REWRITE_DERIVED if f.derived else AI_STYLE_REWRITE
    if f.ai_style >= threshold:
        why = f"ai_style {f.ai_style} is at least {threshold:g}"
        if f.derived:
            why += " (lower bar: the metadata says it is derived from another article)"
        return "ai_rewrite", (*reasons, why, f"{f.direct_quotes} direct quotes")
    reasons.append(f"ai_style {f.ai_style} is below {threshold:g}")
    rate = _rate(f.prescriptive, f.words)
    described = f"{f.prescriptive} prescriptive statements ({rate} per 1,000 words)"
    if f.title and f.title.lower().startswith("opinion"):
        return "opinion", (*reasons, "the title starts with “Opinion”", described)
    if f.prescriptive >= PRESCRIPTIVE_MIN and rate >= PRESCRIPTIVE_PER_1K:
        return "opinion", (
            *reasons,
            f"{described}, at least {PRESCRIPTIVE_MIN} and {PRESCRIPTIVE_PER_1K:g} per 1,000",
            f"{f.direct_quotes} direct quotes",
        )
    reasons.append(f"{described}, below {PRESCRIPTIVE_MIN} and {PRESCRIPTIVE_PER_1K:g} per 1,000")
    return "news", (*reasons, f"{f.direct_quotes} direct quotes")
