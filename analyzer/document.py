"""Document: the one structure every signal reads (with Article, Metadata and Span, defined in
:mod:`analyzer.article` and exported here too).

An :class:`Article` is what a reader produced: the text as read (front matter removed) and its
metadata. :func:`build_document` turns it into a :class:`Document` holding paragraphs, sentences,
tokens and quotation spans as character offsets into that same text, so that
``doc.text[span.start:span.end]`` is always the span's text and the offsets written to
results.jsonl point into the article as the reader saw it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from analyzer.article import Article, Metadata, Span
from analyzer.lexicons import load_lexicon
from analyzer.phrases import token_keys
from analyzer.scan import findall_by_pieces, offsets

if TYPE_CHECKING:
    from analyzer.sentences import FastPunkt

__all__ = ["Article", "Document", "Metadata", "Span", "build_document"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Document:
    """An article split into paragraphs, sentences, tokens and quotation spans.

    ``quotes`` holds every span between quotation marks (marks included), speech or not: scare
    quotes and titles are told apart from speech by :mod:`analyzer.signals.quotes`.

    ``tokens`` may be given (as :func:`dataclasses.replace` does) or left out, in which case the
    token spans are found in ``text`` on first use; ``token_texts`` holds their strings.

    Examples
    --------
    >>> doc = build_document(Article("a", "a.txt", '“It works,” said Mr. Lee. He left.'))
    >>> [doc.span_text(s) for s in doc.sentences]
    ['“It works,” said Mr. Lee.', 'He left.']
    >>> [doc.span_text(q) for q in doc.quotes]
    ['“It works,”']
    >>> doc.token_texts, doc.word_count
    (('It', 'works', 'said', 'Mr', 'Lee', 'He', 'left'), 7)
    """

    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    # An init argument only: reading ``doc.tokens`` goes through the property defined after the
    # class (a property in the class body would become this argument's default value).
    tokens: InitVar[tuple[Span, ...] | None] = None
    quotes: tuple[Span, ...] = ()
    meta: Metadata = field(default_factory=Metadata)
    _sentence_starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    _paragraph_starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    _quote_starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    # Token spans and their strings, computed on first use: most runs only count the words and
    # read their strings, and building a Span per word was most of the cost of a Document.
    _tokens: tuple[Span, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _token_texts: tuple[str, ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _token_keys: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)
    # What derived() computed, by the function that computed it.
    _derived: dict[Callable[[Any], Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self, tokens: tuple[Span, ...] | None) -> None:
        n = len(self.text)
        given = {"paragraphs": self.paragraphs, "sentences": self.sentences}
        given.update(tokens=tokens or (), quotes=self.quotes)
        for name, spans in given.items():
            for span in spans:
                if span.end > n:
                    raise IndexError(
                        f"{name[:-1]} span start {span.start} and end {span.end} "
                        f"fall outside a text of length {n}"
                    )
        set_ = object.__setattr__
        set_(self, "_sentence_starts", tuple(s.start for s in self.sentences))
        set_(self, "_paragraph_starts", tuple(p.start for p in self.paragraphs))
        set_(self, "_quote_starts", tuple(q.start for q in self.quotes))
        if tokens is not None:
            set_(self, "_tokens", tuple(tokens))

    def span_text(self, span: Span) -> str:
        """The text a span covers."""
        return self.text[span.start : span.end]

    def derived(self, compute: Callable[[Document], T]) -> T:
        """``compute(self)``, computed on first use and kept with the document, for a piece
        several signals read (``compute`` must depend on nothing but the document).

        Examples
        --------
        >>> def sentence_count(doc):
        ...     print("counted")
        ...     return len(doc.sentences)
        >>> doc = build_document(Article("a", "a.txt", "One. Two."))
        >>> doc.derived(sentence_count)
        counted
        2
        >>> doc.derived(sentence_count)
        2
        """
        try:
            return self._derived[compute]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[compute] = compute(self)
            return value

    @property
    def token_texts(self) -> tuple[str, ...]:
        """The text of each token, in order (``doc.span_text(t) for t in doc.tokens``)."""
        if self._token_texts is None:
            if self._tokens is None:
                texts = tuple(token_texts(self.text))
            else:
                texts = tuple(self.text[t.start : t.end] for t in self._tokens)
            object.__setattr__(self, "_token_texts", texts)
        return self._token_texts

    @property
    def token_keys(self) -> tuple[str, ...]:
        """Each token's text in lower case with straight apostrophes, in order
        (``t.lower().replace("’", "'") for t in doc.token_texts``): the keys of the syllable table.

        Read from the phrase word index of the text (:func:`analyzer.phrases.token_keys`), which
        the signals build anyway, rather than from the tokens' own strings: splitting the text
        into tokens was about as long as the reading grade that reads them.
        """
        if self._token_keys is None:
            keys = token_keys(self.text) if self._tokens is None else None
            if keys is None:
                keys = tuple(t.lower().replace("’", "'") for t in self.token_texts)
            object.__setattr__(self, "_token_keys", keys)
        return self._token_keys

    @property
    def word_count(self) -> int:
        """Tokens that hold a letter or a digit (punctuation is not a word)."""
        if self._token_texts is not None:
            return len(self._token_texts)
        return len(self.token_keys)

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence that holds character ``offset``, or None between sentences."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None

    def paragraph_index(self, offset: int) -> int | None:
        """Index of the paragraph that holds character ``offset``, or None between paragraphs."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return i
        return None

    def in_quote(self, span: Span) -> bool:
        """True when ``span`` lies wholly inside one quotation span."""
        i = bisect.bisect_right(self._quote_starts, span.start) - 1
        return i >= 0 and self.quotes[i].contains(span)

    def tokens_in(self, span: Span) -> list[Span]:
        """The tokens that lie wholly inside ``span``."""
        tokens = self.tokens
        starts = [t.start for t in tokens]
        lo = bisect.bisect_left(starts, span.start)
        hi = bisect.bisect_left(starts, span.end)
        return [t for t in tokens[lo:hi] if t.end <= span.end]


