"""Text and JSON output of a cross-check, and its summary.

Text groups findings by the file they are about: C-side findings under their
C file, doc-without-code under its ABI file; every line names both places
when there are two, and a matched finding says why it matched.  The summary
counts declarations per subsystem directory with the documented share.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import IO, Any

from abi_tools import __version__
from abi_tools.csrc.model import ScanResult
from abi_tools.xcheck.model import KINDS, SEVERITY, DeclMatch, XcheckResult, XFinding


def subsystem(path: str) -> str:
    """drivers/hwmon/lm75.c -> drivers/hwmon; kernel/module/main.c -> kernel."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[0] in ("drivers", "arch", "sound", "fs", "net"):
        return "/".join(parts[:2])
    return parts[0] if len(parts) > 1 else "."


def summary(matches: Sequence[DeclMatch], findings: Sequence[XFinding]) -> dict[str, Any]:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for m in matches:
        c = per[subsystem(m.decl.file)]
        c["declared"] += 1
        c["documented" if m.documented else "low" if m.confidence == "low" else "missing"] += 1
    total: Counter[str] = Counter()
    for c in per.values():
        total.update(c)
    kinds = Counter(f.kind for f in findings)
    # findings a kind reports below its default severity (hwmon's allowed modes)
    lowered = Counter(f.kind for f in findings if f.severity != SEVERITY[f.kind])

    def share(c: Counter[str]) -> float:
        return round(c["documented"] / c["declared"], 4) if c["declared"] else 0.0

    return {
        "declarations": total["declared"],
        "documented": total["documented"],
        "low_confidence": total["low"],
        "undocumented": total["missing"],
        "documented_share": share(total),
        "findings": {k: kinds.get(k, 0) for k in KINDS},
        "findings_below_default_severity": {k: lowered[k] for k in KINDS if lowered[k]},
        "subsystems": {
            name: {
                "declarations": c["declared"],
                "documented": c["documented"],
                "low_confidence": c["low"],
                "undocumented": c["missing"],
                "documented_share": share(c),
            }
            for name, c in sorted(per.items())
        },
    }


def _line(f: XFinding) -> str:
    where = f"{f.c_file}:{f.c_line}" if f.c_file else f"{f.abi_file}:{f.abi_line}"
    text = f"{where}: {f.severity}: {f.message} [{f.kind}]"
    if f.c_file and f.abi_file:
        text += f"\n    matched: {f.abi_file}:{f.abi_line}: What: {f.what}"
    if f.hint:
        text += f"\n    hint: {f.hint}"
    return text


def write_text(out: IO[str], result: XcheckResult, summ: dict[str, Any], hints: bool = True) -> None:
    by_c: dict[str, list[XFinding]] = defaultdict(list)
    by_abi: dict[str, list[XFinding]] = defaultdict(list)
    for f in result.findings:
        if f.c_file:
            by_c[f.c_file].append(f)
        elif f.abi_file:
            by_abi[f.abi_file].append(f)
    for title, groups in (("C source", by_c), ("Documentation/ABI", by_abi)):
        if not groups:
            continue
        out.write(f"== {title}: findings per file ==\n")
        for path in sorted(groups):
            out.write(f"{path}\n")
            for f in sorted(groups[path], key=lambda f: (f.c_line or f.abi_line or 0, f.kind)):
                text = _line(f)
                if not hints:
                    text = "\n".join(t for t in text.split("\n") if not t.startswith("    hint:"))
                out.write("  " + text.replace("\n", "\n  ") + "\n")
    out.write("== summary ==\n")
    out.write(
        f"{'subsystem':32s} {'declared':>8s} {'documented':>10s} {'low':>6s} {'missing':>8s} {'share':>6s}\n"
    )
    for name, c in summ["subsystems"].items():
        out.write(
            f"{name:32s} {c['declarations']:8d} {c['documented']:10d} {c['low_confidence']:6d} "
            f"{c['undocumented']:8d} {c['documented_share']:6.1%}\n"
        )
    out.write(
        f"{'total':32s} {summ['declarations']:8d} {summ['documented']:10d} {summ['low_confidence']:6d} "
        f"{summ['undocumented']:8d} {summ['documented_share']:6.1%}\n"
    )
    lowered = summ["findings_below_default_severity"]
    counts = ", ".join(
        f"{n} {k}" + (f" ({lowered[k]} of them info)" if k in lowered else "")
        for k, n in summ["findings"].items()
        if k != "doc-without-code" or result.complete
    )
    if not result.complete:
        counts += " (doc-without-code not checked: only part of the tree was scanned)"
    out.write(f"findings: {counts}\n")


def write_json(out: IO[str], result: XcheckResult, summ: dict[str, Any], scans: Sequence[ScanResult]) -> None:
    doc = {
        "tool": "abi-tools",
        "version": __version__,
        "complete": result.complete,
        "summary": summ,
        "declarations": [m.to_json() for m in result.matches],
        "findings": [f.to_json() for f in result.findings],
        "unexpanded": [u.to_json() for r in scans for u in r.unexpanded],
        "errors": [{"file": r.file, "error": r.error} for r in scans if r.error],
    }
    # dumps without indent: only a one-shot encoding without indent runs the
    # C encoder, and a whole tree's document is tens of megabytes.
    out.write(json.dumps(doc, ensure_ascii=False))
    out.write("\n")
