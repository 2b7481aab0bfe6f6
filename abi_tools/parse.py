"""Text of one ABI file -> :class:`AbiFile`.

The grammar (``grammars/abi.lark``) says how lines group into entries; this
module turns the parse tree into the model.  Description text is normalised
the way the kernel's ``get_abi.py`` does it (tabs expanded, the first line's
indentation removed from every line), so the ReST means what it means in
``make htmldocs``.  Parsing never raises on bad input.
"""

from __future__ import annotations

import functools
import os
import re
from typing import TYPE_CHECKING, cast

from abi_tools import grammar, tags
from abi_tools.model import LEVELS, AbiEntry, AbiFile, Diagnostic, Field, Severity, Span, What

if TYPE_CHECKING:
    from lark import Token, Tree

_TAG_SPLIT = re.compile(r"([A-Za-z][A-Za-z_-]*)([:;]?)([ \t]*)(.*)", re.S)

#: The tokens that start a field (the rest of a field's tokens are text).
_TAG_TOKENS = ("TAG", "ODD_TAG")


def _on_text(tok: Token) -> Token:
    """Retype a column-0 text line that is a damaged tag line."""
    tag = tags.damaged_tag(tok.value)
    if tag is None:
        return tok
    return tok.update("ODD_WHAT" if tag == "What" else "ODD_TAG")


@functools.cache
def parser() -> grammar.AbiParser:
    """The grammar's LALR parser, built once per process."""
    return grammar.build({"TEXT": _on_text})


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


def _split_tag(line: str, well_formed: bool = False) -> tuple[str, str, str, str]:
    """(word, separator char, spacing, value) of a tag line without its newline.

    ``well_formed``: the lexer called the line a tag with its colon (a TAG or
    WHAT token), so the word is everything before the first colon; three
    string calls instead of a regular expression, for most lines of a file.
    """
    if well_formed:
        word, sep, rest = line.partition(":")
        content = rest.lstrip(" \t")
        return word, sep, rest[: len(rest) - len(content)], content
    m = _TAG_SPLIT.match(line)
    if not m:  # cannot happen for lines the lexer called tags; keep the line as value
        return "", "", "", line
    return cast(tuple[str, str, str, str], m.groups())


@functools.lru_cache(maxsize=256)
def _tag_of(word: str) -> str:
    """The canonical tag a tag line's word stands for (the word itself when none)."""
    return tags.canonical(word) or tags.near_miss(word) or word


def _body(first: int, rest: str) -> list[tuple[int, str]]:
    """(file line, text) of the lines a token took along after its first line."""
    return list(enumerate(rest.split("\n")[:-1], first + 1)) if rest else []


