"""ABI020 duplicate-what, a tree rule: what it gathers of each file and what it makes of that."""

from __future__ import annotations

from abi_tools.lint import LintContext, run_rules
from abi_tools.model import AbiTree
from abi_tools.parse import parse_text


def _findings(files: dict[str, str]) -> list[tuple[str, int, str]]:
    tree = AbiTree("", tuple(parse_text(text, path) for path, text in files.items()))
    return [(d.span.path, d.span.line, d.message) for d in run_rules(tree, LintContext(), ["ABI020"])]


def test_same_what_in_two_files() -> None:
    got = _findings(
        {
            "testing/sysfs-a": "What:\t\t/sys/foo\nDescription:\tx\n",
            "testing/sysfs-b": "What:\t\t/sys/bar\nDescription:\tx\n\nWhat:\t\t/sys/foo\nDescription:\ty\n",
        }
    )
    assert got == [("testing/sysfs-b", 4, "/sys/foo is already documented at testing/sysfs-a:1")]


def test_untagged_path_counts_and_one_file_names_the_line() -> None:
    text = "What:\t\t/sys/a\n\t\t/sys/b\nDescription:\tx\n\nWhat:\t\t/sys/b\nDescription:\ty\n"
    got = _findings({"testing/sysfs-a": text})
    assert got == [("testing/sysfs-a", 5, "/sys/b is already documented at line 2")]


def test_repeats_inside_one_entry_are_not_duplicates() -> None:
    text = "What:\t\t/sys/a\nWhat:\t\t/sys/a\nDescription:\tx\n"
    assert _findings({"testing/sysfs-a": text}) == []


def test_every_later_place_is_reported_against_the_first() -> None:
    entry = "What:\t\t/sys/a\nDescription:\tx\n"
    got = _findings({"testing/x": entry, "testing/y": entry, "stable/z": entry})
    assert got == [
        ("stable/z", 1, "/sys/a is already documented at testing/x:1"),
        ("testing/y", 1, "/sys/a is already documented at testing/x:1"),
    ]
