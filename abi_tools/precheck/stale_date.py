"""ABI102 stale-date: a new entry's Date that cannot be right for the release it goes into."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from abi_tools import releases
from abi_tools.releases import Version
from abi_tools.rules import Finding, options, rule
from abi_tools.rules.dates import MONTHS, parse_date

if TYPE_CHECKING:
    from abi_tools.model import AbiEntry

    from .context import PatchContext

#: A Date more than this many months before the patch mail's Date: header is stale.
MONTHS_BEFORE_MAIL = 3
#: Without a mail date: more than this many months before the release it goes into.
#: In 6.12, 97% of entries are dated between six months before and one month
#: after the release of their KernelVersion (see ABI033).
MONTHS_BEFORE_RELEASE = 6


def _months(a: dt.date, b: dt.date) -> int:
    """Whole calendar months from b to a."""
    return (a.year - b.year) * 12 + a.month - b.month


def _month(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def _back(d: dt.date, months: int) -> dt.date:
    k = d.year * 12 + d.month - 1 - months
    return dt.date(k // 12, k % 12 + 1, 1)


def _release_of(ctx: PatchContext, e: AbiEntry, earliest: Version) -> Version:
    """The release the entry goes into: its KernelVersion when that is still possible."""
    from abi_tools.rules.kernelversion import parse_kernelversion

    kv = e.get("KernelVersion")
    if kv is not None:
        p = parse_kernelversion(kv.value)
        if p.kind in ("clean", "zero") and p.version is not None and releases.exists(p.version):
            return max(p.version.release(), earliest)
    return earliest


@rule("ABI102", "stale-date", "warning", scope="patch")
def stale_date(ctx: PatchContext) -> Iterator[Finding]:
    """A new entry's Date that cannot be right: months before the patch was mailed, or after the release.

    The Date is the month the ABI is proposed.  A series revised over many
    months keeps the Date of its first version unless someone notices; so a
    Date more than three months (``months_before_mail``) before the patch
    mail's ``Date:`` header is reported.  Without a mail date (a bare diff, a
    web-archive copy), the yardstick is the release the entry goes into (its
    KernelVersion, or the earliest possible release when that is later): a
    Date more than six months (``months_before_release``) before that release
    is reported.  A Date after that release is always reported.  The examples
    are judged on 31 July 2025, with 6.17 the next release (due 28 September).

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
        +Date:		January 2025
        +KernelVersion:	6.17
        +Contact:	linux-foo@vger.kernel.org
        +Description:	(RO) The bar register of the foo device.
    """
    opts = options(ctx, "stale-date")
    before_mail = int(opts.get("months_before_mail", MONTHS_BEFORE_MAIL))
    before_release = int(opts.get("months_before_release", MONTHS_BEFORE_RELEASE))
    table = releases.load_table()
    for a, e in ctx.new_entries():
        for fl in e.all("Date"):
            parsed = parse_date(fl.value)
            day = parsed.first_of_month
            if day is None or parsed.kind not in ("canonical", "style", "remark"):
                continue  # malformed-date and date-style say what is wrong with it
            sp = fl.value_span
            index = ctx.patch_index_of(a.image, sp.line)
            earliest, _why = ctx.earliest_release(index)
            release = _release_of(ctx, e, earliest)
            due = table.projected_date(release)
            sent = ctx.email_date(index)
            written = " ".join(fl.value.split())
            message = hint = ""
            if due is not None and _months(day, due) > 0:
                message = f"Date '{written}' is after {release} comes out ({due.isoformat()})"
                hint = f"write the month the patch is sent, no later than 'Date: {_month(due)}'"
            elif sent is not None and _months(sent, day) > before_mail:
                message = (
                    f"Date '{written}' is {_months(sent, day)} months before the patch was mailed"
                    f" ({sent.isoformat()})"
                )
                hint = f"write 'Date: {_month(sent)}', the month the patch is sent"
            elif sent is None and due is not None and _months(due, day) > before_release:
                first = _back(due, before_release)
                message = (
                    f"Date '{written}' is {_months(due, day)} months before {release}, the release it"
                    f" goes into ({due.isoformat()})"
                )
                hint = (
                    f"write the month the patch is sent: for {release} a Date from {_month(first)}"
                    f" to {_month(due)}"
                )
            if not message:
                continue
            f = ctx.finding(a.image, sp.line, sp.column, message, hint)
            if f is not None:
                yield f
