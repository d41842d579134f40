"""Local engines: what is loaded before the work starts is kept out of the collector's walks."""

from __future__ import annotations

import gc
import os

import pytest

from analyzer.engines import open_engine


def frozen_count(chunk: list[int]) -> list[tuple[bytes, None]]:
    """A chunk of work reporting how many objects its process holds out of the collector."""
    return [(str(gc.get_freeze_count()).encode(), None) for _ in chunk]


def counts_seen(jobs: int, chunks: list[list[int]]) -> list[int]:
    with open_engine("local", jobs) as run:
        return [int(blob) for _, outcomes in run(frozen_count, chunks) for blob, _ in outcomes]


def test_pool_workers_start_with_what_this_process_loaded_out_of_the_collectors_walks():
    assert gc.get_freeze_count() == 0
    assert min(counts_seen(2, [[1], [2], [3]])) > 1000


def test_in_process_what_the_first_chunk_loaded_is_held_out_for_the_next_ones():
    first, second = counts_seen(1, [[1], [2]])
    assert first == 0 and second > 1000


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_objects_are_handed_back_to_the_collector_when_the_run_ends(jobs):
    counts_seen(jobs, [[1], [2]])
    assert gc.get_freeze_count() == 0


def test_objects_the_caller_froze_itself_are_left_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        counts_seen(1, [[1], [2]])
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def collector_enabled(chunk: list[int]) -> list[tuple[bytes, None]]:
    return [(str(gc.isenabled()).encode(), None) for _ in chunk]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_collector_is_paused_only_while_the_first_chunk_loads(jobs):
    with open_engine("local", jobs) as run:
        seen = [blob for _, outcomes in run(collector_enabled, [[1], [2]]) for blob, _ in outcomes]
    assert seen == ([b"False", b"True"] if jobs == 1 else [b"True", b"True"])
    assert gc.isenabled()


def crash_on(chunk: list[str]) -> list[tuple[str, None]]:
    """Work that kills its worker process on the chunk ["crash"] (as an out-of-memory kill would)."""
    if chunk == ["crash"]:
        os._exit(1)
    return [(item, None) for item in chunk]


def test_a_worker_that_dies_fails_its_chunks_and_the_rest_goes_to_a_new_pool():
    chunks = [["crash"]] + [[f"a{i}"] for i in range(40)]
    with open_engine("local", 2) as run:
        done = {chunk[0]: outcomes[0] for chunk, outcomes in run(crash_on, chunks)}
        # the pool serves the next step too
        again = [outcomes for _, outcomes in run(crash_on, [["b"]])]
    assert set(done) == {chunk[0] for chunk in chunks}  # every chunk answered, none raised
    failed = [item for item, (result, _) in done.items() if result is None]
    assert all(done[item][1].startswith("worker failed") for item in failed)
    # "crash" and whichever chunks were in flight with it when the pool broke (at most the
    # window of 2 x 3 chunks): the others went to the new pool
    assert "crash" in failed and len(failed) <= 6
    assert again == [[("b", None)]]
