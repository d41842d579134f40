"""Named people and organisations in a Document, with their mentions merged into entities.

A capitalised run of words ("Omar García Harfuch", "Brookings Institution"), optionally led by a
courtesy title or rank ("Mr.", "President"), is a name mention. Runs holding an organisation word
(``organization_words.txt``) or written as an acronym ("FBI") are organisations; the others with
two words or more, or with a title, are people. Shorter mentions merge into the full name they
repeat: "Mr. Harfuch", "Harfuch" and "García Harfuch" all become "Omar García Harfuch" when the
article names him in full (the full name introduced last before the mention wins a tie).

This is a helper of the attribution signals (quotes, attribution, sources), not a signal itself.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from analyzer.document import Document
from analyzer.lexicons import load_lexicon
from analyzer.scan import alternation

_UPPER = "A-ZÀ-ÖØ-Þ"
_PARTICLES = r"(?:de|del|de\s+la|la|las|los|van|von|der|den|da|dos|das|bin|ibn|al|el|le|du|di)"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    # Word lists as tries (scan.alternation): the engine tries only the branches that go on
    # with the character at hand instead of every word in turn, at every capital.
    stop = [re.escape(w) for w in load_lexicon("name_stopwords")]
    hons = sorted(load_lexicon("honorifics"), key=len, reverse=True)
    # Abbreviated titles end a name ("Ms" in "But Ms. Sheinbaum"); spelled-out ones may belong
    # to it ("World Justice Project", "Supreme Court Justice").
    shortened = set(load_lexicon("abbreviations"))
    abbrev = [re.escape(h) for h in hons if h.lower() in shortened]
    not_name = alternation(sorted(set(stop + abbrev), key=lambda w: (-len(w), w)))
    word = rf"(?!{not_name}\b)(?:[{_UPPER}][\w’'\-]*[\w]|[{_UPPER}]\.(?=\s+[{_UPPER}]))"
    # Names never run across a line break: a heading above a paragraph is not part of a name.
    name = rf"{word}(?:[ \t\u00a0]+(?:{_PARTICLES}[ \t\u00a0]+)?{word})*"
    # Every mention opens with a capital, the pattern's first character here: the engine then
    # jumps from capital to capital in C (a leading look-ahead for the capital made it try every
    # position: 0.12 against 0.095 ms an article). The capital is consumed before the rest is
    # known, so the rest looks back at it: ``\b`` before it is ``(?<!\w.)``, an honorific is
    # its first letter (a look-behind) and the trie of the rest of the words with that letter,
    # and the first word's not-name check is a look-ahead from the capital inside a look-behind.
    # Branches in the order the optional honorific tried them: with one, then without. Groups:
    # ``hon`` is the honorific after its first letter, ``name`` the name after one; without an
    # honorific the name is the whole match (see find_people).
    by_letter: dict[str, list[str]] = {}
    for h in hons:
        by_letter.setdefault(h[0], []).append(re.escape(h[1:]).replace(r"\ ", r"\s+"))
    letters = "".join(sorted(by_letter))
    hon_rest = "|".join(rf"(?<={re.escape(c)}){alternation(by_letter[c])}" for c in letters)
    first_rest = rf"(?<=(?!{not_name}\b).)(?:[\w’'\-]*[\w]|\.(?=\s+[{_UPPER}]))"
    name_rest = rf"{first_rest}(?:[ \t\u00a0]+(?:{_PARTICLES}[ \t\u00a0]+)?{word})*"
    mention = re.compile(
        rf"[{_UPPER}](?<!\w.)"
        rf"(?:(?<=[{re.escape(letters)}])(?P<hon>{hon_rest})\b\.?\s+\b(?P<name>{name})|{name_rest})"
    )
    orgs = frozenset(load_lexicon("organization_words"))
    female = frozenset({"Mrs", "Ms", "Miss", "Sister", "Queen", "Princess", "Congresswoman"})
    return mention, orgs, female


@dataclass(slots=True)
class Entity:
    """One person or organisation and where the article names it."""

    name: str
    kind: str  # person | organization
    gender: str | None = None  # "m", "f" or None when unknown
    description: str | None = None  # looked for when first asked (People.description)
    mentions: list[tuple[int, int]] = field(default_factory=list)


class Mention(NamedTuple):
    """Where the article names an entity (an immutable record, one per name in the text)."""

    start: int
    end: int
    entity: int  # index into People.entities
    honorific: str | None


@dataclass(slots=True)
class People:
    """Entities of a Document and their mentions in text order.

    A person's gender comes from a title ("Mr.", "Ms.") when :func:`find_people` returns; the
    one the article's other words say is learned when :meth:`gender` first asks for it. An
    entity's description is looked for when :meth:`description` first asks for it.
    """

    entities: list[Entity]
    mentions: list[Mention]
    _starts: list[int] = field(default_factory=list)
    # What learning genders and descriptions needs (gender, description).
    _lazy: _Lazy | None = field(default=None, compare=False, repr=False)

    def gender(self, e: Entity) -> str | None:
        """The gender of ``e``, one of the entities ("m", "f" or None when unknown), learned
        from the article's words (:func:`_learn_genders`) the first time it is asked for.

        Only attribution's reading of "he" and "she" as a source needs genders, and of a few
        persons (a third of articles need none): learning them all took a fifth of
        find_people, and those asked for hold about half of the persons' mentions.
        """
        g = self._lazy
        if e.gender is None and g is not None and id(e) not in g.asked:
            g.asked.add(id(e))
            self.description(e)  # (its head may say the sex)
            i = next(i for i, x in enumerate(g.entities) if x is e)
            _learn_genders(g.text, g.entities, g.mentions, g.holders, i, g.starts)
        return e.gender

    def learn_genders(self) -> None:
        """Learn every person's gender (see :meth:`gender`)."""
        for e in self.entities:
            self.gender(e)

    def description(self, e: Entity) -> str | None:
        """The description the article gives ``e``, one of the entities: the first that
        :func:`_description` finds at its mentions, in text order, looked for the first time
        it is asked for.

        Only a source's entity (sources.find), the persons a "the <role>" source may be
        (:meth:`by_role`) and a person whose gender is learned need one. Looked for at every
        mention of every entity, descriptions cost about 60 us an article; those asked for
        cost about 40 of them.
        """
        g = self._lazy
        if e.description is None and g is not None and id(e) not in g.described:
            g.described.add(id(e))
            e.description = next(
                (d for s, t in e.mentions if (d := _description(g.text, s, t)) is not None), None
            )
        return e.description

    def at(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        out = []
        for m in self.mentions[lo:]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out

    def last_before(self, offset: int, *, gender: str | None = None) -> Entity | None:
        """The person named last before ``offset`` (of a compatible gender when known)."""
        i = bisect.bisect_left(self._starts, offset) - 1
        while i >= 0:
            e = self.entities[self.mentions[i].entity]
            if e.kind == "person" and (gender is None or self.gender(e) in (None, gender)):
                return e
            i -= 1
        return None

    def by_role(self, noun: str) -> Entity | None:
        """The one person whose description holds ``noun`` ("minister"), if exactly one does."""
        hits = [
            e
            for e in self.entities
            if e.kind == "person"
            and (description := self.description(e))
            and noun in description.lower().split()
        ]
        return hits[0] if len(hits) == 1 else None


_GENDER = {"Mr": "m", "Sen": None, "Mrs": "f", "Ms": "f", "Miss": "f"}
# "X, the/a <description>," or "X, Mexico’s <description>," right after a name. A period inside
# it is an initialism's ("the U.S. Embassy’s") or the number sign's ("former No. 2 official"),
# never one that ends the sentence.
_INNER_PERIOD = r"(?:(?<=\b[A-Z])\.(?=[A-Z]\.)|(?<=\.[A-Z])\.|(?<=\bNo)\.(?=\s+\d))"
_APPOSITIVE = re.compile(
    r",\s+((?:the|a|an|[A-Z][\w.\-]*’s|[A-Z][\w.\-]*'s)\s+"
    rf"(?:[^,.;:“”\"]|{_INNER_PERIOD}){{2,120}}?)"
    rf"(?=,|;|(?!{_INNER_PERIOD})\.(?:\s|$))"
)
_COPULA = re.compile(
    r"\s+(?:is|was|has been|had been)\s+((?:the|a|an|[A-Z][\w.\-]*’s)\s+[^,.;:“”\"]{2,80}?)"
    r"(?=,|\.|;|\s+(?:and|who|with|tasked|since|when|for)\b)"
)
_COPULA_STARTS = frozenset("iwh")  # the first letters of its verbs


def _single_spaced(words: str) -> str:
    """White space runs as one space (a name never starts or ends with white space)."""
    if words.isprintable() and "  " not in words:
        return words  # (the only printable white space is the space)
    return " ".join(words.split())


def _is_org(words: list[str], orgs: frozenset[str]) -> bool:
    if not orgs.isdisjoint(words):
        return True
    return len(words) == 1 and len(words[0]) >= 2 and words[0].isupper()


def find_people(doc: Document) -> People:
    """Name mentions of ``doc`` merged into entities.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> text = "Omar García Harfuch spoke. Later Mr. Harfuch left the Brookings Institution."
    >>> people = find_people(build_document(Article("a", "a", text)))
    >>> [(e.name, e.kind, len(e.mentions)) for e in people.entities]
    [('Omar García Harfuch', 'person', 2), ('Brookings Institution', 'organization', 1)]
    """
    pattern, orgs, _ = _patterns()
    text = doc.text
    raw = []
    for m in pattern.finditer(text):
        start, end = m.span()
        hon_end = m.end("hon")
        if hon_end < 0:
            name, hon = _single_spaced(text[start:end]), None
        else:
            name, hon = _single_spaced(m.group("name")), _single_spaced(text[start:hon_end])
        if name.endswith(("’s", "'s")):  # a possessive is not part of the name
            name, end = name[:-2], end - 2
        raw.append((start, end, name, hon))
    entities: list[Entity] = []
    full: dict[str, int] = {}
    # The names of ``full`` one a line: a name (one line) is part of one of them when it is part
    # of this text, one search instead of one for each name.
    known = ""
    # Pass 1: full names (two words or more) and organisations become entities.
    for _, _, name, hon in raw:
        words = name.split()
        if name in full:
            continue
        if _is_org(words, orgs):
            full[name] = len(entities)
            known += "\n" + name
            entities.append(Entity(name, "organization"))
        elif len(words) >= 2:
            if name in known:  # part of a longer name seen before
                continue
            full[name] = len(entities)
            known += "\n" + name
            entities.append(Entity(name, "person", _GENDER.get(hon or "")))
    holders = _Holders()
    for i, e in enumerate(entities):
        if e.kind == "person":
            holders.add(i, e.name)
    _join_longer_names(full, entities, holders)
    mentions: list[Mention] = []
    for start, end, name, hon in raw:
        idx = full.get(name)
        if idx is None and (held := holders.of(name)):
            idx = _match_short(start, entities, held)
        if idx is None:
            if not hon:
                continue  # a lone capitalised word: a place, a brand, a sentence opener
            full[name] = idx = len(entities)
            entities.append(Entity(name, "person"))
            holders.add(idx, name)
        e = entities[idx]
        if e.kind == "person" and e.gender is None and hon in _GENDER:
            e.gender = _GENDER[hon]
        e.mentions.append((start, end))
        mentions.append(Mention(start, end, idx, hon))
    starts = [m.start for m in mentions]
    people = People(entities, mentions, starts, _Lazy(text, entities, mentions, starts, holders))
    # Entities never mentioned (a long name only seen inside a longer one) are dropped.
    return _compact(people)


# Where a description's head ends: "a lawyer for the man" is a lawyer.
_HEAD_ENDS = re.compile(r"\b(?:of|for|to|at|in|on|with|from|by|who|whose|that|which|and)\b")
_LOWER_WORD = re.compile(r"[a-z]+")
# A gendered noun counts as this many pronouns.
_NOUN_WEIGHT = 4
# Personal pronouns, group 1 male, group 2 female (a capital only at a sentence start). The
# pattern opens with a class of letters, which the engine scans for fast: about five times
# faster than an alternation of the words between word boundaries.
_PERSONAL = re.compile(
    r"[HhSs](?<!\w.)(?:(?<=[Hh])(e|im|is|imself)|((?<=[Hh])(?:er|ers|erself)|(?<=[Ss])he))\b"
)
# Words that govern the name after them: "about Ana Ruiz" is no subject of a pronoun to come.
_GOVERNED = frozenset("of to for with by from about against on at in than like".split())


@functools.cache
def _gendered_words() -> dict[str, str]:
    """Nouns that say a person's sex, to "m" or "f" (lexicons male_words and female_words)."""
    out = {w.lower(): "m" for w in load_lexicon("male_words")}
    out.update((w.lower(), "f") for w in load_lexicon("female_words"))
    return out


@dataclass(slots=True)
class _Lazy:
    """What learning genders and descriptions needs: find_people's lists as they are before
    _compact renumbers the entities (the Entity objects, which genders and descriptions are
    written into, are shared; the mentions keep their places), and who was asked for so far."""

    text: str
    entities: list[Entity]
    mentions: list[Mention]
    starts: list[int]  # of the mentions
    holders: _Holders
    asked: set[int] = field(default_factory=set)  # id() of each Entity whose gender was asked
    described: set[int] = field(default_factory=set)  # ... whose description was asked


def _learn_genders(
    text: str,
    entities: list[Entity],
    mentions: list[Mention],
    holders: _Holders,
    person: int | None = None,
    starts: Sequence[int] = (),
) -> None:
    """Give a person without "Mr." or "Ms." the sex the article's words say, so that "she said"
    skips the men (analyzer.signals.attribution).

    Evidence: a gendered noun in the head of the description ("Ana Ruiz, the mayor's wife", "a
    spokeswoman for the union, Ana Ruiz") or as the title just before a mention ("spokeswoman
    Ana Ruiz", or opening it: "Spokeswoman Ana Ruiz"), worth _NOUN_WEIGHT votes; and the first
    personal pronoun after a mention in its sentence, with no other name between ("Tom Reyes
    said he ...", "Ana Ruiz and her lawyer"), one vote, unless a preposition governs the name or
    the mention is one word that several people's names hold ("Trump" with Donald and Melania
    Trump named: whose it is was a guess). Two votes or more, four to one at least, decide;
    anyone else stays unknown (a name alone says nothing here: no list of first names is used).
    ``holders`` holds every person of ``entities``: it counts the names holding a word. With
    ``person`` (an index) only that entity is learned, from its own mentions, found among
    ``starts`` (those of ``mentions``): only its mentions vote for it.
    """
    unknown = [
        i
        for i in (range(len(entities)) if person is None else (person,))
        if entities[i].kind == "person" and entities[i].gender is None
    ]
    if not unknown:
        return
    gendered = _gendered_words()
    votes: dict[int, list[str]] = {}
    places: Iterable[int] = range(len(mentions))
    if person is not None:
        places = [bisect.bisect_left(starts, s) for s, _ in entities[person].mentions]
    for k in places:
        m = mentions[k]
        e = entities[m.entity]
        if e.kind != "person" or e.gender is not None:
            continue
        # The last word of the 20 characters before the mention (rsplit leaves the others whole).
        before = text[max(0, m.start - 20) : m.start].rsplit(None, 1)
        words = text[m.start : m.end].split()
        title = before[-1] if before and before[-1].islower() else words[0].lower()
        if title in gendered:
            votes.setdefault(m.entity, []).extend(gendered[title] * _NOUN_WEIGHT)
        if before and before[-1].lower() in _GOVERNED:
            continue
        if len(words) - (m.honorific is not None) == 1 and holders.count(words[-1]) > 1:
            continue
        nxt = mentions[k + 1].start if k + 1 < len(mentions) else len(text)
        pronoun = _next_pronoun(text, m.end, min(nxt, m.end + 80))
        if pronoun is not None and "." not in text[m.end : pronoun.start()]:
            votes.setdefault(m.entity, []).append("m" if pronoun.group(1) else "f")
    for i in unknown:
        e = entities[i]
        said = votes.get(i, [])
        if e.description:
            head = _HEAD_ENDS.split(e.description.lower(), maxsplit=1)[0]
            said += [gendered[w] for w in _LOWER_WORD.findall(head) if w in gendered] * (
                _NOUN_WEIGHT
            )
        males, females = said.count("m"), said.count("f")
        if max(males, females) >= 2 and min(males, females) * 4 <= max(males, females):
            e.gender = "m" if males > females else "f"


# Characters the search for a pronoun looks at past where the pronoun must start: the longest
# pronoun ("himself") and the character after it, which the closing word boundary tests.
_PRONOUN_REACH = 8


def _next_pronoun(text: str, start: int, before: int) -> re.Match[str] | None:
    """The first personal pronoun (``_PERSONAL``) starting in ``[start, before)``, if any.

    Pronouns are whole words, so the matches of one scan of the whole text are all the places
    where the pattern matches: the first of them from ``start`` is the first match of a search
    from there. The search stops a little past ``before`` (``_PRONOUN_REACH``), far enough to
    see the whole of any pronoun starting before it and the character after it.
    """
    m = _PERSONAL.search(text, start, before + _PRONOUN_REACH)
    return m if m is not None and m.start() < before else None


class _Holders:
    """The person entities whose full name holds a name as whole words, in entity order.

    Each word of each person's name is filed once, when the entity is added (names are
    single-spaced words), so a name's holders are among those of its first word: one dict
    lookup, and for a name of several words a look for it in each of them.
    """

    def __init__(self) -> None:
        self._by_word: dict[str, list[int]] = {}
        self._padded: dict[int, str] = {}  # entity -> " its name "

    def add(self, index: int, name: str) -> None:
        self._padded[index] = f" {name} "
        for word in dict.fromkeys(name.split(" ")):
            self._by_word.setdefault(word, []).append(index)

    def count(self, word: str) -> int:
        """How many of the names hold ``word`` as one of their words."""
        return len(self._by_word.get(word, ()))

    def of(self, name: str) -> list[int]:
        first, space, _ = name.partition(" ")
        held = self._by_word.get(first, [])
        if not space or not held:
            return held
        padded = f" {name} "
        return [i for i in held if padded in self._padded[i]]


def _join_longer_names(full: dict[str, int], entities: list[Entity], holders: _Holders) -> None:
    """ "García Harfuch" seen before "Omar García Harfuch": the shorter name joins the longer.

    Each person name of ``full`` is pointed at the entity of the longest other name holding it
    (the higher entity number on a tie), as that name points when its turn has come already.
    """
    for name, idx in list(full.items()):
        if entities[idx].kind != "person":
            continue
        longer = [
            (len(entities[j].name), full[entities[j].name]) for j in holders.of(name) if j != idx
        ]
        if longer:
            full[name] = max(longer)[1]


def _match_short(start: int, entities: list[Entity], holders: list[int]) -> int | None:
    """The holder of a short name to credit a mention at ``start`` to: the last one named before
    it, else the first one."""
    best = None
    for i in holders:
        mentions = entities[i].mentions
        first = mentions[0][0] if mentions else None
        if best is None or (first is not None and first < start):
            best = i
    return best


def _description(text: str, start: int, end: int) -> str | None:
    """The description after the name at ``[start, end)`` (``_APPOSITIVE``, ``_COPULA``), else
    the one before it (:func:`description_before`)."""
    # _APPOSITIVE and description_before need a comma after the name. _COPULA needs white space
    # (\s: what str.isspace holds) and then more of it or the "i", "w" or "h" of its verbs:
    # most names are followed by a space and another word, looked at here without a match.
    after = text[end : end + 1]
    if after == ",":
        m = _APPOSITIVE.match(text, end)
        return m.group(1).strip() if m else description_before(text, start, end)
    if not after.isspace():
        return None
    nxt = text[end + 1 : end + 2]
    m = _COPULA.match(text, end) if nxt in _COPULA_STARTS or nxt.isspace() else None
    return m.group(1).strip() if m else None


# "The store's owner, Maria Gomez, said": a description opening a clause (or following a comma:
# "Meanwhile, the city's mayor, Ana Ruiz, said"), set off by commas
# before a name that a comma follows. Words that make a clause of it ("was", "said") or a time
# of it ("The next day, Ana Ruiz, 54, ...") rule it out.
_DESCRIPTION_BEFORE = re.compile(
    r"(?:^|(?<=[.,;:!?“”\"\n(—–]))\s*((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur"
    r"|[Aa]nother|[A-Z][\w.\-]*[’']s)\s+[^,.;:!?“”\"\n()—–]{2,100}?),\s+$"
)
_NOT_DESCRIPTIVE = frozenset(
    "is are was were be been has have had said says told did does do will would can could "
    "day days week weeks month months year years morning afternoon evening night time weekend "
    "moment end meantime past".split()
)

_WORD_RUN = re.compile(r"[\w’'\-]+")
_SENTENCE_MARK = re.compile(r"[.!?\n“”\"]")

# Words opening the object of a verb: "killed the", "murdered one of".
_OBJECT_OPENERS = frozenset("the a an one his her their its our this that these those".split())


def description_before(text: str, start: int, end: int) -> str | None:
    """The description set off by commas before the name at ``[start, end)``, if any.

    Examples
    --------
    >>> text = "The store’s owner, Maria Gomez, said the men took $80,000."
    >>> description_before(text, 19, 30)
    'The store’s owner'
    >>> description_before("The next day, Maria Gomez, 54, left.", 14, 25) is None
    True
    """
    if text[end : end + 1] != "," or not text.endswith(", ", 0, start):
        return None
    m = _DESCRIPTION_BEFORE.search(text, max(0, start - 120), start)
    if m is None:
        return None
    found = _WORD_RUN.findall(m.group(1))
    if len(found) > 1 and found[-1][:1].isupper() and found[-2] in ("from", "in", "of"):
        return None  # "a salesman from Sumter, South Carolina,": a place, its state after it
    before = text[max(0, m.start(1) - 40) : m.start(1)].rstrip()
    clause = _SENTENCE_MARK.split(before[:-1])[-1].split() if before.endswith(",") else []
    if len(clause) >= 2 and clause[-1][:1].isupper():
        # "Dean Johnson, a salesman, Ana Ruiz, ...": the earlier name's appositive (a lone
        # capitalised word is the sentence's adverb: "Meanwhile, the mayor, Ana Ruiz, said").
        return None
    words = [w.lower() for w in found]
    if len(words) > 10 or not _NOT_DESCRIPTIVE.isdisjoint(words):
        return None
    pairs = zip(words, words[1:], strict=False)
    if any(w.endswith("ed") and nxt in _OBJECT_OPENERS for w, nxt in pairs):
        return None  # a verb and its object: "a teenage assassin murdered one of ..."
    if words[-1] in _stop_words() or not words[-1].isalpha():
        return None
    return m.group(1)


@functools.cache
def _stop_words() -> frozenset[str]:
    return frozenset(load_lexicon("stop_words")) | frozenset(load_lexicon("calendar_words"))


def _compact(people: People) -> People:
    used = sorted({m.entity for m in people.mentions})
    if len(used) == len(people.entities):  # every entity is mentioned: nothing to renumber
        return people
    remap = {old: new for new, old in enumerate(used)}
    entities = [people.entities[i] for i in used]
    mentions = [Mention(m.start, m.end, remap[m.entity], m.honorific) for m in people.mentions]
    return People(entities, mentions, [m.start for m in mentions], people._lazy)
