"""The lint rules: a registry of small functions, each documented by example.

A rule is data (stable id, slug name, default severity, scope) plus a check
function whose docstring holds a PASS and a FAIL example; ``abi-tools rules``
and the rule documentation are generated from it.  Rules live in modules
named for what they check (``rules/kernelversion.py`` holds the
KernelVersion rules).

A check yields :class:`Finding` values; the engine turns them into
diagnostics with the rule's id, name and (configured) severity.

Scopes:
- ``entry``: ``check(ctx, file, entry)``, called for every entry;
- ``file``:  ``check(ctx, file)``, called once per file;
- ``tree``:  ``check(ctx, gathered)``, called once per run (cross-file rules),
  with ``gather(file)`` of every file, in order.  ``gather`` runs where the
  file was parsed, maybe in another process, so it returns plain data
  (tuples, strings, numbers) that is cheap to send back.
- ``patch``: ``check(ctx)`` with a :class:`abi_tools.precheck.context.PatchContext`,
  called once per ``check-patch`` run; these checks live in
  :mod:`abi_tools.precheck` and are listed here so that one registry serves
  ``abi-tools rules``, ``--select`` and ``--ignore``.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from abi_tools.model import Severity, Span, record

#: Rule modules, in the order their rules are listed.
MODULES: tuple[str, ...] = (
    "syntax",
    "fields",
    "duplicate_what",
    "dates",
    "kernelversion",
    "contact",
    "what_path",
    "whitespace",
    "description_rest",
)

#: Modules holding the ``patch`` scope checks of ``check-patch``.
PATCH_MODULES: tuple[str, ...] = (
    "abi_tools.precheck.patch_format",
    "abi_tools.precheck.stale_kernelversion",
    "abi_tools.precheck.stale_date",
    "abi_tools.precheck.removal_policy",
    "abi_tools.precheck.maintainers_contact",
    "abi_tools.precheck.missing_doc",
    "abi_tools.precheck.doc_without_code",
    "abi_tools.precheck.mode_mismatch",
)


@record()
class Finding:
    """What a check reports: where, what is wrong, what to write instead."""

    span: Span
    message: str
    hint: str = ""
    #: For a patch check: the same place in the file the patch produces.
    file_span: Span | None = None


CheckFn = Callable[..., Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its data and its check function."""

    id: str
    name: str
    severity: Severity
    scope: str
    check: CheckFn = field(compare=False)
    #: A name that selects this rule together with its siblings (missing-field).
    group: str = ""
    #: Whether the rule runs unless selected explicitly.
    default: bool = True
    #: For tree-scope rules: what check needs of one file (see the module doc).
    gather: Callable[[Any], Any] | None = field(default=None, compare=False)

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")

    def examples(self) -> dict[str, str]:
        """The PASS and FAIL examples of the docstring, keyed 'PASS'/'FAIL'."""
        out: dict[str, str] = {}
        key = ""
        lines: list[str] = []
        for line in self.doc.splitlines():
            head = line.strip().rstrip(":")
            if head in ("PASS", "FAIL"):
                if key:
                    out[key] = _dedent(lines)
                key, lines = head, []
            elif key:
                lines.append(line)
        if key:
            out[key] = _dedent(lines)
        return out


def _dedent(lines: list[str]) -> str:
    body = [ln for ln in lines]
    while body and not body[-1].strip():
        body.pop()
    while body and not body[0].strip():
        body.pop(0)
    indent = min((len(ln) - len(ln.lstrip()) for ln in body if ln.strip()), default=0)
    return "\n".join(ln[indent:] for ln in body) + "\n"


_REGISTRY: dict[str, Rule] = {}


def rule(
    id: str,
    name: str,
    severity: str,
    scope: str = "entry",
    group: str = "",
    default: bool = True,
    gather: Callable[[Any], Any] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check function as a rule."""
    if (scope == "tree") != (gather is not None):
        raise ValueError(f"rule {id} {name}: tree-scope rules, and only they, need a gather function")

    def wrap(fn: CheckFn) -> CheckFn:
        if id in _REGISTRY or any(r.name == name for r in _REGISTRY.values()):
            raise ValueError(f"rule {id} {name} registered twice")
        _REGISTRY[id] = Rule(id, name, Severity.parse(severity), scope, fn, group, default, gather)
        return fn

    return wrap


def all_rules(patch: bool = True) -> list[Rule]:
    """Every rule, in id order; without the ``patch`` scope checks unless ``patch``.

    A lint run asks without them: it never runs them, and their modules
    import what check-patch needs (email.utils alone is 9 ms of a cold run).
    """
    for mod in MODULES:
        importlib.import_module(f"abi_tools.rules.{mod}")
    if patch:
        for name in PATCH_MODULES:
            importlib.import_module(name)
    return sorted((r for r in _REGISTRY.values() if patch or r.scope != "patch"), key=lambda r: r.id)


def resolve(names: list[str] | tuple[str, ...], patch: bool = True) -> set[str]:
    """Rule ids for ids, names or group names; unknown ones raise KeyError.

    Without ``patch``, the ids of the other rules only: a name that only
    check-patch's checks answer to is known, and selects none of them.
    """
    rules = all_rules(patch)
    out: set[str] = set()
    for raw in names:
        n = raw.strip()
        if not n:
            continue
        if n.upper() == "ALL":
            out.update(r.id for r in rules)
            continue
        hit = {r.id for r in rules if n.upper() == r.id or n == r.name or n == r.group}
        # A prefix of ids (ABI0) selects a family, as in ruff.
        if not hit and n.upper().startswith("ABI"):
            hit = {r.id for r in rules if r.id.startswith(n.upper())}
        if not hit and not patch:
            resolve([n])  # KeyError unless a check-patch check answers to it
            continue
        if not hit:
            raise KeyError(n)
        out.update(hit)
    return out


def options(ctx: Any, rule_name: str) -> Mapping[str, Any]:
    """Per-rule options from the configuration (``[tool.abi-tools.rules.NAME]``), to read.

    Not a copy: entry rules ask for their options once per entry.
    """
    got = getattr(ctx, "rule_options", {}).get(rule_name, {})
    return got if isinstance(got, dict) else {}
