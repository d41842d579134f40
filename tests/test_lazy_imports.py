"""Start-up cost: what a process imports depends on what it has to do.

The models' libraries (scikit-learn, scipy, skops) and NLTK take seconds to import; the page
writers (Jinja2, and numpy through the scores) a tenth of one, a quarter of what an unchanged
rerun of 1,000 articles costs. A rerun where every article is unchanged analyses nothing,
compares nothing and writes nothing, so it must import none of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from analyzer.batch import score_paths
from analyzer.readers import signatures

HEAVY = ["jinja2", "nltk", "numpy", "scipy", "sklearn", "skops"]
# Lighter, but a rerun pays for every module it loads: the encoding detector (only for text
# that is not UTF-8), the worksheet machinery (only for worksheets) and the result classes
# (only to decode a stored result), the process pool's modules (only when there is work), the
# Document with its patterns (only to analyse; readers make an analyzer.article), the language
# module with its scans (only to name a text's language, or when the run holds one not in
# English), socket (temporary files are named after os.uname's host name where there is one),
# tempfile and shutil (only to write outputs, or for a scratch folder) and csv (only for a
# manifest.csv).
HEAVY += [
    "tempfile",
    "shutil",
    "csv",
    "charset_normalizer",
    "concurrent.futures",
    "multiprocessing",
    "analyzer.exercises",
    "analyzer.writers.explain",
    "analyzer.results",
    "analyzer.document",
    "analyzer.language",
    "analyzer.scan",
    "socket",
]

# Runs the CLI in a fresh interpreter, then reports which heavy packages it imported.
RERUN = """
import json, sys
from analyzer.cli import cli
try:
    cli(["score", sys.argv[1], "--out", sys.argv[2], "--quiet", "--jobs", sys.argv[4]])
except SystemExit as exc:
    status = exc.code
heavy = sorted(set(sys.modules) & set(json.loads(sys.argv[3])))
print(json.dumps({"status": status, "heavy": heavy}))
"""


def run_fresh(inputs: str, out: str, jobs: int = 1) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", RERUN, inputs, out, json.dumps(HEAVY), str(jobs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


def write_two(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The council voted 5 to 2 on Tuesday. “It is time,” said Mayor Ana Ruiz.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Ridership rose 12 percent last year, according to the transit agency.\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("remembered", [False, True])
@pytest.mark.parametrize("jobs", [1, 2])
def test_unchanged_rerun_imports_no_model_library(tmp_path, monkeypatch, jobs, remembered):
    # Files written just now are read again by the rerun (see test_rerun_files); remembered,
    # they are not, and the rerun decides from their fingerprint.
    write_two(tmp_path / "in")
    out = tmp_path / "out"
    if remembered:
        monkeypatch.setattr(signatures, "RACY_NS", -60 * 10**9)
    assert score_paths([str(tmp_path / "in")], out).counts.scored == 2
    before = (out / "results.jsonl").read_bytes()
    assert run_fresh(str(tmp_path / "in"), str(out), jobs) == {"status": 0, "heavy": []}
    assert (out / "results.jsonl").read_bytes() == before


def test_a_run_that_scores_imports_what_it_needs(tmp_path):
    # The counterpart of the test above: the check can fail, because scoring does import them.
    write_two(tmp_path / "in")
    report = run_fresh(str(tmp_path / "in"), str(tmp_path / "out"))
    assert report["status"] == 0
    assert {"numpy", "scipy", "jinja2"} <= set(report["heavy"])


# Runs a --json batch in a fresh interpreter, then reports which model libraries it imported.
JSON_RUN = """
import json, sys
from analyzer.cli import cli
try:
    cli(["score", sys.argv[1], "--json", "--quiet", "--jobs", sys.argv[2]])
except SystemExit as exc:
    status = exc.code
libraries = ["sklearn", "skops", "scipy.stats", "scipy.special", "nltk", "regex"]
print(json.dumps({"status": status, "loaded": [m for m in libraries if m in sys.modules]}))
"""


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_json_run_reads_the_models_from_their_sidecars_without_scikit_learn(tmp_path, jobs):
    # The models' sidecars (models/NAME.fast.npz) hold what prediction needs: scoring, pairing
    # by similarity and by metadata, and the comparisons import no scikit-learn, skops,
    # scipy.stats or scipy.special (two seconds of start-up on every run). Feature hashing needs mmh3 for
    # that (without it, fastpath hashes with scikit-learn's identical function). Nor does the
    # sentence splitter import NLTK's regex engine for ordinary text (~15 ms of start-up).
    pytest.importorskip("mmh3")
    write_two(tmp_path / "in")
    text = (tmp_path / "in" / "a.txt").read_text(encoding="utf-8")
    (tmp_path / "in" / "copy.txt").write_text(text + "It rained.\n", encoding="utf-8")
    (tmp_path / "in" / "named.txt").write_text(
        "---\nderived_from: b\n---\nRidership rose, the agency said.\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-c", JSON_RUN, str(tmp_path / "in"), str(jobs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert json.loads(lines[-1]) == {"status": 0, "loaded": []}
    records = [json.loads(line) for line in lines[:-1]]
    paired = {r["id"]: r["comparison"]["paired_by"] for r in records if r.get("comparison")}
    assert paired == {"a": "similarity", "named": "metadata"}  # a is the shorter: the rewrite


def test_analyzer_compare_is_the_function_after_the_subpackage_is_imported():
    code = (
        "import analyzer, analyzer.compare.engine\n"
        "from analyzer import compare\n"
        "print(callable(analyzer.compare), compare is analyzer.compare,"
        " compare.__module__, analyzer.compare.__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split() == ["True", "True", "analyzer.compare", "compare"]


def test_public_names_are_there_on_first_use():
    import analyzer

    assert {"analyze", "analyze_article", "compare", "ArticleResult"} <= set(dir(analyzer))
    assert analyzer.analyze("It rained.").metrics["words"] == 2
    assert analyzer.ArticleResult.__name__ == "ArticleResult"


# Runs the command line's entry point, then reports (from an exit handler, which runs before
# Python's own exit-time collection) how many objects were left out of the garbage collector.
AT_EXIT = """
import atexit, gc, sys
atexit.register(lambda: print("frozen", gc.get_freeze_count() > 1000))
sys.argv = ["analyzer", "--version"]
from analyzer.cli import main
main()
"""


def test_the_command_line_leaves_its_objects_to_the_system_at_exit():
    # Python's exit would otherwise walk every object still held (~0.4 s after a batch).
    done = subprocess.run(
        [sys.executable, "-c", AT_EXIT], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.splitlines()[-1] == "frozen True"


def test_the_page_writers_import_the_state_store_only_to_decode_stored_pages():
    code = "import sys, analyzer.writers.html\nprint('analyzer.state' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout == "False\n"
