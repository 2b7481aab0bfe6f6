"""Every rule is documented by its own examples, and selectable by id or name."""

from __future__ import annotations

import re

import pytest

from abi_tools.rules import all_rules, resolve

# Names other tools and CI configs select; they must not change.
REQUIRED = {
    "missing-colon",
    "tag-case",
    "unknown-tag",
    "field-before-what",
    "empty-field",
    "duplicate-what",
}


def test_ids_and_names_are_unique_and_stable() -> None:
    rules = all_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    assert all(re.fullmatch(r"ABI\d{3}", r.id) for r in rules)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name) for r in rules)
    assert REQUIRED <= {r.name for r in rules}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_rule_has_summary_and_pass_fail_examples(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.summary
    ex = rule.examples()
    assert ex.get("PASS", "").strip(), f"{rule.name}: no PASS example"
    assert ex.get("FAIL", "").strip(), f"{rule.name}: no FAIL example"


def test_missing_field_group_selects_each_field() -> None:
    ids = resolve(["missing-field"])
    names = {r.name for r in all_rules() if r.id in ids}
    assert names == {"missing-date", "missing-kernelversion", "missing-contact", "missing-description"}
    assert resolve(["missing-date"]) < ids


def test_unknown_rule_raises() -> None:
    with pytest.raises(KeyError):
        resolve(["no-such-rule"])


def test_without_patch_checks() -> None:
    patch_ids = {r.id for r in all_rules() if r.scope == "patch"}
    assert patch_ids
    assert not patch_ids & {r.id for r in all_rules(patch=False)}
    name = next(r.name for r in all_rules() if r.scope == "patch")
    # Known, but selects nothing a lint run would run.
    assert resolve([name], patch=False) == set()
    assert resolve(["ALL"], patch=False) == resolve(["ALL"]) - patch_ids
    with pytest.raises(KeyError):
        resolve(["no-such-rule"], patch=False)


def test_lint_does_not_load_check_patch_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from abi_tools.lint import RulePlan, LintContext; RulePlan(LintContext());"
        "print(sorted(m for m in sys.modules if m.startswith(('abi_tools.precheck', 'email.utils'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
