"""``abi-tools xcheck``: sysfs attributes declared in C against Documentation/ABI."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from abi_tools import report
from abi_tools.xcheck.model import KINDS, XFinding

NAME = "xcheck"
HELP = "cross-check sysfs attributes declared in kernel C source against Documentation/ABI"

_LEVELS = ("warning", "info", "never")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("tree", metavar="TREE", help="a kernel source tree (with Documentation/ABI)")
    p.add_argument(
        "subpaths",
        nargs="*",
        metavar="SUBPATH",
        help="only scan these parts of TREE (doc-without-code is then not reported)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--fail-on",
        default="warning",
        metavar="LEVEL|KINDS",
        help="exit 1 on findings at or above this severity (warning, info, never) or of these "
        f"comma-separated kinds ({', '.join(KINDS)}); default: warning",
    )
    p.add_argument("--abi", metavar="DIR", help="Documentation/ABI to use (default: TREE's own)")
    p.add_argument(
        "--jobs", "-j", type=int, default=0, metavar="N", help="scanner processes (0: one per CPU)"
    )
    p.add_argument("--no-cache", action="store_true", help="do not read or write the scan cache")
    p.add_argument("--no-hints", action="store_true", help="text format: no hint lines")


_RANK = {"info": 0, "warning": 1, "never": 99}


def _fails(value: str) -> Callable[[XFinding], bool] | None:
    """Whether a finding makes the exit code 1 under ``--fail-on value``; None
    when ``value`` is not valid.  A level compares each finding's own severity
    (a tolerated hwmon mode-mismatch is info); kinds name kinds."""
    value = value.strip()
    if value in _LEVELS:
        rank = _RANK[value]
        return lambda f: _RANK[f.severity] >= rank
    kinds = {k.strip() for k in value.split(",") if k.strip()}
    if not kinds or not kinds <= set(KINDS):
        return None
    return lambda f: f.kind in kinds


def run(args: argparse.Namespace) -> int:
    from abi_tools.csrc import default_cache_dir, scan_tree
    from abi_tools.tree import load_tree
    from abi_tools.xcheck import cross_check
    from abi_tools.xcheck.report import summary, write_json, write_text

    fails = _fails(args.fail_on)
    if fails is None:
        report.error(f"--fail-on: expected one of {', '.join(_LEVELS)} or kinds from {', '.join(KINDS)}")
        return report.EXIT_USAGE
    if args.jobs < 0:
        report.error(f"--jobs must be >= 0, not {args.jobs}")
        return report.EXIT_USAGE
    if not os.path.isdir(args.tree):
        report.error(f"{args.tree}: not a directory (expected a kernel source tree)")
        return report.EXIT_USAGE
    abi = args.abi or os.path.join(args.tree, "Documentation", "ABI")
    if not os.path.isdir(abi):
        report.error(f"{abi}: no such directory; name the ABI folder with --abi")
        return report.EXIT_USAGE
    for sub in args.subpaths:
        if not os.path.exists(os.path.join(args.tree, sub)):
            report.error(f"{os.path.join(args.tree, sub)}: no such file or directory")
            return report.EXIT_USAGE

    scans = scan_tree(
        args.tree,
        args.subpaths,
        jobs=args.jobs,
        cache_dir=None if args.no_cache else default_cache_dir(),
        progress=True,
        progress_label="xcheck",
    )
    tree = load_tree([args.abi or args.tree])
    for d in tree.diagnostics:
        sys.stderr.write(f"{d.span}: warning: {d.message}\n")
    for r in scans:
        if r.error:
            sys.stderr.write(f"{r.file}: warning: {r.error}\n")
    result = cross_check(tree, scans, complete=not args.subpaths)
    summ = summary(result.matches, result.findings)
    if args.format == "json":
        write_json(sys.stdout, result, summ, scans)
    else:
        write_text(sys.stdout, result, summ, hints=not args.no_hints)
    failed = any(fails(f) for f in result.findings)
    return report.EXIT_FINDINGS if failed else report.EXIT_OK
