"""The exercise generator: every answer is a real finding at the stated place, every distractor
really is not one, and a seed always gives the same sheet."""

from __future__ import annotations

import dataclasses

import pytest
from exercise_examples import ARTICLE, REWRITE, SOURCE, article_result, pair_results

from analyzer import analyze, compare
from analyzer.exercises import build_worksheet
from analyzer.exercises.lines import LINE_WIDTH, LineIndex, wrap
from analyzer.exercises.rewrite import fold
from analyzer.results import ArticleResult, Attribution, Comparison, ComparisonIssue, Source
from analyzer.signals.sources import is_named


def check_key(sheet, result: ArticleResult, source=None, comparison: Comparison | None = None):
    """The answer key agrees with the analysis, item by item."""
    text = result.text
    index = LineIndex(sheet.lines)
    findings = {(f.kind, f.start, f.end) for f in result.findings}
    quotes = {(q.start, q.end): q for q in result.quotes or ()}
    issues = {(i.kind, i.start, i.end) for i in (comparison.issues if comparison else ())}
    for exercise in sheet.exercises:
        for item in exercise.items:
            # The place printed on the sheet is where the item is.
            assert item.location == index.locate(item.start, item.end)
            line = sheet.lines[item.location.line - 1]
            assert line.start <= item.start < line.end
            if exercise.key == "quotes":
                q = quotes[(item.start, item.end)]
                assert item.prompt == q.text == text[item.start : item.end]
                if q.speaker is None:
                    assert item.uncertain.startswith("Speaker unresolved")
                elif item.uncertain is not None:
                    # Resolved from words that share nothing with the name ("She").
                    said = item.uncertain.split("“")[1].split("”")[0]
                    assert not set(said.lower().split()) & set(q.speaker.lower().split())
            elif exercise.key == "sources" and item.kind == "named_source":
                (src,) = [s for s in result.sources if item.answer.endswith(f": {s.name}")]
                assert is_named(src.kind, src.name)
                spans = {
                    (a.source_start, a.source_end)
                    for a in result.attributions
                    if a.source == src.name
                }
                assert (item.start, item.end) in spans or item.prompt == src.name
            elif exercise.key == "changes":
                if item.is_finding:
                    assert (item.kind, item.start, item.end) in issues
                else:
                    assert not any(s < item.end and item.start < e for _, s, e in issues)
                    assert fold(item.source_text) in fold(source.text)
                    assert fold(item.source_text) in fold(text[item.start : item.end])
            elif item.is_finding:
                assert (item.kind, item.start, item.end) in findings
                assert item.prompt == text[item.start : item.end]
            else:
                # A distractor overlaps no finding of the kind the exercise asks about.
                asked = {i.kind for i in exercise.items if i.is_finding}
                assert not any(
                    f.kind in asked and f.start < item.end and item.start < f.end
                    for f in result.findings
                )
                assert item.prompt == text[item.start : item.end]


def test_lines_keep_offsets_and_width():
    result = article_result()
    lines = wrap(result.text, result.paragraphs)
    assert all(ln.text == result.text[ln.start : ln.end] for ln in lines)
    assert all(len(ln.text) <= LINE_WIDTH for ln in lines)
    assert " ".join(ln.text for ln in lines).split() == ARTICLE.split()
    assert [ln.number for ln in lines] == list(range(1, len(lines) + 1))
    assert [ln.paragraph for ln in lines if ln.first_in_paragraph] == list(range(1, 9))


@pytest.mark.parametrize("level", ["basic", "advanced"])
@pytest.mark.parametrize("seed", [0, 1, 7, 123])
def test_answer_key_agrees_with_the_analysis(level, seed):
    result = article_result()
    sheet = build_worksheet(result, level=level, seed=seed)
    assert [e.key for e in sheet.exercises] == ["quotes", "sources", "hedges", "claims"]
    check_key(sheet, result)


@pytest.mark.parametrize("level", ["basic", "advanced"])
@pytest.mark.parametrize("seed", [0, 1, 7, 123])
def test_pair_key_agrees_with_the_comparison(level, seed):
    source, rewrite, comparison = pair_results()
    sheet = build_worksheet(rewrite, source=source, comparison=comparison, level=level, seed=seed)
    (changes,) = [e for e in sheet.exercises if e.key == "changes"]
    assert {i.is_finding for i in changes.items} == {True, False}
    check_key(sheet, rewrite, source, comparison)


