"""ABI107 maintainers-contact: a Contact that MAINTAINERS does not back."""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import getaddresses
from typing import TYPE_CHECKING

from abi_tools.rules import Finding, rule

if TYPE_CHECKING:
    from abi_tools.maintainers import Maintainers
    from abi_tools.model import Field

    from .context import AbiImage, PatchContext


def _problem(m: Maintainers, name: str, address: str) -> tuple[str, str] | None:
    """(message, hint) for one Contact address, or None when MAINTAINERS agrees."""
    from abi_tools.maintainers import normal_name

    addr = address.lower()
    if m.is_list(addr) or m.is_person(addr):
        return None
    known = m.addresses_of(name) if name.strip() else set()
    if known:
        shown = m.display_names.get(normal_name(name), name)
        listed = ", ".join(sorted(known))
        return (
            f"{shown}'s address in MAINTAINERS is {listed}, not {address}",
            f"write '{shown} <{sorted(known)[0]}>', or update MAINTAINERS in the same series",
        )
    if not name.strip() and m.looks_like_list(addr):
        return (
            f"mailing list {address} is not in MAINTAINERS",
            "use the list MAINTAINERS gives for this code (scripts/get_maintainer.pl"
            " names it), or add the list to MAINTAINERS in the same series",
        )
    return None


def _lines_of(a: AbiImage, fl: Field, address: str) -> int:
    """The line of the field that holds the address (the field's first line if none does)."""
    lines = a.image.text.splitlines()
    for k in range(fl.span.line, fl.span.last_line + 1):
        if 0 < k <= len(lines) and address.lower() in lines[k - 1].lower():
            return k
    return fl.span.line


@rule("ABI107", "maintainers-contact", "warning", scope="patch")
def maintainers_contact(ctx: PatchContext) -> Iterator[Finding]:
    """A Contact the tree's MAINTAINERS does not know: a list not listed, a person's other address.

    Entries outlive their authors' jobs; the Contact should reach whoever
    maintains the code, which is what MAINTAINERS records.  Reported for
    Contact lines the series adds, when the tree (``--tree``, or the git
    repository of ``--git``) has a MAINTAINERS file, as changed by the series:
    a mailing list that no ``L:`` line names, and a person MAINTAINERS knows
    under another address.  Someone MAINTAINERS does not list at all is not
    reported.  The examples are judged against a MAINTAINERS holding::

        FOO DRIVER
        M:	Jane Doe <jane@example.org>
        L:	linux-foo@vger.kernel.org

    PASS:
        --- /dev/null
        +++ b/Documentation/ABI/testing/sysfs-driver-foo
        @@ -0,0 +1,5 @@
        +What:		/sys/bus/platform/drivers/foo/<dev>/bar
        +Date:		July 2025
        +KernelVersion:	6.17
        +Contact:	Jane Doe <jane@example.org>
        +Description:	(RO) The bar register of the foo device.

    FAIL:
        --- /dev/null
        +++ b/Documentation/ABI/testing/sysfs-driver-foo
        @@ -0,0 +1,5 @@
        +What:		/sys/bus/platform/drivers/foo/<dev>/bar
        +Date:		July 2025
        +KernelVersion:	6.17
        +Contact:	Jane Doe <jane.doe@oldjob.example.com>
        +Description:	(RO) The bar register of the foo device.
    """
    m = ctx.maintainers
    if m is None:
        return
    for a in ctx.abi:
        for e in a.file.entries:
            for fl in e.all("Contact"):
                for name, address in getaddresses([fl.value.replace("\n", ",")]):
                    if "@" not in address:
                        continue  # bad-contact reports it
                    got = _problem(m, name, address)
                    if got is None:
                        continue
                    line = _lines_of(a, fl, address)
                    lines = a.image.text.splitlines()
                    col = lines[line - 1].lower().find(address.lower()) + 1 if line <= len(lines) else 1
                    f = ctx.finding(a.image, line, max(col, 1), *got)
                    if f is not None:
                        yield f
