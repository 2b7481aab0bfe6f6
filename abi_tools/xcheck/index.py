"""Every documented What of a tree, indexed by the file name it documents.

One lookup answers "which Whats can name this file": a dict for literal last
components, and for the wildcard ones a single regex per first character in
which every pattern is an optional anchored lookahead with its own group, so
one ``match()`` reports every pattern that fits.  No loop of regexes per
declaration.  Whats whose last component is only a wildcard (``format/*``,
``.../<N>``) or that are written as directories are kept apart as
*containers*: they are found by their directory, never by the file name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from abi_tools.model import AbiEntry, AbiFile, AbiTree, What
from abi_tools.xcheck.listing import listed_names
from abi_tools.xcheck.pattern import Component, WhatPattern, concrete_name, parse_what


@dataclass(frozen=True)
class WhatRef:
    """One What line with everything the matcher needs about where it lives."""

    file: AbiFile
    entry: AbiEntry
    what: What
    pattern: WhatPattern
    serial: int  # position in the tree, for stable ordering


class WhatIndex:
    def __init__(self, tree: AbiTree) -> None:
        self.refs: list[WhatRef] = []
        self._literal: dict[str, list[WhatRef]] = defaultdict(list)
        self._wild: dict[str, list[WhatRef]] = defaultdict(list)  # first char ("" any) -> refs
        self._containers: dict[str, list[WhatRef]] = defaultdict(list)  # dir name -> refs
        self._container_wild: list[WhatRef] = []
        self._listed: dict[str, list[WhatRef]] = defaultdict(list)
        for f in tree.files:
            for entry in f.entries:
                refs = []
                for what in entry.whats:
                    pat = parse_what(what.path)
                    if pat is None:
                        continue
                    ref = WhatRef(f, entry, what, pat, len(self.refs))
                    self.refs.append(ref)
                    refs.append(ref)
                    self._add(ref)
                if refs:
                    for name in listed_names(entry.description):
                        self._listed[name].append(refs[0])
        self._matchers = {key: _combined(refs) for key, refs in self._wild.items()}

    def _add(self, ref: WhatRef) -> None:
        pat = ref.pattern
        last = pat.last
        if pat.directory or last.wildcard_only:
            # The directory holding the files: the What itself when written as
            # "dir/", else its parent ("format/*").
            # A holder that is itself only a wildcard ("devices/*/") would hold
            # every group of every device: no evidence, not indexed.
            holder = holder_of(pat)
            if holder is None or holder.wildcard_only:
                return
            if holder.literal:
                self._containers[holder.text].append(ref)
            else:
                self._container_wild.append(ref)
            return
        if last.literal:
            self._literal[last.text].append(ref)
            return
        first = last.text[0]
        key = first if (first.isalnum() or first == "_") and not last.regex.startswith(("[", "(")) else ""
        self._wild[key].append(ref)

    def by_name(self, name: str) -> list[WhatRef]:
        """Whats whose last component can be ``name`` (wildcard-only ones excluded)."""
        name = concrete_name(name)
        out = list(self._literal.get(name, ()))
        for key in (name[:1], ""):
            matcher = self._matchers.get(key)
            if matcher is None:
                continue
            regex, refs = matcher
            m = regex.match(name)
            if m is None:
                continue
            for i, group in enumerate(m.groups()):
                if group is not None:
                    out.append(refs[i])
        out.sort(key=lambda r: r.serial)
        return out

    def listed(self, name: str) -> list[WhatRef]:
        """Whats whose description lists ``name`` as one of the directory's files
        (a table or list row), as configfs-usb-gadget-* do for every function."""
        return list(self._listed.get(concrete_name(name), ()))

    def containers(self, directory: str) -> Iterator[WhatRef]:
        """Whats of the directory ``directory`` itself: written as a directory
        ("events/"), as its contents ("format/*"), or plainly ("<dev>/format":
        the ABI files document many attribute groups by their directory)."""
        yield from self._containers.get(directory, ())
        yield from self._literal.get(directory, ())
        for ref in self._container_wild:
            holder = holder_of(ref.pattern)
            if holder is not None and re.fullmatch(holder.regex, directory):
                yield ref


def holder_of(pat: WhatPattern) -> Component | None:
    """The directory a generic What covers the files of: the What itself, or
    its parent when it ends in a wildcard-only component."""
    if pat.last.wildcard_only and not pat.directory:
        return pat.parent
    return pat.last


def _combined(refs: list[WhatRef]) -> tuple[re.Pattern[str], list[WhatRef]]:
    # (?:(?=(p)\Z)|) tries p at the start and records it in its group, then
    # goes on whether it matched or not: every alternative is tried once.
    source = "".join(f"(?:(?=({ref.pattern.last.regex})\\Z)|)" for ref in refs)
    return re.compile(source), refs