def test_unchanged_items_are_exactly_those_the_source_repeats():
    source, rewrite, comparison = pair_results()
    sheet = build_worksheet(rewrite, source=source, comparison=comparison, level="advanced")
    (changes,) = [e for e in sheet.exercises if e.key == "changes"]
    same = sorted(i.prompt for i in changes.items if not i.is_finding)
    # "300 people", "Wednesday", "Tom Baker" and the new quote are changes; "Ms. Ruiz" is one
    # word after the title, so not a name candidate; everything else here stands in the source.
    assert set(same) <= {"Elm Street", "Ana Ruiz", "March", "2009", "60 beds"}
    assert len(same) >= 3
    changed = {i.prompt for i in changes.items if i.is_finding}
    assert changed == {"Wednesday", "300 people", "“We are out of money,”", "Tom Baker"}
    (date,) = [i for i in changes.items if i.prompt == "Wednesday"]
    assert date.answer == "Changed (date): the source has “Tuesday” (source ¶1, line 1)"
    assert SOURCE.count("Tuesday") == 1 and "Wednesday" in REWRITE


def test_a_name_the_rewrite_repeats_is_asked_about_once():
    source = analyze(SOURCE, title="Shelter to close", id="src")
    again = "Ana Ruiz said Elm Street was quiet. Tom Baker and Ana Ruiz met on Elm Street.\n"
    rewrite = analyze(REWRITE + again, title="Shelter closing", id="rw")
    comparison = compare(source, rewrite)
    asked = []
    for seed in range(8):
        sheet = build_worksheet(
            rewrite, source=source, comparison=comparison, level="advanced", seed=seed
        )
        (changes,) = [e for e in sheet.exercises if e.key == "changes"]
        names = [i.prompt for i in changes.items if i.kind.endswith("name")]
        assert len(names) == len(set(names)), seed
        asked += names
    assert {"Ana Ruiz", "Elm Street"} <= set(asked)


def test_same_seed_same_sheet_and_seeds_differ():
    result = article_result()
    a = build_worksheet(result, level="advanced", seed=5)
    assert a == build_worksheet(article_result(), level="advanced", seed=5)
    orders = {
        tuple(i.prompt for e in build_worksheet(result, seed=s).exercises for i in e.items)
        for s in range(8)
    }
    assert len(orders) > 1


def test_advanced_asks_for_more():
    result = article_result()
    basic = {e.key: e for e in build_worksheet(result, level="basic", seed=2).exercises}
    advanced = {e.key: e for e in build_worksheet(result, level="advanced", seed=2).exercises}
    assert len(advanced["claims"].items) > len(basic["claims"].items)
    assert "booster" in advanced["hedges"].instructions
    assert "booster" not in basic["hedges"].instructions
    assert basic["hedges"].instructions.startswith("Find 3 hedges")


def test_hedge_answers_say_what_is_softened():
    sheet = build_worksheet(article_result(), seed=0)
    (hedges,) = [e for e in sheet.exercises if e.key == "hedges"]
    answers = {i.prompt: (i.answer, i.uncertain) for i in hedges.items}
    assert answers["may"] == (
        "“may” softens: “may leave about 40 families without a bed this winter”",
        None,
    )
    assert answers["about"][0] == "“about” softens: “about 40 families”"
    assert "approximate number" in answers["about"][1]


def test_unresolved_speaker_is_marked_for_the_teacher():
    result = article_result()
    first = dataclasses.replace(result.quotes[0], speaker=None, speaker_kind=None)
    result = dataclasses.replace(result, quotes=(first, *result.quotes[1:]))
    (quotes,) = [e for e in build_worksheet(result).exercises if e.key == "quotes"]
    assert quotes.items[0].answer == "Speaker: not resolved"
    assert quotes.items[0].uncertain.startswith("Speaker unresolved")
    assert all(i.uncertain is None for i in quotes.items[1:])


def test_low_similarity_marks_every_change_uncertain():
    source, rewrite, comparison = pair_results()
    comparison = dataclasses.replace(comparison, similarity=0.12)
    sheet = build_worksheet(rewrite, source=source, comparison=comparison, seed=3)
    (changes,) = [e for e in sheet.exercises if e.key == "changes"]
    assert all("(similarity 0.12)" in i.uncertain for i in changes.items if i.is_finding)
    assert (
        "Similarity to the source",
        "0.12 (low: the rewrite shares little wording with the source)",
    ) in (sheet.summary)


def test_missing_signals_are_named_not_faked():
    result = dataclasses.replace(article_result(), sources=None, findings=(), metrics={})
    sheet = build_worksheet(result)
    assert [e.key for e in sheet.exercises] == ["quotes"]
    assert sheet.notes == (
        "No sources exercise: the analysis holds no sources (the attribution signal did not run).",
        "No hedges exercise: the hedging signal did not run.",
        "No claims exercise: the claims signal did not run.",
    )


