"""The cross-checker on the whole Linux 6.12 tree (skipped without it).

The C tree is $ABI_TOOLS_KERNEL_TREE when that is a full 6.12 source tree,
else ~/.cache/kernel-source/linux-6.12 (../shared/bin/kernel-source 6.12).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from abi_tools.csrc import scan_tree
from abi_tools.tree import load_tree
from abi_tools.xcheck import XcheckResult, cross_check
from abi_tools.xcheck.pattern import parse_what


def c_tree_612() -> Path:
    candidates = [os.environ.get("ABI_TOOLS_KERNEL_TREE", ""), "~/.cache/kernel-source/linux-6.12"]
    for c in candidates:
        path = Path(c).expanduser()
        if c and path.name == "linux-6.12" and (path / "drivers" / "hwmon").is_dir():
            return path
    pytest.skip("no Linux 6.12 C tree: run ../shared/bin/kernel-source 6.12 or set ABI_TOOLS_KERNEL_TREE")


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> XcheckResult:
    tree = c_tree_612()
    cache = tmp_path_factory.mktemp("csrc-cache")
    scans = scan_tree(str(tree), jobs=2, cache_dir=str(cache))
    return cross_check(load_tree([str(tree)]), scans, complete=True)


def test_totals(whole: XcheckResult) -> None:
    n = len(whole.matches)
    documented = sum(m.documented for m in whole.matches)
    assert 20000 < n < 30000
    # measured 0.42 when written; a broken matcher drifts far from it either way
    assert 0.30 < documented / n < 0.60
    kinds = Counter(f.kind for f in whole.findings)
    assert set(kinds) == {"missing-doc", "mode-mismatch", "low-confidence", "doc-without-code"}
    assert kinds["missing-doc"] + kinds["low-confidence"] == n - documented


def test_hwmon_sensors_are_documented_by_the_class(whole: XcheckResult) -> None:
    sensors = [
        m for m in whole.matches if m.decl.family == "sensor" and m.decl.file.startswith("drivers/hwmon/")
    ]
    high = [m for m in sensors if m.documented]
    # measured 0.71: inY_alarm, fanY_beep, tempY_fault & co. are described in
    # Documentation/hwmon/sysfs-interface.rst but have no What in the ABI files
    assert 0.65 * len(sensors) < len(high) < 0.80 * len(sensors)
    assert all(m.what is not None and m.what.path.startswith("/sys/class/hwmon/") for m in high)
    alarms = [m for m in sensors if re.fullmatch(r"in(\d+|%d)_alarm", m.decl.name)]
    assert len(alarms) > 100 and not any(m.documented for m in alarms)


def test_generic_matches_need_a_convention_or_a_listing(whole: XcheckResult) -> None:
    for m in whole.matches:
        if not m.documented or m.what is None:
            continue
        pat = parse_what(m.what.path)
        assert pat is not None
        if pat.last.wildcard_only or pat.directory:
            assert any("convention" in r or "lists" in r for r in m.reasons), (m.decl, m.what.path)


def test_module_params_only_under_their_module(whole: XcheckResult) -> None:
    for m in whole.matches:
        if m.decl.family == "module-param" and m.documented:
            assert m.what is not None and m.decl.module is not None
            assert m.what.path.startswith(f"/sys/module/{m.decl.module}/parameters/"), m.decl


def test_net_statistics(whole: XcheckResult) -> None:
    stats = [
        m
        for m in whole.matches
        if m.decl.file == "net/core/net-sysfs.c" and m.decl.group_name == "statistics"
    ]
    assert len(stats) >= 20
    assert all(
        m.documented and m.abi_file and m.abi_file.endswith("sysfs-class-net-statistics") for m in stats
    )
