"""Files as the series leaves them, with each line traced back to the patch.

:func:`file_changes` follows every file through the series (renames
included); :func:`build_image` applies its patches to the base file, or, with
no base file, builds the partial image of :func:`abi_tools.patch.post_image`.

An :class:`Image` is numbered as the real file is: line ``k`` of
``Image.text`` is line ``k`` of the file after the series, and the lines a
partial image does not know are blank.  Rules that name another line ("already
documented at line 12") then speak of real lines, and a finding on line ``k``
maps back to the patch through ``origin(k)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from abi_tools.patch import AppliedFile, FilePatch, LineOrigin, PatchProblem, post_image

from .series import Series

ABI_PREFIX = "Documentation/ABI/"


@dataclass
class FileChange:
    """One file through the series: its patches, its name before and after."""

    #: The path before the series; None when the series creates the file.
    old_path: str | None
    #: The path after the series (the last name, for a file the series deletes).
    path: str
    fps: list[FilePatch] = field(default_factory=list)
    deleted: bool = False

    @property
    def is_abi(self) -> bool:
        return is_abi_path(self.path) or (self.old_path is not None and is_abi_path(self.old_path))

    @property
    def is_c(self) -> bool:
        return self.path.endswith((".c", ".h"))


def is_abi_path(path: str) -> bool:
    """An ABI document, as the kernel's tools read them (README and dot-files are not)."""
    from abi_tools.sources import is_ignored

    return path.startswith(ABI_PREFIX) and not is_ignored(path.rsplit("/", 1)[-1])


def file_changes(series: Series) -> list[FileChange]:
    """Every file the series touches, followed through renames, in first-touched order."""
    current: dict[str, FileChange] = {}
    order: list[FileChange] = []
    for fp in series.file_patches():
        key = None if fp.is_new else fp.old_path
        ch = current.pop(key, None) if key is not None else None
        if ch is None or fp.is_new:
            ch = FileChange(None if fp.is_new else fp.old_path, fp.path)
            order.append(ch)
        ch.fps.append(fp)
        ch.path = fp.path
        ch.deleted = fp.is_deleted
        current[fp.path] = ch
    return order


@dataclass(frozen=True)
class Image:
    """A file after the series, numbered as the real file."""

    path: str
    text: str
    #: Real line number -> where the line came from (every line the image knows).
    origins: dict[int, LineOrigin]
    complete: bool
    problems: tuple[PatchProblem, ...] = ()

    def origin(self, line: int) -> LineOrigin | None:
        return self.origins.get(line)

    def added(self, line: int) -> bool:
        o = self.origins.get(line)
        return o is not None and o.added

    def added_lines(self) -> list[int]:
        return sorted(k for k, o in self.origins.items() if o.added)


def build_image(change: FileChange, base_text: str | None) -> Image:
    """The file after the series; ``base_text`` is the file before it (None: unknown)."""
    applied = post_image(change.fps, base_text)
    return _numbered(change.path, applied)


def _numbered(path: str, applied: AppliedFile) -> Image:
    texts = applied.lines
    origins: dict[int, LineOrigin] = {}
    for k, o in enumerate(applied.line_origin):
        line = o.new_line if o.new_line > 0 else k + 1
        origins[line] = o
    if applied.complete:
        text = applied.text
    else:
        size = max(origins, default=0)
        padded = [""] * size
        for k, o in enumerate(applied.line_origin):
            line = o.new_line if o.new_line > 0 else k + 1
            padded[line - 1] = texts[k] if k < len(texts) else ""
        text = "\n".join(padded) + ("\n" if padded else "")
    return Image(path, text, origins, applied.complete, applied.problems)


def old_side_text(fps: Sequence[FilePatch]) -> str:
    """What the hunks show of a file as it was before the series.

    The first patch's context and removed lines; of later patches, the ones
    that no earlier patch of the series added (those are the series' own).
    Used when the base file is not at hand; hunks are separated by a blank line.
    """
    out: list[str] = []
    added: set[str] = set()
    for fp in fps:
        for h in fp.hunks:
            out.extend(ln.text for ln in h.lines if ln.kind != "+" and " ".join(ln.text.split()) not in added)
            out.append("")
        added.update(" ".join(ln.text.split()) for ln in fp.added_lines())
    return "\n".join(out) + "\n"
