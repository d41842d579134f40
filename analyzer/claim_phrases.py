"""Phrase sets of the claims signal built in code from word lists (not lexicon files).

Comparisons and document cues are fixed word sequences, built here from their parts; the vague
formulas' first words mark where lexicons/vague_support.txt's patterns are tried. They are
matched with the word trie of :mod:`analyzer.phrases`, in the same pass over a text as the
lexicons of :data:`analyzer.phrases.TOGETHER` (a pass of their own cost ~0.07 ms an article).
"""

from __future__ import annotations

COMPARATIVES = (
    "more less fewer greater higher lower larger smaller better worse bigger faster slower "
    "stronger weaker cheaper older younger"
).split()
COMPARISON_PHRASES = frozenset(
    [f"{c} than" for c in COMPARATIVES]
    + [f"{u} {c}" for u in ("percent", "times") for c in COMPARATIVES]
    + [f"{m} {w}" for m in ("twice", "half", "times") for w in ("as", "the")]
    + ["compared with", "compared to", "as many as", "as much as"]
)
_DATA_NOUNS = (
    "data figures statistics records numbers study studies survey surveys poll polls report "
    "reports analysis analyses census audit review index ranking estimate estimates"
).split()
_DATA_VERBS = (
    "from by released published compiled show shows showed report reported reveal revealed "
    "indicate indicated suggest suggested found find"
).split()
_AGENT_PARTICIPLES = (
    "compiled published released conducted estimated ranked assessed measured counted tallied "
    "tracked analyzed analysed calculated"
).split()
_SETTINGS = (
    "statement interview report letter filing email speech post study survey analysis "
    "testimony briefing"
).split() + ["press release"]
_SETTING_ADJECTIVES = "written joint recent new annual emailed televised sworn separate".split()
DOCUMENT_PHRASES = frozenset(
    ["according to"]
    + [f"{n} {v}" for n in _DATA_NOUNS for v in _DATA_VERBS]
    + [f"{p} by" for p in _AGENT_PARTICIPLES]
    + [
        f"in {d} {a}{s}"
        for d in ("a", "an", "the", "its", "his", "her", "their")
        for a in ["", *(f"{x} " for x in _SETTING_ADJECTIVES)]
        for s in _SETTINGS
    ]
)
# The words a vague formula of lexicons/vague_support.txt can open with: the pattern is tried only
# where one of them starts (a regular expression tried at every character is slow). Matched as
# phrases of one word: every occurrence.
VAGUE_OPENERS = frozenset(
    "some many most several experts critics observers analysts studies research statistics "
    "figures reports people others commentators sources reportedly it is are was were "
    "questions".split()
)
