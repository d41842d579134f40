"""Speed-ups of the pages that must not change a byte: the parts written in Python
(writers/fragments.py) against the Jinja2 macros they replaced; highlight.segment,
charts.text_map, html.search_key and html._legend against the loops they replaced.

The macros, the segment view and the loops below are the ones the fast code replaced, kept here
as the specification: rendered with the pages' Jinja2 settings, the macros must give the same
characters for real articles, hand-made ones with every kind of mark, and hostile text.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass

import pytest
from escaping_payloads import PAYLOADS
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment, StrictUndefined
from report_examples import PAYLOAD, hostile, rich_rewrite, rich_source, seed_result

from analyzer.results import ArticleResult, Finding, Quote
from analyzer.signals.roles import ROLES, UNKNOWN
from analyzer.writers import fragments, html
from analyzer.writers.charts import Chart, Rect, Row, role_bars, text_map
from analyzer.writers.explain import GROUP_LABELS, GROUPS
from analyzer.writers.highlight import Annotation, Segment, segment

MACROS = {
    "text": """{% macro text(paragraphs, label) %}
<div class="text" aria-label="{{ label }}">
{% for para in paragraphs %}
<p>{% for s in para %}{% if s.css %}<mark class="{{ s.css }}" tabindex="0" data-tip="{{ s.tip }}" aria-describedby="{{ s.describedby }}"{% if s.numbers %} data-n="{{ s.numbers }}"{% endif %}>{{ s.text }}</mark>{% else %}{{ s.text }}{% endif %}{% endfor %}</p>
{% endfor %}
</div>
{% endmacro %}""",  # noqa: E501
    "notes": """{% macro notes_list(notes, heading, tally="") %}
<section class="notes" aria-labelledby="notes-h">
<h2 id="notes-h">{{ heading }} ({{ notes|length }})</h2>
{% if tally %}<p class="hint tally">{{ tally }}</p>{% endif %}
{% if notes %}
<ol class="notes-list">
{% for n in notes %}
<li id="note-{{ n.number }}" value="{{ n.number }}"><span class="kind {{ n.css }}">{{ n.label }}</span> <span class="excerpt">{{ n.text }}</span>{% if n.message %} <span class="msg">{{ n.message }}</span>{% endif %}{% if n.extra %} <span class="extra">{{ n.extra }}</span>{% endif %}{% if not n.placed %} <span class="unplaced">(not placed in the text)</span>{% endif %}</li>
{% endfor %}
</ol>
{% else %}
<p>Nothing to note.</p>
{% endif %}
</section>
{% endmacro %}""",  # noqa: E501
    "draw": """{% macro draw(chart, key, heading) %}
