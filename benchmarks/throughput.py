"""Throughput and memory of `analyzer score`, as ratios to a bare pass over the same texts.

    python benchmarks/throughput.py --data ../shared/data/polnear/train/text

The texts under --data (``.txt`` files, searched recursively) are copied round-robin into a work
folder until it holds N articles (default: 1000 and 10000). For each N the script times, each as
a fresh ``python -m analyzer`` process:

* ``bare``: a Python process that only reads the same files and counts regex word tokens, run
  before the first run and again after each run: each run's ratios are to the mean of the
  bare passes just before and after it (the machine's speed drifts from minute to minute);
* ``--json``: ``score --json`` (analysis and records only; nothing is written) with --jobs 1, 2;
* ``--out``: ``score --out DIR`` (state store, results.jsonl, and the HTML pages when the
  installed analyzer writes them) with --jobs 1, 2;
* ``rerun``: the same ``--out`` run again with nothing changed.

It prints wall time, articles per second and CPU time (all processes of the run), each time as a
multiple of the bare pass (absolute rates depend on the machine and its load; ratios much less,
and CPU ratios least, when other work shares the cores), and the peak resident memory (MB) of the
largest process and of all processes of the run together, sampled every 20 ms (the run's process
tree looked up every 0.2 s, which is what costs the sampler CPU). Timings include
interpreter start and imports, as a user would see them. The last column is the machine's load
average over the minute the run ended in (``os.getloadavg``): above the number of CPUs, other work
was competing for them, and wall times say more about that work than about the analyzer.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

BARE = """
import os, re, sys
token = re.compile(r"\\w+(?:[’'\\-.,]\\w+)*")
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(root, name), encoding="utf-8") as f:
            n += len(token.findall(f.read()))
