"""The ABI as a self-contained static HTML site.

Layout of the output directory::

    index.html                 by stability level and by top-level path
    <level>/<file>.html        one page per ABI file (testing/sysfs-devices-tdx.html)
    paths/<group>.html         every What under /sys/bus, /sys/class, /proc, ...
    search-index.js            window.ABI_INDEX = {...}: every What and file title
    search.js, style.css       our own script and style; nothing from the network

Everything that comes from the documents is escaped by Jinja2's autoescape,
except the description HTML, which docutils writes (escaped, with raw and
include off, unsafe links and images removed: see :mod:`abi_tools.render.rst`).
Output is deterministic: files and entries in tree order, no timestamps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from abi_tools.model import LEVELS, AbiEntry, AbiFile, AbiTree
from abi_tools.render import parallel
from abi_tools.render.anchors import AnchorAllocator, slugify
from abi_tools.render.rst import LEVEL_NAMES, RenderedDescription, render_description
from abi_tools.render.templates import environment, static_file
from abi_tools.render.xref import CrossReferencer, PathMatcher, Target

LEVEL_HELP = {
    "stable": "Interfaces that are stable: they are guaranteed to stay for at least two years.",
    "testing": "Interfaces believed stable, but which may still change; most new ABI lands here.",
    "obsolete": "Interfaces still present but marked for removal; do not use in new code.",
    "removed": "Interfaces that have been removed from the kernel.",
    "unknown": "Files outside the usual level folders.",
}

_RESERVED_IDS = ("top", "search", "search-results")
_UNSAFE_PATH = re.compile(r"[^A-Za-z0-9._+-]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_URL = re.compile(r"https?://[^\s<>\"'`]+[^\s<>\"'`.,;:)\]]")
_CONTACT_TOKENS = re.compile(f"(?P<url>{_URL.pattern})|(?P<mail>{_EMAIL.pattern})")


def linkify(text: str) -> Markup:
    """Escape text; e-mail addresses become mailto: links, http(s) URLs links."""
    out: list[str] = []
    pos = 0
    for m in _CONTACT_TOKENS.finditer(text):
        out.append(str(escape(text[pos : m.start()])))
        tok = m.group(0)
        href = tok if m.lastgroup == "url" else "mailto:" + tok
        out.append(f'<a href="{escape(href)}">{escape(tok)}</a>')
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def page_for(display: str, level: str = "unknown") -> str:
    """Site-relative page of an ABI file: ``testing/sysfs-devices-tdx.html``."""
    norm = display.replace("\\", "/")
    marker = "Documentation/ABI/"
    idx = norm.rfind(marker)
    rel = norm[idx + len(marker) :] if idx >= 0 else f"{level}/" + norm.rsplit("/", 1)[-1]
    parts = [_UNSAFE_PATH.sub("_", p).lstrip(".") or "_" for p in rel.split("/") if p and p != ".."]
    if len(parts) == 1:
        parts.insert(0, "other")
    return "/".join(parts) + ".html"


def path_group(what: str) -> tuple[str, str]:
    """(group, subgroup) of a What: ``/sys/bus``, ``/sys/bus/usb``; ``other`` for non-paths."""
    if not what.startswith("/"):
        return "other", "other"
    comps = [c for c in what.split("/") if c]
    if not comps:
        return "other", "other"
    if comps[0] == "sys" and len(comps) > 1:
        group = "/sys/" + comps[1]
        sub = group + ("/" + comps[2] if len(comps) > 3 else "")
    else:
        group = "/" + comps[0]
        sub = group + ("/" + comps[1] if len(comps) > 2 else "")
    return group, sub


@dataclass(frozen=True)
class _WhatRef:
    path: str
    anchor: str


@dataclass(frozen=True)
class _EntryPlan:
    entry: AbiEntry
    anchor: str
    whats: tuple[_WhatRef, ...]


@dataclass(frozen=True)
class _FilePlan:
    file: AbiFile
    page: str
    title: str
    entries: tuple[_EntryPlan, ...]


def _plan(tree: AbiTree) -> list[_FilePlan]:
    plans: list[_FilePlan] = []
    taken: set[str] = set()
    for f in tree.files:
        page = page_for(f.path, f.level)
        base, n = page[: -len(".html")], 2
        while page in taken:
            page = f"{base}-{n}.html"
            n += 1
        taken.add(page)
        alloc = AnchorAllocator(_RESERVED_IDS)
        entries = []
        for e in f.entries:
            first = e.whats[0].path if e.whats else f"line {e.span.line}"
            anchor = alloc.allocate(first, prefix="entry-")
            whats = tuple(_WhatRef(w.path, alloc.allocate(w.path)) for w in e.whats)
            entries.append(_EntryPlan(e, anchor, whats))
        plans.append(_FilePlan(f, page, f.path.rsplit("/", 1)[-1], tuple(entries)))
    return plans


def _fields(e: AbiEntry) -> list[tuple[str, Markup]]:
    out = []
    for fld in e.fields:
        if fld.tag in ("What", "Description"):
            continue
        out.append((fld.tag, linkify(fld.value)))
    return out


def _entry_context(plan: _EntryPlan, rendered: RenderedDescription | None, source: str) -> dict[str, Any]:
    e = plan.entry
    problems: list[tuple[int, str, str]] = []
    failed = False
    if rendered is None:
        desc = Markup('<p class="empty">(no description)</p>')
    else:
        desc = Markup(rendered.html)
        failed = rendered.html.startswith('<pre class="description-text">')
        line_map = desc_field.line_map if (desc_field := e.get("Description")) else ()

        def file_line(n: int) -> int:
            return line_map[n - 1] if 0 < n <= len(line_map) else 0

        problems = [
            (file_line(ln), LEVEL_NAMES.get(lv, str(lv)), msg)
            for ln, lv, msg in sorted(rendered.problems, key=lambda m: (m[0], -m[1]))
        ]
    return {
        "anchor": plan.anchor,
        "whats": [{"path": w.path, "anchor": w.anchor} for w in plan.whats],
        "fields": _fields(e),
        "source": f"{source}:{e.span.line}",
        "description": desc,
        "problems": problems,
        "failed": failed,
    }


def _js_data(name: str, data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    text = text.replace("</", "<\\/")
    return f"window.{name} = {text};\n".encode()


def render_site(
    tree: AbiTree, render: Callable[..., RenderedDescription] = render_description, jobs: int = 1
) -> dict[str, bytes]:
    """Every file of the site: site-relative path -> bytes.

    ``jobs`` > 1 renders the file pages in that many processes (where the
    platform can fork); the output is the same whatever the number.
    """
    env = environment()
    page_tpl = env.get_template("page.html")
    plans = _plan(tree)
    matcher: PathMatcher[Target] = PathMatcher()
    pages: dict[str, str] = {}
    for p in plans:  # also by the name prose would use, for files given outside a kernel tree
        pages.setdefault(f"Documentation/ABI/{p.file.level}/{p.title}", p.page)
    pages.update({p.file.path: p.page for p in plans})
    for p in plans:
        for ep in p.entries:
            for w in ep.whats:
                matcher.add(w.path, Target(p.page, w.anchor))
    xref = CrossReferencer(matcher, pages)
    job = _PageJob(plans, page_tpl, xref, render)
    entries = sum(len(p.entries) for p in plans)
    rendered, out = parallel.render_all(
        _biggest_first(plans),
        lambda i: job.page(plans[i]),
        jobs if entries >= PARALLEL_MIN_ENTRIES else 1,
        lambda: _index_pages(env, tree, plans),
    )
    out.update({plans[i].page: data for i, data in sorted(rendered.items())})
    files_js = [[p.title, p.page, p.file.level] for p in plans]
    whats_js = [[w.path, i, w.anchor] for i, p in enumerate(plans) for ep in p.entries for w in ep.whats]
    out["search-index.js"] = _js_data("ABI_INDEX", {"files": files_js, "whats": whats_js})
    out["anchors.json"] = (
        json.dumps(
            {p.page: [w.anchor for ep in p.entries for w in ep.whats] for p in plans},
            indent=0,
            sort_keys=True,
        )
        + "\n"
    ).encode()
    out["style.css"] = static_file("style.css")
    out["search.js"] = static_file("search.js")
    return out


@dataclass(frozen=True)
class _PageJob:
    """Everything a file page needs; inherited by forked workers, never pickled."""

    plans: list[_FilePlan]
    template: jinja2.Template
    xref: CrossReferencer
    render: Callable[..., RenderedDescription]

    def page(self, p: _FilePlan) -> bytes:
        linker = self.xref.linker_for(p.page)
        entries = []
        for ep in p.entries:
            text = ep.entry.description
            rendered = self.render(text, linker, ep.anchor + "--") if text else None
            entries.append(_entry_context(ep, rendered, p.file.path))
        html = self.template.render(
            root="../" * p.page.count("/"),
            title=p.title,
            level=p.file.level,
            source=p.file.path,
            entries=entries,
            preamble=p.file.preamble.strip("\n"),
            diagnostics=[{"line": d.span.line, "message": d.message} for d in p.file.diagnostics],
        )
        return html.encode()


#: Below this many entries a site renders faster in one process than forking.
PARALLEL_MIN_ENTRIES = 400


def _biggest_first(plans: list[_FilePlan]) -> list[int]:
    """Plan indexes by description text, biggest first (sysfs-bus-iio alone is a
    few percent of the tree), for :func:`abi_tools.render.parallel.render_all`."""
    cost = [sum(len(ep.entry.description or "") + 200 for ep in p.entries) for p in plans]
    return sorted(range(len(plans)), key=lambda i: (-cost[i], i))


def _index_pages(env: jinja2.Environment, tree: AbiTree, plans: list[_FilePlan]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    levels = []
    for name in (*LEVELS, "unknown"):
        files = [
            {"page": p.page, "title": p.title, "count": len(p.entries)} for p in plans if p.file.level == name
        ]
        if files or name != "unknown":
            levels.append({"name": name, "help": LEVEL_HELP[name], "files": files})
    groups: dict[str, dict[str, list[dict[str, str]]]] = {}
    for p in plans:
        for ep in p.entries:
            for w in ep.whats:
                g, sub = path_group(w.path)
                groups.setdefault(g, {}).setdefault(sub, []).append(
                    {
                        "path": w.path,
                        "href": f"../{p.page}#{w.anchor}",
                        "file": p.title,
                        "level": p.file.level,
                    }
                )
    group_list = []
    paths_tpl = env.get_template("paths.html")
    for g in sorted(groups):
        page = f"paths/{slugify(g, 'other')}.html"
        subs = groups[g]
        count = sum(len(v) for v in subs.values())
        group_list.append({"name": g + ("/…" if g != "other" else ""), "page": page, "count": count})
        alloc = AnchorAllocator(_RESERVED_IDS)
        subgroups: list[dict[str, Any]] = []
        for s in sorted(subs):
            whats = sorted(subs[s], key=lambda d: (d["path"], d["href"]))
            subgroups.append({"name": s, "anchor": alloc.allocate(s), "whats": whats})
        out[page] = paths_tpl.render(root="../", title=g, count=count, subgroups=subgroups).encode()
    index = env.get_template("index.html").render(
        root="",
        title="Index",
        levels=levels,
        groups=group_list,
        file_count=len(tree.files),
        entry_count=tree.entry_count,
        what_count=sum(len(ep.whats) for p in plans for ep in p.entries),
    )
    out["index.html"] = index.encode()
    return out
