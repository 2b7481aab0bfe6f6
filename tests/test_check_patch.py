"""``abi-tools check-patch`` on our own lumen-* patches (kernel mailing-list style) and on foo-*.

The lumen patches apply to ``tests/fixtures/lumen-tree`` (a 6.16-rc3 tree of
our own with a MAINTAINERS file); see tests/fixtures/patches/README.md.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from check_patch_helpers import LUMEN_TREE, PATCHES, check, check_json, findings, patch
from git_helpers import git

TODAY = "2025-09-01"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanner caches per tree root: keep the test trees' entries out of the user's cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def lumen(capsys: pytest.CaptureFixture[str], name: str, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    return check_json(capsys, patch(name), "--tree", str(LUMEN_TREE), "--today", TODAY, *extra)


def where(d: dict) -> tuple[int, str, int]:  # type: ignore[type-arg]
    return d["line"], d["file"]["path"], d["file"]["line"]


# -- stale-kernelversion and stale-date ------------------------------------------------------------


def test_series_with_cover_letter_docs_in_later_patch(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-v3-series.mbox")
    assert code == 1
    assert len(doc["patches"]) == 3  # the cover letter is not a patch
    assert [p["subject"] for p in doc["patches"]][2].startswith("Documentation/ABI: document lumen")
    kv = findings(doc, "stale-kernelversion")
    # Reported where patch 3/3 adds the lines, in the mbox's own numbering.
    assert [where(d) for d in kv] == [
        (195, "Documentation/ABI/testing/sysfs-driver-lumen", 19),
        (202, "Documentation/ABI/testing/sysfs-driver-lumen", 26),
    ]
    assert all(d["hint"].startswith("write 'KernelVersion: 6.17'") for d in kv)
    assert "6.16-rc3" in kv[0]["message"] and "was released on 2025-05-25" in kv[0]["message"]
    dates = findings(doc, "stale-date")
    assert [d["line"] for d in dates] == [194, 201]
    assert "4 months before the patch was mailed (2025-07-31)" in dates[0]["message"]
    assert dates[0]["hint"] == "write 'Date: July 2025', the month the patch is sent"
    assert len(doc["diagnostics"]) == 4


def test_clean_series_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-v4-series.mbox")
    assert (code, doc["diagnostics"]) == (0, [])
    assert [e["whats"] for e in doc["entries"]] == [
        ["/sys/bus/i2c/drivers/lumen/<dev>/lux"],
        ["/sys/bus/i2c/drivers/lumen/<dev>/integration_time"],
    ]
    assert all(e["new"] for e in doc["entries"])


def test_target_version_decides(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-v4-series.mbox", "--target-version", "6.18")
    assert code == 1
    kv = findings(doc, "stale-kernelversion")
    assert len(kv) == 2 and "6.17 is too early" in kv[0]["message"]
    assert kv[0]["hint"] == "write 'KernelVersion: 6.18'"


def test_bare_diff_judged_by_today_and_tree(capsys: pytest.CaptureFixture[str]) -> None:
    # No mail date: the tree (6.16-rc3) allows 6.17, which is what the diff says.
    code, doc = lumen(capsys, "lumen-v4.diff")
    assert (code, doc["diagnostics"]) == (0, [])
    assert doc["patches"][0]["date"] is None
    # Without the tree, today decides: on 2026-01-10, 6.19 is the next release.
    code, doc = check_json(capsys, patch("lumen-v4.diff"), "--today", "2026-01-10")
    kv = findings(doc, "stale-kernelversion")
    assert code == 1 and len(kv) == 2 and "today is 2026-01-10" in kv[0]["message"]
    assert "6.19" in kv[0]["hint"]
    dates = findings(doc, "stale-date")
    assert dates == []  # August 2025 is within six months of 6.19 (2026-02-08)


def test_qp_mail_reported_at_its_own_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-qp.patch")
    lines = (PATCHES / "lumen-qp.patch").read_text(encoding="ascii").splitlines()
    (kv,) = findings(doc, "stale-kernelversion")
    assert lines[kv["line"] - 1] == "+KernelVersion:\t6.16"
    assert kv["file"]["line"] == 19
    assert code == 1 and len(doc["diagnostics"]) == 1


def test_thread_quoted_copies_are_not_the_patch(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-thread.mbox")
    assert len(doc["patches"]) == 1
    lines = (PATCHES / "lumen-thread.mbox").read_text(encoding="utf-8").splitlines()
    got = {d["name"]: d for d in doc["diagnostics"]}
    assert set(got) == {"stale-kernelversion", "stale-date"}
    assert lines[got["stale-kernelversion"]["line"] - 1] == "+KernelVersion:\t6.14"
    assert got["stale-kernelversion"]["line"] == 31  # the mail, not the quotes at 100 and 132
    assert "7 months before the patch was mailed (2025-08-20)" in got["stale-date"]["message"]


def test_moved_entry_keeps_its_history(capsys: pytest.CaptureFixture[str]) -> None:
    # calibrate moves from testing/ to obsolete/ with its 2024 Date and 6.11: neither is stale.
    code, doc = lumen(capsys, "lumen-obsolete.patch")
    assert (code, doc["diagnostics"]) == (0, [])
    assert [e["new"] for e in doc["entries"]] == [False]


# -- abi-removal-policy ----------------------------------------------------------------------------


def test_entry_deleted_from_testing(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-delete-entry.patch")
    (d,) = findings(doc, "abi-removal-policy")
    assert code == 1 and d["severity"] == "error"
    assert where(d) == (27, "Documentation/ABI/testing/sysfs-driver-lumen", 9)
    assert (
        "/sys/bus/i2c/drivers/lumen/<dev>/calibrate is deleted from Documentation/ABI/testing/"
        in (d["message"])
    )
    assert "obsolete/" in d["hint"]


def test_entry_moved_to_obsolete_is_fine(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-obsolete.patch", "--select", "abi-removal-policy")
    assert (code, doc["diagnostics"]) == (0, [])
    # Without the tree too: the move is inside the patch.
    code, doc = check_json(capsys, patch("lumen-obsolete.patch"), "--select", "abi-removal-policy")
    assert doc["diagnostics"] == []


def test_code_deleted_while_entry_stays(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-drop-code.patch")
    (d,) = findings(doc, "abi-removal-policy")
    assert code == 1
    lines = (PATCHES / "lumen-drop-code.patch").read_text(encoding="utf-8").splitlines()
    assert lines[d["line"] - 1] == "-static DEVICE_ATTR_RW(legacy_gain);"
    assert "Documentation/ABI/stable/sysfs-driver-lumen-legacy:1" in d["message"]
    # Without a tree nothing says the entry exists: no finding rather than a guess.
    code, doc = check_json(capsys, patch("lumen-drop-code.patch"), "--today", TODAY)
    assert findings(doc, "abi-removal-policy") == []


def test_old_removal_fixture_and_rename(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = check_json(capsys, patch("foo-removal.patch"), "--today", "2025-04-02")
    (d,) = findings(doc, "abi-removal-policy")
    assert d["line"] == 27 and "legacy_id" in d["message"]
    code, doc = check_json(capsys, patch("foo-rename.patch"), "--today", "2025-04-02")
    assert doc["diagnostics"] == []


# -- maintainers-contact ---------------------------------------------------------------------------


def test_contact_against_maintainers(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-contact.patch")
    got = findings(doc, "maintainers-contact")
    assert code == 0  # warnings only
    assert [(d["line"], d["severity"]) for d in got] == [(29, "warning"), (30, "warning")]
    assert got[0]["message"] == (
        "Ana Pérez's address in MAINTAINERS is ana@example.org, not ana.perez@oldcorp.example.com"
    )
    assert got[1]["message"] == "mailing list linux-lumen-devel@vger.kernel.org is not in MAINTAINERS"
    # No tree, no MAINTAINERS: nothing to say.
    code, doc = check_json(capsys, patch("lumen-contact.patch"), "--today", TODAY)
    assert findings(doc, "maintainers-contact") == []


def test_contact_known_list_and_person_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-v4-series.mbox", "--select", "maintainers-contact")
    assert doc["diagnostics"] == []


# -- cross-check: missing-doc, doc-without-code, mode-mismatch -------------------------------------


def test_docs_in_a_later_patch_count(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    mails = _mails("lumen-v4-series.mbox")
    code_only = tmp_path / "0002.patch"
    code_only.write_text(mails[2], encoding="utf-8")  # 2/3: the attributes, no docs
    code, doc = check_json(capsys, str(code_only), "--tree", str(LUMEN_TREE), "--today", TODAY)
    missing = findings(doc, "missing-doc")
    assert [m["message"] for m in missing] == [
        "DEVICE_ATTR_RO(lux) is not documented in Documentation/ABI",
        "DEVICE_ATTR_RW(integration_time) is not documented in Documentation/ABI",
    ]
    lines = mails[2].splitlines()
    assert lines[missing[0]["line"] - 1] == "+static DEVICE_ATTR_RO(lux);"
    assert missing[0]["file"]["path"] == "drivers/misc/lumen.c"
    # The whole series: 3/3 documents them.
    code, doc = lumen(capsys, "lumen-v4-series.mbox")
    assert findings(doc, "missing-doc") == []
    got = {(d["name"], d["what"], d["confidence"], d["modes_agree"]) for d in doc["declarations"]}
    assert got == {
        ("lux", "/sys/bus/i2c/drivers/lumen/<dev>/lux", "high", True),
        ("integration_time", "/sys/bus/i2c/drivers/lumen/<dev>/integration_time", "high", True),
    }


def test_missing_doc(capsys: pytest.CaptureFixture[str]) -> None:
    for extra in (("--tree", str(LUMEN_TREE)), ()):
        code, doc = check_json(capsys, patch("lumen-nodoc.patch"), "--today", TODAY, *extra)
        (d,) = findings(doc, "missing-doc")
        assert d["line"] == 42 and "DEVICE_ATTR_RO(uv_index)" in d["message"]
        assert d["severity"] == "warning" and code == 0


def test_mode_mismatch(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-mode.patch", "--fail-on", "warning")
    (d,) = findings(doc, "mode-mismatch")
    assert code == 1
    lines = (PATCHES / "lumen-mode.patch").read_text(encoding="utf-8").splitlines()
    assert lines[d["line"] - 1] == "+static DEVICE_ATTR_RW(threshold);"
    assert "RW (0644) in the code, the documentation says read-only (RO)" in d["message"]
    assert "Documentation/ABI/testing/sysfs-driver-lumen:17" in d["message"]
    (decl,) = doc["declarations"]
    assert (decl["mode"], decl["doc_mode"], decl["modes_agree"]) == ("RW", "RO", False)


_HWMON_PATCH = """\
--- /dev/null
+++ b/drivers/hwmon/chill.c
@@ -0,0 +1,8 @@
+#include <linux/hwmon-sysfs.h>
+static SENSOR_DEVICE_ATTR_{macro}(temp1_max, temp_max, 0);
+static struct attribute *chill_attrs[] = {{ &sensor_dev_attr_temp1_max.dev_attr.attr, NULL }};
+ATTRIBUTE_GROUPS(chill);
+static int chill_probe(struct device *dev)
+{{
+	return PTR_ERR_OR_ZERO(devm_hwmon_device_register_with_groups(dev, "chill", NULL, chill_groups));
+}}
--- /dev/null
+++ b/Documentation/ABI/testing/sysfs-class-hwmon
@@ -0,0 +1,7 @@
+What:		/sys/class/hwmon/hwmonX/tempY_max
+Date:		July 2025
+KernelVersion:	6.17
+Contact:	Test Person <test@example.org>
+Description:	Temperature max value.
+
+		RW
"""


@pytest.mark.parametrize(("macro", "reported"), [("RO", False), ("WO", True)])
def test_hwmon_read_only_is_allowed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, macro: str, reported: bool
) -> None:
    # hwmon's "RW" files may be read-only on a chip that cannot write them; not write-only
    example = tmp_path / "hwmon.diff"
    example.write_text(_HWMON_PATCH.format(macro=macro), encoding="utf-8")
    _code, doc = check_json(capsys, str(example), "--today", TODAY)
    (decl,) = doc["declarations"]
    assert decl["what"] == "/sys/class/hwmon/hwmonX/tempY_max" and decl["confidence"] == "high"
    assert bool(findings(doc, "mode-mismatch")) is reported


def test_doc_without_code_needs_the_tree(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = lumen(capsys, "lumen-doconly.patch")
    (d,) = findings(doc, "doc-without-code")
    assert where(d) == (25, "Documentation/ABI/testing/sysfs-driver-lumen", 17)
    assert "/sys/bus/i2c/drivers/lumen/<dev>/infrared" in d["message"]
    assert doc["code_checked_against_tree"] is True
    # Without the tree's C, "no declaration" means nothing: not reported.
    code, doc = check_json(capsys, patch("lumen-doconly.patch"), "--today", TODAY)
    assert findings(doc, "doc-without-code") == [] and doc["code_checked_against_tree"] is False


WIDGET = """\
--- a/drivers/misc/qux.c
+++ b/drivers/misc/qux.c
@@ -1,1 +1,2 @@
 #include <linux/device.h>
