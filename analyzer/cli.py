"""Command line: parses arguments, calls the library, prints or writes. No scoring here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from analyzer import __version__
from analyzer.batch import BatchResult, analyze_paths, score_paths
from analyzer.errors import AnalyzerError
from analyzer.writers.jsonl import dumps


def _report_failures(batch: BatchResult) -> int:
    for failure in batch.failures:
        click.echo(f"error: {failure}", err=True)
    return 1 if batch.failures else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="analyzer")
def cli() -> None:
    """Score news articles for sourcing, attribution, hedging, unsupported claims and bias."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON record per article; write nothing."
)
def score(paths: tuple[str, ...], out: Path, as_json: bool) -> None:
    """Score PATH... (files, folders, or - for stdin) and write reports to --out."""
    try:
        if as_json:
            batch = analyze_paths(paths)
            for result in batch.results:
                click.echo(dumps(result.to_record()))
        else:
            batch = score_paths(paths, out)
    except AnalyzerError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(_report_failures(batch))


def main() -> None:
    cli(prog_name="analyzer")
