"""Finding and reading ABI files: paths on disk -> :class:`AbiTree`.

Every problem with a file (unreadable, binary, too large, not UTF-8, a
symlink loop) becomes a diagnostic naming the path; the rest of the run goes
on.  Display paths are relative to the kernel tree when one is recognised,
so they read ``Documentation/ABI/testing/sysfs-...`` like checkpatch's.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence

from abi_tools.model import AbiFile, AbiTree, Diagnostic
from abi_tools.parse import level_of, parse_text
from abi_tools.sources import MAX_BYTES, Source, iter_sources, problem


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
            # A read of MAX_BYTES allocates that much for every file (twice
            # the time of reading 6.12's files); the size is known, and the
            # cap stays for files that report none (devices, /proc).
            data = fh.read(st.st_size + 1 if st.st_size else MAX_BYTES + 1)
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
            problem(
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
    return AbiFile(src.display, level, (), diagnostics=(problem(src.display, message),))


def load_tree(paths: Sequence[str], jobs: int = 1) -> AbiTree:
    """Read every ABI file under the given paths."""
    problems: list[Diagnostic] = []
    sources: list[Source] = []
    for p in paths:
        sources.extend(iter_sources(p, problems))
    files = read_all(sources, jobs)
    root = paths[0] if len(paths) == 1 else ""
    return AbiTree(root, tuple(files), tuple(problems))


def read_all(sources: list[Source], jobs: int = 1) -> list[AbiFile]:
    """Read and parse sources, in several processes when there are many."""
    if jobs <= 1 or len(sources) < 64:
        return [read_source(s) for s in sources]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(sources) // (jobs * 4))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(read_source, sources, chunksize=chunk))
