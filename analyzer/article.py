"""Article, Metadata and Span: what a reader makes of an input, and offsets into its text.

Kept apart from :mod:`analyzer.document` (which builds the Document every signal reads, and
loads lexicons and compiles patterns to do it) so that a run which reads inputs but analyses
none, such as a rerun that finds every article unchanged, imports only these small classes.
:mod:`analyzer.document` exports them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about an article besides its text. Every field may be missing."""

    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    derived_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: a safe id, where it came from, its text and metadata."""

    id: str
    path: str
    text: str
    meta: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """Character offsets ``[start, end)`` into a Document's text.

    Examples
    --------
    >>> Span(3, 7).length
    4
    >>> Span(5, 2)
    Traceback (most recent call last):
    ...
    IndexError: span start 5 and end 2 are not in order (0 <= start <= end)
    """

    start: int
    end: int

    # Written out, not generated: a hundred spans or more are made for each article, and the
    # generated one (object.__setattr__ per field, then __post_init__) took ~0.8 µs a span,
    # this ~0.45 µs. The slots' own setters bypass the frozen class's __setattr__.
    def __init__(self, start: int, end: int) -> None:
        if not 0 <= start <= end:
            raise IndexError(
                f"span start {start} and end {end} are not in order (0 <= start <= end)"
            )
        _SET_START(self, start)
        _SET_END(self, end)

    @property
    def length(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


_SET_START, _SET_END = Span.start.__set__, Span.end.__set__  # type: ignore[attr-defined]
