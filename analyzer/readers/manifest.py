"""Folder manifests: ``manifest.csv`` or ``manifest.jsonl`` beside the articles, keyed by file name.

A manifest row gives the metadata keys of :data:`analyzer.readers.metadata.KEYS` for the file named
in its ``file`` column (``filename`` and ``path`` are accepted too). Front matter wins over the
manifest; the manifest wins over what HTML pages say of themselves.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from analyzer.errors import InputError
from analyzer.readers.metadata import validated_fields

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
_FILE_KEYS = ("file", "filename", "path")


def read_manifest(folder: Path) -> dict[str, dict[str, object]]:
    """Metadata by file name from the folder's manifest, or an empty dict when it has none."""
    rows: dict[str, dict[str, object]] = {}
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.is_file():
            rows.update(_parse(path))
    return rows


def _parse(path: Path) -> dict[str, dict[str, object]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".csv":
        records = [(i + 2, row) for i, row in enumerate(csv.DictReader(io.StringIO(text)))]
    else:
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{number}", "a manifest line must be a JSON object")
            records.append((number, row))
    out: dict[str, dict[str, object]] = {}
    for number, row in records:
        file_name = next((str(row[k]) for k in _FILE_KEYS if row.get(k)), None)
        if not file_name:
            raise InputError(f"{path}:{number}", "manifest row names no file (column 'file')")
        meta = validated_fields(f"{path}:{number}", row)
        out[Path(file_name).name] = meta
    return out
