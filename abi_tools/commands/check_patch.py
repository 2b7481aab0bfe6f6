"""``abi-tools check-patch``: a patch author's pre-submit check of what a series does to the ABI."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
from typing import IO, Any

from abi_tools import __version__, report, selection
from abi_tools.config import ConfigError
from abi_tools.model import Diagnostic

NAME = "check-patch"
HELP = (
    "Check a patch, a series (mbox), a mail thread or a git range before sending: "
    "new ABI entries and their KernelVersion, Date and Contact, the attributes they document, removals."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="PATCH",
        help="git format-patch files, an mbox, a bare diff or a saved mail thread; '-' reads stdin",
    )
    p.add_argument(
        "--git",
        metavar="RANGE",
        help="check the commits of RANGE (e.g. origin/master..HEAD); findings give the lines of"
        " 'git format-patch --stdout RANGE' and of the files",
    )
    p.add_argument(
        "--tree",
        metavar="DIR",
        help="the kernel tree the series applies to (with --git: the repository, default: here)",
    )
    p.add_argument(
        "--target-version",
        metavar="X.Y",
        help="the release the series is meant for (decides which KernelVersion is still possible)",
    )
    p.add_argument("--format", choices=report.FORMATS, default="text", help="output format")
    selection.add_arguments(p)
    p.add_argument("--no-hints", action="store_true", help="text format: no hint lines")
    p.add_argument("-v", "--verbose", action="store_true", help="text format: also list what was checked")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)


class UsageError(Exception):
    """Bad arguments or unreadable input: exit code 2, one line on stderr."""


def _target(text: str | None) -> Any:
    from abi_tools import releases

    if text is None:
        return None
    v = releases.Version.try_parse(text)
    if v is None:
        raise UsageError(f"--target-version {text!r} is not a release number like 6.18")
    if not releases.exists(v):
        instead = releases.successor(v)
        raise UsageError(f"--target-version {v}: there is no such release (it would be {instead})")
    return v.release()


def _read_inputs(args: argparse.Namespace) -> tuple[Any, Any]:
    """(series, base) from the arguments."""
    from abi_tools.patch import read_git_range, read_patches
    from abi_tools.precheck.base import Base, BaseError, DirBase, git_range_base
    from abi_tools.precheck.series import combine

    if args.git and args.inputs:
        raise UsageError("give patch files or --git RANGE, not both")
    if not args.git and not args.inputs:
        raise UsageError("nothing to check: give patch files, '-' for stdin, or --git RANGE")
    base: Base = Base()
    if args.git:
        repo = args.tree or "."
        try:
            base = git_range_base(repo, args.git) or Base()
        except BaseError as exc:
            raise UsageError(str(exc)) from exc
        # Findings name the range; their lines are those of `git format-patch --stdout RANGE`.
        sets = [dataclasses.replace(read_git_range(repo, args.git), source=args.git)]
        if not sets[0].patches and sets[0].diagnostics:
            raise UsageError(f"{repo}: {sets[0].diagnostics[0].message}")
    else:
        if args.tree:
            try:
                base = DirBase(args.tree)
            except BaseError as exc:
                raise UsageError(str(exc)) from exc
        sets = []
        for name in args.inputs:
            sets.append(read_patches(_read_bytes(name), "<stdin>" if name == "-" else name))
    series = combine(sets)
    if not series.patches:
        first = next((f"{s}:{pr.line}: {pr.message}" for s, pr in series.problems), "")
        names = ", ".join(s.source for s in sets)
        raise UsageError(f"no patch found in {names}" + (f" ({first})" if first else ""))
    return series, base


def _read_bytes(name: str) -> bytes:
    try:
        if name == "-":
            return sys.stdin.buffer.read()
        with open(name, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from exc


def run(args: argparse.Namespace) -> int:
    try:
        cfg = selection.config(args, args.tree or os.getcwd())
        selected, overrides = selection.rules(args, cfg)
        target = _target(args.target_version)
        series, base = _read_inputs(args)
    except (UsageError, ConfigError, selection.SelectionError) as exc:
        report.error(str(exc))
        return report.EXIT_USAGE
    fail_on = selection.fail_on(args, cfg)

    from abi_tools.precheck import run_checks
    from abi_tools.precheck.context import build_context
    from abi_tools.precheck.postlint import lint_series

    ctx = build_context(series, base, args.today or dt.date.today(), target, cfg.rules, overrides)
    diags = lint_series(ctx, selected) + run_checks(ctx, selected)
    diags.sort(key=Diagnostic.sort_key)

    out = sys.stdout
    if args.format == "json":
        _write_json(out, ctx, diags)
    elif args.format == "sarif":
        from abi_tools.rules import all_rules

        report.write_sarif(out, diags, [r for r in all_rules() if r.id in selected])
    elif args.format == "github":
        report.write_github(out, diags)
    else:
        colour = args.color == "always" or (args.color == "auto" and report.use_colour(out))
        _write_text(out, ctx, diags, colour, hints=not args.no_hints, verbose=args.verbose)
    return report.exit_code(diags, fail_on)


def _checked(ctx: Any) -> list[dict[str, Any]]:
    """The ABI entries the series adds or changes."""
    new = {(a.file.path, e.span.line) for a, e in ctx.new_entries()}
    out = []
    for a in ctx.abi:
        for e in a.file.entries:
            if not a.touched(e):
                continue
            out.append(
                {
                    "file": a.file.path,
                    "line": e.span.line,
                    "whats": list(e.what_paths),
                    "new": (a.file.path, e.span.line) in new,
                }
            )
    return out


def _declarations(ctx: Any) -> list[dict[str, Any]]:
    """The attribute declarations the series adds, and the entry each is matched to."""
    out = []
    for m in ctx.code_check.added_matches():
        d = m.decl
        out.append(
            {
                "file": d.file,
                "line": d.line,
                "macro": d.macro,
                "name": d.name,
                "mode": d.mode,
                "group": d.group,
                "group_name": d.group_name,
                "what": m.what.path if m.what else None,
                "abi_file": m.abi_file,
                "abi_line": m.what.span.line if m.what else None,
                "confidence": m.confidence,
                "doc_mode": m.doc_mode,
                "modes_agree": (m.doc_mode == d.mode) if m.doc_mode and d.mode else None,
                "reasons": list(m.reasons),
            }
        )
    return out


def _summary(ctx: Any, diags: list[Diagnostic]) -> str:
    n = len(ctx.series.patches)
    entries = _checked(ctx)
    c = report.counts(diags)
    parts = [f"{c[k]} {k}{'s' if c[k] != 1 and k != 'info' else ''}" for k in c]
    return (
        f"{n} patch{'es' if n != 1 else ''}, {len(ctx.abi)} ABI file{'s' if len(ctx.abi) != 1 else ''}, "
        f"{len(entries)} entr{'ies' if len(entries) != 1 else 'y'} added or changed: " + ", ".join(parts)
    )


def _write_text(
    out: IO[str], ctx: Any, diags: list[Diagnostic], colour: bool, hints: bool, verbose: bool
) -> None:
    if verbose:
        for e in _checked(ctx):
            state = "new" if e["new"] else "changed"
            for w in e["whats"]:
                out.write(f"{e['file']}:{e['line']}: {state} entry: {w}\n")
        for decl in _declarations(ctx):
            group = f" in group '{decl['group_name']}'" if decl["group_name"] else ""
            head = f"{decl['file']}:{decl['line']}: new {decl['macro']}({decl['name']}){group}"
            if decl["what"] is None:
                out.write(f"{head}: no entry\n")
                continue
            modes = {True: "modes agree", False: "modes differ", None: "mode not stated"}[decl["modes_agree"]]
            where = f"{decl['abi_file']}:{decl['abi_line']}"
            out.write(f"{head} -> {decl['what']} ({where}), {decl['confidence']} confidence, {modes}\n")
    for d in diags:
        text = report.format_text(d, colour)
        if not hints:
            text = "\n".join(ln for ln in text.split("\n") if not ln.startswith("    hint: "))
        out.write(text + "\n")
    out.write(_summary(ctx, diags) + "\n")


def _write_json(out: IO[str], ctx: Any, diags: list[Diagnostic]) -> None:
    doc = {
        "tool": "abi-tools",
        "version": __version__,
        "patches": [
            {
                "source": ctx.series.sources[k],
                "line": p.start_line,
                "subject": p.subject,
                "date": p.date.isoformat() if p.date else None,
                "files": [fp.path for fp in p.files],
            }
            for k, p in enumerate(ctx.series.patches)
        ],
        "entries": _checked(ctx),
        "declarations": _declarations(ctx),
        "code_checked_against_tree": ctx.code_check.complete,
        "summary": report.counts(diags),
        "diagnostics": [report.diagnostic_dict(d) for d in diags],
    }
    json.dump(doc, out, indent=2, ensure_ascii=False)
    out.write("\n")
