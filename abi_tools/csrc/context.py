"""File-level context: the names a file registers its objects under.

An attribute's sysfs directory is decided by what its device, driver, class,
bus or PMU is registered as, and that name is usually a string literal in the
same file: ``.name = "foo"`` in a ``struct platform_driver`` or ``struct
class``, ``perf_pmu_register(&pmu, "foo", -1)``,
``devm_hwmon_device_register_with_groups(dev, "foo", ...)``.  The cross-checker
compares these names with the directories of documented Whats.

Works on the cleaned text (comments and ``#if 0`` gone) and reads string
literals back from the original at the same offsets, as the scanner does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from abi_tools.csrc.model import Registration

# struct TYPE var = {   (the struct type decides what kind of name .name is)
_STRUCT_INIT = re.compile(r"struct\s+([A-Za-z_]\w*)\s+(?:const\s+)?[A-Za-z_]\w*\s*(?:\[[^\]]*\])?\s*=\s*\{")
_NAME_FIELD = re.compile(r"\.\s*name\s*=\s*\"")
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_USABLE = re.compile(r"[\w.:\-%]{1,64}\Z")

#: call -> (kind, index of the name argument)
CALLS: dict[str, tuple[str, int]] = {
    "perf_pmu_register": ("pmu", 1),
    "hwmon_device_register_with_groups": ("hwmon", 1),
    "devm_hwmon_device_register_with_groups": ("hwmon", 1),
    "hwmon_device_register_with_info": ("hwmon", 1),
    "devm_hwmon_device_register_with_info": ("hwmon", 1),
    "class_create": ("class", 0),
    "kobject_create_and_add": ("kobject", 0),
    "kobject_init_and_add": ("kobject", 3),
    "device_create": ("device", 4),
    "device_create_with_groups": ("device", 5),
    "platform_device_register_simple": ("device", 0),
    "platform_device_alloc": ("device", 0),
    "dev_set_name": ("device", 1),
}
#: calls whose presence alone says which framework the file's device belongs to
MARKERS: dict[str, str] = {
    "iio_device_register": "iio",
    "devm_iio_device_register": "iio",
    "hwmon_device_register": "hwmon",
    "misc_register": "misc",
    "configfs_register_subsystem": "configfs",
}
#: kinds that decide where a file's attributes go even when the name is unknown
_FRAMEWORKS = frozenset({"hwmon", "pmu", "iio"})
_CALL = re.compile(r"\b(" + "|".join(sorted(set(CALLS) | set(MARKERS), key=len, reverse=True)) + r")\s*\(")


def _kind_of_struct(struct: str) -> str:
    if struct == "bus_type":
        return "bus"
    if struct == "class":
        return "class"
    if struct == "miscdevice":
        return "misc"
    if struct == "device_driver" or struct.endswith("_driver"):
        return "driver"
    return "name"


def registrations(
    text: str,
    code: str,
    line_of: Callable[[int], int],
    split_args: Callable[[str, int], tuple[list[str], int] | None],
    matching_brace: Callable[[str, int], int],
) -> tuple[Registration, ...]:
    """Names the file registers things under, in file order."""
    found: list[Registration] = []
    if ".name" in code or "name" in code:
        for m in _STRUCT_INIT.finditer(code):
            struct = m.group(1)
            if struct in ("attribute_group", "attribute", "device_attribute"):
                continue
            end = matching_brace(code, m.end() - 1)
            kind = _kind_of_struct(struct)
            for f in _NAME_FIELD.finditer(code, m.end(), end):
                lit = _LITERAL.match(text, f.end() - 1)
                if lit and _USABLE.match(lit.group(1)):
                    found.append(Registration(kind, lit.group(1), line_of(f.start()), struct))
                if kind != "driver":
                    break  # a nested .name (e.g. .driver.name) belongs to the driver only
    for m in _CALL.finditer(code):
        call = m.group(1)
        if call in MARKERS:
            found.append(Registration(MARKERS[call], "", line_of(m.start()), call))
        spec = CALLS.get(call)
        if spec is None:
            continue
        parsed = split_args(code, m.end() - 1)
        if parsed is None:
            continue
        kind, index = spec
        args = parsed[0]
        if call == "class_create" and len(args) == 2:
            index = 1  # before 6.4 it took THIS_MODULE first
        if index >= len(args):
            continue
        arg = args[index]
        start = code.find(arg, m.end()) if arg else -1
        lit = _LITERAL.match(text, start) if start >= 0 and arg.startswith('"') else None
        if lit and _USABLE.match(lit.group(1)):
            found.append(Registration(kind, lit.group(1), line_of(m.start()), call))
        elif kind in _FRAMEWORKS:
            # spi->modalias, a variable: the framework is known, the name is not
            found.append(Registration(kind, "", line_of(m.start()), call))
    found.sort(key=lambda r: r.line)
    return tuple(dict.fromkeys(found))


_PARAM_PREFIX = re.compile(r'#\s*define\s+MODULE_PARAM_PREFIX\s+"([\w.]*)\."')


def param_prefix(text: str) -> str | None:
    """``#define MODULE_PARAM_PREFIX "foo."``: module_param files go to /sys/module/foo/."""
    if "MODULE_PARAM_PREFIX" not in text:
        return None
    m = _PARAM_PREFIX.search(text)
    return m.group(1) if m else None
