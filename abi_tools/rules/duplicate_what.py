"""The same What documented in more than one place."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from abi_tools.model import AbiTree, Span
from abi_tools.rules import Finding, rule


@rule("ABI020", "duplicate-what", "warning", scope="tree")
def duplicate_what(ctx: object, tree: AbiTree) -> Iterator[Finding]:
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
    places: dict[str, list[tuple[Span, int]]] = defaultdict(list)
    for entry_no, (_, e) in enumerate(tree.entries()):
        for w in e.whats:
            if w.path:
                places[w.path].append((w.span, entry_no))
    for path, spots in places.items():
        if len({n for _, n in spots}) < 2:
            continue
        first = spots[0][0]
        for span, n in spots[1:]:
            if n == spots[0][1]:
                continue
            where = f"{first.path}:{first.line}" if first.path != span.path else f"line {first.line}"
            yield Finding(
                Span(span.path, span.line, span.column),
                f"{path} is already documented at {where}",
                "document it once: merge the entries, or remove the stale one",
            )
