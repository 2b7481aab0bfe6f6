"""ABI103 missing-doc: an attribute the series declares that no ABI entry documents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from abi_tools.rules import Finding, rule

if TYPE_CHECKING:
    from .context import PatchContext


@rule("ABI103", "missing-doc", "warning", scope="patch")
def missing_doc(ctx: PatchContext) -> Iterator[Finding]:
    """A sysfs attribute the series declares in C with no entry in Documentation/ABI.

    "You forgot to add Documentation/ABI/ entries for your new sysfs files."
    Documentation anywhere in the series counts (a later patch often adds
    it), and so does the tree's with ``--tree``.  The cross-checker decides
    which entry documents a declaration; when its best candidate is only a
    weak match, that is reported too, naming the candidate.

    PASS:
        --- a/drivers/misc/foo.c
        +++ b/drivers/misc/foo.c
        @@ -1,1 +1,2 @@
         #include <linux/device.h>
        +static DEVICE_ATTR_RO(bar);
        --- /dev/null
        +++ b/Documentation/ABI/testing/sysfs-driver-foo
        @@ -0,0 +1,5 @@
        +What:		/sys/bus/platform/drivers/foo/<dev>/bar
        +Date:		July 2025
        +KernelVersion:	6.17
        +Contact:	linux-foo@vger.kernel.org
        +Description:	(RO) The bar register of the foo device.

    FAIL:
        --- a/drivers/misc/foo.c
        +++ b/drivers/misc/foo.c
        @@ -1,1 +1,2 @@
         #include <linux/device.h>
        +static DEVICE_ATTR_RO(bar);
    """
    from .crosscheck import at_declaration

    code = ctx.code_check
    added = {(f, ln): name for f, ln, name in code.added}
    for xf in code.findings("missing-doc") + code.findings("low-confidence"):
        if xf.c_file is None or xf.c_line is None or (xf.c_file, xf.c_line) not in added:
            continue
        hint = xf.hint
        if xf.kind == "missing-doc":
            hint = "add an entry for its sysfs path to Documentation/ABI/testing/, in this series"
            same = _same_name_entry(ctx, added[(xf.c_file, xf.c_line)])
            if same:
                hint = (
                    f"if {same} is its entry, make the What the path where this code's"
                    " attributes appear (nothing in the code leads there)"
                )
        f = at_declaration(ctx, xf.c_file, xf.c_line, xf.message, hint)
        if f is not None:
            yield f


def _same_name_entry(ctx: PatchContext, name: str) -> str:
    """'What (file:line)' of a new entry whose What ends in ``name``, or ''."""
    for a, e in ctx.new_entries():
        for w in e.whats:
            if w.path.rstrip("/").rsplit("/", 1)[-1] == name:
                return f"{w.path} ({a.file.path}:{w.span.line})"
    return ""
