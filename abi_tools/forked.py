"""Running one function over many pieces of work on several cores, by fork.

A process pool costs more to start than linting a kernel's ABI tree on one
core takes, and would import every module again.  A forked child starts in
a few milliseconds with everything the parent had already imported and
built (the grammar, docutils), and sends its results back through a pipe,
pickled.  The parent works too.

The pieces wait in a queue (a pipe holding their numbers, written before
the fork) and each process takes the next one when it is done with its
last: on a machine whose cores are busy with other work, a process that
gets less time takes fewer pieces instead of making the others wait.

A piece whose child fails (an exception, a crash, no fork on this
platform) is computed again in the parent, so the result is always the
one a serial run gives, and a real error shows its traceback as it would
there.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

_NUMBER = struct.Struct("=I")
#: Pieces at most for a queue: the numbers must fit in a pipe that no one
#: reads yet, and the smallest a pipe holds is one page.
MAX_PIECES = 4096 // _NUMBER.size


def map_forked(fn: Callable[[T], R], items: Sequence[T], processes: int) -> list[R]:
    """``[fn(x) for x in items]``, computed by this process and ``processes - 1`` forked ones."""
    processes = min(processes, len(items))
    if processes <= 1 or not hasattr(os, "fork") or len(items) > MAX_PIECES:
        return [fn(x) for x in items]
    queue_r, queue_w = os.pipe()
    # Every number is in the pipe, and its writing end closed, before any
    # process reads: a read then takes one whole number or finds the end.
    numbers = b"".join(_NUMBER.pack(i) for i in range(len(items)))
    while numbers:
        numbers = numbers[os.write(queue_w, numbers) :]
    os.close(queue_w)
    children: list[tuple[int, int]] = []
    try:
        for _ in range(processes - 1):
            child = _spawn(fn, items, queue_r)
            if child is not None:
                children.append(child)
        done = _work(fn, items, queue_r)
        while children:
            done.update(_collect(children.pop(0)))
        # Pieces a failed child had taken are done here.
        return [done[i] if i in done else fn(items[i]) for i in range(len(items))]
    finally:
        os.close(queue_r)
        for pid, fd in children:  # only left when the parent itself failed
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(fd)


def _work(fn: Callable[[T], R], items: Sequence[T], queue: int) -> dict[int, R]:
    """fn of every piece this process takes from the queue, by number."""
    done: dict[int, R] = {}
    while True:
        raw = os.read(queue, _NUMBER.size)
        if len(raw) < _NUMBER.size:
            return done
        i = _NUMBER.unpack(raw)[0]
        done[i] = fn(items[i])


def _spawn(fn: Callable[[T], R], items: Sequence[T], queue: int) -> tuple[int, int] | None:
    """(pid, read end of its result pipe) of a child working off the queue, or None when fork failed."""
    try:
        r, w = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    if pid == 0:
        os.close(r)
        _child(fn, items, queue, w)
    os.close(w)
    return pid, r


def _child(fn: Callable[[T], R], items: Sequence[T], queue: int, fd: int) -> None:
    """Work off the queue and send the results, then leave without the parent's exit handlers."""
    status = 1
    try:
        data = pickle.dumps(_work(fn, items, queue), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        status = 0
    finally:
        os._exit(status)


def _collect(child: tuple[int, int]) -> dict[int, Any]:
    """The child's results by piece number; none when it failed."""
    pid, r = child
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return {}
    try:
        return cast(dict[int, Any], pickle.loads(data))
    except Exception:
        return {}
