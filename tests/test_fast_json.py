"""An encoder built once (analyzer.fast_json) writes exactly what json.dumps writes with the same
arguments, and fails as it fails."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.fast_json import encoder

# The arguments the package builds encoders with: results.jsonl lines, codec JSON.
ARGUMENTS = [
    {"sort_keys": True, "separators": (", ", ": ")},
    {"sort_keys": False, "separators": (",", ":")},
]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6)
)  # floats include NaN and the infinities; text any character (controls, quotes, surrogates)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=3), inner, max_size=3),
        st.dictionaries(st.integers(-2, 2), inner, max_size=3),  # written as strings
    ),
    max_leaves=12,
)


@pytest.mark.parametrize("arguments", ARGUMENTS)
@settings(max_examples=300, deadline=None)
@given(value=VALUES)
def test_a_value_is_written_as_json_dumps_writes_it(arguments, value):
    assert encoder(**arguments)(value) == json.dumps(value, ensure_ascii=False, **arguments)


@pytest.mark.parametrize("arguments", ARGUMENTS)
def test_a_value_json_cannot_write_fails_as_json_dumps_fails(arguments):
    unwritable = [{"a": object()}]
    if arguments["sort_keys"]:
        unwritable.append({"a": 1, 2: 3})  # keys that cannot be sorted
    for value in unwritable:
        with pytest.raises(TypeError) as plain:
            json.dumps(value, ensure_ascii=False, **arguments)
        with pytest.raises(TypeError) as built_once:
            encoder(**arguments)(value)
        assert str(built_once.value) == str(plain.value)
