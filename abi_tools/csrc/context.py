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
_OPEN_PAREN = re.compile(r"\s*\(")


#: substrings every name of CALLS and MARKERS contains one of (a test checks)
CALL_HINTS = ("_register", "_create", "_and_add", "_device_alloc", "_set_name")
_CALLABLE = CALLS.keys() | MARKERS.keys()
# All hints start with "_", so the regex engine skips ahead to each "_" fast:
# one pass instead of a str.find pass per hint (those were most of the cost).
_HINT = re.compile("(?:" + "|".join(CALL_HINTS) + r")\w*")  # and the rest of the word


def _calls(code: str) -> list[tuple[str, int, int]]:
    """(function, start, offset of its '(') for calls of CALLS and MARKERS:
    each hint, then the identifier around it.  A regex alternation of the
    names, tried at every offset, cost more than the scan."""
    found: list[tuple[str, int, int]] = []
    for m in _HINT.finditer(code):  # in file order, one match per identifier
        start = m.start()
        while start > 0 and (code[start - 1].isalnum() or code[start - 1] == "_"):
            start -= 1
        end = m.end()
        name = code[start:end]
        if name in _CALLABLE:
            paren = _OPEN_PAREN.match(code, end)
            if paren:
                found.append((name, start, paren.end() - 1))
    return found


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


def _enclosing_struct(code: str, pos: int, closing_brace: Callable[[int], int]) -> tuple[str, int] | None:
    """(type, offset) of the ``struct T v = {`` initializer that contains ``pos``."""
    start = code.rfind("struct", 0, pos)
    for _ in range(8):
        if start < 0:
            return None
        m = _STRUCT_INIT.match(code, start)
        if m and closing_brace(m.end() - 1) > pos:
            return m.group(1), start
        start = code.rfind("struct", 0, start)
    return None


def registrations(
    text: str,
    code: str,
    line_of: Callable[[int], int],
    split_args: Callable[[str, int], tuple[list[str], int] | None],
    matching_brace: Callable[[str, int], int],
) -> tuple[Registration, ...]:
    """Names the file registers things under, in file order."""
    found: list[Registration] = []
    # From each .name = "..." back to the struct initializer around it: far
    # fewer steps than visiting every initializer of the file.
    named: set[int] = set()
    # Every .name of a table leads back to the same initializer: its end is
    # looked up once, not once per row (a table of 100 boards was 100 scans).
    ends: dict[int, int] = {}

    def closing_brace(open_pos: int) -> int:
        end = ends.get(open_pos)
        if end is None:
            end = ends[open_pos] = matching_brace(code, open_pos)
        return end

    for f in _NAME_FIELD.finditer(code):
        enclosing = _enclosing_struct(code, f.start(), closing_brace)
        if enclosing is None or enclosing[0] in ("attribute_group", "attribute", "device_attribute"):
            continue
        struct, at = enclosing
        kind = _kind_of_struct(struct)
        if kind != "driver":
            # Only an object's own name: the first .name of the initializer
            # (later ones name table rows such as ioctl or cgroup files).
            if at in named:
                continue
            named.add(at)
        lit = _LITERAL.match(text, f.end() - 1)
        if lit and _USABLE.match(lit.group(1)):
            found.append(Registration(kind, lit.group(1), line_of(f.start()), struct))
    for call, start, paren in _calls(code):
        if call in MARKERS:
            found.append(Registration(MARKERS[call], "", line_of(start), call))
        spec = CALLS.get(call)
        if spec is None:
            continue
        parsed = split_args(code, paren)
        if parsed is None:
            continue
        kind, index = spec
        args = parsed[0]
        if call == "class_create" and len(args) == 2:
            index = 1  # before 6.4 it took THIS_MODULE first
        if index >= len(args):
            continue
        arg = args[index]
        at = code.find(arg, paren) if arg else -1
        lit = _LITERAL.match(text, at) if at >= 0 and arg.startswith('"') else None
        if lit and _USABLE.match(lit.group(1)):
            found.append(Registration(kind, lit.group(1), line_of(start), call))
        elif kind in _FRAMEWORKS:
            # spi->modalias, a variable: the framework is known, the name is not
            found.append(Registration(kind, "", line_of(start), call))
    found.sort(key=lambda r: r.line)
    return tuple(dict.fromkeys(found))


_PARAM_PREFIX = re.compile(r'#\s*define\s+MODULE_PARAM_PREFIX\s+"([\w.]*)\."')


def param_prefix(text: str) -> str | None:
    """``#define MODULE_PARAM_PREFIX "foo."``: module_param files go to /sys/module/foo/."""
    if "MODULE_PARAM_PREFIX" not in text:
        return None
    m = _PARAM_PREFIX.search(text)
    return m.group(1) if m else None
