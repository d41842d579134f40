"""Small articles written for the exercise tests, with findings placed at real offsets.

The hedging, claims and attribution signals are built elsewhere; these examples attach by hand
the findings such signals give, so the exercise generator can be specified on its own.
"""

from __future__ import annotations

import dataclasses

from analyzer import analyze
from analyzer.results import (
    ArticleResult,
    Attribution,
    Comparison,
    ComparisonIssue,
    Finding,
    Source,
)

ARTICLE = """\
The city council voted on Tuesday to close the Elm Street shelter, a decision that may leave about 40 families without a bed this winter.
“We have no money left for the building,” said Ana Ruiz, the council's budget chair. “Closing it is the only choice we have.”
Homelessness in the city rose 30 percent last year, the highest level in a decade.
A senior city official, who asked not to be named, said the shelter had failed two fire inspections.
Experts say the closure could push more people onto the streets.
According to the county health department, 212 people used the shelter in March.
“It is simply wrong,” said Mark Olsen, who runs a food bank nearby. “These families will be back in their cars by December.”
Rents have clearly outpaced wages since 2019, because new building has stalled.
"""


def _at(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def _finding(
    text: str, kind: str, phrase: str, message: str, after: int = 0, **detail: object
) -> Finding:
    s, e = _at(text, phrase, after)
    return Finding(kind, s, e, text[s:e], message, detail)


def article_result(title: str = "Council closes shelter") -> ArticleResult:
    """The example article with the findings, quotes and sources the signals would give."""
    base = analyze(ARTICLE, title=title, id="shelter")
    t = ARTICLE
    quotes = []
    for q in base.quotes:
        speaker = "Ana Ruiz" if q.start < t.index("Homelessness") else "Mark Olsen"
        quotes.append(dataclasses.replace(q, speaker=speaker, speaker_kind="person"))
    sentence = "Homelessness in the city rose 30 percent last year, the highest level in a decade."
    rents = "Rents have clearly outpaced wages since 2019, because new building has stalled."
    findings = [
        _finding(
            t,
            "hedge",
            "may",
            "“may” softens the statement: the writer does not fully commit to it.",
            approximate=False,
        ),
        _finding(
            t,
            "hedge",
            "about",
            "“about” marks the number after it as approximate.",
            approximate=True,
        ),
        _finding(
            t,
            "hedge",
            "could",
            "“could” softens the statement: the writer does not fully commit to it.",
            approximate=False,
        ),
        _finding(t, "booster", "clearly", "“clearly” presents the statement as beyond doubt."),
        _finding(
            t,
            "unsupported_claim",
            sentence,
            "States a number and a change over time in the writer’s own voice, with no source.",
        ),
        _finding(
            t,
            "unsupported_claim",
            rents,
            "States a comparison and a cause in the writer’s own voice, with no source.",
        ),
        _finding(
            t,
            "anonymous_source",
            "A senior city official, who asked not to be named",
            "The source is not named.",
        ),
        _finding(t, "vague_attribution", "Experts say", "“Experts say” names no one."),
    ]
    findings.sort(key=Finding.sort_key)
    health = "the county health department"
    hs, he = _at(t, health)
    acc = t.index("According to")
    attributions = (
        Attribution(acc, t.index("March.") + 6, "according_to", "county health department",
                    "organization", "According to", hs, t.index("March.") + 6,
                    source_start=hs, source_end=he),
    )  # fmt: skip
    sources = (
        Source("Ana Ruiz", "person", "official", "the council's budget chair", 2, 1),
        Source("Mark Olsen", "person", "advocate", "runs a food bank", 2, 1),
        Source("county health department", "organization", "official", None, 0, 1),
        Source("A senior city official", "anonymous", "official", None, 0, 1),
    )
    return dataclasses.replace(
        base,
        quotes=tuple(quotes),
        findings=tuple(findings),
        attributions=attributions,
        sources=sources,
        metrics={**base.metrics, "hedges_per_1k_words": 1.0, "unsupported_claims": 2},
    )


SOURCE = """\
The council voted on Tuesday to close the Elm Street shelter.
Ana Ruiz, the budget chair, said 212 people used the shelter in March.
“We have no money left for the building,” Ms. Ruiz said.
The shelter opened in 2009 with 60 beds.
"""

REWRITE = """\
The council voted on Wednesday to close the Elm Street shelter.
Ana Ruiz, the budget chair, said 300 people used the shelter in March.
“We are out of money,” Ms. Ruiz said.
The shelter opened in 2009 with 60 beds, and Tom Baker called it a disgrace.
"""


def pair_results() -> tuple[ArticleResult, ArticleResult, Comparison]:
    """Source, rewrite and a comparison with the issues the compare module reports."""
    source = analyze(SOURCE, title="Shelter to close", id="src")
    rewrite = analyze(REWRITE, title="Shelter closing", id="rw")
    t = REWRITE

    def issue(kind: str, phrase: str, message: str, source_phrase: str | None) -> ComparisonIssue:
        s, e = _at(t, phrase)
        if source_phrase is None:
            return ComparisonIssue(kind, s, e, t[s:e], message)
        ss, se = _at(SOURCE, source_phrase)
        return ComparisonIssue(kind, s, e, t[s:e], message, SOURCE[ss:se], ss, se)

    issues = (
        issue("date_mismatch", "Wednesday", "The source says Tuesday.", "Tuesday"),
        issue("number_mismatch", "300 people", "The source gives 212.", "212 people"),
        issue(
            "quote_not_in_source", "“We are out of money,”", "The source has no such quote.", None
        ),
        issue("name_not_in_source", "Tom Baker", "The source never mentions “Tom Baker”.", None),
    )
    comparison = Comparison(
        "src", 0.8, "metadata", 1, 1, tuple(sorted(issues, key=lambda i: i.start))
    )
    return source, rewrite, comparison
