"""diff_trees on small trees of our own: each kind, each class, the heuristics."""

from __future__ import annotations

import pytest
from diffhelp import entry, tree

from abi_tools.diff import (
    Change,
    diff_trees,
    format_word_diff,
    is_typo_sized,
    normalise_what,
    what_matches,
    word_diff,
)


def only(changes: tuple[Change, ...], kind: str) -> list[Change]:
    return [c for c in changes if c.kind == kind]


# -- normalisation ----------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "/sys/bus/iio/devices/iio:deviceX/in_voltageY_raw",
        "/sys/bus/iio/devices/iio:device<N>/in_voltage<n>_raw",
        "/sys/bus/iio/devices/iio:device{n}/in_voltage*_raw",
        "/sys/bus/iio/devices/iio:device[0-9]+/in_voltage%d_raw",
        "/sys/bus/iio/devices/iio:device0/in_voltage1_raw",
        "/sys/bus/iio/devices/iio:deviceN/in_voltageZ_raw/",
        "/sys//bus/iio/devices/iio:device<x>/in_voltage<Y>_raw",
    ],
)
def test_placeholders_normalise_to_one_form(spelling: str) -> None:
    assert normalise_what(spelling) == "/sys/bus/iio/devices/iio:device<N>/in_voltage<N>_raw"


def test_normalisation_keeps_real_names() -> None:
    assert normalise_what("/sys/bus/i2c/devices/foo") == "/sys/bus/i2c/devices/foo"
    assert normalise_what("/sys/class/Xfoo/bar") == "/sys/class/Xfoo/bar"
    assert normalise_what("/sys/bus/cxl/devices/decoderX.Y/create_{pmem,ram}_region") == (
        "/sys/bus/cxl/devices/decoder<N>.<N>/create_{pmem,ram}_region"
    )


def test_ellipsis_matches_elided_components() -> None:
    a = "/sys/bus/iio/devices/iio:deviceX/in_shunt_resistor"
    b = "/sys/.../iio:deviceX/in_shunt_resistor"
    assert what_matches(a, b)
    assert what_matches(b, a)
    assert not what_matches(a, "/sys/.../iio:deviceX/in_other")


# -- word diff ----------------------------------------------------------------


def test_word_diff_rebuilds_new_text_and_formats_like_git() -> None:
    old = "This ABI is deprecated and\nwill be removed."
    new = "This ABI is obsolete and\nwill be removed soon."
    parts = word_diff(old, new)
    assert "".join(t for op, t in parts if op != "-") == new
    assert (
        format_word_diff(parts)
        == "This ABI is [-deprecated-]{+obsolete+} and will be [-removed.-]{+removed soon.+}"
    )


def test_reflow_is_no_word_change() -> None:
    assert all(op == "=" for op, _ in word_diff("a b\nc", "a\nb c"))


@pytest.mark.parametrize(
    ("old", "new", "typo"),
    [
        ("the value is advertized here", "the value is advertised here", True),
        ("Reads the foo", "Reads a foo", True),
        ("Reads the foo value", "Writes the bar level", False),
        ("Reads the foo", "Reads the foo; writing 1 resets the whole device", False),
    ],
)
def test_typo_sized(old: str, new: str, typo: bool) -> None:
    assert is_typo_sized(old, new) is typo


# -- kinds and classes ----------------------------------------------------------


def test_identical_trees_have_no_changes() -> None:
    t = {"testing/sysfs-foo": entry("/sys/foo/a") + "\n" + entry("/sys/foo/b", desc="Other.")}
    r = diff_trees(tree(t), tree(t))
    assert r.changes == ()
    assert all(v == 0 for row in r.summary.values() for v in row.values())


@pytest.mark.parametrize(("level", "klass"), [("stable", "notable"), ("testing", "benign")])
def test_added(level: str, klass: str) -> None:
    r = diff_trees(tree({}), tree({f"{level}/sysfs-foo": entry("/sys/foo/a")}))
    (c,) = r.changes
    assert (c.kind, c.klass, c.what, c.old) == ("added", klass, "/sys/foo/a", None)
    assert c.new is not None and c.new.path == f"Documentation/ABI/{level}/sysfs-foo" and c.new.line == 1


@pytest.mark.parametrize(
    ("level", "klass"),
    [("stable", "breaking"), ("testing", "breaking"), ("obsolete", "notable"), ("removed", "benign")],
)
def test_removed(level: str, klass: str) -> None:
    r = diff_trees(tree({f"{level}/sysfs-foo": entry("/sys/foo/a")}), tree({}))
    (c,) = r.changes
    assert (c.kind, c.klass, c.new) == ("removed", klass, None)


@pytest.mark.parametrize(
    ("old", "new", "klass"),
    [
        ("stable", "removed", "breaking"),
        ("stable", "testing", "breaking"),
        ("stable", "obsolete", "notable"),
        ("testing", "obsolete", "notable"),
        ("obsolete", "removed", "notable"),
        ("testing", "stable", "notable"),
    ],
)
def test_moved_level(old: str, new: str, klass: str) -> None:
    r = diff_trees(
        tree({f"{old}/sysfs-foo": entry("/sys/foo/a")}), tree({f"{new}/sysfs-foo": entry("/sys/foo/a")})
    )
    (c,) = r.changes
    assert (c.kind, c.klass, c.old_value, c.new_value) == ("moved-level", klass, old, new)


