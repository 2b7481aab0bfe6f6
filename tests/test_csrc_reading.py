"""How scan_tree reads: the byte prefilter, the reused read buffer, what the walk
stats and reads, and a damaged cache.  Results must not depend on any of it."""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

import abi_tools.csrc as csrc
from abi_tools.csrc import scan_file, scan_tree
from abi_tools.csrc.cache import CACHE_FORMAT, Cache
from abi_tools.csrc.kbuild import makefile_stamp
from abi_tools.csrc.prefilter import has_decl_call_bytes
from abi_tools.csrc.reading import Reader
from abi_tools.csrc.walk import Found, walk

# -- the prefilter: PASS (worth scanning) and FAIL examples -------------------


@pytest.mark.parametrize(
    "code",
    [
        b"static DEVICE_ATTR_RO(version);",
        b"__ATTR(x, 0444, show, NULL)",  # at the very start of the data
        b"static SENSOR_DEVICE_ATTR_2_RW (temp1, temp, 0);",  # space before "("
        b"module_param_named\n\t(debug, dbg, int, 0644);",
        b"int x = FOO_ATTR; core_param(panic, x, int, 0644);",  # second needle only
    ],
)
@pytest.mark.parametrize("use_memmem", [True, False])
def test_prefilter_passes(code: bytes, use_memmem: bool) -> None:
    assert has_decl_call_bytes(code, use_memmem=use_memmem)
    assert has_decl_call_bytes(bytearray(code), use_memmem=use_memmem)


@pytest.mark.parametrize(
    "code",
    [
        b"int main(void) { return 0; }",
        b"enum { IB_QP_ATTR_STATE = 1 };",  # ATTR, but no call
        b"MY_DEVICE_ATTR_RO(x);",  # a call, but not of a declaration macro
        b"set_param(x); struct foo_params p;",
        b"xmodule_param(a, int, 0);",
    ],
)
@pytest.mark.parametrize("use_memmem", [True, False])
def test_prefilter_fails(code: bytes, use_memmem: bool) -> None:
    assert not has_decl_call_bytes(code, use_memmem=use_memmem)
    assert not has_decl_call_bytes(bytearray(code), use_memmem=use_memmem)


@pytest.mark.parametrize("use_memmem", [True, False])
def test_prefilter_looks_only_below_end(use_memmem: bool) -> None:
    # A reused buffer holds a longer earlier file after the current one.
    buf = bytearray(b"int x;\n" + b"static DEVICE_ATTR_RO(version);")
    assert not has_decl_call_bytes(buf, 7, use_memmem=use_memmem)
    assert not has_decl_call_bytes(buf, 0, use_memmem=use_memmem)
    assert has_decl_call_bytes(buf, len(buf), use_memmem=use_memmem)
    assert has_decl_call_bytes(buf, 10**9, use_memmem=use_memmem)  # end past the data: its length


# -- the reused read buffer ----------------------------------------------------

DECLARES = "static DEVICE_ATTR_RO(version);\n"


def test_reader_grows_and_reuses_its_buffer(tmp_path: Path) -> None:
    big = tmp_path / "big.c"
    big.write_text("/* padding */\n" * 100 + DECLARES)
    small = tmp_path / "small.c"
    small.write_text("int x;\n")
    reader = Reader(size=64)
    end, size, mtime_ns = reader.read(str(big))
    assert end == size == big.stat().st_size and mtime_ns == big.stat().st_mtime_ns
    assert bytes(reader.buf[:end]) == big.read_bytes()
    end, _, _ = reader.read(str(small))
    assert bytes(reader.buf[:end]) == b"int x;\n"
    # the small file is read after the big one, into the same buffer: no results of its own
    paths = [str(big), str(small)]
    found, stats = csrc._scan_chunk(paths, ["big.c", "small.c"], True, reader=Reader(size=64))
    assert [(i, r.file, len(r.declarations)) for i, r in found] == [(0, "big.c", 1)]
    assert stats == [(big.stat().st_size, big.stat().st_mtime_ns), (7, small.stat().st_mtime_ns)]


