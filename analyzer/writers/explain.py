"""Words the reports use to explain what they show: kinds of findings, metrics and scores.

Every kind of finding belongs to a *group*; a group fixes how the report marks it (colour plus a
line style or pattern, so that it reads in greyscale and for colour-blind readers). A kind this
table does not know yet still renders: its label is made from its name, it joins the ``other``
group, and its own message explains it.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        "Unsigned note", "source", "An editor's note or comment that no named person signs."
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
        "Date to check",
        "check",
        "A date that cannot be pinned to the calendar, or that conflicts with another date.",
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


# Scores are 0-100, but not all run from bad to good: the words say which way each one reads.
# They follow analyzer/scoring.py and the README ("Scores"); a test checks every score and metric
# the pipeline writes has an entry here.
SCORES: dict[str, tuple[str, str]] = {
    "sourcing": (
        "Sourcing",
        "How much of the article is credited to someone, and to how many: "
        "70 × min(1, attributions per 100 words ÷ 3) + 30 × min(1, distinct sources ÷ 5). "
        "Higher: better sourced.",
    ),
    "named_attribution": (
        "Named attribution",
        "Share of attributions whose source is named: 100 × named attributions ÷ all "
        "attributions. Higher: fewer anonymous or vague sources.",
    ),
    "hedging": (
        "Hedging",
        "Where the stance leans: 100 × (hedges + 1) ÷ (hedges + boosters + 2). "
        "Near 100: mostly caution; near 0: mostly certainty; 50: balanced or neither.",
    ),
    "claim_support": (
        "Claim support",
        "Share of factual claims with support: 100 × total credit ÷ claims, where a claim backed "
        "by a source, datum or document counts 1, one backed only by a verb such as “noted” "
        "counts ½, and one backed by nothing counts 0. Higher: better supported.",
    ),
    "ai_style": (
        "AI style",
        "Points for habits of machine-written rewrites, summed: stock phrases (up to 40), an "
        "unsigned editor's note (15), rhetorical questions (up to 15), headings with no "
        "reporting under them (up to 10), speech reported but never quoted (10), vague "
        "attributions (up to 10). 0 reads like reporting; higher: more machine habits.",
    ),
    "balance": (
        "Balance",
        "How many kinds of voices the article gives, and whether the accused get a reply: "
        "70 × role diversity + 30 × share of accused parties given a reply (1 if no one is "
        "accused). Role diversity is 1 − Σ share² over the roles of the sources (official, "
        "expert, advocate, business, affected, police, journalist), scaled so 1 is as varied "
        "as the number of sources allows. Higher: more kinds of voices.",
    ),
}

METRICS: dict[str, tuple[str, str]] = {
    "words": ("Words", "Word tokens: runs of letters or digits (“37,000” and “U.S.” count once)."),
    "sentences": ("Sentences", "Sentences found by the Punkt splitter with the project's list."),
    "paragraphs": ("Paragraphs", "Non-blank lines of the text."),
    "scores_low_confidence": (
        "Low-confidence scores",
        "Scores built on rates per word (sourcing, hedging, AI style) that rest on fewer than "
        "100 words: one phrase moves them a lot, so read them as a rough sign only.",
    ),
    "direct_quotes": (
        "Direct quotes",
        "Quotations of speech between quotation marks; scare quotes and titles do not count.",
    ),
    "reading_grade": (
        "Reading grade",
        "Flesch-Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59. "
        "The US school grade a reader needs; it measures length of words and sentences only.",
    ),
    "named_sources": ("Named sources", "Distinct sources the article names."),
    "anonymous_sources": ("Anonymous sources", "Distinct sources the article does not name."),
    "attributions": ("Attributions", "Places where the article credits something to a source."),
    "sourcing_density": (
        "Sourcing density",
        "Attributions per 100 words: attributions × 100 ÷ words.",
    ),
    "named_attribution_ratio": (
        "Named attribution ratio",
        "Attributions to a named source ÷ all attributions.",
    ),
    "hedges_per_1k_words": ("Hedges per 1,000 words", "Hedges × 1,000 ÷ words."),
    "boosters_per_1k_words": ("Boosters per 1,000 words", "Boosters × 1,000 ÷ words."),
    "claims": ("Factual claims", "Sentences that state a checkable fact."),
    "unsupported_claims": ("Unsupported claims", "Factual claims credited to no one."),
    "prescriptive_per_1k_words": (
        "Prescriptive phrases per 1,000 words",
        "Phrases saying what must or should be done × 1,000 ÷ words.",
    ),
    "ai_phrases_per_1k_words": (
        "Machine-style phrases per 1,000 words",
        "Stock phrases of machine-written text × 1,000 ÷ words.",
    ),
    "loaded_language": (
        "Loaded words",
        "Words named as loaded in sentences of the writer's own voice that the biased-language "
        "model (trained on expert labels, BABE) flags; up to three a sentence.",
    ),
    "loaded_language_sentences": (
        "Loaded sentences",
        "Sentences in the writer's own voice the biased-language model flags.",
    ),
    "loaded_language_in_quotes": (
        "Loaded quotations",
        "Speech quotations the same model would flag: the speakers' words, not charged to the "
        "outlet.",
    ),
    "accused_parties": (
        "Accused parties",
        "Named people or organisations the article accuses or criticises.",
    ),
    "accused_with_reply": (
        "Accused parties with a reply",
        "Accused parties whose response is given, or who the article says were asked.",
    ),
    "headings_without_reporting": (
        "Headings without reporting",
        "Headings in the body with no quote, attribution or number under them.",
    ),
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
