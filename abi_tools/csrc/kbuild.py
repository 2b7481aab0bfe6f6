"""Which module a C file is linked into, from the Makefiles above it.

``module_param()`` files appear under ``/sys/module/KBUILD_MODNAME/``, and
KBUILD_MODNAME is the composite object a file is part of (``xen-blkback-y :=
blkback.o`` puts blkback.c in module ``xen_blkback``), not the file's own name.
Makefiles are read as text, without make: list assignments ``X-y``,
``X-objs``, ``X-$(CONFIG_...)`` and ``obj-... += file.o``; anything fancier
leaves the answer unknown and the caller keeps its file-name guess.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

_ASSIGN = re.compile(r"^([A-Za-z0-9_.\-]+)-(?:y|m|objs|\$\([A-Z0-9_]+\))\s*[:+]?=(.*)$")
_MAX_UP = 4


@lru_cache(maxsize=4096)
def _composites(makefile: str) -> dict[str, str]:
    """object path (relative to the Makefile's directory, without .o) -> its module."""
    try:
        with open(makefile, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return {}
    text = text.replace("\\\n", " ")
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = _ASSIGN.match(line.strip())
        if not m:
            continue
        target = m.group(1)
        for word in m.group(2).split():
            if not word.endswith(".o"):
                continue
            obj = os.path.normpath(word[:-2])
            # obj-y += foo.o is the file's own module; X-y += foo.o makes it part of X
            out.setdefault(obj, obj if target == "obj" else target)
    return out


def clear_makefiles() -> None:
    """Forget the Makefiles read so far (they may have changed since)."""
    _composites.cache_clear()


def _levels(directory: str) -> Iterator[tuple[str, str]]:
    """(folder, ``directory`` relative to it) for ``directory`` and the
    folders above it, as far up as a Makefile may name its files."""
    rel = ""
    for _ in range(_MAX_UP):
        yield directory, rel
        directory, up = os.path.split(directory)
        if not up:
            return
        rel = f"{up}/{rel}" if rel else up


def kbuild_module(path: str) -> str | None:
    """KBUILD_MODNAME of the C file at ``path`` (a real path), or None when unknown."""
    if not path.endswith(".c"):
        return None
    directory, base = os.path.split(os.path.abspath(path))
    stem = base[:-2]
    for folder, rel in _levels(directory):
        makefile = os.path.join(folder, "Makefile")
        composites = _composites(makefile) or _composites(os.path.join(folder, "Kbuild"))
        module = composites.get(f"{rel}/{stem}" if rel else stem)
        if module is not None:
            # A composite may itself be listed in another composite only in rare
            # multi-level builds; one level is what kbuild uses for KBUILD_MODNAME.
            return os.path.basename(module).replace("-", "_")
    return None


def stat_pair(path: str) -> tuple[int, int]:
    """(size, mtime_ns) of a file, (-1, -1) when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def makefile_stamp(directory: str, stat: Callable[[str], tuple[int, int]] = stat_pair) -> tuple[int, ...]:
    """``stat`` of every Makefile and Kbuild :func:`kbuild_module` may read
    for a C file in ``directory``.  A module name cached with a file's scan is
    stale when this changes, though the file itself did not.  Folders share
    the Makefiles above them: ``stat`` may remember."""
    out: list[int] = []
    for folder, _ in _levels(os.path.abspath(directory)):
        for name in ("Makefile", "Kbuild"):
            out.extend(stat(os.path.join(folder, name)))
    return tuple(out)
