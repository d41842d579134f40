"""SQLite store (``analyzer score ... --db FILE``): results as tables a researcher can query.

One row per article in ``articles``; its scores, metrics, findings, sources, quotes,
attributions, comparison and comparison issues in their own tables, keyed by ``article_id``.
Each article is written whole or not at all: its old rows are deleted and the new ones inserted
inside one savepoint, so a crash (or a bad value) never leaves half an article, and scoring an
article again replaces it. Articles are committed in groups (:data:`COMMIT_EVERY`): a commit
waits for the disk, and one per article made a batch's database cost seconds per 1,000. The schema
is in the README, "SQLite store".
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from analyzer.language import is_english
from analyzer.results import ArticleResult

SCHEMA_VERSION = 2

# Articles per transaction in write_db (each within it in a savepoint of its own).
COMMIT_EVERY = 64

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    author TEXT,
    published TEXT,          -- ISO date or NULL
    url TEXT,
    type TEXT,               -- news | interview | opinion | ai_rewrite, or NULL if not classified
    words INTEGER,
    derived_from TEXT,       -- JSON list of article ids
    text TEXT NOT NULL,
    -- Added in schema version 2, last so that a database made before has its columns in the
    -- same places (_ADDED_COLUMNS); NULL in rows written before.
    language TEXT,           -- ISO 639 code of the text's language, NULL when too short to tell
    scores_meaningful INTEGER  -- 1, or 0 when the text is not English (every model is English)
);
CREATE TABLE IF NOT EXISTS scores (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value REAL,              -- 0-100, NULL when there was nothing to measure
    PRIMARY KEY (article_id, name)
);
CREATE TABLE IF NOT EXISTS metrics (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value,                   -- number, or NULL when there was nothing to divide by
    PRIMARY KEY (article_id, name)
);
CREATE TABLE IF NOT EXISTS findings (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,  -- character offsets into articles.text, end exclusive
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,      -- person | organization | document | anonymous
    role TEXT,
    description TEXT,
    quotes INTEGER NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_kind TEXT
);
CREATE TABLE IF NOT EXISTS attributions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    source TEXT,
    source_kind TEXT,
    cue TEXT
);
CREATE TABLE IF NOT EXISTS comparisons (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,  -- the rewrite
    source_id TEXT NOT NULL,
    similarity REAL NOT NULL,
    paired_by TEXT NOT NULL,  -- metadata | similarity
    source_direct_quotes INTEGER NOT NULL,
    derived_direct_quotes INTEGER NOT NULL,
    source_interview_answers INTEGER,  -- NULL unless the source is a Q&A interview
    quoted_interview_answers INTEGER,
    notes TEXT                -- JSON list of plain-language summary lines
);
CREATE TABLE IF NOT EXISTS comparison_issues (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    message TEXT NOT NULL,
    source_text TEXT
);
CREATE INDEX IF NOT EXISTS findings_kind ON findings(kind);
CREATE INDEX IF NOT EXISTS findings_article ON findings(article_id);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS sources_article ON sources(article_id);
CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article_id);
CREATE INDEX IF NOT EXISTS issues_article ON comparison_issues(article_id);
"""

# Columns of ``articles`` added after schema version 1, in order: a database made before gets
# them at its table's end, where SCHEMA puts them.
_ADDED_COLUMNS = (("language", "TEXT"), ("scores_meaningful", "INTEGER"))

