"""A stored result is its results.jsonl line plus what the line does not hold: it must give back
exactly what the codec alone gave back (same values, tuples, dict orders and classes), and the
line must be the line of its record."""

from __future__ import annotations

import dataclasses

from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer import analyze, codec, stored_result
from analyzer.batch import analyze_paths
from analyzer.results import (
    ArticleResult,
    Attribution,
    Comparison,
    ComparisonIssue,
    Finding,
    Quote,
    Source,
)
from analyzer.state import pack, result_line, unpack
from analyzer.writers.record_line import dumps


def assert_stored_exactly(result: ArticleResult) -> None:
    back = unpack(pack(result))
    assert back == result
    # The codec's JSON names every class and keeps dict order and tuples: equal JSON, same value.
    assert codec.encode(back) == codec.encode(result)
    assert result_line(pack(result)) == dumps(result.to_record())


def beside_line(result: ArticleResult) -> bool:
    """True when the result was stored as its line plus metrics, scores and details."""
    return stored_result.encode(result).split("\n", 1)[1].startswith('{"@t"')


def test_every_field_of_a_result_is_rebuilt_from_the_line_or_stored_beside_it():
    # A new field must be read back by stored_result.decode (this list is what it reads).
    assert [f.name for f in dataclasses.fields(ArticleResult)] == [
        *("id", "path", "text", "title", "outlet", "author", "published", "url"),
        *("derived_from", "paragraphs", "type", "type_reasons", "scores", "metrics"),
        *("sources", "quotes", "attributions", "findings", "comparison", "language"),
    ]


def test_seed_results_are_stored_beside_their_lines_and_come_back_exactly():
    results = analyze_paths([str(SEEDS)]).results
    for result in results:
        bare = dataclasses.replace(result, comparison=None)
        assert beside_line(bare)
        assert_stored_exactly(bare)


def test_a_result_with_its_comparison_is_stored_whole_after_its_line():
    # The record rounds the similarity: the line cannot give it back.
    results = analyze_paths([str(SEEDS)]).results
    rewrites = [r for r in results if r.comparison is not None]
    assert rewrites
    for result in rewrites:
        assert not beside_line(result)
        assert_stored_exactly(result)


SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5)
)
KEYS = st.text(alphabet="abz@", max_size=3)
FREE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(KEYS, inner, max_size=3),
        st.dictionaries(st.integers(0, 3), inner, max_size=2),
    ),
    max_leaves=8,
)
FREE_DICT = st.dictionaries(KEYS, FREE, max_size=4)
# Where the record holds scalars: mostly scalars, sometimes a value JSON would not give back.
ODD = st.one_of(SCALAR, SCALAR, SCALAR, st.tuples(st.integers()), st.lists(st.integers()))

FINDINGS = st.lists(
    st.builds(
        Finding, st.text(max_size=3), st.integers(), ODD, st.text(max_size=3), ODD, FREE_DICT
    ),
    max_size=3,
).map(tuple)
SOURCES = st.one_of(
    st.none(),
    st.lists(st.builds(Source, st.text(max_size=3), ODD, quotes=ODD), max_size=2).map(tuple),
)
QUOTES = st.one_of(
    st.none(),
    st.lists(st.builds(Quote, st.integers(), st.integers(), ODD, ODD), max_size=2).map(tuple),
)
ATTRIBUTIONS = st.one_of(
    st.none(),
    st.lists(
        st.builds(
            Attribution,
            *(st.integers(), st.integers(), st.text(max_size=2)),
            *(ODD,) * 3,
            st.integers(),
            st.integers(),
            source_end=ODD,
        ),
        max_size=2,
    ).map(tuple),
)
RESULTS = st.builds(
    ArticleResult,
    id=st.text(max_size=4),
    path=ODD,
    text=st.text(max_size=20),
    title=ODD,
    derived_from=st.one_of(st.lists(st.text(max_size=2), max_size=2).map(tuple), st.just(["a"])),
    paragraphs=st.lists(st.tuples(st.integers(), st.integers()), max_size=2).map(tuple),
    type=st.one_of(st.none(), st.text(max_size=3)),
    type_reasons=st.lists(st.text(max_size=3), max_size=2).map(tuple),
    scores=st.dictionaries(KEYS, st.one_of(st.none(), st.floats(allow_nan=False)), max_size=3),
    metrics=FREE_DICT,
    sources=SOURCES,
    quotes=QUOTES,
    attributions=ATTRIBUTIONS,
    findings=FINDINGS,
)


