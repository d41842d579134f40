"""Bad input, end to end: each bad file gets one line on stderr, the rest is written, exit 1.

The corpus is built here, at test time, one kind of damage per case. Every case runs the real
command line over a folder holding the bad input beside a good article and checks four things:
exactly the expected line(s) on stderr naming the file (and line), exit status 1, every good
article in results.jsonl, and no stray or temporary file inside or outside the output folder.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.readers import decode

GOOD = "The council voted 5-2 on Tuesday. “We will build it,” said Mayor Ana Ruiz."

BOMB_ENTITIES = "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
)  # each level ten times the one before: about 3 GB of "lol" if a parser expanded it
BOMB = (
    f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{BOMB_ENTITIES}]>'
    "<rss version='2.0'><channel><title>&lol9;</title>"
    "<item><title>Bomb</title><guid>b1</guid><description>&lol9;</description></item>"
    "</channel></rss>"
)
FEED_ITEM = (
    "<item><title>Bridge vote</title><guid>a1</guid>"
    "<description>The council voted on Tuesday to build the bridge.</description></item>"
)


def run_cli(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def leftovers(root: Path, out: Path) -> list[str]:
    """Files a run must not leave: hidden or temporary files in ``out``, anything else outside."""
    stray = []
    for path in sorted(root.rglob("*")):
        if path.is_relative_to(root / "in") or path.is_dir():
            continue
        if not path.is_relative_to(out) or path.name.startswith(".") or path.suffix == ".tmp":
            stray.append(str(path.relative_to(root)))
    return stray


def score_folder(tmp_path: Path, files: dict[str, bytes | Callable[[Path], None]]):
    """Write ``files`` (plus good.txt) into tmp_path/in, score it, return (result, ids, out)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(target)
        else:
            target.write_bytes(content)
    out = tmp_path / "out"
    result = run_cli("score", str(folder), "--out", str(out))
    records = [json.loads(line) for line in (out / "results.jsonl").read_text("utf-8").splitlines()]
    return result, {r["id"]: r for r in records}, out


def sparse(size: int) -> Callable[[Path], None]:
    """A file of ``size`` bytes that takes no disk space (it is refused before being read)."""

    def write(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)

    return write


def symlink_loop(path: Path) -> None:
    path.symlink_to(path.with_name("loop-b.txt"))
    path.with_name("loop-b.txt").symlink_to(path)


def fifo(path: Path) -> None:
    os.mkfifo(path)


LIMIT = decode.MAX_ARTICLE_BYTES

