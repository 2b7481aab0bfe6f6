"""The release table and its API."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from abi_tools import releases as r
from abi_tools.releases import Version


def test_parse_versions() -> None:
    assert Version.parse("6.15") == Version(6, 15)
    assert Version.parse("v6.15") == Version(6, 15)
    v = Version.parse("6.15.3")
    assert v == Version(6, 15) and v.stable == 3
    assert Version.parse("v2.6.22").key == (2, 6, 22)
    assert Version.parse("2.6.22.1").stable == 1
    assert Version.parse("2.6.39") < Version.parse("3.0") < Version.parse("3.10")
    assert str(Version.parse("v2.6.22")) == "2.6.22"
    for bad in ("6", "TBD", "6.15-rc1", "3.1.2.3"):
        assert Version.try_parse(bad) is None


def test_table_is_complete_and_ordered() -> None:
    t = r.load_table()
    got = {str(v) for v in t.versions}
    want = {f"2.6.{n}" for n in range(40)} | {f"3.{n}" for n in range(20)} | {f"4.{n}" for n in range(21)}
    want |= {f"5.{n}" for n in range(20)} | {f"6.{n}" for n in range(20)} | {"7.0", "7.1"}
    assert want <= got
    days = [t.rows[v] for v in t.versions]
    assert days == sorted(days)
    gaps = [(b - a).days for a, b in zip(days[40:], days[41:], strict=False)]
    assert all(49 <= g <= 98 for g in gaps), "3.0 on: every 7-14 weeks (3.1 waited for kernel.org)"


@pytest.mark.parametrize(
    ("v", "day"),
    [
        ("2.6.22", "2007-07-08"),
        ("3.0", "2011-07-21"),
        ("4.0", "2015-04-12"),
        ("5.0", "2019-03-03"),
        ("6.0", "2022-10-02"),
        ("6.1", "2022-12-11"),
        ("6.12", "2024-11-17"),
        ("6.14", "2025-03-24"),
        ("6.19", "2026-02-08"),
        ("7.0", "2026-04-12"),
    ],
)
def test_known_dates(v: str, day: str) -> None:
    assert r.release_date(v) == dt.date.fromisoformat(day)


def test_exists() -> None:
    for v in ("5.19", "4.20", "6.19", "7.0", "2.6.39", "2.4.14", "6.15.3"):
        assert r.exists(v), v
    for v in ("5.20", "5.21", "4.21", "4.22", "3.20", "3.21", "6.20", "2.6.40"):
        assert not r.exists(v), v
    assert r.exists("7.5")  # projected
    assert not r.exists("7.20")  # projected: after 7.19 comes 8.0


def test_next_and_successor() -> None:
    assert r.next_version("6.19") == Version(7, 0)
    assert r.next_version("2.6.39") == Version(3, 0)
    assert r.next_version("4.19") == Version(4, 20)
    assert r.next_version("4.20") == Version(5, 0)
    assert r.next_version("7.19") == Version(8, 0)
    assert r.successor("5.20") == Version(6, 0)
    assert r.successor("3.21") == Version(4, 0)


def test_released_and_projection() -> None:
    today = dt.date(2026, 11, 27)
    assert r.is_released("6.12", today)
    assert not r.is_released("6.12", dt.date(2024, 11, 16))
    assert r.release_date("7.3") is None and r.projected_date("7.3") is not None
    assert r.first_release_after(dt.date(2024, 11, 17)) == Version(6, 13)
    assert r.first_release_after(dt.date(2024, 11, 16)) == Version(6, 12)
    assert r.first_release_after(dt.date(2030, 1, 1)) > Version(7, 1)


def test_earliest_possible_release() -> None:
    assert r.earliest_possible_release((6, 12)) == Version(6, 13)
    assert r.earliest_possible_release(email_date=dt.date(2024, 12, 1)) == Version(6, 13)
    assert r.earliest_possible_release((6, 12), dt.date(2025, 2, 1)) == Version(6, 14)
    assert r.earliest_possible_release((6, 12), target="6.16") == Version(6, 16)


@pytest.mark.skipif(shutil.which("git") is None, reason="no git")
def test_refresh_from_git(tmp_path: Path) -> None:
    repo = tmp_path / "linux"
    repo.mkdir()

    def git(*args: str, date: str = "2024-01-01T12:00:00") -> None:
        env = {
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "PATH": "/usr/bin:/bin",
        }
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)

    git("init", "-q")
    git("commit", "-q", "--allow-empty", "-m", "one")
    git("tag", "-a", "-m", "Linux 9.1-rc1", "v9.1-rc1", date="2030-01-05T12:00:00")
    git("tag", "-a", "-m", "Linux 9.1", "v9.1", date="2030-02-09T12:00:00")
    git("tag", "-a", "-m", "Linux 9.1.1", "v9.1.1", date="2030-02-20T12:00:00")
    git("tag", "-a", "-m", "Linux 2.6.12", "v2.6.12", date="2005-06-17T12:00:00")
    table = tmp_path / "releases.tsv"
    table.write_text("2.6.0\t2003-12-17\n9.0\t2029-12-01\n")
    text = r.refresh_from_git(repo, table)
    assert table.read_text() == text
    rows = r.parse_table(text)
    assert rows[Version(9, 1)] == dt.date(2030, 2, 9)
    assert rows[Version(2, 6, 12)] == dt.date(2005, 6, 17)
    assert rows[Version(2, 6, 0)] == dt.date(2003, 12, 17)  # kept: predates git
    assert len(rows) == 4  # no -rc, no stable tag
    assert not list(tmp_path.glob(".releases.*"))
    t = r.load_table(table)
    assert t.last == Version(9, 1)
