"""Batch runs: incremental reruns, deleted inputs, --jobs, engines, progress, crash safety."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from analyzer.batch import analyze_paths, score_paths
from analyzer.cli import cli
from analyzer.codec import decode, encode
from analyzer.progress import Counts
from analyzer.state import StateStore


def article(i: int) -> str:
    """A short news-like article, different for every ``i``."""
    return (
        f"---\ntitle: Council vote {i}\npublished: 2024-03-{i % 28 + 1:02d}\noutlet: Town Post\n---\n"
        f"The council of Riverton voted {i % 7 + 2} to 1 on Tuesday to add {i + 3} bus routes.\n"
        f"“We have waited long enough for this,” said Mayor Ana Ruiz, who backed the plan.\n"
        f"Critics say the routes may cost more than the ${i * 10 + 50} million the city expects.\n"
        f"According to a report by the transit agency, ridership rose {i % 40} percent last year.\n"
    )


def write_articles(folder: Path, n: int, start: int = 0) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(start, start + n):
        name = f"story-{i:04d}"
        (folder / f"{name}.txt").write_text(article(i), encoding="utf-8")
        names.append(name)
    return names


def read_records(out: Path) -> list[dict]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def ids(out: Path) -> list[str]:
    return [record["id"] for record in read_records(out)]


def counts(batch) -> tuple[int, int, int]:
    return (batch.counts.scored, batch.counts.unchanged, batch.counts.failed)


def test_stored_results_round_trip_exactly():
    (result,) = analyze_paths([str(SEEDS / "000_6af52c64d008fc3c.txt")]).results
    assert decode(encode(result)) == result


def test_rerun_scores_only_new_and_changed_articles(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 6)
    assert counts(score_paths([str(inputs)], out)) == (6, 0, 0)
    assert counts(score_paths([str(inputs)], out)) == (0, 6, 0)

    (inputs / "story-0002.txt").write_text(article(2) + "It rained.\n", encoding="utf-8")
    write_articles(inputs, 1, start=6)
    assert counts(score_paths([str(inputs)], out)) == (2, 5, 0)

    fresh = tmp_path / "fresh"
    score_paths([str(inputs)], fresh)
    assert (out / "results.jsonl").read_bytes() == (fresh / "results.jsonl").read_bytes()


def test_a_store_holding_no_article_is_not_asked_for_each_articles_key(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    asked: list[str] = []
    key_of = StateStore.key_of
    monkeypatch.setattr(StateStore, "key_of", lambda self, i: asked.append(i) or key_of(self, i))
    assert counts(score_paths([str(inputs)], out)) == (3, 0, 0)
    assert asked == []
    assert counts(score_paths([str(inputs)], out)) == (0, 3, 0)
    assert len(asked) == 3


def test_changed_metadata_alone_rescores_the_article(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 2)
    score_paths([str(inputs)], out)
    (inputs / "manifest.csv").write_text("file,author\nstory-0001.txt,Jo Park\n", encoding="utf-8")
    assert counts(score_paths([str(inputs)], out)) == (1, 1, 0)
    authors = [json.loads(line)["author"] for line in (out / "results.jsonl").open()]
    assert authors == [None, "Jo Park"]


def test_deleted_input_disappears_from_results_and_store(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    score_paths([str(inputs)], out)
    (inputs / "story-0001.txt").unlink()
    assert counts(score_paths([str(inputs)], out)) == (0, 2, 0)
    assert ids(out) == ["story-0000", "story-0002"]
    with StateStore(out / "state.sqlite") as store:
        assert sorted(store.keys()) == ["story-0000", "story-0002"]


def test_a_run_whose_only_path_is_missing_leaves_the_last_reports_untouched(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 2)
    score_paths([str(inputs)], out)
    reports = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and "state" not in p.name}
    batch = score_paths([str(tmp_path / "inn")], out)  # a typo
    assert [str(e) for e in batch.failures] == [f"{tmp_path / 'inn'}: no such file or folder"]
    assert (batch.written, counts(batch)) == (False, (0, 0, 1))
    assert {p: p.read_bytes() for p in reports} == reports
    with StateStore(out / "state.sqlite") as store:
        assert sorted(store.keys()) == ["story-0000", "story-0001"]


def test_a_run_that_reads_one_article_replaces_the_reports_and_counts_the_dropped(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    score_paths([str(inputs)], out)
    batch = score_paths([str(inputs / "story-0002.txt"), str(tmp_path / "gone.txt")], out)
    assert (batch.written, batch.counts.dropped, ids(out)) == (True, 2, ["story-0002"])


def test_cli_says_nothing_was_changed_when_no_input_could_be_read(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["score", str(tmp_path / "nope"), "--out", str(out), "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'nope'}: no such file or folder",
        f"error: no input could be read; the reports in {out} were left as they were",
    ]
    assert not (out / "index.html").exists()


def test_unchanged_rerun_rewrites_results_that_were_edited_or_removed(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 2)
    score_paths([str(inputs)], out)
    expected = (out / "results.jsonl").read_bytes()
    (out / "results.jsonl").write_text("edited\n", encoding="utf-8")
    score_paths([str(inputs)], out)
    assert (out / "results.jsonl").read_bytes() == expected
    (out / "results.jsonl").unlink()
    score_paths([str(inputs)], out)
    assert (out / "results.jsonl").read_bytes() == expected


def test_results_bytes_do_not_depend_on_jobs(tmp_path):
    inputs = tmp_path / "in"
    write_articles(inputs, 20)
    shutil.copy(SEEDS / "000_6af52c64d008fc3c.txt", inputs / "seed.txt")
    one = score_paths([str(inputs)], tmp_path / "one", jobs=1)
    two = score_paths([str(inputs)], tmp_path / "two", jobs=2)
    assert counts(one) == counts(two) == (21, 0, 0)
    a = (tmp_path / "one" / "results.jsonl").read_bytes()
    assert a == (tmp_path / "two" / "results.jsonl").read_bytes()


REWRITE_002, SOURCE_000 = "002_10ec1c2511d1067e", "000_6af52c64d008fc3c"


def compare_failing_on(monkeypatch, derived_id: str) -> list[str]:
    """Make the comparison of one rewrite raise; return the list of rewrites tried."""
    module = importlib.import_module("analyzer.compare")
    real, tried = module.compare_prepared, []

    def fragile(source, derived, **options):
        tried.append(derived.result.id)
        if derived.result.id == derived_id:
            raise RuntimeError("compare bug")
        return real(source, derived, **options)

    monkeypatch.setattr(module, "compare_prepared", fragile)
    return tried


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_comparison_is_reported_and_the_rest_written(tmp_path, monkeypatch, jobs):
    # The seeds hold two rewrites: 002 of 000 (made to fail here) and 003 of 001.
    tried = compare_failing_on(monkeypatch, REWRITE_002)
    batch = score_paths([str(SEEDS)], tmp_path / "out", jobs=jobs)
    assert [str(f) for f in batch.failures] == [
        f"{SEEDS / (REWRITE_002 + '.txt')}: comparison with source {SOURCE_000} failed"
        " (RuntimeError: compare bug)"
    ]
    records = read_records(tmp_path / "out")
    assert [r["comparison"] is not None for r in records] == [False, False, False, True, False]
    if jobs == 1:  # tried once (with workers, the tries happen in the worker processes)
        assert tried == [REWRITE_002, "003_59ff69fff0e8114d"]


def test_a_failed_comparison_is_tried_again_by_the_next_run(tmp_path, monkeypatch):
    with monkeypatch.context() as patch:
        compare_failing_on(patch, REWRITE_002)
        assert len(score_paths([str(SEEDS)], tmp_path / "out").failures) == 1
    batch = score_paths([str(SEEDS)], tmp_path / "out")
    assert batch.failures == []
    assert counts(batch) == (0, 5, 0)
    assert read_records(tmp_path / "out")[2]["comparison"]["source_id"] == SOURCE_000


def test_a_failing_article_is_reported_and_the_rest_written(tmp_path, monkeypatch):
    import analyzer.pipeline

    real = analyzer.pipeline.analyze_document

    def fragile(doc, *, article_id, path):
        if article_id == "story-0001":
            raise RuntimeError("signal bug")
        return real(doc, article_id=article_id, path=path)

    monkeypatch.setattr(analyzer.pipeline, "analyze_document", fragile)
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    batch = score_paths([str(inputs)], out)
    assert [str(f) for f in batch.failures] == [
        f"{inputs / 'story-0001.txt'}: analysis failed (RuntimeError: signal bug)"
    ]
    assert counts(batch) == (2, 0, 1)
    assert ids(out) == ["story-0000", "story-0002"]


def test_cli_accepts_the_batch_options(tmp_path):
    inputs = tmp_path / "in"
    write_articles(inputs, 3)
    out = tmp_path / "out"
    args = ["score", str(inputs), "--out", str(out), "--jobs", "2", "--quiet"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")
    assert ids(out) == ["story-0000", "story-0001", "story-0002"]


def test_cli_scheduler_without_dask_is_a_usage_error(tmp_path):
    args = ["score", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output


def test_summary_line_names_every_count():
    assert Counts(scored=4, unchanged=2, failed=1, seconds=0.5).summary() == (
        "scored 4, skipped 2 unchanged, failed 1, in 0.5 s"
    )


def test_summary_line_names_articles_dropped_only_when_there_are_some():
    assert Counts(scored=0, unchanged=2, dropped=3, seconds=0.5).summary() == (
        "scored 0, skipped 2 unchanged, failed 0, dropped 3 no longer in the inputs, in 0.5 s"
    )


def _run_cli(args: list[str], **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "analyzer", "score", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the pool workers share the group, and die with it
        **kwargs,
    )


def _stored_rows(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_mid_run_then_rerun_finishes_with_every_article_once(tmp_path):
    inputs = tmp_path / "in"
    names = write_articles(inputs, 240)
    out = tmp_path / "out"
    proc = _run_cli([str(inputs), "--out", str(out), "--jobs", "2"])
    deadline = time.monotonic() + 120
    while _stored_rows(out / "state.sqlite") < 40 and proc.poll() is None:
        assert time.monotonic() < deadline, "the run stored nothing in two minutes"
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    with StateStore(out / "state.sqlite") as store:
        assert store.check() == []
        stored = len(store.keys())
    assert 0 < stored < len(names)

    batch = score_paths([str(inputs)], out)
    assert batch.counts.unchanged == stored
    assert batch.counts.scored + batch.counts.unchanged == len(names)
    assert ids(out) == names
    fresh = tmp_path / "fresh"
    score_paths([str(inputs)], fresh)
    assert (out / "results.jsonl").read_bytes() == (fresh / "results.jsonl").read_bytes()
    # Pages written while scoring by the killed run are made again or kept: all as fresh ones.
    assert _pages(out) == _pages(fresh)
    with StateStore(out / "state.sqlite") as store:
        assert store.check() == []
        assert sorted(store.keys()) == names


def _pages(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))}


def _children(pid: int) -> list[int]:
    """Pids whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            # The command name, in parentheses, may hold spaces: the fields after it are fixed.
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and int(stat[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited, it only waits to be reaped


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_pool_workers_exit_when_the_batch_process_is_killed(tmp_path):
    inputs = tmp_path / "in"
    write_articles(inputs, 240)
    out = tmp_path / "out"
    proc = _run_cli([str(inputs), "--out", str(out), "--jobs", "2"])
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < 2 and proc.poll() is None:
            assert time.monotonic() < deadline, "no pool workers started in two minutes"
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)  # the batch process alone, not its group
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers):
            assert time.monotonic() < deadline, "pool workers outlived the batch process"
            time.sleep(0.05)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_dask_scheduler_and_two_workers_give_the_local_bytes(tmp_path):
    from distributed import Client

    inputs = tmp_path / "in"
    write_articles(inputs, 12)
    shutil.copy(SEEDS / "001_0d5c243cfc9a1c98.txt", inputs / "seed.txt")
    score_paths([str(inputs)], tmp_path / "local")

    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker"]
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    elsewhere = tmp_path / "worker-cwd"
    elsewhere.mkdir()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    procs = [
        subprocess.Popen(
            [*dask, "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"],
            **quiet,
        )
    ]
    try:
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [*worker, address, "--host", "127.0.0.1", "--nthreads", "1"]
                    + ["--dashboard-address", ":0"],
                    cwd=elsewhere,
                    **quiet,
                )
            )
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=90)
        batch = score_paths(
            [str(inputs)], tmp_path / "dask", engine="dask", scheduler=address, jobs=2
        )
        assert counts(batch) == (13, 0, 0)
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    local = (tmp_path / "local" / "results.jsonl").read_bytes()
    assert local == (tmp_path / "dask" / "results.jsonl").read_bytes()


