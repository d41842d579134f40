"""results.jsonl lines are json.dumps of the record with sorted keys, non-ASCII kept and ", "
and ": " between items: the encoder built once must write exactly what that call writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from test_fast_json import VALUES  # JSON values of every kind: NaN, tuples, int keys

from analyzer.writers.record_line import dumps


def plain_dumps(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_a_value_is_written_as_json_dumps_writes_it(value):
    assert dumps(value) == plain_dumps(value)