def _document_tokens(doc: Document) -> tuple[Span, ...]:
    """The word tokens of the text as spans (see ``_TOKEN``), built on first use."""
    if doc._tokens is None:
        object.__setattr__(doc, "_tokens", tuple(token_spans(doc.text)))
    return doc._tokens


Document.tokens = property(_document_tokens)  # type: ignore[assignment]


# Words: letters or digits, joined by inner apostrophes, hyphens, periods or commas
# ("isn't", "López-Obrador", "U.S.", "37,000", "3.5"); the trailing period of an abbreviation
# stays outside the token, so sentence punctuation never becomes part of a word.
_TOKEN = re.compile(r"\w+(?:[’'\-.,]\w+)*")

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_OPENERS_BEFORE = " \t\n([{—–-/:"
_QUOTE_MARKS = _OPEN_DOUBLE + _CLOSE_DOUBLE + '"‘’'


# "No." or "Nos." as a whole word closing a sentence piece (the number sign, when a figure follows).
_NUMBER_SIGN = re.compile(r"(?<![\w.])[Nn]os?\.\s*\Z")
# A sentence piece ends on a character that is no white space (pieces are trimmed), so a match
# is the piece's last _SIGN_WIDTH characters at most ("Nos."; the look-behind reads the text
# before them): only those are searched. Searched from the piece's start, the test reread each
# sentence as its pieces joined it, quadratic in a paragraph of "No. 2 No. 2 ...".
_SIGN_WIDTH = len("Nos.")


@functools.cache
def _sentence_splitter() -> FastPunkt:
    # Imported on first use: importing nltk takes over a second, and a rerun that finds every
    # article unchanged never splits a sentence.
    from analyzer.sentences import FastPunkt

    return FastPunkt(load_lexicon("abbreviations"))


def paragraph_spans(text: str) -> list[Span]:
    """Non-blank lines, each trimmed of outer white space, as paragraphs."""
    spans = []
    at = 0  # where the line starts (a split, not a match object per line)
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append(Span(at + lead, at + lead + len(stripped)))
        at += len(line) + 1
    return spans


