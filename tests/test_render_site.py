"""The HTML site, man pages and the render command on our fixtures and the 6.12 corpus."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from abi_tools.commands import render as render_cmd
from abi_tools.render import html, parallel, rst
from abi_tools.render.html import render_site
from abi_tools.render.man import render_man
from abi_tools.tree import load_tree

FIXTURES = Path(__file__).parent / "fixtures"
RENDER = FIXTURES / "render"
HOSTILE = FIXTURES / "hostile" / "testing" / "sysfs-hostile"
OUR_SCRIPTS = {'<script src="search.js" defer></script>', '<script src="../search.js" defer></script>'}


def _run(*argv: str) -> int:
    p = argparse.ArgumentParser()
    render_cmd.add_arguments(p)
    return render_cmd.run(p.parse_args(list(argv)))


def test_seed_entry_page() -> None:
    site = render_site(load_tree([str(RENDER)]))
    page = site["testing/sysfs-devices-tdx.html"].decode()
    assert 'id="sys-devices-virtual-tdx-seamldr-version"' in page
    assert 'id="entry-sys-devices-virtual-tdx-seamldr-version"' in page
    assert "<dt>KernelVersion</dt><dd>v6.15</dd>" in page
    assert '<a href="mailto:tdx-demo@example.org">tdx-demo@example.org</a>' in page
    assert "Documentation/ABI/testing/sysfs-devices-tdx:8" in page
    # cross-references: a path in prose and a Documentation/ABI mention
    assert 'href="#sys-devices-virtual-tdx-version">/sys/devices/virtual/tdx/version</a>' in page
    assert 'href="../stable/sysfs-class-demo.html">Documentation/ABI/stable/sysfs-class-demo</a>' in page
    obsolete = site["obsolete/sysfs-bus-demo.html"].decode()
    assert 'href="../stable/sysfs-class-demo.html#sys-class-demo-dev-mode"' in obsolete
    index = site["index.html"].decode()
    for level in ("stable", "testing", "obsolete", "removed"):
        assert f'id="level-{level}"' in index
    assert "paths/sys-devices.html" in index and "paths/sys-class.html" in index
    js = site["search-index.js"].decode()
    assert js.startswith("window.ABI_INDEX = ") and "seamldr/version" in js
    assert '<meta name="viewport"' in page and "prefers-color-scheme" in site["style.css"].decode()


def test_no_network_resources() -> None:
    site = render_site(load_tree([str(RENDER)]))
    for name, data in site.items():
        if name.endswith(".html"):
            text = data.decode()
            assert not re.search(r'src="(?:https?:)?//|<link[^>]*href="(?:https?:)?//', text), name


def test_hostile_corpus(tmp_path: Path) -> None:
    border = "+" + "-" * 11 + "+" + "-" * 13 + "+"
    big = "\n".join([border] + [f"| row {i:5d} | <b>{i:4d}</b> |\n{border}" for i in range(3000)])
    text = HOSTILE.read_text()
    text += "\nWhat:\t\t/sys/kernel/hostile/table\nDate:\t\tApril 2024\nDescription:\n"
    text += "\n".join("\t\t" + ln for ln in big.splitlines()) + "\n"
    src = tmp_path / "testing" / "sysfs-hostile"
    src.parent.mkdir()
    src.write_text(text)
    site = render_site(load_tree([str(src)]))
    page = site["testing/sysfs-hostile.html"].decode()
    scripts = re.findall(r"<script[^>]*>(?:</script>)?", page, re.I)
    assert set(scripts) <= OUR_SCRIPTS and len(scripts) == 1
    assert "<img" not in page.lower()
    assert "root:x:0" not in page and "/bin/bash" not in page
    assert not re.search(r'href\s*=\s*["\']?\s*(?:javascript|data|vbscript):', page, re.I)
    for what in ("script", "raw", "links", "broken", "table"):
        assert f'id="sys-kernel-hostile-{what}"' in page
    assert "ReST: " in page and "directive disabled" in page  # warnings are visible
    assert "Unknown directive type" in page
    assert "row  2999" in page and "&lt;b&gt;2999&lt;/b&gt;" in page  # the huge table, escaped
    assert "&lt;script&gt;alert(&#39;c&#39;)&lt;/script&gt;" in page  # the contact, escaped
    assert 'class="system-message"' not in page


def test_deterministic(tmp_path: Path) -> None:
    tree = load_tree([str(RENDER)])
    assert render_site(tree) == render_site(load_tree([str(RENDER)]))
    assert render_man(tree) == render_man(load_tree([str(RENDER)]))
    a, b = tmp_path / "a", tmp_path / "b"
    assert _run("html", str(RENDER), "-o", str(a)) == 0
    assert _run("html", str(RENDER), "-o", str(b)) == 0
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_parallel_pages_are_the_serial_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "PARALLEL_MIN_ENTRIES", 0)
    tree = load_tree([str(RENDER), str(HOSTILE)])
    assert render_site(tree, jobs=3) == render_site(tree, jobs=1)


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")
def test_parallel_render_survives_a_dead_worker() -> None:
    parent = os.getpid()

    def render(i: int) -> bytes:
        if os.getpid() != parent and i % 2:
            os._exit(3)  # a worker dies on its first odd page
        return f"page {i} by {'parent' if os.getpid() == parent else 'worker'}".encode()

    pages, extra = parallel.render_all(list(range(40)), render, 3, lambda: "index")
    assert extra == "index"
    assert sorted(pages) == list(range(40))
    assert all(pages[i] == f"page {i} by parent".encode() for i in range(1, 40, 2))


def test_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "x").write_text("x")
    assert _run("html", str(RENDER), "-o", str(tmp_path / "keep")) == 2
    err = capsys.readouterr().err
    assert "keep" in err and "--force" in err and "Traceback" not in err
    assert _run("html", str(RENDER), "-o", str(tmp_path / "keep"), "--force") == 0
    assert _run("man", str(tmp_path / "missing"), "-o", str(tmp_path / "m")) == 2
    assert "missing" in capsys.readouterr().err
    assert _run("html", str(RENDER)) == 2
    assert _run("json", str(RENDER), "-o", str(tmp_path / "abi.json")) == 0
    assert _run("rest", str(RENDER), "-o", str(tmp_path / "abi.rst")) == 0
    assert _run("man", str(RENDER), "-o", str(tmp_path / "man")) == 0
    assert (tmp_path / "man" / "man5" / "sysfs-devices-tdx.5").is_file()
    assert (tmp_path / "man" / "man5" / "abi-index.5").is_file()


def _groff(path: Path) -> str:
    r = subprocess.run(["groff", "-man", "-ww", "-z", str(path)], capture_output=True, text=True, check=False)
    return r.stderr


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff not installed (apt-get install groff-base)")
def test_man_fixture_through_groff_and_man(tmp_path: Path) -> None:
    assert _run("man", str(RENDER), "-o", str(tmp_path / "m")) == 0
    page = tmp_path / "m" / "man5" / "sysfs-devices-tdx.5"
    assert _groff(page) == ""
    if shutil.which("man"):
        r = subprocess.run(
            ["man", "-l", str(page)],
            capture_output=True,
            text=True,
            env={"MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80", "PATH": "/usr/bin:/bin"},
            check=False,
        )
        assert "/sys/devices/virtual/tdx/seamldr/version" in r.stdout
        assert "SYNOPSIS" in r.stdout


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff not installed (apt-get install groff-base)")
def test_man_whole_612_corpus_through_groff(tree612: Path, tmp_path: Path) -> None:
    pages = render_man(load_tree([str(tree612)]))
    assert len(pages) > 600
    out = tmp_path / "man"
    for rel, data in pages.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    files = sorted(str(out / rel) for rel in pages)
    # one groff per page: warnings must name no page at all
    failures = {f: err for f in files if (err := _groff(Path(f)))}
    assert not failures, list(failures.items())[:3]


def test_plain_text_renders_as_docutils_does(kernel_tree: Path) -> None:
    """The plain-prose shortcut gives docutils' own HTML, links included, on every
    description of the corpus it takes (and it takes a good share of them)."""
    taken: list[str] = []
    mismatches: list[tuple[str, str, str]] = []

    def both(text: str, linker: rst.Linker, prefix: str) -> rst.RenderedDescription:
        slow = rst.render_with_docutils(text, linker, prefix)
        if rst._plain_paragraphs(text) is not None:
            taken.append(text)
            fast = rst.render_description(text, linker, prefix)
            if fast != slow:
                mismatches.append((text, fast.html, slow.html))
        return slow

    render_site(load_tree([str(kernel_tree)]), both)
    assert not mismatches, mismatches[:3]
    assert len(taken) > 1500


def test_html_whole_612_corpus(tree612: Path) -> None:
    tree = load_tree([str(tree612)])
    site = render_site(tree)
    pages = [n for n in site if n.endswith(".html") and "/" in n and not n.startswith("paths/")]
    assert len(pages) == len(tree.files)
    for name in pages:
        text = site[name].decode()
        assert text.count("<script") == 1, name
        assert "</html>" in text


def _sphinx_build() -> str | None:
    """sphinx-build from $ABI_TOOLS_SPHINX_BUILD, PATH, or bench/render.py's venv."""
    for cand in (os.environ.get("ABI_TOOLS_SPHINX_BUILD"), shutil.which("sphinx-build")):
        if cand and Path(cand).exists():
            return cand
    bench_venv = Path("/tmp/sphinx-venv/bin/sphinx-build")
    return str(bench_venv) if bench_venv.exists() else None


