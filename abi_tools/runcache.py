"""A cache of whole lint runs, keyed by everything that decides the result.

The key hashes the tool version, the rule selection and options, the tree's
version, today's date (date rules depend on it) and every file's path and
bytes.  A repeated run over an unchanged tree reads the files, hashes them
and prints the stored findings without loading the parser.  The cache lives
in the user's cache directory, never inside the linted tree.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from typing import Any

from abi_tools import __version__, cachedir
from abi_tools.atomic import write_text_atomic
from abi_tools.model import Diagnostic, Severity, Span

_KEEP = 64  # runs kept; old ones are removed first


def cache_dir() -> str:
    return cachedir.cache_dir("runs")


def run_key(settings: Any, files: Iterable[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([__version__, settings], sort_keys=True, default=str).encode())
    for display, data in files:
        h.update(display.encode("utf-8", "backslashreplace") + b"\0")
        h.update(hashlib.sha1(data).digest())
    return h.hexdigest()


def load(key: str) -> tuple[list[Diagnostic], int, int] | None:
    path = os.path.join(cache_dir(), key + ".json")
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        diags = [
            Diagnostic(d["r"], d["n"], Severity(d["s"]), Span(d["p"], d["l"], d["c"]), d["m"], d.get("h", ""))
            for d in doc["d"]
        ]
        return diags, int(doc["files"]), int(doc["entries"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(key: str, diags: list[Diagnostic], files: int, entries: int) -> None:
    doc = {
        "files": files,
        "entries": entries,
        "d": [
            {
                "r": d.rule_id,
                "n": d.name,
                "s": d.severity.value,
                "p": d.span.path,
                "l": d.span.line,
                "c": d.span.column,
                "m": d.message,
                "h": d.hint,
            }
            for d in diags
        ],
    }
    directory = cache_dir()
    try:
        write_text_atomic(os.path.join(directory, key + ".json"), json.dumps(doc))
        _prune(directory)
    except OSError:
        pass  # a cache that cannot be written only costs time


def _prune(directory: str) -> None:
    entries = [e for e in os.scandir(directory) if e.name.endswith(".json")]
    if len(entries) <= _KEEP:
        return
    entries.sort(key=lambda e: e.stat().st_mtime)
    for e in entries[: len(entries) - _KEEP]:
        with contextlib.suppress(OSError):
            os.unlink(e.path)