def test_work_on_the_engine_comes_back_in_the_order_of_its_items():
    from analyzer.batch import _in_order

    def backwards(work, chunks):  # an engine that finishes the last chunk first
        return reversed([(chunk, work(chunk)) for chunk in chunks])

    def work(chunk):
        return [(bytes([i]), None) for i in chunk]

    assert list(_in_order(backwards, work, range(30))) == [
        (i, (bytes([i]), None)) for i in range(30)
    ]


def stored_pairing(out: Path) -> dict[str, tuple]:
    """What the store keeps for pairing beside each result: id -> (published, named, terms)."""
    from analyzer.compare.pairing import unpacked_terms

    with sqlite3.connect(out / "state.sqlite") as db:
        rows = db.execute("SELECT id, published, derived_from, terms FROM articles").fetchall()
    stored = {}
    for i, p, d, t in rows:
        terms = t and unpacked_terms(t)  # the counts as a list, as count_terms gives them
        stored[i] = (p, d and json.loads(d), terms and (terms[0], list(terms[1])))
    return stored


def test_each_article_is_stored_with_its_term_counts_dates_and_named_sources(tmp_path):
    from analyzer.compare.pairing import count_terms

    score_paths([str(SEEDS)], tmp_path / "out")
    stored = stored_pairing(tmp_path / "out")
    with StateStore(tmp_path / "out" / "state.sqlite") as store:
        expected = {
            i: (r.published, list(r.derived_from) or None, count_terms(r.text))
            for i, r in ((i, store.get(i)) for i in store.keys())
        }
    assert stored == expected
    assert len(stored) == 5
    assert any(named for _, named, _ in stored.values())  # seeds name their sources


