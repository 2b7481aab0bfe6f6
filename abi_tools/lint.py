"""Running the rules over a parsed tree: rules x files -> diagnostics."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from abi_tools.model import AbiFile, AbiTree, Diagnostic, Severity
from abi_tools.rules import Finding, Rule, all_rules

# [ \t], not \s: an empty ``EXTRAVERSION =`` must not take the next line's word.
_MAKEFILE_VAR = re.compile(r"^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)[ \t]*=[ \t]*(\S*)", re.M)


@dataclass
class LintContext:
    """What rules may know beyond the documents themselves."""

    #: The kernel version of the linted tree, from its top Makefile: (major, minor).
    tree_version: tuple[int, int] | None = None
    #: The tree's version as its Makefile spells it, for messages:
    #: "6.16-rc3" (mainline), "6.12.117" (a stable tree).
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
    return makefile_version(head)


def makefile_version(text: str) -> tuple[tuple[int, int] | None, str]:
    """What a kernel Makefile says: ((6, 16), "6.16-rc3"), ((6, 12), "6.12.117"), or (None, "")."""
    got = dict(_MAKEFILE_VAR.findall(text[:4096]))
    try:
        major, minor = int(got["VERSION"]), int(got["PATCHLEVEL"])
    except (KeyError, ValueError):
        return None, ""
    # A stable tree says which stable release it is (6.12.117); a mainline
    # tree has SUBLEVEL 0 and perhaps an -rc EXTRAVERSION (6.16-rc3).
    sub = got.get("SUBLEVEL", "0")
    text = (
        f"{major}.{minor}" + (f".{sub}" if sub.isdigit() and int(sub) else "") + got.get("EXTRAVERSION", "")
    )
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


class RulePlan:
    """The selected rules, split by scope, with the severity each reports at.

    A run is :meth:`check_file` on every file (anywhere, in any process),
    then :meth:`check_tree` once on what the tree rules gathered of each
    file; :func:`run_rules` does both in one process.
    """

    def __init__(self, ctx: LintContext, selected: Iterable[str] | None = None) -> None:
        self.ctx = ctx
        # Without check-patch's checks: no scope of theirs runs here.
        rules = all_rules(patch=False)
        self.wanted = set(selected) if selected is not None else {r.id for r in rules if r.default}
        rules = [r for r in rules if r.id in self.wanted]
        self.file_rules = [r for r in rules if r.scope == "file"]
        self.tree_rules = [r for r in rules if r.scope == "tree"]
        self._entry_checks = [
            (r.check, r.id, r.name, ctx.severity_overrides.get(r.id, r.severity))
            for r in rules
            if r.scope == "entry"
        ]

    def check_file(self, f: AbiFile) -> list[Diagnostic]:
        """The file's read/parse problems and the findings of the file and entry rules."""
        ctx = self.ctx
        out = [d for d in f.diagnostics if d.rule_id in self.wanted]
        for r in self.file_rules:
            out.extend(_wrap(r, ctx, r.check(ctx, f)))
        # The innermost loop of a run (entries x rules): no wrapper generator.
        for e in f.entries:
            for check, rid, name, sev in self._entry_checks:
                for fd in check(ctx, f, e):
                    out.append(Diagnostic(rid, name, sev, fd.span, fd.message, fd.hint))
        return out

    def gather(self, f: AbiFile) -> list[Any]:
        """What each tree rule needs of this file, in the order of :attr:`tree_rules`."""
        return [r.gather(f) for r in self.tree_rules if r.gather is not None]

    def check_tree(self, gathered: Sequence[list[Any]]) -> list[Diagnostic]:
        """Findings of the tree rules, from :meth:`gather` of every file in order."""
        out: list[Diagnostic] = []
        for i, r in enumerate(self.tree_rules):
            out.extend(_wrap(r, self.ctx, r.check(self.ctx, [g[i] for g in gathered])))
        return out


def run_rules(tree: AbiTree, ctx: LintContext, selected: Iterable[str] | None = None) -> list[Diagnostic]:
    """Every finding of the selected rules (ids), plus read/parse problems."""
    plan = RulePlan(ctx, selected)
    out = [d for d in tree.diagnostics if d.rule_id in plan.wanted]
    for f in tree.files:
        out.extend(plan.check_file(f))
    out.extend(plan.check_tree([plan.gather(f) for f in tree.files]))
    out.sort(key=Diagnostic.sort_key)
    return out


def _wrap(r: Rule, ctx: LintContext, findings: Iterable[Finding]) -> Iterable[Diagnostic]:
    severity = ctx.severity_overrides.get(r.id, r.severity)
    for f in findings:
        yield Diagnostic(r.id, r.name, severity, f.span, f.message, f.hint)
