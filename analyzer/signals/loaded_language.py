"""Loaded language in the writer's own voice, from the biased-language model (BABE).

Each sentence is scored with the words inside speech quotations and interview answers blanked
out (replaced by spaces, so offsets stay the same): what a speaker said belongs to the speaker,
not to the outlet. When a
sentence's writer-voice score reaches the model's threshold, the word model names its loaded
words (:func:`analyzer.learned.bias.named_words_many`): its top word by naming score (word model
and the experts' marked-word lexicon), when it reaches the model's word gate (threshold and gate
come from cross-validation on the training data), and the next ones scoring at least
``bias.NAME_MORE``. A sentence whose top word falls below the gate gets no finding. Each named
word is one ``loaded_language`` finding whose message gives the sentence's score.

The speech quotations and interview answers are scored on their own and only counted (metric
``loaded_language_in_quotes``): a reader sees how heated the quoted voices are without that being
charged to the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.document import Document, blank
from analyzer.learned import bias
from analyzer.results import Attribution, Finding, Quote

# Fewer writer-voice words than this and there is nothing to judge ("he said.").
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class LoadedLanguage:
    """What the signal found: findings, flagged sentences, and loaded speech quotations."""

    findings: list[Finding]
    sentences: int
    in_quotes: int


def assess(
    doc: Document,
    quotes: Sequence[Quote],
    *,
    attributions: Sequence[Attribution] = (),
    model: dict[str, Any] | None = None,
) -> LoadedLanguage:
    """Score every sentence in the writer's voice and every speech quotation.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> m = bias.fit_model(["a radical scheme", "the council met", "radical plan", "rain fell"],
    ...                    [1, 0, 1, 0], C=10.0, marked=[["radical"], [], ["radical"], []])
    >>> doc = build_document(Article("a", "a", "The mayor pushed a radical scheme on Monday."))
    >>> [(f.kind, f.text) for f in assess(doc, [], model=m).findings]
    [('loaded_language', 'radical')]
    """
    model = bias.load() if model is None else model
    threshold = model["threshold"]
    text = doc.text
    voiced = writer_voice(doc, quotes, attributions)
    quoted = [text[q.start + 1 : q.end - 1] for q in quotes]
    quoted += [text[s:e] for s, e in _answers(attributions)]
    quoted = [q for q in quoted if _has_words(q)]
    probs = bias.sentence_probability(model, [p for _, p in voiced] + quoted)
    findings = []
    sentences = 0
    flagged = [
        (offset, piece, prob)
        for (offset, piece), prob in zip(voiced, probs[: len(voiced)], strict=True)
        if prob >= threshold
    ]
    named_in = bias.named_words_many(model, [p for _, p, _ in flagged])
    for (offset, _, prob), named in zip(flagged, named_in, strict=True):
        if not named:
            continue  # a decision no word explains is not shown to a reader
        sentences += 1
        listed = ", ".join(f"“{w.word}”" for w in named)
        message = (
            f"Loaded wording in the writer's own voice ({listed}). A model trained on "
            f"sentences that media-bias experts labelled rates this sentence "
            f"{prob:.2f} (flagged from {threshold:.2f}); a neutral word would inform "
            f"without taking a side."
        )
        if named[0].weight < bias.NAME_THRESHOLD:  # the sentence is loaded, its word uncertain
            message = (
                f"The writer's own wording here reads as loaded: a model trained on sentences "
                f"that media-bias experts labelled rates this sentence {prob:.2f} (flagged from "
                f"{threshold:.2f}). Its most likely loaded word is {listed}, though the word "
                f"model is unsure of it ({named[0].weight:.2f}); read the whole sentence."
            )
        for w in named:
            findings.append(
                Finding(
                    "loaded_language",
                    offset + w.start,
                    offset + w.end,
                    text[offset + w.start : offset + w.end],
                    message,
                    detail={
                        "sentence_probability": round(prob, 3),
                        "word_probability": round(w.weight, 3),
                        "threshold": threshold,
                    },
                )
            )
    in_quotes = sum(1 for p in probs[len(voiced) :] if p >= threshold)
    return LoadedLanguage(findings, sentences, in_quotes)


def _answers(attributions: Sequence[Attribution]) -> list[tuple[int, int]]:
    """Content spans of interview answers: the interviewee's words, not the writer's."""
    return [(a.content_start, a.content_end) for a in attributions if a.kind == "interview"]


def writer_voice(
    doc: Document, quotes: Sequence[Quote], attributions: Sequence[Attribution] = ()
) -> list[tuple[int, str]]:
    """Each sentence (start offset, text) with speech quotations and interview answers blanked,
    when words remain.

    Examples
    --------
    >>> from analyzer.document import Article, build_document
    >>> doc = build_document(Article("a", "a", '“They are crooks,” the mayor said on Monday.'))
    >>> writer_voice(doc, [Quote(0, 19, "“They are crooks,”")])
    [(0, '                   the mayor said on Monday.')]
    """
    spans = [(q.start, q.end) for q in quotes] + _answers(attributions)
    blanked = blank(doc.text, spans)  # once for the article, not per sentence
    voiced = []
    for s in doc.sentences:
        piece = blanked[s.start : s.end]
        if _has_words(piece):
            voiced.append((s.start, piece))
    return voiced


def find(
    doc: Document, quotes: Sequence[Quote], attributions: Sequence[Attribution] = ()
) -> list[Finding]:
    """``loaded_language`` findings in the writer's own voice, sorted by position."""
    return assess(doc, quotes, attributions=attributions).findings


# MIN_WORDS tokens of the text model (bias.TOKEN: runs of two or more word characters) from the
# start of a piece, in one match call. Each round skips non-word characters and one-character
# words, then takes a whole run of two or more; every step is possessive (the text splits into
# runs one way only), so the engine never backtracks: three times faster than r"(?:.*?\b\w\w+\b)".
# The white space a piece opens with (a blanked quotation, often dozens of spaces) is skipped
# first by \s, which the engine tests far faster than \W (white space is never a word character,
# so the first round's \W*+ takes the same run): a quarter less time an article.
_ENOUGH_WORDS = re.compile(r"\s*+" + r"\W*+(?:\w\W++)*+\w\w++" * MIN_WORDS)


def _has_words(piece: str) -> bool:
    """Whether ``piece`` holds ``MIN_WORDS`` words (:data:`analyzer.learned.bias.TOKEN`) or more.

    Examples
    --------
    >>> _has_words("he said."), _has_words("He said it on Monday.")
    (False, True)
    """
    return _ENOUGH_WORDS.match(piece) is not None
