"""Shared fixtures: where the real kernel ABI corpus is, if anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def corpus_tree(version: str) -> Path | None:
    """A kernel tree (with Documentation/ABI) for this version, or None."""
    env = os.environ.get("ABI_TOOLS_KERNEL_TREE")
    if env and Path(env).name == f"linux-{version}" and (Path(env) / "Documentation" / "ABI").is_dir():
        return Path(env)
    p = SHARED / "corpus" / f"linux-{version}"
    return p if (p / "Documentation" / "ABI").is_dir() else None


@pytest.fixture(params=["6.12", "6.1"])
def kernel_tree(request: pytest.FixtureRequest) -> Path:
    tree = corpus_tree(request.param)
    if tree is None:
        pytest.skip(
            f"no linux-{request.param} corpus: expected ../shared/corpus/linux-{request.param}"
            " or $ABI_TOOLS_KERNEL_TREE"
        )
    return tree


@pytest.fixture
def tree612() -> Path:
    tree = corpus_tree("6.12")
    if tree is None:
        pytest.skip("no linux-6.12 corpus: expected ../shared/corpus/linux-6.12 or $ABI_TOOLS_KERNEL_TREE")
    return tree
