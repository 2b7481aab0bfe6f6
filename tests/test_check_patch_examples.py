"""Every check-patch check is documented by a PASS and a FAIL patch that do what they say.

The examples are unified diffs; they are judged on 31 July 2025 (6.16 out,
6.17 next) without a tree, except for the checks that need one: those say in
their docstring what the tree holds, and the test builds that tree from it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from check_patch_helpers import check_json

from abi_tools.rules import Rule, all_rules

PATCH_RULES = [r for r in all_rules() if r.scope == "patch"]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanner caches per tree root: keep the test trees' entries out of the user's cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _maintainers_excerpt(rule: Rule) -> str | None:
    """The indented block after '...MAINTAINERS holding::' in the docstring, if any."""
    m = re.search(r"MAINTAINERS holding::\n\n((?:[ \t]+\S.*\n|\n)+)", rule.doc + "\n")
    if not m:
        return None
    lines = [ln for ln in m.group(1).rstrip().split("\n")]
    indent = min(len(ln) - len(ln.lstrip()) for ln in lines if ln.strip())
    return "\n".join(ln[indent:] for ln in lines) + "\n"


def _source_file(rule: Rule) -> tuple[str, str] | None:
    """(path, code) from 'judged in a tree holding ``path`` with ``code`` in it'."""
    m = re.search(r"tree holding ``([^`]+)`` with\s+``([^`]+)`` in it", rule.doc)
    return (m.group(1), m.group(2)) if m else None


def _run(capsys: pytest.CaptureFixture[str], rule: Rule, kind: str, tmp_path: Path) -> list[str]:
    example = tmp_path / f"{kind}.diff"
    example.write_text(rule.examples()[kind], encoding="utf-8")
    args = [str(example), "--today", "2025-07-31", "--select", rule.id]
    excerpt = _maintainers_excerpt(rule)
    source = _source_file(rule)
    if excerpt is not None or source is not None:
        tree = tmp_path / "tree"
        (tree / "Documentation" / "ABI").mkdir(parents=True)
        if excerpt is not None:
            (tree / "MAINTAINERS").write_text(excerpt, encoding="utf-8")
        if source is not None:
            (tree / source[0]).parent.mkdir(parents=True)
            (tree / source[0]).write_text(f"#include <linux/device.h>\n{source[1]}\n", encoding="utf-8")
        args += ["--tree", str(tree)]
    _code, doc = check_json(capsys, *args)
    return [d["rule"] for d in doc["diagnostics"]]


def test_there_are_patch_checks() -> None:
    names = {r.name for r in PATCH_RULES}
    assert {
        "stale-kernelversion",
        "stale-date",
        "abi-removal-policy",
        "maintainers-contact",
        "patch-problem",
        "missing-doc",
        "doc-without-code",
        "mode-mismatch",
    } <= names


@pytest.mark.parametrize("rule", PATCH_RULES, ids=lambda r: r.name)
def test_pass_example_passes(capsys: pytest.CaptureFixture[str], rule: Rule, tmp_path: Path) -> None:
    assert _run(capsys, rule, "PASS", tmp_path) == []


@pytest.mark.parametrize("rule", PATCH_RULES, ids=lambda r: r.name)
def test_fail_example_fails_once(capsys: pytest.CaptureFixture[str], rule: Rule, tmp_path: Path) -> None:
    assert _run(capsys, rule, "FAIL", tmp_path) == [rule.id]


def test_maintainers_example_tree_is_read_from_the_docstring() -> None:
    rule = next(r for r in PATCH_RULES if r.name == "maintainers-contact")
    excerpt = _maintainers_excerpt(rule) or ""
    assert [ln.split() for ln in excerpt.splitlines()] == [
        ["FOO", "DRIVER"],
        ["M:", "Jane", "Doe", "<jane@example.org>"],
        ["L:", "linux-foo@vger.kernel.org"],
    ]
