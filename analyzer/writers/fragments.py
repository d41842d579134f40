"""The parts of a page printed once per piece of text, note, tick or table row, written here as
HTML.

Through Jinja2 every value such a part prints is escaped on its own (``markupsafe.escape``, a
``Markup`` made per value): an article page prints some 900 values, and escaping them apart was
the largest cost of writing the pages. Here each part is written as a list that alternates the
writer's own markup and values, and all the values of the part are escaped together, in one call
(:func:`_html`); the part goes to the template as ``Markup``, which prints it as it is. The
templates call these functions where they had a macro, an include or a loop (``text``,
``notes_list``, ``legend_list``, ``draw`` and the rows of the tables), and the bytes are the same
(tests/test_page_equivalence.py holds those templates as the specification).

Every value is escaped, whether it comes from an article or not: a value is only ever put in a
value's place (the odd places of the list), never in the markup's. Values are plain ``str``
(numbers are given as ``str(n)``, which is what Jinja2 printed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from analyzer.writers.charts import Chart
    from analyzer.writers.highlight import Segment


def _html(parts: list[str]) -> Markup:
    """``parts`` joined, the values in its odd places escaped as ``markupsafe.escape`` does.

    The values are joined with NUL, which escaping leaves alone, and escaped in one call; a value
    that holds a NUL itself (the split then gives more pieces) has each value escaped apart.

    Examples
    --------
    >>> str(_html(["<b>", "a<b", "</b><i>", 'x"\\x00', "</i>"]))
    '<b>a&lt;b</b><i>x&#34;\\x00</i>'
    """
    values = parts[1::2]
    escaped = str.split(escape("\0".join(values)), "\0")
    if len(escaped) != len(values):
        escaped = [str(escape(v)) for v in values]
    parts[1::2] = escaped
    return Markup("".join(parts))


_MARK_CSS = {"quote": "q", "check": "c"}


def mark_class(group: str) -> str:
    """The class that draws a group's mark: quotes ``q``, checks ``c``, findings ``g-<group>``."""
    return _MARK_CSS.get(group) or f"g-{group}"


def _mark(seg: Segment) -> tuple[str, str, str, str]:
    """The class, tip, note numbers shown and ``aria-describedby`` of a marked segment."""
    marks = seg.marks
    if len(marks) == 1:  # most marked segments: the general case below, shortened
        (m,) = marks
        css = "hl " + mark_class(m.group)
        if not m.noted:
            return css, m.tip, "", ""
        numbers = str(m.number) if m.number in seg.ending else ""
        return css, f"{m.number}. {m.tip}", numbers, f"note-{m.number}"
    others = [m for m in marks if m.group not in ("quote", "check")]
    classes = ["hl"]
    if any(m.group == "quote" for m in marks):
        classes.append("q")
    if others:
        # The innermost finding gives the line style; more than one adds a top rule.
        inner = min(others, key=lambda m: (m.end - m.start, m.number))
        classes.append(f"g-{inner.group}")
        if len(others) > 1:
            classes.append("ov")
    if any(m.group == "check" for m in marks):
        classes.append("c")
    return (
        " ".join(classes),
        " • ".join(f"{m.number}. {m.tip}" if m.noted else m.tip for m in marks),
        " ".join(str(m.number) for m in marks if m.noted and m.number in seg.ending),
        " ".join(f"note-{m.number}" for m in marks if m.noted),
    )


def text(paragraphs: Sequence[Sequence[Segment]], label: str) -> Markup:
    """One article text as paragraphs of segments (:func:`~analyzer.writers.highlight.segment`),
    each marked segment a ``<mark>`` that carries its tip and note numbers.

    Examples
    --------
    >>> from analyzer.writers.highlight import Annotation, segment
    >>> hedge = Annotation(1, 3, 6, "hedge", "hedge", "Hedge", "Hedge: softens")
    >>> print(text(segment("It may <rain>.", [hedge]), "Text"))
    <div class="text" aria-label="Text">
    <p>It <mark class="hl g-hedge" tabindex="0" data-tip="1. Hedge: softens" aria-describedby="note-1" data-n="1">may</mark> &lt;rain&gt;.</p>
    </div>
    <BLANKLINE>
    """  # noqa: E501
    parts: list[str] = ['<div class="text" aria-label="', label]
    markup = '">\n'
    for para in paragraphs:
        markup += "<p>"
        for seg in para:
            if seg.marks:
                css, tip, numbers, described = _mark(seg)
                parts += (
                    markup + '<mark class="', css, '" tabindex="0" data-tip="', tip,
                    '" aria-describedby="', described,
                )  # fmt: skip
                if numbers:
                    parts += ('" data-n="', numbers)
                parts += ('">', seg.text)
                markup = "</mark>"
            else:
                parts += (markup, seg.text)
                markup = ""
        markup += "</p>\n"
    parts.append(markup + "</div>\n")
    return _html(parts)


