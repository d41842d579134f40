"""A rerun does not read an input file whose signature (stat and manifest row) is unchanged.

Each test counts the files a run opens by wrapping the reader's one way of opening a file
(readers._open_regular), so "not read" is observed, not assumed. Files written by a test are
seconds old at most, which a real run never trusts (they could still change within the same
timestamp tick: signatures.RACY_NS); the ``trusted`` fixture lifts that wait, except in the test
of that rule itself.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import time
import types
from pathlib import Path

import pytest
from test_language import FRENCH

import analyzer.file_record
import analyzer.readers as readers
import analyzer.state
from analyzer.batch import score_paths
from analyzer.readers import signatures
from analyzer.state import Scored, StateStore

TEXT = "The council voted 5 to 2 on Tuesday to add three bus routes, the mayor said.\n"


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The paths the readers open, in order, for every run in the test."""
    paths: list[str] = []
    real = readers._open_regular

    def spy(path: str):
        paths.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(readers, "_open_regular", spy)
    return paths


@pytest.fixture
def trusted(monkeypatch) -> None:
    """Trust signatures of files written just now (a real run waits RACY_NS for that)."""
    monkeypatch.setattr(signatures, "RACY_NS", -60 * 10**9)


def score(inputs: Path, out: Path, opened: list[str]) -> tuple[list[str], tuple[int, int, int]]:
    """Score ``inputs`` into ``out``: the files opened, and (scored, unchanged, failed)."""
    opened.clear()
    batch = score_paths([str(inputs)], out)
    counts = batch.counts
    return list(opened), (counts.scored, counts.unchanged, counts.failed)


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").open(encoding="utf-8")]


def test_an_unchanged_file_is_not_read_again(tmp_path, opened, trusted):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(TEXT.replace("three", "four"), encoding="utf-8")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.txt", "b.txt"], (2, 0, 0))
    first = (tmp_path / "out" / "results.jsonl").read_bytes()
    assert score(tmp_path / "in", tmp_path / "out", opened) == ([], (0, 2, 0))
    assert (tmp_path / "out" / "results.jsonl").read_bytes() == first


def test_a_store_made_before_its_indexes_gets_them_and_reads_nothing_again(
    tmp_path, opened, trusted
):
    # The rerun's queries name the indexes (INDEXED BY): a store without them must not fail.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(FRENCH, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    first = (tmp_path / "out" / "results.jsonl").read_bytes()
    with sqlite3.connect(tmp_path / "out" / "state.sqlite") as db:
        db.execute("DROP INDEX articles_keys")
        db.execute("DROP INDEX articles_not_english")
    opened.clear()
    batch = score_paths([str(tmp_path / "in")], tmp_path / "out")
    assert (batch.counts.unchanged, opened) == (2, [])
    assert [notice.path for notice in batch.other_languages] == [str(tmp_path / "in" / "b.txt")]
    assert (tmp_path / "out" / "results.jsonl").read_bytes() == first


