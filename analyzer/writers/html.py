"""HTML reports: an index, one page per article, one compare page per source/rewrite pair.

The pages read only :class:`~analyzer.results.ArticleResult` and show whatever it holds: a
signal that did not run leaves its part of the page out. Everything from an article is escaped:
printed by Jinja2 with autoescaping on, or, in the parts a page prints once per piece of text,
note or tick (the highlighted text, the notes, the charts), escaped by
:mod:`analyzer.writers.fragments`, which writes those parts; highlighting is prepared as segments
of plain text (:mod:`analyzer.writers.highlight`). Each page is one self-contained file:
the stylesheet and the index's small script are inlined, and a Content-Security-Policy allows
exactly those two (by hash) and nothing else, so no page can load or run anything from outside.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import dataclasses
import functools
import hashlib
import itertools
import json
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import quote as urlquote

import numpy as np
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from analyzer.engines import lost
from analyzer.errors import InputError
from analyzer.language import is_english, language_name, not_english_note
from analyzer.results import ABSENT_FROM_SOURCE, ArticleResult, Comparison, ComparisonIssue
from analyzer.scoring import MIN_WORDS_FOR_CONFIDENCE
from analyzer.signals.roles import ROLES, UNKNOWN
from analyzer.signals.sources import is_named
from analyzer.writers import fragments
from analyzer.writers.charts import Chart, role_bars, text_map
from analyzer.writers.dates import readable_date
from analyzer.writers.explain import (
    BETTER_SHORT,
    GROUP_LABELS,
    GROUPS,
    SCORES,
    SOURCE_COLUMNS,
    KindInfo,
    ScoreInfo,
    is_note,
    kind_info,
    metric_help,
    score_help,
    score_info,
)
from analyzer.writers.highlight import Annotation, Segment, segment
from analyzer.writers.jsonl import sweep_temporaries, write_atomic

if TYPE_CHECKING:  # the store's module is imported where stored pages are decoded
    from analyzer.state import StoredJob

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")


@functools.cache
def _environment() -> Environment:
    """The one Jinja2 environment: autoescaping everywhere, undefined names are errors.

    The templates are the package's own files, which do not change while it runs: they are not
    checked for changes (a ``stat`` of the file at each of the ~14 template lookups a page makes).
    """
    environment = Environment(
        loader=PackageLoader("analyzer", "templates"),
        auto_reload=False,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["bar"] = _bar_svg
    # The parts printed once per piece of text, note or tick, written in Python: see fragments.
    environment.globals.update(
        text=fragments.text,
        notes_list=fragments.notes_list,
        draw=fragments.draw,
        score_rows=fragments.score_rows,
        metric_rows=fragments.metric_rows,
        source_rows=fragments.source_rows,
        index_rows=fragments.index_rows,
        legend_list=fragments.legend_list,
    )
    return environment


@functools.cache
def _bar_svg(bar: Bar, width: int) -> Markup:
    """A score's bar drawn by the ``bar`` macro of _bar.html, once per distinct bar and width
    (the templates call this as ``bar``): an index page of 1,000 articles draws some 5,600 bars,
    of at most a few thousand kinds (values are rounded to 0.1). Equal bars print alike: a bar
    from :meth:`Bar.of` holds floats only (a cached ``0`` would print as ``0.0``'s bar did).

    Examples
    --------
    >>> str(_bar_svg(Bar(0.0, 80.0, "higher"), 40))[:45]
    '<svg class="bar b-higher" viewBox="0 0 100 8"'
    """
    macros = _environment().get_template("_bar.html").module
    return macros.bar(bar, width)  # type: ignore[attr-defined]


def _static(name: str) -> str:
    return (files("analyzer") / "static" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.cache
def _assets() -> dict[str, Any]:
    """Inline stylesheet and scripts, and the policy that allows exactly them."""
    css = _static("report.css")
    scripts = {"index": _static("index.js"), "article": _static("article.js")}
    policy = (
        "default-src 'none'; "
        f"style-src {_sha256(css)}; "
        f"script-src {' '.join(_sha256(s) for s in scripts.values())}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    # Markup: these are the project's own files, not article text; escaping would break them.
    return {
        "css": Markup(css),
        "scripts": {name: Markup(text) for name, text in scripts.items()},
        "csp": policy,
    }


def _render(template: str, *, script: str, **context: Any) -> str:
    assets = _assets()
    return (
        _environment()
        .get_template(template)
        .render(
            css=assets["css"],
            csp=assets["csp"],
            script=assets["scripts"][script],
            **context,
        )
    )


# ---------------------------------------------------------------- view data (templates only print)


# The view classes built per item of a page (notes, score and metric rows) are not
# frozen: some 25 notes and 30 rows are built per article page, and a frozen
# dataclass's __init__ (which sets each field through object.__setattr__) costs four to six
# times as much. Nothing changes them once built.
@dataclass(slots=True)
class Note:
    number: int
    kind: str
    label: str
    group: str
    text: str
    message: str
    extra: str
    placed: bool
    css: str


@dataclass(frozen=True, slots=True)
class LegendRow:
    group: str
    label: str
    style: str
    kinds: tuple[tuple[str, str, str], ...]
    css: str


@dataclass(frozen=True, slots=True)
class Bar:
    """A score's bar: the filled stretch of a 0-100 track, drawn after which way is better.

    A "higher" or "lower" score fills from 0 to its value (the two differ in colour, and their
    headings say which way is better); a score with no better end ("neither", hedging) fills from
    the middle, 50, towards its value, so a balanced 50 draws no fill at all.
    """

    x: float
    width: float
    better: str

    @classmethod
    def of(cls, value: Any, better: str) -> Bar | None:
        """The bar of ``value``, or None when there is no number to draw.

        Examples
        --------
        >>> Bar.of(80, "higher")
        Bar(x=0.0, width=80.0, better='higher')
        >>> Bar.of(30, "neither")
        Bar(x=30.0, width=20.0, better='neither')
        """
        v = _bar(value)
        if v is None:
            return None
        if better == "neither":
            return cls(min(v, 50.0), round(abs(v - 50.0), 1), better)
        return cls(0.0, v, better)


@dataclass(slots=True)
class Figure:
    name: str
    label: str
    value: str
    bar: Bar | None
    help: str
    parts: str = ""
    reads: str = ""
    low: bool = False  # low confidence: the text is too short for this score


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _speaker(speaker: str | None, speaker_kind: str | None) -> str:
    if not speaker:
        return "speaker not identified"
    return f"said by {speaker}" + (f" ({speaker_kind})" if speaker_kind else "")


def _annotations(
    result: ArticleResult,
    *,
    issues: Sequence[ComparisonIssue] = (),
    include_findings: bool = True,
    note_quotes: bool = True,
    sentences_last: bool = False,
) -> tuple[list[Annotation], list[Note]]:
    """Number every quote, finding and issue in text order; return highlights and notes.

    With ``note_quotes`` False, quotes are marked but get no number and no note (a compare
    page lists only the differences). With ``sentences_last``, unsupported sentences are
    numbered after every other issue.
    """
    items: list[tuple[int, int, str, str, str, str]] = []  # start, end, kind, text, message, extra
    for q in result.quotes or ():
        items.append((q.start, q.end, "quote", q.text, _speaker(q.speaker, q.speaker_kind), ""))
    if include_findings:
        for f in result.findings:
            items.append((f.start, f.end, f.kind, f.text, f.message, _date_words(f.detail)))
    for i in issues:
        items.append((i.start, i.end, i.kind, i.text, i.message, _source_words(i)))
    # On a compare page the sentences the source does not share (weaker evidence) are numbered
    # after the specific changes, so the list of differences reads 1, 2, 3 ... in both groups.
    last = frozenset({"unsupported_sentence"}) if sentences_last else frozenset()
    items.sort(key=lambda t: (t[2] in last, t[0], t[1], t[2], t[4]))
    annotations, notes = [], []
    number = 0
    for start, end, kind, text, message, extra in items:
        info = kind_info(kind)
        tip = f"{info.label}: {message}" if message else info.label
        if extra:
            tip += f" {extra}"
        if kind == "quote" and not note_quotes:
            annotations.append(Annotation(0, start, end, kind, info.group, info.label, tip, False))
            continue
        number += 1
        ann = Annotation(number, start, end, kind, info.group, info.label, tip)
        annotations.append(ann)
        placed = ann.placed and end <= len(result.text)
        notes.append(
            Note(
                number,
                kind,
                info.label,
                info.group,
                text,
                message,
                extra,
                placed,
                fragments.mark_class(info.group),
            )
        )
    return annotations, notes


def _source_words(issue: ComparisonIssue) -> str:
    """What the note says of the source: its words for a changed fact; for a name, quote or
    sentence it lacks, that it has nothing, or (a sentence) which passage comes closest."""
    if issue.kind == "unsupported_sentence" and issue.source_text:
        return f"Closest source passage: “{issue.source_text}”"
    if issue.kind in ABSENT_FROM_SOURCE or not issue.source_text:
        return "Source: nothing matching"
    return f"Source: “{issue.source_text}”"


def _date_words(detail: dict[str, Any]) -> str:
    """The date a relative date stands for, in words ("2025-W17": the week of 21 April 2025)."""
    words = readable_date(str(detail.get("resolved") or ""))
    return f"That is {words}." if words else ""


def _paragraphs(result: ArticleResult, annotations: list[Annotation]) -> list[list[Segment]]:
    return segment(result.text, annotations, result.paragraphs)


def _legend(notes: Sequence[Note], *, quotes: bool = False) -> list[LegendRow]:
    """One row per group present; ``quotes`` adds the quote row when quotes are not noted."""
    counts: dict[str, int] = {}
    for n in notes:
        counts[n.kind] = counts.get(n.kind, 0) + 1
    # Each group's kinds in the order of their labels: sorted once, then dealt to the groups.
    by_group: dict[str, list[tuple[str, str, str]]] = {}
    for info, c in sorted(((kind_info(k), c) for k, c in counts.items()), key=_by_label):
        by_group.setdefault(info.group, []).append((info.label, info.meaning, f"({c})"))
    rows = []
    for group, style in GROUPS.items():
        kinds = tuple(by_group.get(group, ()))
        if group == "quote" and quotes and not kinds:
            kinds = ((kind_info("quote").label, kind_info("quote").meaning, ""),)
        if kinds:
            rows.append(
                LegendRow(group, GROUP_LABELS[group], style, kinds, fragments.mark_class(group))
            )
    return rows


def _by_label(kind_count: tuple[KindInfo, int]) -> str:
    return kind_count[0].label


def _score_names(results: Iterable[ArticleResult]) -> list[str]:
    present = {name for r in results for name in r.scores}
    known = [name for name in SCORES if name in present]
    return known + sorted(present - set(known))


def _bar(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(min(100.0, max(0.0, float(value))), 1)
    return None


def _scores(result: ArticleResult) -> list[Figure]:
    out = []
    for name in _score_names([result]):
        label, text = score_help(name)
        value = result.scores[name]
        shown = _fmt(round(value) if isinstance(value, float) else value)
        low = value is not None and name in (result.metrics.get("scores_low_confidence") or ())
        if low:
            text = (text + " " if text else "") + _low_confidence_note(result.metrics.get("words"))
        elif value is None:
            text = (
                text + " " if text else ""
            ) + "Not computed: nothing in this article to measure."
        info = score_info(name)
        out.append(
            Figure(
                name,
                label,
                shown,
                Bar.of(value, info.better),
                text,
                reads=BETTER_SHORT.get(info.better, ""),
                low=low,
            )
        )
    return out


def _low_confidence_note(words: Any) -> str:
    """Why a score of a very short text is marked "?".

    Examples
    --------
    >>> _low_confidence_note(1)[:38]
    'Low confidence: the text has 1 word, f'
    """
    return (
        f"Low confidence: the text has {_count(words, 'word')}, fewer than the "
        f"{MIN_WORDS_FOR_CONFIDENCE} a score built on rates per word needs to be reliable; one "
        "phrase moves it a lot."
    )


def _count(n: Any, word: str) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is 1."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _metrics(result: ArticleResult) -> list[Figure]:
    out = []
    for name, value in result.metrics.items():
        if isinstance(value, dict | list):
            continue
        label, text = metric_help(name)
        if value is None:
            text = (text + " " if text else "") + "Not computed: nothing to divide by."
        out.append(Figure(name, label, _fmt(value), None, text))
    return out


def _source_rows(result: ArticleResult) -> list[dict[str, Any]] | None:
    """The sources table's rows: each source's fields and whether it is named; None when sources
    were not identified."""
    if result.sources is None:
        return None
    return [{**src.to_dict(), "named": is_named(src.kind, src.name)} for src in result.sources]


def _title(result: ArticleResult) -> str:
    return result.title or result.id


def _opens_with_title(result: ArticleResult) -> bool:
    """Whether the text's first line is its title (many files repeat it there).

    Examples
    --------
    >>> _opens_with_title(ArticleResult(id="a", path="a", text=" Rain  Again\\nIt rained.",
    ...                                 title="Rain again"))
    True
    """
    if not result.title:
        return False
    first = result.text.lstrip().split("\n", 1)[0]
    return " ".join(first.split()).casefold() == " ".join(result.title.split()).casefold()


def _link(url: str | None) -> str | None:
    # Only web addresses become links: a javascript: or data: URL from an article never does.
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _check_id(article_id: str) -> str:
    if not _SAFE_ID.fullmatch(article_id):
        raise ValueError(f"article id {article_id!r} is not safe as a file name")
    return article_id


def _meta(result: ArticleResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "title": _title(result),
        "has_title": bool(result.title),
        "outlet": result.outlet,
        "author": result.author,
        "published": result.published,
        "url": result.url,
        "link": _link(result.url),
        "path": result.path,
        "type": result.type,
        "type_reasons": list(result.type_reasons),
        **_language(result.language),
    }


def _language(language: str | None) -> dict[str, str | None]:
    """What the article's page and index row say of a text not in English: its scores mean
    nothing.

    Examples
    --------
    >>> _language("fr")["language_name"], _language("en")
    ('French', {'language_name': None, 'language_note': None})
    """
    if is_english(language):
        return {"language_name": None, "language_note": None}
    return {"language_name": language_name(language), "language_note": not_english_note(language)}


# ------------------------------------------------------------------------------------- pages


def render_article(
    result: ArticleResult,
    *,
    source: ArticleResult | None = None,
    root: str = "../",
    worksheets: bool = False,
) -> str:
    """One article's page: highlighted text, notes, legend, sources, scores, metrics, chart.

    Parameters
    ----------
    result : ArticleResult
        The article; every finding and quote it holds is highlighted at its offsets.
    source : ArticleResult, optional
        The article this one was compared with, when it is in the same batch (for its title).
    root : str
        Relative path from the page to the report folder (for links back to the index).
    worksheets : bool
        Link the article's worksheet and answer key (``score --worksheets`` writes them).

    Examples
    --------
    >>> from analyzer.results import Finding
    >>> r = ArticleResult(id="a", path="a.txt", text="It may rain.", title="<b>Rain</b>",
    ...                   findings=(Finding("hedge", 3, 6, "may", "Softens the claim."),))
    >>> page = render_article(r)
    >>> "&lt;b&gt;Rain&lt;/b&gt;" in page, ">may</mark>" in page
    (True, True)
    """
    annotations, notes = _annotations(result)
    chart: Chart | None = text_map(
        len(result.text), annotations, [(g, GROUP_LABELS[g]) for g in GROUPS]
    )
    roles_chart = role_bars(
        result.metrics.get("source_roles") or {},
        result.metrics.get("quoted_words_by_role") or {},
        [*ROLES, UNKNOWN],
    )
    comparison = result.comparison
    return _render(
        "article.html",
        script="article",
        root=root,
        meta=_meta(result),
        paragraphs=_paragraphs(result, annotations),
        notes=notes,
        legend=_legend(notes),
        tally=_tally(result),
        chart=chart,
        roles_chart=roles_chart,
        scores=_scores(result),
        metrics=_metrics(result),
        sources=_source_rows(result),
        source_columns=SOURCE_COLUMNS,
        comparison=_comparison_summary(comparison, source, root) if comparison else None,
        compare_href=_compare_href(result, root) if comparison else None,
        sheets=_sheets(result.id, root) if worksheets else None,
    )


# The folder of the report where ``score --worksheets`` writes the worksheets and answer keys.
WORKSHEETS_FOLDER = "worksheets"


def sheet_names(name: str) -> tuple[str, str]:
    """The file names of the worksheet and the answer key of the article whose file name (its
    id) is ``name``: one definition for the writer and for the pages that link them.

    Examples
    --------
    >>> sheet_names("003")
    ('003-worksheet.html', '003-answers.html')
    """
    return f"{name}-worksheet.html", f"{name}-answers.html"


def _sheets(article_id: str, root: str) -> dict[str, str]:
    """Links to an article's worksheet and answer key."""
    worksheet, answers = sheet_names(urlquote(article_id))
    folder = f"{root}{WORKSHEETS_FOLDER}/"
    return {"worksheet": folder + worksheet, "answers": folder + answers}


def _compare_href(result: ArticleResult, root: str) -> str:
    return f"{root}compare/{urlquote(result.id)}.html"


# Where add_comparison puts the rewrite's two parts (_pair.html) into an article page: the link
# at the end of the crumbs, the note on the source after the header. Everything from the article
# inside the page is escaped, so neither can be a closing tag that it printed.
_CRUMBS = b'<nav class="crumbs" aria-label="Breadcrumbs">'
_CRUMBS_END = b"</nav>"
_HEADER_END = b"</header>\n\n"


def add_comparison(
    page: bytes, result: ArticleResult, *, source: ArticleResult | None = None, root: str = "../"
) -> bytes | None:
    """The page of a rewrite made from its page without the comparison: ``render_article(result,
    source=source, root=root)`` as UTF-8, without rendering the article again.

    ``page`` is what :func:`render_article` gave (UTF-8) for ``result`` before it was compared
    (a batch writes it while scoring, :func:`write_early_page`); the link to the compare page and
    the note on the source are rendered alone (``_pair.html``, the macros the whole page uses)
    and put in their places. None when ``page`` does not have those places.

    Examples
    --------
    >>> from analyzer.results import Comparison
    >>> r = ArticleResult(id="b", path="b.txt", text="It rained.",
    ...                   comparison=Comparison("a", 0.9, "similarity", 1, 0, ()))
    >>> page = render_article(dataclasses.replace(r, comparison=None)).encode()
    >>> add_comparison(page, r) == render_article(r).encode()
    True
    >>> add_comparison(b"<p>Not an article page</p>", r) is None
    True
    """
    comparison = result.comparison
    if comparison is None:
        raise ValueError(f"article {result.id!r} has no comparison to add")
    crumbs = page.find(_CRUMBS)
    link_at = page.find(_CRUMBS_END, crumbs) if crumbs >= 0 else -1
    header_end = page.find(_HEADER_END, link_at) if link_at >= 0 else -1
    if header_end < 0:
        return None
    pair_at = header_end + len(_HEADER_END)
    macros = _environment().get_template("_pair.html").module
    href = _compare_href(result, root)
    link = macros.compare_link(href)  # type: ignore[attr-defined]
    pair = macros.pair(_comparison_summary(comparison, source, root), href)  # type: ignore[attr-defined]
    return b"".join(
        (page[:link_at], link.encode(), page[link_at:pair_at], pair.encode(), page[pair_at:])
    )


def _tally(result: ArticleResult) -> str:
    """What the list of marked passages holds: quotes, problems and neutral notes, counted apart.

    Examples
    --------
    >>> from analyzer.results import Finding
    >>> r = ArticleResult(id="a", path="a", text="It may rain.",
    ...                   findings=(Finding("hedge", 3, 6, "may", "Softens."),))
    >>> _tally(r)
    '0 quotes, 0 problems and 1 note (notes are neutral marks: relative dates and hedges).'
    """
    quotes = len(result.quotes or ())
    notes = sum(is_note(f.kind, f.detail) for f in result.findings)
    problems = len(result.findings) - notes

    return (
        f"{_count(quotes, 'quote')}, {_count(problems, 'problem')} and {_count(notes, 'note')} "
        "(notes are neutral marks: relative dates and hedges)."
    )


def _comparison_summary(
    comparison: Comparison, source: ArticleResult | None, root: str
) -> dict[str, Any]:
    how = (
        "named in the rewrite's metadata (derived_from)"
        if comparison.paired_by == "metadata"
        else "chosen as the most similar article in the batch"
    )
    return {
        "source_id": comparison.source_id,
        "source_title": _title(source) if source else comparison.source_id,
        "source_href": f"{root}articles/{urlquote(source.id)}.html" if source else None,
        "paired_by": comparison.paired_by,
        "how": how,
        "similarity": f"{comparison.similarity:.2f}",
        "quotes": (
            f"source: {comparison.source_direct_quotes} direct quote"
            f"{'' if comparison.source_direct_quotes == 1 else 's'}; "
            f"rewrite: {comparison.derived_direct_quotes}"
        ),
        "issues": _count_issues(comparison.issues),
        "interview": (
            f"source: {comparison.source_interview_answers} answers in the interviewee's own "
            f"words; rewrite quotes {comparison.quoted_interview_answers or 0} of them"
            if comparison.source_interview_answers is not None
            else None
        ),
        "notes": list(comparison.notes),
    }


def _count_issues(issues: Sequence[ComparisonIssue]) -> str:
    """The differences in words, specific changes first.

    Examples
    --------
    >>> from analyzer.results import ComparisonIssue
    >>> _count_issues([ComparisonIssue("date_mismatch", 0, 4, "2023", "m")])
    '1 changed or missing date, number, name or quote; 0 sentences not found in the source'
    >>> _count_issues([])
    '0 changed or missing dates, numbers, names or quotes; 0 sentences not found in the source'
    """
    sentences = sum(i.kind == "unsupported_sentence" for i in issues)
    specific = len(issues) - sentences
    what = (
        "changed or missing date, number, name or quote"
        if specific == 1
        else "changed or missing dates, numbers, names or quotes"
    )
    return (
        f"{specific} {what}; {sentences} sentence"
        f"{'' if sentences == 1 else 's'} not found in the source"
    )


def render_compare(
    derived: ArticleResult, source: ArticleResult | None, *, root: str = "../"
) -> str:
    """The compare page: source and rewrite side by side, each issue marked on the rewrite.

    ``source`` may be None when the source article is not in the batch: each issue still shows
    the source's words it was checked against.

    Examples
    --------
    >>> from analyzer.results import Comparison, ComparisonIssue
    >>> issue = ComparisonIssue("date_mismatch", 3, 7, "2023", "The source says 2025.", "2025")
    >>> d = ArticleResult(id="d", path="d.txt", text="In 2023 it rained.",
    ...                   comparison=Comparison("s", 0.8, "metadata", 2, 0, (issue,)))
    >>> "source: 2 direct quotes; rewrite: 0" in render_compare(d, None)
    True
    """
    comparison = derived.comparison
    if comparison is None:
        raise ValueError(
            f"article {derived.id!r} has no comparison to show: attach one first, "
            "dataclasses.replace(derived, comparison=analyzer.compare(source, derived))"
        )
    issues = list(comparison.issues)
    # Specific changes (dates, numbers, names, quotes) are listed and numbered before the
    # sentences the source does not share, which are weaker evidence.
    d_annotations, issue_notes = _annotations(
        derived, issues=issues, include_findings=False, note_quotes=False, sentences_last=True
    )
    source_view = None
    if source is not None:
        s_annotations, _ = _annotations(source, include_findings=False, note_quotes=False)
        # The source's side of each issue carries the same number as the rewrite's side.
        by_issue: dict[tuple[str, int, int], int] = {}
        for ann in d_annotations:
            if ann.noted:
                by_issue.setdefault((ann.kind, ann.start, ann.end), ann.number)
        for issue in issues:
            if issue.source_start is None or issue.source_end is None:
                continue
            if issue.kind in ABSENT_FROM_SOURCE - {"unsupported_sentence"}:
                continue  # the source lacks it: the passage nearest the sentence is not its place
            info = kind_info(issue.kind)
            number = by_issue[(issue.kind, issue.start, issue.end)]
            s_annotations.append(
                Annotation(
                    number,
                    issue.source_start,
                    issue.source_end,
                    issue.kind,
                    info.group,
                    info.label,
                    f"{info.label} (the source's words): {issue.message}",
                )
            )
        source_view = {
            "meta": _meta(source),
            "paragraphs": _paragraphs(source, s_annotations),
            "title_in_text": _opens_with_title(source),
        }
    return _render(
        "compare.html",
        script="article",
        root=root,
        derived={
            "meta": _meta(derived),
            "paragraphs": _paragraphs(derived, d_annotations),
            "title_in_text": _opens_with_title(derived),
        },
        source=source_view,
        summary=_comparison_summary(comparison, source, root),
        notes=issue_notes,
        legend=_legend(issue_notes, quotes=bool(derived.quotes or (source and source.quotes))),
    )


# Rows per index page. A batch of up to this many articles has one index.html; a larger one
# gets index.html, index-2.html, ... so no page is too large for a browser (or for memory).
INDEX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class _Entry:
    """What the index needs of one article (no text), so a batch need not hold every result."""

    meta: dict[str, Any]
    words: Any
    problems: int
    notes: int
    scores: dict[str, Any]
    source_id: str | None
    source_title: str | None
    low_confidence: list[str]  # the scores a very short text makes weak (scoring)


_ENTRY_FIELDS = tuple(f.name for f in dataclasses.fields(_Entry))


def _entry(r: ArticleResult, source: ArticleResult | None = None) -> _Entry:
    source_id = r.comparison.source_id if r.comparison else None
    notes = sum(is_note(f.kind, f.detail) for f in r.findings)
    return _Entry(
        _meta(r),
        r.metrics.get("words"),
        len(r.findings) - notes,
        notes,
        dict(r.scores),
        source_id,
        _title(source) if source is not None else source_id,
        list(r.metrics.get("scores_low_confidence") or ()),
    )


def render_index(results: Iterable[ArticleResult], failures: Iterable[Any] = ()) -> str:
    """The index: every article with type, outlet, date and scores, sortable and filterable.

    ``failures`` are the inputs that could not be read (InputError: ``path`` and ``reason``).

    Examples
    --------
    >>> page = render_index([ArticleResult(id="a", path="a.txt", text="Hi.", title="Hello")])
    >>> 'href="articles/a.html"' in page
    True
    """
    kept = list(results)
    by_id = {r.id: r for r in kept}
    entries = [_entry(r, by_id.get(r.comparison.source_id) if r.comparison else None) for r in kept]
    return _render_index(entries, _Summary.of(entries), list(failures))


@dataclass
class _Summary:
    """What every index page shows about the whole batch, gathered one entry at a time."""

    total: int = 0
    names: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    no_outlet: bool = False  # some article states none: the filter offers "not stated"

    def add(self, e: _Entry) -> None:
        self.total += 1
        self.names.update(e.scores)
        if e.meta["type"]:
            self.types.add(e.meta["type"])
        if e.meta["outlet"]:
            self.outlets.add(e.meta["outlet"])
        else:
            self.no_outlet = True

    @classmethod
    def of(cls, entries: Iterable[_Entry]) -> _Summary:
        summary = cls()
        for e in entries:
            summary.add(e)
        return summary


# Curly quotes and apostrophes folded to the ones a keyboard types; static/index.js does the same.
_STRAIGHT = str.maketrans("\u2018\u2019\u201b\u2032\u201c\u201d\u201e\u2033", "'" * 4 + '"' * 4)


def search_key(title: str) -> str:
    """What the index's title filter matches a typed text against: lower case, accents dropped,
    curly quotes straight (``key`` in static/index.js folds what is typed the same way).

    Examples
    --------
    >>> print(search_key("MÉXICO’s “Plan”"))
    mexico's "plan"
    """
    decomposed = unicodedata.normalize("NFKD", title)
    if decomposed.isascii():  # most titles: no accent, no curly quote
        return decomposed.lower()
    # Only a character outside ASCII can be a mark: those few are looked up, not every one.
    return _NON_ASCII.sub(_unless_mark, decomposed).translate(_STRAIGHT).lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _unless_mark(match: re.Match[str]) -> str:
    """The character matched, or nothing when it is a combining mark (an accent NFKD split off)."""
    c = match.group()
    return "" if unicodedata.category(c).startswith("M") else c


def _index_name(number: int) -> str:
    return "index.html" if number == 1 else f"index-{number}.html"


def _render_index(
    entries: Sequence[_Entry],
    summary: _Summary,
    failures: Sequence[Any],
    *,
    page: int = 1,
    pages: int = 1,
    worksheets: bool = False,
) -> str:
    """One index page: ``entries`` are its rows; ``summary`` describes the whole batch; with
    ``worksheets``, each row links the article's worksheet and answer key."""
    names = [n for n in SCORES if n in summary.names] + sorted(summary.names - set(SCORES))
    # Looked up once per column, not once per cell: a page has up to 1,000 rows.
    infos = [(name, score_info(name)) for name in names]
    columns = [
        {
            "name": name,
            "label": info.label,
            "help": score_help(name)[1],
            "legend": info.legend,
            "better": info.better,
            "reads": BETTER_SHORT.get(info.better, ""),
        }
        for name, info in infos
    ]
    rows = _index_rows(entries, infos, worksheets)
    pager = None
    if pages > 1:
        first = (page - 1) * INDEX_PAGE + 1
        pager = {
            "number": page,
            "count": pages,
            "first": first,
            "last": first + len(entries) - 1,
            "links": [(n, _index_name(n)) for n in range(1, pages + 1)],
            "next": _index_name(page + 1) if page < pages else None,
        }
    failed = [
        {"path": getattr(f, "path", ""), "reason": getattr(f, "reason", str(f))}
        for f in (failures if page == 1 else ())
    ]
    return _render(
        "index.html",
        script="index",
        root="",
        rows=rows,
        total=summary.total,
        columns=columns,
        types=sorted(summary.types),
        outlets=sorted(summary.outlets),
        no_outlet=summary.no_outlet,
        failures=failed,
        failed_count=len(failures),
        has_types=bool(summary.types),
        pager=pager,
        min_words=MIN_WORDS_FOR_CONFIDENCE,
        any_low=any(r["low_note"] for r in rows),
        worksheets=worksheets,
        any_moot=any(r["language_note"] for r in rows),
    )


def _index_rows(
    entries: Iterable[_Entry], infos: Sequence[tuple[str, ScoreInfo]], worksheets: bool
) -> list[dict[str, Any]]:
    """What an index page's table prints of each entry (fragments.index_rows): the scores of
    ``infos``, in their order; with ``worksheets``, links to the worksheet and answer key."""
    return [
        {
            **e.meta,
            "href": f"articles/{urlquote(e.meta['id'])}.html",
            "words": e.words,
            "words_shown": _fmt(e.words),
            "problems": e.problems,
            "notes": e.notes,
            "scores": [
                (*_score_cell(name, e.scores.get(name), info), name in e.low_confidence)
                for name, info in infos
            ],
            "low_note": _low_confidence_note(e.words) if e.low_confidence else None,
            "compare_href": f"compare/{urlquote(e.meta['id'])}.html" if e.source_id else None,
            "key_title": search_key(e.meta["title"]),
            "sheets": _sheets(e.meta["id"], "") if worksheets else None,
            "source_title": e.source_title,
        }
        for e in entries
    ]


def _score_cell(name: str, value: Any, info: ScoreInfo) -> tuple[str, Any, str, Bar | None]:
    """One score of one index row: name, value, value as shown, and its bar."""
    return name, value, _fmt(_round(value)), Bar.of(value, info.better)


def _round(value: Any) -> Any:
    return round(value) if isinstance(value, float) else value


class _IdSet:
    """Ids seen, as sorted 8-byte hashes (8 bytes an article instead of a set of strings), for
    telling current pages from stale ones; a collision could only spare one stale page."""

    def __init__(self) -> None:
        self._hashes = array("Q")
        self._sorted: np.ndarray | None = None

    @staticmethod
    def _hash(article_id: str) -> int:
        digest = hashlib.blake2b(article_id.encode("utf-8", "surrogatepass"), digest_size=8)
        return int.from_bytes(digest.digest(), "little")

    def add(self, article_id: str) -> None:
        self._hashes.append(self._hash(article_id))

    def __contains__(self, article_id: str) -> bool:
        if self._sorted is None:
            self._sorted = np.sort(np.frombuffer(self._hashes, dtype=np.uint64))
        h = np.uint64(self._hash(article_id))
        i = int(np.searchsorted(self._sorted, h))
        return i < len(self._sorted) and self._sorted[i] == h


# A page job, (result, the source it was compared with or None), and its pages: the article's
# page and, for a rewrite, its compare page.
Job = tuple[ArticleResult, ArticleResult | None]
Pages = tuple[str, str | None]
# What rendering a job gives back to the process that writes: both pages as UTF-8 bytes, written
# as they are, and the article's index row (the fields of _Entry). A page the renderer wrote
# itself is WRITTEN instead (no page is empty).
Rendered = tuple[bytes, bytes | None, list[Any]]
WRITTEN = b""


def render_pages(result: ArticleResult, source: ArticleResult | None = None) -> Pages:
    """The pages of one result: its article page and, when it holds a comparison, its compare
    page (``source`` is the article it was compared with, None when not in the batch).

    Examples
    --------
    >>> article, compare = render_pages(ArticleResult(id="a", path="a.txt", text="It rained."))
    >>> article.startswith("<!DOCTYPE html>"), compare
    (True, None)
    """
    if result.comparison is None:
        return render_article(result), None
    return render_article(result, source=source), render_compare(result, source)


def _rendered(
    result: ArticleResult,
    source: ArticleResult | None,
    early: Path | None = None,
    worksheets: bool = False,
) -> Rendered:
    """The pages and index row of ``result``; ``early`` is its page as written while it was
    scored, which a rewrite's article page is made from when it can be read (it links the
    worksheet already when the batch writes worksheets); with ``worksheets``, the article page
    links its worksheet."""
    article = None
    if early is not None and result.comparison is not None:
        with contextlib.suppress(OSError):  # gone: rendered again below
            article = add_comparison(early.read_bytes(), result, source=source)
    if article is None:
        article = render_article(result, source=source, worksheets=worksheets).encode("utf-8")
    compare = None if result.comparison is None else render_compare(result, source)
    entry = _entry(result, source)
    return (
        article,
        None if compare is None else compare.encode("utf-8"),
        [getattr(entry, f) for f in _ENTRY_FIELDS],
    )


def render_chunk(jobs: list[Job]) -> list[tuple[Rendered | None, str | None]]:
    """The pages and index row of each job, as an engine's work (one outcome per job): an
    exception fails that job only, with its reason, which :func:`write_site` reports.

    Examples
    --------
    >>> job = (ArticleResult("a", "a.txt", "Hi."), None)
    >>> [((article, compare, row), error)] = render_chunk([job])
    >>> article[:15], compare, row[0]["id"], error
    (b'<!DOCTYPE html>', None, 'a', None)
    """
    return _each_rendered(jobs, lambda job: _rendered(*job))


def render_stored_chunk(
    jobs: list[StoredJob], pages: str | None = None, worksheets: bool = False, write: bool = False
) -> list[tuple[Rendered | None, str | None]]:
    """:func:`render_chunk` over jobs as the state store holds them (decoded here; a batch ships
    them to the engine's workers, so that its main process decodes no result).

    Each stored result is decoded once for the whole chunk: in a chain of rewrites (each the
    source of the next), one job's rewrite is the next job's source, and a batch puts the jobs
    of a chain in the same chunk where they fit.

    ``pages`` is the report folder: the article page of a rewrite whose page was written while it
    was scored (:func:`write_early_page`) is made from that page (:func:`add_comparison`).
    With ``worksheets``, each article page links its worksheet and answer key. With ``write``,
    the pages are written to ``pages`` here (a worker of a batch's local engine, which shares
    its disk: the pages, ~90 KB a rewrite, are not sent back to be written) and come back as
    :data:`WRITTEN`; those that cannot be written here come back as bytes, for the batch to
    write or report (:func:`write_stored_site`).

    Examples
    --------
    >>> from analyzer.state import pack
    >>> [((article, compare, row), error)] = render_stored_chunk(
    ...     [(pack(ArticleResult("a", "a.txt", "Hi.")), None, None, None, 0, 0)]
    ... )
    >>> article[:15], compare, row[0]["id"], error
    (b'<!DOCTYPE html>', None, 'a', None)
    """
    decoded = _decoder(jobs)

    def rendered(job: StoredJob) -> Rendered:
        packed, comparison, source, source_comparison, early_page, _ = job
        result = decoded(packed, comparison)
        early = None
        if pages is not None and early_page and _SAFE_ID.fullmatch(result.id):
            early = Path(pages) / "articles" / f"{result.id}.html"
        found = None if source is None else decoded(source, source_comparison)
        return _rendered(result, found, early, worksheets)

    if not write or pages is None:
        return _each_rendered(jobs, rendered)
    from concurrent.futures import ThreadPoolExecutor

    # Each job's pages are written by a thread while the next job is rendered: writing a page
    # mostly waits on the disk (replacing a page written while scoring: 0.7-1.4 ms, ~0.25 ms of it
    # CPU), and the thread lets go of the interpreter's lock while it waits.
    made: list[tuple[Any, str | None]] = []
    with ThreadPoolExecutor(1) as writer:
        for job in jobs:
            [(pages_made, reason)] = _each_rendered([job], rendered)
            if pages_made is not None:
                pages_made = writer.submit(_written, Path(pages), pages_made)
            made.append((pages_made, reason))
    return [(None if done is None else done.result(), reason) for done, reason in made]


def _written(out: Path, made: Rendered) -> Rendered:
    """``made`` with its pages written to the report folder ``out`` here, each :data:`WRITTEN`
    in its place; as it was when they cannot be (an id not safe as a file name, a failed write):
    the process that writes the report writes it then, as it writes every page it is sent."""
    article, compare, fields = made
    name = fields[0]["id"]
    if not _SAFE_ID.fullmatch(name):
        return made
    try:
        write_atomic(out / "articles" / f"{name}.html", article)
        if compare is not None:
            write_atomic(out / "compare" / f"{name}.html", compare)
    except OSError:
        return made
    return WRITTEN, None if compare is None else WRITTEN, fields


def _decoder(jobs: Sequence[StoredJob]) -> Callable[[bytes, bytes | None], ArticleResult]:
    """:func:`~analyzer.state.unpack_result` for the jobs of one chunk, where a stored result that
    two jobs read (in a chain of rewrites, one job's rewrite is the next one's source) is decoded
    once and kept only until its last use: a chunk of unrelated articles holds one or two at a
    time, as when each job decoded its own.

    Keys are the stored bytes (result and comparison), which name the article: only the same
    article, as the same rewrite, is shared.
    """
    uses = collections.Counter(
        key for job in jobs for key in ((job[0], job[1]), (job[2], job[3])) if key[0] is not None
    )
    from analyzer.state import unpack_result

    kept: dict[tuple[bytes, bytes | None], ArticleResult] = {}

    def decoded(packed: bytes, comparison: bytes | None) -> ArticleResult:
        key = (packed, comparison)
        uses[key] -= 1
        result = kept.get(key) if uses[key] > 0 else kept.pop(key, None)
        if result is None:
            result = unpack_result(packed, comparison)
            if uses[key] > 0:
                kept[key] = result
        return result

    return decoded


def write_early_page(out: Path, result: ArticleResult, *, worksheets: bool = False) -> str | None:
    """Write the article page of ``result``, which holds no comparison, to ``out``/articles
    while a batch scores it (the result is at hand: it is not decoded again for its page), and
    give its index row as JSON; None when nothing was written.

    Nothing is written for a rewrite, an id that is not safe as a file name, or a page that
    cannot be rendered or written: the batch's page step makes that page with the others
    (:func:`write_stored_site`), and reports its error there.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> row = write_early_page(out, ArticleResult(id="a", path="a.txt", text="Hi."))
    >>> json.loads(row)[0]["id"], (out / "articles" / "a.html").read_text()[:15]
    ('a', '<!DOCTYPE html>')
    """
    if result.comparison is not None or not _SAFE_ID.fullmatch(result.id):
        return None
    try:
        article, _, fields = _rendered(result, None, worksheets=worksheets)
        write_atomic(out / "articles" / f"{result.id}.html", article)
    except Exception:  # made again, and its error reported, with the other pages
        return None
    return json.dumps(fields)


def _each_rendered(
    jobs: Iterable[Any], render: Callable[[Any], Rendered]
) -> list[tuple[Rendered | None, str | None]]:
    """``render`` of each job as an outcome: an exception fails that job only, with its reason."""
    out: list[tuple[Rendered | None, str | None]] = []
    for job in jobs:
        try:
            out.append((render(job), None))
        except Exception as exc:  # one article's page must not stop the batch
            out.append((None, f"{type(exc).__name__}: {exc}"))
    return out


# render(jobs): each job in the same order with its outcome (see write_site).
Render = Callable[[Iterable[Any]], Iterable[tuple[Any, tuple[Rendered | None, str | None]]]]
# render(chunks): each job of each chunk, chunk after chunk, with its outcome (write_stored_site).
RenderChunks = Callable[
    [Iterable[list[Any]]], Iterable[tuple[Any, tuple[Rendered | None, str | None]]]
]


class Rows(Protocol):
    """Where the index rows of the pages written go (JSON of an entry's fields, with the
    article's id), and come back from: every row of the report in input order, as many times as
    it is iterated (only after the last ``add``)."""

    def add(self, article_id: str, row: str) -> None: ...

    def __iter__(self) -> Iterator[str]: ...


class _SpooledRows:
    """:class:`Rows` in the order they are added, in a temporary file (memory stays flat)."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file

    def add(self, article_id: str, row: str) -> None:
        self._file.write(row + "\n")

    def __iter__(self) -> Iterator[str]:
        self._file.seek(0)
        return iter(self._file)


def write_site(
    out: Path,
    results: Iterable[ArticleResult],
    failures: Iterable[Any] = (),
    *,
    render: Render | None = None,
) -> list[InputError]:
    """Write ``out``/index.html, ``out``/articles/<id>.html and ``out``/compare/<id>.html.

    A compare page is written for every result that holds a comparison; it is named after the
    rewrite (each rewrite has one source). Pages of articles no longer among ``results`` are
    removed. Files are written atomically. A batch of more than :data:`INDEX_PAGE` articles
    gets its index in pages: ``index.html``, ``index-2.html``, ...

    Parameters
    ----------
    out : Path
        The report folder.
    results : iterable of ArticleResult
        Every current result, kept in memory: a compare page's source is found among them.
        (A batch writes its pages from the store instead: :func:`write_stored_site`.)
    failures : iterable of InputError
        Inputs that failed, listed on the (first) index page with their error.
    render : callable, optional
        Renders the pages somewhere else: given (result, source or None) jobs, it yields each
        job in the same order with :func:`render_chunk`'s outcome for it (an engine's worker
        pool, say). Without one, pages are rendered here; the bytes written are the same
        either way.

    Returns
    -------
    list of InputError
        The articles whose pages could not be rendered (a bug an article sets off): they have no
        page and no index row, and are listed on the index with the other failures.
    """
    kept = list(results)
    by_id = {r.id: r for r in kept}

    def jobs() -> Iterator[Job]:
        for r in kept:
            yield r, (by_id.get(r.comparison.source_id) if r.comparison is not None else None)

    outcomes = render(jobs()) if render is not None else ((j, *render_chunk([j])) for j in jobs())
    return _write(out, outcomes, failures, render_chunk, lambda job: job[0].path)


def write_stored_site(
    out: Path,
    chunks: Iterable[list[StoredJob]],
    failures: Iterable[Any] = (),
    *,
    render: RenderChunks | None = None,
    rows: Rows | None = None,
    worksheets: bool = False,
) -> list[InputError]:
    """:func:`write_site` for a batch, from page jobs as its state store holds them
    (:meth:`analyzer.state.StateStore.run_page_job`), in chunks, each rendered as one
    (:func:`render_stored_chunk`): a batch puts the jobs that share an article together
    (``analyzer.batch._page_chunks``), in any order; failures are reported in input order.

    With ``render`` (the batch's engine running :func:`render_stored_chunk` with ``pages=out``
    over each chunk, giving each job with its outcome), the results are decoded and the pages
    rendered on the engine's workers, while this process only writes what comes back: pages as
    bytes and index rows. Without it, both happen here. The bytes written are those of
    :func:`write_site` over the same results.

    ``rows`` keeps the index rows, whatever order they come in; given, it also holds those of
    pages written before (:func:`write_early_page`), which the jobs then leave out: the index
    lists both. Without it, the jobs must come in input order.

    With ``worksheets`` (and ``render`` made with it too), the article pages and the index link
    each article's worksheet and answer key.
    """

    def path(job: StoredJob) -> str:  # needed only for a page that failed
        from analyzer.state import unpack

        return unpack(job[0]).path

    work = functools.partial(render_stored_chunk, pages=str(out), worksheets=worksheets)
    if render is not None:
        outcomes = render(chunks)
    else:
        outcomes = (pair for chunk in chunks for pair in zip(chunk, work(chunk), strict=True))
    # A job whose worker was lost is rendered again here from its stored result alone: the
    # worker may have replaced the page written while scoring with the finished page before it
    # was lost, and putting the comparison into that page again would print it twice.
    again = functools.partial(render_stored_chunk, worksheets=worksheets)
    return _write(
        out, outcomes, failures, again, path, rows, rank=lambda job: job[5], worksheets=worksheets
    )


def _write(
    out: Path,
    outcomes: Iterable[tuple[Any, tuple[Rendered | None, str | None]]],
    failures: Iterable[Any],
    work: Callable[[list[Any]], list[tuple[Rendered | None, str | None]]],
    path: Callable[[Any], str],
    rows: Rows | None = None,
    rank: Callable[[Any], int] | None = None,
    worksheets: bool = False,
) -> list[InputError]:
    """Write the pages of each job with its outcome from ``work`` (done again here for a job
    whose worker was lost); the index lists ``rows`` (those of the pages written here, spooled
    when not given), with links to their worksheets when ``worksheets``. Page failures come in
    the jobs' order, or in that of ``rank``."""
    out = Path(out)
    failures = list(failures)
    failed: list[tuple[int, InputError]] = []  # (rank, failure)

    def outcome(job: Any, rendered: Rendered | None, reason: str | None) -> Rendered | None:
        if rendered is None and lost(reason):  # the worker was lost, not the page: render here
            [(rendered, reason)] = work([job])
        if rendered is None:  # the page's own error: reported once, not tried again
            error = InputError(path(job), f"page could not be rendered ({reason})")
            failed.append((len(failed) if rank is None else rank(job), error))
        return rendered

    done = (outcome(job, *result) for job, result in outcomes)
    rewrites = _IdSet()
    with contextlib.ExitStack() as stack:
        if rows is None:
            rows = _SpooledRows(stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8")))
        for rendered in done:
            if rendered is None:
                continue
            article, compare, fields = rendered
            article_id = fields[0]["id"]
            name = _check_id(article_id)
            if article != WRITTEN:
                write_atomic(out / "articles" / f"{name}.html", article)
            if compare is not None:
                if compare != WRITTEN:
                    write_atomic(out / "compare" / f"{name}.html", compare)
                rewrites.add(article_id)
            rows.add(article_id, json.dumps(fields))
        page_failures = [error for _, error in sorted(failed, key=lambda pair: pair[0])]
        summary, articles = _Summary(), _IdSet()
        for row in rows:
            e = _Entry(*json.loads(row))
            summary.add(e)
            articles.add(e.meta["id"])
        pages = max(1, -(-summary.total // INDEX_PAGE))
        entries = (_Entry(*json.loads(row)) for row in rows)
        for page in range(1, pages + 1):
            part = list(itertools.islice(entries, _page_size(summary.total, page)))
            text = _render_index(
                part,
                summary,
                failures + page_failures,
                page=page,
                pages=pages,
                worksheets=worksheets,
            )
            write_atomic(out / _index_name(page), text)
    _remove_stale_index(out, pages)
    _remove_stale(out / "articles", articles)
    _remove_stale(out / "compare", rewrites)
    for folder in (out, out / "articles", out / "compare"):
        sweep_temporaries(folder)
    return page_failures


def _page_size(total: int, page: int) -> int:
    return max(0, min(INDEX_PAGE, total - (page - 1) * INDEX_PAGE))


def _remove_stale_index(out: Path, pages: int) -> None:
    """Delete index pages beyond the last one (a batch that shrank)."""
    for path in out.glob("index-*.html"):
        number = path.stem.removeprefix("index-")
        if number.isdigit() and int(number) > pages:
            path.unlink()


def _remove_stale(folder: Path, keep: _IdSet) -> None:
    """Delete pages of articles that are gone (only ``*.html`` this writer names by id)."""
    if not folder.is_dir():
        return
    for page in folder.glob("*.html"):
        if page.stem not in keep and _SAFE_ID.fullmatch(page.stem):
            page.unlink()
