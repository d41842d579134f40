"""HTML reports, read back with an HTML parser: exact text, escaping, links, self-containment."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import SEED_IDS, SEEDS
from report_examples import PAYLOAD, hostile, rich_rewrite, rich_source, seed_result

from analyzer import analyze
from analyzer.cli import cli
from analyzer.errors import InputError
from analyzer.results import ArticleResult, Comparison, ComparisonIssue
from analyzer.writers import explain, html
from analyzer.writers.html import (
    render_article,
    render_chunk,
    render_compare,
    render_index,
    write_site,
)

SOURCE_ID = "000_6af52c64d008fc3c"
REWRITE_ID = "002_10ec1c2511d1067e"


def _xpath(selector: str) -> str:
    """A CSS selector of the simple kind these tests use (tag, .class, #id, descendants) as XPath."""
    paths = []
    for alternative in selector.split(","):
        steps = []
        for simple in alternative.split():
            tag, *rest = re.split(r"(?=[.#])", simple)
            tests = [
                f'contains(concat(" ", normalize-space(@class), " "), " {r[1:]} ")'
                if r[0] == "."
                else f'@id="{r[1:]}"'
                for r in rest
            ]
            steps.append(f"{tag or '*'}" + "".join(f"[{t}]" for t in tests))
        paths.append(".//" + "//".join(steps))
    return " | ".join(paths)


def select(node, selector: str):
    return node.xpath(_xpath(selector))


def parse(page: str):
    return lxml.html.fromstring(page)


def text_of(node) -> str:
    return " ".join(node.text_content().split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The seeds scored through the CLI, with one bad input next to them."""
    folder = tmp_path_factory.mktemp("in")
    for seed in SEEDS.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["score", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    return out


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rich")
    write_site(out, [rich_source(), rich_rewrite(), hostile()], [])
    return out


def marked(page, number: int) -> str:
    """The text of every piece of the page marked with note ``number``, in order."""
    pieces = page.xpath(
        f'.//mark[contains(concat(" ", @aria-describedby, " "), " note-{number} ")]'
    )
    return "".join(p.text_content() for p in pieces)


def test_score_writes_index_article_pages_and_a_compare_page_per_rewrite(site):
    assert (site / "index.html").is_file()
    assert sorted(p.stem for p in (site / "articles").glob("*.html")) == SEED_IDS
    # Only 002 and 003 have a source (derived_from in the seed manifest).
    assert sorted(p.stem for p in (site / "compare").glob("*.html")) == SEED_IDS[2:4]


def test_index_links_every_seed_by_title(site):
    page = parse((site / "index.html").read_text(encoding="utf-8"))
    links = [
        (a.get("href"), a.text_content())
        for a in select(page, "#articles tbody td a")
        if a.get("href").startswith("articles/")
    ]
    assert links[:2] == [
        (f"articles/{SEED_IDS[0]}.html", "Can This Man Finally Defeat Mexico’s Cartels?"),
        (
            f"articles/{SEED_IDS[1]}.html",
            "Mexico’s Security Chief on His Fight Against the Cartels",
        ),
    ]
    assert len(links) == 5
    # Seed 004 has no title: the page is named after its id.
    assert links[4] == (f"articles/{SEED_IDS[4]}.html", SEED_IDS[4])


def test_index_lists_failed_inputs_with_their_error(site):
    page = parse((site / "index.html").read_text(encoding="utf-8"))
    rows = [[text_of(td) for td in select(tr, "td")] for tr in select(page, ".failures tbody tr")]
    assert len(rows) == 1
    assert rows[0][0].endswith("empty.txt")
    assert rows[0][1] == "file is empty"


def test_seed_page_shows_the_whole_text_paragraph_by_paragraph(site):
    page = parse((site / "articles" / f"{SEED_IDS[0]}.html").read_text(encoding="utf-8"))
    assert text_of(select(page, "h1")[0]) == "Can This Man Finally Defeat Mexico’s Cartels?"
    paragraphs = [p.text_content() for p in select(page, ".text p")]
    result = seed_result("000")
    assert paragraphs == [result.text[s:e] for s, e in result.paragraphs]
    assert paragraphs[0] == (
        "After a pack of assailants shot Omar García Harfuch three times in 2020, "
        "he began sleeping in his office."
    )


def test_seed_page_marks_every_quote_at_its_offsets(site):
    page = parse((site / "articles" / f"{SEED_IDS[0]}.html").read_text(encoding="utf-8"))
    notes = select(page, ".notes-list li")
    quotes = [n for n in notes if text_of(select(n, ".kind")[0]) == "Direct quote"]
    assert quotes, "seed 000 is full of direct quotes"
    first = int(quotes[0].get("value"))
    assert marked(page, first) == "“We’re not saying the problem is solved,”"


def test_every_finding_and_quote_is_marked_on_exactly_its_text(rich_site):
    result = rich_source()
    page = parse((rich_site / "articles" / f"{SOURCE_ID}.html").read_text(encoding="utf-8"))
    items = sorted(
        [(f.start, f.end, f.kind, f.text) for f in result.findings]
        + [(q.start, q.end, "quote", q.text) for q in result.quotes]
    )
    notes = select(page, ".notes-list li")
    assert len(notes) == len(items)
    for number, (_, _, kind, text) in enumerate(items, 1):
        assert marked(page, number) == text, (number, kind)


def test_overlapping_findings_share_the_words_they_both_cover(rich_site):
    page = parse((rich_site / "articles" / f"{SOURCE_ID}.html").read_text(encoding="utf-8"))
    (both,) = [m for m in select(page, "mark.ov") if m.text_content() == "smart money"]
    assert both.get("class") == "hl g-tone ov"
    tip = both.get("data-tip")
    assert "Unsupported claim: No one is credited for this claim." in tip
    assert "Booster: Presents a guess as a sure bet." in tip


def test_marks_are_keyboard_reachable_and_described_by_their_note(rich_site):
    page = parse((rich_site / "articles" / f"{SOURCE_ID}.html").read_text(encoding="utf-8"))
    marks = select(page, ".text mark")
    assert marks and all(m.get("tabindex") == "0" for m in marks)
    ids = {li.get("id") for li in select(page, ".notes-list li")}
    assert all(set(m.get("aria-describedby").split()) <= ids for m in marks)


def test_legend_names_each_kind_present_with_its_meaning(rich_site):
    page = parse((rich_site / "articles" / f"{SOURCE_ID}.html").read_text(encoding="utf-8"))
    legend = [text_of(dd) for dd in select(page, ".legend dd")]
    assert (
        "Hedge (1): A word that softens a claim, such as “may”, “reportedly” or “appears to”."
        in legend
    )
    # A kind the report does not know yet is still shown, named from its key.
    assert "Brand new kind (1)" in legend


def test_sources_table_lists_name_kind_named_role_description_quotes_mentions(rich_site):
    page = parse((rich_site / "articles" / f"{SOURCE_ID}.html").read_text(encoding="utf-8"))
    rows = [[text_of(c) for c in tr] for tr in select(page, ".sources tbody tr")]
    assert rows == [
        [
            "Omar García Harfuch",
            "person",
            "yes",
            "official",
            "Mexico's security minister",
            "5",
            "9",
        ],
        ["Claudia Sheinbaum", "person", "yes", "official", "President of Mexico", "0", "4"],
    ]


def test_sources_table_says_which_sources_the_anonymous_count_holds():
    result = analyze(
        "Critics argue the plan is unfair. The city council said it would vote again. "
        "Mayor Ana Ruiz said the vote was fair."
    )
    page = parse(render_article(result))
    named = {text_of(tr[0]): text_of(tr[2]) for tr in select(page, ".sources tbody tr")}
    assert named == {"critics": "no", "the city council": "no", "Ana Ruiz": "yes"}
    assert result.metrics["anonymous_sources"] == list(named.values()).count("no")


def test_scores_show_value_and_what_they_measure_and_say_why_one_is_missing(rich_site):
    page = parse((rich_site / "articles" / f"{SOURCE_ID}.html").read_text(encoding="utf-8"))
    rows = {text_of(tr[0]): [text_of(c) for c in tr[1:]] for tr in select(page, ".scores tbody tr")}
    # Each score's name says which way it reads, so a score better low never looks better high.
    assert list(rows) == [
        "Sourcing higher is better",
        "Named attribution higher is better",
        "Hedging 50 is balanced",
        "Balance higher is better",
    ]
    assert rows["Sourcing higher is better"] == ["82", explain.SCORES["sourcing"][1]]
    assert rows["Balance higher is better"][0] == "—"
    assert rows["Balance higher is better"][1].endswith(
        "Not computed: nothing in this article to measure."
    )


def test_chart_has_a_row_per_group_present(rich_site):
    page = parse((rich_site / "articles" / f"{SOURCE_ID}.html").read_text(encoding="utf-8"))
    labels = [text_of(t) for t in page.xpath('//svg[@aria-labelledby="chart-desc"]//text')]
    assert labels == [
        f"Direct quotes ({len(rich_source().quotes)})",
        "Sourcing (1)",
        "Claims (1)",
        "Hedges (1)",
        "Tone (1)",
        "Other (1)",
    ]


def test_compare_page_shows_both_texts_issues_and_quote_counts(rich_site):
    page = parse((rich_site / "compare" / f"{REWRITE_ID}.html").read_text(encoding="utf-8"))
    summary = {text_of(d[0]): text_of(d[1]) for d in select(page, ".summary div")}
    assert (
        summary["Direct quotes"] == f"source: {len(rich_source().quotes)} direct quotes; rewrite: 0"
    )
    assert summary["Paired by"] == "metadata: named in the rewrite's metadata (derived_from)"
    assert summary["Similarity"].startswith("0.42 ")
    assert summary["Interview answers"] == (
        "source: 7 answers in the interviewee's own words; rewrite quotes 0 of them"
    )
    assert [text_of(li) for li in select(page, ".cmp-notes li")] == [
        "The rewrite quotes <b>no one</b>."
    ]
    assert select(page, ".side-source .text p")[0].text_content().startswith("After a pack")
    derived = select(page, ".side-derived")[0]
    issues = [text_of(li) for li in select(page, ".notes-list li")]
    assert issues == [
        "Number changed At 43 The source does not give his age. "
        "Source: “Mexico City’s police chief”",
        "Name not in source Evangelina Contreras The source names no such person. "
        "Source: nothing matching",
    ]
    numbers = [int(li.get("value")) for li in select(page, ".notes-list li")]
    assert marked(derived, numbers[0]) == "At 43"
    assert marked(derived, numbers[1]) == "Evangelina Contreras"
    source_side = select(page, ".side-source")[0]
    assert marked(source_side, numbers[0]) == "Mexico City’s police chief"


def test_compare_page_does_not_box_a_source_passage_for_a_name_the_source_lacks():
    source_text = "Mayor Ana Ruiz opened the bridge on Tuesday."
    text = "Mayor Tom Baker opened the bridge on Tuesday."
    issue = ComparisonIssue(
        "name_not_in_source", 6, 15, "Tom Baker", "The source never mentions “Tom Baker”.",
        source_text, 0, len(source_text),
    )  # fmt: skip
    derived = ArticleResult(
        id="d", path="d.txt", text=text,
        comparison=Comparison("s", 0.5, "metadata", 0, 0, (issue,)),
    )  # fmt: skip
    source = ArticleResult(id="s", path="s.txt", text=source_text)
    page = parse(render_compare(derived, source))
    assert marked(select(page, ".side-source")[0], 1) == ""
    assert marked(select(page, ".side-derived")[0], 1) == "Tom Baker"
    (note,) = select(page, ".notes-list li")
    assert "Source: nothing matching" in text_of(note)


def test_compare_page_without_the_source_in_the_batch_still_shows_each_issue():
    page = parse(render_compare(rich_rewrite(), None))
    assert "is not in this batch" in text_of(select(page, ".side-source")[0])
    assert len(select(page, ".notes-list li")) == 2


def test_compare_page_lists_and_numbers_specific_changes_before_sentences_not_found():
    text = "Fees rose at once for all. They rose 30 percent in 2023."
    issues = (
        ComparisonIssue("unsupported_sentence", 0, 26, text[0:26], "Few shared words."),
        ComparisonIssue("number_mismatch", 37, 47, text[37:47], "The source says 22 percent."),
    )
    derived = ArticleResult(
        id="d", path="d.txt", text=text, comparison=Comparison("s", 0.5, "metadata", 0, 0, issues)
    )
    page = parse(render_compare(derived, None))
    notes = select(page, ".notes-list li")
    assert [(li.get("value"), text_of(li.find("span"))) for li in notes] == [
        ("1", "Number changed"),
        ("2", "Not found in source"),
    ]
    side = select(page, ".side-derived")[0]
    assert (marked(side, 1), marked(side, 2)) == ("30 percent", "Fees rose at once for all.")
    summary = {text_of(d[0]): text_of(d[1]) for d in select(page, ".summary div")}
    assert summary["Differences"] == (
        "1 changed or missing date, number, name or quote; 1 sentence not found in the source"
    )


def test_rewrite_page_links_its_compare_page_and_source(rich_site):
    page = parse((rich_site / "articles" / f"{REWRITE_ID}.html").read_text(encoding="utf-8"))
    hrefs = [a.get("href") for a in select(page, ".pair a")]
    assert hrefs == [f"../articles/{SOURCE_ID}.html", f"../compare/{REWRITE_ID}.html"]


def test_script_title_is_escaped_everywhere():
    result = hostile()
    article, index = render_article(result), render_index([result])
    for page_text in (article, index):
        assert "<script>x</script>" not in page_text
        assert "&lt;script&gt;x&lt;/script&gt;" in page_text
    assert text_of(select(parse(article), "title")[0]) == "<script>x</script> · analyzer report"
    assert text_of(select(parse(index), "#articles tbody a")[0]) == "<script>x</script>"


def test_markup_in_any_article_field_comes_out_as_text():
    page_text = render_article(hostile())
    assert PAYLOAD not in page_text
    assert "window.pwned" not in "".join(
        s.text_content() for s in select(parse(page_text), "script")
    )
    page = parse(page_text)
    assert select(page, "img, iframe, object, embed") == []
    # The one script is the project's own (Escape hides a tooltip); none comes from the article.
    (script,) = select(page, "script")
    assert script.text == (files("analyzer") / "static" / "article.js").read_text(encoding="utf-8")
    assert text_of(select(page, "h1")[0]) == "<script>x</script>"
    meta = {text_of(d[0]): text_of(d[1]) for d in select(page, ".meta div")}
    assert meta["Author"] == "<img src=x onerror=window.pwned=5>"
    assert meta["Outlet"] == '"><script>window.pwned=4</script>'
    # A javascript: address is shown, never made a link.
    assert meta["Address"] == "javascript:window.pwned=6"
    assert select(page, ".meta a") == []
    assert PAYLOAD in select(page, ".text p")[0].text_content()
    assert [text_of(c) for c in select(page, ".sources tbody tr")[0]][:5] == [
        "<b>Eve</b>",
        "person",
        "no",
        "unknown",
        "<i>witness</i>",
    ]


def test_pages_are_self_contained_and_their_policy_allows_only_their_own_style_and_script(site):
    for path in [site / "index.html", *sorted((site / "articles").glob("*.html"))]:
        page = parse(path.read_text(encoding="utf-8"))
        (meta,) = page.xpath('//meta[@http-equiv="Content-Security-Policy"]')
        policy = dict((d.split()[0], d.split()[1:]) for d in meta.get("content").split("; "))
        assert policy["default-src"] == ["'none'"]
        (style,) = select(page, "style")
        assert policy["style-src"] == [_hash(style.text)]
        # The two scripts of the project (index sorting, article tooltips), nothing else.
        assert len(policy["script-src"]) == 2
        (script,) = select(page, "script")
        assert script.get("src") is None
        assert _hash(script.text) in policy["script-src"]
        assert page.xpath("//link | //img | //iframe | //*[@style]") == []
        assert "http://" not in path.read_text(encoding="utf-8").replace("https://", "")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_two_runs_write_byte_identical_pages(tmp_path):
    for name in ("a", "b"):
        CliRunner().invoke(cli, ["score", str(SEEDS), "--out", str(tmp_path / name)])
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.html"))
    assert len(files) == 8  # index, 5 articles, 2 compare pages
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_index_filters_offer_each_type_and_outlet_once():
    results = [rich_source(), rich_rewrite(), hostile()]
    page = parse(render_index(results, [InputError("x.txt", "file is empty")]))
    assert [o.text_content() for o in select(page, "#f-type option")] == [
        "all",
        "ai_rewrite",
        "news",
    ]
    assert [o.text_content() for o in select(page, "#f-outlet option")] == [
        "all",
        '"><script>window.pwned=4</script>',
        "New York Times",
        "not stated",  # the rewrite states no outlet
    ]


def test_an_article_id_that_is_not_a_safe_file_name_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not safe as a file name"):
        write_site(tmp_path, [ArticleResult(id="../x", path="x", text="Hi.")])


def test_every_score_and_metric_the_pipeline_writes_is_explained_on_the_page():
    from analyzer.batch import analyze_paths

    names = set()
    for result in analyze_paths([str(SEEDS)]).results:
        names |= {("score", n) for n in result.scores}
        # A metric holding a breakdown (a dict) is shown with its score, not as a row.
        names |= {("metric", n) for n, v in result.metrics.items() if not isinstance(v, dict)}
    missing = sorted(
        (what, n)
        for what, n in names
        if n not in (explain.SCORES if what == "score" else explain.METRICS)
    )
    assert missing == [], "add a plain-language formula to analyzer/writers/explain.py"


def test_index_counts_problems_and_neutral_notes_apart():
    # Two relative dates (notes), one hedge (a note) and one impossible date (a problem).
    result = analyze(
        "Last week the council met. On Feb. 30 it may vote. Yesterday the mayor spoke.",
        title="Council",
        published="2025-04-30",
    )
    kinds = sorted(f.kind for f in result.findings)
    assert kinds == ["date_issue", "date_issue", "date_issue", "hedge"]
    page = parse(render_index([result]))
    headers = [text_of(th) for th in select(page, "#articles thead th")]
    assert headers[-2:] == ["Problems", "Notes"]
    cells = [text_of(td) for td in select(page, "#articles tbody td")]
    assert cells[-2:] == ["1", "3"]


def test_a_date_finding_is_a_note_by_its_relative_flag_not_by_its_wording():
    from analyzer.results import Finding

    text = "It rained last year and on Feb. 30."
    findings = (
        Finding("date_issue", 10, 19, "last year", "Any words.", {"relative": True}),
        Finding("date_issue", 27, 34, "Feb. 30", "Not a relative date.", {"relative": False}),
    )
    result = ArticleResult(id="a", path="a", text=text, title="Rain", findings=findings)
    cells = [text_of(td) for td in select(parse(render_index([result])), "#articles tbody td")]
    assert cells[-2:] == ["1", "1"]


def test_a_relative_date_note_says_in_words_which_week_or_day_it_stands_for():
    result = analyze(
        "The council met last week. It voted on Tuesday.", title="Fees", published="2025-04-30"
    )
    assert [f.detail["resolved"] for f in result.findings if f.kind == "date_issue"] == [
        "2025-W17",
        "2025-04-29",
    ]
    page = parse(render_article(result))
    extras = [text_of(s) for s in select(page, ".notes-list .extra")]
    assert extras == [
        "That is the week of Monday 21 April 2025 (21–27 April 2025).",
        "That is Tuesday 29 April 2025.",
    ]
    # The record itself keeps the ISO form.
    assert result.to_record()["findings"][0]["detail"] == {"relative": True, "resolved": "2025-W17"}


def test_compare_page_does_not_print_a_title_the_text_already_opens_with():
    title = "Mexico’s Security Chief Discusses Aggressive Cartel Strategy"
    issue = ComparisonIssue("date_mismatch", len(title) + 5, len(title) + 9, "2023", "m", "2025")
    derived = ArticleResult(
        id="d",
        path="d.txt",
        text=f"{title}\n\nIn 2023 it rained.",
        title=title,
        comparison=Comparison("s", 0.8, "metadata", 0, 0, (issue,)),
    )
    source = ArticleResult(id="s", path="s.txt", text="In 2025 it rained.", title="Rain")
    page = parse(render_compare(derived, source))
    assert [text_of(p) for p in select(page, ".side-derived .sub")] == []
    assert [text_of(p) for p in select(page, ".side-source .sub")] == ["Rain"]
    assert text_of(select(page, ".side-derived .text")[0]).startswith(title)


def test_unsigned_note_is_listed_with_the_machine_style_marks():
    assert explain.kind_info("unsigned_note").group == "ai"


def test_article_page_counts_quotes_problems_and_notes_above_its_list():
    result = analyze(
        "Last week the council met. On Feb. 30 it may vote. Yesterday the mayor spoke.",
        title="Council",
        published="2025-04-30",
    )
    page = parse(render_article(result))
    assert text_of(select(page, "#notes-h")[0]) == "Marked passages (4)"
    assert text_of(select(page, ".notes .tally")[0]) == (
        "0 quotes, 1 problem and 3 notes (notes are neutral marks: relative dates and hedges)."
    )


def test_rewrite_page_says_how_many_differences_the_compare_page_marks(rich_site):
    page = parse((rich_site / "articles" / f"{REWRITE_ID}.html").read_text(encoding="utf-8"))
    assert text_of(select(page, ".pair p")[0]).endswith(
        "Differences, marked on the compare page: 2 changed or missing dates, numbers, names or "
        "quotes; 0 sentences not found in the source."
    )


def rendered_elsewhere(jobs):
    """A render function as a batch's engine gives: render_chunk over chunks, in job order."""
    jobs = list(jobs)
    for start in range(0, len(jobs), 2):
        chunk = jobs[start : start + 2]
        yield from zip(chunk, render_chunk(chunk), strict=True)


def test_pages_rendered_elsewhere_are_the_pages_rendered_here(tmp_path, rich_site):
    write_site(tmp_path, [rich_source(), rich_rewrite(), hostile()], [], render=rendered_elsewhere)
    files = sorted(p.relative_to(rich_site) for p in rich_site.rglob("*.html"))
    assert len(files) == 5  # index, 3 articles, 1 compare page
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.html")) == files
    for rel in files:
        assert (tmp_path / rel).read_bytes() == (rich_site / rel).read_bytes()


def test_a_page_that_failed_elsewhere_is_rendered_here(tmp_path, rich_site):
    def lost(jobs):  # every worker lost: the writer renders every page itself
        return ((job, (None, "worker failed (BrokenProcessPool: gone)")) for job in jobs)

    write_site(tmp_path, [rich_source(), rich_rewrite(), hostile()], [], render=lost)
    for page in rich_site.rglob("*.html"):
        assert (tmp_path / page.relative_to(rich_site)).read_bytes() == page.read_bytes()


def test_a_page_that_cannot_be_rendered_is_a_failure_and_the_rest_is_written(tmp_path, monkeypatch):
    real = html.render_article
    tried: list[str] = []

    def fragile(result, **options):
        tried.append(result.id)
        if result.id == rich_source().id:
            raise RuntimeError("template bug")
        return real(result, **options)

    monkeypatch.setattr("analyzer.writers.html.render_article", fragile)
    [(pages, reason)] = render_chunk([(rich_source(), None)])
    assert pages is None and reason == "RuntimeError: template bug"
    for render in (None, rendered_elsewhere):
        out = tmp_path / str(render)
        tried.clear()
        failed = write_site(out, [rich_source(), hostile()], [], render=render)
        assert tried == [rich_source().id, hostile().id]  # the failing page is tried once
        assert [str(f) for f in failed] == [
            f"{rich_source().path}: page could not be rendered (RuntimeError: template bug)"
        ]
        assert sorted(p.name for p in (out / "articles").iterdir()) == [f"{hostile().id}.html"]
        index = (out / "index.html").read_text(encoding="utf-8")
        assert "page could not be rendered (RuntimeError: template bug)" in index
