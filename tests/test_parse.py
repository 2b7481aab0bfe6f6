"""The parser on small texts of our own."""

from __future__ import annotations

from pathlib import PurePath

import pytest

from abi_tools.model import LEVELS
from abi_tools.parse import level_of, parse_text

SEAMLDR = """\
What:		/sys/devices/virtual/tdx/seamldr/version
Date:		March 2025
KernelVersion:	v6.15
Contact:	linux-coco@lists.linux.dev
Description:	(RO) Report the version of the loaded SEAM loader, as
		x.y.z.

		  An indented paragraph.

What:		/sys/devices/virtual/tdx/seamldr/num_remaining_updates
		/sys/devices/virtual/tdx/seamldr/other
Date:		March 2025
Contact:	Someone <someone@example.org>,
		Another <another@example.org>
Description:
		(RO) How many updates remain.
Users:		a tool
"""


def test_entries_fields_and_lines() -> None:
    f = parse_text(SEAMLDR, "Documentation/ABI/testing/sysfs-devices-tdx")
    assert f.level == "testing"
    assert len(f.entries) == 2
    first, second = f.entries
    assert first.what_paths == ("/sys/devices/virtual/tdx/seamldr/version",)
    assert first.whats[0].span.line == 1 and first.whats[0].span.column == 8
    assert first.value("Date") == "March 2025"
    assert first.value("KernelVersion") == "v6.15"
    assert first.get("KernelVersion") is not None
    assert first.description == (
        "(RO) Report the version of the loaded SEAM loader, as\nx.y.z.\n\n  An indented paragraph."
    )
    desc = first.get("Description")
    assert desc is not None and desc.line_map == (5, 6, 7, 8)
    assert second.what_paths == (
        "/sys/devices/virtual/tdx/seamldr/num_remaining_updates",
        "/sys/devices/virtual/tdx/seamldr/other",
    )
    assert second.whats[1].continuation and second.whats[1].span.line == 11
    assert second.value("Contact") == "Someone <someone@example.org>,\nAnother <another@example.org>"
    assert second.description == "(RO) How many updates remain."
    assert second.value("Users") == "a tool"
    assert second.span.line == 10 and second.span.last_line == 17


def test_preamble_and_orphans() -> None:
    text = "This file documents foo.\n\nContact: a@b.org\nWhat: /sys/foo\nDescription: x\n"
    f = parse_text(text, "x/testing/sysfs-foo")
    assert f.preamble.startswith("This file documents foo.")
    assert [o.tag for o in f.orphans] == ["Contact"]
    assert f.entries[0].what_paths == ("/sys/foo",)


def test_each_tag_line_starts_a_field() -> None:
    # The grammar leaves fields to the model: a field is a tag line (damaged
    # or not) and the text lines up to the next one, before a What or after.
    text = (
        "Date: May 2020\nnot indented text\nKernelVersion\t6.1\nContact: a@b.org\n  more\n"
        "What: /sys/foo\nDescription: x\ncolumn-0 line\nUsers: me\n"
    )
    f = parse_text(text, "x/testing/sysfs-foo")
    got = [(o.tag, o.value, o.span.line, o.span.last_line) for o in f.orphans]
    assert got == [
        ("Date", "May 2020\nnot indented text", 1, 2),
        ("KernelVersion", "6.1", 3, 3),
        ("Contact", "a@b.org\nmore", 4, 5),
    ]
    got = [(o.tag, o.value, o.span.line, o.span.last_line) for o in f.entries[0].fields]
    assert got == [("Description", "x\ncolumn-0 line", 7, 8), ("Users", "me", 9, 9)]


def test_damaged_tags_are_still_read() -> None:
    text = (
        "What:\t\t/sys/a\n"
        "Date\t\tApril 2019\n"
        "KernelVersion\t6.7\n"
        "contact:\tme@example.org\n"
        "Description:\ttext\n"
        "\n"
        "What;\t\t/sys/b\n"
        "WDate:\t\tMar 2022\n"
        "User:\t\ta service\n"
        "Description: Values: are text here\n"
        "Users can write to this file.\n"
    )
    f = parse_text(text, "testing/x")
    a, b = f.entries
    assert [(x.tag, x.raw_tag) for x in a.fields] == [
        ("Date", "Date"),
        ("KernelVersion", "KernelVersion"),
        ("Contact", "contact:"),
        ("Description", "Description:"),
    ]
    assert b.whats[0].raw_tag == "What;" and b.what_paths == ("/sys/b",)
    assert [(x.tag, x.raw_tag) for x in b.fields][:2] == [("Date", "WDate:"), ("Users", "User:")]
    assert b.description == "Values: are text here\nUsers can write to this file."