def sentence_spans(text: str, paragraphs: list[Span]) -> list[Span]:
    """Punkt sentences inside each paragraph; a sentence never crosses a paragraph break.

    Punkt runs untrained, with the project's abbreviation list, through
    :class:`analyzer.sentences.FastPunkt` (NLTK's answers, several times faster).
    """
    splitter = _sentence_splitter()
    spans: list[Span] = []
    for p in paragraphs:
        # A candidate break is a ".", "?" or "!" with a character after it: a paragraph holding
        # none before its last character, and no white space at its ends, is one sentence, the
        # one the splitter would give (nine paragraphs in twenty of a news text; ~2 µs each).
        last = p.end - 1
        if (
            p.start < last
            and text.find(".", p.start, last) < 0
            and text.find("?", p.start, last) < 0
            and text.find("!", p.start, last) < 0
            and not text[p.start].isspace()
            and not text[last].isspace()
        ):
            spans.append(Span(p.start, p.end))
            continue
        first = len(spans)
        for s, e in splitter.spans(text[p.start : p.end]):
            start, end = p.start + s, p.start + e
            # Punkt's idea of white space is narrower than str.isspace (control separators such
            # as \x1f); trim so that every sentence's text is its own stripped text.
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start == end:
                continue
            # Untrained Punkt splits after “Really?” in “Really?” she asked; a sentence cannot
            # start with a lower-case word, so such a piece joins the sentence before it. Nor
            # after the number sign in “the No. 2 official”: a piece opening on a figure after
            # “No.” continues the sentence (news style spells out a figure opening a sentence).
            if len(spans) > first and (
                text[start].islower()
                or (
                    text[start].isdigit()
                    and _NUMBER_SIGN.search(
                        text, max(spans[-1].start, spans[-1].end - _SIGN_WIDTH), spans[-1].end
                    )
                )
            ):
                spans[-1] = Span(spans[-1].start, end)
            else:
                spans.append(Span(start, end))
    return spans


def token_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def token_texts(text: str) -> list[str]:
    """``_TOKEN.findall(text)``, from a split of the text at white space
    (:func:`analyzer.scan.findall_by_pieces`: a piece of letters and digits is one token).

    Examples
    --------
    >>> token_texts("In 2024, López-Obrador’s U.S. trip (37,000 km)...")
    ['In', '2024', 'López-Obrador’s', 'U.S', 'trip', '37,000', 'km']
    """
    return findall_by_pieces(_TOKEN, text, str.isalnum)


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character inside ``spans`` turned into a space.

    The length stays the same, so every offset into the text still holds: signals blank
    quotations to judge the writer's own words and keep reporting offsets into the article.
    Spans may overlap or reach past the text.

    Examples
    --------
    >>> blank("He said “no” twice.", [(8, 12), (10, 12)])
    'He said      twice.'
    """
    parts = []
    done = 0  # the text before this offset is already in parts
    for start, end in sorted(spans):
        start, end = max(start, done), min(end, len(text))
        if start < end:
            parts += [text[done:start], " " * (end - start)]
            done = end
    parts.append(text[done:])
    return "".join(parts)


def _opens(text: str, i: int, width: int = 1) -> bool:
    """A straight double quote at ``i`` (``width`` characters long) opens a quotation when it
    starts a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before in _OPENERS_BEFORE or before in _OPEN_DOUBLE) and not after.isspace()


