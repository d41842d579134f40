"""Cut an article's text into highlight segments, ready for a template to wrap in ``<mark>``.

Findings, quotes and comparison issues may overlap (a hedge inside a quote inside an unsupported
claim). Rather than nest tags, the text is cut at every start and end of every span and of every
paragraph; each piece then knows every annotation that covers it. A template only loops over the
pieces and prints them, escaped: no HTML is built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(slots=True)  # not frozen: one per quote and finding of a page; frozen costs 5x to build
class Annotation:
    """One highlighted span: a finding, a quote or a comparison issue.

    ``number`` is what the reader sees next to the text and in the list of notes; ``group``
    picks colour and line style (see :mod:`analyzer.writers.explain`); ``tip`` is the
    plain-language reason shown on hover, focus and tap. An annotation with ``noted`` False
    has no entry in the list of notes (quotes on a compare page): it is marked and explained
    on hover, but carries no number.
    """

    number: int
    start: int
    end: int
    kind: str
    group: str
    label: str
    tip: str
    noted: bool = True

    @property
    def placed(self) -> bool:
        """Whether the span has text to highlight (offsets set, in order, non-empty)."""
        return 0 <= self.start < self.end


@dataclass(slots=True)  # not frozen: built once per piece of text, and frozen costs 4x to build
class Segment:
    """A piece of text and the annotations covering all of it (empty: plain text).

    ``ending`` holds the numbers of annotations whose last piece this is: the reader sees the
    note number there, once per annotation.
    """

    text: str
    marks: tuple[Annotation, ...] = ()
    ending: tuple[int, ...] = ()


def segment(
    text: str,
    annotations: Iterable[Annotation],
    paragraphs: Sequence[tuple[int, int]] = (),
) -> list[list[Segment]]:
    """Cut ``text`` into paragraphs of segments, each carrying the annotations that cover it.

    Parameters
    ----------
    text : str
        The article text as read.
    annotations : iterable of Annotation
        Spans to highlight; those not placed inside the text are skipped (the notes list still
        shows them).
    paragraphs : sequence of (start, end)
        Paragraph spans; text between paragraphs (blank lines) is not shown. Without any, the
        whole text is one paragraph.

    Returns
    -------
    list of list of Segment
        One list per paragraph; joined, each paragraph's segment texts give
        ``text[start:end]`` exactly.

    Examples
    --------
    >>> a = Annotation(1, 0, 11, "quote", "quote", "Direct quote", "said by Ana")
    >>> b = Annotation(2, 4, 7, "hedge", "hedge", "Hedge", "softens")
    >>> [[(s.text, [m.number for m in s.marks], s.ending) for s in p]
    ...  for p in segment('"We may go", she said.', [a, b])]
    [[('"We ', [1], ()), ('may', [1, 2], (2,)), (' go"', [1], (1,)), (', she said.', [], ())]]
    """
    n = len(text)
    spans = sorted(
        (a for a in annotations if a.placed and a.end <= n),
        key=lambda a: (a.start, -a.end, a.number),
    )
    paras = [(s, e) for s, e in paragraphs if 0 <= s <= e <= n] or [(0, n)]
    cuts = sorted({c for a in spans for c in (a.start, a.end)} | {c for p in paras for c in p})

    out: list[list[Segment]] = []
    active: list[Annotation] = []
    nxt = 0  # next annotation (by start) not yet active
    ci = 0  # index into cuts
    n_spans, n_cuts = len(spans), len(cuts)
    for i, (p_start, p_end) in enumerate(paras):
        # A span that ends in the blank gap after this paragraph shows its number here.
        gap_end = paras[i + 1][0] if i + 1 < len(paras) else n
        pieces: list[Segment] = []
        while ci < n_cuts and cuts[ci] < p_start:
            ci += 1
        pos = p_start
        while pos < p_end:
            # Annotations start or end only at cuts, so the active set is fixed up to the next cut.
            if active:
                active = [a for a in active if a.end > pos]
            while nxt < n_spans and spans[nxt].start <= pos:
                if spans[nxt].end > pos:
                    active.append(spans[nxt])
                nxt += 1
            while ci < n_cuts and cuts[ci] <= pos:
                ci += 1
            stop = cuts[ci] if ci < n_cuts and cuts[ci] < p_end else p_end
            if not active:  # about half the pieces of a page: plain text
                pieces.append(Segment(text[pos:stop]))
            else:
                marks = tuple(sorted(active, key=_number)) if len(active) > 1 else (active[0],)
                last = stop if stop < p_end else gap_end
                ending = tuple(a.number for a in marks if a.end <= last)
                pieces.append(Segment(text[pos:stop], marks, ending))
            pos = stop
        out.append(pieces)
    return out


def _number(annotation: Annotation) -> int:
    return annotation.number
