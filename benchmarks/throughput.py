"""Throughput and memory of `analyzer score`, as ratios to a bare pass over the same texts.

    python benchmarks/throughput.py --data ../shared/data/polnear/train/text

The texts under --data (``.txt`` files, searched recursively) are copied round-robin into a work
folder until it holds N articles (default: 1000 and 10000). For each N the script times, each as
a fresh ``python -m analyzer`` process:

* ``bare``: a Python process that only reads the same files and counts regex word tokens;
* ``--json``: ``score --json`` (analysis and records only; nothing is written) with --jobs 1, 2;
* ``--out``: ``score --out DIR`` (state store, results.jsonl, and the HTML pages when the
  installed analyzer writes them) with --jobs 1, 2;
* ``rerun``: the same ``--out`` run again with nothing changed.

It prints articles per second, each time as a multiple of the bare pass (absolute rates depend on
the machine and its load; ratios much less), and the peak resident memory of the largest process
and of all processes of the run together, sampled every 20 ms. Timings include interpreter start
and imports, as a user would see them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
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


def build_inputs(data: Path, n: int, folder: Path) -> None:
    """``n`` article files in ``folder``, copies of the texts under ``data`` in turn."""
    texts = sorted(p for p in data.rglob("*.txt") if p.is_file())
    if not texts:
        raise SystemExit(f"{data}: no .txt files found")
    folder.mkdir(parents=True)
    for i in range(n):
        source = texts[i % len(texts)]
        shutil.copyfile(source, folder / f"{i:06d}_{source.name}")


def measure(cmd: list[str], stdout: object = subprocess.DEVNULL) -> tuple[float, float, float]:
    """Wall seconds, peak RSS of the largest process, peak RSS of the whole tree (MB)."""
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    top = psutil.Process(proc.pid)
    largest = total = 0
    while proc.poll() is None:
        try:
            members = [top, *top.children(recursive=True)]
            sizes = []
            for member in members:
                try:
                    sizes.append(member.memory_info().rss)
                except psutil.Error:
                    pass
            if sizes:
                largest, total = max(largest, max(sizes)), max(total, sum(sizes))
        except psutil.Error:
            pass
        time.sleep(0.02)
    seconds = time.perf_counter() - began
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return seconds, largest / 2**20, total / 2**20


def row(n: int, bare: float, name: str, t: float, rss: float = 0.0, tree: float = 0.0) -> None:
    print(
        f"{n:>6}  {name:<22} {t:>8.2f} {n / t:>8.1f} {t / bare:>8.1f} {rss:>10.0f} {tree:>10.0f}",
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
    work = Path(tempfile.mkdtemp(prefix="throughput-", dir=args.work))
    try:
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, data {args.data}")
        print(
            f"{'N':>6}  {'run':<22} {'seconds':>8} {'art/s':>8} {'x bare':>8} "
            f"{'RSS max MB':>10} {'RSS sum MB':>10}"
        )
        for n in args.sizes:
            inputs = work / f"in-{n}"
            build_inputs(args.data, n, inputs)
            bare, _, _ = measure([py, "-c", BARE, str(inputs)])

            row(n, bare, "bare read+regex", bare)
            score = [py, "-m", "analyzer", "score", str(inputs), "--quiet"]
            for jobs in args.jobs:
                t, rss, tree = measure([*score, "--json", "--jobs", str(jobs)])
                row(n, bare, f"--json --jobs {jobs}", t, rss, tree)
            first = {}
            for jobs in args.jobs:
                out = work / f"out-{n}-{jobs}"
                t, rss, tree = measure([*score, "--out", str(out), "--jobs", str(jobs)])
                html = "+html" if (out / "index.html").exists() else ""
                row(n, bare, f"--out{html} --jobs {jobs}", t, rss, tree)
                first[jobs] = (t, out)
            jobs = args.jobs[-1]
            t_first, out = first[jobs]
            t, rss, tree = measure([*score, "--out", str(out), "--jobs", str(jobs)])
            row(n, bare, f"rerun unchanged -j{jobs}", t, rss, tree)
            print(f"{n:>6}  first run / unchanged rerun = {t_first / t:.1f}x", flush=True)
            shutil.rmtree(inputs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