def test_new_content_with_the_old_size_and_mtime_is_read(tmp_path, opened, trusted):
    # os.utime can put mtime back, but the change time (ctime) moves on with every write.
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    before = path.stat()
    path.write_text(TEXT.replace("Tuesday", "Thursday")[:-2] + "\n", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.txt"], (1, 0, 0))
    assert "Thursday" in records(tmp_path / "out")[0]["text"]


def test_a_changed_manifest_row_reads_the_file_again(tmp_path, opened, trusted):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(TEXT, encoding="utf-8")
    manifest = tmp_path / "in" / "manifest.csv"
    manifest.write_text("file,author\na.txt,Jo Park\n", encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    manifest.write_text("file,author\na.txt,Ann Lee\n", encoding="utf-8")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.txt"], (1, 1, 0))
    assert [r["author"] for r in records(tmp_path / "out")] == ["Ann Lee", None]


def test_a_deleted_file_is_dropped_and_forgotten(tmp_path, opened, trusted):
    (tmp_path / "in").mkdir()
    for name in ("a", "b"):
        (tmp_path / "in" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    (tmp_path / "in" / "b.txt").unlink()
    assert score(tmp_path / "in", tmp_path / "out", opened) == ([], (0, 1, 0))
    assert [r["id"] for r in records(tmp_path / "out")] == ["a"]
    with StateStore(tmp_path / "out" / "state.sqlite") as store:
        remembered = [path for path, _, _ in store.remembered_files("", 10)]
    assert remembered == [str(tmp_path / "in" / "a.txt")]


def test_a_renamed_file_is_read_under_its_new_name(tmp_path, opened, trusted):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    (tmp_path / "in" / "a.txt").rename(tmp_path / "in" / "c.txt")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["c.txt"], (1, 0, 0))
    assert [(r["id"], Path(r["path"]).name) for r in records(tmp_path / "out")] == [("c", "c.txt")]


def test_a_file_row_whose_id_another_file_now_holds_is_forgotten(tmp_path, opened, trusted):
    # a.txt renamed a.md: the new file holds the id "a" under another key, so the old row can
    # never be used again and is deleted, not kept (and fetched by every window) for good.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    (tmp_path / "in" / "a.txt").rename(tmp_path / "in" / "a.md")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.md"], (1, 0, 0))
    with sqlite3.connect(tmp_path / "out" / "state.sqlite") as db:
        rows = db.execute("SELECT path, id FROM files").fetchall()
    assert rows == [(str(tmp_path / "in" / "a.md"), "a")]


def test_an_unchanged_file_whose_id_is_now_taken_earlier_is_read(tmp_path, opened, trusted):
    # Ids are handed out in reading order: b/x.txt was "x-2" beside a/x.txt, and is "x" alone.
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "x.txt").write_text(f"{folder}: {TEXT}", encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    assert [r["id"] for r in records(tmp_path / "out")] == ["x", "x-2"]
    shutil.rmtree(tmp_path / "in" / "a")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["x.txt"], (1, 0, 0))
    assert [(r["id"], r["text"][:2]) for r in records(tmp_path / "out")] == [("x", "b:")]


def test_jsonl_and_feed_files_are_always_read(tmp_path, opened, trusted):
    (tmp_path / "in").mkdir()
    lines = [json.dumps({"id": f"n{i}", "text": f"{i}: {TEXT}"}) for i in range(2)]
    (tmp_path / "in" / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    item = f"<item><title>Routes</title><guid>r1</guid><description>{TEXT}</description></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</channel></rss>'
    (tmp_path / "in" / "news.rss").write_text(feed, encoding="utf-8")
    assert score(tmp_path / "in", tmp_path / "out", opened)[1] == (3, 0, 0)
    assert score(tmp_path / "in", tmp_path / "out", opened) == (
        ["dump.jsonl", "news.rss"],
        (0, 3, 0),
    )


def test_a_file_the_encoding_detector_read_is_always_read(tmp_path, opened, trusted):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(TEXT.replace("mayor", "maire café").encode("cp1252"))
    score(tmp_path / "in", tmp_path / "out", opened)
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.txt"], (0, 1, 0))


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path, opened):
    # Racily clean: a write after the read, within the same timestamp tick, could leave size
    # and times as they were. A file changed less than RACY_NS before its read is not trusted.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.txt"], (0, 1, 0))


def test_a_new_analyzer_reads_every_file_again(tmp_path, opened, trusted, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    monkeypatch.setattr(analyzer.file_record, "analysis_version", lambda: "another analyzer")
    assert score(tmp_path / "in", tmp_path / "out", opened)[0] == ["a.txt"]


def test_where_ctime_is_not_the_change_time_every_file_is_read(
    tmp_path, opened, trusted, monkeypatch
):
    monkeypatch.setattr(signatures, "SUPPORTED", False)  # as on Windows: ctime is creation time
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.txt"], (0, 1, 0))


def test_another_state_store_reads_every_file(tmp_path, opened, trusted):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    score(tmp_path / "in", tmp_path / "out", opened)
    opened.clear()
    score_paths([str(tmp_path / "in")], tmp_path / "out", state=tmp_path / "other.sqlite")
    assert opened == ["a.txt"]


def test_a_remembered_file_counts_only_while_its_article_keeps_the_key(tmp_path):
    # Files and articles are written in separate transactions (a kill may fall between them):
    # a file row is used only while the article is stored under the key it names.
    with StateStore(tmp_path / "state.sqlite") as store:
        store.remember_files([("in/a.txt", "basis", "a", "k1")])
        assert store.remembered_files("", 10) == []  # no article yet
        store.put([("a", "k1", Scored(b""))])
        assert store.remembered_files("", 10) == [("in/a.txt", "basis", "a")]
        store.put([("a", "k2", Scored(b""))])
        assert store.remembered_files("", 10) == []


def test_remembered_files_are_fetched_a_window_at_a_time_in_any_order(
    tmp_path, opened, trusted, monkeypatch
):
    # A folder's files come before its subfolders', which is not the order of their paths.
    monkeypatch.setattr(analyzer.file_record, "_WINDOW", 2)
    for folder in ("in", "in/b", "in/b/c", "in/a"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for name in ("x", "y", "z"):
            text = f"{folder}/{name}: {TEXT}"
            (tmp_path / folder / f"{name}-{folder[-1]}.txt").write_text(text, encoding="utf-8")
    assert score(tmp_path / "in", tmp_path / "out", opened)[1] == (12, 0, 0)
    assert score(tmp_path / "in", tmp_path / "out", opened) == ([], (0, 12, 0))


def test_a_file_name_that_is_not_valid_unicode_is_refused_each_run_never_remembered(
    tmp_path, opened, trusted
):
    # Bytes the file system could not decode are kept as lone surrogates, which SQLite (and every
    # output) refuses: the readers name such a file as an error before opening or recalling it.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    try:
        with open(os.fsencode(tmp_path / "in") + b"/caf\xe9.txt", "wb") as handle:
            handle.write(TEXT.encode())
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses a name that is not UTF-8")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.txt"], (1, 0, 1))
    assert score(tmp_path / "in", tmp_path / "out", opened) == ([], (0, 1, 1))
    with StateStore(tmp_path / "out" / "state.sqlite") as store:
        remembered = [path for path, _, _ in store.remembered_files("", 10)]
    assert remembered == [str(tmp_path / "in" / "a.txt")]


def test_an_unread_rewrite_whose_source_was_edited_gives_a_fresh_runs_bytes(
    tmp_path, opened, trusted
):
    # The rewrite is not read again, but its comparison is made again with the edited source.
    source = " ".join(
        f"The council voted {n} to 2 on Tuesday to add three bus routes, the mayor said."
        for n in range(3, 9)
    )
    rewrite = source.replace("the mayor said", "officials confirmed")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(source + "\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(
        f"---\ntitle: Routes\nderived_from: a\n---\n{rewrite}\n", encoding="utf-8"
    )
    score(tmp_path / "in", tmp_path / "out", opened)
    (tmp_path / "in" / "a.txt").write_text(source.replace("three", "four") + "\n", "utf-8")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.txt"], (1, 1, 0))
    score(tmp_path / "in", tmp_path / "fresh", opened)

    def outputs(out: Path) -> dict[str, bytes]:
        files = sorted(p for p in out.rglob("*") if p.is_file() and "state" not in p.name)
        return {str(p.relative_to(out)): p.read_bytes() for p in files}

    assert outputs(tmp_path / "out") == outputs(tmp_path / "fresh")
    assert b'"paired_by": "metadata"' in outputs(tmp_path / "out")["results.jsonl"]


def test_an_unchanged_html_page_is_not_read_again(tmp_path, opened, trusted):
    (tmp_path / "in").mkdir()
    body = "".join(f"<p>{i}: {TEXT}</p>" for i in range(4))
    page = f"<html><head><title>Routes</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "in" / "a.html").write_text(page, encoding="utf-8")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.html"], (1, 0, 0))
    assert score(tmp_path / "in", tmp_path / "out", opened) == ([], (0, 1, 0))


