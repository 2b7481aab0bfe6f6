"""``abi-tools dump``: the parsed model, for other tools."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from abi_tools import report
from abi_tools.model import AbiEntry, AbiFile, AbiTree

NAME = "dump"
HELP = "Print the parsed model of ABI files (JSON, or a short text listing)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("json", "text"), default="json")


def entry_dict(e: AbiEntry) -> dict[str, Any]:
    return {
        "line": e.span.line,
        "end_line": e.span.last_line,
        "level": e.level,
        "whats": [
            {"path": w.path, "line": w.span.line, "column": w.span.column, "continuation": w.continuation}
            for w in e.whats
        ],
        "fields": [
            {
                "tag": f.tag,
                "raw_tag": f.raw_tag,
                "value": f.value,
                "line": f.span.line,
                "end_line": f.span.last_line,
            }
            for f in e.fields
        ],
    }


def file_dict(f: AbiFile) -> dict[str, Any]:
    return {
        "path": f.path,
        "level": f.level,
        "preamble": f.preamble,
        "entries": [entry_dict(e) for e in f.entries],
        "problems": [report.diagnostic_dict(d) for d in f.diagnostics],
    }


def tree_dict(tree: AbiTree) -> dict[str, Any]:
    return {
        "files": [file_dict(f) for f in tree.files],
        "problems": [report.diagnostic_dict(d) for d in tree.diagnostics],
        "entries": tree.entry_count,
    }


def run(args: argparse.Namespace) -> int:
    from abi_tools.tree import load_tree

    tree = load_tree(args.paths)
    for d in tree.diagnostics:
        report.error(f"{d.span.path}: {d.message}")
    if args.format == "json":
        json.dump(tree_dict(tree), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for _f, e in tree.entries():
            for w in e.whats:
                sys.stdout.write(f"{w.span}: {e.level}: {w.path}\n")
    return report.EXIT_USAGE if tree.diagnostics and not tree.files else report.EXIT_OK
