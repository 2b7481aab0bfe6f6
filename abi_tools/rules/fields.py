"""Fields that are missing or empty."""

from __future__ import annotations

from collections.abc import Iterator

from abi_tools.model import AbiEntry, AbiFile, Span
from abi_tools.rules import Finding, rule

_HINTS = {
    "Date": "add 'Date:' with the month the ABI appeared, e.g. 'Date:\t\tMarch 2025'",
    "KernelVersion": "add 'KernelVersion:' with the first release that has it, e.g. 'KernelVersion:\t6.15'",
    "Contact": "add 'Contact:' with the maintainer's or list's address",
    "Description": "add 'Description:' saying what the file holds and how to use it",
}


def _missing(f: AbiFile, e: AbiEntry, tag: str) -> Iterator[Finding]:
    if e.get(tag) is None:
        w = e.whats[0]
        yield Finding(Span(f.path, w.span.line, 1), f"no '{tag}:' for {w.path}", _HINTS[tag])


@rule("ABI011", "missing-date", "warning", group="missing-field")
def missing_date(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """An entry without a Date field.

    PASS:
        What:		/sys/foo
        Date:		March 2025

    FAIL:
        What:		/sys/foo
        KernelVersion:	6.15
    """
    return _missing(f, e, "Date")


@rule("ABI012", "missing-kernelversion", "info", group="missing-field")
def missing_kernelversion(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """An entry without a KernelVersion field.

    Half of the kernel's entries have none, so this is only information by
    default; raise it in the configuration for new documentation.

    PASS:
        What:		/sys/foo
        KernelVersion:	6.15

    FAIL:
        What:		/sys/foo
        Date:		March 2025
    """
    return _missing(f, e, "KernelVersion")


@rule("ABI013", "missing-contact", "warning", group="missing-field")
def missing_contact(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """An entry without a Contact field.

    PASS:
        What:		/sys/foo
        Contact:	linux-foo@vger.kernel.org

    FAIL:
        What:		/sys/foo
        Date:		March 2025
    """
    return _missing(f, e, "Contact")


@rule("ABI014", "missing-description", "error", group="missing-field")
def missing_description(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """An entry without a Description field: the kernel's tools warn and render nothing.

    PASS:
        What:		/sys/foo
        Description:	Reads the foo counter.

    FAIL:
        What:		/sys/foo
        Date:		March 2025
    """
    return _missing(f, e, "Description")


@rule("ABI015", "empty-field", "warning")
def empty_field(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A field that is present but has no value.

    PASS:
        KernelVersion:	6.15

    FAIL:
        KernelVersion:
    """
    for w in e.whats:
        if not w.path and not w.continuation:
            yield Finding(
                Span(f.path, w.span.line, 1), "'What:' with no path", "write the path after 'What:'"
            )
    for fl in e.fields:
        if not fl.value.strip():
            yield Finding(
                Span(f.path, fl.span.line, 1),
                f"'{fl.tag}:' is empty",
                _HINTS.get(fl.tag, f"give '{fl.tag}:' a value or remove it").replace("add ", "fill in ", 1),
            )
