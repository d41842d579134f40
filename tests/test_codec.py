"""The state store's codec: exact round trips, and the same JSON as the plain encoder it replaced.

``plain`` below is the encoder before converters were chosen once per type; it is kept here as
the specification of what :func:`analyzer.codec.encode` writes.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np
import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.codec import decode, encode
from analyzer.document import Article, Span
from analyzer.results import Finding


def plain(value: Any) -> Any:
    if type(value) in (str, bool, int, float, type(None)) or isinstance(
        value, str | bool | int | float
    ):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"@": f"{type(value).__module__}:{type(value).__qualname__}"}
        for f in dataclasses.fields(value):
            if f.init:
                out[f.name] = plain(getattr(value, f.name))
        return out
    if isinstance(value, tuple):
        return {"@t": [plain(v) for v in value]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("@") for k in value):
            return {k: plain(v) for k, v in value.items()}
        return {"@d": [[plain(k), plain(v)] for k, v in value.items()]}
    raise TypeError(f"cannot store a value of type {type(value).__name__}: {value!r}")


def plain_encode(value: Any) -> str:
    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"))


SCALARS = (
    st.text(max_size=8)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.none()
    | st.booleans()
    | st.sampled_from(["@", "@t", "@d", "@x"])
)
KEYS = st.text(max_size=4) | st.sampled_from(["@", "@t", "@d"]) | st.integers()
FINDINGS = st.builds(Finding, st.text(max_size=5), st.integers(0, 9), st.integers(0, 9), st.text())
SPANS = st.lists(st.integers(0, 9), min_size=2, max_size=2).map(lambda p: Span(*sorted(p)))
VALUES = st.recursive(
    SCALARS | FINDINGS | SPANS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(KEYS, inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_encode_writes_what_the_plain_encoder_wrote(value):
    assert encode(value) == plain_encode(value)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_decode_rebuilds_the_value_exactly(value):
    # Dicts with tuple keys come back with tuple keys; lists inside keys become tuples, which
    # the strategy does not generate.
    assert decode(encode(value)) == value


def test_subclasses_of_scalars_and_containers_are_written_as_their_base():
    value = {"n": np.float64(0.25), "t": (np.float64(1.5),), "b": True}
    assert plain(value) == {"n": 0.25, "t": {"@t": [1.5]}, "b": True}
    assert encode(value) == plain_encode(value)


def test_a_type_json_cannot_hold_is_refused():
    with pytest.raises(TypeError, match="cannot store a value of type set"):
        encode({"a": [1, {2}]})
    with pytest.raises(TypeError, match="cannot store a value of type int64"):
        encode((np.int64(3),))  # numpy integers are not ints


def test_the_seeds_results_are_written_as_the_plain_encoder_wrote_them():
    from analyzer.pipeline import analyze_article

    for path in sorted(SEEDS.glob("*.txt"))[:6]:
        result = analyze_article(Article(path.stem, str(path), path.read_text(encoding="utf-8")))
        assert encode(result) == plain_encode(result)
        assert decode(encode(result)) == result
