"""The same What documented in more than one place."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from abi_tools.model import AbiFile, Span
from abi_tools.rules import Finding, rule

#: Of one file: its path, and for each entry the (What, line, column) of its Whats.
FileWhats = tuple[str, tuple[tuple[tuple[str, int, int], ...], ...]]


def file_whats(f: AbiFile) -> FileWhats:
    return f.path, tuple(tuple((w.path, w.span.line, w.span.column) for w in e.whats) for e in f.entries)


@rule("ABI020", "duplicate-what", "warning", scope="tree", gather=file_whats)
def duplicate_what(ctx: object, files: Sequence[FileWhats]) -> Iterator[Finding]:
    """The same What documented twice: in two entries, two files, or two levels.

    Continuation lines (paths under a What without their own tag) count.  An
    obsolete or removed entry that repeats a stable or testing one is still a
    finding: the ABI must be documented once, where it is.

    PASS:
        testing/sysfs-foo:   What: /sys/foo/bar
        testing/sysfs-baz:   What: /sys/foo/baz

    FAIL:
        testing/sysfs-foo:   What: /sys/foo/bar
        testing/sysfs-baz:   What: /sys/foo/bar
    """
    # What -> (path, line, column, entry number) of each place it is documented.
    places: dict[str, list[tuple[str, int, int, int]]] = defaultdict(list)
    entry_no = 0
    for path, entries in files:
        for whats in entries:
            for what, line, column in whats:
                if what:
                    places[what].append((path, line, column, entry_no))
            entry_no += 1
    for what, spots in places.items():
        if len(spots) < 2 or len({spot[3] for spot in spots}) < 2:
            continue
        first_path, first_line, _, first_entry = spots[0]
        for path, line, column, n in spots[1:]:
            if n == first_entry:
                continue
            where = f"{first_path}:{first_line}" if first_path != path else f"line {first_line}"
            yield Finding(
                Span(path, line, column),
                f"{what} is already documented at {where}",
                "document it once: merge the entries, or remove the stale one",
            )