def test_bad_level_is_refused():
    with pytest.raises(ValueError, match="level must be one of basic, advanced"):
        build_worksheet(article_result(), level="expert")


@pytest.fixture(scope="module")
def seed_results():
    from conftest import SEED_IDS, seed_path

    from analyzer.classroom import read_one
    from analyzer.pipeline import analyze_article

    return {i[:3]: analyze_article(read_one(str(seed_path(i[:3])))) for i in SEED_IDS}


@pytest.mark.parametrize("level", ["basic", "advanced"])
def test_answer_key_agrees_with_the_analysis_on_every_seed(seed_results, level):
    for result in seed_results.values():
        for seed in (1, 3):
            sheet = build_worksheet(result, level=level, seed=seed)
            check_key(sheet, result)
            assert len(sheet.exercises) + len(sheet.notes) == 4


def test_whole_sentences_fill_at_most_half_of_the_changes():
    source, rewrite, comparison = pair_results()
    lines = [(s, e) for s, e in rewrite.paragraphs]
    sentences = tuple(
        ComparisonIssue("unsupported_sentence", s, e, rewrite.text[s:e], "No source sentence.")
        for s, e in lines
    )
    comparison = dataclasses.replace(comparison, issues=comparison.issues + sentences)
    for seed in range(6):
        sheet = build_worksheet(
            rewrite, source=source, comparison=comparison, level="advanced", seed=seed
        )
        (changes,) = [e for e in sheet.exercises if e.key == "changes"]
        changed = [i.kind for i in changes.items if i.is_finding]
        assert changed.count("unsupported_sentence") <= max(1, len(changed) // 2)
        assert len([k for k in changed if k != "unsupported_sentence"]) == min(4, len(changed))
    basic = build_worksheet(rewrite, source=source, comparison=comparison, level="basic")
    (changes,) = [e for e in basic.exercises if e.key == "changes"]
    assert "unsupported_sentence" not in {i.kind for i in changes.items}


def test_pair_key_agrees_with_the_real_comparison_of_the_seed_pairs(seed_results):
    from analyzer.compare import compare

    for source_id, rewrite_id in (("000", "002"), ("001", "003")):
        source, rewrite = seed_results[source_id], seed_results[rewrite_id]
        comparison = compare(source, rewrite)
        for level in ("basic", "advanced"):
            sheet = build_worksheet(
                rewrite, source=source, comparison=comparison, level=level, seed=3
            )
            assert "changes" in [e.key for e in sheet.exercises]
            check_key(sheet, rewrite, source, comparison)


def test_a_speaker_resolved_from_a_pronoun_is_marked_for_the_teacher():
    result = article_result()
    second = result.quotes[1]
    she = result.text.index("“Closing")  # the attribution's source words: "she" put before it
    text = result.text[:she] + "She said: " + result.text[she:]
    shift = len("She said: ")
    moved = analyze(text, id="shelter")
    (quote,) = [q for q in moved.quotes if q.text == second.text]
    quote = dataclasses.replace(quote, speaker="Ana Ruiz", speaker_kind="person")
    attribution = Attribution(
        she, quote.end, "direct", "Ana Ruiz", "person", "said", quote.start, quote.end,
        source_start=she, source_end=she + 3,
    )  # fmt: skip
    moved = dataclasses.replace(moved, quotes=(quote,), attributions=(attribution,))
    assert moved.text[she : she + 3] == "She" and quote.start == second.start + shift
    (quotes,) = [e for e in build_worksheet(moved).exercises if e.key == "quotes"]
    assert quotes.items[0].uncertain == (
        "The text calls the speaker “She”; the analyzer took that to mean Ana Ruiz: check who "
        "it refers to."
    )


def test_a_source_listed_twice_by_full_and_short_name_is_asked_once():
    result = article_result()
    extra = Source("Ruiz", "person", "official", None, 0, 1)
    result = dataclasses.replace(result, sources=(*result.sources, extra))
    (sources,) = [
        e for e in build_worksheet(result, level="advanced").exercises if e.key == "sources"
    ]
    answers = sorted(i.answer for i in sources.items if i.kind == "named_source")
    assert answers == ["Named (person): Ana Ruiz", "Named (person): Mark Olsen"]


def test_a_source_the_report_does_not_count_as_named_is_not_asked_as_named():
    result = article_result()
    unnamed = [s.name for s in result.sources if not is_named(s.kind, s.name)]
    assert "county health department" in unnamed  # an organization, but not a proper name
    (sources,) = [
        e for e in build_worksheet(result, level="advanced").exercises if e.key == "sources"
    ]
    asked = [i.answer.split(": ", 1)[1] for i in sources.items if i.kind == "named_source"]
    assert not set(asked) & set(unnamed)
