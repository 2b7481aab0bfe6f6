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
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from abi_tools.csrc.cache import SCANNER_VERSION, Cache, default_cache_dir
from abi_tools.csrc.kbuild import kbuild_module
from abi_tools.csrc.macros import FAMILIES, MACROS
from abi_tools.csrc.model import Declaration, Registration, ScanResult, Unexpanded
from abi_tools.csrc.scanner import PREFILTER, has_decl_call_bytes, module_name_guess, scan_text

if TYPE_CHECKING:
    from concurrent.futures import Future

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

_SUFFIXES = (".c", ".h")
_CHUNK = 256  # files per worker task: big enough to amortise IPC, small enough to balance


def _read(path: str) -> bytes:
    # os.read with the size from fstat: no buffered-file objects, no over-allocation.
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        chunks = []
        while True:
            chunk = os.read(fd, max(size + 1, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            if len(chunk) <= size:
                size -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def _decode(data: bytes) -> str:
    # Kernel source is UTF-8 with the odd Latin-1 byte in a comment: never fail on it.
    return data.decode("utf-8", errors="replace")


def _scan_bytes(data: bytes, display: str, path: str | None = None) -> ScanResult:
    # Plain substring tests are the fastest filter there is (about 2 GB/s);
    # only files that pass them get the regex check, and only for what they contain.
    attr, param = PREFILTER[0] in data, PREFILTER[1] in data
    if not (attr or param) or not has_decl_call_bytes(data, attr, param):
        return ScanResult(display)
    if b"\0" in data:
        return ScanResult(display, error="binary file (contains NUL bytes), not scanned")
    kmod = kbuild_module(path) if path is not None else None
    return scan_text(_decode(data), display, module_name_guess(display), prechecked=True, kbuild_module=kmod)


def scan_file(path: str, text: str | None = None, display_path: str | None = None) -> ScanResult:
    """Scan one file; ``text`` skips reading it.  Never raises for unreadable input."""
    display = display_path if display_path is not None else path
    if text is not None:
        return scan_text(text, display, module_name_guess(display))
    try:
        data = _read(path)
    except OSError as exc:
        return ScanResult(display, error=f"cannot read: {exc.strerror or exc}")
    return _scan_bytes(data, display, path)


# -- tree walking -----------------------------------------------------------


class _FileInfo:
    __slots__ = ("path", "rel", "size", "mtime_ns", "error")

    def __init__(
        self, path: str, rel: str, size: int = 0, mtime_ns: int = 0, error: str | None = None
    ) -> None:
        self.path = path
        self.rel = rel
        self.size = size
        self.mtime_ns = mtime_ns
        self.error = error


def _walk(root: str, subpaths: Sequence[str]) -> Iterator[_FileInfo]:
    """Every *.c / *.h under ``root`` (or the given subpaths), skipping .git and
    following directory symlinks only once per real directory (no loops).

    Relative paths are built by string concatenation as the walk descends:
    os.path.relpath per file cost more than the scan of most files."""
    if os.path.isfile(root):
        # A single file is shown as it was named.
        st = os.stat(root)
        yield _FileInfo(root, root, st.st_size, st.st_mtime_ns)
        return
    starts = [(os.path.join(root, s), os.path.normpath(s).replace(os.sep, "/")) for s in subpaths] or [
        (root, "")
    ]
    seen: set[tuple[int, int]] = set()
    for start, start_rel in starts:
        try:
            st = os.stat(start)
        except OSError as exc:
            yield _FileInfo(start, start_rel, error=f"cannot read: {exc.strerror}")
            continue
        if stat.S_ISREG(st.st_mode):
            yield _FileInfo(start, start_rel, st.st_size, st.st_mtime_ns)
            continue
        stack = [(start, start_rel + "/" if start_rel else "")]
        while stack:
            directory, prefix = stack.pop()
            try:
                dst = os.stat(directory)
                if (dst.st_dev, dst.st_ino) in seen:
                    continue
                seen.add((dst.st_dev, dst.st_ino))
                # No per-directory sort: results are sorted once at the end.
                with os.scandir(directory) as it:
                    entries = list(it)
            except OSError as exc:
                yield _FileInfo(directory, prefix.rstrip("/") or ".", error=f"cannot read: {exc.strerror}")
                continue
            subdirs = []
            for entry in entries:
                name = entry.name
                rel = prefix + name
                try:
                    if entry.is_dir():
                        if name != ".git":
                            subdirs.append((entry.path, rel + "/"))
                        continue
                    if not name.endswith(_SUFFIXES):
                        continue
                    est = entry.stat()
                except OSError as exc:
                    yield _FileInfo(entry.path, rel, error=f"cannot read: {exc.strerror}")
                    continue
                if stat.S_ISREG(est.st_mode):
                    yield _FileInfo(entry.path, rel, est.st_size, est.st_mtime_ns)
            stack.extend(subdirs)


def _scan_chunk(chunk: list[tuple[str, str]]) -> list[ScanResult | None]:
    """Worker: scan files; None for a readable file that declares nothing (cheap IPC)."""
    out: list[ScanResult | None] = []
    for path, rel in chunk:
        result = scan_file(path, display_path=rel)
        empty = not result.declarations and not result.unexpanded and result.error is None
        out.append(None if empty else result)
    return out


class _Progress:
    """A one-line counter on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.found = 0
        self.done = 0
        self.enabled = enabled and sys.stderr.isatty()

    def advance(self, n: int) -> None:
        self.done += n
        if self.enabled:
            sys.stderr.write(f"\rscan-c: {self.done}/{self.found} files scanned")
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
) -> list[ScanResult]:
    """Scan every *.c and *.h under ``root`` (limited to ``subpaths`` if given).

    ``jobs``: worker processes, 0 for one per CPU, 1 for in-process.
    ``cache_dir``: where to keep the result cache (see :func:`default_cache_dir`);
    None disables caching.  Returns one ScanResult per file, sorted by path.
    """
    cache = Cache(cache_dir, root) if cache_dir is not None else None
    results: dict[str, ScanResult] = {}
    bar = _Progress(progress)
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    pool = None
    if workers > 1:
        # Imported here: a fully cached run never starts a worker, and the import
        # alone is a noticeable part of such a run.
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers)
    pending: list[tuple[list[_FileInfo], Future[list[ScanResult | None]]]] = []
    chunk: list[_FileInfo] = []

    def flush() -> None:
        if not chunk:
            return
        args = [(f.path, f.rel) for f in chunk]
        if pool is None:
            _store(list(chunk), _scan_chunk(args), results, cache, bar)
        else:
            # Submitting while the walk goes on keeps the workers busy during it.
            pending.append((list(chunk), pool.submit(_scan_chunk, args)))
        chunk.clear()

    try:
        for info in _walk(root, subpaths):
            if info.error is not None:
                results[info.rel] = ScanResult(info.rel, error=info.error)
                continue
            if cache is not None:
                hit, cached = cache.get(info.rel, info.size, info.mtime_ns)
                if hit:
                    results[info.rel] = cached if cached is not None else ScanResult(info.rel)
                    continue
            bar.found += 1
            chunk.append(info)
            if len(chunk) >= _CHUNK:
                flush()
        flush()
        for files, future in pending:
            _store(files, future.result(), results, cache, bar)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        bar.close()
    if cache is not None:
        cache.save()
    return [results[k] for k in sorted(results)]


def _store(
    files: list[_FileInfo],
    scanned: list[ScanResult | None],
    results: dict[str, ScanResult],
    cache: Cache | None,
    bar: _Progress,
) -> None:
    for info, result in zip(files, scanned, strict=True):
        results[info.rel] = result if result is not None else ScanResult(info.rel)
        # Errors are not cached: the next run should try again.
        if cache is not None and (result is None or result.error is None):
            cache.put(info.rel, info.size, info.mtime_ns, result)
    bar.advance(len(files))