def test_moved_file() -> None:
    r = diff_trees(
        tree({"testing/sysfs-foo-chip": entry("/sys/foo/a")}),
        tree({"testing/sysfs-foo": entry("/sys/foo/a")}),
    )
    (c,) = r.changes
    assert (c.kind, c.klass) == ("moved-file", "benign")
    assert c.old is not None and c.old.path.endswith("sysfs-foo-chip")


def test_field_changes_with_values_and_classes() -> None:
    r = diff_trees(
        tree({"testing/sysfs-foo": entry("/sys/foo/a", kv="6.8", contact="a@example.org")}),
        tree({"testing/sysfs-foo": entry("/sys/foo/a", kv="6.9", contact="b@example.org")}),
    )
    got = {(c.field, c.klass, c.old_value, c.new_value) for c in only(r.changes, "field-changed")}
    assert got == {
        ("KernelVersion", "notable", "6.8", "6.9"),
        ("Contact", "benign", "a@example.org", "b@example.org"),
    }


def test_users_added_is_a_field_change() -> None:
    r = diff_trees(
        tree({"testing/sysfs-foo": entry("/sys/foo/a")}),
        tree({"testing/sysfs-foo": entry("/sys/foo/a", users="fooctl")}),
    )
    (c,) = r.changes
    assert (c.kind, c.field, c.old_value, c.new_value) == ("field-changed", "Users", None, "fooctl")


@pytest.mark.parametrize(
    ("level", "new_desc", "klass"),
    [
        ("stable", "Reads the current foo value in bar unts.", "benign"),
        ("stable", "Writes a new foo value; reading returns zero.", "breaking"),
        ("testing", "Writes a new foo value; reading returns zero.", "notable"),
    ],
)
def test_description_changed(level: str, new_desc: str, klass: str) -> None:
    r = diff_trees(
        tree({f"{level}/sysfs-foo": entry("/sys/foo/a")}),
        tree({f"{level}/sysfs-foo": entry("/sys/foo/a", desc=new_desc)}),
    )
    (c,) = r.changes
    assert (c.kind, c.klass, c.field) == ("description-changed", klass, "Description")
    assert c.word_diff and any(op == "+" for op, _ in c.word_diff)


def test_one_change_per_entry_not_per_what() -> None:
    whats = [f"/sys/foo/attr{k}_enable" for k in "abcdef"]
    r = diff_trees(
        tree({"testing/sysfs-foo": entry(*whats, contact="a@example.org")}),
        tree({"testing/sysfs-foo": entry(*whats, contact="b@example.org")}),
    )
    assert len(r.changes) == 1 and r.changes[0].what == whats[0]


# -- renames ------------------------------------------------------------------------


def test_reworded_placeholder_is_a_benign_rename() -> None:
    r = diff_trees(
        tree({"testing/sysfs-bus-iio-foo": entry("/sys/bus/iio/devices/iio:deviceX/in_shunt_resistor")}),
        tree({"testing/sysfs-bus-iio-foo": entry("/sys/.../iio:deviceX/in_shunt_resistor")}),
    )
    (c,) = r.changes
    assert (c.kind, c.klass) == ("renamed", "benign")
    assert c.old_what == "/sys/bus/iio/devices/iio:deviceX/in_shunt_resistor"
    assert c.what == "/sys/.../iio:deviceX/in_shunt_resistor"


def test_renamed_by_content_and_its_other_changes() -> None:
    desc = "Number of frobnications done since the device was\nbound to its driver. Read only."
    r = diff_trees(
        tree({"testing/sysfs-class-foo": entry("/sys/class/foo/<dev>/frob_count", desc=desc, kv="6.1")}),
        tree(
            {
                "testing/sysfs-class-foo": entry("/sys/class/foo/<dev>/frobs_count", desc=desc, kv="6.2")
                + "\n"
                + entry("/sys/class/foo/<dev>/unrelated", desc="Something else entirely."),
            }
        ),
    )
    kinds = sorted((c.kind, c.klass) for c in r.changes)
    assert kinds == [("added", "benign"), ("field-changed", "notable"), ("renamed", "breaking")]
    (ren,) = only(r.changes, "renamed")
    assert ren.old_what == "/sys/class/foo/<dev>/frob_count" and ren.what.endswith("frobs_count")


def test_different_description_is_not_a_rename() -> None:
    r = diff_trees(
        tree({"testing/sysfs-foo": entry("/sys/foo/speed", desc="Link speed in Mb/s.")}),
        tree({"testing/sysfs-foo": entry("/sys/foo/speeds", desc="Supported modes, one a line.")}),
    )
    assert sorted(c.kind for c in r.changes) == ["added", "removed"]


def test_duplicate_what_pairs_by_file_first() -> None:
    old = {"testing/sysfs-a": entry("/sys/x"), "testing/sysfs-b": entry("/sys/x", desc="B.")}
    new = {"testing/sysfs-b": entry("/sys/x", desc="B.")}
    r = diff_trees(tree(old), tree(new))
    (c,) = r.changes
    assert c.kind == "removed" and c.old is not None and c.old.path.endswith("sysfs-a")


def test_summary_counts_every_kind_and_class() -> None:
    r = diff_trees(
        tree({"stable/sysfs-foo": entry("/sys/foo/a"), "testing/sysfs-foo": entry("/sys/foo/b", desc="B.")}),
        tree({"testing/sysfs-bar": entry("/sys/bar/c", desc="C.")}),
    )
    assert r.summary["removed"] == {"breaking": 2, "notable": 0, "benign": 0}
    assert r.summary["added"] == {"breaking": 0, "notable": 0, "benign": 1}
    assert r.totals() == {"breaking": 2, "notable": 0, "benign": 1}
    assert r.has_breaking
