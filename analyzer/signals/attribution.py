"""Attributions: who said, wrote, showed or believes what, marked by which cue.

How an attribution is found, sentence by sentence:

1. **Cue.** Every word of ``attribution_cues.txt`` ("said", "told", "show", "according to") and
   of ``context_cues.txt`` ("wants", "sees", "knew": words the model judges by context alone,
   which make an attribution only with a source) is a candidate, except the action verbs of
   ``action_cues.txt`` ("voted", "signed": a deed, not words or beliefs); the learned cue model
   (``models/attribution.skops``) keeps those that work as cues in their context. A cue inside
   the content of an earlier attribution of the same sentence is left out: only the outermost
   attribution counts ("X said Y told him ..."), unless it is a verb of speech joined to the
   outer cue's clause by a comma or "and"/"but" ("Trump attacked Clinton over Iraq, saying ...",
   "but he said"): it then reports on its own, with the outer clause's subject when it has none,
   and the outer content ends at the joint.
2. **Source.** The noun phrase next to the cue: before it ("Mr. Harfuch said", "John Creamer, the
   former official, said", "government data show"), after it when the clause is inverted
   ("said Eduardo Guerrero"), after "according to", or the subject of the sentence for a trailing
   participle (", adding that ..."). Words too many for a subject, or opening with a
   preposition, leave the subject at their end: a pronoun ("In an interview with a Russian
   network he blasted") or a person's name ("At the convention Sen. Ana Ruiz (D-Mo.) said").
   A pronoun ("he said") stands for the person quoted last in
   this or the previous paragraph (else the person named last), of the same gender when known.
3. **Content.** A quotation of speech next to the cue (before "he said" or after "said:"), both
   halves of a split quotation, or else the rest of the sentence on the other side of the cue.
   A quotation with no cue of its own continues the speaker of the paragraph it sits in, or of
   the previous paragraph when it opens a paragraph.
4. **Kind.** ``interview`` (answers and questions of a Q&A, below), ``according_to``,
   ``document`` (the source is a report, data, a poll), ``direct`` (the content is a quotation of
   speech) or ``indirect``.

Q&A interviews are recognised by their layout, not by the article: an intro paragraph announcing
"edited excerpts", a transcript or a condensed conversation (or paragraphs opening with "Q:"),
followed by short question paragraphs (ending in "?", or addressing "you") each followed by
answer paragraphs. Answers are attributed to the interviewee (the person the intro says was
spoken with or interviewed, else the person it names most), questions to the outlet. Closing
lines ("... contributed reporting", the author's bio, "The post ... appeared first on") end it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.document import Document, Span
from analyzer.learned import cues as cue_model
from analyzer.lexicons import load_lexicon
from analyzer.results import Attribution, Quote
from analyzer.scan import alternation, lowered
from analyzer.signals.people import Entity, Mention, People, description_before, find_people

# A clause boundary: the source of a cue never reaches back across one of these. The words as a
# trie (scan.alternation): the engine tries this pattern at every character of the text before a
# cue, and a trie tries one branch there instead of each word in turn (twice as fast).
_BOUNDARY_WORDS = (
    "that and but who which because while when as if although though after before since where "
    "whom whose so than whether"
).split()
_BOUNDARY = re.compile(
    rf"[,;:—–“”\"]|\b{alternation(sorted(_BOUNDARY_WORDS, key=lambda w: (-len(w), w)))}\b",
    re.IGNORECASE,
)
# _BOUNDARY read backwards: the marks, and each word spelled backwards (see _last_boundary).
_BACKWARDS_WORDS = sorted((w[::-1] for w in _BOUNDARY_WORDS), key=lambda w: (-len(w), w))
_BOUNDARY_BACKWARDS = re.compile(rf"[,;:—–“”\"]|\b{alternation(_BACKWARDS_WORDS)}\b", re.IGNORECASE)
# Auxiliaries and adverbs between a subject and its cue ("has also said", "had previously told").
_AUX_WORD = re.compile(
    r"has|have|had|also|previously|repeatedly|later|then|would|will|did|does|do|recently"
    r"|publicly|frequently|often|again|once|already|never|not|is|are|was|were|been|being|still"
    r"|just|even|first|could|might|may|should|must|can|quickly|privately|reportedly|initially"
    r"|earlier|ultimately|always|only|clearly|flatly|openly|simply|further|long|last|today"
    r"|yesterday|now|had|has|[a-z]+ly",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:\s|and\b|but\b|so\b|yet\b|still\b|now\b|then\b|also\b|(?-i:[a-z]+ly)\b)+", re.IGNORECASE
)
_DETERMINERS = frozenset(
    "the a an some many most several few one two three four five other another his her their "
    "its our this that these those all both each any no top senior".split()
)
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
# Words between "I" and its cue that leave "I" the source: "I don’t see", "I also said", "I did
# not say" (contractions are cut at the apostrophe: "don’t" is "don").
_AUXILIARIES = frozenset(
    "do does did don doesn didn not also still never just really would will can could have has "
    "had".split()
)


def _auxiliaries(words: list[str]) -> bool:
    return all(w in _AUXILIARIES for w in words)


# A chunk opening with one of these is an adverbial ("In a statement", "Asked to"), not a subject.
_NOT_SUBJECT = frozenset(
    "in on at for with from by to of after before during asked when while under over through "
    "since until despite without about into".split()
)
# Verbs that can come before their subject: "said Mr. Guerrero", "added the mayor".
_INVERTING = frozenset(
    "said says added adds asked asks wrote writes noted notes explained continued recalled "
    "replied insisted argued observed remarked declared responded concluded warned cautioned "
    "acknowledged conceded countered tweeted according".split()
)
# ... nor one ending in them or in an article (the union made once, not for every cue).
_NOT_SUBJECT_END = _NOT_SUBJECT | {"a", "an", "the"}
# Words opening an appositive that describes the name before it ("the mayor", "Mexico’s ...").
_APPOSITIVE_OPENERS = _DETERMINERS | {"’s"}
_VERBISH = frozenset("is are was were be been being has have had do does did will would".split())
_RIGHT_NP = re.compile(
    r"\s+(?P<np>(?:he|she|they|I|we)\b|(?:(?:the|a|an|one|two|three|several|some|many|other"
    r"|another|[A-Z][\w’'.\-]*’s)\s+)?(?:[\w’'./\-]+)(?:\s+(?!in\b|on\b|at\b|during\b|from\b"
    r"|to\b|who\b|after\b|before\b|when\b|while\b|of\b|with\b|that\b|about\b)[\w’'.\-]+){0,6}?)"
    r"(?=\s*(?:[,.;:!?”\"]|$|\s+(?:in|on|at|during|from|to|who|after|before|when|while|with"
    r"|that|about)\b))"
)
_APPOSITIVE_AFTER = re.compile(
    r",\s+((?:the|a|an|[A-Z][\w.\-]*’s)\s+[^,.;:“”\"]{2,160}?)(?=[,.;:])"
)
_THAT = re.compile(r"[\s,:;—–]*(?:that\b)?[\s,:]*", re.IGNORECASE)
_TRAILER = re.compile(
    r"contributed reporting|^\s*The post\b.*appeared first on|\bis (?:The|the|a|an) .{0,80}"
    r"\b(?:correspondent|bureau chief|reporter|editor|writer|columnist)\b|^\s*(?:Follow|Read more)"
)
_QA_INTRO = re.compile(
    r"\b(?:edited|condensed|lightly edited)\b.{0,60}\b(?:excerpts?|transcript|conversation|"
    r"interview|version)\b|\b(?:excerpts?|transcript)\s+(?:from|of)\s+(?:our|the|an|his|her|"
    r"their)\s+(?:conversation|interview|discussion)\b|\binterview has been (?:edited|condensed)",
    re.IGNORECASE,
)
# Every match of _QA_INTRO holds one of these words (in any case); "interview" alone is common.
_QA_INTRO_WORDS = ("edited", "condensed", "excerpt", "transcript")
_QA_PREFIX = re.compile(r"^(?:Q|Question)\s*[:.]\s*")
_ANSWER_PREFIX = re.compile(r"^(?:A|Answer)\s*[:.]\s*")
_INTERVIEWED = re.compile(
    r"\b(?:spoke|talked|sat down|speaking|talking|spoke at length|met)\s+with\b"
    r"|\binterview(?:ed)?\s+(?:with\b)?",
    re.IGNORECASE,
)
_YOU = re.compile(r"^(?:You|Your|You’ve|You're|You’re|You've)\b")
_SPEECH_VERBS_INGS = re.compile(r"ing$")


@functools.cache
def _lexicon_set(name: str) -> frozenset[str]:
    return frozenset(t.lower() for t in load_lexicon(name))


@functools.cache
def _source_or_document_nouns() -> frozenset[str]:
    """Heads of a descriptive source ("officials", "report"), the union built once per process."""
    return _lexicon_set("source_nouns") | _lexicon_set("document_nouns")


@functools.cache
def _description_openers() -> frozenset[str]:
    """First words of a description whose capital is only the sentence's ("The officials")."""
    return _DETERMINERS | _source_or_document_nouns()


