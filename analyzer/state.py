"""The state store: what was scored, from which input, by which version of the analyzer.

A batch keeps one SQLite file (``state.sqlite`` in the output folder unless told otherwise) with a
row per article: its id, a key, the full result, its results.jsonl line and what pairing reads of
it (:class:`Scored`), all made where the article was analysed, so that neither writing records nor
pairing decodes a result. The key is a hash of the article's text, path and metadata and of the
analyzer's own code, lexicons and models (:func:`analysis_version`), so a rerun scores only articles
whose key changed and takes every other result from the store.

The store also remembers each input file's signature (:mod:`analyzer.readers.signatures`) with
the id and key of the article it held, so a rerun need not read a file that has not changed
(:meth:`StateStore.remembered_files`). Such a row is trusted only while the article is stored under
the same key, so it never has to be kept in step with the articles.

Results are committed in small transactions as they arrive, in WAL mode: a run killed at any
point (even ``kill -9``) leaves every committed row whole, and the next run simply scores what is
missing. Rows whose article is no longer among the inputs are deleted at the end of a run.

The store also carries what a batch would otherwise hold in memory for every article, so a run's
memory does not grow with the number of articles: the run's order (a temporary table of input
position and id, :meth:`StateStore.begin_run`) and the comparison of each rewrite with its source
(kept between runs and reused while both articles' keys are unchanged), with the rewrite's
results.jsonl line as it reads with that comparison. Results are read back in input order by one
streaming query (:meth:`StateStore.run_results`), and so are the lines
(:meth:`StateStore.run_records`); what pages are made from is read one article at a time, by its
input position (:meth:`StateStore.run_page_pairs`, :meth:`StateStore.run_page_job`), so that a
batch can group the pages of a chain of rewrites.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import itertools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import zstandard

from analyzer import __version__
from analyzer.article import Article, Span
from analyzer.codec import decode, encode

if TYPE_CHECKING:  # decoding a result imports its classes; an unchanged rerun decodes none
    from analyzer.results import ArticleResult

STATE_NAME = "state.sqlite"
# The indexes of articles' (id, key) and of the ids of articles not in English (StateStore).
_KEYS_INDEX = "articles_keys"
_NOT_ENGLISH = "language IS NOT NULL AND language != 'en'"
_NOT_ENGLISH_INDEX = "articles_not_english"
SCHEMA_VERSION = 12  # 2: what pairing reads; 3: terms as two lists; 4: results.jsonl lines;
# 5: input files remembered (files); 6: a result stored with its line in front (stored_result);
# 7: and with its sentence spans after it; 8: the article's language; 9: a rewrite's line as where
# its comparison goes in its result's line (spliced_line); 10: the short columns of articles
# before result and terms, which spill to overflow pages: SQLite reads a row's columns in order,
# so a query of the language (every run) or the date walked those pages first; 11: zstandard
# instead of zlib (results and lines); 12: terms packed (pairing.packed_terms) instead of JSON

# Zstandard's fastest regular level: it compresses a result's ~20 KB of text 3x faster than zlib's
# level 1 (~55 against ~170 us) and inflates it 3x faster (~21 against ~64 us), a little smaller
# (3.7x against 3.5x). Every article is compressed once by a worker and inflated two or three
# times (comparing, pairing, printing), so this is ~2 % of a batch's CPU.
_LEVEL = 1

# Files that change what an analysis produces. Templates, styles and writers only change how a
# result is shown, so editing them does not force a rescore (see output_version); the one
# exception is the encoder of results.jsonl lines, which are stored with the results.
_ANALYSIS_SKIP = ("templates", "static", "writers", "__pycache__")
_LINE_WRITER = ("writers", "record_line.py")


def _digest_tree(root: Path, skip: tuple[str, ...]) -> str:
    """One hash of every file under ``root`` (name and bytes), in the order of their path parts.

    Files whose path has a part named in ``skip``, and compiled ``.pyc``/``.pyo`` files, are
    left out. Walked with os.walk rather than Path.rglob: this runs on every batch, and
    pathlib's per-file objects cost more than reading and hashing the files.
    """
    h = hashlib.sha256()
    if not root.is_dir():
        return h.hexdigest()
    found = [
        tuple(os.path.relpath(path, root).split(os.sep))
        for path in _tree_files(root, skip)
        if os.path.isfile(path)
    ]
    for parts in sorted(found):  # the order sorted Paths had: part by part
        rel = "/".join(parts)
        h.update(rel.encode() + b"\0" + (root / rel).read_bytes() + b"\0")
    return h.hexdigest()


def _package_root() -> Path:
    # The folder of this module's package (importlib.resources would give the same folder for an
    # installed package, at the price of importing zipfile on every run).
    return Path(__file__).parent


def _files_signature(files: Iterable[str]) -> tuple[str, bool]:
    """What must be unchanged for ``files`` to hold the same bytes (each path and its stat
    signature, hashed), and whether every file had been left alone long enough for a later
    edit to change its signature (:func:`analyzer.readers.signatures.trusted`)."""
    from analyzer.readers.signatures import signature, trusted

    h = hashlib.sha256()
    now = time.time_ns()
    settled = True
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            h.update(f"{path}\0missing\0".encode())
            continue
        h.update(f"{path}\0{signature(info, {}, html=False)}\0".encode())
        settled = settled and trusted(info, now)
    return h.hexdigest(), settled


def _tree_files(root: Path, skip: tuple[str, ...]) -> Iterator[str]:
    """The files :func:`_digest_tree` of ``root`` reads, in a stable order."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in sorted(names):
            if name not in skip and os.path.splitext(name)[1] not in (".pyc", ".pyo"):
                yield os.path.join(folder, name)


