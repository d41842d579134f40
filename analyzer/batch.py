"""Score many inputs: read, analyse what changed, compare, write. One step after the other.

1. **Read** (:func:`analyzer.readers.read_inputs`): every input, in a stable order, becomes an
   Article or the InputError that stopped it. Each Article gets a key (:func:`article_key`).
   A file the store shows unchanged since a run read it is not read again
   (:class:`~analyzer.file_record.StoredFiles`).
2. **Analyse** (:mod:`analyzer.engines`): articles whose key is already in the state store are
   skipped; the rest are scored locally, in a process pool (``jobs``) or on Dask, and their
   results committed to the store as they arrive. On the local engine, the page of an article
   that names no source is written as it is scored (it does not depend on the comparisons).
   Meanwhile this process gives pairing each article in input order as it settles
   (:mod:`analyzer.pairing_input`), so that step 3 starts with its input ready.
3. **Compare**: pairing of rewrites with their sources runs over *all* current results (those
   unchanged read back from the store), so a rerun that scored nothing still produces every
   comparison. Comparisons are stored too, and reused while both articles are unchanged.
4. **Write**: results.jsonl (and the other writers) from the results in input order; the pages
   not written in step 2, and those of rewrites (their page from step 2 with the comparison put
   in), and the index.

One bad input never stops a batch: its InputError is recorded (and named once on stderr by the
CLI) while every other article is scored and written. Memory stays flat whatever the size of the
batch: results travel through the store one at a time, the run's order and its comparisons are
kept in the store rather than in lists, and pairing keeps its TF-IDF rows in temporary files
(:class:`analyzer.compare.pairing.PairFinder`). What still grows with the batch is small: the
failures (one line each), for pairing about 50 bytes per article plus the vocabulary, and the
ranks of the pairs to compare, grouped (:func:`_together`, about 100 bytes a pair).
"""

from __future__ import annotations

import functools
import itertools
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from analyzer.article import Article
from analyzer.engines import (
    CHUNK,
    Outcome,
    Pair,
    Runner,
    Work,
    compare_chunk,
    lost,
    open_engine,
    score_chunk,
)
from analyzer.errors import AnalyzerError, InputError
from analyzer.file_record import Fingerprint, StoredFiles
from analyzer.pairing_input import PairingInput
from analyzer.progress import Counts, Progress
from analyzer.readers import Unread, read_inputs, recall_signatures
from analyzer.state import (
    STATE_NAME,
    Compared,
    Scored,
    StateStore,
    StoredJob,
    article_key,
    outputs_digest,
    unpack_result,
)

if TYPE_CHECKING:  # only named in annotations; an unchanged rerun never builds a result
    from analyzer.results import ArticleResult

RESULTS_NAME = "results.jsonl"

# Results (and comparisons) are committed to the store in groups of this many: a kill loses at
# most this much work, and no more than this many wait in memory.
COMMIT_EVERY = 32
# Comparisons go to the engine in chunks of up to this many pairs, pairs that share an article in
# the same chunk where they fit (_together), where the article is read once for all of them: a
# story with up to 16 rewrites, or a chain of 17 copies, stays whole. Twice the scoring chunk,
# as a comparison costs about half an analysis. The page step's jobs go in chunks of this size
# too, for the same reason (_page_chunks).
COMPARE_CHUNK = 16


@dataclass
class BatchResult:
    """What a batch produced: results in input order (filled by :func:`analyze_paths` only;
    :func:`score_paths` leaves them in the store), failures (inputs that could not be read or
    analysed, in input order, then comparisons that failed, then pages that could not be
    rendered, each in input order), the rewrites whose named source is not in the batch, and
    counts."""

    results: list[ArticleResult] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    # False when every input failed and score_paths left the last run's outputs untouched.
    written: bool = True
    # Articles whose derived_from names only articles missing from the batch: not compared.
    unpaired: list[InputError] = field(default_factory=list)
    # Articles not written in English, in input order: scored, but their scores mean nothing.
    other_languages: list[InputError] = field(default_factory=list)


@dataclass
class _Analysed:
    failures: list[InputError]  # in input order; the articles with a result are in the store
    # The run's inputs (StoredFiles.inputs) when every one was read and noted or left unread
    # and none failed; None otherwise.
    inputs: str | None = None


