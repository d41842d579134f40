"""The index of the seed report laid out by Chromium at a laptop width, a narrow one and on paper.

At 1280 px (the commonest laptop width) the whole table fits: titles keep room to read as
titles, and no type name or id breaks inside a word. At 800 px the table scrolls sideways inside
its own box; the page does not. Printed on A4, every column is on the page. On a 390 px phone
no page of the report (index, articles, comparisons) scrolls sideways: wide tables scroll in
their own box.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from analyzer.batch import analyze_paths
from analyzer.writers.html import write_site

pytestmark = pytest.mark.browser

# Per cell: its width, and how many lines its type name (or the id under a title) takes.
MEASURE = """() => {
  const lines = el => {
    const r = document.createRange();
    r.selectNodeContents(el);
    return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
  };
  const wrap = document.querySelector(".table-wrap");
  const rows = [...document.querySelectorAll("#articles tbody tr")];
  return {
    titleWidths: rows.map(r => r.cells[0].getBoundingClientRect().width),
    // An untitled article shows its id once, as its title: no id line under it.
    idLines: rows.map(r => r.cells[0].querySelector(".id")).filter(id => id).map(lines),
    typeLines: rows.map(r => lines(r.cells[1])),
    tableOverflows: wrap.scrollWidth > wrap.clientWidth + 1,
    pageOverflows: document.documentElement.scrollWidth > window.innerWidth + 1,
  };
}"""


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    write_site(out, analyze_paths([str(SEEDS)]).results)
    return out / "index.html"


def measure(browser, index: Path, width: int, media: str = "screen") -> dict:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(index.as_uri())
        page.emulate_media(media=media)
        return page.evaluate(MEASURE)
    finally:
        context.close()


def test_at_1280_px_the_index_fits_and_nothing_breaks_inside_a_word(browser, seed_index):
    m = measure(browser, seed_index, 1280)
    assert not m["tableOverflows"] and not m["pageOverflows"]
    assert min(m["titleWidths"]) >= 15 * 16  # 15rem: a title reads as a title
    assert m["typeLines"] == [1, 1, 1, 1, 1]  # "ai_rewrite", "interview" stay whole
    assert m["idLines"] == [1, 1, 1, 1]  # "000_6af52c64d008fc3c" on its own line (004 has none)


def test_at_800_px_the_table_scrolls_in_its_box_and_titles_keep_their_room(browser, seed_index):
    m = measure(browser, seed_index, 800)
    assert m["tableOverflows"] and not m["pageOverflows"]
    assert min(m["titleWidths"]) >= 15 * 16
    assert m["typeLines"] == [1, 1, 1, 1, 1]
    assert m["idLines"] == [1, 1, 1, 1]


def test_printed_on_a4_every_column_of_the_index_is_on_the_page(browser, seed_index):
    # A4 is 210 mm wide; the print style's page margins are 12 mm a side: 186 mm = 703 px.
    m = measure(browser, seed_index, 703, media="print")
    assert not m["tableOverflows"] and not m["pageOverflows"]
    assert min(m["titleWidths"]) >= 7 * 16  # titles still read as titles on paper


def test_on_a_390_px_phone_no_page_of_the_report_scrolls_sideways(browser, seed_index):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        widths = {}
        for path in sorted(seed_index.parent.rglob("*.html")):
            page.goto(path.as_uri())
            key = str(path.relative_to(seed_index.parent))
            widths[key] = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert len(widths) == 8  # the index, five article pages, two compare pages
    assert widths == dict.fromkeys(widths, 390)
