"""What paths as patterns: the wildcard spellings of Documentation/ABI, compiled.

The ABI files write variable parts of a path in many ways: ``<N>``, ``<pmu>``,
``X``/``Y``/``Z``/``N`` as a single capital (``hwmonX``, ``fanY_input``), ``*``,
``{a,b}``, ``[0-9]+``, ``[0-7]``, ``[error|warn]``, ``(a|b)`` and a ``...``
component for "any number of directories".  Each path component becomes a
regex source; :class:`Component` keeps whether it had any literal text, because
a component that is *only* a wildcard (``*``, ``<N>``) says nothing about the
name it stands for and must not match every attribute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A single capital used as a variable: not next to another letter, so that
# hwmonX, fanY_input, in_voltageY-voltageZ_raw and trip_point_Y_type qualify
# while MAX, SRWS1 and wNdpOutAlignment (literal camel case) do not.
_CAPITAL = re.compile(r"(?<![A-Z])[XYZN](?![A-Za-z])")
_TOKEN = re.compile(
    r"""
      (?P<angle><[^<>/]*>)
    | (?P<brace>\{[^{}/]*\})
    | (?P<paren>\([^()/]*\|[^()/]*\))
    | (?P<bracket>\[[^\[\]/]*\]\+?|\\d\+)
    | (?P<star>\*)
    | (?P<capital>[XYZN])
    """,
    re.VERBOSE,
)
_NUMBER = "[0-9]+"
_ANY = "[^/]+"

#: Literal characters a name may contain; anything else in a component is noise
#: such as "(for FireWire)" and makes the component unusable as a pattern.
_SANE = re.compile(r"[\w.:@+\-,=%#<>{}\[\]|()*!&^]+\Z")


@dataclass(frozen=True)
class Component:
    """One path component: its text, a regex source, and whether it has literal text."""

    text: str
    regex: str
    literal: bool  # no wildcard at all
    wildcard_only: bool  # nothing literal: matches any name
    #: the literal fragments, for token evidence ("hwmonX" -> ("hwmon",))
    fragments: tuple[str, ...]


def _capital_positions(text: str) -> set[int]:
    return {m.start() for m in _CAPITAL.finditer(text)}


def _alternatives(inner: str, sep: str) -> str:
    return "(?:" + "|".join(compile_component(a.strip()).regex for a in inner.split(sep)) + ")"


# [0-7], [0:7], [01], [0..N], [0-9]+, [n], [list-number]: a number
_NUMERIC_BRACKET = re.compile(
    r"\[(?:[0-9]+(?:(?:-|:|\.\.)(?:[0-9]+|[A-Za-z]))?|0-9|n|N|[a-z]+-number)\]\+?\Z"
)


def _bracket(tok: str) -> tuple[str, list[str]]:
    """A [...] token: (regex, literal alternatives it names)."""
    if tok == "\\d+" or _NUMERIC_BRACKET.match(tok):
        return _NUMBER, []
    inner = tok.rstrip("+")[1:-1]
    if "|" in inner:  # [etm|ptm], [error|warn]
        return _alternatives(inner, "|"), inner.split("|")
    # [.Y], [-X], [.port]: an optional part
    return "(?:" + compile_component(inner).regex + ")?", []


@lru_cache(maxsize=65536)
def compile_component(text: str) -> Component:
    capitals = _capital_positions(text)
    parts: list[str] = []
    fragments: list[str] = []
    literal_chars = 0
    wild = False
    pos = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "capital" and m.start() not in capitals:
            continue  # a capital inside a literal word
        if m.start() > pos:
            lit = text[pos : m.start()]
            parts.append(re.escape(lit))
            fragments.append(lit)
            literal_chars += len(lit)
        tok = m.group()
        wild = True
        if kind == "angle":
            parts.append(_ANY)
        elif kind == "brace":
            alts = _alternatives(tok[1:-1], ",")
            parts.append(alts)
            fragments.extend(tok[1:-1].split(","))
            if all(a.strip() and "<" not in a and "*" not in a for a in tok[1:-1].split(",")):
                literal_chars += 1  # {coresize,initsize} names its files
        elif kind == "paren":
            parts.append(_alternatives(tok[1:-1], "|"))
            fragments.extend(tok[1:-1].split("|"))
            literal_chars += 1
        elif kind == "bracket":
            regex, alternatives = _bracket(tok)
            parts.append(regex)
            fragments.extend(alternatives)
            literal_chars += 1 if alternatives else 0
        elif kind == "capital":
            parts.append(_NUMBER)
        else:  # star
            parts.append("[^/]*")
        pos = m.end()
    if pos < len(text):
        lit = text[pos:]
        parts.append(re.escape(lit))
        fragments.append(lit)
        literal_chars += len(lit)
    return Component(
        text=text,
        regex="".join(parts),
        literal=not wild,
        wildcard_only=wild and literal_chars == 0,
        fragments=tuple(f for f in fragments if f.strip("_-.:")),
    )


@dataclass(frozen=True)
class WhatPattern:
    """A What path split into components; ``directory`` when written with a trailing '/'."""

    path: str
    components: tuple[Component, ...]
    directory: bool

    @property
    def last(self) -> Component:
        return self.components[-1]

    @property
    def parent(self) -> Component | None:
        return self.components[-2] if len(self.components) >= 2 else None


# Spellings of a path that are not the path itself, each with what it stands
# for: ReST escapes ("GOOG000C\:00", "\*"), a placeholder with words in
# it ("<control type>", "<renesas_usb3's name>"), a shell variable ("$name"),
# a device's directory found by a shell expression ("$(readlink -f X)/..")
# and a leading "..." for "some directory".
_ESCAPE = re.compile(r"\\([^\w\\])")
_SPACED_ANGLE = re.compile(r"<[^<>/]*[\s'][^<>/]*>")
_SHELL_VAR = re.compile(r"\$(?:\{\w+\}|\w+)")
_SHELL_DIR = re.compile(r"^\$\(readlink -f ([^)\s]*)\)((?:/\.\.)*)/")


def _resolved(m: re.Match[str]) -> str:
    """The directory "$(readlink -f /sys/bus/dax/devices/daxX.Y)/../" names,
    written with the words it has: /sys/bus/dax/devices/."""
    parts = m.group(1).rstrip("/").split("/")
    up = m.group(2).count("..")
    return "/".join(parts[: len(parts) - up] if up else parts) + "/"


def normalize_what(path: str) -> str:
    """A What as a plain path pattern: escapes removed, placeholders with
    spaces, shell variables and shell expressions made wildcards, and prose
    after the path ("... capability for MMIO", "name = \"x\"") dropped."""
    text = _ESCAPE.sub(r"\1", path.strip())
    text = _SPACED_ANGLE.sub("<_>", text)
    text = _SHELL_DIR.sub(_resolved, text)
    text = _SHELL_VAR.sub("<_>", text)
    if text.startswith(".../"):
        text = "/sys/" + text
    return text.split(None, 1)[0] if text else text


def parse_what(path: str) -> WhatPattern | None:
    """The pattern of a What path, or None when it is not a path (prose, /dev names)."""
    text = normalize_what(path)
    if not text.startswith("/"):
        return None
    directory = text.endswith("/")
    parts = [p for p in text.split("/") if p]
    if not parts or not all(_SANE.match(p) for p in parts):
        return None
    return WhatPattern(text, tuple(compile_component(p) for p in parts), directory)


@lru_cache(maxsize=65536)
def component_regex(text: str) -> re.Pattern[str]:
    return re.compile(compile_component(text).regex + r"\Z")


def component_matches(component: Component, name: str) -> bool:
    return component_regex(component.text).match(name) is not None


def concrete_name(name: str) -> str:
    """A declared name as a concrete file name: printf templates such as
    ``temp%d_input`` (filled in at run time) become ``temp1_input``."""
    if "%" not in name:
        return name
    name = re.sub(r"%[-+ #0-9]*(?:l{0,2}|h{0,2}|z)[diux]", "1", name)
    return re.sub(r"%[-+ #0-9]*s", "x", name)
