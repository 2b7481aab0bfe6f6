"""``abi-tools dump``: the parsed model, for other tools."""

from __future__ import annotations

import argparse
import sys

from abi_tools import report

NAME = "dump"
HELP = "Print the parsed model of ABI files (JSON, or a short text listing)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("json", "text"), default="json")


def run(args: argparse.Namespace) -> int:
    from abi_tools.tree import load_tree

    tree = load_tree(args.paths)
    for d in tree.diagnostics:
        report.error(f"{d.span.path}: {d.message}")
    if args.format == "json":
        # One serialisation of the model for every consumer: the same as `render json`.
        from abi_tools.render.json import render_json

        sys.stdout.write(render_json(tree))
    else:
        for _f, e in tree.entries():
            for w in e.whats:
                sys.stdout.write(f"{w.span}: {e.level}: {w.path}\n")
    return report.EXIT_USAGE if tree.diagnostics and not tree.files else report.EXIT_OK
