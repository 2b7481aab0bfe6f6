"""The C scanner on small C snippets written for these tests (kernel style)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from abi_tools.csrc import Declaration, scan_file
from abi_tools.csrc.model import ScanResult

FIXTURES = Path(__file__).parent / "fixtures" / "csrc"


def scan(code: str, name: str = "drivers/misc/foo.c") -> ScanResult:
    return scan_file(name, text=textwrap.dedent(code))


def decls(code: str, name: str = "drivers/misc/foo.c") -> list[Declaration]:
    result = scan(code, name)
    assert result.error is None
    return list(result.declarations)


def by_name(code: str) -> dict[str, Declaration]:
    return {d.name: d for d in decls(code)}


# -- the seed case ------------------------------------------------------------


def test_seamldr_group() -> None:
    result = scan_file(str(FIXTURES / "seamldr.c"), display_path="seamldr.c")
    assert result.error is None and not result.unexpanded
    got = [
        (d.name, d.line, d.macro, d.mode, d.octal, d.family, d.group, d.group_name, d.array)
        for d in result.declarations
    ]
    assert got == [
        (
            "version",
            14,
            "DEVICE_ATTR_RO",
            "RO",
            0o444,
            "device",
            "seamldr_group",
            "seamldr",
            "seamldr_attrs",
        ),
        (
            "num_remaining_updates",
            22,
            "DEVICE_ATTR_RO",
            "RO",
            0o444,
            "device",
            "seamldr_group",
            "seamldr",
            "seamldr_attrs",
        ),
    ]
    assert all(d.file == "seamldr.c" for d in result.declarations)


# -- macro families -----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "macro", "name", "mode", "octal", "family"),
    [
        (
            "static DEVICE_ATTR(power, 0644, power_show, power_store);",
            "DEVICE_ATTR",
            "power",
            "RW",
            0o644,
            "device",
        ),
        (
            "static DEVICE_ATTR(rate, S_IRUGO, rate_show, NULL);",
            "DEVICE_ATTR",
            "rate",
            "RO",
            0o444,
            "device",
        ),
        (
            "static DEVICE_ATTR(kick, S_IWUSR, NULL, kick_store);",
            "DEVICE_ATTR",
            "kick",
            "WO",
            0o200,
            "device",
        ),
        ("static DEVICE_ATTR_RW(speed);", "DEVICE_ATTR_RW", "speed", "RW", 0o644, "device"),
        ("static DEVICE_ATTR_WO(reset);", "DEVICE_ATTR_WO", "reset", "WO", 0o200, "device"),
        (
            "static DEVICE_ATTR_ADMIN_RO(secret);",
            "DEVICE_ATTR_ADMIN_RO",
            "secret",
            "RO",
            0o400,
            "device",
        ),
        (
            "static DEVICE_ATTR_ADMIN_RW(knob);",
            "DEVICE_ATTR_ADMIN_RW",
            "knob",
            "RW",
            0o600,
            "device",
        ),
        (
            "static DEVICE_ATTR_IGNORE_LOCKDEP(state, 0444, state_show, NULL);",
            "DEVICE_ATTR_IGNORE_LOCKDEP",
            "state",
            "RO",
            0o444,
            "device",
        ),
        (
            "static DEVICE_ULONG_ATTR(limit, 0644, foo_limit);",
            "DEVICE_ULONG_ATTR",
            "limit",
            "RW",
            0o644,
            "device",
        ),
        (
            "static DEVICE_INT_ATTR(level, 0444, foo_level);",
            "DEVICE_INT_ATTR",
            "level",
            "RO",
            0o444,
            "device",
        ),
        (
            "static DEVICE_BOOL_ATTR(enabled, 0644, foo_enabled);",
            "DEVICE_BOOL_ATTR",
            "enabled",
            "RW",
            0o644,
            "device",
        ),
        (
            "static DEVICE_STRING_ATTR_RO(label, 0644, foo_label);",
            "DEVICE_STRING_ATTR_RO",
            "label",
            "RO",
            0o444,
            "device",
        ),
        ("static DRIVER_ATTR_WO(new_id);", "DRIVER_ATTR_WO", "new_id", "WO", 0o200, "driver"),
        ("static DRIVER_ATTR_RW(debug);", "DRIVER_ATTR_RW", "debug", "RW", 0o644, "driver"),
        ("static BUS_ATTR_RO(version);", "BUS_ATTR_RO", "version", "RO", 0o444, "bus"),
        ("static CLASS_ATTR_WO(rescan);", "CLASS_ATTR_WO", "rescan", "WO", 0o200, "class"),
        (
            'static CLASS_ATTR_STRING(api, 0444, "1.0");',
            "CLASS_ATTR_STRING",
            "api",
            "RO",
            0o444,
            "class",
        ),
        ("static BIN_ATTR_RO(eeprom, 256);", "BIN_ATTR_RO", "eeprom", "RO", 0o444, "bin"),
        ("static BIN_ATTR_RW(nvram, 64);", "BIN_ATTR_RW", "nvram", "RW", 0o644, "bin"),
        ("static BIN_ATTR_ADMIN_RW(blob, 0);", "BIN_ATTR_ADMIN_RW", "blob", "RW", 0o600, "bin"),
        ("static BIN_ATTR(rom, 0400, rom_read, NULL, 0);", "BIN_ATTR", "rom", "RO", 0o400, "bin"),
        (
            "static SENSOR_DEVICE_ATTR_RO(temp1_input, temp, 0);",
            "SENSOR_DEVICE_ATTR_RO",
            "temp1_input",
            "RO",
            0o444,
            "sensor",
        ),
        (
            "static SENSOR_DEVICE_ATTR_RW(pwm1, pwm, 0);",
            "SENSOR_DEVICE_ATTR_RW",
            "pwm1",
            "RW",
            0o644,
            "sensor",
        ),
        (
            "static SENSOR_DEVICE_ATTR(fan1_div, S_IRUGO | S_IWUSR, div_show, div_store, 0);",
            "SENSOR_DEVICE_ATTR",
            "fan1_div",
            "RW",
            0o644,
            "sensor",
        ),
        (
            "static SENSOR_DEVICE_ATTR_2_RO(in0_min, in_reg, 0, 1);",
            "SENSOR_DEVICE_ATTR_2_RO",
            "in0_min",
            "RO",
            0o444,
            "sensor",
        ),
        (
            "static SENSOR_DEVICE_ATTR_2(in0_max, 0644, in_show, in_store, 0, 2);",
            "SENSOR_DEVICE_ATTR_2",
            "in0_max",
            "RW",
            0o644,
            "sensor",
        ),
        (
            "static IIO_DEVICE_ATTR(out_enable, 0200, NULL, enable_store, 0);",
            "IIO_DEVICE_ATTR",
            "out_enable",
            "WO",
            0o200,
            "iio",
        ),
        (
            "static IIO_DEVICE_ATTR_RO(in_mode, 0);",
            "IIO_DEVICE_ATTR_RO",
            "in_mode",
            "RO",
            0o444,
            "iio",
        ),
        (
            "static IIO_DEVICE_ATTR_NAMED(fmode, in_filter_mode, 0644, f_show, f_store, 0);",
            "IIO_DEVICE_ATTR_NAMED",
            "in_filter_mode",
            "RW",
            0o644,
            "iio",
        ),
        (
            'static IIO_CONST_ATTR(in_gain_available, "1 2 4");',
            "IIO_CONST_ATTR",
            "in_gain_available",
            "RO",
            0o444,
            "iio",
        ),
        (
            'static IIO_CONST_ATTR_SAMP_FREQ_AVAIL("10 20");',
            "IIO_CONST_ATTR_SAMP_FREQ_AVAIL",
            "sampling_frequency_available",
            "RO",
            0o444,
            "iio",
        ),
        (
            "static IIO_DEV_ATTR_SAMP_FREQ(0644, freq_show, freq_store);",
            "IIO_DEV_ATTR_SAMP_FREQ",
            "sampling_frequency",
            "RW",
            0o644,
            "iio",
        ),
        ("CONFIGFS_ATTR(foo_item_, size);", "CONFIGFS_ATTR", "size", "RW", 0o644, "configfs"),
        (
            "CONFIGFS_ATTR_RO(foo_item_, state);",
            "CONFIGFS_ATTR_RO",
            "state",
            "RO",
            0o444,
            "configfs",
        ),
        (
            "CONFIGFS_ATTR_WO(foo_item_, trigger);",
            "CONFIGFS_ATTR_WO",
            "trigger",
            "WO",
            0o200,
            "configfs",
        ),
        (
            "CONFIGFS_BIN_ATTR(foo_item_, blob, NULL, 4096);",
            "CONFIGFS_BIN_ATTR",
            "blob",
            "RW",
            0o644,
            "configfs",
        ),
        (
            'PMU_FORMAT_ATTR(event, "config:0-7");',
            "PMU_FORMAT_ATTR",
            "event",
            "RO",
            0o444,
            "pmu-format",
        ),
        (
            'PMU_EVENT_ATTR_STRING(cycles, foo_attr_cycles, "event=0x3c");',
            "PMU_EVENT_ATTR_STRING",
            "cycles",
            "RO",
            0o444,
            "pmu-event",
        ),
        (
            "PMU_EVENT_ATTR(instructions, foo_attr_insn, 1, foo_event_show);",
            "PMU_EVENT_ATTR",
            "instructions",
            "RO",
            0o444,
            "pmu-event",
        ),
    ],
)
def test_family(line: str, macro: str, name: str, mode: str, octal: int, family: str) -> None:
    [d] = decls(line + "\n")
    assert (d.macro, d.name, d.mode, d.octal, d.family, d.line) == (
        macro,
        name,
        mode,
        octal,
        family,
        1,
    )


def test_variables_follow_each_familys_naming() -> None:
    got = {
        d.name: d.variable
        for d in decls(
            """\
            static DEVICE_ATTR_RO(a);
            static DRIVER_ATTR_RO(b);
            static BUS_ATTR_RO(c);
            static CLASS_ATTR_RO(d);
            static SENSOR_DEVICE_ATTR_RO(e, e, 0);
            static IIO_DEVICE_ATTR_RO(f, 0);
            static IIO_CONST_ATTR(g, "1");
            static BIN_ATTR_RO(h, 0);
            PMU_FORMAT_ATTR(i, "config:0");
            CONFIGFS_ATTR(pfx_, j);
            PMU_EVENT_ATTR_STRING(k, my_k_attr, "event=1");
            static IIO_DEVICE_ATTR_NAMED(lv, l, 0444, l_show, NULL, 0);
            """
        )
    }
    assert got == {
        "a": "dev_attr_a",
        "b": "driver_attr_b",
        "c": "bus_attr_c",
        "d": "class_attr_d",
        "e": "sensor_dev_attr_e",
        "f": "iio_dev_attr_f",
        "g": "iio_const_attr_g",
        "h": "bin_attr_h",
        "i": "format_attr_i",
        "j": "pfx_attr_j",
        "k": "my_k_attr",
        "l": "iio_dev_attr_lv",
    }


def test_raw_initializers_find_their_variable_and_array() -> None:
    d = by_name(
        """\
        static struct kobj_attribute ctl_attr = __ATTR(ctl, 0600, ctl_show, ctl_store);
        static struct kobj_attribute info_attr = __ATTR_RO(info);
        static struct foo_attr bar_attr = {
            .attr = __ATTR(bar, 0644, bar_show, bar_store),
            .index = 3,
        };
        static struct sensor_device_attribute temps[] = {
            SENSOR_ATTR(temp1_input, 0444, temp_show, NULL, 0),
            SENSOR_ATTR_RO(temp2_input, temp, 1),
            SENSOR_ATTR_2_RW(temp2_max, temp, 1, 2),
        };
        static struct attribute *foo_attrs[] = {
            &ctl_attr.attr,
            &bar_attr.attr.attr,
            &temps[0].dev_attr.attr,
            NULL
        };
        ATTRIBUTE_GROUPS(foo);
        """
    )
    assert (d["ctl"].variable, d["ctl"].mode, d["ctl"].family) == ("ctl_attr", "RW", "raw")
    assert d["ctl"].array == "foo_attrs" and d["ctl"].group == "foo_group"
    assert d["info"].variable == "info_attr" and d["info"].array is None
    assert d["bar"].variable == "bar_attr" and d["bar"].array == "foo_attrs"
    assert d["temp1_input"].variable == "temps" and d["temp1_input"].array == "foo_attrs"
    assert d["temp2_input"].mode == "RO" and d["temp2_max"].mode == "RW"
    assert d["temp2_max"].family == "sensor"


def test_pmu_event_attr_id_listed_in_array() -> None:
    [d] = decls(
        """\
        static struct attribute *foo_events_attrs[] = {
            PMU_EVENT_ATTR_ID(cycles, foo_event_show, 0x3c),
            NULL,
        };
        """
    )
    assert (d.name, d.array, d.line) == ("cycles", "foo_events_attrs", 2)


# -- arrays and groups ---------------------------------------------------------


GROUPS = """\
static DEVICE_ATTR_RO(serial);
static DEVICE_ATTR_RW(power);
static SENSOR_DEVICE_ATTR_RO(temp1_input, temp, 0);
static BIN_ATTR_RO(eeprom, 128);
static DEVICE_ATTR_WO(loose);
static DEVICE_ATTR_RO(hidden);

