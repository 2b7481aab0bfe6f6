"""What lines that are not a usable path."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator

from abi_tools.model import AbiEntry, AbiFile, Span, What
from abi_tools.rules import Finding, options, rule

#: Where the kernel's user-visible files live.  ``/config`` and ``/configfs``
#: are configfs mount points the documentation uses; ``/selinux`` is the old
#: selinuxfs mount point.  More can be given with the ``roots`` option.
ROOTS: tuple[str, ...] = ("/sys", "/proc", "/dev", "/config", "/configfs", "/selinux")

#: ABI file names whose Whats are paths in another namespace than the file
#: system: ``devlink-resource-mlxsw`` documents devlink resources
#: (``/kvd/linear``), which have no root of the file system to be under.
OTHER_NAMESPACES: tuple[str, ...] = ("devlink-",)

#: A placeholder in a path: ``<N>``, ``{a,b}``, ``[0-9]``.
_BRACKETED = re.compile(r"<[^<>]*>|\{[^{}]*\}|\[[^\[\]]*\]")
_TRAILING = ".,;:"
#: A What that starts with a word, not a path: ``vDSO``, ``dv1394 (a.k.a. ...)``.
_NAME = re.compile(r"[A-Za-z][\w.-]*(\s|$)")


#: White space anywhere in a path.
_SPACE = re.compile(r"\s")


def _roots(ctx: object) -> tuple[str, ...]:
    extra = options(ctx, "bad-what-path").get("roots")
    if not extra:
        return ROOTS
    return ROOTS + tuple(str(r) for r in extra if isinstance(r, str))


def _under(path: str, roots: tuple[str, ...]) -> bool:
    return path in roots or path.startswith(_dirs(roots))


@functools.lru_cache(maxsize=64)
def _dirs(roots: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(r + "/" for r in roots)


def _path_problem(path: str, roots: tuple[str, ...] | None) -> tuple[str, str] | None:
    """What is wrong with a What path, and the hint; ``roots`` None: any root will do."""
    if _NAME.match(path):
        # A name, not a path: the syscall interface, the vDSO, a removed
        # driver.  Kernel documentation uses such Whats on purpose.
        return None
    if not path.startswith("/"):
        if path.startswith("security/"):
            hint = f"write '/sys/kernel/{path}' (securityfs is mounted on /sys/kernel/security)"
        else:
            hint = "write the full path from the root, with '*' or '<N>' for the parts that vary"
        return f"What {path!r} is not an absolute path", hint
    if roots is not None and not _under(path, roots):
        root = "/" + path.split("/")[1]
        return (
            f"What {path!r} is not under a known root ({root} is not one of {', '.join(roots)})",
            "write the path where user space finds the file, e.g. '/sys/...'",
        )
    # Spaces inside <...>, {...} and [...] placeholders are part of them.
    if _SPACE.search(path) and _SPACE.search(_BRACKETED.sub("N", path)):
        return (
            f"space in What path {path!r}",
            "a What holds one path; put remarks in the Description",
        )
    if path[-1] in _TRAILING and not path.endswith("..."):
        return (
            f"What {path!r} ends with {path[-1]!r}",
            f"remove the trailing {path[-1]!r}",
        )
    return None


#: Placeholder notations of one path component.
_ANGLE = re.compile(r"<[^<>]+>")
_LETTER = re.compile(r"^(.*?[a-z_-])?([NXYZ])$")


def _notation(segment: str) -> tuple[str, str] | None:
    """(stem, notation) of a component with a placeholder, or None."""
    if "<" not in segment and "*" not in segment and segment[-1:] not in ("N", "X", "Y", "Z"):
        return None  # none of the notations below can match: most components
    if _ANGLE.search(segment):
        return _ANGLE.sub("", segment), "<n>"
    if "*" in segment:
        return segment.replace("*", ""), "*"
    m = _LETTER.match(segment)
    if m and segment not in ("X", "Y", "Z") or segment == "N":
        return (m.group(1) or "") if m else "", "X"
    return None


#: A What with a component that :func:`_notation` may find a placeholder in.
_MAYBE_NOTATION = re.compile(r"[<*]|[NXYZ](?:/|$)")


def _mixed(whats: tuple[What, ...]) -> Iterator[tuple[What, str, str, str]]:
    """(what, its component, the other component, where) for mixed notations."""
    # Two Whats with placeholders are needed for a mix (the keys below hold
    # the component's index: one What never meets itself); most entries
    # have one What, or none with a placeholder.
    if len(whats) < 2:
        return
    whats = tuple(w for w in whats if _MAYBE_NOTATION.search(w.path))
    if len(whats) < 2:
        return
    seen: dict[tuple[str, int, str], tuple[str, str, What]] = {}
    for w in whats:
        parts = w.path.split("/")
        for i, seg in enumerate(parts):
            got = _notation(seg)
            if got is None:
                continue
            stem, kind = got
            key = ("/".join(parts[:i]), i, stem)
            first = seen.get(key)
            if first is None:
                seen[key] = (kind, seg, w)
            elif first[0] != kind:
                yield w, seg, first[1], first[2].path
                break


@rule("ABI050", "bad-what-path", "warning")
def bad_what_path(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A What that is not a clean absolute path under a known root.

    Reported: relative paths (``security/secrets/coco``), roots other than
    /sys, /proc, /dev, /config, /configfs and /selinux (more can be allowed
    with the ``roots`` option), spaces outside ``<...>`` placeholders,
    trailing ``.``, ``,``, ``;`` or ``:`` (a trailing ``...`` is fine), and
    one entry naming the same component with two wildcard notations
    (``cpu<N>`` in one What, ``cpuX`` in another).  A What without any ``/``
    (``vDSO``, ``The kernel syscall interface``) names an ABI that is not a
    file and is left alone, and so is the root of a What in a file named
    for another namespace (``devlink-*``: devlink resource paths).

    PASS:
        What:		/sys/class/foo/foo<N>/bar
        What:		/sys/class/foo/foo<N>/baz

    FAIL:
        What:		/sys/class/foo/foo<N>/bar
        What:		/sys/class/foo/fooX/baz
    """
    roots: tuple[str, ...] | None = _roots(ctx)
    if os.path.basename(f.path).startswith(OTHER_NAMESPACES):
        roots = None
    for w in e.whats:
        if not w.path:
            continue
        problem = _path_problem(w.path, roots)
        if problem:
            yield Finding(Span(f.path, w.span.line, w.span.column), *problem)
    for w, seg, other, other_path in _mixed(e.whats):
        yield Finding(
            Span(f.path, w.span.line, w.span.column),
            f"{seg!r} and {other!r} (in {other_path}) write the same component with different wildcards",
            f"use one notation for it in all Whats of the entry, e.g. {other!r}",
        )
