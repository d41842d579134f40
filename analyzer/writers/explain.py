"""Words the reports use to explain what they show: kinds of findings, metrics and scores.

Every kind of finding belongs to a *group*; a group fixes how the report marks it (colour plus a
line style or pattern, so that it reads in greyscale and for colour-blind readers). A kind this
table does not know yet still renders: its label is made from its name, it joins the ``other``
group, and its own message explains it.
"""

from __future__ import annotations

import sys
import tomllib
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


# Groups in legend order, with the mark a reader learns to recognise.
GROUPS: dict[str, str] = {
    "quote": "blue, solid line under the words",
    "source": "orange, dashed underline",
    "claim": "red, wavy underline",
    "hedge": "green, dotted underline",
    "tone": "purple, double underline",
    "ai": "grey, striped background",
    "date": "blue, dotted box",
    "check": "boxed in dark red",
    "support": "dark red, dashed underline",
    "other": "grey, thin underline",
}

KINDS: dict[str, KindInfo] = {
    "quote": KindInfo(
        "Direct quote", "quote", "Speech quoted word for word between quotation marks."
    ),
    "vague_attribution": KindInfo(
        "Vague attribution",
        "source",
        "Credits a claim to an unnamed group, such as “experts say” or “critics argue”.",
    ),
    "anonymous_source": KindInfo(
        "Anonymous source",
        "source",
        "A source the article does not name, such as “an official who asked not to be named”.",
    ),
    "one_sided_sourcing": KindInfo(
        "One-sided sourcing", "source", "The sources cited all stand on one side of the story."
    ),
    "no_response_sought": KindInfo(
        "No response sought",
        "source",
        "Someone is accused or criticised, and the article does not say it asked them to reply.",
    ),
    "unsigned_note": KindInfo(
        "Unsigned note",
        "ai",
        "An editor's note or comment that no named person signs: a habit of machine-written "
        "rewrites (part of the AI style score).",
    ),
    "unsupported_claim": KindInfo(
        "Unsupported claim",
        "claim",
        "A statement of fact that the article credits to no one and backs with nothing.",
    ),
    "headline_unsupported": KindInfo(
        "Headline not supported", "claim", "The headline says something the body does not back."
    ),
    "hedge": KindInfo(
        "Hedge",
        "hedge",
        "A word that softens a claim, such as “may”, “reportedly” or “appears to”.",
    ),
    "booster": KindInfo(
        "Booster",
        "tone",
        "A word that overstates certainty, such as “clearly”, “undoubtedly” or “proves”.",
    ),
    "prescriptive": KindInfo(
        "Prescriptive",
        "tone",
        "Tells officials or readers what must or should be done: opinion, not report.",
    ),
    "loaded_language": KindInfo(
        "Loaded language",
        "tone",
        "A word chosen to stir a feeling rather than to describe, such as “slammed”.",
    ),
    "rhetorical_question": KindInfo(
        "Rhetorical question", "tone", "A question the article asks and leaves unanswered."
    ),
    "ai_phrase": KindInfo(
        "Machine-style phrase",
        "ai",
        "Stock phrasing common in machine-written text, such as “a testament to”.",
    ),
    "date_issue": KindInfo(
        "Date",
        "date",
        "A relative date (“last week”, “Tuesday”) and the day it stands for, counted from the "
        "publication date, so a later reader can place it; or a date that cannot exist "
        "(“Feb. 30”) or that contradicts its weekday.",
    ),
    "date_mismatch": KindInfo(
        "Date changed", "check", "A date here differs from the date the source gives."
    ),
    "number_mismatch": KindInfo(
        "Number changed", "check", "A number here differs from the number the source gives."
    ),
    "name_not_in_source": KindInfo(
        "Name not in source", "check", "A name that the source article never mentions."
    ),
    "quote_not_in_source": KindInfo(
        "Quote not in source", "check", "A quotation that cannot be found in the source."
    ),
    "misattributed_quote": KindInfo(
        "Quote credited to someone else",
        "check",
        "The source has these words, but from a different speaker.",
    ),
    "unsupported_sentence": KindInfo(
        "Not found in source",
        "support",
        "A sentence whose words the source does not share: an addition or an interpretation to "
        "check. Weaker evidence than a changed date, number, name or quote, which come first.",
    ),
}


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


# Scores, metrics and sources-table columns are defined once, in analyzer/static/definitions.toml:
# the pages, the worksheet keys and the README tables (generated by `main` below) all read it.


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


def _load() -> dict[str, Any]:
    text = (files("analyzer") / "static" / "definitions.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


_DEFINITIONS = _load()
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
    sources = ["| column | what it holds |", "|---|---|"]
    sources += [f"| {d['label']} | {d['text']} |" for d in _DEFINITIONS["sources"].values()]
    return {
        "scores": "\n".join(scores),
        "metrics": "\n".join(metrics),
        "sources": "\n".join(sources),
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


if __name__ == "__main__":
    raise SystemExit(main())


# ------------------------------------------------------------------------ problems and notes

# Findings that inform rather than fault: a hedge is not a flaw by itself (the hedging score has
# no better end), and a relative date is marked so a reader knows the day it stands for.
NOTE_KINDS = frozenset({"hedge"})
# The dates signal's wording for a relative date (resolved, or left unresolved): the only way
# its findings tell a relative date from an impossible or self-contradictory one, which are faults.
_RELATIVE_DATE = ("is a relative date", "names a stretch of time")


def is_note(kind: str, message: str) -> bool:
    """Whether a finding is a neutral note for the reader rather than a problem of the article.

    Examples
    --------
    >>> is_note("date_issue", "“last year” is a relative date: ... it means 2024.")
    True
    >>> is_note("date_issue", "“Feb. 30” is not a real date: February has 28 days.")
    False
    >>> is_note("hedge", "Softens the claim."), is_note("unsupported_claim", "No source.")
    (True, False)
    """
    if kind in NOTE_KINDS:
        return True
    return kind == "date_issue" and any(cue in message for cue in _RELATIVE_DATE)