<section class="chart" aria-labelledby="{{ key }}-h">
<h2 id="{{ key }}-h">{{ heading }}</h2>
<figure>
<svg class="map" viewBox="0 0 {{ chart.width }} {{ chart.height }}" role="img" aria-labelledby="{{ key }}-desc">
<rect class="plot" x="{{ chart.plot_x }}" y="0" width="{{ chart.plot_width }}" height="{{ chart.height }}"></rect>
{% for row in chart.rows %}
<text class="label" x="4" y="{{ row.text_y }}">{{ row.label }}</text>
{% for r in row.rects %}
<rect class="{{ r.css }}" x="{{ r.x }}" y="{{ r.y }}" width="{{ r.width }}" height="{{ r.height }}"><title>{{ r.title }}</title></rect>
{% endfor %}
{% endfor %}
</svg>
<figcaption id="{{ key }}-desc">{{ chart.summary }}</figcaption>
</figure>
</section>
{% endmacro %}""",  # noqa: E501
    "rows": """{% macro score_rows(scores) %}
{% for s in scores %}
<tr><th scope="row">{{ s.label }}{% if s.reads %} <span class="dir">{{ s.reads }}</span>{% endif %}</th><td class="num">{{ s.value }}{% if s.low %}<abbr class="low" title="Low confidence: see the line's note">?</abbr>{% endif %}{% if s.bar is not none %}{{ bar(s.bar, 80) }}{% endif %}</td><td>{{ s.help }}{% if s.parts %} <span class="parts">In this article: {{ s.parts }}.</span>{% endif %}</td></tr>
{% endfor %}
{% endmacro %}
{% macro metric_rows(metrics) %}
{% for m in metrics %}
<tr><th scope="row">{{ m.label }}</th><td class="num">{{ m.value }}</td><td>{{ m.help }}</td></tr>
{% endfor %}
{% endmacro %}
{% macro source_rows(sources) %}
{% for s in sources %}
<tr><th scope="row">{{ s.name }}</th><td>{{ s.kind }}</td><td>{{ "yes" if s.named else "no" }}</td><td>{{ s.role }}</td><td>{{ s.description or "" }}</td><td class="num">{{ s.quotes }}</td><td class="num">{{ s.mentions }}</td></tr>
{% endfor %}
{% endmacro %}""",  # noqa: E501
    "legend": """{% macro legend_list(legend) %}
{% if legend %}
<section class="legend" aria-labelledby="legend-h">
<h2 id="legend-h">Legend</h2>
<p class="hint">Point at, tab to or tap a marked passage to read why it is marked. A small number after a passage is its note in the list below.</p>
<dl>
{% for row in legend %}
<div class="legend-row">
<dt><mark class="hl {{ row.css }}">{{ row.label }}</mark> <span class="style">{{ row.style }}</span></dt>
{% for label, meaning, count in row.kinds %}
<dd><strong>{{ label }}</strong>{% if count %} {{ count }}{% endif %}{% if meaning %}: {{ meaning }}{% endif %}</dd>
{% endfor %}
</div>
{% endfor %}
</dl>
</section>
{% endif %}
{% endmacro %}""",  # noqa: E501
    "index": """{% macro index_rows(rows) %}
{% for r in rows %}
<tr data-type="{{ r.type or '' }}" data-outlet="{{ r.outlet or '' }}" data-title="{{ r.key_title }}">
<td data-v="{{ r.key_title }}"><a href="{{ r.href }}">{{ r.title }}</a>{% if r.has_title %}<code class="id">{{ r.id }}</code>{% endif %}{% if r.language_note %}<span class="lang-note" title="{{ r.language_note }}">{{ r.language_name }} text, not English: scores not meaningful</span>{% endif %}{% if r.sheets %}<span class="sheets"><a href="{{ r.sheets.worksheet }}">worksheet</a> · <a href="{{ r.sheets.answers }}">answer key</a></span>{% endif %}{% if r.compare_href %}<span class="pair-of">Rewrite of “{{ r.source_title }}” · <a href="{{ r.compare_href }}" title="Compare page: this rewrite beside its source">compare</a></span>{% endif %}</td>
<td data-v="{{ r.type or '' }}">{{ r.type or "—" }}</td>
<td data-v="{{ r.outlet or '' }}">{{ r.outlet or "—" }}</td>
<td data-v="{{ r.published or '' }}">{{ r.published or "—" }}</td>
<td class="num" data-v="{{ r.words if r.words is not none else '' }}">{{ r.words_shown }}</td>
{% for name, value, shown, b, low in r.scores %}
<td class="num score{% if r.language_note %} moot{% endif %}" data-v="{{ value if value is not none else '' }}"{% if r.language_note %} title="Not meaningful: the text is not English"{% endif %}>{% if b is not none %}{{ bar(b, 40) }} {% endif %}{{ shown }}{% if low %}<abbr class="low" title="{{ r.low_note }}">?</abbr>{% endif %}</td>
{% endfor %}
<td class="num" data-v="{{ r.problems }}">{{ r.problems }}</td>
<td class="num" data-v="{{ r.notes }}">{{ r.notes }}</td>
</tr>
{% endfor %}
{% endmacro %}""",  # noqa: E501
}


def plain_macro(name: str, function: str):
    environment = Environment(
        loader=DictLoader(MACROS),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["bar"] = html._bar_svg
    return getattr(environment.get_template(name).module, function)


@dataclass
class SegmentView:
    text: str
    css: str
    tip: str
    numbers: str
    describedby: str


def plain_segment_view(seg: Segment) -> SegmentView:
    """html._segment_view as it was: what the text macro printed of each segment."""
    if not seg.marks:
        return SegmentView(seg.text, "", "", "", "")
    others = [m for m in seg.marks if m.group not in ("quote", "check")]
    classes = ["hl"]
    if any(m.group == "quote" for m in seg.marks):
        classes.append("q")
    if others:
        inner = min(others, key=lambda m: (m.end - m.start, m.number))
        classes.append(f"g-{inner.group}")
        if len(others) > 1:
            classes.append("ov")
    if any(m.group == "check" for m in seg.marks):
        classes.append("c")
    return SegmentView(
        text=seg.text,
        css=" ".join(classes),
        tip=" • ".join(f"{m.number}. {m.tip}" if m.noted else m.tip for m in seg.marks),
        numbers=" ".join(str(m.number) for m in seg.marks if m.noted and m.number in seg.ending),
        describedby=" ".join(f"note-{m.number}" for m in seg.marks if m.noted),
    )


def plain_segment(text, annotations, paragraphs):
    """highlight.segment as it was: every piece's marks sorted and its endings collected."""
    n = len(text)
    spans = sorted(
        (a for a in annotations if a.placed and a.end <= n),
        key=lambda a: (a.start, -a.end, a.number),
    )
    paras = [(s, e) for s, e in paragraphs if 0 <= s <= e <= n] or [(0, n)]
    cuts = sorted({c for a in spans for c in (a.start, a.end)} | {c for p in paras for c in p})
    out, active, nxt, ci = [], [], 0, 0
    for i, (p_start, p_end) in enumerate(paras):
        gap_end = paras[i + 1][0] if i + 1 < len(paras) else n
        pieces = []
        while ci < len(cuts) and cuts[ci] < p_start:
            ci += 1
        pos = p_start
        while pos < p_end:
            active = [a for a in active if a.end > pos]
            while nxt < len(spans) and spans[nxt].start <= pos:
                if spans[nxt].end > pos:
                    active.append(spans[nxt])
                nxt += 1
            while ci < len(cuts) and cuts[ci] <= pos:
                ci += 1
            stop = min(cuts[ci] if ci < len(cuts) else p_end, p_end)
            marks = tuple(sorted(active, key=lambda a: a.number))
            last = stop if stop < p_end else gap_end
            ending = tuple(a.number for a in marks if a.end <= last)
            pieces.append(Segment(text[pos:stop], marks, ending))
            pos = stop
        out.append(pieces)
    return out


