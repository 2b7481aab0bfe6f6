"""Running ``abi-tools check-patch`` in-process on our fixtures, and reading its JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from abi_tools.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
PATCHES = FIXTURES / "patches"
#: A small kernel tree of our own (6.16-rc3) that the lumen-* patches apply to.
LUMEN_TREE = FIXTURES / "lumen-tree"


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and stdout of ``check-patch ARGS``."""
    code = main(["check-patch", *args])
    return code, capsys.readouterr().out


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code, out = check(capsys, *args, "--format", "json")
    return code, json.loads(out)


def findings(doc: dict[str, Any], rule: str | None = None) -> list[dict[str, Any]]:
    return [d for d in doc["diagnostics"] if rule is None or rule in (d["rule"], d["name"])]


def patch(name: str) -> str:
    return str(PATCHES / name)
