"""Text of one ABI file -> :class:`AbiFile`.

The grammar (``grammars/abi.lark``) says how lines group into entries; this
module turns the parse tree into the model.  Description text is normalised
the way the kernel's ``get_abi.py`` does it (tabs expanded, the first line's
indentation removed from every line), so the ReST means what it means in
``make htmldocs``.  Parsing never raises on bad input.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from typing import cast

import lark
from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from abi_tools import tags
from abi_tools.linelexer import LineLexer
from abi_tools.model import LEVELS, AbiEntry, AbiFile, Diagnostic, Field, Severity, Span, What

_TAG_SPLIT = re.compile(r"([A-Za-z][A-Za-z_-]*)([:;]?)([ \t]*)(.*)", re.S)

#: The tokens that start a field (the rest of a field's tokens are text).
_TAG_TOKENS = ("TAG", "ODD_TAG")


def _grammar_text() -> str:
    # A plain path: importlib.resources costs a tenth of a lint run's imports,
    # and the package is always installed as files (pyproject: package data).
    with open(os.path.join(os.path.dirname(__file__), "grammars", "abi.lark"), encoding="utf-8") as fh:
        return fh.read()


def _on_text(tok: Token) -> Token:
    """Retype a column-0 text line that is a damaged tag line."""
    tag = tags.damaged_tag(tok.value)
    if tag is None:
        return tok
    return Token.new_borrow_pos("ODD_WHAT" if tag == "What" else "ODD_TAG", tok.value, tok)


def _cache_path(grammar: str) -> str | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "abi-tools")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError:
        return None
    # Named by the grammar and lark's version, so that two installed versions
    # (or worktrees) do not keep replacing each other's file; lark checks the
    # content's hash again when it loads.
    key = hashlib.sha256(f"{lark.__version__}\0{LineLexer.__qualname__}\0{grammar}".encode()).hexdigest()[:16]
    return os.path.join(path, f"grammar-{key}.lark-cache")


@functools.cache
def parser() -> Lark:
    """The LALR parser, built once per process (and cached on disk by lark)."""
    options = dict(
        parser="lalr",
        lexer=LineLexer,
        lexer_callbacks={"TEXT": _on_text},
        maybe_placeholders=False,
    )
    grammar = _grammar_text()
    cache = _cache_path(grammar)
    if cache:
        try:
            return Lark(grammar, cache=cache, **options)
        except OSError:
            pass
    return Lark(grammar, **options)


def level_of(path: str) -> str:
    """The stability level a file's folder gives it ("unknown" outside them)."""
    # The folders of the path, as PurePath(path).parts[:-1] has them (no
    # empty or "." parts), without building a PurePath for every file.
    names = path.replace(os.altsep, os.sep) if os.altsep else path
    folders = [p for p in names.split(os.sep) if p and p != "."][:-1]
    for part in reversed(folders):
        if part in LEVELS:
            return part
    return "unknown"


def _split_tag(line: str) -> tuple[str, str, str, str]:
    """(word, separator char, spacing, value) of a tag line without its newline."""
    m = _TAG_SPLIT.match(line)
    if not m:  # cannot happen for lines the lexer called tags; keep the line as value
        return "", "", "", line
    return cast(tuple[str, str, str, str], m.groups())


def _head(tok: Token) -> tuple[str, list[tuple[int, str]]]:
    """A tag token's own line (without newline) and the lines under it that it took along."""
    texts = tok.value.split("\n")
    first = tok.line or 0
    return texts[0], list(enumerate(texts[1:-1], first + 1))


