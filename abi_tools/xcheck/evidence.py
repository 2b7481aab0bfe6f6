"""What the C side tells about where a declaration's file appears in sysfs.

Per declaration: the words of its C path, of the names its file (and the
other files of its module) register with, of its module and of its
array/group variables; the registration kinds that decide framework
conventions; the directory its group puts it in.  The module's other files
count because a driver's sysfs code and its registration are often split
(foo-sysfs.c, foo-core.c).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from abi_tools.csrc.model import Declaration, ScanResult
from abi_tools.xcheck.conventions import Convention, applicable, implied_group
from abi_tools.xcheck.tokens import words


@dataclass(frozen=True)
class FileContext:
    """What one C file (with its directory's registrations) contributes."""

    path_words: frozenset[str]
    #: the words of the file's own name that its directory does not have
    stem_words: frozenset[str]
    names: frozenset[str]  # registered names, as written (lower case)
    name_words: frozenset[str]
    kinds: frozenset[str]
    module: str | None


@dataclass(frozen=True)
class Evidence:
    decl: Declaration
    group: str | None  # the directory the file sits in below its object
    words: frozenset[str]  # everything that may name a directory or ABI file
    own_words: frozenset[str]  # the words of the C file's name its directory lacks
    array_words: frozenset[str]  # the words of its array and group variables
    names: frozenset[str]
    conventions: tuple[tuple[Convention, bool], ...]
    module: str | None


class ContextIndex:
    """File contexts of a scan, with registrations pooled per directory."""

    def __init__(self, scans: Sequence[ScanResult]) -> None:
        # Pooled per module (the files kbuild links together), never per
        # directory: drivers/perf/ holds forty PMU drivers that share nothing.
        pools: dict[tuple[str, str], list[ScanResult]] = defaultdict(list)
        for r in scans:
            if r.declarations or r.registrations:
                key = (os.path.dirname(r.file), r.kbuild_module) if r.kbuild_module else (r.file, "")
                pools[key].append(r)
        self._contexts: dict[str, FileContext] = {}
        for results in pools.values():
            names = {reg.name.lower() for r in results for reg in r.registrations if reg.name}
            kinds = {reg.kind for r in results for reg in r.registrations}
            name_words: set[str] = set()
            for n in names:
                name_words |= words(n)
            # struct i2c_driver says the devices sit on /sys/bus/i2c/
            name_words |= {
                reg.via[: -len("_driver")]
                for r in results
                for reg in r.registrations
                if reg.kind == "driver" and reg.via.endswith("_driver") and reg.via != "device_driver"
            }
            for r in results:
                stem = os.path.splitext(r.file)[0]
                self._contexts[r.file] = FileContext(
                    frozenset(words(stem)),
                    frozenset(words(os.path.basename(stem)) - words(os.path.dirname(stem))),
                    frozenset(names),
                    frozenset(name_words),
                    frozenset(kinds),
                    r.kbuild_module,
                )

    def evidence(self, decl: Declaration) -> Evidence:
        ctx = self._contexts.get(decl.file)
        if ctx is None:
            stem = os.path.splitext(decl.file)[0]
            ctx = FileContext(
                frozenset(words(stem)),
                frozenset(words(os.path.basename(stem)) - words(os.path.dirname(stem))),
                frozenset(),
                frozenset(),
                frozenset(),
                None,
            )
        w = set(ctx.path_words) | set(ctx.name_words)
        module = decl.module or ctx.module
        if module:
            w |= words(module)
        array_words: set[str] = set()
        for var in (decl.array, decl.group):
            if var:
                array_words |= words(var)
        w |= array_words
        conventions = applicable(decl, ctx.kinds)
        return Evidence(
            decl=decl,
            group=implied_group(decl, conventions),
            words=frozenset(w),
            own_words=ctx.stem_words,
            array_words=frozenset(array_words),
            names=ctx.names,
            conventions=tuple(conventions),
            module=module,
        )
