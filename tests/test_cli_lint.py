"""The lint command as a user runs it: output, exit codes, selection, baseline, config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from abi_tools.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"

BAD = """\
What:		/sys/class/foo/bar
Date		March 2025
KernelVersion:	6.15
contact:	foo@example.org
Description:	Reads bar.
"""

GOOD = """\
What:		/sys/class/foo/baz
Date:		March 2025
KernelVersion:	6.15
Contact:	foo@example.org
Description:	Reads baz.
"""


def _tree(tmp_path: Path, text: str = BAD) -> Path:
    d = tmp_path / "Documentation" / "ABI" / "testing"
    d.mkdir(parents=True)
    (d / "sysfs-class-foo").write_text(text)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["lint", "--no-cache", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_is_gcc_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    code, out, _ = run(capsys, str(tree))
    first = out.splitlines()[0]
    assert first.endswith(
        "sysfs-class-foo:2:1: warning: 'Date' has no colon; read as 'Date:' [ABI003 missing-colon]"
    )
    assert "hint: write 'Date:'" in out
    assert out.splitlines()[-1] == "1 files, 1 entries: 0 errors, 2 warnings, 0 info"
    assert code == 0  # default --fail-on error


def test_fail_on_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    assert run(capsys, str(tree), "--fail-on", "warning")[0] == 1
    assert run(capsys, str(tree), "--fail-on", "never")[0] == 0
    code, out, _ = run(capsys, str(tmp_path / "nope"))
    assert code == 1 and "nope:1:1: error: no such file or directory" in out


def test_select_and_ignore_by_id_or_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    _, out, _ = run(capsys, str(tree), "--select", "tag-case")
    assert "ABI004" in out and "ABI003" not in out
    _, out, _ = run(capsys, str(tree), "--ignore", "ABI003,tag-case")
    assert "ABI003" not in out and "ABI004" not in out
    code, _, err = run(capsys, str(tree), "--select", "no-such-rule")
    assert code == 2 and "no-such-rule" in err


def test_json_is_one_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    _, out, _ = run(capsys, str(tree), "--format", "json")
    doc = json.loads(out)
    assert doc["files"] == 1 and doc["entries"] == 1
    assert {d["name"] for d in doc["diagnostics"]} == {"missing-colon", "tag-case"}
    assert doc["diagnostics"][0]["line"] == 2


def test_sarif_and_github(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    _, out, _ = run(capsys, str(tree), "--format", "sarif")
    assert json.loads(out)["runs"][0]["results"][0]["ruleId"] == "ABI003"
    _, out, _ = run(capsys, str(tree), "--format", "github")
    assert out.startswith("::warning file=") and "title=ABI003 missing-colon" in out


def test_statistics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(_tree(tmp_path)), "--statistics")
    assert "ABI003  missing-colon" in out and "ABI004  tag-case" in out


def test_baseline_suppresses_old_findings_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    base = tmp_path / "baseline.json"
    code, _, _ = run(capsys, str(tree), "--write-baseline", str(base))
    assert code == 0 and base.exists()
    code, out, _ = run(capsys, str(tree), "--baseline", str(base), "--fail-on", "warning")
    assert code == 0 and "2 suppressed" in out
    # Lines added above move the old findings; they stay suppressed.  A new
    # finding is reported.
    f = tree / "Documentation/ABI/testing/sysfs-class-foo"
    f.write_text(GOOD + "\n" + BAD + "\nWhat:\t\t/sys/class/foo/new\nDescription:\tx\n")
    code, out, _ = run(capsys, str(tree), "--baseline", str(base), "--fail-on", "warning")
    assert code == 1
    assert "missing-date" in out and "missing-colon" not in out
    code, _, err = run(capsys, str(tree), "--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and "missing.json" in err
    (tmp_path / "junk.json").write_text("{not json")
    code, _, err = run(capsys, str(tree), "--baseline", str(tmp_path / "junk.json"))
    assert code == 2 and "junk.json" in err


def test_config_found_upwards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    (tmp_path / ".abi-tools.toml").write_text('ignore = ["missing-colon"]\nfail-on = "warning"\n')
    code, out, _ = run(capsys, str(tree / "Documentation/ABI/testing/sysfs-class-foo"))
    assert "ABI003" not in out and "ABI004" in out and code == 1
    (tmp_path / ".abi-tools.toml").write_text("ignore = [")
    code, _, err = run(capsys, str(tree))
    assert code == 2 and ".abi-tools.toml" in err
    code, out, _ = run(capsys, str(tree), "--no-config")
    assert "ABI003" in out


def test_pyproject_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = _tree(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.abi-tools]\nselect = ["missing-colon"]\n\n[tool.abi-tools.severity]\nmissing-colon = "error"\n'
    )
    code, out, _ = run(capsys, str(tree))
    assert "error: 'Date' has no colon" in out and "ABI004" not in out and code == 1


def test_result_cache_gives_the_same_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tree = _tree(tmp_path / "t")
    first = main(["lint", str(tree)]), capsys.readouterr().out
    assert list((tmp_path / "cache" / "abi-tools" / "runs").iterdir())
    second = main(["lint", str(tree)]), capsys.readouterr().out
    assert first == second
    # A changed file is a new key: the answer follows the file.
    (tree / "Documentation/ABI/testing/sysfs-class-foo").write_text(GOOD)
    assert main(["lint", str(tree)]) == 0
    assert "0 warnings" in capsys.readouterr().out
    assert not list(tree.rglob("*cache*"))


def test_samples_have_the_documented_mistakes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(SAMPLES), "--format", "json")
    names = {d["name"] for d in json.loads(out)["diagnostics"]}
    assert {"missing-colon", "tag-case", "missing-description", "duplicate-what"} <= names
    assert code == 1
    assert not any("sysfs-devices-tdx" in d["path"] for d in json.loads(out)["diagnostics"])


def test_rules_command_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for name in (
        "missing-colon",
        "tag-case",
        "unknown-tag",
        "field-before-what",
        "duplicate-what",
        "empty-field",
    ):
        assert name in out
    assert main(["rules", "missing-colon"]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "FAIL" in out


def test_dump_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", str(SAMPLES / "Documentation/ABI/testing/sysfs-devices-tdx")]) == 0
    doc = json.loads(capsys.readouterr().out)
    whats = [w["path"] for f in doc["files"] for e in f["entries"] for w in e["whats"]]
    assert whats == [
        "/sys/devices/virtual/tdx/seamldr/version",
        "/sys/devices/virtual/tdx/seamldr/num_remaining_updates",
    ]


def test_dump_and_render_json_give_one_model(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Other tools read either; they must not have to know two shapes of the model.
    assert main(["dump", str(SAMPLES)]) == 0
    dumped = capsys.readouterr().out
    out = tmp_path / "abi.json"
    assert main(["render", "json", str(SAMPLES), "-o", str(out)]) == 0
    assert json.loads(dumped) == json.loads(out.read_text(encoding="utf-8"))


def test_no_subcommand_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