def _analyse(
    items: Iterable[Article | InputError | Unread],
    store: StateStore,
    *,
    run: Runner,
    counts: Counts,
    progress: Progress,
    pairing: PairingInput,
    files: StoredFiles | None = None,
    score: Work = score_chunk,
    before_scoring: Callable[[], None] | None = None,
) -> _Analysed:
    """Steps 1 and 2: read, skip what the store already holds, score the rest into the store.

    Each article with a result is recorded in the store's run with its input position
    (:meth:`StateStore.add_to_run`); only the articles being scored are held here. Each input
    settled (failed, unchanged or scored) is given to ``pairing``, from the first article to
    score on. With ``files``, the signature of each file read is remembered with its article's
    key. ``score`` is :func:`score_chunk`, or a partial of it that also writes pages;
    ``before_scoring`` is called once before the first article is handed to it (not at all when
    none is).
    """
    failed: list[tuple[int, InputError]] = []  # (input position, error)
    waiting: dict[str, tuple[int, str]] = {}  # article id -> (position, key) while being scored
    arrived: list[tuple[int, str]] = []  # (position, id) not yet recorded in the store's run
    # (path, basis, id, key) of files read. Written before the article's result may be: the
    # store trusts such a row only while the article is stored under that key.
    remembered: list[tuple[str, str, str, str]] = []
    read = 0
    # A store that holds no article now holds none under the ids still to come (each id is
    # the run's once): its key is not asked for each article (~12 us a query).
    stored = store.holds_articles()

    def fail(position: int, error: InputError) -> None:
        failed.append((position, error))
        pairing.settle(position, None)
        counts.failed += 1
        progress.update()

    def unchanged(position: int, article_id: str) -> None:
        arrived.append((position, article_id))
        pairing.settle(position, article_id)
        counts.unchanged += 1
        progress.update()

    def to_score() -> Iterator[list[Article]]:
        nonlocal read
        chunk: list[Article] = []
        began = False
        for item in items:
            position = read
            read += 1
            if isinstance(item, InputError):
                fail(position, item)
                continue
            if isinstance(item, Unread):  # the store holds its result under the current key
                if files is not None:
                    files.unread(item)
                unchanged(position, item.id)
                continue
            key = article_key(item)
            basis = files.basis_of(item) if files is not None else None
            if basis is not None:
                remembered.append((item.path, basis, item.id, key))
            if stored and store.key_of(item.id) == key:
                unchanged(position, item.id)
                continue
            if not began:
                if before_scoring is not None:
                    before_scoring()
                store.add_to_run(arrived)  # the run's articles so far, where pairing reads them
                arrived.clear()
                pairing.begin(position)
                began = True
            waiting[item.id] = (position, key)
            chunk.append(item)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    rows: list[tuple[str, str, Scored]] = []
    for chunk, outcomes in run(score, to_score()):
        for article, (scored, error) in zip(chunk, outcomes, strict=True):
            position, key = waiting.pop(article.id)
            if scored is None:
                fail(position, InputError(article.path, error or "analysis failed"))
                continue
            rows.append((article.id, key, scored))
            arrived.append((position, article.id))
            pairing.settle(position, article.id, scored)
            counts.scored += 1
            progress.update()
        if len(rows) >= COMMIT_EVERY or len(arrived) >= COMMIT_EVERY:
            store.put(rows)
            store.add_to_run(arrived)
            store.remember_files(remembered)
            rows, arrived, remembered = [], [], []
    store.put(rows)
    store.add_to_run(arrived)
    store.remember_files(remembered)
    store.finish_run()
    # Failures are reported in input order: read errors come at once, analysis errors later.
    failed.sort(key=lambda pair: pair[0])
    inputs = files.inputs() if files is not None and not failed else None
    return _Analysed([error for _, error in failed], inputs and inputs.hexdigest())


def _analyse_paths(
    paths: Iterable[str],
    stdin: IO[bytes] | None,
    store: StateStore,
    run: Runner,
    counts: Counts,
    bar: Progress,
    pairing: PairingInput,
    files: StoredFiles | None = None,
    score: Work = score_chunk,
    before_scoring: Callable[[], None] | None = None,
) -> _Analysed:
    """Steps 1 and 2 over the user's paths; the progress bar is closed whatever happens.

    With ``files`` (the store's), files the store shows unchanged are not read, and the
    signatures of the files read are stored for the next run.
    """
    try:
        items = read_inputs(paths, stdin=stdin, record=files)
        return _analyse(
            items,
            store,
            run=run,
            counts=counts,
            progress=bar,
            pairing=pairing,
            files=files,
            score=score,
            before_scoring=before_scoring,
        )
    finally:
        bar.close()


