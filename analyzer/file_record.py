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

from analyzer.state import analysis_version, output_version

if TYPE_CHECKING:
    from analyzer.article import Article
    from analyzer.readers import Unread
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
        # The run's inputs so far (see inputs); None once one was read and not noted.
        self._inputs: Fingerprint | None = Fingerprint.current()
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
        self._noted = (article, signature)

    def basis_of(self, article: Article) -> str | None:
        """The basis noted for ``article`` when it was read (None: not to be remembered)."""
        noted, self._noted = self._noted, None
        if noted is None or noted[0] is not article:
            self._inputs = None
            return None
        if self._inputs is not None:
            self._inputs.add(article.path, noted[1])
        return self._basis(noted[1])

    def unread(self, item: Unread) -> None:
        """``item``'s file was left unread: its signature joins the run's :meth:`inputs`."""
        if self._inputs is not None:
            self._inputs.add(item.path, item.signature)

    def inputs(self) -> Fingerprint | None:
        """The inputs so far, each left unread (:meth:`unread`) or read and noted
        (:meth:`basis_of`), in the order given; None once an article was read without a note."""
        return self._inputs


class Fingerprint:
    """One hash of a run's inputs, a file's path and signature each, in input order, and of the
    versions of the analysis (which the files' bases hold) and of the outputs (writers,
    templates), with how many files.

    A run whose every input was read and noted or left unread (:meth:`StoredFiles.inputs`)
    keeps it with the outputs it wrote. A later run whose inputs give the same hash
    (:func:`analyzer.readers.recall_signatures`) has the same files, each as that run read it,
    under the same versions: the same articles, ids and keys, and those outputs.

    Examples
    --------
    >>> a, b = Fingerprint("v1"), Fingerprint("v1")
    >>> a.add("in/a.txt", "(1, 2)"); b.add("in/a.txt", "(1, 3)")
    >>> a.count, a.hexdigest() == b.hexdigest()
    (1, False)
    """

    def __init__(self, versions: str) -> None:
        self._hash = hashlib.sha256(f"{versions}\n".encode())
        self.count = 0

    @classmethod
    def current(cls) -> Fingerprint:
        """An empty fingerprint under this build's analysis and output versions."""
        return cls(f"{analysis_version()}\0{output_version()}")

    def add(self, path: str, signature: str) -> None:
        # A path holds no NUL and a signature no newline (it is the repr of a tuple).
        self._hash.update(f"{path}\0{signature}\n".encode())
        self.count += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()
