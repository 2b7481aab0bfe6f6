"""Recognising tag names, including damaged ones.

The kernel's parsers accept any column-0 word that *contains* a tag name
(``Updated:`` counts as ``Date``).  We are stricter: a tag is the exact name
in any letter case; a word one edit away from a tag, written where a field
would be (value aligned with a tab or several spaces), is a near miss that
the linter reports and the parser still reads as the tag meant.
"""

from __future__ import annotations

import re

from abi_tools.model import TAGS

_CANONICAL = {t.lower(): t for t in TAGS}

#: Misspellings the kernel's own tools accept as a tag.
_ALIASES = {"where": "What"}

#: A word at column 0, then ':' or ';', then the separator before the value.
_WORD_SEP = re.compile(r"([A-Za-z][A-Za-z_-]*)([:;])([ \t]*)")
_TAG_NOCOLON = re.compile(r"([A-Za-z]+)([ \t;]+)(.*)")


def canonical(word: str) -> str | None:
    """The canonical spelling of an exact tag name (any case), else None."""
    return _CANONICAL.get(word.lower())


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution
    or swap of neighbours (optimal string alignment distance <= 1)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def near_miss(word: str) -> str | None:
    """The tag a non-tag word was probably meant to be, or None."""
    w = word.lower()
    if w in _CANONICAL:
        return None
    if w in _ALIASES:
        return _ALIASES[w]
    for low, tag in _CANONICAL.items():
        if _within_one_edit(w, low):
            return tag
    return None


def _aligned(sep: str) -> bool:
    """A separator that lines a value up the way ABI fields are written."""
    return "\t" in sep or len(sep) >= 2


def damaged_tag(line: str) -> str | None:
    """For a column-0 line that is not a well-formed tag line: the tag it was
    meant to be, when it is a damaged tag line, else None (ordinary text)."""
    return _near_miss_line(line) or _nocolon_line(line)


def _near_miss_line(line: str) -> str | None:
    m = _WORD_SEP.match(line)
    if not m:
        return None
    tag = near_miss(m.group(1))
    if tag is None:
        return None
    rest = line[m.end() :]
    if m.group(2) == ";" or _aligned(m.group(3)) or (tag == "What" and rest.startswith("/")):
        return tag
    if m.group(1).lower() in _ALIASES:
        return tag
    return None


def _nocolon_line(line: str) -> str | None:
    """A line that starts with a tag name but no colon: the tag when the
    layout says it is a field, else None (``Users can write ...``)."""
    m = _TAG_NOCOLON.match(line)
    if not m:
        return None
    tag = canonical(m.group(1))
    if tag is None:
        return None
    sep, value = m.group(2), m.group(3).strip()
    if not value:
        return None
    if ";" in sep or _aligned(sep):
        return tag
    if tag == "What" and value.startswith("/"):
        return tag
    if tag == "KernelVersion" and re.match(r"v?\d", value):
        return tag
    return None
