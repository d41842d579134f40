"""A large batch gets its index in pages: index.html, index-2.html, ... of INDEX_PAGE rows each."""

from __future__ import annotations

import lxml.html

from analyzer.errors import InputError
from analyzer.results import ArticleResult
from analyzer.writers import html


def results(n: int) -> list[ArticleResult]:
    return [
        ArticleResult(id=f"a{i}", path=f"a{i}.txt", text="It rained.", title=f"Story {i}")
        for i in range(n)
    ]


def rows(page_path) -> list[str]:
    page = lxml.html.fromstring(page_path.read_text(encoding="utf-8"))
    return [a.text_content() for a in page.xpath("//table[@id='articles']/tbody/tr/td[1]/a")]


def test_a_batch_of_one_page_has_no_pager(tmp_path):
    html.write_site(tmp_path, results(3))
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'class="pager"' not in page
    assert not list(tmp_path.glob("index-*.html"))


def test_a_larger_batch_is_paged_in_input_order(tmp_path, monkeypatch):
    monkeypatch.setattr(html, "INDEX_PAGE", 2)
    html.write_site(tmp_path, results(5), [InputError("bad.txt", "file is empty")])
    assert sorted(p.name for p in tmp_path.glob("index*.html")) == [
        "index-2.html",
        "index-3.html",
        "index.html",
    ]
    assert rows(tmp_path / "index.html") == ["Story 0", "Story 1"]
    assert rows(tmp_path / "index-2.html") == ["Story 2", "Story 3"]
    assert rows(tmp_path / "index-3.html") == ["Story 4"]
    second = lxml.html.fromstring((tmp_path / "index-2.html").read_text(encoding="utf-8"))
    pager = second.xpath("//nav[@class='pager']")[0]
    assert [a.get("href") for a in pager.xpath(".//a")] == [
        "index.html",
        "index-3.html",
        "index-3.html",
    ]
    assert pager.xpath(".//*[@aria-current='page']")[0].text_content() == "2"
    head = second.xpath("//header[@class='head']")[0].text_content()
    assert "5 articles scored, 1 input failed" in head
    assert "articles 3 to 4" in head
    # The failures are listed once, on the first page.
    assert second.xpath("//*[@id='failures-h']") == []
    first = lxml.html.fromstring((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert first.xpath("//*[@id='failures-h']")


def test_pages_of_a_batch_that_shrank_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(html, "INDEX_PAGE", 2)
    html.write_site(tmp_path, results(5))
    html.write_site(tmp_path, results(3))
    assert sorted(p.name for p in tmp_path.glob("index*.html")) == ["index-2.html", "index.html"]
    assert sorted(p.stem for p in (tmp_path / "articles").glob("*.html")) == ["a0", "a1", "a2"]
