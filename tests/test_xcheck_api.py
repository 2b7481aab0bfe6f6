"""The public cross-check API on the seed's TDX case (fixture files written by us)."""

from __future__ import annotations

from pathlib import Path

from abi_tools.csrc import scan_tree
from abi_tools.tree import load_tree
from abi_tools.xcheck import cross_check

TDX = Path(__file__).parent / "fixtures" / "xcheck" / "tdx"


def test_tdx_both_documented_modes_agree() -> None:
    tree = load_tree([str(TDX)])
    scans = scan_tree(str(TDX), jobs=1)
    result = cross_check(tree, scans, complete=True)
    got = {
        m.decl.name: (m.confidence, m.what.path if m.what else None, m.doc_mode, m.decl.mode)
        for m in result.matches
    }
    assert got == {
        "version": ("high", "/sys/devices/virtual/tdx/seamldr/version", "RO", "RO"),
        "num_remaining_updates": (
            "high",
            "/sys/devices/virtual/tdx/seamldr/num_remaining_updates",
            "RO",
            "RO",
        ),
    }
    assert all(m.abi_file and m.abi_file.endswith("testing/sysfs-devices-tdx") for m in result.matches)
    assert result.findings == []
