"""Words of paths and names, for comparing a C file's place with an ABI file's.

``drivers/hwtracing/coresight/coresight-cti-sysfs.c`` and
``sysfs-bus-coresight-devices-cti`` share ``coresight`` and ``cti``; words that
every path has (``sys``, ``bus``, ``devices``, ``drivers``) say nothing and are
dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPLIT = re.compile(r"[/_\-.:@,+\s]+")

#: Words of sysfs layout and kernel tree layout that tell no two subsystems apart.
STOPWORDS: frozenset[str] = frozenset(
    (
        "sys",
        "sysfs",
        "bus",
        "buses",
        "class",
        "classes",
        "devices",
        "device",
        "dev",
        "drivers",
        "driver",
        "kernel",
        "module",
        "modules",
        "parameters",
        "platform",
        "virtual",
        "testing",
        "stable",
        "obsolete",
        "removed",
        "abi",
        "documentation",
        "system",
        "source",
        "c",
        "h",
        "core",
        "main",
        "common",
        "attr",
        "attrs",
        "attribute",
        "attributes",
        "group",
        "groups",
        "file",
        "files",
        "linux",
        "include",
        "lib",
        "arch",
        "x86",
        "arm",
        "arm64",
        "powerpc",
        "s390",
        "mips",
        "riscv",
        "ops",
        "generic",
        "base",
        "of",
        "acpi",
        "type",
        "id",
        "name",
        "the",
        "and",
        "for",
    )
)


def words(text: str) -> set[str]:
    """Lower-case words of ``text`` without stop words or pure numbers."""
    out = set()
    # event_source is the name of a bus, not a word about a subsystem
    for w in _SPLIT.split(text.lower().replace("event_source", "")):
        w = w.strip("%")
        if len(w) >= 2 and w not in STOPWORDS and not w.isdigit():
            out.add(w)
    return out


def related(a: str, b: str) -> bool:
    """Same word, or one a prefix of the other when the shorter has 3+ letters
    (nvme/nvmet, cpu/cpufreq, coresight/coresight, rtc/rtc0), unless what
    the longer adds is a version such as "4x": etm4x is another driver than
    etm or etm3x."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 3 or not long_.startswith(short):
        return False
    rest = long_[len(short) :]
    return not (rest[0].isdigit() and not rest.isdigit())


@lru_cache(maxsize=1 << 18)
def explained(word: str, by: frozenset[str]) -> bool:
    """Whether ``word`` is related to some word of ``by`` (memoised: the same
    What words meet the same file's words for every declaration of the file)."""
    return word in by or any(related(word, b) for b in by)
