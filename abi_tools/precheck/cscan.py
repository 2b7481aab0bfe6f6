"""The sysfs attributes C files declare before and after the series.

Every ``.c``/``.h`` file the series touches is scanned twice with
:func:`abi_tools.csrc.scan_file`: as it was (the base file, or without a base
what the hunks show of it) and as the series leaves it.  What is declared
before and not after, anywhere in the series, was deleted; what is declared
after and not before was added.  An attribute moved from one file to
another is neither.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from abi_tools.csrc import Declaration, ScanResult, scan_file

from .base import Base
from .images import FileChange, Image, old_side_text


@dataclass(frozen=True)
class CScan:
    change: FileChange
    before: ScanResult
    before_lines: tuple[str, ...]
    #: None when the series deletes the file.
    after: ScanResult | None


def _key(d: Declaration) -> tuple[str, str]:
    return d.family, d.name


def scan_changes(changes: list[FileChange], images: dict[str, Image], base: Base) -> list[CScan]:
    out: list[CScan] = []
    for ch in changes:
        if not ch.is_c:
            continue
        text = base.read(ch.old_path) if ch.old_path is not None else ""
        if text is None:
            text = old_side_text(ch.fps)
        before = scan_file(ch.old_path or ch.path, text=text)
        img = images.get(ch.path)
        after = scan_file(ch.path, text=img.text) if img is not None and not ch.deleted else None
        out.append(CScan(ch, before, tuple(text.splitlines()), after))
    return out


def deleted(scans: list[CScan]) -> list[tuple[CScan, Declaration]]:
    """Declarations present before the series and gone after it (in every touched file)."""
    after = Counter(_key(d) for s in scans if s.after is not None for d in s.after.declarations)
    out: list[tuple[CScan, Declaration]] = []
    for s in scans:
        for d in s.before.declarations:
            if after[_key(d)] > 0:
                after[_key(d)] -= 1
                continue
            out.append((s, d))
    return out


def added(scans: list[CScan]) -> list[tuple[CScan, Declaration]]:
    """Declarations the series adds (not present before it in any touched file)."""
    before = Counter(_key(d) for s in scans for d in s.before.declarations)
    out: list[tuple[CScan, Declaration]] = []
    for s in scans:
        for d in s.after.declarations if s.after is not None else ():
            if before[_key(d)] > 0:
                before[_key(d)] -= 1
                continue
            out.append((s, d))
    return out