+static DEVICE_ATTR_RW(widget_count);
--- /dev/null
+++ b/Documentation/ABI/testing/sysfs-driver-qux
@@ -0,0 +1,5 @@
+What:		WHAT
+Date:		July 2025
+KernelVersion:	6.17
+Contact:	linux-foo@vger.kernel.org
+Description:	(RO) The number of widgets.
"""


def test_weak_match_the_series_makes_itself_counts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The cross-checker alone rates this pair weak ('i2c' is unexplained by the code); the
    # series adds both, so it is taken as the entry, and its modes are compared.
    p = tmp_path / "widget.diff"
    p.write_text(WIDGET.replace("WHAT", "/sys/bus/i2c/drivers/qux/<dev>/widget_count"))
    code, doc = check_json(capsys, str(p), "--today", "2025-07-31")
    (decl,) = doc["declarations"]
    assert decl["confidence"] == "high"
    assert decl["reasons"][-1] == "the series adds both the declaration and this entry"
    assert findings(doc, "missing-doc") == []
    (d,) = findings(doc, "mode-mismatch")
    assert "RW (0644) in the code, the documentation says read-only (RO)" in d["message"]


def test_missing_doc_names_a_same_name_entry(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "widget.diff"
    text = WIDGET.replace("WHAT", "/sys/bus/example/devices/<dev>/widget_count")
    p.write_text(text.replace("sysfs-driver-qux", "sysfs-bus-example"))
    code, doc = check_json(capsys, str(p), "--today", "2025-07-31")
    (d,) = findings(doc, "missing-doc")
    assert d["hint"].startswith(
        "if /sys/bus/example/devices/<dev>/widget_count (Documentation/ABI/testing/sysfs-bus-example:1)"
        " is its entry"
    )


# -- lint on the post-image, kept to added lines ---------------------------------------------------


def test_lint_findings_only_on_added_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(LUMEN_TREE, tree)
    abi = tree / "Documentation/ABI/testing/sysfs-driver-lumen"
    # An old entry without a Contact: the tree's problem, not the patch's.
    abi.write_text(abi.read_text().replace("Contact:\tlinux-lumen@vger.kernel.org\n", "", 1))
    code, doc = check_json(capsys, patch("lumen-v4-series.mbox"), "--tree", str(tree), "--today", TODAY)
    assert findings(doc, "missing-contact") == []
    # The same lines, with a typo the patch adds, are reported at the patch line.
    text = (PATCHES / "lumen-v4-series.mbox").read_text(encoding="utf-8")
    bad = tmp_path / "bad.mbox"
    old = "+Date:\t\tAugust 2025\n+KernelVersion:\t6.17\n+Contact:"
    bad.write_text(text.replace(old, old.replace("August", "Augst"), 1))
    code, doc = check_json(capsys, str(bad), "--tree", str(tree), "--today", TODAY)
    (d,) = findings(doc, "malformed-date")
    assert bad.read_text(encoding="utf-8").splitlines()[d["line"] - 1] == "+Date:\t\tAugst 2025"
    assert d["column"] == 9 and d["file"]["column"] == 8
    assert code == 1


def test_duplicate_of_a_tree_entry(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(LUMEN_TREE, tree)
    other = tree / "Documentation/ABI/testing/sysfs-driver-lumen-extra"
    other.write_text(
        "What:\t\t/sys/bus/i2c/drivers/lumen/<dev>/lux\nDate:\t\tJuly 2025\nKernelVersion:\t6.17\n"
        "Contact:\tlinux-lumen@vger.kernel.org\nDescription:\tThe lux reading.\n"
    )
    code, doc = check_json(capsys, patch("lumen-v4-series.mbox"), "--tree", str(tree), "--today", TODAY)
    (d,) = findings(doc, "duplicate-what")
    assert "sysfs-driver-lumen-extra:1" in d["message"]
    assert d["file"]["path"] == "Documentation/ABI/testing/sysfs-driver-lumen"


# -- the command line ------------------------------------------------------------------------------


def test_text_output_like_checkpatch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, patch("lumen-qp.patch"), "--tree", str(LUMEN_TREE), "--today", TODAY)
    first, file_line, hint, summary = out.splitlines()
    assert first.startswith(f"{patch('lumen-qp.patch')}:30:17: error: KernelVersion 6.16 was released")
    assert first.endswith("[ABI101 stale-kernelversion]")
    assert file_line == "    file: Documentation/ABI/testing/sysfs-driver-lumen:19:16"
    assert hint.startswith("    hint: write 'KernelVersion: 6.17'")
    assert summary == "1 patch, 1 ABI file, 1 entry added or changed: 1 error, 0 warnings, 0 info"


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data = (PATCHES / "lumen-v3-series.mbox").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, doc = check_json(capsys, "-", "--tree", str(LUMEN_TREE), "--today", TODAY)
    assert code == 1 and {d["path"] for d in doc["diagnostics"]} == {"<stdin>"}
    assert len(doc["diagnostics"]) == 4


def _mails(name: str) -> list[str]:
    """The mails of one of our git format-patch mboxes, each ending with a newline."""
    text = (PATCHES / name).read_text(encoding="utf-8")
    parts = text.split("\nFrom ")
    mails = [parts[0]] + ["From " + m for m in parts[1:]]
    return [m if m.endswith("\n") else m + "\n" for m in mails]


def test_several_files_are_one_series(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # git format-patch -o: one file per patch; the docs (3/3) count for the code (2/3).
    names = []
    for k, mail in enumerate(_mails("lumen-v3-series.mbox")[1:], 1):
        p = tmp_path / f"v3-000{k}.patch"
        p.write_text(mail, encoding="utf-8")
        names.append(str(p))
    code, doc = check_json(capsys, *reversed(names), "--tree", str(LUMEN_TREE), "--today", TODAY)
    assert [p["source"] for p in doc["patches"]] == names[:3]  # back in n/m order
    kv = findings(doc, "stale-kernelversion")
    assert {d["path"] for d in kv} == {names[2]} and len(kv) == 2


def test_select_ignore_and_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    args = (patch("lumen-v3-series.mbox"), "--tree", str(LUMEN_TREE), "--today", TODAY)
    code, doc = check_json(capsys, *args, "--ignore", "stale-kernelversion")
    assert code == 0 and {d["name"] for d in doc["diagnostics"]} == {"stale-date"}
    code, doc = check_json(capsys, *args, "--ignore", "ABI101", "--fail-on", "warning")
    assert code == 1
    code, doc = check_json(capsys, *args, "--select", "ABI102")
    assert {d["rule"] for d in doc["diagnostics"]} == {"ABI102"}


def test_sarif_and_github_carry_the_resulting_file(capsys: pytest.CaptureFixture[str]) -> None:
    args = (patch("lumen-qp.patch"), "--tree", str(LUMEN_TREE), "--today", TODAY)
    code, out = check(capsys, *args, "--format", "sarif")
    (result,) = json.loads(out)["runs"][0]["results"]
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "Documentation/ABI/testing/sysfs-driver-lumen"
    assert related["region"]["startLine"] == 19
    code, out = check(capsys, *args, "--format", "github")
    assert out.startswith("::error file=") and "line=30" in out
    assert "[Documentation/ABI/testing/sysfs-driver-lumen:19:16]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "nothing to check"),
        (("no-such.patch",), "no-such.patch: cannot read"),
        ((str(PATCHES / "README.md"),), "no patch found in"),
        ((str(PATCHES / "lumen-qp.patch"), "--target-version", "5.20"), "no such release"),
        ((str(PATCHES / "lumen-qp.patch"), "--target-version", "soon"), "not a release number"),
        ((str(PATCHES / "lumen-qp.patch"), "--tree", "/no/such/dir"), "no such directory"),
        ((str(PATCHES / "lumen-qp.patch"), "--select", "no-such-rule"), "unknown rule"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str) -> None:
    code = __import__("abi_tools.cli", fromlist=["main"]).main(["check-patch", *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


def test_hunk_that_does_not_apply_is_reported_not_fatal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(LUMEN_TREE, tree)
    abi = tree / "Documentation/ABI/testing/sysfs-driver-lumen"
    abi.write_text(abi.read_text().replace("reads 0 counts until it ends.", "is busy until it ends."))
    code, doc = check_json(capsys, patch("lumen-v3-series.mbox"), "--tree", str(tree), "--today", TODAY)
    assert any("does not apply" in d["message"] for d in findings(doc, "patch-problem"))
    assert code == 0 or code == 1  # the run went on


# -- --git -----------------------------------------------------------------------------------------


@pytest.fixture
def lumen_repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "linux"
    shutil.copytree(LUMEN_TREE, repo)
    git(repo, "init", "-q", "-b", "master")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    for k, mail in enumerate(_mails("lumen-v3-series.mbox")[1:], 1):  # [0] is the cover letter
        p = tmp_path / f"{k:04d}.patch"
        p.write_text(mail, encoding="utf-8")
        git(repo, "am", "-q", str(p))
    return repo


def test_git_range_inside_the_tree(
    capsys: pytest.CaptureFixture[str], lumen_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(lumen_repo)
    code, doc = check_json(capsys, "--git", "HEAD~3..HEAD", "--today", TODAY)
    assert code == 1 and len(doc["patches"]) == 3
    kv = findings(doc, "stale-kernelversion")
    # The base is the range's parent: its Makefile says 6.16-rc3, the working tree already has
    # the series applied and must not be applied to again.
    assert len(kv) == 2 and "the tree is at 6.16-rc3" in kv[0]["message"]
    assert findings(doc, "patch-problem") == []
    assert kv[0]["file"]["line"] == 19
    assert kv[0]["path"] == "HEAD~3..HEAD"


def test_git_range_with_tree_option(capsys: pytest.CaptureFixture[str], lumen_repo: Path) -> None:
    code, doc = check_json(capsys, "--git", "HEAD~1..", "--tree", str(lumen_repo), "--today", TODAY)
    assert len(doc["patches"]) == 1 and len(findings(doc, "stale-kernelversion")) == 2
    code = __import__("abi_tools.cli", fromlist=["main"]).main(
        ["check-patch", "--git", "no-such-rev..", "--tree", str(lumen_repo)]
    )
    assert code == 2 and "Traceback" not in capsys.readouterr().err
