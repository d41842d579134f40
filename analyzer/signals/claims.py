"""Unsupported claims: checkable factual statements in the writer's voice with nothing behind them.

A sentence is a *claim* when, outside any quotation, it states a statistic (a percentage, a count,
a multiple), a trend ("rose", "fell", "on the rise"), a comparison ("more than", "compared
with"), a superlative or record ("the largest", "in a decade", "unprecedented") or a cause ("led
to", "because", "as a result"). Questions, headings, quoted speech, interview answers and
prescriptive sentences ("must", "should") are not factual claims.

A claim is *supported* when the sentence, or its immediate context, says where it comes from:

- an attribution found by the attribution signal (passed in as ``attributions``) touching it;
- a reporting cue of its own ("said", "according to", "data show", "a 2024 report found",
  "ranked by", "in a statement"), so the module works even without the attribution signal;
- the sentence before it in the same paragraph (or, for a one-sentence paragraph, the last
  sentence of the paragraph before) carries such support, or the next sentence starts by
  pointing back at it ("That figure comes from ...").

Support that names no one ("experts say", "studies show", "reportedly", "is widely seen as") is
*vague*: the claim stays unsupported and the message quotes the vague formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.document import Document, Span
from analyzer.layout import in_writer_voice, layout
from analyzer.lexicons import load_lexicon
from analyzer.phrases import lexicon_pattern, regex_lexicon_pattern
from analyzer.results import Attribution, Finding

CLAIM_KINDS = ("statistic", "trend", "comparison", "superlative", "causal")
_KIND_WORDS = {
    "statistic": "a number",
    "trend": "a change over time",
    "comparison": "a comparison",
    "superlative": "a superlative or record",
    "causal": "a cause and effect",
}

_MONTH_BEFORE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$|No\.\s*$"
)
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?")
_PERCENT = re.compile(
    r"(?<![\d.,])\d[\d,.]*\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)", re.I
)
_NOT_A_COUNT = re.compile(
    r"\s*(?:a\.m\.|p\.m\.|:\d|th\b|st\b|nd\b|rd\b|-year-old|,|(?:more\s+|full\s+)?"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b)",
    re.I,
)
# An age or a duration is background, not a statistic: "Mr. Lee, 43," "At 43," "14 months".
_AGE_BEFORE = re.compile(r"(?:,|\b(?:At|at|aged|age))\s*$")
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|better|worse|bigger|faster|"
    r"slower|stronger|weaker|cheaper|older|younger)\s+than\b|\bcompared\s+(?:with|to)\b|"
    r"\b(?:twice|half|\w+\s+times)\s+(?:as|the)\b|\bas\s+(?:many|much)\s+as\b|"
    r"(?:%|\bpercent|\btimes)\s+(?:more|less|fewer|greater|higher|lower|larger|smaller|better|"
    r"worse|bigger)\b",
    re.I,
)
_DOCUMENT_CUE = re.compile(
    r"\b(?:according\s+to|(?:data|figures|statistics|records|numbers|study|survey|poll|polls|"
    r"report|analysis|census|audit|review|index|ranking|estimates?)\s+(?:from|by|released|"
    r"published|compiled)|(?:data|figures|statistics|numbers|records|polls?|surveys?|stud(?:y|ies)|"
    r"reports?|analys[ie]s|census|estimates)\s+(?:show|shows|showed|report|reported|reveal|"
    r"revealed|indicate|indicated|suggest|suggested|found|find)|(?:compiled|published|released|conducted|estimated|ranked|assessed|"
    r"measured|counted|tallied|tracked|analy[sz]ed|calculated)\s+by|in\s+(?:a|an|the|its|his|"
    r"her|their)\s+(?:\w+\s+)?(?:statement|interview|report|letter|filing|email|speech|"
    r"press\s+release|post|study|survey|analysis|testimony|briefing))\b",
    re.I,
)
_CREDIT = re.compile(r"contributed reporting|contributed to this report|appeared first on", re.I)
_POINTS_BACK = re.compile(
    r"\W*(?:that|this|these|those|the)\s+(?:figures?|numbers?|data|estimates?|count|"
    r"findings?|report|study|survey|statistics?)\b",
    re.I,
)
# A vague formula is not vague when a word before it names whose it is ("government figures
# show", "the agency's analysts said"): a capitalised word, a possessive, a number, or one of these.
_SPECIFIC_BEFORE = re.compile(
    r"(?:\b[A-Z][\w’'.-]*|[’']s|\d|\b(?:government|official|federal|state|national|police|city|"
    r"company|agency|census|the|this|these|those|its|their|our|his|her))\s+$"
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim sentence: its span, what makes it checkable, and what supports it.

    ``support`` is the cue that supports it (a reporting word, an attribution's cue, or "context:
    ..." when the support is in the neighbouring sentence), or None. ``vague`` is the vague
    formula found when that was the only support.
    """

    start: int
    end: int
    kinds: tuple[str, ...]
    evidence: tuple[str, ...]
    support: str | None
    vague: str | None = None

    @property
    def supported(self) -> bool:
        return self.support is not None

    @property
    def credit(self) -> float:
        """1 for support by a neutral cue, 0.5 for a characterising verb only, 0 for none."""
        if self.support is None:
            return 0.0
        cue = self.support.removeprefix("context: ")
        return 0.5 if lexicon_pattern("characterizing_verbs").fullmatch(cue) else 1.0


