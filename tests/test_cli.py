"""The command line: exit codes, stdout JSON, files written, errors named once."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEED_IDS, SEEDS

from analyzer.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_score_json_prints_one_record_per_seed_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("score", str(SEEDS), "--json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == SEED_IDS
    assert list(tmp_path.iterdir()) == []


def test_record_carries_the_firm_keys():
    result = run("score", str(SEEDS / "000_6af52c64d008fc3c.txt"), "--json")
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert {
        "id",
        "path",
        "title",
        "outlet",
        "author",
        "published",
        "metrics",
        "findings",
        "comparison",
    } <= set(record)
    assert {"words", "sentences", "direct_quotes", "reading_grade"} <= set(record["metrics"])
    assert record["metrics"]["sentences"] == 87
    assert record["published"] is None


def test_score_writes_results_jsonl(tmp_path):
    result = run("score", str(SEEDS), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == SEED_IDS


def test_two_runs_give_byte_identical_json(tmp_path):
    run("score", str(SEEDS), "--out", str(tmp_path / "a"))
    run("score", str(SEEDS), "--out", str(tmp_path / "b"))
    a = (tmp_path / "a" / "results.jsonl").read_bytes()
    assert a == (tmp_path / "b" / "results.jsonl").read_bytes()


def test_bad_inputs_are_named_once_and_the_rest_is_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("The council voted on Tuesday.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    (folder / "front.md").write_text("---\ntitle: x\nNo close\n", encoding="utf-8")
    (folder / "lines.jsonl").write_text('{"text": "Fine line."}\nnot json\n', encoding="utf-8")
    result = run("score", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == sorted(
        [
            f"error: {folder / 'binary.txt'}: binary file (holds NUL bytes), not text",
            f"error: {folder / 'empty.txt'}: file is empty",
            f"error: {folder / 'front.md'}: front matter opened with '---' on line 1 is never closed",
            f"error: {folder / 'lines.jsonl'}:2: not valid JSON (Expecting value)",
        ]
    )
    written = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in written] == ["good", "lines-1"]
    assert "Traceback" not in result.output


def test_usage_error_exits_2():
    result = CliRunner().invoke(cli, ["score"])
    assert result.exit_code == 2
    assert "Missing argument 'PATHS...'" in result.output


def test_stdin_dash(tmp_path):
    result = CliRunner().invoke(cli, ["score", "-", "--json"], input="Hello from a pipe.")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "stdin"


def test_compare_and_score_name_a_missing_file_the_same_way(tmp_path):
    missing = tmp_path / "nope.txt"
    source = SEEDS / "000_6af52c64d008fc3c.txt"
    compared = CliRunner().invoke(cli, ["compare", str(source), str(missing), "--json"])
    scored = CliRunner().invoke(cli, ["score", str(missing), "--json"])
    assert (compared.exit_code, scored.exit_code) == (1, 1)
    assert scored.stderr == f"error: {missing}: no such file or folder\n"
    assert compared.stderr == f"error: {missing}: no such file or folder\n"


def test_score_json_prints_the_lines_results_jsonl_holds_colour_codes_and_all(tmp_path):
    # An article holding a terminal colour code and non-ASCII text: the record escapes the
    # code (JSON escapes control characters), so printing needs no stripping and changes nothing.
    (tmp_path / "in").mkdir()
    text = "Café owners said \x1b[31mprices\x1b[0m rose 5% in “Zürich”."
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    printed = CliRunner().invoke(cli, ["score", str(tmp_path / "in"), "--json"])
    run("score", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    stored = (tmp_path / "out" / "results.jsonl").read_bytes()
    assert printed.stdout_bytes == stored
    assert b"\\u001b[31m" in stored and "Zürich".encode() in stored


def test_score_json_prints_on_a_standard_output_that_takes_only_text(monkeypatch):
    import io

    stdout = io.StringIO()
    monkeypatch.setattr("sys.stdout", stdout)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["score", str(SEEDS / "000_6af52c64d008fc3c.txt"), "--json"], prog_name="analyzer")
    assert exit_.value.code == 0
    (record,) = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert record["id"] == "000_6af52c64d008fc3c"
