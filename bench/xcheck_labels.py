#!/usr/bin/env python3
"""Precision and recall of ``abi-tools xcheck`` against the hand labels.

    python bench/xcheck_labels.py                 # evaluate tests/fixtures/xcheck/labels.json
    python bench/xcheck_labels.py --rebuild [--labels DIR] [--tree TREE]

``--rebuild`` re-creates the fixture: the labels of DIR/labels-chunkN.json
(tagged with their chunk) and the scan results the matcher needs for them,
that is every scanned file in the directory of a labelled file (the matcher
pools registrations per directory).  TREE defaults to
~/.cache/kernel-source/linux-6.12.  Evaluation needs only the fixture and the
6.12 Documentation/ABI (../shared/corpus/linux-6.12 or TREE).

Chunks 1 and 2 are the development set the matcher was tuned on; chunk 3 is
held out; later chunks, if any, are held out too.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from abi_tools.atomic import write_text_atomic  # noqa: E402
from abi_tools.csrc import ScanResult, default_cache_dir, scan_tree  # noqa: E402
from abi_tools.tree import load_tree  # noqa: E402
from abi_tools.xcheck import cross_check  # noqa: E402
from abi_tools.xcheck.labels import evaluate, select  # noqa: E402

FIXTURE = os.path.join(ROOT, "tests", "fixtures", "xcheck", "labels.json")
DEFAULT_TREE = os.path.expanduser("~/.cache/kernel-source/linux-6.12")
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "linux-6.12")
DEV, HELD_OUT = (1, 2), (3,)


def rebuild(label_dir: str, tree: str) -> None:
    labels = []
    for path in sorted(glob.glob(os.path.join(label_dir, "labels-chunk*.json"))):
        chunk = int(re.search(r"chunk(\d+)", path).group(1))  # type: ignore[union-attr]
        with open(path, encoding="utf-8") as f:
            for label in json.load(f):
                labels.append({**label, "chunk": chunk})
    dirs = {os.path.dirname(label["file"]) for label in labels}
    start = time.perf_counter()
    scans = scan_tree(tree, sorted(dirs), cache_dir=default_cache_dir())
    keep = [
        r.to_json()
        for r in scans
        if os.path.dirname(r.file) in dirs and (r.declarations or r.registrations or r.unexpanded)
    ]
    doc = {
        "about": "hand labels of C sysfs declarations (Linux 6.12) and the scan results of their"
        " directories; rebuilt by bench/xcheck_labels.py --rebuild",
        "labels": labels,
        "scans": keep,
    }
    write_text_atomic(FIXTURE, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    took = time.perf_counter() - start
    print(f"wrote {FIXTURE}: {len(labels)} labels, {len(keep)} scanned files ({took:.1f} s)")


def load_fixture() -> tuple[list[dict[str, object]], list[ScanResult]]:
    with open(FIXTURE, encoding="utf-8") as f:
        doc = json.load(f)
    return doc["labels"], [ScanResult.from_json(s) for s in doc["scans"]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--labels", default="/work/labels")
    ap.add_argument("--tree", default=DEFAULT_TREE)
    ap.add_argument("--misses", action="store_true", help="list every disagreement (development set only)")
    ap.add_argument("--dev-only", action="store_true", help="evaluate the development set only (for tuning)")
    args = ap.parse_args()
    if args.rebuild:
        rebuild(args.labels, args.tree)
    labels, scans = load_fixture()
    abi = CORPUS if os.path.isdir(CORPUS) else args.tree
    result = cross_check(load_tree([abi]), scans, complete=False)
    chunks = sorted({int(str(label["chunk"])) for label in labels})
    sets = [("dev (chunks 1-2)", DEV), ("held-out (chunk 3)", HELD_OUT), ("all (chunks 1-3)", DEV + HELD_OUT)]
    later = tuple(c for c in chunks if c > 3)
    if args.dev_only:
        sets = sets[:1]
    elif later:
        sets.append((f"extra held-out (chunks {', '.join(map(str, later))})", later))
    for title, which in sets:
        ev = evaluate(result, select(labels, which))
        print(f"{title}: {ev.labels} labels ({ev.unmatched} not found by the scan)")
        print(f"  documented:    {ev.documented.line()}")
        print(f"  mode-mismatch: {ev.mode_mismatch.line()}")
        if args.misses and which == DEV:
            for miss in ev.documented.misses + ev.mode_mismatch.misses:
                print(f"    {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
