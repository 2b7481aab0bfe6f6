"""Linting many files on several cores.

The files are cut into contiguous pieces of about equal size, which the
processes take in turn (:func:`abi_tools.forked.map_forked`).  A process
reads, parses and checks the files of a piece (the file and entry rules,
docutils for description-rest) and sends back its findings (pickled) and
what the tree rules gathered; the parent then runs the tree rules and
sorts.  Parsed files never travel between processes: sending a model back
costs more than parsing it.  The findings are the ones
:func:`abi_tools.lint.run_rules` gives on the same files, in the same order.
"""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Sequence
from typing import Any

from abi_tools.forked import map_forked
from abi_tools.lint import LintContext, RulePlan
from abi_tools.model import Diagnostic, Span
from abi_tools.parse import parser
from abi_tools.rules import rest_cache
from abi_tools.sources import Source
from abi_tools.tree import read_source

#: Below this much text per process, a fork costs more than it saves.
MIN_BYTES_PER_JOB = 256 * 1024

#: Pieces per process: enough that when other work slows one process down,
#: the others take over its part of the files instead of waiting for it.
PIECES_PER_JOB = 16


class _Piece:
    """What was found in one piece of the files."""

    def __init__(self, diags: list[Diagnostic], files: int, entries: int, gathered: list[list[Any]]) -> None:
        self.diags = diags
        self.files = files
        self.entries = entries
        self.gathered = gathered
        #: docutils verdicts added to the ReST cache while checking the piece.
        self.rest: list[tuple[str, Any]] = []

    def __reduce__(self) -> tuple[Any, ...]:
        # A piece goes back to the parent pickled.  Its findings travel as
        # tuples of their fields: (un)pickling a tuple costs a third of an
        # object with a __dict__ (and a Span in it), and the parent waits
        # for the last piece of every process.
        rows = [
            (d.rule_id, d.name, d.severity, d.span.path, d.span.line, d.span.column, d.span.end_line)
            + (d.message, d.hint, d.file_span)
            for d in self.diags
        ]
        return (_unpickle_piece, (rows, self.files, self.entries, self.gathered, self.rest))


def _unpickle_piece(
    rows: list[tuple[Any, ...]],
    files: int,
    entries: int,
    gathered: list[list[Any]],
    rest: list[tuple[str, Any]],
) -> _Piece:
    diags = [
        Diagnostic(rule_id, name, severity, Span(path, line, column, end_line), message, hint, file_span)
        for rule_id, name, severity, path, line, column, end_line, message, hint, file_span in rows
    ]
    piece = _Piece(diags, files, entries, gathered)
    piece.rest = rest
    return piece


def _sizes(sources: Sequence[Source]) -> list[int]:
    out = []
    for s in sources:
        try:
            out.append(os.stat(s.path).st_size)
        except OSError:
            out.append(0)
    return out


def processes_for(sizes: Sequence[int], jobs: int) -> int:
    """How many of ``jobs`` processes are worth forking for files of these sizes."""
    return max(1, min(jobs, sum(sizes) // MIN_BYTES_PER_JOB, len(sizes)))


def pieces(sources: Sequence[Source], sizes: Sequence[int], count: int) -> list[list[Source]]:
    """At most ``count`` contiguous runs of the sources, of about the same number of bytes each."""
    total = sum(sizes)
    out: list[list[Source]] = [[] for _ in range(max(1, count))]
    done = 0
    for s, size in zip(sources, sizes, strict=True):
        # A file goes to the piece its middle byte falls in.
        out[min(len(out) - 1, (done + size // 2) * len(out) // max(total, 1))].append(s)
        done += size
    return [piece for piece in out if piece]


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

    def lint_piece(piece: list[Source]) -> _Piece:
        known = len(cache) if cache is not None else 0
        diags: list[Diagnostic] = []
        gathered = []
        entries = 0
        for src in piece:
            f = read_source(src)
            diags.extend(plan.check_file(f))
            gathered.append(plan.gather(f))
            entries += len(f.entries)
        out = _Piece(diags, len(piece), entries, gathered)
        if cache is not None:
            # Insertion order: what this piece added comes after what was there.
            out.rest = list(itertools.islice(cache.items(), known, None))
        return out

    sizes = _sizes(sources)
    processes = processes_for(sizes, jobs)
    work = pieces(sources, sizes, processes * PIECES_PER_JOB if processes > 1 else 1) or [[]]
    if processes > 1:
        # Built before the fork, so that every process has it without
        # loading it again: on a busy machine a second process's own load
        # costs more than it saves.
        parser()
    # The run allocates some hundred thousand small objects and frees none
    # of them before it ends: the cyclic collector would only walk them again
    # and again (about a tenth of the run).
    collecting = gc.isenabled()
    gc.disable()
    try:
        done = map_forked(lint_piece, work, processes)
    finally:
        if collecting:
            gc.enable()
    out = [d for d in problems if d.rule_id in plan.wanted]
    gathered: list[list[Any]] = []
    for piece in done:
        out.extend(piece.diags)
        gathered.extend(piece.gathered)
        if cache is not None:
            cache.update(piece.rest)
    out.extend(plan.check_tree(gathered))
    out.sort(key=Diagnostic.sort_key)
    return out, sum(p.files for p in done), sum(p.entries for p in done)
