"""Small charts as geometry for inline SVG: Python places the shapes, the template draws them.

The one chart an article page needs is a map of the text: where, from first character to last,
the quotes and each group of findings fall. A reader sees at a glance that quotes cluster in the
first half, or that unsupported claims fill the ending, which a table of counts cannot show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analyzer.writers.highlight import Annotation


@dataclass(frozen=True, slots=True)
class Rect:
    """One tick or bar, in SVG user units, with the text a screen reader or hover shows."""

    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled row of a chart."""

    label: str
    y: float
    text_y: float
    rects: tuple[Rect, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A whole chart: its size, the plot area, its rows and a one-line summary."""

    width: float
    height: float
    plot_x: float
    plot_width: float
    rows: tuple[Row, ...]
    summary: str


def text_map(
    length: int,
    annotations: Iterable[Annotation],
    groups: Sequence[tuple[str, str]],
    *,
    width: float = 640,
    label_width: float = 170,
    row_height: float = 22,
) -> Chart | None:
    """Place one row per group and one tick per annotation along the text, start to end.

    Parameters
    ----------
    length : int
        Length of the article text in characters.
    annotations : iterable of Annotation
        Placed annotations become ticks; others are left out.
    groups : sequence of (group, label)
        Rows, in order; a group with no annotation gets no row.

    Returns
    -------
    Chart or None
        None when there is nothing to draw.

    Examples
    --------
    >>> a = Annotation(1, 50, 60, "hedge", "hedge", "Hedge", "Hedge: may")
    >>> chart = text_map(100, [a], [("hedge", "Hedges"), ("quote", "Quotes")], width=250,
    ...                  label_width=50)
    >>> [(r.label, [(t.x, t.width) for t in r.rects]) for r in chart.rows]
    [('Hedges (1)', [(150.0, 20.0)])]
    """
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
                # A one-word finding in a long text would vanish; keep every tick visible.
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