@settings(max_examples=400, deadline=None)
@given(RESULTS)
def test_any_result_comes_back_exactly_and_with_its_line(result):
    try:
        line = dumps(result.to_record())
    except (TypeError, ValueError):  # a record JSON cannot write fails its article anyway
        return
    assert result_line(pack(result)) == line
    back = unpack(pack(result))
    assert back == result
    assert codec.encode(back) == codec.encode(result)


def test_a_value_the_line_would_change_is_stored_whole():
    tuple_where_a_string_goes = ArticleResult("a", "a.txt", "Hi.", title=("x",))  # type: ignore[arg-type]
    list_where_a_tuple_goes = ArticleResult("a", "a.txt", "Hi.", derived_from=["b"])  # type: ignore[arg-type]
    reasons_without_type = ArticleResult("a", "a.txt", "Hi.", type_reasons=("r",))
    for result in (tuple_where_a_string_goes, list_where_a_tuple_goes, reasons_without_type):
        assert not beside_line(result)
        assert_stored_exactly(result)


def test_sentences_stored_with_a_result_come_back_and_leave_the_result_and_its_line_as_they_were():
    from analyzer.compare import _document

    for result in analyze_paths([str(SEEDS)]).results:
        sentences = _document(result, None).sentences
        for stored in (dataclasses.replace(result, comparison=None), result):  # beside, whole
            with_sentences = stored_result.encode(stored, sentences)
            assert with_sentences.startswith(stored_result.encode(stored) + "\n")
            assert stored_result.sentences_of(with_sentences) == sentences
            assert stored_result.decode(with_sentences) == stored
            assert stored_result.decode_unscored(with_sentences) == stored_result.decode_unscored(
                stored_result.encode(stored)
            )
            assert stored_result.line_of(with_sentences) == dumps(stored.to_record())


def test_a_result_stored_without_sentences_has_none():
    result = analyze("It rained. Then it stopped.")
    assert stored_result.sentences_of(stored_result.encode(result)) is None
    assert stored_result.sentences_of(stored_result.encode(result, [])) == ()


def test_the_store_check_reports_a_stored_line_that_names_no_article(tmp_path):
    import zstandard

    from analyzer.state import Scored, StateStore

    damaged = zstandard.compress(("{}\n" + codec.encode(({}, {}, []))).encode("utf-8"))
    with StateStore(tmp_path / "state.sqlite") as store:
        store.put([("a", "k", Scored(damaged, None, None, None))])
        assert store.check() == ["a: stored result cannot be read (KeyError('id'))"]


def test_a_store_that_need_not_be_durable_keeps_no_write_ahead_log_and_reads_back(tmp_path):
    from analyzer.state import Scored, StateStore

    result = analyze("It rained.")
    with StateStore(tmp_path / "state.sqlite", durable=False) as store:
        store.put([("a", "k", Scored(pack(result)))])
        assert store.get("a") == result
        assert not (tmp_path / "state.sqlite-wal").exists()


def test_only_the_attributions_and_the_author_come_before_the_comparison_in_a_record():
    # line_with_comparison finds the comparison's place in a line by this order of keys.
    every_field = ArticleResult(
        *("a", "a.txt", "Hi.", "T", "O", "Au", "2025-01-01", "u", ("b",), ((0, 3),)),
        *("news", ("r",), {"s": 1.0}, {"m": 1}, (), (), (), ()),
        Comparison("s", 0.5, "metadata", 1, 0),
        "fr",
    )
    record = every_field.to_record()
    assert all(value is not None for value in record.values())
    assert [k for k in sorted(record) if k < "comparison"] == ["attributions", "author"]


ISSUES = st.lists(
    st.builds(ComparisonIssue, st.text(max_size=3), st.integers(), st.integers(), ODD, ODD),
    max_size=2,
).map(tuple)
COMPARISONS = st.builds(
    Comparison,
    st.text(max_size=3),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.integers(),
    st.integers(),
    ISSUES,
    st.one_of(st.none(), st.integers()),
    notes=st.lists(st.text(max_size=3), max_size=2).map(tuple),
)


