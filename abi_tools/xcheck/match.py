"""Pick the What that documents each declaration, with a confidence.

Candidates come from the index (by file name, and by the directory for
Whats that only document a directory); each is scored; the best one is
``high`` when it clears the threshold with evidence beyond the name and no
candidate from another entry comes close, else ``low``.  A What found only
through its directory (generic) is high only when a framework convention
vouches for it as well.
"""

from __future__ import annotations

from abi_tools.xcheck.docmode import doc_mode
from abi_tools.xcheck.evidence import Evidence
from abi_tools.xcheck.index import WhatIndex
from abi_tools.xcheck.model import DeclMatch
from abi_tools.xcheck.score import HIGH, LOW, MARGIN, Candidate, WordStats, score


class Matcher:
    def __init__(self, index: WhatIndex) -> None:
        self.index = index
        self.stats = WordStats(index.refs)

    def candidates(self, ev: Evidence) -> list[Candidate]:
        name = ev.decl.name
        named = self.index.by_name(name)
        out = [score(ev, ref, False, self.stats) for ref in named]
        # An entry that has a What for the file itself is not also a listing of it.
        entries = {id(ref.entry) for ref in named}
        listed = [ref for ref in self.index.listed(name) if id(ref.entry) not in entries]
        out.extend(score(ev, ref, True, self.stats, listed=True) for ref in listed)
        if ev.group:
            seen = {id(ref) for ref in listed}
            out.extend(
                score(ev, ref, True, self.stats)
                for ref in self.index.containers(ev.group)
                if id(ref) not in seen
            )
        kept = [c for c in out if c.rejected is None]
        # One ABI file documenting the same name in sibling directories
        # (cxl's regionZ/size, decoderX.Y/size, memX/pmem/size): the one
        # named like the declaration's attribute array is its directory; the
        # module's other files fill the others, and their words are this
        # file's too.
        array_files = {id(c.ref.file) for c in kept if c.array_named}
        for c in kept:
            if id(c.ref.file) in array_files and not c.array_named and not c.generic:
                c.add(-1.0, "a sibling directory in its ABI file is named like the attribute array")
        kept.sort(key=Candidate.sort_key)
        return kept

    def match(self, ev: Evidence) -> DeclMatch:
        cands = self.candidates(ev)
        if not cands or cands[0].score < LOW:
            return DeclMatch(ev.decl)
        best = cands[0]
        reasons = list(best.reasons)
        high = best.supported and best.score >= HIGH
        if high and best.generic and not best.listed and not any("convention" in r for r in best.reasons):
            high = False
            reasons.append("only a directory-level What covers it, without a framework convention")
        rival = next(
            (c for c in cands[1:] if c.ref.entry is not best.ref.entry and c.score > best.score - MARGIN),
            None,
        )
        if high and rival is not None and rival.ref.file is not best.ref.file:
            high = False
            reasons.append(
                f"as likely: {rival.ref.file.path}:{rival.ref.what.span.line} {rival.ref.what.path}"
            )
        if not best.supported:
            reasons.append("no evidence beyond the name")
        elif best.score < HIGH:
            reasons.append(f"weak evidence (score {best.score:.1f} < {HIGH})")
        return DeclMatch(
            decl=ev.decl,
            entry=best.ref.entry,
            what=best.ref.what,
            abi_file=best.ref.file.path,
            confidence="high" if high else "low",
            reasons=tuple(reasons),
            # A directory's description speaks for the directory unless a line names the file.
            doc_mode=doc_mode(best.ref.entry.description, ev.decl.name, entry_wide=not best.generic),
        )
