"""RSS and Atom feed files through feedparser: each entry is an article.

The entry's HTML (full content where the feed carries it, else its summary) goes through
trafilatura; a fragment too short for trafilatura's article detection (a one-paragraph summary)
is turned into text by lxml, one line per block element. feedparser is given bytes, so it
never fetches anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import feedparser
import lxml.html
import trafilatura

from analyzer.errors import InputError

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)


def parse_feed(path: str, data: bytes) -> list[dict[str, object]]:
    """Return one dict per entry: ``key`` (stable per entry), ``text`` and metadata values.

    A feed that declares its own XML entities is refused before parsing: real feeds never need
    them, and nested entities are how an entity-expansion ("billion laughs") bomb or an external
    entity that reads local files is built.

    Examples
    --------
    >>> bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>'
    >>> parse_feed("bomb.xml", bomb)
    Traceback (most recent call last):
    ...
    analyzer.errors.InputError: bomb.xml: feed declares XML entities (<!ENTITY>); refused as unsafe
    """
    # Searched anywhere (not just in the DOCTYPE, which tricks with comments can hide) and with
    # NUL bytes dropped, so a UTF-16 feed cannot hide the declaration either.
    if _ENTITY_DECLARATION.search(data.replace(b"\x00", b"")):
        raise InputError(path, "feed declares XML entities (<!ENTITY>); refused as unsafe")
    feed = feedparser.parse(data)
    if feed.bozo and not any(e.get("content") or e.get("summary") for e in feed.entries):
        reason = getattr(feed, "bozo_exception", None) or "unknown error"
        raise InputError(path, f"not a readable RSS/Atom feed ({reason})")
    if not feed.entries:
        raise InputError(path, "feed has no entries")
    outlet = feed.feed.get("title")
    out = []
    for index, entry in enumerate(feed.entries):
        markup = ""
        if entry.get("content"):
            markup = entry.content[0].get("value", "")
        markup = markup or entry.get("summary", "")
        text = _html_text(markup)
        stable = entry.get("id") or entry.get("link") or entry.get("title") or str(index)
        item: dict[str, object] = {
            "key": hashlib.sha1(stable.encode("utf-8")).hexdigest()[:10],
            "text": text,
            "title": entry.get("title"),
            # RSS <author> is "email (Name)"; feedparser splits it, and readers want the name.
            "author": (entry.get("author_detail") or {}).get("name") or entry.get("author"),
            "url": entry.get("link"),
            "outlet": outlet,
            "index": index,
        }
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            item["published"] = dt.date(when.tm_year, when.tm_mon, when.tm_mday).isoformat()
        out.append(item)
    return out


def _html_text(markup: str) -> str:
    if not markup.strip():
        return ""
    if "<" not in markup:
        return markup.strip()
    extracted = trafilatura.extract(markup, include_comments=False, include_tables=False)
    if extracted and len(extracted) > 200:
        return extracted.strip()
    return _fragment_text(markup)


_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "pre"}


def _fragment_text(markup: str) -> str:
    """Text of a short HTML fragment (a feed summary), one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises ParserError and others on hopeless markup
        return ""
    for element in root.iter():
        if element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
