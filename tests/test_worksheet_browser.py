"""Worksheet and answer key in Debian's Chromium (by path, through Playwright): they print to
PDF on A4 and Letter, fetch nothing, and no numbered line wraps on either paper."""

from __future__ import annotations

import pytest
from exercise_examples import article_result, pair_results

from analyzer.exercises import build_worksheet
from analyzer.writers.worksheet import write_worksheet

pytestmark = pytest.mark.browser

# Printable width at 96 px per inch: paper width minus the 14 mm side margins of worksheet.css.
PRINT_WIDTH_PX = {"A4": round((210 - 28) / 25.4 * 96), "Letter": round((215.9 - 28) / 25.4 * 96)}


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("sheets")
    source, rewrite, comparison = pair_results()
    single = write_worksheet(build_worksheet(article_result(), level="advanced", seed=2), out)
    pair = write_worksheet(
        build_worksheet(rewrite, source=source, comparison=comparison, seed=2), out
    )
    return [*single, *pair]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_both_pages_print_to_pdf_without_fetching_anything(browser, pages, paper):
    outside: list[str] = []
    for path in pages:
        page = browser.new_page()
        page.on("request", lambda r: None if r.url.startswith("file://") else outside.append(r.url))
        page.goto(path.as_uri())
        pdf = page.pdf(format=paper, print_background=True)
        assert pdf.startswith(b"%PDF-")
        count = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert 1 <= count <= 6, (path.name, count)
        assert outside == []
        page.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_numbered_lines_never_wrap_in_print(browser, pages, paper):
    page = browser.new_page(viewport={"width": PRINT_WIDTH_PX[paper], "height": 1000})
    page.emulate_media(media="print")
    for path in pages:
        if not path.name.endswith("-worksheet.html"):
            continue
        page.goto(path.as_uri())
        heights = page.eval_on_selector_all(
            "ol.numbered li",
            "els => els.map(e => [e.getBoundingClientRect().height, e.scrollWidth <= e.clientWidth])",
        )
        assert heights
        one_line = min(h for h, _ in heights)
        assert all(h < 1.5 * one_line and fits for h, fits in heights), path.name
    page.close()
