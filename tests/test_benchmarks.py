"""The benchmark scripts run: each is the command the README gives for a figure."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SEEDS


def run_benchmark(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout


def test_the_comparison_benchmark_pairs_and_compares_the_seeds_as_a_batch_does():
    out = run_benchmark("comparisons.py", "--data", str(SEEDS))
    assert out.startswith("pairing: 5 texts, 2 pairs, ")
    assert "comparisons, round 1: 2 in 1 chunks of up to 16, " in out
    assert "FAILED" not in out


def test_copies_of_the_seeds_chain_as_rewrites_of_each_other():
    out = run_benchmark("comparisons.py", "--data", str(SEEDS), "--copies", "3", "--chunk", "4")
    # 000, 001 and 004: each later copy a rewrite of the one before; 002 and 003 name their
    # source: in each copy, that copy of it.
    assert out.startswith("pairing: 15 texts, 12 pairs, ")
    assert "comparisons, round 1: 12 in 3 chunks of up to 4, " in out
    assert "FAILED" not in out
