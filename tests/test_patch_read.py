"""Reading patches: format-patch, mbox series, threads, encodings, mangled archives."""

from __future__ import annotations

import os
import quopri
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from git_helpers import git

from abi_tools.patch import (
    FilePatch,
    Patch,
    PatchSet,
    apply_file_patches,
    parse_subject,
    post_image,
    read_git_range,
    read_patches,
)

FIX = Path(__file__).parent / "fixtures" / "patches"
ABI = "Documentation/ABI/testing/sysfs-driver-foo"
FOO_C = "drivers/misc/foo.c"


def read(name: str) -> PatchSet:
    return read_patches((FIX / name).read_bytes(), name)


def input_lines(name: str) -> list[str]:
    return (FIX / name).read_bytes().decode("utf-8", "replace").replace("\r", "").split("\n")


def shape(fp: FilePatch) -> tuple[object, ...]:
    """Everything about a file patch except input line numbers."""
    return (
        fp.old_path,
        fp.new_path,
        fp.is_new,
        fp.is_deleted,
        fp.is_rename,
        tuple(
            (
                h.old_start,
                h.old_len,
                h.new_start,
                h.new_len,
                tuple((x.kind, x.text) for x in h.lines),
            )
            for h in fp.hunks
        ),
    )


def only(ps: PatchSet) -> Patch:
    assert len(ps.patches) == 1, ps
    return ps.patches[0]


def check_patch_lines(ps: PatchSet, lines: list[str]) -> None:
    """Every hunk line's patch_line is the input line that holds it."""
    for p in ps.patches:
        for fp in p.files:
            for h in fp.hunks:
                assert lines[h.header_line - 1].startswith("@@ ")
                for x in h.lines:
                    raw = lines[x.patch_line - 1]
                    if raw.startswith((" ", "+", "-")):
                        assert raw == x.kind + x.text, (x, raw)
                    else:  # whitespace-mangled context line
                        assert raw == x.text, (x, raw)


# --- single format-patch -------------------------------------------------------------


def test_single_format_patch() -> None:
    ps = read("foo-single.patch")
    p = only(ps)
    assert p.subject == "misc: foo: expose and document the bar register"
    assert p.raw_subject == "[PATCH] misc: foo: expose and document the bar register"
    assert p.author == "Ana Pérez <ana@example.org>"
    assert p.date == datetime(2025, 3, 3, 9, 5, tzinfo=timezone(timedelta(hours=1)))
    assert p.message_id == "20250303090500.4242-1-ana@example.org"
    assert p.start_line == 1
    assert p.index_in_series is None and p.series_total is None
    assert [fp.path for fp in p.files] == [ABI, FOO_C]
    abi, c = p.files
    assert not (abi.is_new or abi.is_deleted or abi.is_rename)
    assert len(abi.hunks) == 1 and len(c.hunks) == 2
    added_c = [x.text for x in c.added_lines()]
    assert "static DEVICE_ATTR_RO(bar);" in added_c
    assert [x.text for x in c.removed_lines()] == ["\tpriv->bar = readl(priv->regs + 0x10);"]
    assert "What:\t\t/sys/bus/platform/drivers/foo/<dev>/bar" in [x.text for x in abi.added_lines()]
    assert all(fp.patch_index == 0 for fp in p.files)
    assert ps.cover is None
    assert ps.diagnostics == ()
    check_patch_lines(ps, input_lines("foo-single.patch"))


def test_str_and_bytes_input_agree() -> None:
    a = read_patches((FIX / "foo-single.patch").read_text(encoding="utf-8"))
    b = read("foo-single.patch")
    assert a.patches[0].files == b.patches[0].files


# --- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "foo-single-qp.patch",
        "foo-single-crlf.patch",
        "foo-single-latin1.patch",
        "foo-single-attachment.eml",
    ],
)
def test_encoded_variants_read_the_same(name: str) -> None:
    ref = only(read("foo-single.patch"))
    ps = read(name)
    p = only(ps)
    assert [shape(fp) for fp in p.files] == [shape(fp) for fp in ref.files]
    assert (p.subject, p.author, p.date, p.message_id) == (
        ref.subject,
        ref.author,
        ref.date,
        ref.message_id,
    )
    assert ps.diagnostics == ()
    # "Café" survives every encoding.
    abi = p.file(ABI)
    assert abi is not None
    assert any("Café-grade" in x.text for x in abi.added_lines())


@pytest.mark.parametrize("name", ["foo-single-crlf.patch", "foo-single-latin1.patch"])
def test_line_preserving_variants_keep_line_numbers(name: str) -> None:
    ref = only(read("foo-single.patch"))
    p = only(read(name))
    assert p.files == ref.files


