"""The ABI as one ReST document for a Sphinx build (``abi-tools render rest``).

The structure follows what the kernel's ``get_abi.pl rest`` gives Sphinx,
in our own writing: a section and a label per ABI file, then per entry a
label, a title (its first What), the other Whats, the fields as a field
list, and the description as it is (ABI descriptions are ReST).  Labels are
``abi_file_<level>_<name>`` and ``abi_<slug of the first What>`` (made
unique), so ``:ref:`` links from other documents work.  As get_abi does,
title underlines are taken out of descriptions: a title inside an entry
would clash with the document's own section levels (Sphinx: "Inconsistent
title style"); the linter checks descriptions the same way.
"""

from __future__ import annotations

import re

from abi_tools.model import LEVELS, AbiEntry, AbiFile, AbiTree
from abi_tools.render.anchors import AnchorAllocator, slugify
from abi_tools.rules.description_rest import prepare as as_sphinx_sees_it

_INLINE = re.compile(r"([\\`*_|<>\[\]:])")


def literal(text: str) -> str:
    """Inline literal text, or backslash-escaped text when it holds backquotes."""
    text = text.replace("\n", " ")
    if "`" not in text and text.strip() == text and text:
        return f"``{text}``"
    return _INLINE.sub(r"\\\1", text) or "\\ "


def _escape(text: str) -> str:
    return _INLINE.sub(r"\\\1", text.replace("\n", " "))


def _title(text: str, char: str) -> list[str]:
    width = max(len(text), 4)
    return [text, char * width, ""]


def _label(name: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")


def _entry(e: AbiEntry, labels: AnchorAllocator, file_label: str, name: str) -> list[str]:
    first = e.whats[0].path if e.whats else f"entry at line {e.span.line}"
    label = labels.allocate(_label(first), prefix="abi_").replace("-", "_")
    out = [f".. _{label}:", ""]
    out += _title(literal(first), "~")
    if len(e.whats) > 1:
        out += [f"- {literal(w.path)}" for w in e.whats]
        out.append("")
    for fld in e.fields:
        if fld.tag in ("What", "Description"):
            continue
        value = " ".join(ln.strip() for ln in fld.value.split("\n") if ln.strip())
        out.append(f":{fld.tag}: {_escape(value)}" if value else f":{fld.tag}:")
    out.append(f":Defined in: :ref:`{name} <{file_label}>`, line {e.span.line}")
    out.append("")
    desc = e.description
    if desc:
        out += as_sphinx_sees_it(desc).rstrip("\n").split("\n")
        out.append("")
    out.append("")
    return out


def render_file(f: AbiFile, labels: AnchorAllocator) -> list[str]:
    name = f.path.replace("\\", "/").rsplit("/", 1)[-1]
    file_label = labels.allocate(_label(f"abi_file_{f.level}_{name}")).replace("-", "_")
    out = [f".. _{file_label}:", ""]
    out += _title(_escape(f"File {f.path}"), "-")
    out.append(f"Stability level: **{f.level}**. Has the following ABI:")
    out.append("")
    for e in f.entries:
        for w in e.whats:
            out.append(f"- {literal(w.path)}")
    out.append("")
    for e in f.entries:
        out += _entry(e, labels, file_label, name)
    return out


def render_rest(tree: AbiTree, title: str = "Linux kernel ABI") -> str:
    """The whole tree as one ReST document, files grouped by level."""
    labels = AnchorAllocator()
    out = _title(_escape(title), "=")
    out.append(f"{len(tree.files)} files, {tree.entry_count} entries.")
    out.append("")
    for level in (*LEVELS, "unknown"):
        files = [f for f in tree.files if f.level == level]
        if not files:
            continue
        out.append(f".. _{labels.allocate('abi_level_' + level).replace('-', '_')}:")
        out.append("")
        out += _title(f"ABI {level} symbols", "*")
        for f in files:
            out += render_file(f, labels)
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = ["render_rest", "literal", "slugify"]
