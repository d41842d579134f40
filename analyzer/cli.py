"""Command line: parses arguments, calls the library, prints or writes. No scoring here."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from analyzer import __version__
from analyzer.batch import BatchResult, analyze_paths, score_paths
from analyzer.engines import ENGINES
from analyzer.errors import AnalyzerError, UsageError
from analyzer.levels import LEVELS
from analyzer.readers.names import shown


def _report_failures(batch: BatchResult) -> int:
    # One line each, whatever a file name holds: a newline or a terminal escape in it is shown
    # escaped, never acted on (the index page and results.jsonl keep the name as it is).
    for failure in batch.failures:
        click.echo(f"error: {shown(str(failure))}", err=True)
    # Not failures (the article and every output are complete), but a comparison the user asked
    # for by naming a source did not happen: say so, without changing the exit status.
    for notice in [*batch.unpaired, *batch.other_languages]:
        click.echo(f"warning: {shown(str(notice))}", err=True)
    return 1 if batch.failures else 0


class Failed(click.ClickException):
    """An error that stops a command, printed like the per-input errors of ``score``
    (``error: path: reason``), not as Click's ``Error: ...``: one form for every command."""

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


# Shared by every command that writes files (DS1: options used by several commands, once).
out_option = click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Output folder.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="analyzer")
def cli() -> None:
    """Score news articles for sourcing, attribution, hedging, unsupported claims and bias."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@out_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON record per article; write nothing."
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (local engine) or LocalCluster workers (dask without --scheduler).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Analyse here (local) or on dask.distributed (dask).",
)
@click.option(
    "--scheduler",
    metavar="ADDR",
    default=None,
    help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask).",
)
@click.option(
    "--state",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="State store of the incremental runs [default: OUT/state.sqlite].",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the results to this SQLite file (created if missing).",
)
@click.option(
    "--worksheets",
    is_flag=True,
    help="Also write a classroom worksheet and answer key per article to OUT/worksheets.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="No progress bar and no summary line (both appear only on a terminal anyway).",
)
def score(
    paths: tuple[str, ...],
    out: Path,
    as_json: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
    state: Path | None,
    db: Path | None,
    worksheets: bool,
    quiet: bool,
) -> None:
    """Score PATH... (files, folders, or - for stdin) and write reports to --out.

    Only new or changed articles are analysed again; the rest come from the state store.
    """
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if as_json and db is not None:
        raise click.UsageError("--db cannot be combined with --json, which writes nothing")
    if as_json and worksheets:
        raise click.UsageError("--worksheets cannot be combined with --json, which writes nothing")
    # The commands import what analyses inside their bodies: the models behind it (numpy, scipy
    # and the models' arrays) take most of a second to import, and a rerun where nothing changed
    # needs none of them.
    run = {"jobs": jobs, "engine": engine, "scheduler": scheduler, "progress": not quiet}
    try:
        if as_json:
            # The records as stored with the results (made on the workers): none is decoded.
            batch = analyze_paths(paths, records=_stdout_records(), **run)
        else:
            batch = score_paths(paths, out, state=state, db=db, worksheets=worksheets, **run)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except AnalyzerError as exc:
        raise Failed(shown(str(exc))) from None
    status = _report_failures(batch)
    if not batch.written:
        # Said even with --quiet: someone who mistyped a path must learn that their reports
        # were not updated.
        left = f"error: no input could be read; the reports in {out} were left as they were"
        click.echo(left, err=True)
    if not quiet and sys.stderr.isatty():
        # Like the progress bar, the summary is for a person watching; logs and pipes get only
        # the errors.
        click.echo(batch.counts.summary(), err=True)
        if batch.written and not as_json:
            click.echo(f"report: {Path(out) / 'index.html'}", err=True)
    sys.exit(status)


def _stdout_records() -> Callable[[bytes], None]:
    """Print a results.jsonl record (UTF-8 bytes with the newline, as results.jsonl holds it) on
    standard output, at once.

    Not ``click.echo``: on a pipe or a file it scans every line for terminal colour codes to
    strip (a record holds none: JSON escapes control characters), a third of printing records
    (10,000 records of ~21 KB: 0.35 -> 0.24 s). Nor a decoded line: the record is printed as
    stored, in one write.
    """
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # standard output replaced by a text-only stream (embedding, some tools)
        return lambda record: click.echo(record[:-1].decode("utf-8", "surrogatepass"))
    sys.stdout.flush()

    def write(record: bytes) -> None:
        out.write(record)
        out.flush()  # a reader of the pipe gets each record as soon as it is printed

    return write


@cli.command()
@click.argument("article")
@click.option(
    "--source",
    metavar="SOURCE",
    default=None,
    help="The article ARTICLE rewrites: adds the “what did the rewrite change?” exercise.",
)
@out_option
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="basic",
    show_default=True,
    help="Basic asks for fewer, easier items; advanced for more.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Chooses and orders the items; the same seed gives the same sheet.",
)
def worksheet(article: str, source: str | None, out: Path, level: str, seed: int) -> None:
    """Write a classroom worksheet and its answer key for ARTICLE to --out."""
    from analyzer.classroom import make_worksheet  # here: it loads the models (see score)

    try:
        paths = make_worksheet(article, source=source, out=out, level=level, seed=seed)
    except AnalyzerError as exc:
        raise Failed(shown(str(exc))) from None
    for path in paths:
        click.echo(str(path))


@cli.command(name="compare")
@click.argument("source")
@click.argument("derived")
@out_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print the derived article's record; write nothing."
)
def compare_command(source: str, derived: str, out: Path, as_json: bool) -> None:
    """Compare DERIVED (a rewrite or summary) with its SOURCE: dates, numbers, names, quotes and
    sentences the source does not support. Writes --out/results.jsonl (both records) and the
    HTML report with its compare page."""
    from analyzer.compare.files import compare_paths  # here: it loads the models (see score)
    from analyzer.writers.html import write_site
    from analyzer.writers.jsonl import dumps, write_jsonl

    try:
        src, der = compare_paths(source, derived)
    except AnalyzerError as exc:
        raise Failed(shown(str(exc))) from None
    if as_json:
        click.echo(dumps(der.to_record()))
    else:
        write_jsonl(Path(out) / "results.jsonl", [src.to_record(), der.to_record()])
        write_site(Path(out), [src, der])


def main() -> None:
    try:
        cli(prog_name="analyzer")
    finally:
        # The process ends here, and Python's exit runs the garbage collector over every object
        # it still holds (modules, models, lexicons, caches) only to find them alive: ~0.4 s after
        # a batch. Frozen, they are skipped; memory goes back to the system as the process ends.
        gc.freeze()