_CHILD_TABLES = (
    "scores",
    "metrics",
    "findings",
    "sources",
    "quotes",
    "attributions",
    "comparisons",
    "comparison_issues",
)


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) a store with the schema in place.

    Examples
    --------
    >>> con = connect(":memory:")
    >>> con.execute("SELECT count(*) FROM articles").fetchone()
    (0,)
    """
    con = sqlite3.connect(str(path))
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        con.executescript(SCHEMA)
        have = {row[1] for row in con.execute("PRAGMA table_info(articles)")}
        for name, declared in _ADDED_COLUMNS:
            if name not in have:  # a database an older version made
                con.execute(f"ALTER TABLE articles ADD COLUMN {name} {declared}")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return con


def _metric_value(value: Any) -> Any:
    # Metrics are numbers; anything richer a signal adds is kept readable as JSON text.
    if value is None or isinstance(value, int | float | str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# One article's rows: its id and, table by table in insertion order, the rows to insert. Made
# where the result is decoded (an engine's worker, in a batch), inserted by write_rows.
ArticleRows = tuple[str, list[tuple[str, list[tuple[Any, ...]]]]]


def article_rows(result: ArticleResult) -> ArticleRows:
    """Every row one result gives, table by table.

    Examples
    --------
    >>> aid, tables = article_rows(ArticleResult(id="a", path="a.txt", text="Hi."))
    >>> aid, [name for name, rows in tables if rows]
    ('a', ['articles'])
    """
    aid = result.id
    article = (
        aid,
        result.path,
        result.title,
        result.outlet,
        result.author,
        result.published,
        result.url,
        result.type,
        result.metrics.get("words"),
        json.dumps(list(result.derived_from)),
        result.text,
        result.language,
        int(is_english(result.language)),
    )
    tables: list[tuple[str, list[tuple[Any, ...]]]] = [
        ("articles", [article]),
        ("scores", [(aid, name, value) for name, value in sorted(result.scores.items())]),
        ("metrics", [(aid, name, _metric_value(v)) for name, v in sorted(result.metrics.items())]),
        ("findings", [(aid, f.kind, f.start, f.end, f.text, f.message) for f in result.findings]),
        (
            "sources",
            [
                (aid, s.name, s.kind, s.role, s.description, s.quotes, s.mentions)
                for s in result.sources or ()
            ],
        ),
        (
            "quotes",
            [(aid, q.start, q.end, q.text, q.speaker, q.speaker_kind) for q in result.quotes or ()],
        ),
        (
            "attributions",
            [
                (aid, a.start, a.end, a.kind, a.source, a.source_kind, a.cue)
                for a in result.attributions or ()
            ],
        ),
    ]
    c = result.comparison
    if c is not None:
        compared = (
            aid,
            c.source_id,
            c.similarity,
            c.paired_by,
            c.source_direct_quotes,
            c.derived_direct_quotes,
            c.source_interview_answers,
            c.quoted_interview_answers,
            json.dumps(list(c.notes), ensure_ascii=False),
        )
        issues = [(aid, i.kind, i.start, i.end, i.text, i.message, i.source_text) for i in c.issues]
        tables += [("comparisons", [compared]), ("comparison_issues", issues)]
    return aid, tables


def store_result(con: sqlite3.Connection, result: ArticleResult) -> None:
    """Replace one article's rows, all in one transaction (all written, or none)."""
    with con:
        _replace(con, article_rows(result))


def _replace(con: sqlite3.Connection, rows: ArticleRows) -> None:
    """Delete one article's rows and insert its new ones (in the caller's transaction)."""
    aid, tables = rows
    con.execute("DELETE FROM articles WHERE id = ?", (aid,))
    for table in _CHILD_TABLES:
        con.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
    for table, values in tables:
        if values:
            marks = ", ".join("?" * len(values[0]))
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", values)


def write_db(path: Path | str, results: Iterable[ArticleResult]) -> None:
    """Write (or replace) every result in the store at ``path`` (see :func:`write_rows`).

    Articles already in the store and not in ``results`` are kept, so an incremental batch that
    re-scores only changed articles leaves the others as they were.

    Examples
    --------
    >>> import tempfile, os
    >>> from analyzer.results import ArticleResult
    >>> db = os.path.join(tempfile.mkdtemp(), "r.db")
    >>> write_db(db, [ArticleResult(id="a", path="a.txt", text="Hi.", title="Hello")])
    >>> connect(db).execute("SELECT id, title FROM articles").fetchall()
    [('a', 'Hello')]
    """
    write_rows(path, (article_rows(r) for r in results))


def write_rows(path: Path | str, articles: Iterable[ArticleRows]) -> None:
    """Write (or replace) the rows of every article (:func:`article_rows`) in the store at
    ``path``, each article whole or not at all (a savepoint each), committed every
    :data:`COMMIT_EVERY` articles. An article that fails leaves no row; the ones before it are
    committed, then the error is raised."""
    con = connect(path)
    con.isolation_level = None  # transactions and savepoints are begun here, not by the module
    try:
        waiting = 0  # articles in the open transaction
        for rows in articles:
            if waiting == 0:
                con.execute("BEGIN")
            con.execute("SAVEPOINT article")
            try:
                _replace(con, rows)
            except BaseException:
                con.execute("ROLLBACK TO article")  # the articles before this one stay
                raise
            con.execute("RELEASE article")
            waiting += 1
            if waiting == COMMIT_EVERY:
                con.execute("COMMIT")
                waiting = 0
    finally:
        try:
            if con.in_transaction:  # only whole articles are in it: a failing one was undone
                con.execute("COMMIT")
        finally:
            con.close()


# A result as the state store holds it (StateStore.run_packed): packed result and comparison.
StoredResult = tuple[bytes, bytes | None]


def rows_chunk(jobs: list[StoredResult]) -> list[tuple[ArticleRows | None, str | None]]:
    """:func:`article_rows` of stored results, decoded here: an engine's work, so that a batch's
    main process decodes no result for the database (one outcome per job; a failure gives its
    reason, and the batch makes those rows again itself, where the error is raised).

    Examples
    --------
    >>> from analyzer.state import pack
    >>> [((aid, tables), error)] = rows_chunk([(pack(ArticleResult("a", "a.txt", "Hi.")), None)])
    >>> aid, tables[0][1][0][10], error
    ('a', 'Hi.', None)
    """
    from analyzer.state import unpack_result

    out: list[tuple[ArticleRows | None, str | None]] = []
    for result, comparison in jobs:
        try:
            out.append((article_rows(unpack_result(result, comparison)), None))
        except Exception as exc:  # made again by the batch, which then raises it
            out.append((None, f"{type(exc).__name__}: {exc}"))
    return out
