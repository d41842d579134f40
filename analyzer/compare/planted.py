"""Planted-change pairs built from real news at evaluation time (PolNeAR), never stored.

For each article of ``DATA/<split>/text/`` the *faithful* derived text is an extractive summary:
every other sentence of the first 24 (six words or more), each its own paragraph, verbatim. The
*planted* version changes that summary once per kind where the article allows it, each change on
its own sentence and labelled where it was made:

- ``number_mismatch``: the first whole number (2 or more, digits, not a year) becomes a number the
  article never gives;
- ``date_mismatch``: the year of the first absolute date moves three years back (to a year the
  article never mentions);
- ``name_not_in_source``: in the first "First Last" pair of capitalised words inside a sentence,
  the second word becomes an invented surname;
- ``quote_not_in_source``: the second half of the words of the first quotation of six words or
  more is replaced by words of a sentence of another article;
- ``unsupported_sentence``: a sentence of another article (ten words or more, no quotation mark)
  is inserted in the middle.

Other issues inside a planted quotation or sentence (the names and numbers of the borrowed words)
are not counted either way: the whole span is the planted change.

The texts are read from ``--data`` when the evaluation runs; nothing of them is written.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from analyzer.compare.numeric import find_numbers
from analyzer.document import Article, build_document
from analyzer.temporal import find_dates

# Invented surnames for the planted names (checked absent from each article before use).
SURNAMES = ("Kowalczyk", "Trevisani", "Halloran", "Okonjo", "Lindqvist", "Marchetti", "Dubrovin")
_PAIR = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+) ([A-Z][a-z]{2,})\b")


def _published(data: Path) -> dict[str, str]:
    path = data / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {
            row["filename"]: row["publication_date"]
            for row in csv.DictReader(handle, delimiter="\t")
        }


def _sentences(text: str) -> list[str]:
    doc = build_document(Article("a", "", text))
    return [doc.span_text(s) for s in doc.sentences]


def _plant(
    sentences: list[str], source: str, filler: list[str], seed: int
) -> tuple[list[str], list[tuple[int, int, int, str]]]:
    """Apply one change per kind; return the sentences and (sentence, start, end, kind) labels."""
    out = list(sentences)
    labels: list[tuple[int, int, int, str]] = []
    used: set[int] = set()
    source_numbers = {n.value for n in find_numbers(source)}
    source_years = {d.year for d in find_dates(source, None) if d.year}

    def replace(k: int, start: int, end: int, new: str, kind: str) -> None:
        out[k] = out[k][:start] + new + out[k][end:]
        labels.append((k, start, start + len(new), kind))
        used.add(k)

    for k, s in enumerate(out):
        if k in used:
            continue
        dates = find_dates(s, None)
        nums = [
            n
            for n in find_numbers(s)
            if not any(n.start < d.end and d.start < n.end for d in dates)
        ]
        num = next(
            (
                n
                for n in nums
                if n.value >= 2 and n.value == int(n.value) and n.text.replace(",", "").isdigit()
            ),
            None,
        )
        if num is not None:
            value = int(num.value) * 2 + 3
            while value in source_numbers:
                value += 7
            replace(k, num.start, num.end, str(value), "number_mismatch")
            break
    for k, s in enumerate(out):
        if k in used:
            continue
        d = next((d for d in find_dates(s, None) if d.kind == "absolute" and d.year), None)
        if d is not None:
            year = d.year - 3
            while year in source_years:
                year -= 1
            new = d.text.replace(str(d.year), str(year))
            if new != d.text:
                replace(k, d.start, d.end, new, "date_mismatch")
                break
    for k, s in enumerate(out):
        if k in used:
            continue
        m = _PAIR.search(s)
        if m is None:
            continue
        surname = next(
            (n for n in SURNAMES[seed % len(SURNAMES) :] + SURNAMES if n not in source), None
        )
        if surname:
            replace(k, m.start(), m.end(), f"{m.group(1)} {surname}", "name_not_in_source")
            break
    for k, s in enumerate(out):
        if k in used:
            continue
        m = re.search(r"[“\"]([^”\"]+)[”\"]", s)
        if m is None or len(m.group(1).split()) < 6:
            continue
        words = m.group(1).split()
        half = len(words) // 2
        other = [w for f in filler for w in f.split()][: len(words) - half]
        if len(other) < len(words) - half:
            continue
        new_inner = " ".join(words[:half] + other)
        replace(k, m.start(1), m.end(1), new_inner, "quote_not_in_source")
        # the label covers the marks too
        k2, a, b, kind = labels[-1]
        labels[-1] = (k2, a - 1, b + 1, kind)
        labels.append((k2, a - 1, b + 1, "context"))
        break
    insert = next((f for f in filler if len(f.split()) >= 10 and not re.search(r"[“”\"]", f)), None)
    if insert is not None:
        at = len(out) // 2
        out.insert(at, insert)
        labels = [(k + 1 if k >= at else k, a, b, kind) for k, a, b, kind in labels]
        labels.append((at, 0, len(insert), "unsupported_sentence"))
        labels.append((at, 0, len(insert), "context"))
    return out, labels


def _join(sentences: list[str], labels: list[tuple[int, int, int, str]]) -> tuple[str, list[dict]]:
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + 1
    text = "\n".join(sentences)
    spans = [
        {
            "kind": kind,
            "start": starts[k] + a,
            "end": starts[k] + b,
            "text": text[starts[k] + a : starts[k] + b],
        }
        for k, a, b, kind in labels
    ]
    return text, spans


def polnear_pairs(data: Path, split: str = "dev") -> list[dict]:
    """Faithful and planted derived texts for every article of a PolNeAR split."""
    files = sorted((Path(data) / split / "text").glob("*.txt"))
    published = _published(Path(data))
    bodies = []
    for f in files:
        raw = f.read_text(encoding="utf-8")
        bodies.append((f.stem, raw.split("\n", 1)[1].strip() if "\n" in raw else raw))
    records = []
    for i, (name, body) in enumerate(bodies):
        sentences = [s for s in _sentences(body)[:24]]
        chosen = [s for j, s in enumerate(sentences) if j % 2 == 0 and len(s.split()) >= 6]
        if len(chosen) < 5:
            continue
        other = _sentences(bodies[(i + 1) % len(bodies)][1])[:40]
        filler = [s for s in other if s not in body]
        pub = published.get(name)
        faithful, _ = _join(chosen, [])
        records.append(
            {
                "id": f"{name}-faithful",
                "faithful": True,
                "published": pub,
                "source": body,
                "derived": faithful,
                "labels": [],
            }
        )
        planted, labels = _plant(chosen, body, filler, i)
        text, spans = _join(planted, labels)
        records.append(
            {
                "id": f"{name}-planted",
                "faithful": False,
                "published": pub,
                "source": body,
                "derived": text,
                "labels": spans,
            }
        )
    return records
