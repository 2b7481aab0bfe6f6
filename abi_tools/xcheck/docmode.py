"""The access mode a Description states, if it states one.

Spellings found in 6.12: ``(RO)``/``(RW)``/``(WO)``, ``RO``/``RW`` alone on a
line (hwmon), ``read-only``/``read only``/``Read-Only``, ``read/write``,
``read-write``, ``write-only``, ``Access: Read`` / ``Access: Read, Write``
(power_supply).  When an entry documents several files, a line that names the
file and a mode wins over the entry-wide wording; when the entry-wide wording
names two different modes it is ambiguous and gives None.

PASS: "Read-only. The firmware version."          -> RO
PASS: "RW"  (hwmon style, alone on a line)        -> RW
FAIL: "Writing 1 resets ... reading returns ..."  -> None (no stated mode)
"""

from __future__ import annotations

import re
from functools import lru_cache

from abi_tools.xcheck.model import Mode

# "(RO)" and "RO" alone on a line must be upper case: "ro"/"rw" occur in prose.
_MARKERS: tuple[tuple[Mode, re.Pattern[str]], ...] = (
    (
        "RW",
        re.compile(
            r"\((?:RW|R/W)\)|^\s*RW\s*$|Access:\s*Read,\s*Write"
            r"|(?i:\bread\s*/\s*write\b|\bread-write\b|\bread and write\b)",
            re.M,
        ),
    ),
    ("RO", re.compile(r"\((?:RO|R)\)|^\s*RO\s*$|Access:\s*Read\s*$|(?i:\bread[- ]only\b)", re.M)),
    ("WO", re.compile(r"\((?:WO|W)\)|^\s*WO\s*$|(?i:\bwrite[- ]only\b)", re.M)),
)


def _modes(text: str) -> set[Mode]:
    return {mode for mode, regex in _MARKERS if regex.search(text)}


@lru_cache(maxsize=8192)
def doc_mode(description: str | None, name: str = "", entry_wide: bool = True) -> Mode | None:
    """The mode ``description`` states for the file ``name``; with ``entry_wide``
    also a mode the description states for the entry as a whole."""
    if not description:
        return None
    if name:
        for line in description.splitlines():
            if re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", line):
                modes = _modes(line)
                if len(modes) == 1:
                    return next(iter(modes))
    if not entry_wide:
        return None
    modes = _modes(description)
    # "read-only" inside "read/write" prose is common ("... is read-only unless
    # ...") but a description naming exactly one mode is clear.
    if len(modes) == 1:
        return next(iter(modes))
    return None