def _lines(tokens: list[Token], out: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``out`` extended with (file line, text without newline) of every line in body tokens."""
    for t in tokens:
        texts = t.value.split("\n")
        first = t.line or 0
        out.extend(enumerate(texts[:-1], first))
    return out


def _description(
    line: int, parts: tuple[str, str, str, str], body: list[tuple[int, str]]
) -> tuple[str, tuple[int, ...]]:
    """Normalised description text and the file line of each of its lines."""
    word, sep, spacing, content = parts
    lines: list[str] = []
    where: list[int] = []
    space: str | None = None
    if content.strip():
        first = (" " * len(word) + " " * len(sep) + spacing + content).expandtabs()
        stripped = first.lstrip()
        space = first[: len(first) - len(stripped)]
        lines.append(stripped)
        where.append(line)
    for ln, raw in body:
        text = raw.expandtabs()
        if not text.strip():
            lines.append("")
        elif space is None:
            stripped = text.lstrip()
            space = text[: len(text) - len(stripped)]
            lines.append(stripped)
        elif text.startswith(space):
            lines.append(text[len(space) :])
        else:
            # Like get_abi.py: a line indented less than the first one ends
            # the stripping for the rest of the description.
            space = ""
            lines.append(text)
        where.append(ln)
    while lines and not lines[-1].strip():
        lines.pop()
        where.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
        where.pop(0)
    return "\n".join(lines), tuple(where)


def _field(path: str, tok: Token, tokens: list[Token]) -> Field:
    """A field from its tag token (with the lines it took along) and the text tokens after it."""
    head, body = _head(tok)
    if tokens:
        _lines(tokens, body)
    parts = word, sep, spacing, content = _split_tag(head)
    tag = tags.canonical(word) or tags.near_miss(word) or word
    value = content.strip()
    value_col = len(word) + len(sep) + len(spacing) + 1 if value else 0
    line = tok.line or 0
    last = line
    for ln, text in reversed(body):
        if text.strip():
            last = ln
            break
    span = Span(path, line, 1, last)
    if tag == "Description":
        text, line_map = _description(line, parts, body)
        return Field(tag, text, span, word + sep, value_col, line_map)
    if body:
        values = [value]
        values.extend([text.strip() for _, text in body])
        value = "\n".join([v for v in values if v])
    return Field(tag, value, span, word + sep, value_col)


def _whats(path: str, tok: Token) -> list[What]:
    """The What of a What line, then the untagged paths under it that the token took along."""
    head, body = _head(tok) if tok.type == "WHAT" else (tok.value.rstrip("\n"), [])
    word, sep, spacing, content = _split_tag(head)
    col = len(word) + len(sep) + len(spacing) + 1
    out = [What(content.strip(), Span(path, (tok.line or 0), col), False, word + sep)]
    out.extend(_continuations(path, body))
    return out


def _continuations(path: str, lines: list[tuple[int, str]]) -> list[What]:
    out = []
    for ln, text in lines:
        stripped = text.strip()
        if stripped:
            col = len(text) - len(text.lstrip()) + 1
            out.append(What(stripped, Span(path, ln, col), True, ""))
    return out


def _entry(path: str, level: str, node: Tree[Token]) -> AbiEntry:
    # Children by position, as the grammar builds them: entry is a
    # what_block (a tree holding only tokens), then the tokens of its fields.
    what_block = cast(Tree[Token], node.children[0])
    whats: list[What] = []
    for tok in cast(list[Token], what_block.children):
        if tok.type in ("WHAT", "ODD_WHAT"):
            whats.extend(_whats(path, tok))
        else:
            whats.extend(_continuations(path, _lines([tok], [])))
    fields = _fields(path, cast(list[Token], node.children[1:]))
    last = whats[-1].span.line
    for f in fields:
        if f.span.last_line > last:
            last = f.span.last_line
    return AbiEntry(tuple(whats), fields, Span(path, whats[0].span.line, 1, last), level)


def _fields(path: str, tokens: list[Token]) -> tuple[Field, ...]:
    """The fields of a run of field tokens: each tag token and the text tokens after it."""
    out: list[Field] = []
    start = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or tokens[i].type in _TAG_TOKENS:
            out.append(_field(path, tokens[start], tokens[start + 1 : i]))
            start = i
    return tuple(out)


def parse_text(text: str, path: str, level: str | None = None) -> AbiFile:
    """Parse the text of one ABI file.  ``path`` is only used in spans."""
    if level is None:
        level = level_of(path)
    has_bom = text.startswith("\ufeff")
    if has_bom:
        text = text[1:]
    has_crlf = "\r\n" in text
    if has_crlf:
        text = text.replace("\r\n", "\n")
    ends_nl = text.endswith("\n") or not text
    lines = tuple(text.split("\n")[:-1] if ends_nl else text.split("\n"))
    if not ends_nl:
        text += "\n"
    diagnostics: list[Diagnostic] = []
    try:
        tree = parser().parse(text)
    except LarkError as exc:  # the grammar accepts any line sequence; belt and braces
        line = getattr(exc, "line", 1) or 1
        diagnostics.append(
            Diagnostic(
                "ABI001",
                "unreadable-file",
                Severity.ERROR,
                Span(path, int(line), 1),
                f"cannot parse this file: {str(exc).splitlines()[0]}",
            )
        )
        return AbiFile(path, level, (), "", lines, tuple(diagnostics), (), has_crlf, has_bom, ends_nl)
    preamble_node, *rest = tree.children
    assert isinstance(preamble_node, Tree)
    preamble = "".join(t.value for t in preamble_node.children if isinstance(t, Token))
    orphans: tuple[Field, ...] = ()
    entries: list[AbiEntry] = []
    for node in rest:
        assert isinstance(node, Tree)
        if node.data == "orphans":
            orphans = _fields(path, cast(list[Token], node.children))
        else:
            entries.append(_entry(path, level, node))
    return AbiFile(
        path,
        level,
        tuple(entries),
        preamble,
        lines,
        tuple(diagnostics),
        orphans,
        has_crlf,
        has_bom,
        ends_nl,
    )
