"""Evaluate the "not English" verdict of :mod:`analyzer.language` on labelled texts.

English: every PolNeAR article (train and dev) and every BABE sentence (train and dev) under
``--data`` (the shared data folder), and the seed articles. Not English: the translated manual
pages Debian installs under ``/usr/share/man/<language>/`` (de, fr, sv, pt, nl, ja, ru ...: the
only running text in other languages on the machine; their roff markup stripped). Many of those
are translated only in part (their headings in the language, their body still English), so a
page counts as not English only when at most :data:`SHARED_TRIGRAMS` of its word trigrams occur
in the English page of the same name; pages without an English page count as they are.
"""

from __future__ import annotations

import csv
import gzip
import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from analyzer.evaluation.scores import prf_line
from analyzer.language import ENGLISH_SHARE, MIN_WORDS, PREFIX, detect, english_share, is_english

MAN = Path("/usr/share/man")
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# A translated page sharing more than this share of its word trigrams with the English page of
# the same name is left out: it is mostly untranslated English.
SHARED_TRIGRAMS = 0.2

_REQUEST = re.compile(r"\.(?:SH|SS|B|I|BR|IR|RB|BI|IB|TP|IP|PP|LP|P)\s+(.*)")
_ESCAPE = re.compile(r"\\f[BIRPC]|\\f\(\w\w|\\f\[\w*\]|\\\(..|\\\*\(\w\w|\\\[\w+\]|\\[-&e|^ %]")


def roff_text(raw: str) -> str:
    """The words of a manual page: request lines dropped (the text of headings and font
    requests kept), escapes removed.

    Examples
    --------
    >>> roff_text('.SH NOM\\nls \\\\- lister le contenu\\n.\\\\" a comment\\n.B r\\\\(`epertoire')
    'NOM\\nls   lister le contenu\\nr pertoire'
    """
    lines = []
    for line in raw.splitlines():
        if line.startswith((".", "'")):
            request = _REQUEST.match(line)
            if request:
                lines.append(request.group(1))
            continue
        lines.append(line)
    return _ESCAPE.sub(" ", "\n".join(lines)).replace('"', "")


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return set(zip(words, words[1:], words[2:], strict=False))


def _read_man(path: Path) -> str | None:
    try:
        return roff_text(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def manual_pages(
    root: Path = MAN, left_out: Counter[str] | None = None
) -> Iterator[tuple[str, str]]:
    """(language folder, text) of each translated manual page that is mostly translated; the
    others are counted in ``left_out`` by folder."""
    english: dict[Path, set[tuple[str, ...]] | None] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("man")):
        for path in sorted(folder.rglob("*.gz")):
            text = _read_man(path)
            if text is None:
                continue
            original = root / path.relative_to(folder)
            if original not in english:
                english_text = _read_man(original) if original.exists() else None
                english[original] = _trigrams(english_text) if english_text else None
            known = english[original]
            if known:
                grams = _trigrams(text)
                if len(grams & known) > SHARED_TRIGRAMS * max(1, len(grams)):
                    if left_out is not None:
                        left_out[folder.name] += 1
                    continue
            yield folder.name, text


def english_texts(data: Path) -> Iterator[tuple[str, str]]:
    """(set name, text) of every English text: PolNeAR articles, BABE sentences, seeds."""
    for path in sorted((data / "polnear").glob("*/text/*")):
        yield "PolNeAR articles", path.read_text(encoding="utf-8")
    for split in ("train", "dev"):
        with (data / "babe" / f"{split}.csv").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                yield "BABE sentences", row["text"]
    for path in sorted(SEEDS.glob("*.txt")):
        yield "seed articles", path.read_text(encoding="utf-8")


def evaluate(data: Path, split: str = "all") -> str:
    """P/R/F1 of "not English" over the English sets under ``data`` and the manual pages;
    ``split`` is unused (no model is trained: every text is used)."""
    started = time.perf_counter()
    sizes: Counter[str] = Counter()
    wrong: Counter[str] = Counter()  # English texts called another language
    undecided: Counter[str] = Counter()
    identified: Counter[str] = Counter()  # English texts the function words left to py3langid
    fp = 0
    for name, text in english_texts(data):
        sizes[name] += 1
        share, words = english_share(text[:PREFIX])
        identified[name] += share < ENGLISH_SHARE and words >= MIN_WORDS
        language = detect(text)
        if language is None:
            undecided[name] += 1
        if not is_english(language):
            fp += 1
            wrong[name] += 1
    pages: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    tp = fn = 0
    short = [0, 0]  # paragraphs of 20 to 60 words: [called not English, all]
    left_out: Counter[str] = Counter()
    for folder, text in manual_pages(left_out=left_out):
        pages[folder] += 1
        if is_english(detect(text)):
            fn += 1
            missed[folder] += 1
        else:
            tp += 1
        for paragraph in re.split(r"\n\s*\n", text):
            if 20 <= len(paragraph.split()) <= 60:
                short[0] += not is_english(detect(paragraph))
                short[1] += 1
    if not pages:
        return f"no translated manual pages under {MAN}: nothing to measure recall on"
    lines = [
        "English: "
        + ", ".join(
            f"{n} {name} ({wrong[name]} called not English, {undecided[name]} too short to tell, "
            f"{identified[name]} left to py3langid)"
            for name, n in sizes.items()
        ),
        f"not English: {sum(pages.values())} translated manual pages in {len(pages)} languages "
        f"({', '.join(f'{k} {v}' for k, v in sorted(pages.items()))}); "
        f"{sum(left_out.values())} more left out as mostly English",
        prf_line("not English", tp, fp, fn),
    ]
    if missed:
        lines.append("missed: " + ", ".join(f"{k} {v}" for k, v in sorted(missed.items())))
    lines.append(
        f"recall on their paragraphs of 20 to 60 words: {short[0] / short[1]:.3f} "
        f"({short[0]} of {short[1]})"
    )
    lines.append(f"({time.perf_counter() - started:.1f} s)")
    return "\n".join(lines)
