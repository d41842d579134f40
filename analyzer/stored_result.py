"""How the state store keeps a result: its results.jsonl line, and what the line does not hold.

A result is stored as its results.jsonl line (``dumps(result.to_record())``), a newline, and
codec JSON (:mod:`analyzer.codec`) of the parts the line does not give back exactly: the metrics,
the scores and each finding's detail (the line sorts their keys and turns tuples into lists).
Everything else in a record is strings, numbers and lists that JSON gives back as they were. So
an article is converted to plain data and written as JSON once, for its line, instead of once
for the line and again for the codec; and writing results.jsonl is a copy of the first part.

A batch also stores the sentence spans of the article's Document (a third part, after another
newline: their bounds as one JSON list), so that comparing the article with another does not
split its text into sentences again (:func:`sentences_of`).

A result that the line does not hold exactly otherwise (a comparison, whose similarity the
record rounds; a value of another type where the record expects strings, numbers or tuples)
keeps its line and is stored whole with the codec after it. Either way
``decode(encode(result)) == result``, with every tuple, dict order and class as it was.

Examples
--------
>>> from analyzer.results import ArticleResult, Finding
>>> result = ArticleResult("a", "a.txt", "It may rain.", metrics={"words": 3},
...     findings=(Finding("hedge", 3, 6, "may", "Softens.", {"b": 1, "a": (2,)}),))
>>> stored = encode(result)
>>> line_of(stored)[:35]
'{"author": null, "comparison": null'
>>> decode(stored) == result, list(decode(stored).findings[0].detail)
(True, ['b', 'a'])
"""

from __future__ import annotations

import itertools
import json
import operator
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import Any, NamedTuple

from analyzer import codec
from analyzer.document import Span
from analyzer.fast_json import encoder
from analyzer.results import ArticleResult, Attribution, Comparison, Finding, Quote, Source
from analyzer.writers.record_line import dumps

# Values JSON gives back with the same type and value.
_SCALARS = frozenset({str, int, float, bool, type(None)})
# The fields each record item is rebuilt from (a finding's detail comes from the codec part).
_GET: dict[type, Callable[[Any], tuple[Any, ...]]] = {
    Finding: operator.attrgetter("kind", "start", "end", "text", "message"),
    **{
        cls: operator.attrgetter(*(f.name for f in fields(cls)))
        for cls in (Quote, Attribution, Source)
    },
}
_BOUNDS = operator.attrgetter("start", "end")
# Writes the bounds (ints) as ``json.dumps(bounds, separators=(",", ":"))`` does.
_bounds_json = encoder(sort_keys=False, separators=(",", ":"))
# The ArticleResult fields a record holds as scalars.
_TOP = ("id", "path", "text", "title", "outlet", "author", "published", "url", "type", "language")
_GET_TOP = operator.attrgetter(*_TOP)
# What a lean result (see encode) has after its line: codec JSON of None, which is never what
# the line does not hold (a tuple, or a whole result).
_LEFT_OUT = "null"


def encode(
    result: ArticleResult, sentences: Sequence[Span] | None = None, *, lean: bool = False
) -> str:
    """``result`` as stored: its line, a newline, and codec JSON of what the line does not hold
    (:func:`line_of` gives the line back, :func:`decode` the result); with ``sentences`` (the
    spans of the result's Document), a newline and their bounds (:func:`sentences_of`).

    ``lean``: for a store whose results are only compared and printed, never rebuilt whole (the
    throw-away store of ``score --json``): the metrics, scores and details of the findings are
    left out (~15 % of packing a result), :func:`decode` refuses the result and
    :func:`decode_unscored` reads it as ever, but for what comparing does not read (the
    findings, metrics, scores, sources and attributions of a result stored whole otherwise): a
    lean result is stored whole only when its line does not hold what comparing reads.

    Examples
    --------
    >>> from analyzer.results import ArticleResult
    >>> lean = encode(ArticleResult("a", "a.txt", "Hi.", metrics={"words": 1}), lean=True)
    >>> decode_unscored(lean).text
    'Hi.'
    >>> decode(lean)
    Traceback (most recent call last):
    ValueError: stored without its metrics, scores and details, for comparing only
    """
    line = dumps(result.to_record())
    if not _line_holds(result, items=not lean):
        rest = codec.encode(result)
    elif lean:
        rest = _LEFT_OUT
    else:
        rest = codec.encode((result.metrics, result.scores, [f.detail for f in result.findings]))
    parts = [line, rest]
    if sentences is not None:
        bounds = list(itertools.chain.from_iterable(map(_BOUNDS, sentences)))
        parts.append(_bounds_json(bounds))
    # JSON escapes a newline inside a string, so each newline ends a part. (Joined at once: the
    # line is most of the text, and each concatenation would copy it.)
    return "\n".join(parts)


