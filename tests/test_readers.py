"""Readers: metadata from front matter, manifest, HTML, feeds and JSONL; errors per input."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path, PurePath

import pytest
from conftest import SEEDS
from hypothesis import example, given
from hypothesis import strategies as st

from analyzer.document import Article
from analyzer.errors import InputError
from analyzer.readers import read_inputs, suffix_and_stem
from analyzer.readers.ids import safe_id

BODY = "The council voted 5-2 on Tuesday. “We will build it,” said Mayor Ana Ruiz."


def read(*paths, stdin=None):
    return list(read_inputs([str(p) for p in paths], stdin=stdin))


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def errors(items):
    return [str(i) for i in items if isinstance(i, InputError)]


def test_seeds_read_with_manifest_metadata():
    items = read(SEEDS)
    assert [(a.id, a.meta.title, a.meta.outlet, a.meta.derived_from) for a in items] == [
        (
            "000_6af52c64d008fc3c",
            "Can This Man Finally Defeat Mexico’s Cartels?",
            "New York Times",
            (),
        ),
        (
            "001_0d5c243cfc9a1c98",
            "Mexico’s Security Chief on His Fight Against the Cartels",
            "New York Times",
            (),
        ),
        (
            "002_10ec1c2511d1067e",
            "Omar García Harfuch: Mexico’s Frontline Against Cartels",
            None,
            ("000_6af52c64d008fc3c",),
        ),
        (
            "003_59ff69fff0e8114d",
            "Mexico’s Security Chief Discusses Aggressive Cartel Strategy",
            None,
            ("001_0d5c243cfc9a1c98",),
        ),
        ("004_231154ca175f1f22", None, None, ()),
    ]


def test_appeared_first_line_is_removed_from_the_text():
    (a,) = read(next(SEEDS.glob("000_*.txt")))
    assert "appeared first on" not in a.text
    assert a.text.endswith("Central America and the Caribbean.")


def test_front_matter_gives_metadata_and_offsets_start_after_it(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(
        "---\ntitle: \"Vote: a new bridge\"\npublished: 2025-03-04\noutlet: 'City Times'\n"
        "author: Jo Park\nurl: https://example.org/a\nderived_from: src1, src2\n---\n" + BODY,
        encoding="utf-8",
    )
    (a,) = read(f)
    assert a.text == BODY
    assert (a.meta.title, a.meta.published, a.meta.outlet, a.meta.author, a.meta.url) == (
        "Vote: a new bridge",
        "2025-03-04",
        "City Times",
        "Jo Park",
        "https://example.org/a",
    )
    assert a.meta.derived_from == ("src1", "src2")


@pytest.mark.parametrize(
    "front, message",
    [
        ("---\ntitle: A\n", "front matter opened with '---' on line 1 is never closed"),
        ("---\ntitle A\n---\n", "front matter line 2 has no ':' (expected key: value)"),
        (
            "---\ntitle: A\npublished: March 4\n---\n",
            "front matter line 3: 'March 4' is not an ISO date (YYYY-MM-DD)",
        ),
        ("---\nsection: news\n---\n", "front matter line 2: unknown key 'section'"),
    ],
)
def test_malformed_front_matter_names_file_and_line(tmp_path, front, message):
    f = tmp_path / "bad.txt"
    f.write_text(front + BODY, encoding="utf-8")
    (err,) = errors(read(f))
    assert err.startswith(f"{f}: {message}")


def test_front_matter_wins_over_manifest(tmp_path):
    (tmp_path / "a.txt").write_text("---\ntitle: From front matter\n---\n" + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,title,outlet,published\na.txt,From manifest,Daily,2025-01-02\nb.txt,B title,,\n",
        encoding="utf-8",
    )
    a, b = read(tmp_path)
    assert (a.meta.title, a.meta.outlet, a.meta.published) == (
        "From front matter",
        "Daily",
        "2025-01-02",
    )
    assert (b.meta.title, b.meta.outlet) == ("B title", None)


def test_manifest_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"file": "a.txt", "author": "Jo", "derived_from": ["x", "y"]}) + "\n",
        encoding="utf-8",
    )
    (a,) = read(tmp_path)
    assert (a.meta.author, a.meta.derived_from) == ("Jo", ("x", "y"))


def test_a_bad_manifest_row_fails_its_own_file_and_the_other_rows_apply(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,title,published\na.txt,A,2025-01-02\nb.txt,B,2025-13-01\nc.txt,C,\n",
        encoding="utf-8",
    )
    items = read(tmp_path)
    assert [(a.id, a.meta.title) for a in articles(items)] == [("a", "A"), ("c", "C")]
    assert errors(items) == [
        f"{tmp_path / 'manifest.csv'}:3: field 'published': '2025-13-01' has the form"
        " YYYY-MM-DD but is no such day"
    ]


def test_a_manifest_line_that_names_no_file_is_reported_and_the_rest_apply(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    lines = [
        "not json",
        json.dumps({"author": "Jo"}),
        json.dumps({"file": "a.txt", "author": "Al"}),
    ]
    (tmp_path / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(tmp_path)
    assert [a.meta.author for a in articles(items)] == ["Al"]
    manifest = tmp_path / "manifest.jsonl"
    assert errors(items) == [
        f"{manifest}:1: not valid JSON (Expecting value)",
        f"{manifest}:2: manifest row names no file (column 'file')",
    ]


def test_seeds_keep_their_sources_when_another_manifest_row_is_bad(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    manifest = folder / "manifest.csv"
    rows = manifest.read_text(encoding="utf-8").splitlines()
    assert rows[5] == "004_231154ca175f1f22.txt,,,,,,"
    rows[5] = "004_231154ca175f1f22.txt,,,,,2025-13-01,"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = read(folder)
    derived = {a.id: a.meta.derived_from for a in articles(items)}
    assert derived == {
        "000_6af52c64d008fc3c": (),
        "001_0d5c243cfc9a1c98": (),
        "002_10ec1c2511d1067e": ("000_6af52c64d008fc3c",),
        "003_59ff69fff0e8114d": ("001_0d5c243cfc9a1c98",),
    }
    assert [e.split(": ")[0] for e in errors(items)] == [f"{manifest}:6"]


def test_an_article_page_with_menus_and_links_keeps_its_article(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        "<p>The council voted on Tuesday to close the old bridge for repairs until the spring.</p>"
        "<p><a href='/bridge'>Read the engineers' report</a></p></article></body></html>",
        encoding="utf-8",
    )
    (a,) = read(page)
    assert a.text.startswith("The council voted on Tuesday")


def test_html_through_trafilatura(tmp_path):
    page = tmp_path / "page.html"
    paragraph = "The council met for hours and argued about the budget of the new bridge project. "
    page.write_text(
        "<html><head><title>Bridge vote</title><meta name='author' content='Jo Park'>"
        "<meta property='og:site_name' content='City Times'>"
        "<meta property='article:published_time' content='2025-03-04T09:00:00Z'></head>"
        f"<body><nav>Home | About</nav><article><h1>Bridge vote</h1><p>{paragraph * 3}</p>"
        f"<p>“We will build it,” said Mayor Ana Ruiz, who has pushed for it. {paragraph}</p>"
        "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    (a,) = read(page)
    assert (a.id, a.meta.title, a.meta.author, a.meta.outlet, a.meta.published) == (
        "page",
        "Bridge vote",
        "Jo Park",
        "City Times",
        "2025-03-04",
    )
    assert "“We will build it,” said Mayor Ana Ruiz" in a.text
    assert "Copyright" not in a.text


def test_rss_feed_entries_become_articles(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>City Times</title>
        <item><title>Bridge vote</title><link>https://example.org/a</link><guid>a1</guid>
        <pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
        <description>&lt;p&gt;The council voted on Tuesday to build the bridge.&lt;/p&gt;</description></item>
        <item><title>Second</title><guid>a2</guid><description>Plain text entry.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    first, second = read(feed)
    assert (first.meta.title, first.meta.outlet, first.meta.published, first.meta.url) == (
        "Bridge vote",
        "City Times",
        "2025-03-04",
        "https://example.org/a",
    )
    assert first.text == "The council voted on Tuesday to build the bridge."
    assert first.id.startswith("feed-") and first.id != second.id
    assert second.text == "Plain text entry."


def test_atom_feed(tmp_path):
    feed = tmp_path / "atom.xml"
    feed.write_text(
        """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
        <title>Wire</title><entry><title>Storm</title><id>urn:1</id><updated>2024-11-02T00:00:00Z</updated>
        <content type="html">&lt;p&gt;Rain fell all day.&lt;/p&gt;</content></entry></feed>""",
        encoding="utf-8",
    )
    (a,) = read(feed)
    assert (a.meta.title, a.meta.outlet, a.meta.published, a.text) == (
        "Storm",
        "Wire",
        "2024-11-02",
        "Rain fell all day.",
    )


def test_jsonl_bad_line_is_an_error_for_that_line_only(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"id": "one", "text": BODY, "title": "One", "published": "2025-01-01"})
        + "\n"
        + "{not json\n"
        + json.dumps({"title": "no text"})
        + "\n"
        + json.dumps({"text": "Second article text.", "outlet": "Wire"})
        + "\n",
        encoding="utf-8",
    )
    items = read(dump)
    assert [(a.id, a.meta.title, a.meta.outlet) for a in articles(items)] == [
        ("one", "One", None),
        ("dump-4", None, "Wire"),
    ]
    assert errors(items) == [
        f"{dump}:2: not valid JSON (Expecting property name enclosed in double quotes)",
        f"{dump}:3: no 'text' field with article text",
    ]


def test_stdin_text_with_front_matter():
    (a,) = read("-", stdin=io.BytesIO(b"---\ntitle: Piped\n---\nHello there."))
    assert (a.id, a.meta.title, a.text) == ("stdin", "Piped", "Hello there.")


@pytest.mark.parametrize(
    "encoding",
    ["latin-1", "cp1252", "utf-16"],
)
def test_legacy_encodings_are_decoded(tmp_path, encoding):
    f = tmp_path / "old.txt"
    text = "Le café “Señor” a fermé ses portes après 40 années de service à Montréal."
    if encoding == "latin-1":
        text = text.replace("“", '"').replace("”", '"')
    f.write_bytes(text.encode(encoding))
    (a,) = read(f)
    assert a.text == text


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "file is empty"),
        (b"   \n\t\n", "file holds only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (holds NUL bytes), not text"),
    ],
)
def test_bad_text_inputs_get_one_clear_error(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    assert errors(read(f)) == [f"{f}: {message}"]


def test_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("analyzer.readers.decode.MAX_ARTICLE_BYTES", 100)
    f = tmp_path / "big.txt"
    f.write_text("word " * 100, encoding="utf-8")
    assert errors(read(f)) == [f"{f}: file is 500 bytes, over the 100-byte limit for one article"]


def _grown(monkeypatch, lost: int) -> None:
    """Make every file look ``lost`` bytes shorter when opened than it is when read."""
    import analyzer.readers as readers

    real = readers._open_regular

    def opened(path):
        stream, size = real(path)
        return stream, size - lost

    monkeypatch.setattr(readers, "_open_regular", opened)


def test_file_that_grew_after_it_was_opened_is_read_whole(tmp_path, monkeypatch):
    _grown(monkeypatch, 40)
    f = tmp_path / "a.txt"
    f.write_text(BODY, encoding="utf-8")
    assert [a.text for a in articles(read(f))] == [BODY]


def test_file_that_grew_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("analyzer.readers.decode.MAX_ARTICLE_BYTES", 100)
    _grown(monkeypatch, 50)
    f = tmp_path / "a.txt"
    f.write_text("word " * 30, encoding="utf-8")  # 150 bytes, found as 100 when opened
    assert errors(read(f)) == [f"{f}: file grew past the 100-byte limit while read"]


def test_broken_html_and_feed_are_errors(tmp_path):
    (tmp_path / "broken.html").write_text("<html><body><div><p", encoding="utf-8")
    (tmp_path / "broken.xml").write_text("<rss><channel><item><title>x</ti", encoding="utf-8")
    assert errors(read(tmp_path)) == [
        f"{tmp_path / 'broken.html'}: no article text found in the HTML page",
        f"{tmp_path / 'broken.xml'}: not a readable RSS/Atom feed (<unknown>:2:28: unclosed token)",
    ]


def test_missing_and_unreadable_paths(tmp_path):
    f = tmp_path / "locked.txt"
    f.write_text(BODY, encoding="utf-8")
    f.chmod(0)
    missing = tmp_path / "nope.txt"
    items = read(missing, f)
    if os.geteuid() == 0:  # root reads anything; only the missing file fails
        assert errors(items) == [f"{missing}: no such file or folder"]
    else:
        assert errors(items) == [
            f"{missing}: no such file or folder",
            f"{f}: cannot be read (Permission denied)",
        ]


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [a.id for a in articles(read(tmp_path))] == ["a"]


def test_duplicate_stems_get_distinct_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(BODY, encoding="utf-8")
    assert [a.id for a in read(tmp_path)] == ["story", "story-2"]


def test_ids_that_differ_only_in_case_are_told_apart(tmp_path):
    # Their pages would be one file on a case-insensitive file system (macOS, Windows).
    for name in ("Report.txt", "report.txt", "REPORT.txt"):
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    assert [a.id for a in read(tmp_path)] == ["REPORT", "Report-2", "report-3"]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c", "a-b-c"),
        ("..", "article"),
        ("ok_id-1", "ok_id-1"),
    ],
)
def test_ids_cannot_escape_the_output_folder(raw, expected):
    assert safe_id(raw) == expected
    assert "/" not in safe_id(raw) and ".." not in safe_id(raw)


def test_jsonl_id_is_made_safe(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"id": "../../evil", "text": BODY}) + "\n", encoding="utf-8")
    (a,) = read(dump)
    assert a.id == "evil"
    assert Path("out", "articles", a.id + ".html").resolve().is_relative_to(Path("out").resolve())


@pytest.mark.parametrize(
    ("author", "shown"),
    [
        ("ana@example.org (Ana Ruiz)", "Ana Ruiz"),  # RSS 2.0 / RFC 822 form
        ("Ana Ruiz &lt;ana@example.org&gt;", "Ana Ruiz"),
        ("Ana Ruiz", "Ana Ruiz"),
        ("ana@example.org", "ana@example.org"),  # no name given: the address is all there is
    ],
)
def test_rss_author_keeps_the_name_of_an_email_and_name_field(tmp_path, author, shown):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>A</title><guid>a</guid><author>{author}</author>
        <description>Rain fell all day.</description></item></channel></rss>""",
        encoding="utf-8",
    )
    (a,) = read(feed)
    assert a.meta.author == shown


