"""On-disk cache of per-file scan results, in the user's cache directory.

One file per scanned root, keyed by each file's (relative path, size, mtime_ns),
so an unchanged tree is answered from one stat() per file and no reads.  The
scanner's own source hash is part of the document, so any change to the scanner
invalidates every entry.

The format is marshal of plain tuples, lists, strings and ints: loading it runs
no code (unlike pickle) and is three times faster than JSON for a whole tree,
which matters because loading is most of a cached run.  Anything that does not
have the expected shape is treated as no cache.  Writes are atomic
(abi_tools/atomic.py), so a crash or a concurrent run never leaves half a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from abi_tools.atomic import write_bytes_atomic
from abi_tools.cachedir import cache_dir
from abi_tools.csrc.kbuild import makefile_stamp, stat_pair
from abi_tools.csrc.model import Declaration, Registration, ScanResult, Unexpanded

_SOURCES = (
    "cache.py",
    "context.py",
    "filescan.py",
    "kbuild.py",
    "lexer.py",
    "macros.py",
    "mode.py",
    "model.py",
    "prefilter.py",
    "reading.py",
    "scanner.py",
)


def _scanner_version() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _SOURCES:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


SCANNER_VERSION: str = _scanner_version()


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/abi-tools/csrc``, else ``~/.cache/abi-tools/csrc``."""
    return cache_dir("csrc")


_DECL_FIELDS = tuple(f.name for f in fields(Declaration))
_UNEXP_FIELDS = tuple(f.name for f in fields(Unexpanded))
_REG_FIELDS = tuple(f.name for f in fields(Registration))

#: A result as plain data: (file, declarations, unexpanded, registrations,
#: kbuild_module), each dataclass as the tuple of its fields in order.
Row = tuple[str, list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]], "str | None"]


def to_row(result: ScanResult) -> Row:
    return (
        result.file,
        [tuple(getattr(d, f) for f in _DECL_FIELDS) for d in result.declarations],
        [tuple(getattr(u, f) for f in _UNEXP_FIELDS) for u in result.unexpanded],
        [tuple(getattr(r, f) for f in _REG_FIELDS) for r in result.registrations],
        result.kbuild_module,
    )


def from_row(row: Row) -> ScanResult:
    # Positional construction: a whole tree rebuilds twenty thousand of these.
    return ScanResult(
        row[0],
        tuple(Declaration(*d) for d in row[1]),
        tuple(Unexpanded(*u) for u in row[2]),
        None,
        tuple(Registration(*r) for r in row[3]),
        row[4],
    )


#: (size, mtime_ns, the Makefiles' stamp, row or None when the file declares
#: nothing).  The stamp (kbuild.makefile_stamp) is kept for files with a
#: result only: the module name in it comes from those Makefiles.
Entry = tuple[int, int, "tuple[int, ...] | None", "Row | None"]

# marshal's format may change between Python versions: a cache written by
# another one is not read (it would fail to load, or load as something else).
CACHE_FORMAT = f"{SCANNER_VERSION}/marshal-py{sys.version_info[0]}.{sys.version_info[1]}"


class Cache:
    """Scan results of one root, by relative path and stat key."""

    def __init__(self, cache_dir: str, root: str) -> None:
        real_root = os.path.realpath(root)
        key = hashlib.sha256(real_root.encode("utf-8", "surrogateescape")).hexdigest()[:20]
        self.path = os.path.join(cache_dir, f"{key}.marshal")
        self._legacy_path = os.path.join(cache_dir, f"{key}.json")  # the JSON cache before it
        self.root = real_root
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        #: folder (relative) -> its Makefiles' stamp, and Makefile -> its
        #: stat: once per run each.
        self._stamps: dict[str, tuple[int, ...]] = {}
        self._makefiles: dict[str, tuple[int, int]] = {}
        self._load()

    def _load(self) -> None:
        try:
            # loads(read()), not load(f): load reads the file in small pieces (7x slower).
            with open(self.path, "rb") as f:
                data = marshal.loads(f.read())
        except (OSError, ValueError, EOFError, TypeError):
            return
        if (
            isinstance(data, tuple)
            and len(data) == 3
            and data[0] == CACHE_FORMAT
            and data[1] == self.root
            and isinstance(data[2], dict)
        ):
            self.entries = data[2]

    def lookup(self, rel: str, stat_of: Callable[[], os.stat_result]) -> tuple[bool, ScanResult | None]:
        """(hit, result) for the file ``rel`` whose stat ``stat_of`` gives; a hit
        with None means "scanned before, declares nothing".  Files the cache
        has never seen are not stat()ed: a first run stats nothing."""
        entry = self.entries.get(rel)
        if entry is None:
            return False, None
        try:
            st = stat_of()
        except OSError:
            return False, None  # the scan reports it
        try:
            e_size, e_mtime, stamp, row = entry
            if e_size != st.st_size or e_mtime != st.st_mtime_ns:
                return False, None
            if row is None:
                return True, None
            if stamp != self._stamp(rel):
                return False, None  # a Makefile changed: the module name may have
            return True, from_row(row)
        except (TypeError, ValueError, IndexError):
            return False, None  # a damaged entry is a miss

    def put(self, rel: str, size: int, mtime_ns: int, result: ScanResult | None) -> None:
        if result is None:
            self.entries[rel] = (size, mtime_ns, None, None)
        else:
            self.entries[rel] = (size, mtime_ns, self._stamp(rel), to_row(result))
        self.dirty = True

    def _stamp(self, rel: str) -> tuple[int, ...]:
        # The stamp depends on the directory only; a warm run of a whole
        # tree asks for eight thousand files' and finds a thousand folders.
        folder = os.path.dirname(rel)
        got = self._stamps.get(folder)
        if got is None:
            got = self._stamps[folder] = makefile_stamp(os.path.join(self.root, folder), self._stat)
        return got

    def _stat(self, path: str) -> tuple[int, int]:
        got = self._makefiles.get(path)
        if got is None:
            got = self._makefiles[path] = stat_pair(path)
        return got

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            write_bytes_atomic(self.path, marshal.dumps((CACHE_FORMAT, self.root, self.entries)))
        except OSError:
            return  # an unwritable cache only costs speed
        self.dirty = False
        with contextlib.suppress(OSError):
            os.unlink(self._legacy_path)