def sentences_of(stored: str | bytes) -> tuple[Span, ...] | None:
    """The sentence spans :func:`encode` stored with a result (``stored`` is what it made, or
    that as UTF-8 bytes), None when it stored none.

    Examples
    --------
    >>> from analyzer.results import ArticleResult
    >>> result = ArticleResult("a", "a.txt", "Hi. Bye.")
    >>> sentences_of(encode(result, [Span(0, 3), Span(4, 8)]))
    (Span(start=0, end=3), Span(start=4, end=8))
    >>> sentences_of(encode(result)) is None, sentences_of(encode(result, []).encode())
    (True, ())
    """
    newline = "\n" if isinstance(stored, str) else b"\n"
    at = stored.find(newline, stored.index(newline) + 1)  # the end of the second part
    if at < 0:
        return None
    bounds = json.loads(stored[at + 1 :])
    return tuple(map(Span, bounds[::2], bounds[1::2]))


def line_of(stored: str) -> str:
    """The results.jsonl line (without newline) of a result :func:`encode` stored."""
    return stored[: stored.index("\n")]


def decode(stored: str) -> ArticleResult:
    """The result :func:`encode` stored, rebuilt exactly."""
    line, rest = stored.split("\n", 2)[:2]
    if rest == _LEFT_OUT:
        raise ValueError("stored without its metrics, scores and details, for comparing only")
    extra = codec.decode(rest)
    if isinstance(extra, ArticleResult):
        return extra
    return _result(json.loads(line), extra)


def _result(
    record: dict[str, Any],
    scored: tuple[Any, Any, Any] | None,
    *,
    items: bool = True,
    known: _Known | None = None,
) -> ArticleResult:
    """The result a record (a line read back) holds, with the metrics, scores and details of its
    findings (or none of the three); without ``items``, its sources and attributions are empty
    where it has them (None where it has none). ``known``: the record's paragraphs and quotes,
    already made (see :func:`read_unscored`), in place of the record's own."""
    metrics, scores, details = scored or ({}, {}, None)
    made = _items if items else _none_or_empty
    return ArticleResult(
        id=record["id"],
        path=record["path"],
        text=record["text"],
        title=record["title"],
        outlet=record["outlet"],
        author=record["author"],
        published=record["published"],
        url=record["url"],
        derived_from=tuple(record["derived_from"]),
        paragraphs=tuple(map(tuple, record["paragraphs"])) if known is None else known[0],
        type=record.get("type"),
        type_reasons=tuple(record.get("type_reasons", ())),
        scores=scores,
        metrics=metrics,
        sources=made(Source, record.get("sources")),
        quotes=_items(Quote, record.get("quotes")) if known is None else known[1],
        attributions=made(Attribution, record.get("attributions")),
        findings=()
        if details is None
        else tuple(
            Finding(f["kind"], f["start"], f["end"], f["text"], f["message"], detail)
            for f, detail in zip(record["findings"], details, strict=True)
        ),
        language=record.get("language"),
    )


def decode_unscored(stored: str | bytes) -> ArticleResult:
    """The result :func:`encode` stored as comparing two articles reads it: its text, metadata,
    paragraphs and quotes, without its findings, metrics and scores, and with no source or
    attribution (an empty tuple where it has them, None where it has none, as in the record: a
    stored line's head is checked against it, see :func:`line_with_comparison`). Cheaper than
    :func:`decode`: no finding, source or attribution is rebuilt (sources and attributions
    were most of the objects made). A result stored whole (see the module) comes back whole.

    ``stored`` is what :func:`encode` made, or that as UTF-8 bytes (as
    :func:`analyzer.state.unpacked` gives it: the parts read are decoded, not the whole).

    Examples
    --------
    >>> from analyzer.results import ArticleResult, Finding, Quote
    >>> result = ArticleResult("a", "a.txt", "“Hi,” Ana said.", quotes=(Quote(0, 5, "Hi,", "Ana"),),
    ...     metrics={"words": 3}, findings=(Finding("hedge", 0, 2, "Hi", "Softens."),),
    ...     sources=(Source("Ana", "person"),))
    >>> unscored = decode_unscored(encode(result))
    >>> unscored.quotes == result.quotes, unscored.findings, unscored.metrics
    (True, (), {})
    >>> unscored.sources, unscored.attributions
    ((), None)
    >>> decode_unscored(encode(result).encode("utf-8")) == unscored
    True
    """
    return read_unscored(_utf8(stored) if isinstance(stored, str) else stored).result


