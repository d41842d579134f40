"""The reports in a real browser: Debian's Chromium driven by Playwright.

Playwright's own browser download is not used: the system Chromium (apt packages chromium and
chromium-driver, which .ci/run installs) is launched by path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from report_examples import PAYLOAD, hostile, rich_rewrite, rich_source

from analyzer.errors import InputError
from analyzer.writers.html import write_site

pytestmark = pytest.mark.browser

SOURCE_ID = "000_6af52c64d008fc3c"
REWRITE_ID = "002_10ec1c2511d1067e"
# Runs before any page script: records every policy violation the page reports.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_site(
        out,
        [rich_source(), rich_rewrite(), hostile()],
        [InputError("in/empty.txt", "file is empty")],
    )
    return out


@pytest.fixture
def page(browser):
    """A fresh page that records outside requests, dialogs and policy violations."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.add_init_script(WATCH)
    pg.outside = []
    pg.dialogs = []
    pg.errors = []
    pg.on("request", lambda r: None if r.url.startswith("file://") else pg.outside.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def open_page(pg, path: Path):
    pg.goto(path.as_uri())
    pg.wait_for_load_state("load")
    return pg


def marked_texts(pg) -> dict[int, str]:
    """Note number -> the text of every mark described by that note, joined in page order."""
    return pg.evaluate(
        """() => {
          const out = {};
          for (const m of document.querySelectorAll(".text mark")) {
            for (const id of m.getAttribute("aria-describedby").split(" ")) {
              const n = id.replace("note-", "");
              out[n] = (out[n] || "") + m.textContent;
            }
          }
          return out;
        }"""
    )


def test_highlights_sit_on_the_text_of_their_finding_or_quote(page, site):
    result = rich_source()
    open_page(page, site / "articles" / f"{SOURCE_ID}.html")
    items = sorted(
        [(f.start, f.end, f.kind, f.text) for f in result.findings]
        + [(q.start, q.end, "quote", q.text) for q in result.quotes]
    )
    assert marked_texts(page) == {str(n): item[3] for n, item in enumerate(items, 1)}
    # What the reader sees around a mark is the article text itself, unchanged.
    first_para = page.locator(".text p").nth(2).inner_text()
    assert "most seemingly" in first_para.replace("1", "")
    assert page.evaluate("window.__violations") == []
    assert page.outside == [] and page.errors == []


def test_the_reason_shows_on_hover_and_on_keyboard_focus(page, site):
    open_page(page, site / "articles" / f"{SOURCE_ID}.html")
    hedge = page.locator("mark.g-hedge").first
    tip = "() => getComputedStyle(document.querySelector('mark.g-hedge'), '::before').content"
    assert page.evaluate(tip) == "none"
    hedge.hover()
    assert "Hedge: “Seemingly” softens how unsolvable the problem is." in page.evaluate(tip)
    page.mouse.move(0, 0)
    # Tab from the top of the page: the marks are in the tab order, in text order.
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('g-hedge')"):
            break
    else:
        pytest.fail("the hedge mark was never reached with Tab")
    assert "Hedge:" in page.evaluate(tip)
    # Escape dismisses the reason; moving on shows the next one.
    page.keyboard.press("Escape")
    assert page.evaluate(tip) == "none"
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement, '::before').content").startswith(
        '"'
    )


def test_index_sorts_by_a_score_both_ways_with_missing_values_last(page, site):
    open_page(page, site / "index.html")

    def titles():
        return page.locator("#articles tbody tr:not([hidden]) td:first-child > a").all_inner_texts()

    src, rew = rich_source().title, rich_rewrite().title
    assert titles() == [src, rew, "<script>x</script>"]
    page.get_by_role("button", name="Sourcing").click()
    assert titles() == [rew, "<script>x</script>", src]  # 12, 50, 82
    page.get_by_role("button", name="Sourcing").click()
    assert titles() == [src, "<script>x</script>", rew]
    page.get_by_role("button", name="AI style").click()
    assert titles()[0] == rew  # the only article with the score; the others follow
    assert page.locator("th[aria-sort]").count() == 1


def test_index_filters_by_type_outlet_and_title(page, site):
    open_page(page, site / "index.html")
    rows = page.locator("#articles tbody tr:not([hidden])")
    assert page.locator("#controls").is_visible()
    page.select_option("#f-type", "news")
    assert rows.count() == 2
    page.select_option("#f-outlet", "New York Times")
    assert rows.count() == 1
    assert page.locator("#shown").inner_text() == "1"
    page.select_option("#f-type", "")
    page.select_option("#f-outlet", "")
    page.fill("#f-text", "frontline")
    assert rows.all_inner_texts()[0].startswith(rich_rewrite().title)
    assert page.errors == [] and page.evaluate("window.__violations") == []


def test_hostile_article_runs_no_script_and_shows_its_markup_as_text(page, site):
    for path in (site / "articles" / "hostile.html", site / "index.html"):
        open_page(page, path)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.dialogs == []
    open_page(page, site / "articles" / "hostile.html")
    assert page.locator("h1").inner_text() == "<script>x</script>"
    assert page.title() == "<script>x</script> · analyzer report"
    assert PAYLOAD in page.locator(".text p").first.inner_text()
    meta = page.locator(".meta").inner_text()
    assert "<img src=x onerror=window.pwned=5>" in meta
    assert "javascript:window.pwned=6" in meta
    assert page.locator(".meta a").count() == 0
    page.locator("mark.q").first.hover()
    assert page.locator("img, iframe, object, embed").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.outside == []


def test_no_page_asks_for_anything_outside_the_file(page, site):
    for path in sorted(site.rglob("*.html")):
        open_page(page, path)
        if page.locator(".text mark").count():
            page.locator(".text mark").first.hover()
        assert page.evaluate("window.__violations") == [], path.name
    assert page.outside == []


def test_compare_page_marks_the_issue_on_both_sides(page, site):
    open_page(page, site / "compare" / f"{REWRITE_ID}.html")
    assert page.locator(".quote-counts").inner_text() == (
        f"source: {len(rich_source().quotes)} direct quotes; rewrite: 0"
    )
    derived = page.locator(".side-derived mark.c").all_text_contents()
    assert derived == ["At 43", "Evangelina Contreras"]
    source = page.locator(".side-source mark.c").all_text_contents()
    assert source == ["Mexico City’s police chief"]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_article_page_prints_to_pdf(page, site, paper):
    open_page(page, site / "articles" / f"{SOURCE_ID}.html")
    pdf = page.pdf(format=paper, print_background=True)
    assert pdf.startswith(b"%PDF-")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 2 <= pages <= 12


def test_index_with_hundreds_of_articles_sorts_numbers_as_numbers(page, tmp_path):
    import dataclasses

    from analyzer.writers.html import render_index

    base = hostile()
    results = [
        dataclasses.replace(
            base, id=f"a{i}", title=f"Article {i}", scores={"sourcing": float(i % 101)}
        )
        for i in range(300)
    ]
    path = tmp_path / "index.html"
    path.write_text(render_index(results), encoding="utf-8")
    open_page(page, path)
    page.get_by_role("button", name="Sourcing").click()
    page.get_by_role("button", name="Sourcing").click()
    values = page.locator("#articles tbody tr td.score").all_text_contents()
    assert len(values) == 300
    assert [v.strip() for v in values[:3]] == ["100", "100", "99"]
    page.fill("#f-text", "article 29")
    assert page.locator("#shown").inner_text() == "11"  # 29 and 290-299
