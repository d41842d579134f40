"""Numbered lines: an article wrapped at a fixed width so a worksheet can say "¶3, line 12".

A printed page reflows text to the paper and the font, so line numbers taken from a browser
would differ between A4 and Letter. The worksheet therefore wraps each paragraph here, at word
boundaries and a fixed number of characters, keeps every line's character offsets into the
article text, and prints each line on its own with its number. The answer key and the worksheet
share this layout, so a location in one is a location in the other.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Wide enough for a sentence clause, narrow enough for a serif font inside A4 and Letter margins.
LINE_WIDTH = 72

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line: its number (from 1), its paragraph (from 1) and its offsets."""

    number: int
    paragraph: int
    start: int
    end: int
    text: str
    first_in_paragraph: bool


@dataclass(frozen=True, slots=True)
class Location:
    """Where an item sits on the printed sheet, for a student to find it.

    Examples
    --------
    >>> Location(3, 12, 12).label
    '¶3, line 12'
    >>> Location(3, 12, 13).label
    '¶3, lines 12–13'
    """

    paragraph: int
    line: int
    last_line: int

    @property
    def label(self) -> str:
        if self.last_line == self.line:
            return f"¶{self.paragraph}, line {self.line}"
        return f"¶{self.paragraph}, lines {self.line}–{self.last_line}"


def wrap(text: str, paragraphs: Sequence[tuple[int, int]], width: int = LINE_WIDTH) -> list[Line]:
    """Wrap each paragraph into lines of at most ``width`` characters (a longer word stands alone).

    Examples
    --------
    >>> text = "One two three four.\\nFive six."
    >>> [(ln.number, ln.paragraph, ln.text) for ln in wrap(text, [(0, 19), (20, 29)], width=10)]
    [(1, 1, 'One two'), (2, 1, 'three'), (3, 1, 'four.'), (4, 2, 'Five six.')]
    """
    lines: list[Line] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs, start=1):
        line_start: int | None = None
        line_end = p_start
        first = True
        for m in _WORD.finditer(text, p_start, p_end):
            if line_start is not None and m.end() - line_start > width:
                lines.append(
                    Line(len(lines) + 1, p_index, line_start, line_end,
                         text[line_start:line_end], first)
                )  # fmt: skip
                first = False
                line_start = None
            if line_start is None:
                line_start = m.start()
            line_end = m.end()
        if line_start is not None:
            lines.append(
                Line(
                    len(lines) + 1, p_index, line_start, line_end, text[line_start:line_end], first
                )
            )
    return lines


class LineIndex:
    """Find the printed location of a character offset.

    Examples
    --------
    >>> index = LineIndex(wrap("Alpha beta gamma.", [(0, 17)], width=11))
    >>> index.locate(11, 16).label
    '¶1, line 2'
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = tuple(lines)
        self._starts = [ln.start for ln in self.lines]

    def _line_at(self, offset: int) -> Line:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.lines[i]

    def locate(self, start: int, end: int) -> Location:
        """The paragraph and line(s) that ``[start, end)`` covers."""
        first = self._line_at(start)
        last = self._line_at(max(start, end - 1))
        return Location(first.paragraph, first.number, last.number)
