"""Findings from matches: missing-doc, mode-mismatch, low-confidence, doc-without-code."""

from __future__ import annotations

from collections.abc import Sequence

from abi_tools.csrc.mode import effective, served
from abi_tools.xcheck.index import WhatIndex
from abi_tools.xcheck.model import DeclMatch, XFinding

#: Whats that a C scan can be expected to find declarations for
_SCANNED_ROOTS = ("/sys/", "/config/")
_MODE_WORDS = {"RO": "read-only", "RW": "read/write", "WO": "write-only"}


def _decl_text(m: DeclMatch) -> str:
    d = m.decl
    return f"{d.macro}({d.name})"


_MISSING = {"RO": "store", "WO": "show"}


def _code_mode(m: DeclMatch) -> str:
    d = m.decl
    text = f"{d.mode} ({d.octal:04o})" if d.octal is not None else str(d.mode)
    real = effective(d.mode, d.callbacks)
    if real != d.mode and real in _MISSING:
        text += f" with no {_MISSING[real]} callback, so {_MODE_WORDS[real]}"
    return text


def _set_at_run_time(mode: str | None, callbacks: str | None, doc_mode: str) -> bool:
    """Whether the declared mode lacks a direction its callbacks serve, and
    the documentation states exactly what the callbacks allow.

    0444 with a store callback is a file the driver makes writable at run
    time (sysfs_chmod_file, an is_visible that adds the bit): dme1737 does
    on chips that are not locked.  Its documented RW is then no disagreement
    a static scan can see.
    """
    can = served(callbacks)
    return mode is not None and can == doc_mode and can != mode


def _chip_may_limit(m: DeclMatch, code: str | None) -> bool:
    """Documentation/hwmon/sysfs-interface.rst: "RW" files may be read-only
    on chips that cannot change the value, so an RO attribute documented RW
    by the class-wide hwmon entries is allowed, not a disagreement."""
    return (
        m.doc_mode == "RW"
        and code == "RO"
        and m.what is not None
        and m.what.path.startswith("/sys/class/hwmon/")
        and m.abi_file is not None
        and m.abi_file.endswith("sysfs-class-hwmon")
    )


def decl_findings(matches: Sequence[DeclMatch]) -> list[XFinding]:
    out: list[XFinding] = []
    for m in matches:
        d = m.decl
        why = "; ".join(m.reasons)
        if m.confidence is None:
            where = f"in group '{d.group_name}' " if d.group_name else ""
            out.append(
                XFinding(
                    "missing-doc",
                    d.file,
                    d.line,
                    None,
                    None,
                    None,
                    f"{_decl_text(m)} {where}is not documented in Documentation/ABI",
                    "add an entry for its sysfs path to Documentation/ABI/testing/",
                )
            )
        elif m.confidence == "low":
            assert m.what is not None
            out.append(
                XFinding(
                    "low-confidence",
                    d.file,
                    d.line,
                    m.abi_file,
                    m.what.span.line,
                    m.what.path,
                    f"{_decl_text(m)} may be documented by {m.what.path}, but the evidence is weak: {why}",
                    "check the What; if it is another file's, document this one",
                )
            )
        elif (
            m.doc_mode
            and (code := effective(d.mode, d.callbacks))
            and m.doc_mode != code
            and not _set_at_run_time(d.mode, d.callbacks, m.doc_mode)
        ):
            assert m.what is not None
            tolerated = _chip_may_limit(m, code)
            out.append(
                XFinding(
                    "mode-mismatch",
                    d.file,
                    d.line,
                    m.abi_file,
                    m.what.span.line,
                    m.what.path,
                    f"{_decl_text(m)} is {_code_mode(m)} in the code, the documentation says "
                    f"{_MODE_WORDS[m.doc_mode]} ({m.doc_mode})",
                    "hwmon allows a read/write file to be read-only on a chip that cannot write it;"
                    " check that this chip cannot"
                    if tolerated
                    else "make the code and the Description agree",
                    level="info" if tolerated else None,
                )
            )
    return out


def doc_without_code(index: WhatIndex, matches: Sequence[DeclMatch]) -> list[XFinding]:
    """Documented Whats no declaration was matched to, at any confidence.

    A What sharing an entry and a file name with a matched one is covered by
    it: entries list the same file under several device paths."""
    covered_whats = {id(m.what) for m in matches if m.what is not None}
    covered_names = {
        (id(m.entry), m.what.path.rstrip("/").rsplit("/", 1)[-1])
        for m in matches
        if m.entry is not None and m.what is not None
    }
    out: list[XFinding] = []
    for ref in index.refs:
        if ref.entry.level == "removed" or ref.pattern.directory or ref.pattern.last.wildcard_only:
            continue
        if not ref.pattern.path.startswith(_SCANNED_ROOTS):
            continue
        if id(ref.what) in covered_whats or (id(ref.entry), ref.pattern.last.text) in covered_names:
            continue
        out.append(
            XFinding(
                "doc-without-code",
                None,
                None,
                ref.file.path,
                ref.what.span.line,
                ref.what.path,
                f"no attribute declaration in the scanned C source matches {ref.what.path}",
                "if the file is gone, move the entry to Documentation/ABI/removed/ or delete it;"
                " if it is created another way (dynamic attributes), ignore this",
            )
        )
    return out