def _compare(
    store: StateStore,
    run: Runner,
    pairing: PairingInput,
    *,
    local: bool = True,
    lean: bool = False,
) -> tuple[list[InputError], list[InputError]]:
    """Step 3: pair rewrites with their sources over the whole run and store each comparison;
    return the comparisons that failed and the articles not compared because every source their
    ``derived_from`` names is missing from the batch (a notice, not a failure: the article and
    the outputs are complete, and rerunning cannot find the source).

    Pairing sees all current results (scored now or earlier), so the comparisons a rerun writes are
    the ones a full run would; a comparison already stored for the same two unchanged articles is
    reused. Pairing reads each article's term counts, dates and named sources as scoring made
    them (:class:`analyzer.state.Scored`), given to it while the run was scored (``pairing``);
    the similarities and the comparisons are computed on the engine (in the worker pool with
    ``jobs`` > 1). A comparison that fails is not stored: it comes back as a failure naming the
    rewrite's file (its record has no comparison), in input order. With ``local`` (the engine's
    workers read this machine's files), a similarity block's task names where its rows are in
    pairing's files rather than carrying them. With ``lean`` (a store that only prints the
    records), the comparisons are kept in the rewrites' lines only (compare_chunk).
    """
    # Imported here: pairing needs numpy and scipy, which a rerun where nothing changed never
    # loads.
    from analyzer.compare.pairing import (
        BlockPair,
        Candidates,
        block_candidates,
        block_candidates_chunk,
        block_tasks,
        resolved,
    )

    def products(pairs: Iterable[BlockPair]) -> Iterator[Candidates]:
        # The similarity blocks (pairing's quadratic part) are multiplied on the engine, a pair
        # of blocks with the same right block a task (block_tasks), in any order; a block whose
        # worker was lost is multiplied here.
        tasks = block_tasks(pairs if local else map(resolved, pairs))
        for chunk, outcomes in run(block_candidates_chunk, tasks):
            for pair, (found, _) in zip(chunk, outcomes, strict=True):
                yield found if found is not None else block_candidates(pair)

    finder, named, unpaired = pairing.finished()
    pairs = finder.pairs(named, id_order=store.run_ranks_by_id(), products=products)
    store.set_pairs(pairs)
    # What each chunk in flight is about, by the chunk's identity: (rewrite id, basis, source id).
    about: dict[int, list[tuple[str, str, str]]] = {}

    def chunks() -> Iterator[list[Pair]]:
        for ranks in _together(store.pending_pair_ranks(), COMPARE_CHUNK):
            blobs: dict[str, bytes] = {}  # each article's stored result sent once
            chunk: list[Pair] = []
            about[id(chunk)] = []
            for derived_id, derived, source_id, source, by, similarity, basis in store.run_pairs(
                ranks
            ):
                source = blobs.setdefault(source_id, source)
                derived = blobs.setdefault(derived_id, derived)
                chunk.append((source_id, source, derived_id, derived, by, similarity))
                about[id(chunk)].append((derived_id, basis, source_id))
            yield chunk

    rows: list[tuple[str, str, Compared]] = []
    failed: list[tuple[int, InputError]] = []  # (rewrite's rank, failure)
    compare = functools.partial(compare_chunk, lean=True) if lean else compare_chunk
    for chunk, outcomes in run(compare, chunks()):
        for (derived_id, basis, source_id), (compared, error), pair in zip(
            about.pop(id(chunk)), outcomes, chunk, strict=True
        ):
            if lost(error):  # the worker was lost, not the comparison: do it here
                [(compared, error)] = compare([pair])
            if compared is None:
                reason = f"comparison with source {source_id} failed ({error})"
                failed.append(
                    (store.run_rank(derived_id), InputError(store.path_of(derived_id), reason))
                )
            else:
                rows.append((derived_id, basis, compared))
        if len(rows) >= COMMIT_EVERY:
            store.put_comparisons(rows)
            rows = []
    store.put_comparisons(rows)
    store.drop_stale_comparisons()
    return [error for _, error in sorted(failed, key=lambda pair: pair[0])], unpaired


