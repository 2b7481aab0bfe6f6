"""Decoded body lines → file patches and hunks.

The reader is deliberately forgiving; it is meant for patches as they arrive by
mail or from web archives, not only as git writes them:

* A hunk's extent comes from the counts in its ``@@ -a,b +c,d @@`` header.  A line
  with no ``' '``/``'+'``/``'-'`` prefix inside that extent is a context line whose
  leading whitespace was stripped; an empty line is a blank context line.  Such
  hunks are flagged ``whitespace_mangled`` and never rejected.
* A hunk ends early (with a :class:`PatchProblem`) at ``diff --git``, the next
  ``@@``, a ``---``/``+++`` pair, the ``-- `` signature or a quoted line.
* Lines starting with ``>`` (quoted replies, any depth) are never patch content.
  Once a message has had its diff and then quotes (or an "... wrote:" line), the
  rest of it is a reply: diffs there (a reviewer's suggestion) are not read.
* The ``-- `` signature ends the message's patch content.
* The commit message, the ``---`` separator and the diffstat are skipped.
* Binary patches are recorded (``is_binary``) but not decoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import FilePatch, Hunk, HunkKind, HunkLine, PatchProblem

_HUNK_RE = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$")
_COMBINED_RE = re.compile(r"^@@@+ ")
_VERSION_RE = re.compile(r"^\d+(\.\d+)+(\S*)\s*$")
_WROTE_RE = re.compile(r"\bwrote:\s*$")
_GIT_HDR = "diff --git "
#: First characters of lines that may end a hunk early (checked only for these: speed).
_HUNK_STOP_CHARS = frozenset(">d@-")
_BINARY_RE = re.compile(r"^Binary files (.+?) and (.+?) differ\s*$")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_C_ESCAPES = {
    "n": "\n",
    "t": "\t",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "r": "\r",
    "v": "\v",
}

Lines = list[tuple[str, int]]


def _unquote(s: str) -> str:
    """Undo git's C-style path quoting (octal escapes are UTF-8 bytes)."""
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            if nxt in "01234567" and i + 3 < len(s) + 0:
                try:
                    out.append(int(s[i + 1 : i + 4], 8) & 0xFF)
                    i += 4
                    continue
                except ValueError:
                    pass
            out += _C_ESCAPES.get(nxt, nxt).encode()
            i += 2
            continue
        out += c.encode("utf-8", "surrogateescape")
        i += 1
    return out.decode("utf-8", "replace")


def _split_git_paths(rest: str) -> tuple[str | None, str | None]:
    rest = rest.strip()
    quoted = _QUOTED.findall(rest)
    if rest.startswith('"') or rest.endswith('"'):
        if len(quoted) == 2:
            return _unquote(quoted[0]), _unquote(quoted[1])
        if rest.startswith('"') and quoted:
            return _unquote(quoted[0]), rest[len(quoted[0]) + 2 :].strip() or None
        if quoted:
            return rest[: rest.index('"')].strip() or None, _unquote(quoted[-1])
    n = len(rest)
    if n % 2 == 1:  # "a/P b/P": the same path twice
        half = n // 2
        if rest[half] == " " and rest[2:half] == rest[half + 3 :]:
            return rest[:half], rest[half + 1 :]
    k = rest.find(" b/")
    if k >= 0:
        return rest[:k], rest[k + 1 :]
    parts = rest.split(" ")
    if len(parts) == 2:
        return parts[0], parts[1]
    return None, None


def _strip_prefix(path: str | None, prefix: str) -> str | None:
    if path is None:
        return None
    if path.startswith(prefix):
        return path[len(prefix) :]
    return path


def _header_path(text: str) -> str | None:
    """The path of a ``--- X`` / ``+++ X`` line, without timestamps; None for /dev/null."""
    p = text[4:]
    if p.startswith('"'):
        q = _QUOTED.match(p)
        p = _unquote(q.group(1)) if q else p
    else:
        p = p.split("\t", 1)[0].rstrip()
        # "diff -u" without tabs: "path 2025-01-02 03:04:05.000000000 +0100"
        p = re.sub(r"\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?( [+-]\d{4})?$", "", p)
    if p == "/dev/null" or p.endswith("/dev/null") and p.count("/") <= 2:
        return None
    return p


def _normalize_plain_paths(old: str | None, new: str | None) -> tuple[str | None, str | None]:
    """Strip ``a/``/``b/``, or a differing first component (``linux.orig/x`` vs ``linux/x``)."""
    if (old is None or old.startswith("a/")) and (new is None or new.startswith("b/")):
        return _strip_prefix(old, "a/"), _strip_prefix(new, "b/")
    if old and new and "/" in old and "/" in new:
        o1, orest = old.split("/", 1)
        n1, nrest = new.split("/", 1)
        if o1 != n1 and orest == nrest:
            return orest, nrest
    return old, new


