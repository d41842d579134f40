"""One article in, one ArticleResult out: the order in which signals run."""

from __future__ import annotations

from analyzer.document import Article, Document, Metadata, build_document
from analyzer.results import ArticleResult
from analyzer.scoring import base_metrics, sourcing_metrics, sourcing_scores
from analyzer.signals import anonymity, attribution, quotes, sources
from analyzer.signals.people import find_people


def analyze_document(
    doc: Document, *, article_id: str = "article", path: str = ""
) -> ArticleResult:
    """Run every signal over a built Document and gather the result."""
    people = find_people(doc)
    found_quotes = quotes.find(doc)
    found_attributions = attribution.find(doc, quotes=found_quotes, people=people)
    found_quotes = quotes.assign_speakers(found_quotes, found_attributions)
    found_sources = sources.find(doc, found_attributions, found_quotes, people=people)
    findings: list = []
    findings.extend(anonymity.find(doc, found_attributions))
    metrics = base_metrics(doc, found_quotes)
    metrics.update(sourcing_metrics(doc, found_attributions, found_sources))
    scores = sourcing_scores(metrics, found_sources)
    findings.sort(key=lambda f: f.sort_key())
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
        metrics=metrics,
        scores=scores,
        sources=tuple(found_sources),
        quotes=tuple(found_quotes),
        attributions=tuple(found_attributions),
        findings=tuple(findings),
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