def _together(pairs: Iterable[tuple[int, int | None]], size: int) -> list[list[int]]:
    """The rewrites' ranks of ``pairs`` ((rewrite rank, source rank), in input order) in chunks
    of up to ``size``, pairs that share an article, directly or through other pairs, in the
    same chunk where they fit: there the article is read once for all of them
    (:func:`analyzer.engines.compare_chunk`). A batch's copies pair up in chains (each the
    rewrite of one and the source of the next); a wire story's rewrites share their source.
    Groups come in the order of their first pair, each group's pairs in input order.

    Examples
    --------
    >>> _together([(5, 0), (6, 1), (9, 5), (7, 6), (8, 2)], 3)
    [[5, 9], [6, 7, 8]]
    """
    parent: dict[int, int] = {}  # an article's rank -> another of its group (a root: itself)

    def root(rank: int) -> int:
        while (up := parent.setdefault(rank, rank)) != rank:
            parent[rank] = rank = parent[up]  # halve the path on the way up
        return rank

    listed = list(pairs)
    for rewrite, source in listed:
        a, b = root(rewrite), root(rewrite if source is None else source)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}  # in the order of each group's first pair
    for rewrite, _ in listed:
        groups.setdefault(root(rewrite), []).append(rewrite)
    chunks: list[list[int]] = [[]]
    for group in groups.values():
        if len(chunks[-1]) + len(group) > size >= len(group):
            chunks.append([])  # the group fits whole in a chunk of its own, not in this one
        for rewrite in group:
            if len(chunks[-1]) == size:
                chunks.append([])
            chunks[-1].append(rewrite)
    return [chunk for chunk in chunks if chunk]


def _in_order(run: Runner, work: Work, items: Iterable[Any]) -> Iterator[tuple[Any, Outcome]]:
    """Each item with its outcome from ``work``, run in chunks on the engine, in the items' order
    (the engine hands chunks back as they finish: a few wait here for the ones before them)."""
    source = iter(items)
    chunks = iter(lambda: list(itertools.islice(source, CHUNK)), [])
    return _chunks_in_order(run, work, chunks)


def _chunks_in_order(
    run: Runner, work: Work, chunks: Iterable[list[Any]]
) -> Iterator[tuple[Any, Outcome]]:
    """:func:`_in_order` over items already in ``chunks`` (each run as one)."""
    number: dict[int, int] = {}  # chunk identity -> its place, while it is in flight

    def numbered() -> Iterator[list[Any]]:
        for place, chunk in enumerate(chunks):
            number[id(chunk)] = place
            yield chunk

    finished: dict[int, tuple[list[Any], list[Outcome]]] = {}
    following = 0
    for chunk, outcomes in run(work, numbered()):
        finished[number.pop(id(chunk))] = (chunk, outcomes)
        while following in finished:
            yield from zip(*finished.pop(following), strict=True)
            following += 1


def _page_chunks(store: StateStore) -> Iterator[list[StoredJob]]:
    """The page step's jobs (:meth:`StateStore.run_page_job`) in chunks, the rewrites of a chain
    (each the source of the next) together where they fit (:func:`_together`): a chunk decodes
    each stored result once (:func:`analyzer.writers.html.render_stored_chunk`), while in input
    order a batch's copies are far apart. The index rows go to the store, which gives them back
    in input order."""
    for ranks in _together(store.run_page_pairs(), COMPARE_CHUNK):
        yield [store.run_page_job(rank) for rank in ranks]


def _copying(
    chunks: Iterable[list[StoredJob]],
    records: Iterator[bytes],
    out: IO[bytes],
    each: int = COMPARE_CHUNK,
) -> Iterator[list[StoredJob]]:
    """The page step's ``chunks``; after handing on each one (to the workers, which render its
    pages meanwhile), up to ``each`` of the ``records`` are written to ``out`` (results.jsonl):
    the file is written while the pages are made, not before."""
    for chunk in chunks:
        yield chunk
        out.writelines(itertools.islice(records, each))


