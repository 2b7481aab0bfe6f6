"""A lark lexer for grammars whose every token is a run of whole lines.

lark's own lexers find each token with a separate ``match`` call and keep
a line counter character by character; for the ABI grammar that is half
of a parse.  This lexer takes the same terminals, in the order lark itself
tries them (priority, then the longest possible match), joins them into
one pattern and walks the text with ``finditer``: one C call per token,
line numbers by counting the newlines in each token.  The grammar in
``grammars/abi.lark`` stays the only place the terminals are defined.

It gives the tokens lark's contextual lexer gives for this grammar, where
every terminal is allowed in every parser state (a test compares the two
on every file of both kernel corpora).  Text it cannot cut into tokens
raises lark's own ``UnexpectedCharacters``, as lark's lexers do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from lark import Token
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer, TerminalDef


def terminal_order(terminals: list[TerminalDef]) -> list[TerminalDef]:
    """The terminals in the order lark's basic lexer tries them."""
    return sorted(
        terminals,
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )


class LineLexer(Lexer):
    """Tokens of a text in one ``finditer`` pass (lark custom-lexer interface 0)."""

    def __init__(self, conf: Any) -> None:
        # Terminals only a callback produces (%declare) have no pattern.
        terminals = [t for t in conf.terminals if t.pattern.value]
        self.pattern = re.compile(
            "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminal_order(terminals)),
            conf.g_regex_flags,
        )
        self.callbacks: dict[str, Callable[[Token], Token]] = dict(conf.callbacks)

    def lex(self, text: str) -> Iterator[Token]:  # type: ignore[override]
        new = Token._future_new
        callbacks = self.callbacks
        line = 1
        pos = 0
        for m in self.pattern.finditer(text):
            start = m.start()
            if start != pos:
                break
            kind = m.lastgroup or ""
            value = m.group()
            tok = new(kind, value, start, line, 1)  # type: ignore[no-untyped-call]
            if kind in callbacks:
                tok = callbacks[kind](tok)
            yield tok
            line += value.count("\n")
            pos = m.end()
        if pos != len(text):
            column = pos - text.rfind("\n", 0, pos)
            raise UnexpectedCharacters(text, pos, line, column)  # type: ignore[no-untyped-call]