class Reading(NamedTuple):
    """A result read for comparing (:func:`read_unscored`), with what another result can be
    read against: its stored bytes and where their line holds the JSON of its text, paragraphs
    and quotes (``(start, end)`` of each; None when they were not found apart: the line was
    read whole)."""

    result: ArticleResult
    stored: bytes = b""
    spans: tuple[tuple[int, int], ...] | None = None


# The paragraphs and quotes of a result, made (see _result).
_Known = tuple[tuple[tuple[int, ...], ...], tuple[Quote, ...] | None]


def read_unscored(stored: bytes, like: Reading | None = None) -> Reading:
    """:func:`decode_unscored` of ``stored`` (UTF-8 bytes), read against ``like`` (another
    result's reading, often the source of the one read): where the line's text, paragraphs or
    quotes are ``like``'s JSON byte for byte, ``like``'s values are taken instead of parsed
    (equal bytes of JSON read back to equal values). A word-for-word copy's are its source's:
    reading it so skips most of the parse and every Quote made (a PolNeAR copy: ~137 -> ~51 us).

    Examples
    --------
    >>> from analyzer.results import ArticleResult, Quote
    >>> source = ArticleResult("s", "s.txt", "“Hi,” Ana said.", quotes=(Quote(0, 5, "Hi,", "Ana"),))
    >>> copy = ArticleResult("c", "c.txt", source.text, quotes=source.quotes, derived_from=("s",))
    >>> seen = read_unscored(encode(source).encode())
    >>> read = read_unscored(encode(copy).encode(), seen)
    >>> read.result == decode_unscored(encode(copy)), read.result.quotes is seen.result.quotes
    (True, True)
    """
    end = stored.index(b"\n")
    stop = stored.find(b"\n", end + 1)
    rest = stored[end + 1 : stop if stop > 0 else len(stored)].decode("utf-8", "surrogatepass")
    # The rest is the metrics, scores and details (a tuple, not read here), nothing (a lean
    # result) or the whole result.
    if rest != _LEFT_OUT and not codec.holds_tuple(rest):
        extra = codec.decode(rest)
        if isinstance(extra, ArticleResult):
            return Reading(extra)
    return _read_for_comparing(stored, end, like)


