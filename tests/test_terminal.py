"""What a batch shows a person watching it: a progress bar and a closing summary line on a
terminal; nothing of the two on a pipe or a log file, nor with --quiet."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

SUMMARY = re.compile(r"scored 2, skipped 0 unchanged, failed 1, in \d+\.\d s")


def _inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The mayor said the budget would grow.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Rain fell on Tuesday, officials said.\n", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"")
    return folder


def _stderr_on_a_terminal(*args: str) -> str:
    """What ``analyzer ARGS`` writes on standard error when that is a pseudo-terminal."""
    ours, theirs = pty.openpty()
    # 24 rows of 100 columns: a new pseudo-terminal has no size, and a bar in 0 columns is empty.
    fcntl.ioctl(theirs, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-m", "analyzer", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=theirs,
        env=env,
    ) as proc:
        os.close(theirs)
        shown = bytearray()
        while True:
            try:
                data = os.read(ours, 65536)
            except OSError:  # EIO: the command has closed its end of the terminal
                break
            if not data:
                break
            shown += data
        proc.wait(timeout=300)
    os.close(ours)
    return shown.decode("utf-8", "replace")


def test_a_batch_on_a_terminal_shows_a_progress_bar_and_ends_with_the_summary_line(tmp_path):
    folder = _inputs(tmp_path)
    shown = _stderr_on_a_terminal("score", str(folder), "--out", str(tmp_path / "out"))
    lines = shown.replace("\r\n", "\n").split("\n")
    assert "scoring: 3 articles" in shown and "errors=1" in shown  # the bar: done, errors so far
    assert f"error: {folder / 'c.txt'}: file is empty" in lines
    assert SUMMARY.fullmatch(lines[-3]), lines[-3:]
    assert lines[-2:] == [f"report: {tmp_path / 'out' / 'index.html'}", ""]


def test_quiet_leaves_a_terminal_only_the_errors(tmp_path):
    folder = _inputs(tmp_path)
    shown = _stderr_on_a_terminal("score", str(folder), "--json", "--quiet")
    assert shown.replace("\r\n", "\n") == f"error: {folder / 'c.txt'}: file is empty\n"


def test_a_batch_whose_standard_error_is_a_pipe_writes_only_the_errors_there(tmp_path):
    folder = _inputs(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "analyzer", "score", str(folder), "--json"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.stderr == f"error: {folder / 'c.txt'}: file is empty\n"
    assert len(proc.stdout.splitlines()) == 2
