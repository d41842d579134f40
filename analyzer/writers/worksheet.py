"""Worksheet and answer-key pages: two printable, self-contained HTML files per sheet.

Both pages extend the reports' ``base.html`` and use the reports' Jinja2 environment (autoescape
on, undefined names are errors), so every piece of article text is escaped by Jinja2 and no
template applies ``|safe`` to it. The reports' stylesheet and ``static/worksheet.css`` (print
layout for A4 and Letter) are inlined in one ``<style>`` element that the Content-Security-Policy
allows by hash; there is no script, and nothing is fetched.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from analyzer.exercises import Exercise, Item, Line, Worksheet, build_worksheet
from analyzer.results import ArticleResult
from analyzer.writers.html import _check_id, _environment, _sha256, _static, sheet_names
from analyzer.writers.jsonl import sweep_temporaries, write_atomic


@functools.cache
def _assets() -> dict[str, object]:
    css = _static("report.css") + "\n" + _static("worksheet.css")
    policy = (
        "default-src 'none'; "
        f"style-src {_sha256(css)}; "
        "script-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    # Markup: the project's own stylesheet, not article text.
    return {"css": Markup(css), "csp": policy}


@dataclass(frozen=True, slots=True)
class LineView:
    number: int
    paragraph: int | None  # shown on the first line of each paragraph only
    text: str


@dataclass(frozen=True, slots=True)
class ExerciseView:
    number: int
    exercise: Exercise
    items: tuple[Item, ...]
    uncertain: int


def _line_views(lines: tuple[Line, ...]) -> list[LineView]:
    return [
        LineView(ln.number, ln.paragraph if ln.first_in_paragraph else None, ln.text)
        for ln in lines
    ]


def _exercise_views(sheet: Worksheet) -> list[ExerciseView]:
    return [
        ExerciseView(n, e, e.items, sum(1 for i in e.items if i.uncertain))
        for n, e in enumerate(sheet.exercises, start=1)
    ]


def _context(sheet: Worksheet) -> dict[str, object]:
    return {
        **_assets(),
        "script": None,
        "sheet": sheet,
        "title": sheet.title or sheet.article_id,
        "source_title": sheet.source_title or sheet.source_id,
        "lines": _line_views(sheet.lines),
        "source_lines": _line_views(sheet.source_lines),
        "exercises": _exercise_views(sheet),
    }


def render_worksheet(sheet: Worksheet) -> str:
    """The students' page: numbered text, then the exercises with room to answer.

    Examples
    --------
    >>> from analyzer import analyze
    >>> from analyzer.exercises import build_worksheet
    >>> html = render_worksheet(build_worksheet(analyze("“We won,” Ana said.", title="<b>")))
    >>> "&lt;b&gt;" in html and "<b>" not in html
    True
    """
    return _environment().get_template("worksheet.html").render(**_context(sheet))


def render_answers(sheet: Worksheet) -> str:
    """The teacher's page: every answer with its place, the analyzer's reason and doubts."""
    return _environment().get_template("answers.html").render(**_context(sheet))


def write_worksheet(sheet: Worksheet, out: Path) -> tuple[Path, Path]:
    """Write ``out``/<id>-worksheet.html and ``out``/<id>-answers.html (atomically)."""
    worksheet, answers = (Path(out) / n for n in sheet_names(_check_id(sheet.article_id)))
    write_atomic(worksheet, render_worksheet(sheet))
    write_atomic(answers, render_answers(sheet))
    return worksheet, answers


def write_worksheets(
    out: Path,
    results: Iterable[ArticleResult],
    *,
    lookup: Callable[[str], ArticleResult | None],
    level: str = "basic",
    seed: int = 0,
) -> int:
    """A worksheet and answer key for every result, in ``out``; returns how many were written.

    A rewrite that carries a comparison gets the pair exercises, with its source found through
    ``lookup`` (None or KeyError when the source is gone: the sheet is then the article alone).
    Temporary files a killed run left in ``out`` are removed.
    """
    written = 0
    for result in results:
        source = None
        if result.comparison is not None:
            try:
                source = lookup(result.comparison.source_id)
            except KeyError:
                source = None
        sheet = build_worksheet(
            result,
            source=source,
            comparison=result.comparison if source is not None else None,
            level=level,
            seed=seed,
        )
        write_worksheet(sheet, out)
        written += 1
    sweep_temporaries(out)
    return written