def test_an_unchanged_html_page_is_read_again_on_another_day(tmp_path, opened, trusted):
    # htmldate refuses dates after today, so a page's metadata can change with the date alone.
    class Tomorrow(datetime.date):
        @classmethod
        def today(cls) -> datetime.date:
            return datetime.date(2099, 1, 2)

        @classmethod
        def fromtimestamp(cls, seconds: float) -> datetime.date:
            return datetime.date(2099, 1, 2)

    (tmp_path / "in").mkdir()
    body = "".join(f"<p>{i}: {TEXT}</p>" for i in range(4))
    page = f"<html><head><title>Routes</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "in" / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(TEXT, encoding="utf-8")
    assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.html", "b.txt"], (2, 0, 0))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signatures, "datetime", types.SimpleNamespace(date=Tomorrow))
        assert score(tmp_path / "in", tmp_path / "out", opened) == (["a.html"], (0, 2, 0))
        assert score(tmp_path / "in", tmp_path / "out", opened) == ([], (0, 2, 0))


def test_an_html_signature_holds_the_date_of_the_read_not_of_the_signature():
    # A read that began before midnight used that day's limit on dates: its signature says so.
    info = os.stat(__file__)
    yesterday = time.time_ns() - 86_400 * 10**9
    read_yesterday = signatures.signature(info, {}, html=True, at_ns=yesterday)
    assert read_yesterday != signatures.signature(info, {}, html=True)
    assert read_yesterday == signatures.signature(info, {}, html=True, at_ns=yesterday + 1)
    assert signatures.signature(info, {}, html=False, at_ns=yesterday) == signatures.signature(
        info, {}, html=False
    )


