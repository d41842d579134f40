"""Numbers in prose, read to a value and a unit so that a rewrite's figures can be checked.

"22 percent", "22%" and "twenty-two per cent" all read as ``(22, "percent")``; "37,000",
"37 thousand" and "thirty-seven thousand" as ``(37000, None)``. Four-digit years (1800-2100, no
comma, no unit) are left to the date check, and ordinals ("second", "21st") are not counts.
"""

from __future__ import annotations

import functools
import math
import re
import string
from dataclasses import dataclass

from analyzer.lexicons import load_lexicon

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_UNIT = re.compile(
    r"\s*(?:(?P<pct>%|percent\b|per\s+cent\b)|(?P<pts>percentage[\s-]+points?\b))", re.IGNORECASE
)
# The leading look-ahead (a number starts with "$" or a digit) lets the engine skip to those
# characters; a pattern that opens with a look-behind is tried at every character.
_DIGITS = re.compile(
    r"(?=[$\d])(?<![\w.,])(?<![^\W\d]-)\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w]|[.,]\d)"
)
_SCALE_AFTER = re.compile(r"\s*-?\s*(thousand|million|billion|trillion|bn)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_LETTERS = string.ascii_letters


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in text: where it is, what it says, its value and unit.

    ``unit`` is ``"percent"``, ``"points"`` (percentage points) or None for a plain count.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    approx: bool = False  # preceded by "about", "nearly", "more than"...

    def describe(self) -> str:
        """The value as a reader would write it.

        Examples
        --------
        >>> NumberMention(0, 3, "22%", 22.0, "percent").describe()
        '22 percent'
        """
        v = int(self.value) if self.value == int(self.value) else self.value
        text = f"{v:,}" if isinstance(v, int) else str(v)
        return {"percent": f"{text} percent", "points": f"{text} percentage points"}.get(
            self.unit, text
        )


@functools.cache
def _approximators() -> re.Pattern[str]:
    words = sorted(load_lexicon("approximators"), key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternatives})\s+(?:\$\s?)?$", re.IGNORECASE)


def _is_approx(text: str, start: int) -> bool:
    return _approximators().search(text[max(0, start - 24) : start]) is not None


@functools.cache
def _word_values() -> dict[str, float]:
    table = {}
    for line in load_lexicon("number_values"):
        word, value = line.split()
        table[word.lower()] = float(value)
    return table


def _unit_at(text: str, end: int) -> tuple[str | None, int]:
    m = _UNIT.match(text, end)
    if not m:
        return None, end
    return ("percent" if m.group("pct") else "points"), m.end()


def _digit_mentions(text: str) -> list[NumberMention]:
    found = []
    for m in _DIGITS.finditer(text):
        whole, frac = m.group(1), m.group(2) or ""
        value = float(whole.replace(",", "") + frac)
        end = m.end()
        scale = _SCALE_AFTER.match(text, end)
        if scale:
            value *= _SCALES[scale.group(1).lower()]
            end = scale.end()
        unit, end = _unit_at(text, end)
        is_year = (
            len(whole) == 4 and not frac and not scale and unit is None and 1800 <= value <= 2100
        )
        if is_year:
            continue
        found.append(NumberMention(m.start(), end, text[m.start() : end], value, unit))
    return found


@functools.cache
def _openers() -> tuple[str, ...]:
    """The words that can open a run of number words: the number words and "one"."""
    return (*sorted(w for w in _word_values() if w.isascii() and w.isalpha()), "one")


def _opener_starts(text: str) -> list[int]:
    """Where the words (as :data:`_WORD` reads words: runs of ASCII letters) that can open a run
    of number words start, in any case, in order."""
    # Only ASCII letters lower-cased (the UTF-8 bytes of other characters are all >= 0x80), so
    # offsets stay those of ``text``: str.lower() can turn "K" (Kelvin) into "k", "İ" into two.
    low = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    starts = []
    for word in _openers():
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            # A whole word: no ASCII letter before or after it.
            if not (at and low[at - 1] in _LETTERS) and not (
                end < len(low) and low[end] in _LETTERS
            ):
                starts.append(at)
            at = low.find(word, at + 1)
    return sorted(starts)


