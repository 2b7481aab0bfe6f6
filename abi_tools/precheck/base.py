"""What the series applies to: a kernel tree on disk, a git revision, or nothing.

The checks ask the base for a file as it is before the series (to apply the
hunks onto it), for its whole Documentation/ABI (an entry the series moves or
duplicates, an entry that stays when C code goes), for the top Makefile's
version and for MAINTAINERS.  Without a base every answer is "unknown" and
the checks fall back to what the patches themselves show.
"""

from __future__ import annotations

import os
from functools import cached_property

from abi_tools.csrc import ScanResult
from abi_tools.lint import makefile_version
from abi_tools.model import AbiTree

#: Folders whose presence says a tree holds kernel C source worth scanning.
_SOURCE_DIRS = ("drivers", "arch", "kernel", "fs", "net")


def _scan_source(root: str) -> list[ScanResult] | None:
    """Every declaration under ``root`` (through the scanner's cache), or None without C source."""
    from abi_tools.csrc import default_cache_dir, scan_tree

    if not any(os.path.isdir(os.path.join(root, d)) for d in _SOURCE_DIRS):
        return None
    return scan_tree(root, jobs=0, cache_dir=default_cache_dir())


class BaseError(Exception):
    """The base cannot be used at all; the message is one line for the user."""


class Base:
    """No base: nothing is known beyond the patches."""

    #: How the base is named in messages ("~/linux", "v6.16-rc3 (abc123)").
    name = ""

    def read(self, path: str) -> str | None:
        """The text of ``path`` (relative to the tree) before the series, or None."""
        return None

    @property
    def present(self) -> bool:
        return False

    @cached_property
    def abi_tree(self) -> AbiTree | None:
        """The whole Documentation/ABI before the series."""
        return None

    @cached_property
    def version(self) -> tuple[tuple[int, int] | None, str]:
        """(major, minor) and the "6.16-rc3" text of the top Makefile, or (None, "")."""
        text = self.read("Makefile")
        return makefile_version(text) if text else (None, "")

    @cached_property
    def c_scans(self) -> list[ScanResult] | None:
        """The attribute declarations of the tree's C source, or None when it has none."""
        return None


class DirBase(Base):
    """A kernel tree on disk, before the series is applied."""

    def __init__(self, root: str) -> None:
        if not os.path.isdir(root):
            raise BaseError(f"{root}: no such directory")
        self.root = root
        self.name = root

    @property
    def present(self) -> bool:
        return True

    def read(self, path: str) -> str | None:
        full = os.path.join(self.root, path)
        try:
            with open(full, encoding="utf-8", errors="surrogateescape") as fh:
                return fh.read()
        except (OSError, ValueError):
            return None

    @cached_property
    def abi_tree(self) -> AbiTree | None:
        from abi_tools.sources import ABI_DIR
        from abi_tools.tree import load_tree

        if not os.path.isdir(os.path.join(self.root, ABI_DIR)):
            return None
        return _relative(load_tree([self.root]))

    @cached_property
    def c_scans(self) -> list[ScanResult] | None:
        return _scan_source(self.root)


def _relative(tree: AbiTree) -> AbiTree:
    """Display paths start at ``Documentation/ABI/`` whatever the cwd, as patch paths do."""
    import dataclasses

    from abi_tools.sources import ABI_DIR

    marker = ABI_DIR.replace(os.sep, "/") + "/"

    def fix(path: str) -> str:
        p = path.replace(os.sep, "/")
        i = p.find(marker)
        return p[i:] if i >= 0 else p

    files = tuple(dataclasses.replace(f, path=fix(f.path)) for f in tree.files)
    return AbiTree(tree.root, files, tree.diagnostics)


class GitBase(Base):
    """A git revision of a kernel tree: the parent of a range's first commit."""

    def __init__(self, repo: str, rev: str) -> None:
        self.repo = repo
        self.rev = rev
        self.name = f"{repo}@{rev[:12]}"

    @property
    def present(self) -> bool:
        return True

    def read(self, path: str) -> str | None:
        from abi_tools.diffsource import SourceError, _git

        try:
            data = _git(self.repo, ["cat-file", "blob", f"{self.rev}:{path}"])
        except SourceError:
            return None
        return data.decode("utf-8", "surrogateescape")

    @cached_property
    def abi_tree(self) -> AbiTree | None:
        from abi_tools.diffsource import SourceError, load_git_rev

        try:
            return load_git_rev(self.repo, self.rev)
        except SourceError:
            return None

    @cached_property
    def c_scans(self) -> list[ScanResult] | None:
        # The working tree, not the base revision: scanning every blob of a revision
        # would take minutes, and the files the series touches are replaced by their
        # post-images anyway.  Inside the tree being checked that is the series' tip.
        return _scan_source(self.repo)


def git_range_base(repo: str, rev_range: str) -> GitBase | None:
    """The revision a range's patches apply to: the parent of its first commit.

    None for a range that starts at a root commit (there is nothing before it).
    Raises :class:`BaseError` when git cannot list the range.
    """
    from abi_tools.diffsource import SourceError, _git

    try:
        out = _git(repo, ["rev-list", "--reverse", "--no-merges", rev_range, "--"])
    except SourceError as exc:
        raise BaseError(str(exc)) from exc
    commits = out.decode("ascii", "replace").split()
    if not commits:
        raise BaseError(f"{repo}: no commits in {rev_range!r}")
    try:
        parent = _git(repo, ["rev-parse", "--verify", "--quiet", f"{commits[0]}^"]).decode().strip()
    except SourceError:
        return None
    return GitBase(repo, parent)
