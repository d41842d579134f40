"""The code base passes ruff's lint and format checks configured in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

FOLDERS = [name for name in ("analyzer", "tests", "benchmarks") if (ROOT / name).is_dir()]


def ruff(*args):
    beside = Path(sys.executable).parent / "ruff"
    exe = str(beside) if beside.exists() else shutil.which("ruff")
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("args", [("check",), ("format", "--check")])
def test_ruff(args):
    proc = ruff(*args, *FOLDERS)
    assert proc.returncode == 0, proc.stdout + proc.stderr
