"""abi-tools diff as a command: formats, exit codes, sources, errors."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from diffhelp import entry, write_tree

from abi_tools import cli
from abi_tools.commands import diff as cmd
from abi_tools.diffsource import apply_series
from abi_tools.patch import read_patches


def run(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="abi-tools diff")
    cmd.add_arguments(p)
    return cmd.run(p.parse_args(argv))


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    old = write_tree(
        tmp_path / "old",
        {
            "stable/sysfs-foo": entry("/sys/foo/speed", desc="Link speed in Mb/s."),
            "testing/sysfs-bar": entry("/sys/bar/mode", desc="Mode, one of <a> or <b>."),
        },
    )
    new = write_tree(
        tmp_path / "new",
        {
            "testing/sysfs-bar": entry("/sys/bar/mode", desc="Mode: <script>alert(1)</script> & more.")
            + "\n"
            + entry("/sys/bar/level", desc="Level."),
        },
    )
    return old, new


def test_diff_is_a_cli_command() -> None:
    assert "diff" in cli.COMMANDS


def test_text_output(sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    assert run([str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "Documentation/ABI/stable/sysfs-foo:1: removed: /sys/foo/speed [breaking]" in out
    assert "Documentation/ABI/testing/sysfs-bar:8: added: /sys/bar/level [benign]" in out
    assert "{+" in out and "[-" in out
    assert re.search(r"^removed +1 +0 +0$", out, re.M)
    assert re.search(r"^total +1 +1 +1$", out, re.M)


def test_fail_on_breaking(sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    assert run([str(old), str(new), "--fail-on", "breaking"]) == 1
    assert run([str(old), str(old), "--fail-on", "breaking"]) == 0
    assert run([str(new), str(new), "--fail-on", "benign"]) == 0


def test_json_output(sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    assert run([str(old), str(new), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["totals"]["breaking"] == 1
    kinds = sorted(c["kind"] for c in doc["changes"])
    assert kinds == ["added", "description-changed", "removed"]
    dc = next(c for c in doc["changes"] if c["kind"] == "description-changed")
    assert dc["old"]["level"] == "testing"
    assert any(op == "+" and "<script>" in t for op, t in dc["word_diff"])


def test_html_output_is_escaped_and_atomic(sides: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = sides
    out = tmp_path / "diff.html"
    out.write_text("previous")
    assert run([str(old), str(new), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<ins>" in html and "/sys/foo/speed" in html
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_html_needs_output(sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    assert run([str(old), str(new), "--format", "html"]) == 2
    assert "needs -o" in capsys.readouterr().err


def test_missing_path_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(tmp_path / "nope"), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no such file or directory" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_binary_file_is_reported_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write_tree(tmp_path / "old", {"testing/sysfs-foo": entry("/sys/foo/a")})
    new = write_tree(
        tmp_path / "new",
        {"testing/sysfs-foo": entry("/sys/foo/a"), "testing/sysfs-blob": b"\x7fELF\0\0\0\x01"},
    )
    assert run([str(old), str(new)]) == 0
    captured = capsys.readouterr()
    assert "Documentation/ABI/testing/sysfs-blob:1: error: binary file" in captured.err
    assert "Traceback" not in captured.err


def test_unwritable_output_is_exit_2(sides: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = sides
    blocker = old / "Documentation" / "ABI" / "stable" / "sysfs-foo"  # a file, not a folder
    assert run([str(old), str(new), "-o", str(blocker / "x.txt")]) == 2
    err = capsys.readouterr().err
    assert "cannot create" in err and str(blocker) in err and "Traceback" not in err


# -- git revisions ---------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_git_revisions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "linux"
    repo.mkdir()
    git(repo, "init", "-q")
    write_tree(repo, {"testing/sysfs-foo": entry("/sys/foo/a"), "README": "not ABI"})
    (repo / "Makefile").write_text("all:\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    git(repo, "tag", "v1")
    write_tree(
        repo, {"testing/sysfs-foo": entry("/sys/foo/a", kv="6.9"), "stable/sysfs-new": entry("/sys/new")}
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "two")
    assert run(["--git", str(repo), "v1", "HEAD", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = sorted((c["kind"], c["what"], c["class"]) for c in doc["changes"])
    assert got == [("added", "/sys/new", "notable"), ("field-changed", "/sys/foo/a", "notable")]
    assert doc["old"].endswith("@v1")
    assert run(["--git", str(repo), "v1", "no-such-rev"]) == 2
    assert "unknown revision 'no-such-rev'" in capsys.readouterr().err
    assert run(["--git", str(tmp_path / "nothing"), "v1", "v2"]) == 2


# -- series on a base ------------------------------------------------------------------

SERIES_V2 = """From 1111 Mon Sep 17 00:00:00 2001
From: Jane Doe <jane@example.org>
Subject: [PATCH v2 1/1] foo: add level

---
 Documentation/ABI/testing/sysfs-foo | 7 +++++++
 1 file changed, 7 insertions(+)

diff --git a/Documentation/ABI/testing/sysfs-foo b/Documentation/ABI/testing/sysfs-foo
index 1111111..2222222 100644
--- a/Documentation/ABI/testing/sysfs-foo
+++ b/Documentation/ABI/testing/sysfs-foo
@@ -5,3 +5,10 @@ Contact:	Jane Doe <jane@example.org>
 Description:
 		Reads the current foo value in bar units.
