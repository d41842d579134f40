"""The code base passes ruff's lint and format checks configured in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def ruff(*args):
    beside = Path(sys.executable).parent / "ruff"
    exe = str(beside) if beside.exists() else shutil.which("ruff")
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "args",
    [
        ("check", "analyzer", "tests", "benchmarks"),
        ("format", "--check", "analyzer", "tests", "benchmarks"),
    ],
)
def test_ruff(args):
    proc = ruff(*args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