def test_quoted_printable_line_numbers_point_at_encoded_lines() -> None:
    p = only(read("foo-single-qp.patch"))
    raw = (FIX / "foo-single-qp.patch").read_text().split("\n")
    for fp in p.files:
        for h in fp.hunks:
            for x in h.lines:
                # The decoded line starts on the stated input line (soft breaks join more).
                line = raw[x.patch_line - 1].rstrip("=")
                decoded = quopri.decodestring(line.encode()).decode("utf-8", "replace")
                assert (x.kind + x.text).startswith(decoded) or decoded.startswith(x.kind + x.text)


def test_base64_attachment_line_numbers_are_close() -> None:
    p = only(read("foo-single-attachment.eml"))
    raw = (FIX / "foo-single-attachment.eml").read_text().split("\n")
    first_b64 = next(i for i, line in enumerate(raw, 1) if line.startswith("ZGlmZiAt"))
    last_b64 = max(i for i, line in enumerate(raw, 1) if line and line[0].isalnum() and " " not in line)
    for fp in p.files:
        for h in fp.hunks:
            for x in h.lines:
                assert first_b64 <= x.patch_line <= last_b64


def test_rfc2047_subject() -> None:
    text = (
        "From: =?utf-8?q?J=C3=B6rg?= <j@example.org>\n"
        "Subject: =?utf-8?q?=5BPATCH_v3_2/5=5D_misc=3A_foo=3A_caf=C3=A9?=\n"
        "Date: Mon, 3 Mar 2025 09:05:00 +0100\n\n"
        "body\n---\n" + (FIX / "foo-bare.diff").read_text()
    )
    p = only(read_patches(text))
    assert p.subject == "misc: foo: café"
    assert (p.index_in_series, p.series_total, p.version) == (2, 5, 3)
    assert p.author == "Jörg <j@example.org>"


# --- series ---------------------------------------------------------------------------


def test_series_mbox_with_cover_letter() -> None:
    ps = read("foo-series.mbox")
    assert ps.cover is not None
    assert ps.cover.subject == "misc: foo: expose the bar register"
    assert ps.cover.index_in_series == 0 and ps.cover.series_total == 3
    assert ps.cover.date == datetime(2025, 3, 3, 9, 10, tzinfo=timezone(timedelta(hours=1)))
    assert [p.index_in_series for p in ps.patches] == [1, 2, 3]  # sorted, stored 1,3,2
    assert all(p.series_total == 3 and p.version == 2 for p in ps.patches)
    assert [fp.path for fp in ps.patches[1].files] == [FOO_C]
    assert [fp.path for fp in ps.patches[2].files] == [ABI]
    assert ps.patches[2].files[0].patch_index == 2
    assert [fp.patch_index for fp in ps.file_patches(FOO_C)] == [0, 1]
    assert ps.paths() == (FOO_C, ABI)
    assert ps.diagnostics == ()
    check_patch_lines(ps, input_lines("foo-series.mbox"))


# --- bare diffs ----------------------------------------------------------------------


def test_bare_git_diff() -> None:
    ps = read("foo-bare.diff")
    p = only(ps)
    assert p.subject == "" and p.author is None and p.date is None
    ref = only(read("foo-single.patch"))
    assert [shape(fp) for fp in p.files] == [shape(fp) for fp in ref.files]
    check_patch_lines(ps, input_lines("foo-bare.diff"))


def test_diff_u_strips_tree_prefix_and_timestamps() -> None:
    p = only(read("foo-diff-u.diff"))
    (fp,) = p.files
    assert fp.old_path == ABI and fp.new_path == ABI
    assert len(fp.added_lines()) == 8


# --- removal and rename ----------------------------------------------------------------


def test_removal() -> None:
    p = only(read("foo-removal.patch"))
    doc, code = p.files
    assert doc.path == "Documentation/ABI/testing/sysfs-driver-foo-legacy"
    assert not doc.is_deleted
    removed = [x.text for x in doc.removed_lines()]
    assert "What:\t\t/sys/bus/platform/drivers/foo/<dev>/legacy_id" in removed
    assert doc.added_lines() == ()
    assert code.is_deleted and code.new_path is None and code.old_path == "drivers/misc/foo-legacy.c"
    assert apply_file_patches("int x;\n", [code]).text == ""


def test_rename_between_levels() -> None:
    p = only(read("foo-rename.patch"))
    (fp,) = p.files
    assert fp.is_rename
    assert fp.old_path == "Documentation/ABI/testing/sysfs-driver-foo-legacy"
    assert fp.new_path == "Documentation/ABI/obsolete/sysfs-driver-foo-legacy"
    assert [(x.kind, x.text) for x in fp.hunks[0].lines if x.kind != " "] == [
        ("-", "Date:\t\tMarch 2019"),
        ("+", "Date:\t\tApril 2025"),
    ]