def _read_for_comparing(stored: bytes, end: int, like: Reading | None = None) -> Reading:
    """The result of the record ``stored[:end]`` (UTF-8) as :func:`read_unscored` reads it:
    ``json.loads`` of the record, but for the values comparing does not read, cut out of the
    line before it is parsed: the attributions (an empty list in their place, so that it still
    says whether it has them), the findings (an empty list), and the metrics, record version,
    scores and sources (left out; an empty list of sources where it has them). Parsing what is
    left takes about a quarter of the whole line's time (PolNeAR texts; a third with only the
    attributions and findings cut out). The text, paragraphs and quotes that are ``like``'s
    JSON are not parsed either (a placeholder in their place): ``like``'s values are taken.

    A record's keys are sorted: attributions, author, comparison, derived_from, findings, id,
    language, metrics, outlet, paragraphs, path, published, quotes, record_version, scores,
    scores_meaningful, sources, text, title, type, type_reasons, url. Inside a JSON string every
    quotation mark is escaped, so a ``"`` after a space opens a key or value: each cut runs from
    a key of the record to the first key after it that is the next one kept (``], "author": ``,
    ``], "id": ``, ``, "outlet": ``), and the values between those cuts are scalars and lists of
    scalars or of flat items that hold no such key; the scores and sources end at the last
    ``, "text": "`` of the line (only scalars and strings come after the text), and the text at
    the ``", "title": `` after it (the only one: looked for from the line's end, not through the
    text); the paragraphs (lists of numbers) end at the first
    ``], "path": `` after their key, the quotes (flat items) where the record version starts. A
    cut that ends inside a value leaves JSON that does not parse (a value closed too early) or a
    record without what :func:`_result` reads: then the line is parsed whole. (The parts kept
    are joined once and decoded by the parser: the line is not copied out of ``stored`` first.)
    """
    parts = []
    at = 0  # where the part to keep next starts
    if stored.startswith(b'{"attributions": ['):
        stop = stored.find(b'], "author": ', 0, end)
        if stop > 0:
            parts.append(b'{"attributions": [')
            at = stop
    findings = stored.find(b', "findings": [', at, end)
    after_findings = stored.find(b'], "id": ', findings, end) if findings > 0 else -1
    metrics = stored.find(b', "metrics": ', after_findings, end) if after_findings > 0 else -1
    outlet = stored.find(b', "outlet": ', metrics, end) if metrics > 0 else -1
    version = stored.find(b', "record_version": ', outlet, end) if outlet > 0 else -1
    text = stored.rfind(_TEXT_KEY, version, end) if version > 0 else -1
    paragraphs = stored.find(_PARAGRAPHS_KEY, outlet, version) if text > 0 else -1
    path = stored.find(b'], "path": ', paragraphs, version) + 1 if paragraphs > 0 else 0
    quotes = stored.find(_QUOTES_KEY, path, version) if path > 0 else -1
    title = stored.rfind(b'", "title": ', text, end) + 1 if quotes > 0 else 0
    if title > 0:
        # Where the text's, the paragraphs' and the quotes' JSON start and end.
        spans = (
            (text + len(_TEXT_KEY) - 1, title),
            (paragraphs + len(_PARAGRAPHS_KEY), path),
            (quotes + len(_QUOTES_KEY), version),
        )
        same = _NOT_SAME if like is None else _same(stored, spans, like)
        (text_at, _), (paragraphs_at, _), (quotes_at, _) = spans
        parts += (
            stored[at : findings + len(b', "findings": [')],
            stored[after_findings:metrics],
            stored[outlet:paragraphs_at],
            b"[]" if same[1] else stored[paragraphs_at:path],
            stored[path:quotes_at],
            b"null" if same[2] else stored[quotes_at:version],
            # The sources' list (when the record has them) ends right before the text; the
            # scores' flag before it is true or false.
            b', "sources": []' if stored[text - 1 : text] == b"]" else b"",
            stored[text:text_at],
            b'""' if same[0] else stored[text_at:title],
            stored[title:end],
        )
        try:
            record = json.loads(b"".join(parts))
        except ValueError:  # never, for a record's line
            pass
        else:
            if _READ.issubset(record):
                known = None
                if like is not None:  # (same holds only where like is given)
                    if same[0]:
                        record["text"] = like.result.text
                    if same[1] or same[2]:
                        known = (
                            like.result.paragraphs
                            if same[1]
                            else tuple(map(tuple, record["paragraphs"])),
                            like.result.quotes if same[2] else _items(Quote, record.get("quotes")),
                        )
                result = _result(record, None, items=False, known=known)
                return Reading(result, stored, spans)
    return Reading(_result(json.loads(stored[:end]), None, items=False))


# Where _read_for_comparing finds the text, the paragraphs and the quotes of a record.
_TEXT_KEY = b', "text": "'
_PARAGRAPHS_KEY = b', "paragraphs": '
_QUOTES_KEY = b', "quotes": '
_NOT_SAME = (False, False, False)


def _same(stored: bytes, spans: tuple[tuple[int, int], ...], like: Reading) -> tuple[bool, ...]:
    """Whether each of ``spans`` of ``stored`` holds the bytes of the same span of ``like``."""
    if like.spans is None:
        return _NOT_SAME
    return tuple(
        stop - start == other_stop - other_start
        and stored[start:stop] == like.stored[other_start:other_stop]
        for (start, stop), (other_start, other_stop) in zip(spans, like.spans, strict=True)
    )


# The keys of a record _result reads without a default.
_READ = frozenset({*_TOP, "derived_from", "paragraphs"}) - {"type", "language"}


def line_with_comparison(stored: str, result: ArticleResult, comparison: Comparison) -> str:
    """The results.jsonl line of the stored result with ``comparison`` in it.

    ``result`` is the stored result (from :func:`decode` or :func:`decode_unscored`). The line is
    ``dumps(dataclasses.replace(result, comparison=comparison).to_record())``, made from the
    stored line by putting the comparison's JSON in place of its ``"comparison"`` value: a
    record's keys are sorted, so only the attributions and the author come before it (the tests
    hold ``to_record`` to that), and nothing else of the line changes.

    Examples
    --------
    >>> from analyzer.results import ArticleResult, Comparison
    >>> result = ArticleResult("a", "a.txt", "Hi.", author="Ana")
    >>> comparison = Comparison("s", 0.5, "metadata", 1, 0)
    >>> line_with_comparison(encode(result), result, comparison)[:60]
    '{"author": "Ana", "comparison": {"derived_direct_quotes": 0,'
    """
    line = _utf8(line_of(stored))
    value = _value_at(line, len(line), result)
    old = _utf8("null" if result.comparison is None else dumps(result.comparison.to_dict()))
    if value is None or not line.startswith(old, value):
        # Not the line of this result (never, for a line encode wrote): the line made whole,
        # from the whole stored result (``result`` may lack its findings, metrics and scores).
        return dumps(replace(decode(stored), comparison=comparison).to_record())
    new = _utf8(dumps(comparison.to_dict()))
    return (line[:value] + new + line[value + len(old) :]).decode("utf-8", "surrogatepass")


