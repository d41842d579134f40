"""The checks: what a derived text says that its source does not support.

Everything here is a pure function of the two texts (and their quotations): the source is read
once into a :class:`DocumentView`, then each derived unit (a sentence of a rewrite, or a whole
headline) is checked for dates, numbers, names, quotations and overall support.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from analyzer.compare.align import Alignment, SourceIndex
from analyzer.compare.names import (
    NameMention,
    Words,
    find_names,
    is_heading,
    name_key,
    source_name_sets,
)
from analyzer.compare.numeric import NumberMention, find_numbers, same_number
from analyzer.compare.quoting import QUOTE_MATCH, FoldedSource
from analyzer.document import Article, Document, Metadata, blank, build_document
from analyzer.results import ArticleResult, ComparisonIssue, Quote
from analyzer.temporal import DateMention, find_dates

# A factual sentence is supported when the closest source passage holds at least this share of
# its content-term weight (see analyzer.compare.align). Chosen on the hand-written evaluation set
# (benchmarks/compare/pairs.jsonl): see README, "Rewrite and summary comparison".
SUPPORT_THRESHOLD = 0.35
# ... unless one source passage shares at least this many distinctive words with it (rare in the
# source, not names, not numbers: see analyzer.compare.align): then it retells that passage in
# other words. Chosen on the same set, with the paraphrases added in session 2 (README).
MIN_ANCHORS = 3
# Sentences with fewer distinct content terms say too little to judge.
MIN_TERMS = 4
# Two name words are the same when rapidfuzz's ratio reaches this (spelling slips: "HarFuch").
NAME_MATCH = 88.0


class DocumentView:
    """A Document read once for every check, as the source of comparisons, as the derived text
    of one, or both (a batch's copies pair up in chains: each the rewrite of one article and the
    source of the next). Each part is read on first use (a headline without a number never needs
    the body's numbers); ``quotes`` are only read when it is a source.
    """

    def __init__(self, doc: Document, quotes: Sequence[Quote] = ()) -> None:
        self.doc = doc
        self.quotes = tuple(quotes)
        # :func:`name_in_source` of each name's words, as asked (a rewrite repeats its names).
        self.known_names: dict[tuple[str, ...], bool] = {}
        self._paragraph_words: dict[int, frozenset[str]] = {}  # see paragraph_words

    @functools.cached_property
    def dates(self) -> tuple[DateMention, ...]:
        return tuple(find_dates(self.doc.text, self.doc.meta.published))

    def dates_against(self, source: DocumentView) -> tuple[DateMention, ...]:
        """The dates as compared with ``source``: a text without a publication date of its own
        is read as of its source's, so that its "on Wednesday" can be checked against the
        source's "on Tuesday" (the mentions are the same; only their resolution differs)."""
        published = source.doc.meta.published
        if self.doc.meta.published is not None or published is None:
            return self.dates
        return tuple(find_dates(self.doc.text, published))

    @functools.cached_property
    def all_numbers(self) -> tuple[NumberMention, ...]:
        """Every number of the text, inside dates too (:attr:`numbers` leaves those out)."""
        return tuple(find_numbers(self.doc.text))

    @functools.cached_property
    def numbers(self) -> tuple[NumberMention, ...]:
        return tuple(_outside_dates(self.all_numbers, self.dates))

    @functools.cached_property
    def words(self) -> Words:
        return Words(self.doc)

    @functools.cached_property
    def name_sets(self) -> tuple[frozenset[str], ...]:
        return tuple(source_name_sets(self.words))

    @functools.cached_property
    def name_words(self) -> tuple[str, ...]:
        return tuple(sorted(set().union(*self.name_sets))) if self.name_sets else ()

    @functools.cached_property
    def name_word_set(self) -> frozenset[str]:
        return frozenset(self.name_words)

    @functools.cached_property
    def index(self) -> SourceIndex:
        """The source's sentences and passages ready to be aligned against, fitted to each
        derived text with :meth:`SourceIndex.fitted`."""
        return SourceIndex(self.doc.text, [(s.start, s.end) for s in self.doc.sentences])

    @functools.cached_property
    def folded(self) -> FoldedSource:
        return FoldedSource(self.doc.text)

    def paragraph_words(self, p: int) -> frozenset[str]:
        """The words of the ``p``-th paragraph folded as name words (:func:`name_key`), made once
        for all the quotations said in it."""
        words = self._paragraph_words.get(p)
        if words is None:
            text = self.doc.span_text(self.doc.paragraphs[p])
            words = self._paragraph_words[p] = frozenset(name_key(w) for w in text.split())
        return words


def source_view(doc: Document, quotes: Sequence[Quote] = ()) -> DocumentView:
    """Read a source Document for comparison."""
    return DocumentView(doc, quotes)


def _outside_dates(
    numbers: Sequence[NumberMention], dates: Sequence[DateMention]
) -> list[NumberMention]:
    return [n for n in numbers if not any(n.start < d.end and d.start < n.end for d in dates)]


def _issue(
    kind: str,
    text: str,
    start: int,
    end: int,
    message: str,
    source: DocumentView | None = None,
    span: tuple[int, int] | None = None,
) -> ComparisonIssue:
    if source is not None and span is not None and span[1] > span[0]:
        s, e = span
        return ComparisonIssue(kind, start, end, text[start:end], message,
                               source.doc.text[s:e], s, e)  # fmt: skip
    return ComparisonIssue(kind, start, end, text[start:end], message)


# ---------------------------------------------------------------------------------------------
# dates


def _date_parts(d: DateMention) -> tuple[int | None, int | None, int | None]:
    return d.year, d.month, d.day


def _describe_date(d: DateMention) -> str:
    return d.resolved or d.text


def check_dates(
    text: str,
    dates: Sequence[DateMention],
    source: DocumentView,
    align: _Aligner,
    derived_published: str | None = None,
) -> list[ComparisonIssue]:
    """Dates the source does not support.

    A derived date is supported by a source date that agrees on every part (year, month, day)
    the derived one gives: "September" is supported by "Sept. 4, 2025", "September 2023" is not
    supported by a source that never mentions 2023. The derived dates come resolved against the
    source's publication date when the derived text has none (:meth:`DocumentView.dates_against`).
    A weekday that neither side could resolve, or that the source could not, is checked by its
    name: "on Wednesday" against a source that names Tuesday and never Wednesday is flagged. Any
    other relative date the publication date could not resolve and that gives no part ("last
    week" when neither text is dated) cannot be checked and is left alone, unless the source
    uses the very same words.
    """
    issues = []
    source_weekdays = [s for s in source.dates if s.form == "weekday" and s.resolved is None]
    borrowed = derived_published is None and source.doc.meta.published is not None
    for d in dates:
        if any(s.text.lower() == d.text.lower() for s in source.dates):
            continue
        if d.form == "weekday" and source_weekdays:
            # The source's weekdays are unresolved: only their names can be compared.
            if _weekday(d) not in {_weekday(s) for s in source_weekdays}:
                named = ", ".join(dict.fromkeys(_weekday(s).title() for s in source_weekdays))
                first = source_weekdays[0]
                message = (
                    f"The rewrite says {_weekday(d).title()}; the source names {named} and "
                    "never that day (it has no publication date, so only the names compare)."
                )
                span = (first.start, first.end)
                issues.append(_issue("date_mismatch", text, d.start, d.end, message, source, span))
            continue
        parts = _date_parts(d)
        if all(p is None for p in parts):
            continue
        if any(_date_agrees(parts, s) for s in source.dates):
            continue
        if d.kind == "relative" and source.doc.meta.published is None and d.resolved:
            # The derived text resolved it with its own date, the source could not: no verdict.
            if any(s.kind == "relative" and s.resolved is None for s in source.dates):
                continue
        dated = _describe_date(d)
        if borrowed and d.kind == "relative":
            dated = (
                f"{dated} (“{d.text}” counted from the source's publication date, "
                f"{source.doc.meta.published}, as the rewrite gives none)"
            )
        closest = _closest_date(parts, source.dates, d.form)
        if closest is not None:
            message = (
                f"The rewrite dates this to {dated}; the nearest date the source "
                f"gives is {_describe_date(closest)}."
            )
            span = (closest.start, closest.end)
        else:
            message = f"The rewrite dates this to {dated}; the source gives no date."
            span = None
        if span is None:
            a = align.at(d.start)
            span = (a.start, a.end) if a is not None else None
        issues.append(_issue("date_mismatch", text, d.start, d.end, message, source, span))
    return issues


def _weekday(d: DateMention) -> str:
    """The day a weekday mention names, lower case ("last Tuesday": "tuesday")."""
    return d.text.split()[-1].lower()


def _date_agrees(parts: tuple[int | None, ...], s: DateMention) -> bool:
    theirs = _date_parts(s)
    return all(p is None or p == q for p, q in zip(parts, theirs, strict=True))


def _closest_date(
    parts: tuple[int | None, ...], dates: Sequence[DateMention], form: str = ""
) -> DateMention | None:
    """The source date sharing most parts with ``parts``; among equals, the first written the
    same way (a weekday for a weekday: "Tuesday" rather than the dateline's "March 10")."""
    best, best_score = None, (0, False)
    for s in dates:
        theirs = _date_parts(s)
        shared = sum(1 for p, q in zip(parts, theirs, strict=True) if p is not None and p == q)
        # Same year but another month or day is the likeliest slip.
        score = (shared, s.form == form)
        if shared and score > best_score:
            best, best_score = s, score
    return best


# ---------------------------------------------------------------------------------------------
# numbers


def check_numbers(
    text: str, numbers: Sequence[NumberMention], source: DocumentView, align: _Aligner
) -> list[ComparisonIssue]:
    """Numbers the source never gives (after normalising words, scales and percent signs)."""
    issues = []
    for n in numbers:
        if any(same_number(n, s) for s in source.numbers):
            continue
        a = align.at(n.start)
        span = (a.start, a.end) if a is not None else None
        near = [
            s for s in source.numbers if span and span[0] <= s.start < span[1] and s.unit == n.unit
        ]
        if near:
            said = ", ".join(s.describe() for s in near)
            message = (
                f"The rewrite says {n.describe()}; the closest source passage says {said}, and "
                f"the source never gives {n.describe()}."
            )
        else:
            message = f"The source never gives the figure {n.describe()}."
        issues.append(_issue("number_mismatch", text, n.start, n.end, message, source, span))
    return issues


# ---------------------------------------------------------------------------------------------
# names


@functools.lru_cache(maxsize=50_000)
def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= NAME_MATCH)


