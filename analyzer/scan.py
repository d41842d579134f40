r"""Exact regular-expression scans that let Python's engine skip ahead.

Python's ``re`` jumps straight to the places where a pattern's first character occurs only when
that character is a literal (or a choice of literals) matched case-sensitively. A pattern that
opens with a word-boundary test (``\b``, ``(?<!\w)``) or ignores case is tried at every
character of the text instead, which made such scans a large share of the analysis.
:class:`Scanner` finds exactly the matches of ``re.compile(guard + body, flags).finditer(text)``
while searching for the body alone:

- the guard (zero-width tests on where a match may start) is checked only where the body
  matches; where it fails, the search resumes one character further, as ``finditer`` would;
- a case-insensitive pattern (``ignore_case``) is searched case-sensitively in the lower-cased
  text. This gives the same matches as ``re.IGNORECASE`` because the pattern is written in
  lower case and ASCII, and ``\w``, ``\s`` and ``\d`` hold a character exactly when they hold
  its lower case (``tests/test_scan.py`` checks every code point). A text where lower-casing
  changes the length ("İ") or that holds a character ``re.IGNORECASE`` folds onto an ASCII
  letter without lower-casing to it (dotless "ı", long "ſ") is scanned with the plain pattern.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from analyzer.lexicons import load_lexicon

# Characters re.IGNORECASE matches to an ASCII letter although their lower case is not that
# letter: "ı" matches "i" and "ſ" matches "s". (The Kelvin sign lower-cases to "k" itself.)
# lowered() tests for each by name: half the time of a loop over a tuple of them, per sentence.
_DOTLESS_I, _LONG_S = "ı", "ſ"
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")
_ESCAPE = re.compile(r"\\.", re.DOTALL)


# Kept for the next signal that asks about the same text: several lower-case an article's whole
# text (attribution, anonymity, reply, temporal, phrases), ~3.6 times an article before.
@functools.lru_cache(maxsize=8)
def lowered(text: str) -> str | None:
    """``text.lower()`` when matching it case-sensitively finds what re.IGNORECASE finds in
    ``text`` for a lower-case ASCII pattern, else None (see the module docstring).

    Examples
    --------
    >>> lowered("Sued in ’24"), lowered("ıs")
    ('sued in ’24', None)
    """
    low = text.lower()
    if len(low) != len(text) or _DOTLESS_I in text or _LONG_S in text:
        return None
    return low


def offsets(text: str, needles: Iterable[str]) -> list[int]:
    """Every offset where one of ``needles`` starts in ``text``, in order, each once.

    A pattern opening with a character class or an alternation is tried at every character of
    a text (~20-25 us an article even where it finds nothing); ``str.find`` of its literal
    openings, then a match at each place found, takes a tenth of that.

    Examples
    --------
    >>> offsets("a''b``c''", ("''", "``"))
    [1, 4, 7]
    >>> offsets("Monday and Sunday", ("day", "nday"))
    [2, 3, 13, 14]

    ``str.find`` of one character runs at memory speed; of two or more, it reads about a
    nanosecond a character, UCS-1 or UCS-2 text alike. A needle opening with a character that
    is no letter and no white space (a digit, an apostrophe: rare in prose) is found by going
    from one place of that character to the next and testing the rest of the needle there:
    "18", "19" and "20" in 6.5 instead of 16 us in a news text.
    """
    found = set()
    for needle in needles:
        if len(needle) > 1 and not (needle[0].isalpha() or needle[0].isspace()):
            first = needle[0]
            at = text.find(first)
            while at >= 0:
                if text.startswith(needle, at):
                    found.add(at)
                at = text.find(first, at + 1)
            continue
        at = text.find(needle)
        while at >= 0:
            found.add(at)
            at = text.find(needle, at + 1)
    return sorted(found)


def _check_lower_case(source: str) -> None:
    """Refuse a source the lower-cased text could not match as re.IGNORECASE would."""
    plain = _ESCAPE.sub("", source)
    if _INLINE_FLAGS.search(source) or any(
        ch.isupper() or (not ch.isascii() and ch.lower() != ch.upper()) for ch in plain
    ):
        raise ValueError(f"a caseless pattern must be lower-case ASCII without flags: {source!r}")


def lowered_pattern(source: str) -> re.Pattern[str]:
    r"""``source`` compiled to match in the text :func:`lowered` gives as
    ``re.compile(source, re.IGNORECASE)`` matches in the text itself (a source that could not,
    one not in lower-case ASCII, raises ValueError). A caseless try folds the case of every
    character it compares: tried where it mostly fails, this takes half the time.

    Examples
    --------
    >>> lowered_pattern(r"experts\s+say").match(lowered("Experts  Say so")).span()
    (0, 12)
    """
    _check_lower_case(source)
    return re.compile(source)


@dataclass(frozen=True)
class Scanner:
    r"""``guard + body`` as one pattern, and a faster way to find exactly its matches.

    Examples
    --------
    >>> s = Scanner.compile(r"\b", r"(?:sued|accused)\b", ignore_case=True)
    >>> s.spans("Acme was Accused; it pursued and sued.")
    [(9, 16), (33, 37)]
    """

    guard: re.Pattern[str]
    body: re.Pattern[str]  # searched in the lower-cased text when caseless
    caseless: bool

    @classmethod
    def compile(cls, guard: str, body: str, *, ignore_case: bool = False) -> Scanner:
        """A scanner for ``guard + body``; the guard must be zero-width and hold no group, the
        body never empty."""
        if ignore_case:
            _check_lower_case(guard + body)
        if re.compile(guard).groups:
            raise ValueError(f"a guard holds no groups (they would renumber the body's): {guard!r}")
        return cls(guard=re.compile(guard), body=re.compile(body), caseless=ignore_case)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The definition: guard + body, with re.IGNORECASE when caseless. Compiled on first use,
        by the rare text the body alone cannot scan (compiling each lexicon's trie twice, body and
        definition, took ~3 ms of a batch's start-up)."""
        flags = re.IGNORECASE if self.caseless else 0
        return re.compile(self.guard.pattern + self.body.pattern, flags)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each match, as ``self.pattern.finditer(text)`` gives them."""
        return [m.span() for m in self._matches(text)]

    def search(self, text: str) -> tuple[int, int] | None:
        """``(start, end)`` of the first match, as ``self.pattern.search(text)`` gives it."""
        m = next(self._matches(text), None)
        return None if m is None else m.span()

    def matches(self, text: str) -> list[re.Match[str]]:
        r"""The matches of ``self.pattern.finditer(text)``, mostly as matches of the body alone:
        the same spans and groups (the guard holds none). Case-sensitive scanners only (a
        caseless one searches the lower-cased text, whose groups are not the text's).

        Examples
        --------
        >>> s = Scanner.compile(r"(?<![\d.])\b", r"(?P<year>20\d\d)\b")
        >>> [m.group("year") for m in s.matches("In 2024, not 3.2025 or 12024, but 2025.")]
        ['2024', '2025']
        """
        if self.caseless:
            raise ValueError("a caseless scanner's matches are in the lower-cased text")
        return list(self._matches(text))

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        searched: str | None = text
        if self.caseless:
            searched = lowered(text)
            if searched is None:
                yield from self.pattern.finditer(text)
                return
        search, guard = self.body.search, self.guard.match
        resume = 0  # where finditer would go on from
        m = search(searched)
        while m is not None:
            start, end = m.span()
            if start == end:
                # Empty matches follow finditer's own rules: let it go on from here.
                yield from self.pattern.finditer(text, resume)
                return
            if guard(searched, start):
                yield m
                resume = end
                m = search(searched, end)
            else:  # no match starts here: try the next character, as finditer does
                m = search(searched, start + 1)


# One unit of a literal phrase pattern: white space between words, an escaped character, or a
# plain character (see alternation).
_ATOM = re.compile(r"\\s\+|\\[^0-9A-Za-z]|[^\\.^$*+?{}\[\]|()\s]")


def alternation(alternatives: Sequence[str]) -> str:
    r"""``(?:a|b|...)`` for literal phrases, written as a trie: ``(?:sue(?:d|s)|accuse)``.

    Python's engine tries the branches of an alternation one by one at every place; a trie
    tries only those that go on with the character there. Each alternative must be made of
    escaped or plain characters (as :func:`re.escape` writes them) and ``\s+`` between words.
    Branches at a trie node then start with different characters, so at most one can go on, and
    a phrase longer than one it extends is tried first: the trie matches what the flat
    alternation matches, as long as every alternative comes before those it extends (as when
    the phrases are sorted longest first). Alternatives that break these rules raise ValueError.

    Examples
    --------
    >>> alternation(["sued", "sues", "accused"])
    '(?:accused|sue(?:d|s))'
    """
    atoms = []
    for alt in alternatives:
        units = _ATOM.findall(alt)
        if not units or "".join(units) != alt:
            raise ValueError(f"not a literal phrase pattern: {alt!r}")
        atoms.append(tuple(units))
    units = {unit for alt in atoms for unit in alt}
    if r"\s+" in units and any(u[-1].isspace() for u in units):
        raise ValueError("white space written both as \\s+ and as a character")
    # An alternative that comes before one extending it is a proper prefix of a later one: the
    # prefixes of each are looked up among those seen before it (comparing every pair took ~5 ms
    # of each start, for the cue words). The first such alternative is named.
    first: dict[tuple[str, ...], int] = {}  # each alternative seen, by its first place
    before_extension: set[int] = set()
    for i, units in enumerate(atoms):
        prefixes = (units[:n] for n in range(1, len(units)))
        before_extension.update(first[p] for p in prefixes if p in first)
        first.setdefault(units, i)
    if before_extension:
        earliest = alternatives[min(before_extension)]
        raise ValueError(f"{earliest!r} comes before a phrase extending it")
    root: dict[str, dict] = {}
    for units in atoms:
        node = root
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [unit + emit(child) for unit, child in sorted(node.items()) if unit]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ("|)" if "" in node else ")")

    return "(?:" + "|".join(unit + emit(child) for unit, child in sorted(root.items())) + ")"


@functools.cache
def lexicon_scanner(name: str, guard: str, end: str, *, any_space: bool = False) -> Scanner:
    r"""A caseless :class:`Scanner` for the phrases of lexicon ``name``: ``guard``, the phrases as
    an :func:`alternation` (longest first, as the trie needs), then ``end``. With ``any_space``
    a space in a phrase matches any run of white space; else only a space. Built once per process.

    Examples
    --------
    >>> scanner = lexicon_scanner("dispute_cues", r"(?<!\w)", r"(?!\w)")
    >>> scanner.search("The company was sued in May.")
    (16, 20)
    """
    terms = sorted(load_lexicon(name), key=len, reverse=True)
    escaped = [re.escape(t.lower()) for t in terms]
    if any_space:
        escaped = [e.replace(r"\ ", r"\s+") for e in escaped]
    return Scanner.compile(guard, alternation(escaped) + end, ignore_case=True)


# Marks that are no word characters: a word or token neither starts nor ends with one, so
# stripping them from the ends of a piece of text between white space leaves its words as they were.
NOT_AT_WORD_ENDS = ".,;:!?\"'’‘“”()[]{}-—–…"


def findall_by_pieces(
    pattern: re.Pattern[str], text: str, whole: Callable[[str], bool]
) -> list[str]:
    r"""``pattern.findall(text)`` for a pattern of words (runs of word characters, maybe with inner
    marks), from a split of the text at white space.

    A word holds no white space, so each lies within one piece between white space and is found
    there as in the whole text (the pattern looks neither back nor ahead). A piece that is one
    word once stripped of its outer marks (``whole`` says so: ``str.isalpha`` for letters only,
    ``str.isalnum`` for letters and digits), most of them, is taken as it is; only the others are
    read with the pattern (about a third less time than the pattern over the whole text).

    Examples
    --------
    >>> findall_by_pieces(re.compile(r"[^\W\d_]+"), "“Ana’s” 3rd (U.N.)", str.isalpha)
    ['Ana', 's', 'rd', 'U', 'N']
    """
    found: list[str] = []
    for piece in text.split():
        core = piece.strip(NOT_AT_WORD_ENDS)
        if whole(core):
            found.append(core)
        elif core:
            found += pattern.findall(core)
    return found
