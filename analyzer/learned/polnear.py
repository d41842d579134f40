"""Reading the PolNeAR corpus (brat standoff) into gold attributions.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates who said or thought what in US political
news. This module only reads it; the corpus stays outside the project and its path comes from
the command line (``--data``).

Gold preparation follows the corpus's SCORING.md: one annotator per article, chosen by a fixed
rule (the lexically smallest annotation file name); one gold item per ``E`` record with its cue,
its content (``Content`` and ``Content2`` merged) and its source (or none); ``Discuss`` and
``Discard`` flags dropped; an item is *direct* when its content holds a quotation mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

QUOTE_MARKS = '"“”„«»'


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: character segments of cue, content and source."""

    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]  # empty when the attribution has no source
    direct: bool

    @property
    def content_span(self) -> tuple[int, int]:
        return (min(s for s, _ in self.content), max(e for _, e in self.content))


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article's text and its gold attributions."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


_SEGMENTS = re.compile(r"(\d+) (\d+)")


def _parse_segments(field: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(s), int(e)) for s, e in _SEGMENTS.findall(field))


def parse_ann(text: str, raw: str) -> tuple[GoldAttribution, ...]:
    """Gold attributions of one brat ``.ann`` file over the article ``text``.

    Examples
    --------
    >>> ann = "T1\\tSource 0 3\\tAna\\nT2\\tCue 4 8\\tsaid\\nT3\\tContent 9 11\\thi\\n"
    >>> ann += "T4\\tAttribution 4 8\\tsaid\\nE1\\tAttribution:T4 Content:T3 Cue:T2 Source:T1\\n"
    >>> parse_ann("Ana said hi", ann)[0].source
    ((0, 3),)
    """
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, list[str]]] = []
    for line in raw.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, segs = parts[1].partition(" ")
            spans[parts[0]] = (label, _parse_segments(segs))
        elif parts[0].startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(roles)
    out = []
    for roles in events:

        def segs(role: str, roles: dict[str, list[str]] = roles) -> tuple[tuple[int, int], ...]:
            found: list[tuple[int, int]] = []
            for ref in roles.get(role, []):
                if ref in spans:
                    found.extend(spans[ref][1])
            return tuple(sorted(found))

        content = segs("Content")
        cue = segs("Cue")
        if not content or not cue:
            continue
        direct = any(c in QUOTE_MARKS for s, e in content for c in text[s:e])
        out.append(GoldAttribution(cue=cue, content=content, source=segs("Source"), direct=direct))
    out.sort(key=lambda a: (a.content_span, a.cue))
    return tuple(out)


def read_split(data: Path, split: str) -> list[GoldArticle]:
    """Every article of ``split`` (train or dev) with its gold attributions, sorted by name."""
    folder = Path(data) / split
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"{text_dir}: no such folder (is --data the PolNeAR folder?)")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(article, ann)  # fixed rule: the smallest annotator file name
    articles = []
    for name in sorted(chosen):
        txt = text_dir / f"{name}.txt"
        if not txt.is_file():
            continue
        # newline="" keeps "\r\n" so brat's character offsets stay valid.
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        raw = chosen[name].read_text(encoding="utf-8")
        articles.append(GoldArticle(name=name, text=text, attributions=parse_ann(text, raw)))
    return articles
