"""Article-quality and media-bias analyzer.

>>> from analyzer import analyze
>>> analyze("Prices rose 5 percent, the agency said.").metrics["words"]
7
"""

from __future__ import annotations

from analyzer.compare import compare
from analyzer.pipeline import analyze, analyze_article
from analyzer.results import ArticleResult

__version__ = "0.1.0"

__all__ = ["analyze", "analyze_article", "compare", "ArticleResult", "__version__"]
