"""The parsed model as JSON: every file, entry, What and field, with lines.

``model_to_dict`` is the one place that decides the JSON shape; both
``abi-tools render json`` and ``abi-tools dump --format json`` use it.
Output is deterministic (tree order, sorted keys).
"""

from __future__ import annotations

import json
from typing import Any

from abi_tools.model import AbiEntry, AbiFile, AbiTree, Diagnostic, Field, Span, What

FORMAT = "abi-tools-model"
VERSION = 1


def _span(s: Span) -> dict[str, Any]:
    return {"path": s.path, "line": s.line, "column": s.column, "end_line": s.last_line}


def _what(w: What) -> dict[str, Any]:
    return {
        "path": w.path,
        "line": w.span.line,
        "column": w.span.column,
        "continuation": w.continuation,
        "raw_tag": w.raw_tag,
    }


def _field(f: Field) -> dict[str, Any]:
    return {
        "tag": f.tag,
        "raw_tag": f.raw_tag,
        "value": f.value,
        "line": f.span.line,
        "end_line": f.span.last_line,
    }


def _entry(e: AbiEntry) -> dict[str, Any]:
    return {
        "whats": [_what(w) for w in e.whats],
        "fields": [_field(f) for f in e.fields],
        "level": e.level,
        "line": e.span.line,
        "end_line": e.span.last_line,
    }


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "rule_id": d.rule_id,
        "name": d.name,
        "severity": d.severity.value,
        "span": _span(d.span),
        "message": d.message,
        "hint": d.hint,
    }


def file_to_dict(f: AbiFile) -> dict[str, Any]:
    return {
        "path": f.path,
        "level": f.level,
        "preamble": f.preamble,
        "entries": [_entry(e) for e in f.entries],
        "orphans": [_field(o) for o in f.orphans],
        "diagnostics": [diagnostic_to_dict(d) for d in f.diagnostics],
    }


def model_to_dict(tree: AbiTree) -> dict[str, Any]:
    """The whole tree as plain JSON-ready data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "root": tree.root,
        "file_count": len(tree.files),
        "entry_count": tree.entry_count,
        "files": [file_to_dict(f) for f in tree.files],
        "diagnostics": [diagnostic_to_dict(d) for d in tree.diagnostics],
    }


def render_json(tree: AbiTree) -> str:
    """``model_to_dict`` serialised: sorted keys, one-space indent, trailing newline."""
    return json.dumps(model_to_dict(tree), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
