"""Exercises on one article: quotes and speakers, kinds of source, hedges, unsupported claims.

Each builder reads only the :class:`~analyzer.results.ArticleResult` (and the Document rebuilt
from its text, for sentences) and returns an :class:`Exercise`, or None when the analysis holds
nothing to ask about. Answers are the analysis' own findings at their own offsets; distractors
are sentences or phrases the analysis checked and did not flag, chosen so that the key can say
why they are not findings.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from analyzer.document import Document
from analyzer.exercises.lines import LineIndex
from analyzer.exercises.model import Exercise, Item
from analyzer.results import ArticleResult, Attribution, Finding
from analyzer.signals.sources import is_named

# (basic, advanced) sizes
QUOTES_SHOWN = {"basic": 5, "advanced": 10}
SOURCES_SHOWN = {"basic": 6, "advanced": 10}
HEDGES_ASKED = {"basic": 3, "advanced": 5}
BOOSTERS_ASKED = {"basic": 0, "advanced": 2}
CLAIM_SENTENCES = {"basic": 4, "advanced": 8}

_CLAUSE_END = re.compile(r"[,;:.!?—–()“”\"]")
_WORD = re.compile(r"\S+")
_NAME_WORD = re.compile(r"\w+")
# A probability from a learned part this close to one half is a coin toss.
BORDERLINE = (0.35, 0.65)


def detail_uncertainty(finding: Finding) -> str | None:
    """A sentence for the teacher when a finding carries a borderline model probability.

    Examples
    --------
    >>> detail_uncertainty(Finding("hedge", 0, 3, "may", "m", {"probability": 0.52}))
    'Borderline: the model gives it a probability of 0.52.'
    >>> detail_uncertainty(Finding("hedge", 0, 3, "may", "m")) is None
    True
    """
    p = finding.detail.get("probability") if finding.detail else None
    if isinstance(p, int | float) and BORDERLINE[0] <= p <= BORDERLINE[1]:
        return f"Borderline: the model gives it a probability of {p:.2f}."
    return None


def resolved_from(result: ArticleResult, a: Attribution) -> str | None:
    """The words the text uses for a source the analyzer resolved from elsewhere, or None.

    When the words at the attribution ("She", "the official") share no word with the source's
    name, the name came from resolving a pronoun or a description: a step worth checking.

    Examples
    --------
    >>> r = ArticleResult(id="a", path="", text="She said so.")
    >>> resolved_from(r, Attribution(0, 12, "indirect", "Ana Ruiz", "person", "said", 0, 12,
    ...                              source_start=0, source_end=3))
    'She'
    """
    if a.source is None or a.source_start is None or a.source_end is None:
        return None
    said = result.text[a.source_start : a.source_end]
    if set(_NAME_WORD.findall(said.lower())) & set(_NAME_WORD.findall(a.source.lower())):
        return None
    return said


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _there_are(n: int, word: str) -> str:
    """Examples
    --------
    >>> _there_are(1, "quote"), _there_are(2, "quote")
    ('There is 1 quote.', 'There are 2 quotes.')
    """
    return f"There is 1 {word}." if n == 1 else f"There are {n} {word}s."


def quotes_exercise(
    result: ArticleResult, index: LineIndex, rng: random.Random, level: str
) -> Exercise | None:
    """Underline every direct quote in a stretch of paragraphs and name its speaker."""
    quotes = list(result.quotes or ())
    if not quotes:
        return None
    limit = QUOTES_SHOWN[level]
    paragraphs = [index.locate(q.start, q.end).paragraph for q in quotes]
    first_p, last_p = paragraphs[0], paragraphs[-1]
    if len(quotes) > limit:
        # A seeded window of consecutive quotes; whole paragraphs, so the task stays exact.
        k = rng.randrange(len(quotes) - limit + 1)
        first_p, last_p = paragraphs[k], paragraphs[k + limit - 1]
    chosen = [q for q, p in zip(quotes, paragraphs, strict=True) if first_p <= p <= last_p]
    where = (
        "in the article"
        if len(chosen) == len(quotes)
        else (
            f"in paragraph {first_p}" if first_p == last_p else f"in paragraphs {first_p}–{last_p}"
        )
    )
    items = []
    for q in chosen:
        uncertain = None
        if q.speaker:
            for a in result.attributions or ():
                said = resolved_from(result, a) if a.start < q.end and q.start < a.end else None
                if said is not None and a.source == q.speaker:
                    uncertain = (
                        f"The text calls the speaker “{said}”; the analyzer took that to mean "
                        f"{q.speaker}: check who it refers to."
                    )
                    break
            answer = f"Speaker: {q.speaker}"
            reason = f"The analyzer gives these words to {q.speaker}" + (
                f" ({q.speaker_kind})." if q.speaker_kind else "."
            )
            if q.speaker_kind == "anonymous":
                answer = f"Speaker: an unnamed source ({q.speaker})"
        else:
            answer = "Speaker: not resolved"
            reason = "The analyzer found no speaker for this quote."
            uncertain = "Speaker unresolved: decide from the sentences around it."
        items.append(
            Item(
                prompt=q.text,
                answer=answer,
                reason=reason,
                kind="quote",
                start=q.start,
                end=q.end,
                location=index.locate(q.start, q.end),
                uncertain=uncertain,
            )
        )
    return Exercise(
        key="quotes",
        title="Direct quotes and their speakers",
        instructions=(
            f"Underline every direct quote {where} (someone's exact words inside quotation "
            "marks, not a single word or title in quotation marks). Next to each, write who "
            f"says it. {_there_are(len(items), 'direct quote')}"
        ),
        items=tuple(items),
        show_items=False,
        answer_lines=0,
    )


def _first_place(result: ArticleResult, name: str) -> tuple[int, int] | None:
    """Where a source is first named: its first attribution or its first mention by full name,
    whichever comes first."""
    places = [
        (a.source_start, a.source_end)
        for a in result.attributions or ()
        if a.source == name and a.source_start is not None and a.source_end is not None
    ]
    at = result.text.find(name)
    if at >= 0:
        places.append((at, at + len(name)))
    return min(places) if places else None


def sources_exercise(
    result: ArticleResult, index: LineIndex, rng: random.Random, level: str
) -> Exercise | None:
    """Sort the sources the article cites into named, anonymous and vague."""
    named: list[Item] = []
    # Named as the article page's sources table says (a proper name): "government data" is a
    # document, but not a named one.
    names = [s.name for s in result.sources or () if is_named(s.kind, s.name)]
    for s in result.sources or ():
        if not is_named(s.kind, s.name):
            continue
        if any(other != s.name and other.endswith(" " + s.name) for other in names):
            continue  # "García Harfuch" when "Omar García Harfuch" is listed: one person
        place = _first_place(result, s.name)
        if place is None:
            continue
        start, end = place
        described = f", {s.description}" if s.description and s.description != s.name else ""
        quoted = f"quoted {_plural(s.quotes, 'time')}" if s.quotes else "not quoted directly"
        reason = f"A named {s.kind}{described}: {quoted}, mentioned {_plural(s.mentions, 'time')}."
        named.append(
            Item(
                prompt=result.text[start:end],
                answer=f"Named ({s.kind}): {s.name}",
                reason=reason,
                kind="named_source",
                start=start,
                end=end,
                location=index.locate(start, end),
                uncertain=(
                    "Named once, never quoted and not described: check that it really is a "
                    "source of information."
                    if s.mentions <= 1 and not s.quotes and not described
                    else None
                ),
            )
        )
    unnamed: dict[str, list[Item]] = {"anonymous_source": [], "vague_attribution": []}
    for f in result.findings:
        if f.kind in unnamed:
            unnamed[f.kind].append(
                Item(
                    prompt=f.text,
                    answer="Anonymous" if f.kind == "anonymous_source" else "Vague",
                    reason=f.message,
                    kind=f.kind,
                    start=f.start,
                    end=f.end,
                    location=index.locate(f.start, f.end),
                    uncertain=detail_uncertainty(f),
                )
            )
    groups = [named, unnamed["anonymous_source"], unnamed["vague_attribution"]]
    if sum(1 for g in groups if g) < 2 and len(named) < 3:
        return None
    # Take from each group in turn so every kind the article has is on the sheet.
    pools = [rng.sample(g, len(g)) for g in groups]
    chosen: list[Item] = []
    while len(chosen) < SOURCES_SHOWN[level] and any(pools):
        for pool in pools:
            if pool and len(chosen) < SOURCES_SHOWN[level]:
                chosen.append(pool.pop())
    chosen.sort(key=lambda i: (i.start, i.end))
    rng.shuffle(chosen)
    return Exercise(
        key="sources",
        title="Named, anonymous or vague?",
        instructions=(
            "Each phrase below points to a source of information. Find it in the article and "
            "tick whether the source is named (a person, organisation or document you could "
            "look up), anonymous (a real source whose name is withheld) or vague (a formula "
            "such as “experts say” that names no one)."
        ),
        items=tuple(chosen),
        choices=("named", "anonymous", "vague"),
    )


def _what_it_softens(text: str, start: int, end: int, approximate: bool) -> str:
    """The words a hedge bears on: the number after an approximator, else the rest of its clause."""
    if approximate:
        words = list(_WORD.finditer(text, end, min(len(text), end + 60)))[:2]
    else:
        stop = _CLAUSE_END.search(text, end)
        limit = stop.start() if stop else len(text)
        words = list(_WORD.finditer(text, end, limit))[:10]
    if not words:
        return text[start:end]
    return text[start : words[-1].end()].strip(",;:")


def hedges_exercise(
    result: ArticleResult, index: LineIndex, rng: random.Random, level: str
) -> Exercise | None:
    """Find a few hedges (and, advanced, boosters) and say what each softens or strengthens."""
    del rng  # every hedge is an answer; nothing is drawn
    hedges = [f for f in result.findings if f.kind == "hedge"]
    boosters = [f for f in result.findings if f.kind == "booster"]
    if not hedges:
        return None
    n_hedges = min(HEDGES_ASKED[level], len(hedges))
    n_boosters = min(BOOSTERS_ASKED[level], len(boosters))
    items = []
    for f in hedges + (boosters if n_boosters else []):
        approximate = f.kind == "hedge" and bool(f.detail.get("approximate"))
        span = _what_it_softens(result.text, f.start, f.end, approximate)
        verb = "softens" if f.kind == "hedge" else "strengthens"
        uncertain = detail_uncertainty(f)
        if approximate and uncertain is None:
            uncertain = (
                "An approximate number: some teachers count this as honest precision, not as "
                "hedging."
            )
        items.append(
            Item(
                prompt=f.text,
                answer=f"“{f.text}” {verb}: “{span}”",
                reason=f.message,
                kind=f.kind,
                start=f.start,
                end=f.end,
                location=index.locate(f.start, f.end),
                uncertain=uncertain,
            )
        )
    items.sort(key=lambda i: (i.start, i.end, i.kind))
    ask = f"Find {n_hedges} {'hedge' if n_hedges == 1 else 'hedges'}"
    ask += " (words with which the writer softens a statement or makes it less certain)"
    if n_boosters:
        ask += (
            f" and {n_boosters} {'booster' if n_boosters == 1 else 'boosters'} (words that "
            "present a statement as beyond doubt)"
        )
    ask += (
        " in the writer's own words, not inside quotation marks. For each, give its paragraph "
        "and line and say what it softens" + (" or strengthens." if n_boosters else ".")
    )
    return Exercise(
        key="hedges",
        title="Hedges" + (" and boosters" if n_boosters else ""),
        instructions=ask,
        items=tuple(items),
        show_items=False,
        answer_lines=2 * (n_hedges + n_boosters),
    )


# How sure a sentence's support is, best first: a cue that names the source ("said Ana Ruiz",
# "according to", "a report shows"), then speech the reader can see is speech (an interview
# answer, a quotation), then a reported verb the attribution signal read as a source, which
# is the reading most often wrong ("some cartels might have celebrated"), as is a source
# resolved from a pronoun ("She called").
_SUPPORT_TIER = {"direct": 0, "according_to": 0, "document": 0, "interview": 1, "indirect": 2}


def _support(result: ArticleResult, s: int, e: int) -> tuple[int, str, str] | None:
    """(tier, kind, reason) of the best support inside sentence ``[s, e)``, or None."""
    best = None
    for a in result.attributions or ():
        if not (a.start < e and s < a.end and a.source):
            continue
        tier = _SUPPORT_TIER.get(a.kind, 2)
        if a.kind != "interview" and resolved_from(result, a) is not None:
            tier = 2  # "She said": who she is was resolved, not read
        if best is not None and best[0] <= tier:
            continue
        if a.kind == "interview":
            reason = (
                f"An interview answer: {a.source}'s own words (the question-and-answer layout "
                "says who speaks), not the writer's claim."
            )
            best = (tier, "interview_answer", reason)
        else:
            cue = f" (“{a.cue}”)" if a.cue else ""
            reason = f"Attributed to {a.source}{cue}: the sentence says where it comes from."
            best = (tier, "attributed", reason)
    if best is None or best[0] > 1:
        for q in result.quotes or ():
            if s <= q.start and q.end <= e:
                who = q.speaker or "the person quoted"
                reason = f"A direct quote: these are {who}'s words, not the writer's claim."
                return (1, "quoted_speech", reason)
    return best


def _supported_sentences(
    result: ArticleResult, doc: Document, index: LineIndex, flagged: Sequence[Finding]
) -> list[tuple[int, Item]]:
    """Sentences that carry their own source, each with its support tier (0 = surest).

    None of them overlaps an unsupported_claim finding, so each is a true "no" in the exercise.
    """
    out = []
    for sent in doc.sentences:
        s, e = sent.start, sent.end
        text = result.text[s:e]
        if any(f.start < e and s < f.end for f in flagged):
            continue
        if text.rstrip("”\"’' )").endswith("?") or len(text.split()) < 8:
            continue
        support = _support(result, s, e)
        if support is None:
            continue
        tier, kind, reason = support
        uncertain = None
        if tier == 2:
            uncertain = (
                "The analyzer's source here is its least sure kind (a bare reporting verb, or a "
                "pronoun it resolved to a name): check that the sentence really says who the "
                "fact comes from."
            )
        item = Item(
            prompt=text,
            answer="No: the source is given",
            reason=reason,
            kind=kind,
            start=s,
            end=e,
            location=index.locate(s, e),
            is_finding=False,
            uncertain=uncertain,
        )
        out.append((tier, item))
    return out


def claims_exercise(
    result: ArticleResult,
    doc: Document,
    index: LineIndex,
    rng: random.Random,
    level: str,
) -> Exercise | None:
    """Which of these sentences state facts with no source? Flagged and supported ones, mixed."""
    flagged = [f for f in result.findings if f.kind == "unsupported_claim"]
    if not flagged:
        return None
    supported = _supported_sentences(result, doc, index, flagged)
    total = CLAIM_SENTENCES[level]
    # Roughly half and half, the split drawn by the seed so the count gives nothing away.
    half = total // 2
    n_flagged = min(len(flagged), max(1, half + rng.choice((-1, 0, 0, 1))))
    n_supported = min(len(supported), total - n_flagged)
    n_flagged = min(len(flagged), total - n_supported)
    items = []
    for f in rng.sample(flagged, n_flagged):
        uncertain = detail_uncertainty(f)
        if uncertain is None and "vague" in f.message:
            uncertain = "Its only support is vague; decide whether that counts as a source."
        items.append(
            Item(
                prompt=f.text,
                answer="Yes: no source",
                reason=f.message,
                kind=f.kind,
                start=f.start,
                end=f.end,
                location=index.locate(f.start, f.end),
                uncertain=uncertain,
            )
        )
    # Surest support first: an easy or doubtful "no" fills in only when the article has too few.
    for tier in sorted({t for t, _ in supported}):
        pool = [item for t, item in supported if t == tier]
        take = min(len(pool), n_supported)
        items += rng.sample(pool, take)
        n_supported -= take
    items.sort(key=lambda i: (i.start, i.end))
    rng.shuffle(items)
    return Exercise(
        key="claims",
        title="Facts without a source",
        instructions=(
            "Which of these sentences state a fact (a number, a change, a comparison, a record "
            "or a cause) in the writer's own voice without saying where it comes from? Tick yes "
            "or no, and for each “no” say how the article gives the source."
        ),
        items=tuple(items),
        choices=("yes", "no"),
    )
