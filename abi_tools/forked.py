"""Running one function over a few pieces of work on several cores, by fork.

A process pool costs more to start than linting a kernel's ABI tree on one
core takes, and would import every module again.  A forked child starts in
a few milliseconds with everything the parent had already imported and
built (the grammar, docutils), computes its piece and sends the result back
through a pipe, pickled.  The parent computes the first piece itself.

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
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")


def _child(fn: Callable[[T], R], item: T, fd: int) -> None:
    """Compute and send the result, then leave without running the parent's exit handlers."""
    status = 1
    try:
        data = pickle.dumps(fn(item), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        status = 0
    finally:
        os._exit(status)


def map_forked(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[fn(x) for x in items]``, with items[1:] computed in forked child processes."""
    if len(items) <= 1 or not hasattr(os, "fork"):
        return [fn(x) for x in items]
    children: list[tuple[int, int] | None] = []
    try:
        for item in items[1:]:
            children.append(_spawn(fn, item))
        results = [fn(items[0])]
        for i, child in enumerate(children, 1):
            got = _collect(child)
            results.append(fn(items[i]) if got is None else cast(R, got[0]))
            children[i - 1] = None
        return results
    finally:
        for child in children:  # only left when the parent itself failed
            if child is not None:
                with contextlib.suppress(OSError):
                    os.kill(child[0], signal.SIGKILL)
                    os.waitpid(child[0], 0)
                with contextlib.suppress(OSError):
                    os.close(child[1])


def _spawn(fn: Callable[[T], R], item: T) -> tuple[int, int] | None:
    """(pid, read end of its pipe) of a child computing fn(item), or None when fork failed."""
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
        _child(fn, item, w)
    os.close(w)
    return pid, r


def _collect(child: tuple[int, int] | None) -> tuple[Any] | None:
    """The child's result (in a 1-tuple), or None when it produced none."""
    if child is None:
        return None
    pid, r = child
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        return (pickle.loads(data),)
    except Exception:
        return None
