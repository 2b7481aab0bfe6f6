"""Acceptance on the real corpus: 6.1 -> 6.12 against an independent count.

The independent side uses only the parser (``load_tree``) and plain
multisets of What strings per side; it shares no code with abi_tools.diff.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import corpus_tree

from abi_tools.diff import DiffResult, diff_trees
from abi_tools.model import AbiTree
from abi_tools.tree import load_tree


@pytest.fixture(scope="module")
def trees() -> tuple[AbiTree, AbiTree]:
    old, new = corpus_tree("6.1"), corpus_tree("6.12")
    if old is None or new is None:
        pytest.skip("needs ../shared/corpus/linux-6.1 and linux-6.12 (or $ABI_TOOLS_CORPUS)")
    return load_tree([str(old)]), load_tree([str(new)])


@pytest.fixture(scope="module")
def result(trees: tuple[AbiTree, AbiTree]) -> DiffResult:
    return diff_trees(*trees)


def occurrences(t: AbiTree) -> dict[str, list[tuple[str, str]]]:
    """What -> [(file, level)], one per entry that documents it."""
    occ: dict[str, list[tuple[str, str]]] = {}
    for f in t.files:
        for e in f.entries:
            for w in dict.fromkeys(w.path for w in e.whats):
                occ.setdefault(w, []).append((f.path, f.level))
    return occ


def test_added_and_removed_agree_with_plain_multisets(
    trees: tuple[AbiTree, AbiTree], result: DiffResult
) -> None:
    old, new = (occurrences(t) for t in trees)
    old_c = Counter({w: len(v) for w, v in old.items()})
    new_c = Counter({w: len(v) for w, v in new.items()})
    gone = old_c - new_c
    came = new_c - old_c
    reported_gone = Counter(c.what for c in result.changes if c.kind == "removed")
    reported_gone.update(c.old_what for c in result.changes if c.kind == "renamed")
    reported_came = Counter(c.what for c in result.changes if c.kind in ("added", "renamed"))
    assert reported_gone == gone
    assert reported_came == came
    # The survey's figures, explained in the README: 167 removed exactly; its
    # "about 710" added is 728 exact strings here (693 once placeholders are
    # normalised); its 91 reworded is our renamed count, from a heuristic.
    assert sum(gone.values()) == 167
    assert sum(came.values()) == 728
    renamed = sum(1 for c in result.changes if c.kind == "renamed")
    assert 85 <= renamed <= 100


def test_level_and_file_moves_agree(trees: tuple[AbiTree, AbiTree], result: DiffResult) -> None:
    old, new = (occurrences(t) for t in trees)
    both = [w for w in old.keys() & new.keys() if len(old[w]) == 1 and len(new[w]) == 1]
    by_level = {w for w in both if old[w][0][1] != new[w][0][1]}
    by_file = {w for w in both if old[w][0][1] == new[w][0][1] and old[w][0][0] != new[w][0][0]}
    same_what = [c for c in result.changes if c.old_what is None]
    assert {c.what for c in same_what if c.kind == "moved-level"} == by_level
    assert {c.what for c in same_what if c.kind == "moved-file"} == by_file
    assert by_level == {"/sys/fs/selinux/checkreqprot", "/sys/fs/selinux/disable", "/sys/firmware/efi/vars"}
    assert len(by_file) == 4
    # The survey's "7 moved to another file" counts every What whose file path
    # changed; a level move changes the path too, so it is our 4 + 3 (README).
    assert len(by_file | by_level) == 7
    klass = {c.what: c.klass for c in same_what if c.kind == "moved-level"}
    assert klass["/sys/firmware/efi/vars"] == "breaking"
    assert klass["/sys/fs/selinux/disable"] == "notable"


def test_summary_is_the_count_of_changes(result: DiffResult) -> None:
    assert sum(sum(row.values()) for row in result.summary.values()) == len(result.changes)
    for kind, row in result.summary.items():
        for klass, n in row.items():
            assert n == sum(1 for c in result.changes if c.kind == kind and c.klass == klass)


def test_reworded_iio_symbol_is_a_rename(result: DiffResult) -> None:
    ren = {(c.old_what, c.what) for c in result.changes if c.kind == "renamed"}
    assert (
        "/sys/bus/iio/devices/iio:deviceX/in_shunt_resistor",
        "/sys/.../iio:deviceX/in_shunt_resistor",
    ) in ren