<SP>
+What:		/sys/foo/level
+Date:		January 2024
+KernelVersion:	6.8
+Contact:	Jane Doe <jane@example.org>
+Description:
+		Level of foo.
+
--
2.40.0
""".replace("<SP>", " ")  # a context line of one space, kept out of the source for linters


def base_tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "base", {"testing/sysfs-foo": entry("/sys/foo/a") + "\n"})


def test_apply_series(tmp_path: Path) -> None:
    base = base_tree(tmp_path)
    image = apply_series(str(base), read_patches(SERIES_V2, "v2.mbox"))
    text = image.files["Documentation/ABI/testing/sysfs-foo"]
    assert text is not None and "/sys/foo/level" in text and text.startswith("What:\t\t/sys/foo/a\n")
    assert image.notes == ()


def test_series_versions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = base_tree(tmp_path)
    v2 = tmp_path / "v2.mbox"
    v2.write_text(SERIES_V2)
    v3 = tmp_path / "v3.mbox"
    v3.write_text(SERIES_V2.replace("/sys/foo/level", "/sys/foo/levels").replace("v2 1/1", "v3 1/1"))
    assert run(["--base", str(base), str(v2), str(v3), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (c,) = doc["changes"]
    assert (c["kind"], c["old_what"], c["what"]) == ("renamed", "/sys/foo/level", "/sys/foo/levels")


def test_series_that_does_not_apply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write_tree(tmp_path / "base", {"testing/sysfs-foo": entry("/sys/foo/other") + "\n"})
    v2 = tmp_path / "v2.mbox"
    v2.write_text(SERIES_V2.replace("Reads the current foo", "Something not in the base"))
    assert run(["--base", str(base), str(v2), str(v2)]) == 2
    err = capsys.readouterr().err
    assert "does not apply" in err and "Traceback" not in err
    assert f"{v2}:13: " in err  # the line of the hunk that does not apply


# Our own base for the patch fixtures of tests/fixtures/patches (see its README):
# the file their hunks apply to, and the legacy file foo-rename.patch moves.
FOO = "testing/sysfs-driver-foo"
FOO_BASE = (
    "What:\t\t/sys/bus/platform/drivers/foo/<dev>/baz\n"
    "Date:\t\tJanuary 2025\n"
    "KernelVersion:\t6.14\n"
    "Contact:\tAna Pérez <ana@example.org>\n"
    "Description:\n"
    "\t\t(RO) The baz counter of the foo device, as a decimal\n"
    "\t\tnumber.\n"
)
LEGACY = entry(
    "/sys/bus/platform/drivers/foo/<dev>/legacy_mode",
    date="March 2019",
    kv="5.2",
    contact="Ana Pérez <ana@example.org>",
)
PATCHES = Path(__file__).parent / "fixtures" / "patches"


@pytest.fixture
def foo_base(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "linux", {FOO: FOO_BASE, "testing/sysfs-driver-foo-legacy": LEGACY})


@pytest.mark.parametrize(
    "other", ["foo-single-qp.patch", "foo-single-attachment.eml", "foo-mangled.txt", "foo-diff-u.diff"]
)
def test_series_in_any_form_reads_as_the_same_abi(
    foo_base: Path, other: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The series as an mbox against the same change mailed quoted-printable, as an
    attachment, mangled by a web archive, or as diff -u: no ABI difference."""
    argv = ["--base", str(foo_base), str(PATCHES / "foo-series.mbox"), str(PATCHES / other)]
    assert run([*argv, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []
    image = apply_series(str(foo_base), read_patches((PATCHES / other).read_bytes(), other))
    text = image.files[f"Documentation/ABI/{FOO}"]
    assert text is not None and text.startswith(FOO_BASE)
    assert "/sys/bus/platform/drivers/foo/<dev>/bar" in text and "Café-grade" in text
    assert list(image.files) == [f"Documentation/ABI/{FOO}"]  # foo.c is not ABI


def test_series_rename_and_addition(foo_base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """v1 moves the legacy file to obsolete/ (and edits its Date); v2 instead adds bar."""
    v1, v2 = PATCHES / "foo-rename.patch", PATCHES / "foo-single.patch"
    assert run(["--base", str(foo_base), str(v1), str(v2), "--format", "json"]) == 0
    got = sorted(
        (c["kind"], c["what"].rsplit("/", 1)[-1], c["class"])
        for c in json.loads(capsys.readouterr().out)["changes"]
    )
    assert got == [
        ("added", "bar", "benign"),
        ("field-changed", "legacy_mode", "benign"),
        ("moved-level", "legacy_mode", "notable"),
    ]


def test_series_without_a_patch_is_exit_2(
    foo_base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prose = tmp_path / "notes.txt"
    prose.write_text("Just a note, no diff in it.\n")
    assert run(["--base", str(foo_base), str(prose), str(PATCHES / "foo-single.patch")]) == 2
    err = capsys.readouterr().err
    assert "notes.txt" in err and "no patch" in err and "Traceback" not in err
