"""ABI100 patch-problem: what in the input could not be read or applied as written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from abi_tools.model import Span
from abi_tools.rules import Finding, rule

if TYPE_CHECKING:
    from .context import PatchContext


@rule("ABI100", "patch-problem", "info", scope="patch")
def patch_problem(ctx: PatchContext) -> Iterator[Finding]:
    """Something in the input that was not read or applied as written.

    A hunk shorter than its ``@@`` header says (a web archive dropped blank
    lines), a hunk whose context is not in the ``--tree`` file, a series with
    a patch missing, a patch mail without a diff.  The rest of the input is
    still checked; findings near such a place may be incomplete.

    PASS:
        --- a/Documentation/ABI/testing/sysfs-driver-foo
        +++ b/Documentation/ABI/testing/sysfs-driver-foo
        @@ -1,1 +1,2 @@
         What:		/sys/bus/platform/drivers/foo/<dev>/baz
        +Date:		July 2025

    FAIL:
        --- a/Documentation/ABI/testing/sysfs-driver-foo
        +++ b/Documentation/ABI/testing/sysfs-driver-foo
        @@ -1,3 +1,4 @@
         What:		/sys/bus/platform/drivers/foo/<dev>/baz
        +Date:		July 2025
    """
    seen: set[tuple[str, int, str]] = set()
    for source, pr in [*ctx.series.problems, *ctx.problems]:
        key = (source, pr.line, pr.message)
        if key in seen:
            continue
        seen.add(key)
        yield Finding(Span(source, max(pr.line, 1), 1), pr.message)
