"""Linting on several cores gives what linting in one process gives."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from abi_tools import forked, lint_jobs
from abi_tools.lint import LintContext, run_rules
from abi_tools.model import Diagnostic
from abi_tools.rules import all_rules
from abi_tools.sources import iter_sources
from abi_tools.tree import load_tree

REPO = Path(__file__).resolve().parent.parent
CTX = LintContext((6, 12), "6.12", dt.date(2026, 11, 27))


def _serial(root: Path, selected: set[str]) -> list[Diagnostic]:
    return run_rules(load_tree([str(root)]), CTX, selected)


def _spread(root: Path, selected: set[str], jobs: int) -> tuple[list[Diagnostic], int, int]:
    problems: list[Diagnostic] = []
    sources = list(iter_sources(str(root), problems))
    return lint_jobs.lint_sources(sources, problems, CTX, selected, jobs)


def _default() -> set[str]:
    return {r.id for r in all_rules() if r.default and r.name != "description-rest"}


def test_pieces_are_contiguous_balanced_and_complete() -> None:
    sources = list(iter_sources(str(REPO / "samples"), []))
    sizes = [100] * len(sources)
    got = lint_jobs.pieces(sources, sizes, 2)
    assert [s for piece in got for s in piece] == sources
    assert [len(p) for p in got] == [len(sources) // 2, len(sources) - len(sources) // 2]
    assert lint_jobs.pieces(sources, sizes, 1) == [sources]
    assert len(lint_jobs.pieces(sources, sizes, 1000)) == len(sources)  # no empty pieces


def test_small_inputs_stay_in_one_process() -> None:
    assert lint_jobs.processes_for([lint_jobs.MIN_BYTES_PER_JOB - 1], 8) == 1
    assert lint_jobs.processes_for([lint_jobs.MIN_BYTES_PER_JOB] * 3, 2) == 2
    assert lint_jobs.processes_for([lint_jobs.MIN_BYTES_PER_JOB] * 3, 8) == 3


def test_samples_on_two_cores_as_on_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lint_jobs, "MIN_BYTES_PER_JOB", 1)
    selected = {r.id for r in all_rules()}
    diags, files, entries = _spread(REPO / "samples", selected, 2)
    tree = load_tree([str(REPO / "samples")])
    assert diags == _serial(REPO / "samples", selected)
    assert (files, entries) == (len(tree.files), tree.entry_count)


def test_tree_rules_see_every_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lint_jobs, "MIN_BYTES_PER_JOB", 1)
    abi = tmp_path / "Documentation" / "ABI" / "testing"
    abi.mkdir(parents=True)
    for i in range(6):
        # /sys/shared in the first and the last file; each file a little text of its own
        what = "/sys/shared" if i in (0, 5) else f"/sys/own{i}"
        (abi / f"sysfs-{i}").write_text(f"What:\t\t{what}\nDate:\t\tMai 2020\nDescription:\t{'x' * 50 * i}\n")
    monkeypatch.setattr(lint_jobs, "PIECES_PER_JOB", 1)  # three pieces: first, middle, last
    selected = _default()
    diags, files, _ = _spread(tmp_path, selected, 3)
    assert files == 6
    assert diags == _serial(tmp_path, selected)
    assert [d.name for d in diags].count("duplicate-what") == 1


def test_corpus_on_two_cores_as_on_one(tree612: Path) -> None:
    selected = _default()
    diags, files, entries = _spread(tree612, selected, 2)
    assert diags == _serial(tree612, selected)
    assert files == 620 and entries > 4000


def test_pieces_come_back_in_order_whoever_did_them() -> None:
    parent = os.getpid()
    got = forked.map_forked(lambda x: (x * x, os.getpid() == parent), list(range(40)), 3)
    assert [r for r, _ in got] == [x * x for x in range(40)]


def test_a_failed_child_is_redone_here() -> None:
    parent = os.getpid()

    def square(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return x * x

    assert forked.map_forked(square, list(range(10)), 2) == [x * x for x in range(10)]


def test_an_error_shows_here_as_in_a_serial_run() -> None:
    def fail(x: int) -> int:
        raise ValueError(x)

    with pytest.raises(ValueError):
        forked.map_forked(fail, [1, 2], 2)
