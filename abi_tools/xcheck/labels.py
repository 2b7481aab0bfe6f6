"""Precision and recall of a cross-check against hand labels.

A label says, for one declaration, whether it is documented and by which
What (``abi_file`` relative to Documentation/ABI, ``what`` as written), and
whether the documented mode disagrees with the code.  A prediction counts as
a correct "documented" only when it is high-confidence *and* names the same
ABI file and entry as the label's What: an entry that lists one file under
several paths (``/sys/bus/platform/devices/*.ufs/attributes/x`` and
``/sys/bus/platform/drivers/ufshcd/*/attributes/x``) documents it once, with
one Description, whichever of its Whats is named.  A right answer from
another entry is both a false positive and a false negative.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from abi_tools.xcheck.model import DeclMatch, XcheckResult

_ABI_PREFIX = "Documentation/ABI/"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f} recall {self.recall:.3f} "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


@dataclass
class Evaluation:
    documented: Score
    mode_mismatch: Score
    labels: int
    unmatched: int  # labels whose declaration the scan did not produce


def abi_relative(path: str | None) -> str | None:
    if path is None:
        return None
    i = path.find(_ABI_PREFIX)
    return path[i + len(_ABI_PREFIX) :] if i >= 0 else path


def _spaced(text: str | None) -> str:
    return " ".join((text or "").split())


def _key(file: str, line: int, name: str) -> tuple[str, int, str]:
    return (file, int(line), name)


def evaluate(
    result: XcheckResult, labels: Iterable[dict[str, Any]], *, same_entry: bool = True
) -> Evaluation:
    """``same_entry``: a What of the labelled What's entry agrees (False: only
    the labelled What itself, the stricter count)."""
    by_decl: dict[tuple[str, int, str], DeclMatch] = {
        _key(m.decl.file, m.decl.line, m.decl.name): m for m in result.matches
    }
    mismatched = {
        (f.c_file, f.c_line) for f in result.findings if f.kind == "mode-mismatch" and f.c_file is not None
    }
    doc, mode = Score(), Score()
    n = unmatched = 0
    for label in labels:
        n += 1
        m = by_decl.get(_key(label["file"], label["line"], label["name"]))
        if m is None:
            unmatched += 1
            continue
        tag = f"{label.get('id')} {label['file']}:{label['line']} {label['name']}"
        want = bool(label["documented"])
        got = m.documented
        same = (
            want
            and got
            and abi_relative(m.abi_file) == label.get("abi_file")
            and m.entry is not None
            and m.what is not None
            and _spaced(label.get("what"))
            in ({_spaced(w.path) for w in m.entry.whats} if same_entry else {_spaced(m.what.path)})
        )
        if same:
            doc.tp += 1
        else:
            if got:
                doc.fp += 1
            if want:
                doc.fn += 1
            if not got and not want:
                doc.tn += 1
            if got or want:
                pred = f"{abi_relative(m.abi_file)} {m.what.path}" if got and m.what else "undocumented"
                lab = f"{label.get('abi_file')} {label.get('what')}" if want else "undocumented"
                doc.misses.append(f"{tag}: predicted {pred} [{m.confidence}], label {lab}")
        want_mm = bool(label.get("mode_mismatch"))
        got_mm = (m.decl.file, m.decl.line) in mismatched
        if want_mm and got_mm:
            mode.tp += 1
        elif got_mm:
            mode.fp += 1
            mode.misses.append(f"{tag}: predicted a mode mismatch (doc {m.doc_mode}), label says none")
        elif want_mm:
            mode.fn += 1
            mode.misses.append(f"{tag}: missed a mode mismatch (label doc {label.get('doc_mode')})")
        else:
            mode.tn += 1
    return Evaluation(doc, mode, n, unmatched)


def select(labels: Sequence[dict[str, Any]], chunks: Iterable[int]) -> list[dict[str, Any]]:
    wanted = set(chunks)
    return [label for label in labels if label.get("chunk") in wanted]