def name_in_source(keys: Sequence[str], source: DocumentView) -> bool:
    """Whether every word of a name belongs to one name the source uses.

    "Harfuch" and "Omar Harfuch" are parts of the source's "Omar García Harfuch"; "Jane Smith"
    is not part of "John Smith". Titles were dropped before (``President Sheinbaum`` is
    ``Sheinbaum``); words are compared folded, tolerating a slip of spelling.
    """
    keys = tuple(keys)
    known = source.known_names.get(keys)
    if known is None:
        known = source.known_names[keys] = _name_in_source(keys, source)
    return known


def _name_in_source(keys: Sequence[str], source: DocumentView) -> bool:
    mapped = []
    for k in keys:
        if not k:
            continue
        if k in source.name_word_set:
            # A source word equal to k scores 100, which only k itself does: the best match.
            mapped.append(k)
            continue
        hit = process.extractOne(k, source.name_words, scorer=fuzz.ratio, score_cutoff=NAME_MATCH)
        if hit is None or not _same_word(k, hit[0]):
            return False
        mapped.append(hit[0])
    if not mapped:
        return True
    want = frozenset(mapped)
    return any(want <= s for s in source.name_sets)


def check_names(
    text: str, names: Sequence[NameMention], source: DocumentView, align: _Aligner
) -> list[ComparisonIssue]:
    """People, organizations and places the source never mentions."""
    issues = []
    for n in names:
        if name_in_source(n.keys, source):
            continue
        for start, end, keys in n.parts or ((n.start, n.end, n.keys),):
            if name_in_source(keys, source):
                continue
            a = align.at(start)
            span = (a.start, a.end) if a is not None else None
            message = f"The source never mentions “{text[start:end]}”."
            issues.append(_issue("name_not_in_source", text, start, end, message, source, span))
    return issues


