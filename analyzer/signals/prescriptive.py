"""Prescriptive statements: the writer says what someone must, should or needs to do.

Phrases come from ``lexicons/prescriptive.txt``. Only the writer's own voice counts: a "must"
inside a quotation or an interview answer is the speaker's, and a sentence that reports someone's
view with a reporting verb ("the mayor said the city must act") reports a prescription rather
than making one. Not prescriptive either: epistemic "must have" / "must be" + adjective of
inference ("must have known"), conditional "should" opening a clause ("Should talks fail, ..."),
and anything in a question.
"""

from __future__ import annotations

import re

from analyzer.document import Document, Span
from analyzer.layout import in_writer_voice, layout
from analyzer.phrases import phrase_spans
from analyzer.results import Finding

_EPISTEMIC_MUST = re.compile(r"\s+(?:have|'ve|’ve)\b", re.I)
_CLAUSE_START = re.compile(r"(?:^\W*|[,;:—–(]\s*|\b(?:and|but|or)\s+)$", re.I)
_CONDITION_SUBJECT = re.compile(
    r"\s+(?:the|a|an|this|that|these|those|it|they|he|she|we|you|i)\b", re.I
)
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|argued|argues|urged|urges|insisted|insists|warned|warns|"
    r"believes|believe|according to|called for|calls for|wrote|writes|added|noted|stated)\b",
    re.I,
)


def _is_conditional(text: str, sentence_start: int, start: int, end: int) -> bool:
    """ "Should the talks fail, ..." opens a clause with "should" + subject: a condition."""
    return bool(_CLAUSE_START.search(text[sentence_start:start])) and bool(
        _CONDITION_SUBJECT.match(text, end)
    )


def _sentence(doc: Document, offset: int) -> Span | None:
    i = doc.sentence_index(offset)
    return doc.sentences[i] if i is not None else None


def find(doc: Document) -> list[Finding]:
    """Prescriptive phrases in the writer's own voice, in text order.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> text = "Congress must act. He said the city should wait. It must have rained."
    >>> [f.text for f in find(build_document(Article("a", "a", text)))]
    ['must']
    """
    lay = layout(doc)
    text = doc.text
    findings: list[Finding] = []
    for start, end in phrase_spans(text, "prescriptive"):
        word = text[start:end].lower()
        sentence = _sentence(doc, start)
        if sentence is None or not in_writer_voice(doc, Span(start, end), lay):
            continue
        body = text[sentence.start : sentence.end]
        if body.rstrip("”\"’' )").endswith("?") or _REPORTED.search(body):
            continue
        if word == "must" and _EPISTEMIC_MUST.match(text, end):
            continue
        if word == "should" and _is_conditional(text, sentence.start, start, end):
            continue
        findings.append(
            Finding(
                "prescriptive",
                start,
                end,
                text[start:end],
                f"“{text[start:end]}” tells the reader what should be done: this is the writer’s "
                "opinion or advice, not reported fact.",
            )
        )
    findings.sort(key=Finding.sort_key)
    return findings
