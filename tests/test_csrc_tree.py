"""scan_tree: walking, caching, parallel workers, the scan-c command, the real tree."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest

from abi_tools.commands import scan_c
from abi_tools.csrc import scan_tree
from abi_tools.csrc.cache import Cache

FIXTURES = Path(__file__).parent / "fixtures" / "csrc"


def make_tree(root: Path) -> None:
    (root / "drivers" / "misc").mkdir(parents=True)
    (root / "drivers" / "misc" / "seamldr.c").write_bytes((FIXTURES / "seamldr.c").read_bytes())
    (root / "drivers" / "misc" / "plain.c").write_text("int main(void) { return 0; }\n")
    (root / "drivers" / "misc" / "notes.txt").write_text("static DEVICE_ATTR_RO(x);\n")
    (root / "include").mkdir()
    (root / "include" / "foo.h").write_text("#define FOO_ATTR(_n) static DEVICE_ATTR_RO(foo_##_n)\n")
    (root / ".git").mkdir()
    (root / ".git" / "x.c").write_text("static DEVICE_ATTR_RO(in_git);\n")
    # a directory symlink loop must not hang the walk
    (root / "drivers" / "loop").symlink_to("..")


def test_scan_tree(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = scan_tree(str(tmp_path), jobs=1)
    files = [r.file for r in results]
    assert "drivers/misc/seamldr.c" in files and "drivers/misc/plain.c" in files
    assert not any(f.endswith(".txt") or f.startswith(".git") for f in files)
    decls = [d for r in results for d in r.declarations]
    assert {d.name for d in decls} == {"version", "num_remaining_updates"}
    assert {d.group_name for d in decls} == {"seamldr"}
    unexpanded = [u for r in results for u in r.unexpanded]
    assert [u.file for u in unexpanded] == ["include/foo.h"]


def test_subpaths_and_parallel(tmp_path: Path) -> None:
    make_tree(tmp_path)
    serial = scan_tree(str(tmp_path), subpaths=["drivers/misc"], jobs=1)
    parallel = scan_tree(str(tmp_path), subpaths=["drivers/misc"], jobs=2)
    assert serial == parallel
    assert all(r.file.startswith("drivers/misc/") for r in serial)


def test_cache_is_used_and_invalidated(tmp_path: Path) -> None:
    tree, cache_dir = tmp_path / "tree", tmp_path / "cache"
    tree.mkdir()
    make_tree(tree)
    first = scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir))
    [cache_file] = list(cache_dir.iterdir())
    assert not any(p.name.startswith(".tmp") for p in cache_dir.iterdir())
    assert not any(p.name == cache_file.name for p in tree.rglob("*"))  # never inside the tree
    assert scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir)) == first

    # A cached answer is served even when the file changed behind the cache's back
    # with the same size and mtime...
    src = tree / "drivers" / "misc" / "seamldr.c"
    st = src.stat()
    src.write_bytes(src.read_bytes().replace(b"DEVICE_ATTR_RO(version)", b"DEVICE_ATTR_WO(version)"))
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns))
    again = scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir))
    assert again == first
    # ...and a new mtime invalidates it.
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    modes = {
        d.name: d.mode for r in scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir)) for d in r.declarations
    }
    assert modes["version"] == "WO"
    assert cache_file.exists()


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    tree, cache_dir = tmp_path / "tree", tmp_path / "cache"
    tree.mkdir()
    make_tree(tree)
    cache = Cache(str(cache_dir), str(tree))
    cache_dir.mkdir()
    Path(cache.path).write_text("{not json")
    assert scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir)) == scan_tree(str(tree), jobs=1)


def test_unreadable_file_is_reported_and_scan_goes_on(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "drivers" / "misc" / "dangling.c").symlink_to("nowhere.c")
    secret = tmp_path / "drivers" / "misc" / "secret.c"
    secret.write_text("static DEVICE_ATTR_RO(s);\n")
    secret.chmod(0)
    try:
        results = {r.file: r for r in scan_tree(str(tmp_path), jobs=1)}
    finally:
        secret.chmod(0o644)
    if os.geteuid() != 0:  # root reads anything
        assert "cannot read" in (results["drivers/misc/secret.c"].error or "")
    assert results["drivers/misc/seamldr.c"].declarations


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    scan_c.add_arguments(parser)
    return scan_c.run(parser.parse_args(argv))


def test_command_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path)
    assert run_cli([str(tmp_path), "--no-cache", "--jobs", "1"]) == 0
    out, err = capsys.readouterr()
    assert (
        "drivers/misc/seamldr.c:14: DEVICE_ATTR_RO version mode=RO(0444) group=seamldr_group name=seamldr"
    ) in out
    assert "include/foo.h:1: unexpanded DEVICE_ATTR_RO" in out
    assert out.splitlines()[-1].endswith("declarations (device 2), 1 unexpanded")
    assert err == ""  # no progress bar when stderr is not a terminal


def test_command_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path)
    assert run_cli([str(tmp_path), "--no-cache", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {d["name"] for d in doc["declarations"]} == {"version", "num_remaining_updates"}
    assert doc["unexpanded"][0]["file"] == "include/foo.h"


def test_command_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path)
    missing = str(tmp_path / "nope")
    assert run_cli([missing, str(tmp_path), "--no-cache"]) == 2
    out, err = capsys.readouterr()
    assert missing in err and "Traceback" not in err
    assert "seamldr.c:14:" in out  # the other path was still scanned


# -- the real kernel tree -------------------------------------------------------


def kernel_tree() -> Path:
    tree = os.environ.get("ABI_TOOLS_KERNEL_TREE")
    if not tree:
        pytest.skip("set ABI_TOOLS_KERNEL_TREE to a Linux source tree to run this test")
    path = Path(tree)
    if not (path / "drivers" / "hwmon").is_dir():
        pytest.skip(f"ABI_TOOLS_KERNEL_TREE={tree} has no drivers/hwmon")
    return path


def test_real_hwmon_totals() -> None:
    tree = kernel_tree()
    results = scan_tree(str(tree), subpaths=["drivers/hwmon"])
    assert all(r.error is None for r in results)
    decls = [d for r in results for d in r.declarations]
    sensor = [d for d in decls if d.family == "sensor"]
    # drivers/hwmon of 6.x has a few thousand sensor attributes; most in arrays
    assert 2000 < len(sensor) < 10000
    assert sum(d.array is not None for d in sensor) > 0.6 * len(sensor)
    assert sum(d.mode is not None for d in decls) > 0.95 * len(decls)
    # names are identifiers, except a few runtime templates such as "temp%d_input"
    assert sum(not d.name.isidentifier() for d in decls) < 0.02 * len(decls)
