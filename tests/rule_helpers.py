"""Running rules on texts of our own, and on their docstring examples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from abi_tools.lint import LintContext, run_rules
from abi_tools.model import AbiTree, Diagnostic
from abi_tools.parse import parse_text
from abi_tools.rules import Rule, all_rules
from abi_tools.tree import load_tree

PATH = "Documentation/ABI/testing/sysfs-example"
TODAY = dt.date(2026, 11, 27)


def ctx(tree_version: tuple[int, int] | None = (6, 12), today: dt.date = TODAY) -> LintContext:
    return LintContext(tree_version=tree_version, today=today)


def lint(rule_id: str, text: str, ctx: LintContext | None = None) -> list[Diagnostic]:
    tree = AbiTree("", (parse_text(text, PATH),))
    return run_rules(tree, ctx or LintContext(), [rule_id])


def run(text: str, ids: list[str], c: LintContext | None = None) -> list[Diagnostic]:
    """Findings of these rules on a text, judged at TODAY in a 6.12 tree by default."""
    tree = AbiTree("", (parse_text(text, PATH),))
    return [d for d in run_rules(tree, c or ctx(), ids) if d.rule_id in ids]


def entry(**fields: str) -> str:
    out = "What:\t\t/sys/foo\n"
    for tag, value in fields.items():
        out += f"{tag}:\t{value}\n"
    return out + "Description:\tReads the foo counter.\n"


def examples(rule_id: str) -> dict[str, str]:
    return get_rule(rule_id).examples()


def assert_examples_hold(rule_id: str) -> None:
    """The rule's PASS example gives no finding and its FAIL example exactly one."""
    ex = examples(rule_id)
    assert run(ex["PASS"], [rule_id]) == []
    got = run(ex["FAIL"], [rule_id])
    assert len(got) == 1 and got[0].rule_id == rule_id


def get_rule(rule_id: str) -> Rule:
    return next(r for r in all_rules() if r.id == rule_id)


def example(rule_id: str, kind: str) -> str:
    """A docstring example made into a whole entry (a What and a Description added when missing)."""
    text = get_rule(rule_id).examples()[kind].replace("␠", " ")
    if not text.startswith("What:"):
        text = "What:\t\t/sys/foo\n" + text
    if "Description:" not in text:
        text += "Description:\tReads foo.\n"
    return text


def corpus_findings(tree_dir: Path, rule_id: str) -> list[Diagnostic]:
    return run_rules(load_tree([str(tree_dir)]), LintContext(), [rule_id])
