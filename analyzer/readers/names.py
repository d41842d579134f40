"""File names that are not valid UTF-8: refused by the readers, shown so that a user can find them.

On POSIX a file name is bytes. Python decodes it as UTF-8 and keeps each byte that does not decode
as a lone surrogate (``b"bad\\xff.txt"`` becomes ``"bad\\udcff.txt"``), which no UTF-8 output can
hold: results.jsonl, ``--json``, the HTML pages, SQLite and stderr would all fail on it. Such a
file becomes an InputError instead, before anything else looks at it, so a path that reaches an
Article, an id, the state store or a writer is always valid Unicode.
"""

from __future__ import annotations

import os

from analyzer.errors import InputError

__all__ = ["valid", "shown", "name_error"]


def valid(name: str) -> bool:
    """True when ``name`` (a path or part of one) can be written as UTF-8.

    Examples
    --------
    >>> valid("café.txt"), valid("caf\\udce9.txt")
    (True, False)
    """
    if name.isascii():  # nearly every name: no encoding needed
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str) -> str:
    """``path`` as it can be printed on one line: bytes that are not UTF-8 are written ``\\xNN``
    (as ``ls -b`` does), and characters that do not print (line breaks, terminal escapes,
    direction overrides) as Python escapes, so a user can see which file is meant and find it.
    Printable text, backslashes included, is left as it is.

    Examples
    --------
    >>> print(shown("in/bad\\udcff.txt"))
    in/bad\\xff.txt
    >>> print(shown("in/a\\nb\\x1b[31m.txt"))
    in/a\\nb\\x1b[31m.txt
    >>> shown("in/café.txt")
    'in/café.txt'
    """
    if path.isprintable():  # nearly every path: nothing to escape
        return path
    if not valid(path):
        try:
            raw = os.fsencode(path)  # the bytes the file system holds
        except UnicodeEncodeError:  # a surrogate no file name decodes to (a library caller's)
            raw = path.encode("utf-8", "backslashreplace")
        path = raw.decode("utf-8", "backslashreplace")
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in path
    )


def name_error(path: str) -> InputError:
    """The InputError for a ``path`` that is not valid UTF-8 (see :func:`valid`), saying whether
    the file or a folder above it needs renaming.

    Examples
    --------
    >>> str(name_error("in/bad\\udcff.txt"))
    'in/bad\\\\xff.txt: file name is not valid UTF-8 (rename it)'
    >>> str(name_error("in/caf\\udce9/a.txt"))
    'in/caf\\\\xe9/a.txt: folder name is not valid UTF-8 (rename the folder)'
    """
    if valid(os.path.basename(path)):
        reason = "folder name is not valid UTF-8 (rename the folder)"
    else:
        reason = "file name is not valid UTF-8 (rename it)"
    return InputError(shown(path), reason)
