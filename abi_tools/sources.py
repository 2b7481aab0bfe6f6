"""Which files a path names: a kernel tree, an ABI folder, or single files.

Kept apart from parsing (and free of heavy imports) so that a cached lint
run can find and hash the files without loading the parser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from abi_tools.model import Diagnostic, Severity, Span

#: No real ABI file comes near this (the largest in 6.12 is about 100 KiB).
MAX_BYTES = 8 * 1024 * 1024

_SKIP_SUFFIXES = (".rej", ".org", ".orig", ".bak", "~", ".swp")
ABI_DIR = os.path.join("Documentation", "ABI")


@dataclass(frozen=True)
class Source:
    """One file to read: where it is and how to name it."""

    path: str
    display: str


def problem(display: str, message: str, rule: str = "unreadable-file", line: int = 1) -> Diagnostic:
    rule_id = "ABI001" if rule == "unreadable-file" else "ABI002"
    severity = Severity.ERROR if rule == "unreadable-file" else Severity.WARNING
    return Diagnostic(rule_id, rule, severity, Span(display, line, 1), message)


def find_abi_root(path: str) -> tuple[str, str]:
    """(directory to walk, prefix for display paths) for a path a user gave.

    Inside the current directory, paths are shown relative to it, so they can
    be opened from where the command ran; a kernel tree elsewhere is shown
    relative to its own root, as checkpatch does (``Documentation/ABI/...``).
    """
    root = os.path.join(path, ABI_DIR) if os.path.isdir(os.path.join(path, ABI_DIR)) else path
    here = os.path.abspath(os.getcwd())
    full = os.path.abspath(root)
    if full == here or full.startswith(here + os.sep):
        return root, os.path.relpath(full, here)
    norm = os.path.normpath(full)
    idx = norm.rfind(os.sep + ABI_DIR)
    if idx >= 0:
        return root, norm[idx + 1 :]
    return root, norm


def is_ignored(name: str) -> bool:
    """Files the kernel's tools skip too: README, dot-files, editor and patch leftovers."""
    return name == "README" or name.startswith(".") or name.endswith(_SKIP_SUFFIXES)


def iter_sources(path: str, problems: list[Diagnostic]) -> Iterator[Source]:
    """The ABI files under a path a user gave (a kernel tree, a folder, a file)."""
    if not os.path.lexists(path):
        problems.append(problem(path, "no such file or directory"))
        return
    if not os.path.isdir(path):
        yield Source(path, os.path.normpath(path))
        return
    root, prefix = find_abi_root(path)
    seen: set[str] = set()
    found = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        real = os.path.realpath(dirpath)
        if real in seen:
            rel = os.path.join(prefix, os.path.relpath(dirpath, root))
            problems.append(
                problem(os.path.normpath(rel), "symlink loop: this folder was already read; skipped")
            )
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # The display path of the folder, once: relpath() of every file was
        # a third of the serial start of a lint run (two getcwd() each).
        reldir = os.path.normpath(os.path.join(prefix, os.path.relpath(dirpath, root)))
        for name in sorted(filenames):
            if is_ignored(name):
                continue
            found += 1
            yield Source(os.path.join(dirpath, name), name if reldir == "." else os.path.join(reldir, name))
    if not found:
        problems.append(problem(os.path.normpath(path), "no ABI files found here"))