def _writer_text(doc: Document) -> str:
    """The text with every quotation blanked out (same length, so offsets still hold)."""
    chars = list(doc.text)
    for q in doc.quotes:
        chars[q.start : q.end] = " " * (q.end - q.start)
    return "".join(chars)


_BIG_NUMBER_WORDS = frozenset(
    {"hundreds", "thousands", "millions", "billions", "trillions", "dozens", "multiple", "numerous"}
)
_NUMBER_WORD = re.compile(
    r"\b(?:" + "|".join(sorted({w for w in load_lexicon("number_words") if " " not in w})) + r")"
    r"(?:\s+(?:percent|per\s+cent))?\b",
    re.I,
)


def _statistics(text: str, start: int, end: int) -> list[str]:
    found = [m.group() for m in _PERCENT.finditer(text, start, end)]
    for m in _NUMBER.finditer(text, start, end):
        value = m.group()
        digits = value.replace(",", "").split(".")[0]
        if len(digits) == 4 and 1800 <= int(digits) <= 2100 and "," not in value:
            continue  # a year
        if _MONTH_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # a day of a month, or "No. 2"
        if _NOT_A_COUNT.match(text, m.end()) and (
            not text.startswith(",", m.end())
            or _AGE_BEFORE.search(text, max(0, m.start() - 6), m.start())
        ):
            continue
        found.append(value)
    for m in _NUMBER_WORD.finditer(text, start, end):
        word = m.group().lower()
        if word in _BIG_NUMBER_WORDS or word.endswith(("percent", "cent")):
            found.append(m.group())
    return found


def _features(text: str, span: Span) -> dict[str, list[str]]:
    s, e = span.start, span.end
    features = {
        "statistic": _statistics(text, s, e),
        "trend": [m.group() for m in lexicon_pattern("trend_words").finditer(text, s, e)],
        "comparison": [m.group() for m in _COMPARISON.finditer(text, s, e)],
        "superlative": [m.group() for m in lexicon_pattern("superlatives").finditer(text, s, e)],
        "causal": [m.group() for m in lexicon_pattern("causal_words").finditer(text, s, e)],
    }
    return {k: v for k, v in features.items() if v}


def _vague_matches(text: str, span: Span) -> list[re.Match[str]]:
    out = []
    for m in regex_lexicon_pattern("vague_support").finditer(text, span.start, span.end):
        lead = m.group().split()[0].lower()
        if lead in ("some", "many", "most", "several", "reportedly", "it"):
            out.append(m)
        elif not _SPECIFIC_BEFORE.search(text, max(span.start, m.start() - 30), m.start()):
            out.append(m)
    return out


def vague_formulas(doc: Document) -> list[Span]:
    """Every vague support formula ("experts say", "reportedly") in the writer's voice.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "Crime reportedly fell. Experts say so."))
    >>> [doc.span_text(s) for s in vague_formulas(doc)]
    ['reportedly', 'Experts say']
    """
    lay = layout(doc)
    spans = [Span(m.start(), m.end()) for s in doc.sentences for m in _vague_matches(doc.text, s)]
    return [s for s in spans if in_writer_voice(doc, s, lay)]


def _own_support(doc: Document, span: Span) -> tuple[str | None, str | None]:
    """The first non-vague reporting cue in the sentence, and a vague formula if one is there."""
    text = doc.text
    vague = _vague_matches(text, span)
    cues = [m for m in lexicon_pattern("reporting_verbs").finditer(text, span.start, span.end)]
    cues += [m for m in _DOCUMENT_CUE.finditer(text, span.start, span.end)]
    cues.sort(key=lambda m: m.start())
    for m in cues:
        if doc.in_quote(Span(m.start(), m.end())):
            continue
        if any(v.start() <= m.start() < v.end() for v in vague):
            continue
        return m.group(), None
    return None, vague[0].group() if vague else None


def _attribution_support(
    span: Span, attributions: Sequence[Attribution], text: str, vague_spans: list[Span]
) -> str | None:
    for a in attributions:
        touches = a.start < span.end and span.start < a.end
        touches = touches or (a.content_start < span.end and span.start < a.content_end)
        if not touches:
            continue
        if a.source_start is not None and a.source_end is not None:
            source = Span(a.source_start, a.source_end)
            if any(v.overlaps(source) for v in vague_spans):
                continue
        return a.cue or a.source or a.kind
    return None


