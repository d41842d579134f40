"""Distinct sources of an article: who or what its attributions rest on.

One entry per distinct source name, in order of first attribution. A named person or
organisation is one entity however the article refers to it ("Omar García Harfuch", "Mr.
Harfuch", "Harfuch", "he" after he was quoted), because attributions already carry the canonical
name. Unnamed sources keep their own words as name ("security analysts", "government data").

- ``kind``: person | organization | document | anonymous, from the attribution.
- ``description``: the appositive or predicate the article gives a named source ("a former
  Mexican security official ..."), else the unnamed source's own words.
- ``quotes``: quotations of speech attributed to it, plus Q&A answers it gives.
- ``mentions``: for a named entity, the times the article names it in any form plus pronoun
  sources that stand for it; for an unnamed source, the attributions that cite it.
- ``role`` stays "unknown" here; the bias signal assigns roles from ``description``.

Questions of a Q&A interview (attributed to the outlet) are not sources of the article.
"""

from __future__ import annotations

from collections.abc import Sequence

from analyzer.document import Document
from analyzer.results import Attribution, Quote, Source
from analyzer.signals.people import People, find_people

_PRONOUNS = frozenset({"he", "she", "him", "her"})


def is_named(kind: str | None, name: str | None) -> bool:
    """Whether a source is named: a proper name (capitalised), not a description.

    Examples
    --------
    >>> is_named("person", "Ana Ruiz"), is_named("anonymous", "officials")
    (True, False)
    >>> is_named("organization", "the government"), is_named("document", "World Bank data")
    (False, True)
    """
    if not name or kind not in ("person", "organization", "document"):
        return False
    return name[:1].isupper()


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
    for a in attributions:
        if a.source is None:
            continue
        if a.kind == "interview" and a.source == outlet and a.source_start is None:
            continue  # the interviewer's questions
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
            description = entity.description
        else:
            mentions = item["attributions"]
            description = name
        out.append(
            Source(
                name=name,
                kind=item["kind"] or "anonymous",
                role="unknown",
                description=description,
                quotes=quoted.get(name, 0) + item["answers"],
                mentions=mentions,
            )
        )
    return out
