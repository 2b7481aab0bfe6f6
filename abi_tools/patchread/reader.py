"""Messages → patches → a series (:class:`PatchSet`)."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from . import diffread, mail
from .model import Patch, PatchProblem, PatchSet

_REPLY_RE = re.compile(r"^\s*(?:re|aw|sv|antw)\s*(?:\[\d+\])?\s*:\s*", re.IGNORECASE)
_FWD_RE = re.compile(r"^\s*(?:fwd?|wg)\s*:\s*", re.IGNORECASE)
_BRACKET_RE = re.compile(r"^\s*\[([^\]]*)\]\s*")
_NUM_RE = re.compile(r"^0*(\d+)/0*(\d+)$")
_VER_RE = re.compile(r"^v(\d+)$", re.IGNORECASE)
_INBODY_RE = re.compile(r"^(From|Date|Subject):\s*(.*)$")


@dataclasses.dataclass
class SubjectInfo:
    title: str
    is_reply: bool
    tags: tuple[str, ...]
    index: int | None
    total: int | None
    version: int | None
    is_patch: bool  # had a [PATCH ...]/[RFC ...] prefix


def parse_subject(raw: str) -> SubjectInfo:
    """``Re: [RFC PATCH v3 2/5] x86/tdx: Add foo`` → its parts."""
    s = raw.strip()
    is_reply = False
    while True:
        m = _REPLY_RE.match(s)
        if m:
            is_reply = True
            s = s[m.end() :]
            continue
        m = _FWD_RE.match(s)
        if m:
            s = s[m.end() :]
            continue
        break
    tags: list[str] = []
    index = total = version = None
    is_patch = False
    while True:
        m = _BRACKET_RE.match(s)
        if not m:
            break
        words = m.group(1).replace(",", " ").split()
        for w in words:
            nm = _NUM_RE.match(w)
            vm = _VER_RE.match(w)
            if nm:
                index, total = int(nm.group(1)), int(nm.group(2))
            elif vm:
                version = int(vm.group(1))
            else:
                tags.append(w)
                if w.upper() in ("PATCH", "RFC", "PATCHV2") or w.upper().startswith("PATCH"):
                    is_patch = True
        s = s[m.end() :]
        # "Re:" may follow the brackets: "[PATCH] Re: ..."
        m2 = _REPLY_RE.match(s)
        if m2:
            is_reply = True
            s = s[m2.end() :]
    return SubjectInfo(" ".join(s.split()), is_reply, tuple(tags), index, total, version, is_patch)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _message_id(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    return v[1:-1] if v.startswith("<") and v.endswith(">") else v


def _starts_as_reply(body: list[tuple[str, int]]) -> bool:
    """A headerless message that opens with a quote or "X wrote:" is a reply."""
    for text, _ln in body:
        if not text.strip():
            continue
        return text.startswith(">") or bool(diffread._WROTE_RE.search(text))
    return False


def read_patches(data: str | bytes, source: str = "<stdin>") -> PatchSet:
    """Read every patch in ``data`` (see :mod:`abi_tools.patch`).  Never raises."""
    problems: list[PatchProblem] = []
    patches: list[Patch] = []
    cover: Patch | None = None
    try:
        src = mail.split_input(data)
        messages = mail.split_messages(src)
        for msg in messages:
            problems.extend(msg.problems)
            p, is_cover = _read_message(msg, problems)
            if p is None:
                continue
            if is_cover:
                if cover is None:
                    cover = p
                continue
            patches.append(p)
        patches = _order(patches, problems)
        if not patches and src.lines:
            problems.append(PatchProblem(1, "no patch (diff) found in the input"))
    except Exception as exc:  # noqa: BLE001 - the contract: never raise, report instead
        problems.append(PatchProblem(1, f"internal error while reading patches: {exc!r}"))
    final = tuple(
        dataclasses.replace(p, files=tuple(dataclasses.replace(fp, patch_index=k) for fp in p.files))
        for k, p in enumerate(patches)
    )
    problems.sort(key=lambda pr: pr.line)
    return PatchSet(final, cover, tuple(problems), source)


def _read_message(msg: mail.MailMessage, problems: list[PatchProblem]) -> tuple[Patch | None, bool]:
    raw_subject = msg.header("Subject") or ""
    info = parse_subject(raw_subject)
    author = msg.header("From")
    date = _parse_date(msg.header("Date"))
    body = msg.body
    # git am's in-body headers: "From:", "Date:", "Subject:" opening the body.
    k = 0
    while k < len(body) and not body[k][0].strip():
        k += 1
    while k < len(body):
        m = _INBODY_RE.match(body[k][0])
        if not m:
            break
        key, val = m.group(1), m.group(2).strip()
        if key == "From":
            author = mail.decode_header_text(val)
        elif key == "Date":
            date = _parse_date(val) or date
        else:
            raw_subject = val
            info = parse_subject(val)
        k += 1
    if msg.headers is None and _starts_as_reply(body):
        return None, False
    if info.is_reply:
        return None, False
    result = diffread.read_diff(body)
    start_line = msg.start + 1
    p = Patch(
        subject=info.title,
        author=author,
        date=date,
        message_id=_message_id(msg.header("Message-ID")),
        start_line=start_line,
        files=tuple(result.files),
        index_in_series=info.index,
        series_total=info.total,
        raw_subject=raw_subject,
        version=info.version,
        tags=info.tags,
    )
    if info.index == 0 and info.total:
        return p, True
    if not result.files:
        if info.is_patch and msg.headers is not None:
            problems.append(PatchProblem(start_line, f"patch mail has no diff: {raw_subject!r}"))
        return None, False
    problems.extend(result.problems)
    return p, False


def _order(patches: list[Patch], problems: list[PatchProblem]) -> list[Patch]:
    """Series order: by "n/m" when every patch has a distinct one, else input order."""
    idx = [p.index_in_series for p in patches]
    if len(patches) < 2 or any(i is None for i in idx):
        return patches
    if len(set(idx)) != len(idx):
        problems.append(
            PatchProblem(
                patches[0].start_line,
                "several patches share a series number (more than one version of the series?); "
                "kept in input order",
            )
        )
        return patches
    totals = {p.series_total for p in patches}
    if len(totals) == 1:
        total = totals.pop() or 0
        missing = sorted(set(range(1, total + 1)) - {i for i in idx if i is not None})
        if missing:
            problems.append(
                PatchProblem(
                    patches[0].start_line,
                    f"series of {total} is missing patch(es) {', '.join(map(str, missing))}",
                )
            )
    return sorted(patches, key=lambda p: p.index_in_series or 0)