@settings(max_examples=400, deadline=None)
@given(COMPARISONS)
def test_a_comparisons_json_is_the_same_once_stored_and_read_back(comparison):
    # compare_chunk writes the comparison it made into the rewrite's line, not the one the store
    # gives back (which run_results puts in the result): the two must write the same JSON.
    assert dumps(unpack(pack(comparison)).to_dict()) == dumps(comparison.to_dict())


@settings(max_examples=400, deadline=None)
@given(RESULTS, st.one_of(st.none(), COMPARISONS), COMPARISONS)
def test_the_line_with_a_comparison_is_the_line_of_the_result_that_holds_it(
    result, before, comparison
):
    result = dataclasses.replace(result, comparison=before)
    try:
        stored = stored_result.encode(result)
        line = dumps(dataclasses.replace(result, comparison=comparison).to_record())
    except (TypeError, ValueError):  # a record JSON cannot write fails its article anyway
        return
    unscored = stored_result.decode_unscored(stored)
    assert stored_result.line_with_comparison(stored, unscored, comparison) == line
    # What comparing reads is all there; only findings, metrics and scores, sources and
    # attributions may be left out (the last two empty where the result has them).
    if beside_line(result):
        left_out = {"findings": (), "metrics": {}, "scores": {}}
        for name in ("sources", "attributions"):
            left_out[name] = None if getattr(result, name) is None else ()
        assert unscored == dataclasses.replace(result, **left_out)
    else:
        assert unscored == result


@settings(max_examples=300, deadline=None)
@given(RESULTS, COMPARISONS)
def test_the_place_of_the_comparison_in_a_stored_lines_bytes_is_where_it_goes_in_the_line(
    result, comparison
):
    # compare_chunk splices the comparison into the line's UTF-8 bytes at comparison_place.
    result = dataclasses.replace(result, comparison=None)
    try:
        stored = stored_result.encode(result, [])
    except (TypeError, ValueError):  # a record JSON cannot write fails its article anyway
        return
    raw = stored.encode("utf-8", "surrogatepass")
    unscored = stored_result.decode_unscored(stored)
    at, end = stored_result.comparison_place(raw, unscored)
    spliced = raw[:at] + dumps(comparison.to_dict()).encode("utf-8", "surrogatepass")
    spliced += raw[at + len(b"null") : end]
    line = stored_result.line_with_comparison(stored, unscored, comparison)
    assert spliced.decode("utf-8", "surrogatepass") == line


def test_a_line_not_in_the_order_of_a_record_is_made_whole_with_the_comparison():
    result = analyze("Prices rose 5 percent, officials said. Experts say it may last.")
    stored = stored_result.encode(result).replace(
        '{"attributions"', '{"aardvark": 1, "attributions"', 1
    )
    comparison = Comparison("s", 0.5, "metadata", 1, 0)
    # As comparing reads it: without findings, metrics and scores, which the line still gets.
    unscored = stored_result.decode_unscored(stored)
    line = stored_result.line_with_comparison(stored, unscored, comparison)
    assert line == dumps(dataclasses.replace(result, comparison=comparison).to_record())


def test_a_comparison_key_inside_the_attributions_or_the_author_is_not_the_records():
    # line_with_comparison looks for the record's '"comparison": ' key: text that spells it
    # inside a string (escaped) or an author before it must not be taken for it.
    spelled = '", "comparison": null, "x": "'
    result = ArticleResult(
        "a", "a.txt", "Hi.", author=spelled,
        attributions=(Attribution(0, 3, "direct", spelled, None, "said", 0, 3),),
    )  # fmt: skip
    comparison = Comparison("s", 0.5, "metadata", 1, 0)
    stored = stored_result.encode(result)
    line = stored_result.line_with_comparison(
        stored, stored_result.decode_unscored(stored), comparison
    )
    assert line == dumps(dataclasses.replace(result, comparison=comparison).to_record())


# Text spelling what _read_for_comparing looks for, and a backslash that escapes nothing.
TRICKY = st.text(alphabet='], "authorid:[\\f{}', max_size=14)


