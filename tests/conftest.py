"""Shared fixtures: the seed folder and a helper to write input files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def source_of(sentences: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """A text of ``sentences`` joined by spaces, and each sentence's span."""
    spans, at = [], 0
    for s in sentences:
        spans.append((at, at + len(s)))
        at += len(s) + 1
    return " ".join(sentences), spans


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" ... "004")."""
    (match,) = SEEDS.glob(f"{prefix}_*.txt")
    return match


# Tiny biased-language training data (tests/test_bias_model.py, test_loaded_language.py).
BIAS_LOADED = [
    ("The radical mob wants to destroy our country.", ["radical", "mob", "destroy"]),
    ("These extremist thugs rioted again.", ["extremist", "thugs"]),
    ("The corrupt elites rigged the system.", ["corrupt", "rigged"]),
    ("A disgraceful radical scheme was pushed through.", ["disgraceful", "radical"]),
    ("The mob of thugs cheered the corrupt scheme.", ["mob", "thugs", "corrupt"]),
    ("Extremist elites want to destroy the economy.", ["extremist", "destroy"]),
]
BIAS_PLAIN = [
    "The council met on Tuesday to discuss the budget.",
    "The report was published in March.",
    "The company hired 40 workers last year.",
    "Voters will decide the measure in November.",
    "The bill passed the senate by a vote of 52 to 48.",
    "The council will meet again in March.",
]


@pytest.fixture(scope="session")
def tiny_bias_model() -> dict:
    """A biased-language model fitted on a dozen sentences written here."""
    from analyzer.learned import bias

    texts = [t for t, _ in BIAS_LOADED] + BIAS_PLAIN
    labels = [1] * len(BIAS_LOADED) + [0] * len(BIAS_PLAIN)
    marked = [m for _, m in BIAS_LOADED] + [[] for _ in BIAS_PLAIN]
    return bias.fit_model(texts, labels, C=10.0, marked=marked, threshold=0.5)


# Debian's Chromium, launched by path (Playwright's own browser download is not available), with
# the flags that keep it from reaching for the network on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium not found: apt-get install -y chromium chromium-driver")
    return found


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test of the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield b
        b.close()
