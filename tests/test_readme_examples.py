"""The README's library examples (the lines starting with ``>>>``) run as written."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_readme_example_gives_the_output_the_readme_prints():
    results = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert results.attempted >= 8
    assert results.failed == 0
