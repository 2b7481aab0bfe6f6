"""ABI106 abi-removal-policy: ABI taken away without going through obsolete/ or removed/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from abi_tools.model import Span
from abi_tools.rules import Finding, rule

if TYPE_CHECKING:
    from abi_tools.patch import Hunk

    from .context import PatchContext
    from .images import FileChange

_KEPT_LEVELS = ("stable", "testing")
_HINT = (
    "move the entry to Documentation/ABI/obsolete/ (saying when it will go) or, once the"
    " interface is gone, to Documentation/ABI/removed/; see Documentation/ABI/README"
)


class RemovedWhat(NamedTuple):
    path: str
    #: The file it was deleted from, and its line there before the patch.
    file: str
    file_line: int
    level: str
    patch_index: int
    patch_line: int


def _removed_runs(h: Hunk) -> Iterator[list[tuple[str, int, int]]]:
    """Runs of consecutive ``-`` lines: (text, input line, line in the old file)."""
    run: list[tuple[str, int, int]] = []
    old_no = h.old_start
    for ln in h.lines:
        if ln.kind == "-":
            run.append((ln.text, ln.patch_line, old_no))
        elif run:
            yield run
            run = []
        if ln.kind != "+":
            old_no += 1
    if run:
        yield run


def removed_whats(ch: FileChange) -> Iterator[RemovedWhat]:
    """Every What the series deletes from an ABI file (parsed from runs of ``-`` lines)."""
    from abi_tools.parse import level_of, parse_text

    from .images import is_abi_path

    for fp in ch.fps:
        old = fp.old_path
        if old is None or not is_abi_path(old):
            continue
        for h in fp.hunks:
            for run in _removed_runs(h):
                parsed = parse_text("\n".join(t for t, _, _ in run) + "\n", old)
                for w in (w for e in parsed.entries for w in e.whats):
                    _, patch_line, old_line = run[w.span.line - 1]
                    yield RemovedWhat(w.path, old, old_line, level_of(old), fp.patch_index, patch_line)


@rule("ABI106", "abi-removal-policy", "error", scope="patch")
def abi_removal_policy(ctx: PatchContext) -> Iterator[Finding]:
    """ABI removed without the deprecation path: a stable or testing entry deleted, or its code.

    Documentation/ABI/README: interfaces leave through ``obsolete/`` (still
    there, going away) and ``removed/`` (gone).  Reported: a What deleted from
    ``stable/`` or ``testing/`` that the series does not document anywhere
    else afterwards (moving it to another file, to ``obsolete/`` or to
    ``removed/`` is fine); and an attribute declaration deleted from C while
    an entry in ``stable/`` or ``testing/`` still documents it.  Without
    ``--tree`` only what the series shows is known: a What still documented
    in another file of the tree is then reported too.

    PASS:
        --- a/Documentation/ABI/testing/sysfs-driver-foo
        +++ /dev/null
        @@ -1,5 +0,0 @@
        -What:		/sys/bus/platform/drivers/foo/<dev>/bar
        -Date:		March 2019
        -KernelVersion:	5.2
        -Contact:	linux-foo@vger.kernel.org
        -Description:	(RO) The bar register of the foo device.
        --- /dev/null
        +++ b/Documentation/ABI/obsolete/sysfs-driver-foo
        @@ -0,0 +1,5 @@
        +What:		/sys/bus/platform/drivers/foo/<dev>/bar
        +Date:		March 2019
        +KernelVersion:	5.2
        +Contact:	linux-foo@vger.kernel.org
        +Description:	(RO) The bar register of the foo device.

    FAIL:
        --- a/Documentation/ABI/testing/sysfs-driver-foo
        +++ /dev/null
        @@ -1,5 +0,0 @@
        -What:		/sys/bus/platform/drivers/foo/<dev>/bar
        -Date:		March 2019
        -KernelVersion:	5.2
        -Contact:	linux-foo@vger.kernel.org
        -Description:	(RO) The bar register of the foo device.
    """
    after = ctx.documented_after
    for ch in ctx.changes:
        if not ch.is_abi:
            continue
        for r in removed_whats(ch):
            if r.level not in _KEPT_LEVELS or r.path in after:
                continue
            yield Finding(
                Span(ctx.series.source_of(r.patch_index), r.patch_line, 2),
                f"{r.path} is deleted from Documentation/ABI/{r.level}/ and not documented anywhere"
                " after the series",
                _HINT,
                Span(r.file, r.file_line, 1),
            )
    yield from _code_removed(ctx)


def _code_removed(ctx: PatchContext) -> Iterator[Finding]:
    """Attribute declarations the series deletes while a stable/testing entry stays."""
    from abi_tools.parse import level_of

    from .crosscheck import documenting
    from .cscan import deleted

    gone = deleted(ctx.c_scans)
    if not gone:
        return
    # Matched as they were, with the context of the files before the series.
    matches = documenting(ctx, [s.before for s in ctx.c_scans])
    for scan, decl in gone:
        m = matches.get((decl.file, decl.line, decl.name))
        if m is None or m.what is None or m.abi_file is None or level_of(m.abi_file) not in _KEPT_LEVELS:
            continue
        line = _removed_line(scan.change, scan.before_lines, decl.line)
        if line is None:
            continue
        patch_index, patch_line = line
        yield Finding(
            Span(ctx.series.source_of(patch_index), patch_line, 2),
            f"{decl.macro}({decl.name}) is deleted, but {m.what.path} is still documented in"
            f" {m.abi_file}:{m.what.span.line}",
            _HINT,
            Span(scan.change.old_path or scan.change.path, decl.line, 1),
        )


def _removed_line(ch: FileChange, before: tuple[str, ...], line: int) -> tuple[int, int] | None:
    """(patch index, input line) of the ``-`` line deleting line ``line`` of the old text."""
    if not 0 < line <= len(before):
        return None
    want = " ".join(before[line - 1].split())
    for fp in ch.fps:
        for ln in fp.removed_lines():
            if " ".join(ln.text.split()) == want:
                return fp.patch_index, ln.patch_line
    return None
