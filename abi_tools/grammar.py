"""The LALR parser of ``grammars/abi.lark``, loaded without importing lark.

Importing lark costs a lint run more than lexing every ABI file of a kernel
does (some 26 ms: its grammar compiler, the Earley and CYK parsers,
tempfile, hashlib).  lark's documented standalone generator writes an LALR
parser out as one Python module: lark's parsing runtime plus the tables
built from the grammar.  This module generates that once for each grammar,
lark installation and Python version, keeps its compiled code in the user's
cache directory, and from then on runs it from there; lark itself is only
imported to generate it.  The grammar file stays the one definition of the
language, and what parses is lark's own code.

When the cache cannot be written, the parser is generated in memory on
every run: slower, never wrong.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import sys
import types
from collections.abc import Callable
from importlib.machinery import PathFinder
from typing import TYPE_CHECKING

from abi_tools.atomic import write_bytes_atomic
from abi_tools.cachedir import cache_dir
from abi_tools.linelexer import thread_class

if TYPE_CHECKING:
    from lark import Token, Tree

#: Part of the cache key: raise it when what is generated changes.
FORMAT = 1

#: The name the generated module is registered under while it runs.
MODULE = "abi_tools._lark_standalone"


class ParseError(Exception):
    """Text the grammar cannot parse, with the line where it failed."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def grammar_text() -> str:
    """The text of ``grammars/abi.lark``."""
    # A plain path: importlib.resources costs a tenth of a lint run's imports,
    # and the package is always installed as files (pyproject: package data).
    with open(os.path.join(os.path.dirname(__file__), "grammars", "abi.lark"), encoding="utf-8") as fh:
        return fh.read()


class AbiParser:
    """The grammar's parser: ``parse(text)`` gives lark's parse tree or raises :class:`ParseError`."""

    def __init__(self, runtime: types.ModuleType, callbacks: dict[str, Callable[[Token], Token]]) -> None:
        self.runtime = runtime
        self._error = runtime.LarkError
        self._lark = runtime.Lark_StandAlone(
            lexer_callbacks=callbacks,
            _plugins={"LexerThread": thread_class(runtime)},
        )

    def parse(self, text: str) -> Tree[Token]:
        try:
            return self._lark.parse(text)  # type: ignore[no-any-return]
        except self._error as exc:
            line = getattr(exc, "line", 1) or 1
            raise ParseError(str(exc).splitlines()[0], int(line)) from None


def build(callbacks: dict[str, Callable[[Token], Token]]) -> AbiParser:
    """A parser for the grammar whose lexer runs these callbacks (terminal name -> function)."""
    return AbiParser(runtime(), callbacks)


@functools.cache
def runtime() -> types.ModuleType:
    """The standalone parser module of the grammar: from the cache, else generated."""
    grammar = grammar_text()
    key = cache_key(grammar)
    path = cache_path(key)
    code = _load(path, key)
    if code is None:
        code = compile(generate(grammar), f"<lark standalone parser of {__name__}>", "exec")
        # An unwritable cache: generated again next time.
        with contextlib.suppress(OSError):
            write_bytes_atomic(path, marshal.dumps((key, code)))
    module = types.ModuleType(MODULE)
    # Registered while its body runs: dataclasses look their module up.
    sys.modules[MODULE] = module
    exec(code, module.__dict__)
    return module


def cache_key(grammar: str) -> str:
    """Everything the generated code depends on: the grammar, lark, Python, this module."""
    spec = PathFinder.find_spec("lark")
    origin = spec.origin if spec and spec.origin else ""
    try:
        st = os.stat(origin)
        lark = f"{origin}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        lark = "none"
    return f"{FORMAT}\0{sys.implementation.cache_tag}\0{lark}\0{grammar}"


def cache_path(key: str) -> str:
    # zlib only names the file (two grammars or lark installations must not
    # keep replacing each other's); the whole key is checked on loading.
    import zlib

    name = f"parser-{sys.implementation.cache_tag}-{zlib.crc32(key.encode()):08x}.marshal"
    return cache_dir(name)


def _load(path: str, key: str) -> types.CodeType | None:
    try:
        with open(path, "rb") as fh:
            stored_key, code = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if stored_key != key or not isinstance(code, types.CodeType):
        return None
    return code


def generate(grammar: str) -> str:
    """The source of lark's standalone LALR parser for the grammar (imports lark)."""
    import io

    import lark
    from lark.tools.standalone import gen_standalone

    # The basic lexer: it is never run (the LexerThread plugin lexes), and
    # unlike the contextual one it builds nothing for each parser state.
    inst = lark.Lark(grammar, parser="lalr", lexer="basic", maybe_placeholders=False)
    out = io.StringIO()
    gen_standalone(inst, out=out)  # type: ignore[no-untyped-call]
    return out.getvalue()
