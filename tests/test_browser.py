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


FRENCH = (
    "Le maire de Montréal a déclaré mardi que le budget de la ville augmentera de cinq pour cent "
    "l'an prochain, et que les écoles recevront la plus grande part de cette somme, a-t-il dit."
)
LONG_NEWS = (
    "The council voted on Tuesday to raise parking fees by 10 percent, the mayor said. "
    "“We have no other way to pay for the buses,” said Mayor Ana Ruiz, who proposed the rise. "
) * 6


@pytest.fixture(scope="module")
def mixed_site(tmp_path_factory) -> Path:
    """A curly-quoted, accented title with an outlet and a date; a French text and a very short
    one, neither with an outlet, the short one without a title."""
    from analyzer import analyze

    out = tmp_path_factory.mktemp("mixed")
    write_site(
        out,
        [
            analyze(
                LONG_NEWS, id="mx", title="MÉXICO’s fees", outlet="Reuters", published="2026-03-10"
            ),
            analyze(FRENCH, id="fr", title="Le budget"),
            analyze("Experts say the bridge is unsafe, officials said.", id="short_one"),
        ],
    )
    return out


def visible_ids(pg) -> list[str]:
    return pg.locator("#articles tbody tr:not([hidden]) td:first-child > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def test_index_title_filter_ignores_case_accents_and_curly_apostrophes(page, mixed_site):
    open_page(page, mixed_site / "index.html")
    for typed in ("Mexico's", "MÉXICO", "méxico’s fees"):
        page.fill("#f-text", typed)
        assert visible_ids(page) == ["articles/mx.html"], typed


def test_index_outlet_filter_offers_not_stated(page, mixed_site):
    open_page(page, mixed_site / "index.html")
    page.select_option("#f-outlet", label="not stated")
    assert visible_ids(page) == ["articles/fr.html", "articles/short_one.html"]
    page.select_option("#f-outlet", label="Reuters")
    assert visible_ids(page) == ["articles/mx.html"]
    page.select_option("#f-outlet", label="all")
    assert page.locator("#shown").inner_text() == "3"


def test_index_header_sorts_from_anywhere_in_its_cell_and_from_the_keyboard(page, mixed_site):
    open_page(page, mixed_site / "index.html")
    header = page.locator("th", has_text="Sourcing")
    box = header.bounding_box()
    # The cell's bottom-right corner, on the "higher is better" line, away from the label.
    page.mouse.click(box["x"] + box["width"] - 3, box["y"] + box["height"] - 3)
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    page.keyboard.press(" ")
    assert header.get_attribute("aria-sort") == "ascending"


def test_index_marks_short_texts_and_texts_not_in_english(page, mixed_site):
    open_page(page, mixed_site / "index.html")
    short = page.locator("tr", has=page.locator('a[href="articles/short_one.html"]'))
    marks = short.locator("abbr.low")
    assert marks.count() == 3 and marks.first.is_visible()
    assert marks.first.get_attribute("title").startswith("Low confidence: the text has 8 words")
    french = page.locator("tr", has=page.locator('a[href="articles/fr.html"]'))
    assert french.locator(".lang-note").inner_text() == (
        "French text, not English: scores not meaningful"
    )
    grey = french.locator("td.moot").first.evaluate("td => getComputedStyle(td).color")
    normal = (
        page.locator("tr", has=page.locator('a[href="articles/mx.html"]'))
        .locator("td.score")
        .first.evaluate("td => getComputedStyle(td).color")
    )
    assert grey != normal
    assert page.locator("#scores-legend-h ~ dl dt", has_text="Greyed scores").is_visible()


def test_index_shows_an_untitled_article_s_id_once_and_a_date_on_one_line(page, mixed_site):
    open_page(page, mixed_site / "index.html")
    untitled = page.locator("tr", has=page.locator('a[href="articles/short_one.html"]'))
    assert untitled.locator("td").first.inner_text() == "short_one"
    date = page.locator("tr", has=page.locator('a[href="articles/mx.html"]')).locator("td").nth(3)
    assert date.inner_text() == "2026-03-10"
    height = date.evaluate("td => td.getBoundingClientRect().height")
    line = date.evaluate("td => parseFloat(getComputedStyle(td).lineHeight) || 20")
    assert height < 2 * line + 12  # one line of text and the cell's padding


def test_article_page_of_a_text_not_in_english_says_so_at_the_top(page, mixed_site):
    open_page(page, mixed_site / "articles" / "fr.html")
    note = page.get_by_role("note", name="Language")
    assert note.is_visible()
    assert note.inner_text().startswith("The text reads as French, not English")
    assert note.bounding_box()["y"] < page.locator("#text-h").bounding_box()["y"]
    assert page.locator(".scores .hint strong").inner_text() == (
        "Not meaningful here: the text is not English."
    )


def test_index_and_article_page_lead_to_the_worksheet_score_wrote(page, tmp_path):
    from click.testing import CliRunner

    from analyzer.cli import cli

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(LONG_NEWS, encoding="utf-8")
    out = tmp_path / "out"
    args = ["score", str(tmp_path / "in"), "--out", str(out), "--worksheets", "-q"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    open_page(page, out / "index.html")
    page.get_by_role("link", name="worksheet", exact=True).click()
    page.wait_for_load_state("load")
    assert page.url == (out / "worksheets" / "a-worksheet.html").as_uri()
    assert page.locator("h1").inner_text() == "a"
    open_page(page, out / "articles" / "a.html")
    page.get_by_role("link", name="answer key").click()
    page.wait_for_load_state("load")
    assert page.url == (out / "worksheets" / "a-answers.html").as_uri()
