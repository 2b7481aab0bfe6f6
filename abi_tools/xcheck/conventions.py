"""Where each framework puts its attributes in sysfs, as data.

A convention applies to a declaration through its macro family (every
``SENSOR_DEVICE_ATTR`` is a hwmon file), through what its file registers
(``devm_hwmon_device_register_with_groups`` makes a ``DEVICE_ATTR`` a hwmon
file too), or through where the file lives (``drivers/iio/``).  ``exclusive``
conventions are the only place such a file can be: a ``module_param`` is never
documented outside ``/sys/module/<module>/parameters/``.

PASS: SENSOR_DEVICE_ATTR_RO(fan1_input) vs What /sys/class/hwmon/hwmonX/fanY_input
FAIL: module_param(debug) of module foo vs What /sys/class/foo/debug (exclusive: rejected)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from abi_tools.csrc.model import Declaration


@dataclass(frozen=True)
class Convention:
    name: str
    families: frozenset[str]
    #: registration kinds (abi_tools.csrc.context) that make it apply to any family
    contexts: frozenset[str]
    #: C path prefixes that make it apply to any family
    prefixes: tuple[str, ...]
    #: Whats that follow the convention (matched against the What as written)
    what: re.Pattern[str]
    #: applying through the family, no other place is possible
    exclusive: bool
    #: the directory a file of this family sits in when its group has no .name
    implied_group: str | None = None
    #: how much following it counts, and whether that alone is evidence enough:
    #: /sys/class/hwmon/hwmonX/ is where every hwmon file is, while
    #: /sys/class/<anything>/ says nothing until <anything> is the file's class
    points: float = 4.0
    supports: bool = True
    #: ABI files (base names) whose Whats all follow it, however they spell the
    #: path ("/sys/.../events/in_accel_..." in sysfs-bus-iio)
    abi_files: re.Pattern[str] | None = None

    def follows(self, what: str, abi_file: str) -> bool:
        if self.what.search(what):
            return True
        return self.abi_files is not None and self.abi_files.match(abi_file.rsplit("/", 1)[-1]) is not None


# A PMU's directory: under event_source, or /sys/devices/<pmu>/ when what
# follows is a PMU's (the bus's devices/ links there).
_PMU_ROOT = (
    r"^/sys/(?:bus/event_source/devices/[^/]+|devices/[^/]+(?=/(?:events|format|caps|cpumask|type)(?:/|$)))/"
)

CONVENTIONS: tuple[Convention, ...] = (
    Convention(
        "hwmon",
        frozenset({"sensor"}),
        frozenset({"hwmon"}),
        ("drivers/hwmon/",),
        re.compile(r"^/sys/class/hwmon/hwmon[^/]*/(?:device/)?[^/]+$"),
        exclusive=False,
        abi_files=re.compile(r"sysfs-class-hwmon$"),
    ),
    Convention(
        "iio",
        frozenset({"iio"}),
        frozenset({"iio"}),
        ("drivers/iio/", "drivers/staging/iio/"),
        re.compile(r"^/sys/bus/iio/devices/|/iio:device[^/]*/|/trigger[^/]*/"),
        exclusive=False,
        abi_files=re.compile(r"sysfs-bus-iio"),
    ),
    Convention(
        "pmu-format",
        frozenset({"pmu-format"}),
        frozenset(),
        (),
        re.compile(_PMU_ROOT + r"format(?:/[^/]*)?/?$"),
        exclusive=True,
        implied_group="format",
    ),
    Convention(
        "pmu-event",
        frozenset({"pmu-event"}),
        frozenset(),
        (),
        re.compile(_PMU_ROOT + r"events(?:/[^/]*)?/?$"),
        exclusive=True,
        implied_group="events",
    ),
    Convention(
        "pmu",
        frozenset(),
        frozenset({"pmu"}),
        ("drivers/perf/", "arch/x86/events/"),
        re.compile(_PMU_ROOT),
        exclusive=False,
    ),
    Convention(
        "module-param",
        frozenset({"module-param"}),
        frozenset(),
        (),
        re.compile(r"^/sys/module/[^/]+/parameters/[^/]+$"),
        exclusive=True,
        supports=False,  # the module directory must be the file's module (checked apart)
    ),
    Convention(
        "configfs",
        frozenset({"configfs"}),
        frozenset({"configfs"}),
        (),
        re.compile(r"^(?:/sys/kernel)?/config/"),
        exclusive=True,
        # all of configfs: says where, not whose; the directories must fit too
        points=2.0,
        supports=False,
    ),
    # Layout only: the directory must still be the file's bus/class/driver
    # name.  A BUS_ATTR, DRIVER_ATTR or CLASS_ATTR file cannot be anywhere
    # else (a class attribute is not in a device's directory), so they are
    # exclusive; "..." stands for the name ("/sys/class/firmware/.../timeout").
    *(
        Convention(
            family, frozenset({family}), frozenset(), (), re.compile(what), True, points=1.0, supports=False
        )
        for family, what in (
            ("bus", r"^/sys/bus/[^/]+/[^/]+$"),
            ("driver", r"^/sys/bus/[^/]+/drivers/[^/]+/[^/]+$"),
            ("class", r"^/sys/class/[^/]+/(?:\.\.\./)?[^/]+$"),
        )
    ),
)


def applicable(decl: Declaration, contexts: frozenset[str]) -> list[tuple[Convention, bool]]:
    """Conventions for ``decl`` with whether each applies through the family
    (True) or only through the file's context or place (False)."""
    out = []
    for conv in CONVENTIONS:
        if decl.family in conv.families:
            out.append((conv, True))
        elif conv.contexts & contexts or (conv.prefixes and decl.file.startswith(conv.prefixes)):
            out.append((conv, False))
    return out


_PMU_DIRS = (("format", "format"), ("event", "events"))


def implied_group(decl: Declaration, conventions: list[tuple[Convention, bool]]) -> str | None:
    """The directory the declaration sits in below its object, when known:
    the group's .name, else what the family implies (PMU_FORMAT_ATTR is in
    format/), else for a PMU's bare attribute what its array is called
    (fme_perf_events_attrs holds events/ files)."""
    if decl.group_name:
        return decl.group_name
    for conv in CONVENTIONS:
        if decl.family in conv.families and conv.implied_group:
            return conv.implied_group
    if any(conv.name == "pmu" for conv, _ in conventions):
        names = " ".join(v for v in (decl.array, decl.group, decl.variable) if v).lower()
        for word, directory in _PMU_DIRS:
            if word in names:
                return directory
    return None
