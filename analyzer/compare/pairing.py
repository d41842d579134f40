"""Which article in a batch is a rewrite or summary of which.

By metadata first: an article whose ``derived_from`` names one article of the batch is compared
with it; naming several, it is compared with the one it is most similar to (a comparison block has
one source; the others are still named in the record's ``derived_from``). Ids it names that are
not in the batch are ignored.

Otherwise by similarity: every article is turned into a TF-IDF vector of its content terms
(stemmed, stop words removed, sublinear term frequency; idf from the batch itself) and compared
with every other by cosine similarity. An article whose most similar *possible source* reaches
:data:`SIMILARITY_THRESHOLD` is paired with it, ``paired_by="similarity"``. A possible source is
published earlier when both dates are known, else longer (a summary is shorter than its source;
equal lengths go to the earlier id), so two articles can never be each other's source.
"""

from __future__ import annotations

import contextlib
import io
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import numpy as np
import scipy.sparse as sp

from analyzer.compare.text import content_term_counts
from analyzer.learned.fastpath import normalize_rows
from analyzer.results import ArticleResult
from analyzer.scratch import scratch_folder

# Cosine of TF-IDF document vectors at or above which two articles are taken for source and
# rewrite. Measured with `python -m analyzer.evaluate compare --data <polnear> --split dev`: the
# extractive summaries score 0.66 with their own source (median; 88% reach 0.5) while none
# reaches 0.38 with another article and no two different articles (same campaign, same weeks)
# reach 0.44. On the seeds the two different Harfuch stories 000/001 score 0.34; the seed rewrites
# are loose enough to score only 0.32 (002/000) and 0.20 (003/001), which is why they carry
# derived_from.
SIMILARITY_THRESHOLD = 0.5

# An article's content terms, each once, in order of first appearance, and how often each occurs.
TermCounts = tuple[Sequence[str], Sequence[int]]


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors of content terms, one row and column per text.

    The floats of scikit-learn's ``TfidfVectorizer(analyzer=content_terms, sublinear_tf=True)``
    and the product of its rows, bit for bit (the rows are :class:`_TfidfRows`; tests compare).

    Examples
    --------
    >>> m = similarity_matrix(["Rain fell in Lima.", "Rain fell in Lima today.", "Stocks rose."])
    >>> bool(m[0, 1] > 0.5), float(m[0, 2])
    (True, 0.0)
    """
    if len(texts) < 2:
        return np.ones((len(texts), len(texts)))
    rows = _TfidfRows(None)  # in memory: a few texts at hand, and no temporary folder needed
    rows.count(map(count_terms, texts))
    if not rows.n_terms:  # no content term anywhere
        return np.eye(len(texts))
    rows.weigh()
    x = rows.block(0, len(texts))
    return (x @ x.T).toarray()


# Similarities are computed for a block of _BLOCK articles against another block at a time, so
# at most _BLOCK * _BLOCK of them exist at once whatever the batch size (with the arrays that
# select candidates, about 10 MB).
_BLOCK = 512


class Rows(NamedTuple):
    """A block of TF-IDF rows in two parts (:meth:`_TfidfRows.parts`): ``rare``, their entries
    of rare terms, and ``common``, those of common terms (:attr:`_TfidfRows.common`); and
    ``common_norm``, each row's norm over its common terms."""

    rare: sp.csr_array
    common: sp.csr_array
    common_norm: np.ndarray


# Rows of a block in files: their offsets from the first (indptr), and the first and last entry.
Extent = tuple[np.ndarray, int, int]


class RowsAt(NamedTuple):
    """Where the :class:`Rows` of a block are in the files of its :class:`_TfidfRows`
    (:meth:`_TfidfRows.parts_at`), a few KB: what a pair of blocks carries to a worker that can
    read this machine's files, instead of the rows (a pair of 512-row blocks is ~4 MB of them,
    which the process that sends them reads and pickles). A block's rows are in the files once
    it is weighed (:meth:`_TfidfRows.weighing`), and stay as long as the pair finder."""

    folder: str
    lo: int
    hi: int
    n_terms: int
    rare: Extent
    common: Extent

    def read(self) -> Rows:
        return _read_parts(
            _Spill(Path(self.folder)), self.lo, self.hi, self.n_terms, self.rare, self.common
        )


