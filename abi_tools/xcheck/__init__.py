"""Cross-check sysfs attributes declared in C against Documentation/ABI.

Public API (the pre-submit check and ``abi-tools xcheck`` build on it)::

    from abi_tools.xcheck import cross_check
    result = cross_check(tree, scans, complete=True)
    result.matches   # one DeclMatch per declaration
    result.findings  # XFinding: missing-doc, mode-mismatch, low-confidence, doc-without-code

``complete``: the scans cover the whole kernel tree, so a documented What
with no declaration is worth reporting (``doc-without-code``).
"""

from __future__ import annotations

from collections.abc import Sequence

from abi_tools.csrc.model import ScanResult
from abi_tools.model import AbiTree
from abi_tools.xcheck.evidence import ContextIndex
from abi_tools.xcheck.findings import decl_findings, doc_without_code
from abi_tools.xcheck.index import WhatIndex
from abi_tools.xcheck.match import Matcher
from abi_tools.xcheck.model import KINDS, SEVERITY, DeclMatch, XcheckResult, XFinding

__all__ = ["KINDS", "SEVERITY", "DeclMatch", "XFinding", "XcheckResult", "cross_check"]


def cross_check(tree: AbiTree, scans: Sequence[ScanResult], *, complete: bool) -> XcheckResult:
    """Match every declaration of ``scans`` to the ABI entries of ``tree``."""
    index = WhatIndex(tree)
    matcher = Matcher(index)
    contexts = ContextIndex(scans)
    matches = [matcher.match(contexts.evidence(d)) for r in scans for d in r.declarations]
    findings = decl_findings(matches)
    if complete:
        findings.extend(doc_without_code(index, matches))
    return XcheckResult(matches=matches, findings=findings, complete=complete)
