"""JSON encoders built once, for the texts written for every article (results.jsonl lines, the
state store's codec JSON).

``json.dumps`` with any argument of its own builds a JSONEncoder and, in it, the C encoder on
every call (a few us each time), and keeps a set of the containers it is inside to refuse
cycles (~8 % of a 20 KB record). The values written here are results made plain (tuples and
dicts of scalars), which hold no cycle: a value that held one would end in RecursionError
instead of ValueError. The C encoder is called as ``JSONEncoder.iterencode`` calls it, so the
text is the same as ``json.dumps``'s.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as json_encoder
from typing import Any


def encoder(*, sort_keys: bool, separators: tuple[str, str]) -> Callable[[Any], str]:
    """``json.dumps(value, sort_keys=sort_keys, ensure_ascii=False, separators=separators)``
    as a function built once.

    Examples
    --------
    >>> encoder(sort_keys=True, separators=(",", ":"))({"b": 1, "a": "é"})
    '{"a":"é","b":1}'
    """
    plain = json.JSONEncoder(
        sort_keys=sort_keys, ensure_ascii=False, separators=separators, check_circular=False
    )
    make = json_encoder.c_make_encoder
    if make is None:  # an interpreter without json's C accelerator
        return plain.encode
    item_separator, key_separator = separators
    chunks = make(
        None,  # no cycle check
        plain.default,  # raises the TypeError json.dumps raises
        json_encoder.encode_basestring,  # ensure_ascii=False
        None,  # no indent
        key_separator,
        item_separator,
        sort_keys,
        False,  # skipkeys
        True,  # allow_nan
    )
    return lambda value: "".join(chunks(value, 0))