def test_pure_rename_without_hunks() -> None:
    text = (
        "diff --git a/Documentation/ABI/testing/sysfs-x b/Documentation/ABI/obsolete/sysfs-x\n"
        "similarity index 100%\n"
        "rename from Documentation/ABI/testing/sysfs-x\n"
        "rename to Documentation/ABI/obsolete/sysfs-x\n"
    )
    (fp,) = only(read_patches(text)).files
    assert fp.is_rename and fp.hunks == ()
    assert fp.old_path == "Documentation/ABI/testing/sysfs-x"
    assert fp.new_path == "Documentation/ABI/obsolete/sysfs-x"


def test_binary_patches_are_recorded_not_parsed() -> None:
    text = (
        "diff --git a/firmware/foo.bin b/firmware/foo.bin\n"
        "new file mode 100644\n"
        "index 0000000..e69de29\n"
        "GIT binary patch\n"
        "literal 12\n"
        "TcmZ?wbaGqu@Mh(Y0\n"
        "\n"
        "literal 0\n"
        "HcmV?d00001\n"
        "\n"
        "diff --git a/img/x.png b/img/x.png\n"
        "Binary files a/img/x.png and b/img/x.png differ\n"
    )
    fps = only(read_patches(text)).files
    assert [(fp.path, fp.is_binary, fp.hunks) for fp in fps] == [
        ("firmware/foo.bin", True, ()),
        ("img/x.png", True, ()),
    ]


# --- threads ---------------------------------------------------------------------------


def test_reply_thread_quoting_the_patch() -> None:
    ps = read("foo-thread.txt")
    p = only(ps)
    ref = only(read("foo-single.patch"))
    assert p.files == ref.files  # same text at the same lines: the patch opens the thread
    # Rita's unquoted suggestion (a diff of foo.c) is not a patch either.
    assert len(ps.file_patches(FOO_C)) == 1


def test_re_subject_is_never_a_patch() -> None:
    text = "Subject: Re: [PATCH 1/2] foo\nFrom: a@b\n\n" + (FIX / "foo-bare.diff").read_text()
    ps = read_patches(text)
    assert ps.patches == ()


# --- whitespace-mangled archives ---------------------------------------------------------


def test_whitespace_mangled_patch() -> None:
    ps = read("foo-mangled.txt")
    p = only(ps)  # the reply's quoted copy and the reviewer's suggestion are ignored
    abi, c = p.files
    assert abi.path == ABI and c.path == FOO_C
    assert abi.whitespace_mangled and c.whitespace_mangled
    assert [x.text for x in abi.added_lines()][1] == "What: /sys/bus/platform/drivers/foo/<dev>/bar"
    assert "static DEVICE_ATTR_RO(bar);" in [x.text for x in c.added_lines()]
    assert " .dev_groups = foo_groups," in [x.text for x in c.added_lines()]
    assert len(c.added_lines()) == 24 and len(c.removed_lines()) == 1
    # The archive dropped a blank line: the hunk is short, reported, still read.
    assert len(ps.diagnostics) == 1 and "short" in ps.diagnostics[0].message
    check_patch_lines(ps, input_lines("foo-mangled.txt"))


# --- robustness ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        "",
        b"\x00\xff\xfe garbage \x80\n" * 100,
        "@@ -1,3 +1,3 @@\n",
        "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,30 +1,40 @@\n+only one line\n",
        "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -99999999999999999999,1 +1 @@\n-a\n+b\n",
        "From: a@b\nSubject: [PATCH] x\nContent-Type: multipart/mixed; boundary=zz\n\nno parts\n",
        "From: a@b\nSubject: [PATCH] x\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n",
        "From: a@b\nSubject: [PATCH] x\nContent-Type: text/plain; charset=bogus-42\n\nx\n",
        "From: a@b\nSubject: [PATCH] x\nDate: not a date\n\n" + "diff --git a/x b/x\n",
        "--- \n+++ \n@@ @@\n",
        "\r\n\r\n\r",
        'diff --git "a/we\\tird" "b/we\\tird"\n',
        "From: a@b\nSubject: x\nContent-Type: multipart/mixed; boundary=a\n\n--a\n"
        "Content-Type: multipart/mixed; boundary=a\n\n--a\n--a--\n",
    ],
)
def test_never_raises(data: str | bytes) -> None:
    ps = read_patches(data)
    assert isinstance(ps, PatchSet)
    for p in ps.patches:
        for fp in p.files:
            post_image([fp], None)
            post_image([fp], "some\ntext\n")


def test_truncated_hunk_is_reported() -> None:
    text = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,5 @@\n a\n+b\n"
    ps = read_patches(text)
    (fp,) = only(ps).files
    assert [(x.kind, x.text) for x in fp.hunks[0].lines] == [(" ", "a"), ("+", "b")]
    assert ps.diagnostics and ps.diagnostics[0].line == 4


