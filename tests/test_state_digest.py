"""The code hash behind every article key: the same digest as the pathlib walk it replaced, and
kept between runs under the files' stat signatures.

``rglob_digest`` is the walk before os.walk, kept as the specification: same files, same order
(part by part), same bytes hashed, so a store written before the change keeps its keys.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from analyzer import state
from analyzer.readers import signatures
from analyzer.state import _ANALYSIS_SKIP, _digest_tree, _package_root


def rglob_digest(root: Path, skip: tuple[str, ...]) -> str:
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


def test_same_digest_as_the_pathlib_walk_on_awkward_names(tmp_path):
    files = {
        "a/b.txt": "1",
        "a-c.txt": "2",  # "-" sorts before "/": part-by-part order differs from string order
        "a.b/c.txt": "3",
        "A/z.txt": "4",
        "x.pyc": "5",
        ".pyc": "6",  # a hidden file named .pyc has no suffix: it is hashed
        "skipme/d.txt": "7",
        "deep/skipme": "8",
        "deep/er/é.txt": "9",
        "empty.txt": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "emptydir").mkdir()
    os.symlink(tmp_path / "a-c.txt", tmp_path / "link.txt")
    os.symlink(tmp_path / "a", tmp_path / "linkdir")  # not followed by either walk
    os.symlink(tmp_path / "gone", tmp_path / "broken.txt")
    assert _digest_tree(tmp_path, ("skipme",)) == rglob_digest(tmp_path, ("skipme",))


def test_a_missing_folder_hashes_as_empty(tmp_path):
    assert _digest_tree(tmp_path / "no", ()) == rglob_digest(tmp_path / "no", ())


@pytest.mark.parametrize("skip", [_ANALYSIS_SKIP, ("__pycache__",)])
def test_same_digest_as_the_pathlib_walk_on_the_package(skip):
    root = _package_root()
    assert _digest_tree(root, skip) == rglob_digest(root, skip)
    assert _digest_tree(root.parent / "models", skip) == rglob_digest(root.parent / "models", skip)


def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package folder (with a models folder beside it) as analysis_version's package root,
    its files taken as settled (they were all written before the version is asked for)."""
    root = tmp_path / "analyzer"
    (root / "writers").mkdir(parents=True)
    (root / "signal.py").write_text("RULE = 1\n")
    (root / "writers" / "record_line.py").write_text("LINE = 1\n")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "model.json").write_text("{}")
    monkeypatch.setattr(state, "_package_root", lambda: root)
    monkeypatch.setattr(signatures, "RACY_NS", 0)
    return root


def kept_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "__pycache__").glob("analysis-version.*"))


def test_the_kept_version_is_the_one_the_files_give_and_is_read_back(tmp_path, monkeypatch):
    root = package(tmp_path, monkeypatch)
    version = state.analysis_version.__wrapped__()
    assert version == state._analysis_version()
    [kept] = kept_files(root)
    (root / "__pycache__" / kept).write_text("f" * 64)  # read back, not computed again
    assert state.analysis_version.__wrapped__() == "f" * 64


@pytest.mark.parametrize("edited", ["signal.py", "writers/record_line.py"])
def test_an_edited_file_gives_a_new_version_and_replaces_the_kept_one(
    tmp_path, monkeypatch, edited
):
    root = package(tmp_path, monkeypatch)
    before = state.analysis_version.__wrapped__()
    (root / edited).write_text("RULE = 22\n")
    after = state.analysis_version.__wrapped__()
    assert after != before and after == state._analysis_version()
    assert len(kept_files(root)) == 1


def test_no_version_is_kept_while_a_file_changed_moments_ago(tmp_path, monkeypatch):
    root = package(tmp_path, monkeypatch)
    monkeypatch.setattr(signatures, "RACY_NS", 60 * 10**9)  # a file written in the last minute
    assert state.analysis_version.__wrapped__() == state._analysis_version()
    assert kept_files(root) == []


@pytest.fixture
def versions_cleared():
    """The cached versions forgotten before and after the test (its package is a tmp folder)."""
    state.analysis_version.cache_clear()
    state.output_version.cache_clear()
    yield
    state.analysis_version.cache_clear()
    state.output_version.cache_clear()


def test_the_output_version_is_kept_and_a_template_moves_it_alone(
    tmp_path, monkeypatch, versions_cleared
):
    root = package(tmp_path, monkeypatch)
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text("<p>{{ title }}</p>")
    analysis, output = state.analysis_version(), state.output_version()
    assert output == state._output_version()
    kept = sorted(p.name for p in (root / "__pycache__").glob("output-version.*"))
    assert len(kept) == 1
    (root / "__pycache__" / kept[0]).write_text("f" * 64)  # read back, not computed again
    assert state.output_version.__wrapped__() == "f" * 64
    (root / "templates" / "page.html").write_text("<h1>{{ title }}</h1>")
    assert state.analysis_version.__wrapped__() == analysis
    assert state.output_version.__wrapped__() not in (output, "f" * 64)
    assert state.output_version.__wrapped__() == state._output_version()
    assert len(list((root / "__pycache__").glob("output-version.*"))) == 1
