"""Helpers for the diff tests: small ABI trees written by us."""

from __future__ import annotations

from pathlib import Path

from abi_tools.model import AbiTree
from abi_tools.parse import parse_text


def entry(
    *whats: str,
    desc: str = "Reads the current foo value in bar units.",
    date: str = "January 2024",
    kv: str = "6.8",
    contact: str = "Jane Doe <jane@example.org>",
    users: str | None = None,
) -> str:
    lines = [f"What:\t\t{whats[0]}"] + [f"\t\t{w}" for w in whats[1:]]
    lines += [f"Date:\t\t{date}", f"KernelVersion:\t{kv}", f"Contact:\t{contact}", "Description:"]
    lines += [f"\t\t{line}" for line in desc.split("\n")]
    if users is not None:
        lines.append(f"Users:\t\t{users}")
    return "\n".join(lines) + "\n"


def tree(files: dict[str, str], root: str = "t") -> AbiTree:
    """An AbiTree from {'testing/sysfs-x': text, ...} (paths under Documentation/ABI)."""
    parsed = []
    for rel, text in sorted(files.items()):
        path = f"Documentation/ABI/{rel}"
        parsed.append(parse_text(text, path))
    return AbiTree(root, tuple(parsed))


def write_tree(base: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in files.items():
        p = base / "Documentation" / "ABI" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
    return base
