"""Where articles are analysed and compared: in this process, in a pool of processes, or on Dask.

Every engine runs the same functions over chunks of work and hands back one outcome per item:
:func:`score_chunk` over articles (each result packed with its results.jsonl line and pairing's
term counts, see :mod:`analyzer.state`), :func:`compare_chunk` over source/rewrite pairs of packed
results (each comparison with the rewrite's line) and pages
(:func:`analyzer.writers.html.render_stored_chunk`). So the bytes a batch writes do not depend on
the engine or on the number of workers. Lexicons and models stay loaded between chunks
(``functools.cache`` in each process). The local pool's workers are forked from this process
once it has loaded them (:func:`warm_up`), so a run pays for loading once, not once per worker;
one pool serves every step (a pool whose worker died is replaced by a new one). What is loaded
by then lives as long as the run, so it is taken out of the garbage collector's walks
(:func:`_loads_kept`): full collections, in this process and in the workers, then walk only what
the articles themselves allocate.

Only a bounded number of chunks is in flight at any time: memory stays flat however many
articles a batch holds, and reading inputs overlaps with analysis. (A step that needs its
outcomes in input order keeps the chunks that finish ahead of a slow one until it is done.)
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from analyzer.article import Article
from analyzer.errors import UsageError

if TYPE_CHECKING:  # the pool's modules are imported where a pool starts: a rerun needs none
    from concurrent.futures import Future, ProcessPoolExecutor

    from analyzer.document import Document

ENGINES = ("local", "dask")

# One task scores this many articles: large enough to hide the cost of shipping a task, small
# enough that progress moves and the last tasks do not leave a worker idle for long.
CHUNK = 8

# (what the work made, None) when it worked, (None, reason) when it raised. What work makes is an
# analyzer.state.Scored (scoring), an analyzer.state.Compared (comparing), or an article's pages
# (analyzer.writers.html.render_stored_chunk).
# The reason of every item of a chunk that came back as an exception instead of outcomes: its
# worker was lost (a crash, a lost Dask worker) or the chunk could not be shipped.
WORKER_FAILED = "worker failed"
Outcome = tuple[Any, str | None]
# A chunk of work (articles, or pairs to compare) and its outcomes, one per item.
Done = tuple[list[Any], list[Outcome]]
Work = Callable[[list[Any]], list[Outcome]]
# run(work, chunks): each chunk done by ``work``, yielded in completion order.
Runner = Callable[[Work, Iterable[list[Any]]], Iterator[Done]]
# A pair to compare: (source id, its packed result, rewrite id, its packed result, paired_by,
# similarity).
Pair = tuple[str, bytes, str, bytes, str, float | None]


def score_chunk(
    articles: list[Article],
    pages: str | None = None,
    worksheets: bool = False,
    *,
    lean: bool = False,
) -> list[Outcome]:
    """Analyse each article into what the store keeps of it (:class:`analyzer.state.Scored`);
    an exception fails that article only, with its reason.

    The packed result starts with the article's results.jsonl line (so the main process copies
    it instead of decoding the result) and ends with its Document's sentence spans (so that
    :func:`compare_chunk` does not split its text again). Pairing's term counts are made here
    too, while the text is at hand and in parallel with the other articles; a failure in the
    terms only leaves them out (pairing computes them again), never the result. With ``pages``
    (a report folder), the page of each article that names no source is written there too
    (:func:`analyzer.writers.html.write_early_page`): it does not depend on the comparisons,
    which come later. An article that names its source is compared with it, so its page waits.
    With ``worksheets``, those pages link the article's worksheet and answer key. With ``lean``,
    the results are packed for a store that only compares and prints them (:func:`state.pack`).

    Examples
    --------
    >>> from analyzer.compare.pairing import unpacked_terms
    >>> from analyzer.state import result_line, unpack
    >>> [(scored, error)] = score_chunk([Article("a", "a.txt", "It rained.")])
    >>> unpack(scored.result).metrics["words"], unpacked_terms(scored.terms), error
    (2, (['rain'], array('i', [1])), None)
    >>> result_line(scored.result)[:16]
    '{"attributions":'
    """
    # Imported here so that a process which never analyses (an unchanged rerun) never pays for
    # NLTK and the models.
    from analyzer.document import build_document
    from analyzer.pipeline import analyze_document
    from analyzer.state import Scored, pack

    out: list[Outcome] = []
    for article in articles:
        try:
            # analyze_article, with the Document at hand: its sentences are stored with the
            # result, for comparing it later without splitting its text again.
            doc = build_document(article)
            result = analyze_document(doc, article_id=article.id, path=article.path)
            blob = pack(result, doc.sentences, lean=lean)
        except Exception as exc:  # one article's bug must not stop the batch
            out.append((None, f"analysis failed ({type(exc).__name__}: {exc})"))
            continue
        named = json.dumps(list(result.derived_from)) if result.derived_from else None
        early = pages is not None and named is None
        page = _early_page(pages, result, worksheets) if early else None
        scored = Scored(blob, result.published, named, _terms(doc), page, result.language)
        out.append((scored, None))
    return out


def _early_page(pages: str, result: Any, worksheets: bool) -> str | None:
    """The index row of the page written for ``result`` in ``pages`` (None: not written)."""
    # Imported on the first page: a run that writes no pages never loads Jinja2.
    from pathlib import Path

    from analyzer.writers.html import write_early_page

    return write_early_page(Path(pages), result, worksheets=worksheets)


def _terms(doc: Document) -> bytes | None:
    """Pairing's term counts of the text of ``doc``, read from its tokens, packed
    (:func:`analyzer.compare.pairing.packed_terms`), None when they cannot be computed."""
    from analyzer.compare import pairing

    try:
        return pairing.packed_terms(pairing.count_terms(doc.text, doc.token_keys))
    except Exception:  # pairing computes them again from the stored text
        return None


def compare_chunk(pairs: list[Pair], *, lean: bool = False) -> list[Outcome]:
    """Compare each pair of packed results into what the store keeps of the comparison
    (:class:`analyzer.state.Compared`: with the rewrite's results.jsonl line as it reads with
    it); an exception fails that pair only, with its reason (the exception's type and message:
    the batch names the files).

    An article in several pairs of the chunk (the source of one and the rewrite of another, or
    the source of several rewrites) is decoded and prepared once for all of them, by its id.
    With ``lean``, for a store that only prints the comparisons (score --json's, see
    :func:`score_chunk`), each comparison is kept in the rewrite's line only, not packed
    (:data:`analyzer.state.UNKEPT`: packing it was ~15 % of comparing a word-for-word copy).

    Examples
    --------
    >>> from analyzer.state import compared_line, pack, unpack
    >>> from analyzer.pipeline import analyze_article
    >>> src = pack(analyze_article(Article("s", "", "Prices rose 5 percent.")))
    >>> der = pack(analyze_article(Article("d", "", "Prices rose 7 percent.")))
    >>> [(compared, error)] = compare_chunk([("s", src, "d", der, "metadata", 0.5)])
    >>> [i.text for i in unpack(compared.comparison).issues], error
    (['7 percent'], None)
    >>> '"comparison": {"derived_direct_quotes"' in compared_line(compared.line, der)
    True
    >>> compare_chunk([("s", src, "x", b"damaged", "metadata", 0.5)])[0][1]
    'ZstdError: error determining content size from frame header'
    """
    from analyzer.compare import Prepared, compare_prepared
    from analyzer.state import (
        UNKEPT,
        Compared,
        compressed_line,
        pack,
        spliced_line,
        unpacked,
    )
    from analyzer.stored_result import (
        Reading,
        comparison_place,
        line_with_comparison,
        read_unscored,
        sentences_of,
    )
    from analyzer.writers.record_line import dumps

    # article id -> (stored result as UTF-8 bytes, its reading, prepared article)
    read: dict[str, tuple[bytes, Reading, Prepared]] = {}

    def prepared(
        article_id: str, blob: bytes, like: Reading | None = None
    ) -> tuple[bytes, Reading, Prepared]:
        if article_id not in read:  # a failure is not kept: each of its pairs fails with it
            stored = unpacked(blob)
            # Comparing reads no finding, metric or score: the result is not rebuilt whole. A
            # rewrite is read against its source (a copy's text and quotes are its source's).
            # Its sentences were stored with it (score_chunk).
            reading = read_unscored(stored, like)
            sentences = functools.partial(sentences_of, stored)  # read if a check needs them
            read[article_id] = (stored, reading, Prepared(reading.result, sentences))
        return read[article_id]

    out: list[Outcome] = []
    for source_id, source, derived_id, derived, by, similarity in pairs:
        try:
            _, seen, original = prepared(source_id, source)
            stored, _, rewrite = prepared(derived_id, derived, seen)
            comparison = compare_prepared(original, rewrite, paired_by=by, similarity=similarity)
            packed = UNKEPT if lean else pack(comparison)
            # The line with the comparison is the line of the result StateStore.run_results
            # builds with it: the comparison as the store gives it back, which is the same
            # (the codec reads back exactly what it wrote), so it is not read back here.
            place = comparison_place(stored, rewrite.result)
            if place is None:  # not a line encode wrote: made whole
                text = stored.decode("utf-8", "surrogatepass")
                line = compressed_line(line_with_comparison(text, rewrite.result, comparison))
            else:
                line = spliced_line(*place, dumps(comparison.to_dict()))
            out.append((Compared(packed, line), None))
        except Exception as exc:  # one pair's bug must not stop the batch
            out.append((None, f"{type(exc).__name__}: {exc}"))
    return out


def lost(reason: str | None) -> bool:
    """True when an outcome failed because its worker was lost, not because of its own work
    (the work itself was not done: it can be tried again elsewhere)."""
    return reason is not None and reason.startswith(WORKER_FAILED)


Loading = Callable[[], contextlib.AbstractContextManager[None]]


@contextlib.contextmanager
def _loads_kept() -> Iterator[Loading]:
    """``loading()``: a block that loads what the run keeps (modules, models, lexicons).

    The collector is paused in the block (the ~125,000 objects created there all stay alive, so
    the collections they set off found nothing: ~0.2 s per process), and at its end every object
    this process holds is moved out of the collector's walks (``gc.freeze``) until the outer
    block ends. They make most of a process's objects: each full collection walked them all
    again (~0.2 s per process over 1,000 articles), and in a forked worker that walk also copied
    the memory pages holding them. Nothing is frozen when the caller froze objects of its own.
    """
    mine = gc.get_freeze_count() == 0

    @contextlib.contextmanager
    def loading() -> Iterator[None]:
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if mine:
                gc.freeze()
            if enabled:
                gc.enable()

    try:
        yield loading
    finally:
        if mine:
            gc.unfreeze()


def _in_process(loading: Loading) -> Runner:
    def run(work: Work, chunks: Iterable[list[Any]]) -> Iterator[Done]:
        for i, chunk in enumerate(chunks):
            if i == 0:
                with loading():  # each step's first chunk loads what its next ones use
                    outcomes = work(chunk)
            else:
                outcomes = work(chunk)
            yield chunk, outcomes

    return run


def _failed(chunk: list[Any], exc: BaseException) -> Done:
    reason = f"{WORKER_FAILED} ({type(exc).__name__}: {exc})"
    return chunk, [(None, reason)] * len(chunk)


def _windowed(
    submit: Callable[[list[Any]], Future], chunks: Iterable[list[Any]], window: int
) -> Iterator[Done]:
    """Keep at most ``window`` chunks in flight; yield each as soon as it is done."""
    from concurrent.futures import FIRST_COMPLETED, wait

    pending: dict[Future, list[Any]] = {}
    source = iter(chunks)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            chunk = next(source, None)
            if chunk is None:
                exhausted = True
            else:
                pending[submit(chunk)] = chunk
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            chunk = pending.pop(future)
            try:
                yield chunk, future.result()
            except Exception as exc:
                yield _failed(chunk, exc)


def warm_up() -> None:
    """Load what analysis loads on first use (lexicons, syllable table, models) in this process.

    Called before forking workers, so they inherit it all instead of each loading it again.
    """
    # "Tlaxcala" is not in the CMU syllable table: counting its syllables loads the hyphenation
    # dictionary (~0.2 s), which each worker would otherwise load on its first such word.
    text = "It rained in Tlaxcala. “We are ready,” said Ana Ruiz, the mayor."
    score_chunk([Article("warm-up", "", text)])


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """Make this pool worker exit once the process that started it is gone.

    A worker waits for tasks on a pipe that its siblings hold open too, so when the batch's
    process is killed (``kill -9``, out of memory) nothing tells the workers: they would live on
    as orphans, holding their memory. A daemon thread watches the parent's pid instead (portable,
    unlike Linux's ``PR_SET_PDEATHSIG``) and ends the worker within ``every`` seconds.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextlib.contextmanager
