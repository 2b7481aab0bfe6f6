#!/usr/bin/env python3
"""Benchmark the C scanner against grep on a whole kernel tree.

    python bench/scan_c.py [TREE] [--runs N] [--jobs N]

TREE defaults to $ABI_TOOLS_KERNEL_TREE.  Each round runs, alternating so that
page-cache and machine-load effects hit all three alike:

  grep   grep -rlE 'ATTR' --include='*.[ch]' TREE
  cold   scan_tree(TREE) with no cache
  warm   scan_tree(TREE) with a cache filled beforehand (in a temporary dir)

and the medians are printed with the ratios cold/grep and warm/grep.  The
scans run in a child process each, like the CLI, so worker start-up is counted.

The machine's load average is printed before and after, and the CPU time
(user + system, all processes) of each command beside its wall time: on a
shared machine a ratio of wall times moves with the other users' load (grep
needs one core, a scan wants two), while the CPU times say what each costs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SCAN = """
import sys
from abi_tools.csrc import scan_tree
cache = sys.argv[2] or None
results = scan_tree(sys.argv[1], jobs=int(sys.argv[3]), cache_dir=cache)
print(sum(len(r.declarations) for r in results))
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the command and its children, stdout)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return time.perf_counter() - start, _children_cpu() - cpu, out


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", nargs="?", default=os.environ.get("ABI_TOOLS_KERNEL_TREE"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    if not args.tree or not os.path.isdir(args.tree):
        print("usage: scan_c.py TREE (or set ABI_TOOLS_KERNEL_TREE)", file=sys.stderr)
        return 2
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    grep = ["grep", "-rlE", "ATTR", "--include=*.[ch]", args.tree]
    with tempfile.TemporaryDirectory(prefix="abi-tools-bench-") as cache_dir:
        scan = [sys.executable, "-c", SCAN, args.tree]
        cold_cmd = [*scan, "", str(args.jobs)]
        warm_cmd = [*scan, cache_dir, str(args.jobs)]
        # Warm-up: page cache for everyone, and fill the cache for the warm runs.
        subprocess.run(grep, check=True, capture_output=True)
        *_, declared = timed(warm_cmd, env)
        load_before = _load()
        names = ("grep", "cold", "warm")
        times: dict[str, list[float]] = {k: [] for k in names}
        cpus: dict[str, list[float]] = {k: [] for k in names}
        for _ in range(args.runs):
            for name, cmd, cmd_env in (
                ("grep", grep, None),
                ("cold", cold_cmd, env),
                ("warm", warm_cmd, env),
            ):
                wall, cpu, _ = timed(cmd, cmd_env)
                times[name].append(wall)
                cpus[name].append(cpu)
    med = {k: statistics.median(v) for k, v in times.items()}
    cpu_med = {k: statistics.median(v) for k, v in cpus.items()}
    print(f"tree: {args.tree}  cpus: {os.cpu_count()}  runs: {args.runs}")
    print(f"load average (1, 5, 15 min): before {load_before}, after {_load()}")
    print(f"declarations: {declared.strip()}")
    for name in names:
        spread = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:5} median {med[name]:6.2f} s  cpu {cpu_med[name]:5.2f} s   ({spread})")
    print(f"cold/grep {med['cold'] / med['grep']:.2f}x   (target <= 3)")
    print(f"warm/grep {med['warm'] / med['grep']:.2f}x   (target <= 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
