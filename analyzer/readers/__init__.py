"""Turn the paths a user names into Articles, one reader per kind of input.

:func:`read_inputs` walks files and folders in a stable order and yields, for each article, either
an :class:`~analyzer.document.Article` or the :class:`~analyzer.errors.InputError` that stopped it.
One bad input never stops the others.

Metadata comes, in order of precedence, from front matter, the folder's manifest, the page or feed
itself (HTML, RSS/Atom, JSONL fields), and a trailing "The post ... appeared first on X." line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from analyzer.document import Article, Metadata
from analyzer.errors import InputError
from analyzer.readers.decode import check_size, decode_bytes
from analyzer.readers.feeds import parse_feed
from analyzer.readers.html import extract_html
from analyzer.readers.ids import safe_id
from analyzer.readers.jsonl import iter_jsonl
from analyzer.readers.manifest import MANIFEST_NAMES, read_manifest
from analyzer.readers.metadata import merge, split_appeared_first
from analyzer.readers.text import split_front_matter

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES

__all__ = ["read_inputs", "discover", "SUFFIXES"]


# Never read more than this into memory for one file, whatever the configured article limit.
MAX_READ = 64 * 1024 * 1024


class _Ids:
    """Hands out unique ids in reading order: the second ``x`` becomes ``x-2``."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def take(self, raw: str) -> str:
        base = safe_id(raw)
        candidate, n = base, 1
        while candidate in self._seen:
            n += 1
            candidate = f"{base}-{n}"
        self._seen.add(candidate)
        return candidate


def discover(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Expand folders (recursively, sorted, hidden files and manifests skipped) into file paths.

    A file named directly is always read, whatever its suffix; inside folders only the known
    suffixes are. Symbolic links to folders are not followed, so a link loop cannot recurse.
    """
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError as exc:
            yield InputError(raw, f"cannot be read ({exc.strerror or exc})")
            continue
        if not exists:
            yield InputError(raw, "no such file or folder")
        elif is_dir:
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name in MANIFEST_NAMES:
                        continue
                    if Path(name).suffix.lower() in SUFFIXES:
                        yield os.path.join(root, name)
        else:
            yield raw


def read_inputs(
    paths: Iterable[str], *, stdin: IO[bytes] | None = None
) -> Iterator[Article | InputError]:
    """Yield an Article, or the InputError that prevented one, for every article in ``paths``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("---\\ntitle: Hi\\n---\\nIt rained.", encoding="utf-8")
    >>> [(a.id, a.meta.title, a.text) for a in read_inputs([str(folder)])]
    [('a', 'Hi', 'It rained.')]
    """
    ids = _Ids()
    manifests: dict[Path, dict[str, dict[str, object]]] = {}
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
            continue
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stdin(stream, ids)
            continue
        folder = Path(item).parent
        if folder not in manifests:
            try:
                manifests[folder] = read_manifest(folder)
            except (InputError, OSError, UnicodeDecodeError) as exc:
                manifests[folder] = {}
                yield (
                    exc
                    if isinstance(exc, InputError)
                    else InputError(str(folder / "manifest"), f"manifest cannot be read ({exc})")
                )
        yield from _read_file(item, manifests[folder].get(Path(item).name, {}), ids)


def _read_file(
    path: str, manifest_row: dict[str, object], ids: _Ids
) -> Iterator[Article | InputError]:
    suffix = Path(path).suffix.lower()
    stem = Path(path).stem
    try:
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as stream:
                yield from _read_jsonl(path, stream, stem, ids)
            return
        size = os.path.getsize(path)
        data = b""
        if size <= MAX_READ:
            with open(path, "rb") as stream:
                data = stream.read()
    except OSError as exc:
        yield InputError(path, f"cannot be read ({exc.strerror or exc})")
        return
    try:
        check_size(path, size)
        if suffix in FEED_SUFFIXES:
            yield from _feed_articles(path, data, stem, ids)
        elif suffix in HTML_SUFFIXES:
            yield _html_article(path, decode_bytes(path, data), stem, manifest_row, ids)
        else:
            yield _text_article(path, decode_bytes(path, data), stem, manifest_row, ids)
    except InputError as exc:
        yield exc


def _read_stdin(stream: IO[bytes], ids: _Ids) -> Iterator[Article | InputError]:
    path = "<stdin>"
    data = stream.read()
    head = data.lstrip()[:200].lower()
    try:
        if head.startswith(b"{"):
            import io

            yield from _read_jsonl(path, io.BytesIO(data), "stdin", ids)
        elif head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head:
            check_size(path, len(data))
            yield from _feed_articles(path, data, "stdin", ids)
        elif head.startswith(b"<"):
            check_size(path, len(data))
            yield _html_article(path, decode_bytes(path, data), "stdin", {}, ids)
        else:
            check_size(path, len(data))
            yield _text_article(path, decode_bytes(path, data), "stdin", {}, ids)
    except InputError as exc:
        yield exc


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def _finish(path: str, raw_id: str, text: str, meta: Metadata, ids: _Ids) -> Article:
    """Common last steps: trailing syndication line, empty check, id."""
    text, title, outlet = split_appeared_first(text)
    meta = merge(meta, {"title": title, "outlet": outlet})
    if not text.strip():
        raise InputError(path, "file is empty" if not text else "file holds only white space")
    return Article(id=ids.take(raw_id), path=path, text=text, meta=meta)


def _text_article(path: str, text: str, stem: str, row: dict[str, object], ids: _Ids) -> Article:
    text = _normalise(text)
    if not text.strip():
        raise InputError(path, "file is empty" if not text else "file holds only white space")
    meta, body = split_front_matter(path, text)
    return _finish(path, stem, body, merge(meta, row), ids)


def _html_article(path: str, markup: str, stem: str, row: dict[str, object], ids: _Ids) -> Article:
    text, page_meta = extract_html(path, markup)
    meta = merge(merge(Metadata(), row), page_meta)
    return _finish(path, stem, _normalise(text), meta, ids)


def _feed_articles(path: str, data: bytes, stem: str, ids: _Ids) -> Iterator[Article | InputError]:
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
