"""Anchors, xref matching, escaping, atomic writes, json/rest shape."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from abi_tools.model import AbiTree
from abi_tools.parse import parse_text
from abi_tools.render import man, rst
from abi_tools.render.anchors import AnchorAllocator, slugify
from abi_tools.render.json import model_to_dict, render_json
from abi_tools.render.rest import render_rest
from abi_tools.render.rst import is_safe_uri, render_description
from abi_tools.render.write import MARKER, OutputError, write_directory, write_file
from abi_tools.render.xref import PathMatcher, path_mentions


def test_slug_of_seed_what() -> None:
    assert slugify("/sys/devices/virtual/tdx/seamldr/version") == "sys-devices-virtual-tdx-seamldr-version"
    assert slugify("/sys/class/<dev>/X/foo_bar") == "sys-class-dev-x-foo_bar"
    assert slugify("") == "entry"
    assert slugify("/0/x") == "n0-x"


def test_anchor_dedup_is_deterministic() -> None:
    a = AnchorAllocator(("top",))
    got = [a.allocate(t) for t in ("/sys/a/<N>", "/sys/a/N", "/sys/a/*/n", "top")]
    assert got == ["sys-a-n", "sys-a-n-2", "sys-a-n-3", "top-2"]


@pytest.mark.parametrize(
    ("what", "path"),
    [
        ("/sys/devices/system/cpu/cpuX/online", "/sys/devices/system/cpu/cpu12/online"),
        ("/sys/class/net/<iface>/mtu", "/sys/class/net/eth0/mtu"),
        ("/sys/class/net/<iface>/mtu", "/sys/class/net/<iface>/mtu"),
        ("/sys/bus/pci/devices/*/power", "/sys/bus/pci/devices/0000:00:1f.0/power"),
        ("/sys/block/<disk>/{size,ro}", "/sys/block/sda/ro"),
        (
            "/sys/bus/iio/devices/iio:deviceX/in_voltageY_raw",
            "/sys/bus/iio/devices/iio:device0/in_voltage3_raw",
        ),
        ("/sys/kernel/foo/[0-9]+/bar", "/sys/kernel/foo/42/bar"),
        ("/sys/kernel/foo/node%d/bar", "/sys/kernel/foo/node7/bar"),
        ("/sys/bus/platform/devices/.../XXXXXXX.ipa/version", "/sys/bus/platform/devices/a/b/1.ipa/version"),
        ("/sys/devices/.../coresight/[etm|ptm]/mode", "/sys/devices/x/coresight/ptm/mode"),
        ("/sys/class/hwmon/hwmonN/tempY_input", "/sys/class/hwmon/hwmon2/temp1_input"),
    ],
)
def test_wildcard_matches(what: str, path: str) -> None:
    m: PathMatcher[str] = PathMatcher()
    assert m.add(what, "T")
    assert m.match(path) == "T"


def test_most_specific_what_wins_and_misses_miss() -> None:
    m: PathMatcher[str] = PathMatcher()
    m.add("/sys/devices/system/cpu/*/online", "star")
    m.add("/sys/devices/system/cpu/cpuX/online", "cpuX")
    m.add("/sys/devices/system/cpu/cpu0/online", "exact")
    m.add("vDSO", "prose")
    assert m.match("/sys/devices/system/cpu/cpu0/online") == "exact"
    assert m.match("/sys/devices/system/cpu/cpu5/online") == "cpuX"
    assert m.match("/sys/devices/system/cpu/possible/online") == "star"
    assert m.match("/sys/devices/system/cpu/cpu5/offline") is None
    assert m.match("/proc/cpuinfo") is None
    assert m.tops == {"sys"}


def test_path_mentions_strip_punctuation() -> None:
    text = "See /sys/class/foo/bar. Also (/proc/x/y), and /sysfs/not or a/sys/b."
    spans = [text[s:e] for s, e in path_mentions(text, {"sys", "proc"})]
    assert spans == ["/sys/class/foo/bar", "/proc/x/y"]


def test_safe_uris() -> None:
    assert is_safe_uri("https://kernel.org/")
    assert is_safe_uri("mailto:a@b.c")
    assert is_safe_uri("../x.html#y")
    for bad in ("javascript:alert(1)", " JaVaScRiPt:x", "java\tscript:x", "data:text/html,x", "vbscript:x"):
        assert not is_safe_uri(bad)


def test_render_description_messages_and_ok() -> None:
    good = render_description("A *fine* paragraph.\n\n- one\n- two\n")
    assert good.ok and good.messages == () and "<em>fine</em>" in good.html
    bad = render_description("text\n  unexpected indent\nback\n\n.. nosuch:: x\n")
    assert not bad.ok
    assert any(level >= 3 for _, level, _ in bad.messages)
    assert "system-message" not in bad.html and "System Message" not in bad.html
    unclosed = render_description("then *unclosed emphasis")
    assert unclosed.problems == ((1, 2, "Inline emphasis start-string without end-string."),)
    assert '<span class="problematic"' in unclosed.html and "</span>unclosed emphasis" in unclosed.html


def test_render_description_is_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    render_description("``unclosed\n\n.. raw:: html\n\n   <b>x</b>\n")
    assert capsys.readouterr() == ("", "")


REUSE_TEXTS = (
    "Title\n=====\n\nBody with *emphasis*.\n\nSub\n---\n\nmore",
    ".. default-role:: literal\n\n`as literal`",
    "`default role again`\n\n#. one\n#. two\n\nterm\n   definition",
    "Other\n*****\n\n.. unknown:: x\n\n- a\n\n  - nested",
    "Line one\n  bad indent\n\n``unclosed",
)


def test_reused_parser_renders_as_a_fresh_one() -> None:
    """One state machine serves every description: nothing leaks from one to the next."""
    in_a_row = [render_description(t, None, f"e{i}-") for i, t in enumerate(REUSE_TEXTS)]
    fresh = []
    for i, t in enumerate(REUSE_TEXTS):
        rst._components.cache_clear()
        fresh.append(render_description(t, None, f"e{i}-"))
    assert in_a_row == fresh
    assert '<span class="docutils literal">as literal' in in_a_row[1].html
    assert "<cite>default role again</cite>" in in_a_row[2].html  # the role did not outlive its text
    assert in_a_row[3].problems and not in_a_row[0].problems


def test_roff_escaping() -> None:
    assert man.escape("a-b\\c") == "a\\-b\\ec"
    assert man.escape("é") == "\\[u00E9]"
    assert man._line(".TH x") == "\\&.TH x"
    assert man._line("'x") == "\\&'x"
    assert man._arg('say "hi"') == '"say \\(dqhi\\(dq"'


def test_atomic_write_refusal_and_force(tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="--force"):
        write_directory(str(foreign), {"index.html": b"x"})
    write_directory(str(foreign), {"index.html": b"x"}, force=True)
    assert (foreign / "notes.txt").read_text() == "keep me"
    assert (foreign / "index.html").read_bytes() == b"x"
    assert not (foreign / MARKER).exists()

    ours = tmp_path / "site"
    write_directory(str(ours), {"a.html": b"1", "sub/b.html": b"2"})
    assert (ours / MARKER).exists()
    write_directory(str(ours), {"a.html": b"3"})  # ours: replaced whole, stale files gone
    assert (ours / "a.html").read_bytes() == b"3"
    assert not (ours / "sub").exists()
    assert sorted(os.listdir(tmp_path)) == ["mine", "site"]  # no temp dirs left behind

    target = tmp_path / "f.json"
    write_file(str(target), b"{}")
    assert target.read_bytes() == b"{}"
    with pytest.raises(OutputError, match="is a directory"):
        write_file(str(ours), b"x")
    (tmp_path / "plain").write_text("x")
    with pytest.raises(OutputError, match="not a directory"):
        write_directory(str(tmp_path / "plain"), {"a": b""})


SEED = """What:\t\t/sys/devices/virtual/tdx/seamldr/version
Date:\t\tMarch 2025
KernelVersion:\tv6.15
Contact:\ttdx-demo@example.org
Description:\t(RO) The loader version, x.y.z.
"""


def _tree() -> AbiTree:
    f = parse_text(SEED, "Documentation/ABI/testing/sysfs-devices-tdx")
    return AbiTree("", (f,))


def test_model_to_dict_shape() -> None:
    d = model_to_dict(_tree())
    e = d["files"][0]["entries"][0]
    assert d["format"] == "abi-tools-model" and d["entry_count"] == 1
    assert e["whats"][0]["path"] == "/sys/devices/virtual/tdx/seamldr/version"
    assert {f["tag"]: f["value"] for f in e["fields"]}["KernelVersion"] == "v6.15"
    assert json.loads(render_json(_tree())) == d


def test_rest_output_parses_cleanly() -> None:
    text = render_rest(_tree())
    assert "File Documentation/ABI/testing/sysfs-devices-tdx" in text
    assert ".. _abi_sys_devices_virtual_tdx_seamldr_version:" in text
    rendered = render_description(text.replace(":ref:", ""))
    assert not [m for m in rendered.messages if m[1] >= 2], rendered.messages
