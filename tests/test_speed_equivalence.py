"""Speed-ups that must not change a single output: each fast routine against the plain one.

The plain versions below are the ones the fast code replaced, kept here as the specification.
"""

from __future__ import annotations

from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import document, temporal
from analyzer.document import Span, paragraph_spans, quote_spans

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def plain_quote_spans(text: str, paragraphs: list[Span]) -> list[Span]:
    """quote_spans visiting every character (the loop before it jumped between marks)."""
    spans: list[Span] = []
    open_at: int | None = None
    single = False
    for pi, p in enumerate(paragraphs):
        i = p.start
        if open_at is not None:
            first = text[p.start]
            if (single and first == "‘") or (
                not single and (first in document._OPEN_DOUBLE or first == '"')
            ):
                i += 1
            else:
                open_at = None
        while i < p.end:
            c = text[i]
            if open_at is None:
                if c in document._OPEN_DOUBLE or (c == '"' and document._opens(text, i)):
                    open_at, single = i, False
                elif c == "‘" and (i == p.start or text[i - 1] in document._OPENERS_BEFORE):
                    open_at, single = i, True
            elif single:
                if c == "’" and document._single_closes(text, i):
                    spans.append(Span(open_at, i + 1))
                    open_at = None
            elif c in document._CLOSE_DOUBLE or c == '"':
                spans.append(Span(open_at, i + 1))
                open_at = None
            i += 1
        if open_at is not None:
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            continues = nxt is not None and (
                text[nxt.start] == "‘" if single else text[nxt.start] in "“„«" + '"'
            )
            if not continues:
                open_at = None
    return spans


QUOTE_SOUP = st.lists(
    st.sampled_from(
        ["“", "”", "„", "«", "»", '"', "‘", "’", "a", "Yes", " ", "\n", "(", "—", ".", "it’s", "x"]
    ),
    max_size=40,
).map("".join)


def test_quote_spans_equal_the_character_by_character_scan_on_the_seeds():
    for text in SEED_TEXTS:
        paragraphs = paragraph_spans(text)
        assert quote_spans(text, paragraphs) == plain_quote_spans(text, paragraphs)


@settings(max_examples=300, deadline=None)
@given(QUOTE_SOUP)
def test_quote_spans_equal_the_character_by_character_scan_on_mark_soup(text):
    paragraphs = paragraph_spans(text)
    assert quote_spans(text, paragraphs) == plain_quote_spans(text, paragraphs)


DATE_SOUP = st.lists(
    st.sampled_from(
        [
            "May 5",
            "May",
            "Feb. 22, 2024",
            "22 March 2019",
            "2016",
            "1999-02-30",
            "x",
            "$",
            "1",
            "-",
            " ",
            ", ",
            "last ",
            "in ",
            "mid-",
            "Tuesday",
            "Mr.",
            " ago",
            "three years",
            "next week",
            "TODAY",
            "\n",
            "percent",
        ]
    ),
    max_size=14,
).map("".join)


def plain_date_matches(text: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in scan.pattern.finditer(text)] for scan in temporal._SCANS]


def fast_date_matches(text: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in scan.finditer(text)] for scan in temporal._SCANS]


def test_date_scans_find_what_each_whole_pattern_finds_on_the_seeds():
    for text in SEED_TEXTS:
        assert fast_date_matches(text) == plain_date_matches(text)


def test_a_body_match_where_the_guard_fails_falls_back_to_the_whole_pattern():
    # "x2016" matches the year body but not at a word start; "2019" is the real mention.
    text = "Code x2016 ran in 2019, in $2020 and in 1999."
    assert fast_date_matches(text) == plain_date_matches(text)
    assert [d.text for d in temporal.find_dates(text, None)] == ["2019", "1999"]


@settings(max_examples=400, deadline=None)
@given(DATE_SOUP)
def test_date_scans_find_what_each_whole_pattern_finds_on_date_soup(text):
    assert fast_date_matches(text) == plain_date_matches(text)


def test_record_items_are_what_dataclasses_asdict_gives_key_order_included():
    from dataclasses import asdict

    from analyzer.pipeline import analyze
    from analyzer.results import ComparisonIssue

    result = analyze(
        "“We will win,” said Ana Ruiz, the mayor. According to police, 3 people left. "
        "Officials said the plan, which critics called reckless, would pass."
    )
    items = [*result.quotes, *result.attributions, *result.sources]
    items.append(ComparisonIssue("number_mismatch", 0, 2, "We", "Differs.", "They", 3, 7))
    assert {type(i).__name__ for i in items} == {
        "Quote",
        "Attribution",
        "Source",
        "ComparisonIssue",
    }
    for item in items:
        assert list(item.to_dict().items()) == list(asdict(item).items())


def test_word_spans_are_the_sentences_of_each_paragraph_in_order():
    from analyzer.compare import names
    from analyzer.document import Article, build_document

    for text in SEED_TEXTS:
        doc = build_document(Article("a", "a", text))
        for skip in (False, True):
            plain = [
                (s.start, [m.span() for m in names._TOKEN.finditer(doc.text, s.start, s.end)])
                for p in doc.paragraphs
                if not (skip and names.is_heading(doc.span_text(p)))
                for s in doc.sentences
                if p.start <= s.start < p.end
            ]
            fast = [
                (start, [m.span() for m in tokens])
                for start, tokens in names._word_spans(doc, skip_headings=skip)
            ]
            assert fast == plain


def test_find_dates_answers_a_repeated_question_with_a_fresh_list():
    first = temporal.find_dates("It rained on Tuesday and on May 5.", "2025-03-07")
    first.clear()
    again = temporal.find_dates("It rained on Tuesday and on May 5.", "2025-03-07")
    assert [d.text for d in again] == ["Tuesday", "May 5"]