class _PageRows:
    """The index rows of the run's pages (:class:`analyzer.writers.html.Rows`), kept with the run
    in the store, where those of the pages written while scoring wait for them."""

    def __init__(self, store: StateStore) -> None:
        self._store = store
        self._waiting: list[tuple[str, str]] = []

    def add(self, article_id: str, row: str) -> None:
        self._waiting.append((article_id, row))
        if len(self._waiting) >= COMMIT_EVERY:
            self._store.note_pages(self._waiting)
            self._waiting = []

    def __iter__(self) -> Iterator[str]:
        self._store.note_pages(self._waiting)
        self._waiting = []
        return self._store.run_page_rows()


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _stats(files: list[Path]) -> dict[str, list[int] | None]:
    return {str(f): _stat(f) for f in files}


def _saved_outputs(store: StateStore) -> dict[str, Any]:
    """What the store says of the outputs the last run wrote (see score_paths); {} when none
    may be current."""
    saved = store.get_meta("outputs")
    return {} if saved is None else json.loads(saved)


def _outputs_current(saved: dict[str, Any], digest: str, files: list[Path]) -> bool:
    """True when the last run wrote these exact outputs and nobody changed them since."""
    return saved.get("digest") == digest and saved.get("files") == _stats(files)


def _inputs_unchanged(
    store: StateStore, saved: dict[str, Any], paths: list[str], outputs: list[Path]
) -> int | None:
    """How many inputs ``paths`` hold, when each is as the run that wrote the ``outputs`` read or
    left it (the fingerprint ``saved`` with them, :class:`analyzer.file_record.Fingerprint`),
    the outputs are as that run wrote them, and the store holds as many articles as then;
    None otherwise.

    Then the store holds every article of that run under its current key, and a run would read
    no file, score nothing, drop nothing and write nothing: here every file is looked at once
    (a stat), none looked up in the store. (A run that scores clears the saved fingerprint
    before it stores a result, and one that drops articles writes the outputs again: only a
    run killed in between could leave the store with fewer articles, which the count notices.)
    """
    if "inputs" not in saved or saved.get("files") != _stats(outputs):
        return None
    fingerprint = Fingerprint.current()
    for found in recall_signatures(paths):
        if found is None:
            return None
        fingerprint.add(*found)
    if fingerprint.hexdigest() != saved["inputs"] or store.count_articles() != fingerprint.count:
        return None
    return fingerprint.count


def _other_languages(store: StateStore) -> list[InputError]:
    """A notice for each article of the run not in English (their results are decoded for their
    paths: such articles are rare)."""
    found = list(store.run_other_languages())
    if not found:  # the usual case: the language module (its scans, its lexicon) is not loaded
        return []
    from analyzer.language import not_english_note

    return [
        InputError(store.path_of(article_id), not_english_note(language))
        for article_id, language in found
    ]


def _start(progress: bool) -> tuple[Counts, Progress, float]:
    counts = Counts()
    return counts, Progress(counts, enabled=progress), time.perf_counter()


