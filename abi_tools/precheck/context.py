"""Everything a check-patch check may look at, built once per run.

:func:`build_context` reads the base file of every file the series touches,
applies the series to it, and parses the ABI files as they will be.  Checks
ask the context where a line of a resulting file came from
(:meth:`PatchContext.locate`): only lines the series adds are reported, at
the line of the input that adds them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from abi_tools.lint import LintContext
from abi_tools.maintainers import Maintainers, parse_maintainers
from abi_tools.model import AbiEntry, AbiFile, AbiTree, Severity, Span
from abi_tools.parse import parse_text
from abi_tools.patch import PatchProblem
from abi_tools.releases import Version, load_table
from abi_tools.rules import Finding

from .base import Base
from .images import FileChange, Image, build_image, file_changes, is_abi_path, old_side_text
from .series import Series

if TYPE_CHECKING:
    from .crosscheck import CodeCheck
    from .cscan import CScan


@dataclass(frozen=True)
class AbiImage:
    """An ABI file after the series: the change, its numbered image, its parsed form."""

    change: FileChange
    image: Image
    file: AbiFile

    def what_added(self, e: AbiEntry) -> bool:
        return any(self.image.added(w.span.line) for w in e.whats)

    def mangled(self, line: int) -> bool:
        """The line comes from a hunk whose leading whitespace was stripped in transit."""
        o = self.image.origin(line)
        if o is None or o.patch_line is None:
            return False
        return any(
            h.whitespace_mangled and any(ln.patch_line == o.patch_line for ln in h.lines)
            for fp in self.change.fps
            if fp.patch_index == o.patch_index
            for h in fp.hunks
        )

    def touched(self, e: AbiEntry) -> bool:
        """The series adds a line inside this entry."""
        return any(self.image.added(k) for k in range(e.span.line, e.span.last_line + 1))


@dataclass
class PatchContext:
    series: Series
    base: Base
    changes: list[FileChange]
    #: Every file the series leaves (deleted ones excluded), by path after the series.
    images: dict[str, Image]
    #: The ABI files among them, parsed.
    abi: list[AbiImage]
    today: dt.date
    #: ``--target-version``: the release the series is meant for.
    target: Version | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    #: Problems met while applying the series, with the input they belong to.
    problems: list[tuple[str, PatchProblem]] = field(default_factory=list)

    # -- where things are -----------------------------------------------------------

    def locate(self, image: Image, line: int, column: int = 1) -> tuple[Span, Span] | None:
        """(place in the input, place in the resulting file) of a line the series adds.

        None for a line the series does not add: findings there are not the
        patch's doing.  The column in the input is one more, for the ``+``.
        """
        o = image.origin(line)
        if o is None or not o.added or o.patch_line is None:
            return None
        src = self.series.source_of(o.patch_index)
        return Span(src, o.patch_line, column + 1), Span(image.path, line, column)

    def finding(self, image: Image, line: int, column: int, message: str, hint: str = "") -> Finding | None:
        """A finding at an added line of ``image``, or None when the line is not added."""
        loc = self.locate(image, line, column)
        if loc is None:
            return None
        return Finding(loc[0], message, hint, loc[1])

    def patch_index_of(self, image: Image, line: int) -> int | None:
        o = image.origin(line)
        return o.patch_index if o is not None else None

    # -- what the series does to the ABI ---------------------------------------------

    @cached_property
    def documented_before(self) -> set[str]:
        """What paths documented before the series: the base tree, and what the hunks show."""
        whats: set[str] = set()
        tree = self.base.abi_tree
        if tree is not None:
            whats.update(w.path for _, e in tree.entries() for w in e.whats)
        for ch in self.changes:
            if ch.is_abi:
                whats.update(old_abi_whats(ch))
        return whats

    @cached_property
    def documented_after(self) -> dict[str, list[tuple[str, str]]]:
        """What path -> [(file, level)] of every entry documenting it after the series."""
        out: dict[str, list[tuple[str, str]]] = {}
        for f in self.after_tree.files:
            for e in f.entries:
                for w in e.whats:
                    out.setdefault(w.path, []).append((f.path, f.level))
        return out

    @cached_property
    def after_tree(self) -> AbiTree:
        """Documentation/ABI after the series: the base's files with the series' changes.

        Without a base, only the ABI files the series touches (partial images).
        """
        gone = {ch.old_path for ch in self.changes if ch.is_abi and ch.old_path} | {
            ch.path for ch in self.changes if ch.is_abi
        }
        files: list[AbiFile] = []
        base = self.base.abi_tree
        if base is not None:
            files.extend(f for f in base.files if f.path not in gone)
        files.extend(a.file for a in self.abi)
        return AbiTree(base.root if base is not None else "", tuple(files), ())

    def new_entries(self) -> Iterator[tuple[AbiImage, AbiEntry]]:
        """Entries the series adds: a What line added whose path was not documented before.

        An entry moved to another file, or to ``obsolete/`` or ``removed/``, is
        not new: its Date and KernelVersion are history, and stay right.
        """
        before = self.documented_before
        for a in self.abi:
            if a.file.level in ("obsolete", "removed"):
                continue
            for e in a.file.entries:
                if a.what_added(e) and not any(w.path in before for w in e.whats):
                    yield a, e

    @cached_property
    def c_scans(self) -> list[CScan]:
        """The C files the series touches, scanned before and after it."""
        from .cscan import scan_changes

        return scan_changes(self.changes, self.images, self.base)

    @cached_property
    def code_check(self) -> CodeCheck:
        """The cross-check of the declarations and documentation the series leaves."""
        from . import crosscheck

        return crosscheck.run(self)

    # -- releases --------------------------------------------------------------------

    @cached_property
    def lint_context(self) -> LintContext:
        # No tree version: to the lint rules it means "nothing newer than the tree
        # belongs here", true of a tree's own documents but not of a series that
        # adds ABI on top of it; stale-kernelversion judges new KernelVersions.
        return LintContext(None, "", self.today, self.rule_options, self.severity_overrides)

    def email_date(self, patch_index: int | None) -> dt.date | None:
        if patch_index is None or not 0 <= patch_index < len(self.series.patches):
            return None
        d = self.series.patches[patch_index].date
        return d.date() if d is not None else None

    def earliest_release(self, patch_index: int | None) -> tuple[Version, str]:
        """The first release new ABI from this patch can be part of, and why.

        ``--target-version`` decides when given.  Otherwise the later of what
        the base tree's Makefile allows (a tree at 6.16-rc3: 6.17) and what the
        patch's email Date allows (the first release not yet out that day);
        with neither, the first release not yet out today.
        """
        table = load_table()
        if self.target is not None:
            return self.target, f"--target-version {self.target}"
        cands: list[tuple[Version, str]] = []
        version, text = self.base.version
        if version is not None:
            nxt = table.next_version(Version(*version))
            cands.append((nxt, f"the tree is at {text}"))
        sent = self.email_date(patch_index)
        if sent is not None:
            cands.append((table.first_release_after(sent), f"the patch was mailed on {sent.isoformat()}"))
        if not cands:
            return table.first_release_after(self.today), f"today is {self.today.isoformat()}"
        return max(cands, key=lambda c: c[0])

    # -- MAINTAINERS -------------------------------------------------------------------

    @cached_property
    def maintainers(self) -> Maintainers | None:
        """MAINTAINERS after the series, when the base has one (a series may add a list)."""
        text = self.base.read("MAINTAINERS")
        if text is None:
            return None
        change = next((ch for ch in self.changes if ch.path == "MAINTAINERS" and not ch.deleted), None)
        if change is not None:
            text = self.images[change.path].text
        return parse_maintainers(text)


def build_context(
    series: Series,
    base: Base,
    today: dt.date,
    target: Version | None = None,
    rule_options: dict[str, dict[str, Any]] | None = None,
    severity_overrides: dict[str, Severity] | None = None,
) -> PatchContext:
    changes = file_changes(series)
    images: dict[str, Image] = {}
    abi: list[AbiImage] = []
    problems: list[tuple[str, PatchProblem]] = []
    for ch in changes:
        if ch.deleted or not ch.fps:
            continue
        base_text = base.read(ch.old_path) if ch.old_path is not None else None
        if base.present and ch.old_path is not None and base_text is None:
            problems.append(
                (
                    series.source_of(ch.fps[0].patch_index),
                    PatchProblem(
                        ch.fps[0].header_line,
                        f"{ch.old_path} is not in {base.name}; checked only the lines the patch shows",
                    ),
                )
            )
        img = build_image(ch, base_text)
        images[ch.path] = img
        for pr in img.problems:
            problems.append((series.source_of(ch.fps[0].patch_index), pr))
        if is_abi_path(ch.path):
            abi.append(AbiImage(ch, img, parse_text(img.text, ch.path)))
    return PatchContext(
        series,
        base,
        changes,
        images,
        abi,
        today,
        target,
        dict(rule_options or {}),
        dict(severity_overrides or {}),
        problems,
    )


def old_abi_whats(change: FileChange) -> set[str]:
    """What paths the hunks of an ABI file show before the series (context and removed)."""
    return {w.path for e in parse_text(old_side_text(change.fps), change.path).entries for w in e.whats}
