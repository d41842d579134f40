"""Article-quality and media-bias analyzer.

>>> from analyzer import analyze
>>> analyze("Prices rose 5 percent, the agency said.").metrics["words"]
7
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analyzer.compare import compare
    from analyzer.pipeline import analyze, analyze_article
    from analyzer.results import ArticleResult

__version__ = "0.1.0"

__all__ = ["analyze", "analyze_article", "compare", "ArticleResult", "__version__"]

# The public names are imported on first use (PEP 562), not here: the pipeline pulls in the
# models (numpy, scipy and the models' arrays: most of a second of start-up), and a batch rerun
# where every article is unchanged, or ``analyzer --help``, needs none of them.
_LAZY = {
    "analyze": "analyzer.pipeline",
    "analyze_article": "analyzer.pipeline",
    "compare": "analyzer.compare",
    "ArticleResult": "analyzer.results",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Package(types.ModuleType):
    """This package's module type: ``analyzer.compare`` stays the function.

    ``analyzer.compare`` names both a subpackage and the function it exports. Importing a
    submodule makes Python set it as an attribute of its parent, which would replace the function
    with the subpackage whenever ``analyzer.compare`` is first imported after ``analyzer`` (the
    eager import this package used to do hid that by rebinding the function afterwards). The
    subpackage itself stays reachable as ``sys.modules["analyzer.compare"]`` and through
    ``from analyzer.compare import ...``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "compare" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
