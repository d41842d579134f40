"""Turn the paths a user names into Articles, one reader per kind of input.

:func:`read_inputs` walks files and folders in a stable order and yields, for each article, either
an :class:`~analyzer.document.Article` or the :class:`~analyzer.errors.InputError` that stopped it.
One bad input never stops the others. A file whose name (or a folder's above it) is not valid
UTF-8 is refused by name, before it is read (:mod:`analyzer.readers.names`): no path an Article,
an id or a FileRecord is given can hold a lone surrogate.

Given a :class:`FileRecord` (a batch's state store), a file that yields one article (text,
Markdown, HTML) and whose signature (:mod:`analyzer.readers.signatures`) is the one the record
holds is not read at all: an :class:`Unread` names the article it still holds. Feeds and JSONL
files are always read: they hold many articles, whose ids come from inside the file.

Metadata comes, in order of precedence, from front matter, the folder's manifest, the page or feed
itself (HTML, RSS/Atom, JSONL fields), and a trailing "The post ... appeared first on X." line.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, Protocol

from analyzer.article import Article, Metadata
from analyzer.errors import InputError
from analyzer.readers import decode, signatures
from analyzer.readers.decode import check_size, decode_bytes, decode_direct
from analyzer.readers.ids import safe_id
from analyzer.readers.jsonl import iter_jsonl
from analyzer.readers.manifest import MANIFEST_NAMES, Row, read_manifest
from analyzer.readers.metadata import merge, split_appeared_first
from analyzer.readers.names import name_error, shown, valid
from analyzer.readers.signatures import signature, trusted
from analyzer.readers.text import split_front_matter

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES
# Files of many articles, whose ids come from inside them (with errors line by line): never
# remembered, always read. Only files that yield one article, named after the file, are.
_MANY_SUFFIXES = FEED_SUFFIXES | JSONL_SUFFIXES

__all__ = ["read_inputs", "recall_signatures", "discover", "SUFFIXES", "FileRecord", "Unread"]

# How much of standard input is looked at to tell JSONL from a feed, a page or plain text.
_SNIFF_BYTES = 64 * 1024


class _Ids:
    """Hands out unique ids in reading order: the second ``x`` becomes ``x-2``, and so does an
    ``X`` after an ``x``. Ids name the pages' files, and on a case-insensitive file system
    (macOS, Windows) ``X.html`` and ``x.html`` are one file: ids differ in more than case.

    Examples
    --------
    >>> ids = _Ids()
    >>> [ids.take(raw) for raw in ["report", "Report", "report", "b"]]
    ['report', 'Report-2', 'report-3', 'b']
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()  # lower-cased (an id holds ASCII letters only)

    def take(self, raw: str) -> str:
        candidate = self.next(raw)
        self.claim(candidate)
        return candidate

    def claim(self, candidate: str) -> None:
        """Take ``candidate``, which :meth:`next` has just handed out."""
        self._seen.add(candidate.lower())

    def next(self, raw: str) -> str:
        """The id :meth:`take` would hand out for ``raw`` now, without taking it."""
        base = safe_id(raw)
        candidate, n = base, 1
        while candidate.lower() in self._seen:
            n += 1
            candidate = f"{base}-{n}"
        return candidate


@dataclass(frozen=True, slots=True)
class Unread:
    """A file left unread: the caller's :class:`FileRecord` shows it still holds article ``id``
    (the same id, path, metadata and text a read would give)."""

    path: str
    id: str
    signature: str  # the file's, under which the record holds the article


class FileRecord(Protocol):
    """What a caller (a batch's state store) remembers of the files it read before."""

    def recall(self, path: str, signature: str) -> str | None:
        """The id of the article ``path`` held when it was read with this signature, if the
        caller still holds that article's result; None otherwise."""

    def note(self, article: Article, signature: str) -> None:
        """``article`` was just read from a file with this signature, old enough to trust."""


