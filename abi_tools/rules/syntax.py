"""Tag lines: damaged tags, and fields that stand where they do not belong."""

from __future__ import annotations

from collections.abc import Iterator

from abi_tools.model import TAGS, AbiEntry, AbiFile, Field, Span
from abi_tools.rules import Finding, rule
from abi_tools.tags import canonical

#: Tags as they should be written: the lines the tag-line rules skip at once.
_WELL_FORMED = frozenset(t + ":" for t in TAGS)

# The pseudo-rules for problems found while reading (they are produced by
# abi_tools.tree, not by a check); registered so they can be selected,
# ignored and listed like any other rule.


@rule("ABI001", "unreadable-file", "error", scope="file")
def unreadable_file(ctx: object, f: AbiFile) -> Iterator[Finding]:
    """A file that cannot be read or parsed: missing, unreadable, binary, too large, a symlink loop.

    PASS:
        Documentation/ABI/testing/sysfs-foo   (a readable text file)

    FAIL:
        Documentation/ABI/testing/sysfs-foo   (a binary file, or one of 50 MB)
    """
    return iter(())


@rule("ABI002", "encoding", "warning", scope="file")
def encoding(ctx: object, f: AbiFile) -> Iterator[Finding]:
    """Bytes that are not UTF-8; a byte-order mark at the start of the file.

    PASS:
        What:		/sys/foo   (UTF-8 text)

    FAIL:
        What:		/sys/foo   (Latin-1 bytes such as 0xe9 in a Contact name)
    """
    if f.has_bom:
        yield Finding(Span(f.path, 1, 1), "the file starts with a byte-order mark", "remove the BOM")


def _tag_word(raw: str) -> str:
    return raw.rstrip(":;")


def _damaged(raw: str, span: Span, canon: str) -> Iterator[tuple[str, Finding]]:
    word = _tag_word(raw)
    if raw.endswith(";"):
        yield (
            "unknown-tag",
            Finding(span, f"'{raw}' is not a tag; read as '{canon}:'", f"write '{canon}:'"),
        )
    elif canonical(word) is None:
        yield (
            "unknown-tag",
            Finding(span, f"'{word}:' is not a tag; read as '{canon}:'", f"write '{canon}:'"),
        )
    elif not raw.endswith(":"):
        yield (
            "missing-colon",
            Finding(span, f"'{word}' has no colon; read as '{canon}:'", f"write '{canon}:'"),
        )
    if canonical(word) is not None and word != canon:
        yield (
            "tag-case",
            Finding(span, f"tag '{word}' should be spelt '{canon}'", f"write '{canon}:'"),
        )


def _tag_lines(e: AbiEntry) -> Iterator[tuple[str, Span, str]]:
    """The tag lines of an entry that may be damaged.  A canonical tag with
    its colon is always read as itself (raw == canon + ":"): skipped here."""
    for w in e.whats:
        if not w.continuation and w.raw_tag not in _WELL_FORMED:
            yield w.raw_tag, w.span, "What"
    for fl in e.fields:
        if fl.raw_tag not in _WELL_FORMED:
            yield fl.raw_tag, fl.span, fl.tag


def _damage(f: AbiFile, e: AbiEntry, kind: str) -> Iterator[Finding]:
    for raw, where, canon in _tag_lines(e):
        if raw == canon + ":" or not raw:
            continue
        span = Span(where.path, where.line, 1)
        for k, finding in _damaged(raw, span, canon):
            if k == kind:
                yield finding


@rule("ABI003", "missing-colon", "warning")
def missing_colon(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A known tag at column 0 without its colon.

    The kernel's tools read such a line as text of the field above, or, right
    under a What, as one more What.

    PASS:
        KernelVersion:	6.7

    FAIL:
        KernelVersion	6.7
    """
    return _damage(f, e, "missing-colon")


@rule("ABI004", "tag-case", "warning")
def tag_case(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A tag in the wrong letter case.

    PASS:
        Contact:	Jane Doe <jane@example.org>

    FAIL:
        contact:	Jane Doe <jane@example.org>
    """
    return _damage(f, e, "tag-case")


@rule("ABI005", "unknown-tag", "warning")
def unknown_tag(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A column-0 word that is a near miss of a tag (`WDate:`, `User:`, `What;`).

    Ordinary words such as `Values:` or `Note:` inside a description are text,
    not findings.

    PASS:
        Users:		a tool

    FAIL:
        User:		a tool
    """
    return _damage(f, e, "unknown-tag")


@rule("ABI006", "field-before-what", "warning", scope="file")
def field_before_what(ctx: object, f: AbiFile) -> Iterator[Finding]:
    """A field with no What above it.

    Either before the first What of the file, or after an entry's Description
    and a blank line, directly before the next What: it was meant for the
    next entry, but belongs to the previous one.

    PASS:
        What:		/sys/foo
        Contact:	a@example.org
        Description:	...

    FAIL:
        Description:	... (end of the previous entry)

        Contact:	a@example.org
        What:		/sys/foo
    """
    for o in f.orphans:
        yield Finding(
            Span(f.path, o.span.line, 1),
            f"'{o.tag}:' comes before any What",
            "move it into the entry it belongs to, after its What lines",
        )
    for e in f.entries:
        yield from _stray_tail(f, e)


def _repeats_a_tag(e: AbiEntry) -> bool:
    return len({fl.tag for fl in e.fields}) < len(e.fields)


def _stray_tail(f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """Fields after the Description, separated from it by a blank line, that
    end the entry: they sit right above the next entry's What."""
    if not _repeats_a_tag(e):
        return  # each finding is a tag the entry has twice
    seen_desc = False
    tail: list[Field] = []
    for fl in e.fields:
        if fl.tag == "Description":
            seen_desc, tail = True, []
            continue
        if seen_desc:
            tail.append(fl)
    if not tail or e is f.entries[-1]:
        return
    first = tail[0]
    prev_line = f.lines[first.span.line - 2] if first.span.line >= 2 else ""
    if prev_line.strip():
        return
    for fl in tail:
        if any(x.tag == fl.tag for x in e.fields if x is not fl):
            yield Finding(
                Span(f.path, fl.span.line, 1),
                f"'{fl.tag}:' after a blank line ends the entry of {e.whats[0].path}: "
                f"it reads as a second {fl.tag} of that entry",
                "move it below the next What line, into the entry it was meant for",
            )


@rule("ABI007", "duplicate-field", "warning")
def duplicate_field(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """The same field twice in one entry (the kernel's tools keep only the last).

    PASS:
        Date:		March 2025

    FAIL:
        Date:		March 2025
        Date:		April 2025
    """
    if not _repeats_a_tag(e):
        return
    seen: dict[str, Field] = {}
    stray = {d.span.line for d in _stray_tail(f, e)}
    for fl in e.fields:
        first = seen.get(fl.tag)
        if first is not None and fl.span.line not in stray:
            yield Finding(
                Span(f.path, fl.span.line, 1),
                f"second '{fl.tag}:' in this entry (first at line {first.span.line})",
                "keep one; merge the values",
            )
        seen.setdefault(fl.tag, fl)
