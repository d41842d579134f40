"""Score many inputs: read, analyse what changed, compare, write. One step after the other.

1. **Read** (:func:`analyzer.readers.read_inputs`): every input, in a stable order, becomes an
   Article or the InputError that stopped it. Each Article gets a key (:func:`article_key`).
2. **Analyse** (:mod:`analyzer.engines`): articles whose key is already in the state store are
   skipped; the rest are scored locally, in a process pool (``jobs``) or on Dask, and their
   results committed to the store as they arrive.
3. **Compare**: pairing of rewrites with their sources runs over *all* current results, read back
   from the store, so a rerun that scored nothing still produces every comparison.
4. **Write**: results.jsonl (and the other writers) from the results in input order.

One bad input never stops a batch: its InputError is recorded (and named once on stderr by the
CLI) while every other article is scored and written. Results travel through the store one at a
time, so memory stays flat whatever the size of the batch.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from analyzer.document import Article
from analyzer.engines import CHUNK, open_engine
from analyzer.errors import AnalyzerError, InputError
from analyzer.progress import Counts, Progress
from analyzer.readers import read_inputs
from analyzer.results import ArticleResult
from analyzer.state import STATE_NAME, StateStore, article_key, outputs_digest
from analyzer.writers.html import write_site
from analyzer.writers.jsonl import write_jsonl
from analyzer.writers.sqlite import write_db
from analyzer.writers.worksheet import write_worksheets

if TYPE_CHECKING:
    from analyzer.compare import BatchComparisons

RESULTS_NAME = "results.jsonl"
WORKSHEETS_NAME = "worksheets"

# Results are committed to the store in groups of this many: a kill loses at most this much work.
COMMIT_EVERY = 32


@dataclass
class BatchResult:
    """What a batch produced: results in input order (filled by :func:`analyze_paths` only;
    :func:`score_paths` leaves them in the store), failures in input order, and counts."""

    results: list[ArticleResult] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass
class _Analysed:
    entries: list[tuple[str, str]]  # (id, key) of every article with a result, in input order
    failures: list[InputError]


def _analyse(
    items: Iterable[Article | InputError],
    store: StateStore,
    *,
    engine: str,
    jobs: int,
    scheduler: str | None,
    counts: Counts,
    progress: Progress,
) -> _Analysed:
    """Steps 1 and 2: read, skip what the store already holds, score the rest into the store."""
    known = store.keys()
    slots: list[tuple[str, str] | None] = []  # one per input item, None once it failed
    failed: list[tuple[int, InputError]] = []
    waiting: dict[str, int] = {}  # article id -> its slot, while it is being scored

    def fail(slot: int, error: InputError) -> None:
        slots[slot] = None
        failed.append((slot, error))
        counts.failed += 1
        progress.update()

    def to_score() -> Iterator[list[Article]]:
        chunk: list[Article] = []
        for item in items:
            slots.append(None)
            if isinstance(item, InputError):
                fail(len(slots) - 1, item)
                continue
            key = article_key(item)
            slots[-1] = (item.id, key)
            if known.get(item.id) == key:
                counts.unchanged += 1
                progress.update()
                continue
            waiting[item.id] = len(slots) - 1
            chunk.append(item)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    rows: list[tuple[str, str, bytes]] = []
    with open_engine(engine, jobs, scheduler) as run:
        for chunk, outcomes in run(to_score()):
            for article, (blob, error) in zip(chunk, outcomes, strict=True):
                slot = waiting.pop(article.id)
                if blob is None:
                    fail(slot, InputError(article.path, error or "analysis failed"))
                    continue
                key = slots[slot][1]  # type: ignore[index]
                rows.append((article.id, key, blob))
                counts.scored += 1
                progress.update()
            if len(rows) >= COMMIT_EVERY:
                store.put(rows)
                rows = []
    store.put(rows)
    failed.sort(key=lambda pair: pair[0])
    return _Analysed([s for s in slots if s is not None], [e for _, e in failed])


def _analyse_paths(
    paths: Iterable[str],
    stdin: IO[bytes] | None,
    store: StateStore,
    engine: str,
    jobs: int,
    scheduler: str | None,
    counts: Counts,
    bar: Progress,
) -> _Analysed:
    """Steps 1 and 2 over the user's paths; the progress bar is closed whatever happens."""
    try:
        return _analyse(
            read_inputs(paths, stdin=stdin),
            store,
            engine=engine,
            jobs=jobs,
            scheduler=scheduler,
            counts=counts,
            progress=bar,
        )
    finally:
        bar.close()


