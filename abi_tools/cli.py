"""The ``abi-tools`` command line: argparse sub-commands, nothing else."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from abi_tools import __version__

#: Sub-command modules under abi_tools.commands, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "lint",
    "check_patch",
    "diff",
    "rules",
    "dump",
    "render",
    "scan_c",
    "xcheck",
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def _load(name: str) -> ModuleType:
    return importlib.import_module(f"abi_tools.commands.{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="abi-tools",
        description="Parse, lint, cross-check, render and diff the kernel's Documentation/ABI.",
    )
    parser.add_argument("--version", action="version", version=f"abi-tools {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        mod = _load(name)
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("abi-tools: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
