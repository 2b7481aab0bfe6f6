"""On-disk cache of per-file scan results, in the user's cache directory.

One JSON document per scanned root, keyed by each file's (relative path, size,
mtime_ns).  The scanner's own source hash is part of the document, so any change
to the scanner invalidates every entry.  JSON rather than pickle: a cache file
must never be able to run code.  Writes go to a temporary file in the same
directory and are moved into place with os.replace, so a crash or a concurrent
run never leaves a half-written cache behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from abi_tools.csrc.model import ScanResult

_SOURCES = (
    "cache.py",
    "context.py",
    "kbuild.py",
    "lexer.py",
    "macros.py",
    "mode.py",
    "model.py",
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
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "abi-tools", "csrc")


#: (size, mtime_ns, result or None when the file declares nothing)
Entry = tuple[int, int, ScanResult | None]


class Cache:
    """Scan results of one root; ``get``/``put`` by relative path and stat key."""

    def __init__(self, cache_dir: str, root: str) -> None:
        real_root = os.path.realpath(root)
        key = hashlib.sha256(real_root.encode("utf-8", "surrogateescape")).hexdigest()[:20]
        self.path = os.path.join(cache_dir, f"{key}.json")
        self.root = real_root
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        self._raw: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            return
        if (
            not isinstance(data, dict)
            or data.get("version") != SCANNER_VERSION
            or data.get("root") != self.root
            or not isinstance(data.get("entries"), dict)
        ):
            return
        # Decode lazily: most entries are never looked at on a partial scan.
        self._raw = data["entries"]

    def get(self, rel: str, size: int, mtime_ns: int) -> tuple[bool, ScanResult | None]:
        """(hit, result); a hit with None means "scanned before, declares nothing"."""
        if rel in self.entries:
            e_size, e_mtime, result = self.entries[rel]
        elif rel in self._raw:
            raw = self._raw[rel]
            try:
                e_size, e_mtime = int(raw[0]), int(raw[1])
                result = ScanResult.from_json(raw[2]) if raw[2] is not None else None
            except (TypeError, ValueError, KeyError, IndexError):
                return False, None
            self.entries[rel] = (e_size, e_mtime, result)
        else:
            return False, None
        if e_size != size or e_mtime != mtime_ns:
            return False, None
        return True, result

    def put(self, rel: str, size: int, mtime_ns: int, result: ScanResult | None) -> None:
        self.entries[rel] = (size, mtime_ns, result)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        entries: dict[str, Any] = dict(self._raw)
        for rel, (size, mtime, result) in self.entries.items():
            entries[rel] = [size, mtime, result.to_json() if result is not None else None]
        doc = {"version": SCANNER_VERSION, "root": self.root, "entries": entries}
        directory = os.path.dirname(self.path)
        try:
            os.makedirs(directory, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=directory)
        except OSError:
            return  # an unwritable cache only costs speed
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(doc, f, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return
        self.dirty = False
