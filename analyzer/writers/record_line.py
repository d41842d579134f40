"""The encoder of results.jsonl lines. Lines are stored with the results, so this module (and
only this one of the writers) is part of the analysis version: editing it rescores everything."""

from __future__ import annotations

from typing import Any

from analyzer.fast_json import encoder

_encode = encoder(sort_keys=True, separators=(", ", ": "))


def dumps(record: dict[str, Any]) -> str:
    """One record as one deterministic JSON line (no trailing newline).

    Examples
    --------
    >>> dumps({"b": 1, "a": "é"})
    '{"a": "é", "b": 1}'
    """
    return _encode(record)