def assess(doc: Document, attributions: Sequence[Attribution] = ()) -> list[Claim]:
    """Every claim sentence in the writer's voice, with its support (or lack of it).

    Parameters
    ----------
    doc : Document
        The article.
    attributions : sequence of Attribution
        What the attribution signal found; an attribution touching a sentence supports it.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> text = "Crime fell 20 percent, police said. Thefts rose 5 percent. Arrests rose."
    >>> [c.support for c in assess(build_document(Article("a", "a", text)))]
    ['said', 'context: said', None]
    """
    lay = layout(doc)
    text = doc.text
    masked = _writer_text(doc)
    headings = {doc.paragraphs[i] for i in lay.headings}
    prescriptive = lexicon_pattern("prescriptive")
    # Support of each sentence on its own, computed once (context looks at neighbours).
    own: list[tuple[str | None, str | None]] = []
    for s in doc.sentences:
        vague = _vague_matches(text, s)
        cue, vague_text = _own_support(doc, s)
        if cue is None:
            cue = _attribution_support(
                s, attributions, text, [Span(v.start(), v.end()) for v in vague]
            )
        own.append((cue, vague_text))
    claims: list[Claim] = []
    for i, s in enumerate(doc.sentences):
        body = text[s.start : s.end]
        if not in_writer_voice(doc, s, lay) or (s.start, s.end) in {
            (h.start, h.end) for h in headings
        }:
            continue
        if body.rstrip("”\"’' )").endswith("?") or _CREDIT.search(body):
            continue
        if prescriptive.search(masked, s.start, s.end):
            continue
        features = _features(masked, s)
        if not features:
            continue
        cue, vague = own[i]
        if cue is None and vague is None:
            cue = _context_support(doc, i, own, "statistic" in features, masked)
        kinds = tuple(k for k in CLAIM_KINDS if k in features)
        evidence = tuple(features[k][0] for k in kinds)
        claims.append(Claim(s.start, s.end, kinds, evidence, cue, None if cue else vague))
    return claims


def _context_support(
    doc: Document,
    i: int,
    own: list[tuple[str | None, str | None]],
    is_statistic: bool,
    masked: str,
) -> str | None:
    """Support from the neighbours of sentence ``i``.

    Only figures borrow support from the sentence before: a run of numbers from one sourced
    passage ("Authorities say they arrested 39,000 people. Under the previous government they
    arrested 10,400.") is common, while a general assertion after a quoted one is usually the
    writer's own. Any claim is supported by a next sentence that points back at it with its own
    support ("That figure comes from the census bureau.").
    """
    sentences = doc.sentences
    here = doc.paragraph_index(sentences[i].start)
    if is_statistic and i > 0 and own[i - 1][0]:
        before = doc.paragraph_index(sentences[i - 1].start)
        alone = i + 1 >= len(sentences) or doc.paragraph_index(sentences[i + 1].start) != here
        previous = sentences[i - 1]
        if (before == here or alone) and _statistics(masked, previous.start, previous.end):
            return f"context: {own[i - 1][0]}"
    if i + 1 < len(sentences) and doc.paragraph_index(sentences[i + 1].start) == here:
        nxt = sentences[i + 1]
        if own[i + 1][0] and _POINTS_BACK.match(doc.text, nxt.start, nxt.end):
            return f"context: {own[i + 1][0]}"
    return None


def _message(claim: Claim) -> str:
    what = " and ".join(_KIND_WORDS[k] for k in claim.kinds)
    shown = ", ".join(f"“{e}”" for e in claim.evidence)
    if claim.vague:
        return (
            f"States {what} ({shown}) and its only support is vague (“{claim.vague}”): no named "
            "person, organisation or document stands behind it."
        )
    return (
        f"States {what} ({shown}) in the writer’s own voice, with no source, data or document "
        "named in this sentence or the ones next to it."
    )


def find(doc: Document, attributions: Sequence[Attribution] = ()) -> list[Finding]:
    """``unsupported_claim`` findings: claim sentences with no support, in text order.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "Experts say crime rose 40 percent."))
    >>> [(f.kind, f.text) for f in find(doc)]
    [('unsupported_claim', 'Experts say crime rose 40 percent.')]
    """
    return findings_for(doc, assess(doc, attributions))


def findings_for(doc: Document, claims: Sequence[Claim]) -> list[Finding]:
    """The findings for already assessed claims (so a pipeline assesses only once)."""
    out = [
        Finding(
            "unsupported_claim",
            c.start,
            c.end,
            doc.text[c.start : c.end],
            _message(c),
            {"claim": list(c.kinds)},
        )
        for c in claims
        if not c.supported
    ]
    out.sort(key=Finding.sort_key)
    return out