# ---------------------------------------------------------------------------------------------
# quotes


def _speaker_matches(a: str, b: str) -> bool:
    ka = {name_key(w) for w in a.split()}
    kb = {name_key(w) for w in b.split()}
    return bool(ka & kb)


def _named_near(view: DocumentView, speaker: str | None, offset: int) -> str | None:
    """The speaker, when it is a name written in the quote's own paragraph; else None.

    A speaker found through a pronoun ("she said") or a description ("the bill's sponsor") may
    be a wrong guess of the attribution signal, so no misattribution is claimed on it.
    """
    if not speaker or not any(w[:1].isupper() for w in speaker.split()):
        return None
    p = view.doc.paragraph_index(offset)
    if p is None:
        return None
    surname = name_key(speaker.split()[-1])
    return speaker if surname in view.paragraph_words(p) else None


def check_quotes(
    derived: DocumentView, quotes: Sequence[Quote], source: DocumentView
) -> list[ComparisonIssue]:
    """Quotations the source does not contain, or contains with another speaker."""
    text = derived.doc.text
    issues = []
    for q in quotes:
        m = source.folded.locate(q.text)
        if m is None:
            continue
        span = (m.source_start, m.source_end)
        if m.score < QUOTE_MATCH:
            message = (
                "The source contains no such quotation: its closest wording matches only "
                f"{round(m.score)}%."
            )
            issues.append(
                _issue("quote_not_in_source", text, q.start, q.end, message, source, span)
            )
            continue
        said_by = _source_speaker(source, span)
        ours = _named_near(derived, q.speaker, q.start)
        if (
            ours
            and said_by
            and not _speaker_matches(ours, said_by)
            and not _said_elsewhere(source, q.text, ours)
        ):
            message = (
                f"The source gives these words to {said_by}; the rewrite gives them to {ours}."
            )
            issues.append(
                _issue("misattributed_quote", text, q.start, q.end, message, source, span)
            )
    return issues