@functools.cache
def analysis_version() -> str:
    """A hash of everything that decides a result: code, lexicons, models, version number.

    Any edit to a signal, a lexicon or a model changes it, and with it every article's key.

    Hashing ~3 MB of code and models is most of what an unchanged rerun does (~12 ms), so the
    hash is kept in the package's ``__pycache__`` under the files' stat signatures, as Python
    keeps compiled modules: a rerun stats the files instead of reading them. It is kept only
    when no file changed in the last seconds (an edit as the hash is taken could otherwise
    leave the signatures as they were), and only where the folder is writable.
    """
    root = _package_root()
    files = itertools.chain(
        _tree_files(root, _ANALYSIS_SKIP),
        _tree_files(root.parent / "models", ("__pycache__",)),
        [str(root.joinpath(*_LINE_WRITER))],
    )
    return _kept_version(
        _KEPT_VERSION, files, f"{__version__}\0{SCHEMA_VERSION}", _analysis_version
    )


@functools.cache
def output_version() -> str:
    """:func:`analysis_version` plus the writers, templates and styles that render results.

    Kept as the analysis version is, under theirs and their files' stat signatures: an
    unchanged rerun would otherwise read them all (~1.5 ms).
    """
    root = _package_root()
    files = itertools.chain.from_iterable(
        _tree_files(root / name, ("__pycache__",)) for name in _OUTPUT_FOLDERS
    )
    return _kept_version(_KEPT_OUTPUT_VERSION, files, analysis_version(), _output_version)


# The names of the files that keep the analysis and the output version, before their
# signature's hash.
_KEPT_VERSION = "analysis-version."
_KEPT_OUTPUT_VERSION = "output-version."
# The folders of the package that only change how results are shown.
_OUTPUT_FOLDERS = ("templates", "static", "writers")


def _kept_version(prefix: str, files: Iterable[str], under: str, compute: Callable[[], str]) -> str:
    """The version ``compute`` gives, kept under the name ``prefix`` and a hash of ``under``
    and of the stat signatures of ``files`` (see :func:`analysis_version`)."""
    signature, settled = _files_signature(files)
    key = hashlib.sha256(f"{under}\0{signature}".encode())
    kept = _package_root() / "__pycache__" / f"{prefix}{key.hexdigest()[:32]}"
    try:
        version = kept.read_text(encoding="ascii")
        if len(version) == 64 and all(c in "0123456789abcdef" for c in version):
            return version
    except (OSError, UnicodeDecodeError):
        pass
    version = compute()
    if settled:
        _keep_version(kept, version, prefix)
    return version


def _keep_version(kept: Path, version: str, prefix: str) -> None:
    """Write ``version`` to ``kept`` and delete the versions kept under ``prefix`` for other
    signatures; a folder that cannot be written keeps nothing (the version is computed on each
    run)."""
    try:
        kept.parent.mkdir(exist_ok=True)
        for old in kept.parent.glob(prefix + "*"):
            if old != kept:
                old.unlink(missing_ok=True)
        temporary = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        temporary.write_text(version, encoding="ascii")
        os.replace(temporary, kept)
    except OSError:
        pass


