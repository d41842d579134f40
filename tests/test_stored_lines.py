"""Stored results.jsonl lines: made with each result (and each comparison) where it is made, and
copied to results.jsonl and ``--json`` in input order instead of being rebuilt from results."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zlib

import pytest
from click.testing import CliRunner
from conftest import SEEDS

import analyzer.batch
from analyzer import codec
from analyzer.batch import analyze_paths, score_paths
from analyzer.cli import cli
from analyzer.state import (
    SCHEMA_VERSION,
    Compared,
    Scored,
    StateStore,
    pack,
    result_line,
    unpack,
)
from analyzer.writers.html import write_site, write_stored_site
from analyzer.writers.jsonl import dumps

REWRITE_002, SOURCE_000 = "002_10ec1c2511d1067e", "000_6af52c64d008fc3c"


def seed_records(jobs: int = 1) -> list[bytes]:
    records: list[bytes] = []
    analyze_paths([str(SEEDS)], records=records.append, jobs=jobs)
    return records


def as_record(result) -> bytes:
    """A result's record as results.jsonl holds it: its line, a newline, in UTF-8."""
    return (dumps(result.to_record()) + "\n").encode("utf-8", "surrogatepass")


def test_each_stored_line_is_the_json_of_its_record():
    results = analyze_paths([str(SEEDS)]).results
    assert seed_records() == [as_record(r) for r in results]
    assert sum(r.comparison is not None for r in results) == 2  # rewrites' lines are covered


def test_lines_made_by_workers_are_the_lines_made_here():
    assert seed_records(jobs=2) == seed_records(jobs=1)


def test_a_rewrites_line_carries_its_comparison_and_its_sources_line_none():
    records = {r["id"]: r for r in map(json.loads, seed_records())}
    assert records[REWRITE_002]["comparison"]["source_id"] == SOURCE_000
    assert records[SOURCE_000]["comparison"] is None


def test_score_json_prints_the_lines_results_jsonl_holds(tmp_path):
    score_paths([str(SEEDS)], tmp_path / "out")
    printed = CliRunner().invoke(cli, ["score", str(SEEDS), "--json"])
    assert printed.exit_code == 0
    assert printed.output == (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8")


def test_a_rerun_reusing_stored_comparisons_writes_the_same_bytes(tmp_path, monkeypatch):
    out = tmp_path / "out"
    score_paths([str(SEEDS)], out)
    expected = (out / "results.jsonl").read_bytes()
    (out / "results.jsonl").unlink()  # the outputs are written again, from the store alone

    def not_again(pairs):
        raise AssertionError(f"compared again: {len(pairs)} pairs")

    monkeypatch.setattr(analyzer.batch, "compare_chunk", not_again)
    assert score_paths([str(SEEDS)], out).counts.unchanged == 5
    assert (out / "results.jsonl").read_bytes() == expected
    assert expected.count(b'"paired_by": "metadata"') == 2


def test_a_failed_comparison_leaves_the_rewrite_its_line_without_comparison(tmp_path):
    # A comparison missing from the store (failed, or not done yet) gives the article's own line.
    out = tmp_path / "out"
    score_paths([str(SEEDS)], out)
    with StateStore(out / "state.sqlite") as store:
        store.begin_run()
        store.add_to_run([(0, REWRITE_002)])
        store.finish_run()
        (record,) = store.run_records()
    assert record == as_record(analyze_paths([str(SEEDS / f"{REWRITE_002}.txt")]).results[0])
    assert json.loads(record)["comparison"] is None


def test_a_store_of_the_older_layout_is_started_again(tmp_path):
    path = tmp_path / "state.sqlite"
    with sqlite3.connect(path) as con:  # schema 1: results alone
        con.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, key TEXT, result BLOB)")
        con.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute("INSERT INTO meta VALUES ('schema', '1')")
        con.execute("INSERT INTO articles VALUES ('a', 'k', x'00')")
    con.close()
    (result,) = analyze_paths([str(SEEDS / f"{SOURCE_000}.txt")]).results
    with StateStore(path) as store:
        assert store.keys() == {}
        store.put([(result.id, "k", Scored(pack(result)))])
        store.begin_run()
        store.add_to_run([(0, result.id)])
        store.finish_run()
        assert [as_record(result)] == list(store.run_records())