def _said_elsewhere(source: DocumentView, quote_text: str, speaker: str) -> bool:
    """True when the source holds the quotation more than once (a slogan, a phrase two people
    use, a line quoted again later) and one of those places may give it to ``speaker``: a
    quotation of the source whose speaker there is ``speaker``, or not a name the source writes
    near it. A place outside the source's quotations gives the words to nobody."""
    for start, end in source.folded.occurrences(quote_text):
        for sq in source.quotes:
            if sq.start < end and start < sq.end:
                there = _named_near(source, sq.speaker, sq.start)
                if there is None or _speaker_matches(speaker, there):
                    return True
                break
    return False


def _source_speaker(source: DocumentView, span: tuple[int, int]) -> str | None:
    for sq in source.quotes:
        if sq.start < span[1] and span[0] < sq.end:
            return _named_near(source, sq.speaker, sq.start)
    return None


# ---------------------------------------------------------------------------------------------
# sentences


class _Aligner:
    """Alignments of the derived units, looked up by a character offset inside a unit."""

    def __init__(self, units: Sequence[tuple[int, int]], alignments: Sequence[Alignment | None]):
        self.units = list(units)
        self.alignments = list(alignments)

    def at(self, offset: int) -> Alignment | None:
        for (s, e), a in zip(self.units, self.alignments, strict=True):
            if s <= offset < e:
                return a if a is not None and a.end > a.start else None
        return None


def check_sentences(
    text: str,
    units: Sequence[tuple[int, int]],
    source: DocumentView,
    align: _Aligner,
    threshold: float = SUPPORT_THRESHOLD,
    min_anchors: int = MIN_ANCHORS,
) -> list[ComparisonIssue]:
    """Factual sentences that no source sentence, or pair of adjacent sentences, supports.

    Unsupported means both: the best passage covers less than ``threshold`` of the sentence's
    content words, and no passage shares ``min_anchors`` distinctive words with it.
    """
    issues = []
    for (s, e), a in zip(units, align.alignments, strict=True):
        sentence = text[s:e]
        if a is None or a.terms < MIN_TERMS or sentence.rstrip().endswith("?"):
            continue
        if a.coverage >= threshold or a.anchors >= min_anchors:
            continue
        share = round(100 * a.coverage)
        message = (
            f"No sentence of the source supports this: the closest source passage shares only "
            f"{share}% of its content words (support needs {round(100 * threshold)}%), and no "
            f"passage shares more than {a.anchors} of its rarer words (a retelling keeps "
            f"{min_anchors})."
        )
        # A passage that shares no content word is no counterpart: none is pointed to.
        span = (a.start, a.end) if a.end > a.start and a.coverage > 0 else None
        issues.append(_issue("unsupported_sentence", text, s, e, message, source, span))
    return issues


# ---------------------------------------------------------------------------------------------
# the whole check


def derived_units(doc: Document) -> list[tuple[int, int]]:
    """The sentences of a derived text that make statements: headings are left out."""
    starts = [s.start for s in doc.sentences]
    units = []
    for p in doc.paragraphs:
        if is_heading(doc.span_text(p)):
            continue
        # The sentences that start inside the paragraph (sentences are in text order).
        lo, hi = bisect.bisect_left(starts, p.start), bisect.bisect_left(starts, p.end)
        units.extend((s.start, s.end) for s in doc.sentences[lo:hi])
    return units


