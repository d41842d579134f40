"""Property tests: on any text, the Document and the whole analysis never raise, every offset
lies inside the text and slices to the reported text, and the same input gives the same output.

Hypothesis draws texts built from news words (abbreviations, numbers, names), every kind of
quotation mark (lone ones too), odd Unicode (combining marks, zero-width and bidi controls,
line and paragraph separators, emoji sequences, ligatures) and very long sentences and
paragraphs. Budgets are small so the suite stays fast; no example database is written.
"""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analyzer import analyze
from analyzer.document import Article, Metadata, build_document, typewriter_quotes
from analyzer.temporal import find_dates
from analyzer.writers.jsonl import dumps

QUOTE_MARKS = "\"'“”‘’«»„‚‹›「」"
ODD_UNICODE = [
    "\u0301",  # combining acute accent, with no letter before it at times
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u202e",  # right-to-left override
    "\ufeff",  # byte-order mark inside the text
    "\u00a0",  # no-break space
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\x85",  # next line (a line break to str.splitlines, not to the Document)
    "\x0b",
    "\x0c",
    "\r",
    "\t",
    "ﬁ",  # a ligature that lower-cases to two letters
    "İ",  # lower-cases to two code points
    "ß",
    "ǅ",  # title-case letter
    "🏳️‍🌈",  # emoji sequence with a joiner and a variation selector
    "\U0001f600",
    "٣",  # Arabic-Indic digit
    "שלום",
    "中文",
]
WORDS = [
    "Mr.",
    "Dr.",
    "U.S.",
    "a.m.",
    "Feb.",
    "said",
    "says",
    "the",
    "mayor",
    "Ana",
    "Ruiz",
    "police",
    "officials",
    "according",
    "to",
    "may",
    "will",
    "clearly",
    "3.5",
    "37,000",
    "5%",
    "$2",
    "isn't",
    "López-Obrador",
    "2025-03-04",
    "last",
    "Tuesday",
    "March",
    "4,",
    "2024",
    "yesterday",
    "?",
    "!",
    ".",
    ",",
    ";",
    ":",
    "—",
    "…",
    "(",
    ")",
]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", "  "]

pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(list(QUOTE_MARKS)),
    st.sampled_from(ODD_UNICODE),
    st.text(max_size=4),
)
texts = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=120).map(
    lambda parts: "".join(p + s for p, s in parts)
)
long_sentence = st.integers(300, 2000).map(lambda n: " ".join(["word"] * n) + ".")
long_paragraph = st.integers(100, 400).map(
    lambda n: " ".join(f"Sentence {i} said “it {i}.”" for i in range(n))
)
any_text = st.one_of(texts, texts, texts, long_sentence, long_paragraph, st.text(max_size=300))