def to_schema_5(path) -> None:
    """Turn a store written now into the layout of schema 5 (before 7df1c07), as an older
    analyzer left it: each result as codec JSON alone, its results.jsonl line in a column of
    its own, ``schema`` 5. Keys, remembered files and the outputs' record stay as they are,
    so that only the schema tells the store apart from a current one."""
    with sqlite3.connect(path) as con:
        con.execute(
            "CREATE TABLE old (id TEXT PRIMARY KEY, key TEXT NOT NULL, result BLOB NOT NULL,"
            " line BLOB NOT NULL, published TEXT, derived_from TEXT, terms TEXT)"
        )
        for article_id, key, blob, *pairing in con.execute(
            "SELECT id, key, result, published, derived_from, terms FROM articles"
        ).fetchall():
            as_codec = zlib.compress(codec.encode(unpack(blob)).encode("utf-8", "surrogatepass"), 1)
            line = zlib.compress(result_line(blob).encode("utf-8", "surrogatepass"), 1)
            con.execute(
                "INSERT INTO old VALUES (?, ?, ?, ?, ?, ?, ?)",
                (article_id, key, as_codec, line, *pairing),
            )
        con.execute("DROP TABLE articles")
        con.execute("ALTER TABLE old RENAME TO articles")
        con.execute("UPDATE meta SET value = '5' WHERE name = 'schema'")
    con.close()


def written(folder):
    """Every file a run wrote in ``folder`` but the store, by path inside it."""
    return {
        p.relative_to(folder): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith("state.sqlite")
    }


def test_a_store_of_schema_5_is_dropped_and_every_article_scored_again_once(tmp_path):
    out = tmp_path / "out"
    score_paths([str(SEEDS)], out)
    fresh = written(out)
    to_schema_5(out / "state.sqlite")
    with sqlite3.connect(out / "state.sqlite") as con:  # what a rerun could wrongly trust
        assert con.execute("SELECT count(*) FROM files").fetchone() == (5,)
        assert con.execute("SELECT count(*) FROM comparisons").fetchone() == (2,)
    con.close()

    counts = score_paths([str(SEEDS)], out).counts
    assert (counts.scored, counts.unchanged) == (5, 0)
    assert written(out) == fresh
    with StateStore(out / "state.sqlite") as store:
        assert store.check() == []
        assert store.get_meta("schema") == str(SCHEMA_VERSION)
    with sqlite3.connect(out / "state.sqlite") as con:
        columns = [row[1] for row in con.execute("PRAGMA table_info(articles)")]
    con.close()
    assert "line" not in columns
    assert score_paths([str(SEEDS)], out).counts.unchanged == 5  # the new store is whole


def packed_jobs(results):
    """Page jobs as a state store gives them: (result, comparison, source, its comparison,
    no page written early, rank)."""
    by_id = {r.id: r for r in results}

    def apart(result):
        bare = dataclasses.replace(result, comparison=None)
        return pack(bare), None if result.comparison is None else pack(result.comparison)

    for rank, r in enumerate(results):
        source = by_id.get(r.comparison.source_id) if r.comparison is not None else None
        yield (*apart(r), *(apart(source) if source is not None else (None, None)), 0, rank)


def test_pages_from_stored_jobs_are_the_pages_write_site_writes(tmp_path):
    results = analyze_paths([str(SEEDS)]).results
    write_site(tmp_path / "site", results)

    def lost(chunks):  # every worker lost: the writer renders every page itself
        gone = (None, "worker failed (BrokenProcessPool: gone)")
        return ((job, gone) for chunk in chunks for job in chunk)

    for render in (None, lost):
        out = tmp_path / str(render)
        assert write_stored_site(out, [list(packed_jobs(results))], render=render) == []
        pages = sorted(p.relative_to(out) for p in out.rglob("*.html"))
        assert len(pages) == 8  # the index, 5 articles, 2 compare pages
        site = tmp_path / "site"
        assert pages == sorted(p.relative_to(site) for p in site.rglob("*.html"))
        for page in pages:
            assert (out / page).read_bytes() == (site / page).read_bytes()


