"""KernelVersion rules: ABI031 malformed, ABI032 unreleased, ABI033 date-version-mismatch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rule_helpers import assert_examples_hold, ctx, entry, run

from abi_tools.rules.kernelversion import parse_kernelversion

IDS = ["ABI031", "ABI032", "ABI033"]


@pytest.mark.parametrize("rule_id", IDS)
def test_docstring_examples(rule_id: str) -> None:
    assert_examples_hold(rule_id)


@pytest.mark.parametrize(
    ("value", "kind", "version"),
    [
        ("6.15", "clean", "6.15"),
        ("v6.15", "clean", "6.15"),
        ("6.15.3", "clean", "6.15"),
        ("v2.6.22", "clean", "2.6.22"),
        ("4.07", "zero", "4.7"),
        ("3.3-rc1", "rc", "3.3"),
        ("?", "placeholder", ""),
        ("?.?", "placeholder", ""),
        ("TBD", "placeholder", ""),
        ("v6.0 (pmem), v6.3 (ram)", "several", "6.0"),
        ("6.5 but backported to all supported stable branches", "remark", "6.5"),
        ("2.6.36?", "remark", "2.6.36"),
        ("", "empty", ""),
    ],
)
def test_parse(value: str, kind: str, version: str) -> None:
    p = parse_kernelversion(value)
    assert p.kind == kind
    assert (str(p.version.release()) if p.version else "") == version


@pytest.mark.parametrize(
    ("value", "instead"),
    [("5.20", "6.0"), ("5.21", "6.0"), ("4.21", "5.0"), ("4.22", "5.0"), ("3.21", "4.0")],
)
def test_never_released(value: str, instead: str) -> None:
    (d,) = run(entry(KernelVersion=value), IDS)
    assert (d.rule_id, d.severity.value) == ("ABI032", "error")
    assert d.hint == f"write '{instead}'"


def test_newer_than_tree() -> None:
    (d,) = run(entry(KernelVersion="6.13"), IDS, ctx((6, 12)))
    assert d.rule_id == "ABI032" and "6.12" in d.hint
    assert run(entry(KernelVersion="6.13"), IDS, ctx((6, 13))) == []
    assert run(entry(KernelVersion="6.12"), IDS, ctx((6, 12))) == []
    assert run(entry(KernelVersion="4.20"), IDS, ctx((6, 12))) == []


def test_without_tree_far_future_only() -> None:
    c = ctx(None, dt.date(2026, 11, 27))
    assert run(entry(KernelVersion="7.4"), IDS, c) == []
    (d,) = run(entry(KernelVersion="9.3"), IDS, c)
    assert d.rule_id == "ABI032"


@pytest.mark.parametrize("value", ["?", "TBD", "3.3-rc1", "v4.14 (Removed v4.18)", "4.01"])
def test_malformed(value: str) -> None:
    (d,) = run(entry(KernelVersion=value), IDS)
    assert (d.rule_id, d.severity.value) == ("ABI031", "warning")
    assert d.hint


@pytest.mark.parametrize(
    ("date", "kv", "found"),
    [
        ("March 2023", "6.4", False),
        ("Sep 2022", "6.1", False),  # style variants are read too
        ("November 2022", "6.1", False),  # a month before the release
        ("March 2023", "5.18", True),  # 10 months after 5.18
        ("June 2016", "4.15", False),  # 19 months before: a slow series
        ("June 2015", "4.15", True),  # 31 months before
        ("March 2019", "3.1.0", True),
        ("March 2023", "5.20", False),  # never released: ABI032's business
        ("pre-git history", "2.6.12", False),
    ],
)
def test_mismatch(date: str, kv: str, found: bool) -> None:
    got = [d for d in run(entry(Date=date, KernelVersion=kv), ["ABI033"])]
    assert bool(got) == found


def test_mismatch_thresholds_are_options() -> None:
    from abi_tools.lint import LintContext

    c = LintContext(
        tree_version=(6, 12),
        today=dt.date(2026, 11, 27),
        rule_options={"date-version-mismatch": {"after_months": 12}},
    )
    assert run(entry(Date="March 2023", KernelVersion="5.18"), ["ABI033"], c) == []


def test_corpus_612(tree612: Path) -> None:
    from abi_tools.lint import run_rules
    from abi_tools.tree import load_tree

    tree = load_tree([str(tree612)])
    ds = run_rules(tree, ctx((6, 12)), IDS)
    unreleased = {d.message.split()[1] for d in ds if d.rule_id == "ABI032"}
    assert {"5.20", "5.21", "4.21", "4.22", "3.21", "6.13"} <= unreleased
    malformed = {d.message.split("'")[1] for d in ds if d.rule_id == "ABI031"}
    assert {"TBD", "?.?", "3.3-rc1", "4.01"} <= malformed
    # Clean, existing, older versions are never reported as unreleased.
    assert "6.12" not in unreleased and "4.20" not in unreleased


@pytest.mark.parametrize(
    ("makefile", "version", "text"),
    [
        ("VERSION = 6\nPATCHLEVEL = 16\nSUBLEVEL = 0\nEXTRAVERSION = -rc3\nNAME = x\n", (6, 16), "6.16-rc3"),
        ("VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 117\nEXTRAVERSION =\nNAME = Baby\n", (6, 12), "6.12.117"),
        ("VERSION = 6\nPATCHLEVEL = 15\nSUBLEVEL = 0\nEXTRAVERSION =\nNAME = Baby\n", (6, 15), "6.15"),
        ("# no version here\n", None, ""),
    ],
)
def test_makefile_version(makefile: str, version: tuple[int, int] | None, text: str) -> None:
    from abi_tools.lint import makefile_version

    assert makefile_version(makefile) == (version, text)


def test_newer_release_in_a_stable_tree_is_explained_as_a_possible_backport() -> None:
    from abi_tools.lint import LintContext

    stable = LintContext((6, 12), "6.12.117", dt.date(2026, 1, 1))
    (d,) = run(entry(KernelVersion="6.13"), ["ABI032"], stable)
    assert d.message == "KernelVersion 6.13 is newer than this stable tree (6.12.117)"
    assert "backport" in d.hint and "released 2025-01-19" in d.hint
    mainline = LintContext((6, 12), "6.12", dt.date(2026, 1, 1))
    (d,) = run(entry(KernelVersion="6.13"), ["ABI032"], mainline)
    assert d.message == "KernelVersion 6.13 is newer than this tree (6.12)"
    assert d.hint == "write '6.12' or the older release that first had it"
