"""The parser on the real kernel corpora, against an independent model of the
kernel's own parser (tests/kernel_reference.py)."""

from __future__ import annotations

from pathlib import Path

from kernel_reference import kernel_tree as kernel_entries

from abi_tools.tree import load_tree

# What the kernel's get_abi.py reports on these trees (entries, distinct Whats).
KERNEL_COUNTS = {"linux-6.12": (4514, 5920), "linux-6.1": (4060, 5360)}


def test_reference_model_reproduces_kernel_counts(kernel_tree: Path) -> None:
    ref = kernel_entries(str(kernel_tree / "Documentation" / "ABI"))
    whats = {w for e in ref for w, _ in e.whats}
    assert (len(ref), len(whats)) == KERNEL_COUNTS[kernel_tree.name]


def test_every_file_parses_and_we_differ_only_where_we_say_so(kernel_tree: Path) -> None:
    tree = load_tree([str(kernel_tree)])
    assert not tree.diagnostics
    assert all(not f.diagnostics for f in tree.files)
    ref = kernel_entries(str(kernel_tree / "Documentation" / "ABI"))

    ours = {(e.span.path, e.span.line) for _, e in tree.entries()}
    theirs = {(e.path, e.line) for e in ref}
    assert theirs <= ours, "an entry the kernel finds is missing"
    # Every extra entry of ours starts at a damaged What line (no colon, or
    # `What;`), which the kernel reads as text of the entry above.
    damaged = {
        (e.span.path, w.span.line)
        for _, e in tree.entries()
        for w in e.whats
        if not w.continuation and w.raw_tag != "What:" and w.raw_tag.lower() == "what" or w.raw_tag == "What;"
    }
    assert ours - theirs == damaged
    assert len(damaged) == {"linux-6.12": 3, "linux-6.1": 2}[kernel_tree.name]

    our_whats = {(w.span.path, w.span.line, w.path) for _, e in tree.entries() for w in e.whats}
    their_whats = {(e.path, ln, w) for e in ref for w, ln in e.whats}
    assert {(p, ln) for p, ln, _ in our_whats - their_whats} == damaged
    # The kernel turns a field line without its colon, right under a What,
    # into a What ("Date<TAB>April 2019"); we read it as the field it is.
    colonless_fields = {
        (f.span.path, f.span.line)
        for _, e in tree.entries()
        for f in e.fields
        if f.raw_tag and not f.raw_tag.endswith((":", ";"))
    }
    assert {(p, ln) for p, ln, _ in their_whats - our_whats} <= colonless_fields
    assert len(their_whats - our_whats) == {"linux-6.12": 4, "linux-6.1": 4}[kernel_tree.name]