def test_similarities_differing_in_the_last_bit_name_different_comparisons(tmp_path):
    near = 0.1 + 0.2  # 0.30000000000000004: the same as 0.3 to 15 digits
    with StateStore(tmp_path / "state.sqlite") as store:
        store.put([(i, "k", Scored(b"packed")) for i in ("a", "b")])
        store.begin_run()
        store.add_to_run([(0, "a"), (1, "b")])
        store.finish_run()
        bases = []
        for similarity in (0.3, near):
            store.set_pairs([(1, 0, "similarity", similarity)])
            [(rank, _)] = store.pending_pair_ranks()
            [(*_, basis)] = store.run_pairs([rank])
            bases.append(basis)
    assert bases[0] != bases[1]


def test_pairs_are_read_in_the_order_of_the_ranks_asked_for(tmp_path):
    # A batch asks for a chunk's pairs in the order of their chains, not of their ranks.
    with StateStore(tmp_path / "state.sqlite") as store:
        store.put([(i, "k", Scored(f"packed {i}".encode())) for i in "abcd"])
        store.begin_run()
        store.add_to_run(list(enumerate("abcd")))
        store.finish_run()
        store.set_pairs(
            [(3, 1, "similarity", 0.5), (1, 0, "metadata", 0.25), (2, 0, "similarity", 1.0)]
        )
        [(*pair, basis)] = store.run_pairs([2])
        assert pair == ["c", b"packed c", "a", b"packed a", "similarity", 1.0]
        assert [(d, s, by, sim) for d, _, s, _, by, sim, _ in store.run_pairs([3, 1])] == [
            ("d", "b", "similarity", 0.5),
            ("b", "a", "metadata", 0.25),
        ]
    assert basis == '["a","similarity","1.0","k","k"]'


def test_a_comparison_stored_with_a_15_digit_basis_is_made_again_then_dropped(tmp_path):
    with StateStore(tmp_path / "state.sqlite") as store:
        store.put([(i, "k", Scored(b"packed")) for i in ("a", "b")])
        old_basis = '["a","similarity",0.3,"k","k"]'  # json_array(..., similarity, ...) before
        store.put_comparisons([("b", old_basis, Compared(b"c", b"l"))])
        store.begin_run()
        store.add_to_run([(0, "a"), (1, "b")])
        store.finish_run()
        store.set_pairs([(1, 0, "similarity", 0.3)])
        [(rank, _)] = store.pending_pair_ranks()
        assert store.run_pairs([rank])[0][0] == "b"
        store.drop_stale_comparisons()
        assert list(store.run_packed()) == [(b"packed", None)] * 2


def test_each_and_records_together_are_refused():
    with pytest.raises(ValueError, match="not both"):
        analyze_paths([str(SEEDS)], each=print, records=print)


def test_an_unchanged_rerun_writes_nothing_to_the_store(tmp_path):
    out = tmp_path / "out"
    score_paths([str(SEEDS)], out)
    before = (out / "state.sqlite").stat()

    assert score_paths([str(SEEDS)], out).counts.unchanged == 5
    after = (out / "state.sqlite").stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_the_articles_table_keeps_the_result_and_terms_after_its_short_columns(tmp_path):
    # SQLite reads a row's columns in order: a short column after a result (which spills to
    # overflow pages) costs a walk over those pages, in every run's query of the languages.
    score_paths([str(SEEDS)], tmp_path / "out")
    with sqlite3.connect(tmp_path / "out" / "state.sqlite") as con:
        columns = [row[1] for row in con.execute("PRAGMA table_info(articles)")]
    con.close()
    assert columns == ["id", "key", "published", "derived_from", "language", "result", "terms"]
