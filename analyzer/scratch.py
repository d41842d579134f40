"""Scratch folders: where a run keeps files it needs only while it runs (pairing's arrays, the
throw-away store of ``analyzer score --json``), in the system's temporary folder.

A folder is removed when its run ends, but a run killed outright (``kill -9``, a power cut)
cannot remove it. So each is named after the process that made it, ``analyzer-PURPOSE-HOST-PID-
XXXXXXXX`` (:func:`analyzer.writers.jsonl.writer_tag`), and every run, before it makes one,
removes those of this machine's processes that no longer run (:func:`sweep_scratch`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from analyzer.writers.jsonl import left_behind, writer_tag

_SCRATCH = re.compile(r"analyzer-[a-z]+-([0-9a-f]{8})-(\d+)-[a-z0-9_]{8}")


@contextlib.contextmanager
def scratch_folder(purpose: str) -> Iterator[Path]:
    """A new folder for ``purpose`` (lower-case letters) in the system's temporary folder,
    removed with what it holds when the block ends; the folders killed runs left there are
    removed first."""
    sweep_scratch(Path(tempfile.gettempdir()))
    tag = writer_tag(os.getpid())
    with tempfile.TemporaryDirectory(prefix=f"analyzer-{purpose}-{tag}-") as folder:
        yield Path(folder)


def sweep_scratch(parent: Path) -> list[Path]:
    """Remove the scratch folders in ``parent`` that this user's runs left when they were killed,
    and return them. A folder of a process still running, of another machine, of another user,
    or named otherwise is left alone.

    Examples
    --------
    >>> from analyzer.writers.jsonl import writer_tag
    >>> parent = Path(tempfile.mkdtemp())
    >>> killed = parent / f"analyzer-pairing-{writer_tag(999999999)}-k2x9_abq"
    >>> (killed / "rows").mkdir(parents=True)
    >>> (parent / f"analyzer-pairing-{writer_tag(os.getpid())}-k2x9_abq").mkdir()
    >>> sweep_scratch(parent) == [killed], sorted(p.name[:16] for p in parent.iterdir())
    (True, ['analyzer-pairing'])
    """
    if os.name == "nt":  # os.kill(pid, 0) would end the process there, and there is no getuid
        return []
    swept = []
    for path in sorted(parent.glob("analyzer-*")):
        found = _SCRATCH.fullmatch(path.name)
        if found is None or not left_behind(found[1], int(found[2])):
            continue
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours
            if path.is_symlink() or not path.is_dir() or path.stat().st_uid != os.getuid():
                continue
            shutil.rmtree(path)
            swept.append(path)
    return swept
