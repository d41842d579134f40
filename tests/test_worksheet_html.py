"""Worksheet and answer-key pages: escaped, self-contained, answers only in the key; the CLI."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re

import lxml.html
from click.testing import CliRunner
from conftest import seed_path
from exercise_examples import article_result, pair_results

from analyzer.cli import cli
from analyzer.exercises import build_worksheet
from analyzer.writers.worksheet import render_answers, render_worksheet, write_worksheet

HOSTILE = "<script>x</script>"


def hostile_sheet():
    result = article_result(title=HOSTILE)
    # Markup in the article text itself, inside a flagged sentence and a quote.
    text = result.text.replace("Elm Street", "<img src=x onerror=alert(1)>")
    shift = len("<img src=x onerror=alert(1)>") - len("Elm Street")
    cut = result.text.index("Elm Street")

    def move(x):
        return dataclasses.replace(
            x,
            start=x.start + (shift if x.start > cut else 0),
            end=x.end + (shift if x.end > cut else 0),
        )

    moved = dataclasses.replace(
        result,
        text=text,
        paragraphs=tuple((s + (shift if s > cut else 0), e + shift) for s, e in result.paragraphs),
        findings=tuple(move(f) for f in result.findings),
        quotes=tuple(move(q) for q in result.quotes),
        attributions=tuple(
            dataclasses.replace(
                move(a),
                content_start=a.content_start + shift,
                content_end=a.content_end + shift,
                source_start=a.source_start + shift,
                source_end=a.source_end + shift,
            )
            for a in result.attributions
        ),
    )
    assert all(moved.text[f.start : f.end] == f.text for f in moved.findings)
    return build_worksheet(moved, level="advanced", seed=0)


def test_article_text_and_title_are_escaped():
    sheet = hostile_sheet()
    for page in (render_worksheet(sheet), render_answers(sheet)):
        assert HOSTILE not in page and "<img" not in page
        assert "&lt;script&gt;x&lt;/script&gt;" in page
        tree = lxml.html.fromstring(page)
        assert tree.findtext(".//h1") == HOSTILE
        assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert "&lt;img src=x" in render_worksheet(sheet)


def test_pages_are_self_contained_and_allow_only_their_stylesheet():
    sheet = build_worksheet(article_result(), seed=1)
    for page in (render_worksheet(sheet), render_answers(sheet)):
        tree = lxml.html.fromstring(page)
        (policy,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        (style,) = tree.xpath("//style/text()")
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"style-src 'sha256-{digest}'" in policy
        assert "default-src 'none'" in policy and "script-src 'none'" in policy
        assert tree.xpath("//@src") == [] and tree.xpath("//link") == []
        assert "@media print" in style and "@page" in style


def test_worksheet_numbers_every_line_and_holds_no_answers():
    sheet = build_worksheet(article_result(), level="advanced", seed=4)
    tree = lxml.html.fromstring(render_worksheet(sheet))
    numbers = [int(n) for n in tree.xpath("//ol[@class='numbered']/li/span[@class='no']/text()")]
    assert numbers == [ln.number for ln in sheet.lines]
    marks = tree.xpath("//ol[@class='numbered']/li/span[@class='pn']/text()")
    assert marks == [f"¶{p}" for p in range(1, 9)]
    texts = tree.xpath("//ol[@class='numbered']/li/span[@class='tx']/text()")
    assert texts == [ln.text for ln in sheet.lines]
    page = tree.text_content()
    for exercise in sheet.exercises:
        for item in exercise.items:
            assert item.reason not in page
            if exercise.show_items:
                assert f"{item.shown} ({item.location.label})" in " ".join(page.split())
    assert "Teacher decides" not in page


def test_answer_key_lists_every_item_with_place_answer_and_reason():
    source, rewrite, comparison = pair_results()
    sheet = build_worksheet(rewrite, source=source, comparison=comparison, level="advanced")
    tree = lxml.html.fromstring(render_answers(sheet))
    rows = tree.xpath("//ol[@class='answers']/li")
    items = [i for e in sheet.exercises for i in e.items]
    assert len(rows) == len(items)
    for row, item in zip(rows, items, strict=True):
        assert row.xpath("string(.//span[@class='loc'])") == item.location.label
        assert row.xpath("string(.//p[@class='answer'])") == item.answer
        assert row.xpath("string(.//p[@class='reason'])") == item.reason
        assert bool(row.xpath(".//p[@class='doubt']")) == bool(item.uncertain)
    assert "Similarity to the source" in tree.text_content()


def test_write_worksheet_names_both_files_after_the_id(tmp_path):
    sheet = build_worksheet(article_result(), seed=0)
    paths = write_worksheet(sheet, tmp_path)
    assert [p.name for p in paths] == ["shelter-worksheet.html", "shelter-answers.html"]
    assert paths[0].read_text(encoding="utf-8") == render_worksheet(sheet)


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_writes_the_same_bytes_for_the_same_seed(tmp_path):
    seed = str(seed_path("001"))
    a = run("worksheet", seed, "--out", str(tmp_path / "a"), "--seed", "3")
    b = run("worksheet", seed, "--out", str(tmp_path / "b"), "--seed", "3")
    assert a.exit_code == b.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["001_0d5c243cfc9a1c98-answers.html", "001_0d5c243cfc9a1c98-worksheet.html"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert a.stdout.splitlines() == [str(tmp_path / "a" / n) for n in reversed(names)]


def test_cli_errors_exit_1_and_misuse_exits_2(tmp_path):
    missing = run("worksheet", str(tmp_path / "nope.txt"), "--out", str(tmp_path))
    assert missing.exit_code == 1
    assert re.search(r"nope\.txt: no such file or folder", missing.output)
    bad = run("worksheet", str(seed_path("001")), "--level", "expert")
    assert bad.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_score_worksheets_writes_a_sheet_and_key_per_article(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "“We will rebuild the bridge,” said Ana Ruiz.\n", encoding="utf-8"
    )
    (folder / "b.txt").write_text("The mayor left early.\n", encoding="utf-8")
    result = run("score", str(folder), "--out", str(tmp_path / "out"), "--worksheets", "-q")
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "out" / "worksheets").iterdir())
    assert names == ["a-answers.html", "a-worksheet.html", "b-answers.html", "b-worksheet.html"]
    key = (tmp_path / "out" / "worksheets" / "a-answers.html").read_text(encoding="utf-8")
    assert "Speaker: Ana Ruiz" in key


def _links(page) -> list[str]:
    return [a.get("href") for a in lxml.html.fromstring(page).iter("a")]


def test_score_worksheets_links_each_sheet_from_the_index_and_the_article_page(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The mayor left early.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("score", str(folder), "--out", str(out), "--worksheets", "-q").exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    article = (out / "articles" / "a.html").read_text(encoding="utf-8")
    assert {"worksheets/a-worksheet.html", "worksheets/a-answers.html"} <= set(_links(index))
    assert {"../worksheets/a-worksheet.html", "../worksheets/a-answers.html"} <= set(
        _links(article)
    )
    assert "classroom worksheet and its answer key, linked under its title" in index


def test_a_run_without_worksheets_links_none_and_a_rerun_with_them_adds_the_links(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The mayor left early.\n", encoding="utf-8")
    out = tmp_path / "out"
    run("score", str(folder), "--out", str(out), "-q")
    assert not any("worksheets/" in h for h in _links((out / "index.html").read_text()))
    run("score", str(folder), "--out", str(out), "--worksheets", "-q")  # nothing to score again
    assert "../worksheets/a-worksheet.html" in _links((out / "articles" / "a.html").read_text())


def test_the_sheet_header_names_the_level_and_the_variant_not_a_page():
    sheet = build_worksheet(article_result(), level="advanced", seed=3)
    assert '<p class="kind">Worksheet · advanced level · variant 3</p>' in render_worksheet(sheet)
    assert '<p class="kind">Answer key · advanced level · variant 3</p>' in render_answers(sheet)


def test_score_worksheets_with_json_is_misuse(tmp_path):
    result = run("score", str(seed_path("001")), "--json", "--worksheets")
    assert result.exit_code == 2
    assert "--worksheets cannot be combined with --json" in result.output


def test_cli_source_adds_the_rewrite_exercise(tmp_path):
    from exercise_examples import REWRITE, SOURCE

    (tmp_path / "src.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "rw.txt").write_text(REWRITE, encoding="utf-8")
    result = run(
        "worksheet", str(tmp_path / "rw.txt"), "--source", str(tmp_path / "src.txt"),
        "--out", str(tmp_path / "out"), "--level", "advanced",
    )  # fmt: skip
    assert result.exit_code == 0
    sheet = lxml.html.fromstring((tmp_path / "out" / "rw-worksheet.html").read_bytes())
    headings = [" ".join(h.text_content().split()) for h in sheet.xpath("//h2")]
    assert headings[0] == "The rewrite" and headings[-1] == "The source: src"
    assert "What did the rewrite change?" in " ".join(headings)
    key = (tmp_path / "out" / "rw-answers.html").read_text(encoding="utf-8")
    assert "Changed (number): compare with source ¶2, line 2" in key
    assert "Not in the source (name): the closest source passage is at ¶4, line 4" in key
