#!/usr/bin/env python3
"""Per-family and per-macro declaration counts of scan_tree() on a kernel tree.

    python bench/csrc_counts.py [TREE]      (default: $ABI_TOOLS_KERNEL_TREE)

"direct" counts macro calls written in the source; "via wrapper" counts the
declarations found by expanding same-file #define wrappers (one per use).
"""

from __future__ import annotations

import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from abi_tools.csrc import FAMILIES, scan_tree  # noqa: E402


def main() -> int:
    tree = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ABI_TOOLS_KERNEL_TREE", "")
    if not os.path.isdir(tree):
        print("usage: csrc_counts.py TREE (or set ABI_TOOLS_KERNEL_TREE)", file=sys.stderr)
        return 2
    results = scan_tree(tree)
    decls = [d for r in results for d in r.declarations]
    unexpanded = [u for r in results for u in r.unexpanded]
    direct = Counter(d.family for d in decls if d.via_wrapper is None)
    wrapped = Counter(d.family for d in decls if d.via_wrapper is not None)
    print(f"files scanned: {len(results)}   errors: {sum(1 for r in results if r.error)}")
    print(f"declarations: {len(decls)}   unexpanded: {len(unexpanded)}")
    print(
        f"with mode: {sum(d.mode is not None for d in decls)}   "
        f"in an array: {sum(d.array is not None for d in decls)}   "
        f"in a group: {sum(d.group is not None for d in decls)}   "
        f"group with .name: {sum(d.group_name is not None for d in decls)}"
    )
    print()
    print(f"{'family':14} {'total':>6} {'direct':>7} {'via wrapper':>12}")
    for fam in FAMILIES:
        print(f"{fam:14} {direct[fam] + wrapped[fam]:6} {direct[fam]:7} {wrapped[fam]:12}")
    print()
    print("per macro (direct calls only, comparable with a grep count of call sites)")
    for macro, n in sorted(Counter(d.macro for d in decls if d.via_wrapper is None).items()):
        print(f"  {macro:32} {n:5}")
    print()
    print("unexpanded, by reason")
    reasons = Counter(u.reason.split(" which ")[0].split(" ")[0] for u in unexpanded)
    for reason, n in reasons.most_common():
        print(f"  {reason:32} {n:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
