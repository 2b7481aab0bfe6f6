"""Patches, mboxes, mailing-list threads and git ranges → changed files.

    ps = read_patches(open("series.mbox", "rb").read(), "series.mbox")
    for fp in ps.file_patches("Documentation/ABI/testing/sysfs-driver-foo"):
        ...
    image = post_image(ps.file_patches(path), tree_text)   # text + origin of each line

Accepted input: ``git format-patch`` files, an mbox with a whole series (cover
letter included), a bare ``git diff``/``diff -u``, a mail or a whole thread saved as
text (quoted lines, ``>`` at any depth, are never patch content; ``Re:`` mails and
diffs inside replies are not patches), with quoted-printable/base64/8bit bodies,
CRLF endings, any charset, MIME attachments, and patches whose leading whitespace
was stripped by a web archive.  Nothing here raises on bad input: what cannot be
read becomes a :class:`PatchProblem` with a line of the input.

Debug entry point: ``python -m abi_tools.patch FILE``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

from .patchread.apply import apply_file_patches, post_image
from .patchread.model import (
    AppliedFile,
    FilePatch,
    Hunk,
    HunkKind,
    HunkLine,
    LineOrigin,
    Patch,
    PatchProblem,
    PatchSet,
)
from .patchread.reader import parse_subject, read_patches

__all__ = [
    "AppliedFile",
    "FilePatch",
    "Hunk",
    "HunkKind",
    "HunkLine",
    "LineOrigin",
    "Patch",
    "PatchProblem",
    "PatchSet",
    "apply_file_patches",
    "parse_subject",
    "post_image",
    "read_git_range",
    "read_patches",
]

GIT_TIMEOUT = 300


def read_git_range(repo: str, rev_range: str) -> PatchSet:
    """Read the commits of ``rev_range`` (e.g. ``v6.14..HEAD``, ``HEAD~3..``) in ``repo``.

    Runs ``git format-patch --stdout`` (renames detected, no colour), then
    :func:`read_patches`.  Git failures become a problem record, not an exception.
    """
    source = f"{repo}:{rev_range}"
    if rev_range.startswith("-"):
        return PatchSet((), None, (PatchProblem(0, f"bad revision range {rev_range!r}"),), source)
    cmd = [
        "git",
        "-C",
        repo,
        "-c",
        "core.quotePath=false",
        "format-patch",
        "--stdout",
        "--no-color",
        "-M",
        "--no-signature",
        "--encoding=UTF-8",
        rev_range,
        "--",
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return PatchSet((), None, (PatchProblem(0, f"cannot run git: {exc}"),), source)
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        msg = err[-1] if err else f"exit status {proc.returncode}"
        return PatchSet((), None, (PatchProblem(0, f"git format-patch failed: {msg}"),), source)
    if not proc.stdout.strip():
        return PatchSet((), None, (PatchProblem(0, f"no commits in {rev_range!r}"),), source)
    return read_patches(proc.stdout, source)


def describe(ps: PatchSet) -> str:
    """A human summary of a PatchSet (for debugging)."""
    out: list[str] = []
    if ps.cover is not None:
        c = ps.cover
        out.append(f"cover (line {c.start_line}): {c.raw_subject or c.subject!r}")
    for k, p in enumerate(ps.patches):
        series = f" {p.index_in_series}/{p.series_total}" if p.index_in_series is not None else ""
        out.append(f"patch {k}{series} (line {p.start_line}): {p.subject!r}")
        out.append(f"  author={p.author!r} date={p.date} message_id={p.message_id!r}")
        for fp in p.files:
            flags = [
                name
                for name, on in (
                    ("new", fp.is_new),
                    ("deleted", fp.is_deleted),
                    ("rename", fp.is_rename),
                    ("copy", fp.is_copy),
                    ("binary", fp.is_binary),
                    ("whitespace-mangled", fp.whitespace_mangled),
                )
                if on
            ]
            added = len(fp.added_lines())
            removed = len(fp.removed_lines())
            names = (
                fp.path
                if fp.is_new or fp.is_deleted or fp.old_path == fp.new_path
                else (f"{fp.old_path} -> {fp.new_path}")
            )
            extra = f" [{', '.join(flags)}]" if flags else ""
            out.append(
                f"  {names}: {len(fp.hunks)} hunk(s), +{added} -{removed} (line {fp.header_line}){extra}"
            )
    for pr in ps.diagnostics:
        out.append(f"{ps.source}:{pr.line}: {pr.message}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m abi_tools.patch FILE... | --git REPO RANGE", file=sys.stderr)
        return 2
    if args[0] == "--git":
        if len(args) != 3:
            print("usage: python -m abi_tools.patch --git REPO RANGE", file=sys.stderr)
            return 2
        print(describe(read_git_range(args[1], args[2])))
        return 0
    for name in args:
        try:
            if name == "-":
                data = sys.stdin.buffer.read()
            else:
                with open(name, "rb") as f:
                    data = f.read()
        except OSError as exc:
            print(f"{name}: {exc.strerror}", file=sys.stderr)
            return 2
        print(f"== {name}")
        print(describe(read_patches(data, name)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
