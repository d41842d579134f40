"""Exceptions raised by the analyzer.

Messages start with the file they concern (``seeds/003.txt: front matter line 4 has no ':'``),
so one line on stderr is enough for a user to find and fix the input.
"""

from __future__ import annotations


class AnalyzerError(Exception):
    """Base class of every error the analyzer raises on purpose."""


class InputError(AnalyzerError, ValueError):
    """An input could not be read as an article; the batch records it and goes on.

    Parameters
    ----------
    path : str
        The file (or ``file:line``) the error concerns, as the user named it.
    reason : str
        What is wrong, in plain words.

    Examples
    --------
    >>> str(InputError("seeds/x.txt", "file is empty"))
    'seeds/x.txt: file is empty'
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ModelError(AnalyzerError):
    """A model file is missing, untrusted or damaged."""


class UsageError(AnalyzerError):
    """The command line or the library was called with arguments that cannot work."""
