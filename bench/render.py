"""Time our full HTML site render against Sphinx building get_abi.pl's ReST.

Usage::

    python bench/render.py [KERNEL_SOURCE_TREE] [--sphinx /tmp/sphinx-venv/bin/sphinx-build]

The kernel tree must have ``scripts/get_abi.pl`` (``../shared/bin/kernel-source 6.12``
installs one).  Sphinx lives in its own venv (``python3 -m venv /tmp/sphinx-venv &&
/tmp/sphinx-venv/bin/pip install sphinx``).  Both sides run as subprocesses in the
same run, from a cold start, writing to temporary folders; the kernel side is
``get_abi.pl rest --dir Documentation/ABI`` plus ``sphinx-build -b html`` on a
minimal project whose index includes that output.  Prints both times and the ratio.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The render command itself, without the rest of the CLI (one process, cold start).
RUN = (
    "import argparse, sys\n"
    "from abi_tools.commands import render\n"
    "p = argparse.ArgumentParser(); render.add_arguments(p)\n"
    "sys.exit(render.run(p.parse_args(sys.argv[1:])))\n"
)
# abi.rst is only included by index.rst: excluded as a document of its own, or
# Sphinx would build the whole ABI twice (once included, once standalone).
CONF = (
    'project = "abi"\nextensions = []\nhtml_theme = "alabaster"\nsuppress_warnings = ["ref", "toc"]\n'
    'exclude_patterns = ["abi.rst"]\n'
)


def timed(cmd: list[str], **kw: object) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)  # type: ignore[call-overload]
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tree", nargs="?", default="/root/.cache/kernel-source/linux-6.12")
    ap.add_argument("--sphinx", default="/tmp/sphinx-venv/bin/sphinx-build")
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()
    tree = Path(args.tree)
    if not (tree / "scripts" / "get_abi.pl").is_file():
        print(f"{tree}: no scripts/get_abi.pl; run ../shared/bin/kernel-source 6.12", file=sys.stderr)
        return 2
    if not Path(args.sphinx).exists():
        print(
            f"{args.sphinx}: not found; create the Sphinx venv (see this file's docstring)", file=sys.stderr
        )
        return 2
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory() as tmp:
        ours = timed([args.python, "-c", RUN, "html", str(tree), "-o", f"{tmp}/ours"], env=env)
        proj = Path(tmp) / "sphinx"
        proj.mkdir()
        (proj / "conf.py").write_text(CONF)
        (proj / "index.rst").write_text("ABI\n===\n\n.. include:: abi.rst\n")
        start = time.perf_counter()
        with open(proj / "abi.rst", "wb") as fh:
            subprocess.run(
                ["perl", "scripts/get_abi.pl", "rest", "--dir", "Documentation/ABI"],
                cwd=tree,
                check=True,
                stdout=fh,
                stderr=subprocess.DEVNULL,
            )
        get_abi = time.perf_counter() - start
        sphinx = timed([args.sphinx, "-q", "-b", "html", "-E", str(proj), f"{tmp}/sphinx-out"])
    kernel = get_abi + sphinx
    print(f"abi-tools render html:        {ours:8.2f} s")
    print(
        f"get_abi.pl rest + sphinx html: {kernel:8.2f} s  (get_abi.pl {get_abi:.2f} s, sphinx {sphinx:.2f} s)"
    )
    print(f"ratio ours/kernel:             {ours / kernel:8.3f}  (target <= 0.100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
