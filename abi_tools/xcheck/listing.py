"""File names a Description lists as the files of a directory.

Many entries document a directory and list its files in the Description
rather than in What lines: a table row ("bulk_qlen   depth of queue"), a list
item ("- pattern: 0 (all zeros)"), a ReST simple table whose first column
holds the names ("enabled:" under a "======== =====" border), or a bullet
list of bare names ("- defrag", "- enabled").

PASS: "qlen       depth of the queue"          -> qlen (table layout)
PASS: "- max_burst: the largest burst"          -> max_burst
PASS: "- defrag\\n- enabled\\n"                  -> defrag, enabled (a list of names)
PASS: "signature\n\t\t- ASCII table signature\n\nlength\n\t\t- length of table"
                                                -> signature, length (a definition list)
FAIL: "note: prose, not a file"                 -> nothing (a colon needs an '_' name)
FAIL: "- enabled\\n" alone                       -> nothing (one bare item is prose)
"""

from __future__ import annotations

import re

_NAME = r"[a-z][a-z0-9_.\-]*[a-z0-9]"

# A table or list row that starts with a file name: "bulk_qlen   depth of queue",
# "- pattern: 0 (all zeros)", "``buflen``  buffer length".
_ROW = re.compile(
    r"^[ \t]*(?:[-*|][ \t]*)?(?:``)?(" + _NAME + r")(?:``)?"
    r"(:[ \t]+|[ \t]{2,}|\t|[ \t]+-[ \t]+)\S",
    re.M,
)
# A bullet item that is only a name: "- enabled", "* ``defrag``".
_BARE_ITEM = re.compile(r"^[ \t]*[-*][ \t]+(?:``)?(" + _NAME + r")(?:``)?[ \t]*$")
_BORDER = re.compile(r"^[ \t]*=+(?:[ \t]+=+)+[ \t]*$")
_CELL = re.compile(r"(?:``)?(" + _NAME + r")(?:``)?:?\Z")


def _rows(description: str) -> set[str]:
    """Names in table or list rows.  A plain word needs the table layout (two
    spaces or a tab after it); with a colon or dash after it only names with
    an underscore count, so prose lines such as "note: ..." are not taken for
    files."""
    out = set()
    for m in _ROW.finditer(description):
        name, sep = m.group(1), m.group(2)
        if len(name) >= 3 and ("_" in name or sep.startswith(("  ", "\t"))):
            out.add(name)
    return out


def _bare_items(lines: list[str]) -> set[str]:
    """Names of bullet lists with at least two bare-name items in a row."""
    out: set[str] = set()
    run: list[str] = []
    for line in [*lines, ""]:
        m = _BARE_ITEM.match(line)
        if m:
            run.append(m.group(1))
            continue
        if len(run) >= 2:
            out.update(run)
        run = []
    return out


_TERM = re.compile(r"^[ \t]*(?:``)?(" + _NAME + r")(?:``)?[ \t]*$")


def _definitions(lines: list[str]) -> set[str]:
    """Terms of definition lists: a name alone on its line with its
    definition indented deeper on the next; two at least, as one name alone
    on a line is as likely a heading or prose."""
    out = set()
    for i, line in enumerate(lines[:-1]):
        m = _TERM.match(line)
        following = lines[i + 1]
        if (
            m
            and following.strip()
            and len(following) - len(following.lstrip()) > len(line) - len(line.lstrip())
        ):
            out.add(m.group(1))
    return out if len(out) >= 2 else set()


def _table_cells(lines: list[str]) -> set[str]:
    """First-column cells of ReST simple tables that are a name, read within
    the column the border gives (a row whose text runs past the column is
    prose, not a cell)."""
    out: set[str] = set()
    span: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        if _BORDER.match(line):
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if not following.strip():
                span = None  # the closing border
            else:
                m = re.search(r"=+", line)
                assert m is not None
                span = (m.start(), m.end())
            continue
        if span is None or not line.strip():
            continue
        start, end = span
        if line[:start].strip() or line[end : end + 1].strip():
            continue
        m = _CELL.match(line[start:end].strip())
        if m and len(m.group(1)) >= 3:
            out.add(m.group(1))
    return out


def listed_names(description: str | None) -> set[str]:
    """File names ``description`` lists in table rows, list items or tables."""
    if not description:
        return set()
    lines = description.expandtabs(8).splitlines()
    return _rows(description) | _bare_items(lines) | _table_cells(lines) | _definitions(lines)
