"""JSON Lines dumps: one article a line, ``text`` plus the metadata keys and an optional ``id``.

A line that is not a JSON object, or has no text, is an error for that line alone
(``dump.jsonl:17: ...``); the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from analyzer.errors import InputError
from analyzer.readers.decode import MAX_ARTICLE_BYTES
from analyzer.readers.metadata import KEYS, parse_derived_from, parse_published


def iter_jsonl(
    path: str, stream: IO[bytes]
) -> Iterator[tuple[int, dict[str, object] | InputError]]:
    """Yield ``(line number, fields)`` for each article line, or ``(line number, InputError)``.

    ``fields`` holds ``text``, an ``id`` if the line gave one, and validated metadata values.
    Lines are read one at a time, so a dump of any length runs in constant memory.
    """
    for number, raw in enumerate(stream, start=1):
        where = f"{path}:{number}"
        if len(raw) > MAX_ARTICLE_BYTES:
            yield number, InputError(where, f"line is over the {MAX_ARTICLE_BYTES:,}-byte limit")
            continue
        if not raw.strip():
            continue
        try:
            row = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield number, InputError(where, "line is not UTF-8 text")
            continue
        except json.JSONDecodeError as exc:
            yield number, InputError(where, f"not valid JSON ({exc.msg})")
            continue
        try:
            yield number, _fields(where, row)
        except InputError as exc:
            yield number, exc


def _fields(where: str, row: object) -> dict[str, object]:
    if not isinstance(row, dict):
        raise InputError(where, "a JSONL line must be a JSON object")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no 'text' field with article text")
    fields: dict[str, object] = {"text": text}
    if row.get("id") not in (None, ""):
        fields["id"] = str(row["id"])
    for key in KEYS:
        value = row.get(key)
        if value in (None, ""):
            continue
        if key == "published":
            try:
                value = parse_published(str(value))
            except ValueError as exc:
                raise InputError(where, f"field 'published': {exc}") from None
        elif key == "derived_from":
            value = parse_derived_from(value)
        elif not isinstance(value, str):
            raise InputError(where, f"field {key!r} must be a string")
        fields[key] = value
    return fields
