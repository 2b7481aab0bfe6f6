"""Evaluate a C permission expression (``0444``, ``S_IWUSR | S_IRUGO``, ...) safely.

A tiny recursive-descent evaluator over integers, never ``eval``: the input is
untrusted source text.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping

#: include/uapi/linux/stat.h and include/linux/stat.h
_CONSTANTS: dict[str, int] = {
    "S_IRWXU": 0o700,
    "S_IRUSR": 0o400,
    "S_IWUSR": 0o200,
    "S_IXUSR": 0o100,
    "S_IRWXG": 0o070,
    "S_IRGRP": 0o040,
    "S_IWGRP": 0o020,
    "S_IXGRP": 0o010,
    "S_IRWXO": 0o007,
    "S_IROTH": 0o004,
    "S_IWOTH": 0o002,
    "S_IXOTH": 0o001,
    "S_IRWXUGO": 0o777,
    "S_IALLUGO": 0o7777,
    "S_IRUGO": 0o444,
    "S_IWUGO": 0o222,
    "S_IXUGO": 0o111,
    "S_IREAD": 0o400,
    "S_IWRITE": 0o200,
    "S_IEXEC": 0o100,
    "S_ISUID": 0o4000,
    "S_ISGID": 0o2000,
    "S_ISVTX": 0o1000,
    # sysfs.h: a flag above the permission bits, masked off below
    "SYSFS_PREALLOC": 0o10000,
}

_TOKEN = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)[uUlL]*|([A-Za-z_]\w*)|(<<|>>|[|&^~+\-()]))")
# Wrappers that pass the permission through unchanged.
_TRANSPARENT = frozenset({"VERIFY_OCTAL_PERMISSIONS", "umode_t"})


_BINOPS: dict[str, Callable[[int, int], int]] = {
    "|": operator.or_,
    "^": operator.xor,
    "&": operator.and_,
    "<<": operator.lshift,
    ">>": operator.rshift,
    "+": operator.add,
    "-": operator.sub,
}


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def expect(self, op: str) -> None:
        tok = self.peek()
        if tok != ("op", op):
            raise ValueError(op)
        self.pos += 1

    # Precedence climbing: | < ^ < & < shifts < +,- < unary
    _LEVELS: tuple[tuple[str, ...], ...] = (("|",), ("^",), ("&",), ("<<", ">>"), ("+", "-"))

    def binary(self, level: int = 0) -> int:
        if level == len(self._LEVELS):
            return self.unary()
        value = self.binary(level + 1)
        while (tok := self.peek()) is not None and tok[0] == "op" and tok[1] in self._LEVELS[level]:
            op = self.take()[1]
            rhs = self.binary(level + 1)
            if op in ("<<", ">>") and not 0 <= rhs < 64:
                raise ValueError(op)
            value = _BINOPS[op](value, rhs)
        return value

    def unary(self) -> int:
        tok = self.peek()
        if tok is None:
            raise ValueError("end")
        kind, text = self.take()
        if kind == "num":
            # C reads a leading 0 as octal, Python's int(x, 0) rejects it
            if len(text) > 1 and text[0] == "0" and text[1] in "01234567":
                return int(text, 8)
            return int(text, 0)
        if kind == "id":
            if text in _TRANSPARENT:
                if self.peek() == ("op", "("):
                    self.take()
                    value = self.binary()
                    self.expect(")")
                    return value
                return self.unary()
            if text in _CONSTANTS:
                return _CONSTANTS[text]
            raise ValueError(text)
        if text == "(":
            # a cast such as (umode_t) is an identifier in parentheses
            nxt = self.peek()
            if nxt is not None and nxt[0] == "id" and nxt[1] in _TRANSPARENT:
                save = self.pos
                self.take()
                if self.peek() == ("op", ")"):
                    self.take()
                    return self.unary()
                self.pos = save
            value = self.binary()
            self.expect(")")
            return value
        if text == "~":
            return ~self.unary()
        if text == "-":
            return -self.unary()
        if text == "+":
            return self.unary()
        raise ValueError(text)


def _tokens(expr: str) -> list[tuple[str, str]] | None:
    out: list[tuple[str, str]] = []
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            return None
        if m.group(1):
            out.append(("num", m.group(1)))
        elif m.group(2):
            out.append(("id", m.group(2)))
        else:
            out.append(("op", m.group(3)))
        pos = m.end()
        while pos < len(expr) and expr[pos].isspace():
            pos += 1
    return out


def _substitute(expr: str, names: Mapping[str, str]) -> str:
    # A few rounds cover "#define PERM_RW (PERM_R | S_IWUSR)" chains without looping forever.
    for _ in range(4):
        changed = False

        def one(m: re.Match[str]) -> str:
            nonlocal changed
            word = m.group()
            if word in names and word not in _CONSTANTS and word not in _TRANSPARENT:
                changed = True
                return f"({names[word]})"
            return word

        expr = re.sub(r"[A-Za-z_]\w*", one, expr)
        if not changed:
            break
    return expr


def evaluate(expr: str, names: Mapping[str, str] | None = None) -> int | None:
    """Permission bits of ``expr`` (masked to 0o777), or None when it is not a constant.

    ``names`` maps object-like macro names of the same file to their bodies.
    """
    if names:
        expr = _substitute(expr, names)
    tokens = _tokens(expr)
    if not tokens:
        return None
    parser = _Parser(tokens)
    try:
        value = parser.binary()
    except (ValueError, IndexError):
        return None
    if parser.pos != len(tokens):
        return None
    return value & 0o777


def classify(octal: int | None) -> str | None:
    """ "RO", "WO" or "RW" from the read (0444) and write (0222) bits; None for 0 or unknown."""
    if octal is None:
        return None
    return _name(bool(octal & 0o444), bool(octal & 0o222))


def _name(readable: bool, writable: bool) -> str | None:
    if readable and writable:
        return "RW"
    if readable:
        return "RO"
    if writable:
        return "WO"
    return None


def served(callbacks: str | None) -> str | None:
    """The mode the callbacks alone would serve ("show+store" -> "RW"); None when not known."""
    if not callbacks:
        return None
    given = set(callbacks.split("+"))
    return _name("show" in given, "store" in given)


def effective(mode: str | None, callbacks: str | None) -> str | None:
    """The mode a file really has: its permission bits (``mode`` as from
    :func:`classify`) less what a missing callback takes away.  0644 with no
    store callback is read-only (sysfs refuses the write), 0600 with no show
    is write-only.  ``callbacks`` None (not known) leaves ``mode`` as it is."""
    if mode is None or callbacks is None:
        return mode
    given = set(callbacks.split("+"))
    return _name(mode in ("RO", "RW") and "show" in given, mode in ("WO", "RW") and "store" in given)
