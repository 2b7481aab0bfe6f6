"""Linting many files on several cores.

Each process reads, parses and checks a contiguous share of the files (the
file and entry rules, docutils for description-rest) and sends back its
findings (pickled) and what the tree rules gathered; the parent then runs the tree
rules and sorts.  Parsed files never travel between processes: sending a
model back costs more than parsing it.  The findings are the ones
:func:`abi_tools.lint.run_rules` gives on the same files, in the same order.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from typing import Any

from abi_tools.forked import map_forked
from abi_tools.lint import LintContext, RulePlan
from abi_tools.model import Diagnostic
from abi_tools.parse import parser
from abi_tools.rules import rest_cache
from abi_tools.sources import Source
from abi_tools.tree import read_source

#: Below this much text per process, a fork costs more than it saves.
MIN_BYTES_PER_JOB = 256 * 1024


class _Share:
    """What one process found in its share of the files."""

    def __init__(self, diags: list[Diagnostic], files: int, entries: int, gathered: list[list[Any]]) -> None:
        self.diags = diags
        self.files = files
        self.entries = entries
        self.gathered = gathered
        #: docutils verdicts this process added to the ReST cache.
        self.rest: list[tuple[str, Any]] = []


def shares(sources: Sequence[Source], jobs: int) -> list[list[Source]]:
    """Contiguous runs of the sources with about the same number of bytes each."""
    sizes = []
    for s in sources:
        try:
            sizes.append(os.stat(s.path).st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes)
    jobs = max(1, min(jobs, total // MIN_BYTES_PER_JOB, len(sources)))
    out: list[list[Source]] = [[] for _ in range(jobs)]
    done = 0
    for s, size in zip(sources, sizes, strict=True):
        # The share a file falls in is where its middle byte falls.
        out[min(jobs - 1, (done + size // 2) * jobs // max(total, 1))].append(s)
        done += size
    return [share for share in out if share]


def lint_sources(
    sources: Sequence[Source],
    problems: Sequence[Diagnostic],
    ctx: LintContext,
    selected: set[str],
    jobs: int,
) -> tuple[list[Diagnostic], int, int]:
    """(findings, files, entries) of linting the sources with the selected rules, on ``jobs`` cores."""
    plan = RulePlan(ctx, selected)
    cache = rest_cache.CACHE
    known = len(cache) if cache is not None else 0

    def lint_share(share: list[Source]) -> _Share:
        diags: list[Diagnostic] = []
        gathered = []
        entries = 0
        for src in share:
            f = read_source(src)
            diags.extend(plan.check_file(f))
            gathered.append(plan.gather(f))
            entries += len(f.entries)
        out = _Share(diags, len(share), entries, gathered)
        if cache is not None:
            # Insertion order: what this process added comes after what it inherited.
            out.rest = list(cache.items())[known:]
        return out

    # The run allocates some hundred thousand small objects and frees none
    # of them before it ends: the cyclic collector would only walk them again
    # and again (about a tenth of the run).
    collecting = gc.isenabled()
    gc.disable()
    work = shares(sources, jobs) or [[]]
    if len(work) > 1:
        # Built before the fork, so that every process has it without
        # loading it again: on a busy machine a second process's own load
        # costs more than it saves.
        parser()
    try:
        parts = map_forked(lint_share, work)
    finally:
        if collecting:
            gc.enable()
    out = [d for d in problems if d.rule_id in plan.wanted]
    gathered: list[list[Any]] = []
    for part in parts:
        out.extend(part.diags)
        gathered.extend(part.gathered)
        if cache is not None:
            cache.update(part.rest)
    out.extend(plan.check_tree(gathered))
    out.sort(key=Diagnostic.sort_key)
    return out, sum(p.files for p in parts), sum(p.entries for p in parts)
