"""Source balance: which kinds of voices an article gives, and whether one side goes unheard.

Reads the sources with their roles (:mod:`analyzer.signals.roles`) and the quotes. Only the
sources that are distinct voices count (:func:`analyzer.signals.sources.is_voice`): named ones
and unnamed ones pinned down ("the mayor", "a worker at the depot"), not vague crowds
("experts say", "some residents worry", "everyone knows"), which any text can invoke. Metrics:

- ``source_roles``: share of voices per role (voices whose role is known);
- ``quoted_words_by_role``: share of the words in direct quotes per role of the speaker.

Finding ``one_sided_sourcing`` when

- at least three voices have a known role and all share it (every voice an official, say), or
- the article reports a dispute (``dispute_cues.txt``: a vote, a lawsuit, an accusation) and
  cites one source only: the other side is not heard.

Score ``balance`` (0-100): ``70 × role diversity + 30 × reply share``. Role diversity is the
Gini-Simpson index of the roles, ``1 − Σ share²``, divided by its largest possible value for that
many sources, ``1 − 1 ÷ min(sources, 7)``, so 1 means as varied as the count of sources allows and
0 means one kind of voice; fewer than three voices count as three, the missing ones of the most
common role (two voices of two roles: 0.667, not 1). Reply share is accused parties given a reply
÷ accused parties (1 when the article accuses no one). ``None`` when no source has a known role.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.document import Document
from analyzer.phrases import word_count_within
from analyzer.results import Attribution, Finding, Quote, Source
from analyzer.scan import Scanner, findall_by_pieces, lexicon_scanner
from analyzer.signals.roles import ROLES, UNKNOWN
from analyzer.signals.sources import voices

MIN_ONE_ROLE = 3
# The fewest voices that can give a story two sides and a third view to weigh them.
MIN_VOICES = 3
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
_LABEL = {
    "official": "officials",
    "law_enforcement": "police, prosecutors or security forces",
    "expert": "experts",
    "advocate": "advocates",
    "business": "business voices",
    "affected": "people affected",
    "journalist": "journalists",
}


@dataclass(frozen=True, slots=True)
class Balance:
    """Role shares, findings, and the balance score."""

    metrics: dict[str, Any]
    findings: list[Finding]
    score: float | None


def diversity(roles: Sequence[str]) -> float | None:
    """Normalised Gini-Simpson diversity of known roles; None without any known role.

    Fewer than ``MIN_VOICES`` voices are scored as if the missing ones repeated the most common
    role: two voices show at most two sides, with no third to weigh them, so a two-voice item
    scores as a three-voice piece of two roles does, not as the most varied piece possible.

    Examples
    --------
    >>> diversity(["official", "expert", "advocate"]), diversity(["official"] * 3)
    (1.0, 0.0)
    >>> two, three = ["official", "expert"], ["official", "official", "expert"]
    >>> round(diversity(two), 3), round(diversity(three), 3)
    (0.667, 0.667)
    """
    known = [r for r in roles if r != UNKNOWN]
    if not known:
        return None
    counts = Counter(known)
    n = max(len(known), MIN_VOICES)
    counts[counts.most_common(1)[0][0]] += n - len(known)
    most = 1 - 1 / min(n, len(ROLES))
    simpson = 1 - sum((c / n) ** 2 for c in counts.values())
    return simpson / most


def balance_score(roles: Sequence[str], accused: int, answered: int) -> float | None:
    """``70 × diversity + 30 × reply share``, rounded to one place; None without known roles.

    Examples
    --------
    >>> balance_score(["official", "expert", "affected"], accused=0, answered=0)
    100.0
    >>> balance_score(["official", "expert"], accused=0, answered=0)
    76.7
    >>> balance_score(["official", "official"], accused=1, answered=0)
    0.0
    """
    d = diversity(roles)
    if d is None:
        return None
    reply = answered / accused if accused else 1.0
    return round(70 * d + 30 * reply, 1)


def quoted_word_count(text: str) -> int:
    """The words of a quotation: ``len(_WORD.findall(text))``, counted from a split at white
    space (:func:`analyzer.scan.findall_by_pieces`; a third less time than the pattern).

    Examples
    --------
    >>> quoted_word_count("“We’re not done — far from it,” she said.")
    8
    """
    return len(findall_by_pieces(_WORD, text, str.isalnum))


def _quoted_words(text: str, quote: Quote) -> int:
    """``quoted_word_count(quote.text)``, counted in the article's word index (kept for the
    phrase signals) when the quotation is a span of the article: no split of each quotation.
    Where a word of the article runs across an end of it (a closing ’ joins a word only before
    "_"), the quotation is split on its own."""
    count = None
    if text.startswith(quote.text, quote.start) and quote.end == quote.start + len(quote.text):
        count = word_count_within(text, quote.start, quote.end)
    return quoted_word_count(quote.text) if count is None else count


def _disputes() -> Scanner:
    """The scanner of words that say a claim is disputed (built once per process)."""
    return lexicon_scanner("dispute_cues", r"(?<!\w)", r"(?!\w)")


def assess(
    doc: Document,
    sources: Sequence[Source],
    attributions: Sequence[Attribution],
    quotes: Sequence[Quote],
    *,
    accused: int = 0,
    answered: int = 0,
) -> Balance:
    """Role shares, one-sided-sourcing findings and the balance score.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "The mayor spoke."))
    >>> srcs = [Source("Ana Ruiz", "person", role="official"),
    ...         Source("Lee", "person", role="expert")]
    >>> assess(doc, srcs, [], []).score
    76.7
    >>> assess(doc, [*srcs[:1], Source("experts", "anonymous", role="expert")], [], []).score
    30.0
    """
    heard = voices(doc, sources)
    roles = [s.role for s in heard]
    known = [r for r in roles if r != UNKNOWN]
    shares = {r: round(c / len(known), 3) for r, c in sorted(Counter(known).items())}
    role_by_name = {s.name: s.role for s in sources}
    words: Counter[str] = Counter()
    for q in quotes:
        words[role_by_name.get(q.speaker or "", UNKNOWN)] += _quoted_words(doc.text, q)
    total = sum(words.values())
    quoted = {r: round(c / total, 3) for r, c in sorted(words.items())} if total else {}
    findings = []
    if len(known) >= MIN_ONE_ROLE and len(set(known)) == 1:
        role = known[0]
        first = next(s for s in heard if s.role == role)
        span = _first_attribution(attributions, first.name)
        if span:
            findings.append(
                Finding(
                    "one_sided_sourcing",
                    span[0],
                    span[1],
                    doc.text[span[0] : span[1]],
                    f"All {len(known)} sources whose role is clear are {_LABEL[role]}: the "
                    f"article gives no other kind of voice (for example experts, people "
                    f"affected, or those who disagree).",
                    detail={"role": role, "sources": len(known)},
                )
            )
    cited = [s for s in sources if s.kind != "document"]
    # Looked for only when it can matter: one cited source.
    dispute = _disputes().search(doc.text) if len(cited) == 1 else None
    if dispute is not None:
        cue = doc.text[dispute[0] : dispute[1]]
        findings.append(
            Finding(
                "one_sided_sourcing",
                dispute[0],
                dispute[1],
                cue,
                f"The article reports a dispute (“{cue}”) but cites one source "
                f"only, {cited[0].name}: the other side is not heard.",
                detail={"sources": 1},
            )
        )
    findings.sort(key=lambda f: f.sort_key())
    metrics = {"source_roles": shares, "quoted_words_by_role": quoted}
    return Balance(metrics, findings, balance_score(roles, accused, answered))


def _first_attribution(attributions: Sequence[Attribution], name: str) -> tuple[int, int] | None:
    for a in attributions:
        if a.source == name:
            if a.source_start is not None and a.source_end is not None:
                return a.source_start, a.source_end
            return a.start, a.end
    return None
