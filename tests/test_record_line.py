"""results.jsonl lines are json.dumps of the record with sorted keys, non-ASCII kept and ", "
and ": " between items: the encoder built once must write exactly what that call writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.writers.record_line import dumps


def plain_dumps(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6)
)  # floats include NaN and the infinities
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=3), inner, max_size=3),
        st.dictionaries(st.integers(-2, 2), inner, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_a_value_is_written_as_json_dumps_writes_it(value):
    assert dumps(value) == plain_dumps(value)