@dataclass(slots=True)
class _Found:
    """An attribution being built: offsets of cue, source and content."""

    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    content: tuple[int, int]
    name: str | None
    kind_of_source: str | None
    kind: str
    entity: Entity | None


def find(
    doc: Document,
    *,
    quotes: Sequence[Quote] = (),
    people: People | None = None,
    model: object | None = None,
) -> list[Attribution]:
    """Every attribution of ``doc`` in text order.

    Parameters
    ----------
    doc : Document
        The article.
    quotes : sequence of Quote
        Its quotations of speech (:func:`analyzer.signals.quotes.find`); their speakers are not
        needed, this function finds them.
    people : People, optional
        Named entities (:func:`analyzer.signals.people.find_people`), found when not given.
    model : fitted cue model, optional
        Defaults to ``models/attribution.skops``, loaded once per process.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> from analyzer.signals import quotes as q
    >>> doc = build_document(Article("a", "a", '“We will win,” said Ana Ruiz, the mayor.'))
    >>> [(a.kind, a.source, a.cue) for a in find(doc, quotes=q.find(doc))]
    [('direct', 'Ana Ruiz', 'said')]
    """
    people = people if people is not None else find_people(doc)
    model = model if model is not None else cue_model.load()
    interview = _interview(doc, people)
    found: list[_Found] = []
    speech = _Speech.of(doc, quotes)
    accepted, held = _accepted_cues(doc, model, speech)
    # Whether a cue's paragraph is a heading, looked at once for each paragraph holding cues.
    paragraph_of = {c: doc.paragraph_index(c[0]) for c in accepted}
    heading = {pi: _is_heading(doc, pi) for pi in set(paragraph_of.values())}
    cue_spans = [c for c in accepted if not heading[paragraph_of[c]]]
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for span in cue_spans:
        i = doc.sentence_index(span[0])
        if i is not None:
            by_sentence.setdefault(i, []).append(span)
    state = _State()
    text = doc.text
    used_quotes: set[int] = set()
    # A stage direction of a Q&A ("(A phone rings — he says it’s Ms. Sheinbaum — and he leaves
    # the room.)") describes the conversation: its "he" or "she" is the interviewee, not the
    # person named last (often someone a question cited).
    interviewee = next((f.entity for f in interview if f.entity is not None), None)
    qa_start, qa_end = (interview[0].content[0], interview[-1].content[1]) if interview else (0, 0)
    for si, (sent, pi) in enumerate(zip(doc.sentences, _sentence_paragraphs(doc), strict=True)):
        if pi is not None and pi != state.paragraph:
            state.new_paragraph(pi)
            para = doc.paragraphs[pi]
            # An answer's "I" is the interviewee ("I don’t see why they would be needed").
            state.answering = (
                next(
                    (
                        f.entity
                        for f in interview
                        if f.entity is not None and f.content[0] <= para.start < f.content[1]
                    ),
                    None,
                )
                if interview
                else None
            )
            if (
                interviewee is not None
                and interviewee.kind == "person"
                and qa_start <= para.start < qa_end
                and _is_aside(text[para.start : para.end])
            ):
                state.current, state.at = interviewee, para.start
        here = by_sentence.get(si)
        if here is None:
            continue
        in_sentence: list[_Found] = []
        # "according to" names the source of the whole sentence: it goes first. A word judged by
        # context ("want", "knew") goes after the sentence's reporting cues, so that in "The
        # president knew about the payments, prosecutors said" the sentence is the prosecutors'
        # (their attribution's content holds "knew", which then reports nothing of its own).
        ordered = (
            sorted(here, key=lambda c: (not _is_according(text, c), _judged_by_context(text, c), c))
            if len(here) > 1
            else here
        )
        for cue in ordered:
            if cue in held:
                continue  # a cue word inside a quotation belongs to the quoted speech
            outer = next((f for f in in_sentence if f.content[0] <= cue[0] < f.content[1]), None)
            joint = None
            if outer is not None:
                joint = _coordinate(text, outer, cue)
                if joint is None:
                    continue  # inside the content of an outer attribution
                # The outer content ends before the joint (undone if the cue makes nothing).
                kept = outer.content, outer.kind
                _split_at(text, speech, outer, joint.start())
            f = _from_cue(
                doc, people, sent, cue, paragraph_of[cue], speech, used_quotes, in_sentence, state
            )
            if outer is not None and joint is not None and f is not None and not joint.group(1):
                # "She attacked the police and blamed ...": the outer clause's subject.
                f.source, f.name = outer.source, outer.name
                f.kind_of_source, f.entity = outer.kind_of_source, outer.entity
            f = _reporting(text, f, cue, ordered, held)
            if f is None:
                if outer is not None:  # the outer content as it was before the split
                    outer.content, outer.kind = kept
                continue
            in_sentence.append(f)
            state.remember(f)
        found.extend(in_sentence)
    found.extend(_agents(doc, people, found))
    found.extend(_dash_bylines(doc, people, speech.quotes, used_quotes))
    found.extend(_transcript(doc, people, found))
    found.extend(_floating_quotes(doc, speech.quotes, used_quotes, found))
    found.extend(interview)
    found.sort(key=lambda f: (f.content[0], f.content[1]))
    return [_to_attribution(doc.text, f) for f in found]


# What joins a second reporting verb to the first one's clause: "Trump attacked Clinton over
# Iraq, saying", "She praised the raid and said", "Putney told CNN ..., but he said".
_COORDINATOR = re.compile(
    r"(?:,\s*(?:and\s+|but\s+)?|\s+(?:and|but)\s+)(?:(he|she|they|we|I)\s+)?"
    r"(?:(?:also|later|then|has|had|have)\s+)*$"
)


# Verbs of speech that, joined to an earlier cue's clause, report on their own.
_JOINED_SPEECH = frozenset(
    "said says saying told telling added adding noted noting argued arguing warned warning "
    "insisted insisting explained explaining stressed stressing claimed claiming asserted "
    "asserting acknowledged acknowledging suggested suggesting promised promising vowed vowing "
    "wrote writing calling declared declaring".split()
)


