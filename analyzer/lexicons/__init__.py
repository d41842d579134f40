"""Word lists shipped with the package.

Each list is ``analyzer/lexicons/<name>.txt``: one term a line, headed by ``#`` lines that say what
the list means and where it comes from. Blank lines and ``#`` lines are skipped; terms are kept as
written (case included), so each caller decides how to match.
"""

from __future__ import annotations

import functools
from importlib import resources

from analyzer.errors import AnalyzerError


@functools.cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """Return the terms of lexicon ``name`` in file order.

    Raises
    ------
    AnalyzerError
        When the file is missing or holds no term: there is no fallback list.

    Examples
    --------
    >>> "mr" in load_lexicon("abbreviations")
    True
    """
    path = resources.files("analyzer") / "lexicons" / f"{name}.txt"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnalyzerError(f"lexicon {name}.txt is missing from analyzer/lexicons") from None
    terms = tuple(
        line.strip()
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    if not terms:
        raise AnalyzerError(f"lexicon {name}.txt holds no terms")
    return terms
