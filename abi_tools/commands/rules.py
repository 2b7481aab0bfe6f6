"""``abi-tools rules``: list every rule, or show one with its examples."""

from __future__ import annotations

import argparse
import json
import sys

from abi_tools import report

NAME = "rules"
HELP = "List the lint rules and check-patch checks (id, name, severity, summary), or explain one."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("rule", nargs="?", help="a rule id or name to explain")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")


def run(args: argparse.Namespace) -> int:
    from abi_tools.rules import all_rules, resolve

    rules = all_rules()
    if args.rule:
        try:
            ids = resolve([args.rule])
        except KeyError:
            report.error(f"unknown rule {args.rule!r}")
            return report.EXIT_USAGE
        rules = [r for r in rules if r.id in ids]
    out = sys.stdout
    if args.format == "json":
        doc = [
            {
                "id": r.id,
                "name": r.name,
                "severity": r.severity.value,
                "group": r.group,
                "default": r.default,
                "scope": r.scope,
                "summary": r.summary,
                "doc": r.doc,
                "examples": r.examples(),
            }
            for r in rules
        ]
        json.dump(doc, out, indent=2)
        out.write("\n")
    elif args.format == "markdown":
        for r in rules:
            out.write(f"## {r.id} {r.name}\n\nDefault severity: {r.severity.value}.\n\n{r.doc}\n\n")
    elif args.rule:
        for r in rules:
            out.write(f"{r.id} {r.name} ({r.severity.value})\n\n{r.doc}\n\n")
    else:
        for r in rules:
            extra = "" if r.default else " (off by default)"
            if r.scope == "patch":
                extra += " (check-patch)"
            out.write(f"{r.id}  {r.name:28s} {r.severity.value:8s} {r.summary}{extra}\n")
    return report.EXIT_OK
