"""Run the whole pipeline with the network refused and no NLTK data anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT, SEED_IDS, SEEDS

BLOCK_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("network access is blocked in this test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def offline(tmp_path) -> dict[str, str]:
    """The environment of a run with the network refused and an empty NLTK data folder."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(BLOCK_NETWORK, encoding="utf-8")
    (tmp_path / "nltk_data").mkdir()
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), str(ROOT)]),
        "NLTK_DATA": str(tmp_path / "nltk_data"),
        "HOME": str(tmp_path),
    }


def test_seeds_score_with_network_blocked_and_empty_nltk_data(tmp_path):
    env = offline(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "analyzer", "score", str(SEEDS), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == SEED_IDS
    assert all(r["metrics"]["reading_grade"] is not None for r in records)
    assert list((tmp_path / "nltk_data").iterdir()) == []


def test_the_language_of_a_text_not_in_english_is_told_with_network_blocked(tmp_path):
    # English texts never load the language identifier; a French one does, from its package.
    french = tmp_path / "fr.txt"
    french.write_text(
        "Le maire de Montréal a déclaré mardi que le budget de la ville augmentera de cinq pour "
        "cent l'an prochain, et que les écoles recevront la plus grande part de cette somme.",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "analyzer", "score", str(french), "--json"],
        env=offline(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["language"] == "fr"