def test_a_rerun_counts_the_terms_of_the_changed_article_only(tmp_path, monkeypatch):
    pairing = importlib.import_module("analyzer.compare.pairing")
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    score_paths([str(inputs)], out)
    counted: list[str] = []
    real = pairing.count_terms

    def counting(text: str, tokens=None) -> pairing.TermCounts:
        counted.append(text)
        return real(text, tokens)

    monkeypatch.setattr(pairing, "count_terms", counting)
    (inputs / "story-0001.txt").write_text(article(41), encoding="utf-8")
    assert counts(score_paths([str(inputs)], out)) == (1, 2, 0)
    with StateStore(out / "state.sqlite") as store:
        assert counted == [store.get("story-0001").text]


def terms_fail_once(monkeypatch) -> dict[str, int]:
    """Make pairing's term count fail the first time each text is counted (on the worker, right
    after the analysis); the counts of tries by text are returned."""
    pairing = importlib.import_module("analyzer.compare.pairing")
    tried: dict[str, int] = {}
    real = pairing.count_terms

    def fails_once(text: str, tokens=None) -> pairing.TermCounts:
        tried[text] = tried.get(text, 0) + 1
        if tried[text] == 1:
            raise RuntimeError("no terms")
        return real(text, tokens)

    monkeypatch.setattr(pairing, "count_terms", fails_once)
    return tried