def score_paths(
    paths: Iterable[str],
    out: Path,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    state: Path | None = None,
    progress: bool = False,
    stdin: IO[bytes] | None = None,
    db: Path | None = None,
    worksheets: bool = False,
) -> BatchResult:
    """Score ``paths`` incrementally; write ``out``/results.jsonl and the HTML pages.

    Parameters
    ----------
    paths : iterable of str
        Files, folders or ``-`` (standard input).
    out : Path
        Output folder.
    jobs : int
        Worker processes (local engine) or LocalCluster workers (Dask without a scheduler).
    engine : {"local", "dask"}
        Where articles are analysed; the output bytes are the same either way.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:port``); needs ``engine="dask"``.
    state : Path, optional
        The state store; ``out``/state.sqlite by default.
    progress : bool
        Show a progress bar on stderr (only when stderr is a terminal).
    db : Path, optional
        Also write every current result to this SQLite file (:mod:`analyzer.writers.sqlite`).
    worksheets : bool
        Also write a classroom worksheet and answer key per article to ``out``/worksheets
        (:mod:`analyzer.writers.worksheet`).

    Returns
    -------
    BatchResult
        Failures and counts; the results themselves are in the store and the files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("It rained.", encoding="utf-8")
    >>> score_paths([str(folder)], folder / "out").counts.scored
    1
    >>> score_paths([str(folder)], folder / "out").counts.unchanged
    1
    """
    out = Path(out)
    paths = list(paths)  # looked at twice when the outputs may be current
    counts, bar, began = _start(progress)
    state_path = Path(state) if state is not None else out / STATE_NAME
    try:
        store = StateStore(state_path)
    except Exception as exc:  # sqlite3 reports damage as several exception types
        raise AnalyzerError(
            f"{state_path}: state store cannot be opened ({exc}); delete it to start again"
        ) from None
    # On the local engine, the pages of articles that name no source are written while they are
    # scored (the workers are busy then, and the result is at hand). Dask workers may not share
    # this disk: there every page is made after the comparisons.
    # With worksheets, those pages link the article's worksheet too.
    early = engine == "local"
    score = (
        functools.partial(score_chunk, pages=str(out), worksheets=worksheets)
        if early
        else score_chunk
    )
    results_path = out / RESULTS_NAME
    # The page folders' own stats change when a page in them is added, deleted or renamed (not
    # when one is edited in place): a page deleted alone is written again.
    outputs = [results_path, out / "index.html", out / "articles", out / "compare"]
    with store, open_engine(engine, jobs, scheduler) as run, PairingInput(store) as pairing:
        saved = _saved_outputs(store)
        # Worksheets are written again by every run, and the SQLite file too.
        unchanged = None if worksheets or db else _inputs_unchanged(store, saved, paths, outputs)
        if unchanged is not None:
            counts.unchanged = unchanged
            bar.update(unchanged)
            bar.close()
            counts.seconds = time.perf_counter() - began
            notices = [InputError(path, reason) for path, reason in saved.get("notices", [])]
            return BatchResult(counts=counts, other_languages=notices)
        store.begin_run()
        # Pages written while scoring replace the last run's, so from the first article scored
        # its outputs are no longer the current ones: a run stopped after that point leaves the
        # next run to write every output again (even where its inputs are the last run's).
        forget_outputs = functools.partial(store.set_meta, "outputs", "{}")
        done = _analyse_paths(
            paths,
            stdin,
            store,
            run,
            counts,
            bar,
            pairing,
            files=StoredFiles(store),
            score=score,
            before_scoring=forget_outputs,
        )
        if done.failures and not (counts.scored or counts.unchanged):
            # Not one article could be read (a mistyped path, say): the last run's reports and
            # store are left as they were, not replaced by a report of nothing.
            counts.seconds = time.perf_counter() - began
            return BatchResult(failures=done.failures, counts=counts, written=False)
        dropped = counts.dropped = store.retain_run()
        digest = outputs_digest(
            store.run_entries(), [str(e) for e in done.failures], worksheets=worksheets
        )
        other_languages = _other_languages(store)
        # Kept with the outputs, for a later run whose inputs are all as this run's
        # (_inputs_unchanged): the run's inputs and the notices it gives.
        inputs = {} if worksheets or done.inputs is None else {"inputs": done.inputs}
        if inputs:
            inputs["notices"] = [[notice.path, notice.reason] for notice in other_languages]
        compared = False
        if counts.scored or dropped or not _outputs_current(saved, digest, outputs):
            # The page writers (Jinja2, numpy via scoring) are imported only when pages are
            # written: an unchanged rerun spends most of its time on imports otherwise.
            from analyzer.writers.html import render_stored_chunk, write_stored_site
            from analyzer.writers.jsonl import atomic_binary_file

            compare_failures, unpaired = _compare(store, run, pairing, local=engine == "local")
            failures = done.failures + compare_failures
            compared = True
            with atomic_binary_file(results_path) as jsonl:
                # The records are the lines made with the results (on the workers) and stored:
                # copied as bytes, not rebuilt, while the pages are made. The file replaces the
                # old one once the pages are written.
                records = store.run_records()
                # With workers, they decode the stored results and render the pages (~3 ms an
                # article); the local engine's write them too (they share this disk), Dask's
                # send them back for this process to write.
                on_engine = engine != "local" or jobs > 1
                # A rewrite's article page is the page written while scoring it, with the
                # comparison put in (not rendered again).
                work = functools.partial(
                    render_stored_chunk,
                    pages=str(out),
                    worksheets=worksheets,
                    write=engine == "local",
                )
                render = functools.partial(_chunks_in_order, run, work) if on_engine else None
                later = write_stored_site(
                    out,
                    _copying(_page_chunks(store), records, jsonl),
                    failures,
                    render=render,
                    rows=_PageRows(store),
                    worksheets=worksheets,
                )
                jsonl.writelines(records)  # those not copied while the pages were made
            failures += later
            saved = {"digest": digest, "files": _stats(outputs), **inputs}
            # Outputs with a failed comparison or page are never current: the next run retries.
            store.set_meta("outputs", json.dumps({} if compare_failures or later else saved))
        else:
            failures, unpaired = done.failures, []
            if inputs and inputs["inputs"] != saved.get("inputs"):
                store.set_meta("outputs", json.dumps({**saved, **inputs}))
        if (db is not None or worksheets) and not compared:
            compare_failures, unpaired = _compare(store, run, pairing, local=engine == "local")
            failures = done.failures + compare_failures
        if db is not None:
            from analyzer.writers.sqlite import article_rows, rows_chunk, write_rows

            def db_rows(job: tuple[bytes, bytes | None], rows: Any, error: str | None) -> Any:
                # Made again here when the engine could not (a lost worker, or a bug: then it is
                # raised here, as before).
                return rows if error is None else article_rows(unpack_result(*job))

            if engine != "local" or jobs > 1:  # the workers decode the stored results
                stored = _in_order(run, rows_chunk, store.run_packed())
                write_rows(db, (db_rows(job, *outcome) for job, outcome in stored))
            else:
                write_rows(db, map(article_rows, store.run_results()))
        if worksheets:
            from analyzer.writers.html import WORKSHEETS_FOLDER
            from analyzer.writers.worksheet import write_worksheets

            write_worksheets(out / WORKSHEETS_FOLDER, store.run_results(), lookup=store.run_result)
    counts.seconds = time.perf_counter() - began
    return BatchResult(
        failures=failures, counts=counts, unpaired=unpaired, other_languages=other_languages
    )