@dataclass
class _FileBuilder:
    header_line: int
    git: bool
    old_path: str | None = None
    new_path: str | None = None
    git_old: str | None = None
    git_new: str | None = None
    saw_minus: bool = False
    saw_plus: bool = False
    is_new: bool = False
    is_deleted: bool = False
    is_rename: bool = False
    is_copy: bool = False
    is_binary: bool = False
    hunks: list[Hunk] = field(default_factory=list)

    def build(self) -> FilePatch:
        if self.git:
            old, new = self.git_old, self.git_new
            if self.saw_minus or self.saw_plus:
                if self.saw_minus:
                    old = self.old_path
                if self.saw_plus:
                    new = self.new_path
            if self.is_new:
                old = None
            if self.is_deleted:
                new = None
        else:
            old, new = _normalize_plain_paths(self.old_path, self.new_path)
            if old is None and new is not None:
                self.is_new = True
            if new is None and old is not None:
                self.is_deleted = True
        if (
            old is None
            and new is not None
            and self.hunks
            and all(h.old_start == 0 and h.old_len == 0 for h in self.hunks)
        ):
            self.is_new = True
        return FilePatch(
            old_path=old,
            new_path=new,
            hunks=tuple(self.hunks),
            patch_index=-1,
            is_new=self.is_new,
            is_deleted=self.is_deleted,
            is_rename=self.is_rename,
            is_binary=self.is_binary,
            is_copy=self.is_copy,
            header_line=self.header_line,
        )


@dataclass
class DiffResult:
    files: list[FilePatch]
    problems: list[PatchProblem]
    first_diff_line: int | None  # input line of the first file header
    message_lines: Lines  # body lines before the first diff (commit message + diffstat)


def _is_signature(lines: Lines, i: int) -> bool:
    """``-- `` (or ``--`` when an archive stripped the space) closing the mail."""
    text = lines[i][0]
    if text == "-- ":
        return True
    if text.rstrip() != "--":
        return False
    nxt = i + 1
    while nxt < len(lines) and not lines[nxt][0].strip():
        nxt += 1
    return nxt >= len(lines) or bool(_VERSION_RE.match(lines[nxt][0])) or lines[nxt][0].startswith(">")


def _is_hunk_signature(lines: Lines, i: int) -> bool:
    """Inside a hunk ``-- `` may be a removed ``- `` line: demand a version line after it."""
    if lines[i][0].rstrip() != "--":
        return False
    nxt = i + 1
    while nxt < len(lines) and not lines[nxt][0].strip():
        nxt += 1
    return nxt >= len(lines) or bool(_VERSION_RE.match(lines[nxt][0]))


def _is_minus_plus(lines: Lines, i: int) -> bool:
    return lines[i][0].startswith("--- ") and i + 1 < len(lines) and lines[i + 1][0].startswith("+++ ")


def read_diff(lines: Lines) -> DiffResult:
    """Find the file patches in a message body."""
    files: list[FilePatch] = []
    problems: list[PatchProblem] = []
    cur: _FileBuilder | None = None
    first_diff: int | None = None
    first_diff_idx = len(lines)
    in_binary = False
    just_ended_hunk = False
    n = len(lines)
    i = 0

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            files.append(cur.build())
        cur = None

    while i < n:
        text, ln = lines[i]
        if text.startswith(">"):
            if files or cur is not None:
                break  # the patch is done; this is a reply quoting it
            i += 1
            continue
        if (files or cur is not None) and _WROTE_RE.search(text):
            break  # "On ..., X wrote:" - a reply follows
        if _is_signature(lines, i):
            break
        if text.startswith(_GIT_HDR):
            flush()
            in_binary = False
            old, new = _split_git_paths(text[len(_GIT_HDR) :])
            cur = _FileBuilder(ln, git=True)
            cur.git_old = _strip_prefix(old, "a/")
            cur.git_new = _strip_prefix(new, "b/")
            if first_diff is None:
                first_diff, first_diff_idx = ln, i
            i += 1
            just_ended_hunk = False
            continue
        if _is_minus_plus(lines, i):
            if cur is None or cur.saw_minus or cur.hunks:
                flush()
                cur = _FileBuilder(ln, git=False)
                if first_diff is None:
                    first_diff, first_diff_idx = ln, i
            in_binary = False
            cur.old_path = _header_path(text)
            cur.new_path = _header_path(lines[i + 1][0])
            cur.saw_minus = cur.saw_plus = True
            if cur.git:
                cur.old_path = _strip_prefix(cur.old_path, "a/")
                cur.new_path = _strip_prefix(cur.new_path, "b/")
            i += 2
            just_ended_hunk = False
            continue
        m = _HUNK_RE.match(text)
        if m:
            hunk, i, probs = _read_hunk(lines, i, m)
            problems.extend(probs)
            if cur is None:
                problems.append(PatchProblem(ln, "hunk without a file header; ignored"))
            else:
                cur.hunks.append(hunk)
            just_ended_hunk = True
            continue
        if _COMBINED_RE.match(text):
            problems.append(PatchProblem(ln, "combined (merge) diff hunks are not supported"))
            i += 1
            continue
        if cur is not None and not in_binary:
            if cur.git and not cur.hunks and _git_extended(cur, text):
                if text.startswith("GIT binary patch"):
                    in_binary = True
                i += 1
                continue
            bm = _BINARY_RE.match(text)
            if bm:
                cur.is_binary = True
                if not cur.git:
                    cur.old_path = _header_path("--- " + bm.group(1))
                    cur.new_path = _header_path("+++ " + bm.group(2))
                i += 1
                continue
            if just_ended_hunk and text[:1] in ("+", "-") and not text.startswith("---"):
                problems.append(
                    PatchProblem(
                        ln,
                        "line looks like hunk content but the hunk header's line counts are used up; ignored",
                    )
                )
        just_ended_hunk = False
        i += 1
    flush()
    return DiffResult(files, problems, first_diff, lines[:first_diff_idx])