def _analysis_version() -> str:
    """:func:`analysis_version`, computed from the files' bytes."""
    root = _package_root()
    parts = [
        __version__,
        str(SCHEMA_VERSION),
        _digest_tree(root, _ANALYSIS_SKIP),
        _digest_tree(root.parent / "models", ("__pycache__",)),
        hashlib.sha256(root.joinpath(*_LINE_WRITER).read_bytes()).hexdigest(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _output_version() -> str:
    """:func:`output_version`, computed from the files' bytes."""
    root = _package_root()
    h = hashlib.sha256(analysis_version().encode())
    for name in _OUTPUT_FOLDERS:
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


def pack(value: Any, sentences: Sequence[Span] | None = None, *, lean: bool = False) -> bytes:
    """A result or comparison as stored, compressed (results are mostly repeated text): an
    :class:`~analyzer.results.ArticleResult` as its results.jsonl line followed by what the line
    does not hold (:mod:`analyzer.stored_result`; :func:`result_line` reads the line) and the
    ``sentences`` of its Document when given (:func:`analyzer.stored_result.sentences_of`), anything
    else as codec JSON. ``lean``: a result for a store that never rebuilds it whole
    (:func:`analyzer.stored_result.encode`; :meth:`StateStore.path_of` reads its path)."""
    from analyzer.results import ArticleResult  # imported by then: here is a result to pack

    if isinstance(value, ArticleResult):
        from analyzer import stored_result

        text = stored_result.encode(value, sentences, lean=lean)
    else:
        text = encode(value)
    return zstandard.compress(text.encode("utf-8", "surrogatepass"), _LEVEL)


def unpack(blob: bytes) -> Any:
    """The result or comparison :func:`pack` stored (ValueError for a comparison a lean store
    did not keep, :data:`UNKEPT`)."""
    if blob == UNKEPT:
        raise ValueError("a comparison not kept: its store only prints it, in the rewrite's line")
    text = unpacked_text(blob)
    if "\n" in text:  # codec JSON has none: JSON escapes newlines inside strings
        from analyzer import stored_result

        return stored_result.decode(text)
    return decode(text)


def result_line(blob: bytes) -> str:
    """The results.jsonl line (without its newline) of a result :func:`pack` stored.

    Examples
    --------
    >>> from analyzer.results import ArticleResult
    >>> from analyzer.writers.record_line import dumps
    >>> result = ArticleResult(id="a", path="a.txt", text="Hi.")
    >>> result_line(pack(result)) == dumps(result.to_record())
    True
    """
    return result_record(blob)[:-1].decode("utf-8", "surrogatepass")


def result_record(blob: bytes) -> bytes:
    """The results.jsonl record of a result :func:`pack` stored: its line as the file holds it,
    UTF-8 bytes ending in the newline (:func:`result_line` is it decoded, without the newline).

    Bytes, so that printing or copying records decodes and encodes none (~21 KB each).

    Examples
    --------
    >>> from analyzer.results import ArticleResult
    >>> packed = pack(ArticleResult(id="a", path="a.txt", text="Hi."))
    >>> result_record(packed)[-13:]
    b'"url": null}\\n'
    >>> result_record(packed).decode() == result_line(packed) + chr(10)
    True
    """
    # The stored text is the line, a newline, and what the line does not hold (stored_result).
    # In UTF-8 the newline's byte is in no other character's.
    text = unpacked(blob)
    return text[: text.index(b"\n") + 1]


def compressed_line(line: str) -> bytes:
    """A results.jsonl line (without its newline) compressed as the store keeps it: the line of a
    rewrite with its comparison (:class:`Compared`; a packed result starts with its own line, see
    :func:`result_line`).

    Made by whoever made the comparison (an engine's worker), so that writing results.jsonl or
    ``--json`` is a copy of stored lines, with no result decoded in the main process.

    Examples
    --------
    >>> unpacked_text(compressed_line('{"id": "a"}'))
    '{"id": "a"}'
    """
    return zstandard.compress(line.encode("utf-8", "surrogatepass"), _LEVEL)


# What starts a spliced line (spliced_line); a compressed one starts with Zstandard's magic
# number, b"(\xb5/\xfd".
_SPLICE = b"@"
# What a spliced line replaces: the comparison's value in the line of a result without one.
_NULL = b"null"


def spliced_line(at: int, end: int, value: str) -> bytes:
    """The results.jsonl line of a rewrite with its comparison as the store keeps it
    (:class:`Compared`), when the line is its packed result's own ``line`` (:func:`result_line`)
    with the comparison's JSON ``value`` in place of the ``null`` at byte ``at`` of the line's
    ``end`` bytes (UTF-8, as :func:`unpacked` gives them): those places and ``value``, not the
    line. :func:`compared_line` puts them together with the packed result.

    Compressing the whole line again (:func:`compressed_line`) cost the worker that compared a
    word-for-word copy a quarter of its time (~0.18 ms of ~0.75), for a line the store holds
    already, compressed, at the head of the result.

    Examples
    --------
    >>> from analyzer.results import ArticleResult
    >>> packed = pack(ArticleResult(id="a", path="a.txt", text="Hi."))
    >>> line = result_line(packed)
    >>> line[:35]
    '{"author": null, "comparison": null'
    >>> end = len(line.encode())
    >>> compared_line(spliced_line(31, end, '{"x": 1}'), packed)[:39]
    '{"author": null, "comparison": {"x": 1}'
    """
    return b"%s%d %d\n%s" % (_SPLICE, at, end, value.encode("utf-8", "surrogatepass"))


def compared_line(line: bytes, result: bytes) -> str:
    """The results.jsonl line :attr:`Compared.line` holds (:func:`compressed_line` or
    :func:`spliced_line`), ``result`` being the rewrite's packed result: :func:`compared_record`
    decoded, without its newline."""
    return compared_record(line, result)[:-1].decode("utf-8", "surrogatepass")


def compared_record(line: bytes, result: bytes) -> bytes:
    """The results.jsonl record :attr:`Compared.line` holds, as the file holds it: UTF-8 bytes
    ending in the newline (see :func:`result_record`)."""
    if not line.startswith(_SPLICE):
        return unpacked(line) + b"\n"
    head, value = line.split(b"\n", 1)
    at, end = map(int, head[len(_SPLICE) :].split())
    # The whole result is inflated: Zstandard's streaming reader, which could stop at the end of
    # the line (the result's first ~90 %), is no faster than inflating all of it.
    own = unpacked(result)
    if len(own) < end or own[at : at + len(_NULL)] != _NULL:
        raise ValueError("a spliced line does not fit the result it is stored with")
    # Put together in one copy (slices of a memoryview copy nothing).
    whole = memoryview(own)
    return b"".join((whole[:at], value, whole[at + len(_NULL) : end], b"\n"))


def unpacked_text(blob: bytes) -> str:
    """The text :func:`pack` or :func:`compressed_line` compressed: for a result, what
    :mod:`analyzer.stored_result` reads; for a comparison's line, the line."""
    return unpacked(blob).decode("utf-8", "surrogatepass")


def unpacked(blob: bytes) -> bytes:
    """:func:`unpacked_text` as UTF-8 bytes (a result's line is where they start, up to the
    first newline, see :func:`result_record`)."""
    return zstandard.decompress(blob)


class Scored(NamedTuple):
    """What the store keeps of one analysed article: the packed result, which starts with its
    results.jsonl line (:func:`result_line`, so that writing records decodes no result), and
    what pairing reads (:mod:`analyzer.compare.pairing`), so that pairing decodes no result
    either.

    ``derived_from`` is a JSON list of the ids the article names (None when it names none);
    ``terms`` :func:`analyzer.compare.pairing.count_terms` of its text, packed
    (:func:`analyzer.compare.pairing.packed_terms`), None when computing them failed (pairing
    then computes them again from the result's text). ``page`` is the article's index row as
    JSON when its page was written with the result
    (:func:`analyzer.writers.html.write_early_page`), None otherwise: it is kept for the current
    run only (:meth:`StateStore.run_page_rows`), not with the result. ``language`` is the
    result's (:attr:`~analyzer.results.ArticleResult.language`), for the batch's warnings
    about articles not in English (:meth:`StateStore.run_other_languages`).
    """

    result: bytes
    published: str | None = None
    derived_from: str | None = None
    terms: bytes | None = None
    page: str | None = None
    language: str | None = None


# The comparison of a Compared that its store does not keep (an empty blob: pack never makes one).
UNKEPT = b""


class Compared(NamedTuple):
    """What the store keeps of one comparison: the packed :class:`~analyzer.results.Comparison`
    and the rewrite's results.jsonl line as it reads with it, as a rule where the comparison goes
    in the line at the head of the rewrite's packed result (:func:`spliced_line`), else the
    whole line (:func:`compressed_line`); :func:`compared_line` reads either.

    A store that only prints its comparisons (``score --json``'s, whose results are packed lean:
    see :func:`pack`) keeps them in the lines alone: ``comparison`` is then :data:`UNKEPT`,
    which :func:`unpack` refuses."""

    comparison: bytes
    line: bytes


class StateStore:
    """Scored articles by id, with the key each was scored under.

    Parameters
    ----------
    path : Path or str
        The SQLite file (created if missing), or ``":memory:"`` for a store that lives only as
        long as the object.
    durable : bool
        False for a store thrown away after its run (:func:`analyzer.batch.analyze_paths`):
        a crash may then leave it damaged. Its writes skip what makes them survive one (the
        write-ahead log, in which each page was written twice, and its syncs to disk), which
        took more than half the CPU of writing a batch's results.

    Examples
    --------
    >>> from analyzer.pipeline import analyze_article
    >>> store = StateStore(":memory:")
    >>> article = Article("a", "a.txt", "It rained.")
    >>> result = analyze_article(article)
    >>> store.put([("a", "k1", Scored(pack(result)))])
    >>> store.keys(), store.get("a").text
    ({'a': 'k1'}, 'It rained.')
    """

    def __init__(self, path: Path | str, *, durable: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        try:
            if durable:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
            else:  # a transaction can still be rolled back: its journal is kept in memory
                self._db.execute("PRAGMA journal_mode=MEMORY")
                self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            fresh = self.get_meta("schema") != str(SCHEMA_VERSION)
            if fresh:
                # A store from another layout (or a new one) is a cache, not data: start again.
                self._db.execute("DROP TABLE IF EXISTS articles")
                self._db.execute("DROP TABLE IF EXISTS comparisons")
                self._db.execute("DROP TABLE IF EXISTS files")
                self._db.execute("DELETE FROM meta")
            # Beside each result (which holds its line), what pairing reads of it (see Scored);
            # beside each comparison, the rewrite's line with it (see Compared).
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, key TEXT NOT NULL,"
                " published TEXT, derived_from TEXT, language TEXT, result BLOB NOT NULL,"
                " terms BLOB)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS comparisons (id TEXT PRIMARY KEY, basis TEXT NOT NULL,"
                " comparison BLOB NOT NULL, line BLOB NOT NULL)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, basis TEXT NOT NULL,"
                " id TEXT NOT NULL, key TEXT NOT NULL)"
            )
            # Two narrow indexes for the queries every run makes over all its articles. Each row
            # of articles holds a result (kilobytes), so looking keys up through the table reads
            # a page an article; these are read instead (INDEXED BY in the queries: the planner
            # would take the unique index on id). A store made before them gets them here, once.
            self._db.execute(f"CREATE INDEX IF NOT EXISTS {_KEYS_INDEX} ON articles (id, key)")
            self._db.execute(
                f"CREATE INDEX IF NOT EXISTS {_NOT_ENGLISH_INDEX} ON articles (id)"
                f" WHERE {_NOT_ENGLISH}"
            )
            if fresh:  # written once: a rerun that changes nothing writes nothing (no fsync)
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

    def holds_articles(self) -> bool:
        """Whether any article is stored (a first run's store, or ``score --json``'s, holds
        none)."""
        return self._db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    def count_articles(self) -> int:
        """How many articles are stored."""
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def key_of(self, article_id: str) -> str | None:
        """The key one stored article was scored under (None when it is not stored)."""
        row = self._db.execute("SELECT key FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else row[0]

    def put(self, rows: Iterable[tuple[str, str, Scored]]) -> None:
        """Store ``(id, key, scored)`` rows in one transaction, replacing older rows; the run
        notes the pages written with them (:attr:`Scored.page`)."""
        rows = list(rows)
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO articles (id, key, result, published, derived_from,"
                " terms, language) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (article_id, key, s.result, s.published, s.derived_from, s.terms, s.language)
                    for article_id, key, s in rows
                ),
            )
            early = [(article_id, s.page) for article_id, _, s in rows if s.page is not None]
            if early:  # only a run's articles have them (begin_run made the table)
                self._db.executemany(
                    "INSERT OR REPLACE INTO temp.early_pages (id, row) VALUES (?, ?)", early
                )

    def get(self, article_id: str) -> ArticleResult:
        """The stored result of one article (KeyError when there is none)."""
        return unpack(self.packed(article_id))

    def path_of(self, article_id: str) -> str:
        """The path of the stored result of one article (KeyError when there is none), read as
        comparing reads a result: it is read from a lean one too (see :func:`pack`)."""
        from analyzer.stored_result import decode_unscored

        return decode_unscored(unpacked_text(self.packed(article_id))).path

    def packed(self, article_id: str) -> bytes:
        """The stored result of one article as :func:`pack` wrote it (KeyError when none)."""
        row = self._db.execute("SELECT result FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return row[0]

    # -- the current run: its articles in input order, kept in SQLite rather than in memory

    def begin_run(self) -> None:
        """Start recording a run: articles arrive with their input position, in any order."""
        for table in ("arrived", "run", "early_pages", "pages"):
            self._db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        self._db.execute("CREATE TEMP TABLE arrived (pos INTEGER PRIMARY KEY, id TEXT NOT NULL)")
        # Index rows of the run's pages: those written with the results (Scored.page), and those
        # the page step writes (note_pages).
        self._db.execute("CREATE TEMP TABLE early_pages (id TEXT PRIMARY KEY, row TEXT NOT NULL)")
        self._db.execute("CREATE TEMP TABLE pages (id TEXT PRIMARY KEY, row TEXT NOT NULL)")

    def add_to_run(self, rows: Iterable[tuple[int, str]]) -> None:
        """Record ``(input position, id)`` of articles that have a result in this run."""
        with self._transaction():
            self._db.executemany("INSERT INTO temp.arrived (pos, id) VALUES (?, ?)", rows)

    def finish_run(self) -> None:
        """Number the run's articles 0, 1, ... in input order (the ``rank`` of each).

        ``basis`` is filled for rewrites by :meth:`set_pairs`: it names the comparison the run
        wants (source, how paired, similarity, keys of both articles), so a stored comparison is
        used only while it is still the right one.
        """
        with self._transaction():
            self._db.execute(
                "CREATE TEMP TABLE run (rank INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
                " source TEXT, paired_by TEXT, similarity REAL, basis TEXT)"
            )
            self._db.execute(
                "INSERT INTO temp.run (rank, id) SELECT row_number() OVER (ORDER BY pos) - 1, id"
                " FROM temp.arrived ORDER BY pos"
            )
            self._db.execute("DROP TABLE temp.arrived")

    def run_entries(self) -> Iterator[tuple[str, str]]:
        """``(id, key)`` of the run's articles in input order."""
        yield from self._db.execute(
            "SELECT r.id, a.key FROM temp.run r"
            f" CROSS JOIN articles a INDEXED BY {_KEYS_INDEX} ON a.id = r.id ORDER BY r.rank"
        )

    def run_size(self) -> int:
        """How many articles the finished run holds."""
        return self._db.execute("SELECT count(*) FROM temp.run").fetchone()[0]

    def run_rank(self, article_id: str) -> int | None:
        """The rank in input order (0, 1, ...) of one article of the run, None when absent."""
        row = self._db.execute("SELECT rank FROM temp.run WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else row[0]

    def run_ranks_by_id(self) -> Iterator[int]:
        """The run's ranks in code-point order of ids (SQLite compares UTF-8 bytes, which sort
        as code points do)."""
        for (rank,) in self._db.execute("SELECT rank FROM temp.run ORDER BY id"):
            yield rank

    def run_pairing(self) -> Iterator[tuple[str, str | None, str | None, bytes | None]]:
        """``(id, published, derived_from, terms)`` of the run's articles in input order, as
        :class:`Scored` stored them: what pairing reads, without decoding any result."""
        return self._pairing_rows("run", "rank")

    def run_other_languages(self) -> Iterator[tuple[str, str]]:
        """``(id, language)`` of the run's articles whose text is not English (and long enough to
        tell), in input order."""
        yield from self._db.execute(
            f"SELECT r.id, a.language FROM articles a INDEXED BY {_NOT_ENGLISH_INDEX}"
            f" CROSS JOIN temp.run r ON r.id = a.id WHERE {_NOT_ENGLISH} ORDER BY r.rank"
        )

    def arrived_pairing(
        self, before: int
    ) -> Iterator[tuple[str, str | None, str | None, bytes | None]]:
        """:meth:`run_pairing` of the articles recorded so far (:meth:`add_to_run`) at input
        positions below ``before``, in input order, before the run is finished."""
        return self._pairing_rows("arrived", "pos", before)

    def _pairing_rows(
        self, table: str, position: str, before: int | None = None
    ) -> Iterator[tuple[str, str | None, str | None, bytes | None]]:
        # What pairing reads of the articles of temp.{table} (the run, or those arrived so far),
        # in the order of its column {position}; only those below ``before`` when given.
        where = "" if before is None else f" WHERE r.{position} < ?"
        yield from self._db.execute(
            "SELECT r.id, a.published, a.derived_from, a.terms"
            f" FROM temp.{table} r JOIN articles a ON a.id = r.id{where} ORDER BY r.{position}",
            () if before is None else (before,),
        )

    def pairing_of(self, article_id: str) -> tuple[str | None, str | None, bytes | None]:
        """``(published, derived_from, terms)`` of one stored article, as :meth:`run_pairing`
        gives them (KeyError when it is not stored)."""
        row = self._db.execute(
            "SELECT published, derived_from, terms FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return row

    def retain_run(self) -> int:
        """Delete stored articles that are not in the run, and every remembered file whose
        article is no longer stored under the key it names; return how many articles went."""
        with self._transaction():
            gone = self._db.execute(
                "DELETE FROM articles WHERE id NOT IN (SELECT id FROM temp.run)"
            ).rowcount
            # By (id, key), not id alone: a renamed file's old row keeps an id another file now
            # holds, and would otherwise stay (and be fetched by every window) for good.
            self._db.execute(
                "DELETE FROM files WHERE NOT EXISTS (SELECT 1 FROM articles a"
                f" INDEXED BY {_KEYS_INDEX} WHERE a.id = files.id AND a.key = files.key)"
            )
        return gone

    # -- input files: what each held when it was read, so an unchanged one is not read again

    def remember_files(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """Store ``(path, basis, article id, key)`` rows: the file at ``path``, read with this
        ``basis`` (its signature and the analysis version), held the article ``id`` whose key
        is ``key``."""
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO files (path, basis, id, key) VALUES (?, ?, ?, ?)", rows
            )

    def remembered_files(self, start: str, limit: int) -> list[tuple[str, str, str]]:
        """Up to ``limit`` remembered files from path ``start`` on, in path order (code points):
        ``(path, basis, id)`` of those whose article is still stored under the key they name.
        One query serves many files: a rerun asks in the order it reads them.

        The key check is what keeps this safe without keeping files and articles in step: a
        row written before its article was stored (or before a kill), or whose article was
        scored again from another file, finds another key and is left out.
        """
        return self._db.execute(
            "SELECT f.path, f.basis, f.id FROM files f"
            f" CROSS JOIN articles a INDEXED BY {_KEYS_INDEX} ON a.id = f.id AND a.key = f.key"
            " WHERE f.path >= ? ORDER BY f.path LIMIT ?",
            (start, limit),
        ).fetchall()

    def set_pairs(self, pairs: Iterable[tuple[int, int, str, float]]) -> None:
        """Record the run's ``(rewrite rank, source rank, paired_by, similarity)`` pairs (ranks
        as pairing gives them: their ids are looked up here, not one query each before)."""
        with self._transaction():
            self._db.execute(
                "UPDATE temp.run SET source = NULL, paired_by = NULL, similarity = NULL,"
                " basis = NULL"
            )
            self._db.executemany(
                "UPDATE temp.run SET source = (SELECT id FROM temp.run WHERE rank = ?),"
                " paired_by = ?, similarity = ? WHERE rank = ?",
                ((source, by, sim, derived) for derived, source, by, sim in pairs),
            )
            # The basis names everything a comparison depends on: the pair, how it was found,
            # and the keys of both articles (a changed article is compared again). The
            # similarity is written with 17 digits, enough to tell any two doubles apart
            # (json_array alone keeps 15). A basis stored before had a bare number there, so it
            # never equals one made now: such a comparison is made again once, then dropped.
            self._db.execute(
                "UPDATE temp.run SET basis = json_array(source, paired_by,"
                " printf('%!.17g', similarity),"
                " (SELECT key FROM articles WHERE id = run.id),"
                " (SELECT key FROM articles WHERE id = run.source)) WHERE source IS NOT NULL"
            )

    def pending_pair_ranks(self) -> Iterator[tuple[int, int | None]]:
        """``(rewrite rank, source rank)`` of each pair of the run whose comparison is missing
        or stale, in input order (the source's rank is None when it is not in the run); the
        pairs themselves are :meth:`run_pairs` of the rewrites' ranks."""
        yield from self._db.execute(
            "SELECT r.rank, s.rank FROM temp.run r LEFT JOIN temp.run s ON s.id = r.source"
            " LEFT JOIN comparisons c ON c.id = r.id AND c.basis = r.basis"
            " WHERE r.basis IS NOT NULL AND c.id IS NULL ORDER BY r.rank"
        )

    def run_pairs(
        self, ranks: Sequence[int]
    ) -> list[tuple[str, bytes, str, bytes, str, float, str]]:
        """``(rewrite id, its packed result, source id, the source's, paired_by, similarity,
        basis)`` of the rewrites at ``ranks``, in that order, in one query (a batch reads a
        chunk of ~10 pairs so: a query for each pair and one for each article took ~1.7x as
        long)."""
        rows = self._db.execute(
            "SELECT r.rank, r.id, a.result, r.source, s.result, r.paired_by, r.similarity, r.basis"
            " FROM temp.run r JOIN articles a ON a.id = r.id JOIN articles s ON s.id = r.source"
            f" WHERE r.rank IN ({', '.join('?' * len(ranks))})",
            ranks,
        )
        found = {rank: pair for rank, *pair in rows}
        return [tuple(found[rank]) for rank in ranks]

    def put_comparisons(self, rows: Iterable[tuple[str, str, Compared]]) -> None:
        """Store ``(rewrite id, basis, compared)`` rows, replacing older ones."""
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO comparisons (id, basis, comparison, line)"
                " VALUES (?, ?, ?, ?)",
                ((article_id, basis, *compared) for article_id, basis, compared in rows),
            )

    def drop_stale_comparisons(self) -> None:
        """Delete comparisons the run does not use (article gone, unpaired or re-paired)."""
        with self._transaction():
            self._db.execute(
                "DELETE FROM comparisons WHERE NOT EXISTS (SELECT 1 FROM temp.run r"
                " WHERE r.id = comparisons.id AND r.basis = comparisons.basis)"
            )

    def run_results(self) -> Iterator[ArticleResult]:
        """Every result of the run in input order, each rewrite with its comparison, streamed
        from one query (memory stays flat whatever the size of the run): :meth:`run_packed`,
        decoded."""
        for blob, comparison in self.run_packed():
            yield unpack_result(blob, comparison)

    def run_records(self) -> Iterator[bytes]:
        """Every results.jsonl record of the run in input order (UTF-8 bytes ending in the
        newline, as the file holds them), a rewrite's with its comparison: the stored lines, no
        result decoded (streamed like :meth:`run_results`; each is ``dumps(result.to_record())``
        of one of them, encoded, with the newline)."""
        rows = self._db.execute(
            "SELECT c.line, a.result FROM temp.run r JOIN articles a ON a.id = r.id"
            " LEFT JOIN comparisons c ON c.id = r.id AND c.basis = r.basis ORDER BY r.rank"
        )
        for compared, result in rows:
            yield result_record(result) if compared is None else compared_record(compared, result)

    def run_page_pairs(self) -> Iterator[tuple[int, int | None]]:
        """``(rank, source's rank)`` of each article of the run whose pages the page step makes,
        in input order; :meth:`run_page_job` of its rank is what they are made from. The
        source's rank is given only for a rewrite with its comparison (None otherwise): a batch
        groups the jobs by it (``analyzer.batch._page_chunks``).

        Articles whose page was written with their result (:attr:`Scored.page`) are left out,
        unless they turned out to be rewrites: their page shows the comparison."""
        yield from self._db.execute(
            "SELECT r.rank, rs.rank FROM temp.run r"
            " LEFT JOIN comparisons c ON c.id = r.id AND c.basis = r.basis"
            " LEFT JOIN temp.run rs ON rs.id = r.source AND c.id IS NOT NULL"
            f" LEFT JOIN temp.early_pages e ON e.id = r.id WHERE {_PAGE_STEP} ORDER BY r.rank"
        )

    def run_page_job(self, rank: int) -> StoredJob:
        """What the pages of the article at ``rank`` (one of :meth:`run_page_pairs`) are made
        from, as stored: ``(result, comparison, source's result, source's comparison, early,
        rank)``, packed, None where there is none (the source only for a rewrite with its
        comparison; that source's own comparison when it is a rewrite too).
        :func:`unpack_result` decodes the result and the source from their two columns (as
        :meth:`run_results` and :meth:`run_result` give them). ``early`` (1 or 0) says that the
        article's page was written with its result: the page step adds the comparison to it.
        KeyError for a rank the page step has nothing to make for."""
        job = self._db.execute(f"{_PAGE_JOB} AND r.rank = ?", (rank,)).fetchone()
        if job is None:
            raise KeyError(rank)
        return job

    def note_pages(self, rows: Iterable[tuple[str, str]]) -> None:
        """Record ``(id, index row as JSON)`` of pages the page step wrote (from
        :meth:`run_page_job`)."""
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO temp.pages (id, row) VALUES (?, ?)", rows)

    def run_page_rows(self) -> Iterator[str]:
        """The index rows (JSON) of the run's pages in input order: the page step's for the
        articles :meth:`run_page_pairs` gave it (none where their page failed), the one written
        with the result for the others."""
        for (row,) in self._db.execute(
            f"SELECT CASE WHEN {_PAGE_STEP} THEN p.row ELSE e.row END AS made FROM temp.run r"
            " LEFT JOIN comparisons c ON c.id = r.id AND c.basis = r.basis"
            " LEFT JOIN temp.early_pages e ON e.id = r.id"
            " LEFT JOIN temp.pages p ON p.id = r.id WHERE made IS NOT NULL ORDER BY r.rank"
        ):
            yield row

    def run_packed(self) -> Iterator[tuple[bytes, bytes | None]]:
        """The run's results in input order as stored, undecoded: ``(result, comparison)``,
        the comparison None unless the article is a rewrite with one (:func:`unpack_result`
        decodes a pair into what :meth:`run_results` gives)."""
        yield from self._db.execute(
            "SELECT a.result, c.comparison FROM temp.run r JOIN articles a ON a.id = r.id"
            " LEFT JOIN comparisons c ON c.id = r.id AND c.basis = r.basis ORDER BY r.rank"
        )

    def run_result(self, article_id: str) -> ArticleResult:
        """One result of the run, with its comparison when it is a rewrite (KeyError if absent)."""
        row = self._db.execute(
            "SELECT a.result, c.comparison FROM articles a LEFT JOIN temp.run r ON r.id = a.id"
            " LEFT JOIN comparisons c ON c.id = r.id AND c.basis = r.basis WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return _with_comparison(unpack(row[0]), row[1])

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
            except (ValueError, TypeError, KeyError, zstandard.ZstdError) as exc:
                problems.append(f"{article_id}: stored result cannot be read ({exc!r})")
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


# The articles whose pages the page step makes (run_page_pairs): those with no page written with
# their result, and rewrites (their page shows the comparison, which comes later).
_PAGE_STEP = "(e.id IS NULL OR c.comparison IS NOT NULL)"
# What each page job holds (StateStore.run_page_job); a query goes on with its conditions.
_PAGE_JOB = (
    "SELECT a.result, c.comparison, s.result, sc.comparison, e.id IS NOT NULL, r.rank"
    " FROM temp.run r"
    " JOIN articles a ON a.id = r.id"
    " LEFT JOIN comparisons c ON c.id = r.id AND c.basis = r.basis"
    " LEFT JOIN articles s ON s.id = r.source AND c.id IS NOT NULL"
    " LEFT JOIN temp.run rs ON rs.id = s.id"
    " LEFT JOIN comparisons sc ON sc.id = rs.id AND sc.basis = rs.basis"
    f" LEFT JOIN temp.early_pages e ON e.id = r.id WHERE {_PAGE_STEP}"
)
# A page job (StateStore.run_page_job): packed result, its packed comparison, the same two of
# the source, whether the page was written with the result (1 or 0), and the rank.
StoredJob = tuple[bytes, bytes | None, bytes | None, bytes | None, int, int]


def _with_comparison(result: ArticleResult, comparison: bytes | None) -> ArticleResult:
    if comparison is None:
        return result
    return dataclasses.replace(result, comparison=unpack(comparison))


def unpack_result(result: bytes, comparison: bytes | None) -> ArticleResult:
    """A result of :meth:`StateStore.run_packed`, with its comparison."""
    return _with_comparison(unpack(result), comparison)


def outputs_digest(
    entries: Iterable[tuple[str, str]], failures: Iterable[str], *, worksheets: bool = False
) -> str:
    """One hash of what a run's outputs depend on: ordered (id, key) pairs, failures, writers,
    and whether the pages link worksheets.

    Entries are hashed as they come, a JSON array of up to 512 at a time (a large run is never
    held as one list; one array per entry cost an unchanged rerun ~4 % of its time).
    """
    h = hashlib.sha256(output_version().encode())
    if worksheets:  # (a run without them hashes as it always did)
        h.update(b"worksheets\n")
    entries = iter(entries)
    while chunk := list(itertools.islice(entries, 512)):
        h.update(json.dumps(chunk).encode() + b"\n")
    h.update(json.dumps(list(failures), ensure_ascii=False).encode())
    return h.hexdigest()
