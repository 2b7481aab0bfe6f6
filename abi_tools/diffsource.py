"""The two sides of a diff: two paths, two git revisions, or two series on one base.

Each loader returns an :class:`AbiTree`; problems with the inputs as a whole
(no such path, not a git repository, unknown revision, a patch that does not
apply) raise :class:`SourceError` with a one-line message.  Problems with one
file (binary, not UTF-8) stay diagnostics of the tree, as in ``lint``.
Series are read and applied by :mod:`abi_tools.patch`, the reader of
``check-patch``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from abi_tools.model import AbiFile, AbiTree, Diagnostic, Severity, Span
from abi_tools.patch import PatchSet, apply_file_patches, read_patches
from abi_tools.sources import ABI_DIR, is_ignored
from abi_tools.tree import load_tree, parse_bytes

GIT_TIMEOUT = 300
_ABI_PREFIX = "Documentation/ABI/"


class SourceError(Exception):
    """An input that cannot be read at all; the message is one line for the user."""


# ---------------------------------------------------------------------------
# Two paths


def load_path(path: str) -> AbiTree:
    if not os.path.lexists(path):
        raise SourceError(f"{path}: no such file or directory")
    return load_tree([path])


# ---------------------------------------------------------------------------
# Two git revisions


def _git(repo: str, args: Sequence[str], stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", "-C", repo, *args],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:
        raise SourceError("git is not installed or not on PATH") from exc
    except subprocess.TimeoutExpired as exc:
        raise SourceError(f"{repo}: git {args[0]} took over {GIT_TIMEOUT} s; gave up") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(
            f"{repo}: git {args[0]} failed: {msg[-1] if msg else 'exit ' + str(proc.returncode)}"
        )
    return proc.stdout


def load_git_rev(repo: str, rev: str) -> AbiTree:
    """Documentation/ABI as of ``rev``: one ls-tree and one cat-file process."""
    if not os.path.isdir(repo):
        raise SourceError(f"{repo}: no such directory")
    try:
        _git(repo, ["rev-parse", "--verify", "--quiet", f"{rev}^{{tree}}"])
    except SourceError as exc:
        raise SourceError(f"{repo}: unknown revision {rev!r} (or not a git repository)") from exc
    listing = _git(repo, ["ls-tree", "-r", "-z", "--full-tree", rev, "--", ABI_DIR.replace(os.sep, "/")])
    wanted: list[tuple[str, str]] = []  # (blob id, path)
    for rec in listing.split(b"\0"):
        if not rec:
            continue
        meta, _, raw_path = rec.partition(b"\t")
        mode, kind, oid = meta.split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if kind != b"blob" or mode == b"120000" or is_ignored(path.rsplit("/", 1)[-1]):
            continue
        wanted.append((oid.decode("ascii"), path))
    problems: list[Diagnostic] = []
    if not wanted:
        problems.append(
            Diagnostic(
                "ABI001",
                "unreadable-file",
                Severity.ERROR,
                Span(f"{rev}:{_ABI_PREFIX}", 1),
                "no ABI files found at this revision",
            )
        )
    blobs = _cat_blobs(repo, [oid for oid, _ in wanted])
    files = tuple(parse_bytes(blobs[oid], path) for oid, path in wanted)
    return AbiTree(f"{repo}@{rev}", files, tuple(problems))


def _cat_blobs(repo: str, oids: Sequence[str]) -> dict[str, bytes]:
    if not oids:
        return {}
    out = _git(repo, ["cat-file", "--batch"], stdin="".join(o + "\n" for o in oids).encode())
    blobs: dict[str, bytes] = {}
    pos = 0
    for _ in oids:
        nl = out.index(b"\n", pos)
        header = out[pos:nl].split()
        pos = nl + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        blobs[header[0].decode("ascii")] = out[pos : pos + size]
        pos += size + 1
    return blobs


# ---------------------------------------------------------------------------
# Two versions of a series on one base


@dataclass(frozen=True)
class SeriesImage:
    """The ABI files a series leaves, applied to a base tree.

    ``files``: ``Documentation/ABI/...`` path -> text after the series, or None
    when the series deletes (or renames away) that file.  ``notes``: problems
    reading the series that did not stop it (one line each, with the series
    path and line).
    """

    files: dict[str, str | None]
    notes: tuple[str, ...]


def _is_abi_path(path: str | None) -> bool:
    return path is not None and path.startswith(_ABI_PREFIX) and not is_ignored(path.rsplit("/", 1)[-1])


def _read_base(base_dir: str, path: str) -> str | None:
    try:
        with open(os.path.join(base_dir, path), "rb") as fh:
            return fh.read().decode("utf-8", "surrogateescape")
    except OSError:
        return None


def apply_series(base_dir: str, ps: PatchSet) -> SeriesImage:
    """Apply the ABI file patches of ``ps`` to the tree ``base_dir``, in series order.

    Uses the patch reader's own application (:func:`abi_tools.patch.apply_file_patches`),
    so mangled, quoted-printable or attached patches apply as they do for
    ``check-patch``.  Raises :class:`SourceError` when a patch does not apply to
    this base (a hunk's context is not there, or it changes a file the base does
    not have): the diff would not show the series.
    """
    state: dict[str, str | None] = {}
    for fp in (fp for p in ps.patches for fp in p.files):
        if not (_is_abi_path(fp.old_path) or _is_abi_path(fp.new_path)):
            continue
        where = f"{ps.source}:{fp.header_line}"
        if fp.is_binary:
            raise SourceError(f"{where}: {fp.path}: binary patch to an ABI file")
        current: str | None = None
        if not fp.is_new:
            assert fp.old_path is not None
            current = state[fp.old_path] if fp.old_path in state else _read_base(base_dir, fp.old_path)
            if current is None:
                raise SourceError(f"{where}: {fp.old_path}: not in the base tree (or deleted earlier)")
        if fp.is_rename and fp.old_path:
            state[fp.old_path] = None
        if fp.is_deleted or fp.new_path is None:
            state[fp.path] = None
            continue
        applied = apply_file_patches(current, [fp])
        if applied.problems:
            first = applied.problems[0]
            raise SourceError(f"{ps.source}:{first.line}: {first.message.removesuffix('; skipped')}")
        if _is_abi_path(fp.new_path):
            state[fp.new_path] = applied.text
    notes = tuple(f"{ps.source}:{pr.line}: warning: {pr.message}" for pr in ps.diagnostics)
    return SeriesImage(state, notes)


def load_base(tree_dir: str) -> AbiTree:
    if not os.path.isdir(os.path.join(tree_dir, ABI_DIR)):
        raise SourceError(f"{tree_dir}: not a kernel tree (no {ABI_DIR} folder)")
    return load_tree([tree_dir])


def apply_to_tree(base: AbiTree, changed: dict[str, str | None]) -> AbiTree:
    """The base tree with the changed files re-parsed (and deleted ones dropped)."""
    files: dict[str, AbiFile] = {f.path: f for f in base.files}
    for path, text in changed.items():
        if text is None:
            files.pop(path, None)
        else:
            files[path] = parse_bytes(text.encode("utf-8", "surrogateescape"), path)
    return AbiTree(base.root, tuple(files[p] for p in sorted(files)), base.diagnostics)


def load_series(base: AbiTree, base_dir: str, series_path: str) -> tuple[AbiTree, tuple[str, ...]]:
    """The base tree with a patch series (file or mbox) applied, and notes on reading it."""
    try:
        with open(series_path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise SourceError(f"{series_path}: cannot read: {exc.strerror}") from exc
    if b"\0" in data[:8192]:
        raise SourceError(f"{series_path}: binary file, not a patch or mbox")
    ps = read_patches(data, series_path)
    if not ps.patches:
        reason = ps.diagnostics[0].message if ps.diagnostics else "no patch found"
        raise SourceError(f"{series_path}: {reason}")
    image = apply_series(base_dir, ps)
    return apply_to_tree(base, image.files), image.notes


__all__ = [
    "SeriesImage",
    "SourceError",
    "apply_series",
    "apply_to_tree",
    "load_base",
    "load_git_rev",
    "load_path",
    "load_series",
]
