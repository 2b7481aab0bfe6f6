"""Atomic output: nothing half-written is ever left where the user looks.

A file is written to a temporary file beside it and moved into place with
``os.replace``.  A directory is built as a temporary directory beside the
target and swapped in; the previous output is removed only after the swap.

A target directory that is not empty and was not made by us (it has no
``.abi-tools-output`` marker) is refused unless ``force`` is given; with
``force`` our files are written into it one by one (each atomically) and
nothing else in it is touched or deleted.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping

MARKER = ".abi-tools-output"
_MARKER_TEXT = b"This directory was written by abi-tools render; it may be replaced on the next run.\n"


class OutputError(Exception):
    """A target we must not or cannot write; the message names the path."""


def write_file(path: str, data: bytes) -> None:
    """Write one file atomically (temporary file beside it, then ``os.replace``)."""
    if os.path.isdir(path):
        raise OutputError(f"{path}: is a directory; give a file name for this output")
    parent = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(parent, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".abi-tools-", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(tmp)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def check_directory(path: str, force: bool) -> str:
    """How the directory will be written: "new", "ours" or "foreign" (with force).

    Raises OutputError for a file in the way or a foreign non-empty folder.
    """
    if not os.path.lexists(path):
        return "new"
    if not os.path.isdir(path):
        raise OutputError(f"{path}: exists and is not a directory")
    try:
        names = os.listdir(path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not names:
        return "new"
    if MARKER in names:
        return "ours"
    if force:
        return "foreign"
    raise OutputError(
        f"{path}: directory is not empty and was not written by abi-tools; "
        "choose another -o or pass --force to write into it"
    )


def write_directory(path: str, files: Mapping[str, bytes], force: bool = False) -> None:
    """Write ``files`` (relative path -> bytes) as the directory ``path``."""
    mode = check_directory(path, force)
    for rel in files:
        if os.path.isabs(rel) or ".." in rel.split("/"):
            raise OutputError(f"{rel}: refusing to write outside {path}")
    if mode == "foreign":
        for rel in sorted(files):
            write_file(os.path.join(path, rel), files[rel])
        return
    target = os.path.abspath(path)
    parent = os.path.dirname(target)
    try:
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=".abi-tools-", dir=parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create: {exc.strerror or exc}") from None
    try:
        _fill(tmp, files)
        os.chmod(tmp, 0o755)
        if os.path.isdir(target):
            old = tempfile.mkdtemp(prefix=".abi-tools-old-", dir=parent)
            os.replace(target, os.path.join(old, "d"))
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _fill(root: str, files: Mapping[str, bytes]) -> None:
    made: set[str] = set()
    for rel in sorted(files):
        full = os.path.join(root, rel)
        d = os.path.dirname(full)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        with open(full, "wb") as fh:
            fh.write(files[rel])
    with open(os.path.join(root, MARKER), "wb") as fh:
        fh.write(_MARKER_TEXT)
