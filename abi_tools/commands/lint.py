"""``abi-tools lint``: parse and lint ABI files, a folder, or a whole kernel tree."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from typing import Any

from abi_tools import report, selection
from abi_tools.config import Config, ConfigError
from abi_tools.model import Diagnostic, Severity

NAME = "lint"
HELP = "Parse and lint Documentation/ABI files (a kernel tree, a folder, or files)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="kernel tree, ABI folder or ABI file")
    p.add_argument("--format", choices=report.FORMATS, default="text", help="output format")
    selection.add_arguments(p)
    p.add_argument("--statistics", action="store_true", help="print counts per rule instead of findings")
    p.add_argument("--baseline", metavar="FILE", help="suppress findings recorded in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record all findings in FILE and exit 0")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    p.add_argument("--no-hints", action="store_true", help="text format: no hint lines")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--jobs", type=int, default=0, help="processes to lint with (default: all cores)")
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    # A lint run allocates some hundred thousand objects (modules, the
    # grammar, the model, findings) and frees almost none before it ends:
    # the cyclic collector would only walk them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from abi_tools.rules import all_rules

    try:
        cfg = selection.config(args, args.paths[0])
        # check-patch's checks never run here: their modules stay unloaded.
        selected, overrides = selection.rules(args, cfg, patch=False)
    except (ConfigError, selection.SelectionError) as exc:
        report.error(str(exc))
        return report.EXIT_USAGE
    fail_on = selection.fail_on(args, cfg)

    diags, nfiles, nentries, lines = _lint(args, cfg, selected, overrides)

    if args.write_baseline:
        from abi_tools.baseline import write_baseline

        try:
            write_baseline(args.write_baseline, diags, lines)
        except OSError as exc:
            report.error(f"{args.write_baseline}: cannot write baseline: {exc.strerror}")
            return report.EXIT_USAGE
        sys.stderr.write(f"abi-tools: wrote {len(diags)} findings to {args.write_baseline}\n")
        return report.EXIT_OK

    suppressed = 0
    baseline = args.baseline or cfg.baseline
    if baseline:
        from abi_tools.baseline import apply_baseline, read_baseline

        try:
            known = read_baseline(baseline)
        except OSError as exc:
            report.error(f"{baseline}: cannot read baseline: {exc.strerror}")
            return report.EXIT_USAGE
        except ValueError as exc:
            report.error(str(exc))
            return report.EXIT_USAGE
        diags, suppressed = apply_baseline(diags, known, lines)

    out = sys.stdout
    if args.statistics:
        report.write_statistics(out, diags)
        out.write(report.summary_line(diags, nfiles, nentries, suppressed) + "\n")
    elif args.format == "json":
        report.write_json(out, diags, nfiles, nentries, suppressed)
    elif args.format == "sarif":
        report.write_sarif(out, diags, [r for r in all_rules() if r.id in selected and r.scope != "patch"])
    elif args.format == "github":
        report.write_github(out, diags)
    else:
        colour = args.color == "always" or (args.color == "auto" and report.use_colour(out))
        report.write_text(out, diags, nfiles, nentries, colour, suppressed, hints=not args.no_hints)
    return report.exit_code(diags, fail_on)


class _Lines:
    """Line text by (display path, line), read lazily, for baseline fingerprints."""

    def __init__(self, files: dict[str, str]) -> None:
        self._paths = files
        self._cache: dict[str, list[str]] = {}

    def __call__(self, path: str, line: int) -> str:
        if path not in self._cache:
            real = self._paths.get(path)
            try:
                with open(real or path, encoding="utf-8", errors="replace") as fh:
                    self._cache[path] = fh.read().splitlines()
            except OSError:
                self._cache[path] = []
        lines = self._cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""


def _lint(
    args: argparse.Namespace, cfg: Config, selected: set[str], overrides: dict[str, Severity]
) -> tuple[list[Diagnostic], int, int, _Lines]:
    from abi_tools.lint import kernel_dir_of, tree_version
    from abi_tools.sources import iter_sources

    kdir = kernel_dir_of(args.paths[0])
    version, version_text = tree_version(kdir) if kdir else (None, "")
    today = args.today or dt.date.today()
    problems: list[Diagnostic] = []
    sources = [s for p in args.paths for s in iter_sources(p, problems)]
    display_to_real = {s.display: s.path for s in sources}
    lines = _Lines(display_to_real)

    key = None
    if not args.no_cache and not problems:
        from abi_tools import runcache

        settings: Any = [
            sorted(selected),
            sorted((k, v.value) for k, v in overrides.items()),
            cfg.rules,
            version,
            str(today),
        ]
        blobs = []
        for s in sources:
            try:
                with open(s.path, "rb") as fh:
                    blobs.append((s.display, fh.read()))
            except OSError:
                blobs = []
                break
        if blobs:
            key = runcache.run_key(settings, blobs)
            hit = runcache.load(key)
            if hit is not None:
                return hit[0], hit[1], hit[2], lines

    from abi_tools.lint import LintContext
    from abi_tools.lint_jobs import lint_sources
    from abi_tools.rules import description_rest, resolve, rest_cache

    ctx = LintContext(version, version_text, today, cfg.rules, overrides)
    rest = bool(resolve(["description-rest"], patch=False) & selected)
    if rest:
        # Before the work is spread over processes, so that they all start
        # with docutils loaded and the verdicts of earlier runs.
        description_rest.warm_up()
        if args.no_cache:
            rest_cache.CACHE = {}
        else:
            rest_cache.load_cache()
    diags, nfiles, nentries = lint_sources(sources, problems, ctx, selected, args.jobs or os.cpu_count() or 1)
    if rest and not args.no_cache:
        rest_cache.save_cache()
    if key is not None:
        from abi_tools import runcache

        runcache.store(key, diags, nfiles, nentries)
    return diags, nfiles, nentries, lines
