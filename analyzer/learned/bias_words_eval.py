"""Word-level evaluation of loaded_language: are the named words the ones experts marked?

``python -m analyzer.evaluate bias-words --data BABE --split dev`` runs every sentence of the
split through the product as a one-sentence article (as ``analyzer score FILE --json`` would) and
compares the words its ``loaded_language`` findings name with the words BABE's experts marked.

How words are compared (token level, per sentence, then summed over sentences):

- a named word is the text of a ``loaded_language`` finding, lower-cased;
- the experts' words are BABE's ``biased_words`` entries with quote marks (" “ ” ' ‘ ’) stripped
  from their ends, lower-cased and split into words of two or more letters or digits, the
  product's own word pattern (so "so-called" gives "so" and "called", "Trump's" gives "trump");
- each sentence's named words and marked words are sets (a word named twice counts once); a named
  word is right when the same sentence's experts marked it.

Precision is right named words / named words, recall right named words / marked words, F1 their
harmonic mean. Printed over the sentences the product flags (all labels: what a reader of the
findings meets) and over all the experts' biased sentences (a biased sentence the product does
not flag contributes its marked words to recall's denominator), plus the share of named words
that no expert marked in their sentence, and the recall ceiling: the share of marked words the
product could name at all (its candidate words exclude stop words, numbers, names and titles).

``--split newswire:PATH`` instead runs the product over plain news articles (a folder of .txt
files, first line the title) and prints how many words per 1,000 it names and the most frequent
ones: there are no marked words there, so this only shows what a reader of ordinary news meets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from analyzer.learned import bias
from analyzer.pipeline import analyze

QUOTE_MARKS = "\"“”'‘’ "


def gold_tokens(marked: list[str]) -> set[str]:
    """The experts' marked words of one sentence as lower-case tokens.

    Examples
    --------
    >>> sorted(gold_tokens(['"experts"', "So-called", "Trump's"]))
    ['called', 'experts', 'so', 'trump']
    """
    return {t for m in marked for t in bias.TOKEN.findall(m.strip(QUOTE_MARKS).lower())}


@dataclass(frozen=True, slots=True)
class WordFigures:
    """Token counts of one scope: words named, words marked, and named words that were marked."""

    named: int
    marked: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.named if self.named else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.marked if self.marked else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"({self.right} right of {self.named} named, {self.marked} marked)"
        )


def word_figures(
    named: list[set[str]], marked: list[set[str]], keep: list[bool] | None = None
) -> WordFigures:
    """Summed token counts over the sentences where ``keep`` holds (all when None).

    Examples
    --------
    >>> f = word_figures([{"slammed", "tax"}, set()], [{"slammed"}, {"radical"}])
    >>> (f.named, f.marked, f.right, round(f.precision, 2), round(f.recall, 2))
    (2, 2, 1, 0.5, 0.5)
    """
    keep = keep if keep is not None else [True] * len(named)
    n = m = r = 0
    for words, gold, k in zip(named, marked, keep, strict=True):
        if k:
            n += len(words)
            m += len(gold)
            r += len(words & gold)
    return WordFigures(n, m, r)


def report(
    named: list[set[str]], marked: list[set[str]], labels: list[int], ceiling: list[set[str]]
) -> list[str]:
    """The printed figures for sentences' named words, marked words, labels and nameable words.

    ``ceiling`` holds, per sentence, the marked words the product could name (its candidates).
    """
    flagged = [bool(w) for w in named]
    biased = [lab == 1 for lab in labels]
    over_flagged = word_figures(named, marked, flagged)
    over_biased = word_figures(named, marked, biased)
    plain = [lab == 0 for lab in labels]
    in_plain = sum(len(w) for w, k in zip(named, plain, strict=True) if k)
    total = over_flagged.named
    unmarked = total - over_flagged.right
    gold = sum(len(g) for g, k in zip(marked, biased, strict=True) if k)
    nameable = sum(len(c) for c, k in zip(ceiling, biased, strict=True) if k)
    share = f"{unmarked / total:.3f}" if total else "n/a"
    reach = f"{nameable / gold:.3f}" if gold else "n/a"
    return [
        f"sentences {len(labels)}, biased {sum(biased)}, flagged {sum(flagged)} "
        f"(biased and flagged {sum(f and b for f, b in zip(flagged, biased, strict=True))})",
        f"over flagged sentences: {over_flagged.line()}",
        f"over biased sentences:  {over_biased.line()}",
        f"named words no expert marked: {share} ({unmarked} of {total}; "
        f"{in_plain} of them in non-biased sentences)",
        f"recall ceiling (marked words of biased sentences the product can name at all): "
        f"{reach} ({nameable} of {gold})",
    ]


def evaluate(data: Path, split: str) -> str:
    """The printed report for one BABE split, or for a newswire folder (``newswire:PATH``)."""
    if split.startswith("newswire:"):
        return newswire(Path(split.split(":", 1)[1]))
    rows = bias.read_babe(data / f"{split}.csv")
    named, marked, ceiling = [], [], []
    for row in rows:
        record = analyze(row["text"], id=row["id"]).to_record()
        found = [f["text"] for f in record["findings"] if f["kind"] == "loaded_language"]
        named.append({w.lower() for w in found})
        gold = gold_tokens(row["biased_words"])
        marked.append(gold)
        ceiling.append(gold & {w.lower() for _, _, w in bias.candidate_words(row["text"])})
    lines = [f"BABE {split}: words named by loaded_language against the experts' marked words"]
    lines += report(named, marked, [r["label"] for r in rows], ceiling)
    return "\n".join(lines)


def newswire(folder: Path, top: int = 30) -> str:
    """Named words per 1,000 words over plain news articles, and the most frequent ones."""
    words = articles = 0
    counts: Counter[str] = Counter()
    for path in sorted(folder.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        record = analyze(body, title=title.strip(), id=path.stem).to_record()
        articles += 1
        words += record["metrics"]["words"]
        counts.update(
            f["text"].lower() for f in record["findings"] if f["kind"] == "loaded_language"
        )
    if not words:
        return f"{folder}: no .txt articles"
    named = sum(counts.values())
    common = ", ".join(f"{w} {n}" for w, n in counts.most_common(top))
    return "\n".join(
        [
            f"newswire {folder}: {articles} articles, {words} words",
            f"named words {named} ({named * 1000 / words:.2f} per 1,000 words), "
            f"{len(counts)} distinct",
            f"most frequent: {common}",
        ]
    )