def _coordinate(text: str, outer: _Found, cue: tuple[int, int]) -> re.Match[str] | None:
    """The joint when ``cue``, inside the content of ``outer`` (and in no quotation: the caller
    skips those), reports on its own: it is joined to the outer cue's clause by a comma or
    "and"/"but" ("Trump attacked Clinton over Iraq, saying ..."). Its group 1 is the pronoun the
    joint gives the cue, if any ("but he said")."""
    if outer.cue is None or outer.content[0] < outer.cue[1]:
        return None
    if text[cue[0] : cue[1]].lower() not in _JOINED_SPEECH or _is_according(text, outer.cue):
        return None  # "... and they ordered him out": the reported clause goes on
    m = _COORDINATOR.search(text, outer.content[0], cue[0])
    if m is None or m.start() - outer.content[0] < 3:
        return None
    if m.group().rstrip().endswith(",") and not text.endswith("ing", cue[0], cue[1]):
        # ", said X" after a comma alone is most often the outer speech going on (precision
        # 0.75 on PolNeAR train, against 0.83 to 0.96 for the other joints).
        return None
    return m


def _reporting(
    text: str,
    f: _Found | None,
    cue: tuple[int, int],
    ordered: Sequence[tuple[int, int]],
    held: _HeldCues,
) -> _Found | None:
    """``f``, the attribution a cue of the sentence's ``ordered`` cues made, unless it credits
    no one there (those of ``held`` are cues only if the model accepts them)."""
    if f is None or _figurative(text, f):
        return None  # "Mexico's history says ...": a figure of speech, not a source
    if f.source is None and _judged_by_context(text, cue):
        return None  # "It's important to recognize that ...": the writer's own view
    if f.source is None and any(
        c[0] > cue[0] and (c not in held or held.accepts(c)) for c in ordered
    ):
        return None  # "When asked why ..., he replied": the later cue has the source
    return f


def _split_at(text: str, speech: _Speech, outer: _Found, joint: int) -> None:
    """End the content of ``outer`` before the joint of a second cue's clause."""
    outer.content = _strip(text, outer.content[0], joint)
    if outer.kind == "direct" and not speech.any_within(*outer.content):
        outer.kind = "indirect"


@dataclass(frozen=True, slots=True)
class _Speech:
    """An article's quotations of speech in text order, with what the cue loop asks of them
    looked up once per article instead of in a pass over all of them for each cue.

    Quotations are spans (start <= end), so those starting after an offset also end after it.
    """

    quotes: list[Quote]
    starts: list[int]
    reach: list[int]  # reach[i]: the furthest end of quotes[0] ... quotes[i]
    # The paragraphs of each quotation's first and last character.
    paragraphs: list[tuple[int | None, int | None]]
    # Paragraph -> the quotations opening or closing in it, in text order.
    near: dict[int | None, list[int]]

    @classmethod
    def of(cls, doc: Document, quotes: Sequence[Quote]) -> _Speech:
        ordered = sorted(quotes, key=lambda q: q.start)
        paragraphs = [
            (doc.paragraph_index(q.start), doc.paragraph_index(q.end - 1)) for q in ordered
        ]
        near: dict[int | None, list[int]] = {}
        for i, (opens_in, closes_in) in enumerate(paragraphs):
            near.setdefault(opens_in, []).append(i)
            if closes_in != opens_in:
                near.setdefault(closes_in, []).append(i)
        return cls(
            ordered,
            [q.start for q in ordered],
            list(itertools.accumulate((q.end for q in ordered), max)),
            paragraphs,
            near,
        )

    def holds(self, offset: int) -> bool:
        """Whether ``offset`` lies strictly inside a quotation."""
        i = bisect.bisect_left(self.starts, offset) - 1
        return i >= 0 and self.reach[i] > offset

    def any_within(self, start: int, end: int) -> bool:
        """Whether a quotation lies wholly inside ``[start, end]``."""
        quotes = self.quotes
        for i in range(bisect.bisect_left(self.starts, start), len(quotes)):
            if quotes[i].start > end:
                return False
            if quotes[i].end <= end:
                return True
        return False

    def run_on(self, start: int, end: int) -> int:
        """The end of the first quotation opening in ``[start, end)`` and going on past ``end``,
        else ``end``: content running into a quotation beyond its sentence ends with it."""
        quotes = self.quotes
        for i in range(bisect.bisect_left(self.starts, start), len(quotes)):
            if quotes[i].start >= end:
                break
            if end < quotes[i].end:
                return quotes[i].end
        return end


@dataclass(slots=True)
class _State:
    """Speakers seen so far, for resolving "he said" to the right person."""

    paragraph: int | None = None
    current: Entity | None = None  # last person quoted in this paragraph
    previous: Entity | None = None  # ... in the previous paragraph
    nominal: tuple | None = None  # last unnamed or organisation source, for "it" and "they"
    at: int = -1  # where the last person source was named
    answering: Entity | None = None  # the interviewee, in a paragraph answering a Q&A question

    def new_paragraph(self, index: int) -> None:
        if self.current is not None:
            self.previous = self.current
        elif self.paragraph is not None and index - self.paragraph > 1:
            self.previous = None
        self.current = None
        self.paragraph = index

    def remember(self, f: _Found) -> None:
        if f.entity is not None and f.entity.kind == "person":
            self.current = f.entity
            self.at = f.source[1] if f.source else f.content[1]
        elif f.name is not None and f.kind_of_source in ("organization", "document", "anonymous"):
            self.nominal = (f.name, f.kind_of_source, f.entity)

    def speaker(self, gender: str | None, people: People) -> Entity | None:
        for e in (self.current, self.previous):
            if e is not None and (gender is None or people.gender(e) in (None, gender)):
                return e
        return None


def _sentence_paragraphs(doc: Document) -> list[int | None]:
    """``doc.paragraph_index(s.start)`` for each sentence s of ``doc``, found in one walk over
    both lists instead of a search for each sentence: they are in text order and no two
    paragraphs overlap (build_document), so the paragraph holding a sentence's start is at or
    after the one holding the previous sentence's start (or the first ending after it)."""
    paragraphs = doc.paragraphs
    n = len(paragraphs)
    out: list[int | None] = []
    p = 0
    for sent in doc.sentences:
        start = sent.start
        while p < n and paragraphs[p].end <= start:
            p += 1
        out.append(p if p < n and paragraphs[p].start <= start else None)
    return out


def _is_heading(doc: Document, pi: int | None) -> bool:
    """Paragraph ``pi`` is a short title-case line without closing punctuation ("A Renewed
    Offensive Against ...")."""
    if pi is None:
        return False
    p = doc.paragraphs[pi]
    text = doc.text
    # Closing punctuation first, past trailing white space: most paragraphs end with it (a blank
    # paragraph counts as closed, as "" is in any string).
    end = p.end
    while end > p.start and text[end - 1].isspace():
        end -= 1
    if (text[end - 1] if end > p.start else "") in '.!?”"’:':
        return False
    words = text[p.start : p.end].split(maxsplit=12)  # a 13th item (the rest) says "too long"
    if len(words) > 12:
        return False
    return sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _last_boundary(text: str, start: int, end: int) -> tuple[int, str] | None:
    """End (in ``text``) and text of the last match of ``_BOUNDARY.finditer(text[start:end])``.

    The source of a cue lies after the last clause boundary before it, usually a few words back:
    the slice is read backwards from the cue, where the first match of the pattern written
    backwards (``_BOUNDARY_BACKWARDS``) is the last one. The matches are the same either way:
    each is a mark or a whole word (between word boundaries, which look at the same two
    characters read either way), never two overlapping, so a scan in either direction finds
    every one of them.

    Examples
    --------
    >>> _last_boundary("He said that the mayor, who left, said", 0, 34)
    (33, ',')
    """
    m = _BOUNDARY_BACKWARDS.search(text[start:end][::-1])
    return (end - m.start(), m.group()[::-1]) if m else None


def _judged_by_context(text: str, cue: tuple[int, int]) -> bool:
    """Whether the cue is a word of ``context_cues.txt`` ("wants", "see"): a thought or wish
    whose holder the sentence must name, else it is the writer's."""
    return text[cue[0] : cue[1]].lower() in cue_model.context_cue_words()


