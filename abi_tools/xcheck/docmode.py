"""The access mode a Description states, if it states one.

Spellings found in 6.12: ``(RO)``/``(RW)``/``(WO)``, ``RO``/``RW`` alone on a
line (hwmon), ``read-only``/``read only``/``Read-Only``, ``read/write``,
``read-write``, ``write-only``, ``Access: Read`` / ``Access: Read, Write``
(power_supply).  Prose words count only where they state the file's mode:
"is read-only", "a read/write attribute", "(read-only)", or opening a
sentence ("Read/write: the level"); "maximum read/write length" and "SCSI
read/write requests" state nothing.

When a Description documents several files in rows ("active: ...",
"- overtemp : ...", "file   The path ..."), the file's own row with its
continuation lines wins, and the other files' rows never speak for it.  A
plain-word name ("file", "active") is only looked for as a row, not in prose.
When what is left names two different modes it is ambiguous and gives None.

PASS: "Read-only. The firmware version."          -> RO
PASS: "RW"  (hwmon style, alone on a line)        -> RW
PASS: "active: shows ...\\ncontrol: Read/write ..." for active -> None
FAIL: "Writing 1 resets ... reading returns ..."  -> None (no stated mode)
FAIL: "... in term of maximum read/write length"  -> None (prose, not a mode)
"""

from __future__ import annotations

import re
from functools import lru_cache

from abi_tools.xcheck.listing import listed_names
from abi_tools.xcheck.model import Mode

# Where a prose mode word states the mode: after a verb or article, in
# parentheses, before a noun for the file, or opening a line or sentence.
_BEFORE = r"(?:\b(?:is|are|be|been|as|a|an|this|file|attribute|entry|node)\s+|\(\s*|^\s*|[.;:]\s+)"
# singular: "the following read-only attributes" speaks of other files
_AFTER_NOUN = r"\s+(?:attribute|file|entry|value|interface|property|node|parameter|sysfs)\b"
# A sentence that opens with a condition says what the mode is only sometimes:
# "If the counter can not be reset, then this attribute is read-only."
_CONDITIONAL = re.compile(r"(?:^|(?<=[.!?])\s+)(?:If|When|Unless|Where|In case)\b[^.!?]*[.!?]?", re.M)


def _prose(word: str) -> str:
    return rf"(?:{_BEFORE}{word}\b|\b{word}{_AFTER_NOUN})"


# "(RO)" and "RO" alone on a line must be upper case: "ro"/"rw" occur in prose.
_MARKERS: tuple[tuple[Mode, re.Pattern[str]], ...] = (
    (
        "RW",
        re.compile(
            r"\((?:RW|R/W)\)|^\s*RW\s*$|Access:\s*Read,\s*Write"
            r"|(?i:" + _prose(r"read(?:\s*/\s*|-|\s+and\s+)write") + ")",
            re.M,
        ),
    ),
    (
        "RO",
        re.compile(r"\((?:RO|R)\)|^\s*RO\s*$|Access:\s*Read\s*$|(?i:" + _prose(r"read[- ]only") + ")", re.M),
    ),
    ("WO", re.compile(r"\((?:WO|W)\)|^\s*WO\s*$|(?i:" + _prose(r"write[- ]only") + ")", re.M)),
)

# A row of a per-file list or table: the name first on its line.
_ROW_START = r"^(\s*)(?:[-*|]\s*)?(?:``|[\"'])?{name}(?:``|[\"'])?(?=\s*(?::|-\s|\s{{2,}}|\t|$))"
_ANY_ROW = re.compile(_ROW_START.format(name=r"([a-z][a-z0-9_.\-]*[a-z0-9])"))


def _modes(text: str) -> set[Mode]:
    text = _CONDITIONAL.sub(" ", text)
    return {mode for mode, regex in _MARKERS if regex.search(text)}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _rows(lines: list[str], name: str | None) -> list[tuple[int, int]]:
    """(first, end) line ranges of the rows about ``name`` (None: about any
    name): its line and the continuation lines indented deeper."""
    start = _ANY_ROW if name is None else re.compile(_ROW_START.format(name=re.escape(name)))
    out = []
    for i, line in enumerate(lines):
        if not start.match(line):
            continue
        end = i + 1
        while end < len(lines) and lines[end].strip() and _indent(lines[end]) > _indent(line):
            end += 1
        out.append((i, end))
    return out


def _mentions(lines: list[str], name: str) -> list[str]:
    """Lines about ``name``: its rows; for a name that is no plain word
    (temp1_input, in0) also any line that names it."""
    picked = [ln for a, b in _rows(lines, name) for ln in lines[a:b]]
    if not name.isalpha():
        word = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        picked.extend(ln for ln in lines if word.search(ln))
    return picked


@lru_cache(maxsize=8192)
def doc_mode(description: str | None, name: str = "", entry_wide: bool = True) -> Mode | None:
    """The mode ``description`` states for the file ``name``; with ``entry_wide``
    also a mode the description states for the entry as a whole."""
    if not description:
        return None
    lines = description.expandtabs(8).splitlines()
    own = _rows(lines, name) if name and name in description else []
    if name and name in description:
        modes = _modes("\n".join(_mentions(lines, name)))
        if len(modes) == 1:
            return next(iter(modes))
    if not entry_wide:
        return None
    # Other files' rows speak for those files only: the rows of the names the
    # Description lists, and when the file has a row of its own, every row.
    others = [(a, b) for other in listed_names(description) - {name} for a, b in _rows(lines, other)]
    if own:
        others.extend(_rows(lines, None))
    dropped = {i for a, b in others for i in range(a, b)} - {i for a, b in own for i in range(a, b)}
    modes = _modes("\n".join(ln for i, ln in enumerate(lines) if i not in dropped))
    # "read-only" inside "read/write" prose is common ("... is read-only unless
    # ...") but a description naming exactly one mode is clear.
    if len(modes) == 1:
        return next(iter(modes))
    return None