def test_lines_under_tag_lines_keep_their_places() -> None:
    # A tag line's token takes the indented and blank lines under it along;
    # each of those lines must still land where the line-by-line reading puts it.
    text = (
        "What:\t\t/sys/a\n"  # 1
        "\n"  # 2
        "\t\t/sys/b\n"  # 3: untagged path after a blank line
        "What\t\t/sys/c\n"  # 4: no colon
        "\t\t/sys/d\n"  # 5: untagged path under the damaged What
        "Contact:\ta@example.org,\n"  # 6
        "\t\tb@example.org\n"  # 7
        "\n"  # 8
        "Description:\tone\n"  # 9
        "\t\ttwo\n"  # 10
        "Note: column-0 text\n"  # 11
        "\t\tthree\n"  # 12
        "\n"  # 13
        "\n"  # 14
    )
    (e,) = parse_text(text, "testing/x").entries
    assert [(w.path, w.span.line, w.span.column, w.continuation) for w in e.whats] == [
        ("/sys/a", 1, 8, False),
        ("/sys/b", 3, 3, True),
        ("/sys/c", 4, 7, False),
        ("/sys/d", 5, 3, True),
    ]
    contact, desc = e.fields
    assert contact.value == "a@example.org,\nb@example.org"
    assert (contact.span.line, contact.span.last_line, contact.value_column) == (6, 7, 10)
    assert desc.value == "one\ntwo\nNote: column-0 text\n\t\tthree".expandtabs()
    assert desc.line_map == (9, 10, 11, 12)
    assert (desc.span.line, desc.span.last_line) == (9, 12)
    assert (e.span.line, e.span.last_line) == (1, 12)


def test_description_indentation_like_the_kernel() -> None:
    # The first line's column is removed from the following lines; tabs are 8.
    text = "What: /sys/x\nDescription:\tfirst\n\t\tsecond\n\t\t    indented\n\tless\n\t\tagain\n"
    f = parse_text(text, "testing/x")
    assert f.entries[0].description == "first\nsecond\n    indented\n        less\n                again"


def test_description_on_later_lines_and_blank_descriptions() -> None:
    text = (
        "What: /sys/x\n"  # 1
        "Description:\n"  # 2
        "\n"  # 3
        "\t  body\n"  # 4
        "\t  \tmore\n"  # 5
        "\n"  # 6
        "What: /sys/y\n"  # 7
        "Description:   \n"  # 8
        "\t\n"  # 9
        "Date: May 2020\n"  # 10
    )
    x, y = parse_text(text, "testing/x").entries
    dx, dy = x.get("Description"), y.get("Description")
    assert dx is not None and dy is not None
    assert (dx.value, dx.line_map, dx.value_column) == ("body\n" + " " * 6 + "more", (4, 5), 0)
    assert (dx.span.line, dx.span.last_line, x.span.last_line) == (2, 5, 5)
    assert (dy.value, dy.line_map, dy.span.last_line) == ("", (), 8)
    assert y.span.last_line == 10


def test_crlf_bom_and_no_final_newline() -> None:
    f = parse_text("\ufeffWhat: /sys/x\r\nDescription: y\r\nDate: May 2020", "testing/x")
    assert f.has_bom and f.has_crlf and not f.ends_with_newline
    assert f.entries[0].value("Date") == "May 2020"


def test_empty_and_garbage_never_raise() -> None:
    assert parse_text("", "testing/x").entries == ()
    junk = "\x01\x02:::\n\t\t\n:\n;;;\nWhat:\nWhat:\n\n\n" * 50
    f = parse_text(junk, "testing/x")
    assert f.entries and all(e.whats for e in f.entries)


def test_level_of() -> None:
    assert level_of("Documentation/ABI/stable/sysfs-x") == "stable"
    assert level_of("samples/obsolete/sub/x") == "obsolete"
    assert level_of("x") == "unknown"


@pytest.mark.parametrize(
    "path",
    ["testing", "testing/", "a//testing//x", "./testing/./x", "/testing/x", "removed/stable", "stable/x/"],
)
def test_level_of_reads_folders_as_pathlib_does(path: str) -> None:
    # level_of splits paths itself (PurePath per file was a cost); it must see the same folders.
    parts = PurePath(path).parts[:-1]
    expected = next((p for p in reversed(parts) if p in LEVELS), "unknown")
    assert level_of(path) == expected
