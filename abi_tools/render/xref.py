"""Cross-references: which entry documents a path, which page is a file.

Every What is compiled into one matcher, a trie over path components:
literal components are dictionary look-ups, wildcard components (``X``,
``<N>``, ``*``, ``{a,b}``, ``[0-9]+``, ``%d``, ``cpuX`` ...) are one small
regular expression each, tried only at their own place in the tree, and a
``...`` component stands for any number of components.  Looking a path up
costs a walk down the trie, not a loop over every What.

When several Whats match, the most specific wins: the one with the most
literal characters (an exact What beats ``cpuX`` beats ``*``), then the
earliest in tree order.  A wildcard matches any text of one component,
including another placeholder, so a description that names
``/sys/class/net/<iface>/mtu`` still finds the entry for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

#: One wildcard token inside a path component, in the order they are tried.
_TOKEN = re.compile(
    r"""
      (?P<angle><[^<>/]*>)                       # <N>, <device>, <config num>
    | (?P<brace>\{[^{}/]*\})                     # {a,b,c}
    | (?P<cls>\[[^\[\]/]*\][+*]?)                # [0-9]+, [etm|ptm], [0-7]
    | (?P<printf>%[0-9]*[dusxXi])                # %d, %u, %x
    | (?P<star>\*+)                              # *
    | (?P<hash>\#)                               # cpu#
    | (?P<letter>(?<![A-Z])(?P<ch>[XYZNMKSCIJ])(?P=ch)*(?![A-Za-z]))   # X, cpuX, XXXX, daxX.Y
    """,
    re.X,
)

_ANY = "[^/]+"


def component_regex(component: str) -> tuple[str | None, int]:
    """(regex or None when the component is all literal, literal character count)."""
    parts: list[str] = []
    literal = 0
    pos = 0
    wild = False
    for m in _TOKEN.finditer(component):
        if m.start() > pos:
            chunk = component[pos : m.start()]
            parts.append(re.escape(chunk))
            literal += len(chunk)
        kind = m.lastgroup
        tok = m.group(0)
        wild = True
        if kind == "brace":
            alts = [re.escape(a.strip()) for a in tok[1:-1].split(",")]
            parts.append("(?:" + "|".join(alts) + ")" if len(alts) > 1 else _ANY)
        elif kind == "cls" and "|" in tok:
            alts = [re.escape(a.strip()) for a in tok.rstrip("+*")[1:-1].split("|")]
            parts.append("(?:" + "|".join(alts) + ")")
        else:
            parts.append(_ANY)
        pos = m.end()
    if not wild:
        return None, len(component)
    if pos < len(component):
        parts.append(re.escape(component[pos:]))
        literal += len(component) - pos
    return "".join(parts), literal


def split_path(path: str) -> list[str]:
    """Components of a path, without empty ones (``//`` and a trailing ``/``)."""
    return [c for c in path.split("/") if c]


@dataclass
class _Node(Generic[T]):
    literal: dict[str, _Node[T]] = field(default_factory=dict)
    wild: dict[str, tuple[re.Pattern[str], _Node[T]]] = field(default_factory=dict)
    multi: _Node[T] | None = None
    targets: list[tuple[int, int, T]] = field(default_factory=list)


class PathMatcher(Generic[T]):
    """Whats -> targets; ``match(path)`` gives the best target or None."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self._count = 0
        self.tops: set[str] = set()

    def add(self, what: str, target: T) -> bool:
        """Add one What; False when it is not a path (``vDSO``, prose)."""
        what = what.strip()
        if "/" not in what or any(c.isspace() for c in re.sub(r"<[^<>]*>", "", what)):
            return False
        comps = split_path(what)
        if not comps:
            return False
        node = self._root
        score = 0
        for comp in comps:
            if comp in ("...", "**"):
                if node.multi is None:
                    node.multi = _Node()
                node = node.multi
                continue
            rx, lit = component_regex(comp)
            score += lit + 1
            if rx is None:
                node = node.literal.setdefault(comp, _Node())
            else:
                if rx not in node.wild:
                    try:
                        compiled = re.compile(rx)
                    except re.error:
                        compiled = re.compile(_ANY)
                    node.wild[rx] = (compiled, _Node())
                node = node.wild[rx][1]
        if what.startswith("/") and comps[0] not in ("...", "**"):
            self.tops.add(comps[0])
        node.targets.append((score, -self._count, target))
        self._count += 1
        return True

    def match(self, path: str) -> T | None:
        comps = split_path(path)
        if not comps:
            return None
        best: tuple[int, int, T] | None = None
        for hit in self._walk(self._root, comps, 0, set()):
            if best is None or (hit[0], hit[1]) > (best[0], best[1]):
                best = hit
        return None if best is None else best[2]

    def _walk(
        self, node: _Node[T], comps: Sequence[str], i: int, seen: set[tuple[int, int]]
    ) -> Iterable[tuple[int, int, T]]:
        key = (id(node), i)
        if key in seen:  # ``...`` can reach one state many ways
            return
        seen.add(key)
        if node.multi is not None:
            for j in range(i, len(comps) + 1):
                yield from self._walk(node.multi, comps, j, seen)
        if i == len(comps):
            yield from node.targets
            return
        comp = comps[i]
        child = node.literal.get(comp)
        if child is not None:
            yield from self._walk(child, comps, i + 1, seen)
        for rx, sub in node.wild.values():
            if rx.fullmatch(comp):
                yield from self._walk(sub, comps, i + 1, seen)


#: A Documentation/ABI file named in prose.
DOC_MENTION = re.compile(
    r"Documentation/ABI/(?:stable|testing|obsolete|removed)/[A-Za-z0-9_.+,-]*[A-Za-z0-9_+-]"
)
_TRAIL = ".,:;!?'\")]}"


def path_mentions(text: str, tops: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of absolute paths under the given top folders (``sys``, ``proc``)."""
    names = sorted(set(tops), key=lambda s: (-len(s), s))
    if not names:
        return []
    rx = _mention_regex(tuple(names))
    out = []
    for m in rx.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in _TRAIL:
            end -= 1
        out.append((start, end))
    return out


_MENTION_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _mention_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    rx = _MENTION_CACHE.get(names)
    if rx is None:
        alt = "|".join(re.escape(n) for n in names)
        rx = re.compile(r"(?<![\w/.$-])/(?:" + alt + r")/[^\s\"'`()\[\],;|]*")
        _MENTION_CACHE[names] = rx
    return rx


@dataclass(frozen=True)
class Target:
    """Where a link goes: a page (relative to the site root) and an anchor."""

    page: str
    anchor: str


class CrossReferencer:
    """Builds per-page linkers for the HTML site."""

    def __init__(self, matcher: PathMatcher[Target], pages: dict[str, str]) -> None:
        #: display path of an ABI file -> its page, relative to the site root
        self.pages = pages
        self.matcher = matcher

    def linker_for(self, page: str) -> Callable[[str], list[tuple[int, int, str]]]:
        """A linker for text shown on ``page`` (site-root relative)."""
        depth = page.count("/")
        up = "../" * depth
        tops = self.matcher.tops

        def href(target_page: str, anchor: str = "") -> str:
            frag = f"#{anchor}" if anchor else ""
            if target_page == page:
                return frag or "#"
            return up + target_page + frag

        def link(text: str) -> list[tuple[int, int, str]]:
            spans: list[tuple[int, int, str]] = []
            if "Documentation/ABI/" in text:
                for m in DOC_MENTION.finditer(text):
                    target = self.pages.get(m.group(0).rstrip("."))
                    if target is not None:
                        spans.append((m.start(), m.end(), href(target)))
            if "/" in text:
                for start, end in path_mentions(text, tops):
                    if any(s <= start < e for s, e, _ in spans):
                        continue
                    t = self.matcher.match(text[start:end])
                    if t is not None:
                        spans.append((start, end, href(t.page, t.anchor)))
            spans.sort()
            return spans

        return link
