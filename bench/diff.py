"""Time ``abi-tools diff`` on linux-6.1 -> linux-6.12 against its budget.

Budget (issue 6): the diff may take at most twice the time of linting both
trees.  Both sides run as a user would run them, as cold processes in the same
run: ``abi-tools lint OLD`` and ``abi-tools lint NEW`` (``--no-cache``, so
neither reuses an earlier result), against ``abi-tools diff OLD NEW``.  Each is
run ``--repeat`` times and the best time kept (the machine may be shared).

    PYTHONPATH=. python bench/diff.py [OLD NEW] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("ABI_TOOLS_CORPUS") or REPO.parent / "shared" / "corpus")
ALLOWED = 2.0


def best(cmds: list[list[str]], repeat: int) -> float:
    """Best total time of running ``cmds`` one after the other (exit codes ignored:
    lint exits 1 on findings)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for cmd in cmds:
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("old", nargs="?", default=str(CORPUS / "linux-6.1"))
    ap.add_argument("new", nargs="?", default=str(CORPUS / "linux-6.12"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    for p in (a.old, a.new):
        if not (Path(p) / "Documentation" / "ABI").is_dir():
            print(f"bench/diff.py: {p}: no Documentation/ABI; skipped", file=sys.stderr)
            return 2
    tool = [sys.executable, "-m", "abi_tools.cli"]
    lint = best([[*tool, "lint", a.old, "--no-cache"], [*tool, "lint", a.new, "--no-cache"]], a.repeat)
    diff = best([[*tool, "diff", a.old, a.new]], a.repeat)
    print(f"abi-tools lint OLD + lint NEW  {lint:7.3f} s")
    print(f"abi-tools diff OLD NEW         {diff:7.3f} s")
    print(f"ratio diff / lint              {diff / lint:7.2f}  (allowed {ALLOWED})")
    print("OK" if diff <= ALLOWED * lint else "OVER BUDGET")
    return 0 if diff <= ALLOWED * lint else 1


if __name__ == "__main__":
    sys.exit(main())
