"""What an analysis produces: findings, quotes, attributions, sources, comparison issues, and the
ArticleResult that gathers them and writes the results.jsonl record (see DESIGN.md).

Every item with a place in the text carries ``start``/``end`` character offsets into the article
text as read, and its ``text`` equals ``article_text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analyzer.language import is_english

RECORD_VERSION = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a signal found, with a plain-language reason a student can read.

    Examples
    --------
    >>> Finding("hedge", 4, 7, "may", "Softens the claim.").to_dict()["kind"]
    'hedge'
    """

    kind: str
    start: int
    end: int
    text: str
    message: str
    detail: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.kind, self.message)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
        }
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation of speech (scare quotes and titles are not quotes)."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_kind: str | None = None  # person | organization | document | anonymous | None

    def to_dict(self) -> dict[str, Any]:
        # Every field, as dataclasses.asdict gives them (without its recursive copy). Written
        # out: a dict display costs a third of a loop over the fields (a result has ~30 items).
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said or showed what, and the cue that says so."""

    start: int
    end: int
    kind: str  # direct | indirect | according_to | document | interview
    source: str | None
    source_kind: str | None
    cue: str | None
    content_start: int
    content_end: int
    cue_start: int | None = None
    cue_end: int | None = None
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {  # every field, as Quote.to_dict
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "source": self.source,
            "source_kind": self.source_kind,
            "cue": self.cue,
            "content_start": self.content_start,
            "content_end": self.content_end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "source_start": self.source_start,
            "source_end": self.source_end,
        }


@dataclass(frozen=True, slots=True)
class Source:
    """One distinct source: a person, organization, document, or an anonymous one."""

    name: str
    kind: str  # person | organization | document | anonymous
    role: str = "unknown"
    description: str | None = None
    quotes: int = 0
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {  # every field, as Quote.to_dict
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "description": self.description,
            "quotes": self.quotes,
            "mentions": self.mentions,
        }


# Issue kinds about something the source lacks: their source passage is only the nearest one.
ABSENT_FROM_SOURCE = frozenset(
    {"name_not_in_source", "quote_not_in_source", "unsupported_sentence"}
)


@dataclass(frozen=True, slots=True)
class ComparisonIssue:
    """Something a derived text says that its source does not support.

    ``source_*`` is where the source says the thing differently (a changed date or number, a
    quote given to someone else); for the kinds of :data:`ABSENT_FROM_SOURCE` the source does not
    say it at all, and ``source_*`` is only the passage closest to the derived sentence.
    """

    kind: str
    start: int
    end: int
    text: str
    message: str
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {  # every field, as Quote.to_dict
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "source_text": self.source_text,
            "source_start": self.source_start,
            "source_end": self.source_end,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """How a derived article (rewrite, summary) differs from its source."""

    source_id: str
    similarity: float
    paired_by: str  # metadata | similarity
    source_direct_quotes: int
    derived_direct_quotes: int
    issues: tuple[ComparisonIssue, ...] = ()
    # When the source is a Q&A interview: its answers, and how many the rewrite quotes from.
    source_interview_answers: int | None = None
    quoted_interview_answers: int | None = None
    notes: tuple[str, ...] = ()  # plain-language summary lines for reports

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "similarity": round(self.similarity, 3),
            "paired_by": self.paired_by,
            "source_direct_quotes": self.source_direct_quotes,
            "derived_direct_quotes": self.derived_direct_quotes,
            "issues": [i.to_dict() for i in self.issues],
            "source_interview_answers": self.source_interview_answers,
            "quoted_interview_answers": self.quoted_interview_answers,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything known about one article after analysis; the HTML layer reads only this.

    Fields left as ``None`` belong to signals that did not run; :meth:`to_record` leaves their
    keys out rather than writing a placeholder.
    """

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    derived_from: tuple[str, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    type: str | None = None
    type_reasons: tuple[str, ...] = ()
    scores: dict[str, float | None] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    sources: tuple[Source, ...] | None = None
    quotes: tuple[Quote, ...] | None = None
    attributions: tuple[Attribution, ...] | None = None
    findings: tuple[Finding, ...] = ()
    comparison: Comparison | None = None
    # ISO 639 code of the text's language (analyzer.language); None: too short to tell.
    language: str | None = None

    def to_record(self) -> dict[str, Any]:
        """The results.jsonl dict: DESIGN.md's firm keys plus a few documented extras.

        Examples
        --------
        >>> r = ArticleResult(id="a", path="a.txt", text="Hi.", metrics={"words": 1})
        >>> sorted(r.to_record())[:4]
        ['author', 'comparison', 'derived_from', 'findings']
        """
        record: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published,
            "url": self.url,
            "derived_from": list(self.derived_from),
            "metrics": self.metrics,
            "findings": [f.to_dict() for f in self.findings],
            "comparison": self.comparison.to_dict() if self.comparison else None,
            "paragraphs": [list(p) for p in self.paragraphs],
            "text": self.text,
            "record_version": RECORD_VERSION,
            "language": self.language,
            # False when the text is not English: every lexicon and model is English only.
            "scores_meaningful": is_english(self.language),
        }
        if self.type is not None:
            record["type"] = self.type
            record["type_reasons"] = list(self.type_reasons)
        if self.scores:
            record["scores"] = self.scores
        for name in ("sources", "quotes", "attributions"):
            items = getattr(self, name)
            if items is not None:
                record[name] = [item.to_dict() for item in items]
        return record
