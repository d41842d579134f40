"""Hand-made ArticleResults for the report tests: real seed text, every kind of mark present.

The pages must show every signal, including those whose code lands later; these results hold
findings, quotes with speakers, sources, scores and a comparison, each placed at the offsets of a
phrase found in the seed text (never typed by hand), so text == text[start:end] always holds.
"""

from __future__ import annotations

import dataclasses

from conftest import seed_path

from analyzer.pipeline import analyze_article
from analyzer.readers import read_inputs
from analyzer.results import (
    ArticleResult,
    Comparison,
    ComparisonIssue,
    Finding,
    Quote,
    Source,
)

PAYLOAD = '<script>window.pwned=1</script><img src="https://example.invalid/x.png" onerror="window.pwned=2">'


def place(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def finding(text: str, kind: str, phrase: str, message: str, nth: int = 0) -> Finding:
    start, end = place(text, phrase, nth)
    return Finding(kind, start, end, text[start:end], message)


def seed_result(prefix: str) -> ArticleResult:
    (article,) = read_inputs([str(seed_path(prefix))])
    return analyze_article(article)


def rich_source() -> ArticleResult:
    """Seed 000 with hand-placed findings (overlapping ones too), speakers, sources and scores."""
    base = seed_result("000")
    text = base.text
    claim = "Yet Mexico’s history says the smart money is on the cartels."
    findings = [
        finding(text, "hedge", "seemingly", "“Seemingly” softens how unsolvable the problem is."),
        finding(text, "unsupported_claim", claim, "No one is credited for this claim."),
        finding(text, "booster", "smart money", "Presents a guess as a sure bet."),
        finding(text, "vague_attribution", "polls show", "Which polls? The article does not say."),
        finding(text, "brand_new_kind", "Washington", "A kind the report has no entry for."),
    ]
    quotes = tuple(
        dataclasses.replace(q, speaker="Omar García Harfuch", speaker_kind="person")
        if i == 0
        else q
        for i, q in enumerate(base.quotes or ())
    )
    return dataclasses.replace(
        base,
        type="news",
        type_reasons=("many direct quotes", "named sources"),
        findings=tuple(sorted(findings, key=lambda f: f.sort_key())),
        quotes=quotes,
        sources=(
            Source("Omar García Harfuch", "person", "official", "Mexico's security minister", 5, 9),
            Source("Claudia Sheinbaum", "person", "official", "President of Mexico", 0, 4),
        ),
        scores={"sourcing": 81.5, "named_attribution": 92.0, "hedging": 70.0, "balance": None},
        metrics={**base.metrics, "hedges_per_1k_words": 0.4, "named_attribution_ratio": None},
    )


def rich_rewrite() -> ArticleResult:
    """Seed 002, compared with seed 000, with one issue of each placement."""
    base = seed_result("002")
    text = base.text
    source = rich_source().text

    def issue(kind: str, phrase: str, message: str, source_phrase: str | None) -> ComparisonIssue:
        start, end = place(text, phrase)
        s_start, s_end = place(source, source_phrase) if source_phrase else (None, None)
        return ComparisonIssue(
            kind,
            start,
            end,
            text[start:end],
            message,
            source[s_start:s_end] if source_phrase else None,
            s_start,
            s_end,
        )

    issues = (
        issue(
            "name_not_in_source", "Evangelina Contreras", "The source names no such person.", None
        ),
        issue(
            "number_mismatch",
            "At 43",
            "The source does not give his age.",
            "Mexico City’s police chief",
        ),
    )
    return dataclasses.replace(
        base,
        type="ai_rewrite",
        outlet=None,
        findings=(
            finding(text, "ai_phrase", "embodies a relentless", "A stock phrase of machine text."),
            finding(text, "unsigned_note", "Editor’s Note", "No one signs this note."),
        ),
        scores={"sourcing": 12.0, "ai_style": 8.0},
        comparison=Comparison(
            source_id=rich_source().id,
            similarity=0.4213,
            paired_by="metadata",
            source_direct_quotes=len(rich_source().quotes or ()),
            derived_direct_quotes=len(base.quotes or ()),
            issues=tuple(sorted(issues, key=lambda i: (i.start, i.end, i.kind))),
            source_interview_answers=7,
            quoted_interview_answers=0,
            notes=("The rewrite quotes <b>no one</b>.",),
        ),
    )


def hostile() -> ArticleResult:
    """An article whose title, text, author, outlet, quotes, sources and findings carry markup."""
    text = (
        f"Officials said {PAYLOAD} was found. "
        f"“{PAYLOAD} is what I saw,” said <b>Eve</b>. "
        "The </mark></p><script>window.pwned=3</script> tag closed nothing."
    )
    q_start, q_end = place(text, f"“{PAYLOAD} is what I saw,”")
    f_start, f_end = place(text, "</mark></p><script>window.pwned=3</script>")
    return ArticleResult(
        id="hostile",
        path="<script>x</script>.txt",
        text=text,
        title="<script>x</script>",
        outlet='"><script>window.pwned=4</script>',
        author="<img src=x onerror=window.pwned=5>",
        published="2025-01-02",
        url="javascript:window.pwned=6",
        type="news",
        paragraphs=((0, len(text)),),
        quotes=(Quote(q_start, q_end, text[q_start:q_end], "<b>Eve</b>", "person"),),
        findings=(
            Finding(
                "unsupported_claim",
                f_start,
                f_end,
                text[f_start:f_end],
                "Message with <script>window.pwned=7</script>",
            ),
        ),
        sources=(Source("<b>Eve</b>", "person", "unknown", "<i>witness</i>", 1, 1),),
        scores={"sourcing": 50.0},
        metrics={"words": 20},
    )
