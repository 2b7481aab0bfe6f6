"""Where the seed thread is: ``../shared/seed/`` next to the repository (also from a worktree)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED_NAME = "000_63db9930c4c5a580.txt"
SEED_ABI = "Documentation/ABI/testing/sysfs-devices-tdx"


def _find_seed() -> Path:
    root = Path(__file__).resolve().parents[1]
    for base in (root, *root.parents):
        cand = base.parent / "shared" / "seed" / SEED_NAME
        if cand.is_file():
            return cand
    return root.parent / "shared" / "seed" / SEED_NAME


SEED = _find_seed()


def seed_or_skip() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed thread not found at {SEED} (it lives in ../shared/seed/)")
    return SEED
