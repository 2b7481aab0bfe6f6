"""Pieces of the cross-checker: What patterns, the name index, documented modes,
listed names, module names from Makefiles, what a file registers."""

from __future__ import annotations

from pathlib import Path

import pytest

from abi_tools.csrc import scan_file
from abi_tools.csrc.kbuild import kbuild_module
from abi_tools.model import AbiTree
from abi_tools.parse import parse_text
from abi_tools.xcheck.docmode import doc_mode
from abi_tools.xcheck.index import WhatIndex
from abi_tools.xcheck.listing import listed_names
from abi_tools.xcheck.pattern import compile_component, component_matches, concrete_name, parse_what
from abi_tools.xcheck.tokens import related


@pytest.mark.parametrize(
    ("component", "name", "fits"),
    [
        ("fanY_input", "fan1_input", True),
        ("fanY_input", "fan_input", False),
        ("hwmonX", "hwmon12", True),
        ("in_voltageY-voltageZ_raw", "in_voltage0-voltage1_raw", True),
        ("trip_point_Y_type", "trip_point_3_type", True),
        ("ptp<N>", "ptp0", True),
        ("{coresize,initsize}", "initsize", True),
        ("{coresize,initsize}", "size", False),
        ("slot[0-9]+_state", "slot10_state", True),
        ("[0-7]_flush", "5_flush", True),
        ("[error|warn]_[smpro|pmpro]", "warn_pmpro", True),
        ("<event>.unit", "cycles.unit", True),
        ("iio:deviceX", "iio:device0", True),
        # capitals inside words are literal
        ("wNdpOutAlignment", "wNdpOutAlignment", True),
        ("wNdpOutAlignment", "w1dpOutAlignment", False),
        ("MAX", "MAX", True),
    ],
)
def test_component_patterns(component: str, name: str, fits: bool) -> None:
    assert component_matches(compile_component(component), name) is fits


def test_wildcard_only_components() -> None:
    for text in ("*", "<N>", "<event-name>"):
        assert compile_component(text).wildcard_only
    for text in ("ptp<N>", "{a,b}", "fanY_input", "label"):
        assert not compile_component(text).wildcard_only


def test_parse_what() -> None:
    pat = parse_what("/sys/class/hwmon/hwmonX/")
    assert pat is not None and pat.directory and pat.last.text == "hwmonX"
    assert parse_what("The kernel syscall interface") is None
    assert parse_what("dv1394 (a.k.a. something)") is None


@pytest.mark.parametrize(
    ("what", "path"),
    [
        # ReST escapes
        ("/sys/bus/platform/devices/GOOG000C\\:00/version", "/sys/bus/platform/devices/GOOG000C:00/version"),
        ("/sys/bus/platform/drivers/foo/\\*/uart\\*", "/sys/bus/platform/drivers/foo/*/uart*"),
        # placeholders with spaces, shell variables
        ("/sys/class/powercap/<control type>/enabled", "/sys/class/powercap/<_>/enabled"),
        ("/sys/kernel/config/tsm/report/$name/privlevel", "/sys/kernel/config/tsm/report/<_>/privlevel"),
        # a device's directory found by a shell expression, and a leading "..."
        (
            "$(readlink -f /sys/bus/dax/devices/daxX.Y)/../dax_region/size",
            "/sys/bus/dax/devices/dax_region/size",
        ),
        (".../XXXXXXX.ipa/version", "/sys/.../XXXXXXX.ipa/version"),
        # prose after the path
        (
            "/sys/bus/pci/drivers/pvpanic-pci/0000:00:0*.0/events for PCI",
            "/sys/bus/pci/drivers/pvpanic-pci/0000:00:0*.0/events",
        ),
    ],
)
def test_what_spellings(what: str, path: str) -> None:
    pat = parse_what(what)
    assert pat is not None and pat.path == path


def test_concrete_name() -> None:
    assert concrete_name("temp%d_input") == "temp1_input"
    assert concrete_name("in%u_label") == "in1_label"
    assert concrete_name("plain") == "plain"


def _tree(text: str) -> AbiTree:
    return AbiTree("", (parse_text(text, "Documentation/ABI/testing/sysfs-x", "testing"),))


def test_index_by_name_and_containers() -> None:
    index = WhatIndex(
        _tree(
            "What: /sys/class/a/<dev>/fanY_input\nDescription: x\n\n"
            "What: /sys/class/a/<dev>/fan1_input\nDescription: x\n\n"
            "What: /sys/class/a/<dev>/*\nDescription: x\n\n"
            "What: /sys/bus/b/devices/<dev>/format/*\nDescription: x\n\n"
            "What: /sys/devices/c/events/\nDescription: x\n"
        )
    )
    assert [r.pattern.path for r in index.by_name("fan1_input")] == [
        "/sys/class/a/<dev>/fanY_input",
        "/sys/class/a/<dev>/fan1_input",
    ]
    assert index.by_name("anything") == []  # "<dev>/*" is not a name match
    assert [r.pattern.path for r in index.containers("format")] == ["/sys/bus/b/devices/<dev>/format/*"]
    assert [r.pattern.path for r in index.containers("events")] == ["/sys/devices/c/events/"]
    assert list(index.containers("a")) == []  # "a/<dev>/*" holds <dev>'s files, not a/'s


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("(RO) The version.", "RO"),
        ("Read-only. The version.", "RO"),
        ("The version.\n\nRO", "RO"),
        ("(RW) The level.", "RW"),
        ("Read/write: the level.", "RW"),
        ("Access: Read, Write\nValid values: 0, 1", "RW"),
        ("Access: Read\n", "RO"),
        ("(WO) Write 1 to reset.", "WO"),
        ("This file is write-only.", "WO"),
        ("Shows the state; ro in prose is not a mode.", None),
        ("Read-only unless the device is read/write capable.", None),  # two modes: ambiguous
        ("", None),
        # prose that states no mode of the file
        ("Capabilities in terms of speed, maximum read/write\nlength, etc.", None),
        ("The number of I/O requests other than SCSI read/write requests.", None),
        ("The following read-only attributes describe the device.", None),  # other files
        ("Write 0 to reset. If the counter can not be reset, then this attribute is read-only.", None),
        ("Holds a read-only value.", "RO"),
        ("Provides a read/write interface.", "RW"),
        ("(read-only) The serial number.", "RO"),
    ],
)
def test_doc_mode(text: str, mode: str | None) -> None:
    assert doc_mode(text) == mode


