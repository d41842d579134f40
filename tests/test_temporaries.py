"""A run killed while writing an output leaves its temporary file, or killed while scoring its
scratch folders; the next run removes them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from test_batch import write_articles

from analyzer.batch import analyze_paths, score_paths
from analyzer.scratch import sweep_scratch
from analyzer.writers.jsonl import sweep_temporaries, writer_tag

pytestmark = pytest.mark.skipif(os.name == "nt", reason="no kill -9 and no sweep on Windows")

# Writes the first piece of ``path`` through write_atomic, then kills itself with SIGKILL: the
# temporary file is left as a real killed run leaves it.
KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from analyzer.writers.jsonl import write_atomic

def pieces():
    yield "<!doctype html><p>half a page"
    os.kill(os.getpid(), signal.SIGKILL)

write_atomic(Path(sys.argv[1]), pieces())
"""


def _killed_while_writing(path: Path) -> Path:
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], check=False)
    assert done.returncode == -signal.SIGKILL
    [left] = [p for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.")]
    return left


def test_a_killed_writer_leaves_a_temporary_file_that_the_sweep_removes(tmp_path):
    left = _killed_while_writing(tmp_path / "index.html")
    assert not (tmp_path / "index.html").exists()  # the half-written page never replaced it

    assert sweep_temporaries(tmp_path) == [left]
    assert list(tmp_path.iterdir()) == []


def test_the_sweep_spares_the_temporary_file_of_a_process_still_running(tmp_path):
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as alive:
        try:
            writing = tmp_path / f".index.html.{writer_tag(alive.pid)}.k2x9_abq"
            writing.write_text("<being written")
            assert sweep_temporaries(tmp_path) == []
            assert writing.exists()
        finally:
            alive.kill()


def test_the_sweep_spares_a_temporary_file_another_machine_wrote(tmp_path):
    other_host = "0000abcd" if not writer_tag(1).startswith("0000abcd") else "0000abce"
    elsewhere = tmp_path / f".index.html.{other_host}-999999999.k2x9_abq"
    elsewhere.write_text("<being written on a shared volume")
    assert sweep_temporaries(tmp_path) == []
    assert elsewhere.exists()


def test_the_sweep_leaves_files_it_did_not_name_alone(tmp_path):
    dead = writer_tag(999999999)
    names = [".hidden", ".index.html", f".index.html.{dead}.short", f"index.html.{dead}.k2x9_abq"]
    for name in names:
        (tmp_path / name).write_text("kept")
    assert sweep_temporaries(tmp_path) == []
    assert len(list(tmp_path.iterdir())) == 4


# Temporary names of older versions: ".NAME.XXXXXXXX", then ".NAME.PID.XXXXXXXX".
OLD_NAMES = [".results.jsonl.k2x9_abq", ".index.html.4242.k2x9_abq"]


def _written_ago(path: Path, hours: float) -> Path:
    path.write_text("<half a page")
    moment = time.time() - hours * 3600
    os.utime(path, (moment, moment))
    return path


def test_temporary_files_named_the_old_way_are_swept_after_a_day_untouched(tmp_path):
    old = [_written_ago(tmp_path / name, 25) for name in OLD_NAMES]
    recent = tmp_path / "recent"  # maybe an older version still writing: its machine is unknown
    recent.mkdir()
    for name in OLD_NAMES:
        _written_ago(recent / name, 23)
    assert sweep_temporaries(tmp_path) == sorted(old)
    assert sweep_temporaries(recent) == []
    assert len(list(recent.iterdir())) == 2


def test_old_dotfiles_not_named_after_an_output_are_left_alone(tmp_path):
    for name in (".notes.txt.k2x9_abq", ".bashrc.k2x9_abq", ".index.html.k2x9_ab"):
        _written_ago(tmp_path / name, 100)
    assert sweep_temporaries(tmp_path) == []
    assert len(list(tmp_path.iterdir())) == 3


def test_a_run_removes_what_a_killed_run_left_in_every_report_folder(tmp_path):
    out = tmp_path / "out"
    score_paths([str(SEEDS)], out)
    left = [
        _killed_while_writing(out / "results.jsonl"),
        _killed_while_writing(out / "articles" / "000.html"),
        _killed_while_writing(out / "compare" / "002.html"),
    ]
    (out / "results.jsonl").unlink()  # so that the rerun writes its outputs again

    score_paths([str(SEEDS)], out)
    assert [p for p in left if p.exists()] == []
    assert [p.name for p in out.rglob(".*") if not p.name.startswith(".state")] == []


def _killed_while_scoring(tmp_path: Path, output: list[str], scratch: set[str]) -> list[Path]:
    """Run ``analyzer score`` with its temporary folder in ``tmp_path / "tmp"``, kill it (SIGKILL)
    once it holds the ``scratch`` folders (by purpose), and return what it left there."""
    inputs, tmp = tmp_path / "in", tmp_path / "tmp"
    write_articles(inputs, 240)
    tmp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)}
    args = [sys.executable, "-m", "analyzer", "score", str(inputs), "--jobs", "2", *output]
    with subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, start_new_session=True) as proc:
        try:
            deadline = time.monotonic() + 120
            while {p.name.split("-")[1] for p in tmp.glob("analyzer-*")} != scratch:
                assert proc.poll() is None, "the run ended before it could be killed"
                assert time.monotonic() < deadline, "no scratch folders in two minutes"
                time.sleep(0.02)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
    return sorted(tmp.glob("analyzer-*"))


def test_the_next_run_removes_the_pairing_folder_of_a_run_killed_while_scoring(
    tmp_path, monkeypatch
):
    [left] = _killed_while_scoring(tmp_path, ["--out", str(tmp_path / "out")], {"pairing"})
    assert left.is_dir()

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    score_paths([str(SEEDS)], tmp_path / "next")
    assert list((tmp_path / "tmp").iterdir()) == []


def test_the_next_run_removes_the_folders_of_a_json_run_killed_while_scoring(tmp_path, monkeypatch):
    left = _killed_while_scoring(tmp_path, ["--json"], {"pairing", "store"})
    assert any((folder / "state.sqlite").exists() for folder in left)

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    analyze_paths([str(SEEDS)])
    assert list((tmp_path / "tmp").iterdir()) == []


def test_the_sweep_spares_the_scratch_folder_of_a_process_still_running(tmp_path):
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as alive:
        try:
            running = tmp_path / f"analyzer-pairing-{writer_tag(alive.pid)}-k2x9_abq"
            running.mkdir()
            assert sweep_scratch(tmp_path) == []
            assert running.is_dir()
        finally:
            alive.kill()


def test_on_windows_the_scratch_sweep_probes_no_process(tmp_path, monkeypatch):
    # There os.kill(pid, 0) would end the process instead of asking whether it runs.
    killed = tmp_path / f"analyzer-pairing-{writer_tag(999999999)}-k2x9_abq"
    killed.mkdir()
    monkeypatch.setattr(os, "name", "nt")
    assert sweep_scratch(tmp_path) == []
    assert killed.is_dir()