def notes_list(notes: Sequence[Any], heading: str, tally: str = "") -> Markup:
    """The numbered list of marked passages (or of differences), each with its reason; a note
    is an ``html.Note`` (number, css, label, text, message, extra, placed).

    Examples
    --------
    >>> print(notes_list([], "Differences"), end="")
    <section class="notes" aria-labelledby="notes-h">
    <h2 id="notes-h">Differences (0)</h2>
    <p>Nothing to note.</p>
    </section>
    """
    parts: list[str] = ['<section class="notes" aria-labelledby="notes-h">\n<h2 id="notes-h">',
                        heading, " (", str(len(notes))]  # fmt: skip
    markup = ")</h2>\n"
    if tally:
        parts += (markup + '<p class="hint tally">', tally)
        markup = "</p>"
    if not notes:
        parts.append(markup + "<p>Nothing to note.</p>\n</section>\n")
        return _html(parts)
    markup += '<ol class="notes-list">\n'
    for n in notes:
        number = str(n.number)
        parts += (
            markup + '<li id="note-', number, '" value="', number, '"><span class="kind ', n.css,
            '">', n.label, '</span> <span class="excerpt">', n.text,
        )  # fmt: skip
        markup = "</span>"
        if n.message:
            parts += (markup + ' <span class="msg">', n.message)
            markup = "</span>"
        if n.extra:
            parts += (markup + ' <span class="extra">', n.extra)
            markup = "</span>"
        if not n.placed:
            markup += ' <span class="unplaced">(not placed in the text)</span>'
        markup += "</li>\n"
    parts.append(markup + "</ol>\n</section>\n")
    return _html(parts)


def draw(chart: Chart, key: str, heading: str) -> Markup:
    """A chart (:mod:`analyzer.writers.charts`) as inline SVG, with its summary as caption.

    Examples
    --------
    >>> from analyzer.writers.charts import role_bars
    >>> svg = str(draw(role_bars({"official": 1.0}, {}, ["official"]), "roles", "Who"))
    >>> svg.count("<rect "), '<rect class="r-words" x="170" y="16.0" width="0.0"' in svg
    (3, True)
    """
    parts: list[str] = [
        '<section class="chart" aria-labelledby="', key, '-h">\n<h2 id="', key, '-h">', heading,
        '</h2>\n<figure>\n<svg class="map" viewBox="0 0 ', str(chart.width), " ",
        str(chart.height), '" role="img" aria-labelledby="', key, '-desc">\n<rect class="plot" x="',
        str(chart.plot_x), '" y="0" width="', str(chart.plot_width), '" height="',
        str(chart.height),
    ]  # fmt: skip
    markup = '"></rect>\n'
    for row in chart.rows:
        parts += (markup + '<text class="label" x="4" y="', str(row.text_y), '">', row.label)
        markup = "</text>\n"
        for r in row.rects:
            parts += (
                markup + '<rect class="', r.css, '" x="', str(r.x), '" y="', str(r.y),
                '" width="', str(r.width), '" height="', str(r.height), '"><title>', r.title,
            )  # fmt: skip
            markup = "</title></rect>\n"
    parts += (markup + '</svg>\n<figcaption id="', key, '-desc">', chart.summary)
    parts.append("</figcaption>\n</figure>\n</section>\n")
    return _html(parts)


def score_rows(scores: Sequence[Any], bar: Callable[[Any, int], Markup]) -> Markup:
    """The rows of an article's scores table; a score is an ``html.Figure``, ``bar`` draws its
    bar (``html._bar_svg``: markup of the project's own, printed as it is)."""
    parts: list[str] = []
    markup = ""
    for s in scores:
        parts += (markup + '<tr><th scope="row">', s.label)
        markup = ""
        if s.reads:
            parts += (' <span class="dir">', s.reads)
            markup = "</span>"
        parts += (markup + '</th><td class="num">', s.value)
        markup = ""
        if s.low:
            markup += '<abbr class="low" title="Low confidence: see the line\'s note">?</abbr>'
        if s.bar is not None:
            markup += str(bar(s.bar, 80))
        parts += (markup + "</td><td>", s.help)
        markup = ""
        if s.parts:
            parts += (' <span class="parts">In this article: ', s.parts)
            markup = ".</span>"
        markup += "</td></tr>\n"
    parts.append(markup)
    return _html(parts)


def metric_rows(metrics: Sequence[Any]) -> Markup:
    """The rows of an article's metrics table; a metric is an ``html.Figure``."""
    parts: list[str] = []
    markup = ""
    for m in metrics:
        parts += (
            markup + '<tr><th scope="row">', m.label, '</th><td class="num">', m.value,
            "</td><td>", m.help,
        )  # fmt: skip
        markup = "</td></tr>\n"
    parts.append(markup)
    return _html(parts)


