"""The two sides of a diff: two paths, two git revisions, or two series on one base.

Each loader returns an :class:`AbiTree`; problems with the inputs as a whole
(no such path, not a git repository, unknown revision, a patch that does not
apply) raise :class:`SourceError` with a one-line message.  Problems with one
file (binary, not UTF-8) stay diagnostics of the tree, as in ``lint``.

``apply_series`` is a small stand-in for the patch reader being written on
branch ``patch`` (``read_patches`` / ``post_image``); it reads plain
``git format-patch`` text and unified diffs only, and is meant to be swapped
for that reader once it is merged.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from abi_tools.model import AbiFile, AbiTree, Diagnostic, Severity, Span
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


@dataclass
class _FileDiff:
    old: str | None  # None: new file
    new: str | None  # None: deleted
    hunks: list[tuple[int, list[str]]]  # (old start line, lines with their +/-/space prefix)


_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def _strip_prefix(p: str) -> str | None:
    p = p.split("\t", 1)[0].strip()
    if p == "/dev/null":
        return None
    return p[2:] if p[:2] in ("a/", "b/") else p


def _read_diffs(text: str) -> list[_FileDiff]:
    """Unified diffs found in a patch, series mbox or bare diff, in order."""
    lines = text.replace("\r\n", "\n").split("\n")
    diffs: list[_FileDiff] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            cur = _FileDiff(_strip_prefix(lines[i][4:]), _strip_prefix(lines[i + 1][4:]), [])
            diffs.append(cur)
            i += 2
            while i < len(lines):
                m = _HUNK.match(lines[i])
                if not m:
                    break
                old_n = int(m.group(2) or "1")
                new_n = int(m.group(4) or "1")
                body: list[str] = []
                i += 1
                while i < len(lines) and (old_n > 0 or new_n > 0):
                    ln = lines[i]
                    tag = ln[:1] or " "
                    if tag == "\\":
                        i += 1
                        continue
                    if tag == "-":
                        old_n -= 1
                    elif tag == "+":
                        new_n -= 1
                    elif tag == " ":
                        old_n -= 1
                        new_n -= 1
                    else:
                        break
                    body.append(ln if ln else " ")
                    i += 1
                cur.hunks.append((int(m.group(1)), body))
            continue
        i += 1
    return diffs


def _apply_hunks(path: str, text: str, hunks: list[tuple[int, list[str]]]) -> str:
    had_nl = text.endswith("\n") or not text
    lines = text.split("\n")
    if had_nl and lines and lines[-1] == "":
        lines.pop()
    offset = 0
    for start, body in hunks:
        old = [ln[1:] for ln in body if ln[0] in " -"]
        new = [ln[1:] for ln in body if ln[0] in " +"]
        want = max(start - 1 + offset, 0) if old else start + offset
        at = None
        for delta in range(0, len(lines) + 1):
            for cand in (want - delta, want + delta):
                if 0 <= cand <= len(lines) - len(old) and lines[cand : cand + len(old)] == old:
                    at = cand
                    break
            if at is not None:
                break
        if at is None:
            raise SourceError(f"{path}: hunk at line {start} does not apply to the base tree")
        lines[at : at + len(old)] = new
        offset = at + len(new) - (start - 1) - len(old) if old else offset + len(new)
    return "\n".join(lines) + ("\n" if lines else "")


def apply_series(base_tree_dir: str, patch_text: str) -> dict[str, str | None]:
    """The ABI files a series changes, after applying it to the base tree.

    Keys are paths relative to the tree (``Documentation/ABI/...``); a value of
    None means the series deletes that file.  Files outside Documentation/ABI
    are ignored.  Raises :class:`SourceError` when a hunk does not apply.
    """
    state: dict[str, str | None] = {}
    for d in _read_diffs(patch_text):
        target = d.new if d.new is not None else d.old
        if target is None or not target.startswith(_ABI_PREFIX):
            continue
        if d.old is None:
            cur = ""
        elif d.old in state:
            prev = state[d.old]
            if prev is None:
                raise SourceError(f"{d.old}: patched after the series deleted it")
            cur = prev
        else:
            try:
                with open(
                    os.path.join(base_tree_dir, d.old), encoding="utf-8", errors="surrogateescape"
                ) as fh:
                    cur = fh.read()
            except OSError as exc:
                raise SourceError(f"{d.old}: not in the base tree ({exc.strerror})") from exc
        result = _apply_hunks(target, cur, d.hunks)
        if d.old is not None and d.new != d.old:
            state[d.old] = None
        if d.new is not None:
            state[d.new] = result
    return state


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


def load_series(base: AbiTree, base_dir: str, series_path: str) -> AbiTree:
    try:
        with open(series_path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise SourceError(f"{series_path}: cannot read: {exc.strerror}") from exc
    if b"\0" in data[:8192]:
        raise SourceError(f"{series_path}: binary file, not a patch or mbox")
    text = data.decode("utf-8", "surrogateescape")
    try:
        return apply_to_tree(base, apply_series(base_dir, text))
    except SourceError as exc:
        raise SourceError(f"{series_path}: {exc}") from exc


__all__ = [
    "SourceError",
    "apply_series",
    "apply_to_tree",
    "load_base",
    "load_git_rev",
    "load_path",
    "load_series",
]
