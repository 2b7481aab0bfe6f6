"""``abi-tools diff``: what ABI two trees, two revisions or two series versions change."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from abi_tools.diff import CLASSES, Change, DiffResult, diff_trees, format_word_diff
from abi_tools.diffsource import (
    SourceError,
    load_base,
    load_git_rev,
    load_path,
    load_series,
)
from abi_tools.model import AbiTree

NAME = "diff"
HELP = "Report ABI added, removed, moved, renamed or reworded between two trees, revisions or series."

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: Words of unchanged text kept on each side of a change in the text format.
CONTEXT_WORDS = 4


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sides",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="two kernel trees or ABI folders/files; with --git two revisions; with --base two series",
    )
    src = parser.add_mutually_exclusive_group()
    src.add_argument("--git", metavar="REPO", help="compare Documentation/ABI at two revisions of REPO")
    src.add_argument(
        "--base",
        metavar="TREE",
        help="compare two versions of a patch series (patch/mbox files), each applied to TREE",
    )
    parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report here (default: stdout)")
    parser.add_argument(
        "--fail-on",
        choices=("breaking", "notable", "benign", "never"),
        default="never",
        help="exit 1 when a change of this class or worse is present (default: never)",
    )


def _problems(tree: AbiTree) -> list[str]:
    """File-level read problems (unreadable, binary, encoding) as checkpatch-style lines."""
    out = list(tree.diagnostics)
    for f in tree.files:
        out.extend(d for d in f.diagnostics if d.rule_id in ("ABI001", "ABI002"))
    return [f"{d.span.path}:{d.span.line}: {d.severity.value}: {d.message}" for d in out]


def _load(args: argparse.Namespace) -> tuple[AbiTree, AbiTree, str, str, list[str]]:
    """Both sides, their labels, and notes on reading them (series only)."""
    a, b = args.sides
    if args.git:
        old, new = load_git_rev(args.git, a), load_git_rev(args.git, b)
        return old, new, f"{args.git}@{a}", f"{args.git}@{b}", []
    if args.base:
        base = load_base(args.base)
        (old, old_notes), (new, new_notes) = (load_series(base, args.base, s) for s in (a, b))
        return old, new, a, b, [*old_notes, *new_notes]
    return load_path(a), load_path(b), a, b, []


# ---------------------------------------------------------------------------
# Text


def _condensed(parts: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The word diff with unchanged runs cut to a few words on each side."""
    items = list(parts)
    out: list[tuple[str, str]] = []
    for k, (op, t) in enumerate(items):
        words = t.split()
        if op != "=" or len(words) <= CONTEXT_WORDS:
            out.append((op, t))
            continue
        first, last = k == 0, k == len(items) - 1
        if first:
            t = "... " + " ".join(words[-CONTEXT_WORDS:])
        elif last:
            t = " ".join(words[:CONTEXT_WORDS]) + " ..."
        elif len(words) > 2 * CONTEXT_WORDS:
            t = " ".join(words[:CONTEXT_WORDS]) + " ... " + " ".join(words[-CONTEXT_WORDS:])
        out.append((op, t))
    return tuple(out)


def format_text(result: DiffResult) -> str:
    lines: list[str] = []
    for c in result.changes:
        lines.append(_text_line(c))
        if c.word_diff:
            lines.append("    " + format_word_diff(_condensed(c.word_diff)))
    lines.append("")
    lines.append(_summary_text(result))
    return "\n".join(lines) + "\n"


def _text_line(c: Change) -> str:
    r = c.where
    assert r is not None
    return f"{r.path}:{r.line}: {c.kind}: {c.what} [{c.klass}]" + (f" {c.detail}" if c.detail else "")


def _summary_text(result: DiffResult) -> str:
    width = max(len(k) for k in result.summary)
    head = "summary".ljust(width) + "".join(f"{cl:>10}" for cl in CLASSES)
    rows = [head]
    for kind, row in result.summary.items():
        rows.append(kind.ljust(width) + "".join(f"{row[cl]:>10}" for cl in CLASSES))
    totals = result.totals()
    rows.append("total".ljust(width) + "".join(f"{totals[cl]:>10}" for cl in CLASSES))
    return "\n".join(rows)


# ---------------------------------------------------------------------------
# JSON and HTML


def format_json(result: DiffResult, problems: list[str], old_label: str, new_label: str) -> str:
    doc: dict[str, Any] = {
        "old": old_label,
        "new": new_label,
        "summary": result.summary,
        "totals": result.totals(),
        "problems": problems,
        "changes": [c.to_json() for c in result.changes],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


_RANK = {"breaking": 0, "notable": 1, "benign": 2}


def run(args: argparse.Namespace) -> int:
    if args.format == "html" and not args.output:
        print("abi-tools diff: --format html needs -o FILE", file=sys.stderr)
        return EXIT_USAGE
    try:
        old, new, old_label, new_label, notes = _load(args)
    except SourceError as exc:
        print(f"abi-tools diff: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = diff_trees(old, new)
    problems = notes + _problems(old) + _problems(new)
    if args.format == "json":
        text = format_json(result, problems, old_label, new_label)
    elif args.format == "html":
        from abi_tools.render.diff_html import render_diff_html

        text = render_diff_html(result, problems, old_label, new_label)
    else:
        text = format_text(result)
    if args.output:
        from abi_tools.render.write import OutputError, write_file

        try:
            write_file(args.output, text.encode("utf-8"))
        except OutputError as exc:
            print(f"abi-tools diff: {exc}", file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    for p in problems:
        print(p, file=sys.stderr)
    if args.fail_on != "never":
        limit = _RANK[args.fail_on]
        if any(_RANK[c.klass] <= limit for c in result.changes):
            return EXIT_FINDINGS
    return EXIT_OK
