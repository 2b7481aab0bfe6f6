"""ABI104 doc-without-code: an entry the series adds that no code declares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from abi_tools.rules import Finding, rule

if TYPE_CHECKING:
    from .context import PatchContext


@rule("ABI104", "doc-without-code", "warning", scope="patch")
def doc_without_code(ctx: PatchContext) -> Iterator[Finding]:
    """A new entry for a sysfs file that no attribute declaration in the series or the tree makes.

    A typo in the What, documentation for code still in another series, or
    a file that is made some way the C scanner does not follow (attributes
    built at run time).  Only checked when the tree's C source is at hand
    (``--tree`` on a kernel tree, or ``--git`` inside one): without it,
    "no declaration" would only mean "not in the patch".  The examples are
    judged in a tree holding ``drivers/misc/foo.c`` with
    ``static DEVICE_ATTR_RO(bar);`` in it.

    PASS:
        --- /dev/null
        +++ b/Documentation/ABI/testing/sysfs-driver-foo
        @@ -0,0 +1,5 @@
        +What:		/sys/bus/platform/drivers/foo/<dev>/bar
        +Date:		July 2025
        +KernelVersion:	6.17
        +Contact:	linux-foo@vger.kernel.org
        +Description:	(RO) The bar register of the foo device.

    FAIL:
        --- /dev/null
        +++ b/Documentation/ABI/testing/sysfs-driver-foo
        @@ -0,0 +1,5 @@
        +What:		/sys/bus/platform/drivers/foo/<dev>/baz
        +Date:		July 2025
        +KernelVersion:	6.17
        +Contact:	linux-foo@vger.kernel.org
        +Description:	(RO) The baz register of the foo device.
    """
    from .crosscheck import at_entry

    code = ctx.code_check
    if not code.complete:
        return
    new = {(a.file.path, w.span.line) for a, e in ctx.new_entries() for w in e.whats}
    for xf in code.findings("doc-without-code"):
        if (xf.abi_file, xf.abi_line) not in new:
            continue
        f = at_entry(ctx, xf.abi_file, xf.abi_line, xf.message, xf.hint)
        if f is not None:
            yield f
