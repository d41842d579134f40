"""JSON Lines dumps: one article a line, ``text`` plus the metadata keys and an optional ``id``.

A line that is not a JSON object, or has no text, is an error for that line alone
(``dump.jsonl:17: ...``); the other lines are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO

from analyzer.errors import InputError
from analyzer.readers import decode
from analyzer.readers.metadata import validated_fields


def iter_jsonl(
    path: str, stream: IO[bytes]
) -> Iterator[tuple[int, dict[str, object] | InputError]]:
    """Yield ``(line number, fields)`` for each article line, or ``(line number, InputError)``.

    ``fields`` holds ``text``, an ``id`` if the line gave one, and validated metadata values.
    Lines are read one at a time, and never more than the one-article limit of a line, so a dump
    of any length, even one long line without a newline, runs in bounded memory.
    """
    limit = decode.MAX_ARTICLE_BYTES
    empty, blank = True, True
    for number, raw in enumerate(_bounded_lines(stream, limit), start=1):
        where = f"{path}:{number}"
        empty = False
        if raw is None:
            blank = False
            yield number, InputError(where, f"line is over the {limit:,}-byte limit")
            continue
        if not raw.strip():
            continue
        blank = False
        try:
            row = json.loads(raw.rstrip(b"\r\n").decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield number, InputError(where, "line is not UTF-8 text")
            continue
        except json.JSONDecodeError as exc:
            # json's messages end in " at" or " starting at" before a position it does not print
            reason = re.sub(r"(?: starting)? at\Z", "", exc.msg)
            yield number, InputError(where, f"not valid JSON ({reason})")
            continue
        try:
            yield number, _fields(where, row)
        except InputError as exc:
            yield number, exc
    if blank:  # an empty dump is a bad input like an empty file, not a silent no-op
        yield 0, InputError(path, "file is empty" if empty else "file holds only white space")


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines of ``stream``, or None for a line longer than ``limit`` bytes (then skipped)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the over-long line a chunk at a time
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def _fields(where: str, row: object) -> dict[str, object]:
    if not isinstance(row, dict):
        raise InputError(where, "a JSONL line must be a JSON object")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no 'text' field with article text")
    fields: dict[str, object] = {"text": text}
    if row.get("id") not in (None, ""):
        fields["id"] = str(row["id"])
    fields.update(validated_fields(where, row))
    return fields