# File names built from the pieces that decide a suffix: dots at the start, the end, twice.
NAME_PIECES = st.sampled_from(["a", ".", "..", "txt", "TXT", "tar", "gz", " ", "é", "-", "_"])


# ("." names a folder, never a file: pathlib gives it no name at all.)
@given(st.lists(NAME_PIECES, min_size=1, max_size=6).map("".join).filter(lambda n: n != "."))
@example("..")
@example(".txt")
@example("notes.")
@example("a.b.txt")
def test_a_file_names_suffix_and_stem_are_the_ones_pathlib_gives(name):
    assert suffix_and_stem(name) == (PurePath(name).suffix, PurePath(name).stem)


def test_files_of_one_folder_named_two_ways_read_its_manifest_for_both(tmp_path):
    (tmp_path / "a.txt").write_text("It rained.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It snowed.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,title\na.txt,Rain\nb.txt,Snow\n", encoding="utf-8")
    paths = [str(tmp_path / "a.txt"), f"{tmp_path}//./b.txt"]
    assert [a.meta.title for a in read_inputs(paths)] == ["Rain", "Snow"]


# Bytes after each byte order mark decode_direct knows, and none: UTF-8, UTF-16 and UTF-32
# spellings of lone surrogates among them.
_MARKED = st.tuples(
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]),
    st.lists(
        st.sampled_from([b"a", b"\xed\xa0\x80", b"\x00\xd8", b"\xd8\x00", b"\x00\xdc\x00\x00"])
        | st.binary(max_size=4),
        max_size=6,
    ),
).map(lambda parts: parts[0] + b"".join(parts[1]))


@given(_MARKED)
@example(b"\xff\xfe\x00\xd8a\x00")
def test_text_a_file_decodes_to_directly_holds_no_lone_surrogate(data):
    # What lets a text file's text skip the check for lone surrogates (readers._finish).
    from analyzer.readers.decode import decode_direct

    try:
        text = decode_direct("a.txt", data)
    except InputError:
        return
    if text is not None:
        text.encode("utf-8")  # strict: raises on a lone surrogate


def test_a_text_is_blank_as_its_stripped_copy_is_empty_for_every_character():
    from analyzer.readers import _blank

    for text in ["", "a", " a ", "\u3000\x1c", *map(chr, range(0x110000))]:
        assert _blank(text) == (not text.strip()), repr(text)
