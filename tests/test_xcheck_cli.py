"""``abi-tools xcheck``: output, exit codes, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from abi_tools.cli import main

MINI = Path(__file__).parent / "fixtures" / "xcheck" / "mini"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["xcheck", *argv, "--no-cache", "--jobs", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(MINI))
    assert code == 1 and err == ""  # warnings found; no progress bar off a terminal
    assert "drivers/widget/widget-core.c:10: warning: DEVICE_ATTR_RW(min_level) is RW (0644)" in out
    assert "matched: " in out
    assert "sysfs-class-widget:13: What: /sys/class/widget/<dev>/{min,max}_level" in out
    assert "sysfs-class-widget:25: info: no attribute declaration" in out  # per ABI file
    assert "drivers/widget" in out.split("== summary ==")[1]
    assert (
        "findings: 2 missing-doc, 3 mode-mismatch (1 of them info), 1 low-confidence, 2 doc-without-code"
        in out
    )
    # hwmon lets a chip make a read/write file read-only: info, with the reason
    assert "drivers/hwmon/frost.c:14: info: SENSOR_DEVICE_ATTR_RO(temp1_max) is RO (0444)" in out
    assert "hwmon allows a read/write file to be read-only" in out


def test_fail_on_warning_ignores_info_level_mode_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = tmp_path / "linux"
    shutil.copytree(MINI, tree)
    for rel in ("drivers/widget", "drivers/misc", "drivers/iio", "drivers/perf", "drivers/usb"):
        shutil.rmtree(tree / rel)
    code, out, _ = run(capsys, str(tree), "drivers/hwmon")
    assert "mode-mismatch (1 of them info)" in out and code == 0
    assert run(capsys, str(tree), "drivers/hwmon", "--fail-on", "info")[0] == 1


def test_json_carries_every_declaration(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(MINI), "--format", "json")
    doc = json.loads(out)
    assert code == 1 and doc["complete"] is True
    names = {d["declaration"]["name"]: d for d in doc["declarations"]}
    assert len(names) == doc["summary"]["declarations"] == 18
    assert names["count"]["what"] == "/sys/class/widget/<dev>/stats/count"
    assert names["count"]["confidence"] == "high" and names["count"]["reasons"]
    assert names["anything"]["what"] is None and names["anything"]["confidence"] is None
    assert {f["kind"] for f in doc["findings"]} == {
        "missing-doc",
        "mode-mismatch",
        "low-confidence",
        "doc-without-code",
    }


def test_subpath_is_partial(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(MINI), "drivers/hwmon", "--format", "json")
    doc = json.loads(out)
    assert doc["complete"] is False
    assert {d["declaration"]["file"] for d in doc["declarations"]} == {"drivers/hwmon/frost.c"}
    assert not any(f["kind"] == "doc-without-code" for f in doc["findings"])


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("never", 0), ("warning", 1), ("info", 1), ("doc-without-code", 1), ("missing-doc,mode-mismatch", 1)],
)
def test_fail_on(capsys: pytest.CaptureFixture[str], fail_on: str, code: int) -> None:
    assert run(capsys, str(MINI), "--fail-on", fail_on)[0] == code


def test_clean_tree_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    tdx = Path(__file__).parent / "fixtures" / "xcheck" / "tdx"
    assert run(capsys, str(tdx))[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["/no/such/tree"],
        ["{mini}", "drivers/no-such-dir"],
        ["{mini}", "--fail-on", "sometimes"],
        ["{mini}", "--abi", "/no/such/abi"],
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _out, err = run(capsys, *[a.format(mini=MINI) for a in argv])
    assert code == 2 and err.startswith("abi-tools: ") and "Traceback" not in err


def test_bad_files_do_not_stop_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = tmp_path / "linux"
    shutil.copytree(MINI, tree)
    (tree / "drivers" / "widget" / "binary.c").write_bytes(b"DEVICE_ATTR_RO(x)\0\xff\xfe")
    (tree / "drivers" / "widget" / "broken.c").write_text("static DEVICE_ATTR_RO(;\n#if 0\n")
    (tree / "Documentation" / "ABI" / "testing" / "sysfs-garbage").write_bytes(b"\xff\xfeWhat\0:")
    abi = tree / "Documentation" / "ABI" / "testing" / "sysfs-unreadable"
    abi.write_text("What: /sys/x\n")
    abi.chmod(0)
    code, out, err = run(capsys, str(tree))
    assert code == 1 and "Traceback" not in err
    assert "binary.c" in err  # reported, with its path
    assert "== summary ==" in out


def test_json_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Reasons used to list a set's words in hash order ("the ABI file is
    # named for 'zorblat', 'quuxfrob'"), so two runs over the same tree
    # could differ; a CI diff of the JSON must not.
    import os
    import subprocess
    import sys

    tree = tmp_path / "tree"
    abi = tree / "Documentation" / "ABI" / "testing"
    abi.mkdir(parents=True)
    (abi / "sysfs-driver-zorblat-quuxfrob-wibblet").write_text(
        "What:\t\t/sys/class/gizmo/gizmoX/flags\nDescription:\t(RO) The flags.\n"
    )
    (tree / "drivers" / "misc").mkdir(parents=True)
    (tree / "drivers" / "misc" / "gizmo.c").write_text("static DEVICE_ATTR_RO(flags);\n")
    outs = []
    for seed in ("1", "2", "3", "4"):
        env = dict(os.environ, PYTHONHASHSEED=seed, XDG_CACHE_HOME=str(tmp_path / "cache"))
        cmd = [sys.executable, "-m", "abi_tools", "xcheck", str(tree), "--format", "json", "--no-cache"]
        outs.append(subprocess.run(cmd, capture_output=True, text=True, env=env, check=False).stdout)
    assert "'quuxfrob', 'wibblet', 'zorblat'" in outs[0]
    assert outs[0] == outs[1] == outs[2] == outs[3]
