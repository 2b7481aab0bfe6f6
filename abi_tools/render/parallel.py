"""Independent pages rendered by this process and forked workers together.

Every process takes the next page from one shared counter until none is
left.  Pages are handed out biggest first, so no process ends up alone with
one huge page while the others wait.  This process first does the work it
is given to do meanwhile (the site's index pages), then joins in; a worker
that dies costs time, not pages: whatever no process returned is rendered
here at the end.

Only where the platform can fork: workers inherit everything (templates,
docutils, the cross-reference index) instead of having it pickled.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

RenderOne = Callable[[int], bytes]

_TASK: tuple[Sequence[int], RenderOne, Any] | None = None  # inherited by forked workers


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _drain() -> list[tuple[int, bytes]]:
    assert _TASK is not None
    order, render, counter = _TASK
    done: list[tuple[int, bytes]] = []
    while True:
        with counter.get_lock():
            k = counter.value
            counter.value = k + 1
        if k >= len(order):
            return done
        done.append((order[k], render(order[k])))


def _worker(conn: Connection) -> None:
    conn.send(_drain())
    conn.close()


def render_all(
    order: Sequence[int], render: RenderOne, jobs: int, meanwhile: Callable[[], T]
) -> tuple[dict[int, bytes], T]:
    """``render(i)`` for every ``i`` of ``order`` (biggest first), in ``jobs``
    processes, and ``meanwhile()`` in this one before it joins in."""
    global _TASK
    if jobs <= 1 or not can_fork():
        return {i: render(i) for i in order}, meanwhile()
    ctx = multiprocessing.get_context("fork")
    _TASK = (order, render, ctx.Value("l", 0))
    workers = []
    try:
        for _ in range(jobs - 1):
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(send,), daemon=True)
            proc.start()
            send.close()
            workers.append((proc, receive))
        extra = meanwhile()
        out = dict(_drain())
        for proc, receive in workers:
            with contextlib.suppress(EOFError, OSError):  # a dead worker: its pages are redone below
                out.update(receive.recv())
            receive.close()
            proc.join()
    finally:
        _TASK = None
        for proc, _ in workers:
            if proc.is_alive():
                proc.kill()
    for i in order:
        if i not in out:
            out[i] = render(i)
    return out, extra