static struct attribute *info_attrs[] = {
    &dev_attr_serial.attr,
    &sensor_dev_attr_temp1_input.dev_attr.attr,
    NULL,
};

static struct bin_attribute *info_bin_attrs[] = {
    &bin_attr_eeprom,
    NULL,
};

static umode_t info_visible(struct kobject *kobj, struct attribute *attr, int n)
{
    return attr->mode;
}

static const struct attribute_group info_group = {
    .attrs = info_attrs,
    .bin_attrs = info_bin_attrs,
    .is_visible = info_visible,
};

static struct attribute *pm_attrs[] = { &dev_attr_power.attr, NULL };
static struct attribute_group pm_group = {
    .name = FOO_PM_GROUP_NAME,
    .attrs = pm_attrs,
};

static struct attribute *priv_attrs[] = { &dev_attr_hidden.attr, NULL };
static const struct attribute_group foo_groups_arr[] = {
    { .name = "quirks", .attrs = priv_attrs },
    { },
};
"""


def test_groups_with_and_without_name() -> None:
    d = by_name(GROUPS)
    assert (d["serial"].array, d["serial"].group, d["serial"].group_name) == (
        "info_attrs",
        "info_group",
        None,
    )
    assert d["temp1_input"].group == "info_group"
    assert (d["eeprom"].array, d["eeprom"].group) == ("info_bin_attrs", "info_group")
    # a .name that is a macro: no name, but the expression is kept
    assert d["power"].group == "pm_group"
    assert d["power"].group_name is None
    assert d["power"].group_name_expr == "FOO_PM_GROUP_NAME"
    # a declaration listed nowhere
    assert (d["loose"].array, d["loose"].group) == (None, None)
    # an array of groups
    assert (d["hidden"].group, d["hidden"].group_name) == ("foo_groups_arr[0]", "quirks")


def test_attribute_groups_macro() -> None:
    d = by_name(
        """\
        static DEVICE_ATTR_RO(a);
        static BIN_ATTR_RO(b, 4);
        static struct attribute *foo_attrs[] = { &dev_attr_a.attr, NULL };
        ATTRIBUTE_GROUPS(foo);
        static struct bin_attribute *bar_attrs[] = { &bin_attr_b, NULL };
        BIN_ATTRIBUTE_GROUPS(bar);
        """
    )
    assert (d["a"].group, d["a"].group_name) == ("foo_group", None)
    assert d["b"].group == "bar_group"


def test_group_name_concatenated_literals_and_cast() -> None:
    d = by_name(
        """\
        static DEVICE_ATTR_RO(a);
        static struct attribute *foo_attrs[] = { &dev_attr_a.attr, NULL };
        static const struct attribute_group foo_group = {
            .name = "power" "_ctl",
            .attrs = (struct attribute **)foo_attrs,
        };
        """
    )
    assert d["a"].group_name == "power_ctl"


def test_array_entries_built_by_a_macro() -> None:
    d = by_name(
        """\
        #define FOO_ATTR_PTR(_n) (&dev_attr_##_n.attr)
        static DEVICE_ATTR_RO(speed);
        static struct attribute *foo_attrs[] = {
            FOO_ATTR_PTR(speed),
            NULL,
        };
        """
    )
    assert d["speed"].array == "foo_attrs"


# -- wrappers ---------------------------------------------------------------------


def test_same_file_wrapper_with_token_pasting() -> None:
    result = scan(
        """\
        #define FOO_CHAN_ATTRS(_ch)                    \\
            static DEVICE_ATTR_RO(chan##_ch##_label);        \\
            static DEVICE_ATTR_RW(chan##_ch##_gain)

        FOO_CHAN_ATTRS(0);
        FOO_CHAN_ATTRS(1);

        static struct attribute *foo_attrs[] = {
            &dev_attr_chan0_label.attr,
            NULL,
        };
        """
    )
    got = [(d.name, d.line, d.mode, d.via_wrapper, d.array) for d in result.declarations]
    assert got == [
        ("chan0_label", 5, "RO", "FOO_CHAN_ATTRS", "foo_attrs"),
        ("chan0_gain", 5, "RW", "FOO_CHAN_ATTRS", None),
        ("chan1_label", 6, "RO", "FOO_CHAN_ATTRS", None),
        ("chan1_gain", 6, "RW", "FOO_CHAN_ATTRS", None),
    ]
    assert result.unexpanded == ()


def test_nested_wrappers_and_stringification() -> None:
    result = scan(
        """\
        #define FOO_SHOW(_n) static const char *_n##_str = #_n
        #define FOO_ONE(_n, _mode) FOO_SHOW(_n); static DEVICE_ATTR(_n, _mode, _n##_show, NULL)
        #define FOO_TWO(_a, _b) FOO_ONE(_a, 0444); FOO_ONE(_b, S_IRUSR)
        FOO_TWO(alpha, beta);
        """
    )
    got = [(d.name, d.line, d.octal, d.via_wrapper) for d in result.declarations]
    assert got == [("alpha", 4, 0o444, "FOO_TWO"), ("beta", 4, 0o400, "FOO_TWO")]


def test_variadic_wrapper() -> None:
    [d] = decls(
        """\
        #define FOO_ATTR(_name, ...) static DEVICE_ATTR(_name, __VA_ARGS__)
        FOO_ATTR(mode, 0644, mode_show, mode_store);
        """
    )
    assert (d.name, d.mode, d.via_wrapper) == ("mode", "RW", "FOO_ATTR")


def test_wrapper_not_used_in_file_is_unexpanded() -> None:
    result = scan(
        """\
        #ifndef _FOO_H
        #define _FOO_H
        #define FOO_RO_ATTR(_name) \\
            static DEVICE_ATTR_RO(foo_##_name)
        #endif
        """,
        name="drivers/misc/foo.h",
    )
    assert result.declarations == ()
    [u] = result.unexpanded
    assert (u.line, u.macro) == (4, "DEVICE_ATTR_RO")
    assert "FOO_RO_ATTR" in u.reason


def test_wrapper_called_with_wrong_arity_is_unexpanded() -> None:
    result = scan(
        """\
        #define FOO_RO_ATTR(_name) static DEVICE_ATTR_RO(_name)
        FOO_RO_ATTR(a, b);
        """
    )
    assert result.declarations == ()
    [u] = result.unexpanded
    assert u.line == 2 and "2 arguments" in u.reason


def test_non_identifier_name_is_unexpanded() -> None:
    result = scan("static DEVICE_ATTR_RO(FOO_NAME(x));\n")
    assert result.declarations == ()
    assert "not a literal name" in result.unexpanded[0].reason


def test_framework_definitions_are_not_declarations() -> None:
    result = scan(
        """\
        #define DEVICE_ATTR_RO(_name) \\
            struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
        #define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)
        #define SENSOR_DEVICE_ATTR_RO(_name, _func, _index)        \\
            SENSOR_DEVICE_ATTR(_name, 0444, _func##_show, NULL, _index)
        #define module_param(name, type, perm) module_param_named(name, name, type, perm)
        """,
        name="include/linux/device.h",
    )
    assert result.declarations == () and result.unexpanded == ()


# -- things that must not declare -------------------------------------------------


def test_comments_strings_and_dead_code() -> None:
    result = scan(
        """\
        /* static DEVICE_ATTR_RO(in_block_comment); */
        // static DEVICE_ATTR_RO(in_line_comment);
        static const char *s = "DEVICE_ATTR_RO(in_string)";
        #if 0
        static DEVICE_ATTR_RO(in_if0);
        #ifdef CONFIG_FOO
        static DEVICE_ATTR_RO(in_nested_if);
        #endif
        static DEVICE_ATTR_RO(after_nested_if);
        #else
        static DEVICE_ATTR_RO(in_else_of_if0);
        #endif
        #if 1
        static DEVICE_ATTR_RO(in_if1);
        #else
        static DEVICE_ATTR_RO(in_else_of_if1);
        #endif
        #ifdef CONFIG_BAR
        static DEVICE_ATTR_RO(in_ifdef);
        #endif
        /* multi-line
           DEVICE_ATTR_RO(in_multiline_comment); */
        static DEVICE_ATTR_RO(last);
        """
    )
    got = [(d.name, d.line) for d in result.declarations]
    assert got == [("in_else_of_if0", 11), ("in_if1", 14), ("in_ifdef", 19), ("last", 23)]


def test_line_numbers_survive_comments_inside_macros() -> None:
    result = scan(
        """\
        #define FOO_ATTRS(_n) /* one attribute
            * per channel */ \\
            static DEVICE_ATTR_RO(in##_n##_input)
        FOO_ATTRS(3);
        static DEVICE_ATTR_RO(after);
        """
    )
    assert [(d.name, d.line) for d in result.declarations] == [("in3_input", 4), ("after", 5)]


# -- module parameters ------------------------------------------------------------


def test_module_params() -> None:
    result = scan(
        """\
        static int debug;
        module_param(debug, int, 0644);
        static bool quiet;
        module_param(quiet, bool, 0);
        static int irq_mask;
        module_param_named(mask, irq_mask, int, S_IRUGO);
        static int ids[4];
        module_param_array(ids, int, NULL, 0444);
        static char fw[64];
        module_param_string(firmware, fw, sizeof(fw), 0600);
        module_param_cb(policy, &policy_ops, &policy, 0200);
        module_param_call(legacy, legacy_set, legacy_get, NULL, FOO_PERM);
        core_param(panic_thing, panic_thing, int, 0644);
        static int hidden;
        module_param_cb(hidden, &hidden_ops, &hidden, 0);
        """,
        name="drivers/net/foo-bar.c",
    )
    got = [(d.macro, d.name, d.mode, d.octal, d.module) for d in result.declarations]
    assert got == [
        ("module_param", "debug", "RW", 0o644, "foo_bar"),
        ("module_param_named", "mask", "RO", 0o444, "foo_bar"),
        ("module_param_array", "ids", "RO", 0o444, "foo_bar"),
        ("module_param_string", "firmware", "RW", 0o600, "foo_bar"),
        ("module_param_cb", "policy", "WO", 0o200, "foo_bar"),
        ("module_param_call", "legacy", None, None, "foo_bar"),
        ("core_param", "panic_thing", "RW", 0o644, "kernel"),
    ]
    assert all(d.family == "module-param" for d in result.declarations)


# -- bad input ----------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.c"
    p.write_bytes(b"")
    assert scan_file(str(p)) == ScanResult(str(p))


def test_non_utf8_file(tmp_path: Path) -> None:
    p = tmp_path / "latin1.c"
    p.write_bytes(b"/* Copyright J\xf6rg */\nstatic DEVICE_ATTR_RO(name);\n")
    result = scan_file(str(p))
    assert result.error is None
    assert [d.name for d in result.declarations] == ["name"]


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "blob.c"
    p.write_bytes(b"\x7fELF\0\0\0DEVICE_ATTR_RO(x)\0\xff\xfe")
    result = scan_file(str(p))
    assert result.declarations == ()
    assert result.error is not None and "binary" in result.error


def test_unreadable_file(tmp_path: Path) -> None:
    result = scan_file(str(tmp_path / "missing.c"))
    assert result.error is not None and "cannot read" in result.error


def test_unbalanced_call_does_not_crash() -> None:
    result = scan("static DEVICE_ATTR_RO(broken\n")
    assert result.declarations == ()
    assert result.unexpanded[0].reason.startswith("unbalanced")


def test_json_round_trip() -> None:
    result = scan_file(str(FIXTURES / "seamldr.c"))
    assert ScanResult.from_json(result.to_json()) == result


def test_wrapper_with_multiline_parameters_and_inline_initializer() -> None:
    [d] = decls(
        """\
        #define FOO_PERM_RW (S_IRUGO | S_IWUSR)
        #define FOO_ATTR(_field, _mode, _reg,                     \\
                         _low, _high)                             \\
            struct foo_attribute foo_attr_##_field = {            \\
                .dattr = __ATTR(_field, _mode, foo_show, foo_store), \\
                .reg = _reg,                                      \\
            }
        static FOO_ATTR(gain, FOO_PERM_RW, 0x10,
                        0, 255);
        static struct attribute *foo_attrs[] = {
            &foo_attr_gain.dattr.attr,
            NULL
        };
        """
    )
    assert (d.name, d.line, d.octal, d.variable, d.array, d.via_wrapper) == (
        "gain",
        8,
        0o644,
        "foo_attr_gain",
        "foo_attrs",
        "FOO_ATTR",
    )


def test_stringified_names_that_are_not_identifiers() -> None:
    got = [
        d.name
        for d in decls(
            """\
            PMU_EVENT_ATTR_STRING(read-bytes.scale, foo_rb_scale, "6.1e-5");
            static struct attribute *foo_events[] = {
                PMU_EVENT_ATTR_ID(rd-req, foo_event_show, 0x01),
                NULL,
            };
            static struct sensor_device_attribute_2 foo_tmpl[] = {
                SENSOR_ATTR_2(temp%d_input, 0444, temp_show, NULL, 0, 0),
            };
            """
        )
    ]
    assert got == ["read-bytes.scale", "rd-req", "temp%d_input"]


def test_callbacks_passed_as_arguments() -> None:
    got = by_name(
        """
        static DEVICE_ATTR(shown, 0644, shown_show, NULL);
        static SENSOR_DEVICE_ATTR(stored, 0600, NULL, stored_store, 1);
        static struct kobj_attribute both_attr = __ATTR(both, 0644, both_show, both_store);
        static DEVICE_ATTR_RW(implied);
        static IIO_DEV_ATTR_SAMP_FREQ(0644, freq_show, NULL);
        """
    )
    assert {n: d.callbacks for n, d in got.items()} == {
        "shown": "show",
        "stored": "store",
        "both": "show+store",
        "implied": None,  # the macro names them itself
        "sampling_frequency": "show",
    }


def test_annotation_between_variable_and_initializer() -> None:
    # "__ro_after_init" is not the variable: the array and group are found through the real one
    got = by_name(
        """
        static struct queue_attribute bql_limit_attribute __ro_after_init = __ATTR(limit, 0644, show, store);
        static struct attribute *dql_attrs[] __ro_after_init = { &bql_limit_attribute.attr, NULL };
        static const struct attribute_group dql_group = { .name = "byte_queue_limits", .attrs = dql_attrs };
        """
    )
    limit = got["limit"]
    assert (limit.variable, limit.array, limit.group_name) == (
        "bql_limit_attribute",
        "dql_attrs",
        "byte_queue_limits",
    )


def test_param_macros_have_param_after_an_underscore() -> None:
    # decl_calls() searches for "param" but the prefilter for "_param": both
    # find the same macros only while this holds.
    from abi_tools.csrc.macros import MACROS

    assert all("_param" in name for name in MACROS if "param" in name)
