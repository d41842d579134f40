"""Local engines: what is loaded before the work starts is kept out of the collector's walks."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

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


def _packed_seeds(*names: str) -> dict[str, bytes]:
    from conftest import SEEDS

    from analyzer.pipeline import analyze_article
    from analyzer.readers import read_inputs
    from analyzer.state import pack

    articles = {a.id[:3]: a for a in read_inputs([str(SEEDS)])}
    return {name: pack(analyze_article(articles[name])) for name in names}


def test_pairs_sharing_articles_in_a_chunk_compare_as_each_pair_alone(monkeypatch):
    # 000 is the source of two pairs, 002 the rewrite of one and the source of the next, 003 the
    # rewrite of two: each article is prepared once for the chunk, and every outcome is the one
    # the pair gets in a chunk of its own.
    import importlib

    from analyzer.engines import compare_chunk

    module = importlib.import_module("analyzer.compare")  # analyzer.compare is also a function

    packed = _packed_seeds("000", "002", "003")
    chunk = [
        (s, packed[s], d, packed[d], "similarity", 0.5)
        for s, d in (("000", "002"), ("002", "003"), ("000", "003"))
    ]
    alone = [compare_chunk([pair])[0] for pair in chunk]
    prepared = []
    real = module.Prepared

    def counted(result, sentences=None):
        prepared.append(result.id)
        return real(result, sentences)

    monkeypatch.setattr(module, "Prepared", counted)
    together = compare_chunk(chunk)
    assert len(prepared) == len(set(prepared)) == 3
    assert together == alone
    assert [error for _, error in together] == [None] * 3


def test_a_scored_article_is_stored_with_the_sentences_of_its_document():
    from conftest import SEEDS

    from analyzer.document import build_document
    from analyzer.engines import score_chunk
    from analyzer.readers import read_inputs
    from analyzer.state import unpacked_text
    from analyzer.stored_result import sentences_of

    articles = list(read_inputs([str(SEEDS)]))
    for article, (scored, error) in zip(articles, score_chunk(articles), strict=True):
        assert error is None
        stored = sentences_of(unpacked_text(scored.result))
        assert stored == build_document(article).sentences


def test_pairs_compare_the_same_with_stored_sentences_as_with_sentences_split_again():
    from conftest import SEEDS

    from analyzer.engines import compare_chunk, score_chunk
    from analyzer.readers import read_inputs

    articles = {a.id[:3]: a for a in read_inputs([str(SEEDS)])}
    names = ("000", "002", "003")
    scored = {n: score_chunk([articles[n]])[0][0].result for n in names}
    bare = _packed_seeds(*names)  # packed without sentences: Prepared splits the text again
    pairs = (("000", "002"), ("002", "003"), ("000", "003"))
    assert compare_chunk([(s, scored[s], d, scored[d], "metadata", 0.5) for s, d in pairs]) == (
        compare_chunk([(s, bare[s], d, bare[d], "metadata", 0.5) for s, d in pairs])
    )


def test_an_article_that_cannot_be_read_fails_each_of_its_pairs():
    from analyzer.engines import compare_chunk

    packed = _packed_seeds("000", "002")
    chunk = [
        ("000", packed["000"], "x", b"damaged", "similarity", 0.5),
        ("x", b"damaged", "002", packed["002"], "similarity", 0.5),
        ("000", packed["000"], "002", packed["002"], "similarity", 0.5),
    ]
    errors = [error for _, error in compare_chunk(chunk)]
    assert errors[:2] == ["ZstdError: error determining content size from frame header"] * 2
    assert errors[2] is None


def test_warm_up_loads_the_hyphenation_dictionary_that_words_missing_from_the_syllable_table_need():
    # A fresh interpreter: this one may have loaded it already.
    probe = (
        "from analyzer import readability; from analyzer.engines import warm_up; warm_up(); "
        "print(readability._hyphenator.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "1\n"


def _record_with(packed: bytes, compared) -> str:
    """The results.jsonl line of the rewrite ``packed`` with the comparison of ``compared``,
    made whole from the decoded result."""
    import dataclasses

    from analyzer.state import unpack
    from analyzer.writers.record_line import dumps

    return dumps(
        dataclasses.replace(unpack(packed), comparison=unpack(compared.comparison)).to_record()
    )


def _compared_whole(source: bytes, rewrite: bytes, similarity: float):
    """The comparison :func:`analyzer.compare.compare` makes of the two whole packed results,
    as the store gives it back."""
    from analyzer.compare import compare
    from analyzer.state import pack, unpack

    whole = compare(unpack(source), unpack(rewrite), paired_by="similarity", similarity=similarity)
    return unpack(pack(whole))


def _copy_of(name: str, author: str | None) -> dict[str, bytes]:
    """The seed ``name`` and a word-for-word copy of it (another id and path), both by
    ``author``, packed as scoring packs them."""
    import dataclasses

    from conftest import SEEDS

    from analyzer.engines import score_chunk
    from analyzer.readers import read_inputs

    (seed,) = [a for a in read_inputs([str(SEEDS)]) if a.id.startswith(name)]
    seed = dataclasses.replace(seed, meta=dataclasses.replace(seed.meta, author=author))
    copy = dataclasses.replace(seed, id="copy", path="copy.txt")
    scored = score_chunk([seed, copy])
    return {a.id: s.result for a, (s, _) in zip((seed, copy), scored, strict=True)}


@pytest.mark.parametrize(
    ("source", "rewrite"), [("000", "002"), ("002", "003"), ("000", "003"), ("001", "003")]
)
def test_a_rewrites_stored_line_is_its_record_with_the_comparison(source, rewrite):
    from analyzer.engines import compare_chunk
    from analyzer.state import compared_line, unpack

    packed = _packed_seeds(source, rewrite)
    [(compared, error)] = compare_chunk(
        [(source, packed[source], rewrite, packed[rewrite], "similarity", 0.5)]
    )
    assert error is None and compared.line.startswith(b"@")  # where the comparison goes
    assert compared_line(compared.line, packed[rewrite]) == _record_with(packed[rewrite], compared)
    # Read without findings, sources and attributions, compared as the whole results are.
    assert unpack(compared.comparison) == _compared_whole(packed[source], packed[rewrite], 0.5)


@pytest.mark.parametrize("author", [None, "Ana Núñez", 'Ann "Q" O’Neil'])
@pytest.mark.parametrize("name", ["000", "001", "002", "003"])
def test_a_word_for_word_copys_stored_line_is_its_record_with_the_comparison(name, author):
    # Non-ASCII text before the comparison (the author, the attributions' quotes) moves its place
    # in bytes away from its place in characters.
    from analyzer.engines import compare_chunk
    from analyzer.state import compared_line, unpack

    packed = _copy_of(name, author)
    source = next(iter(packed))
    [(compared, error)] = compare_chunk(
        [(source, packed[source], "copy", packed["copy"], "similarity", 1.0)]
    )
    assert error is None and compared.line.startswith(b"@")
    assert compared_line(compared.line, packed["copy"]) == _record_with(packed["copy"], compared)
    assert unpack(compared.comparison) == _compared_whole(packed[source], packed["copy"], 1.0)


def test_a_lean_comparison_is_kept_in_the_rewrites_line_only():
    from analyzer.engines import compare_chunk
    from analyzer.state import UNKEPT, compared_line, unpack

    packed = _packed_seeds("000", "002")
    pair = ("000", packed["000"], "002", packed["002"], "similarity", 0.5)
    [(whole, _)], [(lean, error)] = compare_chunk([pair]), compare_chunk([pair], lean=True)
    assert error is None and lean.comparison == UNKEPT
    assert compared_line(lean.line, packed["002"]) == compared_line(whole.line, packed["002"])
    with pytest.raises(ValueError, match="not kept"):
        unpack(lean.comparison)


def test_a_line_spliced_for_one_result_is_not_read_with_another():
    from analyzer.engines import compare_chunk
    from analyzer.state import compared_line

    packed = _packed_seeds("000", "002", "003")
    [(compared, _)] = compare_chunk([("000", packed["000"], "002", packed["002"], "metadata", 0.5)])
    with pytest.raises(ValueError, match="does not fit"):
        compared_line(compared.line, packed["003"])


def test_a_line_stored_whole_is_read_as_it_was_stored():
    from analyzer.state import compared_line, compressed_line

    assert compared_line(compressed_line('{"id": "é"}'), b"unused") == '{"id": "é"}'
