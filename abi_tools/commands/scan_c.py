"""``abi-tools scan-c``: list the sysfs attributes kernel C source declares."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

from abi_tools.csrc import FAMILIES, Declaration, ScanResult, default_cache_dir, scan_tree

NAME = "scan-c"
HELP = "list sysfs attribute declarations (DEVICE_ATTR_RO() & co.) found in kernel C source"

EXIT_OK = 0
EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a kernel tree, directory or file")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (0: one per CPU)"
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=f"do not read or write the result cache ({default_cache_dir()})",
    )


def format_declaration(d: Declaration) -> str:
    parts = [f"{d.file}:{d.line}: {d.macro} {d.name}"]
    if d.octal is not None:
        parts.append(f"mode={d.mode or '-'}({d.octal:04o})")
    else:
        parts.append("mode=?")
    if d.module:
        parts.append(f"module={d.module}")
    if d.group:
        parts.append(f"group={d.group}")
    if d.group_name:
        parts.append(f"name={d.group_name}")
    elif d.group_name_expr:
        parts.append(f"name=<{d.group_name_expr}>")
    elif d.array and not d.group:
        parts.append(f"array={d.array}")
    if d.via_wrapper:
        parts.append(f"via={d.via_wrapper}")
    return " ".join(parts)


def _summary(results: list[ScanResult]) -> str:
    families = Counter(d.family for r in results for d in r.declarations)
    total = sum(families.values())
    unexpanded = sum(len(r.unexpanded) for r in results)
    per = ", ".join(f"{f} {families[f]}" for f in FAMILIES if families[f])
    return f"{len(results)} files scanned, {total} declarations ({per or 'none'}), {unexpanded} unexpanded"


def run(args: argparse.Namespace) -> int:
    if args.jobs < 0:
        print(f"abi-tools scan-c: --jobs must be >= 0, not {args.jobs}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    results: list[ScanResult] = []
    for path in args.paths:
        if not os.path.exists(path):
            print(f"abi-tools scan-c: {path}: no such file or directory", file=sys.stderr)
            status = EXIT_USAGE
            continue
        results.extend(
            scan_tree(
                path,
                jobs=args.jobs,
                cache_dir=None if args.no_cache else default_cache_dir(),
                progress=args.format == "text",
            )
        )
    for r in results:
        if r.error:
            print(f"{r.file}: error: {r.error}", file=sys.stderr)
    if args.format == "json":
        doc = {
            "files_scanned": len(results),
            "declarations": [d.to_json() for r in results for d in r.declarations],
            "unexpanded": [u.to_json() for r in results for u in r.unexpanded],
            "errors": [{"file": r.file, "error": r.error} for r in results if r.error],
        }
        json.dump(doc, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        out = sys.stdout
        for r in results:
            for d in r.declarations:
                out.write(format_declaration(d) + "\n")
            for u in r.unexpanded:
                out.write(f"{u.file}:{u.line}: unexpanded {u.macro}: {u.reason}\n")
        out.write(_summary(results) + "\n")
    return status