def test_scan_file_and_tree_agree(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text(DECLARES)
    (tmp_path / "b.h").write_text("#define X(n) static DEVICE_ATTR_RO(n)\n")
    tree = {r.file: r for r in scan_tree(str(tmp_path), jobs=1)}
    for name in ("a.c", "b.h"):
        assert scan_file(str(tmp_path / name), display_path=name) == tree[name]


# -- what the walk finds, stats and reads ---------------------------------------


def test_walk_kinds_of_entries(tmp_path: Path) -> None:
    (tmp_path / "dir.c").mkdir()  # a directory with a source-like name is descended
    (tmp_path / "dir.c" / "inner.c").write_text(DECLARES)
    (tmp_path / "real.c").write_text(DECLARES)
    (tmp_path / "link.c").symlink_to("real.c")  # a symlink to a file is scanned
    (tmp_path / "dangling.c").symlink_to("nowhere.c")
    os.mkfifo(tmp_path / "fifo.c")  # must be skipped: reading it would block forever
    results = {r.file: r for r in scan_tree(str(tmp_path), jobs=1)}
    assert sorted(results) == ["dangling.c", "dir.c/inner.c", "link.c", "real.c"]
    assert "cannot read" in (results["dangling.c"].error or "")
    assert results["link.c"].declarations[0].file == "link.c"
    assert results["dir.c/inner.c"].declarations


def test_cached_run_reads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree, cache_dir = tmp_path / "tree", tmp_path / "cache"
    tree.mkdir()
    (tree / "a.c").write_text(DECLARES)
    (tree / "b.c").write_text("int x;\n")
    first = scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir))

    def no_read(self: Reader, path: str) -> tuple[int, int, int]:
        raise AssertionError(f"read {path} on a cached run")

    monkeypatch.setattr(Reader, "read", no_read)
    assert scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir)) == first


def test_only_files_the_cache_knows_are_stated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A first run has no use for a stat in the walk: the worker's fstat of the
    # open file gives the cache its key.  A second run stats each file once.
    (tmp_path / "a.c").write_text(DECLARES)
    (tmp_path / "b.c").write_text("int x;\n")
    stated: list[str] = []

    def counting_walk(root: str, subpaths: Sequence[str] = ()) -> Iterator[Found]:
        for path, rel, stat_of, error in walk(root, subpaths):
            if stat_of is None:
                yield path, rel, stat_of, error
                continue

            def counted(rel: str = rel, stat_of: Callable[[], os.stat_result] = stat_of) -> os.stat_result:
                stated.append(rel)
                return stat_of()

            yield path, rel, counted, error

    monkeypatch.setattr(csrc, "walk", counting_walk)
    cache_dir = str(tmp_path / "cache")
    first = scan_tree(str(tmp_path), jobs=1, cache_dir=cache_dir)
    assert stated == []
    assert scan_tree(str(tmp_path), jobs=1, cache_dir=cache_dir) == first
    assert sorted(stated) == ["a.c", "b.c"]


def test_a_changed_makefile_rescans_the_files_it_names(tmp_path: Path) -> None:
    # module_param files sit under /sys/module/KBUILD_MODNAME/, and the
    # Makefile says what that is: a cached module name goes stale with it.
    tree, cache_dir = tmp_path / "tree", str(tmp_path / "cache")
    tree.mkdir()
    (tree / "a.c").write_text("module_param(debug, int, 0644);\n")
    makefile = tree / "Makefile"
    makefile.write_text("obj-m += foo.o\nfoo-y := a.o b.o\n")
    (first,) = scan_tree(str(tree), jobs=1, cache_dir=cache_dir)
    assert first.kbuild_module == "foo" and first.declarations[0].module == "foo"
    makefile.write_text("obj-m += foo_bar.o\nfoo_bar-y := a.o b.o\n")
    (second,) = scan_tree(str(tree), jobs=1, cache_dir=cache_dir)
    assert second.kbuild_module == "foo_bar" and second.declarations[0].module == "foo_bar"
    assert [second] == scan_tree(str(tree), jobs=1)


