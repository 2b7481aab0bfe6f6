"""A content-hash cache of docutils' verdicts on descriptions.

Checking a description with docutils costs about half a millisecond; most
descriptions do not change between runs.  The cache maps the SHA-1 of the
text docutils saw to the messages it gave, and lives in
``$XDG_CACHE_HOME/abi-tools/rest-cache.json`` (``~/.cache/...`` without
XDG_CACHE_HOME), never inside the linted tree.  It is written atomically
(a temporary file renamed over the old one), so concurrent runs never see a
half-written file; the last writer wins.

The rule consults :data:`CACHE` when it is not None; the CLI decides whether
to :func:`load_cache` before and :func:`save_cache` after a run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# pathlib, hashlib, json and docutils are imported where they are used: every lint
# run imports this module with the rules, and one without description-rest
# needs none of them (5 ms).

#: One docutils message: (line within the checked text or 0, level, text).
Message = tuple[int, int, str]


def cache_format() -> str:
    """Changes whenever what is stored (or how it is computed) changes."""
    import docutils

    return f"1/docutils-{docutils.__version__}"


#: The cache the rule uses; None: no caching.
CACHE: dict[str, list[Message]] | None = None


def cache_path() -> Path:
    from pathlib import Path

    from abi_tools.cachedir import cache_dir

    return Path(cache_dir("rest-cache.json"))


def key(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def load_cache(path: Path | None = None) -> dict[str, list[Message]]:
    """Read the cache (an empty one when missing, unreadable or stale) and make it current."""
    import json

    global CACHE
    got: dict[str, list[Message]] = {}
    try:
        raw = json.loads((path or cache_path()).read_text(encoding="utf-8"))
        current = raw.get("format") == cache_format() if isinstance(raw, dict) else False
        if current and isinstance(raw.get("entries"), dict):
            for k, msgs in raw["entries"].items():
                got[str(k)] = [(int(a), int(b), str(c)) for a, b, c in msgs]
    except (OSError, ValueError, TypeError):
        got = {}
    CACHE = got
    return got


def save_cache(path: Path | None = None, cache: dict[str, list[Message]] | None = None) -> bool:
    """Write the cache atomically; False when it could not be written."""
    data = cache if cache is not None else CACHE
    if data is None:
        return False
    import json

    from abi_tools.atomic import write_text_atomic  # here: most runs never write

    text = json.dumps({"format": cache_format(), "entries": data}, separators=(",", ":"))
    try:
        write_text_atomic(str(path or cache_path()), text)
    except OSError:
        return False
    return True


def disable_cache() -> None:
    global CACHE
    CACHE = None
