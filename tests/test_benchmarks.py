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


def test_the_page_benchmark_times_the_seeds_pages():
    out = run_benchmark("html_pages.py", str(SEEDS), "--rounds", "1")
    assert out.startswith("5 articles x 1 rounds: ") and out.endswith(" ms/article\n")


def test_the_worksheet_benchmark_times_the_seeds_sheets():
    out = run_benchmark("worksheets.py", str(SEEDS), "--rounds", "1")
    assert out.startswith("5 sheets, ") and "ms per article" in out


def test_the_signal_benchmark_lists_the_pipeline_steps():
    out = run_benchmark("signals.py", "--data", str(SEEDS), "--limit", "5", "--warm", "0")
    assert out.startswith("5 articles from ")
    assert "pipeline.build_document" in out and "whole analysis + pack" in out


def test_the_huge_input_benchmark_refuses_the_huge_file_and_scores_the_rest():
    out = run_benchmark("huge_input.py", "--articles", "20", "--words", "50")
    rows = {
        line.split()[0] + " " + line.split()[1]: line.split()[-1] for line in out.splitlines()[2:]
    }
    assert rows == {"refuse-50MB 52,429,500": "1", "read 20": "0", "score 20": "0"}


def test_the_throughput_benchmark_prints_each_run_against_the_bare_pass(tmp_path):
    out = run_benchmark(
        "throughput.py",
        "--data",
        str(SEEDS),
        "--sizes",
        "10",
        "--jobs",
        "1",
        "--work",
        str(tmp_path),
    )
    *rows, bare = out.splitlines()[2:]
    assert bare.startswith("    10  bare passes: 4, ")  # one before the first run, one after each
    runs = [line[8:36].strip() for line in rows]
    assert runs == [
        "bare read+regex",
        "--json --jobs 1",
        "--out+html --jobs 1",
        "rerun unchanged --jobs 1",
        "first run / unchanged rerun:",
    ]
    assert list(tmp_path.iterdir()) == []  # its scratch folder removed


def test_the_long_pair_benchmark_compares_the_seeds_joined_with_their_first_half():
    out = run_benchmark("long_pair.py", "--data", str(SEEDS), "--texts", "5")
    assert out.startswith("5 texts, source ") and " s CPU, peak memory " in out


def test_the_date_tense_script_lists_each_date_the_tense_moved(tmp_path):
    (tmp_path / "metro_2026-07-08_robbery.txt").write_text(
        "Police arrested two men on Monday. They are expected to appear in court on Thursday.\n",
        encoding="utf-8",
    )
    out = run_benchmark("date_tense.py", "--data", str(tmp_path)).splitlines()
    assert out[0] == (
        "2 dates that can fall either side of publication; placed by the tense: 2; "
        "changed from the old rule: 1"
    )
    assert out[1].startswith(
        "2026-07-08 “Thursday”: 2026-07-02 -> 2026-07-09 [future: are expected] :: "
    )
