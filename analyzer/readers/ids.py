"""Article ids: safe as file names, unique within a batch, stable from run to run."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def safe_id(raw: str) -> str:
    """Turn any string into an id usable as a file name inside the output folder.

    Only letters, digits, ``_`` and ``-`` survive, so no id can hold a path separator or ``..``,
    nor a lone surrogate (a JSONL ``"id": "\\udce9"`` escape): an id is always valid UTF-8.

    Examples
    --------
    >>> safe_id("../../etc/passwd")
    'etc-passwd'
    >>> safe_id("Café au lait.txt")
    'Caf-au-lait-txt'
    >>> safe_id("caf\\udce9 2")
    'caf-2'
    >>> safe_id("...")
    'article'
    """
    cleaned = _UNSAFE.sub("-", raw).strip("-")[:80].strip("-")
    return cleaned or "article"
