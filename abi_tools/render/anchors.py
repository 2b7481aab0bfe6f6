"""Stable anchors (HTML ids) for entries and Whats.

A slug depends only on the text it names, so a link such as
``sysfs-devices-tdx.html#sys-devices-virtual-tdx-seamldr-version`` keeps
working from one build to the next.  When two names on one page slug the
same, the later one (in file order) gets ``-2``, ``-3``, ...: deterministic,
and the first keeps the plain slug.
"""

from __future__ import annotations

import re

_NON_SLUG = re.compile(r"[^a-z0-9_]+")


def slugify(text: str, fallback: str = "entry") -> str:
    """``/sys/devices/virtual/tdx/seamldr/version`` -> ``sys-devices-virtual-tdx-seamldr-version``.

    Lower case ASCII letters, digits and ``_``; every other run of characters
    becomes one ``-``; no leading or trailing ``-``.  Text with nothing left
    gives ``fallback``.  A slug never starts with a digit (ids must not).
    """
    slug = _NON_SLUG.sub("-", text.lower()).strip("-")
    if not slug:
        return fallback
    if slug[0].isdigit():
        slug = "n" + slug
    return slug


class AnchorAllocator:
    """Hands out unique ids on one page, in the order asked."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self._used: set[str] = set(reserved)

    def allocate(self, text: str, prefix: str = "") -> str:
        base = prefix + slugify(text)
        slug = base
        n = 2
        while slug in self._used:
            slug = f"{base}-{n}"
            n += 1
        self._used.add(slug)
        return slug

    def __contains__(self, slug: str) -> bool:
        return slug in self._used