def _process_pool(jobs: int, loading: Loading) -> Iterator[Runner]:
    with contextlib.ExitStack() as stack:
        pools: list[ProcessPoolExecutor] = []  # started on the first chunk of work, then kept

        def start() -> None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # fork: workers start as copies of this process, imports and loaded data included.
            context = multiprocessing.get_context("fork")
            pools.append(
                stack.enter_context(
                    ProcessPoolExecutor(
                        max_workers=jobs,
                        mp_context=context,
                        initializer=_exit_with_parent,
                        initargs=(os.getpid(),),
                    )
                )
            )

        def submit(work: Work, chunk: list[Any]) -> Future:
            from concurrent.futures.process import BrokenProcessPool

            try:
                return pools[-1].submit(work, chunk)
            except BrokenProcessPool:
                # A worker died (killed, out of memory): the chunks the pool held fail as "worker
                # failed"; the rest of the batch goes to a new pool forked from this process.
                start()
                return pools[-1].submit(work, chunk)

        def run(work: Work, chunks: Iterable[list[Any]]) -> Iterator[Done]:
            source = iter(chunks)
            first = next(source, None)
            if first is None:
                return  # nothing to do (an unchanged rerun): no pool, no loading
            if not pools:
                with loading():
                    if getattr(work, "func", work) is score_chunk:  # a partial of it, too
                        warm_up()
                start()
            yield from _windowed(
                lambda chunk: submit(work, chunk),
                itertools.chain([first], source),
                window=jobs * 3,
            )

        yield run


