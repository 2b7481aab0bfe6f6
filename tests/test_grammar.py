"""The grammar's parser: generated once by lark, cached, and run without lark."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from abi_tools import grammar


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A fresh cache directory; the process's own runtime module is put back afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    before = sys.modules.get(grammar.MODULE)
    yield tmp_path / "abi-tools"
    if before is not None:
        sys.modules[grammar.MODULE] = before


def _fresh_runtime() -> object:
    # grammar.runtime() is cached for the process; its undecorated body
    # is what a new process runs.
    return grammar.runtime.__wrapped__()  # type: ignore[attr-defined]


def _parses(runtime: object) -> bool:
    p = grammar.AbiParser(runtime, {})  # type: ignore[arg-type]
    tree = p.parse("What: /sys/a\nDate: May 2020\n")
    return [c.data for c in tree.children] == ["preamble", "entry"]


def test_first_run_writes_the_cache_and_later_runs_do_not_generate(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _parses(_fresh_runtime())
    (stored,) = cache.glob("parser-*.marshal")

    def no_generating(_: str) -> str:
        raise AssertionError("generated although the cache holds the parser")

    monkeypatch.setattr(grammar, "generate", no_generating)
    assert _parses(_fresh_runtime())
    assert list(cache.glob("parser-*.marshal")) == [stored]


def test_cache_is_named_by_the_grammar_and_checked_in_full() -> None:
    one, two = grammar.cache_key("start: A\n"), grammar.cache_key("start: B\n")
    assert one != two and grammar.cache_path(one) != grammar.cache_path(two)
    assert grammar.cache_path(one) == grammar.cache_path(grammar.cache_key("start: A\n"))


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe3\x02\x00\x00\x00\x00"])
def test_a_damaged_cache_file_is_generated_again(cache: Path, content: bytes) -> None:
    assert _parses(_fresh_runtime())
    (stored,) = cache.glob("parser-*.marshal")
    stored.write_bytes(content)
    assert _parses(_fresh_runtime())
    assert stored.stat().st_size > 10_000


def test_a_cache_file_for_another_key_is_not_used(cache: Path) -> None:
    import marshal

    assert _parses(_fresh_runtime())
    (stored,) = cache.glob("parser-*.marshal")
    stored.write_bytes(marshal.dumps(("another key", compile("raise SystemExit(3)", "x", "exec"))))
    assert _parses(_fresh_runtime())


def test_an_unwritable_cache_still_parses(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    before = sys.modules.get(grammar.MODULE)
    try:
        assert _parses(_fresh_runtime())
    finally:
        if before is not None:
            sys.modules[grammar.MODULE] = before


def test_a_lint_run_does_not_import_lark(tmp_path: Path) -> None:
    # The point of the generated runtime: lark's import is a tenth of a run.
    sample = Path(__file__).resolve().parent.parent / "samples"
    code = (
        "import sys\n"
        "from abi_tools.cli import main\n"
        f"main(['lint', {str(sample)!r}, '--no-cache'])\n"
        "print('lark' in sys.modules, any(m.startswith('lark.') for m in sys.modules))\n"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, capture_output=True, text=True, env=env, check=False)
    second = subprocess.run(run, capture_output=True, text=True, env=env, check=False)
    # The first run generates the parser (with lark); the second only loads it.
    assert first.stdout.strip().endswith("True True"), first.stderr
    assert second.stdout.strip().endswith("False False"), second.stderr