def _git_extended(cur: _FileBuilder, text: str) -> bool:
    """Apply one git extended header line; False when it is not one."""
    if text.startswith("new file mode"):
        cur.is_new = True
    elif text.startswith("deleted file mode"):
        cur.is_deleted = True
    elif text.startswith("rename from "):
        cur.is_rename = True
        cur.git_old = _maybe_unquote(text[len("rename from ") :])
    elif text.startswith("rename to "):
        cur.is_rename = True
        cur.git_new = _maybe_unquote(text[len("rename to ") :])
    elif text.startswith("copy from "):
        cur.is_copy = True
        cur.git_old = _maybe_unquote(text[len("copy from ") :])
    elif text.startswith("copy to "):
        cur.is_copy = True
        cur.git_new = _maybe_unquote(text[len("copy to ") :])
    elif text.startswith("GIT binary patch"):
        cur.is_binary = True
    elif text.startswith(("index ", "old mode", "new mode", "similarity index", "dissimilarity index")):
        pass
    else:
        return False
    return True


def _maybe_unquote(p: str) -> str:
    p = p.rstrip()
    if p.startswith('"') and p.endswith('"') and len(p) >= 2:
        return _unquote(p[1:-1])
    return p


def _read_hunk(lines: Lines, i: int, m: re.Match[str]) -> tuple[Hunk, int, list[PatchProblem]]:
    header_ln = lines[i][1]
    old_start, new_start = int(m.group(1)), int(m.group(3))
    old_len = int(m.group(2)) if m.group(2) is not None else 1
    new_len = int(m.group(4)) if m.group(4) is not None else 1
    old_rem, new_rem = old_len, new_len
    out: list[HunkLine] = []
    problems: list[PatchProblem] = []
    mangled = False
    n = len(lines)
    i += 1
    ended_early = False
    while old_rem > 0 or new_rem > 0:
        if i >= n:
            ended_early = True
            break
        text, ln = lines[i]
        c = text[:1]
        if c in _HUNK_STOP_CHARS and (
            c == ">"
            or text.startswith(_GIT_HDR)
            or _HUNK_RE.match(text)
            or _is_minus_plus(lines, i)
            or _is_hunk_signature(lines, i)
        ):
            ended_early = True
            break
        kind: HunkKind
        if c == "+":
            kind, body = "+", text[1:]
            new_rem -= 1
        elif c == "-":
            kind, body = "-", text[1:]
            old_rem -= 1
        elif c == " ":
            kind, body = " ", text[1:]
            old_rem -= 1
            new_rem -= 1
        elif c == "\\":  # "\ No newline at end of file"
            i += 1
            continue
        elif c == "":
            kind, body = " ", ""
            old_rem -= 1
            new_rem -= 1
        else:
            kind, body = " ", text
            mangled = True
            old_rem -= 1
            new_rem -= 1
        out.append(HunkLine(kind, body, ln))
        i += 1
    if i < n and lines[i][0].startswith("\\"):
        i += 1
    if ended_early:
        where = lines[i][1] if i < n else (lines[-1][1] if lines else header_ln)
        problems.append(
            PatchProblem(
                header_ln,
                f"hunk @@ -{old_start},{old_len} +{new_start},{new_len} @@ ends at line {where}, "
                f"{max(old_rem, 0)} old and {max(new_rem, 0)} new line(s) short of its header; "
                "read what is there"
                + (
                    " (leading whitespace was stripped too: a web archive probably dropped blank lines)"
                    if mangled
                    else ""
                ),
            )
        )
    hunk = Hunk(
        old_start=old_start,
        old_len=old_len,
        new_start=new_start,
        new_len=new_len,
        lines=tuple(out),
        header_line=header_ln,
        section=m.group(5).strip(),
        whitespace_mangled=mangled,
    )
    return hunk, i, problems