def discover(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Expand folders (recursively, sorted, hidden files and manifests skipped) into file paths.

    A file named directly is always read, whatever its suffix; inside folders only the known
    suffixes are. Symbolic links to folders are not followed, so a link loop cannot recurse.
    A file whose path is not valid UTF-8 is an InputError here (:mod:`analyzer.readers.names`),
    so every path yielded is valid Unicode.
    """
    for found in _discovered(paths):
        yield found if isinstance(found, str | InputError) else found[0]


def _discovered(paths: Iterable[str]) -> Iterator[str | InputError | tuple[str, str, str]]:
    """:func:`discover`, with each file as ``(path, folder, file name)``: a walk has them apart,
    and a rerun that reads no file would otherwise spend a split of its path on each."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError as exc:
            yield InputError(shown(raw), f"cannot be read ({exc.strerror or exc})")
            continue
        if not exists:
            yield InputError(shown(raw), "no such file or folder")
        elif is_dir:
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                root_valid = valid(root)
                for name in sorted(files):
                    if name.startswith(".") or name in MANIFEST_NAMES:
                        continue
                    # splitext, not Path: one Path per file name is a measurable share of a
                    # rerun. Hidden names are skipped above; "x." gives "." (no suffix matches).
                    if os.path.splitext(name)[1].lower() not in SUFFIXES:
                        continue
                    found = os.path.join(root, name)
                    yield (found, root, name) if root_valid and valid(name) else name_error(found)
        else:
            yield (raw, *os.path.split(raw)) if valid(raw) else name_error(raw)


def read_inputs(
    paths: Iterable[str], *, stdin: IO[bytes] | None = None, record: FileRecord | None = None
) -> Iterator[Article | InputError | Unread]:
    """Yield an Article, or the InputError that prevented one, for every article in ``paths``.

    With a ``record``, a file it shows unchanged is not read: an :class:`Unread` stands for its
    article (see :mod:`analyzer.readers.signatures`). Standard input is always read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("---\\ntitle: Hi\\n---\\nIt rained.", encoding="utf-8")
    >>> [(a.id, a.meta.title, a.text) for a in read_inputs([str(folder)])]
    [('a', 'Hi', 'It rained.')]
    """
    ids = _Ids()
    if not signatures.SUPPORTED:
        record = None
    for entry in _entries(paths):
        if isinstance(entry, InputError):
            yield entry
        elif entry == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stdin(stream, ids)
        else:
            yield from _read_file(*entry, ids, record)


def recall_signatures(paths: Iterable[str]) -> Iterator[tuple[str, str] | None]:
    """For each input in ``paths``, in :func:`read_inputs`' order, the path and signature under
    which :func:`read_inputs` would ask a record for it before reading it; None for an input it
    reads whatever a record holds (standard input, a feed or JSONL file, a file that cannot be
    looked at or is not a regular file) and for an input in error (a manifest's too).

    A batch compares them all at once with those of the run that wrote its outputs
    (:class:`analyzer.file_record.Fingerprint`): when none differs, nothing needs
    reading, looking up or writing again.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("It rained.", encoding="utf-8")
    >>> _ = (folder / "b.jsonl").write_text('{"text": "It rained."}', encoding="utf-8")
    >>> [(pathlib.Path(found[0]).name, found[1][:2]) if found else found
    ...  for found in recall_signatures([str(folder), str(folder / "missing.txt")])]
    [('a.txt', '(1'), None, None]
    """
    for entry in _entries(paths):
        if isinstance(entry, InputError) or entry == "-":
            yield None
            continue
        path, name, row = entry
        suffix = suffix_and_stem(name)[0].lower()
        found = None if suffix in _MANY_SUFFIXES else _signature(path, row, suffix in HTML_SUFFIXES)
        yield None if found is None else (path, found)


# An input as read_inputs takes it (see _entries).
_Entry = tuple[str, str, dict[str, object]] | InputError | str


def _entries(paths: Iterable[str]) -> Iterator[_Entry]:
    """:func:`discover`'s inputs as :func:`read_inputs` takes them: ``(path, file name, manifest
    row)`` for a file, ``"-"`` for standard input, and the InputErrors of inputs and manifests
    (a file whose own manifest row is bad fails with it)."""
    manifests: dict[str, dict[str, Row]] = {}
    for item in _discovered(paths):
        if isinstance(item, str | InputError):  # an error, or standard input
            yield item
            continue
        # Strings, not Paths: a Path per file cost ~10% of an unchanged rerun (which reads no file).
        path, folder, name = item
        if folder not in manifests:
            try:
                manifests[folder], errors = read_manifest(Path(folder))
            except (OSError, UnicodeDecodeError) as exc:
                manifests[folder] = {}
                where = str(Path(folder) / "manifest")
                errors = [InputError(where, f"manifest cannot be read ({exc})")]
            yield from errors
        row = manifests[folder].get(name, {})
        yield row if isinstance(row, InputError) else (path, name, row)


def suffix_and_stem(name: str) -> tuple[str, str]:
    """A file name's suffix and stem as :class:`pathlib.PurePath` gives them (``.suffix``,
    ``.stem``): the suffix starts at the last dot, unless the dot opens or ends the name.

    Examples
    --------
    >>> suffix_and_stem("a.b.TXT"), suffix_and_stem(".hidden"), suffix_and_stem("notes.")
    (('.TXT', 'a.b'), ('', '.hidden'), ('', 'notes.'))
    """
    i = name.rfind(".")
    if 0 < i < len(name) - 1:
        return name[i:], name[:i]
    return "", name


def _read_file(
    path: str,
    name: str,
    manifest_row: dict[str, object],
    ids: _Ids,
    record: FileRecord | None = None,
) -> Iterator[Article | InputError | Unread]:
    suffix, stem = suffix_and_stem(name)
    suffix = suffix.lower()
    if suffix in _MANY_SUFFIXES:
        record = None
    html = suffix in HTML_SUFFIXES
    read_at = 0
    if record is not None:
        read_at = time.time_ns()  # before the file is looked at: see signatures.trusted
        unread = _recall(path, manifest_row, html, stem, ids, record)
        if unread is not None:
            yield unread
            return
    try:
        stream, size = _open_regular(path)
    except InputError as exc:
        yield exc
        return
    with stream:
        # The signature is taken from the open file before it is read: a write during the read
        # changes it, so the next run reads the file again.
        info = os.fstat(stream.fileno()) if record is not None else None
        if suffix in JSONL_SUFFIXES:
            # A dump is read a line at a time, never whole: its size is not limited.
            try:
                yield from _read_jsonl(path, stream, stem, ids)
            except OSError as exc:
                yield InputError(path, f"cannot be read ({exc.strerror or exc})")
            return
        try:
            # The size is checked before reading, so an oversized file never enters memory;
            # at most one byte past the limit is read, in case the file grew since. The first
            # read asks for the size found (plus one byte to notice growth), not for the limit:
            # a 5 MB read buffer per file costs more than reading a news article.
            check_size(path, size)
            limit = decode.MAX_ARTICLE_BYTES
            data = stream.read(size + 1)
            if len(data) > size:
                data += stream.read(limit + 1 - len(data))
            if len(data) > limit:
                raise InputError(path, f"file grew past the {limit:,}-byte limit while read")
        except OSError as exc:
            yield InputError(path, f"cannot be read ({exc.strerror or exc})")
            return
        except InputError as exc:
            yield exc
            return
    try:
        if suffix in FEED_SUFFIXES:
            yield from _feed_articles(path, data, stem, ids)
            return
        # Text the encoding detector had to guess depends on charset-normalizer's version too:
        # such a file is never remembered, so it is read (and guessed) again each run.
        text = decode_direct(path, data)
        # A strict decoder's text holds no lone surrogate (a guessed codec's might).
        strict = text is not None
        if text is None:
            info = None
            text = decode_bytes(path, data)
        if html:
            article = _html_article(path, text, stem, manifest_row, ids)
        else:
            article = _text_article(path, text, stem, manifest_row, ids, strict=strict)
    except InputError as exc:
        yield exc
        return
    if record is not None and info is not None and trusted(info, read_at):
        # The record keeps one noted article, claimed when the batch takes the next item
        # (file_record.StoredFiles.basis_of): this relies on nothing buffering items between
        # this reader and batch._analyse. If something did, notes would be overwritten and
        # files quietly no longer remembered (read each run, never wrong).
        record.note(article, signature(info, manifest_row, html, read_at))
    yield article


def _recall(
    path: str, row: dict[str, object], html: bool, stem: str, ids: _Ids, record: FileRecord
) -> Unread | None:
    """An Unread for a file ``record`` shows unchanged whose id is still free; None: read it."""
    found = _signature(path, row, html)
    if found is None:
        return None  # reading it reports why
    known = record.recall(path, found)
    # The id must be the one a read would give now: ids depend on the files read before.
    if known is None or ids.next(stem) != known:
        return None
    ids.claim(known)
    return Unread(path, known, found)


def _signature(path: str, row: dict[str, object], html: bool) -> str | None:
    """The signature of the file at ``path`` now, None when it is no regular file (or cannot be
    looked at)."""
    # A stat by name: on NFS and caching FUSE file systems it may answer from an attribute cache
    # (up to a minute old). Opening the file would revalidate it, but cost ~12 ms a 1,000-file
    # rerun (~15%); the README's Incremental limits name the case instead.
    try:
        info = os.stat(path)
    except OSError:
        return None
    return signature(info, row, html) if stat.S_ISREG(info.st_mode) else None


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _open_regular(path: str) -> tuple[BinaryIO, int]:
    """Open ``path`` for reading if it is a regular file; return the stream and its size.

    Opening without blocking and checking the open file (not the name) means a named pipe
    cannot stall the batch and a device such as /dev/zero cannot feed it without end.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
            raise InputError(path, f"not a regular file ({kind}), not read")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def _read_stdin(stream: IO[bytes], ids: _Ids) -> Iterator[Article | InputError]:
    path = "<stdin>"
    head = stream.read(_SNIFF_BYTES)
    start = head.lstrip()[:200].lower()
    try:
        if start.startswith(b"{"):
            # JSONL is streamed line by line, like a .jsonl file, however long the pipe runs.
            lines = io.BufferedReader(_Prefixed(head, stream))
            yield from _read_jsonl(path, lines, "stdin", ids)
            return
        limit = decode.MAX_ARTICLE_BYTES
        data = head + stream.read(max(0, limit + 1 - len(head)))
        if len(data) > limit:
            raise InputError(path, f"input is over the {limit:,}-byte limit for one article")
        if start.startswith(b"<?xml") or b"<rss" in start or b"<feed" in start:
            yield from _feed_articles(path, data, "stdin", ids)
        elif start.startswith(b"<"):
            yield _html_article(path, decode_bytes(path, data), "stdin", {}, ids)
        else:
            yield _text_article(path, decode_bytes(path, data), "stdin", {}, ids)
    except InputError as exc:
        yield exc


class _Prefixed(io.RawIOBase):
    """A byte stream that yields ``head`` first and then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._stream.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


# A file of control characters or punctuation alone is not an article (a file with NUL bytes is
# refused as binary before it is decoded).
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def _finish(
    path: str, raw_id: str, text: str, meta: Metadata, ids: _Ids, *, strict: bool = False
) -> Article:
    """Common last steps: trailing syndication line, empty check, valid Unicode, id.

    ``strict``: the text is part of what a strict decoder made of bytes
    (:func:`~analyzer.readers.decode.decode_direct`), which can hold no lone surrogate: only
    the metadata is checked for them (encoding the text to check it was ~5 us an article).
    """
    text, title, outlet = split_appeared_first(text)
    meta = merge(meta, {"title": title, "outlet": outlet})
    if _blank(text):
        raise InputError(path, "file is empty" if not text else "file holds only white space")
    if not _LETTER_OR_DIGIT.search(text):
        raise InputError(path, "file holds no words (no letter or digit), not text")
    _check_unicode(path, None if strict else text, meta)
    return Article(id=ids.take(raw_id), path=path, text=text, meta=meta)


def _blank(text: str) -> bool:
    """``not text.strip()``, without the stripped copy of the whole text (``isspace`` stops at
    the first character that is not white space; both use the same test of white space)."""
    return not text or text.isspace()


def _check_unicode(path: str, text: str | None, meta: Metadata) -> None:
    """Refuse lone surrogates, which JSON escapes (``"\\ud800"``) can smuggle into a string
    (the text, unless None, and the metadata).

    Such a string cannot be written as UTF-8, so letting it through would fail the whole batch
    at write time instead of this one article at read time.
    """
    fields = {"text": text, "title": meta.title, "outlet": meta.outlet, "author": meta.author}
    fields |= {"url": meta.url, "derived_from": " ".join(meta.derived_from)}
    for name, value in fields.items():
        if value is None or value.isascii():
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = value[exc.start]
            raise InputError(
                path, f"{name} holds a lone surrogate (U+{ord(bad):04X}), not valid Unicode"
            ) from None


def _text_article(
    path: str, text: str, stem: str, row: dict[str, object], ids: _Ids, *, strict: bool = False
) -> Article:
    # ``strict``: see _finish (the body is a part of the text, with its line ends made "\n").
    text = _normalise(text)
    if _blank(text):
        raise InputError(path, "file is empty" if not text else "file holds only white space")
    meta, body = split_front_matter(path, text)
    return _finish(path, stem, body, merge(meta, row), ids, strict=strict)


def _html_article(path: str, markup: str, stem: str, row: dict[str, object], ids: _Ids) -> Article:
    # trafilatura is imported on first use: it takes half a second, and most batches are text.
    from analyzer.readers.html import extract_html

    text, page_meta = extract_html(path, markup)
    meta = merge(merge(Metadata(), row), page_meta)
    return _finish(path, stem, _normalise(text), meta, ids)


def _feed_articles(path: str, data: bytes, stem: str, ids: _Ids) -> Iterator[Article | InputError]:
    from analyzer.readers.feeds import parse_feed  # feedparser and trafilatura, on first use

    for entry in parse_feed(path, data):
        where = f"{path}#{int(entry['index']) + 1}"  # type: ignore[call-overload]
        try:
            meta = merge(Metadata(), entry)
            yield _finish(
                where, f"{stem}-{entry['key']}", _normalise(str(entry["text"])), meta, ids
            )
        except InputError as exc:
            yield exc


def _read_jsonl(
    path: str, stream: IO[bytes], stem: str, ids: _Ids
) -> Iterator[Article | InputError]:
    for number, fields in iter_jsonl(path, stream):
        if isinstance(fields, InputError):
            yield fields
            continue
        raw_id = str(fields.pop("id", f"{stem}-{number}"))
        try:
            text = _normalise(str(fields.pop("text")))
            yield _finish(f"{path}:{number}", raw_id, text, merge(Metadata(), fields), ids)
        except InputError as exc:
            yield exc
