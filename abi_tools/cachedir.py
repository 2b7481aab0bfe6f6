"""Where abi-tools keeps what it may throw away: the user's cache directory."""

from __future__ import annotations

import os


def cache_dir(*parts: str) -> str:
    """``$XDG_CACHE_HOME/abi-tools/...``, else ``~/.cache/abi-tools/...``; never in a linted tree."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "abi-tools", *parts)