@settings(max_examples=300, deadline=None)
@given(
    TRICKY,
    st.one_of(st.none(), TRICKY),
    st.lists(TRICKY, max_size=2),
    st.lists(st.tuples(TRICKY, TRICKY), max_size=2),
    st.one_of(st.none(), st.lists(st.tuples(TRICKY, TRICKY), max_size=2)),
)
def test_what_comparing_reads_is_read_whatever_the_strings_of_the_line_spell(
    text, author, derived_from, findings, attributions
):
    result = ArticleResult(
        "a", "a.txt", text, author=author, derived_from=tuple(derived_from),
        findings=tuple(Finding("k", 0, 1, t, m) for t, m in findings),
        attributions=None if attributions is None else tuple(
            Attribution(0, 1, "direct", s, None, c, 0, 1) for s, c in attributions
        ),
        quotes=(Quote(0, 1, text, author),),
    )  # fmt: skip
    unscored = stored_result.decode_unscored(stored_result.encode(result))
    assert unscored == dataclasses.replace(
        result, findings=(), attributions=None if attributions is None else ()
    )


# The record's keys _read_for_comparing cuts at, as keys and inside strings of the values it
# cuts out (metrics, scores, sources).
LANDMARKS = st.sampled_from(
    ["outlet", "record_version", "text", "metrics", "sources", "id", "paragraphs", "path", "a"]
)
SPELLED = st.one_of(LANDMARKS, LANDMARKS.map(lambda k: f'], "{k}": "'), TRICKY)
NESTED = st.recursive(
    st.one_of(st.none(), st.integers(), SPELLED),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(LANDMARKS, inner)),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(LANDMARKS, NESTED, max_size=4),
    st.dictionaries(LANDMARKS, st.one_of(st.none(), st.floats(allow_nan=False)), max_size=3),
    st.one_of(st.none(), st.lists(st.tuples(SPELLED, SPELLED), max_size=2)),
    SPELLED,
)
def test_the_values_comparing_does_not_read_are_left_out_whatever_they_hold(
    metrics, scores, sources, text
):
    result = ArticleResult(
        "a", "a.txt", text, outlet="O", published="2025-01-01", paragraphs=((0, 1),),
        metrics=metrics, scores=scores, quotes=(Quote(0, 1, text, "Ana"),),
        sources=None if sources is None else tuple(
            Source(name, "person", description=d) for name, d in sources
        ),
    )  # fmt: skip
    unscored = stored_result.decode_unscored(stored_result.encode(result, lean=True))
    assert unscored == dataclasses.replace(
        result, metrics={}, scores={}, sources=None if sources is None else ()
    )


def test_metrics_that_hold_the_next_keys_of_a_record_do_not_stand_for_them():
    # A cut that ends at the metrics' own "outlet" parses (the outlet and the text are kept) but
    # has no paragraphs or path: the line is read whole.
    metrics = {"a": {}, "outlet": 1, "record_version": 2}
    result = ArticleResult("a", "a.txt", "Hi.", outlet="O", paragraphs=((0, 3),), metrics=metrics)
    unscored = stored_result.decode_unscored(stored_result.encode(result, lean=True))
    assert unscored == dataclasses.replace(result, metrics={})


def test_a_record_spelling_the_keys_inside_its_strings_is_read_for_comparing():
    spelled = '], "author": "x", "findings": [], "id": "b"'
    result = ArticleResult(
        "a", "a.txt", spelled, author=spelled, derived_from=(spelled + "\\",),
        findings=(Finding("k", 0, 1, spelled, spelled + "\\"),),
        attributions=(Attribution(0, 1, "direct", spelled, None, spelled, 0, 1),),
    )  # fmt: skip
    unscored = stored_result.decode_unscored(stored_result.encode(result))
    assert unscored == dataclasses.replace(result, findings=(), attributions=())


