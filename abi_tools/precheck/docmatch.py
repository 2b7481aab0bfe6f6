"""Whether a What names a C attribute declaration: a narrow, name-based test.

A second opinion on the cross-checker's weak matches, where a wrong match
would make a false error (an attribute "still documented" after its code is
deleted): a What names a declaration when its last component is the
attribute's name and it also names the attribute group (``.name =
"seamldr"`` -> ``.../seamldr/version``) or, for an unnamed group, the C
file or its folder (``drivers/misc/foo.c`` -> ``.../drivers/foo/<dev>/bar``).
"""

from __future__ import annotations

import posixpath
import re

from abi_tools.csrc import Declaration


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
