"""Whitespace that editors hide: trailing blanks, CRLF, missing or extra final lines, mixed indentation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from abi_tools.model import AbiFile, Field, Span
from abi_tools.rules import Finding, options, rule

#: Runs of trailing-whitespace lines reported per file before a summary.
MAX_RUNS = 5


def _runs(lines: list[int]) -> list[tuple[int, int]]:
    """Consecutive line numbers grouped as (first, last)."""
    out: list[tuple[int, int]] = []
    for n in lines:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def _trailing(f: AbiFile, limit: int) -> Iterator[Finding]:
    blank_tail = _blank_tail_start(f)
    end = len(f.lines) if blank_tail is None else blank_tail - 1
    # Lines of only blanks are trailing whitespace too, but a lighter kind.
    hits = [i for i, line in enumerate(f.lines[:end], 1) if line != line.rstrip()]
    runs = _runs(hits)
    for first, last in runs[:limit]:
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        yield Finding(
            Span(f.path, first, len(f.lines[first - 1].rstrip()) + 1, last),
            f"trailing whitespace on {where}",
            "remove the spaces and tabs at the end of the line",
        )
    rest = runs[limit:]
    if rest:
        count = sum(b - a + 1 for a, b in rest)
        yield Finding(
            Span(f.path, rest[0][0], 1),
            f"trailing whitespace on {count} more line(s) of this file",
            "strip trailing whitespace in the whole file (e.g. sed -i 's/[ \\t]*$//')",
        )


def _blank_tail_start(f: AbiFile) -> int | None:
    """First line of the blank lines that end the file, or None."""
    n = len(f.lines)
    i = n
    while i > 0 and not f.lines[i - 1].strip():
        i -= 1
    return i + 1 if i < n and i > 0 else None


#: In a file's lines joined by newlines: a line indented with white space other than a tab.
_NON_TAB_INDENT = re.compile(r"\n[^\S\t\n]")


def _has_both_indents(f: AbiFile) -> bool:
    """Whether some line after the first starts with a tab and another with
    other white space.  Without both no description can mix them; nine
    files in ten have only one kind, and this costs a join and two scans."""
    text = "\n".join(f.lines)
    return "\n\t" in text and _NON_TAB_INDENT.search(text) is not None


def _indent_kind(text: str) -> str:
    lead = text[: len(text) - len(text.lstrip())]
    if not lead:
        return ""
    return "tab" if lead[0] == "\t" else "space"


def _width(text: str, tabsize: int) -> int:
    wide = text.expandtabs(tabsize)
    return len(wide) - len(wide.lstrip())


def _mixed_indent(f: AbiFile, fl: Field) -> Iterator[Finding]:
    """Consecutive lines of one paragraph, one indented with tabs and the
    other with spaces, that line up in an editor with 4-column tabs but not
    with the 8-column tabs the kernel's tools use: the author saw them
    aligned, ReST sees an indentation change.  Not inside a literal block
    (after ``::``), which ReST shows as written."""
    prev: tuple[str, str] | None = None
    #: Indentation of the paragraph that opened a literal block (``::``):
    #: lines indented deeper are shown as written, whatever the tabs are.
    literal: int | None = None
    for ln in range(fl.span.line + 1, fl.span.last_line + 1):
        text = f.lines[ln - 1] if ln <= len(f.lines) else ""
        if not text.strip():
            prev = None
            continue
        if literal is not None:
            if _width(text, 8) > literal:
                continue
            literal = None
        if text.rstrip().endswith("::"):
            literal = _width(text, 8)
            prev = None
            continue
        kind = _indent_kind(text)
        if prev is not None and kind and prev[0] and kind != prev[0]:
            above = prev[1]
            if _width(text, 8) != _width(above, 8) and _width(text, 4) == _width(above, 4):
                yield Finding(
                    Span(f.path, ln, 1),
                    f"indented with {kind}s here and with {prev[0]}s on the line above: aligned with "
                    f"4-column tabs, but {_width(text, 8)} and {_width(above, 8)} columns with the "
                    "8-column tabs the kernel's tools use, an indentation change for ReST",
                    "indent the lines of the paragraph the same way (tabs, as the rest of the file)",
                )
                return  # one per description is enough
        prev = (kind, text)


@rule("ABI060", "whitespace", "info", scope="file")
def whitespace(ctx: object, f: AbiFile) -> Iterator[Finding]:
    """Whitespace problems: trailing blanks, CRLF line ends, no final newline,
    blank lines at the end of the file, and one description's lines indented
    with tabs on some lines and spaces on others at different widths.

    Trailing whitespace is grouped into runs of consecutive lines, and only
    the first five runs of a file are reported, plus a count of the rest
    (option ``max_runs``).  Information by default: the problems that change
    the rendered text are reported by description-rest too.

    PASS:
        Description:	Reads the counter.
                        Writes reset it.

    FAIL:
        Description:	Reads the counter.␠␠
                        Writes reset it.
    """
    limit = int(options(ctx, "whitespace").get("max_runs", MAX_RUNS))
    if f.has_crlf:
        yield Finding(
            Span(f.path, 1, 1), "the file has CRLF (DOS) line endings", "convert to LF line endings"
        )
    yield from _trailing(f, limit)
    if not f.ends_with_newline and f.lines:
        n = len(f.lines)
        yield Finding(
            Span(f.path, n, len(f.lines[-1]) + 1),
            "no newline at the end of the file",
            "end the last line with a newline",
        )
    tail = _blank_tail_start(f)
    if tail is not None:
        yield Finding(
            Span(f.path, tail, 1, len(f.lines)),
            f"{len(f.lines) - tail + 1} blank line(s) at the end of the file",
            "remove the blank lines after the last entry",
        )
    if not _has_both_indents(f):
        return
    for e in f.entries:
        for fl in e.all("Description"):
            yield from _mixed_indent(f, fl)
