"""Which ABI entries document a C attribute declaration: a narrow, name-based match.

A stand-in for the cross-checker (``abi_tools.xcheck``) where check-patch
needs an answer before it is available: an entry documents a declaration
when a What's last component is the attribute's name and the What also names
the attribute group (``.name = "seamldr"`` -> ``.../seamldr/version``) or,
for an unnamed group, the C file or its folder (``drivers/misc/foo.c`` ->
``.../drivers/foo/<dev>/bar``).  It errs on the side of no match: a What
built at run time, or named after something else, is not found.
"""

from __future__ import annotations

import posixpath
import re

from abi_tools.csrc import Declaration
from abi_tools.model import AbiEntry, AbiFile, AbiTree


def _names_of_file(path: str) -> set[str]:
    stem = posixpath.splitext(posixpath.basename(path))[0]
    folder = posixpath.basename(posixpath.dirname(path))
    out = {stem, folder, re.split(r"[-_]", stem)[0]}
    return {n for n in out if n}


def documents(what: str, decl: Declaration) -> bool:
    parts = [p for p in what.split("/") if p]
    if len(parts) < 2 or parts[-1] != decl.name:
        return False
    if decl.group_name:
        return parts[-2] == decl.group_name
    names = _names_of_file(decl.file) | ({decl.module} if decl.module else set())
    return any(p in names for p in parts[:-1])


def documenting_entries(tree: AbiTree, decl: Declaration) -> list[tuple[AbiFile, AbiEntry]]:
    return [(f, e) for f, e in tree.entries() if any(documents(w.path, decl) for w in e.whats)]
