"""Distinct sources of an article: who or what its attributions rest on.

One entry per distinct source name, in order of first attribution. A named person or
organisation is one entity however the article refers to it ("Omar García Harfuch", "Mr.
Harfuch", "Harfuch", "he" after he was quoted), because attributions already carry the canonical
name. Unnamed sources keep their own words as name ("security analysts", "government data").

- ``kind``: person | organization | document | anonymous, from the attribution.
- ``description``: the appositive, title or predicate the article gives a named source ("a former
  Mexican security official ..."), else the unnamed source's own words.
- ``quotes``: quotations of speech attributed to it, plus Q&A answers it gives.
- ``mentions``: for a named entity, the times the article names it in any form plus pronoun
  sources that stand for it; for an unnamed source, the attributions that cite it.
- ``role`` stays "unknown" here; the bias signal assigns roles from ``description``.

Questions of a Q&A interview (attributed to the outlet) are not sources of the article, and
neither is anyone the interviewer cites inside a question ("Your critics say ...?"). Nor are two
kinds of false source the cue words leave behind: a lone possessive ("Editor's" of "Editor's
Note:"), and the noun before a passive participle ("a project expected to cost $3.2 million":
the project is what is expected, not who expects it).

:func:`is_voice` tells the sources that count as a distinct voice for the balance score from
vague crowds ("experts", "some residents", "everyone"): see its docstring for the rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from analyzer.document import Document
from analyzer.lexicons import load_lexicon
from analyzer.results import Attribution, Quote, Source
from analyzer.signals import roles
from analyzer.signals.people import Entity, People, find_people

_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Words after the head of a noun phrase that say which group it is ("residents of Elm Street",
# "officials at the ministry", "parents who lost children").
_NARROWING = frozenset(
    "of at from in for with who whose which on near inside outside across".split()
)
# A count makes a group the reporter met ("two officers", "three residents"), not a crowd.
_COUNT = re.compile(r"^\d[\d,.]*$")
# Mass nouns of documents that are as vague as a plural ("government data show").
_MASS = frozenset("data evidence research".split())
_CARDINALS = frozenset("two three four five six seven eight nine ten eleven twelve".split())
# "a project expected to", "a man believed to be", "a deal said to be worth": one of these
# participles right after the noun, with no auxiliary, then "to", is a passive: the noun is what
# is said, not who says it. (Verbs that take "to" actively, "vowed to", "agreed to", are not here.)
_PASSIVE_CUE = re.compile(
    r"expected|believed|thought|said|known|reported|alleged|estimated|projected|rumou?red|"
    r"feared|understood|considered",
    re.IGNORECASE,
)


@functools.cache
def _crowds() -> frozenset[str]:
    """Heads that name a crowd, not a person: ``vague_sources.txt`` ("experts", "everyone")."""
    return frozenset(load_lexicon("vague_sources"))


def is_named(kind: str | None, name: str | None) -> bool:
    """Whether a source is named: a proper name (capitalised), not a description.

    Examples
    --------
    >>> is_named("person", "Ana Ruiz"), is_named("anonymous", "officials")
    (True, False)
    >>> is_named("organization", "the government"), is_named("document", "World Bank data")
    (False, True)
    >>> is_named("person", "Everyone"), is_named("person", "Editor's")
    (False, False)
    """
    if not name or kind not in ("person", "organization", "document"):
        return False
    if name.lower() in _crowds() or _possessive_only(name):
        return False  # a crowd pronoun, or a word cut off its noun
    return name[:1].isupper()


def _possessive_only(name: str) -> bool:
    """ "Editor's", "Mexico’s": one word in the possessive, the noun it governs left out."""
    return " " not in name and name.endswith(("’s", "'s"))


def _plural(head: str) -> bool:
    """A crowd word or a regular plural ("analysts", "groups"); not "police", "press", "status"."""
    if head in _crowds() or head in _MASS:
        return True
    return (
        len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is", "’s", "'s"))
    )


def is_voice(kind: str, name: str, *, proper_first: bool = False) -> bool:
    """Whether a source counts as a distinct voice for the balance score.

    It does when it is named (:func:`is_named`), or unnamed but pinned down: one person or body
    ("the mayor", "a rail official", "a worker at the depot", "the city council"), a group named
    by whose it is ("Trump administration officials", "residents of Elm Street"), counted ("two
    officers") or already introduced ("the protesters"). A vague crowd does not: a plural or
    crowd word ("everyone", ``vague_sources.txt``) with only common words before it ("experts",
    "security analysts", "some residents", "your critics", "polls", "government data"), because
    a reader cannot tell who or how many they are. ``proper_first`` says the first word is a
    proper adjective ("Mexican authorities"), which the caller can tell from the whole text.

    Examples
    --------
    >>> is_voice("anonymous", "experts"), is_voice("anonymous", "some residents")
    (False, False)
    >>> is_voice("anonymous", "a rail official"), is_voice("anonymous", "residents of Elm Street")
    (True, True)
    >>> is_voice("anonymous", "Mexican authorities", proper_first=True)
    True
    """
    if is_named(kind, name):
        return True
    words = name.split()
    if not words:
        return False
    low = [w.lower().strip(".,") for w in words]
    if not _plural(low[-1]):
        return True
    if proper_first and words[0][:1].isupper() or any(w[:1].isupper() for w in words[1:]):
        return True
    if low[0] == "the" or not _NARROWING.isdisjoint(low):
        return True
    return any(_COUNT.match(w) or w in _CARDINALS for w in low)


def voices(doc: Document, sources: Sequence[Source]) -> list[Source]:
    """The sources that count as distinct voices (:func:`is_voice`), in their order.

    A capitalised first word is a proper adjective ("Mexican authorities") when the article
    never writes it in lower case and writes it capitalised inside a sentence at least once;
    otherwise it may only open a sentence ("Security analysts", "Human rights groups").
    """
    out = []
    for s in sources:
        if is_voice(s.kind, s.name) or (
            s.name[:1].isupper()
            and _proper_word(doc.text, s.name.split()[0])
            and is_voice(s.kind, s.name, proper_first=True)
        ):
            out.append(s)
    return out


def find(
    doc: Document,
    attributions: Sequence[Attribution],
    quotes: Sequence[Quote] = (),
    *,
    people: People | None = None,
) -> list[Source]:
    """Distinct sources of ``doc`` in order of their first attribution.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> from analyzer.signals import attribution, quotes as q
    >>> text = '“We won,” said Ana Ruiz, the mayor. “It was close,” Ms. Ruiz said.'
    >>> doc = build_document(Article("a", "a", text))
    >>> found = q.find(doc)
    >>> attrs = attribution.find(doc, quotes=found)
    >>> s = find(doc, attrs, q.assign_speakers(found, attrs))[0]
    >>> s.name, s.kind, s.description, s.quotes, s.mentions
    ('Ana Ruiz', 'person', 'the mayor', 2, 2)
    """
    people = people if people is not None else find_people(doc)
    entities = {e.name: e for e in people.entities}
    outlet = doc.meta.outlet
    order: list[str] = []
    info: dict[str, dict] = {}
    questions = [
        (a.start, a.end)
        for a in attributions
        if a.kind == "interview" and a.source == outlet and a.source_start is None
    ]
    for a in attributions:
        if a.source is None or _possessive_only(a.source) or _passive(doc, a):
            continue
        if questions and any(s <= a.start and a.end <= e for s, e in questions):
            continue  # the interviewer's questions, and whoever they cite
        if a.source not in info:
            order.append(a.source)
            info[a.source] = {"kind": a.source_kind, "attributions": 0, "pronouns": 0, "answers": 0}
        item = info[a.source]
        item["attributions"] += 1
        if a.kind == "interview":
            item["answers"] += 1
        if a.source_start is not None and a.source_end is not None:
            if doc.text[a.source_start : a.source_end].lower() in _PRONOUNS:
                item["pronouns"] += 1
    quoted: dict[str, int] = {}
    for q in quotes:
        if q.speaker:
            quoted[q.speaker] = quoted.get(q.speaker, 0) + 1
    out = []
    for name in order:
        item = info[name]
        entity = entities.get(name)
        if entity is not None:
            mentions = len(entity.mentions) + item["pronouns"]
            description = people.description(entity) or _title_of(doc.text, entity)
        else:
            mentions = item["attributions"]
            description = name
        kind = item["kind"] or "anonymous"
        if name.lower() in _crowds():
            kind = "anonymous"  # "Everyone knows": capitalised only because it opens a sentence
        out.append(
            Source(
                name=name,
                kind=kind,
                role="unknown",
                description=description,
                quotes=quoted.get(name, 0) + item["answers"],
                mentions=mentions,
            )
        )
    return out


def _proper_word(text: str, word: str) -> bool:
    """Never written in lower case, and capitalised at least once inside a sentence.

    "Written" is as a whole word: no word character (``\\w``), apostrophe or hyphen next to it.
    Inside a sentence is after white space that follows a word character, a comma or a
    semicolon. The places are found with ``str.find`` and their neighbours looked at (a pattern
    made for each word cost a compile of two patterns, most of a millisecond).
    """
    low = word.lower()
    if any(not _joins(text[i - 1 : i]) for i in _places(text, low)):
        return False
    for i in _places(text, word):
        gap = i
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        if 0 < gap < i and (text[gap - 1].isalnum() or text[gap - 1] in "_,;"):
            return True
    return False


def _joins(char: str) -> bool:
    """Whether ``char`` joins a word next to it into a longer one: a word character (``\\w``:
    alphanumeric or "_"), an apostrophe or a hyphen ("" at the text's ends does not)."""
    return char != "" and (char.isalnum() or char in "_’'-")


def _places(text: str, word: str) -> Iterator[int]:
    """Where ``word`` occurs in ``text`` (overlapping places too) with nothing joining it to
    what follows (:func:`_joins`)."""
    i = text.find(word)
    while i >= 0:
        if not _joins(text[i + len(word) : i + len(word) + 1]):
            yield i
        i = text.find(word, i + 1)


def _passive(doc: Document, a: Attribution) -> bool:
    """ "approved a project expected to cost": the cue is a participle right after a source noun
    inside the sentence ("Officials expected to finish" opening a sentence is active)."""
    if a.source_start is None or a.source_end is None or a.cue_start is None:
        return False
    if a.source_kind != "anonymous":
        return False
    text = doc.text
    si = doc.sentence_index(a.source_start)
    if si is None or not text[doc.sentences[si].start : a.source_start].strip():
        return False
    return (
        not text[a.source_end : a.cue_start].strip()
        and _PASSIVE_CUE.fullmatch(text[a.cue_start : a.cue_end or a.cue_start]) is not None
        and _TO.match(text, a.cue_end or a.cue_start) is not None
    )


_TO = re.compile(r"\s+to\b")
_FORMER = frozenset("former ex acting interim retired".split())
# Words that end a title run backwards from a name ("The Times columnist": "The" is no title).
_TITLE_STOP = frozenset(
    "said says told according to by and or with for from as that when while the a an "
    "of in on at after before but his her their its".split()
)
_NAMED = re.compile(r"((?:an?|the)\s+[^,.;:“”\"\n]{2,80}?)\s+(?:named|called)\s*$")
_AFTER_NAME = re.compile(r",\s+([^,.;:“”\"\n]{2,100}?)(?=,|\.\s|\.$|;)")
_ELECTED = re.compile(
    r"\s+(?:is|was|has been|had been)\s+(?:elected|appointed|named|chosen|sworn in)\s+(?:as\s+)?"
    r"([^,.;:“”\"\n]{2,80}?)(?=[,.;]|\s+(?:and|who|in|on|last|this|after|before|by)\b)"
)
# A "who" clause that says what a person does or is ("who runs a hardware store", "who is a
# nurse"), not what happened to them ("who was arrested by police" is no police officer).
_WHO_HOLDS = re.compile(
    r"who\s+(?:(?:runs|owns|leads|heads|chairs|manages|directs|founded|represents|teaches)\s+"
    r"(?:a|an|the|his|her|their|[A-Z]\S*)\s|works\s+(?:as|for|at)\s|serves\s+as\s|"
    r"(?:is|was)\s+(?:a|an|the|now)\s)"
)
_CLAUSE_MARK = re.compile(r"[.!?;:,()“”\"\n—–]")
_REPORTING = re.compile(r"\b(?:said|says|say|told|added)\b")


def _clause_tail(text: str) -> str:
    """What follows the last clause mark of ``text`` (all of it when it holds none), found as
    the first mark of the text read backwards.

    Examples
    --------
    >>> _clause_tail("In March, the city’s (new) council member"), _clause_tail("the mayor")
    (' council member', 'the mayor')
    """
    mark = _CLAUSE_MARK.search(text[::-1])
    return text[len(text) - mark.start() :] if mark else text


def _named(before: str) -> re.Match[str] | None:
    """``_NAMED.search(before)``, searched only when ``before`` ends with "named" or "called" (and
    white space), as every match does: most words before a name do not."""
    if not before.rstrip().endswith(("named", "called")):
        return None
    return _NAMED.search(before)


def _title_of(text: str, entity: Entity) -> str | None:
    """A description the article gives a name in other shapes than "X, the ...,": a title
    before it ("council member Grace Liu", "a federal police official named Omar García
    Harfuch"), a bare title or a "who" clause after it ("Jordan Ames, chief executive of
    Brightwave", "Tom Reyes, who runs a hardware store"), or "X was elected president"."""
    for start, end in entity.mentions:
        window = text[max(0, start - 100) : start]
        # The words before the name (its clause's, which end the window) give it a title only
        # when they end with "named", "called" or a role phrase's last word: most ("said", "by",
        # "the") do not, and are not looked at further.
        stripped = window.rstrip()
        if stripped.endswith(("named", "called")) or roles.may_end_title(stripped):
            before = _clause_tail(window)
            named = _named(before)
            if named:
                return named.group(1)
            title = roles.title_before(before)
        else:
            title = None
        if title:
            words = before.split()[: -len(title.split())]
            lead = []
            # Only capitalised words and "former" lead a title ("New York Times columnist",
            # "former president"): another lower-case one may be a verb ("threw famous
            # reporter Jorge Ramos").
            while (
                words
                and len(lead) < 3
                and (words[-1][:1].isupper() or words[-1].lower() in _FORMER)
                and words[-1].lower() not in _TITLE_STOP
            ):
                lead.insert(0, words.pop())
            return " ".join([*lead, *title.split()])
        after = _AFTER_NAME.match(text, end)
        if after and not _REPORTING.search(after.group(1)):
            phrase = after.group(1)
            if _WHO_HOLDS.match(phrase) or roles.starts_with_title(phrase):
                return phrase
        elected = _ELECTED.match(text, end)
        if elected:
            return elected.group(1)
    return None