def plain_legend(notes, *, quotes=False):
    """html._legend as it was: each group's kinds sorted and looked up again."""
    counts = {}
    for n in notes:
        counts[n.kind] = counts.get(n.kind, 0) + 1
    rows = []
    for group, style in GROUPS.items():
        kinds = tuple(
            (html.kind_info(k).label, html.kind_info(k).meaning, f"({c})")
            for k, c in sorted(counts.items(), key=lambda kc: html.kind_info(kc[0]).label)
            if html.kind_info(k).group == group
        )
        if group == "quote" and quotes and not kinds:
            kinds = ((html.kind_info("quote").label, html.kind_info("quote").meaning, ""),)
        if kinds:
            rows.append(
                html.LegendRow(
                    group, GROUP_LABELS[group], style, kinds, fragments.mark_class(group)
                )
            )
    return rows


def assert_text_as_plain(paragraphs: list[list[Segment]], label: str) -> None:
    views = [[plain_segment_view(s) for s in para] for para in paragraphs]
    assert str(fragments.text(paragraphs, label)) == str(plain_macro("text", "text")(views, label))


def assert_page_parts_as_plain(result: ArticleResult, **annotate) -> None:
    annotations, notes = html._annotations(result, **annotate)
    assert html._paragraphs(result, annotations) == plain_segment(
        result.text, annotations, result.paragraphs
    )
    assert_text_as_plain(html._paragraphs(result, annotations), "Article <text>")
    for quotes in (False, True):
        legend = html._legend(notes, quotes=quotes)
        assert legend == plain_legend(notes, quotes=quotes)
        assert str(fragments.legend_list(legend)) == str(
            plain_macro("legend", "legend_list")(legend)
        )
    plain_notes = plain_macro("notes", "notes_list")
    for tally in ("", html._tally(result)):
        assert str(fragments.notes_list(notes, "Marked", tally)) == str(
            plain_notes(notes, "Marked", tally)
        )
    plain_rows = plain_macro("rows", "score_rows")
    scores = html._scores(result)
    assert str(fragments.score_rows(scores, html._bar_svg)) == str(plain_rows(scores))
    metrics = html._metrics(result)
    assert str(fragments.metric_rows(metrics)) == str(plain_macro("rows", "metric_rows")(metrics))
    sources = html._source_rows(result) or []
    assert str(fragments.source_rows(sources)) == str(plain_macro("rows", "source_rows")(sources))
    groups = [(g, GROUP_LABELS[g]) for g in GROUPS]
    marks_map = text_map(len(result.text), annotations, groups)
    assert marks_map == plain_text_map(len(result.text), annotations, groups)
    charts = [
        marks_map,
        role_bars(
            result.metrics.get("source_roles") or {},
            result.metrics.get("quoted_words_by_role") or {},
            [*ROLES, UNKNOWN],
        ),
    ]
    for chart in charts:
        if chart is not None:
            assert str(fragments.draw(chart, "k<", "Heading & co")) == str(
                plain_macro("draw", "draw")(chart, "k<", "Heading & co")
            )


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_parts_of_a_seed_page_are_the_macros_output(prefix):
    assert_page_parts_as_plain(seed_result(prefix))


