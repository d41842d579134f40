"""Source roles: who a source is in the story, from its description, name and title.

Roles: official, law_enforcement, expert, advocate, business, affected, journalist, unknown.
Each role has a word list (``role_<role>.txt``). The words are looked for, whole and case
ignored, first in the source's description ("a former Mexican security official", "a local
activist whose daughter has disappeared"), then in the titles the article gives the source's name
("President", "Gen."), then in the name itself ("Brookings Institution", "Acme Corporation").
When none holds a listed word, a company name in any of them ("a spokeswoman for Southern Rail":
a capitalised word, then a company ending of ``role_business_names.txt``, case kept) makes the
source business. In
the description the first word found wins, because news writing puts the title first; a word
right after "former" counts only when nothing else is found ("a former security official and
one of the country's most prominent security consultants" is an expert now).

Limits: one role per source, by word lists; "president of the union" reads as official; a
source the article does not describe and whose name says nothing stays unknown.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence

from analyzer.lexicons import load_lexicon
from analyzer.results import Source
from analyzer.scan import alternation
from analyzer.signals.people import People

ROLES: tuple[str, ...] = (
    "official",
    "law_enforcement",
    "expert",
    "advocate",
    "business",
    "affected",
    "journalist",
)
UNKNOWN = "unknown"


@functools.cache
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    role_of: dict[str, str] = {}
    for role in ROLES:
        for term in load_lexicon(f"role_{role}"):
            role_of.setdefault(term.lower(), role)
    terms = sorted(role_of, key=len, reverse=True)
    # As a trie (longest first, as it needs): a flat alternation of some 250 phrases, tried
    # phrase by phrase at every place, was most of the time of finding sources' roles.
    words = alternation([re.escape(t).replace(r"\ ", r"\s+") for t in terms])
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE), role_of


def title_before(text: str) -> str | None:
    """The role word or phrase that ends ``text`` ("... said city council member"), or None."""
    # The longest listed phrase has four words: the last five are enough to look in. The phrase
    # ends them, so it is matched once at the start of the words read backwards (a search for a
    # phrase ending them tried every place: twice the time, for about 18 names an article).
    m = _title_backwards().match(" ".join(text.split()[-5:])[::-1])
    return m.group()[::-1] if m else None


@functools.cache
def _title_backwards() -> re.Pattern[str]:
    """_matcher's pattern for a phrase that ends the text, written for the text read backwards:
    each phrase spelled backwards (a trie, longest first), the look-behind a look-ahead."""
    _, role_of = _matcher()
    backwards = sorted((t[::-1] for t in role_of), key=len, reverse=True)
    words = alternation([re.escape(t).replace(r"\ ", r"\s+") for t in backwards])
    return re.compile(rf"{words}(?![\w-])", re.IGNORECASE)


_RANK = re.compile(r"^(?:former|acting|interim)\s+", re.IGNORECASE)


def may_end_title(text: str) -> bool:
    """Whether ``text`` ends with the last word of a role phrase, case ignored. A text that does
    not, nor any text it ends, holds nothing :func:`title_before` finds (the phrase found ends
    the text's last word), which then need not look."""
    return _title_ends().match(text[::-1]) is not None


@functools.cache
def _title_ends() -> re.Pattern[str]:
    """The last word of each role phrase spelled backwards (a trie, longest first), case
    ignored as in _title_backwards."""
    _, role_of = _matcher()
    ends = sorted({t[::-1].split(" ", 1)[0] for t in role_of}, key=len, reverse=True)
    return re.compile(alternation([re.escape(e) for e in ends]), re.IGNORECASE)


def starts_with_title(text: str) -> bool:
    """Whether ``text`` opens with a role word for one person, after "former" ("chief executive
    of Brightwave"); a plural ("voters weighed in") opens a clause, not a title."""
    pattern, _ = _matcher()
    m = pattern.match(_RANK.sub("", text))
    return m is not None and not m.group().endswith("s")


# "former" reaches over up to two words ("a former Mexican security official"), but not past
# "now", "who" or "and" ("a former senator now lobbying ...").
_FORMER = re.compile(
    r"\b(?:former|ex|retired|onetime)[\s-]+(?:(?!now\b|who\b|and\b)\w+\s+){0,2}$", re.IGNORECASE
)


def _first_role(text: str) -> str | None:
    pattern, role_of = _matcher()
    fallback = None
    for m in pattern.finditer(text):
        role = role_of[" ".join(m.group().lower().split())]
        if _FORMER.search(text[: m.start()]):
            fallback = fallback or role
            continue
        return role
    return fallback


@functools.cache
def _company_name() -> re.Pattern[str]:
    """A capitalised word followed by a company-name ending ("Southern Rail"), case kept."""
    words = sorted(load_lexicon("role_business_names"), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b[A-Z][\w’'&.-]*\s+(?:{alternation})\b")


def role_of(name: str, description: str | None = None, titles: Sequence[str] = ()) -> str:
    """The role of one source.

    Examples
    --------
    >>> role_of("Ana Ruiz", "the mayor of Springfield")
    'official'
    >>> role_of("Eduardo Guerrero", "a former security official and a security consultant")
    'expert'
    >>> role_of("Brookings Institution"), role_of("Lee Kim", None, ["Sgt."])
    ('expert', 'unknown')
    >>> role_of("Priya Nair", "a spokeswoman for Southern Rail")
    'business'
    """
    # (an empty text holds no role word and no company name: not searched)
    texts = [text for text in (description, " ".join(titles), name) if text]
    for text in texts:
        role = _first_role(text)
        if role:
            return role
    if any(_company_name().search(text) for text in texts):
        return "business"
    return UNKNOWN


def titles_by_name(people: People) -> dict[str, list[str]]:
    """Titles the article puts before each named entity ("President", "Gen."), in text order."""
    out: dict[str, list[str]] = {}
    for m in people.mentions:
        if m.honorific:
            out.setdefault(people.entities[m.entity].name, []).append(m.honorific)
    return out


def assign(sources: Sequence[Source], people: People | None = None) -> list[Source]:
    """The sources with their ``role`` filled in.

    Examples
    --------
    >>> assign([Source("Acme Corporation", "organization")])[0].role
    'business'
    """
    titles = titles_by_name(people) if people is not None else {}
    out = []
    for s in sources:
        role = role_of(s.name, s.description, titles.get(s.name, ()))
        # Most sources keep the role they have ("unknown"): kept as they are, not copied
        # (dataclasses.replace took a fifth of the time).
        out.append(s if role == s.role else dataclasses.replace(s, role=role))
    return out
