"""Rewrite and summary comparison: each issue kind, pairing, the seeds, the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS, seed_path, source_of
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analyzer import analyze, compare
from analyzer.batch import analyze_paths
from analyzer.cli import cli
from analyzer.compare import SIMILARITY_THRESHOLD, pair_results, unsupported_in
from analyzer.compare.align import SourceIndex, name_terms
from analyzer.compare.numeric import find_numbers
from analyzer.document import Article, build_document

SOURCE = (
    "The Riverton council voted on Tuesday to raise water rates by 12 percent, the first "
    "increase since 2019. About 3,200 homes still get water through lead pipes, officials said.\n"
    "“We have put this off for too long,” said Council President Maria Okafor.\n"
    "Councilman Derek Hale opposed the increase and said the city should have sought federal money first."
)


def issues(source: str, derived: str, published: str | None = None):
    c = compare(analyze(source, published=published), analyze(derived, published=published))
    return [(i.kind, i.text) for i in c.issues]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("22 percent", 22.0, "percent"),
        ("22%", 22.0, "percent"),
        ("twenty-two per cent", 22.0, "percent"),
        ("37,000", 37000.0, None),
        ("37 thousand", 37000.0, None),
        ("thirty-seven thousand", 37000.0, None),
        ("$1.3 million", 1300000.0, None),
        ("5 percentage points", 5.0, "points"),
    ],
)
def test_numbers_are_read_to_value_and_unit(text, value, unit):
    (n,) = find_numbers(f"It was {text} last year.")
    assert (n.text, n.value, n.unit) == (text, value, unit)


def test_years_and_ordinals_are_not_counts():
    assert find_numbers("In 2020 he came second, after the 1990s and Covid-19.") == []


def test_a_faithful_paraphrase_has_no_issue():
    derived = (
        "Riverton's council approved a 12 percent rise in water rates on Tuesday, the first since "
        "2019. Officials said roughly 3,200 homes still receive their water through lead pipes.\n"
        "Council President Maria Okafor said: “We have put this off for too long.”\n"
        "Hale, who opposed the increase, said the city should first have sought federal money."
    )
    assert issues(SOURCE, derived) == []


def test_a_sentence_sharing_no_content_word_with_the_source_points_to_no_passage():
    derived = "Penguins waddle across frozen beaches during midwinter storms."
    comparison = compare(analyze(SOURCE, id="s"), analyze(derived, id="d"))
    (issue,) = comparison.issues
    assert issue.kind == "unsupported_sentence"
    assert (issue.source_text, issue.source_start, issue.source_end) == (None, None, None)


def test_a_changed_number_is_a_number_mismatch_whatever_its_spelling():
    assert issues(SOURCE, "The council raised water rates by fifteen per cent on Tuesday.") == [
        ("number_mismatch", "fifteen per cent")
    ]


def test_a_number_in_words_matches_the_same_number_in_digits():
    assert issues(SOURCE, "The council raised water rates by twelve percent on Tuesday.") == []


def test_a_year_the_source_never_gives_is_a_date_mismatch():
    assert issues(SOURCE, "The council raised water rates, the first increase since 2017.") == [
        ("date_mismatch", "2017")
    ]


WIRE = (
    "ASHFORD, March 10 (Example Wire) - A fire at a storage depot closed the main rail line "
    "between Ashford and Kenton on Tuesday, delaying about 40 trains, a rail official said."
)


def date_issues(source: str, derived: str, source_published: str | None):
    c = compare(analyze(source, published=source_published), analyze(derived))
    return [
        (i.kind, i.text, i.message, i.source_text) for i in c.issues if i.kind == "date_mismatch"
    ]


def test_an_undated_rewrite_is_read_as_of_its_sources_publication_date():
    # The wire story is dated 2026-03-10, a Tuesday; the rewrite has no date of its own.
    derived = "A devastating fire on Wednesday brought the rail link to Kenton to a standstill."
    assert date_issues(WIRE, derived, "2026-03-10") == [
        (
            "date_mismatch",
            "Wednesday",
            "The rewrite dates this to 2026-03-04 (“Wednesday” counted from the source's "
            "publication date, 2026-03-10, as the rewrite gives none); the nearest date the "
            "source gives is 2026-03-10.",
            "Tuesday",
        )
    ]


def test_an_undated_rewrite_that_keeps_the_sources_weekday_has_no_date_issue():
    derived = "A fire on Tuesday closed the rail line between Ashford and Kenton."
    assert date_issues(WIRE, derived, "2026-03-10") == []
    assert date_issues(WIRE, "The line closed on March 10 after a fire.", "2026-03-10") == []


def test_when_neither_text_is_dated_a_changed_weekday_is_found_by_its_name():
    derived = "A devastating fire on Wednesday brought the rail link to Kenton to a standstill."
    assert date_issues(WIRE, derived, None) == [
        (
            "date_mismatch",
            "Wednesday",
            "The rewrite says Wednesday; the source names Tuesday and never that day (it has no "
            "publication date, so only the names compare).",
            "Tuesday",
        )
    ]
    assert date_issues(WIRE, "The fire broke out last Tuesday.", None) == []


def test_surname_and_titled_mentions_are_the_source_person_a_new_person_is_not():
    derived = (
        "Okafor defended the increase. Ms. Okafor and Mayor Tom Brandt said the pipes were old."
    )
    assert ("name_not_in_source", "Tom Brandt") in issues(SOURCE, derived)
    assert not [
        t for k, t in issues(SOURCE, derived) if k == "name_not_in_source" and "Okafor" in t
    ]


def test_a_different_first_name_with_the_same_surname_is_not_in_the_source():
    found = issues(SOURCE, "Council President Jane Okafor said the pipes were old.")
    assert ("name_not_in_source", "Jane Okafor") in found


def test_a_quote_with_other_punctuation_is_found_and_a_reworded_one_is_not():
    ok = "“We have put this off too long” said Okafor, the council president."
    assert issues(SOURCE, ok) == []
    bad = "“We have ignored these pipes for decades,” said Okafor, the council president."
    assert ("quote_not_in_source", "“We have ignored these pipes for decades,”") in issues(
        SOURCE, bad
    )


def test_an_added_claim_is_an_unsupported_sentence():
    derived = "The state has warned that the water already exceeds safe lead levels in schools."
    assert issues(SOURCE, derived) == [("unsupported_sentence", derived)]


# A source whose sentences each hold their own rare words, for the anchor rule.
ANCHOR_SOURCE = (
    "The mayor spoke on Monday. Reports of extortion, kidnappings and disappearances are up. "
    "Murders are down this year. The mayor met police chiefs on Friday."
)


def test_a_reworded_sentence_keeping_three_rare_words_of_one_passage_is_supported():
    # Coverage is low (most words are the rewriter's own), but "extortion", "kidnappings" and
    # "disappearances" all stand in one source sentence: the sentence retells it.
    derived = (
        "Troubling statistics reveal worrying rises in kidnappings, extortion and "
        "disappearances, highlighting a multifaceted crisis."
    )
    assert issues(ANCHOR_SOURCE, derived) == []


def test_a_new_sentence_sharing_only_topic_words_is_unsupported():
    # It meets the source on one word ("mayor"), never on three of one passage.
    derived = "The mayor promised free buses for every school and a new hospital."
    assert issues(ANCHOR_SOURCE, derived) == [("unsupported_sentence", derived)]


def test_names_are_the_words_a_text_capitalises_inside_sentences_only():
    text = "Officials met Ana Ruiz. Ruiz said officials lied. The Harbor Board met."
    sentences = [(0, 23), (24, 50), (51, 71)]
    assert name_terms(text, sentences) == {"ana", "ruiz", "harbor", "board"}


def test_of_two_quotations_in_one_paragraph_only_the_one_given_to_another_speaker_is_misattributed():
    source = SOURCE.replace(
        "Councilman Derek Hale opposed the increase and said the city should have sought federal "
        "money first.",
        "Councilman Derek Hale opposed the increase. “The city should have sought federal money "
        "first,” Hale said.",
    )
    derived = (
        "The council raised water rates.\n“We have put this off for too long,” said Derek Hale. "
        "“The city should have sought federal money first,” Hale said."
    )
    assert issues(source, derived) == [
        ("misattributed_quote", "“We have put this off for too long,”")
    ]


SLOGAN_SOURCE = (
    "Senator Ana Ruiz opened the rally. “Build the bridge now,” Ruiz told the crowd.\n"
    "Later, Mayor Tom Okafor took the stage. “Build the bridge now,” Okafor said.\n"
    "Governor Lee Chan watched from the front row."
)


def test_a_quotation_the_source_gives_to_two_speakers_is_not_misattributed_to_either():
    derived = "Later, Mayor Tom Okafor took the stage.\n“Build the bridge now,” Okafor said."
    assert issues(SLOGAN_SOURCE, derived) == []


def test_a_quotation_the_source_repeats_is_misattributed_to_a_third_speaker():
    derived = "Governor Lee Chan watched from the front row.\n“Build the bridge now,” Chan said."
    assert issues(SLOGAN_SOURCE, derived) == [("misattributed_quote", "“Build the bridge now,”")]


def test_a_copy_of_an_article_changes_nothing_even_where_it_repeats_a_quotation():
    assert issues(SLOGAN_SOURCE, SLOGAN_SOURCE) == []


def test_a_vulgar_fraction_is_no_name():
    text = "The Arizona Republican survived 5 ½ years in a Vietnamese prison."
    assert issues(text, text) == []


def test_a_paragraph_s_words_are_folded_once_for_every_quotation_said_in_it():
    from analyzer.compare.engine import DocumentView

    view = DocumentView(
        build_document(Article("a", "", "Intro.\n\n“Yes,” said Ana García’s aide."))
    )
    assert view.paragraph_words(1) == {"yes", "said", "ana", "garcia", "aide"}
    assert view.paragraph_words(1) is view.paragraph_words(1)


def test_a_word_the_source_spells_differently_meets_it_by_its_beginning():
    index = SourceIndex("Mexico asked for an intervention.", [(0, 33)])
    assert index.terms("A Mexican request to intervene.") == ["mexico", "request", "intervent"]


def test_every_issue_points_at_its_text_on_both_sides():
    src = analyze(SOURCE)
    der = analyze("Mayor Tom Brandt said rates rose 15 percent in 2017, the first rise in years.")
    c = compare(src, der)
    assert c.issues
    for i in c.issues:
        assert der.text[i.start : i.end] == i.text
        if i.source_text is not None:
            assert src.text[i.source_start : i.source_end] == i.source_text


def test_quote_counts_of_both_sides():
    c = compare(analyze(SOURCE), analyze("Rates went up by 12 percent."))
    assert (c.source_direct_quotes, c.derived_direct_quotes) == (1, 0)


def test_headline_check_reports_what_the_body_does_not_support():
    body = build_document(Article("b", "b", SOURCE))
    assert unsupported_in("Riverton Raises Water Rates 12 Percent", body) == []
    assert [(i.kind, i.text) for i in unsupported_in("Riverton Raises Water Rates 40%", body)] == [
        ("number_mismatch", "40%")
    ]


@pytest.fixture(scope="module")
def seeds():
    return {r.id[:3]: r for r in analyze_paths([str(SEEDS)]).results}


def test_seed_003_flags_the_date_and_the_claims_harfuch_never_made(seeds):
    c = seeds["003"].comparison
    assert (c.source_id, c.paired_by) == ("001_0d5c243cfc9a1c98", "metadata")
    found = {(i.kind, i.text) for i in c.issues}
    assert ("date_mismatch", "September 2023") in found
    unsupported = [t for k, t in found if k == "unsupported_sentence"]
    assert any("the capture of high-profile cartel leaders" in t for t in unsupported)
    assert any("poverty and lack of education" in t for t in unsupported)


def test_seed_003_reports_that_the_interview_answers_are_gone(seeds):
    c = seeds["003"].comparison
    assert (c.source_interview_answers, c.quoted_interview_answers) == (7, 0)
    assert c.derived_direct_quotes == 0


def test_seed_002_reports_dropped_quotes_and_leaves_faithful_paraphrases_alone(seeds):
    c = seeds["002"].comparison
    assert (c.source_id, c.source_direct_quotes, c.derived_direct_quotes) == (
        "000_6af52c64d008fc3c",
        22,
        0,
    )
    flagged = [i.text for i in c.issues]
    faithful = [
        "Official government figures report that, so far this year, homicide rates have decreased by 22 percent—hitting levels unseen in ten years.",
        "Since taking office, Harfuch has spearheaded one of the country’s most aggressive anti-cartel campaigns in over a decade.",
    ]
    assert not [t for t in flagged if any(t in f or f in t for f in faithful)]
    assert any("facilitating joint operations" in t for t in flagged)
    assert not [i for i in c.issues if i.kind in ("number_mismatch", "date_mismatch")]


def test_seeds_without_derived_from_are_not_paired(seeds):
    assert seeds["000"].comparison is None
    assert seeds["001"].comparison is None
    assert seeds["004"].comparison is None


def test_pairing_by_similarity_needs_a_close_rewrite_and_says_so():
    src = analyze(SOURCE, id="src")
    der = analyze(
        "The Riverton council voted Tuesday to raise water rates 12 percent, the first increase "
        "since 2019; about 3,200 homes still get water through lead pipes, officials said.",
        id="der",
    )
    other = analyze("Stocks rose in Tokyo as the yen weakened against the dollar.", id="other")
    pairs = pair_results([src, der, other])
    assert list(pairs) == ["der"]
    source_id, paired_by, similarity = pairs["der"]
    assert (source_id, paired_by) == ("src", "similarity")
    assert similarity >= SIMILARITY_THRESHOLD


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_compare_json_prints_the_derived_record_with_its_comparison(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("compare", str(seed_path("001")), str(seed_path("003")), "--json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["id"] == "003_59ff69fff0e8114d"
    assert record["comparison"]["source_id"] == "001_0d5c243cfc9a1c98"
    assert list(tmp_path.iterdir()) == []


def test_compare_writes_both_records(tmp_path):
    result = run("compare", str(seed_path("000")), str(seed_path("002")), "--out", str(tmp_path))
    assert result.exit_code == 0
    lines = (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["comparison"] is None for r in records] == [True, False]
    assert (tmp_path / "compare" / "002_10ec1c2511d1067e.html").exists()


def test_compare_names_a_missing_file_and_exits_1(tmp_path):
    result = CliRunner().invoke(cli, ["compare", str(tmp_path / "nope.txt"), str(seed_path("002"))])
    assert result.exit_code == 1
    assert "nope.txt" in result.output


def test_planted_generator_labels_exactly_what_it_changed():
    from analyzer.compare.planted import _join, _plant

    sentences = [
        "Officials said 42 people were hurt in the storm on Monday.",
        "The mayor, Anna Berg, closed schools in March 2021 after a flood.",
        "“We will rebuild every house that the water took from us,” Berg said.",
        "Crews led by Tom Lund worked through the night to clear roads.",
    ]
    filler = ["The committee will vote on the budget proposal later this month in the capital."]
    planted, labels = _plant(sentences, " ".join(sentences), filler, 0)
    text, spans = _join(planted, labels)
    kinds = sorted(s["kind"] for s in spans if s["kind"] != "context")
    assert kinds == [
        "date_mismatch",
        "name_not_in_source",
        "number_mismatch",
        "quote_not_in_source",
        "unsupported_sentence",
    ]
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]


def test_evaluation_report_prints_scores_per_kind(tmp_path):
    from analyzer.compare.evaluate import evaluate

    record = {
        "id": "x",
        "faithful": False,
        "published": None,
        "source": SOURCE,
        "derived": "The council raised water rates by 15 percent.",
        "labels": [{"kind": "number_mismatch", "start": 34, "end": 44, "text": "15 percent"}],
    }
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = evaluate(path)
    rows = [line.split() for line in report.splitlines()]
    assert ["number_mismatch", "1", "1", "1.000", "1.000", "1.000"] in rows


def test_an_index_fitted_to_other_texts_aligns_as_one_built_for_them_sharing_the_passages():
    text = "Prices rose 5 percent. Wages fell in May. The mayor, Ana Ruiz, blamed the port."
    sentences = [(0, 22), (23, 41), (42, 79)]
    base = SourceIndex(text, sentences)
    base.align(["Wages fell."])  # what the base made for its own (no) fitted texts stays its own
    fits = [["Wages fell sharply in May."], ["Ruiz blamed the harbor.", "Prices rose."], []]
    for texts in fits:
        fitted = base.fitted(texts)
        assert fitted.align(texts) == SourceIndex(text, sentences, texts).align(texts)
        assert fitted._passages is base._passages  # made once for the source


def aligned_with_peak(index: SourceIndex, texts: list[str]) -> tuple[list, int]:
    """``index.align(texts)`` and the most memory Python and numpy held meanwhile."""
    import tracemalloc

    tracemalloc.start()
    try:
        found = index.align(texts)
        return found, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_aligning_a_long_rewrite_with_a_long_source_holds_little_memory_at_once():
    import itertools
    import string

    # A long report (3,000 sentences over 12,000 distinct words) and a rewrite of 1,500
    # sentences: a table of sentences by words, or of rewrite sentences by source passages,
    # would take some 36 and 72 MB.
    words = ["q" + "".join(w) for w in itertools.product(string.ascii_lowercase, repeat=3)]
    words = words[:12_000]
    sentences = [
        " ".join(words[(7 * i + 5 * k) % len(words)] for k in range(8)) + "." for i in range(3_000)
    ]
    text, spans = source_of(sentences)
    rewrite = sentences[::2]
    found, peak = aligned_with_peak(SourceIndex(text, spans, rewrite), rewrite)
    # Each rewrite sentence is found whole in its own source sentence, in every block.
    assert [(a.start, a.end, a.coverage) for a in found] == [
        (*spans[i], 1.0) for i in range(0, 3_000, 2)
    ]
    assert peak < 20_000_000


def test_aligning_against_a_source_that_repeats_a_sentence_holds_little_memory_at_once():
    # Each of the 25 terms is in all 3,000 sentences and 2,999 pairs: 200 texts would list some
    # 30 million (text, passage holding a term) entries at once.
    sentence = " ".join(f"term{chr(97 + i // 5)}{chr(97 + i % 5)}" for i in range(25)) + "."
    text, spans = source_of([sentence] * 3_000)
    texts = [sentence] * 200
    found, peak = aligned_with_peak(SourceIndex(text, spans, texts), texts)
    assert {(a.start, a.end, a.coverage, a.anchors) for a in found} == {(*spans[0], 1.0, 0)}
    assert peak < 20_000_000


def test_alignment_is_the_same_in_blocks_of_one_text(monkeypatch):
    from analyzer.compare import align

    source, rewrite = (
        build_document(Article(n, "", seed_path(n).read_text())) for n in ("000", "002")
    )
    texts = [rewrite.span_text(s) for s in rewrite.sentences]
    index = SourceIndex(source.text, [(s.start, s.end) for s in source.sentences], texts)
    whole = index.align(texts)
    monkeypatch.setattr(align, "_CELLS", 1)
    monkeypatch.setattr(align, "_LISTED", 1)
    assert list(align._blocks([1, 1], 1)) == [(0, 1), (1, 2)]  # one text a block
    assert index.align(texts) == whole
    assert len({(a.start, a.end) for a in whole if a is not None}) > 20  # many passages


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_check_finds_nothing_in_a_seed_checked_against_itself(prefix):
    # compare() skips the checks for a word-for-word copy dated alike; this is why it may.
    from analyzer.compare import Prepared
    from analyzer.compare.engine import check_text, derived_units

    article = Prepared(analyze(seed_path(prefix).read_text(encoding="utf-8")))
    view = article.view
    assert check_text(view, view, derived_units(view.doc), view.quotes) == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_a_copy_compared_from_its_results_alone_gives_what_its_documents_give(prefix):
    # compare_prepared reads a word-for-word copy and its source without building their
    # Documents (Prepared.view); built first, the same comparison must come out.
    import dataclasses

    from analyzer.compare import Prepared, compare_prepared

    result = analyze(seed_path(prefix).read_text(encoding="utf-8"))
    copy = dataclasses.replace(result, id="copy", path="copy.txt", author="Someone Else")
    source, derived = Prepared(result), Prepared(copy)
    quick = compare_prepared(source, derived, paired_by="similarity", similarity=1.0)
    assert "view" not in vars(derived)
    source, derived = Prepared(result), Prepared(copy)
    assert source.view and derived.view  # made before comparing: the plain path
    assert compare_prepared(source, derived, paired_by="similarity", similarity=1.0) == quick


def test_the_answers_of_an_interview_are_found_without_its_document():
    from analyzer.compare import Prepared
    from analyzer.compare.interview import interview_answers

    article = Prepared(analyze(seed_path("001").read_text(encoding="utf-8")))
    answers = article.answers
    assert len(answers) >= 3  # seed 001 is a Q&A interview
    assert answers == interview_answers(article.view.doc)


PARAGRAPHS = st.lists(st.sampled_from(["Why?", "So.", "a ? b", "?", " ", "Yes?!"]), max_size=9)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ?.\n", max_size=40) | PARAGRAPHS.map("\n".join))
@example("Intro.\nWhy?\nBecause.\nHow?\nSlowly.\nWhen?\nSoon.")  # three questions, no more
def test_a_text_with_fewer_question_marks_than_an_interview_has_no_answers(text):
    # answer_spans skips the paragraphs of a text with fewer than MIN_QUESTIONS "?": looking
    # at them must find no interview either.
    from unittest import mock

    from analyzer.compare import interview
    from analyzer.document import paragraph_spans

    paragraphs = paragraph_spans(text)
    quick = interview.answer_spans(text, paragraphs)
    with mock.patch.object(interview, "may_be_interview", lambda _: True):
        assert interview.answer_spans(text, paragraphs) == quick
