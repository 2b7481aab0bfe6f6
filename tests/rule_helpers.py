"""Running one rule on a text of our own, and on its docstring examples."""

from __future__ import annotations

from pathlib import Path

from abi_tools.lint import LintContext, run_rules
from abi_tools.model import AbiTree, Diagnostic
from abi_tools.parse import parse_text
from abi_tools.rules import Rule, all_rules
from abi_tools.tree import load_tree

PATH = "Documentation/ABI/testing/sysfs-example"


def lint(rule_id: str, text: str, ctx: LintContext | None = None) -> list[Diagnostic]:
    tree = AbiTree("", (parse_text(text, PATH),))
    return run_rules(tree, ctx or LintContext(), [rule_id])


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