def _lines(tokens: list[Token], out: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``out`` extended with (file line, text without newline) of every line in body tokens."""
    for t in tokens:
        out.extend(enumerate(t.value.split("\n")[:-1], t.line or 0))
    return out


def _description(path: str, tok: Token, tokens: list[Token], parts: tuple[str, str, str, str]) -> Field:
    """The Description field: its text normalised the way get_abi.py does it.

    Tabs are expanded and the first line's indentation is removed from
    every line.  The lines of a field are consecutive lines of the file, so
    its line map is a range.
    """
    rest = tok.value.partition("\n")[2]
    line = tok.line or 0
    word, sep, spacing, content = parts
    value_col = len(word) + len(sep) + len(spacing) + 1 if content.strip() else 0
    if tokens:
        rest += "".join([t.value for t in tokens])
    # expandtabs() starts its columns again after every newline: one call
    # for the whole body is one per line.
    body = rest.expandtabs().split("\n")
    body.pop()  # after the last newline
    lines: list[str] = []
    space: str | None = None
    if value_col:
        first = (" " * (len(word) + len(sep)) + spacing + content).expandtabs()
        stripped = first.lstrip()
        space = first[: len(first) - len(stripped)]
        lines.append(stripped)
    for text in body:
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
    # Only blank lines are empty here; trim them at both ends.
    end = len(lines)
    while end and not lines[end - 1]:
        end -= 1
    begin = 0
    while begin < end and not lines[begin]:
        begin += 1
    start = line if value_col else line + 1
    last = start + end - 1 if end else line
    return Field(
        "Description",
        "\n".join(lines[begin:end]),
        Span(path, line, 1, last),
        word + sep,
        value_col,
        tuple(range(start + begin, start + end)),
    )


def _field(path: str, tok: Token, tokens: list[Token]) -> Field:
    """A field from its tag token (with the lines it took along) and the text tokens after it."""
    head, _, rest = tok.value.partition("\n")
    line = tok.line or 0
    parts = word, sep, spacing, content = _split_tag(head, tok.type == "TAG")
    tag = _tag_of(word)
    if tag == "Description":
        return _description(path, tok, tokens, parts)
    value = content.strip()
    value_col = len(word) + len(sep) + len(spacing) + 1 if value else 0
    if not rest and not tokens:
        # One line, no continuation: most Date, KernelVersion and Contact fields.
        return Field(tag, value, Span(path, line, 1, line), word + sep, value_col)
    body = _body(line, rest)
    if tokens:
        _lines(tokens, body)
    last = line
    for ln, text in reversed(body):
        if text.strip():
            last = ln
            break
    span = Span(path, line, 1, last)
    if body:
        values = [value]
        values.extend([text.strip() for _, text in body])
        value = "\n".join([v for v in values if v])
    return Field(tag, value, span, word + sep, value_col)


def _whats(path: str, tok: Token) -> list[What]:
    """The What of a What line, then the untagged paths under it that the token took along."""
    head, _, rest = tok.value.partition("\n")
    line = tok.line or 0
    word, sep, spacing, content = _split_tag(head, tok.type == "WHAT")
    col = len(word) + len(sep) + len(spacing) + 1
    out = [What(content.strip(), Span(path, line, col), False, word + sep)]
    if rest and tok.type == "WHAT":
        out.extend(_continuations(path, _body(line, rest)))
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
    what_block = cast("Tree[Token]", node.children[0])
    whats: list[What] = []
    for tok in cast("list[Token]", what_block.children):
        if tok.type in ("WHAT", "ODD_WHAT"):
            whats.extend(_whats(path, tok))
        else:
            whats.extend(_continuations(path, _lines([tok], [])))
    fields = _fields(path, cast("list[Token]", node.children[1:]))
    # Fields are in file order, each ending where its last non-blank line is.
    last = fields[-1].span.end_line if fields else whats[-1].span.line
    return AbiEntry(tuple(whats), fields, Span(path, whats[0].span.line, 1, last), level)


def _fields(path: str, tokens: list[Token]) -> tuple[Field, ...]:
    """The fields of a run of field tokens: each tag token and the text tokens after it."""
    out: list[Field] = []
    n = len(tokens)
    i = 0
    while i < n:
        j = i + 1
        while j < n and tokens[j].type not in _TAG_TOKENS:
            j += 1
        out.append(_field(path, tokens[i], tokens[i + 1 : j] if j > i + 1 else []))
        i = j
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
    except grammar.ParseError as exc:  # the grammar accepts any line sequence; belt and braces
        diagnostics.append(
            Diagnostic(
                "ABI001",
                "unreadable-file",
                Severity.ERROR,
                Span(path, exc.line, 1),
                f"cannot parse this file: {exc}",
            )
        )
        return AbiFile(path, level, (), "", lines, tuple(diagnostics), (), has_crlf, has_bom, ends_nl)
    preamble_node, *rest = tree.children
    preamble = "".join([t for t in cast("Tree[Token]", preamble_node).children if isinstance(t, str)])
    orphans: tuple[Field, ...] = ()
    entries: list[AbiEntry] = []
    for node in rest:
        node = cast("Tree[Token]", node)
        if node.data == "orphans":
            orphans = _fields(path, cast("list[Token]", node.children))
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
