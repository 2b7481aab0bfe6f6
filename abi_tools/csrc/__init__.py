"""C source scanner: sysfs attribute declarations in kernel source.

Public API::

    scan_file(path, text=None, display_path=None) -> ScanResult
    scan_tree(root, subpaths=(), jobs=0, cache_dir=None, progress=False) -> list[ScanResult]

``scan_tree`` uses no cache unless ``cache_dir`` is given; callers that want the
user's cache pass :func:`default_cache_dir`.  Paths in results are relative to
``root`` (with ``/`` separators), as the CLI prints them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from abi_tools.csrc.cache import SCANNER_VERSION, Cache, default_cache_dir
from abi_tools.csrc.filescan import scan_bytes, scan_file
from abi_tools.csrc.kbuild import clear_makefiles
from abi_tools.csrc.macros import FAMILIES, MACROS
from abi_tools.csrc.model import Declaration, Registration, ScanResult, Unexpanded
from abi_tools.csrc.reading import Reader
from abi_tools.csrc.walk import walk

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "FAMILIES",
    "MACROS",
    "SCANNER_VERSION",
    "Declaration",
    "Registration",
    "ScanResult",
    "Unexpanded",
    "default_cache_dir",
    "scan_file",
    "scan_tree",
]

_CHUNK = 512  # files per worker task: 256 cost 0.1 s more on a whole tree (IPC), 1024 no less


# -- scanning in workers ------------------------------------------------------

#: A worker's answer for a chunk: (index, result) for the files that declare
#: something or could not be read, and (size, mtime_ns) of every file when asked
#: for them (for the cache), (-1, -1) for one that could not be read.
_ChunkResult = tuple[list[tuple[int, ScanResult]], list[tuple[int, int]]]
_reader: Reader | None = None  # a worker's own buffer


def _scan_chunk(
    paths: list[str], rels: list[str], want_stat: bool, reader: Reader | None = None
) -> _ChunkResult:
    """Scan ``paths`` (shown as ``rels``); in a worker, with its one buffer.
    Only what the parent cannot infer travels back: a typical chunk of 512
    files answers with a handful of results."""
    global _reader
    if reader is None:
        if _reader is None:
            _reader = Reader()
        reader = _reader
    found: list[tuple[int, ScanResult]] = []
    stats: list[tuple[int, int]] = []
    for i, (path, rel) in enumerate(zip(paths, rels, strict=True)):
        try:
            end, size, mtime_ns = reader.read(path)
        except OSError as exc:
            found.append((i, ScanResult(rel, error=f"cannot read: {exc.strerror or exc}")))
            if want_stat:
                stats.append((-1, -1))
            continue
        if want_stat:
            stats.append((size, mtime_ns))
        result = scan_bytes(reader.buf, end, rel, path)
        if result is not None:
            found.append((i, result))
    return found, stats


class _Progress:
    """A one-line counter on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool, label: str = "scan-c") -> None:
        self.found = 0
        self.done = 0
        self.label = label
        self.enabled = enabled and sys.stderr.isatty()

    def advance(self, n: int) -> None:
        self.done += n
        if self.enabled:
            sys.stderr.write(f"\r{self.label}: {self.done}/{self.found} files scanned")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            sys.stderr.write("\n")
            sys.stderr.flush()


def scan_tree(
    root: str,
    subpaths: Sequence[str] = (),
    jobs: int = 0,
    cache_dir: str | None = None,
    progress: bool = False,
    progress_label: str = "scan-c",
) -> list[ScanResult]:
    """Scan every *.c and *.h under ``root`` (limited to ``subpaths`` if given).

    ``jobs``: worker processes, 0 for one per CPU, 1 for in-process.
    ``cache_dir``: where to keep the result cache (see :func:`default_cache_dir`);
    None disables caching.  Returns one ScanResult per file, sorted by path.
    """
    # Makefiles are read once per process and remembered; a scan must see
    # them as they are now (an API caller scans again after editing one).
    clear_makefiles()
    cache = Cache(cache_dir, root) if cache_dir is not None else None
    results: dict[str, ScanResult] = {}
    bar = _Progress(progress, progress_label)
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    pool: ProcessPoolExecutor | None = None
    want_stat = cache is not None
    pending: list[tuple[list[str], Future[_ChunkResult]]] = []
    paths: list[str] = []
    rels: list[str] = []

    def flush(last: bool) -> None:
        nonlocal pool
        if not paths:
            return
        chunk = (list(paths), list(rels), want_stat)
        paths.clear()
        rels.clear()
        # Workers start with the first full chunk: less than that (a cached run
        # with a few changed files) is scanned here sooner than they start.
        if pool is None and workers > 1 and not last:
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(max_workers=workers)
        if pool is None:
            _store(chunk[1], _scan_chunk(*chunk, reader=Reader()), results, cache, bar)
        else:
            # Submitting while the walk goes on keeps the workers busy during it.
            pending.append((chunk[1], pool.submit(_scan_chunk, *chunk)))

    try:
        for path, rel, stat_of, error in walk(root, subpaths):
            if stat_of is None:
                results[rel] = ScanResult(rel, error=error)
                continue
            if cache is not None:
                # A stat() and no read: this is all a cached run does per file.
                hit, cached = cache.lookup(rel, stat_of)
                if hit:
                    results[rel] = cached if cached is not None else ScanResult(rel)
                    continue
            bar.found += 1
            paths.append(path)
            rels.append(rel)
            if len(paths) >= _CHUNK:
                flush(last=False)
        flush(last=True)
        for chunk_rels, future in pending:
            _store(chunk_rels, future.result(), results, cache, bar)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        bar.close()
    if cache is not None:
        cache.save()
    return [results[k] for k in sorted(results)]


def _store(
    rels: list[str],
    scanned: _ChunkResult,
    results: dict[str, ScanResult],
    cache: Cache | None,
    bar: _Progress,
) -> None:
    found, stats = scanned
    for rel in rels:
        results[rel] = ScanResult(rel)
    errors = set()
    for i, result in found:
        results[rels[i]] = result
        if result.error is not None:
            errors.add(i)
    if cache is not None:
        by_index = dict(found)
        for i, (rel, (size, mtime_ns)) in enumerate(zip(rels, stats, strict=True)):
            # Errors are not cached: the next run should try again.
            if i not in errors:
                cache.put(rel, size, mtime_ns, by_index.get(i))
    bar.advance(len(rels))
