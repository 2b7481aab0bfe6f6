"""Output formats for diagnostics, and exit codes.

text   ``path:line:col: severity: message [ABI003 missing-colon]`` like gcc and
       checkpatch, an indented hint line, and a one-line summary;
json   one document on stdout;
sarif  SARIF 2.1.0 for code-scanning dashboards;
github workflow commands (``::warning file=...``) for GitHub Actions.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import IO, Any

from abi_tools import __version__
from abi_tools.model import Diagnostic, Severity

FORMATS = ("text", "json", "sarif", "github")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;35m", Severity.INFO: "\033[1;36m"}
_BOLD, _RESET, _DIM = "\033[1m", "\033[0m", "\033[2m"


def exit_code(diags: Iterable[Diagnostic], fail_on: Severity | None) -> int:
    """1 when any finding is at or above ``fail_on`` (None: never), else 0."""
    if fail_on is None:
        return EXIT_OK
    return EXIT_FINDINGS if any(d.severity.rank >= fail_on.rank for d in diags) else EXIT_OK


def counts(diags: Iterable[Diagnostic]) -> dict[str, int]:
    c = Counter(d.severity.value for d in diags)
    return {s.value: c.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


def summary_line(diags: Sequence[Diagnostic], files: int, entries: int, suppressed: int = 0) -> str:
    c = counts(diags)
    parts = [f"{n} {k}{'s' if n != 1 and k != 'info' else ''}" for k, n in c.items()]
    text = f"{files} files, {entries} entries: " + ", ".join(parts)
    if suppressed:
        text += f" ({suppressed} suppressed by the baseline)"
    return text


def format_text(d: Diagnostic, colour: bool = False) -> str:
    # Called for every finding of a tree (thousands): the plain attribute
    # behind Severity.value, and the span written out here rather than
    # through Span.__str__.
    sev = d.severity._value_
    s = d.span
    if colour:
        line = (
            f"{_BOLD}{s.path}:{s.line}:{s.column}:{_RESET} {_COLOURS[d.severity]}{sev}:{_RESET} "
            f"{d.message} {_DIM}[{d.rule_id} {d.name}]{_RESET}"
        )
    else:
        line = f"{s.path}:{s.line}:{s.column}: {sev}: {d.message} [{d.rule_id} {d.name}]"
    if d.file_span is not None:
        line += f"\n    file: {d.file_span}"
    if d.hint:
        line += f"\n    hint: {d.hint}"
    return line


def write_text(
    out: IO[str],
    diags: Sequence[Diagnostic],
    files: int,
    entries: int,
    colour: bool = False,
    suppressed: int = 0,
    hints: bool = True,
) -> None:
    lines = [format_text(d, colour) for d in diags]
    if not hints:
        lines = [text.split("\n", 1)[0] for text in lines]
    lines.append(summary_line(diags, files, entries, suppressed))
    # One write: on an unbuffered stream (python -u, PYTHONUNBUFFERED) each
    # write is a system call, and a kernel tree has thousands of findings.
    out.write("\n".join(lines) + "\n")


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": d.span.path,
        "line": d.span.line,
        "column": d.span.column,
        "severity": d.severity.value,
        "rule": d.rule_id,
        "name": d.name,
        "message": d.message,
        "hint": d.hint,
    }
    if d.file_span is not None:
        out["file"] = {"path": d.file_span.path, "line": d.file_span.line, "column": d.file_span.column}
    return out


def _sarif_location(span: Any) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": span.path},
            "region": {"startLine": span.line, "startColumn": span.column},
        }
    }


def _sarif_result(d: Diagnostic, level: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.rule_id,
        "level": level,
        "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
        "locations": [_sarif_location(d.span)],
    }
    if d.file_span is not None:
        related = _sarif_location(d.file_span)
        related["message"] = {"text": "the same line in the file the patch produces"}
        result["relatedLocations"] = [related]
    return result


def write_json(
    out: IO[str], diags: Sequence[Diagnostic], files: int, entries: int, suppressed: int = 0
) -> None:
    doc = {
        "tool": "abi-tools",
        "version": __version__,
        "files": files,
        "entries": entries,
        "summary": counts(diags),
        "suppressed": suppressed,
        "diagnostics": [diagnostic_dict(d) for d in diags],
    }
    _dump(out, doc)


def _dump(out: IO[str], doc: dict[str, Any]) -> None:
    import json  # here: text output, the default, needs none of it

    json.dump(doc, out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_sarif(out: IO[str], diags: Sequence[Diagnostic], rules: Iterable[Any]) -> None:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    doc = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "abi-tools",
                        "version": __version__,
                        "rules": [
                            {"id": r.id, "name": r.name, "shortDescription": {"text": r.summary}}
                            for r in rules
                        ],
                    }
                },
                "results": [_sarif_result(d, level[d.severity]) for d in diags],
            }
        ],
    }
    _dump(out, doc)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def write_github(out: IO[str], diags: Sequence[Diagnostic]) -> None:
    kind = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for d in diags:
        props = (
            f"file={_gh_escape(d.span.path, True)},line={d.span.line},col={d.span.column},"
            f"title={_gh_escape(d.rule_id + ' ' + d.name, True)}"
        )
        msg = d.message + (f" ({d.hint})" if d.hint else "")
        if d.file_span is not None:
            msg += f" [{d.file_span}]"
        out.write(f"::{kind[d.severity]} {props}::{_gh_escape(msg)}\n")


def write_statistics(out: IO[str], diags: Sequence[Diagnostic]) -> None:
    c = Counter((d.rule_id, d.name, d.severity.value) for d in diags)
    for (rid, name, sev), n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{n:7d}  {rid}  {name:28s} {sev}\n")


def use_colour(stream: IO[str]) -> bool:
    import os

    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def error(message: str) -> None:
    """A usage or I/O problem: one line on stderr."""
    sys.stderr.write(f"abi-tools: {message}\n")
