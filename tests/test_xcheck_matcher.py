"""The cross-checker on a small tree of our own: every family, groups with and
without .name, a wrapper, is_visible, #if 0 and comments, wildcard spellings,
wildcard-only Whats, common names, module parameters, configfs tables."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from abi_tools.csrc import scan_file, scan_tree
from abi_tools.model import AbiTree
from abi_tools.parse import parse_text
from abi_tools.tree import load_tree
from abi_tools.xcheck import DeclMatch, XcheckResult, cross_check

MINI = Path(__file__).parent / "fixtures" / "xcheck" / "mini"
IIO = "/sys/bus/iio/devices/iio:deviceX/"


@pytest.fixture(scope="module")
def mini() -> XcheckResult:
    return cross_check(load_tree([str(MINI)]), scan_tree(str(MINI), jobs=1), complete=True)


def by_name(result: XcheckResult) -> dict[str, DeclMatch]:
    return {m.decl.name: m for m in result.matches}


@pytest.mark.parametrize(
    ("name", "what", "doc_mode"),
    [
        # hwmon: the class-wide wildcard entry, not another driver's own fan1_input
        ("temp1_input", "/sys/class/hwmon/hwmonX/tempY_input", "RO"),
        ("fan1_input", "/sys/class/hwmon/hwmonX/fanY_input", "RO"),
        ("fan1_min", "/sys/class/hwmon/hwmonX/fanY_min", "RW"),
        # iio: X/Y numbered channels, a helper macro with its name built in
        ("in_voltage0_scale_available", IIO + "in_voltageY_scale_available", None),
        ("sampling_frequency_available", IIO + "sampling_frequency_available", "RO"),
        # PMU: format/ documented as a directory, events/<event>
        ("event", "/sys/bus/event_source/devices/<dev>/format", None),
        ("cycles", "/sys/bus/event_source/devices/<pmu>/events/<event>", None),
        # module_param of a two-file module: the Makefile names the module "knob"
        ("level", "/sys/module/knob/parameters/level", "RO"),
        # configfs: the function directory's table lists the attribute
        ("qlen", "/config/usb-gadget/gadget/functions/widget.name", None),
        # group .name "stats" is the parent directory; declared through a wrapper
        ("count", "/sys/class/widget/<dev>/stats/count", "RO"),
        ("label", "/sys/class/widget/<dev>/label", "RO"),
        # {a,b} and [0-9]+ in the last component
        ("min_level", "/sys/class/widget/<dev>/{min,max}_level", "RO"),
        ("slot3_state", "/sys/class/widget/<dev>/slot[0-9]+_state", "RO"),
    ],
)
def test_documented(mini: XcheckResult, name: str, what: str, doc_mode: str | None) -> None:
    m = by_name(mini)[name]
    assert (m.confidence, m.what.path if m.what else None, m.doc_mode) == ("high", what, doc_mode), m.reasons
    assert m.reasons and m.entry is not None and m.abi_file is not None


def test_wrapper_and_group_seen_by_the_scanner(mini: XcheckResult) -> None:
    count = by_name(mini)["count"].decl
    assert (count.via_wrapper, count.group_name) == ("WIDGET_RO", "stats")


def test_wildcard_only_whats_match_nothing(mini: XcheckResult) -> None:
    # "<dev>/*" and "<dev>/<N>" exist, but say nothing about a file called "anything"
    m = by_name(mini)["anything"]
    assert m.confidence is None and m.what is None


def test_group_directory_must_fit(mini: XcheckResult) -> None:
    # stats_label sits in stats/, so neither <dev>/label nor anything else documents it
    assert by_name(mini)["stats_label"].confidence is None


def test_common_name_elsewhere_is_not_documented(mini: XcheckResult) -> None:
    m = by_name(mini)["version"]  # gizmo's class file vs /sys/class/ubiq/version
    assert m.confidence == "low" and not m.documented
    assert any(f.kind == "low-confidence" and f.c_file == "drivers/misc/gizmo.c" for f in mini.findings)


def test_dead_code_declares_nothing(mini: XcheckResult) -> None:
    names = set(by_name(mini))
    assert "ghost" not in names and "phantom" not in names and "quiet" not in names


def test_findings(mini: XcheckResult) -> None:
    got = sorted((f.kind, f.c_file or f.abi_file, f.c_line or f.abi_line) for f in mini.findings)
    abi = "tests/fixtures/xcheck/mini/Documentation/ABI/testing/"
    assert [(k, p.replace(abi, ""), n) for k, p, n in got if p is not None] == [
        ("doc-without-code", "sysfs-class-widget", 25),  # ghost is only in #if 0
        ("doc-without-code", "sysfs-driver-blizzard", 1),
        ("low-confidence", "drivers/misc/gizmo.c", 5),
        ("missing-doc", "drivers/widget/widget-core.c", 12),
        ("missing-doc", "drivers/widget/widget-core.c", 13),
        ("mode-mismatch", "drivers/hwmon/frost.c", 14),  # RO code, RW doc
        ("mode-mismatch", "drivers/misc/knob/knob_main.c", 6),  # 0644 code, (RO) doc
        ("mode-mismatch", "drivers/widget/widget-core.c", 10),  # DEVICE_ATTR_RW, (RO) doc
    ]
    mismatch = next(f for f in mini.findings if f.kind == "mode-mismatch" and f.c_line == 6)
    assert mismatch.what == "/sys/module/knob/parameters/debug" and mismatch.abi_line == 1
    assert "RW (0644)" in mismatch.message and "read-only" in mismatch.message


def test_doc_without_code_only_for_a_complete_scan() -> None:
    partial = cross_check(load_tree([str(MINI)]), scan_tree(str(MINI), jobs=1), complete=False)
    assert not any(f.kind == "doc-without-code" for f in partial.findings)


# -- small inline cases --------------------------------------------------------


def tree_of(files: dict[str, str]) -> AbiTree:
    return AbiTree(
        "",
        tuple(
            parse_text(textwrap.dedent(text).lstrip(), f"Documentation/ABI/testing/{name}", "testing")
            for name, text in files.items()
        ),
    )


def check(c_path: str, code: str, abi: dict[str, str]) -> dict[str, DeclMatch]:
    scan = scan_file(c_path, text=textwrap.dedent(code))
    return by_name(cross_check(tree_of(abi), [scan], complete=False))


def test_group_name_rejects_a_sibling_directory() -> None:
    got = check(
        "drivers/thing/thing.c",
        """
        static DEVICE_ATTR_RO(label);
        static struct attribute *thing_attrs[] = { &dev_attr_label.attr, NULL };
        static const struct attribute_group thing_group = { .name = "power", .attrs = thing_attrs };
        """,
        {
            "sysfs-class-thing": """
            What:		/sys/class/thing/<dev>/label
            Description:	(RO) label
            """
        },
    )
    assert got["label"].confidence is None


def test_module_param_of_another_module() -> None:
    got = check(
        "drivers/other/other.c",
        "static int debug;\nmodule_param(debug, int, 0444);\n",
        {"sysfs-module-knob": "What: /sys/module/knob/parameters/debug\nDescription: (RO) x\n"},
    )
    assert got["debug"].confidence is None


def test_printf_template_names_match_numbered_whats() -> None:
    got = check(
        "drivers/hwmon/tmpl.c",
        """
        static struct sensor_device_attribute tmpl_attrs[] = {
            SENSOR_ATTR_RO(temp%d_input, temp, 0),
        };
        """,
        {"sysfs-class-hwmon": "What: /sys/class/hwmon/hwmonX/tempY_input\nDescription: RO\n"},
    )
    assert got["temp%d_input"].what is not None and got["temp%d_input"].confidence == "high"


def test_hardware_id_directory_is_no_evidence_against() -> None:
    # ACPI000E:00 names the device by its ACPI ID, which sits in a match table
    got = check(
        "drivers/acpi/acpi_tad.c",
        """
        static DEVICE_ATTR_RO(caps);
        static struct attribute *acpi_tad_attrs[] = { &dev_attr_caps.attr, NULL };
        """,
        {
            "sysfs-devices-platform-ACPI-TAD": """
            What: /sys/bus/platform/devices/ACPI000E:00/caps
            Description: (RO) x
            """,
            "sysfs-class-tpm": "What: /sys/class/tpm/tpmX/device/caps\nDescription: (RO) x\n",
        },
    )
    assert got["caps"].documented and got["caps"].what is not None
    assert got["caps"].what.path == "/sys/bus/platform/devices/ACPI000E:00/caps"


def test_class_attribute_is_not_in_a_device_directory() -> None:
    got = check(
        "drivers/verbs/uverbs_main.c",
        """
        static CLASS_ATTR_STRING(abi_version, 0444, "6");
        static struct class uverbs_class = { .name = "ib_verbs" };
        """,
        {
            "sysfs-class-ib": """
            What: /sys/class/ib_verbs/uverbs<N>/abi_version
            Description: (RO) the device's version

            What: /sys/class/ib_verbs/abi_version
            Description: (RO) the class's version
            """
        },
    )
    m = got["abi_version"]
    assert m.documented and m.what is not None and m.what.path == "/sys/class/ib_verbs/abi_version"


def test_group_name_is_evidence_of_its_own() -> None:
    # no word of drivers/base/topology.c names cpu/, but the group's .name is the What's directory
    got = check(
        "drivers/base/topology.c",
        """
        static DEVICE_ATTR_RO(die_id);
        static struct attribute *default_attrs[] = { &dev_attr_die_id.attr, NULL };
        static const struct attribute_group topology_attr_group = {
            .attrs = default_attrs, .name = "topology"
        };
        """,
        {"sysfs-devices-system-cpu": "What: /sys/devices/system/cpu/cpuX/topology/die_id\nDescription: x\n"},
    )
    assert got["die_id"].documented


def test_directory_entry_listing_its_files() -> None:
    # the file's kobject is the directory a What documents, and its Description lists the file
    got = check(
        "mm/huge_memory.c",
        """
        static struct kobj_attribute enabled_attr = __ATTR_RW(enabled);
        static struct attribute *hugepage_attr[] = { &enabled_attr.attr, NULL };
        static int init(void) { hugepage_kobj = kobject_create_and_add("transparent_hugepage", mm_kobj); }
        """,
        {
            "sysfs-kernel-mm-transparent-hugepage": """
            What: /sys/kernel/mm/transparent_hugepage/
            Description:
            	The directory contains these files:

            	- defrag
            	- enabled
            """,
            "sysfs-class-tpm": "What: /sys/class/tpm/tpmX/device/enabled\nDescription: (RO) x\n",
        },
    )
    m = got["enabled"]
    assert m.documented and m.what is not None and m.what.path == "/sys/kernel/mm/transparent_hugepage/"


@pytest.mark.parametrize(
    ("callbacks", "found"),
    [
        # 0444 with a store: the driver makes it writable at run time
        # (sysfs_chmod_file, is_visible), as dme1737 and it87 do.
        ("show_pwm, set_pwm", []),
        # 0444 and no store: read-only for good, against a documented RW.
        ("show_pwm, NULL", [("mode-mismatch", "info")]),
    ],
)
def test_a_mode_the_callbacks_widen_at_run_time(callbacks: str, found: list[tuple[str, str]]) -> None:
    code = f"""
        static SENSOR_DEVICE_ATTR(pwm1, S_IRUGO, {callbacks}, 0);
        static struct attribute *frost_attrs[] = {{ &sensor_dev_attr_pwm1.dev_attr.attr, NULL }};
        ATTRIBUTE_GROUPS(frost);
    """
    abi = {
        "sysfs-class-hwmon": """
            What:		/sys/class/hwmon/hwmonX/pwmY
            Description:	Pulse width modulation fan control.
            		RW
        """
    }
    scan = scan_file("drivers/hwmon/frost.c", text=textwrap.dedent(code))
    result = cross_check(tree_of(abi), [scan], complete=False)
    (m,) = result.matches
    assert m.what is not None and m.what.path == "/sys/class/hwmon/hwmonX/pwmY" and m.doc_mode == "RW"
    assert [(f.kind, f.level) for f in result.findings] == found


def test_a_sibling_directory_named_like_the_attribute_array_wins() -> None:
    # cxl: one module makes region%d, mem%d and pmem_region%d devices, two
    # with a "size" file, and one ABI file documents both; the words of the
    # module's names explain both directories (memX/pmem even more of
    # them).  The attribute array's name tells which is this file's.
    code = """
        static DEVICE_ATTR_RW(size);
        static struct attribute *gizmo_region_attrs[] = { &dev_attr_size.attr, NULL };
        static void add(struct gizmo_region *r, struct gizmo_mem *d, struct gizmo_pmem *p)
        {
            dev_set_name(&r->dev, "region%d", r->id);
            dev_set_name(&d->dev, "mem%d", d->id);
            dev_set_name(&p->dev, "pmem_region%d", p->id);
        }
    """
    abi = {
        "sysfs-bus-gizmo": """
            What:		/sys/bus/gizmo/devices/memX/pmem/size
            Description:	(RO) The size of the persistent memory of the device.

            What:		/sys/bus/gizmo/devices/regionZ/size
            Description:	(RW) The size of the region.
        """
    }
    m = check("drivers/gizmo/core/region.c", code, abi)["size"]
    assert m.what is not None and m.what.path == "/sys/bus/gizmo/devices/regionZ/size", m.reasons