def _word_mentions(text: str) -> list[NumberMention]:
    values = _word_values()
    found = []
    pos = 0  # words before this offset belong to a run already read
    # A run opens only on a number word (or "one"): only the words from each of those on are
    # read (most of a text has no number word).
    for opener in _opener_starts(text):
        if opener < pos:
            continue
        words = _words_from(text, opener, values)
        run: list[tuple[int, int, str]] = []
        j = 0
        while j < len(words):
            s, e, w = words[j]
            gap = text[run[-1][1] : s] if run else ""
            if run and gap.strip(" -") != "":
                break
            is_one = w == "one" and (
                (run and values.get(run[-1][2], 0) in range(20, 100, 10))
                or (j + 1 < len(words) and words[j + 1][2] in ("hundred", *_SCALES))
            )
            if w in values or is_one:
                run.append((s, e, w))
                j += 1
            elif w == "and" and run and j + 1 < len(words) and words[j + 1][2] in values:
                run.append((s, e, w))
                j += 1
            else:
                break
        pos = words[max(j, 1) - 1][1]  # the opener's end when the run took no word
        if not run:
            continue
        while run and run[-1][2] == "and":
            run.pop()
        value = _word_run_value([w for _, _, w in run], values)
        start, end = run[0][0], run[-1][1]
        # "decades" and "dozens" are vague amounts, not counts.
        plural = text[end : end + 1] == "s"
        if value is not None and not plural:
            unit, end = _unit_at(text, end)
            found.append(NumberMention(start, end, text[start:end], value, unit))
    return found


def _words_from(text: str, start: int, values: dict[str, float]) -> list[tuple[int, int, str]]:
    """(start, end, lower case) of the words from ``start`` on that a run of number words may
    read: those that may join one ("one", "and", number words), then the first that may not,
    which ends any run (and is all the run loop looks at past them)."""
    words = []
    for m in _WORD.finditer(text, start):
        w = m.group().lower()
        words.append((m.start(), m.end(), w))
        if not (w in values or w == "one" or w == "and"):
            break
    return words


def _word_run_value(words: list[str], values: dict[str, float]) -> float | None:
    total, current = 0.0, 0.0
    for w in words:
        if w == "and":
            continue
        v = 1.0 if w == "one" else values[w]
        if w == "hundred":
            current = (current or 1) * 100
        elif v >= 1000:
            total += (current or 1) * v
            current = 0
        else:
            current += v
    value = total + current
    return value or None


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text``, in order of position.

    Examples
    --------
    >>> [(n.text, n.value, n.unit) for n in find_numbers("Down twenty-two per cent to 37,000.")]
    [('twenty-two per cent', 22.0, 'percent'), ('37,000', 37000.0, None)]
    >>> [n.value for n in find_numbers("In 2020, 1.5 million people and a dozen towns.")]
    [1500000.0, 12.0]
    """
    mentions = _digit_mentions(text) + _word_mentions(text)
    taken: list[NumberMention] = []
    for m in sorted(mentions, key=lambda n: (n.start, -n.end)):
        if taken and m.start < taken[-1].end:
            continue
        taken.append(m)
    return [
        NumberMention(m.start, m.end, m.text, m.value, m.unit, True)
        if _is_approx(text, m.start)
        else m
        for m in taken
    ]


def _significant_step(value: float) -> float:
    """The rounding step a writer used: 39,000 -> 1,000; 22 -> 1; 2.5 -> 0.1."""
    if value != int(value):
        decimals = len(repr(value).split(".")[1])
        return 10.0**-decimals
    v = int(value)
    if v == 0:
        return 1.0
    step = 1
    while v % (step * 10) == 0:
        step *= 10
    return float(step)


def same_number(derived: NumberMention, source: NumberMention) -> bool:
    """Whether a derived number states the source number, allowing the derived one to be rounded.

    Rounding is allowed only to the derived number's own precision, within 5 percent, and, below
    1,000, only when the derived number says it is approximate ("about 30" states 29, "30" does
    not): "22,000" states 21,743, but "10" never states 12.

    Examples
    --------
    >>> a = NumberMention(0, 6, "22,000", 22000.0, None)
    >>> same_number(a, NumberMention(0, 6, "21,743", 21743.0, None))
    True
    >>> same_number(NumberMention(0, 2, "30", 30.0, None), NumberMention(0, 2, "29", 29.0, None))
    False
    """
    if derived.unit != source.unit:
        return False
    d, s = derived.value, source.value
    if math.isclose(d, s, rel_tol=1e-9):
        return True
    if s == 0 or abs(d - s) / abs(s) > 0.05 or (abs(d) < 1000 and not derived.approx):
        return False
    step = _significant_step(d)
    return math.isclose(round(s / step) * step, d, rel_tol=1e-9)