@pytest.mark.parametrize("example", [rich_source, hostile])
def test_parts_of_a_page_with_every_kind_of_mark_are_the_macros_output(example):
    assert_page_parts_as_plain(example())


def test_parts_of_a_compare_page_are_the_macros_output():
    rewrite = rich_rewrite()
    assert_page_parts_as_plain(
        rewrite,
        issues=list(rewrite.comparison.issues),
        include_findings=False,
        note_quotes=False,
        sentences_last=True,
    )


def test_score_rows_of_every_shape_are_the_macros_output():
    bar = html.Bar.of(30.0, "neither")
    scores = [
        html.Figure("a", PAYLOAD, "12", bar, PAYLOAD, parts=PAYLOAD, reads="<higher>", low=True),
        html.Figure("b", "B & c", "—", None, "", reads=""),
        html.Figure("c", "C", "'7'", html.Bar.of(80, "higher"), "help", low=True),
    ]
    plain = plain_macro("rows", "score_rows")
    assert str(fragments.score_rows(scores, html._bar_svg)) == str(plain(scores))


def test_a_value_holding_a_nul_is_escaped_like_the_others():
    text = f"A\0<b> {PAYLOAD} \0end"
    result = ArticleResult(
        id="nul",
        path="nul.txt",
        text=text,
        paragraphs=((0, len(text)),),
        findings=(Finding("hedge", 0, 5, text[0:5], "Tip \0 <i>"),),
    )
    assert_page_parts_as_plain(result)


