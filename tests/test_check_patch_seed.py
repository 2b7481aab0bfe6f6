"""The seed thread, the first acceptance test of ``check-patch`` (issue 4).

``../shared/seed/000_63db9930c4c5a580.txt`` is the patch that started the
project followed by its review thread, as a web archive showed it (leading
whitespace stripped, blank lines dropped, no mail headers).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_patch_helpers import check, check_json, findings
from seed_helpers import SEED_ABI, seed_or_skip

WHATS = [
    "/sys/devices/virtual/tdx/seamldr/version",
    "/sys/devices/virtual/tdx/seamldr/num_remaining_updates",
]


@pytest.fixture(scope="module")
def seed() -> Path:
    return seed_or_skip()


def test_finds_the_patch_not_the_quoted_copies(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    _code, doc = check_json(capsys, str(seed), "--target-version", "6.18")
    (p,) = doc["patches"]
    assert p["line"] == 1
    assert p["files"] == [
        SEED_ABI,
        "arch/x86/virt/vmx/tdx/seamldr.c",
        "arch/x86/virt/vmx/tdx/seamldr.h",
        "arch/x86/virt/vmx/tdx/tdx.c",
    ]


def test_the_two_entries(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    _code, doc = check_json(capsys, str(seed), "--target-version", "6.18")
    assert [(e["file"], e["whats"], e["new"]) for e in doc["entries"]] == [
        (SEED_ABI, [WHATS[0]], True),
        (SEED_ABI, [WHATS[1]], True),
    ]


def test_the_two_attributes_match_with_agreeing_modes(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    code, doc = check_json(capsys, str(seed), "--target-version", "6.18")
    got = [
        (
            d["macro"],
            d["name"],
            d["group_name"],
            d["what"],
            d["abi_file"],
            d["confidence"],
            d["mode"],
            d["doc_mode"],
            d["modes_agree"],
        )
        for d in doc["declarations"]
    ]
    assert got == [
        ("DEVICE_ATTR_RO", "version", "seamldr", WHATS[0], SEED_ABI, "high", "RO", "RO", True),
        ("DEVICE_ATTR_RO", "num_remaining_updates", "seamldr", WHATS[1], SEED_ABI, "high", "RO", "RO", True),
    ]
    assert all(d["file"] == "arch/x86/virt/vmx/tdx/seamldr.c" for d in doc["declarations"])
    assert findings(doc, "missing-doc") == findings(doc, "mode-mismatch") == []
    _code, out = check(capsys, str(seed), "--target-version", "6.18", "-v")
    assert (
        "new DEVICE_ATTR_RO(version) in group 'seamldr' -> /sys/devices/virtual/tdx/seamldr/version"
        f" ({SEED_ABI}:10), high confidence, modes agree"
    ) in out


def test_stale_kernelversion_and_date_for_618(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    code, doc = check_json(capsys, str(seed), "--target-version", "6.18")
    lines = seed.read_text(encoding="utf-8").splitlines()
    kv = findings(doc, "stale-kernelversion")
    dates = findings(doc, "stale-date")
    assert [lines[d["line"] - 1] for d in kv] == ["+KernelVersion: v6.15"] * 2
    assert [lines[d["line"] - 1] for d in dates] == ["+Date: March 2025"] * 2
    assert [d["file"] for d in kv] == [
        {"path": SEED_ABI, "line": 12, "column": 16},
        {"path": SEED_ABI, "line": 21, "column": 16},
    ]
    for d in kv:
        assert "KernelVersion v6.15 was released" in d["message"]
        assert d["hint"] == "write 'KernelVersion: 6.18'"
    for d in dates:
        assert d["message"].startswith("Date 'March 2025' is 8 months before 6.18")
        assert "for 6.18" in d["hint"]
    assert code == 1


def test_text_output(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    code, out = check(capsys, str(seed), "--target-version", "6.18", "--ignore", "patch-problem")
    assert out.count("[ABI101 stale-kernelversion]") == 2
    assert out.count("[ABI102 stale-date]") == 2
    assert "    hint: write 'KernelVersion: 6.18'\n" in out
    assert (
        out.splitlines()[-1]
        == "1 patch, 1 ABI file, 2 entries added or changed: 2 errors, 2 warnings, 0 info"
    )
