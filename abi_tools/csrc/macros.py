"""The attribute-declaring macros of the kernel, as data.

Each entry was checked against the 6.12 headers (include/linux/device.h,
device/{bus,class,driver}.h, sysfs.h, hwmon-sysfs.h, iio/sysfs.h, configfs.h,
perf_event.h, moduleparam.h).  The scanner never looks at those headers at run
time: a tree may be partial, and the macros are stable ABI-defining API.

A spec says where the attribute name and the mode come from and what C variable
the macro defines, so the scanner can follow ``&dev_attr_foo.attr`` in arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

FAMILIES: tuple[str, ...] = (
    "device",
    "driver",
    "bus",
    "class",
    "sensor",
    "iio",
    "configfs",
    "pmu-format",
    "pmu-event",
    "bin",
    "raw",
    "module-param",
)

RO, RW, WO, ADMIN_RO, ADMIN_RW = 0o444, 0o644, 0o200, 0o400, 0o600


@dataclass(frozen=True)
class MacroSpec:
    family: str
    #: argument index holding the attribute name, or a fixed name (helpers
    #: such as IIO_DEV_ATTR_SAMP_FREQ bake the name in)
    name: int | str
    #: the mode the macro implies, or None when it is an argument
    implied_mode: int | None = None
    #: argument index holding the mode expression
    mode_arg: int | None = None
    #: bits the macro clears from the mode argument (DEVICE_STRING_ATTR_RO)
    mode_clear: int = 0
    #: the C variable defined, as a str.format template over the arguments;
    #: None for initializer macros (__ATTR, SENSOR_ATTR, ...) whose variable
    #: comes from the surrounding ``x = { ... }``
    variable: str | None = None
    #: module_param* that always land in /sys/module/kernel/parameters
    fixed_module: str | None = None
    #: argument index of the show (read) callback; the store (write) one follows it
    show_arg: int | None = None

    @property
    def inline(self) -> bool:
        return self.variable is None and self.family != "module-param"


def _suffixed(
    table: dict[str, MacroSpec],
    base: str,
    family: str,
    variable: str | None,
    name: int = 0,
    suffixes: dict[str, int] | None = None,
) -> None:
    for suffix, mode in (suffixes or {"_RO": RO, "_RW": RW, "_WO": WO}).items():
        table[base + suffix] = MacroSpec(family, name, implied_mode=mode, variable=variable)


def _build() -> dict[str, MacroSpec]:
    t: dict[str, MacroSpec] = {}
    admin = {"_RO": RO, "_RW": RW, "_WO": WO, "_ADMIN_RO": ADMIN_RO, "_ADMIN_RW": ADMIN_RW}

    # device.h
    dev = "dev_attr_{0}"
    for m in ("DEVICE_ATTR", "DEVICE_ATTR_PREALLOC", "DEVICE_ATTR_IGNORE_LOCKDEP"):
        t[m] = MacroSpec("device", 0, mode_arg=1, variable=dev, show_arg=2)
    _suffixed(t, "DEVICE_ATTR", "device", dev, suffixes=admin)
    for m in ("DEVICE_ULONG_ATTR", "DEVICE_INT_ATTR", "DEVICE_BOOL_ATTR"):
        t[m] = MacroSpec("device", 0, mode_arg=1, variable=dev)
    t["DEVICE_STRING_ATTR_RO"] = MacroSpec("device", 0, mode_arg=1, mode_clear=0o222, variable=dev)
    # device/driver.h, bus.h, class.h
    _suffixed(t, "DRIVER_ATTR", "driver", "driver_attr_{0}")
    _suffixed(t, "BUS_ATTR", "bus", "bus_attr_{0}")
    _suffixed(t, "CLASS_ATTR", "class", "class_attr_{0}")
    t["CLASS_ATTR_STRING"] = MacroSpec("class", 0, mode_arg=1, variable="class_attr_{0}")

    # sysfs.h: bare initializers
    for m in ("__ATTR", "__ATTR_PREALLOC", "__ATTR_IGNORE_LOCKDEP"):
        t[m] = MacroSpec("raw", 0, mode_arg=1, show_arg=2)
    t["__ATTR_RO"] = MacroSpec("raw", 0, implied_mode=RO)
    t["__ATTR_RW"] = MacroSpec("raw", 0, implied_mode=RW)
    t["__ATTR_WO"] = MacroSpec("raw", 0, implied_mode=WO)
    t["__ATTR_RO_MODE"] = MacroSpec("raw", 0, mode_arg=1)
    t["__ATTR_RW_MODE"] = MacroSpec("raw", 0, mode_arg=1)
    # sysfs.h: binary attributes
    t["BIN_ATTR"] = MacroSpec("bin", 0, mode_arg=1, variable="bin_attr_{0}", show_arg=2)
    _suffixed(t, "BIN_ATTR", "bin", "bin_attr_{0}", suffixes=admin)
    t["BIN_ATTR_SIMPLE_RO"] = MacroSpec("bin", 0, implied_mode=RO, variable="bin_attr_{0}")
    t["BIN_ATTR_SIMPLE_ADMIN_RO"] = MacroSpec("bin", 0, implied_mode=ADMIN_RO, variable="bin_attr_{0}")
    t["__BIN_ATTR"] = MacroSpec("bin", 0, mode_arg=1, show_arg=2)
    _suffixed(t, "__BIN_ATTR", "bin", None, suffixes=admin)
    t["__BIN_ATTR_SIMPLE_RO"] = MacroSpec("bin", 0, mode_arg=1)

    # hwmon-sysfs.h
    sda = "sensor_dev_attr_{0}"
    t["SENSOR_DEVICE_ATTR"] = MacroSpec("sensor", 0, mode_arg=1, variable=sda, show_arg=2)
    _suffixed(t, "SENSOR_DEVICE_ATTR", "sensor", sda)
    t["SENSOR_DEVICE_ATTR_2"] = MacroSpec("sensor", 0, mode_arg=1, variable=sda, show_arg=2)
    _suffixed(t, "SENSOR_DEVICE_ATTR_2", "sensor", sda)
    t["SENSOR_ATTR"] = MacroSpec("sensor", 0, mode_arg=1, show_arg=2)
    _suffixed(t, "SENSOR_ATTR", "sensor", None)
    t["SENSOR_ATTR_2"] = MacroSpec("sensor", 0, mode_arg=1, show_arg=2)
    _suffixed(t, "SENSOR_ATTR_2", "sensor", None)

    # iio/sysfs.h
    ida, ica = "iio_dev_attr_{0}", "iio_const_attr_{0}"
    t["IIO_DEVICE_ATTR"] = MacroSpec("iio", 0, mode_arg=1, variable=ida, show_arg=2)
    _suffixed(t, "IIO_DEVICE_ATTR", "iio", ida)
    t["IIO_DEVICE_ATTR_NAMED"] = MacroSpec("iio", 1, mode_arg=2, variable=ida, show_arg=3)
    t["IIO_CONST_ATTR"] = MacroSpec("iio", 0, implied_mode=RO, variable=ica)
    t["IIO_CONST_ATTR_NAMED"] = MacroSpec("iio", 1, implied_mode=RO, variable=ica)
    t["IIO_STATIC_CONST_DEVICE_ATTR"] = MacroSpec("iio", 0, implied_mode=RO, variable=ida)
    t["IIO_ATTR"] = MacroSpec("iio", 0, mode_arg=1, show_arg=2)
    _suffixed(t, "IIO_ATTR", "iio", None)
    for macro, attr, mode_arg, kind in (
        ("IIO_DEV_ATTR_SAMP_FREQ", "sampling_frequency", 0, "dev"),
        ("IIO_DEV_ATTR_SAMP_FREQ_AVAIL", "sampling_frequency_available", None, "dev"),
        ("IIO_CONST_ATTR_SAMP_FREQ_AVAIL", "sampling_frequency_available", None, "const"),
        ("IIO_DEV_ATTR_INT_TIME_AVAIL", "integration_time_available", None, "dev"),
        ("IIO_CONST_ATTR_INT_TIME_AVAIL", "integration_time_available", None, "const"),
        ("IIO_DEV_ATTR_TEMP_RAW", "in_temp_raw", None, "dev"),
        ("IIO_CONST_ATTR_TEMP_OFFSET", "in_temp_offset", None, "const"),
        ("IIO_CONST_ATTR_TEMP_SCALE", "in_temp_scale", None, "const"),
    ):
        var = ("iio_dev_attr_" if kind == "dev" else "iio_const_attr_") + attr
        t[macro] = MacroSpec(
            "iio",
            attr,
            implied_mode=None if mode_arg is not None else RO,
            mode_arg=mode_arg,
            variable=var,
            show_arg=None if mode_arg is None else mode_arg + 1,
        )

    # configfs.h: the attribute name is the *second* argument
    cfs = "{0}attr_{1}"
    t["CONFIGFS_ATTR"] = MacroSpec("configfs", 1, implied_mode=RW, variable=cfs)
    t["CONFIGFS_ATTR_RO"] = MacroSpec("configfs", 1, implied_mode=RO, variable=cfs)
    t["CONFIGFS_ATTR_WO"] = MacroSpec("configfs", 1, implied_mode=WO, variable=cfs)
    t["CONFIGFS_BIN_ATTR"] = MacroSpec("configfs", 1, implied_mode=RW, variable=cfs)
    t["CONFIGFS_BIN_ATTR_RO"] = MacroSpec("configfs", 1, implied_mode=RO, variable=cfs)
    t["CONFIGFS_BIN_ATTR_WO"] = MacroSpec("configfs", 1, implied_mode=WO, variable=cfs)

    # perf_event.h
    t["PMU_FORMAT_ATTR"] = MacroSpec("pmu-format", 0, implied_mode=RO, variable="format_attr_{0}")
    t["PMU_EVENT_ATTR"] = MacroSpec("pmu-event", 0, implied_mode=RO, variable="{1}")
    t["PMU_EVENT_ATTR_STRING"] = MacroSpec("pmu-event", 0, implied_mode=RO, variable="{1}")
    t["PMU_EVENT_ATTR_ID"] = MacroSpec("pmu-event", 0, implied_mode=RO)

    # moduleparam.h: (macro, index of perm); the name is always argument 0
    for macro, perm in (
        ("module_param", 2),
        ("module_param_unsafe", 2),
        ("module_param_named", 3),
        ("module_param_named_unsafe", 3),
        ("module_param_cb", 3),
        ("module_param_cb_unsafe", 3),
        ("core_param_cb", 3),
        ("postcore_param_cb", 3),
        ("arch_param_cb", 3),
        ("subsys_param_cb", 3),
        ("fs_param_cb", 3),
        ("device_param_cb", 3),
        ("late_param_cb", 3),
        ("module_param_call", 4),
        ("module_param_string", 3),
        ("module_param_array", 3),
        ("module_param_array_named", 4),
        ("module_param_hw", 3),
        ("module_param_hw_named", 4),
        ("module_param_hw_array", 4),
    ):
        t[macro] = MacroSpec("module-param", 0, mode_arg=perm)
    # core_param uses an empty prefix: the file sits in /sys/module/kernel/parameters
    t["core_param"] = MacroSpec("module-param", 0, mode_arg=3, fixed_module="kernel")
    t["core_param_unsafe"] = MacroSpec("module-param", 0, mode_arg=3, fixed_module="kernel")
    return t


MACROS: dict[str, MacroSpec] = _build()

#: Framework helpers that contain declaration macros in their bodies but declare
#: nothing themselves; a ``#define`` of one of these (or of a MACROS name) is the
#: framework's own definition, never a wrapper to expand.
FRAMEWORK_HELPERS: frozenset[str] = frozenset(
    {
        "_CLASS_ATTR_STRING",
        "PMU_FORMAT_ATTR_SHOW",
        "__level_param_cb",
        "__module_param_call",
        "__ATTRIBUTE_GROUPS",
        "ATTRIBUTE_GROUPS",
        "BIN_ATTRIBUTE_GROUPS",
        "__ATTR_NULL",
        "__BIN_ATTR_NULL",
    }
)

#: Names whose #define is the framework's, not a driver's wrapper.
FRAMEWORK_NAMES: frozenset[str] = frozenset(MACROS) | FRAMEWORK_HELPERS
