#!/usr/bin/env python3
"""Time `abi-tools lint` against the kernel's own `scripts/get_abi.pl validate`.

    python bench/lint.py [KERNEL_TREE] [--runs N]

KERNEL_TREE defaults to $ABI_TOOLS_KERNEL_TREE, then the tree that
`../shared/bin/kernel-source 6.12` installs.  Each round runs every variant
once, in turn, as a fresh process (so "cold" includes interpreter start-up,
as the perl script's time does); the report gives the median of each and its
ratio to get_abi.pl.  Targets (issue 2): --ignore description-rest cold
<= 1.5x, full set cold <= 15x, warm (cached) run < 1x.  "Cold" is without
the result cache; the last row, with no target, is a machine's very first
run, which also generates the grammar's parser into an empty cache
(abi_tools/grammar.py).

Wall time is what the targets are about, and on a machine shared with other
work it depends on how busy the cores are; the report also gives the CPU time
of each variant (all its processes) and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

#: The variant timed with an empty cache directory (see the module doc).
FIRST = "lint --ignore description-rest (first run)"


def _cpu() -> float:
    """CPU seconds of every finished child process (and theirs) so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _time(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    c, t = _cpu(), time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - t, _cpu() - c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", nargs="?")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    tree = (
        args.tree
        or os.environ.get("ABI_TOOLS_KERNEL_TREE")
        or os.path.expanduser("~/.cache/kernel-source/linux-6.12")
    )
    script = os.path.join(tree, "scripts", "get_abi.pl")
    if not os.path.isfile(script):
        print(f"bench: no {script}; run ../shared/bin/kernel-source 6.12 first", file=sys.stderr)
        return 2
    # get_abi.pl skips every path with "/." in it (dot-files), so a tree under
    # ~/.cache looks empty to it unless it runs from the tree with a relative
    # --dir.  Every variant runs there, on the same relative paths.
    abi = os.path.join("Documentation", "ABI")
    tool = shutil.which("abi-tools") or os.path.join(os.path.dirname(sys.executable), "abi-tools")
    cache = tempfile.mkdtemp(prefix="abi-bench-cache-")
    # Python as an installed package runs it: with its bytecode cache.  A
    # shell with PYTHONDONTWRITEBYTECODE (as some CI and sandboxes set) would
    # make every run compile the package from source first, some 25 ms;
    # the bytecode goes to the bench's own directory, not into any tree.
    env = dict(os.environ, XDG_CACHE_HOME=cache, PYTHONPYCACHEPREFIX=os.path.join(cache, "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    variants = {
        "get_abi.pl validate": ["perl", "scripts/get_abi.pl", "--dir", abi, "validate"],
        "lint --ignore description-rest (cold)": [
            tool,
            "lint",
            ".",
            "--no-cache",
            "--ignore",
            "description-rest",
        ],
        "lint, all default rules (cold)": [tool, "lint", ".", "--no-cache"],
        "lint, all default rules (warm cache)": [tool, "lint", "."],
        # Not a target: a machine's very first run, which also generates the
        # grammar's parser into an empty cache directory (abi_tools/grammar.py).
        FIRST: [tool, "lint", ".", "--no-cache", "--ignore", "description-rest"],
    }
    # Prime the caches the warm variant is meant to use (grammar, results,
    # bytecode).
    _time(variants["lint, all default rules (warm cache)"], env, tree)
    load_before = os.getloadavg()
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in variants}
    for _ in range(args.runs):
        for name, cmd in variants.items():
            if name == FIRST:
                empty = tempfile.mkdtemp(prefix="abi-bench-first-")
                times[name].append(_time(cmd, dict(env, XDG_CACHE_HOME=empty), tree))
                shutil.rmtree(empty, ignore_errors=True)
            else:
                times[name].append(_time(cmd, env, tree))
    load_after = os.getloadavg()
    base = statistics.median(w for w, _ in times["get_abi.pl validate"])
    base_cpu = statistics.median(c for _, c in times["get_abi.pl validate"])
    print(f"tree: {tree}  runs: {args.runs}  cpus: {os.cpu_count()}")
    print(f"load average (1, 5, 15 min): before {_load(load_before)}, after {_load(load_after)}")
    for name, ts in times.items():
        wall = statistics.median(w for w, _ in ts)
        cpu = statistics.median(c for _, c in ts)
        print(
            f"{name:40s} median {wall:7.3f} s   ratio {wall / base:6.2f}x"
            f"   (CPU {cpu:6.3f} s, {cpu / base_cpu:5.2f}x)"
        )
    shutil.rmtree(cache, ignore_errors=True)
    return 0


def _load(avg: tuple[float, float, float]) -> str:
    return " ".join(f"{x:.2f}" for x in avg)


if __name__ == "__main__":
    sys.exit(main())