# name -> (files to add beside good.txt, expected stderr lines with {in} for the input folder)
CASES: dict[str, tuple[dict[str, bytes | Callable[[Path], None]], list[str]]] = {
    "empty": ({"empty.txt": b""}, ["{in}/empty.txt: file is empty"]),
    "white space only": (
        {"blank.md": b" \n\t\r\n  \n"},
        ["{in}/blank.md: file holds only white space"],
    ),
    "binary with NUL bytes": (
        {"photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"},
        ["{in}/photo.txt: binary file (holds NUL bytes), not text"],
    ),
    "a PDF and a Word file": (
        {
            "report.pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\x00>>",
            "story.docx.txt": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        },
        [
            "{in}/report.pdf.txt: a PDF file, not text: save the article as plain text or HTML",
            "{in}/story.docx.txt: a ZIP archive (a Word .docx, an OpenDocument file or similar),"
            " not text: save the article as plain text or HTML",
        ],
    ),
    "over the size limit": (
        {"huge.txt": sparse(LIMIT + 1)},
        [
            f"{{in}}/huge.txt: file is {LIMIT + 1:,} bytes, over the {LIMIT:,}-byte limit for one article"
        ],
    ),
    "control characters and punctuation, no NUL byte": (
        {"controls.txt": bytes(range(1, 32)) * 50 + b"--- ... !!"},
        ["{in}/controls.txt: file holds no words (no letter or digit), not text"],
    ),
    "HTML page of menus only": (
        {
            "menus.html": b"<!DOCTYPE html><html><body><nav><ul><li><a href='/'>Home</a></li>"
            b"<li><a href='/news'>News</a></li></ul></nav><footer>(c) 2026</footer></body></html>"
        },
        ["{in}/menus.html: no article text found in the HTML page (only navigation links)"],
    ),
    "broken HTML": (
        {"broken.html": b"<html><body><div><p"},
        ["{in}/broken.html: no article text found in the HTML page"],
    ),
    "HTML cut off before its text": (
        {"cut.htm": b"<html><head><title>Bridge vo"},
        ["{in}/cut.htm: no article text found in the HTML page"],
    ),
    "front matter never closed": (
        {"open.md": b"---\ntitle: Bridge\n" + GOOD.encode()},
        ["{in}/open.md: front matter opened with '---' on line 1 is never closed"],
    ),
    "front matter with a bad date": (
        {"date.txt": b"---\ntitle: Bridge\npublished: 2025-02-30\n---\n" + GOOD.encode()},
        [
            "{in}/date.txt: front matter line 3: '2025-02-30' has the form YYYY-MM-DD but is no such day"
        ],
    ),
    "front matter with a key given twice": (
        {"twice.txt": b"---\ntitle: Bridge\ntitle: Tunnel\n---\n" + GOOD.encode()},
        ["{in}/twice.txt: front matter line 3: 'title' is given twice"],
    ),
    "front matter with a quotation never closed": (
        {"quote.txt": b'---\ntitle: "Bridge vote\n---\n' + GOOD.encode()},
        ["{in}/quote.txt: front matter line 2: a quotation mark is never closed"],
    ),
    "front matter with an unknown key": (
        {"key.txt": b"---\nsection: news\n---\n" + GOOD.encode()},
        [
            "{in}/key.txt: front matter line 2: unknown key 'section' "
            "(known: title, published, outlet, author, url, derived_from)"
        ],
    ),
    "front matter with a binary value": (
        {"value.txt": b"---\ntitle: \x07\x1b[31mred\x1b[0m\n---\n" + GOOD.encode()},
        ["{in}/value.txt: front matter line 2: value of 'title' holds control characters"],
    ),
    "one bad JSONL line among good ones": (
        {
            "dump.jsonl": (
                json.dumps({"id": "first", "text": GOOD}) + "\n"
                '{"id": "second", "text": "unterminated\n'
                + json.dumps({"id": "third", "text": GOOD})
                + "\n"
            ).encode()
        },
        ["{in}/dump.jsonl:2: not valid JSON (Unterminated string)"],
    ),
    "empty and blank JSONL dumps": (
        {"none.jsonl": b"", "spaces.jsonl": b"\n  \n\n"},
        ["{in}/none.jsonl: file is empty", "{in}/spaces.jsonl: file holds only white space"],
    ),
    "JSONL line that is not UTF-8 or not an object": (
        {
            "mixed.jsonl": b'{"text": "caf\xe9"}\n[1, 2]\n'
            + json.dumps({"id": "fine", "text": GOOD}).encode()
        },
        [
            "{in}/mixed.jsonl:1: line is not UTF-8 text",
            "{in}/mixed.jsonl:2: a JSONL line must be a JSON object",
        ],
    ),
    "JSONL line with a lone surrogate escape (cannot be written as UTF-8)": (
        {
            "surrogate.jsonl": b'{"text": "Bad \\ud800 here."}\n'
            + b'{"id": "sur-ok", "text": "Fine.", "title": "Caf\\u00e9 \\udfff"}\n'
            + json.dumps({"id": "sur-good", "text": GOOD}).encode()
        },
        [
            "{in}/surrogate.jsonl:1: text holds a lone surrogate (U+D800), not valid Unicode",
            "{in}/surrogate.jsonl:2: title holds a lone surrogate (U+DFFF), not valid Unicode",
        ],
    ),
    "malformed RSS": (
        {"feed.xml": b"<rss><channel><item><title>x</ti"},
        ["{in}/feed.xml: not a readable RSS/Atom feed (<unknown>:2:28: unclosed token)"],
    ),
    "XML entity expansion bomb": (
        {"bomb.xml": BOMB.encode()},
        ["{in}/bomb.xml: feed declares XML entities (<!ENTITY>); refused as unsafe"],
    ),
    "bomb in a UTF-16 feed": (
        {
            "bomb16.rss": BOMB.replace('version="1.0"', 'version="1.0" encoding="utf-16"').encode(
                "utf-16"
            )
        },
        ["{in}/bomb16.rss: feed declares XML entities (<!ENTITY>); refused as unsafe"],
    ),
    "symbolic link loop": (
        {"loop-a.txt": symlink_loop},
        [
            "{in}/loop-a.txt: cannot be read (Too many levels of symbolic links)",
            "{in}/loop-b.txt: cannot be read (Too many levels of symbolic links)",
        ],
    ),
    "named pipe (would block for ever)": (
        {"pipe.txt": fifo},
        ["{in}/pipe.txt: not a regular file (a named pipe), not read"],
    ),
}

