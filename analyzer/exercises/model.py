"""What a worksheet is made of: exercises, their items, and the numbered text they refer to."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.exercises.lines import Line, Location


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a student finds or judges, with its answer and the analyzer's reason.

    ``is_finding`` is True when the item is a real finding or comparison issue of ``kind`` at
    ``start``/``end`` (offsets into the text the exercise refers to), False for a distractor: a
    phrase or sentence the analysis checked and found *not* to be one. ``uncertain`` says, in a
    sentence, why the teacher should decide rather than trust the key; None when the analyzer is
    sure of itself.
    """

    prompt: str
    answer: str
    reason: str
    kind: str
    start: int
    end: int
    location: Location
    is_finding: bool = True
    uncertain: str | None = None
    source_text: str | None = None

    @property
    def shown(self) -> str:
        """The prompt as printed: in quotation marks, unless it is a quotation already.

        Examples
        --------
        >>> from analyzer.exercises.lines import Location
        >>> item = Item("may", "a", "r", "hedge", 0, 3, Location(1, 1, 1))
        >>> item.shown
        '“may”'
        """
        if self.prompt[:1] in "“‘\"'«„":
            return self.prompt
        return f"“{self.prompt}”"


@dataclass(frozen=True, slots=True)
class Exercise:
    """A task on the sheet. ``show_items`` is False for "find ..." tasks, whose items appear only
    in the answer key; ``choices`` are the boxes a student ticks for each shown item."""

    key: str
    title: str
    instructions: str
    items: tuple[Item, ...]
    show_items: bool = True
    choices: tuple[str, ...] = ()
    answer_lines: int = 0
    refers_to: str = "article"  # article | rewrite


@dataclass(frozen=True, slots=True)
class Worksheet:
    """A classroom sheet and its answer key for one article (or a rewrite and its source)."""

    article_id: str
    title: str | None
    level: str
    seed: int
    lines: tuple[Line, ...]
    exercises: tuple[Exercise, ...]
    source_id: str | None = None
    source_title: str | None = None
    source_lines: tuple[Line, ...] = ()
    summary: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = field(default=())
