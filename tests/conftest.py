"""Shared fixtures: the seed folder and a helper to write input files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" ... "004")."""
    (match,) = SEEDS.glob(f"{prefix}_*.txt")
    return match
