"""The lint rules on the ABI files as the series leaves them, kept to what it adds.

Entry and file rules run on the touched files alone; tree rules
(duplicate-what) on the whole Documentation/ABI after the series, so that a
What the series documents twice, or documents again where the tree already
has it, is found.  A finding is kept when its line is one the series adds,
and is then reported at the input line that adds it.

Lines from a hunk whose whitespace a web archive or mailer stripped tell
nothing about the real layout: the whitespace rule and the ReST rule, which
only judge layout and indentation, are not reported there.
"""

from __future__ import annotations

from collections.abc import Iterable

from abi_tools.lint import run_rules
from abi_tools.model import AbiTree, Diagnostic
from abi_tools.rules import all_rules

from .context import PatchContext

#: Rules whose findings depend on indentation and blanks only.
LAYOUT_RULES = frozenset({"whitespace", "description-rest"})


def lint_series(ctx: PatchContext, selected: Iterable[str]) -> list[Diagnostic]:
    wanted = set(selected)
    rules = [r for r in all_rules() if r.id in wanted and r.scope != "patch"]
    tree_ids = {r.id for r in rules if r.scope == "tree"}
    local_ids = {r.id for r in rules} - tree_ids
    found: list[Diagnostic] = []
    if not ctx.abi:
        return found
    if local_ids:
        small = AbiTree("", tuple(a.file for a in ctx.abi))
        found.extend(run_rules(small, ctx.lint_context, local_ids))
    if tree_ids:
        found.extend(run_rules(ctx.after_tree, ctx.lint_context, tree_ids))
    by_path = {a.file.path: a for a in ctx.abi}
    layout_ids = {r.id for r in rules if r.name in LAYOUT_RULES}
    out: list[Diagnostic] = []
    for d in found:
        a = by_path.get(d.span.path)
        if a is None:
            continue
        loc = ctx.locate(a.image, d.span.line, d.span.column)
        if loc is None:
            continue
        if d.rule_id in layout_ids and a.mangled(d.span.line):
            continue
        out.append(Diagnostic(d.rule_id, d.name, d.severity, loc[0], d.message, d.hint, loc[1]))
    return out
