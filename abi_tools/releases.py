"""Mainline Linux releases and their dates: which versions exist, when they came out.

The table is ``abi_tools/data/releases.tsv``: one row per mainline feature
release (``2.6.0`` ... ``2.6.39``, ``3.0`` ... ``3.19``, ``4.0`` ... ``4.20``,
``5.0`` ... ``5.19``, ``6.0`` ... ``6.19``, ``7.0``, ``7.1``), with the date of
its ``vX.Y`` tag as ``git for-each-ref --format='%(creatordate:short)'``
prints it (the tag's own time zone, so 4.5 is 2016-03-13 although most
announcements are dated the 14th).

Where the dates come from: Linus Torvalds's ``vX.Y`` tags in the mainline
git tree (2.6.12 onwards), as listed on the "Linux kernel version history"
Wikipedia article and on mirrors of the tags (gitlab.com tag pages were used
to check 6.1, 6.3, 6.11, 6.13, 6.15, 6.16 and 6.17); 2.6.0-2.6.11 predate git
and come from the kernel.org announcements.  Recent releases were checked
against the news of their release: 6.14 came a day late, on 2025-03-24;
6.19 was released on 2026-02-08 and Torvalds announced that 7.0 would
follow it (it did, on 2026-04-12); 7.1 was released on 2026-06-14 (7.2-rc1
followed on 2026-06-28).  Rebuild the table from a kernel tree with
:func:`refresh_from_git` (``abi-tools`` keeps the rows older than git).

Versions after the table's last row are *projected*: each ``x.y`` is followed
by ``x.(y+1)`` 63 days (nine weeks, seven -rc's, the kernel's usual cadence
since 2023) later, and ``x.19`` by ``(x+1).0`` -- in the 3.x era and later
Torvalds bumps the major number after .19 (4.x went to 4.20 once; 3.19,
5.19 and 6.19 were each followed by the next .0).

Keys: from 3.0 on a feature release is ``(major, minor)``; in the 2.6 era
feature releases had three parts, so ``2.6.22`` keeps ``(2, 6, 22)`` as its
key.  A fourth (2.6.x.y) or third (3.x+ ``x.y.z``) number is a stable update
and is kept in :attr:`Version.stable`, ignored when comparing releases.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass

#: The packaged table.  A plain string: pathlib costs a lint run 8 ms of imports.
DEFAULT_TABLE = os.path.join(os.path.dirname(os.path.realpath(__file__)), "data", "releases.tsv")

#: Days between two releases when projecting beyond the table.
CADENCE_DAYS = 63

#: After x.19 comes (x+1).0 when projecting.
LAST_MINOR = 19

_VERSION = re.compile(r"v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?")


@functools.total_ordering
@dataclass(frozen=True, eq=False)
class Version:
    """A mainline feature release: ``Version(6, 15)`` or ``Version(2, 6, 22)``."""

    major: int
    minor: int
    #: The third number of a 2.x release (2.6.22); None from 3.0 on.
    sub: int | None = None
    #: A stable update number (6.15.3 -> 3, 2.6.22.1 -> 1); not part of the key.
    stable: int | None = None

    @property
    def key(self) -> tuple[int, ...]:
        if self.sub is None:
            return (self.major, self.minor)
        return (self.major, self.minor, self.sub)

    @classmethod
    def parse(cls, text: str) -> Version:
        """``6.15``, ``v6.15``, ``6.15.3``, ``v2.6.22``, ``2.6.22.1``; ValueError otherwise."""
        m = _VERSION.fullmatch(text.strip())
        if not m:
            raise ValueError(f"not a kernel version: {text!r}")
        a, b, c, d = (None if g is None else int(g) for g in m.groups())
        assert a is not None and b is not None
        if a <= 2:
            # 2.6.22 is a feature release; 2.6.22.1 its stable update.
            return cls(a, b, c, d)
        if d is not None:
            raise ValueError(f"too many parts for a {a}.x version: {text!r}")
        return cls(a, b, None, c)

    @classmethod
    def try_parse(cls, text: str) -> Version | None:
        try:
            return cls.parse(text)
        except ValueError:
            return None

    def release(self) -> Version:
        """The feature release, without the stable number."""
        return Version(self.major, self.minor, self.sub)

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.key)

    def __repr__(self) -> str:
        return f"Version({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self.key == other.key

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self.key < other.key

    def __hash__(self) -> int:
        return hash(self.key)


def _as_version(v: Version | str | tuple[int, ...]) -> Version:
    if isinstance(v, Version):
        return v.release()
    if isinstance(v, str):
        return Version.parse(v).release()
    return Version(*v[:3])


class ReleaseTable:
    """An ordered table of releases and dates, with projection past its end."""

    def __init__(self, rows: dict[Version, dt.date]) -> None:
        if not rows:
            raise ValueError("empty release table")
        self.rows: dict[Version, dt.date] = dict(sorted(rows.items()))
        self.versions: list[Version] = list(self.rows)
        self.first = self.versions[0]
        self.last = self.versions[-1]

    # -- lookups -----------------------------------------------------------

    def release_date(self, v: Version | str) -> dt.date | None:
        """The date of a release in the table, or None (unknown, projected or never released)."""
        return self.rows.get(_as_version(v))

    def projected_date(self, v: Version | str) -> dt.date | None:
        """The table date, or for a version after the table its projected date; None otherwise."""
        ver = _as_version(v)
        if ver in self.rows:
            return self.rows[ver]
        if ver < self.last:
            return None
        day, cur = self.rows[self.last], self.last
        while cur < ver:
            cur = self._step(cur)
            day += dt.timedelta(days=CADENCE_DAYS)
        return day if cur == ver else None

    def exists(self, v: Version | str) -> bool:
        """Whether a release of this number was (or, past the table, will be) made.

        Versions before 2.6.0 (2.4.14, 2.0.39) are history this table does not
        cover and count as existing; 5.20, 4.21, 3.21, 2.6.40 never existed.
        """
        ver = _as_version(v)
        if ver < self.first:
            return True
        if ver <= self.last:
            return ver in self.rows
        return self.projected_date(ver) is not None

    def is_released(self, v: Version | str, today: dt.date | None = None) -> bool:
        """Whether the release is out on ``today`` (projected dates past the table)."""
        ver = _as_version(v)
        day = today or dt.date.today()
        if ver < self.first:
            return True
        got = self.projected_date(ver)
        return got is not None and got <= day

    def next_version(self, v: Version | str) -> Version:
        """The release after ``v`` (for one that never existed: the first one after it)."""
        ver = _as_version(v)
        for cand in self.versions:
            if cand > ver:
                return cand
        return self._step(ver)

    def successor(self, v: Version | str) -> Version:
        """For a version that never existed, the release that came instead (5.20 -> 6.0)."""
        ver = _as_version(v)
        if ver in self.rows or ver < self.first:
            return ver
        return self.next_version(ver) if not self.exists(ver) else ver

    def first_release_after(self, day: dt.date) -> Version:
        """The first release dated after ``day``, projected past the table's end."""
        for ver, d in self.rows.items():
            if d > day:
                return ver
        cur, d = self.last, self.rows[self.last]
        while d <= day:
            cur = self._step(cur)
            d += dt.timedelta(days=CADENCE_DAYS)
        return cur

    def latest_released(self, day: dt.date) -> Version | None:
        """The newest release out on ``day`` (projected past the table)."""
        nxt = self.first_release_after(day)
        if nxt == self.first:
            return None
        return self.previous_version(nxt)

    def previous_version(self, v: Version | str) -> Version:
        ver = _as_version(v)
        before = [c for c in self.versions if c < ver]
        if ver <= self.last:
            if not before:
                raise ValueError(f"no release before {ver}")
            return before[-1]
        cur = self.last
        while True:
            nxt = self._step(cur)
            if nxt >= ver:
                return cur
            cur = nxt

    def earliest_possible_release(
        self,
        tree_version: tuple[int, int] | Version | None = None,
        email_date: dt.date | None = None,
        target: Version | str | None = None,
    ) -> Version:
        """The first release a new ABI can still be part of.

        - a kernel tree whose Makefile says x.y (released or in its -rc's):
          new ABI goes into the next release, ``next_version(x.y)``;
        - a patch mailed on ``email_date``: the first release not yet out on
          that day (lenient: during the merge window it may still make it);
        - ``target``: a release the author or a maintainer named explicitly.

        The latest of those that are given; with none, the first release not
        yet out today.
        """
        cands: list[Version] = []
        if tree_version is not None:
            tv = tree_version if isinstance(tree_version, Version) else Version(*tree_version)
            cands.append(self.next_version(tv))
        if email_date is not None:
            cands.append(self.first_release_after(email_date))
        if target is not None:
            cands.append(_as_version(target))
        if not cands:
            cands.append(self.first_release_after(dt.date.today()))
        return max(cands)

    # -- helpers -------------------------------------------------------------

    @staticmethod
    def _step(v: Version) -> Version:
        if v.sub is not None:  # past the table in the 2.x numbering: not reached in practice
            return Version(v.major, v.minor, v.sub + 1)
        if v.minor >= LAST_MINOR:
            return Version(v.major + 1, 0)
        return Version(v.major, v.minor + 1)