def test_terms_a_worker_could_not_count_are_counted_for_pairing(tmp_path, monkeypatch):
    score_paths([str(SEEDS)], tmp_path / "whole")
    tried = terms_fail_once(monkeypatch)
    batch = score_paths([str(SEEDS)], tmp_path / "failed")
    assert counts(batch) == (5, 0, 0) and batch.failures == []  # every result was kept
    assert sorted(tried.values()) == [2] * 5  # once on the worker, once more for pairing
    assert [terms for _, _, terms in stored_pairing(tmp_path / "failed").values()] == [None] * 5
    expected = (tmp_path / "whole" / "results.jsonl").read_bytes()
    assert (tmp_path / "failed" / "results.jsonl").read_bytes() == expected
    assert b'"paired_by": "metadata"' in expected


def test_terms_a_worker_could_not_count_are_counted_for_printed_records(monkeypatch):
    # Printed records come from results stored lean (state.pack): the terms are counted again
    # from what such a result holds.
    whole: list[bytes] = []
    analyze_paths([str(SEEDS)], records=whole.append)
    tried = terms_fail_once(monkeypatch)
    printed: list[bytes] = []
    analyze_paths([str(SEEDS)], records=printed.append)
    assert sorted(tried.values()) == [2] * 5  # once on the worker, once more for pairing
    assert printed == whole
    assert b'"paired_by": "metadata"' in b"".join(printed)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_pairs_as_the_whole_similarity_matrix_does(tmp_path, jobs):
    from test_pairing_scale import Pairable, pair_results_dense

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "manifest.csv", inputs)  # the seeds' derived_from
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        (inputs / seed.name).write_text(text, encoding="utf-8")
        (inputs / f"half-{seed.name}").write_text(text[: len(text) // 2], encoding="utf-8")
    results = analyze_paths([str(inputs)], jobs=jobs).results
    expected = pair_results_dense(
        [Pairable(r.id, r.text, r.derived_from, r.published) for r in results]
    )
    found = {
        r.id: (r.comparison.source_id, r.comparison.paired_by, r.comparison.similarity)
        for r in results
        if r.comparison is not None
    }
    assert found == expected
    assert {by for _, by, _ in found.values()} == {"metadata", "similarity"}


def test_similarity_blocks_a_worker_lost_are_multiplied_in_the_main_process(tmp_path, monkeypatch):
    from analyzer.engines import WORKER_FAILED

    pairing = importlib.import_module("analyzer.compare.pairing")
    score_paths([str(SEEDS)], tmp_path / "whole")
    lost: list[int] = []

    def lose(pairs):
        lost.extend(lo for _, _, lo, _, _ in pairs)
        return [(None, f"{WORKER_FAILED} (lost)")] * len(pairs)

    monkeypatch.setattr(pairing, "block_candidates_chunk", lose)
    monkeypatch.setattr(pairing, "_BLOCK", 2)  # five seeds: blocks 0-1, 2-3, 4
    score_paths([str(SEEDS)], tmp_path / "lost")
    assert sorted(lost) == [0, 0, 0, 2, 2, 4]  # the blocks on and above the diagonal, once each
    expected = (tmp_path / "whole" / "results.jsonl").read_bytes()
    assert (tmp_path / "lost" / "results.jsonl").read_bytes() == expected
    assert b'"paired_by": "metadata"' in expected


def test_printed_records_keep_each_comparison_in_the_rewrites_line_only(monkeypatch):
    from analyzer.state import UNKEPT

    kept: list[bytes] = []
    put = StateStore.put_comparisons

    def watched(store, rows):
        rows = list(rows)
        kept.extend(compared.comparison for _, _, compared in rows)
        put(store, rows)

    monkeypatch.setattr(StateStore, "put_comparisons", watched)
    printed: list[bytes] = []
    analyze_paths([str(SEEDS)], records=printed.append)
    assert kept and set(kept) == {UNKEPT}
    assert sum(b'"comparison": {' in record for record in printed) == len(kept)


def test_comparisons_a_worker_lost_are_done_in_the_main_process(tmp_path, monkeypatch):
    import analyzer.batch
    from analyzer.engines import WORKER_FAILED

    score_paths([str(SEEDS)], tmp_path / "whole")
    real = analyzer.batch.compare_chunk
    calls: list[int] = []

    def lost_on_the_engine(pairs):  # the engine's call loses every chunk; retries here work
        calls.append(len(pairs))
        if len(calls) == 1:
            return [(None, f"{WORKER_FAILED} (lost)")] * len(pairs)
        return real(pairs)

    monkeypatch.setattr(analyzer.batch, "compare_chunk", lost_on_the_engine)
    batch = score_paths([str(SEEDS)], tmp_path / "lost")
    assert batch.failures == []
    assert calls == [2, 1, 1]  # the seeds' two pairs in one chunk, then each again here
    expected = (tmp_path / "whole" / "results.jsonl").read_bytes()
    assert (tmp_path / "lost" / "results.jsonl").read_bytes() == expected


def test_pages_a_lost_worker_had_finished_are_rendered_again_whole(tmp_path, monkeypatch):
    # A page-step worker replaces a rewrite's early page with the finished one, then dies (an
    # out-of-memory kill, say): this process renders the job again, and must not put the
    # comparison into the finished page a second time.
    import analyzer.writers.html as html

    inputs = tmp_path / "in"  # the copy names no source: its page is written while scored
    inputs.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(next(SEEDS.glob("000*")), inputs / name)
    score_paths([str(inputs)], tmp_path / "whole", jobs=2)
    main = os.getpid()
    written = html._written

    def dies_after_a_rewrite(out, made):
        done = written(out, made)
        if os.getpid() != main and made[1] is not None:
            os._exit(9)
        return done

    monkeypatch.setattr(html, "_written", dies_after_a_rewrite)
    batch = score_paths([str(inputs)], tmp_path / "lost", jobs=2)
    assert batch.failures == []
    assert (tmp_path / "whole" / "compare" / "b.html").exists()
    for page in sorted((tmp_path / "whole").glob("*/*.html")):
        lost = tmp_path / "lost" / page.relative_to(tmp_path / "whole")
        assert lost.read_bytes() == page.read_bytes(), page.name


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_that_cannot_be_rendered_is_reported_and_the_rest_written(
    tmp_path, monkeypatch, jobs
):
    import analyzer.writers.html as html

    real = html.render_article

    def fragile(result, **options):
        if result.id == REWRITE_002:
            raise RuntimeError("template bug")
        return real(result, **options)

    monkeypatch.setattr(html, "render_article", fragile)
    batch = score_paths([str(SEEDS)], tmp_path / "out", jobs=jobs)
    assert [str(f) for f in batch.failures] == [
        f"{SEEDS / (REWRITE_002 + '.txt')}: page could not be rendered (RuntimeError: template bug)"
    ]
    assert len(ids(tmp_path / "out")) == 5  # every record written
    assert len(list((tmp_path / "out" / "articles").iterdir())) == 4
    monkeypatch.setattr(html, "render_article", real)
    assert score_paths([str(SEEDS)], tmp_path / "out").failures == []  # tried again
    assert len(list((tmp_path / "out" / "articles").iterdir())) == 5


def test_pairs_sharing_an_article_are_sent_in_one_chunk_where_they_fit():
    from analyzer.batch import _together

    # (rewrite rank, source rank): a chain 0 <- 4 <- 8 <- 9, a wire story 1 <- 5, 6, 7, and 3 <- 2
    pairs = [(3, 2), (4, 0), (5, 1), (6, 1), (7, 1), (8, 4), (9, 8)]
    assert _together(pairs, 4) == [[3, 4, 8, 9], [5, 6, 7]]  # the story waits for a chunk
    # A group larger than a chunk fills chunks in input order.
    assert _together(pairs, 2) == [[3, 4], [8, 9], [5, 6], [7]]
    assert _together(pairs, 8) == [[3, 4, 8, 9, 5, 6, 7]]
    assert _together([(1, None), (2, 1)], 8) == [[1, 2]]  # a source not in the run


def test_a_story_copied_seventeen_times_is_compared_in_one_chunk(tmp_path, monkeypatch):
    import analyzer.batch

    text = (
        "The city council approved a 40 million dollar budget for new bus lanes on Tuesday. "
        "“This will cut commutes by a third,” said Maria Lopez, the transport director."
    )
    for i in range(17):
        (tmp_path / f"copy{i:02d}.txt").write_text(text, encoding="utf-8")
    real = analyzer.batch.compare_chunk
    sizes: list[int] = []

    def counted(pairs):
        sizes.append(len(pairs))
        return real(pairs)

    monkeypatch.setattr(analyzer.batch, "compare_chunk", counted)
    score_paths([str(tmp_path / f"copy{i:02d}.txt") for i in range(17)], tmp_path / "out")
    assert sizes == [16]  # each copy is read once for the pairs it is in


def test_a_rewrite_whose_named_source_is_missing_is_scored_with_a_warning(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "002_10ec1c2511d1067e.txt", inputs)
    shutil.copy(SEEDS / "manifest.csv", inputs)  # 002's derived_from names 000, not given
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["score", str(inputs), "--out", str(out), "-q"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {inputs / '002_10ec1c2511d1067e.txt'}: derived_from names "
        "000_6af52c64d008fc3c, not in this batch: not compared"
    ]
    assert [r["comparison"] for r in read_records(out)] == [None]


def test_printed_records_warn_of_a_rewrite_whose_named_source_is_missing(tmp_path):
    # score --json stores results lean (state.pack): the warning reads the article's path
    # without rebuilding its whole result.
    shutil.copy(SEEDS / "002_10ec1c2511d1067e.txt", tmp_path)
    shutil.copy(SEEDS / "manifest.csv", tmp_path)  # 002's derived_from names 000, not given
    result = CliRunner().invoke(cli, ["score", str(tmp_path), "--json", "-q"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path / '002_10ec1c2511d1067e.txt'}: derived_from names "
        "000_6af52c64d008fc3c, not in this batch: not compared"
    ]
    assert [json.loads(line)["comparison"] for line in result.stdout.splitlines()] == [None]
