"""Running the rules over a parsed tree: rules x files -> diagnostics."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from abi_tools.model import AbiTree, Diagnostic, Severity
from abi_tools.rules import Finding, Rule, all_rules

_MAKEFILE_VAR = re.compile(r"^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\s*=\s*(\S*)", re.M)


@dataclass
class LintContext:
    """What rules may know beyond the documents themselves."""

    #: The kernel version of the linted tree, from its top Makefile: (major, minor).
    tree_version: tuple[int, int] | None = None
    #: "6.16-rc3" style string of the tree's version, for messages.
    tree_version_text: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    severity_overrides: dict[str, Severity] = field(default_factory=dict)


def tree_version(kernel_dir: str) -> tuple[tuple[int, int] | None, str]:
    """The version in a kernel tree's top Makefile, or (None, "")."""
    try:
        with open(os.path.join(kernel_dir, "Makefile"), encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except OSError:
        return None, ""
    got = dict(_MAKEFILE_VAR.findall(head))
    try:
        major, minor = int(got["VERSION"]), int(got["PATCHLEVEL"])
    except (KeyError, ValueError):
        return None, ""
    text = f"{major}.{minor}" + got.get("EXTRAVERSION", "")
    return (major, minor), text


def kernel_dir_of(path: str) -> str | None:
    """The kernel tree a linted path belongs to (it has Makefile and Documentation/ABI)."""
    p = os.path.abspath(path)
    while True:
        if os.path.isfile(os.path.join(p, "Makefile")) and os.path.isdir(
            os.path.join(p, "Documentation", "ABI")
        ):
            return p
        parent = os.path.dirname(p)
        if parent == p:
            return None
        p = parent


def run_rules(tree: AbiTree, ctx: LintContext, selected: Iterable[str] | None = None) -> list[Diagnostic]:
    """Every finding of the selected rules (ids), plus read/parse problems."""
    wanted = set(selected) if selected is not None else {r.id for r in all_rules() if r.default}
    rules = [r for r in all_rules() if r.id in wanted]
    out: list[Diagnostic] = []
    for d in tree.diagnostics:
        if d.rule_id in wanted:
            out.append(d)
    entry_rules = [r for r in rules if r.scope == "entry"]
    file_rules = [r for r in rules if r.scope == "file"]
    severity = {r.id: ctx.severity_overrides.get(r.id, r.severity) for r in rules}
    entry_checks = [(r.check, r.id, r.name, severity[r.id]) for r in entry_rules]
    for f in tree.files:
        out.extend(d for d in f.diagnostics if d.rule_id in wanted)
        for r in file_rules:
            out.extend(_wrap(r, ctx, r.check(ctx, f)))
        # The innermost loop of a run (entries x rules): no wrapper generator.
        for e in f.entries:
            for check, rid, name, sev in entry_checks:
                for fd in check(ctx, f, e):
                    out.append(Diagnostic(rid, name, sev, fd.span, fd.message, fd.hint))
    for r in rules:
        if r.scope == "tree":
            out.extend(_wrap(r, ctx, r.check(ctx, tree)))
    out.sort(key=Diagnostic.sort_key)
    return out


def _wrap(r: Rule, ctx: LintContext, findings: Iterable[Finding]) -> Iterable[Diagnostic]:
    severity = ctx.severity_overrides.get(r.id, r.severity)
    for f in findings:
        yield Diagnostic(r.id, r.name, severity, f.span, f.message, f.hint)
