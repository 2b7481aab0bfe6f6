"""Time ``abi-tools diff`` on linux-6.1 -> linux-6.12 against its budget.

Budget: the diff may take at most twice the time of linting both trees.
Until lint exists, linting is stood in for by ``load_tree`` of both trees
x 1.3.  The diff is timed end to end (both loads + diff_trees), as a user
running ``abi-tools diff OLD NEW`` would see it, and diff_trees alone.

    PYTHONPATH=. python bench/diff.py [OLD NEW] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from abi_tools.diff import diff_trees, normalise_what
from abi_tools.tree import load_tree

CORPUS = Path(
    os.environ.get("ABI_TOOLS_CORPUS") or Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
)
LINT_STANDIN = 1.3
ALLOWED = 2.0


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
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
    load_tree([a.old])  # warm the grammar cache and the page cache
    load = best(lambda: (load_tree([a.old]), load_tree([a.new])), a.repeat)
    old, new = load_tree([a.old]), load_tree([a.new])
    only = best(lambda: (normalise_what.cache_clear(), diff_trees(old, new)), a.repeat)
    whole = best(
        lambda: (normalise_what.cache_clear(), diff_trees(load_tree([a.old]), load_tree([a.new]))), a.repeat
    )
    lint = load * LINT_STANDIN
    budget = ALLOWED * lint
    print(f"load_tree both trees      {load:7.3f} s")
    print(f"lint stand-in (x{LINT_STANDIN})     {lint:7.3f} s")
    print(f"diff_trees alone          {only:7.3f} s")
    print(f"diff end to end           {whole:7.3f} s")
    print(f"budget ({ALLOWED} x lint)        {budget:7.3f} s")
    print(f"ratio diff / lint          {whole / lint:6.2f} (allowed {ALLOWED})")
    print("OK" if whole <= budget else "OVER BUDGET")
    return 0 if whole <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
