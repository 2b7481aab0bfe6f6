"""Input text → email messages → decoded body lines, each with its input line.

The input may be a single ``git format-patch`` file, an mbox holding a series, a
mailing-list thread saved as text (header blocks, or none at all, between the
messages), or a bare diff.  This module only cuts the input into messages and
decodes their bodies; finding diffs in the bodies is :mod:`.diffread`'s job.

Line numbers
------------
Every body line keeps the 1-based line of the input it came from:

* 7bit/8bit bodies: exact.
* quoted-printable bodies: exact; a logical line joined from soft line breaks
  (``=`` at the end of a line) gets the input line where it starts.
* base64 bodies: approximate.  A decoded line gets the input line holding the
  base64 text of its first byte, computed from the width of the encoded lines
  (76 characters encode 57 bytes).  Good to a line, give or take one.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from dataclasses import dataclass, field
from email.message import Message
from email.parser import HeaderParser
from email.policy import compat32

from .model import PatchProblem

#: git format-patch's magic mbox separator.
_GIT_FROM_RE = re.compile(r"^From [0-9a-f]{7,64} Mon Sep 17 00:00:00 2001\s*$")
#: A generic mbox "From " line: ``From sender  Thu Jan  2 03:04:05 2025``.
_MBOX_FROM_RE = re.compile(
    r"^From \S+\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+[A-Z][a-z]{2}\s+\d{1,2}\s+"
    r"\d{1,2}:\d\d(?::\d\d)?\s.*\d{4}\s*$"
)
#: An RFC 5322 header field.
_HEADER_RE = re.compile(r"^([!-9;-~]+):(?:[ \t]|$)")
_EMAIL_HEADERS = frozenset(
    {
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to",
        "references", "reply-to", "sender", "mime-version", "content-type",
        "content-transfer-encoding", "content-disposition", "return-path", "received",
        "delivered-to", "user-agent", "x-mailer", "organization", "list-id", "precedence",
        "thread-topic", "thread-index", "archived-at",
    }
)  # fmt: skip
_MAX_MIME_DEPTH = 8


@dataclass
class Source:
    """The input split into lines: text for matching, raw bytes for re-decoding."""

    lines: list[str]
    raw: list[bytes] | None  # None when the input was already text

    def raw_line(self, i: int) -> bytes:
        if self.raw is not None:
            return self.raw[i]
        return self.lines[i].encode("utf-8", "surrogateescape")


def split_input(data: str | bytes) -> Source:
    """Split on ``\\n`` only (as editors count lines) and drop ``\\r`` endings."""
    if isinstance(data, bytes):
        raw = data.split(b"\n")
        if raw and raw[-1] == b"":
            raw.pop()
        raw = [r[:-1] if r.endswith(b"\r") else r for r in raw]
        lines: list[str] = []
        for r in raw:
            try:
                lines.append(r.decode("utf-8"))
            except UnicodeDecodeError:
                lines.append(r.decode("latin-1"))
        return Source(lines, raw)
    parts = data.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return Source([p[:-1] if p.endswith("\r") else p for p in parts], None)


@dataclass
class MailMessage:
    """One message (or the headerless text before the first one)."""

    start: int  # 0-based index of its first input line (the From line or first header)
    headers: Message | None
    body: list[tuple[str, int]] = field(default_factory=list)  # (text, 1-based input line)
    problems: list[PatchProblem] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        if self.headers is None:
            return None
        try:
            value = self.headers.get(name)
        except Exception:  # noqa: BLE001 - malformed header: treat as absent
            return None
        if value is None:
            return None
        return decode_header_text(str(value))


def decode_header_text(value: str) -> str:
    """Decode RFC 2047 words (``=?utf-8?q?...?=``) and unfold."""
    from email.header import decode_header, make_header

    try:
        text = str(make_header(decode_header(value)))
    except Exception:  # noqa: BLE001 - bad encoded word: keep it as written
        text = value
    return " ".join(text.split())


def _is_header_line(line: str) -> str | None:
    m = _HEADER_RE.match(line)
    return m.group(1).lower() if m else None


def _header_block_end(lines: list[str], i: int) -> int:
    """End (exclusive) of a run of header and continuation lines starting at ``i``."""
    n = len(lines)
    j = i
    while j < n:
        line = lines[j]
        if _is_header_line(line) is not None or (j > i and line[:1] in (" ", "\t") and line.strip()):
            j += 1
            continue
        break
    return j


def _looks_like_header_block(lines: list[str], i: int) -> bool:
    """A run of email headers with From: or Subject: and at least two known names."""
    name = _is_header_line(lines[i])
    if name not in _EMAIL_HEADERS:
        return False
    end = _header_block_end(lines, i)
    names = {_is_header_line(lines[k]) for k in range(i, min(end, i + 200))}
    known = names & _EMAIL_HEADERS
    return len(known) >= 2 and bool(known & {"from", "subject"})


def _is_mbox_from(lines: list[str], i: int) -> bool:
    line = lines[i]
    if not line.startswith("From "):
        return False
    if _GIT_FROM_RE.match(line) or _MBOX_FROM_RE.match(line):
        return True
    # A loose "From something" line counts when real headers follow it.
    return i + 1 < len(lines) and _is_header_line(lines[i + 1]) in _EMAIL_HEADERS


def split_messages(src: Source) -> list[MailMessage]:
    """Cut the input into messages at mbox ``From `` lines and at header blocks."""
    lines = src.lines
    n = len(lines)
    # Starts of messages: (index of first line, index of first header line).
    starts: list[tuple[int, int]] = []
    i = 0
    at_body_start = False  # just after a header block: in-body "From:" is not a new mail
    while i < n:
        line = lines[i]
        if line.startswith("From ") and _is_mbox_from(lines, i):
            starts.append((i, i + 1))
            i = _header_block_end(lines, i + 1)
            at_body_start = True
            continue
        if line and line[0] in "FSDMTCRIL" and _looks_like_header_block(lines, i):
            if not at_body_start:
                starts.append((i, i))
            i = _header_block_end(lines, i)
            at_body_start = False
            continue
        if line.strip():
            at_body_start = False
        i += 1

    messages: list[MailMessage] = []
    first = starts[0][0] if starts else n
    if first > 0 and any(ln.strip() for ln in lines[:first]):
        pre = MailMessage(0, None)
        pre.body = [(lines[k], k + 1) for k in range(first)]
        messages.append(pre)
    for k, (begin, hstart) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else n
        messages.append(_read_message(src, begin, hstart, end))
    return messages


def _read_message(src: Source, begin: int, hstart: int, end: int) -> MailMessage:
    lines = src.lines
    hend = min(_header_block_end(lines, hstart), end)
    msg = MailMessage(begin, None)
    if hend == hstart:
        msg.body = [(lines[k], k + 1) for k in range(hstart, end)]
        return msg
    msg.headers = _parse_headers(lines[hstart:hend])
    body_start = hend + 1 if hend < end and not lines[hend].strip() else hend
    msg.body = decode_body(src, msg.headers, body_start, end, msg.problems, 0)
    return msg


def _parse_headers(header_lines: list[str]) -> Message:
    return HeaderParser(policy=compat32).parsestr("\n".join(header_lines) + "\n\n")


def _charset_ok(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        codecs.lookup(charset)
    except LookupError:
        return None
    return charset


def _decode_bytes(data: bytes, charset: str | None) -> str:
    try:
        return data.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        return data.decode(charset or "latin-1", "replace") if charset else data.decode("latin-1")


def decode_body(
    src: Source,
    headers: Message,
    start: int,
    end: int,
    problems: list[PatchProblem],
    depth: int,
) -> list[tuple[str, int]]:
    """Decode lines ``start:end`` of the input as the body described by ``headers``."""
    lines = src.lines
    try:
        ctype = headers.get_content_type()
        cte = str(headers.get("content-transfer-encoding", "7bit")).strip().lower()
        charset = _charset_ok(headers.get_content_charset())
        filename = headers.get_filename() or ""
    except Exception:  # noqa: BLE001 - malformed MIME headers: read as plain text
        ctype, cte, charset, filename = "text/plain", "7bit", None, ""

    if ctype.startswith("multipart/") and depth < _MAX_MIME_DEPTH:
        boundary = None
        try:
            boundary = headers.get_boundary()
        except Exception:  # noqa: BLE001
            boundary = None
        if boundary:
            return _decode_multipart(src, boundary, start, end, problems, depth)
        problems.append(PatchProblem(start + 1, "multipart message without boundary; read as text"))
    elif ctype == "message/rfc822" and depth < _MAX_MIME_DEPTH:
        hend = _header_block_end(lines, start)
        inner = _parse_headers(lines[start:hend])
        bstart = hend + 1 if hend < end and not lines[hend].strip() else hend
        return decode_body(src, inner, bstart, end, problems, depth + 1)

    readable = (ctype.startswith("text/") and ctype != "text/html") or filename.endswith((".patch", ".diff"))
    if ctype.startswith("multipart/"):
        readable = True
    if not readable:
        return []

    if cte == "quoted-printable":
        return _decode_qp(src, start, end, charset)
    if cte == "base64":
        return _decode_base64(src, start, end, charset, problems)
    if src.raw is not None and charset is not None:
        out = []
        for k in range(start, end):
            out.append((_decode_bytes(src.raw[k], charset), k + 1))
        return out
    return [(lines[k], k + 1) for k in range(start, end)]


def _decode_multipart(
    src: Source, boundary: str, start: int, end: int, problems: list[PatchProblem], depth: int
) -> list[tuple[str, int]]:
    lines = src.lines
    delim = "--" + boundary
    close = delim + "--"
    part_starts: list[int] = []
    closed_at = end
    for k in range(start, end):
        line = lines[k].rstrip()
        if line == close:
            closed_at = k
            break
        if line == delim:
            part_starts.append(k)
    if not part_starts:
        problems.append(PatchProblem(start + 1, f"MIME boundary {boundary!r} never found"))
        return [(lines[k], k + 1) for k in range(start, end)]
    out: list[tuple[str, int]] = []
    for idx, ps in enumerate(part_starts):
        pe = part_starts[idx + 1] if idx + 1 < len(part_starts) else closed_at
        hstart = ps + 1
        hend = min(_header_block_end(lines, hstart), pe)
        part_headers = _parse_headers(lines[hstart:hend])
        bstart = hend + 1 if hend < pe and not lines[hend].strip() else hend
        out.extend(decode_body(src, part_headers, bstart, pe, problems, depth + 1))
    return out


def _decode_qp(src: Source, start: int, end: int, charset: str | None) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    buf = bytearray()
    first = start
    for k in range(start, end):
        raw = src.raw_line(k).rstrip(b" \t")
        if not buf:
            first = k
        if raw.endswith(b"="):
            buf += raw[:-1]
            continue
        buf += raw
        out.extend(_qp_emit(bytes(buf), first, charset))
        buf.clear()
    if buf:
        out.extend(_qp_emit(bytes(buf), first, charset))
    return out


def _qp_emit(data: bytes, first: int, charset: str | None) -> list[tuple[str, int]]:
    text = _decode_bytes(quopri.decodestring(data), charset)
    return [(piece.rstrip("\r"), first + 1) for piece in text.split("\n")]


def _decode_base64(
    src: Source, start: int, end: int, charset: str | None, problems: list[PatchProblem]
) -> list[tuple[str, int]]:
    chunks = [src.raw_line(k).strip() for k in range(start, end)]
    width = next((len(c) for c in chunks if c), 76)
    per_line = max(1, width * 3 // 4)
    try:
        data = base64.b64decode(b"".join(chunks), validate=False)
    except (binascii.Error, ValueError) as exc:
        problems.append(PatchProblem(start + 1, f"cannot decode base64 body: {exc}"))
        return []
    text = _decode_bytes(data, charset)
    out: list[tuple[str, int]] = []
    # Map each decoded line through the byte offset of its start.
    offset = 0
    for piece in text.split("\n"):
        line_no = start + 1 + min(offset // per_line, max(0, end - start - 1))
        out.append((piece.rstrip("\r"), line_no))
        offset += len(piece.encode(charset or "utf-8", "replace")) + 1
    if out and out[-1][0] == "":
        out.pop()
    return out