FAST = settings(
    max_examples=int(os.environ.get("ANALYZER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _spans(doc) -> dict[str, tuple]:
    return {
        "paragraphs": doc.paragraphs,
        "sentences": doc.sentences,
        "tokens": doc.tokens,
        "quotes": doc.quotes,
    }


def _in_order(spans) -> bool:
    return all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


@FAST
@given(any_text)
def test_document_offsets_lie_inside_the_text_in_order(text):
    doc = build_document(Article("a", "a.txt", text))
    for name, spans in _spans(doc).items():
        assert all(0 <= s.start <= s.end <= len(text) for s in spans), name
        assert _in_order(spans), name
    for s in doc.sentences:
        assert any(p.contains(s) for p in doc.paragraphs)
        assert doc.span_text(s) == doc.span_text(s).strip() != ""
    for p in doc.paragraphs:
        assert "\n" not in doc.span_text(p) and doc.span_text(p).strip() == doc.span_text(p)
    for q in doc.quotes:
        assert doc.text[q.start] in QUOTE_MARKS and doc.text[q.end - 1] in QUOTE_MARKS
    for t in doc.tokens:
        assert any(ch.isalnum() or ch == "_" for ch in doc.span_text(t))


@FAST
@given(any_text)
def test_document_is_deterministic(text):
    article = Article("a", "a.txt", text)
    assert build_document(article) == build_document(article)


def _check_offsets(node: Any, text: str, where: str = "record") -> int:
    """Check every start/end pair below ``node``; return how many pairs were checked."""
    checked = 0
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            start, end = node["start"], node["end"]
            assert 0 <= start <= end <= len(text), f"{where}: {start}..{end} of {len(text)}"
            if isinstance(node.get("text"), str):
                assert node["text"] == text[start:end], where
            checked += 1
        for key, value in node.items():
            if key.endswith("_start") and isinstance(value, int):
                end = node.get(key[: -len("_start")] + "_end")
                assert isinstance(end, int), f"{where}.{key} has no matching _end"
                assert 0 <= value <= end <= len(text), f"{where}.{key}: {value}..{end}"
                checked += 1
            # comparison issues point into the derived text, but source_* into the source
            if key != "comparison":
                checked += _check_offsets(value, text, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            checked += _check_offsets(item, text, f"{where}[{i}]")
    return checked


@FAST
@given(any_text, st.sampled_from([None, "2025-03-04", "2024-02-29"]))
@example("'' ", None)  # found by Hypothesis: the text is read with its typewriter marks curly
def test_analysis_never_raises_and_every_offset_slices_to_its_text(text, published):
    result = analyze(text, title="T", published=published)
    record = result.to_record()
    # The text as read: typewriter quotation marks ('' and ``) made curly, length kept.
    assert record.get("text", text) == typewriter_quotes(text)
    _check_offsets(record, result.text)
    for start, end in record.get("paragraphs", []):
        assert 0 <= start <= end <= len(result.text)


@FAST
@given(any_text)
def test_analysis_is_deterministic_and_its_json_round_trips(text):
    first = dumps(analyze(text, published="2025-03-04").to_record())
    assert first == dumps(analyze(text, published="2025-03-04").to_record())
    assert json.loads(first)["id"] == "article"
    first.encode("utf-8")  # what results.jsonl needs


@FAST
@given(any_text, st.sampled_from([None, "2025-03-04"]))
def test_date_mentions_slice_to_their_text(text, published):
    found = find_dates(text, published)
    assert found == find_dates(text, published)
    for d in found:
        assert 0 <= d.start <= d.end <= len(text) and d.text == text[d.start : d.end]
        assert d.resolved is None or len(d.resolved) in (4, 7, 10)


def test_offsets_checker_notices_a_wrong_slice():
    # the checker above must be able to fail, or the properties prove nothing
    bad = {"findings": [{"start": 0, "end": 2, "text": "xx", "kind": "hedge"}]}
    try:
        _check_offsets(bad, "ab")
    except AssertionError:
        return
    raise AssertionError("a finding whose text is not text[start:end] went unnoticed")


@FAST
@given(texts)
def test_metadata_never_changes_offsets(text):
    bare = build_document(Article("a", "a.txt", text))
    dressed = build_document(
        Article("a", "a.txt", text, Metadata(title="<b>x</b>", published="2025-03-04"))
    )
    assert _spans(bare) == _spans(dressed)


front_matter = st.lists(
    st.one_of(
        st.sampled_from(["title: A", "published: 2025-03-04", "published: soon", "x", "---"]),
        st.sampled_from(['title: "unclosed', "url: :", "author:", "# comment", "TITLE: B"]),
        st.text(max_size=20),
    ),
    max_size=6,
).map(lambda lines: "---\n" + "\n".join(lines) + "\n")
raw_inputs = st.one_of(
    st.binary(max_size=400),
    st.tuples(front_matter, texts).map(lambda p: (p[0] + p[1]).encode("utf-8")),
    texts.map(lambda t: t.encode("utf-16")),
    texts.map(lambda t: t.encode("cp1252", errors="replace")),
    st.lists(st.one_of(texts, st.binary(max_size=40).map(repr)), max_size=5)
    .map(
        lambda lines: "\n".join(
            json.dumps({"text": t}) if i % 2 else t for i, t in enumerate(lines)
        )
    )
    .map(str.encode),
)


@FAST
@given(raw_inputs, st.sampled_from([".txt", ".md", ".html", ".xml", ".jsonl"]))
def test_readers_turn_any_bytes_into_articles_or_input_errors(data, suffix):
    import tempfile
    from pathlib import Path

    from analyzer.document import Article as ArticleType
    from analyzer.errors import InputError
    from analyzer.readers import read_inputs

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)]))
    assert items, "every input gives an article or an error"
    for item in items:
        assert isinstance(item, ArticleType | InputError)
        if isinstance(item, InputError):
            assert str(item).startswith(str(path)) and "\n" not in item.reason
        else:
            item.text.encode("utf-8")  # writable as results.jsonl


derived_pairs = st.one_of(
    st.tuples(any_text, any_text),
    # a rewrite that keeps part of its source and changes the rest
    st.tuples(texts, texts, st.integers(0, 400)).map(
        lambda p: (p[0] + " " + p[1], p[0][: p[2]] + " " + p[1])
    ),
)


@FAST
@given(derived_pairs, st.sampled_from([None, "2025-03-04"]))
@example(("It is.", "It is."), None)  # no content word on either side: once an sklearn error
def test_comparison_issues_point_into_both_texts_and_are_deterministic(pair, published):
    from analyzer import compare

    source = analyze(pair[0], title="Source", published=published, id="s")
    derived = analyze(pair[1], title="Derived", published=published, id="d")
    comparison = compare(source, derived)
    assert comparison.to_dict() == compare(source, derived).to_dict()
    for issue in comparison.issues:
        assert 0 <= issue.start <= issue.end <= len(derived.text)
        assert issue.text == derived.text[issue.start : issue.end]
        if issue.source_start is not None:
            assert 0 <= issue.source_start <= issue.source_end <= len(source.text)
            assert issue.source_text == source.text[issue.source_start : issue.source_end]
