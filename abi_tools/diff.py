"""Two models -> the list of ABI changes between them.

Pure functions, no I/O.  Changes are keyed by What string:

1. Whats present on both sides are paired (same file first) and compared:
   level, file, fields (Date, KernelVersion, Contact, Users), Description.
2. Whats only on one side are paired as *renamed* when they are the same
   symbol reworded (equal after :func:`normalise_what`, or one side's
   ``...`` elision covers the other), or, failing that, when their
   descriptions are the same or very similar and their paths similar.
3. What is left is *added* or *removed*.

Field and description changes are reported once per pair of entries (an
entry with ten Whats whose Contact changed is one change, not ten), under
the entry's first paired What.

Every change is classed ``breaking``, ``notable`` or ``benign``; see
:func:`_level_class` and :func:`classify_description` for the rules.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from abi_tools.model import AbiEntry, AbiFile, AbiTree

KINDS: tuple[str, ...] = (
    "added",
    "removed",
    "renamed",
    "moved-level",
    "moved-file",
    "field-changed",
    "description-changed",
)
CLASSES: tuple[str, ...] = ("breaking", "notable", "benign")

#: Fields compared one by one; Description has its own kind.
COMPARED_FIELDS: tuple[str, ...] = ("Date", "KernelVersion", "Contact", "Users")

#: Levels whose Whats users may rely on.
_RELIED_ON = ("stable", "testing")
#: Levels an entry may leave a relied-on level for without breaking anyone unannounced.
_RETIREMENT = ("obsolete", "removed")

#: Canonical token for any placeholder, and for an elided run of path components.
PLACEHOLDER = "<N>"
ELLIPSIS = "..."


@dataclass(frozen=True)
class EntryRef:
    """Where an entry is: file (display path), line of its What, stability level."""

    path: str
    line: int
    level: str


@dataclass(frozen=True)
class Change:
    kind: str
    klass: str
    what: str
    old_what: str | None
    old: EntryRef | None
    new: EntryRef | None
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    detail: str = ""
    #: For description-changed: the word diff as (op, text), op one of "=", "-", "+".
    word_diff: tuple[tuple[str, str], ...] = ()

    @property
    def where(self) -> EntryRef | None:
        """The place to point a reader at: the new side when there is one."""
        return self.new or self.old

    def to_json(self) -> dict[str, Any]:
        def ref(r: EntryRef | None) -> dict[str, Any] | None:
            return None if r is None else {"path": r.path, "line": r.line, "level": r.level}

        d: dict[str, Any] = {
            "kind": self.kind,
            "class": self.klass,
            "what": self.what,
            "old_what": self.old_what,
            "old": ref(self.old),
            "new": ref(self.new),
            "field": self.field,
            "old_value": self.old_value,
            "new_value": self.new_value,
            "detail": self.detail,
        }
        if self.word_diff:
            d["word_diff"] = [list(p) for p in self.word_diff]
        return d


@dataclass(frozen=True)
class DiffResult:
    changes: tuple[Change, ...]
    #: kind -> class -> count, every kind and class present (zeros included).
    summary: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def has_breaking(self) -> bool:
        return any(c.klass == "breaking" for c in self.changes)

    def totals(self) -> dict[str, int]:
        t = Counter(c.klass for c in self.changes)
        return {k: t.get(k, 0) for k in CLASSES}


# ---------------------------------------------------------------------------
# What normalisation


_SEGMENT_PLACEHOLDERS = re.compile(
    r"""
      <[^<>/]*>                 # <N>, <x>, <dev>, <interface>
    | \{[^{},/]*\}              # {n}, {id}  (a {a,b} alternation is kept)
    | \[[0-9a-z\-]+\][+*]?      # [0-9]+, [0-9], [a-z]
    | %[0-9]*[dusx]             # %d, %u, %s, %x
    | \*                        # glob
    | (?<![A-Za-z])[A-Z](?![A-Za-z0-9])  # a lone capital: X, N, Y, Z
    | (?<=[a-z:_\-.])[NXYZM](?![A-Za-z0-9])  # deviceX, cpuN, in_voltageY_raw
    | (?<![0-9])[0-9]+(?![0-9A-Za-z])  # cpu0, in_voltage0_raw, but not i2c
    """,
    re.X,
)
_MULTI = re.compile(r"(?:<N>)+")


@functools.lru_cache(maxsize=65536)
def normalise_what(path: str) -> str:
    """Canonical form of a What for matching: every placeholder becomes ``<N>``.

    ``iio:deviceX``, ``iio:device<N>``, ``iio:device{n}``, ``iio:device*``,
    ``iio:device[0-9]+``, ``iio:device%d`` and ``iio:device0`` all become
    ``iio:device<N>``.  An elided run of components (``/sys/.../x``) stays
    ``...``; :func:`what_matches` treats it as a wildcard.  Trailing slashes
    and repeated slashes are dropped.
    """
    p = path.strip()
    p = re.sub(r"/{2,}", "/", p)
    if len(p) > 1:
        p = p.rstrip("/")
    p = re.sub(r"(?<=/)\.{3,}(?=/|$)|\u2026", ELLIPSIS, p)
    segs = p.split("/")
    out = []
    for s in segs:
        if s == ELLIPSIS:
            out.append(s)
            continue
        s = _SEGMENT_PLACEHOLDERS.sub(PLACEHOLDER, s)
        out.append(_MULTI.sub(PLACEHOLDER, s))
    return "/".join(out)


@functools.lru_cache(maxsize=4096)
def _pattern(norm: str) -> re.Pattern[str]:
    parts = [re.escape(x) for x in norm.split("/" + ELLIPSIS + "/")]
    return re.compile("/(?:.+/)?".join(parts) + r"\Z")


def what_matches(a: str, b: str) -> bool:
    """True when two Whats name the same symbol after normalisation.

    A ``...`` component on either side stands for one or more components.
    """
    na, nb = normalise_what(a), normalise_what(b)
    if na == nb:
        return True
    if ELLIPSIS in na.split("/") and _pattern(na).match(nb):
        return True
    return ELLIPSIS in nb.split("/") and bool(_pattern(nb).match(na))


# ---------------------------------------------------------------------------
# Word diff


_TOKENS = re.compile(r"\s*\S+\s*|\s+")


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """``git diff --word-diff`` style: (op, text) with op "=", "-" or "+".

    Words are compared without their surrounding whitespace (a reflowed
    paragraph is no change).  Each part keeps the whitespace that followed
    its words, from the new text for unchanged parts, so the "=" and "+"
    parts together rebuild the new text exactly and the "=" and "-" parts
    rebuild the old text up to layout.  Adjacent parts with the same op are
    merged.
    """
    a = _TOKENS.findall(old)
    b = _TOKENS.findall(new)
    sm = difflib.SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    parts: list[tuple[str, str]] = []

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if parts and parts[-1][0] == op:
            parts[-1] = (op, parts[-1][1] + text)
        else:
            parts.append((op, text))

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            emit("=", "".join(b[j1:j2]))
        else:
            emit("-", "".join(a[i1:i2]))
            emit("+", "".join(b[j1:j2]))
    return tuple(parts)


def format_word_diff(parts: Iterable[tuple[str, str]]) -> str:
    """One-line plain-text rendering, ``git diff --word-diff`` style:
    ``is [-deprecated-]{+obsolete+} and``; whitespace is collapsed."""
    out: list[str] = []
    prev = "="
    for op, text in parts:
        words = " ".join(text.split())
        if not words:
            continue
        if out and not (prev == "-" and op == "+"):
            out.append(" ")
        out.append(words if op == "=" else f"[-{words}-]" if op == "-" else f"{{+{words}+}}")
        prev = op
    return "".join(out)


def _words(text: str) -> list[str]:
    return text.split()


def _bare(word: str) -> str:
    return word.strip(".,;:()'\"`")


def is_typo_sized(old: str, new: str) -> bool:
    """An edit that cannot change what a description documents.

    Only layout changed; or at most three words replaced, each by a word
    spelled nearly the same, plus at most two words added or removed that
    are short (articles, punctuation).
    """
    a, b = _words(old), _words(new)
    if a == b:
        return True
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    edits = 0
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        if tag == "replace" and len(olds) == len(news):
            for x, y in zip(olds, news, strict=True):
                short = len(_bare(x)) <= 3 and len(_bare(y)) <= 3  # the -> a, is -> are
                if not short and difflib.SequenceMatcher(None, x.lower(), y.lower()).ratio() < 0.7:
                    return False
                edits += 1
        else:
            changed = olds + news
            if any(len(_bare(w)) > 3 for w in changed):
                return False
            edits += len(changed)
        if edits > 3:
            return False
    return True


def classify_description(level: str, old: str, new: str) -> str:
    if is_typo_sized(old, new):
        return "benign"
    return "breaking" if level == "stable" else "notable"


# ---------------------------------------------------------------------------
# Indexing


@dataclass(frozen=True, eq=False)  # identity: two occurrences are never "equal"
class _Occ:
    """One What as found in one entry of one file."""

    what: str
    file: AbiFile
    entry: AbiEntry
    line: int

    @property
    def ref(self) -> EntryRef:
        return EntryRef(self.file.path, self.line, self.file.level)


def _index(tree: AbiTree) -> dict[str, list[_Occ]]:
    idx: dict[str, list[_Occ]] = defaultdict(list)
    for f in tree.files:
        for e in f.entries:
            seen: set[str] = set()
            for w in e.whats:
                if w.path in seen:  # the same What twice in one entry is one symbol
                    continue
                seen.add(w.path)
                idx[w.path].append(_Occ(w.path, f, e, w.span.line))
    return idx


def _pair_same_what(
    olds: list[_Occ], news: list[_Occ]
) -> tuple[list[tuple[_Occ, _Occ]], list[_Occ], list[_Occ]]:
    """Pair occurrences of one What: same file first, then same level, then in order."""
    olds, news = list(olds), list(news)
    pairs: list[tuple[_Occ, _Occ]] = []
    for key in (lambda o: o.file.path, lambda o: o.file.level, lambda o: None):
        for o in list(olds):
            for n in news:
                if key(o) == key(n):
                    pairs.append((o, n))
                    olds.remove(o)
                    news.remove(n)
                    break
    return pairs, olds, news


# ---------------------------------------------------------------------------
# Classification


def _level_class(old_level: str, new_level: str) -> str:
    """Class of a move from one level to another."""
    if old_level == "stable" and new_level == "removed":
        return "breaking"  # stable must go through obsolete first
    if old_level in _RELIED_ON and new_level not in _RETIREMENT and new_level not in _RELIED_ON:
        return "breaking"  # out of the ABI folders altogether
    if old_level == "stable" and new_level == "testing":
        return "breaking"  # demoted: users of the stable promise lose it
    return "notable"


def _removed_class(level: str) -> str:
    if level in _RELIED_ON:
        return "breaking"
    if level == "obsolete":
        return "notable"
    return "benign"


def _added_class(level: str) -> str:
    return "notable" if level == "stable" else "benign"


def _field_class(tag: str) -> str:
    return "notable" if tag == "KernelVersion" else "benign"


def _short(value: str | None) -> str:
    if value is None:
        return "(none)"
    v = " ".join(value.split())
    return v if len(v) <= 80 else v[:77] + "..."


# ---------------------------------------------------------------------------
# Rename heuristic


def _desc(e: AbiEntry) -> str:
    return " ".join((e.description or "").split())


def _similar(a: Sequence[str], b: Sequence[str], cutoff: float) -> float:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < cutoff or sm.quick_ratio() < cutoff:
        return 0.0
    r = sm.ratio()
    return r if r >= cutoff else 0.0


#: Thresholds of the content-based rename heuristic.
RENAME_PATH_CUTOFF = 0.6
RENAME_DESC_CUTOFF = 0.7


def _find_renames(
    removed: list[_Occ], added: list[_Occ]
) -> tuple[list[tuple[_Occ, _Occ, str]], list[_Occ], list[_Occ]]:
    """Pair removed and added Whats that are the same symbol reworded or renamed."""
    pairs: list[tuple[_Occ, _Occ, str]] = []
    rem = list(removed)
    add = list(added)

    # 1. Same normalised form: the wording of a placeholder changed.
    by_norm: dict[str, list[_Occ]] = defaultdict(list)
    for o in rem:
        by_norm[normalise_what(o.what)].append(o)
    left_add: list[_Occ] = []
    for n in add:
        cands = by_norm.get(normalise_what(n.what))
        if cands:
            best = next((c for c in cands if c.file.path == n.file.path), cands[0])
            cands.remove(best)
            pairs.append((best, n, "reworded"))
        else:
            left_add.append(n)
    rem = [o for lst in by_norm.values() for o in lst]
    rem.sort(key=lambda o: (o.file.path, o.line, o.what))
    add = left_add

    # 2. An elision on one side covering the other.
    def elided(o: _Occ) -> bool:
        return ELLIPSIS in normalise_what(o.what).split("/")

    el_rem = [o for o in rem if elided(o)]
    el_add = {id(n) for n in add if elided(n)}
    taken: set[int] = set()
    if el_rem or el_add:
        for n in list(add):
            cands = rem if id(n) in el_add else el_rem
            m = next((o for o in cands if id(o) not in taken and what_matches(o.what, n.what)), None)
            if m is not None:
                pairs.append((m, n, "reworded"))
                taken.add(id(m))
                add.remove(n)
        rem = [o for o in rem if id(o) not in taken]

    # 3. Content: same or very similar description and similar path.  A cheap
    # word-set overlap picks candidates; difflib only runs on those.
    words = {id(x.entry): _desc(x.entry).split() for x in rem + add}
    wsets = {k: frozenset(v) for k, v in words.items()}
    desc_score: dict[tuple[int, int], float] = {}

    def dscore(o: _Occ, n: _Occ) -> float:
        key = (id(o.entry), id(n.entry))
        if key not in desc_score:
            a, b = words[key[0]], words[key[1]]
            sa, sb = wsets[key[0]], wsets[key[1]]
            if not a or not b:
                r = 0.0
            elif a == b:
                r = 1.0
            elif len(sa & sb) < RENAME_DESC_CUTOFF * max(len(sa), len(sb)) * 0.8:
                r = 0.0
            else:
                r = _similar(a, b, RENAME_DESC_CUTOFF)
            desc_score[key] = r
        return desc_score[key]

    scored: list[tuple[float, int, int]] = []
    for i, o in enumerate(rem):
        for j, n in enumerate(add):
            ds = dscore(o, n)
            if not ds:
                continue
            ps = _similar(o.what, n.what, RENAME_PATH_CUTOFF)
            if ps:
                scored.append((ds + ps, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_o: set[int] = set()
    used_n: set[int] = set()
    for _, i, j in scored:
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        pairs.append((rem[i], add[j], "renamed"))
    rem = [o for i, o in enumerate(rem) if i not in used_o]
    add = [n for j, n in enumerate(add) if j not in used_n]
    return pairs, rem, add


# ---------------------------------------------------------------------------
# The diff


def _compare_pair(o: _Occ, n: _Occ, done: set[tuple[int, int]]) -> list[Change]:
    """Level, file, field and description changes between two occurrences."""
    out: list[Change] = []
    old_what = o.what if o.what != n.what else None
    ol, nl = o.file.level, n.file.level
    if ol != nl:
        out.append(
            Change(
                "moved-level",
                _level_class(ol, nl),
                n.what,
                old_what,
                o.ref,
                n.ref,
                old_value=ol,
                new_value=nl,
                detail=f"{ol} -> {nl} ({o.file.path} -> {n.file.path})",
            )
        )
    elif o.file.path != n.file.path:
        out.append(
            Change(
                "moved-file",
                "benign",
                n.what,
                old_what,
                o.ref,
                n.ref,
                old_value=o.file.path,
                new_value=n.file.path,
                detail=f"{o.file.path} -> {n.file.path}",
            )
        )
    key = (id(o.entry), id(n.entry))
    if key in done:
        return out
    done.add(key)
    for tag in COMPARED_FIELDS:
        ov, nv = o.entry.value(tag), n.entry.value(tag)
        if (ov or "").split() == (nv or "").split():
            continue
        out.append(
            Change(
                "field-changed",
                _field_class(tag),
                n.what,
                old_what,
                o.ref,
                n.ref,
                field=tag,
                old_value=ov,
                new_value=nv,
                detail=f"{tag}: {_short(ov)} -> {_short(nv)}",
            )
        )
    od, nd = o.entry.description or "", n.entry.description or ""
    if od.split() != nd.split():
        klass = classify_description(ol if ol == "stable" else nl, od, nd)
        wd = word_diff(od, nd)
        n_minus = sum(len(t.split()) for op, t in wd if op == "-")
        n_plus = sum(len(t.split()) for op, t in wd if op == "+")
        out.append(
            Change(
                "description-changed",
                klass,
                n.what,
                old_what,
                o.ref,
                n.ref,
                field="Description",
                old_value=od,
                new_value=nd,
                detail=f"{n_minus} word(s) removed, {n_plus} added"
                + (" (typo-sized)" if klass == "benign" else ""),
                word_diff=wd,
            )
        )
    return out


def _rename_class(o: _Occ, n: _Occ, how: str) -> str:
    if how == "reworded":
        return "benign"
    return "breaking" if o.file.level in _RELIED_ON else "notable"


def diff_trees(old: AbiTree, new: AbiTree) -> DiffResult:
    """Every ABI change from ``old`` to ``new``, sorted by place on the new side."""
    oi, ni = _index(old), _index(new)
    changes: list[Change] = []
    done: set[tuple[int, int]] = set()
    removed: list[_Occ] = []
    added: list[_Occ] = []
    for what in sorted(set(oi) | set(ni)):
        pairs, only_old, only_new = _pair_same_what(oi.get(what, []), ni.get(what, []))
        for o, n in pairs:
            changes.extend(_compare_pair(o, n, done))
        removed.extend(only_old)
        added.extend(only_new)

    renames, removed, added = _find_renames(removed, added)
    for o, n, how in renames:
        detail = (
            "same symbol, placeholder reworded"
            if how == "reworded"
            else "same or very similar description, similar path"
        )
        changes.append(
            Change(
                "renamed",
                _rename_class(o, n, how),
                n.what,
                o.what,
                o.ref,
                n.ref,
                old_value=o.what,
                new_value=n.what,
                detail=f"{o.what} -> {n.what} ({detail})",
            )
        )
        changes.extend(_compare_pair(o, n, done))
    for o in removed:
        changes.append(
            Change(
                "removed",
                _removed_class(o.file.level),
                o.what,
                None,
                o.ref,
                None,
                detail=f"was in {o.file.level}/",
            )
        )
    for n in added:
        changes.append(
            Change(
                "added",
                _added_class(n.file.level),
                n.what,
                None,
                None,
                n.ref,
                detail=f"new in {n.file.level}/",
            )
        )
    changes.sort(key=_sort_key)
    return DiffResult(tuple(changes), summarise(changes))


def _sort_key(c: Change) -> tuple[str, int, int, str, str]:
    r = c.where
    assert r is not None
    return (r.path, r.line, KINDS.index(c.kind), c.what, c.field or "")


def summarise(changes: Sequence[Change]) -> dict[str, dict[str, int]]:
    """kind -> class -> count, all kinds and classes listed."""
    counts = Counter((c.kind, c.klass) for c in changes)
    return {k: {cl: counts.get((k, cl), 0) for cl in CLASSES} for k in KINDS}
