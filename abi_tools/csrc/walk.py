"""The C files of a tree: every *.c and *.h, skipping .git, following directory
symlinks only once per real directory (no loops).

The walk stats nothing that a directory entry's type already tells: a cold scan
never needs a file's stat, and a cached run asks for it through the ``stat``
callable it is given, which stats relative to the open directory (no path
lookup from the root for each of 60,000 files).
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterator, Sequence

SUFFIXES = (".c", ".h")

#: (path to open, path relative to the root as results show it,
#:  stat of the file or None for an error, error message or None).
#: ``stat`` is only valid until the walk is advanced.
Found = tuple[str, str, "Callable[[], os.stat_result] | None", "str | None"]


def walk(root: str, subpaths: Sequence[str] = ()) -> Iterator[Found]:
    """Every source file under ``root`` (or the given subpaths of it).

    Relative paths are built by string concatenation as the walk descends:
    os.path.relpath per file cost more than the scan of most files."""
    if os.path.isfile(root):
        # A single file is shown as it was named.
        yield root, root, functools.partial(os.stat, root), None
        return
    starts = [(os.path.join(root, s), os.path.normpath(s).replace(os.sep, "/")) for s in subpaths] or [
        (root, "")
    ]
    seen: set[tuple[int, int]] = set()
    for start, start_rel in starts:
        try:
            st = os.stat(start)
        except OSError as exc:
            yield start, start_rel, None, f"cannot read: {exc.strerror}"
            continue
        if stat.S_ISREG(st.st_mode):
            yield start, start_rel, functools.partial(os.stat, start), None
            continue
        stack = [(start, start_rel + "/" if start_rel else "")]
        while stack:
            directory, prefix = stack.pop()
            yield from _directory(directory, prefix, seen, stack)


def _directory(
    directory: str, prefix: str, seen: set[tuple[int, int]], stack: list[tuple[str, str]]
) -> Iterator[Found]:
    """The source files of one directory; its subdirectories go on ``stack``."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        yield directory, prefix.rstrip("/") or ".", None, f"cannot read: {exc.strerror}"
        return
    try:
        dst = os.fstat(fd)
        if (dst.st_dev, dst.st_ino) in seen:
            return
        seen.add((dst.st_dev, dst.st_ino))
        try:
            # No per-directory sort: results are sorted once at the end.
            with os.scandir(fd) as it:
                entries = list(it)
        except OSError as exc:
            yield directory, prefix.rstrip("/") or ".", None, f"cannot read: {exc.strerror}"
            return
        base = os.path.join(directory, "")
        subdirs = []
        for entry in entries:
            name = entry.name
            if name.endswith(SUFFIXES):
                # d_type answers for plain files; only symlinks (and the odd
                # directory named like a source file) need a stat.
                if entry.is_file(follow_symlinks=False):
                    yield base + name, prefix + name, entry.stat, None
                    continue
                try:
                    est = entry.stat()
                except OSError as exc:
                    yield base + name, prefix + name, None, f"cannot read: {exc.strerror}"
                    continue
                if stat.S_ISREG(est.st_mode):
                    yield base + name, prefix + name, entry.stat, None
                elif stat.S_ISDIR(est.st_mode):
                    subdirs.append((base + name, prefix + name + "/"))
                continue  # FIFOs and devices: reading them could block
            try:
                if entry.is_dir() and name != ".git":
                    subdirs.append((base + name, prefix + name + "/"))
            except OSError:
                continue
        stack.extend(subdirs)
    finally:
        os.close(fd)