def _results(store: StateStore, entries: list[tuple[str, str]]) -> BatchComparisons:
    """Step 3: every current result, in input order, ready for the writers.

    Pairing and comparison plug in here: they see all current results (scored now or earlier),
    so the comparisons a rerun writes are the ones a full run would.
    """
    # Imported here: comparison needs scikit-learn and scipy (seconds of start-up), which a rerun
    # where nothing changed never loads.
    from analyzer.compare import BatchComparisons

    ids = [article_id for article_id, _ in entries]
    return BatchComparisons(lambda: store.iter_results(ids), lookup=store.get)


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _outputs_current(store: StateStore, digest: str, files: list[Path]) -> bool:
    """True when the last run wrote these exact outputs and nobody changed them since."""
    saved = store.get_meta("outputs")
    if saved is None:
        return False
    last = json.loads(saved)
    return last.get("digest") == digest and last.get("files") == {str(f): _stat(f) for f in files}


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
    counts, bar, began = _start(progress)
    state_path = Path(state) if state is not None else out / STATE_NAME
    try:
        store = StateStore(state_path)
    except Exception as exc:  # sqlite3 reports damage as several exception types
        raise AnalyzerError(
            f"{state_path}: state store cannot be opened ({exc}); delete it to start again"
        ) from None
    with store:
        done = _analyse_paths(paths, stdin, store, engine, jobs, scheduler, counts, bar)
        dropped = store.retain(article_id for article_id, _ in done.entries)
        results_path = out / RESULTS_NAME
        files = [results_path, out / "index.html"]
        digest = outputs_digest(done.entries, [str(e) for e in done.failures])
        if counts.scored or dropped or not _outputs_current(store, digest, files):
            current = _results(store, done.entries)
            write_jsonl(results_path, (r.to_record() for r in current.results()))
            write_site(out, current.results(), done.failures, lookup=current.get)
            saved = {"digest": digest, "files": {str(f): _stat(f) for f in files}}
            store.set_meta("outputs", json.dumps(saved))
        if db is not None:
            write_db(db, _results(store, done.entries).results())
        if worksheets:
            current = _results(store, done.entries)
            write_worksheets(out / WORKSHEETS_NAME, current.results(), lookup=current.get)
    counts.seconds = time.perf_counter() - began
    return BatchResult(failures=done.failures, counts=counts)


def analyze_paths(
    paths: Iterable[str],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
    stdin: IO[bytes] | None = None,
    each: Callable[[ArticleResult], None] | None = None,
) -> BatchResult:
    """Read and analyse every article in ``paths``; nothing is written, results are returned.

    The same steps as :func:`score_paths`, with a throw-away store in a temporary folder. When
    ``each`` is given, every result is handed to it in input order instead of being kept, so a
    large batch streams through in flat memory.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("It rained.", encoding="utf-8")
    >>> [r.id for r in analyze_paths([str(folder)]).results]
    ['a']
    """
    counts, bar, began = _start(progress)
    batch = BatchResult(counts=counts)
    with (
        tempfile.TemporaryDirectory(prefix="analyzer-") as tmp,
        StateStore(Path(tmp) / STATE_NAME) as store,
    ):
        done = _analyse_paths(paths, stdin, store, engine, jobs, scheduler, counts, bar)
        for result in _results(store, done.entries).results():
            if each is None:
                batch.results.append(result)
            else:
                each(result)
    batch.failures = done.failures
    counts.seconds = time.perf_counter() - began
    return batch
