"""The options every rule-running command shares: --select, --ignore, --fail-on, the configuration.

Not a sub-command itself (``cli.COMMANDS`` does not list it).
"""

from __future__ import annotations

import argparse

from abi_tools.config import Config, find_config, load_config
from abi_tools.model import Severity


class SelectionError(Exception):
    """An unknown rule or a bad severity; the message is one line for the user."""


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", type=_csv, action="extend", help="rule ids, names or groups to run")
    p.add_argument("--ignore", type=_csv, action="extend", help="rule ids, names or groups to skip")
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    p.add_argument("--config", metavar="FILE", help="configuration file (default: found upwards)")
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")


def config(args: argparse.Namespace, start: str) -> Config:
    """The configuration named by --config, or found upwards from ``start``; raises ConfigError."""
    if args.no_config:
        return Config()
    path = args.config or find_config(start)
    return load_config(path) if path else Config()


def rules(args: argparse.Namespace, cfg: Config, patch: bool = True) -> tuple[set[str], dict[str, Severity]]:
    """(selected rule ids, severity overrides) from the options and the configuration;
    without ``patch``, of the rules other than check-patch's checks."""
    from abi_tools.rules import all_rules, resolve

    try:
        wanted = list(args.select or cfg.select or [])
        selected = resolve(wanted, patch) if wanted else {r.id for r in all_rules(patch) if r.default}
        selected -= resolve(list(args.ignore or []) + cfg.ignore, patch)
        overrides = {
            rid: Severity.parse(level)
            for name, level in cfg.severity.items()
            for rid in resolve([name], patch)
        }
    except KeyError as exc:
        raise SelectionError(f"unknown rule {exc.args[0]!r}; 'abi-tools rules' lists them") from exc
    except ValueError as exc:
        raise SelectionError(f"{cfg.path}: bad severity: {exc}") from exc
    return selected, overrides


def fail_on(args: argparse.Namespace, cfg: Config) -> Severity | None:
    text = args.fail_on or cfg.fail_on or "error"
    return None if text == "never" else Severity.parse(text)
