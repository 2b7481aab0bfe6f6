"""ABI050 bad-what-path."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_helpers import corpus_findings, example, lint


def whats(*paths: str) -> str:
    lines = "".join(f"What:\t\t{p}\n" for p in paths)
    return lines + "Contact:\ta@example.org\nDescription:\tReads foo.\n"


def test_docstring_examples() -> None:
    assert lint("ABI050", example("ABI050", "PASS")) == []
    assert len(lint("ABI050", example("ABI050", "FAIL"))) == 1


@pytest.mark.parametrize(
    "paths",
    [
        ("/sys/class/foo/foo<N>/bar",),
        ("/proc/<pid>/foo", "/proc/<pid>/bar"),
        ("/sys/kernel/debug/foo/*", "/sys/kernel/security/bar"),
        ("/config/usb-gadget/gadget/functions/ecm.name/ifname",),
        ("/dev/foo",),
        ("/sys/bus/usb/devices/<busnum>-<devnum>:<config num>.<interface num>/bar",),
        ("/sys/fs/pstore/...",),
        ("vDSO",),
        ("The kernel syscall interface",),
        ("/sys/devices/system/cpu/cpuX/foo", "/sys/devices/system/cpu/cpuX/bar"),
        ("/sys/class/foo/fooX/bar", "/sys/class/baz/baz<N>/bar"),
    ],
)
def test_good_whats(paths: tuple[str, ...]) -> None:
    assert lint("ABI050", whats(*paths)) == []


@pytest.mark.parametrize(
    ("paths", "says"),
    [
        (("security/secrets/coco",), "not an absolute path"),
        ((".../foo.ipa/version",), "not an absolute path"),
        (("/kvd/linear",), "not under a known root"),
        (("/sys/foo symlink",), "space"),
        (("/sys/class/power_supply/<name>/online,",), "ends with ','"),
        (("/sys/class/thermal/foo:",), "ends with ':'"),
        (("/sys/class/foo/foo<N>/bar", "/sys/class/foo/fooX/baz"), "different wildcards"),
        (("/sys/class/foo/*/bar", "/sys/class/foo/<n>/baz"), "different wildcards"),
    ],
)
def test_bad_whats(paths: tuple[str, ...], says: str) -> None:
    got = lint("ABI050", whats(*paths))
    assert len(got) == 1, got
    assert says in got[0].message
    assert got[0].span.line == len(paths)


def test_more_roots_by_option() -> None:
    from abi_tools.lint import LintContext

    ctx = LintContext(rule_options={"bad-what-path": {"roots": ["/kvd"]}})
    assert lint("ABI050", whats("/kvd/linear"), ctx) == []


def test_devlink_files_document_devlink_paths() -> None:
    from abi_tools.lint import LintContext, run_rules
    from abi_tools.model import AbiTree
    from abi_tools.parse import parse_text

    def findings(path: str, *whats_: str) -> list[str]:
        tree = AbiTree("", (parse_text(whats(*whats_), path),))
        return [d.message for d in run_rules(tree, LintContext(), ["ABI050"])]

    # Resource paths of devlink have their own root ...
    assert findings("testing/devlink-resource-foo", "/kvd/linear", "/kvd/hash_single") == []
    # ... but the other checks still hold there, and the name must say devlink.
    assert findings("testing/devlink-resource-foo", "/kvd/linear,") == ["What '/kvd/linear,' ends with ','"]
    assert "not under a known root" in findings("testing/sysfs-foo", "/kvd/linear")[0]


def test_runs_on_the_corpus(kernel_tree: Path) -> None:
    found = corpus_findings(kernel_tree, "ABI050")
    assert len(found) < 60  # few, and each one read by hand
