"""The SQLite store: every part of a result in its table, one transaction per article."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from click.testing import CliRunner
from conftest import SEED_IDS, SEEDS
from report_examples import rich_rewrite, rich_source

from analyzer.cli import cli
from analyzer.results import Finding
from analyzer.writers.sqlite import connect, write_db


def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_score_with_db_writes_every_seed(tmp_path):
    db = tmp_path / "r.db"
    result = CliRunner().invoke(
        cli, ["score", str(SEEDS), "--out", str(tmp_path / "o"), "--db", str(db)]
    )
    assert result.exit_code == 0
    assert rows(db, "SELECT id FROM articles ORDER BY id") == [(i,) for i in SEED_IDS]
    assert rows(
        db, "SELECT value FROM metrics WHERE article_id = ? AND name = 'sentences'", SEED_IDS[0]
    ) == [(87,)]


def test_db_with_json_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["score", str(SEEDS), "--json", "--db", str(tmp_path / "r.db")]
    )
    assert result.exit_code == 2
    assert "--db cannot be combined with --json" in result.output
    assert not (tmp_path / "r.db").exists()


def test_every_part_of_a_result_has_its_rows(tmp_path):
    db = tmp_path / "r.db"
    source, rewrite = rich_source(), rich_rewrite()
    write_db(db, [source, rewrite])
    assert rows(
        db, "SELECT name, value FROM scores WHERE article_id = ? ORDER BY name", source.id
    ) == [
        ("balance", None),
        ("hedging", 70.0),
        ("named_attribution", 92.0),
        ("sourcing", 81.5),
    ]
    assert rows(
        db, "SELECT kind, text FROM findings WHERE article_id = ? AND kind = 'hedge'", source.id
    ) == [("hedge", "seemingly")]
    assert rows(
        db, "SELECT name, role, quotes, mentions FROM sources WHERE article_id = ?", source.id
    ) == [
        ("Omar García Harfuch", "official", 5, 9),
        ("Claudia Sheinbaum", "official", 0, 4),
    ]
    assert rows(db, "SELECT count(*) FROM quotes WHERE article_id = ?", source.id) == [
        (len(source.quotes),)
    ]
    assert rows(
        db,
        "SELECT source_id, paired_by, source_direct_quotes, derived_direct_quotes,"
        " source_interview_answers, quoted_interview_answers, notes FROM comparisons",
    ) == [
        (
            source.id,
            "metadata",
            len(source.quotes),
            0,
            7,
            0,
            '["The rewrite quotes <b>no one</b>."]',
        )
    ]
    assert rows(db, "SELECT kind, text, source_text FROM comparison_issues ORDER BY start") == [
        ("number_mismatch", "At 43", "Mexico City’s police chief"),
        ("name_not_in_source", "Evangelina Contreras", None),
    ]


def test_offsets_in_the_store_slice_the_stored_text(tmp_path):
    db = tmp_path / "r.db"
    write_db(db, [rich_source()])
    con = sqlite3.connect(db)
    for table in ("findings", "quotes"):
        for text, start, end, full in con.execute(
            f"SELECT t.text, t.start, t.end, a.text FROM {table} t JOIN articles a ON a.id = t.article_id"
        ):
            assert full[start:end] == text


def test_scoring_again_replaces_an_article_instead_of_adding_to_it(tmp_path):
    db = tmp_path / "r.db"
    write_db(db, [rich_source()])
    write_db(db, [dataclasses.replace(rich_source(), findings=())])
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(db, "SELECT count(*) FROM findings") == [(0,)]


def test_an_article_that_fails_midway_leaves_no_row_and_the_ones_before_stay(tmp_path):
    db = tmp_path / "r.db"
    good = rich_source()
    # A finding whose offset SQLite cannot store: the failure comes after the article's own row.
    bad = dataclasses.replace(
        rich_rewrite(),
        findings=(Finding("hedge", object(), 3, "x", "m"),),  # type: ignore[arg-type]
    )
    with pytest.raises(sqlite3.Error):
        write_db(db, [good, bad])
    for table in ("articles", "scores", "metrics", "findings", "quotes", "comparisons"):
        column = "id" if table == "articles" else "article_id"
        assert rows(db, f"SELECT count(*) FROM {table} WHERE {column} = ?", bad.id) == [(0,)]
    assert rows(db, "SELECT id FROM articles") == [(good.id,)]


def test_readme_research_queries_run(tmp_path):
    db = tmp_path / "r.db"
    write_db(db, [rich_source(), rich_rewrite()])
    con = connect(db)
    assert con.execute(QUERY_FINDINGS_PER_1K).fetchall() == [
        ("New York Times", 1, 1, 0.65),
        ("(not stated)", 1, 0, 0.0),
    ]
    assert con.execute(QUERY_REWRITES).fetchall() == [
        (rich_rewrite().title, rich_source().title, 0.421, len(rich_source().quotes), 0, 2)
    ]


# The two example queries of the README, "SQLite store" (kept identical to it).
QUERY_FINDINGS_PER_1K = """
SELECT coalesce(a.outlet, '(not stated)') AS outlet, count(*) AS articles,
       sum(coalesce(f.n, 0)) AS unsupported_claims,
       round(1000.0 * sum(coalesce(f.n, 0)) / sum(a.words), 2) AS per_1k_words
FROM articles a
LEFT JOIN (SELECT article_id, count(*) AS n FROM findings
           WHERE kind = 'unsupported_claim' GROUP BY article_id) f ON f.article_id = a.id
