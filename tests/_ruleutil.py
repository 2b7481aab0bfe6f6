"""Helpers for rule tests: run some rules on a snippet of our own."""

from __future__ import annotations

import datetime as dt

from abi_tools.lint import LintContext, run_rules
from abi_tools.model import AbiTree, Diagnostic
from abi_tools.parse import parse_text
from abi_tools.rules import all_rules

TODAY = dt.date(2026, 11, 27)


def ctx(tree_version: tuple[int, int] | None = (6, 12), today: dt.date = TODAY) -> LintContext:
    return LintContext(tree_version=tree_version, today=today)


def run(text: str, ids: list[str], c: LintContext | None = None) -> list[Diagnostic]:
    f = parse_text(text, "Documentation/ABI/testing/sysfs-foo")
    return [d for d in run_rules(AbiTree("", (f,)), c or ctx(), ids) if d.rule_id in ids]


def entry(**fields: str) -> str:
    out = "What:\t\t/sys/foo\n"
    for tag, value in fields.items():
        out += f"{tag}:\t{value}\n"
    return out + "Description:\tReads the foo counter.\n"


def examples(rule_id: str) -> dict[str, str]:
    (r,) = [r for r in all_rules() if r.id == rule_id]
    return r.examples()
