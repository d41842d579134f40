"""The state store: what was scored, from which input, by which version of the analyzer.

A batch keeps one SQLite file (``state.sqlite`` in the output folder unless told otherwise) with a
row per article: its id, a key, and the full result. The key is a hash of the article's text,
path and metadata and of the analyzer's own code, lexicons and models (:func:`analysis_version`),
so a rerun scores only articles whose key changed and takes every other result from the store.

Results are committed in small transactions as they arrive, in WAL mode: a run killed at any
point (even ``kill -9``) leaves every committed row whole, and the next run simply scores what is
missing. Rows whose article is no longer among the inputs are deleted at the end of a run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from analyzer import __version__
from analyzer.codec import decode, encode
from analyzer.document import Article
from analyzer.results import ArticleResult

STATE_NAME = "state.sqlite"
SCHEMA_VERSION = 1

# Files that change what an analysis produces. Templates, styles and writers only change how a
# result is shown, so editing them does not force a rescore (see output_version).
_ANALYSIS_SKIP = ("templates", "static", "writers", "__pycache__")


def _digest_tree(root: Path, skip: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if not path.is_file() or any(part in skip for part in rel.parts):
                continue
            if path.suffix in (".pyc", ".pyo"):
                continue
            h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _package_root() -> Path:
    return Path(str(resources.files("analyzer")))


@functools.cache
def analysis_version() -> str:
    """A hash of everything that decides a result: code, lexicons, models, version number.

    Any edit to a signal, a lexicon or a model changes it, and with it every article's key.
    """
    root = _package_root()
    parts = [
        __version__,
        str(SCHEMA_VERSION),
        _digest_tree(root, _ANALYSIS_SKIP),
        _digest_tree(root.parent / "models", ("__pycache__",)),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@functools.cache
def output_version() -> str:
    """:func:`analysis_version` plus the writers, templates and styles that render results."""
    root = _package_root()
    h = hashlib.sha256(analysis_version().encode())
    for name in ("templates", "static", "writers"):
        h.update(_digest_tree(root / name, ("__pycache__",)).encode())
    return h.hexdigest()


def article_key(article: Article, version: str | None = None) -> str:
    """The hash under which an article's result is stored: equal keys give equal results.

    Examples
    --------
    >>> a = Article("a", "a.txt", "It rained.")
    >>> article_key(a, "v1") == article_key(Article("a", "a.txt", "It rained."), "v1")
    True
    >>> article_key(a, "v1") == article_key(Article("a", "a.txt", "It snowed."), "v1")
    False
    """
    h = hashlib.sha256((version or analysis_version()).encode())
    head = encode((article.id, article.path, article.meta))
    h.update(head.encode("utf-8", "surrogatepass") + b"\0")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def pack(result: ArticleResult) -> bytes:
    """A result as stored: codec JSON, compressed (results are mostly repeated text)."""
    return zlib.compress(encode(result).encode("utf-8", "surrogatepass"), 1)


def unpack(blob: bytes) -> ArticleResult:
    """The result :func:`pack` stored."""
    return decode(zlib.decompress(blob).decode("utf-8", "surrogatepass"))


class StateStore:
    """Scored articles by id, with the key each was scored under.

    Parameters
    ----------
    path : Path or str
        The SQLite file (created if missing), or ``":memory:"`` for a store that lives only as
        long as the object.

    Examples
    --------
    >>> from analyzer.pipeline import analyze_article
    >>> store = StateStore(":memory:")
    >>> article = Article("a", "a.txt", "It rained.")
    >>> store.put([("a", "k1", pack(analyze_article(article)))])
    >>> store.keys(), store.get("a").text
    ({'a': 'k1'}, 'It rained.')
    """

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS articles"
                " (id TEXT PRIMARY KEY, key TEXT NOT NULL, result BLOB NOT NULL)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            found = self.get_meta("schema")
            if found is not None and found != str(SCHEMA_VERSION):
                # A store from another layout is a cache, not data: start it again.
                self._db.execute("DELETE FROM articles")
                self._db.execute("DELETE FROM meta")
            self.set_meta("schema", str(SCHEMA_VERSION))
        except sqlite3.DatabaseError:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def keys(self) -> dict[str, str]:
        """Every stored id with the key its result was scored under."""
        return dict(self._db.execute("SELECT id, key FROM articles"))

    def put(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Store ``(id, key, packed result)`` rows in one transaction, replacing older rows."""
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO articles (id, key, result) VALUES (?, ?, ?)", rows
            )

    def get(self, article_id: str) -> ArticleResult:
        """The stored result of one article (KeyError when there is none)."""
        row = self._db.execute("SELECT result FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return unpack(row[0])

    def iter_results(self, ids: Iterable[str]) -> Iterator[ArticleResult]:
        """Stored results in the order of ``ids``, read one at a time (memory stays flat)."""
        for article_id in ids:
            yield self.get(article_id)

    def retain(self, ids: Iterable[str]) -> int:
        """Delete every row whose id is not in ``ids``; return how many went."""
        keep = set(ids)
        gone = [(i,) for i in self.keys() if i not in keep]
        if gone:
            with self._transaction():
                self._db.executemany("DELETE FROM articles WHERE id = ?", gone)
        return len(gone)

    def get_meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, name: str, value: str) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, value)
            )

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity check and by decoding every row (empty: fine)."""
        problems = [r[0] for r in self._db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for article_id, blob in self._db.execute("SELECT id, result FROM articles"):
            try:
                if unpack(blob).id != article_id:
                    problems.append(f"{article_id}: stored result has another id")
            except (ValueError, TypeError, zlib.error) as exc:
                problems.append(f"{article_id}: stored result cannot be read ({exc})")
        return problems

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def outputs_digest(entries: Iterable[tuple[str, str]], failures: Iterable[str]) -> str:
    """One hash of what a run's outputs depend on: ordered (id, key) pairs, failures, writers."""
    h = hashlib.sha256(output_version().encode())
    h.update(json.dumps([list(e) for e in entries]).encode())
    h.update(json.dumps(list(failures), ensure_ascii=False).encode())
    return h.hexdigest()
