"""Post-images: applying file patches to tree text, or building them from hunks alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from seed_helpers import SEED, SEED_ABI, seed_or_skip

from abi_tools.patch import (
    AppliedFile,
    PatchSet,
    apply_file_patches,
    post_image,
    read_patches,
)

FIX = Path(__file__).parent / "fixtures" / "patches"
ABI = "Documentation/ABI/testing/sysfs-driver-foo"
FOO_C = "drivers/misc/foo.c"

# The tree the fixtures were made against (our own made-up driver).
BASE_ABI = """\
What:\t\t/sys/bus/platform/drivers/foo/<dev>/baz
Date:\t\tJanuary 2024
KernelVersion:\t6.8
Contact:\tAna Pérez <ana@example.org>
Description:
\t\t(RO) The baz counter of the foo device, as a decimal
\t\tnumber.
"""
NEW_ENTRY = """\

What:\t\t/sys/bus/platform/drivers/foo/<dev>/bar
Date:\t\tMarch 2025
KernelVersion:\t6.15
Contact:\tAna Pérez <ana@example.org>
Description:
\t\t(RO) The bar register of the foo device, as a decimal
\t\tnumber. Café-grade precision is not guaranteed.
"""


# foo.c before the series, as in the repository the fixtures were made from.
_BASE_FOO_C = """\
// SPDX-License-Identifier: GPL-2.0
/*
 * Example "foo" misc device used by the abi-tools test suite.
 */
#include <linux/module.h>
#include <linux/platform_device.h>

struct foo_priv {
\tvoid __iomem *regs;
\tu32 bar;
};

static int foo_read_bar(struct foo_priv *priv)
{
\tpriv->bar = readl(priv->regs + 0x10);
\treturn 0;
}

static int foo_probe(struct platform_device *pdev)
{
\tstruct foo_priv *priv;

\tpriv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
\tif (!priv)
\t\treturn -ENOMEM;

\tpriv->regs = devm_platform_ioremap_resource(pdev, 0);
\tif (IS_ERR(priv->regs))
\t\treturn PTR_ERR(priv->regs);

\tplatform_set_drvdata(pdev, priv);
\treturn foo_read_bar(priv);
}