def _read_parts(
    spill: _Spill, lo: int, hi: int, n_terms: int, rare: Extent, common: Extent
) -> Rows:
    """:meth:`_TfidfRows.parts` of rows ``lo:hi``, whose rare and common entries are where
    ``rare`` and ``common`` say, from ``spill``."""
    found = (
        sp.csr_array(
            (
                spill.read(f"{part}_data", np.float64, start, end),
                spill.read(f"{part}_cols", np.int32, start, end),
                indptr,
            ),
            shape=(hi - lo, n_terms),
        )
        for part, (indptr, start, end) in (("rare", rare), ("common", common))
    )
    return Rows(*found, spill.read("common_norms", np.float64, lo, hi))


class _Numbering(dict):
    """Terms numbered 0, 1, ... in the order they are first looked up (one lookup per term; only
    a new term runs Python code)."""

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self)
        return number


class _Spill:
    """Named runs of numbers, each written once and then read a slice at a time: files in
    ``folder``, or bytes in memory when ``folder`` is None.

    Examples
    --------
    >>> spill = _Spill(None)
    >>> with spill.writing("n") as out:
    ...     _ = out.write(array("q", [5, 6, 7]).tobytes())
    >>> spill.read("n", np.int64, 1, 3).tolist()
    [6, 7]
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[str, bytes] = {}

    @contextlib.contextmanager
    def writing(self, name: str) -> Iterator[BinaryIO]:
        if self.folder is not None:
            with open(self.folder / f"{name}.bin", "wb") as fh:
                yield fh
            return
        buffer = io.BytesIO()
        yield buffer
        self._memory[name] = buffer.getvalue()

    def read(self, name: str, dtype: Any, start: int, end: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize
        if self.folder is None:  # a copy: the arrays built on it may be changed in place
            return np.frombuffer(self._memory[name], dtype, end - start, size * start).copy()
        path = self.folder / f"{name}.bin"
        return np.fromfile(path, dtype=dtype, count=end - start, offset=size * start)

    def drop(self, name: str) -> None:
        if self.folder is None:
            del self._memory[name]
        else:
            (self.folder / f"{name}.bin").unlink()


class _TfidfRows:
    """The L2-normalised TF-IDF rows of similarities, kept in files in ``folder`` rather than in
    memory (a batch's may be large; with ``folder`` None, for a few texts, they are kept in
    memory after all).

    Built in two passes over the texts' term counts (:func:`count_terms`), read once: the first
    numbers the terms and writes the counts to a file, keeping only the vocabulary in memory (it
    grows far slower than the number of articles), a text at a time as they come (:meth:`add`,
    then :meth:`count`); the second turns counts into TF-IDF rows
    with the arithmetic of scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``, entry for
    entry in the same order, so every similarity is bit for bit the one scikit-learn's vectors
    give (tests compare).
    """

    def __init__(self, folder: Path | None) -> None:
        self._spill = _Spill(folder)
        self._vocabulary = _Numbering()
        self._pass_one = contextlib.ExitStack()  # its files, open until count()
        self._terms = self._pass_one.enter_context(self._spill.writing("terms"))
        self._counts = self._pass_one.enter_context(self._spill.writing("counts"))
        self.indptr = array("q", [0])  # row k is entries indptr[k]:indptr[k+1] of each file
        self.rare_indptr = array("q", [0])  # the same for the files of rows' rare terms
        self.lengths = array("q")  # content terms of each text (repeats counted)
        self.n_terms = 0

    def __len__(self) -> int:
        return len(self.lengths)

    def add(self, term_counts: TermCounts) -> None:
        """Pass one, a text at a time: its term counts (:func:`count_terms`) written to a file,
        terms numbered in order of first appearance in the batch."""
        found, n = term_counts
        # Each text's terms come in order of first appearance: new ones are numbered so.
        self._terms.write(array("i", map(self._vocabulary.__getitem__, found)).tobytes())
        # As C ints, which is how a batch hands them over (unpacked_terms): copied as they are.
        self._counts.write(array("i", n).tobytes())
        self.lengths.append(sum(n))
        self.indptr.append(self.indptr[-1] + len(found))

    def close(self) -> None:
        """Close the files of pass one (:meth:`count` does; a batch stopped half way may not)."""
        self._pass_one.close()

    def count(self, term_counts: Iterable[TermCounts] = ()) -> None:
        """Pass one over ``term_counts`` (after the texts :meth:`add` took), then the terms'
        idf: pass one is over, no text can be added."""
        for counted in term_counts:
            self.add(counted)
        self.close()
        self.n_terms = len(self._vocabulary)
        del self._vocabulary
        df = np.zeros(self.n_terms, dtype=np.int64)  # document frequency, by term number
        for lo in range(0, len(self), _BLOCK):
            _, start, end = self._span(lo, min(lo + _BLOCK, len(self)))
            df += np.bincount(
                self._spill.read("terms", np.int32, start, end), minlength=self.n_terms
            )
        # The terms in more than a tenth of the articles, whose share of a similarity is bounded
        # rather than computed when candidates are sought (see block_candidates).
        self.common = df * _COMMON > len(self)
        self._idf = np.full(self.n_terms, fill_value=len(self) + 1, dtype=np.float64)
        self._idf /= df + 1.0
        np.log(self._idf, out=self._idf)
        self._idf += 1.0

    def weigh(self) -> None:
        """Pass two: the TF-IDF rows, computed and written a block of rows at a time; and, for
        :func:`block_candidates`, each row's entries of rare terms, its entries of common terms
        (:attr:`common`) and its norm over the latter."""
        for _ in self.weighing():
            pass

    def weighing(self) -> Iterator[int]:
        """:meth:`weigh`, giving the end of each block of rows once it is weighed: its rows in
        files (:meth:`parts_at`) can be read from then on, by any process (in memory, only
        once every block is weighed)."""
        with contextlib.ExitStack() as files:
            cols, data, rare_cols, rare_data, common_cols, common_data, common_norms = (
                files.enter_context(self._spill.writing(name))
                for name in (
                    "cols",
                    "data",
                    "rare_cols",
                    "rare_data",
                    "common_cols",
                    "common_data",
                    "common_norms",
                )
            )
            for lo in range(0, len(self), _BLOCK):
                hi = min(lo + _BLOCK, len(self))
                indptr, start, end = self._span(lo, hi)
                terms = self._spill.read("terms", np.int32, start, end)
                # Within a row, entries go in order of term number (as scikit-learn's counts
                # are sorted before its columns are renumbered): that order fixes the order of
                # every sum below, and makes a similarity the same both ways round. Columns are
                # the term numbers themselves (the sums do not depend on how columns are
                # named), so a row's columns ascend in the order of its entries.
                row = np.repeat(np.arange(hi - lo), np.diff(indptr))
                # np.lexsort((terms, row)), with (row, term) as one number, which orders alike
                # (a term number is below n_terms): one stable sort of integers, ~3x faster.
                order = np.argsort(row * self.n_terms + terms, kind="stable")
                x = sp.csr_array(
                    (
                        self._spill.read("counts", np.intc, start, end)[order].astype(np.float64),
                        terms[order],
                        indptr,
                    ),
                    shape=(hi - lo, self.n_terms),
                )
                np.log(x.data, x.data)  # sublinear tf: 1 + log(count)
                x.data += 1.0
                x.data *= self._idf[x.indices]
                normalize_rows(x, "l2")
                cols.write(x.indices.astype(np.int32).tobytes())
                data.write(x.data.tobytes())
                is_common = self.common[x.indices]
                rare_cols.write(x.indices[~is_common].astype(np.int32).tobytes())
                rare_data.write(x.data[~is_common].tobytes())
                common_cols.write(x.indices[is_common].astype(np.int32).tobytes())
                common_data.write(x.data[is_common].tobytes())
                row = np.repeat(np.arange(hi - lo), np.diff(x.indptr))
                rare_ends = np.cumsum(np.bincount(row[~is_common], minlength=hi - lo))
                self.rare_indptr.extend((self.rare_indptr[-1] + rare_ends).tolist())
                squares = np.bincount(row[is_common], x.data[is_common] ** 2, minlength=hi - lo)
                common_norms.write(np.sqrt(squares).tobytes())
                for file in (cols, data, rare_cols, rare_data, common_cols, common_data):
                    file.flush()  # where other processes read the block's rows from
                common_norms.flush()
                yield hi
        for name in ("terms", "counts"):
            self._spill.drop(name)

    def block(self, lo: int, hi: int) -> sp.csr_array:
        """TF-IDF rows ``lo:hi`` as a sparse matrix, read from the files."""
        indptr, start, end = self._span(lo, hi)
        cols = self._spill.read("cols", np.int32, start, end)
        return sp.csr_array(
            (self._spill.read("data", np.float64, start, end), cols, indptr),
            shape=(hi - lo, self.n_terms),
        )

    def parts(self, lo: int, hi: int) -> Rows:
        """Rows ``lo:hi`` in two parts, rare and common terms, and their norms over the latter."""
        return _read_parts(self._spill, lo, hi, self.n_terms, *self._where(lo, hi))

    @property
    def in_memory(self) -> bool:
        """True when the rows are kept in memory rather than in files."""
        return self._spill.folder is None

    def parts_at(self, lo: int, hi: int) -> Rows | RowsAt:
        """Where :meth:`parts` of rows ``lo:hi`` are in the files, for whoever reads them (the
        parts themselves when they are kept in memory)."""
        if self.in_memory:
            return self.parts(lo, hi)
        return RowsAt(str(self._spill.folder), lo, hi, self.n_terms, *self._where(lo, hi))

    def _where(self, lo: int, hi: int) -> tuple[Extent, Extent]:
        # Only rows lo:hi of the offsets: the whole arrays are a row's worth per article.
        rare_ends = np.frombuffer(self.rare_indptr, dtype=np.int64)[lo : hi + 1]
        common_ends = np.frombuffer(self.indptr, dtype=np.int64)[lo : hi + 1] - rare_ends
        return self._span(0, hi - lo, rare_ends), self._span(0, hi - lo, common_ends)

    def _span(
        self, lo: int, hi: int, ends: np.ndarray | None = None
    ) -> tuple[np.ndarray, int, int]:
        # Rows lo:hi of the files whose row k ends where ``ends[k + 1]`` says (indptr's files).
        if ends is None:
            ends = np.frombuffer(self.indptr, dtype=np.int64)
        indptr = ends[lo : hi + 1]
        start, end = int(indptr[0]), int(indptr[-1])
        return indptr - start, start, end


def count_terms(text: str, tokens: Sequence[str] | None = None) -> TermCounts:
    """Each content term of ``text`` (:func:`content_terms`) with its count, in order of first
    appearance: all that pairing needs of a text (a batch stores it with the article's result).
    ``tokens``: the text's tokens, when its Document is at hand (see
    :func:`analyzer.compare.text.content_term_counts`: the same counts, found faster).

    Examples
    --------
    >>> count_terms("Prices rose 5%. Prices fell.")
    (['price', 'rose', '5', 'fell'], [2, 1, 1, 1])
    """
    counted = content_term_counts(text, tokens)
    return list(counted), list(counted.values())


def packed_terms(counts: TermCounts) -> bytes:
    """``counts`` (:func:`count_terms`) as a batch stores them beside a result and the process
    that pairs reads them (:func:`unpacked_terms`): the terms in UTF-8, separated by spaces, a
    NUL, and the counts as C ints. A term is letters and digits (a folded word, stemmed), so it
    holds neither separator. Read ~5x faster than the same lists in JSON (10,000 articles:
    ~0.1 s against ~0.3 s of the process that pairs, which holds up the workers it shares the
    machine with).

    Examples
    --------
    >>> packed_terms((["price", "rose"], [2, 1]))[:11]
    b'price rose\\x00'
    >>> unpacked_terms(packed_terms((["price", "rose"], [2, 1])))
    (['price', 'rose'], array('i', [2, 1]))
    >>> unpacked_terms(packed_terms(([""], [1]))), unpacked_terms(packed_terms(([], [])))
    (([''], array('i', [1])), ([], array('i')))
    """
    terms, n = counts
    return " ".join(terms).encode() + b"\0" + array("i", n).tobytes()


def unpacked_terms(packed: bytes) -> TermCounts:
    """The term counts :func:`packed_terms` packed (the counts as an ``array``)."""
    terms, _, n = packed.partition(b"\0")
    # No terms and one empty term both pack to no bytes before the NUL: the counts tell them
    # apart (an empty term cannot come from count_terms, but the two lists must stay in step).
    return (terms.decode().split(" ") if n else []), array("i", n)


def pair_ranks(
    docs: Iterable[tuple[TermCounts, Sequence[int | None], str | None]],
    *,
    id_order: Iterable[int],
    threshold: float = SIMILARITY_THRESHOLD,
    products: Callable[[Iterable[BlockPair]], Iterable[Candidates]] | None = None,
) -> Iterator[tuple[int, int, str, float]]:
    """:func:`pair_results` over articles numbered 0, 1, ... in batch order, for any batch size.

    ``docs`` gives, article by article, the :func:`count_terms` of its text (a batch computes them
    on its workers, as each article is analysed, and stores them), the numbers of the batch articles
    its ``derived_from`` names (None for a name not in the batch) and its publication date;
    ``id_order`` the article numbers sorted by id (ties between equal similarities go to the greater
    id, as in :func:`pair_results`); ``products`` maps :func:`block_candidates` over pairs of
    blocks, in any order (a batch runs them on its workers; here by default). Yields ``(derived,
    source, paired_by, similarity)`` in batch order. Memory holds a few numbers per article and
    the vocabulary; the TF-IDF rows live in temporary files and similarities are computed a block
    at a time. (:class:`PairFinder` takes the articles one at a time instead.)

    Examples
    --------
    >>> texts = ["Rain fell in Lima on Monday, flooding roads.",
    ...          "Rain fell in Lima, flooding roads.", "Stocks rose in Tokyo."]
    >>> docs = [(count_terms(t), named, None) for t, named in zip(texts, [(), (), (0,)])]
    >>> [(d, s, by) for d, s, by, _ in pair_ranks(docs, id_order=[0, 1, 2])]
    [(1, 0, 'similarity'), (2, 0, 'metadata')]
    """
    with pair_finder() as finder:
        named: dict[int, list[int]] = {}  # articles naming sources, and the named ones present
        for k, (counts, derived_from, published) in enumerate(docs):
            finder.add(counts, bool(derived_from), published)
            if derived_from:
                named[k] = [s for s in derived_from if s is not None and s != k]
        yield from finder.pairs(named, id_order=id_order, threshold=threshold, products=products)


class PairFinder:
    """:func:`pair_ranks` with the articles given one at a time, in batch order (:meth:`add`),
    then the pairs (:meth:`pairs`).

    A batch adds each article as soon as it and every article before it have a result, while
    the rest are still being analysed: pass one of the TF-IDF rows (:class:`_TfidfRows`) is done
    as they come, and what remains once the last one is in is the idf, the rows and their
    similarities. The rows' files live in ``folder`` (:func:`pair_finder` makes one).
    """

    def __init__(self, folder: Path) -> None:
        self._rows = _TfidfRows(folder)
        self._names = array("b")  # 1: the article names sources (it is not paired by similarity)
        self._dates: dict[str, int] = {}  # each publication date and its code
        self._date_codes = array("q")  # each article's date code, -1: none

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, counts: TermCounts, names_sources: bool, published: str | None) -> None:
        """The next article: :func:`count_terms` of its text, whether its ``derived_from`` names
        any article (in the batch or not) and its publication date."""
        self._rows.add(counts)
        self._names.append(1 if names_sources else 0)
        dates = self._dates
        self._date_codes.append(dates.setdefault(published, len(dates)) if published else -1)

    def close(self) -> None:
        """Close the files pass one writes to (:meth:`pairs` does)."""
        self._rows.close()

    def pairs(
        self,
        named: dict[int, list[int]],
        *,
        id_order: Iterable[int],
        threshold: float = SIMILARITY_THRESHOLD,
        products: Callable[[Iterable[BlockPair]], Iterable[Candidates]] | None = None,
    ) -> Iterator[tuple[int, int, str, float]]:
        """What :func:`pair_ranks` yields for the articles added; ``named`` gives, for each
        article that names sources, the numbers of those in the batch (itself left out)."""
        rows = self._rows
        rows.count()
        n = len(rows)
        if n < 2:
            return
        # The rows are weighed a block at a time as the similarity blocks are handed out: the
        # first products start while the last rows are weighed.
        weighed: Iterable[int] = rows.weighing()
        if rows.in_memory:  # readable only once all are weighed
            weighed = list(weighed)
        # Dates compared as strings, as _may_be_source does: each becomes its rank (0: none).
        date_rank = np.zeros(len(self._dates) + 1, dtype=np.int64)
        for rank, (_, code) in enumerate(sorted(self._dates.items()), start=1):
            date_rank[code] = rank

        published = date_rank[np.frombuffer(self._date_codes, dtype=np.int64)]  # -1: last = 0
        words = np.frombuffer(rows.lengths, dtype=np.int64)
        id_rank = np.empty(n, dtype=np.int64)
        id_rank[np.fromiter(id_order, dtype=np.int64, count=n)] = np.arange(n)
        skip = np.frombuffer(self._names, dtype=np.int8).astype(bool)

        best_score, best_source = _most_similar(
            rows, weighed, threshold, published, words, id_rank, skip, products or _here
        )
        found = {k: _named_source(rows, k, sources, id_rank) for k, sources in named.items()}
        for k in range(n):
            if k in found:
                if found[k] is not None:
                    source, score = found[k]
                    yield k, source, "metadata", score
            elif best_source[k] >= 0:
                yield k, int(best_source[k]), "similarity", float(best_score[k])


@contextlib.contextmanager
def pair_finder() -> Iterator[PairFinder]:
    """A :class:`PairFinder` whose files live in a scratch folder, gone when the block ends (or
    at the next run's start, if this one is killed)."""
    with scratch_folder("pairing") as folder:
        finder = PairFinder(folder)
        try:
            yield finder
        finally:
            finder.close()


def _named_source(
    rows: _TfidfRows, k: int, sources: list[int], id_rank: np.ndarray
) -> tuple[int, float] | None:
    """Of the sources an article names, the most similar (ties: the greater id)."""
    if not sources:
        return None
    own = rows.block(k, k + 1)
    scored = []
    for s in sources:
        product = own @ rows.block(s, s + 1).T  # the block product's arithmetic, entry for entry
        scored.append((float(product.toarray()[0, 0]), int(id_rank[s]), s))
    score, _, source = max(scored)
    return source, score


# Two blocks of TF-IDF rows (:meth:`_TfidfRows.parts`: rows from ``lo`` and rows from ``c_lo``,
# ``c_lo >= lo``), or where they are in its files (:meth:`_TfidfRows.parts_at`), and the
# threshold; and what they yield: the pairs at or above the threshold, as rewrite numbers, source
# numbers and similarities, both ways round.
BlockPair = tuple[Rows | RowsAt, Rows | RowsAt, int, int, float]
Candidates = tuple[np.ndarray, np.ndarray, np.ndarray]

# A term is common when more than 1/_COMMON of the batch's articles hold it.
_COMMON = 10
# How far below the threshold a bound on a similarity may fall before the pair is dropped: far
# above the rounding of the sums (about 1e-13), so no pair at or above the threshold is missed.
_MARGIN = 1e-6
# Candidate pairs are scored this many row entries at a time (about 10 MB of arrays at most).
_SCORE_ENTRIES = 1 << 18
# Scoring a candidate costs about as much as multiplying 64 pairs of rows in the whole product of
# two blocks (10,000 PolNeAR articles: ~9 us against ~0.1 us): with more than one pair in 64 a
# candidate, the product is computed instead (say where most of each row's weight is on common
# terms), so the search costs at most a little more than the product did.
_DENSE = 64


def block_candidates(pair: BlockPair) -> Candidates:
    """The similarities of two blocks of rows at or above the threshold, an article never paired
    with itself: the floats of the product of the blocks, found without computing all of it.

    A similarity is the sum of the products of the two rows' weights over the terms they share.
    Its part over the rare terms (held by at most a tenth of the articles) is computed for every
    pair, a sparse product of the blocks' rare columns (cheap: rare terms are in few rows); its
    part over the common terms is at most the product of the two rows' norms over those terms
    (Cauchy-Schwarz). Only the pairs whose bound reaches the threshold (less
    :data:`_MARGIN`) are scored, with the arithmetic of the whole product (:func:`_scores`), or
    read from the whole product when they are many (:data:`_DENSE`).
    A similarity is the same both ways round, bit for bit (the rows' entries are in one order,
    see :meth:`_TfidfRows.weigh`), so a block below the diagonal is never computed: the block
    above it gives its pairs, turned round, and on the diagonal each pair is scored once.
    """
    left, right, lo, c_lo, threshold = pair
    right = _rows(right)
    return _candidates(_rows(left), right, _turned(right), lo, c_lo, threshold)


def _turned(rows: Rows) -> sp.csr_array:
    """The transpose of ``rows``' rare part as the product with it takes it (a CSR copy: what
    ``@`` makes of ``rows.rare.T`` each time, so the product's floats are the same)."""
    return rows.rare.T.tocsr()


def _candidates(
    left: Rows, right: Rows, right_rare_t: sp.csr_array, lo: int, c_lo: int, threshold: float
) -> Candidates:
    # block_candidates of two blocks read, ``right_rare_t`` being _turned(right).
    bound = (left.rare @ right_rare_t).toarray()
    bound += np.outer(left.common_norm, right.common_norm)
    candidate = bound >= threshold - _MARGIN
    if c_lo == lo:
        candidate = np.triu(candidate, 1)
    der, src = np.nonzero(candidate)
    if len(der) * _DENSE > candidate.size:
        # The parts' sum is the rows, entries in their order (columns ascend in both, see
        # _TfidfRows.weigh, and no column is in both).
        whole = (left.rare + left.common) @ (right.rare + right.common).T
        score = whole.toarray()[der, src]
    else:
        score = _scores(left, right, der, src)
    keep = (score >= threshold) & (score != 0)  # a sparse product keeps no zero
    der, src, score = lo + der[keep], c_lo + src[keep].astype(np.int64), score[keep]
    return np.r_[der, src], np.r_[src, der], np.r_[score, score]


def _rows(rows: Rows | RowsAt) -> Rows:
    return rows.read() if isinstance(rows, RowsAt) else rows


def resolved(pair: BlockPair) -> BlockPair:
    """``pair`` with its rows read where only their place in the files is given: for a worker
    that cannot read this machine's files (a Dask cluster's)."""
    left, right, *rest = pair
    return (_rows(left), _rows(right), *rest)


def _scores(left: Rows, right: Rows, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Similarities of rows ``left[i]`` and ``right[j]``, pair by pair, each the float that the
    product of the whole rows holds at ``[i, j]``.

    scipy's product (``csr_matmat``) adds, from 0, the products of row ``i``'s weights with row
    ``j``'s over the terms they share, in the order of row ``i``'s entries. Here the rows' shared
    terms come out of ``multiply`` (rare parts, then common parts, merged by the sum) in
    ascending column order, which is that order (columns are term numbers, see
    :meth:`_TfidfRows.weigh`), each pair's products in a row of a matrix padded with zeros
    (adding 0 changes no sum), summed left to right (:func:`_sums`; a reduction such as
    ``sum`` may add in another order). Tests compare with the product.
    """
    score = np.zeros(len(i))
    sizes = np.diff(left.rare.indptr) + np.diff(left.common.indptr)
    # Pairs taken so that their left rows hold about _SCORE_ENTRIES entries at a time.
    total = np.cumsum(sizes[i])
    start = 0
    while start < len(i):
        reach = (total[start - 1] if start else 0) + _SCORE_ENTRIES
        end = max(start + 1, int(np.searchsorted(total, reach, side="right")))
        a, b = i[start:end], j[start:end]
        shared = left.rare[a].multiply(right.rare[b]) + left.common[a].multiply(right.common[b])
        score[start:end] = _sums(shared.tocsr())
        start = end
    return score


def _sums(x: sp.csr_array) -> np.ndarray:
    """Each row's entries added left to right from 0, a group of rows at a time."""
    lengths = np.diff(x.indptr)
    sums = np.zeros(x.shape[0])
    order = np.argsort(-lengths, kind="stable")  # longest first: a group is padded to its own
    start = 0
    while start < len(order):
        width = max(int(lengths[order[start]]), 1)
        group = order[start : start + max(_SCORE_ENTRIES // width, 1)]
        counts = lengths[group]
        at = np.repeat(np.arange(len(group)), counts)  # each entry's row in the group
        column = np.arange(len(at)) - np.repeat(np.cumsum(counts) - counts, counts)
        # Entry k of every row of the group in row k: each step adds one entry to each sum, in
        # order (np.add.accumulate along the rows added them so too, but wrote every partial
        # sum: ~1.7x the time).
        padded = np.zeros((width, len(group)))
        padded[column, at] = x.data[x.indptr[group][at] + column]
        total = np.zeros(len(group))
        for entries in padded:
            total += entries
        sums[group] = total
        start += len(group)
    return sums


def _here(pairs: Iterable[BlockPair]) -> Iterator[Candidates]:
    return map(block_candidates, pairs)


# Pairs of blocks in one task of an engine's workers (block_tasks): a few, as they share their
# right block; not more, or the last tasks leave a worker idle.
_TASK_PAIRS = 4


def block_tasks(pairs: Iterable[BlockPair], size: int = _TASK_PAIRS) -> Iterator[list[BlockPair]]:
    """``pairs`` in chunks for :func:`block_candidates_chunk`: consecutive pairs with the same
    right block, at most ``size``. A chunk is handed on at once after a pair on the diagonal
    (the last pair of its right block as :meth:`PairFinder.pairs` makes them), without waiting
    for the next pair (whose block may not be weighed yet).

    Examples
    --------
    >>> pairs = [(None, None, lo, c_lo, 0.5) for c_lo in (0, 1, 2) for lo in range(c_lo + 1)]
    >>> [[(lo, c_lo) for _, _, lo, c_lo, _ in chunk] for chunk in block_tasks(pairs, 2)]
    [[(0, 0)], [(0, 1), (1, 1)], [(0, 2), (1, 2)], [(2, 2)]]
    """
    chunk: list[BlockPair] = []
    for pair in pairs:
        if chunk and chunk[-1][3] != pair[3]:
            yield chunk
            chunk = []
        chunk.append(pair)
        if len(chunk) == size or pair[2] == pair[3]:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def block_candidates_chunk(pairs: list[BlockPair]) -> list[tuple[Candidates, None]]:
    """:func:`block_candidates` of each pair: work for an engine's workers. A right block in
    several pairs of the chunk is read, and its rare part turned round, once (for a pair of
    512-row blocks, ~10 % of its time)."""
    rights: dict[int, tuple[Rows, sp.csr_array]] = {}  # by first row: one batch's blocks
    out: list[tuple[Candidates, None]] = []
    for left, right, lo, c_lo, threshold in pairs:
        if c_lo not in rights:
            rows = _rows(right)
            rights[c_lo] = rows, _turned(rows)
        rows, turned = rights[c_lo]
        found = _candidates(rows if lo == c_lo else _rows(left), rows, turned, lo, c_lo, threshold)
        out.append((found, None))
    return out


def _most_similar(
    rows: _TfidfRows,
    weighed: Iterable[int],
    threshold: float,
    published: np.ndarray,
    words: np.ndarray,
    id_rank: np.ndarray,
    skip: np.ndarray,
    products: Callable[[Iterable[BlockPair]], Iterable[Candidates]],
) -> tuple[np.ndarray, np.ndarray]:
    """For each article, its most similar possible source at or above ``threshold`` (score and
    number; -1 when there is none), from similarities computed one pair of blocks at a time, on
    and above the diagonal (:func:`block_candidates`), in any order: those of each block with
    the blocks before it as soon as it is weighed (``weighed`` gives the end of each block of
    :meth:`_TfidfRows.weighing`, in order, once its rows can be read)."""
    n = len(rows)
    best_score = np.full(n, -np.inf)
    best_source = np.full(n, -1, dtype=np.int64)

    def pairs() -> Iterator[BlockPair]:
        for c_hi in weighed:
            c_lo = (c_hi - 1) // _BLOCK * _BLOCK
            right = rows.parts_at(c_lo, c_hi)
            for lo in range(0, c_lo + 1, _BLOCK):
                left = right if lo == c_lo else rows.parts_at(lo, lo + _BLOCK)
                yield left, right, lo, c_lo, threshold

    for der, src, score in products(pairs()):
        keep = ~skip[der]
        der, src, score = der[keep], src[keep], score[keep]
        keep = _may_be_source(src, der, published, words, id_rank)
        der, src, score = der[keep], src[keep], score[keep]
        if not len(der):
            continue
        # The best candidate of each row: highest score, then greatest id (so the order in
        # which blocks arrive does not matter: no two candidates tie on both).
        order = np.lexsort((id_rank[src], score, der))
        last = np.r_[der[order][1:] != der[order][:-1], True]
        der, src, score = der[order][last], src[order][last], score[order][last]
        better = (score > best_score[der]) | (
            (score == best_score[der]) & (id_rank[src] > id_rank[np.maximum(best_source[der], 0)])
        )
        best_score[der[better]] = score[better]
        best_source[der[better]] = src[better]
    return best_score, best_source


def _may_be_source(
    src: np.ndarray, der: np.ndarray, published: np.ndarray, words: np.ndarray, id_rank: np.ndarray
) -> np.ndarray:
    """Whether each ``src`` may be the source of its ``der``: the earlier when both dates are known
    and differ, else the longer, else the one with the smaller id."""
    p_src, p_der = published[src], published[der]
    by_date = (p_src > 0) & (p_der > 0) & (p_src != p_der)
    w_src, w_der = words[src], words[der]
    by_length = w_src != w_der
    return np.where(
        by_date, p_src < p_der, np.where(by_length, w_src > w_der, id_rank[src] < id_rank[der])
    )


def pair_results(
    results: Sequence[ArticleResult], *, threshold: float = SIMILARITY_THRESHOLD
) -> dict[str, tuple[str, str, float]]:
    """Map each derived article's id to ``(source id, paired_by, similarity)``.

    Similarities are those of :func:`similarity_matrix`, computed a block at a time and read
    only where they can matter (:func:`pair_ranks`), so memory stays flat for large batches.

    Examples
    --------
    >>> from analyzer import analyze
    >>> a = analyze("Rain fell in Lima on Monday, flooding roads. Schools shut.", id="a")
    >>> b = analyze("Rain fell in Lima, flooding roads.", id="b")
    >>> c = analyze("Stocks rose in Tokyo.", id="c")
    >>> {k: (s, by) for k, (s, by, _) in pair_results([a, b, c]).items()}
    {'b': ('a', 'similarity')}
    """
    ids = [r.id for r in results]
    pos = {rid: i for i, rid in enumerate(ids)}
    docs = (
        (count_terms(r.text), [pos.get(s) for s in r.derived_from], r.published) for r in results
    )
    order = sorted(range(len(ids)), key=ids.__getitem__)
    pairs = pair_ranks(docs, id_order=order, threshold=threshold)
    return {ids[d]: (ids[s], by, score) for d, s, by, score in pairs}
