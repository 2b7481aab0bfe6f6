"""Baselines: record today's findings so that only new ones fail a build.

A finding is identified without its line number (lines move when text is
added above), by rule, file, message and the text of the line it points at.
The same identity may occur several times; the baseline keeps a count.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence

from abi_tools.atomic import write_text_atomic
from abi_tools.model import Diagnostic

FORMAT = "abi-tools-baseline/1"


def fingerprint(d: Diagnostic, line_text: str) -> str:
    raw = "\0".join((d.rule_id, d.span.path, d.message, line_text.strip()))
    return hashlib.sha1(raw.encode("utf-8", "backslashreplace")).hexdigest()[:20]


LineLookup = Callable[[str, int], str]


def write_baseline(path: str, diags: Sequence[Diagnostic], line_of: LineLookup) -> None:
    prints = Counter(fingerprint(d, line_of(d.span.path, d.span.line)) for d in diags)
    doc = {"format": FORMAT, "count": len(diags), "fingerprints": dict(sorted(prints.items()))}
    write_text_atomic(path, json.dumps(doc, indent=1) + "\n")


def read_baseline(path: str) -> Counter[str]:
    """The recorded fingerprints; raises ValueError on a file that is not a baseline."""
    with open(path, encoding="utf-8") as fh:
        try:
            doc = json.load(fh)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not a baseline file ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"{path}: not an abi-tools baseline (no format '{FORMAT}')")
    return Counter({str(k): int(v) for k, v in doc.get("fingerprints", {}).items()})


def apply_baseline(
    diags: Sequence[Diagnostic], known: Counter[str], line_of: LineLookup
) -> tuple[list[Diagnostic], int]:
    """The findings not in the baseline, and how many were suppressed."""
    left = Counter(known)
    kept: list[Diagnostic] = []
    for d in diags:
        fp = fingerprint(d, line_of(d.span.path, d.span.line))
        if left[fp] > 0:
            left[fp] -= 1
        else:
            kept.append(d)
    return kept, len(diags) - len(kept)
