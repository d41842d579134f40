"""One article in, one ArticleResult out: the order in which signals run."""

from __future__ import annotations

from analyzer import scoring
from analyzer.article_type import TypeFeatures, classify, reads_as_opinion
from analyzer.document import Article, Document, Metadata, build_document
from analyzer.language import detect
from analyzer.layout import layout
from analyzer.results import ArticleResult, Finding
from analyzer.scoring import base_metrics, credited, sourcing_metrics, sourcing_scores
from analyzer.signals import (
    ai_style,
    anonymity,
    attribution,
    balance,
    claims,
    dates,
    headline,
    hedging,
    loaded_language,
    prescriptive,
    quotes,
    reply,
    roles,
    sources,
)
from analyzer.signals.people import find_people


def analyze_document(
    doc: Document, *, article_id: str = "article", path: str = ""
) -> ArticleResult:
    """Run every signal over a built Document and gather the result."""
    people = find_people(doc)
    found_quotes = quotes.find(doc)
    found_attributions = attribution.find(doc, quotes=found_quotes, people=people)
    found_quotes = quotes.assign_speakers(found_quotes, found_attributions)
    found_sources = roles.assign(
        sources.find(doc, found_attributions, found_quotes, people=people), people
    )
    attribution_findings = anonymity.find(doc, found_attributions)
    findings: list[Finding] = list(attribution_findings)
    loaded = loaded_language.assess(doc, found_quotes, attributions=found_attributions)
    findings += loaded.findings
    replies = reply.assess(doc, people=people, attributions=found_attributions)
    findings += replies.findings
    balanced = balance.assess(
        doc,
        found_sources,
        found_attributions,
        found_quotes,
        accused=replies.accused,
        answered=replies.answered,
    )
    findings += balanced.findings
    findings += headline.find(doc)
    metrics = base_metrics(doc, found_quotes)
    # Vague formulas ("experts say", "everyone knows"): they credit no one, so they add nothing
    # to sourcing, support no claim, and count as a habit of machine rewrites.
    vague_formulas = claims.vague_formulas(doc)
    credited_attributions = credited(found_attributions, vague_formulas)
    metrics.update(sourcing_metrics(doc, found_attributions, found_sources, credited_attributions))
    metrics.update(
        loaded_language=len(loaded.findings),
        loaded_language_sentences=loaded.sentences,
        loaded_language_in_quotes=loaded.in_quotes,
        accused_parties=replies.accused,
        accused_with_reply=replies.answered,
        **balanced.metrics,
    )
    credited_names = {a.source for a in credited_attributions}
    scores = sourcing_scores(metrics, [s for s in found_sources if s.name in credited_names])
    scores["balance"] = balanced.score

    # Claims and ai_style read the attribution signal's output as arguments.
    stance = hedging.find(doc)
    hedges = sum(f.kind == "hedge" for f in stance)
    boosters = len(stance) - hedges
    assessed = claims.assess(doc, found_attributions)
    unsupported = claims.findings_for(doc, assessed)
    advice = prescriptive.find(doc)
    words = doc.word_count
    opinion = reads_as_opinion(doc.meta.title, len(advice), words)
    styled = ai_style.find(doc, opinion=opinion)
    profile = ai_style.profile(doc, found_quotes, found_attributions)
    findings += stance + unsupported + styled + advice + dates.find(doc)

    metrics.update(
        hedges_per_1k_words=scoring.per(hedges, words, 1000),
        boosters_per_1k_words=scoring.per(boosters, words, 1000),
        claims=len(assessed),
        unsupported_claims=len(unsupported),
        prescriptive_per_1k_words=scoring.per(len(advice), words, 1000),
        ai_phrases_per_1k_words=scoring.per(
            sum(f.kind == "ai_phrase" for f in styled), words, 1000
        ),
        headings_without_reporting=len(profile.empty_headings),
    )
    # Vague attributions: the attribution signal's findings plus the vague support formulas the
    # claims signal knows ("reportedly", "experts say") that do not overlap one of them.
    vague = [f for f in attribution_findings if f.kind == "vague_attribution"]
    vague += [
        v for v in vague_formulas if not any(f.start < v.end and v.start < f.end for f in vague)
    ]
    # An opinion piece's questions to the reader are argument: no ai_style points.
    questions = 0 if opinion else sum(f.kind == "rhetorical_question" for f in styled)
    closing = sum(f.kind == "rhetorical_question" and f.detail.get("closing") for f in styled)
    closing = 0 if opinion else closing
    parts = scoring.ai_style_parts(
        words=words,
        ai_phrases=sum(f.kind == "ai_phrase" for f in styled),
        unsigned_notes=sum(f.kind == "unsigned_note" for f in styled),
        closing_questions=closing,
        other_questions=questions - closing,
        empty_headings=len(profile.empty_headings),
        direct_quotes=len(found_quotes),
        reporting_cues=profile.reporting_cues,
        vague_attributions=len(vague),
    )
    metrics["ai_style_parts"] = parts
    scores.update(
        hedging=scoring.hedging_score(hedges, boosters),
        claim_support=scoring.claim_support_score([c.credit for c in assessed]),
        ai_style=scoring.ai_style_score(parts),
    )
    article_type, type_reasons = classify(
        TypeFeatures(
            qa_reasons=layout(doc).qa_reasons,
            ai_style=scores["ai_style"] or 0.0,
            derived=bool(doc.meta.derived_from),
            prescriptive=len(advice),
            words=words,
            direct_quotes=len(found_quotes),
            title=doc.meta.title,
        )
    )
    # A very short text keeps every score, but the rate-based ones are flagged as weak evidence.
    metrics["scores_low_confidence"] = scoring.low_confidence_scores(words)
    findings.sort(key=Finding.sort_key)
    meta = doc.meta
    return ArticleResult(
        id=article_id,
        path=path,
        text=doc.text,
        title=meta.title,
        outlet=meta.outlet,
        author=meta.author,
        published=meta.published,
        url=meta.url,
        derived_from=meta.derived_from,
        paragraphs=tuple((p.start, p.end) for p in doc.paragraphs),
        type=article_type,
        type_reasons=type_reasons,
        metrics=metrics,
        scores=scores,
        sources=tuple(found_sources),
        quotes=tuple(found_quotes),
        attributions=tuple(found_attributions),
        findings=tuple(findings),
        language=detect(doc.text),
    )


def analyze_article(article: Article) -> ArticleResult:
    """Analyse an Article as a reader produced it."""
    return analyze_document(build_document(article), article_id=article.id, path=article.path)


def analyze(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    id: str = "article",
) -> ArticleResult:
    """Analyse one article given as a string; the same record the CLI writes.

    Examples
    --------
    >>> result = analyze('“We are not done,” said Ana Ruiz, the mayor.', title="Mayor speaks")
    >>> result.metrics["direct_quotes"], result.title
    (1, 'Mayor speaks')
    """
    meta = Metadata(title=title, published=published, outlet=outlet, author=author, url=url)
    return analyze_article(Article(id=id, path="", text=text, meta=meta))
