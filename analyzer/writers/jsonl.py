"""results.jsonl: one record per article, keys sorted, so equal input gives equal bytes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from analyzer.writers.record_line import dumps  # the line encoder, kept importable from here


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[int]:
    """A file descriptor of a temporary file that replaces ``path`` only when the block ends
    without an exception, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        # mkstemp creates the file readable by its owner only; outputs get the usual mode.
        os.fchmod(fd, 0o666 & ~_umask())
        yield fd
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[TextIO]:
    """A text file to write that replaces ``path`` only when the block ends without an exception
    (it is written as a temporary file first), so a crash never leaves half a file."""
    with _replacing(path) as fd, os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        yield handle


def write_atomic(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write ``text`` (one string, UTF-8 bytes, or pieces written as they come) to ``path``
    through a temporary file, so a crash never leaves half a file."""
    if isinstance(text, bytes):
        with _replacing(path) as fd, os.fdopen(fd, "wb") as raw:
            raw.write(text)
        return
    with atomic_file(path) as handle:
        if isinstance(text, str):
            handle.write(text)
        else:
            handle.writelines(text)


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write records to ``path`` as JSON Lines, atomically, one record at a time (a large batch
    is never held in memory as one string)."""
    write_atomic(path, (dumps(r) + "\n" for r in records))