def test_reader_reads_files_whose_size_is_not_known(tmp_path: Path) -> None:
    # /proc files stat as empty; the reader must read to end of file all the same.
    cmdline = Path("/proc/self/cmdline")
    if not cmdline.exists():
        pytest.skip("no /proc/self/cmdline here")
    reader = Reader(size=16)
    end, _, _ = reader.read(str(cmdline))
    assert end > 16 and bytes(reader.buf[:end]) == cmdline.read_bytes()


# -- a damaged cache is no cache ------------------------------------------------


def _damaged(root: str, mtime_ns: int = 0) -> list[bytes]:
    return [
        b"",
        b"\x00garbage",
        marshal.dumps((CACHE_FORMAT, root, {"a.c": (1, 2)})),  # an entry of the wrong shape
        marshal.dumps((CACHE_FORMAT, root, {"a.c": "x"})),
        # right stat key and Makefile stamp, a declaration of the wrong shape
        marshal.dumps(
            (
                CACHE_FORMAT,
                root,
                {
                    "a.c": (
                        32,
                        mtime_ns,
                        makefile_stamp(root),
                        ("a.c", [("x",)], [], [], None),
                    )
                },
            )
        ),
        # the entry of the format before Makefile stamps
        marshal.dumps((CACHE_FORMAT, root, {"a.c": (32, mtime_ns, ("a.c", [], [], [], None))})),
        marshal.dumps(["not", "a", "tuple"]),
    ]


@pytest.mark.parametrize("case", range(len(_damaged(""))))
def test_damaged_cache_is_a_miss(tmp_path: Path, case: int) -> None:
    tree, cache_dir = tmp_path / "tree", tmp_path / "cache"
    tree.mkdir()
    (tree / "a.c").write_text(DECLARES)
    cache = Cache(str(cache_dir), str(tree))
    cache_dir.mkdir()
    Path(cache.path).write_bytes(_damaged(cache.root, (tree / "a.c").stat().st_mtime_ns)[case])
    assert scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir)) == scan_tree(str(tree), jobs=1)


# -- when worker processes start ---------------------------------------------------


def _many_files(root: Path, n: int) -> None:
    for i in range(n):
        (root / f"f{i:04}.c").write_text(DECLARES if i % 50 == 0 else f"int x{i};\n")


def test_workers_scan_what_one_process_scans(tmp_path: Path) -> None:
    n = csrc._CHUNK * 2 + 10  # more than a chunk: workers start
    _many_files(tmp_path, n)
    cache_dir = str(tmp_path / "cache")
    parallel = scan_tree(str(tmp_path), jobs=2, cache_dir=cache_dir)
    assert parallel == scan_tree(str(tmp_path), jobs=1)
    assert sum(len(r.declarations) for r in parallel) == len(range(0, n, 50))
    # the cache the workers' stat keys filled answers the next run
    assert scan_tree(str(tmp_path), jobs=2, cache_dir=cache_dir) == parallel


def test_a_few_files_start_no_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    _many_files(tmp_path, 20)
    assert len(scan_tree(str(tmp_path), jobs=2)) == 20


def test_old_json_cache_is_removed(tmp_path: Path) -> None:
    tree, cache_dir = tmp_path / "tree", tmp_path / "cache"
    tree.mkdir()
    (tree / "a.c").write_text(DECLARES)
    cache_dir.mkdir()
    legacy = Path(Cache(str(cache_dir), str(tree)).path).with_suffix(".json")
    legacy.write_text("{}")
    scan_tree(str(tree), jobs=1, cache_dir=str(cache_dir))
    assert [p.suffix for p in cache_dir.iterdir()] == [".marshal"]
