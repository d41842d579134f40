"""AI-style signals: the habits of machine-written rewrites and summaries.

Findings:

- ``ai_phrase``: stock filler from ``lexicons/ai_phrases.txt`` ("a testament to", "in the heart
  of", "plays a crucial role") in the writer's voice.
- ``unsigned_note``: an "Editor's Note" (or "Note from the editor") that comments on the story
  with no name under it. A note about the article itself (a correction, an update, a disclosure)
  is ordinary newsroom practice and is not flagged.
- ``rhetorical_question``: a question in the writer's own voice. Questions inside quotations are
  the speaker's, and the questions of a question-and-answer interview are the interviewer's.

:func:`profile` adds the document-level parts of the ai_style score that are not findings:
headings in the body with no reporting under them, and reporting of speech without a single
direct quotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.document import Document, Span
from analyzer.layout import Layout, in_writer_voice, layout
from analyzer.phrases import phrase_spans
from analyzer.results import Attribution, Finding, Quote

_NOTE = re.compile(
    r"(?:an?\s+)?(?:editor[’']?s[’']?\s+note|note\s+from\s+the\s+editors?|editorial\s+note)\b",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"(?m)(?:^|\n)\s*[—–-]\s*[A-Z]|\bThe Editors\b|\b[Ee]ditor(?:-in-chief)?\s*$")
_ABOUT_THE_ARTICLE = re.compile(
    r"\b(?:an earlier version|(?:was|were|has been|have been) (?:updated|corrected|amended|"
    r"edited|changed)|correction|disclos\w+|contributed to)\b",
    re.IGNORECASE,
)
# The last paragraphs of a piece, where a rhetorical question closes it ("can dedication
# overcome ...?"), weigh more in the score than a question mid-text.
CLOSING_PARAGRAPHS = 2


@dataclass(frozen=True, slots=True)
class Profile:
    """Document-level parts of the ai_style score.

    ``empty_headings`` are body headings (not the title line, not a note label) whose section
    holds no quotation and no reporting verb. ``reporting_cues`` counts reporting verbs in the
    writer's voice; with no direct quote at all, many of them mean the piece retells what people
    said without ever letting them speak.
    """

    empty_headings: tuple[Span, ...]
    reporting_cues: int
    direct_quotes: int

    @property
    def speech_without_quotes(self) -> bool:
        return self.direct_quotes == 0 and self.reporting_cues >= 3


def _sections(doc: Document, lay: Layout) -> list[tuple[int, int]]:
    """(heading paragraph, end paragraph exclusive) for each heading after the first paragraph."""
    heads = [h for h in lay.headings if h > 0]
    out = []
    for k, h in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(doc.paragraphs)
        out.append((h, end))
    return out


def _note_findings(doc: Document, lay: Layout) -> list[Finding]:
    findings = []
    paragraphs = doc.paragraphs
    heads = set(lay.headings)
    for i, p in enumerate(paragraphs):
        m = _NOTE.match(doc.text, p.start, p.end)
        if not m:
            continue
        if i in heads:
            end = next((h for h in sorted(heads) if h > i), len(paragraphs))
            body = (
                doc.text[paragraphs[i + 1].start : paragraphs[end - 1].end] if end > i + 1 else ""
            )
        else:
            body = doc.text[m.end() : p.end]
        if _SIGNED.search(body) or _ABOUT_THE_ARTICLE.search(body):
            continue
        findings.append(
            Finding(
                "unsigned_note",
                m.start(),
                m.end(),
                m.group(),
                f"“{m.group()}” comments on the story but no one signs it: a real editor’s note "
                "names its author or explains a correction. Unsigned notes that sum up a story "
                "are typical of machine-written rewrites.",
            )
        )
    return findings


def _question_findings(doc: Document, lay: Layout, opinion: bool) -> list[Finding]:
    findings = []
    questions = {doc.paragraphs[i].start for i in lay.questions}
    last = len(doc.paragraphs) - CLOSING_PARAGRAPHS
    for s in doc.sentences:
        # (Most sentences hold no "?": found without a copy of each.)
        if doc.text.find("?", s.start, s.end) < 0:
            continue
        body = doc.text[s.start : s.end]
        if not body.rstrip("”\"’' )").endswith("?"):
            continue
        i = doc.paragraph_index(s.start)
        if i is None or i == 0 or doc.paragraphs[i].start in questions:
            continue  # the headline, or an interviewer's question
        if not in_writer_voice(doc, Span(s.end - 1, s.end), lay) or doc.in_quote(
            Span(s.start, s.start + 1)
        ):
            continue
        closing = i >= last
        findings.append(
            Finding(
                "rhetorical_question",
                s.start,
                s.end,
                body,
                _question_message(closing, opinion),
                {"closing": closing},
            )
        )
    return findings


def _question_message(closing: bool, opinion: bool) -> str:
    if opinion:
        return (
            "A question the writer asks the reader: in an opinion piece it is a device of "
            "argument, so it is not counted as a sign of machine writing; the answer it "
            "invites is the writer's view, not reported fact."
        )
    if closing:
        return (
            "The piece closes on a question the writer asks the reader instead of reporting an "
            "answer; summaries written by machines often end this way."
        )
    return (
        "A question in the writer’s own voice: it raises a point without reporting who asks "
        "it or what the answer is."
    )


def find(doc: Document, *, opinion: bool = False) -> list[Finding]:
    """ai_phrase, unsigned_note and rhetorical_question findings, in text order. ``opinion``:
    the piece reads as opinion (:func:`analyzer.article_type.reads_as_opinion`), whose questions
    to the reader are argument, and their messages say so.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> text = "In the heart of the city, a mayor rose.\\nIs this the end?"
    >>> [(f.kind, f.text) for f in find(build_document(Article("a", "a", text)))]
    [('ai_phrase', 'In the heart of'), ('rhetorical_question', 'Is this the end?')]
    """
    lay = layout(doc)
    text = doc.text
    findings = [
        Finding(
            "ai_phrase",
            start,
            end,
            text[start:end],
            f"“{text[start:end]}” is stock filler: it sounds weighty but tells the reader "
            "nothing they could check. Machine-written rewrites use such phrases far more than "
            "reporters do.",
        )
        for start, end in phrase_spans(text, "ai_phrases")
        if in_writer_voice(doc, Span(start, end), lay)
    ]
    findings += _note_findings(doc, lay)
    findings += _question_findings(doc, lay, opinion)
    findings.sort(key=Finding.sort_key)
    return findings


def profile(
    doc: Document, quotes: Sequence[Quote], attributions: Sequence[Attribution] = ()
) -> Profile:
    """The document-level parts of the ai_style score (see :class:`Profile`).

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> text = "Title\\nA Bold Plan\\nThe plan is bold.\\nVoices\\nShe said it works."
    >>> p = profile(build_document(Article("a", "a", text)), [])
    >>> len(p.empty_headings), p.reporting_cues
    (1, 1)
    """
    lay = layout(doc)
    cues = [
        start
        for start, end in phrase_spans(doc.text, "reporting_verbs")
        if in_writer_voice(doc, Span(start, end), lay)
    ]
    empty = []
    for h, end in _sections(doc, lay):
        head = doc.paragraphs[h]
        if _NOTE.match(doc.text, head.start, head.end):
            continue  # judged as a note, not as a heading
        if end == h + 1:
            continue  # two headings in a row: the first is a kicker or a section label
        start, stop = doc.paragraphs[h + 1].start, doc.paragraphs[end - 1].end
        has_quote = any(start <= q.start < stop for q in quotes)
        has_cue = any(start <= c < stop for c in cues)
        has_attr = any(start <= a.start < stop for a in attributions)
        if not (has_quote or has_cue or has_attr):
            empty.append(head)
    return Profile(tuple(empty), len(cues), len(quotes))
