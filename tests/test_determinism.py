"""Determinism: the same inputs give byte-identical results.jsonl and HTML pages whatever the
process, hash seed, number of jobs, engine, or order in which runs filled the state store.

Set and dict iteration order can change from one Python process to the next (string hashing is
seeded per process), so the reruns here are fresh processes with different ``PYTHONHASHSEED``s,
not calls in the same interpreter, which would share one seed and hide such a bug.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from analyzer.batch import score_paths

ODD = [
    "“Nested ‘single’ quotes,” said Dr. Lee. «Guillemets» and „low quotes“ appear too.",
    'A lone " mark and an unclosed “quote run on.\nSecond paragraph, U.S. officials said.',
    "Zero\u200bwidth, combining e\u0301, emoji 🏳️‍🌈, and right-to-left שלום text.",
    "Officials may have said prices will clearly rise 5% by March 4, 2025, or last year.",
    "“First paragraph of a long quote.\n“Second paragraph,” said the mayor, Ana Ruiz.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Seeds, odd texts, a JSONL dump with a bad line, and a failing file."""
    folder = tmp_path_factory.mktemp("corpus") / "in"
    shutil.copytree(SEEDS, folder)
    for i, text in enumerate(ODD):
        (folder / f"odd-{i}.txt").write_text(f"---\ntitle: Odd {i}\n---\n{text}", encoding="utf-8")
    lines = [
        json.dumps({"id": f"j{i}", "text": text, "outlet": "Wire"}) for i, text in enumerate(ODD)
    ]
    (folder / "dump.jsonl").write_text("\n".join([*lines[:2], "{bad", *lines[2:]]), "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    """Every file a run wrote, by path, except the state store (a cache, not an output)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith("state.sqlite")
    }


def run_fresh(corpus: Path, out: Path, hash_seed: str, *extra: str) -> tuple[int, str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "analyzer", "score", str(corpus), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return done.returncode, done.stderr


def test_fresh_processes_hash_seeds_and_jobs_write_identical_bytes(corpus, tmp_path):
    first = run_fresh(corpus, tmp_path / "a", "1", "--jobs", "1", "--worksheets", "--quiet")
    second = run_fresh(corpus, tmp_path / "b", "2", "--jobs", "2", "--worksheets", "--quiet")
    assert first == second
    assert first[0] == 1 and first[1].count("error:") == 2  # dump.jsonl:3 and empty.txt
    a, b = outputs(tmp_path / "a"), outputs(tmp_path / "b")
    assert sorted(a) == sorted(b)
    assert {"results.jsonl", "index.html"} <= set(a)
    assert [name for name in a if a[name] != b[name]] == []


def test_a_store_filled_in_two_runs_writes_what_one_fresh_run_writes(corpus, tmp_path):
    half = tmp_path / "half"
    shutil.copytree(corpus, half)
    for path in sorted(half.glob("odd-*.txt"))[2:]:
        path.unlink()
    score_paths([str(half)], tmp_path / "grown")
    score_paths([str(corpus)], tmp_path / "grown")  # same out: half comes from the store
    score_paths([str(corpus)], tmp_path / "fresh")
    grown, fresh = outputs(tmp_path / "grown"), outputs(tmp_path / "fresh")
    assert sorted(grown) == sorted(fresh)
    assert [name for name in grown if grown[name] != fresh[name]] == []


@pytest.mark.slow
def test_dask_engine_writes_the_local_engines_bytes(corpus, tmp_path):
    score_paths([str(corpus)], tmp_path / "local", jobs=1)
    score_paths([str(corpus)], tmp_path / "dask", engine="dask", jobs=2)
    local, dask = outputs(tmp_path / "local"), outputs(tmp_path / "dask")
    assert sorted(local) == sorted(dask)
    assert [name for name in local if local[name] != dask[name]] == []
