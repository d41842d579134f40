"""Where articles are analysed: in this process, in a pool of processes, or on Dask.

Every engine runs the same function, :func:`score_chunk`, over chunks of articles and hands back
packed results (see :mod:`analyzer.state`), so the bytes a batch writes do not depend on the
engine or on the number of workers. Workers keep their lexicons and models loaded between chunks
(``functools.cache`` in each process), so the cost of loading them is paid once per worker.

Only a bounded number of chunks is in flight at any time: memory stays flat however many
articles a batch holds, and reading inputs overlaps with analysis.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from analyzer.document import Article
from analyzer.errors import UsageError

ENGINES = ("local", "dask")

# One task scores this many articles: large enough to hide the cost of shipping a task, small
# enough that progress moves and the last tasks do not leave a worker idle for long.
CHUNK = 8

# (packed result, None) when analysis worked, (None, reason) when it raised.
Outcome = tuple[bytes | None, str | None]
Done = tuple[list[Article], list[Outcome]]
Runner = Callable[[Iterable[list[Article]]], Iterator[Done]]


def score_chunk(articles: list[Article]) -> list[Outcome]:
    """Analyse each article; an exception fails that article only, with its reason.

    Examples
    --------
    >>> from analyzer.state import unpack
    >>> [(blob, error)] = score_chunk([Article("a", "a.txt", "It rained.")])
    >>> unpack(blob).metrics["words"], error
    (2, None)
    """
    # Imported here so that a process which never analyses (an unchanged rerun) never pays for
    # NLTK and the models.
    from analyzer.pipeline import analyze_article
    from analyzer.state import pack

    out: list[Outcome] = []
    for article in articles:
        try:
            out.append((pack(analyze_article(article)), None))
        except Exception as exc:  # one article's bug must not stop the batch
            out.append((None, f"analysis failed ({type(exc).__name__}: {exc})"))
    return out


def _serial(chunks: Iterable[list[Article]]) -> Iterator[Done]:
    for chunk in chunks:
        yield chunk, score_chunk(chunk)


def _failed(chunk: list[Article], exc: BaseException) -> Done:
    reason = f"worker failed ({type(exc).__name__}: {exc})"
    return chunk, [(None, reason)] * len(chunk)


def _windowed(
    submit: Callable[[list[Article]], Future], chunks: Iterable[list[Article]], window: int
) -> Iterator[Done]:
    """Keep at most ``window`` chunks in flight; yield each as soon as it is done."""
    pending: dict[Future, list[Article]] = {}
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
    score_chunk([Article("warm-up", "", "It rained. “We are ready,” said Ana Ruiz, the mayor.")])


@contextlib.contextmanager
def _process_pool(jobs: int) -> Iterator[Runner]:
    with contextlib.ExitStack() as stack:

        def run(chunks: Iterable[list[Article]]) -> Iterator[Done]:
            source = iter(chunks)
            first = next(source, None)
            if first is None:
                return  # nothing to score (an unchanged rerun): no pool, no loading
            warm_up()
            # fork: workers start as copies of this process, imports and loaded data included.
            context = multiprocessing.get_context("fork")
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=jobs, mp_context=context))
            yield from _windowed(
                lambda chunk: pool.submit(score_chunk, chunk),
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

        def run(chunks: Iterable[list[Article]]) -> Iterator[Done]:
            # Articles travel inside the task as text: workers need no access to the inputs.
            source = iter(chunks)
            pending: dict[str, list[Article]] = {}
            stream = as_completed()
            for chunk in source:
                future = client.submit(score_chunk, chunk, pure=False)
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
                    new = client.submit(score_chunk, nxt, pure=False)
                    pending[new.key] = nxt
                    stream.add(new)

        yield run


@contextlib.contextmanager
def open_engine(
    engine: str = "local", jobs: int = 1, scheduler: str | None = None
) -> Iterator[Runner]:
    """A function from chunks of articles to (chunk, outcomes), in completion order.

    ``local`` with ``jobs=1`` scores in this process; with more, in a pool of ``jobs`` processes.
    ``dask`` starts a LocalCluster of ``jobs`` workers, or connects to ``scheduler`` when given.

    Examples
    --------
    >>> with open_engine("local", 1) as run:
    ...     [[error for _, error in outcomes] for _, outcomes in run([[Article("a", "", "Hi.")]])]
    [[None]]
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    if scheduler is not None and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        with _dask(jobs, scheduler) as run:
            yield run
    elif jobs == 1:
        yield _serial
    else:
        with _process_pool(jobs) as run:
            yield run
