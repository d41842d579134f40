"""Escaping, in Chromium: hostile titles, authors, outlets, URLs, quotes, text, speakers, sources,
messages and file names run no script, fetch nothing and show as text on every page kind.

The inputs are real files (front matter and text) scored by the real command line, which writes
the index, the article pages and the worksheets; a rewrite/source pair with a hand-made
comparison adds the compare page, the pair worksheet and payloads in the fields no input file
can reach (speakers, source descriptions, messages). One browser session opens every page; a
``hit`` function, dialogs and requests record any payload that escapes.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from escaping_payloads import PAYLOADS

from analyzer.cli import cli
from analyzer.exercises import build_worksheet
from analyzer.pipeline import analyze_article
from analyzer.readers import read_inputs
from analyzer.results import Comparison, ComparisonIssue, Finding, Source
from analyzer.writers.html import write_site
from analyzer.writers.worksheet import write_worksheet

pytestmark = pytest.mark.browser

TRAP = """
window.__hits = [];
window.hit = (n) => window.__hits.push(n);
"""
N = len(PAYLOADS)
GROUP = 6  # payloads per field of one article: N / GROUP articles carry them all
ARTICLES = -(-N // GROUP)
HOSTILE_NAMES = ['"><svg onload=hit(90)>', "<img src=x onerror=hit(91)>"]
FAILING_NAME = "<svg onload=hit(92)>"


def payload(k: int) -> str:
    return PAYLOADS[k % N]


def block(k: int) -> str:
    """The ``k``-th group of payloads, joined by spaces."""
    k %= ARTICLES
    return " ".join(PAYLOADS[k * GROUP : (k + 1) * GROUP])


def fields(k: int) -> dict[str, str]:
    """What goes where in article ``k``: each group lands in every field of some article."""
    names = ("title", "author", "outlet", "url", "said", "quote")
    return {name: block(k + j) for j, name in enumerate(names)}


def body(k: int) -> str:
    f = fields(k)
    return (
        f"Officials may have found {f['said']} in the files on Tuesday, the agency said.\n"
        f"“{f['quote']} is what I saw,” said Mayor Ana Ruiz.\n"
        "Critics said the plan would clearly fail."
    )


def write_inputs(folder: Path) -> None:
    folder.mkdir()
    for k in range(ARTICLES):
        f = fields(k)
        front = "".join(f'{key}: "{f[key]}"\n' for key in ("title", "author", "outlet", "url"))
        text = f"---\n{front}---\n{body(k)}"
        (folder / f"a{k:03d}.txt").write_text(text, encoding="utf-8")
    for name in HOSTILE_NAMES:
        (folder / f"{name}.txt").write_text(body(0), encoding="utf-8")
    (folder / f"{FAILING_NAME}.txt").write_bytes(b"")


def place(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def hostile_pair(folder: Path):
    """Articles 0 and 1 analysed, 1 as a rewrite of 0 with payloads in every comparison field."""
    source, rewrite = (
        analyze_article(a)
        for a in read_inputs([str(folder / "a000.txt"), str(folder / "a001.txt")])
    )
    d_start, d_end = place(rewrite.text, fields(1)["quote"])
    s_start, s_end = place(source.text, fields(0)["said"])
    issue = ComparisonIssue(
        "quote_not_in_source",
        d_start,
        d_end,
        rewrite.text[d_start:d_end],
        payload(7),
        source.text[s_start:s_end],
        s_start,
        s_end,
    )
    comparison = Comparison(source.id, 0.5, "metadata", 1, 1, (issue,))
    f_start, f_end = place(rewrite.text, fields(1)["said"])
    rewrite = dataclasses.replace(
        rewrite,
        quotes=tuple(
            dataclasses.replace(q, speaker=payload(8), speaker_kind="person")
            for q in rewrite.quotes or ()
        ),
        sources=(Source(payload(9), "person", "official", payload(10), 1, 1),),
        findings=(
            *rewrite.findings,
            Finding("unsupported_claim", f_start, f_end, fields(1)["said"], payload(11)),
        ),
        type_reasons=(payload(12),),
        comparison=comparison,
    )
    return source, rewrite, comparison


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("escaping")
    write_inputs(root / "in")
    result = CliRunner().invoke(
        cli, ["score", str(root / "in"), "--out", str(root / "out"), "--worksheets", "--quiet"]
    )
    assert result.exit_code == 1, result.output  # the one empty file fails; the rest is written
    assert result.stderr.count("error:") == 1 and FAILING_NAME in result.stderr
    source, rewrite, comparison = hostile_pair(root / "in")
    write_site(root / "pair", [source, rewrite])
    write_worksheet(build_worksheet(rewrite, source=source, comparison=comparison), root / "pair")
    return {"root": root, "pages": sorted(root.glob("*/**/*.html")), "rewrite": rewrite}


def visible_text(page) -> str:
    return " ".join(page.evaluate("document.body.textContent").split())


def flat(text: str) -> str:
    return " ".join(text.split())


LIVE_MARKUP = """() => {
  const bad = [];
  const urls = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster', 'srcdoc',
                'background', 'xlink:href', 'style', 'ping', 'cite', 'http-equiv'];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('on')) bad.push(e.tagName + ' ' + a.name);
      if (!urls.includes(a.name)) continue;  // other values (data-*, title) are inert text
      if (/(javascript|vbscript|data):|example\\.invalid|hit\\(/i.test(a.value)) {
        bad.push(e.tagName + ' ' + a.name + '=' + a.value);
      }
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (/hit\\(|alert\\(|example\\.invalid/.test(s.textContent)) bad.push('SCRIPT ' + s.textContent);
  }
  for (const t of ['iframe', 'object', 'embed', 'base', 'isindex', 'marquee', 'video', 'audio']) {
    if (document.querySelector(t)) bad.push(t);
  }
  return bad;
}"""


def expected_on(page_path: Path, root: Path) -> list[str]:
    """Payloads that must show as text on a page, by what the page shows of an article."""
    part, name = page_path.relative_to(root).parts[0], page_path.stem
    match = re.fullmatch(r"a(\d{3})(-worksheet|-answers)?", name)
    if part == "out" and page_path.parent.name == "articles" and match:
        return list(fields(int(match.group(1))).values())
    if part == "out" and name == "index":
        return [fields(k)["title"] for k in range(ARTICLES)] + [FAILING_NAME]
    if part == "out" and match:  # worksheets show the title; numbered lines may wrap payloads
        return [fields(int(match.group(1)))["title"]]
    if part == "pair" and page_path.parent.name == "compare":
        return [fields(1)["title"], fields(1)["quote"], fields(0)["said"], payload(7)]
    return []


def trapped_page(browser):
    """A page with the trap installed, and the lists its outside requests and dialogs go to."""
    context = browser.new_context()
    context.add_init_script(TRAP)
    outside: list[str] = []
    dialogs: list[str] = []
    context.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return context, page, outside, dialogs


def test_no_payload_runs_fetches_or_goes_missing_on_any_page(browser, site):
    root: Path = site["root"]  # type: ignore[assignment]
    pages: list[Path] = site["pages"]  # type: ignore[assignment]
    kinds = {p.relative_to(root).parts[0] + "/" + p.parent.name for p in pages}
    assert {"out/out", "out/articles", "out/worksheets", "pair/compare", "pair/articles"} <= kinds
    context, page, outside, dialogs = trapped_page(browser)
    problems: dict[str, object] = {}
    shown = 0
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        marks = page.locator("mark")
        if marks.count():  # a tooltip renders the messages
            marks.first.hover()
        page.mouse.move(5, 5)
        page.mouse.move(600, 400)
        name = str(path.relative_to(root))
        hits = page.evaluate("window.__hits")
        live = page.evaluate(LIVE_MARKUP)
        text = visible_text(page)
        missing = [p for p in expected_on(path, root) if flat(p) not in text]
        shown += len(expected_on(path, root)) - len(missing)
        if hits or live or missing:
            problems[name] = {"hits": hits, "live": live, "missing": missing}
    context.close()
    assert problems == {}
    assert dialogs == []
    assert outside == []
    assert shown >= 6 * ARTICLES  # every payload shown as text in each field kind


def test_every_payload_reached_a_page_in_every_field_kind(site):
    rewrite = site["rewrite"]
    assert N >= 50
    for name in ("title", "author", "outlet", "url", "said", "quote"):
        placed = " ".join(fields(k)[name] for k in range(ARTICLES))
        assert all(p in placed for p in PAYLOADS), name
    assert rewrite.sources[0].name == payload(9)  # type: ignore[attr-defined]


def test_the_trap_catches_a_payload_left_unescaped(browser, tmp_path):
    # The checks above must be able to fail: a page that pastes payloads raw trips every one.
    raw = tmp_path / "raw.html"
    raw.write_text(
        "<!doctype html><title>raw</title><body>"
        + payload(0)
        + payload(1)
        + payload(20)
        + "<script>alert(2)</script></body>",
        encoding="utf-8",
    )
    context, page, outside, dialogs = trapped_page(browser)
    page.goto(raw.as_uri())
    page.wait_for_load_state("load")
    assert sorted(page.evaluate("window.__hits")) == [1, 2]
    assert dialogs == ["2"]
    assert outside == ["https://example.invalid/21.png"]
    assert page.evaluate(LIVE_MARKUP) != []
    assert payload(0) not in visible_text(page)
    context.close()
