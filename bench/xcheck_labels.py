#!/usr/bin/env python3
"""Precision and recall of ``abi-tools xcheck`` against the hand labels.

    python bench/xcheck_labels.py                 # evaluate tests/fixtures/xcheck/labels.json
    python bench/xcheck_labels.py --rebuild [--labels DIR] [--tree TREE] [--chunks 1-5]

``--rebuild`` re-creates the fixture: the labels of DIR/labels-chunkN.json
(tagged with their chunk) and the scan results the matcher needs for them,
that is every scanned file in the directory of a labelled file (the matcher
pools registrations per directory).  TREE defaults to
~/.cache/kernel-source/linux-6.12.  Evaluation needs only the fixture and the
6.12 Documentation/ABI (../shared/corpus/linux-6.12 or TREE).

Chunks 1-5 are the development set the matcher was tuned on (1-3 a
stratified random sample of 150 declarations, 4-5 a sample of 60 aimed at
mode statements); chunks 6-7 (100 more, stratified random) are held out: they
were labelled after the tuning and evaluated once.  Labels marked "unsure" and
those saying the scanner was wrong (scanner_wrong: the label still says what is
true, e.g. the real module name) count like any other; the numbers without the
unsure ones are printed as well.
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
DEV, HELD_OUT = (1, 2, 3, 4, 5), (6, 7)


def rebuild(label_dir: str, tree: str, chunks: set[int] | None) -> None:
    labels = []
    for path in sorted(glob.glob(os.path.join(label_dir, "labels-chunk*.json"))):
        chunk = int(re.search(r"chunk(\d+)", path).group(1))  # type: ignore[union-attr]
        if chunks is not None and chunk not in chunks:
            continue  # not even read: a held-out chunk stays unseen until its turn
        with open(path, encoding="utf-8") as f:
            for label in json.load(f):
                labels.append({**label, "chunk": chunk})
    dirs = {os.path.dirname(label["file"]) for label in labels}
    start = time.perf_counter()
    scans = scan_tree(tree, sorted(dirs), cache_dir=default_cache_dir())
    keep = _needed(scans, labels)
    doc = {
        "about": "hand labels of C sysfs declarations (Linux 6.12) and what the matcher needs"
        " of the scan for them; rebuilt by bench/xcheck_labels.py --rebuild",
        "labels": labels,
        "scans": keep,
    }
    write_text_atomic(FIXTURE, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    os.chmod(FIXTURE, 0o644)
    took = time.perf_counter() - start
    print(f"wrote {FIXTURE}: {len(labels)} labels, {len(keep)} scanned files ({took:.1f} s)")


def _needed(scans: list[ScanResult], labels: list[dict[str, object]]) -> list[dict[str, object]]:
    """The labelled declarations with their files' context, and the context of
    the files the matcher pools with them (same directory and module): a match
    depends on nothing else."""
    wanted = {(str(label["file"]), int(str(label["line"])), str(label["name"])) for label in labels}
    labelled = {r.file: r for r in scans if any(k[0] == r.file for k in wanted)}
    pools = {(os.path.dirname(r.file), r.kbuild_module) for r in labelled.values() if r.kbuild_module}
    out = []
    for r in scans:
        doc = r.to_json()
        if r.file in labelled:
            doc["declarations"] = [
                d for d in doc["declarations"] if (d["file"], d["line"], d["name"]) in wanted
            ]
        elif r.registrations and (os.path.dirname(r.file), r.kbuild_module) in pools:
            doc["declarations"] = []
        else:
            continue
        doc["unexpanded"] = []
        out.append(doc)
    return out


def _chunk_set(text: str) -> set[int]:
    out: set[int] = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        out.update(range(int(low), int(high or low) + 1))
    return out


def load_fixture() -> tuple[list[dict[str, object]], list[ScanResult]]:
    with open(FIXTURE, encoding="utf-8") as f:
        doc = json.load(f)
    return doc["labels"], [ScanResult.from_json(s) for s in doc["scans"]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--labels", default="/work/labels")
    ap.add_argument("--tree", default=DEFAULT_TREE)
    ap.add_argument("--chunks", help="--rebuild with only these chunks, e.g. 1-5 or 1,2,6")
    ap.add_argument("--misses", action="store_true", help="list every disagreement (development set only)")
    ap.add_argument("--dev-only", action="store_true", help="evaluate the development set only (for tuning)")
    args = ap.parse_args()
    if args.rebuild:
        rebuild(args.labels, args.tree, _chunk_set(args.chunks) if args.chunks else None)
    labels, scans = load_fixture()
    abi = CORPUS if os.path.isdir(CORPUS) else args.tree
    result = cross_check(load_tree([abi]), scans, complete=False)
    chunks = tuple(sorted({int(str(label["chunk"])) for label in labels}))
    held_out = tuple(c for c in chunks if c in HELD_OUT)
    sets = [("dev (chunks 1-5)", DEV)]
    if not args.dev_only and held_out:
        sets.append((f"held-out (chunks {', '.join(map(str, held_out))})", held_out))
        sets.append((f"all (chunks {', '.join(map(str, chunks))})", chunks))
    for title, which in sets:
        chosen = select(labels, which)
        ev = evaluate(result, chosen)
        unsure = [label for label in chosen if label.get("confidence") == "unsure"]
        wrong = sum(bool(label.get("scanner_wrong")) for label in chosen)
        print(
            f"{title}: {ev.labels} labels ({ev.unmatched} not found by the scan;"
            f" {len(unsure)} unsure, {wrong} scanner_wrong, all counted as labelled)"
        )
        print(f"  documented:    {ev.documented.line()}")
        strict = evaluate(result, chosen, same_entry=False)
        print(f"  documented, only the labelled What itself agreeing: {strict.documented.line()}")
        print(f"  mode-mismatch: {ev.mode_mismatch.line()}")
        if unsure:
            sure = evaluate(result, [label for label in chosen if label.get("confidence") != "unsure"])
            print(f"  documented, without the unsure labels: {sure.documented.line()}")
        if args.misses and which == DEV:
            for miss in ev.documented.misses + ev.mode_mismatch.misses:
                print(f"    {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