def _is_according(text: str, cue: tuple[int, int]) -> bool:
    return text[cue[0] : cue[0] + 9].lower() == "according"


class _HeldCues:
    """Candidate cues inside quotations, scored by the cue model only if asked.

    A cue word inside a quotation belongs to the quoted speech and makes no attribution; only
    _reporting's look for a later cue in the sentence asks whether the model accepts one. They
    are a sixth of the candidates, and scoring them cost about 30 us an article.
    """

    __slots__ = ("_text", "_model", "_spans", "_held", "_accepted")

    def __init__(self, text: str, model: Any, spans: list[tuple[int, int]]) -> None:
        self._text, self._model, self._spans = text, model, spans
        self._held = frozenset(spans)
        self._accepted: frozenset[tuple[int, int]] | None = None

    def __contains__(self, span: tuple[int, int]) -> bool:
        return span in self._held

    def accepts(self, span: tuple[int, int]) -> bool:
        """Whether the model accepts ``span``, one of these, as a cue."""
        if self._accepted is None:
            # All at once, as _accepted_cues scores the others: the score of a candidate depends
            # on its own context only (one row of the hashed product).
            self._accepted = frozenset(_scored(self._model, self._text, self._spans))
        return span in self._accepted


def _accepted_cues(
    doc: Document, model: Any, speech: _Speech
) -> tuple[list[tuple[int, int]], _HeldCues]:
    """The candidate cues the model accepts outside quotations, in text order, then every one
    inside a quotation (unscored: the _HeldCues, also returned). (find sorts the cues of a
    sentence holding more than one.)"""
    # Action verbs ("voted", "signed") are cue words of the learned model's list, but report a
    # deed, not words or beliefs: they never make an attribution (lexicons/action_cues.txt).
    actions = _lexicon_set("action_cues")
    spans = [
        s for s in cue_model.candidates(doc.text) if doc.text[s[0] : s[1]].lower() not in actions
    ]
    inside = [speech.holds(s[0]) for s in spans]
    held = list(itertools.compress(spans, inside))
    if held:
        spans = [s for s, i in zip(spans, inside, strict=True) if not i]
    return _scored(model, doc.text, spans) + held, _HeldCues(doc.text, model, held)