def comparison_place(stored: bytes, result: ArticleResult) -> tuple[int, int] | None:
    """Where the line at the head of ``stored`` (what :func:`encode` made of ``result``, a
    result without comparison, as UTF-8 bytes) holds its ``"comparison"`` value, a ``null``:
    the byte of the ``null`` (where :func:`line_with_comparison` puts a comparison) and the
    line's length in bytes. None when the line is not such a record of ``result`` (never, for a
    line :func:`encode` wrote).

    In bytes, so that a worker that splices a comparison into a line (see
    :func:`analyzer.state.spliced_line`) encodes no part of the line again to count them.

    Examples
    --------
    >>> result = ArticleResult("a", "a.txt", "Hi.", author="Ana")
    >>> stored = encode(result).encode("utf-8")
    >>> at, end = comparison_place(stored, result)
    >>> stored[at:][:6], stored[end:][:1]
    (b'null, ', b'\\n')
    """
    end = stored.index(b"\n")
    value = _value_at(stored, end, result)
    if value is None or result.comparison is not None or not stored.startswith(b"null", value):
        return None
    return value, end


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# The comparison's key. Inside a JSON string every quotation mark is escaped, so the first one in
# a line is a key, the record's own when the line starts as a record's does (_head_of). (In
# UTF-8 an ASCII character is its one byte, which is in no other character's bytes: the first
# in a line's bytes is the first in the line.)
_COMPARISON = b'"comparison": '


def _value_at(line: bytes, end: int, result: ArticleResult) -> int | None:
    """The byte of the ``"comparison"`` value in the record ``line[:end]`` (UTF-8), None when
    the line does not start as a record of ``result`` does (see :func:`_head_of`)."""
    at = line.find(_COMPARISON, 0, end)
    if at < 0 or not _head_of(line, at, result):
        return None
    return at + len(_COMPARISON)


def _head_of(line: bytes, at: int, result: ArticleResult) -> bool:
    """True when ``line[:at]`` (UTF-8) is how a record of ``result`` starts before its
    comparison: its attributions (when it has them: a list, whose items have no key
    "comparison") and its author."""
    author = _utf8(f'"author": {dumps(result.author)}, ')
    if result.attributions is None:
        return at == 1 + len(author) and line.startswith(b"{" + author)
    return line.startswith(b'{"attributions": [', 0, at) and line.endswith(b"], " + author, 0, at)


def _items(cls: type, dicts: list[dict[str, Any]] | None) -> tuple[Any, ...] | None:
    return None if dicts is None else tuple(cls(**d) for d in dicts)


def _none_or_empty(cls: type, dicts: list[dict[str, Any]] | None) -> tuple[()] | None:
    return None if dicts is None else ()


def _line_holds(result: ArticleResult, *, items: bool = True) -> bool:
    """True when :func:`decode` rebuilds ``result`` from its line (with the metrics, scores and
    details beside it): no comparison, items of exactly the record's classes in tuples where the
    record has lists, and scalars JSON gives back as they were everywhere else.

    Without ``items``: when :func:`decode_unscored` reads from the line what it reads of
    ``result`` (no finding, source or attribution: most of the values to check).
    """
    if type(result) is not ArticleResult or result.comparison is not None:
        return False
    if result.type is None and result.type_reasons:  # the record leaves both out
        return False
    # (class of the items, the tuple of them) where the record has a list of objects
    groups: list[tuple[type, Any]] = [(tuple, result.paragraphs)]
    named = [(Quote, result.quotes)]
    if items:
        groups.append((Finding, result.findings))
        named += [(Source, result.sources), (Attribution, result.attributions)]
    groups += [(cls, group) for cls, group in named if group is not None]
    if not all(
        type(group) is tuple and set(map(type, group)) <= {cls} for cls, group in groups
    ) or not (type(result.derived_from) is tuple and type(result.type_reasons) is tuple):
        return False
    values = [_GET_TOP(result), result.derived_from, result.type_reasons, *result.paragraphs]
    for cls, group in groups[1:]:
        values += map(_GET[cls], group)
    return _SCALARS.issuperset(map(type, itertools.chain.from_iterable(values)))
