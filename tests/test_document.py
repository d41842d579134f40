"""The Document: paragraphs, sentences, tokens and quotation spans with exact offsets."""

from __future__ import annotations

import pytest
from conftest import SEEDS, seed_path

from analyzer.document import Article, Span, build_document
from analyzer.readers import read_inputs


def doc_of(text: str):
    return build_document(Article("t", "t.txt", text))


def seed_doc(prefix: str):
    (article,) = read_inputs([str(seed_path(prefix))])
    return build_document(article)


def test_every_span_of_every_seed_slices_to_its_text():
    for article in read_inputs([str(SEEDS)]):
        doc = build_document(article)
        for span in doc.paragraphs + doc.sentences + doc.tokens + doc.quotes:
            assert 0 <= span.start <= span.end <= len(doc.text)
            assert doc.span_text(span) == doc.text[span.start : span.end]
            assert doc.span_text(span) == doc.span_text(span).strip()


def test_span_out_of_order_names_both_numbers():
    with pytest.raises(IndexError, match="start 5 and end 2"):
        Span(5, 2)


def test_document_refuses_a_span_past_the_text():
    with pytest.raises(IndexError, match="outside a text of length 3"):
        from analyzer.document import Document

        Document(text="abc", paragraphs=(Span(0, 4),), sentences=(), tokens=(), quotes=())


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Mr. Lee met Ms. Ruiz. They talked.", ["Mr. Lee met Ms. Ruiz.", "They talked."]),
        (
            "The U.S. Embassy opened at 6 a.m. sharp. Nobody came.",
            ["The U.S. Embassy opened at 6 a.m. sharp.", "Nobody came."],
        ),
        (
            "It happened on Feb. 22 in Jalisco. Violence followed.",
            ["It happened on Feb. 22 in Jalisco.", "Violence followed."],
        ),
        (
            "“It works,” he said. “Really?” she asked.",
            ["“It works,” he said.", "“Really?” she asked."],
        ),
        ("Prices rose 3.5 percent. Wages did not.", ["Prices rose 3.5 percent.", "Wages did not."]),
        (
            "He was the embassy’s No. 2 official. Nos. 4 and 5 left.",
            ["He was the embassy’s No. 2 official.", "Nos. 4 and 5 left."],
        ),
        ("She ranked No. 3. Three more came.", ["She ranked No. 3.", "Three more came."]),
    ],
)
def test_sentences_do_not_split_at_abbreviations(text, sentences):
    doc = doc_of(text)
    assert [doc.span_text(s) for s in doc.sentences] == sentences


def test_a_sentence_never_crosses_a_paragraph_break():
    doc = doc_of("A heading without a period\nThe body starts here. It ends here.")
    assert [doc.span_text(s) for s in doc.sentences] == [
        "A heading without a period",
        "The body starts here.",
        "It ends here.",
    ]


def test_seed_sentence_counts():
    assert [len(seed_doc(p).sentences) for p in ("000", "001", "002", "003", "004")] == [
        87,
        74,
        38,
        20,
        30,
    ]


def test_seed_000_sentence_with_mr_is_whole():
    doc = seed_doc("000")
    assert doc.span_text(doc.sentences[2]) == (
        "Now Mr. Harfuch is Mexico’s top security official, tasked with dismantling those very groups."
    )


def test_seed_000_quote_spans_have_exact_offsets():
    doc = seed_doc("000")
    assert (doc.quotes[0].start, doc.quotes[0].end) == (985, 1026)
    assert doc.span_text(doc.quotes[0]) == "“We’re not saying the problem is solved,”"
    assert doc.span_text(doc.quotes[1]) == (
        "“what we’re doing is hitting the criminal structure at the bottom, in the middle and at the top.”"
    )
    assert len(doc.quotes) == 23


def test_seed_001_quote_spans_inside_answers():
    doc = seed_doc("001")
    assert [doc.span_text(q) for q in doc.quotes] == [
        "“hugs not bullets”",
        "“Oh, we’ve arrested him.”",
        "“Hey, we need to reduce extortion.”",
    ]
    first = doc.quotes[0]
    assert doc.text.index("“hugs not bullets”") == first.start


