"""``analyzer compare SOURCE DERIVED``: read two files, analyse both, compare them."""

from __future__ import annotations

import dataclasses

from analyzer.compare import compare
from analyzer.document import Article
from analyzer.errors import InputError
from analyzer.pipeline import analyze_article
from analyzer.readers import read_inputs
from analyzer.readers.names import shown
from analyzer.results import ArticleResult


def _read_one(path: str) -> Article:
    items = list(read_inputs([path]))
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(items) != 1:
        raise InputError(shown(path), f"holds {len(items)} articles; compare needs exactly one")
    return items[0]


def compare_paths(source: str, derived: str) -> tuple[ArticleResult, ArticleResult]:
    """Analyse the article in ``source`` and the one in ``derived``; the derived result carries
    the comparison (``paired_by`` is "metadata": the user named the pair).

    Raises
    ------
    InputError
        When a path cannot be read or does not hold exactly one article.
    """
    src = analyze_article(_read_one(source))
    der = analyze_article(_read_one(derived))
    return src, dataclasses.replace(der, comparison=compare(src, der, paired_by="metadata"))