def test_doc_mode_of_rows() -> None:
    smt = "Control SMT\n\nactive:  Tells whether SMT is active\n\ncontrol: Read/write interface to SMT.\n"
    assert doc_mode(smt, "active") is None  # control's row does not speak for active
    assert doc_mode(smt, "control") == "RW"
    table = (
        "file            The path to the backing file.\n"
        "ro              Flag specifying access shall be\n"
        "                read-only.\n"
        "forced_eject    This write-only file ejects the medium.\n"
    )
    # a plain-word name is looked for as a row, not in prose ("the backing file")
    assert doc_mode(table, "file") is None
    assert doc_mode(table, "forced_eject") == "WO"
    # a row continues on the lines indented below it
    assert (
        doc_mode("- overtemp : The number of times,\n  a read-only count.\n- reset : Write-only.", "overtemp")
        == "RO"
    )


def test_doc_mode_per_file_line() -> None:
    text = "version: (RO) the version\nreset: (WO) write 1 to reset"
    assert doc_mode(text, "reset") == "WO"
    assert doc_mode(text, "version") == "RO"
    assert doc_mode(text, "other") is None
    assert doc_mode("Read-only directory.", "x", entry_wide=False) is None


def test_listed_names() -> None:
    text = (
        "The attributes:\n\n=========  ==========\n"
        "qlen       depth of the queue\nbuflen     buffer length\n"
        "- max_burst: the largest burst\n"
        "note: prose, not a file\n=========  ==========\n"
    )
    assert listed_names(text) == {"qlen", "buflen", "max_burst"}


def test_listed_names_in_bare_lists_and_table_columns() -> None:
    bare = (
        "The directory contains:\n\n\t- defrag\n\t- enabled\n\t- ``khugepaged``\n\nSee also:\n\n- enabled\n"
    )
    assert listed_names(bare) == {"defrag", "enabled", "khugepaged"}
    assert listed_names("Note:\n\n- enabled\n") == set()  # one bare item is prose
    table = (
        "Settings:\n\n\t======== ==============================\n"
        "\tenabled: If set, the core handles it\n\t\t and more text\n"
        "\tnote: prose that runs past the column\n"
        "\t======== ==============================\n\nafter: not in a table\n"
    )
    assert listed_names(table) == {"enabled"}


def test_listed_names_in_definition_lists() -> None:
    terms = "The attributes are:\n\naml\n\t\t- the table\n\nsignature\n\t\t- ASCII table signature\n"
    assert listed_names(terms) == {"aml", "signature"}
    assert listed_names("Example\n\t$ cat file\n") == set()  # one term alone: a heading or prose


def test_kbuild_module(tmp_path: Path) -> None:
    d = tmp_path / "drivers" / "foo"
    (d / "sub").mkdir(parents=True)
    (d / "Makefile").write_text(
        "obj-$(CONFIG_FOO) += foo-drv.o\nfoo-drv-y := main.o \\\n\tsub/extra.o\nobj-y += alone.o\n"
    )
    for name in ("main.c", "sub/extra.c", "alone.c", "stray.c"):
        (d / name).write_text("")
    assert kbuild_module(str(d / "main.c")) == "foo_drv"
    assert kbuild_module(str(d / "sub" / "extra.c")) == "foo_drv"
    assert kbuild_module(str(d / "alone.c")) == "alone"
    assert kbuild_module(str(d / "stray.c")) is None


def test_registrations() -> None:
    code = """
    static DEVICE_ATTR_RO(foo);
    static struct platform_driver bar_driver = { .driver = { .name = "bar-drv" } };
    static struct class baz_class = { .name = "baz" };
    static const struct bus_type qux_bus = { .name = "qux" };
    static int probe(void) {
        perf_pmu_register(&pmu, "zap", -1);
        devm_hwmon_device_register_with_groups(dev, spi->modalias, NULL, groups);
        return kobject_create_and_add("knobs", kernel_kobj) != NULL;
    }
    /* class_create("commented"); */
    """
    regs = {(r.kind, r.name) for r in scan_file("drivers/x/x.c", text=code).registrations}
    assert regs == {
        ("driver", "bar-drv"),
        ("class", "baz"),
        ("bus", "qux"),
        ("pmu", "zap"),
        ("hwmon", ""),
        ("kobject", "knobs"),
    }


def test_every_registration_call_is_found_by_its_hint() -> None:
    from abi_tools.csrc.context import CALL_HINTS, CALLS, MARKERS

    assert all(any(h in name for h in CALL_HINTS) for name in {*CALLS, *MARKERS})


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("nvme", "nvmet", True),
        ("cpu", "cpufreq", True),
        ("rtc", "rtc0", True),  # an instance number
        ("etm", "etm4x", False),  # a version: another driver
        ("etm3x", "etm4x", False),
        ("of", "off", False),  # too short to be a prefix
    ],
)
def test_related_words(a: str, b: str, same: bool) -> None:
    assert related(a, b) is same