GROUP BY 1 ORDER BY per_1k_words DESC
"""

QUERY_REWRITES = """
SELECT d.title AS rewrite, s.title AS source, round(c.similarity, 3) AS similarity,
       c.source_direct_quotes, c.derived_direct_quotes,
       (SELECT count(*) FROM comparison_issues i WHERE i.article_id = c.article_id) AS issues
FROM comparisons c
JOIN articles d ON d.id = c.article_id
LEFT JOIN articles s ON s.id = c.source_id
ORDER BY issues DESC
"""


def test_articles_are_committed_in_groups_and_a_failure_keeps_every_article_before_it(
    tmp_path, monkeypatch
):
    import analyzer.writers.sqlite as writer
    from analyzer.writers.sqlite import COMMIT_EVERY

    statements: list[str] = []

    def traced(path):
        con = real_connect(path)
        con.set_trace_callback(statements.append)
        return con

    real_connect = writer.connect
    monkeypatch.setattr(writer, "connect", traced)
    db = tmp_path / "r.db"
    many = [dataclasses.replace(rich_source(), id=f"a{i:03d}") for i in range(COMMIT_EVERY + 5)]
    bad = dataclasses.replace(
        many[-1], id="bad", findings=(Finding("hedge", object(), 3, "x", "m"),)
    )  # type: ignore[arg-type]
    with pytest.raises(sqlite3.Error):
        write_db(db, [*many, bad])
    assert rows(db, "SELECT count(*) FROM articles") == [(len(many),)]
    assert rows(db, "SELECT count(*) FROM findings WHERE article_id = 'bad'") == [(0,)]
    # the first COMMIT_EVERY articles share one transaction; the rest (and the undone one) a second
    steps = [s for s in statements if s in ("BEGIN", "COMMIT", "SAVEPOINT article")]
    group = ["BEGIN", *["SAVEPOINT article"] * COMMIT_EVERY, "COMMIT"]
    assert steps == [*group, "BEGIN", *["SAVEPOINT article"] * 6, "COMMIT"]


def test_results_that_stop_midway_keep_the_articles_written_before(tmp_path):
    db = tmp_path / "r.db"

    def results():
        yield rich_source()
        raise RuntimeError("store damaged")

    with pytest.raises(RuntimeError):
        write_db(db, results())
    assert rows(db, "SELECT id FROM articles") == [(rich_source().id,)]


def dump(db) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_a_batch_writes_the_same_database_whether_workers_or_this_process_decode(tmp_path):
    from analyzer.batch import score_paths

    score_paths([str(SEEDS)], tmp_path / "one", db=tmp_path / "one.db", jobs=1)
    score_paths([str(SEEDS)], tmp_path / "two", db=tmp_path / "two.db", jobs=2)
    assert rows(tmp_path / "two.db", "SELECT count(*) FROM comparisons") == [(2,)]
    assert dump(tmp_path / "two.db") == dump(tmp_path / "one.db")


def test_database_rows_a_worker_could_not_make_are_made_here(tmp_path, monkeypatch):
    from analyzer.batch import score_paths

    score_paths([str(SEEDS)], tmp_path / "one", db=tmp_path / "one.db")
    lost = [(None, "worker failed (lost)")]
    monkeypatch.setattr("analyzer.writers.sqlite.rows_chunk", lambda jobs: lost * len(jobs))
    score_paths([str(SEEDS)], tmp_path / "two", db=tmp_path / "two.db", jobs=2)
    assert dump(tmp_path / "two.db") == dump(tmp_path / "one.db")


FRENCH = (
    "Le maire de Montréal a déclaré mardi que le budget de la ville augmentera de cinq pour cent "
    "l'an prochain, a dit José Pérez, porte-parole de la ville, lors d'une conférence de presse."
)


def test_each_article_has_its_language_and_whether_its_scores_are_meaningful(tmp_path):
    db = tmp_path / "r.db"
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (inputs / "short.txt").write_text("Hello.", encoding="utf-8")
    (inputs / "en.txt").write_text((SEEDS / f"{SEED_IDS[0]}.txt").read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(
        cli, ["score", str(inputs), "--out", str(tmp_path / "o"), "--db", str(db)]
    )
    assert result.exit_code == 0
    assert rows(db, "SELECT id, language, scores_meaningful FROM articles ORDER BY id") == [
        ("en", "en", 1),
        ("fr", "fr", 0),
        ("short", None, 1),
    ]


# The articles table as schema version 1 made it, before language and scores_meaningful.
VERSION_1_ARTICLES = """
CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT, outlet TEXT,
    author TEXT, published TEXT, url TEXT, type TEXT, words INTEGER, derived_from TEXT,
    text TEXT NOT NULL);
INSERT INTO articles VALUES ('old', 'old.txt', NULL, NULL, NULL, NULL, NULL, 'news', 1, '[]', 'Hi.');
PRAGMA user_version = 1;
"""


def test_a_database_an_older_version_made_gets_the_new_columns_last(tmp_path):
    old, fresh = tmp_path / "old.db", tmp_path / "fresh.db"
    con = sqlite3.connect(old)
    con.executescript(VERSION_1_ARTICLES)
    con.close()
    french = dataclasses.replace(rich_source(), id="new", language="fr")
    write_db(old, [french])
    write_db(fresh, [french])
    columns = "SELECT name FROM pragma_table_info('articles') ORDER BY cid"
    assert rows(old, columns) == rows(fresh, columns)
    assert rows(old, columns)[-2:] == [("language",), ("scores_meaningful",)]
    assert rows(old, "PRAGMA user_version") == [(2,)]
    assert rows(old, "SELECT id, language, scores_meaningful FROM articles ORDER BY id") == [
        ("new", "fr", 0),
        ("old", None, None),  # written before: kept as it was
    ]