def _scored(model: Any, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``spans`` the cue model accepts as cues, in their order."""
    return list(itertools.compress(spans, cue_model.accepted(model, text, spans)))


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink ``[s, e)`` past outer white space and commas."""
    while s < e and (text[s].isspace() or text[s] in ",;:—–"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–"):
        e -= 1
    return s, e


# What "according to" names: up to the next comma, semicolon, quotation mark or full stop.
_ACCORDING_TO_WHOM = re.compile(r"\s*([^,;.“”\"]{2,160}?)(?=\s*(?:[,;”\"]|\.(?:\s|$)|$))")


def _from_cue(
    doc: Document,
    people: People,
    sent: Span,
    cue: tuple[int, int],
    cue_paragraph: int | None,
    speech: _Speech,
    used: set[int],
    earlier: list[_Found],
    state: _State,
) -> _Found | None:
    text = doc.text
    cs, ce = cue
    word = text[cs:ce].lower()
    according = word.startswith("according")
    left = text[sent.start : cs]
    last = _last_boundary(text, sent.start, cs)
    seg_start = last[0] if last else sent.start
    source: tuple[int, int] | None = None
    described = -1  # where a description set off before the source's name starts
    after_cue = ce
    if according:
        m = _ACCORDING_TO_WHOM.match(text[ce : sent.end])
        if m:
            source = _strip(text, ce + m.start(1), ce + m.end(1))
            after_cue = source[1]
    else:
        # Subject before the cue, without trailing auxiliaries ("has also said").
        seg = _without_aux_tail(text[seg_start:cs])
        lead = _LEAD.match(seg)
        s0 = seg_start + (lead.end() if lead else 0)
        s, e = _strip(text, s0, s0 + len(seg) - (lead.end() if lead else 0))
        boundary = last[1].lower() if last else ""
        pronoun = _subject_pronoun(text, s, e) if s < e else None
        chunk = text[s:e].split() if s < e else []
        if pronoun is not None:
            # "In an interview with a Russian network he blasted ...": the pronoun closing the
            # chunk is the subject, whatever stands before it.
            source = pronoun.span()
        elif (
            s < e
            and len(chunk) <= 6
            and not _ends_with_quote(text, s, e)
            and chunk[0].lower() not in _NOT_SUBJECT
            # "began by saying", "stripping out a call": a chunk ending in a preposition or an
            # article is not a subject.
            and chunk[-1].lower() not in _NOT_SUBJECT_END
        ):
            source = (s, e)
        elif s < e and (named := _name_ending(text, people, s, e)) is not None:
            source = named
        elif s >= e and boundary == ",":
            source = _described_name(text, people, sent.start, cs)
            if source is not None:
                # Where the words before the name start: they describe it, they are not content.
                comma = text.rfind(",", sent.start, source[0])
                described = max(sent.start, text.rfind(",", sent.start, comma) + 1)
            else:
                source = _appositive_subject(text, sent.start, left)
        elif s >= e and boundary in ("and", "but", "who"):
            # "He was chief and said ...", "Carlos Manzo, who had called for ...".
            source = _subject_before(doc, people, sent, seg_start - len(boundary), boundary)
        # (what the cue follows, read only when no source is found next to it)
        ends = left.rstrip()[-1:] if source is None else ""
        if source is None and _SPEECH_VERBS_INGS.search(word) and ends == ",":
            # ", adding that ...": the subject of the sentence speaks again.
            if earlier and earlier[-1].source:
                source = earlier[-1].source
            else:
                source = _subject_before(doc, people, sent, cs, "and")
        if (
            source is None
            and word in _INVERTING
            # (not when the cue opens the sentence, but for "Said Ellis: ...")
            and (left.strip() or word in ("said", "says", "added"))
            and (s >= e or ends in ',”"')
        ):
            gap = len(text[ce : ce + 20]) - len(text[ce : ce + 20].lstrip())
            named = [x for x in people.at(ce + gap, ce + gap + 80) if x.start == ce + gap]
            if named:
                source = (named[0].start, named[0].end)
            elif (m := _RIGHT_NP.match(text, ce, sent.end)) and _looks_like_source(
                text[m.start("np") : m.end("np")], people, m.start("np")
            ):
                source = (m.start("np"), m.end("np"))
            if source is not None:
                after_cue = source[1]
                # An appositive after the source ("said Ana Ruiz, the mayor,") is no content.
                ap = _APPOSITIVE_AFTER.match(text, after_cue, sent.end)
                if ap:
                    after_cue = ap.end()
        if source is None and not left[-40:].rstrip().endswith((",", "”", '"')):
            # No subject next to the cue: the sentence's first person or pronoun is the likeliest
            # speaker ("Mr. Lee, who was fired last year after the audit, later said ...").
            source = _subject_before(doc, people, sent, cs, "and")
    name, kind_of_source, entity = _resolve(doc, people, source, state)
    # Content: a quotation next to the cue, or the rest of the sentence.
    content = _quoted_content(doc, speech, used, cs, cue_paragraph, source, after_cue)
    if content is None:
        if according:
            content = _according_content(text, sent, cs, after_cue)
        else:
            rest = _THAT.match(text, after_cue, sent.end)
            r0, r1 = _strip(text, rest.end() if rest else after_cue, sent.end)
            first = min(cs, source[0]) if source else cs
            # The words before the cue, but not back into an earlier attribution of the
            # sentence: in "“...,” Mr. Obama said at the gala, where Mrs. Clinton also spoke"
            # Mrs. Clinton did not say the quotation.
            floor = (
                max((_reach(f) for f in earlier if _reach(f) <= first), default=sent.start)
                if earlier
                else sent.start
            )
            l0, l1 = _strip(text, floor, first if described < 0 else described)
            # Content on the far side of a short tail: "X told me this week" is about what
            # came before, "X said the plan failed" about what follows.
            if r1 - r0 >= 30 or l1 - l0 < 12 or r1 - r0 >= l1 - l0:
                content = (r0, speech.run_on(r0, r1))
            else:
                content = (l0, l1)
    if content[1] - content[0] < 3 or _displays(text, word, kind_of_source, after_cue):
        return None
    if according:
        kind = "according_to"
    elif kind_of_source == "document":
        kind = "document"
    elif speech.any_within(*content):
        kind = "direct"
    else:
        kind = "indirect"
    return _Found((cs, ce), source, content, name, kind_of_source, kind, entity)


def _reach(f: _Found) -> int:
    """Where an attribution's cue, source and content end, the furthest of them."""
    return max(f.content[1], f.cue[1] if f.cue else 0, f.source[1] if f.source else 0)


_SHOW = frozenset("show shows showed shown showing".split())
# What a person or body shows of itself: "its contempt", "little interest", "no sign".
_SHOWN_TRAIT = re.compile(r"\s+(?:its|his|her|their|our|my|your|no|little|great|real)\s")


def _displays(text: str, word: str, kind_of_source: str | None, after_cue: int) -> bool:
    """ "The council has shown its contempt", "she showed no interest": "show" with a person or
    body as subject and a trait of its own as object displays something, it reports nothing;
    data ("polls show little change") and clauses ("video shows him ...") are left alone."""
    if word not in _SHOW or kind_of_source in (None, "document"):
        return False
    return _SHOWN_TRAIT.match(text, after_cue) is not None


def _without_aux_tail(seg: str) -> str:
    """``seg`` up to the white space before its closing run of auxiliaries and adverbs.

    The run is the longest sequence of words at the end that are each a whole _AUX_WORD, read
    from the last word back (a search for the run from every space of the segment cost more).

    Examples
    --------
    >>> _without_aux_tail("Mr. Lee has also "), _without_aux_tail("previously")
    ('Mr. Lee', '')
    """
    rest, cut = seg.rstrip(), None
    while rest:
        *before, last = rest.rsplit(None, 1)
        if not _AUX_WORD.fullmatch(last):
            break
        rest = before[0] if before else ""
        cut = len(rest)
    return seg if cut is None else seg[:cut]


# A pronoun closing the words before a cue is their subject: "what he said", "at 86 she says".
_SUBJECT_PRONOUN = re.compile(r"(?<![\w’'])(?:he|she|they|we|I)$", re.IGNORECASE)
# How far before the end of the words a match of _SUBJECT_PRONOUN can start: its longest word,
# and a line break "$" may stand before.
_PRONOUN_REACH = 5


def _subject_pronoun(text: str, s: int, e: int) -> re.Match[str] | None:
    """``_SUBJECT_PRONOUN.search(text, s, e)``, searched from where a match can start: a match
    ends the words, so it starts among their last ``_PRONOUN_REACH`` characters (its
    look-behind reads the text before the search's start as before ``s``)."""
    return _SUBJECT_PRONOUN.search(text, max(s, e - _PRONOUN_REACH), e)


# A party and state tag after a lawmaker's name: "(R-Ind.)", "(D-MA)", "(I-Vt.)".
_PARTY_TAG = re.compile(r"\s*\([DRI]-[A-Z][\w.\s]{0,12}\)")
_LAST_CAPITALISED = re.compile(r"([A-Z][\w’'\-]*)\)?\s*$")


def _ends_in_name(words: str) -> bool:
    """Whether ``words`` end in a capitalised word that is not a day or a month ("... on
    Tuesday" is a time, "Ana Ruiz" or "Ruiz (Mo)" a name)."""
    last = _LAST_CAPITALISED.search(words)
    return last is not None and last.group(1).lower() not in _lexicon_set("calendar_words")


_NAME_AND_PARTY_TAG_END = re.compile(r"[A-Z][\w’'\-]*" + _PARTY_TAG.pattern + r"\s*$")


def _ends_in_party_tag(words: str) -> bool:
    """Whether ``words`` end in a name and its party tag: "Rep. Ana Ruiz (D-Mo.)"."""
    return _NAME_AND_PARTY_TAG_END.search(words) is not None


def _party_tag_to(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a party tag."""
    tag = _PARTY_TAG.match(text, start, end)
    return tag is not None and tag.end() == end


def _name_ending(text: str, people: People, s: int, e: int) -> tuple[int, int] | None:
    """The person's name, with its party tag, closing a chunk before a cue that is too long to
    be a subject or opens with a preposition, when no preposition governs it: "At the party's
    convention Sen. Ana Ruiz (D-Mo.) said" (but "a letter from Sen. Ana Ruiz warns")."""
    for m in reversed(people.at(s, e)):
        if m.end != e and not _party_tag_to(text, m.end, e):
            continue
        if people.entities[m.entity].kind != "person":
            return None
        before = text[s : m.start].split()
        if before and before[-1].lower() in _NOT_SUBJECT_END:
            return None
        return m.start, m.end
    return None


_OPENING_PRONOUN = re.compile(r"\s*(he|she|they|we|i)\b", re.IGNORECASE)


def _subject_before(
    doc: Document, people: People, sent: Span, at: int, boundary: str
) -> tuple[int, int] | None:
    """The subject a coordinated or relative clause shares with what comes before it."""
    text = doc.text
    if boundary == "who":
        near = [m for m in people.at(max(sent.start, at - 60), at) if at - m.end <= 3]
        return (near[-1].start, near[-1].end) if near else None
    m = _OPENING_PRONOUN.match(text[sent.start : at])
    if m:
        return sent.start + m.start(1), sent.start + m.end(1)
    found = people.at(sent.start, at)
    # Prefer a name opening a clause ("Despite X, Harfuch and Sheinbaum ... insist"), or the
    # sentence after a dateline ("WASHINGTON — Sen. Ana Ruiz (D-Mo.) on Wednesday ...").
    opening = [
        x
        for x in found
        if text[sent.start : x.start].rstrip().endswith((",", "—", "–"))
        or not text[sent.start : x.start].strip()
    ]
    pick = opening[-1] if opening else (found[0] if found else None)
    return (pick.start, pick.end) if pick else None


_QUOTE_MARKS = frozenset('”"“')


def _ends_with_quote(text: str, s: int, e: int) -> bool:
    return not _QUOTE_MARKS.isdisjoint(text[s:e])


_COMMA_SPACE = re.compile(r",(?=\s)")
# "The company’s ": an appositive opening with whose it is ("Acme’s chief") may follow a name.
_POSSESSOR = re.compile(r"[A-Z][\w.\-]*’s\s")


def _appositive_subject(text: str, sent_start: int, left: str) -> tuple[int, int] | None:
    """ "John Creamer, the former official, said": subject before the appositive."""
    body = left.rstrip()[:-1]
    # The last comma before white space (not the one in "5,000").
    comma = max((m.start() for m in _COMMA_SPACE.finditer(body)), default=-1)
    if comma < 0:
        return None
    appositive = body[comma + 1 :].strip()
    head = body[:comma]
    # "Michael Mulgrew, president of the union, said": any appositive after a name.
    after_name = _ends_in_name(head) or _ends_in_party_tag(head)
    # "A worker at the depot, who asked not to be named, said": a relative clause set off by
    # commas stands between a subject and its cue like an appositive.
    opener = appositive.split()[0].lower() if appositive else ""
    if opener in ("who", "whose", "which") and "," in head:
        # "Woodrow Benford, 58, of Ashton, Md., who lives ..., says": the subject is the first
        # of the comma-separated parts of its clause, before the appositives.
        first = _first_part(text, sent_start, head)
        return first
    if opener not in _APPOSITIVE_OPENERS and opener not in ("who", "whose", "which"):
        if not _POSSESSOR.match(appositive) and not after_name:
            return None
    bounds = list(_BOUNDARY.finditer(head))
    h0 = bounds[-1].end() if bounds else 0
    lead = _LEAD.match(head[h0:])
    h0 += lead.end() if lead else 0
    s, e = _strip(text, sent_start + h0, sent_start + comma)
    if s >= e or len(text[s:e].split()) > 6:
        return None
    if text[s:e].split()[0].lower() in _NOT_SUBJECT:
        # "Cory James, 22, of Flint, Mich., said": a hometown, the subject is the first part;
        # "In August, several groups granted ..., saying": an adverbial, no subject here.
        first = _first_part(text, sent_start, head)
        if first is None or text[first[0] : first[1]].split()[0].lower() in _NOT_SUBJECT:
            return None
        return first
    return s, e


def _first_part(text: str, sent_start: int, head: str) -> tuple[int, int] | None:
    """The first of the comma-separated parts of the clause ending ``head`` (at ``sent_start``),
    when it is short enough to be a subject."""
    cut = max((b.end() for b in _BOUNDARY.finditer(head) if b.group() != ","), default=0)
    lead = _LEAD.match(head, cut)
    cut = lead.end() if lead else cut
    s, e = _strip(text, sent_start + cut, sent_start + cut + len(head[cut:].split(",")[0]))
    if s >= e or len(text[s:e].split()) > 6:
        return None
    return s, e


def _described_name(
    text: str, people: People, sent_start: int, cue_start: int
) -> tuple[int, int] | None:
    """ "The store's owner, Maria Gomez, said": the name after a description set off by commas
    (people.description_before) is the subject; a verb-first reading ("said the men") is not."""
    body_end = cue_start
    while body_end > sent_start and text[body_end - 1].isspace():
        body_end -= 1
    if body_end <= sent_start or text[body_end - 1] != ",":
        return None
    # The name ends at the comma, or at its party tag: "Gov. Ana Ruiz (R-Ohio), said".
    name = [
        m
        for m in people.at(sent_start, body_end - 1)
        if m.end == body_end - 1 or _party_tag_to(text, m.end, body_end - 1)
    ]
    if not name:
        return None
    if description_before(text, name[-1].start, body_end - 1) is None:
        # "Police spokesman, Sgt. Alan Cho, said": a person's name set off by commas before the
        # cue is its subject, unless a name stands before it ("Ana Ruiz, Lincoln County ...").
        before = text[sent_start : name[-1].start].rstrip()
        if (
            people.entities[name[-1].entity].kind != "person"
            or not before.endswith(",")
            or _ends_in_name(before[:-1])
        ):
            return None
    return name[-1].start, name[-1].end


def _looks_like_source(np: str, people: People, start: int) -> bool:
    words = np.split()
    first = words[0].lower()
    if first == "that":
        return False
    if first in _PRONOUNS:
        return len(words) == 1  # "said he was stiffed" opens a clause, "said she" inverts
    if people.at(start, start + len(np)):
        return True
    if first in _DETERMINERS or first.endswith("’s"):
        return True
    if all(w[:1].isupper() for w in words) and len(words) <= 4:
        return True  # a name the article never gave in full ("said O'Neill")
    return words[-1].lower() in _lexicon_set("source_nouns")


_BY_FROM_OF = re.compile(r"\b(?:by|from|of)\s+")


def _resolve(
    doc: Document, people: People, source: tuple[int, int] | None, state: _State
) -> tuple[str | None, str | None, Entity | None]:
    """Canonical name, source kind and entity of a source span."""
    if source is None:
        return None, None, None
    text = doc.text
    chunk = text[source[0] : source[1]]
    words = chunk.split()
    # (Lower-casing neither makes nor unmakes white space: the words of the lower-cased chunk are
    # the lower-cased words.)
    lowered_chunk = chunk.lower()
    low = [w.strip(".,") for w in lowered_chunk.split()]
    if "’" in lowered_chunk or "'" in lowered_chunk:
        # "You’ve", "we’re": a pronoun with a contracted verb is still the pronoun.
        low = [w.partition("’")[0].partition("'")[0] for w in low]
    # "I don’t see ...": in a Q&A answer the "I" is the interviewee whatever words come between.
    # Not for "he" or "they": with words between, the guess of who it is went wrong more often
    # than right (reference texts: "He doesn’t believe it" read as a headline's name).
    if low and low[0] in _PRONOUNS and (len(low) == 1 or low[0] == "i" and _auxiliaries(low[1:])):
        if low[0] in ("it", "they") and state.nominal is not None:
            return state.nominal
        if low[0] == "i" and state.answering is not None:
            e = state.answering
            return e.name, e.kind, e
        if low[0] not in _PRONOUN_GENDER:
            return None, None, None
        gender = _PRONOUN_GENDER[low[0]]
        e = state.speaker(gender, people)
        # A person introduced as a subject since the last speaker (or the last subject, when no
        # speaker fits): subjects named before the speaker are not looked at, nor their genders
        # learned.
        subject = _last_subject(doc, people, source[0], gender, -1 if e is None else state.at)
        if subject is not None:
            e = subject[1]
        e = e or people.last_before(source[0], gender=gender)
        return (e.name, e.kind, e) if e else (None, None, None)
    mentions = people.at(*source)
    head = low[-1] if low else ""
    docs, srcs, orgn = (
        _lexicon_set("document_nouns"),
        _lexicon_set("source_nouns"),
        _lexicon_set("organization_nouns"),
    )
    names_document = not docs.isdisjoint(low)
    # "a report by the World Justice Project": the organisation behind a document (one of the
    # words before "by" names it).
    by = _BY_FROM_OF.search(chunk) if names_document else None
    if by and any(w in docs for w in low[: len(chunk[: by.start()].split())]):
        orgs = [m for m in mentions if m.start >= source[0] + by.end()]
        if orgs:
            e = people.entities[orgs[0].entity]
            return e.name, e.kind, e
    titled = _titled_name(text, people, mentions, source)
    if titled is not None:
        return titled.name, titled.kind, titled
    if mentions:
        m = mentions[0]
        e = people.entities[m.entity]
        starts_with_name = text[source[0] : m.start].strip().lower() in ("", "the")
        if starts_with_name and (m.end >= source[1] - 1 or head not in _source_or_document_nouns()):
            return e.name, e.kind, e
    if names_document:
        return _tidy(chunk), "document", None
    if head in srcs:
        if mentions and head not in srcs:
            e = people.entities[mentions[0].entity]
            return e.name, e.kind, e
        return _tidy(chunk), "anonymous", None
    if head in orgn:
        return _tidy(chunk), "organization", None
    if low and low[0] == "the" and len(low) <= 4:
        e = people.by_role(head)
        if e is not None:
            return e.name, e.kind, e
    if mentions:
        e = people.entities[mentions[-1].entity]
        return e.name, e.kind, e
    if low and len(low) <= 6 and not any(w in _PRONOUNS or w in _VERBISH for w in low):
        # An unlisted name ("Melanie") or a description ("63 percent", "the protesters").
        if all(w[:1].isupper() for w in words):
            return " ".join(words), "person", None
        return _tidy(chunk), "anonymous", None
    return None, None, None


# Words that join two names rather than give the second a title ("Harfuch and Sheinbaum",
# "newspapers in New Jersey").
_JOINING = frozenset(
    "and or nor with of for to from by the a an in at on as like including into over under near "
    "about against between among than".split()
)


def _titled_name(
    text: str, people: People, mentions: list[Mention], source: tuple[int, int]
) -> Entity | None:
    """ "Rovers manager Tom Beck", "White House spokesman Josh Earnest": an organisation, a
    lower-case title and the person's name ending the source; the person speaks."""
    if len(mentions) < 2 or mentions[-1].end < source[1] - 1:
        return None
    last = people.entities[mentions[-1].entity]
    if last.kind != "person":
        return None
    title = text[mentions[-2].end : mentions[-1].start].split()
    if not 1 <= len(title) <= 3 or not all(w.isalpha() and w.islower() for w in title):
        return None
    if any(w.endswith(("ing", "ed")) and w != "acting" for w in title):
        return None  # a verb, not a title: "White America embracing Obama"
    return None if _JOINING.intersection(title) else last


def _last_subject(
    doc: Document, people: People, offset: int, gender: str | None, after: int = -1
) -> tuple[int, Entity] | None:
    """The last person named at the start of a sentence, in this or the previous paragraph,
    before ``offset`` and after ``after``."""
    pi = doc.paragraph_index(offset)
    if pi is None:
        return None
    floor = max(doc.paragraphs[max(0, pi - 1)].start, after + 1)
    for m in reversed(people.at(floor, offset)):
        e = people.entities[m.entity]
        if e.kind != "person":
            continue
        si = doc.sentence_index(m.start)
        # (at most one word: a split at the first white space gives one piece at most)
        if si is None or len(doc.text[doc.sentences[si].start : m.start].split(None, 1)) > 1:
            continue
        # The gender last: it is learned when first asked, for a subject only.
        if gender is None or people.gender(e) in (None, gender):
            return m.start, e
    return None


def _tidy(chunk: str) -> str:
    """A descriptive source as a name: white space collapsed, sentence capital lowered."""
    chunk = " ".join(chunk.split())
    if (
        chunk[:1].isupper()
        and not chunk[1:2].isupper()
        and chunk.split()[0].lower() in _description_openers()
    ):
        chunk = chunk[0].lower() + chunk[1:]
    return chunk


# What may stand between a cue and the quotation it introduces: "said that “", "told reporters: “".
_LEADS_INTO_QUOTE = re.compile(
    r"[\s,:;—–]*(?:that\s*)?|[\s,]*(?:[\w’'.\-]+\s+){0,4}?[\w’'.\-]+[,:]\s*"
)


def _quoted_content(
    doc: Document,
    speech: _Speech,
    used: set[int],
    cue_start: int,
    pi: int | None,
    source: tuple[int, int] | None,
    after_cue: int,
) -> tuple[int, int] | None:
    """The quotation(s) the cue at ``cue_start``, in paragraph ``pi``, introduces or closes,
    merged when split around the cue."""
    text = doc.text
    before = after = None
    first = min(cue_start, source[0]) if source else cue_start
    # Only quotations opening or closing in the cue's paragraph can be picked.
    for i in speech.near.get(pi, ()):
        if i in used:
            continue
        q = speech.quotes[i]
        opens_in, closes_in = speech.paragraphs[i]
        if q.end <= first and closes_in == pi:
            between = text[q.end : first]
            if len(between.split()) <= 2 and not any(c in '“”"' for c in between):
                if "." not in between and "!" not in between and "?" not in between:
                    before = i
        elif q.start >= after_cue and opens_in == pi:
            between = text[after_cue : q.start]
            if _LEADS_INTO_QUOTE.fullmatch(between):
                after = i
            break
    if before is None and after is None:
        return None
    picked = [i for i in (before, after) if i is not None]
    used.update(picked)
    return speech.quotes[picked[0]].start, speech.quotes[picked[-1]].end


def _according_content(text: str, sent: Span, cue_start: int, np_end: int) -> tuple[int, int]:
    before = _strip(text, sent.start, cue_start)
    after = _strip(text, np_end, sent.end)
    if before[1] - before[0] >= after[1] - after[0]:
        return before
    return after


_BY = re.compile(r"\b([A-Za-z]+)\s+by\s+(?:the\s+)?")
_BY_WORD = re.compile(r"by(?=\s)")
_ASCII_LETTERS = frozenset(string.ascii_letters)


def _by_phrases(text: str) -> list[re.Match[str]]:
    """``_BY.finditer(text)``, found from the "by"s: a scan from each word start costs ~50 times
    more. A match is a letter run, white space and "by", so it starts where the letters before
    the white space before a "by" start; a start inside the previous match is skipped, as
    finditer resumes after each match."""
    out: list[re.Match[str]] = []
    done = 0
    for by in _BY_WORD.finditer(text):
        gap = by.start()
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        start = gap
        while start > 0 and text[start - 1] in _ASCII_LETTERS:
            start -= 1
        if gap == by.start() or start == gap or start < done:
            continue
        m = _BY.match(text, start)
        if m:
            out.append(m)
            done = m.end()
    return out


def _agents(doc: Document, people: People, found: list[_Found]) -> list[_Found]:
    """ "countries assessed by the World Justice Project": a finding credited to a named body."""
    out = []
    text = doc.text
    taken = [f.cue for f in found if f.cue]
    participles = _lexicon_set("agent_participles")
    for m in _by_phrases(text):
        if m.group(1).lower() not in participles:
            continue
        named = [x for x in people.at(m.end(), m.end() + 80) if x.start == m.end()]
        if not named or any(s <= m.start() < e for s, e in taken):
            continue
        si = doc.sentence_index(m.start())
        if si is None:
            continue
        sent = doc.sentences[si]
        e = people.entities[named[0].entity]
        cue = (m.start(), m.start() + len(m.group().split()[0]))
        before = _strip(text, sent.start, cue[0])
        content = before if before[1] - before[0] >= 12 else _strip(text, named[0].end, sent.end)
        if content[1] - content[0] < 3:
            continue
        out.append(
            _Found(cue, (named[0].start, named[0].end), content, e.name, e.kind, "document", e)
        )
    return out


_DASH_NAME = re.compile(r"\s*[―—–]\s*(?=[A-Z])")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,4}")
_LABEL = re.compile(r"([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}):\s+(?=\S)")


def _dash_bylines(
    doc: Document, people: People, speech: list[Quote], used: set[int]
) -> list[_Found]:
    """“We are not done.” ― Ana Ruiz, 34, teacher: a quotation signed after a dash."""
    text = doc.text
    out = []
    for i, q in enumerate(speech):
        if i in used:
            continue
        m = _DASH_NAME.match(text, q.end)
        if not m:
            continue
        name = _CAPITALISED_RUN.match(text[m.end() : m.end() + 80])
        if not name:
            continue
        s, e = m.end(), m.end() + name.end()
        mentions = people.at(s, e)
        entity = people.entities[mentions[0].entity] if mentions else None
        label = entity.name if entity else text[s:e]
        used.add(i)
        out.append(
            _Found(
                (m.start() + len(m.group()) - len(m.group().lstrip()), m.end()),
                (s, e),
                (q.start, q.end),
                label,
                "person",
                "direct",
                entity,
            )
        )
    return out


def _transcript(doc: Document, people: People, found: list[_Found]) -> list[_Found]:
    """Transcript lines "PENCE: Well, look, ..." when at least two paragraphs are labelled so."""
    text = doc.text
    labelled = []
    for p in doc.paragraphs:
        m = _LABEL.match(text, p.start, p.end)
        if m and not any(f.content[0] <= p.start < f.content[1] for f in found):
            labelled.append((p, m))
    if len(labelled) < 2:
        return []
    out = []
    for p, m in labelled:
        label = m.group(1)
        titled = label.title()
        entity = next(
            (e for e in people.entities if e.kind == "person" and titled in e.name.split()), None
        )
        name = entity.name if entity else titled
        out.append(
            _Found(
                (m.end(1), m.end(1) + 1),
                (m.start(1), m.end(1)),
                (m.end(), p.end),
                name,
                "person",
                "direct",
                entity,
            )
        )
    return out


def _held(found: list[_Found], start: int, end: int) -> bool:
    """Whether the content of one of ``found`` holds ``[start, end)``."""
    # (a loop, not any() over a generator: it runs for each quotation and each attribution)
    for f in found:
        content = f.content
        if content[0] <= start and end <= content[1]:
            return True
    return False


def _floating_quotes(
    doc: Document, speech: list[Quote], used: set[int], found: list[_Found]
) -> list[_Found]:
    """Quotations with no cue of their own continue the speaker before them.

    In the same paragraph they extend the content of that speaker's attribution; a quotation
    opening the next paragraph gets an attribution of its own, without a cue.
    """
    out: list[_Found] = []
    ordered = sorted(found, key=lambda f: f.content[0])
    for i, q in enumerate(speech):
        if i in used or _held(found, q.start, q.end):
            continue
        pi = doc.paragraph_index(q.start)
        last = next((f for f in reversed(ordered) if f.content[1] <= q.start and f.name), None)
        if last is not None and last.kind != "direct":
            # "“A,” Mr. Obama said at the gala, where Mrs. Clinton also spoke. “B.”": the
            # quotation goes on with the speaker quoted in the same sentence as the last cue.
            quoted = next(
                (
                    f
                    for f in reversed(ordered)
                    if f.content[1] <= q.start and f.name and f.kind == "direct"
                ),
                None,
            )
            if quoted is not None and doc.sentence_index(quoted.content[0]) == doc.sentence_index(
                last.content[0]
            ):
                last = quoted
        if last is None or pi is None:
            continue
        lp = doc.paragraph_index(last.content[0])
        paragraph_opens = doc.paragraphs[pi].start == q.start
        same_speech = lp == pi or (lp == pi - 1 and paragraph_opens)
        if same_speech and last.kind == "direct" and last.cue is not None:
            # “A,” she said. “B.”: one attribution whose content runs on to the second quote.
            last.content = (last.content[0], q.end)
            continue
        if lp == pi or (lp == pi - 1 and paragraph_opens and last.kind == "direct"):
            out.append(
                _Found(
                    cue=None,
                    source=None,
                    content=(q.start, q.end),
                    name=last.name,
                    kind_of_source=last.kind_of_source,
                    kind="direct",
                    entity=last.entity,
                )
            )
    return out


def _interview(doc: Document, people: People) -> list[_Found]:
    """Question and answer attributions of a Q&A interview, or nothing for other layouts."""
    text = doc.text
    paras = doc.paragraphs
    if len(paras) < 4:
        return []
    intro = _intro(text, paras)
    if intro is None:
        return []
    interviewee = _interviewee(doc, people, paras[: intro + 1])
    outlet = doc.meta.outlet
    out: list[_Found] = []
    seen_question = False
    for p in paras[intro + 1 :]:
        body = text[p.start : p.end]
        if _TRAILER.search(body):
            break
        if _is_aside(body):
            continue  # a stage direction: "(A phone rings.)"
        if _is_question(doc, p):
            seen_question = True
            out.append(
                _Found(
                    None,
                    None,
                    (p.start, p.end),
                    outlet,
                    "organization" if outlet else None,
                    "interview",
                    None,
                )
            )
        elif seen_question and interviewee is not None:
            out.append(
                _Found(
                    None,
                    None,
                    (p.start, p.end),
                    interviewee.name,
                    interviewee.kind,
                    "interview",
                    interviewee,
                )
            )
    return out if seen_question else []


def _intro(text: str, paras: Sequence[Span]) -> int | None:
    """The index of a Q&A's intro paragraph among the first 60 % of ``paras`` (at least 3): the
    first that matches _QA_INTRO, or the one before the first opening with "Q:" (-1 when that
    is the first paragraph); None when there is neither."""
    read = paras[: max(3, int(len(paras) * 0.6))]
    # Most articles hold none of the intro's words, and most paragraphs of the others neither: a
    # look at the lower-cased text they read spares the caseless search of a paragraph without
    # one (scan.lowered: None when lower-casing could miss one; it keeps offsets then). The
    # whole text is asked for, which other signals lower-case too (scan.lowered keeps it), and
    # only the part read is looked at.
    low = lowered(text) if read else None
    end = read[-1].end if read else 0
    may_intro = low is None or any(low.find(w, 0, end) >= 0 for w in _QA_INTRO_WORDS)
    for i, p in enumerate(read):
        # (_QA_PREFIX opens with "Q": a paragraph that does not is not matched against it)
        if text.startswith("Q", p.start) and _QA_PREFIX.match(text[p.start : p.end]):
            return i - 1
        if (
            may_intro
            and (low is None or any(low.find(w, p.start, p.end) >= 0 for w in _QA_INTRO_WORDS))
            and _QA_INTRO.search(text[p.start : p.end])
        ):
            return i
    return None


def _is_aside(body: str) -> bool:
    """Whether a paragraph of a Q&A is the writer's stage direction: "(A phone rings.)"."""
    return body.startswith("(") and body.endswith(")")


def _is_question(doc: Document, p: Span) -> bool:
    body = doc.text[p.start : p.end]
    if _QA_PREFIX.match(body):
        return True
    if _ANSWER_PREFIX.match(body):
        return False
    words = len(body.split())
    if body.rstrip().endswith("?") and words <= 60:
        return True
    sentences = sum(1 for s in doc.sentences if p.start <= s.start < p.end)
    return bool(_YOU.match(body)) and sentences <= 2 and words <= 45


def _interviewee(doc: Document, people: People, intro: Sequence[Span]) -> Entity | None:
    """The person the intro says was interviewed, else the person it names most."""
    counts: dict[int, int] = {}
    for p in intro:
        body = doc.text[p.start : p.end]
        for m in _INTERVIEWED.finditer(body):
            near = people.at(p.start + m.end(), p.start + m.end() + 40)
            persons = [x for x in near if people.entities[x.entity].kind == "person"]
            if persons:
                return people.entities[persons[0].entity]
        for x in people.at(p.start, p.end):
            if people.entities[x.entity].kind == "person":
                counts[x.entity] = counts.get(x.entity, 0) + 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda k: counts[k])
    return people.entities[best]


_SOURCE_WORD = re.compile(r"[A-Za-z]+")


def _figurative(text: str, f: _Found) -> bool:
    """Whether the source is a thing that cannot speak ("history", "common sense").

    Examples
    --------
    >>> f = _Found(None, (4, 20), (26, 30), None, None, "indirect", None)
    >>> _figurative("Yet Mexico’s history says so.", f)
    True
    """
    if f.source is None:
        return False
    words = _SOURCE_WORD.findall(text[f.source[0] : f.source[1]])
    return bool(words) and words[-1].lower() in _lexicon_set("figurative_sources")


def _to_attribution(text: str, f: _Found) -> Attribution:
    content_start, content_end = start, end = f.content
    cue, source = f.cue, f.source
    cue_start = cue_end = source_start = source_end = None
    # From the first to the last offset of content, cue and source, compared one by one (calls
    # of min() and max() for each pair cost a fifth of this function).
    for span in (cue, source):
        if span:
            for offset in span:
                if offset < start:
                    start = offset
                if offset > end:
                    end = offset
    if cue:
        cue_start, cue_end = cue
    if source:
        source_start, source_end = source
    # (positional: keywords cost a quarter more, for a dozen fields of ~15 attributions an article)
    return Attribution(
        start,
        end,
        f.kind,
        f.name,
        f.kind_of_source,
        text[cue_start:cue_end] if cue else None,
        content_start,
        content_end,
        cue_start,
        cue_end,
        source_start,
        source_end,
    )
