"""``analyzer worksheet``: read an article (and optionally its source), analyse, write the sheet.

The exercises themselves are built by :mod:`analyzer.exercises` from the analysis alone; this
module only reads the files, runs the pipeline and hands the result to the writer.
"""

from __future__ import annotations

from pathlib import Path

from analyzer.compare.files import compare_paths
from analyzer.document import Article
from analyzer.errors import InputError
from analyzer.exercises import build_worksheet
from analyzer.pipeline import analyze_article
from analyzer.readers import read_inputs
from analyzer.readers.names import shown
from analyzer.writers.worksheet import write_worksheet


def read_one(path: str) -> Article:
    """The one article in ``path``; InputError when it cannot be read or holds several."""
    items = list(read_inputs([path]))
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(items) != 1:
        raise InputError(shown(path), f"holds {len(items)} articles; a worksheet needs exactly one")
    return items[0]


def make_worksheet(
    article: str,
    *,
    out: Path,
    source: str | None = None,
    level: str = "basic",
    seed: int = 0,
) -> tuple[Path, Path]:
    """Write ``out``/<id>-worksheet.html and ``out``/<id>-answers.html for the article in a file.

    Parameters
    ----------
    article : str
        A file holding one article (any input the readers take).
    source : str, optional
        A file holding the article that ``article`` rewrites: the sheet then shows both and
        adds "what did the rewrite change?".
    out : Path
        The folder to write to (created if missing).
    level : {"basic", "advanced"}
        How many items, and how hard.
    seed : int
        Chooses and orders the items: the same article and seed give the same pages.

    Returns
    -------
    tuple of Path
        The worksheet and the answer key.
    """
    if source is None:
        result = analyze_article(read_one(article))
        sheet = build_worksheet(result, level=level, seed=seed)
    else:
        src, result = compare_paths(source, article)
        sheet = build_worksheet(
            result, source=src, comparison=result.comparison, level=level, seed=seed
        )
    return write_worksheet(sheet, out)
