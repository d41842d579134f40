"""Hedges and boosters: where the writer softens a statement or presents it as beyond doubt.

Hedges come from ``lexicons/hedges.txt`` and boosters from ``lexicons/boosters.txt`` (both cut
from Hyland's metadiscourse lists for news). Only the writer's own voice counts: a hedge inside a
quotation belongs to the person quoted (their "could" is faithfully reported uncertainty, not the
writer's), and so do the answers of a question-and-answer interview. Context rules:

- "May" with a capital inside a sentence is the month or a name ("in May", "Theresa May"), and
  so is a sentence-initial "May" followed by a number or a comma ("May 3 was ...").
- A sentence ending in "?" asserts nothing, so a "might" or "could" in it is not a hedge.
- Approximators ("about", "around", "almost", "nearly", "roughly", "approximately", "some",
  "estimated") hedge only before a number: "roughly 40 percent", not "talk about".
- "could not", "rather than", "would rather", "likely voters" and "appeared in/on" are not
  hedges, nor is a compared likelihood ("less likely to develop", "twice as likely"): it reports
  a finding, not the writer's doubt.
"""

from __future__ import annotations

import re

from analyzer.document import Document, Span
from analyzer.layout import in_writer_voice, layout
from analyzer.lexicons import load_lexicon
from analyzer.phrases import phrase_spans
from analyzer.results import Finding

_APPROXIMATORS = frozenset(
    {"about", "around", "almost", "nearly", "roughly", "approximately", "some", "estimated"}
)
_NEEDS_FOLLOWER = {
    # hedge word -> pattern the following text must match for it to count
    "appear": re.compile(r"\s+(?:to|that|likely|unlikely)\b", re.I),
    "appears": re.compile(r"\s+(?:to|that|likely|unlikely)\b", re.I),
    "appeared": re.compile(r"\s+(?:to|that|likely|unlikely)\b", re.I),
}
_NOT_AFTER = {
    "could": re.compile(r"\s*(?:not\b|n[’']t)", re.I),
    "rather": re.compile(r"\s+than\b", re.I),
    "likely": re.compile(r"\s+voters?\b", re.I),
}
_NOT_BEFORE = {"rather": re.compile(r"\b(?:would|had|’d|'d)\s+$", re.I)}
# "less likely to develop", "twice as likely to fall ill", "more likely than": a comparison of
# likelihoods between groups reports a finding (how much the odds differ), not the writer's
# doubt. "most likely" ("most likely does not reflect") and a bare "more likely" ("more likely
# Donald Trump") stand for "probably" and stay hedges.
_COMPARED_BEFORE = re.compile(r"\b(?:more|less|least|as)\s+$", re.I)
_COMPARED_AFTER = re.compile(r"\s+(?:to|than)\b", re.I)
_MONTH_FOLLOWER = re.compile(r"\s*(?:\d|,)")


def _number_follows() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_lexicon("number_words"))
    # An optional article or adjective may sit between ("an estimated 1,000", "about a dozen").
    return re.compile(rf"\s+(?:(?:a|an|the|another)\s+)?(?:[$€£]?\d|(?:{words})\b)", re.IGNORECASE)


_NUMBER_FOLLOWS = _number_follows()


def _is_month_may(doc: Document, start: int, end: int) -> bool:
    if doc.text[start] != "M":
        return False
    i = doc.sentence_index(start)
    sentence_initial = i is not None and doc.sentences[i].start == start
    return not sentence_initial or bool(_MONTH_FOLLOWER.match(doc.text, end))


def _in_question(doc: Document, start: int) -> bool:
    i = doc.sentence_index(start)
    if i is None:
        return False
    s = doc.sentences[i]
    # (Most sentences hold no "?": found without a copy of the sentence.)
    return doc.text.find("?", s.start, s.end) >= 0 and doc.text[s.start : s.end].rstrip(
        "”\"’' )"
    ).endswith("?")


def _keep_hedge(doc: Document, word: str, start: int, end: int) -> tuple[bool, str]:
    """Whether a hedge-list match is a hedge here, and which message applies."""
    text = doc.text
    if word in _APPROXIMATORS:
        return bool(_NUMBER_FOLLOWS.match(text, end)), "approximate"
    if word == "may" and _is_month_may(doc, start, end):
        return False, ""
    follower = _NEEDS_FOLLOWER.get(word)
    if follower is not None and not follower.match(text, end):
        return False, ""
    after = _NOT_AFTER.get(word)
    if after is not None and after.match(text, end):
        return False, ""
    before = _NOT_BEFORE.get(word)
    if before is not None and before.search(text, max(0, start - 10), start):
        return False, ""
    if word in ("likely", "unlikely") and _compared(text, start, end):
        return False, ""
    return True, "soften"


def _compared(text: str, start: int, end: int) -> bool:
    """Whether the likelihood word at ``[start, end)`` compares groups ("less likely to")."""
    return bool(
        _COMPARED_BEFORE.search(text, max(0, start - 6), start) and _COMPARED_AFTER.match(text, end)
    )


def find(doc: Document) -> list[Finding]:
    """Hedges and boosters in the writer's own voice, in text order.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", "It may rain in May. Clearly, about 40 left."))
    >>> [(f.kind, f.text) for f in find(doc)]
    [('hedge', 'may'), ('booster', 'Clearly'), ('hedge', 'about')]
    """
    lay = layout(doc)
    findings: list[Finding] = []
    text = doc.text
    for start, end in phrase_spans(text, "hedges"):
        found = text[start:end]
        word = " ".join(found.lower().replace("’", "'").split())
        keep, why = _keep_hedge(doc, word, start, end)
        if not keep or _in_question(doc, start):
            continue
        if not in_writer_voice(doc, Span(start, end), lay):
            continue
        approximate = why == "approximate"
        message = (
            f"“{found}” marks the number after it as approximate."
            if approximate
            else f"“{found}” softens the statement: the writer does not fully commit to it."
        )
        # detail.approximate: readers (the worksheets) tell the two kinds apart by it.
        findings.append(Finding("hedge", start, end, found, message, {"approximate": approximate}))
    for start, end in phrase_spans(text, "boosters"):
        found = text[start:end]
        if _in_question(doc, start) or not in_writer_voice(doc, Span(start, end), lay):
            continue
        findings.append(
            Finding(
                "booster",
                start,
                end,
                found,
                f"“{found}” presents the statement as beyond doubt; check that the evidence "
                "is as strong as the word.",
            )
        )
    findings.sort(key=Finding.sort_key)
    return findings
