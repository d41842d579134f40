"""Words the reports use to explain what they show: kinds of findings, metrics and scores.

The words live in one data file, ``analyzer/static/definitions.toml``; this module reads it once
and hands it to the pages and worksheet keys, and regenerates the README's tables from it
(``python -m analyzer.writers.explain README.md``), so the three never disagree.

Every kind of finding belongs to a *group*; a group fixes how the report marks it (colour plus a
line style or pattern, so that it reads in greyscale and for colour-blind readers). A kind this
table does not know yet still renders: its label is made from its name, it joins the ``other``
group, and its own message explains it.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class KindInfo:
    """How one kind of finding is named, grouped and explained to a reader."""

    label: str
    group: str
    meaning: str


# Groups, kinds, scores, metrics and sources-table columns are defined once, in
# analyzer/static/definitions.toml: the pages, the worksheet keys and the README tables (generated
# by `main` below) all read it.


def _load() -> dict[str, Any]:
    text = (files("analyzer") / "static" / "definitions.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


_DEFINITIONS = _load()
# Group -> the mark a reader learns to recognise, in legend order.
GROUPS: dict[str, str] = {g: d["mark"] for g, d in _DEFINITIONS["groups"].items()}
GROUP_LABELS: dict[str, str] = {g: d["label"] for g, d in _DEFINITIONS["groups"].items()}
KINDS: dict[str, KindInfo] = {k: KindInfo(**d) for k, d in _DEFINITIONS["kinds"].items()}


def kind_info(kind: str) -> KindInfo:
    """What the report calls a kind of finding, and how it marks it.

    Examples
    --------
    >>> kind_info("hedge").group
    'hedge'
    >>> kind_info("brand_new_kind")
    KindInfo(label='Brand new kind', group='other', meaning='')
    """
    known = KINDS.get(kind)
    if known is not None:
        return known
    return KindInfo(kind.replace("_", " ").capitalize(), "other", "")


def _sentence(text: str) -> str:
    """A definition as the pages print it: starting with a capital (the README's tables do not).

    Examples
    --------
    >>> _sentence("word tokens.")
    'Word tokens.'
    """
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class ScoreInfo:
    """What a score measures, which way it reads, and how it is computed."""

    label: str
    measures: str
    better: str  # "higher", "lower" or "neither" ("unknown" for a score not defined yet)
    reads: str
    formula: str

    @property
    def legend(self) -> str:
        """One line for a legend: what it measures and which way is better."""
        return f"{self.measures} {self.reads}".strip()

    @property
    def help(self) -> str:
        """The whole explanation: what, how (the formula), which way."""
        return f"{self.measures} Formula: {self.formula} {self.reads}"


# Which way a score reads, in the few words a column heading has room for.
BETTER_SHORT = {
    "higher": "higher is better",
    "lower": "lower is better",
    "neither": "50 is balanced",
}


SCORE_INFO: dict[str, ScoreInfo] = {
    name: ScoreInfo(**fields) for name, fields in _DEFINITIONS["scores"].items()
}
# (label, explanation) pairs, the shape every page and the worksheet key print.
SCORES: dict[str, tuple[str, str]] = {name: (i.label, i.help) for name, i in SCORE_INFO.items()}
METRICS: dict[str, tuple[str, str]] = {
    name: (d["label"], _sentence(d["text"])) for name, d in _DEFINITIONS["metrics"].items()
}
SOURCE_COLUMNS: dict[str, tuple[str, str]] = {
    name: (d["label"], _sentence(d["text"])) for name, d in _DEFINITIONS["sources"].items()
}


def score_help(name: str) -> tuple[str, str]:
    """(label, explanation) of a score; an unknown score is named from its key.

    Examples
    --------
    >>> score_help("sourcing")[0]
    'Sourcing'
    >>> score_help("new_score")
    ('New score', '')
    """
    return SCORES.get(name, (name.replace("_", " ").capitalize(), ""))


def metric_help(name: str) -> tuple[str, str]:
    """(label, explanation) of a metric; an unknown metric is named from its key.

    Examples
    --------
    >>> metric_help("words")[0]
    'Words'
    """
    return METRICS.get(name, (name.replace("_", " ").capitalize(), ""))


def score_info(name: str) -> ScoreInfo:
    """What a score means; an unknown score is named from its key, its direction left unsaid.

    Examples
    --------
    >>> score_info("ai_style").better
    'lower'
    >>> score_info("new_score").label, score_info("new_score").better
    ('New score', 'unknown')
    """
    known = SCORE_INFO.get(name)
    if known is not None:
        return known
    return ScoreInfo(name.replace("_", " ").capitalize(), "", "unknown", "", "")


# ------------------------------------------------------------------ README tables from one source


def readme_blocks() -> dict[str, str]:
    """The README's definition tables, as markdown, by marker name.

    Examples
    --------
    >>> readme_blocks()["scores"].splitlines()[0]
    '| score | what it measures | which way is better | formula |'
    """
    scores = ["| score | what it measures | which way is better | formula |", "|---|---|---|---|"]
    for name, i in SCORE_INFO.items():
        scores.append(f"| `{name}` ({i.label}) | {i.measures} | {i.reads} | {i.formula} |")
    metrics = ["| metric | what it counts |", "|---|---|"]
    metrics += [f"| `{n}` | {d['text']} |" for n, d in _DEFINITIONS["metrics"].items()]
    kinds = ["| kind | shown as | mark | what it means |", "|---|---|---|---|"]
    kinds += [
        f"| `{k}` | {i.label} | {GROUP_LABELS[i.group]}: {GROUPS[i.group]} | {i.meaning} |"
        for k, i in KINDS.items()
    ]
    sources = ["| column | what it holds |", "|---|---|"]
    sources += [f"| {d['label']} | {d['text']} |" for d in _DEFINITIONS["sources"].values()]
    return {
        "scores": "\n".join(scores),
        "metrics": "\n".join(metrics),
        "sources": "\n".join(sources),
        "kinds": "\n".join(kinds),
    }


def _marked(name: str) -> tuple[str, str]:
    return f"<!-- definitions:{name} -->\n", f"\n<!-- /definitions:{name} -->"


def rewrite_readme(text: str) -> str:
    """``text`` with each ``<!-- definitions:NAME -->`` block replaced by its generated table.

    Examples
    --------
    >>> page = "Intro\\n<!-- definitions:sources -->\\nold\\n<!-- /definitions:sources -->\\nEnd"
    >>> rewrite_readme(page).splitlines()[2]
    '| column | what it holds |'
    """
    for name, table in readme_blocks().items():
        opening, closing = _marked(name)
        start = text.find(opening)
        end = text.find(closing, start)
        if start < 0 or end < 0:
            continue
        text = text[: start + len(opening)] + table + text[end:]
    return text


def main(argv: list[str] | None = None) -> int:
    """``python -m analyzer.writers.explain README.md``: regenerate the README's tables."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m analyzer.writers.explain README.md", file=sys.stderr)
        return 2
    path = Path(args[0])
    old = path.read_text(encoding="utf-8")
    new = rewrite_readme(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return 0


# ------------------------------------------------------------------------ problems and notes

# Findings that inform rather than fault: a hedge is not a flaw by itself (the hedging score has
# no better end), and a relative date is marked so a reader knows the day it stands for.
NOTE_KINDS = frozenset({"hedge"})


def is_note(kind: str, detail: Mapping[str, Any]) -> bool:
    """Whether a finding is a neutral note for the reader rather than a problem of the article.

    A ``date_issue`` is a note when the dates signal marks it relative (``detail.relative``);
    an impossible or self-contradictory date is a problem.

    Examples
    --------
    >>> is_note("date_issue", {"relative": True, "resolved": "2024"})
    True
    >>> is_note("date_issue", {"relative": False, "resolved": None})
    False
    >>> is_note("hedge", {}), is_note("unsupported_claim", {})
    (True, False)
    """
    if kind in NOTE_KINDS:
        return True
    return kind == "date_issue" and detail.get("relative") is True


if __name__ == "__main__":
    raise SystemExit(main())
