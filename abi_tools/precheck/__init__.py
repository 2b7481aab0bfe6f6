"""``check-patch``: what a series does to the ABI, checked before it is sent.

The stages, each a module:

- :mod:`.series`: the inputs (files, stdin, a git range) as one series;
- :mod:`.base`: what the series applies to (a tree on disk, a git revision, nothing);
- :mod:`.images`: every touched file as the series leaves it, line by line traced
  back to the input line that added it;
- :mod:`.context`: all of that, plus release facts and MAINTAINERS, for the checks;
- :mod:`.postlint`: the lint rules on the resulting ABI files, kept to added lines;
- :mod:`.cscan` and :mod:`.crosscheck`: the C files the series touches, scanned
  before and after it, and the cross-checker run on what the series leaves;
- one module per check (``patch_format``, ``stale_kernelversion``, ``stale_date``,
  ``missing_doc``, ``doc_without_code``, ``mode_mismatch``, ``removal_policy``,
  ``maintainers_contact``), registered with the lint rules (scope ``patch``,
  ids ABI100-ABI107) so that ``abi-tools rules`` documents them and
  ``--select``/``--ignore`` pick them by id or name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from abi_tools.model import Diagnostic
from abi_tools.rules import all_rules

if TYPE_CHECKING:  # the check modules are imported by every lint run: keep them light
    from .context import PatchContext


def run_checks(ctx: PatchContext, selected: Iterable[str]) -> list[Diagnostic]:
    """Findings of the selected patch-scope checks."""
    wanted = set(selected)
    out: list[Diagnostic] = []
    for r in all_rules():
        if r.scope != "patch" or r.id not in wanted:
            continue
        severity = ctx.severity_overrides.get(r.id, r.severity)
        for f in r.check(ctx):
            out.append(Diagnostic(r.id, r.name, severity, f.span, f.message, f.hint, f.file_span))
    return out
