"""The pair exercise: what did the rewrite change? Changed items mixed with unchanged ones.

Changed items are the comparison's issues, at their own offsets in the rewrite. Unchanged items
(distractors) are dates, numbers with the word after them, two-word names and direct quotes of
the rewrite that the comparison did not flag *and* whose exact words (ignoring case and the style
of quotation marks) appear in the source: the key gives the place in the source where they stand.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from analyzer.document import Document
from analyzer.exercises.lines import LineIndex
from analyzer.exercises.model import Exercise, Item
from analyzer.results import ABSENT_FROM_SOURCE, ArticleResult, Comparison
from analyzer.temporal import find_dates

T = TypeVar("T")

CHANGE_ITEMS = {"basic": 6, "advanced": 10}
# Issue kinds asked about at each level, and the word the sheet uses for each.
ISSUE_LABELS = {
    "date_mismatch": "Changed (date)",
    "number_mismatch": "Changed (number)",
    "name_not_in_source": "Not in the source (name)",
    "quote_not_in_source": "Not in the source (quote)",
    "misattributed_quote": "Changed (quote given to someone else)",
    "unsupported_sentence": "Not supported by the source (sentence)",
}
LEVEL_KINDS = {
    "basic": ("date_mismatch", "number_mismatch", "name_not_in_source", "quote_not_in_source",
              "misattributed_quote"),
    "advanced": tuple(ISSUE_LABELS),
}  # fmt: skip
# A source passage longer than this is pointed to, not quoted, in the answer.
SHORT_SOURCE = 60
# Below this document similarity the rewrite shares so little wording with its source that the
# comparison may miss where a fact moved (pairs found by similarity are at least 0.55 alike).
LOW_SIMILARITY = 0.3

_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*\d(?![\w])|(?<![\w.,])\d(?![\w])")
_NEXT_WORD = re.compile(r"\s*(%|[^\W\d_][\w’'-]*)")
_NAME = re.compile(r"\b[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)+")
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def fold(text: str) -> str:
    """Lower case, straight quotation marks, single spaces; the same length as ``text``.

    Examples
    --------
    >>> fold("“Ana’s”\\nTEXT")
    '"ana\\'s" text'
    """
    out = []
    for c in text.translate(_QUOTE_MARKS):
        low = c.lower()
        out.append(" " if c.isspace() else (low if len(low) == 1 else c))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    label: str  # date | number | name | quote


def candidates(derived: ArticleResult, doc: Document) -> list[Candidate]:
    """Dates, numbers (with the word after), two-word names and direct quotes of the rewrite."""
    text = derived.text
    found = [Candidate(d.start, d.end, "date") for d in find_dates(text, derived.published)]
    dates = [(c.start, c.end) for c in found]
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in dates):
            continue
        nxt = _NEXT_WORD.match(text, m.end())
        end = nxt.end() if nxt else m.end()
        found.append(Candidate(m.start(), end, "number"))
    sentence_starts = {s.start for s in doc.sentences}
    for m in _NAME.finditer(text):
        start = m.start()
        if start in sentence_starts:
            # The first word may just be capitalised because it opens the sentence.
            space = text.find(" ", start, m.end())
            start = space + 1 if space > 0 else m.end()
        if len(text[start : m.end()].split()) >= 2:
            found.append(Candidate(start, m.end(), "name"))
    for q in derived.quotes or ():
        found.append(Candidate(q.start, q.end, "quote"))
    found.sort(key=lambda c: (c.start, c.end, c.label))
    return found


def _inner(text: str) -> str:
    """A quotation without its marks and edge punctuation: what must match the source."""
    return text.strip("“”\"‘’' ").rstrip(",.").strip()


def unchanged(
    derived: ArticleResult,
    doc: Document,
    source: ArticleResult,
    comparison: Comparison,
) -> list[tuple[Candidate, int]]:
    """Candidates no issue touches whose words stand in the source, with their source offset."""
    folded_source = fold(source.text)
    out = []
    for c in candidates(derived, doc):
        if any(i.start < c.end and c.start < i.end for i in comparison.issues):
            continue
        words = derived.text[c.start : c.end]
        needle = fold(_inner(words) if c.label == "quote" else words)
        if len(needle) < 3:
            continue
        at = folded_source.find(needle)
        if at >= 0:
            out.append((c, at))
    return out


def _once(items: list[T], what: Callable[[T], tuple[str, str]]) -> list[T]:
    """``items`` (in text order) with each thing asked about once: ``what`` gives an item's kind
    and words, and an item whose words are, as whole words, another's of the same kind or part
    of them ("United States" twice, "García Harfuch" after "Omar García Harfuch") is dropped for
    the first. Whole sentences are told apart by place, not words."""
    kept: list[tuple[str, str]] = []  # (kind, folded words with a space at each end)
    out = []
    for item in items:
        kind, text = what(item)
        words = f" {' '.join(fold(text).split())} "
        if kind != "unsupported_sentence" and any(
            k == kind and (words in seen or seen in words) for k, seen in kept
        ):
            continue
        kept.append((kind, words))
        out.append(item)
    return out


def changes_exercise(
    derived: ArticleResult,
    doc: Document,
    source: ArticleResult,
    comparison: Comparison,
    index: LineIndex,
    source_index: LineIndex,
    rng: random.Random,
    level: str,
) -> Exercise | None:
    """What did the rewrite change? The comparison's issues mixed with unchanged items."""
    kinds = LEVEL_KINDS[level]
    ordered = sorted(comparison.issues, key=lambda i: (i.start, i.end))
    issues = _once([i for i in ordered if i.kind in kinds], lambda i: (i.kind, i.text))
    same = _once(
        unchanged(derived, doc, source, comparison),
        lambda c: (c[0].label, derived.text[c[0].start : c[0].end]),
    )
    if not issues:
        return None
    total = CHANGE_ITEMS[level]
    half = total // 2
    n_issues = min(len(issues), max(1, half + rng.choice((-1, 0, 0, 1))))
    n_same = min(len(same), total - n_issues)
    n_issues = min(len(issues), total - n_same)
    low = comparison.similarity < LOW_SIMILARITY
    items = []
    # Dates, numbers, names and quotes first; whole sentences (found by word overlap, and often
    # many in a free rewrite) fill at most half of the changed items.
    specific = [i for i in issues if i.kind != "unsupported_sentence"]
    sentences = [i for i in issues if i.kind == "unsupported_sentence"]
    n_specific = min(len(specific), n_issues)
    n_sentences = min(len(sentences), n_issues - n_specific)
    if specific:
        n_sentences = min(n_sentences, max(1, n_issues // 2))
    chosen = rng.sample(specific, n_specific) + rng.sample(sentences, n_sentences)
    for i in chosen:
        uncertain = None
        if i.kind == "unsupported_sentence":
            uncertain = "Found by word overlap with the source: read both before you decide."
        elif low:
            uncertain = (
                f"The rewrite shares little wording with the source (similarity "
                f"{comparison.similarity:.2f}), so the analyzer may have missed where it moved "
                "this: check the source."
            )
        answer = ISSUE_LABELS[i.kind]
        place = None
        if i.source_start is not None and i.source_end is not None:
            place = source_index.locate(i.source_start, i.source_end).label
        if i.kind in ABSENT_FROM_SOURCE:
            if place:
                answer += f": the closest source passage is at {place}"
        elif i.source_text and len(i.source_text) <= SHORT_SOURCE:
            answer += f": the source has “{i.source_text}”" + (
                f" (source {place})" if place else ""
            )
        elif place:
            answer += f": compare with source {place}"
        items.append(
            Item(
                prompt=i.text,
                answer=answer,
                reason=i.message,
                kind=i.kind,
                start=i.start,
                end=i.end,
                location=index.locate(i.start, i.end),
                uncertain=uncertain,
                source_text=i.source_text,
            )
        )
    for c, at in rng.sample(same, n_same):
        words = derived.text[c.start : c.end]
        needle_len = len(_inner(words)) if c.label == "quote" else len(words)
        place = source_index.locate(at, at + needle_len)
        items.append(
            Item(
                prompt=words,
                answer=f"Unchanged ({c.label})",
                reason=f"The source has the same words (source {place.label}).",
                kind=f"unchanged_{c.label}",
                start=c.start,
                end=c.end,
                location=index.locate(c.start, c.end),
                is_finding=False,
                source_text=source.text[at : at + needle_len],
            )
        )
    items.sort(key=lambda i: (i.start, i.end))
    rng.shuffle(items)
    return Exercise(
        key="changes",
        title="What did the rewrite change?",
        instructions=(
            "Each item below is a "
            + (
                "date, number, name, quote or sentence"
                if level == "advanced"
                else "date, number, name or quote"
            )
            + " from the rewrite. Compare it with the source text. Tick “changed” if the source "
            "says something different (or nothing at all), “same” if the source has it "
            "unchanged, and for each change write what the source says."
        ),
        items=tuple(items),
        choices=("changed", "same"),
        refers_to="rewrite",
    )
