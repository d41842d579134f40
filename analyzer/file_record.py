"""The state store's record of input files, as the readers consult it: a rerun does not read a
file whose signature (:mod:`analyzer.readers.signatures`) is the one remembered with its article.

The rows live in the store (:meth:`analyzer.state.StateStore.remembered_files`), which trusts one
only while its article is stored under the key the row names; :class:`StoredFiles` fetches them a
window at a time and keeps what a read notes until the batch has the article's key
(:func:`analyzer.batch._analyse` asks :meth:`StoredFiles.basis_of`).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from analyzer.state import analysis_version

if TYPE_CHECKING:
    from analyzer.article import Article
    from analyzer.state import StateStore

# How many remembered files one query fetches (see StoredFiles.recall).
_WINDOW = 256


class StoredFiles:
    """The input files ``store`` remembers, as :func:`~analyzer.readers.read_inputs` consults
    them (:class:`analyzer.readers.FileRecord`).

    A file's signature is kept with the analysis version: a new analyzer (whose keys differ)
    reads every file again. What a read notes waits here (at most one article: the reader notes
    it just before yielding it). Every path it is given is valid Unicode, which SQLite can
    store: the readers refuse any other (:mod:`analyzer.readers.names`), so such a file is
    never remembered, nor read.

    Examples
    --------
    >>> from analyzer.document import Article
    >>> from analyzer.state import StateStore
    >>> files = StoredFiles(StateStore(":memory:"))
    >>> files.recall("a.txt", "size and time") is None  # nothing remembered yet
    True
    >>> article = Article("a", "a.txt", "It rained.")
    >>> files.note(article, "size and time")
    >>> len(files.basis_of(article)), files.basis_of(article)  # claimed once
    (64, None)
    """

    def __init__(self, store: StateStore) -> None:
        self._store = store
        self._version = analysis_version()
        self._noted: tuple[Article, str] | None = None
        # Remembered files are fetched a window at a time, in path order (which is the order
        # files within a folder are read in): one query per _WINDOW files instead of one each.
        # The window holds the rows from path _low to _high (None: to the end of the table).
        self._window: dict[str, tuple[str, str]] = {}
        self._low: str | None = None
        self._high: str | None = None

    def _basis(self, signature: str) -> str:
        return hashlib.sha256(f"{self._version}\0{signature}".encode()).hexdigest()

    def recall(self, path: str, signature: str) -> str | None:
        if not self._covers(path):
            rows = self._store.remembered_files(path, _WINDOW)
            self._window = {found: (basis, article_id) for found, basis, article_id in rows}
            self._low = path
            self._high = rows[-1][0] if len(rows) == _WINDOW else None
        basis, article_id = self._window.get(path, (None, None))
        return article_id if basis == self._basis(signature) else None

    def _covers(self, path: str) -> bool:
        if self._low is None or path < self._low:
            return False
        return self._high is None or path <= self._high

    def note(self, article: Article, signature: str) -> None:
        self._noted = (article, self._basis(signature))

    def basis_of(self, article: Article) -> str | None:
        """The basis noted for ``article`` when it was read (None: not to be remembered)."""
        noted, self._noted = self._noted, None
        return noted[1] if noted is not None and noted[0] is article else None