KINDS = ["quote", "hedge", "unsupported_claim", "date_mismatch", "booster", "brand_new_kind"]


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.sampled_from([*PAYLOADS, "plain", "\n\n", " & ", "'"]), min_size=1, max_size=20
    ),
    spans=st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 60), st.sampled_from(KINDS), st.booleans()),
        max_size=12,
    ),
)
def test_any_text_and_any_marks_are_cut_and_printed_as_before(words, spans):
    text = " ".join(words)
    cut, paragraphs = 0, []
    for piece in text.split("\n\n"):
        paragraphs.append((cut, cut + len(piece)))
        cut += len(piece) + 2
    annotations = [
        Annotation(i + 1, start, start + length, kind, html.kind_info(kind).group,
                   html.kind_info(kind).label, f"{kind}: {text[start:start + length]}", noted)
        for i, (start, length, kind, noted) in enumerate(spans)
    ]  # fmt: skip
    assert segment(text, annotations, paragraphs) == plain_segment(text, annotations, paragraphs)
    assert_text_as_plain(segment(text, annotations, paragraphs), "<label>")
    quotes = tuple(
        Quote(a.start, a.end, text[a.start : a.end], PAYLOADS[i % len(PAYLOADS)], None)
        for i, a in enumerate(annotations)
        if a.kind == "quote" and a.placed and a.end <= len(text)
    )
    result = ArticleResult(id="x", path="x.txt", text=text, paragraphs=tuple(paragraphs),
                           quotes=quotes)  # fmt: skip
    assert_page_parts_as_plain(result)


def index_rows_of(results: list[ArticleResult], worksheets: bool) -> list[dict]:
    by_id = {r.id: r for r in results}
    entries = [
        html._entry(r, by_id.get(r.comparison.source_id) if r.comparison else None) for r in results
    ]
    names = html._Summary.of(entries).names
    infos = [(n, html.score_info(n)) for n in sorted(names)]
    return html._index_rows(entries, infos, worksheets)


@pytest.mark.parametrize("worksheets", [False, True])
def test_index_rows_of_every_kind_of_article_are_the_macros_output(worksheets):
    french = dataclasses.replace(
        hostile(), id="fr", language="fr", title=None, type=None, outlet=None, published=None
    )
    short = dataclasses.replace(
        seed_result("001"),
        metrics={"words": 12, "scores_low_confidence": ["sourcing"]},
        scores={"sourcing": 40.0, "hedging": None, "balance": 3},
    )
    results = [rich_source(), rich_rewrite(), hostile(), french, short, seed_result("003")]
    rows = index_rows_of(results, worksheets)
    written = str(fragments.index_rows(rows, html._bar_svg))
    assert written == str(plain_macro("index", "index_rows")(rows))
    shapes = ['class="lang-note"', 'class="low"', 'class="pair-of"', 'data-v=""', 'class="id"']
    assert all(shape in written for shape in shapes)
    assert ('class="sheets"' in written) == worksheets


def plain_search_key(title: str) -> str:
    """html.search_key as it was: every character's category looked up."""
    decomposed = unicodedata.normalize("NFKD", title)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return bare.translate(html._STRAIGHT).lower()


@given(st.text())
@example("MÉXICO’s “Plan” Ça ﬁ")
@example("Plain ASCII Title")
def test_search_key_is_the_plain_one(title):
    assert html.search_key(title) == plain_search_key(title)


def plain_text_map(length, annotations, groups, width=640, label_width=170, row_height=22):
    """charts.text_map as it was: each group's ticks found by a pass over every annotation."""
    placed = [a for a in annotations if a.placed and a.end <= length]
    if length <= 0 or not placed:
        return None
    plot_width = width - label_width
    scale = plot_width / length
    rows = []
    for group, label in groups:
        mine = [a for a in placed if a.group == group]
        if not mine:
            continue
        y = 4 + len(rows) * row_height
        rects = tuple(
            Rect(
                x=round(label_width + a.start * scale, 2),
                y=y + 2,
                width=round(max(2.0, (a.end - a.start) * scale), 2),
                height=row_height - 6,
                css=f"t-{group}",
                title=f"{a.number}. {a.label}",
            )
            for a in mine
        )
        rows.append(Row(f"{label} ({len(mine)})", y, y + row_height - 6, rects))
    summary = ", ".join(r.label for r in rows)
    return Chart(
        width=width,
        height=8 + len(rows) * row_height,
        plot_x=label_width,
        plot_width=plot_width,
        rows=tuple(rows),
        summary=f"Where the marks fall in the text, from start (left) to end (right): {summary}.",
    )
