"""A file or folder name that is not valid UTF-8 is one bad input, not the end of the batch.

On POSIX a name is bytes; Python keeps the bytes that are not UTF-8 as lone surrogates, which no
output (results.jsonl, --json, pages, SQLite, stderr) can hold. Such a file gets one error line
naming it with those bytes escaped (``bad\\xff.txt``), exit status 1, and every other article is
scored and written. Tests are skipped where the file system refuses such names (macOS, Windows).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.readers import read_inputs

GOOD = "The council voted 5-2 on Tuesday to build the bridge, the mayor said."
BAD = b"It snowed on Monday, the mayor said."


def make(folder: Path, raw_name: bytes, content: bytes | None = BAD) -> str:
    """Create the file (or, with ``content`` None, the folder) ``folder``/``raw_name`` and return
    its path as Python names it; skip the test where the file system refuses or changes it."""
    folder.mkdir(parents=True, exist_ok=True)
    raw_path = os.fsencode(folder) + b"/" + raw_name
    try:
        if content is None:
            os.mkdir(raw_path)
        else:
            with open(raw_path, "wb") as handle:
                handle.write(content)
    except (OSError, UnicodeError) as exc:
        pytest.skip(f"this file system refuses a name that is not UTF-8 ({exc})")
    [name] = [n for n in os.listdir(folder) if os.fsencode(n) == raw_name] or [""]
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return str(folder / name)
    pytest.skip("this file system stores the name in another form")


def run_cli(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_out_names_the_bad_file_and_writes_the_good_one(tmp_path, jobs):
    folder = good_folder(tmp_path)
    make(folder, b"bad\xff.txt")
    out = tmp_path / "out"
    db = tmp_path / "results.db"
    result = run_cli("score", str(folder), "--out", str(out), "--db", str(db), "--jobs", jobs)
    error = f"{folder}/bad\\xff.txt: file name is not valid UTF-8 (rename it)"
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {error}"]
    records = [json.loads(line) for line in (out / "results.jsonl").read_text("utf-8").splitlines()]
    assert [(r["id"], r["text"]) for r in records] == [("good", GOOD)]
    assert (out / "articles" / "good.html").is_file()
    index = (out / "index.html").read_text("utf-8")
    assert f"<code>{folder}/bad\\xff.txt</code>" in index
    assert "file name is not valid UTF-8 (rename it)" in index
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id FROM articles").fetchall() == [("good",)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_names_the_bad_file_and_prints_the_good_one(tmp_path, jobs):
    folder = good_folder(tmp_path)
    make(folder, b"bad\xff.txt")
    result = run_cli("score", str(folder), "--json", "--jobs", jobs)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {folder}/bad\\xff.txt: file name is not valid UTF-8 (rename it)"
    ]
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good"]


def test_every_file_under_a_folder_with_a_bad_name_is_named(tmp_path):
    folder = good_folder(tmp_path)
    bad = Path(make(folder, b"caf\xe9", content=None))
    (bad / "sub").mkdir()
    (bad / "a.txt").write_bytes(BAD)
    (bad / "sub" / "b.md").write_bytes(BAD)
    out = tmp_path / "out"
    result = run_cli("score", str(folder), "--out", str(out))
    reason = "folder name is not valid UTF-8 (rename the folder)"
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {folder}/caf\\xe9/a.txt: {reason}",
        f"error: {folder}/caf\\xe9/sub/b.md: {reason}",
    ]
    assert [json.loads(line)["id"] for line in (out / "results.jsonl").open(encoding="utf-8")] == [
        "good"
    ]


def test_a_bad_name_given_on_the_command_line_is_named(tmp_path):
    folder = good_folder(tmp_path)
    bad = make(folder, b"bad\xff.txt")
    missing = os.fsdecode(os.fsencode(folder) + b"/gone\xfe.txt")
    out = tmp_path / "out"
    result = run_cli("score", bad, missing, str(folder / "good.txt"), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {folder}/bad\\xff.txt: file name is not valid UTF-8 (rename it)",
        f"error: {folder}/gone\\xfe.txt: no such file or folder",
    ]
    assert [json.loads(line)["id"] for line in (out / "results.jsonl").open(encoding="utf-8")] == [
        "good"
    ]


def test_the_readers_refuse_a_bad_name_before_reading_it(tmp_path):
    folder = good_folder(tmp_path)
    make(folder, b"bad\xff.txt")
    items = list(read_inputs([str(folder)]))
    assert [(type(i).__name__, i.path) for i in items] == [
        ("InputError", f"{folder}/bad\\xff.txt"),
        ("Article", f"{folder}/good.txt"),
    ]


def test_worksheet_of_a_bad_name_is_a_clear_error(tmp_path):
    bad = make(tmp_path / "in", b"bad\xff.txt")
    result = CliRunner().invoke(cli, ["worksheet", bad, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path}/in/bad\\xff.txt: file name is not valid UTF-8 (rename it)"
    ]
    assert not (tmp_path / "out").exists()


def test_a_line_break_or_terminal_escape_in_a_name_stays_on_one_escaped_error_line(tmp_path):
    folder = good_folder(tmp_path)
    try:
        (folder / "a\nb\x1b[31m.txt").write_bytes(b"")
    except OSError as exc:
        pytest.skip(f"this file system refuses such a name ({exc})")
    result = run_cli("score", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {folder}/a\\nb\\x1b[31m.txt: file is empty"]