# The good lines of the JSONL cases, which must be written beside good.txt.
GOOD_LINES = {
    "one bad JSONL line among good ones": {"first", "third"},
    "JSONL line that is not UTF-8 or not an object": {"fine"},
    "JSONL line with a lone surrogate escape (cannot be written as UTF-8)": {"sur-good"},
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_named_once_and_good_articles_are_written(tmp_path, case):
    files, expected = CASES[case]
    result, records, out = score_folder(tmp_path, files)
    folder = tmp_path / "in"
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected)
    for line, want in zip(lines, expected, strict=True):
        assert line.startswith("error: " + want.format(**{"in": folder}))
    assert "Traceback" not in result.output
    assert set(records) == {"good"} | GOOD_LINES.get(case, set())
    assert records["good"]["text"] == GOOD
    assert leftovers(tmp_path, out) == []


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("latin-1", 'Le café "Señor" a fermé après 40 années à Montréal, dit-il.'),
        ("cp1252", "Le café “Señor” a fermé après 40 années — à Montréal, dit-il."),
        ("utf-16", "Le café “Señor” a fermé après 40 années — à Montréal, dit-il."),
        ("utf-8-sig", "Le café “Señor” a fermé après 40 années — à Montréal, dit-il."),
    ],
)
def test_legacy_encodings_are_read_not_refused(tmp_path, encoding, text):
    result, records, _ = score_folder(tmp_path, {"old.txt": text.encode(encoding)})
    assert result.exit_code == 0, result.stderr
    assert records["old"]["text"] == text


def test_html_cut_off_inside_its_text_is_read_as_far_as_it_goes(tmp_path):
    sentence = "The council met for hours and argued about the budget of the new bridge. "
    page = (
        f"<html><head><title>Bridge vote</title></head><body><article><p>{sentence * 4}</p>"
        "<p>The mayor said the vo"
    )
    result, records, _ = score_folder(tmp_path, {"cut.html": page.encode()})
    assert result.exit_code == 0
    assert records["cut"]["text"].endswith("The mayor said the vo")


def test_folder_symlink_loop_is_not_followed(tmp_path):
    result, records, _ = score_folder(tmp_path, {"sub/loop": lambda p: p.symlink_to(p.parent)})
    assert result.exit_code == 0
    assert set(records) == {"good"}


def test_ids_that_would_escape_the_output_folder_are_made_safe(tmp_path):
    dump = "".join(
        json.dumps({"id": raw, "text": GOOD}) + "\n"
        for raw in ("../../escaped", "/etc/passwd", "..", "a/../../b", "C:\\x\\y")
    )
    files = {"x\\..\\..\\evil.txt": GOOD.encode(), "ids.jsonl": dump.encode()}
    result, records, out = score_folder(tmp_path, files)
    assert result.exit_code == 0
    assert sorted(records) == sorted(
        ["good", "x-evil", "escaped", "etc-passwd", "article", "a-b", "C-x-y"]
    )
    for article_id in records:
        assert (out / "articles" / f"{article_id}.html").resolve().is_relative_to(out.resolve())
    assert leftovers(tmp_path, out) == []


def test_a_rewrite_pair_without_a_content_word_is_compared_not_crashed(tmp_path):
    # sklearn refused the empty vocabulary of "It is." vs "It is." and the whole batch died
    files = {"a.txt": b"---\ntitle: A\n---\nIt is.", "b.txt": b"---\nderived_from: a\n---\nIt is."}
    result, records, _ = score_folder(tmp_path, files)
    assert result.exit_code == 0, result.output
    assert records["b"]["comparison"]["source_id"] == "a"
    assert records["b"]["comparison"]["issues"] == []


