"""Folder manifests: ``manifest.csv`` or ``manifest.jsonl`` beside the articles, keyed by file name.

A manifest row gives the metadata keys of :data:`analyzer.readers.metadata.KEYS` for the file named
in its ``file`` column (``filename`` and ``path`` are accepted too). Front matter wins over the
manifest; the manifest wins over what HTML pages say of themselves. A row with a bad field fails
the file it names (with the row's line in the error), not the other files of the folder.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import NamedTuple

from analyzer.errors import InputError
from analyzer.readers.metadata import validated_fields

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
_FILE_KEYS = ("file", "filename", "path")

# A file's manifest row: its metadata, or the error that makes the row unusable (the file then
# fails with it, and the other rows still apply).
Row = dict[str, object] | InputError


class Manifest(NamedTuple):
    """A folder's manifest rows by file name, and the errors of lines that name no file."""

    rows: dict[str, Row]
    errors: list[InputError]


def read_manifest(folder: Path) -> Manifest:
    """The folder's manifest (empty when it has none). A bad row fails only the file it names.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> rows = "file,published\\na.txt,2025-01-02\\nb.txt,2025-13-01\\n"
    >>> _ = (folder / "manifest.csv").write_text(rows, encoding="utf-8")
    >>> manifest = read_manifest(folder)
    >>> manifest.rows["a.txt"], manifest.errors
    ({'published': '2025-01-02'}, [])
    >>> str(manifest.rows["b.txt"]).endswith("is no such day")
    True
    """
    manifest = Manifest({}, [])
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.is_file():
            _parse(path, manifest)
    return manifest


def _parse(path: Path, manifest: Manifest) -> None:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".csv":
        import csv  # here: only a folder with a manifest.csv needs it (most have none)

        records = [(i + 2, row) for i, row in enumerate(csv.DictReader(io.StringIO(text)))]
    else:
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                manifest.errors.append(
                    InputError(f"{path}:{number}", f"not valid JSON ({exc.msg})")
                )
                continue
            if not isinstance(row, dict):
                error = InputError(f"{path}:{number}", "a manifest line must be a JSON object")
                manifest.errors.append(error)
                continue
            records.append((number, row))
    for number, row in records:
        file_name = next((str(row[k]) for k in _FILE_KEYS if row.get(k)), None)
        if not file_name:
            error = InputError(f"{path}:{number}", "manifest row names no file (column 'file')")
            manifest.errors.append(error)
            continue
        try:
            meta: Row = validated_fields(f"{path}:{number}", row)
        except InputError as exc:
            meta = exc
        manifest.rows[Path(file_name).name] = meta
