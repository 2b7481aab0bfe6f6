"""Running git in a throwaway repository, isolated from the user's configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(repo: Path, *args: str) -> str:
    """``git -C repo ARGS`` as Ana Pérez on 2025-03-03; raises when git fails."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ana Pérez",
        "GIT_AUTHOR_EMAIL": "ana@example.org",
        "GIT_COMMITTER_NAME": "Ana Pérez",
        "GIT_COMMITTER_EMAIL": "ana@example.org",
        "GIT_AUTHOR_DATE": "2025-03-03T09:00:00+01:00",
        "GIT_COMMITTER_DATE": "2025-03-03T09:00:00+01:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    proc = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, env=env, capture_output=True, text=True
    )
    return proc.stdout
