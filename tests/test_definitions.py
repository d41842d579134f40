"""Scores, metrics and sources columns are defined once (analyzer/static/definitions.toml):
the README tables, the pages and the worksheet key all say the same thing, and each says which
way a score is better."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from analyzer import analyze
from analyzer.exercises import build_worksheet
from analyzer.results import ArticleResult
from analyzer.writers import explain
from analyzer.writers.html import render_article, render_index

README = Path(__file__).resolve().parents[1] / "README.md"

AI_TEXT = (
    "In today's fast-paced world, the city council met on Tuesday. It is a testament to "
    "resilience that the plan passed. Experts say the fees will rise. Only time will tell."
)


def text_of(node) -> str:
    return " ".join(node.text_content().split())


def definitions(page, section: str) -> dict[str, str]:
    """The term -> definition pairs of the <dl> in the page's <section class=section>."""
    return {
        text_of(div.find("dt")): text_of(div.find("dd"))
        for div in page.xpath(f"//section[@class='{section}']//dl/div")
    }


def test_readme_tables_are_the_ones_generated_from_the_definitions_file():
    readme = README.read_text(encoding="utf-8")
    assert explain.rewrite_readme(readme) == readme, (
        "README.md and analyzer/static/definitions.toml disagree: run "
        ".venv/bin/python -m analyzer.writers.explain README.md"
    )
    for name in ("scores", "metrics", "sources", "kinds"):
        assert f"<!-- definitions:{name} -->\n| " in readme


def test_readme_defines_headings_without_reporting_as_the_ai_style_signal_counts_them():
    # The page once said "no quote, attribution or number": the signal counts reporting verbs.
    row = "| `headings_without_reporting` | headings in the body whose section has no quotation, attribution or reporting verb. |"
    assert row in README.read_text(encoding="utf-8")
    assert explain.METRICS["headings_without_reporting"][1] == (
        "Headings in the body whose section has no quotation, attribution or reporting verb."
    )


def test_every_score_says_which_way_is_better():
    assert {name: info.better for name, info in explain.SCORE_INFO.items()} == {
        "sourcing": "higher",
        "named_attribution": "higher",
        "hedging": "neither",
        "claim_support": "higher",
        "ai_style": "lower",
        "balance": "higher",
    }
    for info in explain.SCORE_INFO.values():
        assert info.label and info.measures and info.reads and info.formula


def test_article_page_explains_hedging_with_the_same_words_as_the_readme():
    page = lxml.html.fromstring(render_article(analyze("It may rain. It could snow.")))
    rows = {
        text_of(tr[0]): text_of(tr[2]) for tr in page.xpath("//section[@class='scores']//tbody/tr")
    }
    hedging = rows["Hedging 50 is balanced"]
    assert hedging == (
        "Which way the writer's own stance words lean: softening (“may”, “reportedly”) or "
        "overstating (“clearly”, “proves”). Formula: 100 × (hedges + 1) ÷ (hedges + boosters + "
        "2). Neither end is better: near 100 mostly caution, near 0 mostly certainty, 50 balanced "
        "or no stance words; the +1 on each side keeps it from ever reaching 0 or 100. Low "
        "confidence: the text has 6 words, fewer than the 100 a score built on rates per word "
        "needs to be reliable; one phrase moves it a lot."
    )
    readme = README.read_text(encoding="utf-8")
    for part in ("100 × (hedges + 1) ÷ (hedges + boosters + 2).", "Neither end is better"):
        assert part in readme


def test_index_shows_a_visible_legend_line_per_score_with_which_way_is_better():
    page = lxml.html.fromstring(render_index([analyze(AI_TEXT, title="Fees")]))
    legend = definitions(page, "score-legend")
    assert legend["AI style (lower is better)"] == (
        "How many habits of machine-written rewrites the text shows (stock phrases, unsigned "
        "notes, rhetorical questions, speech never quoted). Lower is better: 0 reads like "
        "reporting; higher means more machine habits. It describes style, it cannot prove who "
        "wrote the text."
    )
    assert "Hedging (50 is balanced)" in legend
    assert legend["Claim support (higher is better)"].startswith("How many of the article's")
    headers = [text_of(th) for th in page.xpath("//table[@id='articles']/thead//th")]
    assert "AI style lower is better" in headers
    assert "Named attribution higher is better" in headers


def test_a_lower_is_better_bar_and_a_middle_anchored_bar_look_different():
    result = analyze(AI_TEXT, title="Fees")
    page = lxml.html.fromstring(render_index([result]))
    row = page.xpath("//table[@id='articles']/tbody/tr")[0]
    bars = {svg.get("class"): svg for svg in row.xpath(".//svg")}
    assert set(bars) == {"bar b-higher", "bar b-lower", "bar b-neither"}
    hedging = result.scores["hedging"]
    fill = bars["bar b-neither"].xpath("./*[@class='fill']")[0]
    # Hedging fills from the middle (50) towards its value; a tick marks the middle.
    assert float(fill.get("x")) == min(hedging, 50.0)
    assert float(fill.get("width")) == round(abs(hedging - 50.0), 1)
    assert bars["bar b-neither"].xpath("./*[@class='mid']")


def test_worksheet_key_names_each_score_and_says_which_way_is_better():
    result = analyze(AI_TEXT, title="Fees")
    rows = dict(build_worksheet(result, seed=0).summary)
    value = result.scores["ai_style"]
    assert rows["Score: AI style"] == (
        f"{value:g} / 100. Lower is better: 0 reads like reporting; higher means more machine "
        "habits. It describes style, it cannot prove who wrote the text. How many habits of "
        "machine-written rewrites the text shows (stock phrases, unsigned notes, rhetorical "
        "questions, speech never quoted). Formula: points summed, each part capped: stock "
        "phrases (up to 40), an unsigned editor's note (15), rhetorical questions (up to 15), "
        "headings with no quotation, attribution or reporting verb under them (up to 10), speech "
        "reported but never quoted (10), vague attributions (up to 10)."
    )
    labels = [label for label, _ in build_worksheet(result, seed=0).summary]
    # Friendly names in the order the report uses, never raw keys such as "ai_style".
    assert [x for x in labels if x.startswith("Score:")] == [
        f"Score: {explain.SCORE_INFO[n].label}" for n in explain.SCORE_INFO if n in result.scores
    ]


def test_sources_table_explains_why_quotes_can_exceed_mentions():
    text = (
        "Ana Ruiz, the mayor, spoke on Monday.\n"
        "“We will fix the pipes this year,” she said.\n"
        "“Nobody will pay more than they do now.”\n"
        "“The council agrees with me on this plan.”"
    )
    page = lxml.html.fromstring(render_article(analyze(text, title="Pipes")))
    columns = definitions(page, "sources")
    assert columns["Quotes"] == (
        "Quotations of speech and interview answers credited to the source. A speaker named once "
        "can be quoted several times in a row, so Quotes can be larger than Mentions."
    )
    assert set(columns) == {"Named?", "Quotes", "Mentions"}


def test_an_unknown_score_is_still_shown_with_a_name_made_from_its_key():
    r = ArticleResult(id="a", path="a.txt", text="Hi.", title="Hi", scores={"new_score": 40.0})
    page = lxml.html.fromstring(render_index([r]))
    headers = [text_of(th) for th in page.xpath("//table[@id='articles']/thead//th")]
    # Nothing says which way it reads, so the page does not guess.
    assert "New score" in headers
