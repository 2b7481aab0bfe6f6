"""The ``abi-tools`` command line: argparse sub-commands, nothing else."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
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


def command_name(module: str) -> str:
    """The name a user types for a command module (``scan_c`` -> ``scan-c``)."""
    return module.replace("_", "-")


def _wanted(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules a command line needs: only the named command's
    (importing them all costs more than linting a small tree: diff and
    render pull in docutils, jinja2 and a second grammar), or every one
    when the line names none or an unknown one, for help and errors."""
    for arg in argv:
        if arg == "--":
            break
        if arg.startswith("-"):
            continue
        hit = tuple(m for m in COMMANDS if command_name(m) == arg)
        return hit or COMMANDS
    return COMMANDS


def _terminal_columns() -> int:
    """What shutil.get_terminal_size() says: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized without shutil.

    argparse makes one for every add_argument(), and sizes it with
    shutil.get_terminal_size(): importing shutil (with bz2, lzma and
    fnmatch) was 2 ms of every run's start.
    """

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ):
        super().__init__(
            prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width
        )


def build_parser(modules: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """The argument parser with the given command modules (default: all of them)."""
    parser = argparse.ArgumentParser(
        prog="abi-tools",
        description="Parse, lint, cross-check, render and diff the kernel's Documentation/ABI.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"abi-tools {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        mod = _load(name)
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP, formatter_class=_Formatter)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command line; without ``argv``, the process's own, which ends with it."""
    if argv is None:
        try:
            return _main(sys.argv[1:])
        finally:
            # The interpreter's last act is a full garbage collection over
            # every object still alive (lark's tables, docutils, findings):
            # 15-25 ms after linting 6.12.  Frozen objects are skipped.
            gc.freeze()
    return _main(argv)


def _main(argv: Sequence[str]) -> int:
    argv = list(argv)
    parser = build_parser(_wanted(argv))
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