TITLED = """What:\t\t/sys/kernel/demo/control
Date:\t\tMay 2024
KernelVersion:\t6.10
Contact:\tdemo@example.org
Description:
\t\t(RW) Starts and stops the demo.

\t\tAllowed values:
\t\t===============
\t\t* 0: stop
\t\t* 1: start

\t\tReturned values
\t\t---------------
\t\tThe last value written.
"""


@pytest.mark.skipif(_sphinx_build() is None, reason="no sphinx-build (see bench/render.py for its venv)")
def test_rest_output_builds_with_sphinx_without_warnings(tmp_path: Path) -> None:
    """The rest output in a real Sphinx project, warnings as errors: titles inside
    descriptions (a clash with the document's own levels) are taken out as get_abi does."""
    titled = tmp_path / "abi" / "testing" / "sysfs-kernel-demo"
    titled.parent.mkdir(parents=True)
    titled.write_text(TITLED)
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "conf.py").write_text('project = "abi"\nexclude_patterns = ["abi.rst"]\n')
    (proj / "index.rst").write_text("ABI\n===\n\n.. include:: abi.rst\n")
    assert _run("rest", str(RENDER), str(titled), "-o", str(proj / "abi.rst")) == 0
    build = subprocess.run(
        [str(_sphinx_build()), "-q", "-W", "--keep-going", "-b", "html", str(proj), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0 and build.stderr == "", build.stderr
    page = (tmp_path / "out" / "index.html").read_text()
    assert "/sys/devices/virtual/tdx/seamldr/version" in page and "Allowed values:" in page
