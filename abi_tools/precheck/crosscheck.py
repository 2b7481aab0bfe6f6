"""The cross-checker (:func:`abi_tools.xcheck.cross_check`) on what the series leaves.

Declarations: every C file the series touches, scanned as the series leaves
it; with a base that has C source, also the rest of the tree (read through
the scanner's cache).  Documentation: :attr:`PatchContext.after_tree`, the
base's Documentation/ABI with the series' ABI files as they will be, so
documentation another patch of the series adds counts.  Only findings about
declarations or entries the series adds are the patch's doing; the checks in
``missing_doc``, ``mode_mismatch`` and ``doc_without_code`` keep those.

One judgement is the patch's own: when the series adds a declaration and
also the entry the cross-checker names as its best (if weak) candidate, the
author wrote them for each other, and the match is taken as a strong one
(and its modes compared).  The cross-checker alone cannot know that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from abi_tools.csrc import Declaration, ScanResult
from abi_tools.model import Span
from abi_tools.rules import Finding

if TYPE_CHECKING:
    from abi_tools.xcheck import DeclMatch, XcheckResult, XFinding

    from .context import PatchContext

DeclKey = tuple[str, int, str]


def key(d: Declaration) -> DeclKey:
    return d.file, d.line, d.name


@dataclass(frozen=True)
class CodeCheck:
    result: XcheckResult
    #: The declarations the series adds (not present before it in any touched file).
    added: frozenset[DeclKey]
    #: Whether the tree's C was scanned (it has C source and the series adds entries),
    #: so that "no declaration" means something.
    complete: bool

    def added_matches(self) -> list[DeclMatch]:
        return [m for m in self.result.matches if key(m.decl) in self.added]

    def findings(self, kind: str) -> list[XFinding]:
        return [f for f in self.result.findings if f.kind == kind]


def run(ctx: PatchContext) -> CodeCheck:
    from abi_tools.xcheck import cross_check

    from .cscan import added

    post = [s.after for s in ctx.c_scans if s.after is not None]
    wanted = _names_of_new_whats(ctx)
    # The tree's C only answers doc-without-code, for new entries: without any, the
    # (on a first run, minutes long) scan of a whole kernel is not needed.
    tree = ctx.base.c_scans if wanted != set() else None
    scans = list(post)
    if tree is not None:
        touched = {s.change.path for s in ctx.c_scans} | {
            s.change.old_path for s in ctx.c_scans if s.change.old_path
        }
        scans.extend(
            r
            for r in tree
            if r.file not in touched and (wanted is None or any(d.name in wanted for d in r.declarations))
        )
    result = cross_check(ctx.after_tree, scans, complete=tree is not None)
    new_decls = frozenset(key(d) for _, d in added(ctx.c_scans))
    return CodeCheck(_promote(ctx, result, new_decls), new_decls, tree is not None)


def _names_of_new_whats(ctx: PatchContext) -> set[str] | None:
    """Attribute names that could make a What the series adds; None when any is a pattern.

    Matching all of a kernel's 22,000 declarations takes seconds; only files
    declaring one of these names can answer doc-without-code for the new
    entries (the files are kept whole, for the context the matcher reads).
    """
    names: set[str] = set()
    for _a, e in ctx.new_entries():
        for w in e.whats:
            last = w.path.rstrip("/").rsplit("/", 1)[-1]
            if any(ch in last for ch in "<>*{}[]%?"):
                return None
            names.add(last)
    return names


def _promote(ctx: PatchContext, result: XcheckResult, new_decls: frozenset[DeclKey]) -> XcheckResult:
    """Weak matches between a declaration and an entry the series both adds become strong."""
    import dataclasses

    from abi_tools.xcheck.findings import decl_findings

    new_whats = {(a.file.path, w.span.line) for a, e in ctx.new_entries() for w in e.whats}
    promoted: dict[DeclKey, DeclMatch] = {}
    for m in result.matches:
        if m.confidence != "low" or key(m.decl) not in new_decls or m.what is None:
            continue
        if (m.abi_file, m.what.span.line) in new_whats:
            reasons = (*m.reasons, "the series adds both the declaration and this entry")
            promoted[key(m.decl)] = dataclasses.replace(m, confidence="high", reasons=reasons)
    if not promoted:
        return result
    matches = [promoted.get(key(m.decl), m) for m in result.matches]
    findings = [
        f
        for f in result.findings
        if not (f.kind == "low-confidence" and (f.c_file, f.c_line) in {(k[0], k[1]) for k in promoted})
    ]
    findings.extend(decl_findings(list(promoted.values())))
    return dataclasses.replace(result, matches=matches, findings=findings)


def documenting(ctx: PatchContext, scans: list[ScanResult]) -> dict[DeclKey, DeclMatch]:
    """The entry of :attr:`PatchContext.after_tree` that documents each declaration of ``scans``.

    A strong match counts; a weak one only when the narrow name match of
    :mod:`.docmatch` agrees (the What ends in the attribute's name and names
    its group, file or folder), since a wrong "still documented" would be a
    false error.
    """
    from abi_tools.xcheck import cross_check

    from .docmatch import documents

    out: dict[DeclKey, DeclMatch] = {}
    for m in cross_check(ctx.after_tree, scans, complete=False).matches:
        if m.what is None:
            continue
        if m.confidence == "high" or (m.confidence == "low" and documents(m.what.path, m.decl)):
            out[key(m.decl)] = m
    return out


def at_declaration(ctx: PatchContext, file: str, line: int, message: str, hint: str) -> Finding | None:
    """A finding at the input line that adds a C line (None when the series does not add it)."""
    img = ctx.images.get(file)
    if img is None:
        return None
    f = ctx.finding(img, line, 1, message, hint)
    if f is not None:
        return f
    # A declaration the series makes visible without adding its line (a wrapper's use
    # elsewhere): point at the file's first hunk rather than say nothing.
    change = next((ch for ch in ctx.changes if ch.path == file), None)
    if change is None or not change.fps:
        return None
    fp = change.fps[0]
    src = ctx.series.source_of(fp.patch_index)
    return Finding(Span(src, max(fp.header_line, 1), 1), message, hint, Span(file, line, 1))


def at_entry(
    ctx: PatchContext, abi_file: str | None, line: int | None, message: str, hint: str
) -> Finding | None:
    """A finding at the input line that adds line ``line`` of an ABI file."""
    a = next((a for a in ctx.abi if a.file.path == abi_file), None)
    if a is None or line is None:
        return None
    return ctx.finding(a.image, line, 1, message, hint)
