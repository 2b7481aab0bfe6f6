"""The inputs of one ``check-patch`` run, read as one series.

``git format-patch`` writes one file per patch, and a user passes them all
(``0001-*.patch 0002-*.patch``); an mbox holds them in one file.  Either way a
check must see the whole series: documentation added by patch 3 counts for the
attribute patch 2 declares.  So the patches of every input are put into one
sequence, and each remembers which input it came from, so that a finding can
be reported at that input's own line numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from abi_tools.patch import FilePatch, Patch, PatchProblem, PatchSet


@dataclass(frozen=True)
class Series:
    """Every patch of the inputs, in series order.

    ``FilePatch.patch_index`` of every file patch is its patch's index in
    ``patches``, so a post-image line's origin names the patch and, through
    ``sources``, the input file.
    """

    patches: tuple[Patch, ...]
    #: The input each patch came from (display name: a path, ``<stdin>``, a git range).
    sources: tuple[str, ...]
    covers: tuple[Patch, ...] = ()
    #: Problems met while reading, with the input they belong to.
    problems: tuple[tuple[str, PatchProblem], ...] = ()

    def source_of(self, patch_index: int | None) -> str:
        if patch_index is None or not 0 <= patch_index < len(self.sources):
            return self.sources[0] if self.sources else "<input>"
        return self.sources[patch_index]

    def file_patches(self) -> Iterator[FilePatch]:
        for p in self.patches:
            yield from p.files


def combine(sets: Sequence[PatchSet]) -> Series:
    """One series from the patch sets of several inputs, in the order given.

    When every patch carries a distinct ``n/m`` number the series is put in
    that order (files named on the command line come in shell-glob order,
    which is usually, but not always, the series order).
    """
    pairs = [(p, ps.source) for ps in sets for p in ps.patches]
    numbers = [p.index_in_series for p, _ in pairs]
    if len(sets) > 1 and None not in numbers and len(set(numbers)) == len(numbers):
        pairs.sort(key=lambda ps: ps[0].index_in_series or 0)
    patches = tuple(
        dataclasses.replace(p, files=tuple(dataclasses.replace(fp, patch_index=k) for fp in p.files))
        for k, (p, _) in enumerate(pairs)
    )
    return Series(
        patches,
        tuple(src for _, src in pairs),
        tuple(ps.cover for ps in sets if ps.cover is not None),
        tuple((ps.source, pr) for ps in sets for pr in ps.diagnostics),
    )
