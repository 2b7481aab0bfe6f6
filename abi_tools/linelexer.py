"""Lexing for grammars whose every token is a run of whole lines.

lark's own lexers find each token with a separate ``match`` call and keep
a line counter character by character; for the ABI grammar that was half
of a parse.  This lexer takes the parser's terminals, in the order lark
itself tries them (priority, then the longest possible match), joins them
into one pattern and walks the text with ``finditer``: one C call per
token, line numbers by counting the newlines in each token.  The grammar in
``grammars/abi.lark`` stays the one definition of the terminals.

It plugs into lark (or a standalone parser lark generated) as the
``LexerThread`` plugin, and gives the tokens lark's contextual lexer gives
for this grammar, where every terminal is allowed in every parser state (a
test compares the two on every file of both kernel corpora).  Text it
cannot cut into tokens raises the runtime's ``UnexpectedCharacters``, as
lark's lexers do.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterator
from typing import Any


def terminal_order(terminals: list[Any]) -> list[Any]:
    """The terminals in the order lark's basic lexer tries them."""
    return sorted(
        terminals,
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )


def line_pattern(terminals: list[Any], flags: int = 0) -> re.Pattern[str]:
    """One pattern of named alternatives, a group per terminal that has a pattern."""
    # Terminals only a callback produces (%declare) have none.
    with_pattern = [t for t in terminals if t.pattern.value]
    return re.compile(
        "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminal_order(with_pattern)),
        flags,
    )


def thread_class(runtime: types.ModuleType) -> type:
    """A ``LexerThread`` class of a lark runtime (lark.lexer, or a standalone module) lexing in one pass."""
    new_token = runtime.Token._future_new
    unexpected = runtime.UnexpectedCharacters
    # Per lexer: (the lexer, its pattern, its callbacks, its %ignore'd
    # terminals).  Holding the lexer keeps its id from being reused while
    # the entry exists.
    compiled: dict[int, tuple[Any, re.Pattern[str], dict[str, Callable[[Any], Any]], frozenset[str]]] = {}

    class LineLexerThread(runtime.LexerThread):  # type: ignore[misc,name-defined]
        def lex(self, parser_state: Any) -> Iterator[Any]:
            lexer = self.lexer
            got = compiled.get(id(lexer))
            if got is None:
                pattern = line_pattern(lexer.terminals, lexer.g_regex_flags)
                got = (lexer, pattern, dict(lexer.user_callbacks), frozenset(lexer.ignore_types))
                compiled[id(lexer)] = got
            _, pattern, callbacks, ignore = got
            text = self.state.text
            if not isinstance(text, str):  # lark >= 1.3: a TextSlice of the whole text
                text = text.text
            return _tokens(text, pattern, callbacks, ignore, new_token, unexpected)

    return LineLexerThread


def _tokens(
    text: str,
    pattern: re.Pattern[str],
    callbacks: dict[str, Callable[[Any], Any]],
    ignore: frozenset[str],
    new_token: Callable[..., Any],
    unexpected: Callable[..., BaseException],
) -> Iterator[Any]:
    line = 1
    pos = 0
    for m in pattern.finditer(text):
        start = m.start()
        if start != pos:
            break
        kind = m.lastgroup or ""
        value = m.group()
        if kind not in ignore:
            tok = new_token(kind, value, start, line, 1)
            if kind in callbacks:
                tok = callbacks[kind](tok)
            yield tok
        line += value.count("\n")
        pos = m.end()
    if pos != len(text):
        raise unexpected(text, pos, line, pos - text.rfind("\n", 0, pos))