def test_nested_single_quotes_stay_inside_the_outer_quote():
    doc = doc_of("“We ask, ‘How many warrants?’ every day,” she said.")
    assert [doc.span_text(q) for q in doc.quotes] == ["“We ask, ‘How many warrants?’ every day,”"]


def test_straight_quotes_open_and_close():
    doc = doc_of('He said "we are ready" and left. A 5" screen is small.')
    assert [doc.span_text(q) for q in doc.quotes] == ['"we are ready"']


def test_multi_paragraph_quote_is_one_span():
    text = "“The first part goes on.\n“The second part ends,” she said.\nNext."
    doc = doc_of(text)
    assert [doc.span_text(q) for q in doc.quotes] == [
        "“The first part goes on.\n“The second part ends,”"
    ]


def test_single_quoted_headline_phrase_is_a_span_but_apostrophes_are_not():
    doc = doc_of("Mexico’s chief: ‘We will win’ in Sinaloa’s capital")
    assert [doc.span_text(q) for q in doc.quotes] == ["‘We will win’"]


def test_unclosed_quote_yields_no_span():
    doc = doc_of("He wrote “this never closes.\nNew paragraph.")
    assert doc.quotes == ()


def test_typewriter_quotation_marks_are_read_as_curly_marks():
    doc = doc_of("''This isn't reform,'' said Ms. Lee. ``Not at all.''")
    assert [doc.span_text(q) for q in doc.quotes] == ["“This isn't reform,”", "“Not at all.”"]


def test_typewriter_quotation_marks_keep_every_offset_into_the_text_as_read():
    text = "''This isn't reform,'' said Ms. Lee.\n''It is anti-reform.''"
    doc = doc_of(text)
    assert len(doc.text) == len(text)
    assert [(q.start, q.end) for q in doc.quotes] == [(1, 21), (38, 58)]
    assert all(a == b for a, b in zip(doc.text, text, strict=True) if b not in "' ")


def test_two_apostrophes_after_a_figure_are_inches():
    doc = doc_of("He is 5'11'' tall and said ''yes.''")
    assert [doc.span_text(q) for q in doc.quotes] == ["“yes.”"]


def test_tokens_keep_numbers_and_contractions_whole():
    doc = doc_of("Homicides fell 22.5 percent, isn’t it? 37,000 arrests in the U.S.")
    assert [doc.span_text(t) for t in doc.tokens] == [
        "Homicides",
        "fell",
        "22.5",
        "percent",
        "isn’t",
        "it",
        "37,000",
        "arrests",
        "in",
        "the",
        "U.S",
    ]


def test_sentence_index_finds_the_sentence_holding_an_offset():
    doc = doc_of("One here. Two there.")
    assert doc.sentence_index(0) == 0
    assert doc.sentence_index(12) == 1
    assert doc.sentence_index(9) is None


def test_sentences_are_trimmed_of_control_white_space_punkt_leaves():
    doc = doc_of("Mr.Mr. \x1f0 ")
    assert [doc.span_text(s) for s in doc.sentences] == ["Mr.Mr.", "0"]


def test_a_derived_piece_is_computed_once_per_document_and_kept_with_it():
    calls = []

    def paragraphs_seen(doc):
        calls.append(doc.text)
        return len(doc.paragraphs)

    one, two = doc_of("A.\nB."), doc_of("A.")
    assert [one.derived(paragraphs_seen), one.derived(paragraphs_seen)] == [2, 2]
    assert two.derived(paragraphs_seen) == 1
    assert one.derived(lambda doc: len(doc.sentences)) == 2  # another function, its own piece
    assert calls == ["A.\nB.", "A."]
    assert one == doc_of("A.\nB.")  # kept pieces take no part in equality


def test_the_layout_is_computed_once_per_document_whichever_signal_asks(monkeypatch):
    from analyzer import layout, pipeline

    computed = []
    plain = layout._layout
    monkeypatch.setattr(layout, "_layout", lambda doc: computed.append(doc) or plain(doc))
    doc = doc_of("Why?\nBecause.\nHow?\nSlowly.\nWhen?\nSoon.\nEdited for length.")
    pipeline.analyze_document(doc)
    assert computed == [doc]
    assert layout.layout(doc) == plain(doc)
    other = doc_of(doc.text)
    assert layout.layout(other) == plain(doc) and computed == [doc, other]
