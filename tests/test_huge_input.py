"""Huge input runs in bounded memory: an oversized article is refused before it is read, a JSONL
dump is read a line at a time, and an over-long line never enters memory whole.

Memory is measured with tracemalloc (what Python allocates while reading) and, end to end, with
the peak resident set size of a fresh process (``resource.getrusage``). The 100k-article run is
``benchmarks/huge_input.py``; these are its small, fast versions.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

from analyzer.document import Article
from analyzer.readers import decode, read_inputs

MB = 1024 * 1024
PARAGRAPH = (
    "The council voted 5-2 on Tuesday to build the bridge. “We will build it,” said Mayor Ana "
    "Ruiz, who has pushed for the project for years. Critics said the cost was too high. "
) * 6  # about 1 KB


def peak_while_reading(paths: list[Path]) -> tuple[int, int]:
    """(articles read, peak bytes Python allocated) while reading and dropping each article."""
    tracemalloc.start()
    try:
        count = sum(1 for item in read_inputs([str(p) for p in paths]) if isinstance(item, Article))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def dump(path: Path, lines: int) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(lines):
            handle.write(json.dumps({"id": f"a{n}", "title": f"T{n}", "text": PARAGRAPH}) + "\n")
    return path


def test_a_50_mb_article_is_refused_without_being_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        for _ in range(50):
            handle.write(b"The council voted on Tuesday. " * 34953)  # about 1 MB each
    assert big.stat().st_size > 50 * 1000 * 1000
    began = time.perf_counter()
    tracemalloc.start()
    try:
        items = list(read_inputs([str(big)]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(i) for i in items] == [
        f"{big}: file is {big.stat().st_size:,} bytes, "
        f"over the {decode.MAX_ARTICLE_BYTES:,}-byte limit for one article"
    ]
    assert peak < 1 * MB  # the file is never read: 50 MB would show here
    assert time.perf_counter() - began < 5


def test_a_50_mb_article_leaves_the_command_lines_peak_memory_flat(tmp_path):
    """End to end in a fresh process: peak RSS after imports vs after refusing the file."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(0)
        for _ in range(50):
            handle.write(b"word " * 209716)  # 1 MB each
    script = textwrap.dedent(
        """
        import resource, sys
        from analyzer.cli import cli
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            cli.main(["score", sys.argv[1], "--json"], standalone_mode=False)
        except SystemExit as exc:
            code = exc.code
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(before, after, code)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(big)], capture_output=True, text=True, timeout=300
    )
    before_kb, after_kb, code = done.stdout.split()
    assert code == "1"
    assert "over the 5,242,880-byte limit" in done.stderr
    assert int(after_kb) - int(before_kb) < 16 * 1024  # KB: reading the file would add 50 MB


def test_the_jsonl_reader_streams_memory_does_not_grow_with_line_count(tmp_path):
    small_count, small_peak = peak_while_reading([dump(tmp_path / "small.jsonl", 200)])
    large_count, large_peak = peak_while_reading([dump(tmp_path / "large.jsonl", 2000)])
    assert (small_count, large_count) == (200, 2000)
    # 1,800 more lines hold 2 MB more text; only the set of ids taken grows (~100 B an article)
    assert large_peak - small_peak < 400 * 1024
    assert large_peak < 2 * MB


def test_an_over_long_jsonl_line_is_skipped_in_bounded_reads(tmp_path):
    path = tmp_path / "long.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"text": "' + "word " * (4 * decode.MAX_ARTICLE_BYTES // 5) + '"}\n')
        handle.write(json.dumps({"text": PARAGRAPH}) + "\n")
    assert path.stat().st_size > 4 * decode.MAX_ARTICLE_BYTES
    tracemalloc.start()
    try:
        items = [str(i) if not isinstance(i, Article) else i.id for i in read_inputs([str(path)])]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert items == [f"{path}:1: line is over the 5,242,880-byte limit", "long-2"]
    assert peak < 2.5 * decode.MAX_ARTICLE_BYTES  # one line's worth, not the 20 MB line
