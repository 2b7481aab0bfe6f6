"""File patches → post-image text, with the origin of every line.

``apply_file_patches`` applies hunks to a tree file (or to nothing, for a new
file), in series order.  A hunk whose context is not at the stated line is looked
for nearby (±200 lines), first exactly, then ignoring whitespace differences (web
archives strip indentation).  A hunk that cannot be placed is skipped with a
:class:`PatchProblem`; nothing raises.

``post_image`` falls back, when there is no tree file and the patch does not
create the file, to a *partial* image: the context and added lines of the hunks,
in order, with gaps between hunks.  Each line's ``LineOrigin.new_line`` is its line
number in the real post-image file, taken from the hunk headers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .model import AppliedFile, FilePatch, Hunk, LineOrigin, PatchProblem

FUZZ_LINES = 200

_Entry = tuple[str, LineOrigin]


def _norm(s: str) -> str:
    return " ".join(s.split())


def _matches(texts: list[str], pos: int, needle: list[str], loose: bool) -> bool:
    if pos < 0 or pos + len(needle) > len(texts):
        return False
    if loose:
        return all(_norm(texts[pos + k]) == _norm(n) for k, n in enumerate(needle))
    return texts[pos : pos + len(needle)] == needle


def _locate(texts: list[str], needle: list[str], guess: int) -> list[int | None] | None:
    """Map each line of ``needle`` (the hunk's old side) to an index of ``texts``.

    Tried in turn, nearest to ``guess`` first, within ±FUZZ_LINES: an exact match, a
    match ignoring whitespace differences, and finally one that also ignores blank
    lines (web archives drop them); in that last mode blank needle lines map to None.
    """
    order = [guess]
    for d in range(1, FUZZ_LINES + 1):
        order += [guess - d, guess + d]
    for loose in (False, True):
        for pos in order:
            if _matches(texts, pos, needle, loose):
                return list(range(pos, pos + len(needle)))
    nonblank = [(j, _norm(t)) for j, t in enumerate(needle) if t.strip()]
    if not nonblank:
        return None
    for pos in order:
        if not 0 <= pos < len(texts):
            continue
        mapping: list[int | None] = [None] * len(needle)
        t = pos
        ok = True
        for j, want in nonblank:
            while t < len(texts) and not texts[t].strip():
                t += 1
            if t >= len(texts) or _norm(texts[t]) != want:
                ok = False
                break
            mapping[j] = t
            t += 1
        if ok and mapping[nonblank[0][0]] == pos:
            return mapping
    return None


def _hunk_anchor(h: Hunk) -> int:
    """0-based index where the hunk's old side starts."""
    return h.old_start - 1 if h.old_len > 0 else h.old_start


def _finish(entries: list[_Entry], problems: list[PatchProblem], complete: bool) -> AppliedFile:
    texts = [t for t, _ in entries]
    origins = tuple(
        dataclasses.replace(o, new_line=k + 1) if complete else o for k, (_, o) in enumerate(entries)
    )
    text = "\n".join(texts) + "\n" if texts else ""
    return AppliedFile(text, origins, tuple(problems), complete)


def apply_file_patches(original: str | None, fps: Sequence[FilePatch]) -> AppliedFile:
    """Apply ``fps`` (one file's patches, in series order) to ``original``.

    ``original`` is the file before the first patch (None when it does not exist).
    When it is None and the first patch does not create the file, the result is
    the partial image of :func:`post_image`.
    """
    try:
        if original is None and not (fps and fps[0].is_new):
            return _partial_image(fps)
        return _apply(original, fps)
    except Exception as exc:  # noqa: BLE001 - never raise on odd input
        line = fps[0].header_line if fps else 0
        return AppliedFile("", (), (PatchProblem(line, f"internal error applying: {exc!r}"),))


def _apply(original: str | None, fps: Sequence[FilePatch]) -> AppliedFile:
    problems: list[PatchProblem] = []
    entries: list[_Entry] = []
    if original:
        entries = [
            (t, LineOrigin(False, None, None, old_line=k + 1)) for k, t in enumerate(original.splitlines())
        ]
    for fp in fps:
        if fp.is_new and entries and fp is not fps[0]:
            entries = []  # deleted earlier in the series and created again
        if fp.is_deleted:
            entries = []
            continue
        delta = 0
        for h in fp.hunks:
            old_side = [ln.text for ln in h.lines if ln.kind != "+"]
            guess = _hunk_anchor(h) + delta
            texts = [t for t, _ in entries]
            if not old_side:
                mapping: list[int | None] | None = []
                pos = max(0, min(guess, len(entries)))
            else:
                mapping = _locate(texts, old_side, guess)
                first = next((m for m in mapping or [] if m is not None), None)
                if mapping is None or first is None:
                    problems.append(
                        PatchProblem(
                            h.header_line,
                            f"{fp.path}: hunk @@ -{h.old_start},{h.old_len} +{h.new_start},"
                            f"{h.new_len} @@ does not apply (context not found within "
                            f"{FUZZ_LINES} lines); skipped",
                        )
                    )
                    continue
                pos = first
            repl: list[_Entry] = []
            k = pos
            j = 0
            for ln in h.lines:
                if ln.kind == "+":
                    # Blank tree lines the archive dropped most likely came before the
                    # addition (git puts the blank context first): keep them first.
                    nxt = next((m for m in (mapping or [])[j:] if m is not None), None)
                    if nxt is not None and all(not t.strip() for t, _ in entries[k:nxt]):
                        repl.extend(entries[k:nxt])
                        k = nxt
                    repl.append((ln.text, LineOrigin(True, ln.patch_line, fp.patch_index)))
                    continue
                target = mapping[j] if mapping else None
                j += 1
                if target is None:
                    continue  # a blank line the archive lost: nothing to keep or drop
                repl.extend(entries[k:target])  # tree lines the hunk did not show
                if ln.kind == " ":
                    repl.append(entries[target])  # keep the tree's text and indentation
                k = target + 1
            entries[pos:k] = repl
            delta = pos - _hunk_anchor(h) + len(repl) - (k - pos)
    return _finish(entries, problems, True)


def post_image(fps: Sequence[FilePatch], tree_text: str | None) -> AppliedFile:
    """The file after ``fps``: applied to ``tree_text`` when given (or when the first
    patch creates the file), else built from the hunks alone (``complete=False``).

    For a renamed file pass the text of its *old* path as ``tree_text``.
    """
    if tree_text is not None or (fps and fps[0].is_new):
        return apply_file_patches(tree_text, fps)
    try:
        return _partial_image(fps)
    except Exception as exc:  # noqa: BLE001
        line = fps[0].header_line if fps else 0
        return AppliedFile("", (), (PatchProblem(line, f"internal error building image: {exc!r}"),), False)


def _partial_image(fps: Sequence[FilePatch]) -> AppliedFile:
    # Sparse image: line number in the current version → (text, origin).
    known: dict[int, _Entry] = {}
    for n_fp, fp in enumerate(fps):
        if fp.is_deleted:
            known = {}
            continue
        if fp.is_new:
            known = {}
        hunks = sorted(fp.hunks, key=lambda h: h.old_start)
        spans = []
        for h in hunks:
            old_cnt = sum(1 for ln in h.lines if ln.kind != "+")
            new_cnt = sum(1 for ln in h.lines if ln.kind != "-")
            spans.append((h, old_cnt, new_cnt))
        new_known: dict[int, _Entry] = {}
        for n, entry in known.items():
            shift = 0
            inside = False
            for h, old_cnt, new_cnt in spans:
                first, last = h.old_start, h.old_start + old_cnt - 1
                if old_cnt and first <= n <= last:
                    inside = True
                    break
                if (old_cnt and last < n) or (not old_cnt and h.old_start < n):
                    shift += new_cnt - old_cnt
            if not inside:
                new_known[n + shift] = entry
        for h, _old_cnt, _new_cnt in spans:
            old_no, new_no = h.old_start, h.new_start
            for ln in h.lines:
                if ln.kind == "-":
                    old_no += 1
                    continue
                if ln.kind == " ":
                    prev = known.get(old_no)
                    if prev is not None:
                        new_known[new_no] = (ln.text, prev[1])
                    else:
                        origin = LineOrigin(
                            False,
                            ln.patch_line,
                            fp.patch_index,
                            old_line=old_no if n_fp == 0 else None,
                        )
                        new_known[new_no] = (ln.text, origin)
                    old_no += 1
                else:
                    new_known[new_no] = (ln.text, LineOrigin(True, ln.patch_line, fp.patch_index))
                new_no += 1
        known = new_known
    entries = [(t, dataclasses.replace(o, new_line=n)) for n, (t, o) in sorted(known.items())]
    return _finish(entries, [], False)
