"""Permission expressions as the kernel writes them."""

from __future__ import annotations

import pytest

from abi_tools.csrc.mode import classify, effective, evaluate


@pytest.mark.parametrize(
    ("expr", "octal", "mode"),
    [
        ("0444", 0o444, "RO"),
        ("0644", 0o644, "RW"),
        ("0664", 0o664, "RW"),
        ("0200", 0o200, "WO"),
        ("0400", 0o400, "RO"),
        ("S_IRUGO", 0o444, "RO"),
        ("S_IWUSR | S_IRUGO", 0o644, "RW"),
        ("(S_IRUSR|S_IWUSR)", 0o600, "RW"),
        ("S_IRUGO | S_IWUGO", 0o666, "RW"),
        ("VERIFY_OCTAL_PERMISSIONS(0644)", 0o644, "RW"),
        ("SYSFS_PREALLOC | 0444", 0o444, "RO"),
        ("(umode_t)0444", 0o444, "RO"),
        ("0644 & ~0222", 0o444, "RO"),
        ("0x124", 0o444, "RO"),
        ("292", 0o444, "RO"),
        ("0", 0, None),
    ],
)
def test_evaluate(expr: str, octal: int, mode: str | None) -> None:
    assert evaluate(expr) == octal
    assert classify(evaluate(expr)) == mode


@pytest.mark.parametrize("expr", ["FOO_PERM", "", "0644 |", "(0644", "1 << 99", "foo(0644)", "0o644"])
def test_not_evaluable(expr: str) -> None:
    assert evaluate(expr) is None
    assert classify(evaluate(expr)) is None


@pytest.mark.parametrize(
    ("mode", "callbacks", "real"),
    [
        ("RW", "show", "RO"),  # 0644 without a store: sysfs refuses writes
        ("RW", "store", "WO"),
        ("RW", "show+store", "RW"),
        ("RW", None, "RW"),  # not known: the permission bits stand
        ("RO", "show+store", "RO"),  # no write bit: a store changes nothing
        ("RO", "", None),
        (None, "show", None),
    ],
)
def test_effective_mode(mode: str | None, callbacks: str | None, real: str | None) -> None:
    assert effective(mode, callbacks) == real