def _within(units: Sequence[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset falls inside one of ``units``: by bisection when they are in order and
    do not overlap (sentences), else by looking at each."""
    starts = [s for s, _ in units]
    ends = [e for _, e in units]
    ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False)) and all(
        e <= s for e, s in zip(ends, starts[1:], strict=False)
    )
    if not ordered:
        return lambda offset: any(s <= offset < e for s, e in units)

    def inside(offset: int) -> bool:
        # Only the last unit starting at or before the offset can hold it.
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and offset < ends[k]

    return inside


def check_text(
    source: DocumentView,
    derived: Document | DocumentView,
    units: Sequence[tuple[int, int]],
    quotes: Sequence[Quote],
    *,
    headline: bool = False,
    support_threshold: float = SUPPORT_THRESHOLD,
    min_anchors: int = MIN_ANCHORS,
) -> list[ComparisonIssue]:
    """Every issue of ``derived`` (restricted to ``units``) against ``source``.

    ``derived`` may come as a :class:`DocumentView`, whose dates, numbers and words are then
    read from it (made once for an article that is compared more than once).
    """
    view = derived if isinstance(derived, DocumentView) else DocumentView(derived)
    derived = view.doc
    text = derived.text
    # Quotations are checked word for word by check_quotes; sentence support judges what the
    # rewrite says in its own voice, so quoted words are blanked out before alignment.
    unquoted = blank(text, ((q.start, q.end) for q in quotes))
    unit_texts = [unquoted[s:e] for s, e in units]
    align = _Aligner(units, source.index.fitted(unit_texts).align(unit_texts))

    inside = _within(units)

    dates = [d for d in view.dates_against(source) if inside(d.start)]
    numbers = [n for n in _outside_dates(view.all_numbers, dates) if inside(n.start)]
    words = view.words
    ordinary = words.lower | source.words.lower  # lower_words(text, source.doc.text)
    capitalised = words.inner | source.words.inner  # inner_capitalised(source, derived)
    names = [
        n
        for n in find_names(
            words,
            ordinary=ordinary,
            capitalised=capitalised,
            skip_headings=not headline,
            title_case=headline,
        )
        if inside(n.start)
    ]
    issues = (
        check_dates(text, dates, source, align, derived.meta.published)
        + check_numbers(text, numbers, source, align)
        + check_names(text, names, source, align)
        + check_quotes(view, [q for q in quotes if inside(q.start)], source)
        + check_sentences(text, units, source, align, support_threshold, min_anchors)
    )
    issues.sort(key=lambda i: (i.start, i.end, i.kind, i.message))
    return issues


def unsupported_in(
    claim_text: str,
    source_doc: Document | ArticleResult,
    *,
    source_quotes: Sequence[Quote] = (),
) -> list[ComparisonIssue]:
    """Check one short text (a headline, a claim) against a source: a Document, or an analysed
    article (whose quotes are then used when ``source_quotes`` is not given).

    Offsets of the issues are into ``claim_text``. The whole text is one unit: it is
    ``unsupported_sentence`` when the source does not cover it, and its dates, numbers and names
    are checked as in a rewrite. Title Case is allowed: a capitalised dictionary word is not
    taken for a name unless the source capitalises it inside a sentence.

    Examples
    --------
    >>> src = build_document(Article("s", "s", "Homicides fell 22 percent in 2025."))
    >>> [(i.kind, i.text) for i in unsupported_in("Homicides Fell 25 Percent", src)]
    [('number_mismatch', '25 Percent')]
    >>> from analyzer import analyze
    >>> [i.kind for i in unsupported_in("Homicides Fell 25 Percent", analyze(src.text))]
    ['number_mismatch']
    """
    if isinstance(source_doc, ArticleResult):
        result = source_doc
        source_quotes = source_quotes or (result.quotes or ())
        meta = Metadata(title=result.title, published=result.published, outlet=result.outlet)
        source_doc = build_document(Article(result.id, result.path, result.text, meta=meta))
    meta = Metadata(published=source_doc.meta.published)
    claim = build_document(Article("claim", "", claim_text, meta=meta))
    units = [(0, len(claim_text.rstrip()))] if claim_text.strip() else []
    return check_text(source_view(source_doc, source_quotes), claim, units, (), headline=True)