@settings(max_examples=300, deadline=None)
@given(RESULTS)
def test_a_lean_result_has_the_same_line_and_reads_the_same_for_comparing(result):
    try:
        full = stored_result.encode(result, [])
    except (TypeError, ValueError):  # a record JSON cannot write fails its article anyway
        return
    lean = stored_result.encode(result, [], lean=True)
    assert stored_result.line_of(lean) == stored_result.line_of(full)
    assert stored_result.sentences_of(lean) == ()
    # The same but for what comparing does not read (findings, metrics, scores, sources and
    # attributions): a result the full line does not hold may be stored beside its lean line.
    unread = {"findings": (), "metrics": {}, "scores": {}}
    for name in ("sources", "attributions"):
        unread[name] = None if getattr(result, name) is None else ()
    lean_unscored, full_unscored = map(stored_result.decode_unscored, (lean, full))
    assert dataclasses.replace(lean_unscored, **unread) == dataclasses.replace(
        full_unscored, **unread
    )
    if beside_line(result):  # the metrics, scores and details are left out
        assert len(lean) < len(full)


def test_a_lean_result_is_not_rebuilt_whole_but_the_store_gives_its_path(tmp_path):
    import pytest

    from analyzer.state import Scored, StateStore

    said = analyze("Prices rose 5 percent, officials said.")
    result = dataclasses.replace(said, path="p.txt")
    with StateStore(tmp_path / "state.sqlite") as store:
        store.put([("a", "k", Scored(pack(result, lean=True)))])
        with pytest.raises(ValueError, match="for comparing only"):
            store.get("a")
        assert store.path_of("a") == "p.txt"


def _read_alone_and_against(stored: bytes, seen: stored_result.Reading) -> tuple[str, str]:
    """Codec JSON (every class, tuple and type named) of ``stored`` read alone and read against
    ``seen``."""
    alone = stored_result.decode_unscored(stored)
    against = stored_result.read_unscored(stored, seen).result
    return codec.encode(alone), codec.encode(against)


@settings(max_examples=400, deadline=None)
@given(
    RESULTS,
    RESULTS,
    st.sets(st.sampled_from(["text", "paragraphs", "quotes", "published"])),
    st.booleans(),
)
def test_a_result_read_against_another_reads_exactly_as_it_does_alone(result, other, shared, lean):
    # The other result shares some of the values read against (a copy shares them all).
    other = dataclasses.replace(other, **{name: getattr(result, name) for name in shared})
    try:
        seen, stored = (stored_result.encode(r, lean=lean).encode("utf-8", "surrogatepass")
                        for r in (result, other))  # fmt: skip
    except (TypeError, ValueError):  # a record JSON cannot write fails its article anyway
        return
    alone, against = _read_alone_and_against(stored, stored_result.read_unscored(seen))
    assert against == alone


@settings(max_examples=300, deadline=None)
@given(TRICKY, TRICKY, st.lists(st.tuples(TRICKY, st.one_of(st.none(), TRICKY)), max_size=2))
def test_a_copy_spelling_the_keys_around_its_text_and_quotes_reads_as_it_does_alone(
    text, other_text, quotes
):
    made = tuple(Quote(0, 1, q, speaker) for q, speaker in quotes)
    source = ArticleResult("s", "s.txt", text, paragraphs=((0, 1),), quotes=made)
    seen = stored_result.read_unscored(stored_result.encode(source).encode())
    for rewrite in (
        dataclasses.replace(source, id="c", path=text, title=other_text),
        dataclasses.replace(source, id="c", text=other_text, quotes=made[:1]),
        dataclasses.replace(source, id="c", paragraphs=(), quotes=None),
    ):
        alone, against = _read_alone_and_against(stored_result.encode(rewrite).encode(), seen)
        assert against == alone


def test_a_copy_read_against_its_source_shares_its_text_paragraphs_and_quotes():
    source = ArticleResult(
        "s", "s.txt", "“Hi,” Ana said.", paragraphs=((0, 15),), quotes=(Quote(0, 5, "Hi,", "Ana"),)
    )
    copy = dataclasses.replace(source, id="c", path="c.txt", derived_from=("s",))
    seen = stored_result.read_unscored(stored_result.encode(source).encode())
    read = stored_result.read_unscored(stored_result.encode(copy).encode(), seen).result
    assert read == copy
    assert (read.text, read.paragraphs, read.quotes) == (
        source.text,
        source.paragraphs,
        source.quotes,
    )
    assert read.text is seen.result.text and read.quotes is seen.result.quotes
