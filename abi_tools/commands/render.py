"""``abi-tools render FORMAT PATH... -o OUT``: the ABI as HTML, man pages, JSON or ReST."""

from __future__ import annotations

import argparse
import os
import sys

NAME = "render"
HELP = "Render the ABI documentation as an HTML site, man pages, JSON or ReST."

FORMATS = ("html", "man", "json", "rest")
_DIR_FORMATS = ("html", "man")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", metavar="FORMAT", choices=FORMATS, help="one of: " + ", ".join(FORMATS))
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="a kernel tree, a Documentation/ABI folder, or ABI files",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output directory (html, man) or file (json, rest; '-' or omitted: standard output)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="processes that render the HTML pages (default: all cores)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty directory that abi-tools did not create (other files are kept)",
    )


def _error(message: str) -> int:
    print(f"abi-tools render: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from abi_tools.model import Severity
    from abi_tools.render.write import OutputError, write_directory, write_file
    from abi_tools.tree import load_tree

    fmt: str = args.format
    out: str | None = args.output
    if fmt in _DIR_FORMATS and not out:
        return _error(f"{fmt} output is a directory: give it with -o DIR")
    jobs = args.jobs if args.jobs > 0 else os.cpu_count() or 1
    tree = load_tree(args.paths)
    fatal = [d for d in tree.diagnostics if d.severity is Severity.ERROR]
    if fatal and not tree.files:
        return _error(f"{fatal[0].span.path}: {fatal[0].message}")
    for d in tree.diagnostics:
        print(f"{d.span}: {d.severity.value}: {d.message}", file=sys.stderr)
    try:
        if fmt == "html":
            from abi_tools.render.html import render_site

            assert out is not None
            files = render_site(tree, jobs=jobs)
            write_directory(out, files, force=args.force)
            index = os.path.join(out, "index.html")
            print(f"wrote {len(files)} files to {out} (open {index})", file=sys.stderr)
        elif fmt == "man":
            from abi_tools.render.man import render_man

            assert out is not None
            files = render_man(tree)
            write_directory(out, files, force=args.force)
            print(f"wrote {len(files)} man pages to {os.path.join(out, 'man5')}", file=sys.stderr)
        else:
            if fmt == "json":
                from abi_tools.render.json import render_json

                text = render_json(tree)
            else:
                from abi_tools.render.rest import render_rest

                text = render_rest(tree)
            if out in (None, "-"):
                sys.stdout.write(text)
            else:
                write_file(out, text.encode())
    except OutputError as exc:
        return _error(str(exc))
    return 0