def parse_table(text: str) -> dict[Version, dt.date]:
    rows: dict[Version, dt.date] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"releases table line {n}: expected 'version<TAB>date': {line!r}")
        rows[Version.parse(parts[0])] = dt.date.fromisoformat(parts[1])
    return rows


def format_table(rows: dict[Version, dt.date]) -> str:
    head = (
        "# Mainline Linux releases and the date of their vX.Y tag (YYYY-MM-DD).\n"
        "# Sources and refresh: see abi_tools/releases.py.  version<TAB>date\n"
    )
    return head + "".join(f"{v}\t{d.isoformat()}\n" for v, d in sorted(rows.items()))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> ReleaseTable:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return ReleaseTable(parse_table(text))


def load_table(path: str | os.PathLike[str] | None = None) -> ReleaseTable:
    """The release table at ``path`` (default: the packaged one), cached per path."""
    return _load(DEFAULT_TABLE if path is None else os.fspath(path))


_TAG = re.compile(r"v(\d+)\.(\d+)(?:\.(\d+))?")


def refresh_from_git(
    repo: str | os.PathLike[str],
    path: str | os.PathLike[str] | None = None,
) -> str:
    """Rebuild the table from a kernel git tree's ``vX.Y`` tags; returns the new text.

    -rc tags and stable tags (``v6.1.3``, ``v2.6.22.1``) are skipped; rows of
    the current table that git does not have (2.6.0-2.6.10 predate git) are
    kept.  The file at ``path`` (default: the packaged table) is replaced
    atomically.
    """
    # Imported here: every lint run loads this module, only a refresh runs git.
    import subprocess
    import tempfile
    from pathlib import Path

    out = subprocess.run(
        [
            "git",
            "-C",
            os.fspath(repo),
            "for-each-ref",
            "--format=%(refname:short) %(creatordate:short)",
            "refs/tags/v*",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    target = Path(path if path is not None else DEFAULT_TABLE)
    rows: dict[Version, dt.date] = {}
    if target.exists():
        rows.update(parse_table(target.read_text(encoding="utf-8")))
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 2:
            continue
        name, day = parts
        name = name.removeprefix("tags/")
        m = _TAG.fullmatch(name)
        if not m:
            continue  # -rc tags and anything else
        major = int(m.group(1))
        if major >= 3 and m.group(3) is not None:
            continue  # a stable update
        if major <= 2 and m.group(3) is None:
            continue  # v2.6 alone is not a release tag
        rows[Version.parse(name)] = dt.date.fromisoformat(day)
    text = format_table(rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".releases.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _load.cache_clear()
    return text


# -- the packaged table, as module functions -----------------------------------


def release_date(v: Version | str) -> dt.date | None:
    return load_table().release_date(v)


def projected_date(v: Version | str) -> dt.date | None:
    return load_table().projected_date(v)


def is_released(v: Version | str, today: dt.date | None = None) -> bool:
    return load_table().is_released(v, today)


def exists(v: Version | str) -> bool:
    return load_table().exists(v)


def next_version(v: Version | str) -> Version:
    return load_table().next_version(v)


def successor(v: Version | str) -> Version:
    return load_table().successor(v)


def first_release_after(day: dt.date) -> Version:
    return load_table().first_release_after(day)


def latest_released(day: dt.date) -> Version | None:
    return load_table().latest_released(day)


def earliest_possible_release(
    tree_version: tuple[int, int] | Version | None = None,
    email_date: dt.date | None = None,
    target: Version | str | None = None,
) -> Version:
    return load_table().earliest_possible_release(tree_version, email_date, target)
