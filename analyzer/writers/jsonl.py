"""results.jsonl: one record per article, keys sorted, so equal input gives equal bytes."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def dumps(record: dict[str, Any]) -> str:
    """One record as one deterministic JSON line (no trailing newline).

    Examples
    --------
    >>> dumps({"b": 1, "a": "é"})
    '{"a": "é", "b": 1}'
    """
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write records to ``path`` as JSON Lines, atomically."""
    write_atomic(path, "".join(dumps(r) + "\n" for r in records))