def analyze_paths(
    paths: Iterable[str],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
    stdin: IO[bytes] | None = None,
    each: Callable[[ArticleResult], None] | None = None,
    records: Callable[[bytes], None] | None = None,
) -> BatchResult:
    """Read and analyse every article in ``paths``; nothing is written, results are returned.

    The same steps as :func:`score_paths`, with a throw-away store in a temporary folder. When
    ``each`` is given, every result is handed to it in input order instead of being kept, so a
    large batch streams through in flat memory. When ``records`` is given instead (not both: a
    ValueError), it gets every result's results.jsonl record in input order, as stored with the
    result and as the file holds it (``dumps(result.to_record())`` and a newline, UTF-8): no
    result is decoded here, no line decoded or encoded (``analyzer score --json``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("It rained.", encoding="utf-8")
    >>> [r.id for r in analyze_paths([str(folder)]).results]
    ['a']
    >>> printed = []
    >>> _ = analyze_paths([str(folder)], records=printed.append)
    >>> printed[0][:37]
    b'{"attributions": [], "author": null, '
    """
    if each is not None and records is not None:
        raise ValueError("give each or records, not both: each result goes to one of them")
    from analyzer.scratch import scratch_folder  # tempfile and shutil: score_paths needs neither

    counts, bar, began = _start(progress)
    batch = BatchResult(counts=counts)
    with (
        scratch_folder("store") as tmp,
        StateStore(tmp / STATE_NAME, durable=False) as store,
        open_engine(engine, jobs, scheduler) as run,
        PairingInput(store) as pairing,
    ):
        store.begin_run()
        # Printing records reads only their lines: the results are packed lean (state.pack).
        score = score_chunk if records is None else functools.partial(score_chunk, lean=True)
        done = _analyse_paths(paths, stdin, store, run, counts, bar, pairing, score=score)
        compare_failures, batch.unpaired = _compare(
            store, run, pairing, local=engine == "local", lean=records is not None
        )
        batch.other_languages = _other_languages(store)
        if records is not None:
            for record in store.run_records():
                records(record)
        elif each is not None:
            for result in store.run_results():
                each(result)
        else:
            batch.results.extend(store.run_results())
    batch.failures = done.failures + compare_failures
    counts.seconds = time.perf_counter() - began
    return batch
