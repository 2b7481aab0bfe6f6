"""How well one documented What fits one declaration, and why.

Each piece of evidence adds to (or takes from) a score and leaves a reason a
human can check.  Some evidence rules a What out altogether: a group ``.name``
that is not the What's parent directory, an exclusive convention not followed,
a module_param of another module.

PASS: version in group "seamldr" of arch/x86/virt/vmx/tdx/seamldr.c vs
      /sys/devices/virtual/tdx/seamldr/version in sysfs-devices-tdx
      (parent is the group's .name, "tdx" in both paths)
FAIL: version in drivers/misc/phantom.c vs /sys/bus/rbd/version
      (no shared word, "rbd" unexplained: below the threshold)
PASS: caps in drivers/acpi/acpi_tad.c vs /sys/bus/platform/devices/ACPI000E:00/caps
      (a directory named by an ACPI hardware ID is neither for nor against)
PASS: interleave_granularity in drivers/cxl/core/region.c: regionZ/ beats
      decoderX.Y/ (the directory holding it is named like the C file and
      like its array cxl_region_attrs)
FAIL: w1_slave in drivers/w1/slaves/w1_ds2423.c vs .../w1_slave in
      sysfs-driver-w1_therm (the ABI file is named for 'therm', which the
      C side does not explain)
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from abi_tools.xcheck.evidence import Evidence
from abi_tools.xcheck.index import WhatRef, holder_of
from abi_tools.xcheck.pattern import Component
from abi_tools.xcheck.tokens import explained, words

#: score at or above which a supported match is called documented
HIGH = 3.5
#: score below which a candidate is not worth reporting at all
LOW = 2.0
#: a runner-up from another entry this close makes the best one ambiguous
MARGIN = 1.0

_LEVEL_RANK = {"stable": 0, "testing": 1, "obsolete": 2, "removed": 3}


@dataclass
class Candidate:
    ref: WhatRef
    generic: bool
    listed: bool = False
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    supported: bool = False
    rejected: str | None = None
    #: Its parent directory is named like the declaration's attribute array.
    array_named: bool = False

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)

    def sort_key(self) -> tuple[float, int, int, int]:
        return (
            -self.score,
            1 if self.generic else 0,
            _LEVEL_RANK.get(self.ref.entry.level, 4),
            self.ref.serial,
        )


class WordStats:
    """How many ABI files use each word in their name or What directories:
    a word few files use says more than one many use."""

    def __init__(self, refs: Iterable[WhatRef]) -> None:
        per_file: dict[str, set[str]] = {}
        for ref in refs:
            bag = per_file.setdefault(ref.file.path, abi_file_words(ref.file.path))
            for comp in ref.pattern.components[:-1]:
                bag |= component_words(comp)
        self.df: Counter[str] = Counter(w for bag in per_file.values() for w in bag)

    def weight(self, word: str) -> float:
        n = self.df.get(word, 0)
        if n <= 3:
            return 1.0
        if n <= 10:
            return 0.7
        if n <= 30:
            return 0.4
        return 0.1


def abi_file_words(path: str) -> set[str]:
    return words(re.sub(r"^(?:sysfs|configfs|debugfs|procfs)-", "", os.path.basename(path)))


def component_words(comp: Component) -> set[str]:
    out: set[str] = set()
    for frag in comp.fragments:
        out |= words(frag)
    return out


def _holder(ref: WhatRef, generic: bool) -> Component | None:
    return holder_of(ref.pattern) if generic else ref.pattern.parent


def _check_group(c: Candidate, ev: Evidence, holder: Component | None) -> bool:
    """Whether the What's parent directory fits the group's directory; True when it was used up."""
    group = ev.group
    if group is None:
        return False
    if holder is None:
        c.rejected = f"the group puts it in '{group}/', the What has no directory"
        return False
    if holder.literal:
        if holder.text == group:
            c.add(3.0, f"parent directory '{group}' is the group's .name")
            c.supported = True
            return True
        c.rejected = f"parent directory '{holder.text}' is not the group's '{group}'"
        return False
    if holder.wildcard_only:
        # "<dev>/label" is written for the device's own directory; a file of
        # the "power" group is at <dev>/power/label, which the What does not say.
        c.rejected = f"the What does not name the group's directory '{group}/'"
        return False
    if re.fullmatch(holder.regex, group):
        c.add(2.0, f"parent directory '{holder.text}' fits the group's .name '{group}'")
        return True
    c.rejected = f"parent directory '{holder.text}' is not the group's '{group}'"
    return False


def _check_conventions(c: Candidate, ev: Evidence) -> None:
    path = c.ref.pattern.path
    exclusive = None
    followed = False
    for conv, through_family in ev.conventions:
        if conv.follows(path, c.ref.file.path):
            c.add(conv.points, f"follows the {conv.name} convention")
            c.supported = c.supported or conv.supports
            followed = True
        elif through_family and conv.exclusive:
            exclusive = conv
        elif through_family and conv.name == "hwmon":
            c.add(-2.0, "a hwmon sensor attribute outside /sys/class/hwmon")
    if exclusive is not None and not followed:
        c.rejected = f"a {exclusive.name} attribute is documented only under {exclusive.what.pattern}"


def _check_module(c: Candidate, ev: Evidence) -> None:
    if ev.decl.family != "module-param" or c.rejected:
        return
    comps = c.ref.pattern.components
    if len(comps) < 2 or comps[0].text != "sys" or comps[1].text != "module":
        return
    module_comp = comps[2] if len(comps) > 2 else None
    if module_comp is None or ev.module is None:
        return
    want = ev.module.replace("-", "_")
    if module_comp.literal:
        if module_comp.text.replace("-", "_") == want:
            c.add(3.0, f"module directory '{module_comp.text}' is the file's module")
            c.supported = True
        else:
            c.rejected = f"module directory '{module_comp.text}' is not the file's module '{want}'"


_LAYOUT = frozenset({"devices", "drivers"})

# A device instance named by its ACPI/PNP hardware ID ("ACPI000E:00",
# "GOOG000C:00"): which device it is the C side cannot tell from its words
# (the ID sits in a match table), so it is neither evidence for nor against.
_INSTANCE = re.compile(r"[A-Z][A-Z0-9]{2,3}[0-9A-F]{4}(?::(?:[0-9A-F]{2}|\*|<[^<>]*>))?\Z")


_ABI_KIND = re.compile(r"^(?:sysfs|configfs)-(?:bus|class|devices|driver|platform|firmware|kernel)-")


def _unexplained_subject(abi_path: str, ev: Evidence, stats: WordStats) -> list[str]:
    """The words an ABI file's name gives its subject (after sysfs-driver-,
    sysfs-bus-, ...) that are rare and that the C side cannot account for:
    w1_ds2423.c's w1_slave is not sysfs-driver-w1_therm's, etm3x's files are
    not sysfs-bus-coresight-devices-etm4x's."""
    base = os.path.basename(abi_path)
    m = _ABI_KIND.match(base)
    if m is None:
        return []
    known = ev.words | words(ev.decl.name)  # sysfs-kernel-cpu_byteorder names the file itself
    # Sorted: words() is a set, and the reason naming them must not change from run to run.
    return sorted(w for w in words(base[m.end() :]) if stats.df.get(w, 0) <= 3 and not explained(w, known))