def test_no_patch_is_a_problem() -> None:
    ps = read_patches("just some text\n")
    assert ps.patches == ()
    assert ps.diagnostics[0].line == 1


def test_large_input() -> None:
    body = (FIX / "foo-single.patch").read_bytes()
    ps = read_patches(body * 2000 + os.urandom(200_000))
    assert len(ps.patches) == 2000


# --- subjects ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title", "reply", "index", "total", "version", "tags"),
    [
        ("[PATCH v3 2/5] x86/tdx: Add foo", "x86/tdx: Add foo", False, 2, 5, 3, ("PATCH",)),
        ("[RFC PATCH 0/3] foo", "foo", False, 0, 3, None, ("RFC", "PATCH")),
        ("Re: [PATCH 1/2] foo", "foo", True, 1, 2, None, ("PATCH",)),
        ("RE: Re: [PATCH] foo", "foo", True, None, None, None, ("PATCH",)),
        ("[PATCH net-next v2 04/10] net: foo", "net: foo", False, 4, 10, 2, ("PATCH", "net-next")),
        ("plain subject", "plain subject", False, None, None, None, ()),
    ],
)
def test_parse_subject(
    raw: str,
    title: str,
    reply: bool,
    index: int | None,
    total: int | None,
    version: int | None,
    tags: tuple[str, ...],
) -> None:
    s = parse_subject(raw)
    assert (s.title, s.is_reply, s.index, s.total, s.version, s.tags) == (
        title,
        reply,
        index,
        total,
        version,
        tags,
    )


def test_in_body_from_overrides_sender() -> None:
    text = (
        "From: Maintainer <m@example.org>\nSubject: [PATCH] foo\n"
        "Date: Mon, 3 Mar 2025 09:05:00 +0100\n\n"
        "From: Ana <a@example.org>\n\nmessage\n---\n" + (FIX / "foo-bare.diff").read_text()
    )
    assert only(read_patches(text)).author == "Ana <a@example.org>"


# --- git ranges ----------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_read_git_range(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    doc = repo / ABI
    doc.parent.mkdir(parents=True)
    doc.write_text("What:\t\t/sys/bus/platform/drivers/foo/<dev>/baz\nDate:\t\tJanuary 2024\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    c = repo / FOO_C
    c.parent.mkdir(parents=True)
    c.write_text("static DEVICE_ATTR_RO(bar);\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "misc: foo: add bar")
    with doc.open("a") as f:
        f.write("\nWhat:\t\t/sys/bus/platform/drivers/foo/<dev>/bar\nDate:\t\tMarch 2025\n")
    git(repo, "commit", "-qam", "Documentation/ABI: document bar")

    ps = read_git_range(str(repo), "HEAD~2..HEAD")
    assert [p.subject for p in ps.patches] == [
        "misc: foo: add bar",
        "Documentation/ABI: document bar",
    ]
    assert [(p.index_in_series, p.series_total) for p in ps.patches] == [(1, 2), (2, 2)]
    assert ps.patches[0].files[0].is_new and ps.patches[0].files[0].path == FOO_C
    assert ps.patches[0].author == "Ana Pérez <ana@example.org>"
    assert ps.patches[0].date == datetime(2025, 3, 3, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    img = post_image(ps.file_patches(ABI), doc.read_text().split("\n\n")[0] + "\n")
    assert img.text == doc.read_text()
    assert ps.diagnostics == ()

    bad = read_git_range(str(repo), "no-such-rev..HEAD")
    assert bad.patches == () and "git format-patch failed" in bad.diagnostics[0].message
    missing = read_git_range(str(tmp_path / "nope"), "HEAD~1..")
    assert missing.patches == () and missing.diagnostics


def test_generic_mbox_separators() -> None:
    patch = (FIX / "foo-single.patch").read_text(encoding="utf-8")
    body = patch.split("\n", 1)[1]  # drop git's own "From <sha>" line
    mbox = (
        "From ana@example.org Mon Mar  3 09:05:00 2025\n"
        + body
        + "\nFrom rita@example.net Tue Mar  4 10:00:00 2025\n"
        "From: Rita Reviewer <rita@example.net>\n"
        "Subject: Re: [PATCH] misc: foo: expose and document the bar register\n\n"
        ">From the patch:\n" + "\n".join("> " + line for line in body.splitlines()[-30:]) + "\nLooks good.\n"
    )
    ps = read_patches(mbox)
    p = only(ps)
    assert p.start_line == 1
    assert [shape(fp) for fp in p.files] == [shape(fp) for fp in only(read("foo-single.patch")).files]
