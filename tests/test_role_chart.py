"""The article page draws who is heard: each role's share of sources and of quoted words."""

from __future__ import annotations

from html.parser import HTMLParser

from analyzer.results import ArticleResult
from analyzer.writers.html import render_article


class _Titles(HTMLParser):
    """Collects the <title> texts inside the 'Who is heard' chart."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.in_title = False
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg" and dict(attrs).get("aria-labelledby") == "roles-desc":
            self.inside = True
        self.in_title = self.inside and tag == "title"

    def handle_endtag(self, tag):
        if tag == "svg":
            self.inside = False
        self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.titles.append(data)


def result(metrics):
    return ArticleResult(id="a", path="a.txt", text="The mayor said so.", metrics=metrics)


def test_role_chart_bars_name_each_share():
    page = render_article(
        result(
            {
                "source_roles": {"official": 0.75, "expert": 0.25},
                "quoted_words_by_role": {"official": 1.0},
            }
        )
    )
    parser = _Titles()
    parser.feed(page)
    assert parser.titles == [
        "official: 75% of the sources",
        "official: 100% of the quoted words",
        "expert: 25% of the sources",
        "expert: 0% of the quoted words",
    ]


def test_no_role_chart_without_role_metrics():
    assert 'id="roles-h"' not in render_article(result({"words": 4}))
