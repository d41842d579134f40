"""Small charts as geometry for inline SVG: Python places the shapes, the template draws them.

Two charts: a map of the text (where, from first character to last, the quotes and each group of
findings fall: a reader sees at a glance that quotes cluster in the first half, or that
unsupported claims fill the ending, which a table of counts cannot show), and who is heard (each
source role's share of the sources and of the quoted words, side by side, which shows at once a
story told by officials alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analyzer.writers.highlight import Annotation


@dataclass(slots=True)  # not frozen: ~30 per page, and frozen costs 5x to build
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
    by_group: dict[str, list[Annotation]] = {}
    for a in placed:
        by_group.setdefault(a.group, []).append(a)
    rows = []
    for group, label in groups:
        mine = by_group.get(group)
        if not mine:
            continue
        y = 4 + len(rows) * row_height
        css, height = f"t-{group}", row_height - 6
        rects = tuple(
            Rect(
                round(label_width + a.start * scale, 2),
                y + 2,
                # A one-word finding in a long text would vanish; keep every tick visible.
                round(max(2.0, (a.end - a.start) * scale), 2),
                height,
                css,
                f"{a.number}. {a.label}",
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


def role_bars(
    source_shares: dict[str, float],
    word_shares: dict[str, float],
    roles: Sequence[str],
    *,
    width: float = 640,
    label_width: float = 170,
    row_height: float = 26,
) -> Chart | None:
    """One row per source role: its share of the sources (upper bar) and of quoted words (lower).

    Parameters
    ----------
    source_shares, word_shares : dict of role to share (0-1)
        The ``source_roles`` and ``quoted_words_by_role`` metrics.
    roles : sequence of str
        Row order; a role with no share in either dict gets no row.

    Examples
    --------
    >>> chart = role_bars({"official": 0.5, "expert": 0.5}, {"official": 1.0},
    ...                   ["official", "expert"], width=270, label_width=70)
    >>> [(r.label, [t.width for t in r.rects]) for r in chart.rows]
    [('official', [100.0, 200.0]), ('expert', [100.0, 0.0])]
    """
    shown = [r for r in roles if source_shares.get(r) or word_shares.get(r)]
    if not shown:
        return None
    plot_width = width - label_width
    half = (row_height - 6) / 2
    rows = []
    for i, role in enumerate(shown):
        y = 4 + i * row_height
        sources, words = source_shares.get(role, 0.0), word_shares.get(role, 0.0)
        rects = (
            Rect(label_width, y + 2, round(sources * plot_width, 2), half, "r-sources",
                 f"{role}: {sources:.0%} of the sources"),
            Rect(label_width, y + 2 + half, round(words * plot_width, 2), half, "r-words",
                 f"{role}: {words:.0%} of the quoted words"),
        )  # fmt: skip
        rows.append(Row(role.replace("_", " "), y, y + row_height - 8, rects))
    summary = "; ".join(
        f"{row.label} {source_shares.get(role, 0):.0%} of sources, "
        f"{word_shares.get(role, 0):.0%} of quoted words"
        for row, role in zip(rows, shown, strict=True)
    )
    return Chart(
        width=width,
        height=8 + len(rows) * row_height,
        plot_x=label_width,
        plot_width=plot_width,
        rows=tuple(rows),
        summary=f"Who is heard, by role (upper bar: share of sources; lower: share of quoted "
        f"words): {summary}.",
    )