def source_rows(sources: Sequence[dict[str, Any]]) -> Markup:
    """The rows of an article's sources table: each source's fields and whether it is named."""
    parts: list[str] = []
    markup = ""
    for s in sources:
        parts += (
            markup + '<tr><th scope="row">', s["name"], "</th><td>", s["kind"],
            "</td><td>", "yes" if s["named"] else "no", "</td><td>", s["role"],
            "</td><td>", s["description"] or "", '</td><td class="num">', str(s["quotes"]),
            '</td><td class="num">', str(s["mentions"]),
        )  # fmt: skip
        markup = "</td></tr>\n"
    parts.append(markup)
    return _html(parts)


def index_rows(rows: Sequence[dict[str, Any]], bar: Callable[[Any, int], Markup]) -> Markup:
    """The rows of an index page's table of articles (``html._render_index`` makes each row's
    dict), ``bar`` drawing each score's bar (``html._bar_svg``)."""
    parts: list[str] = []
    markup = ""
    for r in rows:
        article_type, outlet, published = r["type"] or "", r["outlet"] or "", r["published"] or ""
        note = r["language_note"]
        parts += (
            markup + '<tr data-type="', article_type, '" data-outlet="', outlet, '" data-title="',
            r["key_title"], '">\n<td data-v="', r["key_title"], '"><a href="', r["href"], '">',
            r["title"],
        )  # fmt: skip
        markup = "</a>"
        if r["has_title"]:
            parts += (markup + '<code class="id">', r["id"])
            markup = "</code>"
        if note:
            parts += (markup + '<span class="lang-note" title="', note, '">', r["language_name"])
            markup = " text, not English: scores not meaningful</span>"
        if r["sheets"]:
            parts += (
                markup + '<span class="sheets"><a href="', r["sheets"]["worksheet"],
                '">worksheet</a> · <a href="', r["sheets"]["answers"],
            )  # fmt: skip
            markup = '">answer key</a></span>'
        if r["compare_href"]:
            parts += (
                markup + '<span class="pair-of">Rewrite of “', r["source_title"],
                "” · <a href=\"", r["compare_href"],
            )  # fmt: skip
            markup = '" title="Compare page: this rewrite beside its source">compare</a></span>'
        words = r["words"]
        parts += (
            markup + '</td>\n<td data-v="', article_type, '">', article_type or "—",
            '</td>\n<td data-v="', outlet, '">', outlet or "—", '</td>\n<td data-v="', published,
            '">', published or "—", '</td>\n<td class="num" data-v="',
            "" if words is None else str(words), '">', r["words_shown"],
        )  # fmt: skip
        markup = "</td>\n"
        cell = '<td class="num score moot" data-v="' if note else '<td class="num score" data-v="'
        cell_end = '" title="Not meaningful: the text is not English">' if note else '">'
        for _, value, shown, b, low in r["scores"]:
            parts += (markup + cell, "" if value is None else str(value))
            markup = cell_end
            if b is not None:
                markup += str(bar(b, 40)) + " "
            parts += (markup, shown)
            markup = ""
            if low:
                parts += ('<abbr class="low" title="', r["low_note"])
                markup = '">?</abbr>'
            markup += "</td>\n"
        problems, notes = str(r["problems"]), str(r["notes"])
        parts += (
            markup + '<td class="num" data-v="', problems, '">', problems,
            '</td>\n<td class="num" data-v="', notes, '">', notes,
        )  # fmt: skip
        markup = "</td>\n</tr>\n"
    parts.append(markup)
    return _html(parts)


def legend_list(rows: Sequence[Any]) -> Markup:
    """The legend of a page's marks: one ``html.LegendRow`` per group present, with its kinds
    (label, meaning, count); nothing when no group is present."""
    if not rows:
        return Markup()
    parts: list[str] = []
    markup = (
        '<section class="legend" aria-labelledby="legend-h">\n<h2 id="legend-h">Legend</h2>\n'
        '<p class="hint">Point at, tab to or tap a marked passage to read why it is marked. A '
        "small number after a passage is its note in the list below.</p>\n<dl>\n"
    )
    for row in rows:
        parts += (
            markup + '<div class="legend-row">\n<dt><mark class="hl ', row.css, '">', row.label,
            '</mark> <span class="style">', row.style,
        )  # fmt: skip
        markup = "</span></dt>\n"
        for label, meaning, count in row.kinds:
            parts += (markup + "<dd><strong>", label)
            markup = "</strong>"
            if count:
                parts += (markup + " ", count)
                markup = ""
            if meaning:
                parts += (markup + ": ", meaning)
                markup = ""
            markup += "</dd>\n"
        markup += "</div>\n"
    parts.append(markup + "</dl>\n</section>\n")
    return _html(parts)