def test_an_html_signature_names_the_extraction_libraries_and_their_versions():
    from importlib.metadata import version

    info = os.stat(__file__)
    assert signatures.signature(info, {}, html=True) != signatures.signature(info, {}, html=False)
    assert f"trafilatura={version('trafilatura')}" in signatures.html_libraries().split()
    assert f"lxml={version('lxml')}" in signatures.html_libraries().split()


# A run whose every input was read and remembered, or left unread, keeps a fingerprint of them
# (file_record.Fingerprint) with the outputs it wrote. The next run whose inputs give the same
# fingerprint, and whose outputs and store are as that run left them, looks up no file in the
# store and writes nothing; anything else sends it the long way, file by file.


@pytest.fixture
def recalled(monkeypatch) -> list[str]:
    """The paths runs look up in their store's remembered files, in order."""
    paths: list[str] = []
    real = analyzer.file_record.StoredFiles.recall

    def spy(self, path: str, signature: str) -> str | None:
        paths.append(Path(path).name)
        return real(self, path, signature)

    monkeypatch.setattr(analyzer.file_record.StoredFiles, "recall", spy)
    return paths


def two_files(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(TEXT.replace("three", "four"), encoding="utf-8")
    return tmp_path / "in"


def store_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("state.sqlite*")}


def test_an_unchanged_run_after_a_first_run_looks_up_no_file_and_writes_nothing(
    tmp_path, opened, recalled, trusted
):
    inputs = two_files(tmp_path)
    score(inputs, tmp_path / "out", opened)
    outputs, store = (tmp_path / "out" / "results.jsonl").stat(), store_bytes(tmp_path / "out")
    recalled.clear()
    assert score(inputs, tmp_path / "out", opened) == ([], (0, 2, 0))
    assert recalled == []
    assert (tmp_path / "out" / "results.jsonl").stat() == outputs
    assert store_bytes(tmp_path / "out") == store


def test_an_unchanged_run_after_one_that_read_unchanged_files_looks_up_no_file(
    tmp_path, opened, recalled, trusted
):
    # The first run's files were too new to remember (racily clean): the second reads them,
    # finds their articles unchanged and remembers them, with their fingerprint.
    inputs = two_files(tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signatures, "RACY_NS", 60 * 10**9)
        score(inputs, tmp_path / "out", opened)
    assert score(inputs, tmp_path / "out", opened) == (["a.txt", "b.txt"], (0, 2, 0))
    recalled.clear()
    assert score(inputs, tmp_path / "out", opened) == ([], (0, 2, 0))
    assert recalled == []


