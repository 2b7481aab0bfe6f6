"""What the cross-checker reports: one match per declaration, and findings.

Plain frozen dataclasses, no I/O.  This is the public shape other tools (the
pre-submit check, ``--format json``) build on: change it only compatibly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from abi_tools.csrc.model import Declaration
from abi_tools.model import AbiEntry, What

Confidence = Literal["high", "low"]
Mode = Literal["RO", "RW", "WO"]

#: Finding kinds, in the order reports list them.
KINDS: tuple[str, ...] = ("missing-doc", "mode-mismatch", "low-confidence", "doc-without-code")

#: Default severity of each kind (``--fail-on`` compares against these).
SEVERITY: dict[str, str] = {
    "missing-doc": "warning",
    "mode-mismatch": "warning",
    "low-confidence": "info",
    "doc-without-code": "info",
}


@dataclass(frozen=True)
class DeclMatch:
    """The ABI entry one declaration was matched to, or none.

    Only ``confidence == "high"`` counts as documented; a low-confidence match
    names the best candidate so a human can decide.
    """

    decl: Declaration
    entry: AbiEntry | None = None
    what: What | None = None
    abi_file: str | None = None  # display path of the ABI file
    confidence: Confidence | None = None
    reasons: tuple[str, ...] = ()
    doc_mode: Mode | None = None

    @property
    def documented(self) -> bool:
        return self.confidence == "high"

    def to_json(self) -> dict[str, Any]:
        return {
            "declaration": self.decl.to_json(),
            "abi_file": self.abi_file,
            "abi_line": self.what.span.line if self.what else None,
            "what": self.what.path if self.what else None,
            "confidence": self.confidence,
            "reasons": list(self.reasons),
            "doc_mode": self.doc_mode,
            "documented": self.documented,
        }


@dataclass(frozen=True)
class XFinding:
    """A problem found by comparing code and documentation."""

    kind: str  # one of KINDS
    c_file: str | None
    c_line: int | None
    abi_file: str | None
    abi_line: int | None
    what: str | None
    message: str
    hint: str = ""
    #: a severity below the kind's default, for a finding that is only likely
    #: (hwmon's read/write files may be read-only on a chip)
    level: str | None = None

    @property
    def severity(self) -> str:
        return self.level or SEVERITY[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "c_file": self.c_file,
            "c_line": self.c_line,
            "abi_file": self.abi_file,
            "abi_line": self.abi_line,
            "what": self.what,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class XcheckResult:
    matches: list[DeclMatch] = field(default_factory=list)
    findings: list[XFinding] = field(default_factory=list)
    #: whether doc-without-code was checked (the whole tree was scanned)
    complete: bool = False
