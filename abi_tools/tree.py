"""Finding and reading ABI files: paths on disk -> :class:`AbiTree`.

Every problem with a file (unreadable, binary, too large, not UTF-8, a
symlink loop) becomes a diagnostic naming the path; the rest of the run goes
on.  Display paths are relative to the kernel tree when one is recognised,
so they read ``Documentation/ABI/testing/sysfs-...`` like checkpatch's.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from abi_tools.model import AbiFile, AbiTree, Diagnostic, Severity, Span
from abi_tools.parse import level_of, parse_text

#: No real ABI file comes near this (the largest in 6.12 is about 100 KiB).
MAX_BYTES = 8 * 1024 * 1024

_SKIP_SUFFIXES = (".rej", ".org", ".orig", ".bak", "~", ".swp")
ABI_DIR = os.path.join("Documentation", "ABI")


@dataclass(frozen=True)
class Source:
    """One file to read: where it is and how to name it."""

    path: str
    display: str


def _problem(display: str, message: str, rule: str = "unreadable-file", line: int = 1) -> Diagnostic:
    rule_id = "ABI001" if rule == "unreadable-file" else "ABI002"
    severity = Severity.ERROR if rule == "unreadable-file" else Severity.WARNING
    return Diagnostic(rule_id, rule, severity, Span(display, line, 1), message)


def find_abi_root(path: str) -> tuple[str, str]:
    """(directory to walk, prefix for display paths) for a path a user gave."""
    if os.path.isdir(os.path.join(path, ABI_DIR)):
        return os.path.join(path, ABI_DIR), ABI_DIR
    norm = os.path.normpath(os.path.abspath(path))
    marker = os.sep + ABI_DIR
    idx = norm.rfind(marker)
    if idx >= 0:
        rest = norm[idx + 1 :]
        return path, rest
    return path, os.path.normpath(path) if not os.path.isabs(path) else path


def _skip(name: str) -> bool:
    return name == "README" or name.startswith(".") or name.endswith(_SKIP_SUFFIXES)


def iter_sources(path: str, problems: list[Diagnostic]) -> Iterator[Source]:
    """The ABI files under a path a user gave (a kernel tree, a folder, a file)."""
    if not os.path.lexists(path):
        problems.append(_problem(path, "no such file or directory"))
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
                _problem(os.path.normpath(rel), "symlink loop: this folder was already read; skipped")
            )
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if _skip(name):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.normpath(os.path.join(prefix, os.path.relpath(full, root)))
            found += 1
            yield Source(full, rel)
    if not found:
        problems.append(_problem(os.path.normpath(path), "no ABI files found here"))


def read_source(src: Source) -> AbiFile:
    """Read and parse one file; never raises."""
    level = level_of(src.display)
    try:
        st = os.stat(src.path)
        if st.st_size > MAX_BYTES:
            mib = st.st_size / (1024 * 1024)
            return _failed(
                src,
                level,
                f"file is {mib:.1f} MiB, over the {MAX_BYTES >> 20} MiB limit for an ABI file; skipped",
            )
        with open(src.path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = "symlink loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
        return _failed(src, level, f"cannot read: {reason}")
    return parse_bytes(data, src.display, level)


def parse_bytes(data: bytes, display: str, level: str | None = None) -> AbiFile:
    """Decode and parse; bad bytes become diagnostics, never exceptions."""
    if level is None:
        level = level_of(display)
    if b"\0" in data[:8192]:
        return _failed(
            Source(display, display),
            level,
            "binary file (NUL bytes); not an ABI text file; skipped",
        )
    problems: list[Diagnostic] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(
            _problem(
                display,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); bad bytes shown as \\xNN",
                "encoding",
                line,
            )
        )
        text = data.decode("utf-8", errors="backslashreplace")
    parsed = parse_text(text, display, level)
    if problems:
        parsed = AbiFile(**{**parsed.__dict__, "diagnostics": tuple(problems) + parsed.diagnostics})
    return parsed


def _failed(src: Source, level: str, message: str) -> AbiFile:
    return AbiFile(src.display, level, (), diagnostics=(_problem(src.display, message),))


def load_tree(paths: Sequence[str], jobs: int = 1) -> AbiTree:
    """Read every ABI file under the given paths."""
    problems: list[Diagnostic] = []
    sources: list[Source] = []
    for p in paths:
        sources.extend(iter_sources(p, problems))
    files = list(_read_all(sources, jobs))
    root = paths[0] if len(paths) == 1 else ""
    return AbiTree(root, tuple(files), tuple(problems))


def _read_all(sources: list[Source], jobs: int) -> Iterable[AbiFile]:
    if jobs <= 1 or len(sources) < 64:
        return [read_source(s) for s in sources]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(sources) // (jobs * 4))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(read_source, sources, chunksize=chunk))