@contextlib.contextmanager
def _dask(jobs: int, scheduler: str | None) -> Iterator[Runner]:
    import logging

    from distributed import Client, LocalCluster, as_completed

    logging.getLogger("distributed").setLevel(logging.ERROR)
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(scheduler, timeout="30s"))
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def run(work: Work, chunks: Iterable[list[Any]]) -> Iterator[Done]:
            # Articles travel inside the task as text: workers need no access to the inputs.
            source = iter(chunks)
            pending: dict[str, list[Any]] = {}
            stream = as_completed()
            for chunk in source:
                future = client.submit(work, chunk, pure=False)
                pending[future.key] = chunk
                stream.add(future)
                if len(pending) >= workers * 3:
                    break
            for future in stream:
                chunk = pending.pop(future.key)
                try:
                    yield chunk, future.result()
                except Exception as exc:
                    yield _failed(chunk, exc)
                finally:
                    future.release()
                nxt = next(source, None)
                if nxt is not None:
                    new = client.submit(work, nxt, pure=False)
                    pending[new.key] = nxt
                    stream.add(new)

        yield run


@contextlib.contextmanager
def open_engine(
    engine: str = "local", jobs: int = 1, scheduler: str | None = None
) -> Iterator[Runner]:
    """A function ``run(work, chunks)`` yielding (chunk, outcomes) in completion order.

    ``local`` with ``jobs=1`` works in this process; with more, in a pool of ``jobs`` processes.
    ``dask`` starts a LocalCluster of ``jobs`` workers, or connects to ``scheduler`` when given.
    The local engines pause this process's garbage collector while the first work loads modules
    and models, and keep those objects out of its walks (``gc.freeze``) until the block ends.

    Examples
    --------
    >>> with open_engine("local", 1) as run:
    ...     chunks = [[Article("a", "", "Hi.")]]
    ...     [[error for _, error in outcomes] for _, outcomes in run(score_chunk, chunks)]
    [[None]]
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    if scheduler is not None and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask":  # its workers are processes of their own: nothing to share
        with _dask(jobs, scheduler) as run:
            yield run
        return
    with _loads_kept() as loading:
        if jobs == 1:
            yield _in_process(loading)
        else:
            with _process_pool(jobs, loading) as run:
                yield run
