"""The encoder of results.jsonl lines. Lines are stored with the results, so this module (and
only this one of the writers) is part of the analysis version: editing it rescores everything."""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as json_encoder
from typing import Any


def _line_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))``,
    built once.

    ``json.dumps`` builds a JSONEncoder and, in it, the C encoder on every call (a few us of
    every line and of each of its pieces), and keeps a set of the containers it is inside to
    refuse cycles (~8 % of a line): a record is a result's tuples and dicts made plain, which
    hold none (a value that held one would end in RecursionError instead of ValueError). The C
    encoder is called as ``JSONEncoder.iterencode`` calls it, so the bytes are the same.
    """
    encoder = json.JSONEncoder(
        sort_keys=True, ensure_ascii=False, separators=(", ", ": "), check_circular=False
    )
    make = json_encoder.c_make_encoder
    if make is None:  # an interpreter without json's C accelerator
        return encoder.encode
    chunks = make(
        None, encoder.default, json_encoder.encode_basestring, None, ": ", ", ", True, False, True
    )
    return lambda value: "".join(chunks(value, 0))


_encode = _line_encoder()


def dumps(record: dict[str, Any]) -> str:
    """One record as one deterministic JSON line (no trailing newline).

    Examples
    --------
    >>> dumps({"b": 1, "a": "é"})
    '{"a": "é", "b": 1}'
    """
    return _encode(record)