static struct platform_driver foo_driver = {
\t.probe = foo_probe,
\t.driver = {
\t\t.name = "foo",
\t},
};
module_platform_driver(foo_driver);
MODULE_LICENSE("GPL");
"""


def read(name: str) -> PatchSet:
    return read_patches((FIX / name).read_bytes(), name)


def added_text(img: AppliedFile) -> list[str]:
    lines = img.text.splitlines()
    return [lines[i - 1] for i in img.added_line_numbers()]


def test_apply_single_to_tree() -> None:
    ps = read("foo-single.patch")
    img = post_image(ps.file_patches(ABI), BASE_ABI)
    assert img.complete and img.problems == ()
    assert img.text == BASE_ABI + NEW_ENTRY
    assert len(img.line_origin) == len(img.text.splitlines())
    raw = (FIX / "foo-single.patch").read_text().split("\n")
    for k, (line, o) in enumerate(zip(img.text.splitlines(), img.line_origin, strict=True)):
        assert o.new_line == k + 1
        if o.added:
            assert o.patch_index == 0 and o.patch_line is not None
            assert raw[o.patch_line - 1] == "+" + line
        else:
            assert o.patch_line is None and o.old_line == k + 1


def test_apply_series_in_order_with_origins() -> None:
    ps = read("foo-series.mbox")
    img = apply_file_patches(_BASE_FOO_C, ps.file_patches(FOO_C))
    assert img.problems == ()
    assert "static DEVICE_ATTR_RO(bar);" in img.text
    assert "\tpriv->bar = foo_readl(priv, FOO_REG_BAR);" in img.text
    assert "readl(priv->regs + 0x10)" not in img.text
    by_text = dict(zip(img.text.splitlines(), img.line_origin, strict=True))
    assert by_text["static DEVICE_ATTR_RO(bar);"].patch_index == 1  # patch 2/3
    assert by_text["#define FOO_REG_BAR\t0x10"].patch_index == 0  # patch 1/3
    assert not by_text['MODULE_LICENSE("GPL");'].added
    # Same result as applying the squashed single patch.
    single = read("foo-single.patch")
    assert apply_file_patches(_BASE_FOO_C, single.file_patches(FOO_C)).text == img.text


def test_abi_doc_added_in_patch_three() -> None:
    ps = read("foo-series.mbox")
    img = post_image(ps.file_patches(ABI), BASE_ABI)
    assert img.text == BASE_ABI + NEW_ENTRY
    assert {o.patch_index for o in img.line_origin if o.added} == {2}


def test_fuzz_finds_shifted_context() -> None:
    ps = read("foo-single.patch")
    shifted = "/* thirty lines of new header */\n" * 30 + _BASE_FOO_C
    img = apply_file_patches(shifted, ps.file_patches(FOO_C))
    assert img.problems == ()
    assert "static DEVICE_ATTR_RO(bar);" in img.text
    assert img.text.startswith("/* thirty lines")


def test_fuzz_ignores_whitespace_damage_and_keeps_tree_indentation() -> None:
    ps = read("foo-mangled.txt")
    img = apply_file_patches(_BASE_FOO_C, ps.file_patches(FOO_C))
    assert img.problems == ()
    ref = apply_file_patches(_BASE_FOO_C, read("foo-single.patch").file_patches(FOO_C))
    assert [" ".join(x.split()) for x in img.text.splitlines()] == [
        " ".join(x.split()) for x in ref.text.splitlines()
    ]
    assert "\tplatform_set_drvdata(pdev, priv);" in img.text  # context kept from the tree


def test_unapplicable_hunk_is_a_problem_not_an_exception() -> None:
    ps = read("foo-single.patch")
    img = apply_file_patches("nothing like foo.c\n", ps.file_patches(FOO_C))
    assert len(img.problems) == 2
    assert all("does not apply" in p.message for p in img.problems)
    assert img.text == "nothing like foo.c\n"


def test_new_file_needs_no_tree() -> None:
    text = (
        "diff --git a/Documentation/ABI/testing/sysfs-driver-qux "
        "b/Documentation/ABI/testing/sysfs-driver-qux\n"
        "new file mode 100644\n"
        "index 0000000..1111111\n"
        "--- /dev/null\n"
        "+++ b/Documentation/ABI/testing/sysfs-driver-qux\n"
        "@@ -0,0 +1,2 @@\n"
        "+What:\t\t/sys/bus/platform/drivers/qux/<dev>/mode\n"
        "+Date:\t\tMarch 2025\n"
    )
    (fp,) = read_patches(text).patches[0].files
    assert fp.is_new and fp.old_path is None
    img = post_image([fp], None)
    assert img.complete
    assert img.text.splitlines()[1] == "Date:\t\tMarch 2025"
    assert [o.patch_line for o in img.line_origin] == [7, 8]


def test_partial_image_without_tree() -> None:
    ps = read("foo-single.patch")
    img = post_image(ps.file_patches(FOO_C), None)
    assert not img.complete
    lines = img.text.splitlines()
    # Hunks at new lines 10.. and 58..; numbers from the hunk headers.
    assert img.line_origin[0].new_line == 10
    assert lines[0] == "\tu32 bar;"
    k = lines.index("\t\t.dev_groups = foo_groups,")
    assert img.line_origin[k].new_line == 61 and img.line_origin[k].added
    ref = apply_file_patches(_BASE_FOO_C, ps.file_patches(FOO_C)).text.splitlines()
    for line, o in zip(lines, img.line_origin, strict=True):
        assert ref[o.new_line - 1] == line


def test_partial_image_across_a_series() -> None:
    ps = read("foo-series.mbox")
    img = post_image(ps.file_patches(FOO_C), None)
    ref = apply_file_patches(_BASE_FOO_C, ps.file_patches(FOO_C)).text.splitlines()
    assert not img.complete
    for line, o in zip(img.text.splitlines(), img.line_origin, strict=True):
        assert ref[o.new_line - 1] == line
    assert "static DEVICE_ATTR_RO(bar);" in img.text


def test_removal_post_image() -> None:
    tree = (
        "What:\t\t/sys/bus/platform/drivers/foo/<dev>/legacy_mode\nDate:\t\tMarch 2019\n"
        "KernelVersion:\t5.2\nContact:\tAna Pérez <ana@example.org>\nDescription:\n"
        "\t\t(RW) Write 1 to switch the foo device to its legacy\n"
        "\t\tregister layout, 0 to switch back.\n\n"
        "What:\t\t/sys/bus/platform/drivers/foo/<dev>/legacy_id\nDate:\t\tMarch 2019\n"
        "KernelVersion:\t5.2\nContact:\tAna Pérez <ana@example.org>\nDescription:\n"
        "\t\t(RO) The identifier the legacy layout reports.\n"
    )
    ps = read("foo-removal.patch")
    img = post_image(ps.file_patches("Documentation/ABI/testing/sysfs-driver-foo-legacy"), tree)
    assert img.problems == ()
    assert img.text == tree.split("\n\n")[0] + "\n"
    # Rename on top: the old path's text is the tree text.
    ren = read("foo-rename.patch").file_patches("Documentation/ABI/obsolete/sysfs-driver-foo-legacy")
    img2 = post_image(ren, img.text)
    assert "Date:\t\tApril 2025" in img2.text.splitlines()


# --- the seed thread --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text() -> str:
    return seed_or_skip().read_text(encoding="utf-8")


def test_seed_has_exactly_one_patch(seed_text: str) -> None:
    ps = read_patches(seed_text, str(SEED))
    assert len(ps.patches) == 1, "quoted copies and the reply's suggestion must not count"
    p = ps.patches[0]
    assert [fp.path for fp in p.files] == [
        SEED_ABI,
        "arch/x86/virt/vmx/tdx/seamldr.c",
        "arch/x86/virt/vmx/tdx/seamldr.h",
        "arch/x86/virt/vmx/tdx/tdx.c",
    ]
    assert p.files[2].is_new
    assert p.start_line == 1
    # The archive dropped blank context lines: short hunks are reported, never rejected.
    assert all("short" in d.message for d in ps.diagnostics)
    assert ps.cover is None


def test_seed_patch_lines_point_into_the_seed(seed_text: str) -> None:
    lines = seed_text.split("\n")
    (p,) = read_patches(seed_text).patches
    for fp in p.files:
        for h in fp.hunks:
            assert lines[h.header_line - 1].startswith("@@ ")
            for x in h.lines:
                want = (
                    x.text if h.whitespace_mangled and x.kind == " " and not x.text.startswith(" ") else None
                )
                raw = lines[x.patch_line - 1]
                assert raw == x.kind + x.text or raw == want or (x.kind == " " and raw == x.text)


def test_seed_abi_post_image(seed_text: str) -> None:
    lines = seed_text.split("\n")
    ps = read_patches(seed_text)
    img = post_image(ps.file_patches(SEED_ABI), None)
    text = img.text.splitlines()
    for want in (
        "What: /sys/devices/virtual/tdx/seamldr/version",
        "What: /sys/devices/virtual/tdx/seamldr/num_remaining_updates",
        "KernelVersion: v6.15",
        "Date: March 2025",
    ):
        assert want in text
    for k, o in enumerate(img.line_origin):
        if o.added:
            assert o.patch_line is not None and o.patch_index == 0
            assert lines[o.patch_line - 1] == "+" + text[k]
    # Line numbers from the hunk header (@@ -6,3 +6,27 @@).
    assert [o.new_line for o in img.line_origin] == list(range(6, 33))
    k = text.index("What: /sys/devices/virtual/tdx/seamldr/version")
    assert lines[img.line_origin[k].patch_line - 1] == "+What: /sys/devices/virtual/tdx/seamldr/version"  # type: ignore[operator]
    assert img.line_origin[k].new_line == 10


def test_seed_c_lines(seed_text: str) -> None:
    (p,) = read_patches(seed_text).patches
    c = p.file("arch/x86/virt/vmx/tdx/seamldr.c")
    assert c is not None
    added = [x.text.strip() for x in c.added_lines()]
    assert "static DEVICE_ATTR_RO(version);" in added
    assert "static DEVICE_ATTR_RO(num_remaining_updates);" in added
    assert '.name = "seamldr",' in added


def test_seed_has_no_email_date_but_headers_are_read_when_present(seed_text: str) -> None:
    (p,) = read_patches(seed_text).patches
    assert p.date is None and p.author is None  # the archive text carries no headers
    header = (
        "From: Example Author <author@example.org>\n"
        "Date: Tue, 20 May 2025 08:00:00 -0700\n"
        "Subject: [PATCH v2 07/20] x86/virt/tdx: example subject\n"
        "Message-ID: <example-7@example.org>\n\n"
    )
    ps = read_patches(header + seed_text)
    (q,) = ps.patches
    assert q.date is not None and q.date.isoformat() == "2025-05-20T08:00:00-07:00"
    assert (q.index_in_series, q.series_total, q.version) == (7, 20, 2)
    shift = header.count("\n")
    assert [h.header_line - shift for fp in q.files for h in fp.hunks] == [
        h.header_line for fp in p.files for h in fp.hunks
    ]


def test_seed_debug_entry_point(seed_text: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "abi_tools.patch", str(SEED)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert out.returncode == 0
    assert "sysfs-devices-tdx: 1 hunk(s), +24 -0" in out.stdout
