"""Configuration: ``[tool.abi-tools]`` in a pyproject.toml, or ``.abi-tools.toml``,
found upwards from the linted path (the nearest one wins).

    [tool.abi-tools]
    select = ["ALL"]                # ids, names or groups; default: the default rules
    ignore = ["missing-kernelversion"]
    fail-on = "warning"             # error | warning | info | never
    baseline = "abi-baseline.json"  # relative to the config file
    [tool.abi-tools.severity]
    missing-contact = "error"
    [tool.abi-tools.rules.date-version-mismatch]
    months-after = 9
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names it."""


@dataclass
class Config:
    """The ``[tool.abi-tools]`` settings (defaults when there is no file)."""

    path: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    baseline: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)


def find_config(start: str) -> str | None:
    p = os.path.abspath(start)
    if not os.path.isdir(p):
        p = os.path.dirname(p)
    while True:
        own = os.path.join(p, ".abi-tools.toml")
        if os.path.isfile(own):
            return own
        py = os.path.join(p, "pyproject.toml")
        if os.path.isfile(py) and _has_section(py):
            return py
        parent = os.path.dirname(p)
        if parent == p:
            return None
        p = parent


def _has_section(path: str) -> bool:
    # tomllib is imported where a file is read: most runs find none.
    import tomllib

    try:
        with open(path, "rb") as fh:
            return "abi-tools" in tomllib.load(fh).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False


def _strings(value: Any, key: str, path: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{path}: '{key}' must be a string or a list of strings")


def load_config(path: str) -> Config:
    import tomllib

    try:
        with open(path, "rb") as fh:
            doc = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = doc.get("tool", {}).get("abi-tools", {}) if path.endswith("pyproject.toml") else doc
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.abi-tools] must be a table")
    cfg = Config(path=path)
    if "select" in table:
        cfg.select = _strings(table["select"], "select", path)
    if "ignore" in table:
        cfg.ignore = _strings(table["ignore"], "ignore", path)
    if "fail-on" in table:
        cfg.fail_on = str(table["fail-on"])
    if "baseline" in table:
        cfg.baseline = os.path.join(os.path.dirname(path), str(table["baseline"]))
    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{path}: [severity] must be a table of rule = level")
    cfg.severity = {str(k): str(v) for k, v in sev.items()}
    rules = table.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}: [rules] must be a table of tables")
    cfg.rules = {str(k): dict(v) for k, v in rules.items() if isinstance(v, dict)}
    unknown = set(table) - {"select", "ignore", "fail-on", "baseline", "severity", "rules"}
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
    return cfg
