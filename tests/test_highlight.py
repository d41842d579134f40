"""Cutting text into highlight segments: overlaps, paragraphs, spans that cannot be placed."""

from __future__ import annotations

from analyzer.writers.highlight import Annotation, segment


def ann(number, start, end, kind="hedge"):
    return Annotation(number, start, end, kind, kind, kind, f"tip {number}")


def flat(paragraphs):
    return [[(s.text, [m.number for m in s.marks], list(s.ending)) for s in p] for p in paragraphs]


def test_crossing_spans_are_cut_where_they_overlap():
    text = "one two three four"
    assert flat(segment(text, [ann(1, 0, 7), ann(2, 4, 13)])) == [
        [
            ("one ", [1], []),
            ("two", [1, 2], [1]),
            (" three", [2], [2]),
            (" four", [], []),
        ]
    ]


def test_a_span_over_two_paragraphs_is_cut_at_the_break_and_numbered_once():
    text = "First line.\nSecond line."
    paragraphs = [(0, 11), (12, 24)]
    assert flat(segment(text, [ann(1, 6, 18)], paragraphs)) == [
        [("First ", [], []), ("line.", [1], [])],
        [("Second", [1], [1]), (" line.", [], [])],
    ]


def test_a_span_ending_in_the_gap_between_paragraphs_shows_its_number_before_the_gap():
    text = "A quote.\n\nNext."
    assert flat(segment(text, [ann(1, 2, 9)], [(0, 8), (10, 15)])) == [
        [("A ", [], []), ("quote.", [1], [1])],
        [("Next.", [], [])],
    ]


def test_spans_outside_the_text_or_empty_are_not_highlighted():
    text = "Short."
    assert flat(segment(text, [ann(1, 3, 3), ann(2, 4, 99), ann(3, -1, 2)])) == [
        [("Short.", [], [])]
    ]


def test_segments_rebuild_each_paragraph_exactly():
    text = "“We may win,” she said.\nIt may rain, clearly."
    paragraphs = [(0, 23), (24, 45)]
    spans = [ann(1, 0, 13, "quote"), ann(2, 4, 7), ann(3, 27, 30), ann(4, 37, 44), ann(5, 8, 30)]
    out = segment(text, spans, paragraphs)
    assert ["".join(s.text for s in p) for p in out] == [text[0:23], text[24:45]]
    covered = {
        n: "".join(s.text for p in out for s in p if n in [m.number for m in s.marks])
        for n in range(1, 6)
    }
    assert covered == {
        1: "“We may win,”",
        2: "may",
        3: "may",
        4: "clearly",
        5: "win,” she said.It may",
    }
