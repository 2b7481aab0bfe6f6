"""Bad input gives a clear message with a path, never a traceback; the run goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from abi_tools.cli import main

GOOD = "What:\t\t/sys/class/foo/ok\nDate:\t\tMay 2020\nContact:\ta@example.org\nDescription:\tfine\n"


@pytest.fixture
def abi(tmp_path: Path) -> Path:
    d = tmp_path / "Documentation" / "ABI" / "testing"
    d.mkdir(parents=True)
    (d / "sysfs-good").write_text(GOOD)
    return d


def lint(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["lint", "--no-cache", "--fail-on", "never", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_binary_file(abi: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (abi / "sysfs-binary").write_bytes(b"\x7fELF\0\0\0\x01" * 100)
    code, out = lint(capsys, abi.parent.parent.parent)
    assert "sysfs-binary:1:1: error: binary file" in out
    assert "2 files, 1 entries" in out


def test_non_utf8(abi: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (abi / "sysfs-latin1").write_bytes(b"What:\t/sys/x\nContact:\tJos\xe9 <j@example.org>\nDescription: y\n")
    _, out = lint(capsys, abi)
    assert "sysfs-latin1:2:1: warning: not valid UTF-8 (byte 0xe9)" in out
    assert "2 files, 2 entries" in out


def test_crlf_bom_empty(abi: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (abi / "sysfs-crlf").write_bytes(b"\xef\xbb\xbfWhat:\t/sys/c\r\nDescription:\tz\r\n")
    (abi / "sysfs-empty").write_bytes(b"")
    _, out = lint(capsys, abi)
    assert "3 files, 2 entries" in out
    assert "byte-order mark" in out


def test_huge_file_is_skipped_with_a_message(abi: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open(abi / "sysfs-huge", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    _, out = lint(capsys, abi)
    assert "sysfs-huge:1:1: error: file is 50.0 MiB, over the 8 MiB limit" in out
    assert "sysfs-good" not in out.split("sysfs-huge")[0] or "2 files" in out


def test_symlink_loop_and_dangling_link(abi: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink(abi, abi / "loop")
    os.symlink(abi / "a", abi / "b")
    os.symlink(abi / "b", abi / "a")
    os.symlink(abi / "missing", abi / "sysfs-dangling")
    _, out = lint(capsys, abi)
    assert "symlink loop" in out
    assert "sysfs-dangling:1:1: error: cannot read" in out
    assert "1 entries" in out


def test_unreadable_file(
    abi: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads files whatever their mode, so make open() fail the way it
    # does for an ordinary user.
    bad = abi / "sysfs-secret"
    bad.write_text(GOOD)
    real_open = open

    def fake_open(file, *a, **k):  # type: ignore[no-untyped-def]
        if str(file).endswith("sysfs-secret"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", fake_open)
    _, out = lint(capsys, abi)
    assert "sysfs-secret:1:1: error: cannot read: Permission denied" in out
    assert "1 entries" in out


def test_folder_without_abi_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    _, out = lint(capsys, tmp_path / "empty")
    assert "empty:1:1: error: no ABI files found here" in out


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = lint(capsys, tmp_path / "nowhere")
    assert "nowhere:1:1: error: no such file or directory" in out
