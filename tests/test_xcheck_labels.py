"""Precision and recall against the hand labels (tests/fixtures/xcheck/labels.json).

The fixture holds labels written by hand for declarations of Linux 6.12 and
the scan results the matcher needs for them, so no C tree is needed; the 6.12
Documentation/ABI is.  Rebuild with bench/xcheck_labels.py --rebuild.
Chunks 1-5 (210 labels) are the development set the matcher was tuned on;
chunks 6-7 (100 stratified random declarations) were labelled afterwards and
held out: evaluated once, when the tuning was done.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from abi_tools.csrc import ScanResult
from abi_tools.tree import load_tree
from abi_tools.xcheck import XcheckResult, cross_check
from abi_tools.xcheck.labels import evaluate, select

FIXTURE = Path(__file__).parent / "fixtures" / "xcheck" / "labels.json"
DEV = (1, 2, 3, 4, 5)
HELD_OUT = (6, 7)
ALL = DEV + HELD_OUT


@pytest.fixture(scope="module")
def labelled(tree612: Path) -> tuple[list[dict[str, Any]], XcheckResult]:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    scans = [ScanResult.from_json(s) for s in doc["scans"]]
    return doc["labels"], cross_check(load_tree([str(tree612)]), scans, complete=False)


@pytest.fixture(scope="module")
def tree612() -> Path:
    from conftest import corpus_tree

    tree = corpus_tree("6.12")
    if tree is None:
        pytest.skip("no linux-6.12 corpus: expected ../shared/corpus/linux-6.12 or $ABI_TOOLS_KERNEL_TREE")
    return tree


def test_fixture_covers_the_sample(labelled: tuple[list[dict[str, Any]], XcheckResult]) -> None:
    labels, result = labelled
    assert len(select(labels, DEV)) == 210 and len(select(labels, HELD_OUT)) == 100
    assert evaluate(result, labels).unmatched == 0  # the scan finds every labelled declaration


# Issue 3's target is precision >= 0.95 and recall >= 0.90.  The held-out
# chunks' first run measured precision 1.000, recall 0.962 (50 of 52): the
# target holds for them too.  Their two misses were bugs fixed afterwards
# (a variable annotated __ro_after_init lost its group; definition lists
# were not read as listings), which made it 1.000 / 1.000: no longer a
# blind measurement.
@pytest.mark.parametrize(
    ("chunks", "precision", "recall"),
    [(DEV, 0.95, 0.90), (HELD_OUT, 0.95, 0.90), (ALL, 0.95, 0.90)],
)
def test_documented(
    labelled: tuple[list[dict[str, Any]], XcheckResult],
    chunks: tuple[int, ...],
    precision: float,
    recall: float,
) -> None:
    labels, result = labelled
    ev = evaluate(result, select(labels, chunks))
    assert ev.documented.precision >= precision, ev.documented.misses
    assert ev.documented.recall >= recall, ev.documented.misses


def test_mode_mismatch(labelled: tuple[list[dict[str, Any]], XcheckResult]) -> None:
    labels, result = labelled
    ev = evaluate(result, select(labels, ALL))
    assert ev.mode_mismatch.precision >= 0.95 and ev.mode_mismatch.recall >= 0.90, ev.mode_mismatch.misses
