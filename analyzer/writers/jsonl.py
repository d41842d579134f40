"""results.jsonl: one record per article, keys sorted, so equal input gives equal bytes."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from analyzer.writers.record_line import dumps  # the line encoder, kept importable from here


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# A temporary file is named ".NAME.HOST-PID.XXXXXXXX" (HOST a hash of the machine's name, then
# mkstemp's eight random characters) after the file it replaces and the process writing it: a run
# killed while writing leaves it behind, and a later run on the same machine can tell it from the
# file of a run still writing. A file another machine wrote (a shared volume) is never swept.
_TEMPORARY = re.compile(r"\..+\.([0-9a-f]{8})-(\d+)\.[a-z0-9_]{8}")
# Older versions named them ".NAME.XXXXXXXX" (until 61b6449) and ".NAME.PID.XXXXXXXX" (until
# e7c59be), which do not say which machine wrote them: whether the writer is alive cannot be
# asked. Such a file is swept once nobody has written to it for a day, and only if it is named
# after a file this tool writes (pages, results.jsonl). A run writes each temporary file within
# minutes; the longest idle one, results.jsonl's, waits while the pages are written (about 3 ms an
# article: under an hour for a million articles).
_OLD_TEMPORARY = re.compile(r"\..+\.(?:html|jsonl)(?:\.\d+)?\.[a-z0-9_]{8}")
_OLD_IDLE = 24 * 3600  # seconds


def _host() -> str:
    """The HOST part of temporary names: eight hex digits of this machine's name."""
    # os.uname where there is one: importing socket for its gethostname costs a rerun ~3 ms.
    if hasattr(os, "uname"):
        name = os.uname().nodename
    else:  # Windows
        import socket

        name = socket.gethostname()
    return f"{zlib.crc32(name.encode()):08x}"


def writer_tag(pid: int) -> str:
    """The HOST-PID part of the temporary files process ``pid`` of this machine writes."""
    return f"{_host()}-{pid}"


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[int]:
    """A file descriptor of a temporary file that replaces ``path`` only when the block ends
    without an exception, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{writer_tag(os.getpid())}.", dir=path.parent)
    try:
        # mkstemp creates the file readable by its owner only; outputs get the usual mode.
        os.fchmod(fd, 0o666 & ~_umask())
        yield fd
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sweep_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files that runs killed while writing (``kill -9``, a power cut) left
    in ``folder``, and return them. A file whose process is still alive, or that another machine
    wrote, is left alone: another run may be writing it. One named the way older versions named
    them (no machine and process in the name) is deleted once nobody has written to it for a day.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> killed = folder / f".index.html.{writer_tag(999999999)}.k2x9_abq"
    >>> _ = killed.write_text("<half a page")
    >>> _ = (folder / f".index.html.{writer_tag(os.getpid())}.k2x9_abq").write_text("<writing")
    >>> sweep_temporaries(folder) == [killed]
    True
    """
    if os.name == "nt":  # os.kill(pid, 0) would end the process there instead of probing it
        return []
    swept = []
    long_ago = time.time() - _OLD_IDLE
    for path in sorted(Path(folder).glob(".*")):
        if (found := _TEMPORARY.fullmatch(path.name)) is not None:
            left = left_behind(found[1], int(found[2]))
        else:
            left = _OLD_TEMPORARY.fullmatch(path.name) is not None and _idle_since(path, long_ago)
        if left and path.is_file():
            path.unlink(missing_ok=True)
            swept.append(path)
    return swept


def left_behind(host: str, pid: int) -> bool:
    """Whether a temporary named for process ``pid`` of machine ``host`` (:func:`writer_tag`)
    was left behind: the process is of this machine and no longer runs. Another machine's (a
    shared volume) is never taken as left behind: whether it runs cannot be asked."""
    return host == _host() and not _alive(pid)


def _idle_since(path: Path, moment: float) -> bool:
    """True when ``path`` was last written before ``moment`` (seconds since the epoch)."""
    try:
        return path.stat().st_mtime < moment
    except OSError:  # gone meanwhile
        return False


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except PermissionError:  # it does, and belongs to another user
        return True
    except (ProcessLookupError, OverflowError):  # gone, or a number no process can have
        return False
    return True


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[TextIO]:
    """A text file to write that replaces ``path`` only when the block ends without an exception
    (it is written as a temporary file first), so a crash never leaves half a file."""
    with _replacing(path) as fd, os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        yield handle


@contextlib.contextmanager
def atomic_binary_file(path: Path) -> Iterator[BinaryIO]:
    """:func:`atomic_file` for bytes."""
    with _replacing(path) as fd, os.fdopen(fd, "wb") as handle:
        yield handle


def write_atomic(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write ``text`` (one string, UTF-8 bytes, or pieces written as they come) to ``path``
    through a temporary file, so a crash never leaves half a file."""
    if isinstance(text, bytes):
        with atomic_binary_file(path) as raw:
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