def test_two_inputs_with_the_same_id_are_both_written(tmp_path):
    dump = json.dumps({"id": "story", "text": "First."}) + "\n"
    dump += json.dumps({"id": "story", "text": "Second."}) + "\n"
    files = {"x/story.txt": b"Third.", "y/story.txt": b"Fourth.", "z.jsonl": dump.encode()}
    result, records, _ = score_folder(tmp_path, files)
    assert result.exit_code == 0
    assert {i: r["text"] for i, r in records.items()} == {
        "good": GOOD,
        "story": "First.",  # top-level files come before subfolders, each sorted by name
        "story-2": "Second.",
        "story-3": "Third.",
        "story-4": "Fourth.",
    }


def test_every_bad_kind_in_one_folder_still_writes_the_good_articles(tmp_path):
    files = {name: content for case in CASES.values() for name, content in case[0].items()}
    result, records, out = score_folder(tmp_path, files)
    expected = sorted(
        want.format(**{"in": tmp_path / "in"}) for case in CASES.values() for want in case[1]
    )
    lines = sorted(line.removeprefix("error: ") for line in result.stderr.splitlines())
    assert result.exit_code == 1
    assert len(lines) == len(expected)
    assert all(line.startswith(want) for line, want in zip(lines, expected, strict=True))
    assert set(records) == {"good"}.union(*GOOD_LINES.values())
    assert leftovers(tmp_path, out) == []


def test_stdin_over_the_size_limit_is_refused_without_reading_it_all(monkeypatch):
    monkeypatch.setattr(decode, "MAX_ARTICLE_BYTES", 1000)
    result = run_cli("score", "-", "--json", stdin="word " * 100_000)
    assert result.exit_code == 1
    assert result.stderr == "error: <stdin>: input is over the 1,000-byte limit for one article\n"


def test_stdin_jsonl_is_read_line_by_line(monkeypatch):
    monkeypatch.setattr(decode, "MAX_ARTICLE_BYTES", 1000)
    lines = [json.dumps({"text": f"Article {n} is short."}) for n in range(300)]
    result = run_cli("score", "-", "--json", stdin="\n".join(lines))  # 9 KB: over the limit
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 300


def test_over_long_jsonl_line_without_newline_is_refused_in_bounded_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_ARTICLE_BYTES", 1000)
    dump = tmp_path / "d.jsonl"
    dump.write_text(
        json.dumps({"text": "x " * 5000}) + "\n" + json.dumps({"text": "Fine."}), encoding="utf-8"
    )
    result = run_cli("score", str(dump), "--json")
    assert result.exit_code == 1
    assert result.stderr == f"error: {dump}:1: line is over the 1,000-byte limit\n"
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["Fine."]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_named_directly_is_refused_not_read(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    result = run_cli("score", device, "--json")
    assert result.exit_code == 1
    assert result.stderr == f"error: {device}: not a regular file (a device), not read\n"


def _score_as_nobody(folder: Path, out: Path) -> tuple[int, str]:
    """Run the CLI in a forked child that has dropped root, so file permissions apply."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop to nobody, score, report through the pipe, never return
        status = 3
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result = CliRunner().invoke(cli, ["score", str(folder), "--out", str(out)])
            os.write(write_end, json.dumps([result.exit_code, result.stderr]).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0, "the child could not drop privileges or crashed"
    code, stderr = json.loads(payload)
    return code, stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_unreadable_file_is_named_and_the_rest_written():
    # Root reads a chmod-0 file anyway, so as root the run happens in a child that drops to
    # nobody; the folder lives in a world-readable temporary folder nobody can reach.
    root = Path(tempfile.mkdtemp(prefix="analyzer-perm-"))
    try:
        root.chmod(0o777)
        folder = root / "in"
        folder.mkdir()
        folder.chmod(0o755)
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        locked = folder / "locked.txt"
        locked.write_text(GOOD, encoding="utf-8")
        locked.chmod(0)
        out = root / "out"
        if os.geteuid() == 0:
            code, stderr = _score_as_nobody(folder, out)
        else:
            result = run_cli("score", str(folder), "--out", str(out))
            code, stderr = result.exit_code, result.stderr
        assert code == 1
        assert stderr == f"error: {locked}: cannot be read (Permission denied)\n"
        lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["id"] for line in lines] == ["good"]
    finally:
        for path in sorted(root.rglob("*"), reverse=True):
            path.chmod(0o700)
            path.unlink() if not path.is_dir() else path.rmdir()
        root.rmdir()