@lru_cache(maxsize=8192)
def _description_words(description: str) -> frozenset[str]:
    return frozenset(w for w in words(description) if len(w) >= 4)


def _check_words(c: Candidate, ev: Evidence, stats: WordStats, used: set[int]) -> None:
    """The What's directories and ABI file name against the C side's words:
    each shared word is evidence, each specific directory word the C side
    cannot account for is evidence against (/sys/class/ubi/version is not
    phantom.c's 'version')."""
    ref = c.ref
    comps = ref.pattern.components
    dirs = comps if c.generic and holder_of(ref.pattern) is comps[-1] else comps[:-1]
    dir_words: set[str] = set()
    unexplained: list[str] = []
    registered = False
    for i, comp in enumerate(dirs):
        if i in used or _INSTANCE.match(comp.text):
            continue
        # "devices" registered as a kobject's name is no evidence for every
        # /sys/bus/*/devices/ What ("kernel" for /sys/kernel/ is)
        if comp.literal and comp.text.lower() in ev.names and comp.text not in _LAYOUT:
            c.add(2.0, f"directory '{comp.text}' is a name the C file registers")
            c.supported = True
            registered = True
            continue
        cw = component_words(comp)
        dir_words |= cw
        # A component is accounted for when any of its words is: "[etm|ptm]"
        # by etm, "mdev_supported_types" by mdev.
        if not any(explained(w, ev.words) for w in cw):
            unexplained.extend(w for w in cw if stats.df.get(w, 0) <= 30)
    # The directory holding the file named like its attribute array or the C
    # file: cxl_region_attrs in region.c are regionZ's, not decoderX.Y's,
    # though the module has both.
    parent = ref.pattern.parent
    if not c.generic and parent is not None and len(comps) - 2 not in used:
        parent_words = component_words(parent)
        if parent_words and all(explained(w, ev.array_words) for w in parent_words):
            c.add(1.0, f"its directory '{parent.text}' is named like its attribute array")
            c.array_named = True
        elif parent_words and all(explained(w, ev.own_words) for w in parent_words):
            c.add(0.5, f"its directory '{parent.text}' is named like the C file")
    own = dir_words | abi_file_words(ref.file.path)
    matched = sorted(w for w in own if explained(w, ev.words))
    unexplained = sorted(set(unexplained))
    if matched:
        points = min(3.5, sum(max(0.5, stats.weight(w)) for w in matched))
        c.add(points, "shares " + ", ".join(f"'{w}'" for w in matched) + " with the C side")
        c.supported = True
        # "/sys/devices/.../power_state" leaves its directories open: nothing is accounted for
        if not unexplained and (dir_words or registered or not any(comp.text == "..." for comp in dirs)):
            c.add(1.0, "every directory of the What is accounted for")
    # a subject word that is also a directory was counted there already
    subject = [w for w in _unexplained_subject(ref.file.path, ev, stats) if w not in dir_words]
    if subject:
        named = ", ".join(f"'{w}'" for w in subject)
        c.add(-min(1.5, 0.75 * len(subject)), f"the ABI file is named for {named}, unexplained by the C side")
    if unexplained:
        c.add(
            -min(3.0, 0.75 * len(unexplained)),
            "directories " + ", ".join(f"'{w}'" for w in unexplained) + " unexplained by the C side",
        )
    described = sorted(
        w for w in ev.words & _description_words(ref.entry.description or "") if len(w) >= 4 and w not in own
    )
    if described:
        mentioned = ", ".join(f"'{w}'" for w in described)
        c.add(min(1.0, 0.5 * len(described)), f"the description mentions {mentioned}")


def score(ev: Evidence, ref: WhatRef, generic: bool, stats: WordStats, listed: bool = False) -> Candidate:
    """``generic``: the What documents the directory holding the file, not the
    file; ``listed``: and its description lists the file by name."""
    c = Candidate(ref, generic, listed=listed)
    last = ref.pattern.last
    if listed:
        c.add(1.5, f"the description of {ref.pattern.path} lists '{ev.decl.name}'")
    elif generic:
        c.reasons.append(f"the What documents the directory holding it: {ref.pattern.path}")
    elif last.literal:
        c.add(2.0, f"name equals the What's last component '{last.text}'")
    else:
        c.add(1.5, f"name fits the What's pattern '{last.text}'")
    holder = _holder(ref, generic)
    used: set[int] = set()
    if _check_group(c, ev, holder):
        n = len(ref.pattern.components)
        used.add(n - 1 if generic and holder_of(ref.pattern) is ref.pattern.last else n - 2)
    if c.rejected:
        return c
    _check_conventions(c, ev)
    _check_module(c, ev)
    if c.rejected:
        return c
    _check_words(c, ev, stats, used)
    return c
