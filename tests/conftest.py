"""Shared fixtures: where the real kernel ABI corpus is, if anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def corpus_tree(version: str) -> Path | None:
    """A kernel tree (with Documentation/ABI) for this version, or None.

    Looked for in $ABI_TOOLS_KERNEL_TREE (when its name is linux-<version>),
    ../shared/corpus, then $ABI_TOOLS_CORPUS (a git worktree's ../shared is
    not the shared folder).
    """
    env = os.environ.get("ABI_TOOLS_KERNEL_TREE")
    candidates = [Path(env)] if env and Path(env).name == f"linux-{version}" else []
    candidates.append(SHARED / "corpus" / f"linux-{version}")
    if corpus := os.environ.get("ABI_TOOLS_CORPUS"):
        candidates.append(Path(corpus) / f"linux-{version}")
    return next((p for p in candidates if (p / "Documentation" / "ABI").is_dir()), None)


@pytest.fixture(params=["6.12", "6.1"])
def kernel_tree(request: pytest.FixtureRequest) -> Path:
    tree = corpus_tree(request.param)
    if tree is None:
        pytest.skip(
            f"no linux-{request.param} corpus: expected ../shared/corpus/linux-{request.param}"
            " or $ABI_TOOLS_KERNEL_TREE or $ABI_TOOLS_CORPUS"
        )
    return tree


@pytest.fixture
def tree612() -> Path:
    tree = corpus_tree("6.12")
    if tree is None:
        pytest.skip(
            "no linux-6.12 corpus: expected ../shared/corpus/linux-6.12"
            " or $ABI_TOOLS_KERNEL_TREE or $ABI_TOOLS_CORPUS"
        )
    return tree
