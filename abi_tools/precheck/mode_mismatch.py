"""ABI105 mode-mismatch: code and documentation disagree on read/write."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from abi_tools.rules import Finding, rule

if TYPE_CHECKING:
    from .context import PatchContext


@rule("ABI105", "mode-mismatch", "warning", scope="patch")
def mode_mismatch(ctx: PatchContext) -> Iterator[Finding]:
    """An attribute whose mode in C differs from the mode its entry's Description states.

    ``DEVICE_ATTR_RW(threshold)`` documented as ``(RO)``: one of them is
    wrong.  Reported when the series adds the declaration or the entry, at
    the line the series adds (the declaration when it adds both).

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
        +static DEVICE_ATTR_RW(bar);
        --- /dev/null
        +++ b/Documentation/ABI/testing/sysfs-driver-foo
        @@ -0,0 +1,5 @@
        +What:		/sys/bus/platform/drivers/foo/<dev>/bar
        +Date:		July 2025
        +KernelVersion:	6.17
        +Contact:	linux-foo@vger.kernel.org
        +Description:	(RO) The bar register of the foo device.
    """
    from .crosscheck import at_declaration, at_entry

    code = ctx.code_check
    added = {(f, ln) for f, ln, _ in code.added}
    for xf in code.findings("mode-mismatch"):
        if xf.severity != "warning":
            continue  # allowed by its subsystem's rules (hwmon: a read/write file read-only on a chip)
        where = f" ({xf.abi_file}:{xf.abi_line})"
        f = None
        if xf.c_file is not None and xf.c_line is not None and (xf.c_file, xf.c_line) in added:
            f = at_declaration(ctx, xf.c_file, xf.c_line, xf.message + where, xf.hint)
        if f is None:
            f = at_entry(ctx, xf.abi_file, xf.abi_line, f"{xf.message} ({xf.c_file}:{xf.c_line})", xf.hint)
        if f is not None:
            yield f
