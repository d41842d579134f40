"""Score many inputs: read, analyse, collect failures, hand results to the writers.

One bad input never stops a batch: its InputError is recorded (and named once on stderr by the
CLI) while every other article is scored and written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from analyzer.errors import InputError
from analyzer.pipeline import analyze_article
from analyzer.readers import read_inputs
from analyzer.results import ArticleResult
from analyzer.writers.jsonl import write_jsonl


@dataclass
class BatchResult:
    """Results in input order, and the inputs that failed, each with its message."""

    results: list[ArticleResult] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)


def analyze_paths(paths: Iterable[str], *, stdin: IO[bytes] | None = None) -> BatchResult:
    """Read and analyse every article in ``paths``; nothing is written."""
    batch = BatchResult()
    for item in read_inputs(paths, stdin=stdin):
        if isinstance(item, InputError):
            batch.failures.append(item)
        else:
            batch.results.append(analyze_article(item))
    return batch


def score_paths(paths: Iterable[str], out: Path, *, stdin: IO[bytes] | None = None) -> BatchResult:
    """Analyse ``paths`` and write ``out``/results.jsonl."""
    batch = analyze_paths(paths, stdin=stdin)
    write_jsonl(Path(out) / "results.jsonl", (r.to_record() for r in batch.results))
    return batch