def _single_closes(text: str, i: int) -> bool:
    """A ’ at ``i`` closes a single-quoted passage unless it is an apostrophe inside a word."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


# Typewriter text (the New York Times archive; text tokenised for parsers) writes a double
# quotation mark as two apostrophes, ''like this,'' or opens one with two backticks. Three
# apostrophes are the double mark and a single one (''Tis, the Joneses'''). Two apostrophes
# after a figure are inches (5'11''): a mark's first apostrophe follows no apostrophe or digit.
# (Tested after that apostrophe, so that both branches open with a literal, which the engine
# skips ahead to: the look-behind opening the pattern had it tried at every character.)
_TYPEWRITER_MARK = re.compile(r"'(?<!['\d]')''?(?!')|``")


def typewriter_quotes(text: str) -> str:
    """``text`` with each typewriter double quotation mark ('' or ``) made a curly mark and a
    space, the space on the outside: every other character keeps its offset, so the spans found
    in the result point into ``text`` too. Two apostrophes open a quotation where a straight
    double quote would (:func:`_opens`), and close it elsewhere.

    Examples
    --------
    >>> print(typewriter_quotes("''This isn't reform,'' said Ms. Lee, 5'11'' tall."))
     “This isn't reform,”  said Ms. Lee, 5'11'' tall.
    >>> print(typewriter_quotes("``Ask the Joneses''' she said."))
     “Ask the Joneses'”  she said.
    """
    marks = _typewriter_marks(text)
    if not marks:
        return text
    parts = []
    done = 0
    for m in marks:
        i, mark = m.start(), m.group()
        if mark == "``" or _opens(text, i, len(mark)):
            new = " “" + mark[2:]
        else:
            new = mark[2:] + "” "
        parts += [text[done:i], new]
        done = m.end()
    parts.append(text[done:])
    return "".join(parts)


def _typewriter_marks(text: str) -> list[re.Match[str]]:
    """``_TYPEWRITER_MARK.finditer(text)``, the pattern tried only where "''" or "``" starts,
    as every match does (found by str.find): a search tried the pattern at every apostrophe and
    backtick, three times as long in a typewriter text."""
    found = []
    resume = 0  # where finditer would go on from
    for at in offsets(text, ("''", "``")):
        if at >= resume and (m := _TYPEWRITER_MARK.match(text, at)):
            found.append(m)
            resume = m.end()
    return found


def quote_spans(text: str, paragraphs: list[Span]) -> list[Span]:
    """Spans from an opening quotation mark to its closing mark, marks included.

    Handles curly and straight double quotes, single quotes used as outer marks, nested single
    quotes (kept inside the outer span), and quotations running over several paragraphs where
    each paragraph opens with a quote mark and only the last one closes. A mark that never closes
    yields no span: a stray mark is more common than an unterminated quotation.
    """
    spans: list[Span] = []
    open_at: int | None = None
    single = False
    # Every quotation mark's offset, found by str.find: a third of the time of a search with
    # their class, tried at every character.
    marks = offsets(text, _QUOTE_MARKS)
    for pi, p in enumerate(paragraphs):
        begin = p.start
        if open_at is not None:
            # Continuation of a multi-paragraph quotation: skip its opening mark.
            first = text[p.start]
            if (single and first == "‘") or (
                not single and (first in _OPEN_DOUBLE or first == '"')
            ):
                begin += 1
            else:
                open_at = None
        # Only quotation marks change the state: jump from one to the next instead of visiting
        # every character (the loop below ignores all other characters).
        for i in marks[bisect.bisect_left(marks, begin) : bisect.bisect_left(marks, p.end)]:
            c = text[i]
            if open_at is None:
                if c in _OPEN_DOUBLE or (c == '"' and _opens(text, i)):
                    open_at, single = i, False
                elif c == "‘" and (i == p.start or text[i - 1] in _OPENERS_BEFORE):
                    open_at, single = i, True
            elif single:
                if c == "’" and _single_closes(text, i):
                    spans.append(Span(open_at, i + 1))
                    open_at = None
            elif c in _CLOSE_DOUBLE or c == '"':
                spans.append(Span(open_at, i + 1))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            continues = nxt is not None and (
                text[nxt.start] == "‘" if single else text[nxt.start] in _OPEN_DOUBLE + '"'
            )
            if not continues:
                open_at = None
    return spans


def build_document(article: Article, sentences: tuple[Span, ...] | None = None) -> Document:
    """Split an article into paragraphs, sentences, tokens and quotation spans.

    ``sentences``: the sentence spans an earlier ``build_document`` of the same text found (a
    batch stores them with the result, see :mod:`analyzer.stored_result`), so that they are not
    looked for again; splitting sentences is most of the cost of a Document.

    Examples
    --------
    >>> article = Article("a", "a.txt", "At 6 a.m. the U.S. team left.\\nIt rained.")
    >>> doc = build_document(article)
    >>> len(doc.paragraphs), len(doc.sentences), doc.word_count
    (2, 2, 9)
    >>> build_document(article, doc.sentences) == doc
    True
    """
    text = typewriter_quotes(article.text)
    paragraphs = paragraph_spans(text)
    return Document(
        text=text,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentence_spans(text, paragraphs)) if sentences is None else sentences,
        quotes=tuple(quote_spans(text, paragraphs)),
        meta=article.meta,
    )
