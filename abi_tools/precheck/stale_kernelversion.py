"""ABI101 stale-kernelversion: a new entry for a release it can no longer be part of."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from abi_tools import releases
from abi_tools.rules import Finding, rule

if TYPE_CHECKING:
    from .context import PatchContext


@rule("ABI101", "stale-kernelversion", "error", scope="patch")
def stale_kernelversion(ctx: PatchContext) -> Iterator[Finding]:
    """A new entry whose KernelVersion is already released, or can no longer be reached.

    "You cannot go to the past. 6.14 was released. This will be v6.16 or
    later."  New ABI goes into the first release whose merge window is still
    ahead: ``--target-version`` when given; otherwise the later of the
    release after the tree's Makefile version (a tree at 6.16-rc3 gives 6.17)
    and the first release not yet out on the patch mail's ``Date:``; with
    neither, the first release not yet out today.  Releases after the table
    of release dates are projected at the usual nine-week cadence.  Entries
    moved from elsewhere, and entries in ``obsolete/`` or ``removed/``, keep
    their history and are not checked.  The examples are judged on
    31 July 2025, when 6.16 was out and 6.17 the next release.

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
        +What:		/sys/bus/platform/drivers/foo/<dev>/bar
        +Date:		July 2025
        +KernelVersion:	6.15
        +Contact:	linux-foo@vger.kernel.org
        +Description:	(RO) The bar register of the foo device.
    """
    from abi_tools.rules.kernelversion import parse_kernelversion

    table = releases.load_table()
    for a, e in ctx.new_entries():
        for fl in e.all("KernelVersion"):
            parsed = parse_kernelversion(fl.value)
            if parsed.kind not in ("clean", "zero") or parsed.version is None:
                continue  # malformed-kernelversion says what is wrong with it
            v = parsed.version.release()
            if not table.exists(v):
                continue  # unreleased-kernelversion: 5.20 never existed
            earliest, why = ctx.earliest_release(ctx.patch_index_of(a.image, fl.span.line))
            if v >= earliest:
                continue
            out = table.release_date(v)
            state = f"was released on {out.isoformat()}" if out and out <= ctx.today else "is too early"
            written = " ".join(fl.value.split())
            sp = fl.value_span
            f = ctx.finding(
                a.image,
                sp.line,
                sp.column,
                f"KernelVersion {written} {state}: new ABI goes into {earliest} at the earliest ({why})",
                f"write 'KernelVersion: {earliest}'"
                + ("" if ctx.target is not None else " (or the release it is merged for)"),
            )
            if f is not None:
                yield f
