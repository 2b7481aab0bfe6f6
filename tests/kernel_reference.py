"""An independent, deliberately simple model of how the kernel's own ABI
parser (scripts/get_abi.py, scripts/lib/abi/abi_parser.py) groups lines into
entries, written from its documented behaviour, not copied from it.

Used only by tests, to check that our parser finds the same entries and What
strings as the kernel's tools, and that every place where we differ on
purpose is reported by a diagnostic.

Its rules, line by line:
- a line whose first blank-free word ends in ':' is a tag line when that word,
  lower-cased, *contains* a tag name (so ``WDate:`` is a Date); ``Where:`` is
  read as ``What:``; other words are text;
- a What tag line starts a new entry unless the previous tag line was a What;
- an untagged line while the current tag is What adds its stripped text as a
  further What;
- the first-line What keeps everything after ``What:`` and the blanks after
  it, trailing blanks included.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

_TAG_LINE = re.compile(r"(\S+)(:\s*)(.*)")
_TAG_NAMES = re.compile(r"(what|where|date|kernelversion|contact|description|users)")


@dataclass
class KernelEntry:
    path: str
    line: int
    whats: list[tuple[str, int]] = field(default_factory=list)


def kernel_entries(path: str, display: str) -> list[KernelEntry]:
    entries: list[KernelEntry] = []
    tag = ""
    with open(path, encoding="utf-8", errors="backslashreplace") as fh:
        for ln, line in enumerate(fh, 1):
            m = _TAG_LINE.match(line)
            new_tag = ""
            if m:
                hit = _TAG_NAMES.search(m.group(1).lower())
                if hit:
                    new_tag = hit.group(1)
            if new_tag:
                if new_tag == "where":
                    new_tag = "what"
                content = m.group(3) if m else ""
                if new_tag == "what":
                    if tag == "what" and entries:
                        entries[-1].whats.append((content, ln))
                    else:
                        entries.append(KernelEntry(display, ln, [(content, ln)]))
                    tag = "what"
                elif tag:
                    tag = new_tag
                continue
            if tag == "what":
                text = line.strip()
                if text:
                    entries[-1].whats.append((text, ln))
    return entries


def kernel_tree(abi_dir: str, prefix: str = "Documentation/ABI") -> list[KernelEntry]:
    out: list[KernelEntry] = []
    for dirpath, dirnames, filenames in os.walk(abi_dir):
        dirnames.sort()
        for name in sorted(filenames):
            if (
                name == "README"
                or name.startswith(".")
                or name.endswith((".rej", ".org", ".orig", ".bak", "~"))
            ):
                continue
            full = os.path.join(dirpath, name)
            out.extend(kernel_entries(full, os.path.join(prefix, os.path.relpath(full, abi_dir))))
    return out
