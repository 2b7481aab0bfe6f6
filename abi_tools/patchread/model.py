"""The vocabulary of patch reading: hunks, file patches, patches, series.

Plain frozen dataclasses, no I/O.  Every line number is a 1-based line of the
*input* the user gave (the mbox, the patch file, the saved thread), so that a
finding in a post-image can be reported where the user can see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

HunkKind = Literal[" ", "+", "-"]


@dataclass(frozen=True)
class PatchProblem:
    """Something in the input that could not be read (or applied) as expected."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"


@dataclass(frozen=True)
class HunkLine:
    """One line of a hunk: context (``' '``), added (``'+'``) or removed (``'-'``).

    ``text`` is the line without its prefix and without the line ending.
    ``patch_line`` is the 1-based line of the input holding it (approximate inside
    base64 bodies, see :mod:`abi_tools.patchread.mail`).
    """

    kind: HunkKind
    text: str
    patch_line: int


@dataclass(frozen=True)
class Hunk:
    old_start: int
    old_len: int
    new_start: int
    new_len: int
    lines: tuple[HunkLine, ...]
    #: Line of the input holding the ``@@`` header.
    header_line: int = 0
    #: The function/section text after the second ``@@``.
    section: str = ""
    #: True when some line inside the hunk had no ``' '``/``'+'``/``'-'`` prefix
    #: (a web archive stripped leading whitespace): context lines lost their
    #: indentation and added lines may have had it collapsed.
    whitespace_mangled: bool = False


@dataclass(frozen=True)
class FilePatch:
    old_path: str | None  # None for /dev/null (new file)
    new_path: str | None  # None when deleted
    hunks: tuple[Hunk, ...]
    patch_index: int  # which patch of the series (0-based index into PatchSet.patches)
    is_new: bool
    is_deleted: bool
    is_rename: bool
    is_binary: bool = False
    is_copy: bool = False
    #: Line of the input where this file's header (``diff --git`` or ``---``) starts.
    header_line: int = 0

    @property
    def path(self) -> str:
        """The path this file has after the patch (the old path for deletions)."""
        return self.new_path or self.old_path or ""

    @property
    def whitespace_mangled(self) -> bool:
        return any(h.whitespace_mangled for h in self.hunks)

    def added_lines(self) -> tuple[HunkLine, ...]:
        return tuple(ln for h in self.hunks for ln in h.lines if ln.kind == "+")

    def removed_lines(self) -> tuple[HunkLine, ...]:
        return tuple(ln for h in self.hunks for ln in h.lines if ln.kind == "-")


@dataclass(frozen=True)
class Patch:
    subject: str  # the title with "[PATCH ...]" and "Re:" removed
    author: str | None
    date: datetime | None  # the email Date: header, parsed
    message_id: str | None
    start_line: int  # line of the input where this patch (its email) starts
    files: tuple[FilePatch, ...]
    index_in_series: int | None  # 2 in "[PATCH v3 2/5]"
    series_total: int | None  # 5 in "[PATCH v3 2/5]"
    #: The subject as written, "[PATCH v3 2/5] foo: bar".
    raw_subject: str = ""
    #: 3 in "[PATCH v3 2/5]"; None when not stated.
    version: int | None = None
    #: The prefix words, e.g. ("RFC", "PATCH").
    tags: tuple[str, ...] = ()

    def file(self, path: str) -> FilePatch | None:
        for fp in self.files:
            if path in (fp.new_path, fp.old_path):
                return fp
        return None


@dataclass(frozen=True)
class PatchSet:
    patches: tuple[Patch, ...]  # in series order, cover letter excluded
    cover: Patch | None
    diagnostics: tuple[PatchProblem, ...]
    source: str = "<stdin>"

    def file_patches(self, path: str) -> tuple[FilePatch, ...]:
        """Every FilePatch of the series touching ``path`` (old or new name), in order."""
        return tuple(fp for p in self.patches for fp in p.files if path in (fp.new_path, fp.old_path))

    def paths(self) -> tuple[str, ...]:
        """Every path touched (post-patch names), in first-touched order."""
        seen: dict[str, None] = {}
        for p in self.patches:
            for fp in p.files:
                seen.setdefault(fp.path, None)
        return tuple(seen)


@dataclass(frozen=True)
class LineOrigin:
    """Where one line of a post-image came from.

    ``added``: the line was added by a patch (``patch_line``/``patch_index`` say
    where).  Context lines read from the patch (no tree given) have
    ``added=False`` and a ``patch_line``; lines from the tree have neither.
    ``new_line`` is the line number this line has in the real post-image file
    (differs from the index in ``AppliedFile.text`` when the image is partial).
    ``old_line`` is the line number in the original tree file, when known.
    """

    added: bool
    patch_line: int | None
    patch_index: int | None
    new_line: int = 0
    old_line: int | None = None


@dataclass(frozen=True)
class AppliedFile:
    text: str
    line_origin: tuple[LineOrigin, ...]  # one per line of ``text``
    problems: tuple[PatchProblem, ...] = ()
    #: False when built from hunks alone (no tree file): ``text`` then holds only
    #: the hunks' context and added lines, in order, with gaps between them.
    complete: bool = True

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def added_line_numbers(self) -> tuple[int, ...]:
        """1-based indexes into ``text`` of the lines a patch added."""
        return tuple(i + 1 for i, o in enumerate(self.line_origin) if o.added)