def test_a_new_file_beside_unchanged_ones_is_scored_alone(tmp_path, opened, trusted):
    inputs = two_files(tmp_path)
    score(inputs, tmp_path / "out", opened)
    (inputs / "c.txt").write_text(TEXT.replace("three", "five"), encoding="utf-8")
    assert score(inputs, tmp_path / "out", opened) == (["c.txt"], (1, 2, 0))
    assert [r["id"] for r in records(tmp_path / "out")] == ["a", "b", "c"]


@pytest.mark.parametrize("damage", ["edit", "remove", "remove a page"])
def test_outputs_changed_since_the_run_that_wrote_them_are_written_again_unread(
    tmp_path, opened, trusted, damage
):
    inputs = two_files(tmp_path)
    score(inputs, tmp_path / "out", opened)
    first = (tmp_path / "out" / "results.jsonl").read_bytes()
    page = (tmp_path / "out" / "articles" / "a.html").read_bytes()
    if damage == "edit":
        (tmp_path / "out" / "results.jsonl").write_bytes(first[:100])
    elif damage == "remove":
        (tmp_path / "out" / "index.html").unlink()
    else:
        (tmp_path / "out" / "articles" / "a.html").unlink()
    assert score(inputs, tmp_path / "out", opened) == ([], (0, 2, 0))
    assert (tmp_path / "out" / "results.jsonl").read_bytes() == first
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "out" / "articles" / "a.html").read_bytes() == page


def test_new_writers_write_the_outputs_again_unread(tmp_path, opened, trusted, monkeypatch):
    inputs = two_files(tmp_path)
    score(inputs, tmp_path / "out", opened)
    before = (tmp_path / "out" / "results.jsonl").stat().st_ino
    monkeypatch.setattr(analyzer.file_record, "output_version", lambda: "other writers")
    monkeypatch.setattr(analyzer.state, "output_version", lambda: "other writers")
    assert score(inputs, tmp_path / "out", opened) == ([], (0, 2, 0))
    assert (tmp_path / "out" / "results.jsonl").stat().st_ino != before  # replaced


def test_an_article_gone_from_the_store_is_scored_again(tmp_path, opened, trusted):
    # Only a run killed between dropping articles and writing the outputs leaves this.
    inputs = two_files(tmp_path)
    score(inputs, tmp_path / "out", opened)
    with sqlite3.connect(tmp_path / "out" / "state.sqlite") as db:
        db.execute("DELETE FROM articles WHERE id = 'b'")
    assert score(inputs, tmp_path / "out", opened) == (["b.txt"], (1, 1, 0))
    assert [r["id"] for r in records(tmp_path / "out")] == ["a", "b"]


def test_each_unchanged_run_repeats_the_notice_of_an_article_not_in_english(
    tmp_path, opened, recalled, trusted
):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(FRENCH, encoding="utf-8")
    notices = []
    for _ in range(3):
        recalled.clear()
        batch = score_paths([str(tmp_path / "in")], tmp_path / "out")
        notices.append([str(notice) for notice in batch.other_languages])
    assert recalled == []  # the last run decided from the fingerprint
    assert notices[0] == notices[1] == notices[2]
    assert notices[0][0].startswith(str(tmp_path / "in" / "b.txt") + ": ")


def test_a_run_with_worksheets_or_a_database_goes_the_long_way(tmp_path, recalled, trusted):
    # Both are written again by every run; the pages of a run with worksheets link them, so the
    # next run without them writes its pages again.
    inputs = two_files(tmp_path)
    for _ in range(2):
        recalled.clear()
        score_paths([str(inputs)], tmp_path / "out", worksheets=True)
    assert recalled == ["a.txt", "b.txt"]
    linked = (tmp_path / "out" / "index.html").stat().st_ino
    recalled.clear()
    assert score_paths([str(inputs)], tmp_path / "out").counts.unchanged == 2
    assert recalled == ["a.txt", "b.txt"]
    assert (tmp_path / "out" / "index.html").stat().st_ino != linked
    recalled.clear()
    score_paths([str(inputs)], tmp_path / "out", db=tmp_path / "db.sqlite")
    assert recalled == ["a.txt", "b.txt"]
    assert (tmp_path / "db.sqlite").is_file()
