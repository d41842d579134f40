"""Plain text and Markdown articles, with optional front matter.

Front matter is a block at the very top::

    ---
    title: "Mexico's Security Chief"
    published: 2025-12-03
    derived_from: 001_0d5c243cfc9a1c98
    ---

Keys are those of :data:`analyzer.readers.metadata.KEYS`; values may be quoted. A block that does
not close, a line without ``:``, an unknown key or a date that is not ISO is an error naming the
file and line, never silently ignored.
"""

from __future__ import annotations

from analyzer.article import Metadata
from analyzer.errors import InputError
from analyzer.readers.metadata import KEYS, parse_derived_from, parse_published


def split_front_matter(path: str, text: str) -> tuple[Metadata, str]:
    """Return the metadata of a leading ``---`` block and the text after it.

    Examples
    --------
    >>> meta, body = split_front_matter("a.txt", '---\\ntitle: "Hi: there"\\n---\\nBody.')
    >>> meta.title, body
    ('Hi: there', 'Body.')
    >>> split_front_matter("a.txt", "---\\ntitle Hi\\n---\\nBody.")
    Traceback (most recent call last):
    ...
    analyzer.errors.InputError: a.txt: front matter line 2 has no ':' (expected key: value)
    """
    # Most articles have no front matter: look at the first line before splitting them all.
    if text.partition("\n")[0].strip() != "---":
        return Metadata(), text
    lines = text.split("\n")
    if not any(line.strip() == "---" for line in lines[1:]):
        raise InputError(path, "front matter opened with '---' on line 1 is never closed")
    values: dict[str, object] = {}
    for number, line in enumerate(lines[1:], start=2):
        stripped = line.strip()
        if stripped == "---":
            body = "\n".join(lines[number:])
            return Metadata(**values), body  # type: ignore[arg-type]
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition(":")
        if not sep:
            raise InputError(path, f"front matter line {number} has no ':' (expected key: value)")
        key = key.strip().lower()
        if key not in KEYS:
            raise InputError(
                path, f"front matter line {number}: unknown key {key!r} (known: {', '.join(KEYS)})"
            )
        if key in values:  # which of two titles is meant? the writer must say
            raise InputError(path, f"front matter line {number}: {key!r} is given twice")
        value = _unquote(value.strip())
        # A value opened with a double quotation mark and never closed (an apostrophe may open
        # a title: 'Tis the season).
        if value.startswith('"') and value.count('"') == 1:
            raise InputError(path, f"front matter line {number}: a quotation mark is never closed")
        if any(ord(ch) < 32 and ch != "\t" for ch in value):
            raise InputError(
                path, f"front matter line {number}: value of {key!r} holds control characters"
            )
        if key == "published":
            try:
                values[key] = parse_published(value) if value else None
            except ValueError as exc:
                raise InputError(path, f"front matter line {number}: {exc}") from None
        elif key == "derived_from":
            values[key] = parse_derived_from(value)
        else:
            values[key] = value or None
    raise AssertionError("unreachable: a closing line was found above")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
