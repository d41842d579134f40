"""What a file looked like when it was read, so that a later run can tell it is unchanged.

Like git's index or make, a batch remembers each input file's stat signature (size, modification
and change times in nanoseconds, inode and device) next to the article it held, and reads the
file again only when the signature differs. The change time (ctime) is set by the system on every
write, rename or metadata change and cannot be set back (``touch -d`` and ``os.utime`` set mtime
but move ctime to now), so an edit followed by restoring the old mtime is still seen. A store
copied to another machine or disk finds other inodes, devices and ctimes and simply reads again.

A signature is only worth keeping when the file was already old when it was read ("racily clean"
in git's words): a write in the same timestamp tick as the read, after it, would leave size and
times unchanged. :func:`trusted` refuses files changed less than :data:`RACY_NS` before the read;
such a file is read again by the next run (and remembered then, once it is old enough).
"""

from __future__ import annotations

import datetime
import functools
import os
import re

# Only POSIX systems give a file's change time as st_ctime; Windows gives its creation time,
# which an edit does not move, so there an edit that restores mtime and keeps the size would go
# unseen: files are not remembered there, and every file is read as before.
SUPPORTED = os.name == "posix"

# Timestamps come from a coarse clock (a few ms on Linux, 1-2 s on FAT, some network file
# systems), and a file server's clock may run a little apart from ours: 5 s covers both, and
# costs only one more read of files written just before a run.
RACY_NS = 5_000_000_000

# The libraries that turn an HTML page into text and metadata: their version is part of an
# HTML file's signature, since an upgrade can change what the same page yields.
_HTML_ROOTS = ("trafilatura", "lxml-html-clean")


def signature(
    info: os.stat_result, manifest_row: dict[str, object], html: bool, at_ns: int | None = None
) -> str:
    """What must be unchanged for a file to yield the same article: stat, manifest row, and for
    HTML the extraction libraries' versions and the local date at ``at_ns`` (nanoseconds since
    the epoch: when the page was read; now when None).

    Examples
    --------
    >>> info = os.stat_result((0o100644, 7, 1, 1, 0, 0, 10, 0, 0, 0), {"st_ctime_ns": 1})
    >>> signature(info, {"title": "Hi"}, html=False) == signature(info, {}, html=False)
    False
    """
    parts = (
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_ino,
        info.st_dev,
        repr(manifest_row),  # fields are strings and tuples of strings: repr is stable
        html_libraries() if html else "",
        # An HTML page's date comes from htmldate, which refuses dates after the end of today
        # (its max_date, local time): a page dated tomorrow yields another date tomorrow. So a
        # page is read again once a day, and its metadata is never older than a fresh run's.
        # The date is the read's, not the signature's: a read that crosses midnight was
        # extracted with the day before's limit.
        _day(at_ns) if html else "",
    )
    return repr(parts)


def trusted(info: os.stat_result, read_at_ns: int) -> bool:
    """True when the file had not changed for :data:`RACY_NS` before ``read_at_ns`` (the time
    taken just before the file was opened), so that a later write must change its signature.

    Examples
    --------
    >>> fields = {"st_mtime_ns": 10**18, "st_ctime_ns": 10**18}
    >>> info = os.stat_result((0o100644, 7, 1, 1, 0, 0, 10, 0, 0, 0), fields)
    >>> trusted(info, 10**18 + 1), trusted(info, 10**18 + RACY_NS + 1)
    (False, True)
    """
    changed = max(info.st_mtime_ns, info.st_ctime_ns)
    return changed < read_at_ns - RACY_NS


def _day(at_ns: int | None) -> str:
    """The local date (ISO) at ``at_ns`` nanoseconds since the epoch, or today."""
    day = datetime.date.today() if at_ns is None else datetime.date.fromtimestamp(at_ns / 1e9)
    return day.isoformat()


@functools.cache
def html_libraries() -> str:
    """Name and version of every library HTML extraction runs on (the roots and what they
    require, extras left out), read from the installed packages' metadata without importing
    them."""
    # Imported here: importlib.metadata costs ~40 ms, paid only by runs with HTML inputs.
    from importlib import metadata

    found: dict[str, str] = {}
    todo = list(_HTML_ROOTS)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
            continue
        found[name] = dist.version
        for requirement in dist.requires or []:
            if "extra ==" not in requirement:
                todo.append(re.match(r"[A-Za-z0-9._-]+", requirement).group())  # type: ignore[union-attr]
    return " ".join(f"{name}={version}" for name, version in sorted(found.items()))