print(n)
"""

COMPILE = (
    "import analyzer, compileall, os; compileall.compile_dir(os.path.dirname(analyzer.__file__))"
)


def build_inputs(data: Path, n: int, folder: Path) -> None:
    """``n`` article files in ``folder``, copies of the texts under ``data`` in turn."""
    texts = sorted(p for p in data.rglob("*.txt") if p.is_file())
    if not texts:
        raise SystemExit(f"{data}: no .txt files found")
    folder.mkdir(parents=True)
    for i in range(n):
        source = texts[i % len(texts)]
        shutil.copyfile(source, folder / f"{i:06d}_{source.name}")


# Memory is sampled every _SAMPLE_SECONDS; the run's process tree is looked up again every
# _TREE_EVERY samples (a worker that starts later is found within 0.2 s).
_SAMPLE_SECONDS = 0.02
_TREE_EVERY = 10


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


Measured = tuple[float, float, float, float]


def measure(cmd: list[str]) -> Measured:
    """Wall seconds, CPU seconds of all processes, peak RSS (MB) of the largest process and of
    the whole process tree."""
    cpu = _cpu()
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # The end is taken when the process exits (a thread waits for it), not at the next memory
    # sample: sampling every 20 ms would add up to 20 ms to every time, a tenth of a short run.
    ended: list[float] = []

    def wait() -> None:
        proc.wait()
        ended.append(time.perf_counter())

    waiter = threading.Thread(target=wait)
    waiter.start()
    top = psutil.Process(proc.pid)
    members = [top]
    largest = total = 0
    sample = 0
    while waiter.is_alive():
        # Finding the process tree reads every process's /proc entry (~1.5 ms of CPU); reading
        # the RSS of known members costs ~0.02 ms each. The tree is looked up every tenth
        # sample only: looked up every 20 ms, the sampler took ~7 % of a core from the run it
        # measures, which on a 2-core machine lengthens a --jobs 2 run (both cores busy) but
        # not the single-process bare pass (the sampler has the other core to itself).
        if sample % _TREE_EVERY == 0:
            try:
                members = [top, *top.children(recursive=True)]
            except psutil.Error:
                pass
        sample += 1
        sizes = []
        for member in members:
            try:
                sizes.append(member.memory_info().rss)
            except psutil.Error:
                pass
        if sizes:
            largest, total = max(largest, max(sizes)), max(total, sum(sizes))
        waiter.join(_SAMPLE_SECONDS)
    seconds = ended[0] - began
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return seconds, _cpu() - cpu, largest / 2**20, total / 2**20


class _Bracket:
    """Bare passes between the measured runs: each run's ratios are to the mean of the passes
    just before and just after it. The machine's speed drifts from minute to minute (a bare pass
    of 1,000 files took 0.26 s in one run and 0.50 s in the next), and one short pass at the
    start would divide every run by that one moment."""

    def __init__(self, bare: Callable[[], Measured]) -> None:
        self._bare = bare
        self.passes = [bare()]

    @property
    def before(self) -> Measured:
        """The latest pass: the one before the next run."""
        return self.passes[-1]

    def around(self) -> Measured:
        """The mean of the pass before the run just measured and a new one after it."""
        (w0, c0, r0, t0), (w1, c1, r1, t1) = self.before, self._bare()
        self.passes.append((w1, c1, r1, t1))
        return (w0 + w1) / 2, (c0 + c1) / 2, (r0 + r1) / 2, (t0 + t1) / 2


def row(n: int, bare: Measured, name: str, m: Measured) -> None:
    wall, cpu, rss, tree = m
    print(
        f"{n:>6}  {name:<26} {wall:>7.2f} {n / wall:>7.1f} {wall / bare[0]:>6.1f} "
        f"{cpu:>7.2f} {cpu / bare[1]:>6.1f} {rss:>7.0f} {tree:>7.0f} {os.getloadavg()[0]:>5.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: temp)")
    args = parser.parse_args()

    py = sys.executable
    # Time the analyzer as a user runs it, its bytecode cached: pip compiles an installed package,
    # but an editable install under PYTHONDONTWRITEBYTECODE=1 would compile every module again in
    # every timed process (0.3 s and more).
    subprocess.run([py, "-c", COMPILE], check=False, stdout=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="throughput-", dir=args.work))
    try:
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, data {args.data}")
        print(
            f"{'N':>6}  {'run':<26} {'wall s':>7} {'art/s':>7} {'x bare':>6} "
            f"{'CPU s':>7} {'x bare':>6} {'RSS max':>7} {'RSS sum':>7} {'load':>5}"
        )
        for n in args.sizes:
            inputs = work / f"in-{n}"
            build_inputs(args.data, n, inputs)
            bracket = _Bracket(functools.partial(measure, [py, "-c", BARE, str(inputs)]))
            row(n, bracket.before, "bare read+regex", bracket.before)
            score = [py, "-m", "analyzer", "score", str(inputs), "--quiet"]
            for jobs in args.jobs:
                m = measure([*score, "--json", "--jobs", str(jobs)])
                row(n, bracket.around(), f"--json --jobs {jobs}", m)
            first: dict[int, tuple[Measured, Path]] = {}
            for jobs in args.jobs:
                out = work / f"out-{n}-{jobs}"
                m = measure([*score, "--out", str(out), "--jobs", str(jobs)])
                html = "+html" if (out / "index.html").exists() else ""
                row(n, bracket.around(), f"--out{html} --jobs {jobs}", m)
                first[jobs] = (m, out)
            jobs = args.jobs[-1]
            m_first, out = first[jobs]
            m = measure([*score, "--out", str(out), "--jobs", str(jobs)])
            row(n, bracket.around(), f"rerun unchanged --jobs {jobs}", m)
            print(
                f"{n:>6}  first run / unchanged rerun: wall {m_first[0] / m[0]:.1f}x, "
                f"CPU {m_first[1] / m[1]:.1f}x",
                flush=True,
            )
            walls = [b[0] for b in bracket.passes]
            print(
                f"{n:>6}  bare passes: {len(walls)}, {min(walls):.2f}-{max(walls):.2f} s wall",
                flush=True,
            )
            shutil.rmtree(inputs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
